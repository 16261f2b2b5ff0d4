"""What a person and a search engine get from a built page, normalised for comparing two builds:
its title, visible text, headings, links (as absolute addresses) and search entries."""

from __future__ import annotations

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

SITE = "http://site.invalid/"
_BLOCKS = {"p", "div", "li", "ul", "ol", "nav", "header", "footer", "main", "article", "section", "aside",
           "table", "thead", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "label",
           "form", "dialog", "title", "pre", "blockquote", "hr"}
_HIDDEN = {"script", "style", "template"}
_LINKING = {("a", "href"), ("img", "src"), ("link", "href"), ("script", "src"), ("form", "action")}


class _Reader(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url, self.text, self.links, self.headings, self.title = url, [], [], [], ""
        self.hidden, self.heading, self.in_title = 0, None, False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in _HIDDEN:
            self.hidden += 1
        if tag in _BLOCKS:
            self.text.append(" ")
        if tag == "title":
            self.in_title = True
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = [tag, attributes.get("id"), []]
        for name, value in attrs:
            if (tag, name) in _LINKING and value is not None:
                self.links.append((tag, name, urljoin(self.url, value)))
        if tag == "img" and attributes.get("alt"):
            self.text.append(" " + attributes["alt"] + " ")

    def handle_endtag(self, tag):
        if tag in _HIDDEN:
            self.hidden -= 1
        if tag in _BLOCKS:
            self.text.append(" ")
        if tag == "title":
            self.in_title = False
        if self.heading is not None and tag == self.heading[0]:
            self.headings.append((tag, self.heading[1], _spaces("".join(self.heading[2]))))
            self.heading = None

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.hidden:
            self.text.append(data)
            if self.heading is not None:
                self.heading[2].append(data)


def _spaces(text: str) -> str:
    return " ".join(text.split())


@functools.lru_cache(maxsize=None)
def read_page(site: Path, page: str) -> dict:
    """*page* (a path below *site*) as {title, text, headings, links} (read once per test session)."""
    reader = _Reader(SITE + page)
    reader.feed((site / page).read_text(encoding="utf-8"))
    reader.close()
    return {"title": _spaces(reader.title), "text": _spaces("".join(reader.text)),
            "headings": reader.headings, "links": sorted(set(reader.links))}


def _entry_text(text: str) -> str:
    """Whitespace collapsed, none beside the tags the index keeps (``<p>``, ``<li>``...): a
    paragraph's trailing spaces are kept by Python-Markdown, not by every engine."""
    return re.sub(r"\s*(</?[a-z0-9]+>)\s*", r"\1", _spaces(text))


def search_entries(site: Path) -> dict[str, list[tuple[str, str]]]:
    """The search index's entries by page: (location, title, text) each, normalised, sorted."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_page: dict[str, list] = {}
    for doc in index["docs"]:
        by_page.setdefault(doc["location"].split("#", 1)[0], []).append(
            (doc["location"], _spaces(doc["title"]), _entry_text(doc["text"])))
    return {page: sorted(entries) for page, entries in by_page.items()}
