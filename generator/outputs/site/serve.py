"""``provcat site serve``: preview the site, bringing it up to date when the catalog changes.

When a file under ``data/`` or ``templates/`` changes, the docs are regenerated (``provcat
build``, which writes only the files that change), the site is updated for the files written
(:class:`.live.LiveSite`: those pages only, not the whole site as ``mkdocs serve`` would) and
mkdocs' live-reload server reloads the browser.
"""

from __future__ import annotations

import gc
import logging
import os
import tempfile
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from mkdocs.livereload import LiveReloadServer

from generator.outputs.site.builder import DOCS, QUIET_ENV, default_config, site_config
from generator.outputs.site.live import LiveSite

log = logging.getLogger("mkdocs.plugins.provcat")


class _Server(LiveReloadServer):
    """mkdocs' live-reload server (it serves the site and reloads the browser after each build),
    told of changes by the system's file events rather than by polling every half second, and
    not by a file merely read (the build reads every file it watches).  It sets the server's own
    flag for a wanted build as its ``watch`` does (mkdocs 1.6)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.observer = Observer()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        handler = FileSystemEventHandler()
        handler.on_any_event = self._changed
        path = os.path.abspath(path)
        self.observer.schedule(handler, path, recursive=recursive)
        self._watched_paths[path] = 1  # serve() starts the observer when a path is watched

    def _changed(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()


def serve(regenerate: Callable[[], object], watched: list[Path], docs_dir: Path = DOCS,
          address: str = "127.0.0.1:8000", config: Path | None = None) -> int:
    """Regenerate the docs, build the site, then serve it until interrupted, bringing it up to
    date after every change under *watched*.  *regenerate* returns what it changed in the docs: an
    object with ``changed``, ``updated``, ``created`` and ``removed`` (the build's ``Changes``), or None."""
    os.environ.update(QUIET_ENV)  # mkdocs runs in this process
    _show_progress()
    host, _, port = address.rpartition(":")
    with tempfile.TemporaryDirectory(prefix="provcat-site-") as site_dir, \
            site_config(config or default_config(), docs_dir, Path(docs_dir).parent / "build") as config_file:
        regenerate()
        site = LiveSite(config_file, Path(site_dir), f"http://{host}:{port}/")
        site.build()
        gc.freeze()  # the site kept in memory: not scanned again by every collection of each update

        def update() -> None:
            changes = regenerate()
            if changes is not None and changes.changed:
                log.info(site.update(changes.updated, bool(changes.created or changes.removed)))

        server = _Server(builder=update, host=host, port=int(port), root=site_dir)
        server.error_handler = lambda code: _error_page(Path(site_dir), code)
        for path in watched:
            if Path(path).is_dir():
                server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    return 0


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def _show_progress() -> None:
    """mkdocs' messages (the build, the server's address, each update) on standard error."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
