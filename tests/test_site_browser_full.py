"""The shipped catalog's whole site (data/, thousands of offerings) in headless chromium.

The other browser tests use the small seed catalog, whose tables are narrow and whose providers
have a handful of offerings; the issue's complaints came from the full one: tables cut off at
1280 px, a 337-offering provider page, search titles alike for 55 providers.  The site is built
once for the module (the docs into a temporary folder, then mkdocs: about half a minute).
Screenshots land in tests/artifacts/full-*.png.
"""

from __future__ import annotations

import pytest

from generator import load_catalog

from .browser import browser, recording_page, screenshot, serve_directory  # noqa: F401  (browser: a fixture)
from .conftest import ROOT
from .sitebuild import build_catalog_site

SHIPPED = ROOT / "data"
BIG = "openrouter"  # the provider with the most offerings

# A table either fits its column, or scrolls inside its own frame with its first column kept in
# view: after scrolling it to the end, the last header is inside the frame and the first column
# still at its left edge.  No column is ever out of reach.
TABLE_REACH = """table => {
  const box = e => e.getBoundingClientRect();
  const heads = table.querySelectorAll('thead th'), right = box(table).right;
  const fits = table.scrollWidth <= table.clientWidth + 1;
  const scrolls = ['auto', 'scroll'].includes(getComputedStyle(table).overflowX);
  table.scrollLeft = table.scrollWidth;
  const first = table.querySelector('tbody tr td:first-child'), last = heads[heads.length - 1];
  return {fits, scrolls, right, lastInFrame: !last || box(last).right <= box(table).right + 1,
          firstInFrame: !first || Math.abs(box(first).left - box(table).left) <= 1};
}"""


@pytest.fixture(scope="module")
def full_url(tmp_path_factory):
    site = build_catalog_site(SHIPPED, tmp_path_factory.mktemp("full-site"))
    with serve_directory(site) as url:
        yield url


@pytest.fixture
def page(browser, full_url):  # noqa: F811
    """A 1280 px wide page on which no dialog, console error, exception or failed request may occur."""
    with recording_page(browser, full_url) as (page, errors):
        page.set_viewport_size({"width": 1280, "height": 900})
        yield page
    assert errors == [], "the browser reported errors"


@pytest.mark.parametrize("path", [f"providers/{BIG}/index.html", "models/openai/gpt-oss-120b.html",
                                  "compare.html", "all-models.html"])
def test_wide_tables_scroll_inside_with_the_first_column_in_view(page, path):
    page.goto("/" + path)
    tables = page.locator("article table")
    assert tables.count() > 0
    wide = 0
    for index in range(tables.count()):
        reach = tables.nth(index).evaluate(TABLE_REACH)
        assert reach["right"] <= 1280, f"table {index} of {path} runs off the screen"
        if not reach["fits"]:
            wide += 1
            assert reach["scrolls"] and reach["lastInFrame"] and reach["firstInFrame"], (path, index, reach)
    screenshot(page, "full-" + path.replace("/", "-").removesuffix(".html"))
    if path.startswith("models/"):
        assert wide >= 1, "the Offered by table of a model with dozens of providers is wider than its column"


def _shown(page):
    return page.locator("article table tbody tr:not([hidden])")


def test_the_biggest_provider_page_filters_and_sorts(page):
    offerings = load_catalog(SHIPPED).provider(BIG).offerings
    page.goto(f"/providers/{BIG}/index.html")
    assert _shown(page).count() == len(offerings) > 300
    page.get_by_role("searchbox", name="Filter this table").fill("claude")
    texts = _shown(page).all_inner_texts()
    assert 0 < len(texts) < len(offerings) and all("claude" in t.lower() for t in texts)
    assert page.locator("form.pc-text-filter output").inner_text() == f"{len(texts)} of {len(offerings)}"
    header = page.locator("article thead th", has_text="Input Price")
    header.click()
    prices = [t.split("\t")[3] for t in _shown(page).all_inner_texts()]
    known = [float(p.removeprefix("$").removesuffix("/1M").replace(",", "")) for p in prices if p.startswith("$")]
    assert known == sorted(known) and len(known) >= 2 and header.get_attribute("aria-sort") == "ascending"
    assert prices[len(known):] == ["N/A"] * (len(prices) - len(known)), "unknown prices sort last"
    screenshot(page, "full-openrouter-claude-by-price")


def test_search_names_the_provider_of_each_offering_hit(page):
    page.goto("/index.html")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("gpt-oss-120b", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    titles = [t.split("\n")[0] for t in page.locator(".md-search-result__item").all_inner_texts()]
    offering_hits = [t for t in titles if " — " in t]
    assert len(offering_hits) >= 5, titles
    assert len(set(offering_hits)) == len(offering_hits), "each hit says whose offering it is"
    screenshot(page, "full-search-gpt-oss-120b")
