"""Markdown to HTML with a compiled engine (pyromark, CommonMark + tables), as mkdocs would render it.

mkdocs renders a page with Python-Markdown and the configured extensions (here ``tables`` and
``toc``): about 10 to 16 ms for an offering page, against 0.05 ms for pyromark.  The two agree on
the Markdown the generator writes (headings, emphasis, hard breaks, links, lists, GFM tables,
inline HTML) but not on everything, so a page goes the fast way only when :func:`fast_ok` finds
none of the constructs where they differ, or that a configured extension would change; any other
page is rendered by mkdocs' own ``Page.render`` (the exact path, see :mod:`.fast_pages`).

What mkdocs adds to Python-Markdown's HTML is done here on the compiled engine's HTML: heading
ids and the table of contents as the ``toc`` extension makes them (its own ``slugify``,
``unique`` and ``strip_tags``), the page title from the first ``<h1>`` as mkdocs extracts it,
and every Markdown link and image rewritten by mkdocs' own link resolver (``.md`` to the page's
URL, warnings for missing targets as mkdocs logs them).  Raw HTML in the source is left as
written, as Python-Markdown leaves it.
"""

from __future__ import annotations

import html
import re
import string
from dataclasses import dataclass
from typing import Callable

import pyromark
from markdown.extensions import toc as toc_ext

# Extensions whose syntax the compiled engine renders alike (tables) or that this module
# reproduces (toc, with its default options).  Any other configured extension is allowed only
# on pages that do not use its syntax (``_SYNTAX``); an extension not listed there sends every
# page the exact way.
NATIVE = frozenset({"tables", "toc"})
_SYNTAX = {
    "fenced_code": re.compile(r"^ {0,3}(?:```|~~~)", re.M),  # mkdocs adds it to every configuration
    "attr_list": re.compile(r"\{\s*[:#.]"),
    "md_in_html": re.compile(r"markdown\s*="),
    "admonition": re.compile(r"^ {0,3}!!!", re.M),
    "def_list": re.compile(r"^ {0,3}:[ \t]", re.M),
    "abbr": re.compile(r"^ {0,3}\*\[", re.M),
    "footnotes": re.compile(r"\[\^"),
    "sane_lists": re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])\s", re.M),
    "nl2br": re.compile(r"\S\n\S"),
    "meta": re.compile(r"\A\w[\w-]*:"),
}
# Where Python-Markdown and CommonMark part ways: block-level raw HTML (and any line starting
# with a tag), fenced and indented code, nested or indented list items, "#heading" without a
# space, backslashes at line ends.
# (One ^ before the alternatives: several times faster than a ^ in each.)
_DIFFERENT = re.compile(r"^(?: {0,3}<| {0,3}(?:```|~~~)|(?: {4}|\t)\S| {1,3}(?:[-*+]|\d+[.)])\s|#{1,6}[^#\s])", re.M)
# A line that is a whole <div> element, with a blank line (or the source's edge) either side.
_RAW_DIV = re.compile(r"(?:(?<=\A)|(?<=\n\n))<div\b[^\n]*</div>(?=\n\n|\n?\Z)")
_DIV_TAG = re.compile(r"<(/?)div\b[^>]*>", re.I)
_ANCHOR_ATTR = re.compile(r"\s(?:id|name)\s*=", re.I)
_ITEM = r" {0,3}(?:[-*+]|\d+[.)])(?:[ \t]|$)"
# A list item under a line that is neither blank, nor a heading, nor a list item.
_LIST_UNDER_TEXT = re.compile(rf"^(?![ \t]*$)(?![ \t]*#)(?!{_ITEM})[^\n]*\n{_ITEM}", re.M)
_TABLE_RULE = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$", re.M)
_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_LINK = re.compile(r'<(a href|img src)="([^"]*)"')
_RAW_TAG = re.compile(r"<(?:a|img)\b[^>]*>", re.I)
_OPTIONS = pyromark.Options.ENABLE_TABLES
# Python-Markdown puts each table row and cell on a line of its own; pyromark writes a table on one
# line.  The newlines matter: the search index takes each one for a space between two cells' words.
_TABLE_TAGS = ("<table>", "<thead>", "<tbody>", "<tr>", "</th>", "</td>", "</tr>", "</thead>", "</tbody>")


@dataclass
class Rendered:
    content: str  # the page's HTML, as Python-Markdown with mkdocs' link rewriting would give it
    toc: list[dict]  # the toc extension's nested tokens (level, id, name, children)
    title: str | None  # the first <h1>'s text if the page starts with one, as mkdocs takes it


def escapable(markdown_escaped_chars) -> frozenset[str]:
    """The ASCII punctuation a backslash does NOT escape in Python-Markdown (it does in CommonMark)."""
    return frozenset(string.punctuation) - frozenset(markdown_escaped_chars)


