"""A page's search sections as Material's search ``Parser`` divides them, several times faster.

Material's search plugin feeds every page's HTML to a ``html.parser.HTMLParser`` subclass whose
handlers look through the list of open elements on every tag and every piece of text: about a
third of the site's build for the shipped catalog, whose provider and model pages hold tables of
hundreds of rows.  :func:`sections` gives the same sections (``Section`` objects of the plugin,
with the same title and text lists) from one regular expression over the HTML, keeping counts
instead of searching the open elements.

It does so only for HTML where the two cannot differ: every tag well formed (names, attributes
quoted or bare, ``/>``), no ``<`` in text, and none of the things the plugin treats specially
(``<script>``, ``<style>``, ``<object>``, ``<pre>``, comments and declarations, elements
excluded from search, line numbers, permalinks) nor the elements some Python versions read as
raw text (``<textarea>``, and ``<title>`` where the running parser does: :func:`title_is_raw`;
the price charts' SVG holds one).  For any other HTML it returns None and the caller uses
the plugin's parser.  The tests compare both on every page of a built site.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

from material.plugins.search.plugin import Element, Parser, Section, void


class _Probe(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def title_is_raw() -> bool:
    """Whether this Python's ``HTMLParser`` reads a ``<title>``'s content as raw text (versions
    with RCDATA elements do: a tag inside it is text), so that this module's reading could differ."""
    probe = _Probe()
    probe.feed("<title><b>x</b></title>")
    probe.close()
    return "b" not in probe.tags


def special_markers(title_raw: bool) -> tuple[str, ...]:
    """What :func:`sections` declines, looked for in the lower-cased HTML (one search each is
    faster than one regular expression for all)."""
    return (("<!", "<?", "<script", "<style", "<object", "<pre", "<textarea", "<plaintext", "<xmp",
             "data-search-exclude", "linenodiv", "headerlink") + (("<title",) if title_raw else ()))


_SPECIAL = special_markers(title_is_raw())
_TOKEN = re.compile(r"<(?:([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)"
                    r"|/([a-zA-Z][-.a-zA-Z0-9:_]*)\s*)>")
_ATTRS = re.compile(r"(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`/]+))?)*\s*/?")
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})  # the plugin's Parser.keep


def parse(html: str) -> list:
    """The sections of *html*: :func:`sections`, or the plugin's parser where that declines."""
    found = sections(html)
    return plugin_parse(html) if found is None else found


def plugin_parse(html: str) -> list:
    """The sections of *html* as the search plugin's own parser finds them."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return parser.data


def sections(html: str) -> list | None:
    """The plugin's ``Parser().feed(html); .close(); .data``, or None for HTML outside the subset."""
    lowered = html.lower()
    if any(special in lowered for special in _SPECIAL):
        return None
    state = _State()
    position = 0
    for match in _TOKEN.finditer(html):
        if match.start() > position and not state.text(html[position:match.start()]):
            return None
        position = match.end()
        name = match.group(1)
        if name is None:
            state.end(match.group(3).lower())
        elif not state.tag(name.lower(), match.group(2), match.group(0)):
            return None
    if position < len(html) and not state.text(html[position:]):
        return None
    return state.data


class _State:
    """The plugin's ``Parser`` handlers, for HTML without skipped elements, ``<pre>`` or permalinks."""

    def __init__(self):
        self.context: list[str] = []
        self.open: dict[str, int] = {}  # tag -> how many such elements are open
        self.section = None
        self.data: list = []

    def tag(self, name: str, attributes: str, whole: str) -> bool:
        if attributes and not _ATTRS.fullmatch(attributes):
            return False
        closing = attributes.endswith("/")
        if closing and len(attributes) > 1 and attributes[-2] not in " \t\n\r\f\"'":
            return False  # a bare value ending in "/": the parser keeps the "/" in the value
        self.start(name, whole)
        if closing:
            self.end(name)
        return True

    def start(self, tag: str, whole: str) -> None:
        if tag in void:
            return
        self.context.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in _HEADINGS:
            self._heading(tag, whole)
        if self.section is None:
            self._preface()
        if tag in KEEP:
            self._target().append(f"<{tag}>")

    def _heading(self, tag: str, whole: str) -> None:
        attrs = _attributes(whole)
        if "id" not in attrs:
            return
        depth = len(self.context)
        if tag != "h1" and not self.data:
            self.section = Section(Element("hx"), depth)
            self.data.append(self.section)
        self.section = Section(Element(tag, attrs), depth)
        if self.data:
            self.section.id = attrs["id"]
        self.data.append(self.section)

    def _preface(self) -> None:
        self.section = Section(Element("hx"))
        self.data.append(self.section)

    def _target(self) -> list:
        """The section's title while an element of its heading's tag is open, else its text."""
        return self.section.title if self.open.get(self.section.el.tag) else self.section.text

    def end(self, tag: str) -> None:
        context = self.context
        if not context or context[-1] != tag:
            return
        if self.section.depth > len(context):
            for section in reversed(self.data):
                if section.depth <= len(context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        context.pop()
        self.open[tag] -= 1
        if tag in KEEP:
            _close(self._target(), tag)

    def text(self, raw: str) -> bool:
        if "<" in raw:
            return False
        data = unescape(raw) if "&" in raw else raw
        data = " " if data.isspace() else data.replace("\n", " ")
        if self.section is None:
            self._preface()
        if self.open.get(self.section.el.tag):
            self.section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not self.section.text or not self.section.text[-1].isspace():
                self.section.text.append(data)
        else:
            self.section.text.append(escape(data, quote=False))
        return True


def _close(data: list, tag: str) -> None:
    """The plugin's end of a kept element: dropped with its opening when nothing but space is in it."""
    index = data.index(f"<{tag}>")
    for i in range(index + 1, len(data)):
        if not data[i].isspace():
            index = len(data)
            break
    if len(data) > index:
        del data[index:]
    else:
        data.append(f"</{tag}>")


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: dict = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = dict(attrs)


_ID_ONLY = re.compile(r'<[a-zA-Z][a-zA-Z0-9]* id="([^"&<>]*)">')  # the compiled engine's headings


def _attributes(start_tag: str) -> dict:
    """A start tag's attributes as the parser reads them (names lower-cased, values unescaped);
    a tag with only an ``id`` in double quotes, nothing in it to unescape, without the parser."""
    simple = _ID_ONLY.fullmatch(start_tag)
    if simple:
        return {"id": simple.group(1)}
    parser = _Attributes()
    parser.feed(start_tag)
    parser.close()
    return parser.attrs
