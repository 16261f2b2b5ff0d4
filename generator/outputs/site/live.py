"""The site under ``provcat site serve``: built once, then brought up to date page by page.

``mkdocs serve`` builds the whole site again after any change to the docs: 40 s for the shipped
catalog, however small the edit.  Here the build of the docs (``provcat build``, incremental)
says which files it wrote, and :meth:`LiveSite.update` renders again only those pages (with the
shells, navigation and Markdown engine the first build made, see :func:`.fast_pages.rebuild`),
copies the other files, replaces the pages' search entries and writes the search index.  mkdocs
builds everything again only when a page was added or removed (the navigation and the links
between pages may change with it); that build still renders only the pages that changed, the
others being kept in memory (:mod:`.fast_pages`).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.outputs.site import fast_pages

log = logging.getLogger("mkdocs.plugins.provcat")


class LiveSite:
    """The site built from *config_file* into *site_dir*, kept in memory to be updated."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str):
        self.config_file, self.site_dir, self.serve_url = Path(config_file), Path(site_dir), serve_url
        self.config = None

    def build(self) -> None:
        """Build the whole site (pages unchanged since the last build are kept, not rendered)."""
        config = load_config(str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = self.serve_url
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config, serve_url=self.serve_url)
        self.config = config

    def update(self, updated: list[str], created_or_removed: bool) -> str:
        """Bring the site up to date after a build of the docs that *updated* these files (paths
        below the docs folder) and created or removed others if *created_or_removed*; return
        what was done."""
        started = time.perf_counter()
        plugin = self.config.plugins.get("provcat") if self.config is not None else None
        files = plugin._files if plugin is not None and plugin._env is not None else None
        touched = [] if files is None else [files.get_file_from_path(uri) for uri in updated if not _hidden(uri)]
        if files is None or created_or_removed or None in touched or not fast_pages.can_rebuild():
            self.build()
            return f"site rebuilt in {time.perf_counter() - started:.2f} s"
        pages = [f for f in touched if f.is_documentation_page()]
        for file in touched:
            if not file.is_documentation_page():
                file.copy_file()
        self._render(plugin, pages)
        return f"{len(pages)} page(s) and {len(touched) - len(pages)} other file(s) updated " \
               f"in {time.perf_counter() - started:.2f} s"

    def _render(self, plugin, pages: list) -> None:
        config, search = self.config, plugin._search
        index = search.search_index if search is not None and search.config.enabled else None
        if index is not None:
            urls = {page.url for page in pages}
            index.entries = [e for e in index.entries if e["location"].split("#", 1)[0] not in urls]
        taken = {file.src_uri for file in plugin._taken}
        entries = fast_pages.rebuild([f for f in pages if f.src_uri in taken])
        if index is not None:
            index.entries.extend(entries)
        for file in pages:
            if file.src_uri not in taken:  # a page in the nav: as mkdocs builds it
                _populate_page(file.page, config, plugin._files)
                _build_page(file.page, config, plugin._files.documentation_pages(), plugin._nav, plugin._env)
        if index is not None:
            search.on_post_build(config=config)


def _hidden(uri: str) -> bool:
    """mkdocs leaves out files and folders whose names start with a dot (the build's manifest)."""
    return any(part.startswith(".") for part in uri.split("/"))
