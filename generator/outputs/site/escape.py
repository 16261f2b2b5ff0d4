"""Escaping text from YAML for where it lands: Markdown table cells and HTML.

Every string that comes from the catalog passes through one of these filters
before it reaches a page, so a ``<script>`` in a description renders as text,
a ``|`` does not split a table cell and ``[x](y)`` does not become a link.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# Characters with meaning inside a line (cells never start a line, so - + # > are inert).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()|~])")
_SPACE = re.compile(r"\s+")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$")


def html(text) -> Markup:
    """HTML-escaped text (``&``, ``<``, ``>``, quotes)."""
    return escape("" if text is None else str(text))


def md_cell(text) -> Markup:
    """Text safe inside a Markdown table cell: one line, HTML escaped, Markdown inert.

    Newlines become spaces; HTML special characters become entities; every
    character with meaning to Markdown (link brackets, emphasis, ``|``) is
    backslash-escaped.
    """
    one_line = _SPACE.sub(" ", "" if text is None else str(text)).strip()
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(one_line))))


def md_code(text) -> Markup:
    """An inline code span for Markdown, as HTML: ``<code>`` with the text escaped.

    A Markdown backtick span would show HTML entities literally, and a backtick in
    the text would end it; ``<code>`` has neither problem.
    """
    return Markup("<code>") + md_cell(text) + Markup("</code>")


def safe_url(url) -> str | None:
    """*url* when it is an absolute http(s) URL without quotes or spaces, else None.

    Parentheses are percent-encoded so the URL cannot end a Markdown link early.
    """
    if not isinstance(url, str) or not _SAFE_URL.match(url):
        return None
    return url.replace("(", "%28").replace(")", "%29")
