"""The ``provcat`` mkdocs plugin: what keeps a build of thousands of offering pages affordable.

Registered as the ``mkdocs.plugins`` entry point ``provcat`` and listed in ``site/mkdocs.yml``
after ``search``.  Zensical does not run mkdocs plugins it has no replacement for and ignores
this one, so its build of the same configuration is unchanged (just larger).

First, safety: **every page's title reaches the theme as escaped HTML.**  mkdocs takes a page's
title from its first heading as HTML (``&lt;`` for a ``<`` in a provider's name), and the theme
writes ``page.title | striptags`` into ``<title>``: ``striptags`` also unescapes, so a name of
``</title><script>...`` became a script on the page.  The plugin sets ``page.meta.title``, which
the theme writes as it is into ``<title>`` and the header, to the title's text escaped once
(:func:`title_html`), for every page, whatever its heading holds.

Then three things that keep it affordable, measured on the models.dev corpus (5,696 pages, 2-core machine):

* **Search indexes an offering page as one entry: its title and Overview.**  Material's search
  plugin runs Python's ``HTMLParser`` over every page's whole HTML (about 5.7 ms for a 3.7 kB
  offering page, some 30 s for the corpus) and stores every table cell, making a 15 MB index.
  On an offering page the Overview holds what one searches for (model id, provider, authors,
  canonical model, dates); the limits, price and privacy tables repeat on the provider's and
  canonical model's pages, which are indexed in full.  So the parser is fed only the page up to
  its second ``<h2>``, without the facts shown as N/A (an unknown is nothing to search for), and
  the page's sections become one entry (one result per offering): 2.6 MB for the corpus.  The
  page itself is unchanged.
* **Indentation is dropped from the written HTML.**  The theme's templates indent every line
  and leave hundreds of blank lines: about 4 kB of a 21 kB offering page.  Each run of
  whitespace that starts with a newline becomes one newline, which a browser renders alike, and
  the newline between two block-level tags (``</li>`` and ``<li>``, ``</div>`` and ``<div>``) is
  dropped: whitespace between blocks is not rendered.  ``<pre>`` and ``<textarea>`` contents
  are left as they are.  The theme's inline script that opens the content tab a URL fragment
  names is left out of pages that have no content tabs (150 B a page), and so are the SVG
  namespace of inline icons and the generator ``<meta>``.  The theme's search dialog and palette
  toggles, which work only with JavaScript, are each written once as a script the pages load in
  their place (:class:`.shell.Scripted`, 2.5 kB a page).
* **The theme's files nobody loads are not copied**: the source maps of its minified scripts
  and styles (for debugging the theme itself) and, when search is English only, the lunr
  language and word-segmentation scripts its search worker loads only for other languages
  (2.2 MB together).
"""

from __future__ import annotations

import html
import os
import re

from mkdocs.plugins import BasePlugin, event_priority

import logging

from generator.outputs.site import compiled, fast_pages, search_text, shell
from generator.outputs.site.page_events import search_plugin
from generator.outputs.site.search_words import marks_as_words
from generator.present import format as fmt
from generator.present import urls

_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENT = re.compile(r"\n\s+")
# Material's partials/javascripts/content.html: selects the pymdownx.tabbed tab a link points at.
_TABBED_SCRIPT = ('<script>var target=document.getElementById(location.hash.slice(1));'
                  'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script>')
_UNKNOWN_FACT = re.compile(rf"<strong>[^<]*</strong>: {re.escape(fmt.NA)}(?:<br ?/?>)?\s*")
_BLOCK = (r"(?:div|li|ul|ol|nav|header|footer|main|article|section|aside|table|thead|tbody|tr|td|th|p"
          r"|h[1-6]|head|body|html|meta|link|script|title|form|dialog|!doctype)\b")
_BLOCK_TAG = re.compile(rf"/?{_BLOCK}", re.I)  # a block-level tag's name, after its "<"
_SVG_NS = '<svg xmlns="http://www.w3.org/2000/svg"'
_GENERATOR = re.compile(r'<meta name="generator" content="[^"<>]*">')


def is_offering_page(src_uri: str) -> bool:
    """One page per offering, the bulk of a large site: the pages :func:`urls.offering_page` names."""
    return urls.is_offering_page(src_uri)


