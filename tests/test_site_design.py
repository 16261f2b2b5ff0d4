"""The site's pages in headless chromium: accessibility (axe-core), icons, facts grids, copy
buttons, the canonical model page's providers table, and screenshots of every page type.

axe-core comes from the ``axe-playwright-python`` package (PyPI, a test dependency), which
vendors its ``axe.min.js``; the tests inject that file into each page and fail on any serious or
critical violation, in the light and the dark palette.  Screenshots of each page type at 1280 and
390 px wide land in tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest

from .browser import ARTIFACTS, browser, serve_directory  # noqa: F401  (browser: a fixture)
from .sitebuild import rich_site  # noqa: F401  (a fixture)

PAGE_TYPES = {
    "home": "index.html", "providers": "providers/index.html", "provider": "providers/cerebras/index.html",
    "offering": "providers/cerebras/models/gpt-oss-120b.html", "model": "models/openai/gpt-oss-120b.html",
    "models": "models/index.html", "authors": "authors/index.html", "author": "authors/openai/index.html",
    "all-models": "all-models.html", "compare": "compare.html", "privacy": "privacy.html", "api": "api.html",
    "data-format": "data-format.html",
}
SERIOUS = ("serious", "critical")
EMOJI = "✅❌❔📝👁🖼🔊🎥🔧🔍🧠📎⚡📊📄🔗🔒⏱🛡"


def axe_script() -> str:
    axe = pytest.importorskip("axe_playwright_python", reason="axe-playwright-python is not installed (pip install '.[test]')")
    return (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site_url(rich_site):  # noqa: F811
    with serve_directory(rich_site) as url:
        yield url


@contextmanager
def page_at(browser, base_url: str, width: int = 1280, scheme: str = "light"):  # noqa: F811
    """A page *width* px wide in *scheme*, allowed to use the clipboard; no console error may occur on it."""
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=base_url, color_scheme=scheme)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    context.set_default_timeout(15000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield page
        assert errors == [], "the browser reported errors"
    finally:
        context.close()


def serious_violations(page) -> list[tuple[str, list]]:
    page.evaluate(axe_script())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"] if v["impact"] in SERIOUS]


def shoot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_axe_finds_nothing_serious_in_either_palette(browser, site_url, kind):  # noqa: F811
    found = {}
    for scheme in ("light", "dark"):
        with page_at(browser, site_url, scheme=scheme) as page:
            page.goto("/" + PAGE_TYPES[kind])
            page.wait_for_selector("article[data-pc-enhanced='on']")  # assets/pages.js has run
            found[scheme] = serious_violations(page)
            shoot(page, f"design-{kind}-1280-{scheme}")
            if scheme == "light":
                page.set_viewport_size({"width": 390, "height": 844})
                shoot(page, f"design-{kind}-390")
    assert found == {"light": [], "dark": []}


def test_marks_and_features_are_icons_with_names(browser, site_url):  # noqa: F811
    with page_at(browser, site_url) as page:
        page.goto("/" + PAGE_TYPES["offering"])
        article = page.locator("article")
        assert not any(ch in article.inner_text() for ch in EMOJI), "no emoji left for a font to miss"
        page.goto("/" + PAGE_TYPES["provider"])  # headings with icons, listed in the table of contents
        toc = page.locator(".md-sidebar--secondary .md-nav--secondary").text_content()
        assert "Privacy & Data Handling" in toc and not any(ch in toc for ch in EMOJI)
        page.goto("/" + PAGE_TYPES["offering"])
        names = set(article.locator(".pc-icon[role='img']").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))"))
        assert {"Supported", "Unknown", "Advanced Reasoning", "Response Streaming"} <= names
        assert page.get_by_role("img", name="Advanced Reasoning").count() >= 1
        unknown = article.locator(".pc-icon--unknown").first
        assert unknown.inner_text().strip() == "Unknown", "unknown reads as a word, not only an icon"
        assert article.locator(".pc-icon svg path").count() >= 5


def facts(page) -> dict[str, str]:
    pairs = page.locator("dl.pc-facts > div").evaluate_all(
        "items => items.map(i => [i.querySelector('dt').textContent.trim(), i.querySelector('dd').textContent.trim()])")
    return dict(pairs)


def test_model_page_has_a_facts_grid_and_copies_its_id(browser, site_url):  # noqa: F811
    with page_at(browser, site_url) as page:
        page.goto("/" + PAGE_TYPES["model"])
        grid = facts(page)
        assert grid["Model ID"] == "openai/gpt-oss-120b" and grid["Providers"] == "2"
        assert grid["Context"] == "131,072" and grid["Max Output"] == "N/A" and grid["Lab"] == "OpenAI"
        assert {"Family", "Knowledge Cutoff", "Release Date", "Last Updated", "Open Weights", "Input", "Output",
                "Capabilities"} <= set(grid)
        assert page.get_by_role("img", name="Text input").count() == 1
        page.get_by_role("button", name="Copy Model ID openai/gpt-oss-120b").click()
        assert page.evaluate("navigator.clipboard.readText()") == "openai/gpt-oss-120b"


def provider_column(page) -> list[str]:
    table = page.locator("article table", has=page.locator("th", has_text="Provider's Model ID"))
    return [t.strip() for t in table.locator("tbody tr td:first-child").all_inner_texts()]


def test_model_page_providers_table_is_cheapest_first_and_sorts(browser, site_url):  # noqa: F811
    with page_at(browser, site_url) as page:
        page.goto("/" + PAGE_TYPES["model"])
        assert provider_column(page) == ["Cheapo", "Cerebras"]  # $0.10 before $0.25
        row = page.locator("article tr", has_text="Cerebras").last
        assert "$0.25 / $0.69" in row.inner_text() and "Immediate deletion" in row.inner_text()
        price = page.locator("article th", has_text="Price").first
        price.click()
        price.click()
        assert price.get_attribute("aria-sort") == "descending" and provider_column(page) == ["Cerebras", "Cheapo"]
        row.get_by_role("button", name="Copy model id gpt-oss-120b").click()
        assert page.evaluate("navigator.clipboard.readText()") == "gpt-oss-120b"


def test_phone_keeps_provider_and_price_in_view(browser, site_url):  # noqa: F811
    with page_at(browser, site_url, width=390) as page:
        page.goto("/" + PAGE_TYPES["model"])
        row = page.locator("article tr", has_text="Cerebras").last
        row.scroll_into_view_if_needed()
        for cell in (row.locator("td").nth(0), row.locator("td").nth(1)):
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "provider and price fit the screen"
        shoot(page, "design-model-providers-390")


def test_provider_page_facts_grid_copy_and_filter(browser, site_url):  # noqa: F811
    with page_at(browser, site_url) as page:
        page.goto("/" + PAGE_TYPES["provider"])
        grid = facts(page)
        assert grid["Headquarters"] == "Sunnyvale, CA, USA" and grid["API Key Name"] == "$CEREBRAS_API_KEY"
        assert page.locator("article h1 img[alt='Cerebras Logo']").count() == 1
        page.get_by_role("button", name="Copy API Key Name $CEREBRAS_API_KEY").click()
        assert page.evaluate("navigator.clipboard.readText()") == "$CEREBRAS_API_KEY"
        box = page.get_by_role("searchbox", name="Filter this table")
        box.fill("qwen")
        rows = page.locator("article table tbody tr:not([hidden])")
        assert rows.count() == 4 and all("qwen" in t for t in rows.all_inner_texts())
        assert page.locator("form.pc-text-filter output").inner_text() == "4 of 9"


def test_counts_read_with_thousands_separators(browser, site_url):  # noqa: F811
    with page_at(browser, site_url) as page:
        page.goto("/" + PAGE_TYPES["provider"])
        cell = page.locator("article table tbody tr", has_text="gpt-oss-120b").locator("td").nth(2)
        assert cell.inner_text().strip() == "131,072" and cell.get_attribute("data-sort") == "131072"


def test_all_models_shows_logos_and_grouped_counts(browser, site_url):  # noqa: F811
    with page_at(browser, site_url) as page:
        page.goto("/all-models.html")
        row = page.locator("#pc-all-models tbody tr[data-provider='cerebras']", has_text="gpt-oss-120b")
        logo = row.locator("td").first.locator("img.pc-logo")
        assert logo.get_attribute("src") == "providers/cerebras/logo.svg"
        assert logo.evaluate("img => img.complete && img.naturalWidth > 0"), "the logo loads"
        assert row.locator("td").nth(3).inner_text() == "131,072"


def test_home_page_search_button_opens_search(browser, site_url):  # noqa: F811
    with page_at(browser, site_url, width=390) as page:
        page.goto("/index.html")
        page.locator("label.pc-search-cta").click()
        search = page.locator(".md-search__input")
        search.wait_for(state="visible")
        search.press_sequentially("gpt-oss", delay=20)
        result = page.locator(".md-search-result__item", has_text="Cerebras").first
        result.wait_for()
        assert "gpt-oss-120b — Cerebras" in result.inner_text()
        shoot(page, "design-search-390")


@pytest.mark.parametrize("path, names", [("data-format.html", "td:first-child code"), ("api.html", "td code")])
def test_field_and_file_names_do_not_break_inside(browser, site_url, path, names):  # noqa: F811
    with page_at(browser, site_url) as page:
        page.goto("/" + path)
        lines = page.locator("article table " + names).evaluate_all(
            "codes => codes.map(c => [c.textContent, c.getClientRects().length])")
        assert len(lines) >= 4 and [text for text, count in lines if count != 1] == []


HISTORY_PAGES = {"changes": "changes.html", "offering-with-chart": "providers/alpha/models/qwen-qwq-32b~713c58296b.html",
                 "model-with-chart": "models/acme/big-model.html", "home-with-changes": "index.html"}


@pytest.fixture(scope="module")
def history_site_url(tmp_path_factory):
    """The rich fixture's site: prices with a history, so the Changes page has rows and pages a chart."""
    from .exporthelp import RICH
    from .sitebuild import build_catalog_site

    with serve_directory(build_catalog_site(RICH, tmp_path_factory.mktemp("design-history"))) as url:
        yield url


@pytest.mark.parametrize("kind", list(HISTORY_PAGES))
def test_axe_finds_nothing_serious_on_the_changes_page_and_price_charts(browser, history_site_url, kind):  # noqa: F811
    found = {}
    for scheme in ("light", "dark"):
        with page_at(browser, history_site_url, scheme=scheme) as page:
            page.goto("/" + HISTORY_PAGES[kind])
            page.wait_for_selector("article[data-pc-enhanced='on']")
            if kind == "changes":
                assert page.locator("#pc-changes tbody tr").count() >= 2
            elif kind == "home-with-changes":
                assert page.get_by_role("heading", name="Recent Changes").count() == 1
            else:
                assert page.locator("article svg.pc-price-chart").count() >= 1  # the price chart is on the page
            found[scheme] = serious_violations(page)
            shoot(page, f"design-{kind}-1280-{scheme}")
    assert found == {"light": [], "dark": []}
