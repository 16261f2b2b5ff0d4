"""The built site under hostile catalog text (issue 11, items 1 and 3).

Names of a provider, an offering, a canonical model and an author are script injections of
several shapes; link fields hold URLs with quotes and angle brackets.  Every page type of the
built site must show them as text: no payload becomes a script element or an event handler in
the HTML (checked on every file, no browser needed), and headless chromium loading every page
type and searching for the payloads sees no dialog and no console error.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.validation.validate import validate_catalog

from .browser import chromium, require_browser, serve_directory
from .conftest import DATA
from .sitebuild import build_catalog_site

TITLE_BREAK = "</title><script>alert(1)</script>"
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(2)>'
DOUBLE_UNESCAPE = "&lt;script&gt;alert(3)&lt;/script&gt; </script><script>alert(3)</script>"
SINGLE_QUOTE = "'><svg onload=alert(4)> <!--"
NAMES = {
    "provider": TITLE_BREAK,
    "offering": ATTRIBUTE_BREAK + " " + TITLE_BREAK,
    "model": DOUBLE_UNESCAPE,
    "author": SINGLE_QUOTE + " " + TITLE_BREAK,
}
# Valid http(s) URLs (validation refuses javascript: and spaces) that would break out of an attribute.
URLS = {
    "status_page": 'https://x.example/?a="><img/src=x/onerror=alert(5)>',
    "website": "https://x.example/'onmouseover=alert(6)//<script>alert(6)</script>",
}
# Every page type of the site, with the payload its body must show as text.
PAGES = {
    "index.html": NAMES["author"],
    "providers/index.html": NAMES["provider"],
    "providers/cerebras/index.html": NAMES["provider"],
    "providers/cerebras/models/gpt-oss-120b.html": NAMES["offering"],
    "providers/cheapo/index.html": NAMES["author"],
    "models/index.html": NAMES["model"],
    "models/openai/gpt-oss-120b.html": NAMES["model"],
    "authors/index.html": NAMES["author"],
    "authors/openai/index.html": NAMES["author"],
    "all-models.html": NAMES["offering"],
    "compare.html": NAMES["model"],
    "privacy.html": NAMES["provider"],
    "api.html": None,
    "data-format.html": None,
    "guide/index.html": None,
    "404.html": None,
}
# What a page's document title must show (the text of <title>).
TITLES = {
    "providers/cerebras/index.html": NAMES["provider"],
    "providers/cerebras/models/gpt-oss-120b.html": NAMES["offering"],
    "models/openai/gpt-oss-120b.html": NAMES["model"],
    "authors/openai/index.html": NAMES["author"],
}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}: update the hostile catalog"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def hostile_catalog(target: Path) -> Path:
    """The shipped catalog with hostile names and URLs, plus a second provider of gpt-oss-120b
    (so the Compare page lists the hostile model)."""
    shutil.copytree(DATA, target)
    cerebras = target / "providers" / "cerebras"
    _replace(cerebras / "provider.yaml", "name: Cerebras", f"name: {json.dumps(NAMES['provider'])}")
    _replace(cerebras / "provider.yaml", "status_page: https://status.cerebras.ai/",
             f"status_page: {json.dumps(URLS['status_page'])}")
    _replace(cerebras / "models" / "gpt-oss-120b.yaml", "model: openai/gpt-oss-120b\n",
             f"model: openai/gpt-oss-120b\nname: {json.dumps(NAMES['offering'])}\n")
    _replace(target / "models" / "openai" / "gpt-oss-120b.yaml", "name: gpt-oss-120b",
             f"name: {json.dumps(NAMES['model'])}")
    _replace(target / "authors" / "openai.yaml", "name: OpenAI", f"name: {json.dumps(NAMES['author'])}")
    _replace(target / "authors" / "openai.yaml", "website: https://openai.com/",
             f"website: {json.dumps(URLS['website'])}")
    cheapo = target / "providers" / "cheapo"
    (cheapo / "models").mkdir(parents=True)
    (cheapo / "provider.yaml").write_text("id: cheapo\nname: Cheapo\n")
    (cheapo / "models" / "gpt-oss-120b.yaml").write_text(
        "id: gpt-oss-120b\nmodel: openai/gpt-oss-120b\npricing: {input: 0.1, output: 0.5}\n")
    return target


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-site")
    data = hostile_catalog(root / "data")
    assert not validate_catalog(data).errors, "the payloads must pass validation, or the test proves nothing"
    return build_catalog_site(data, root)


class _Scan(HTMLParser):
    """What a browser would run in a page: script elements' text, event handler attributes and
    script URLs; and the text of ``<title>``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.title: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self._in = tag if tag in ("script", "title") else None
        if tag == "script":
            self.scripts.append("")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "title":
            self.title.append(data)


def scan(path: Path) -> _Scan:
    parser = _Scan()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_no_built_page_carries_a_payload_as_script_or_handler(hostile_site):
    """Every HTML file of the site: no script element or event handler holds a payload's alert."""
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    found = []
    for path in pages:
        parsed = scan(path)
        found += [f"{path.relative_to(hostile_site)}: script {s[:80]!r}" for s in parsed.scripts if "alert(" in s]
        found += [f"{path.relative_to(hostile_site)}: {h}" for h in parsed.handlers]
    assert found == []


@pytest.mark.parametrize("path", sorted(TITLES))
def test_page_title_shows_the_hostile_name_as_text(hostile_site, path):
    assert "".join(scan(hostile_site / path).title) == f"{TITLES[path]} - Provider Catalog"


def test_search_index_titles_are_html_escaped(hostile_site):
    """The theme's search shows index titles as HTML: a name must be there as escaped text."""
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {entry["location"]: entry["title"] for entry in index["docs"] if "#" not in entry["location"]}
    for path, name in TITLES.items():
        assert "<" not in titles[path] and html.unescape(titles[path]) == name, path


@pytest.fixture(scope="module")
def browser():
    require_browser()
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with serve_directory(hostile_site) as url:
        yield url


@pytest.fixture
def page(browser, hostile_url):
    """A page that records dialogs (a payload's alert), console errors and failed requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=hostile_url)
    context.set_default_timeout(15000)
    page = context.new_page()
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda message: events.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: events.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: events.append(f"request failed: {request.url}"))
    page.events = events
    yield page
    context.close()


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_type_shows_hostile_text_without_running_it(page, path):
    page.goto("/" + path)
    page.wait_for_load_state("load")
    expected = PAGES[path]
    if expected is not None:
        assert expected in _flat(page.locator("article").inner_text())
    title = TITLES.get(path)
    if title is not None:
        assert page.title() == f"{title} - Provider Catalog"
    page.wait_for_timeout(100)  # an onerror handler fires after the failed image load
    assert page.events == []


def test_searching_for_a_payload_shows_it_as_text(page):
    page.goto("/index.html")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("onerror", delay=20)
    results = page.locator(".md-search-result__link")
    results.first.wait_for()
    texts = _flat(" ".join(results.all_inner_texts()))
    assert ATTRIBUTE_BREAK in texts
    page.wait_for_timeout(100)
    assert page.events == []


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_title_html_escapes_text_once_whatever_form_it_comes_in():
    from generator.outputs.site.mkdocs_plugin import title_html

    assert title_html("&lt;/title&gt;&lt;script&gt;") == "&lt;/title&gt;&lt;script&gt;"  # mkdocs' HTML
    assert title_html("</title><script>") == "&lt;/title&gt;&lt;script&gt;"  # a front matter title
    assert title_html('AT&amp;T "x"') == "AT&amp;T &quot;x&quot;"
