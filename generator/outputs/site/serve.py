"""``provcat site serve``: preview the site, regenerating the docs when the catalog changes.

``mkdocs serve`` rebuilds and reloads the browser when a file under the docs
changes; a watcher on ``data/`` and ``templates/`` regenerates the docs, which
closes the loop from an edited YAML file to the page in the browser.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.outputs.site.builder import DOCS, QUIET_ENV, default_config, site_config

DEBOUNCE_SECONDS = 0.5


class _Debounced(FileSystemEventHandler):
    """Calls *action* once, *delay* seconds after the last change in a burst."""

    def __init__(self, action: Callable[[], None], delay: float):
        self.action, self.delay = action, delay
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or event.is_directory and event.event_type == "modified":
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(self.delay, self.action)
            self.timer.daemon = True
            self.timer.start()


def watch(paths: list[Path], action: Callable[[], None], delay: float = DEBOUNCE_SECONDS) -> Callable[[], None]:
    """Run *action* after files under *paths* change; return a function that stops watching."""
    observer = Observer()
    handler = _Debounced(action, delay)
    for path in paths:
        if Path(path).is_dir():
            observer.schedule(handler, str(path), recursive=True)
    observer.start()

    def stop() -> None:
        observer.stop()
        observer.join()
    return stop


def mkdocs_serve(config: Path, address: str = "127.0.0.1:8000") -> subprocess.Popen:
    """Start ``mkdocs serve`` on *address* (it rebuilds when the docs change)."""
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", address]
    return subprocess.Popen(command, env={**os.environ, **QUIET_ENV})


def serve(regenerate: Callable[[], None], watched: list[Path], docs_dir: Path = DOCS,
          address: str = "127.0.0.1:8000", config: Path | None = None) -> int:
    """Regenerate once, then serve until interrupted, regenerating on every change."""
    regenerate()
    stop = watch(watched, regenerate)
    try:
        with site_config(config or default_config(), docs_dir, Path(docs_dir).parent / "build") as config_file:
            server = mkdocs_serve(config_file, address)
            try:
                return server.wait()
            except KeyboardInterrupt:
                server.terminate()
                return server.wait()
    finally:
        stop()