def fast_ok(source: str, extensions: frozenset[str], not_escaped: frozenset[str]) -> bool:
    """True when pyromark renders *source* as Python-Markdown with *extensions* would (see module)."""
    if any(name not in NATIVE and name not in _SYNTAX for name in extensions):
        return False
    if any(_SYNTAX[name].search(source) for name in extensions if name in _SYNTAX):
        return False
    if "<div" in source:
        source = _RAW_DIV.sub(_blank_if_whole, source)
    if _DIFFERENT.search(source) or "\\\n" in source or source.startswith("---"):
        return False
    if _escapes_differ(source, not_escaped):
        return False
    return not _interrupted_blocks(source)


def _blank_if_whole(match: re.Match) -> str:
    """A one-line ``<div>`` block between blank lines, closed at the line's end and holding no
    anchor (``id``/``name``: mkdocs collects them from raw HTML): both engines pass it through as
    written (the price history chart), so it is left out of the checks.  Any other such line is kept
    for :data:`_DIFFERENT` to find."""
    line = match.group(0)
    if _ANCHOR_ATTR.search(line):
        return line
    depth = 0
    for tag in _DIV_TAG.finditer(line):
        depth += -1 if tag.group(1) else 1
        if depth == 0 and tag.end() != len(line):
            return line
    return "" if depth == 0 else line


def _escapes_differ(source: str, not_escaped: frozenset[str]) -> bool:
    start = source.find("\\")
    while start >= 0:
        if source[start + 1:start + 2] in not_escaped:
            return True
        start = source.find("\\", start + 2)
    return False


def _interrupted_blocks(source: str) -> bool:
    """A list or table starting right under a paragraph line: CommonMark starts it, Python-Markdown does not."""
    if _LIST_UNDER_TEXT.search(source):
        return True
    for rule in _TABLE_RULE.finditer(source):
        if "|" in rule.group(0):
            above = source.rfind("\n", 0, max(rule.start() - 1, 0))  # the end of the line two above
            if above > 0 and source[source.rfind("\n", 0, above) + 1:above].strip():
                return True
    return False


def render(source: str, resolve: Callable[[str], str]) -> Rendered:
    """*source* as HTML: heading ids, toc tokens, title, and Markdown links passed through *resolve*."""
    body = _table_lines(pyromark.html(source, options=_OPTIONS))
    raw = set(_RAW_TAG.findall(source))
    body = _rewrite_links(body, raw, resolve)
    body, tokens, title = _headings(body, raw)
    return Rendered(body, toc_ext.nest_toc_tokens(tokens), title)


def _table_lines(body: str) -> str:
    """*body* with a newline after each table tag that Python-Markdown ends a line with."""
    if "<table>" not in body:
        return body
    for tag in _TABLE_TAGS:
        body = body.replace(tag, tag + "\n").replace(tag + "\n\n", tag + "\n")
    return body


def _rewrite_links(body: str, raw: set[str], resolve: Callable[[str], str]) -> str:
    def replace(match: re.Match) -> str:
        end = body.find(">", match.end())
        if body[match.start():end + 1] in raw:  # written as HTML in the source: left alone
            return match.group(0)
        url = resolve(html.unescape(match.group(2)))
        return f'<{match.group(1)}="{html.escape(url, quote=True)}"'
    return _LINK.sub(replace, body)


def _headings(body: str, raw: set[str]) -> tuple[str, list[dict], str | None]:
    used: set[str] = set()
    counters: dict[str, int] = {}
    tokens: list[dict] = []
    title = None

    def replace(match: re.Match) -> str:
        nonlocal title
        level, inner = int(match.group(1)), match.group(2)
        name = toc_ext.strip_tags(inner)
        ident = toc_ext.unique(toc_ext.slugify(html.unescape(name), "-"), used, counters)
        tokens.append({"level": level, "id": ident, "name": name, "html": inner, "data-toc-label": ""})
        if match.start() == 0 and level == 1:
            title = _title_text(inner, raw)
        return f'<h{level} id="{ident}">{inner}</h{level}>'
    body = _HEADING.sub(replace, body)
    return body, tokens, title


def _title_text(inner: str, raw: set[str]) -> str:
    """The title mkdocs takes from an ``<h1>``: its HTML with the tags stripped, entities kept,
    with a Markdown image's alt text in its place (mkdocs' ``get_heading_text``; an ``<img>``
    written as HTML is dropped with the other tags)."""
    from mkdocs.utils.rendering import _strip_tags

    def alt(match: re.Match) -> str:
        return match.group(0) if match.group(0) in raw else html.escape(html.unescape(match.group(1)), quote=False)
    return _strip_tags(_IMG_ALT.sub(alt, inner))


_IMG_ALT = re.compile(r'<img\b[^>]*?\balt="([^"]*)"[^>]*>')
