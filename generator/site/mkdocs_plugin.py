"""The ``provcat`` mkdocs plugin: what keeps a build of thousands of offering pages affordable.

Registered as the ``mkdocs.plugins`` entry point ``provcat`` and listed in ``site/mkdocs.yml``
after ``search``.  Zensical does not run mkdocs plugins it has no replacement for and ignores
this one, so its build of the same configuration is unchanged (just larger).

Two things, both measured on the models.dev corpus (5,696 pages, 2-core machine):

* **Search indexes an offering page by its title and Overview only.**  Material's search plugin
  runs Python's ``HTMLParser`` over every page's whole HTML (about 5.7 ms for a 3.7 kB offering
  page, some 30 s for the corpus) and stores every table cell, making a 15 MB index.  On an
  offering page the Overview holds what one searches for (model id, provider, authors,
  canonical model); the limits, price and privacy tables repeat on the provider's and canonical
  model's pages, which are indexed in full.  So the parser is fed only the page up to its second
  ``<h2>``; the page itself is unchanged.
* **Indentation is dropped from the written HTML.**  The theme's templates indent every line
  and leave hundreds of blank lines: about 4 kB of a 21 kB offering page.  Each run of
  whitespace that starts with a newline becomes one newline, which a browser renders alike;
  ``<pre>`` and ``<textarea>`` contents are left as they are.
"""

from __future__ import annotations

import re

from mkdocs.plugins import BasePlugin, event_priority

# providers/<provider>/models/<offering>.md: one page per offering, the bulk of a large site.
OFFERING_PAGE = re.compile(r"providers/[^/]+/models/[^/]+\.md")
_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENT = re.compile(r"\n\s+")


def is_offering_page(src_uri: str) -> bool:
    return OFFERING_PAGE.fullmatch(src_uri) is not None


def head_for_search(content: str) -> str:
    """The HTML of an offering page up to its second section (title and Overview)."""
    first = content.find("<h2")
    second = content.find("<h2", first + 3) if first >= 0 else -1
    return content if second < 0 else content[:second]


def squeeze(html: str) -> str:
    """*html* without indentation and blank lines, outside ``<pre>`` and ``<textarea>``."""
    parts = _VERBATIM.split(html)
    parts[::2] = [_INDENT.sub("\n", part) for part in parts[::2]]
    return "".join(parts)


class SitePlugin(BasePlugin):
    """See the module's documentation."""

    def on_config(self, config):
        self._search = None
        for name in ("material/search", "search"):
            plugin = config.plugins.get(name)
            if plugin is not None and hasattr(plugin, "search_index"):
                self._search = plugin
                break
        return config

    # Before the search plugin's own handler (priority 0), which then skips the page.
    @event_priority(50)
    def on_page_context(self, context, *, page, config, nav):
        search = self._search
        if search is None or not search.config.enabled or not is_offering_page(page.file.src_uri):
            return context
        options = page.meta.get("search") or {}
        if options.get("exclude"):
            return context
        content = page.content
        try:
            page.content = head_for_search(content)
            search.search_index.add_entry_from_context(page)
        finally:
            page.content = content
        page.meta["search"] = {**options, "exclude": True}  # indexed: the search plugin skips it
        return context

    def on_post_page(self, output, *, page, config):
        return squeeze(output)