def head_for_search(content: str) -> str:
    """The HTML of an offering page up to its second section (title and Overview), without
    the facts it shows as N/A."""
    first = content.find("<h2")
    second = content.find("<h2", first + 3) if first >= 0 else -1
    head = content if second < 0 else content[:second]
    return _UNKNOWN_FACT.sub("", head)


def title_html(title) -> str:
    """*title* (mkdocs' HTML, tags already stripped, or a front matter title) as text escaped once.

    Unescaping first makes entities in either form show as the characters they stand for, and
    escaping again leaves no ``<``, ``&`` or quote the theme could take for markup.
    """
    return html.escape(html.unescape(str(title or "")), quote=True)


_PROVIDER = re.compile(r"<strong>Provider</strong>: <a [^>]*>([^<]*)</a>")


def search_title(title: str, head: str) -> str:
    """An offering's search result title says whose it is: ``gpt-oss-120b — Groq``, not the same
    title once per provider. *title* is escaped HTML (:func:`title_html`); so is the name taken
    from the Overview's Provider line of *head*."""
    found = _PROVIDER.search(head)
    return f"{title} — {title_html(found.group(1))}" if found else title


def search_entry(page, head: str) -> dict:
    """One search index entry for *page*: its title (with its provider's name) and the text of *head*."""
    sections = search_text.parse(marks_as_words(head))
    text = " ".join(t for t in ("".join(section.text).strip() for section in sections) if t)
    return {"location": page.url, "title": search_title(str(page.meta.get("title", page.title)), head), "text": text}


def index_sections(index, page, parse=search_text.parse) -> None:
    """What the search plugin's ``add_entry_from_context`` does for *page*, with the sections
    *parse* finds in its HTML with marks in words (:mod:`.search_words`): by default
    :func:`.search_text.parse`, the same as the plugin's parser, several times faster."""
    for section in parse(marks_as_words(page.content)):
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)


def squeeze(html: str) -> str:
    """*html* without indentation, blank lines, newlines between block-level tags and what
    :func:`unrendered` drops, outside ``<pre>`` and ``<textarea>``."""
    parts = _VERBATIM.split(html)
    parts[::2] = [unrendered(_between_blocks(_INDENT.sub("\n", part))) for part in parts[::2]]
    return "".join(parts)


def unrendered(html: str) -> str:
    """*html* without the SVG namespace on inline ``<svg>`` tags (an HTML parser puts them in it
    anyway) and the theme's generator ``<meta>``: 2.3 MB of the shipped catalog's site."""
    return _GENERATOR.sub("", html.replace(_SVG_NS, "<svg"), 1)


def _between_blocks(text: str) -> str:
    """*text* without the newlines between a block-level tag and the next one.

    Split at every ``>\\n<`` rather than matched with one regular expression: a third of the
    time, which counts over thousands of pages."""
    pieces = text.split(">\n<")
    out, previous = [pieces[0]], pieces[0]
    for index, piece in enumerate(pieces[1:]):
        start = previous.rfind("<") + 1  # 0: the piece itself starts with the tag's name (but the first)
        block = (start or index) and _BLOCK_TAG.match(previous, start) and _BLOCK_TAG.match(piece)
        out += ["><" if block else ">\n<", piece]
        previous = piece
    return "".join(out)


class _ExcludedLinks(logging.Filter):
    """Drops mkdocs' note that a page links to a page "excluded from the built site" when that
    page is one the fast path builds: it is in the site, built beside mkdocs."""

    taken: frozenset = frozenset()

    @classmethod
    def install(cls, taken: set[str]) -> None:
        cls.taken = frozenset(taken)
        logger = logging.getLogger("mkdocs.structure.pages")
        if not any(isinstance(f, cls) for f in logger.filters):
            logger.addFilter(cls())

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.endswith("which is excluded from the built site."):
            return True
        target = message.rsplit("' which is excluded", 1)[0].rsplit("'", 1)[-1]
        return target not in self.taken


