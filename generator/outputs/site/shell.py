"""The theme's page around a generated page's content, rendered once and filled in per page.

Material's ``main.html`` costs about 4 ms a page, most of it the navigation, which is the same on
every page outside the nav.  So the template is rendered once per folder depth and shape of table
of contents, for a made-up page whose title, content, first heading and table-of-contents entry
are marker strings; the markers are then cut out, leaving a list of literal parts and slots.  A
page is the parts joined with its own values in the slots (:meth:`Shell.fill`).

The made-up page sits in folders of the real page's depth whose names occur nowhere else, so
every relative link of the shell (styles, scripts, the navigation) has the real page's depth:
``../../../providers/index.html`` where mkdocs would write ``../../index.html``, the same
address.  The title goes through every transformation the template might apply to it (as it
is, HTML-escaped, URL-encoded...): the marker has characters each of them changes, so each
place is filled with the real title transformed the same way.  When a marker is left over (a
theme or plugin that uses the page in a way not foreseen here), :func:`make_shell` returns None
and the caller renders those pages with the whole template instead.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import quote

from mkdocs import utils
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

MARK = "provcatmark"
TITLE = f'{MARK}T<&">x'  # the page title, as mkdocs holds it (HTML)
CONTENT = f"{MARK}C"  # the content, without an <h1> (the theme then writes the title as one) or with one
CONTENT_H1 = f"{MARK}C<h1"
FIRST_ID = f"{MARK}h"  # the first heading's id: the theme's "skip to content" link
ITEM_ID = f"{MARK}i"  # one table-of-contents entry, rendered by the theme's toc-item.html
ITEM_TITLE = f"{MARK}n"
PAGE_NAME = f"{MARK}p"

TOC_ITEM_TEMPLATE = "partials/toc-item.html"


@dataclass(frozen=True)
class Slot:
    kind: str  # "content", "toc", "first", "canonical" or "title"
    transform: Callable[[str], str] | None = None  # for "title": what the template did to it


@dataclass(frozen=True)
class Shell:
    parts: tuple  # str (literal) or Slot

    def mapped(self, function: Callable[[str], str]) -> Shell:
        """The shell with *function* applied to each literal part."""
        return Shell(tuple(function(p) if isinstance(p, str) else p for p in self.parts))

    def fill(self, *, title: str, content: str, toc: str, first_url: str, canonical: str = "") -> str:
        values = {"content": content, "toc": toc, "first": first_url, "canonical": canonical}
        return "".join(p if isinstance(p, str) else
                       (p.transform(title) if p.kind == "title" else values[p.kind]) for p in self.parts)


def shape(toc, content: str) -> tuple[bool, bool, bool]:
    """What the theme's output depends on besides the slots: whether the table of contents has
    a first heading, whether it shows entries, and whether the content has an ``<h1>``."""
    items = list(toc)
    h1 = "<h1" in content
    if not items:
        return False, False, h1
    return True, bool(items[0].children if items[0].level == 1 else items), h1


def shown_items(toc) -> list:
    """The entries the theme's toc.html lists: the first heading's children when it is an h1."""
    items = list(toc)
    if not items:
        return []
    return list(items[0].children) if items[0].level == 1 else items


def make_shell(depth: int, toc_shape: tuple[bool, bool, bool], config, render: Callable[[Page], str],
               render_item: Callable[[Page, AnchorLink], str], title_transforms) -> Shell | None:
    """The shell for pages *depth* folders deep with a table of contents of *toc_shape*, or None.

    *render(page)* is the whole template with mkdocs' plugins; *render_item* one toc entry;
    *title_transforms* the functions of the title to look for (the plugin's escaping and more).
    """
    page = _made_up_page(depth, toc_shape, config)
    output = scripted.cut(render(page), page.url)
    item = list(page.toc)[0].children[0] if toc_shape[1] else None
    slots = [(page.content, Slot("content")), (f"#{FIRST_ID}", Slot("first"))]
    if page.canonical_url:  # with a site_url (and always under serve): the theme's canonical link
        slots.append((page.canonical_url, Slot("canonical")))
    if item is not None:
        slots.append((render_item(page, item), Slot("toc")))
    seen = {}
    for transform in title_transforms:
        seen.setdefault(transform(TITLE), Slot("title", transform))
    slots += sorted(seen.items(), key=lambda pair: -len(pair[0]))
    parts = _cut(output, slots)
    if parts is None or any(MARK in p for p in parts if isinstance(p, str)):
        return None
    return Shell(tuple(parts))


def _made_up_page(depth: int, toc_shape: tuple[bool, bool, bool], config) -> Page:
    folders = [f"{MARK}d{level}" for level in range(depth)]
    src = posixpath.join(*folders, f"{PAGE_NAME}.md") if folders else f"{PAGE_NAME}.md"
    file = File(src, config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.markdown, page.content = "", CONTENT_H1 if toc_shape[2] else CONTENT
    page._title_from_render = TITLE
    toc = []
    if toc_shape[0]:
        first = AnchorLink(f"{MARK}f", FIRST_ID, 1)
        if toc_shape[1]:
            first.children.append(AnchorLink(ITEM_TITLE, ITEM_ID, 2))
        toc = [first]
    page.toc = TableOfContents(toc)
    return page


def _cut(output: str, slots: list[tuple[str, Slot]]) -> list | None:
    """*output* split at every occurrence of each slot's text, in order of *slots* (longest titles first)."""
    parts: list = [output]
    for text, slot in slots:
        if not text:
            return None
        cut: list = []
        for part in parts:
            if not isinstance(part, str):
                cut.append(part)
                continue
            pieces = part.split(text)
            for index, piece in enumerate(pieces):
                if index:
                    cut.append(slot)
                cut.append(piece)
        parts = cut
    return parts


def title_transforms(plugin_title: Callable[[str], str]) -> list[Callable[[str], str]]:
    """The ways a template may write the title: after the plugin's escaping, as is, escaped again,
    URL-encoded, its tags stripped."""
    return [
        plugin_title,
        lambda t: html.escape(plugin_title(t), quote=True),
        lambda t: quote(plugin_title(t), safe="/"),
        lambda t: t,
    ]


# The theme's parts that work only with JavaScript, each written once as a script that puts it in
# its place, instead of in each of thousands of pages.  Material's CSS hides the search dialog
# without JavaScript (``.no-js .md-search{display:none}``) and the palette's toggles are ``hidden``
# until its script shows them, so a reader without JavaScript sees the page as before; with it,
# the script (synchronous, before the theme's bundle) leaves the document as the theme wrote it.
SCRIPTED = (("assets/search-dialog.js", "div", '<div class="md-search" data-md-component="search" role="dialog">'),
            ("assets/palette-form.js", "form", '<form class="md-header__option" data-md-component="palette">'))
_PUT = '(function(s){{s.insertAdjacentHTML("afterend",{html});s.remove()}})(document.currentScript);\n'


class Scripted:
    """The parts of :data:`SCRIPTED` cut from the pages of a build, and the scripts that put them back."""

    def __init__(self) -> None:
        self.parts: dict[str, str] = {}  # asset -> the part as the first page held it

    def cut(self, page: str, page_url: str) -> str:
        """*page* (a page's HTML, at *page_url*) with each part a script; a part unlike the
        first page's (another theme configuration) is left in place."""
        for asset, tag, opening in SCRIPTED:
            start = page.find(opening)
            end = _element_end(page, start, tag) if start >= 0 else None
            if end is None:
                continue
            part = page[start:end]
            if self.parts.setdefault(asset, part).split() != part.split():
                continue
            src = html.escape(utils.get_relative_url(asset, page_url), quote=True)
            page = f'{page[:start]}<script src="{src}"></script>{page[end:]}'
        return page

    def write(self, site_dir: str, squeeze: Callable[[str], str]) -> None:
        """Write the script of each part cut, the part *squeeze* d as the pages are."""
        for asset, part in sorted(self.parts.items()):
            code = _PUT.format(html=json.dumps(squeeze(part)))
            utils.write_file(code.encode("utf-8"), os.path.join(site_dir, *asset.split("/")))


def _element_end(page: str, start: int, tag: str) -> int | None:
    """Where the *tag* element opened at *start* ends (after its closing tag), or None."""
    depth = 0
    for match in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(page, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return None


scripted = Scripted()  # the current build's; the plugin starts a new one in each build's on_config
