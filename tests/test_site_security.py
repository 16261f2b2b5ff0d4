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

from .browser import browser, recording_page, serve_directory  # noqa: F401  (browser: a fixture)
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
OFFERING_PAGE = "providers/cerebras/models/gpt-oss-120b.html"
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


@pytest.mark.parametrize("file, old, field", [
    ("providers/cerebras/provider.yaml", "status_page: https://status.cerebras.ai/", "status_page"),
    ("authors/openai.yaml", "website: https://openai.com/", "website"),
    ("providers/cerebras/provider.yaml", "  - url: https://www.cerebras.ai/privacy-policy", "  - url"),
])
def test_a_javascript_url_in_a_link_field_is_refused(data_copy, file, old, field):
    """Link fields reach href attributes: only http(s) passes, so no page links a script."""
    _replace(data_copy / file, old, f'{field}: "javascript:alert(1)//https://x.example/"')
    found = [p.format() for p in validate_catalog(data_copy).errors if p.file == str(data_copy / file)]
    assert len(found) == 1 and "expected an absolute http or https URL" in found[0], found


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
    shown = {**TITLES, OFFERING_PAGE: f"{NAMES['offering']} — {NAMES['provider']}"}  # an offering's says whose it is
    for path, name in shown.items():
        assert "<" not in titles[path] and html.unescape(titles[path]) == name, path


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with serve_directory(hostile_site) as url:
        yield url


@pytest.fixture
def page(browser, hostile_url):
    """A page that records dialogs (a payload's alert), console errors and failed requests."""
    with recording_page(browser, hostile_url) as (page, events):
        page.events = events
        yield page


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


# Item 3: a provider's logo.svg is refused unless it is plain drawing.
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n'
MALICIOUS_LOGOS = {  # name: (logo, line:column of what is refused, words of the message)
    "script": (SVG_OPEN + '  <script>alert(1)</script>\n</svg>', "2:3", "<script> is not allowed"),
    "onload": (SVG_OPEN + '  <rect width="1" height="1" onload="alert(1)"/>\n</svg>', "2:3", "'onload' of <rect>"),
    "root-onload": ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "1:1", "'onload' of <svg>"),
    "foreign-object": (SVG_OPEN + ' <foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>\n'
                       '</svg>', "2:2", "<foreignObject> is not allowed"),
    "xhtml-script": (SVG_OPEN + '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>', "2:1",
                     "<{http://www.w3.org/1999/xhtml}script> is not allowed"),
    "external-use": (SVG_OPEN + '<use href="https://evil.example/x.svg#a"/></svg>', "2:1", "leads outside the logo"),
    "javascript-link": (SVG_OPEN + '<use xlink:href="javascript:alert(1)"/></svg>', "2:1", "leads outside the logo"),
    "anchor": (SVG_OPEN + '<a href="#x"><rect width="1" height="1"/></a></svg>', "2:1", "<a> is not allowed"),
    "animate-href": (SVG_OPEN + '<animate attributeName="href" to="javascript:alert(1)"/></svg>', "2:1",
                     "<animate> is not allowed"),
    "style-import": (SVG_OPEN + '<style>@import "https://evil.example/x.css";</style>\n</svg>', "2:1",
                     "<style> loads or runs something"),
    "style-url": (SVG_OPEN + '<style>\n.a { fill: url(https://evil.example/p.svg#g) }\n</style></svg>', "2:1",
                  "<style> loads or runs something"),
    "style-attribute-url": (SVG_OPEN + '<rect style="fill:url(//evil.example/x)"/></svg>', "2:1",
                            "loads or runs something"),
    "image": (SVG_OPEN + '<image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>', "2:1", "<image> is not allowed"),
    "stylesheet-pi": ('<?xml-stylesheet href="https://evil.example/x.css"?>\n' + SVG_OPEN + "</svg>", "1:1",
                      "processing instruction <?xml-stylesheet?>"),
    "entity-bomb": ('<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
                    '<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>', "1:15", "a logo holds no DTD"),
    "external-entity": ('<!DOCTYPE svg SYSTEM "file:///etc/passwd">\n<svg xmlns="http://www.w3.org/2000/svg"/>', "1:42",
                        "a logo holds no DTD"),
    "html-root": ('<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', "1:1",
                  "not an SVG <svg>"),
    "no-namespace": ("<svg><rect/></svg>", "1:1", 'the root <svg> lacks xmlns="http://www.w3.org/2000/svg"'),
    "not-xml": (SVG_OPEN + "<rect>\n</svg>", "3:3", "not well-formed XML (mismatched tag)"),
}
# Drawing as a logo tool leaves it: styles, gradients, fragment links, clip paths, text, metadata.
CLEAN_LOGO = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment -->\n' + SVG_OPEN
    + '<title>Acme</title><defs><style>.a{fill:url(#g)}</style>\n'
    '<linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#fff"/><stop offset="1"/></linearGradient>\n'
    '<clipPath id="c"><circle cx="5" cy="5" r="5"/></clipPath><path id="p" d="M0 0h10"/></defs>\n'
    '<g clip-path="url(#c)" xml:space="preserve"><rect class="a" width="10" height="10" style="fill:url(\'#g\')"/>'
    '<use xlink:href="#p"/><use href="#p"/><text x="1" y="8" font-family="Arial">A&amp;C</text></g></svg>\n'
)