class SitePlugin(BasePlugin):
    """See the module's documentation."""

    _serving = False
    _taken: list = []
    _env = None

    def on_startup(self, *, command, dirty):
        """Under ``mkdocs serve`` the plugin lives across rebuilds, keeping the pages it built."""
        self._serving = command == "serve"

    def on_nav(self, nav, *, config, files):
        """The pages outside the nav are built by :mod:`.fast_pages`, not page by page by mkdocs."""
        self._taken = fast_pages.take(files, nav) if fast_pages.enabled() else []
        self._nav, self._files = nav, files
        self._engine = compiled.Engine.of(config) if self._taken else None
        self._stash: dict = {}
        _ExcludedLinks.install({file.src_uri for file in self._taken})
        return nav

    def on_page_markdown(self, markdown, *, page, config, files):
        """mkdocs' own pages through the compiled engine too, when it renders them alike: mkdocs then
        renders an empty page, and :meth:`on_page_content` puts ours in its place."""
        if self._engine is None or page.file.inclusion.is_excluded() or not self._engine.accepts(markdown):
            return markdown
        self._engine.render_into(page, markdown, config, files)
        self._stash[page.file.src_uri] = (page.content, page.toc, page._title_from_render, page.present_anchor_ids)
        return ""

    def on_page_content(self, html, *, page, config, files):
        stashed = self._stash.pop(page.file.src_uri, None) if self._engine is not None else None
        if stashed is None:
            return html
        page.content, page.toc, page._title_from_render, page.present_anchor_ids = stashed
        return page.content

    # After every other plugin's on_env: the pages outside the nav start rendering (in forked
    # workers) with the environment as mkdocs renders its own pages with, while it does.
    @event_priority(-100)
    def on_env(self, env, *, config, files):
        self._env = env
        if self._taken:
            fast_pages.start_pages(self._taken, config, self._files, self._nav, env, title_html, self,
                                   serving=self._serving)
        return env

    # Before the search plugin's (priority 0), which writes the index these pages' entries join.
    @event_priority(50)
    def on_post_build(self, *, config):
        if self._taken:
            fast_pages.finish_pages()
        shell.scripted.write(config.site_dir, squeeze)

    def on_build_error(self, *, error):
        fast_pages.abandon()

    def on_files(self, files, *, config):
        """Leave out the theme's source maps, and its lunr language scripts when search is English only."""
        theme_dirs = tuple(os.path.join(os.path.abspath(d), "") for d in config.theme.dirs)
        english_only = self._search is not None and list(self._search.config.lang or ["en"]) == ["en"]
        for file in list(files):
            if not (file.abs_src_path and os.path.abspath(file.abs_src_path).startswith(theme_dirs)):
                continue
            uri = file.src_uri
            if uri.endswith(".map") or (english_only and uri.startswith("assets/javascripts/lunr/")):
                files.remove(file)
        return files

    def on_config(self, config):
        shell.scripted = shell.Scripted()
        self._search = search_plugin(config)
        return config

    # Before the search plugin's own handler (priority 0), which then skips the page.
    @event_priority(50)
    def on_page_context(self, context, *, page, config, nav):
        if page.title:
            page.meta["title"] = title_html(page.title)
        search = self._search
        if search is None or not search.config.enabled:
            return context
        options = page.meta.get("search") or {}
        if options.get("exclude"):
            return context
        if is_offering_page(page.file.src_uri):
            search.search_index.entries.append(search_entry(page, head_for_search(page.content)))
        elif fast_pages.enabled():  # the search plugin's indexing, with its sections found faster
            index_sections(search.search_index, page)
        else:
            index_sections(search.search_index, page, search_text.plugin_parse)
        page.meta["search"] = {**options, "exclude": True}  # indexed: the search plugin skips it
        return context

    def on_post_page(self, output, *, page, config):
        if 'name="__tabbed_' not in output:
            output = output.replace(_TABBED_SCRIPT, "", 1)
        return squeeze(shell.scripted.cut(output, page.url))

    # on_post_page in parts, for the fast path's shells (see fast_pages): each literal part of a
    # shell is squeezed once, each page's own parts when it is filled, and the whole page is
    # then rid of the indentation and blank lines left where the parts meet.  The same result but
    # for a few newlines between block-level tags where the parts meet (not rendered either).
    @staticmethod
    def parts_squeeze(content: str) -> bool:
        """Whether a page with *content* can be squeezed in parts: no content tabs (their script
        is dropped from the shell) and nothing preformatted (the last step would reach into it)."""
        return 'name="__tabbed_' not in content and "<pre" not in content and "<textarea" not in content

    @staticmethod
    def squeeze_part(part: str) -> str:
        return squeeze(part.replace(_TABBED_SCRIPT, ""))

    @staticmethod
    def squeeze_joined(page: str) -> str:
        return _INDENT.sub("\n", page)
