"""Walk generated Markdown and report every relative link or image that does not resolve."""

from __future__ import annotations

import posixpath
import re

_MD_LINK = re.compile(r"(?<!\\)\]\(([^)\s]+)\)")
_SRC = re.compile(r'\bsrc="([^"]+)"')


def targets(text: str) -> list[str]:
    return _MD_LINK.findall(text) + _SRC.findall(text)


def broken_links(files: dict[str, bytes]) -> list[str]:
    """``page -> target`` for each relative link of a ``.md`` page that names no generated file.

    The site-only pages (All models, Compare, ...) count as generated: ``provcat build`` writes them
    beside the docs pages, which link to them."""
    from generator.outputs.site.pages import PAGES

    files = {**{page: b"" for page in PAGES}, **files}
    broken = []
    for page, data in files.items():
        if not page.endswith(".md"):
            continue
        for target in targets(data.decode("utf-8")):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
                continue  # absolute URL or in-page anchor
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target.split("#")[0]))
            if resolved not in files:
                broken.append(f"{page} -> {target}")
    return broken


def count_links(files: dict[str, bytes]) -> int:
    return sum(len(targets(d.decode("utf-8"))) for p, d in files.items() if p.endswith(".md"))