def with_logo(data: Path, logo: str | bytes) -> Path:
    path = data / "providers" / "cerebras" / "logo.svg"
    path.write_bytes(logo.encode("utf-8") if isinstance(logo, str) else logo)
    return path


@pytest.mark.parametrize("name", list(MALICIOUS_LOGOS))
def test_a_logo_that_could_run_or_load_something_is_refused_at_its_position(data_copy, name):
    logo, position, words = MALICIOUS_LOGOS[name]
    path = with_logo(data_copy, logo)
    found = [p.format() for p in validate_catalog(data_copy).errors]
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{position}: logo refused: "), found
    assert words in found[0]


def test_a_logo_as_drawing_tools_write_it_is_accepted(data_copy):
    with_logo(data_copy, CLEAN_LOGO)
    assert validate_catalog(data_copy).problems == []


@pytest.mark.parametrize("logo", [
    Path(__file__).parent / "fixtures" / "rich" / "providers" / "alpha" / "logo.svg",
    Path(__file__).parent.parent / "generator" / "outputs" / "site" / "assets" / "logo.svg",
], ids=["fixture-logo", "site-logo"])
def test_a_shipped_logo_is_published_byte_for_byte(data_copy, tmp_path, logo):
    from generator.build.pipeline import build

    with_logo(data_copy, logo.read_bytes())
    build(data_copy, tmp_path / "docs")
    assert (tmp_path / "docs" / "providers" / "cerebras" / "logo.svg").read_bytes() == logo.read_bytes()


def test_a_build_with_a_malicious_logo_writes_no_logo(data_copy, tmp_path):
    """The CLI reports the logo (exit 1, no traceback) and neither the docs nor the site get it."""
    from generator.cli import main

    docs, site = tmp_path / "docs", tmp_path / "site"
    with_logo(data_copy, MALICIOUS_LOGOS["onload"][0])
    assert main(["site", "build", "--data", str(data_copy), "--docs", str(docs), "--out", str(site)]) == 1
    written = [p for root in (docs, site) if root.exists() for p in root.rglob("*") if p.is_file()]
    assert not [p for p in written if b"alert(1)" in p.read_bytes()]


def test_a_logo_changed_after_validation_is_not_copied(tmp_path):
    """The copy checks the bytes it copies: a catalog read back from JSON was never validated."""
    from generator.model.records import Provider
    from generator.outputs.docs.logos import logo_bytes
    from generator.validation.problems import InvalidCatalog

    path = tmp_path / "logo.svg"
    path.write_text(MALICIOUS_LOGOS["script"][0], encoding="utf-8")
    provider = Provider(id="evil", name="Evil", logo=str(path))
    with pytest.raises(InvalidCatalog) as raised:
        logo_bytes(provider)
    assert raised.value.problems[0].format().startswith(f"{path}:2:3: logo refused: <script> is not allowed")


def test_a_logo_turned_malicious_after_a_build_stops_the_next_build(data_copy, tmp_path):
    """An incremental build (cached documents) checks the changed logo too; the published one stays."""
    from generator.build.pipeline import build
    from generator.validation.problems import InvalidCatalog

    docs = tmp_path / "docs"
    with_logo(data_copy, CLEAN_LOGO)
    build(data_copy, docs)
    path = with_logo(data_copy, MALICIOUS_LOGOS["root-onload"][0])
    with pytest.raises(InvalidCatalog) as raised:
        build(data_copy, docs)
    assert [p.format() for p in raised.value.problems if p.severity == "error"] == [
        f"{path}:1:1: logo refused: attribute 'onload' of <svg> is not allowed in a logo"]
    assert (docs / "providers" / "cerebras" / "logo.svg").read_text(encoding="utf-8") == CLEAN_LOGO
