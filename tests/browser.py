"""Helpers for the browser tests: a local HTTP server and headless Debian chromium.

No browser is downloaded: Playwright drives the system's ``/usr/bin/chromium``
(``.ci/run`` installs Debian's package).  Tests skip with the reason when
either is missing.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def require_browser() -> None:
    """Skip unless Playwright's Python package and Debian's chromium are both installed."""
    pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed (pip install '.[test]')")
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("chromium is not installed: apt-get install chromium (.ci/run does)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_directory(root: Path):
    """Serve *root* on 127.0.0.1 at an ephemeral port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium():
    """A headless chromium browser driven by Playwright."""
    from playwright.sync_api import sync_playwright
    executable = str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


@contextmanager
def recording_page(browser, base_url: str):
    """A fresh page and the list of what went wrong on it: a dialog (a payload's alert, dismissed),
    a console error, an uncaught exception, a failed request."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=base_url)
    context.set_default_timeout(15000)
    page = context.new_page()
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda message: events.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: events.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: events.append(f"request failed: {request.url}"))
    try:
        yield page, events
    finally:
        context.close()


@pytest.fixture(scope="module")
def browser():
    """Headless chromium for a test module (skipped where chromium is not installed)."""
    require_browser()
    with chromium() as instance:
        yield instance
