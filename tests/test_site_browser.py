"""The built site in a real browser: headless Debian chromium driven by Playwright.

Screenshots land in tests/artifacts/ (ignored by git) for a person to look at.
"""

from __future__ import annotations

import re

import pytest

from generator import load_catalog
from generator.outputs.site import facts

from .browser import browser, recording_page, screenshot, serve_directory  # noqa: F401  (browser: a fixture)
from .conftest import DATA
from .sitebuild import HOSTILE_NAME, rich_site, shipped_site  # noqa: F401  (fixtures)

TABS = ["Home", "Providers", "Models", "Authors", "Compare", "Privacy", "Changes", "API", "Data format", "Guide"]


@pytest.fixture(scope="module")
def base_url(shipped_site):  # noqa: F811
    with serve_directory(shipped_site) as url:
        yield url


@pytest.fixture(scope="module")
def rich_url(rich_site):  # noqa: F811
    with serve_directory(rich_site) as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    """A fresh page on which no dialog, console error, uncaught exception or failed request may occur."""
    with recording_page(browser, base_url) as (page, errors):
        yield page
    assert errors == [], "the browser reported errors"


def visible_rows(page) -> list:
    return page.locator("#pc-all-models tbody tr:not([hidden])")


def test_home_page_renders_with_tabs_and_search(page):
    page.goto("/index.html")
    assert "Provider Catalog" in page.title()
    tabs = [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts()]
    assert tabs == TABS
    assert page.locator(".md-search__input").count() == 1
    screenshot(page, "home")


def test_dark_mode_toggle_switches_the_palette(page):
    page.emulate_media(color_scheme="light")
    page.goto("/index.html")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    screenshot(page, "home-dark")


def test_search_for_gpt_oss_reaches_the_gpt_oss_120b_page(page):
    page.goto("/index.html")
    page.locator(".md-search__input").click()  # the header's search box (visible on a wide screen)
    page.locator(".md-search__input").press_sequentially("gpt-oss", delay=30)  # typed, as a person would
    result = page.locator(".md-search-result__link[href*='providers/cerebras/models/gpt-oss-120b.html']").first
    result.wait_for(timeout=15000)
    screenshot(page, "search-gpt-oss")
    result.click()
    page.wait_for_url(re.compile(r"/providers/cerebras/models/gpt-oss-120b\.html"))
    assert "gpt-oss-120b" in page.locator("article h1").first.inner_text()
    screenshot(page, "gpt-oss-120b")


def _column(page, index: int, attribute: str = "data-sort") -> list[str]:
    return page.eval_on_selector_all(
        f"#pc-all-models tbody tr:not([hidden]) td:nth-child({index + 1})",
        f"cells => cells.map(c => c.getAttribute('{attribute}') ?? c.textContent.trim())")


def test_clicking_a_header_of_all_models_sorts_it(page):
    page.goto("/all-models.html")
    header = page.locator("#pc-all-models thead th", has_text="Input")
    header.click()
    keys = _column(page, 4)
    known = [float(k) for k in keys if k != ""]
    assert known == sorted(known) and len(known) >= 2
    assert keys == [k for k in keys if k != ""] + [""] * keys.count(""), "unknown prices sort last"
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    keys = _column(page, 4)
    assert [float(k) for k in keys if k != ""] == sorted(known, reverse=True)
    assert keys[-1] == "" and header.get_attribute("aria-sort") == "descending"
    page.locator("#pc-all-models thead th", has_text="Model").click()
    names = _column(page, 1, "none")
    expected = page.evaluate("names => names.slice().sort((a, b) => a.localeCompare(b, undefined, "
                             "{numeric: true, sensitivity: 'base'}))", names)
    assert names == expected, "text sorts in the browser's natural order"
    assert names.index("qwen-3-32b") < names.index("qwen-3-235b-a22b-instruct-2507")
    screenshot(page, "all-models-sorted")


def test_filters_narrow_all_models(page):
    offerings = load_catalog(DATA).offerings
    page.goto("/all-models.html")
    assert visible_rows(page).count() == len(offerings)
    page.locator("form.pc-filters input[name='q']").fill("qwen")
    assert visible_rows(page).count() == sum("qwen" in o.id for o in offerings) < len(offerings)
    page.locator("form.pc-filters input[name='q']").fill("")
    page.locator("form.pc-filters select[name='feature']").select_option("reasoning")
    assert visible_rows(page).count() == sum("reasoning" in facts.features_of(o) for o in offerings)
    page.locator("form.pc-filters select[name='feature']").select_option("")
    page.locator("form.pc-filters input[name='max-price']").fill("1")
    cheap = [o for o in offerings if o.price and o.price.input is not None and o.price.input <= 1]
    assert visible_rows(page).count() == len(cheap) >= 1
    assert page.locator("form.pc-filters output").inner_text() == f"{len(cheap)} of {len(offerings)}"
    screenshot(page, "all-models-filtered")
    page.locator("form.pc-filters select[name='provider']").select_option("cerebras")
    page.locator("form.pc-filters select[name='modality']").select_option("out:image")
    assert visible_rows(page).count() == 0  # no shipped offering is known to output images


def test_privacy_matrix_shows_cerebras_not_training_on_data(page):
    page.goto("/privacy.html")
    table = page.locator("article table").first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    row = table.locator("tbody tr", has=page.locator("td:first-child", has_text="Cerebras"))
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[headers.index("Trains on data")] == "No"
    assert cells[headers.index("Retains data")] == "No"
    screenshot(page, "privacy")


@pytest.mark.parametrize("path", ["compare.html", "api.html", "data-format.html", "providers/index.html",
                                  "guide/performance.html"])
def test_other_pages_load_without_errors(page, path):
    page.goto("/" + path)
    assert page.locator("article h1").count() == 1
    screenshot(page, path.replace("/", "-").removesuffix(".html"))


def test_compare_shows_providers_of_a_model_cheapest_first(page, rich_url):
    page.goto(rich_url + "/compare.html")
    select = page.locator("form.pc-compare select[name='model']")
    assert select.locator("option").all_inner_texts() == ["gpt-oss-120b (openai/gpt-oss-120b)"]
    rows = page.locator("#pc-compare tbody tr")
    assert rows.count() == 2
    first, second = ([c.strip() for c in rows.nth(i).locator("td").all_inner_texts()] for i in (0, 1))
    assert (first[0], first[2], first[4]) == ("Cheapo", "65,536", "$0.10/1M")
    assert (second[0], second[2], second[4]) == ("Cerebras", "131,072", "$0.25/1M")
    assert (second[3], second[6]) == ("N/A", "N/A")  # unknown max output and cached price: one marker
    screenshot(page, "compare-rich")
    page.goto(rich_url + "/compare.html#model=openai%2Fgpt-oss-120b")  # a link to one comparison
    assert select.input_value() == "0" and rows.count() == 2


def test_hostile_names_show_as_text_in_the_browser(page, rich_url):
    page.goto(rich_url + "/all-models.html")
    cell = page.locator("#pc-all-models tbody tr[data-provider='cheapo'] td").nth(1)
    assert HOSTILE_NAME in cell.inner_text().replace("\n", "")
    assert page.evaluate("typeof window.pwned") == "undefined"
    screenshot(page, "all-models-hostile")
    page.goto(rich_url + "/privacy.html")
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_long_tables_show_a_page_of_rows_then_more(page):
    """At models.dev scale only the first rows are laid out; the rest come on request."""
    page.goto("/all-models.html")
    total = visible_rows(page).count()
    page.evaluate("document.getElementById('pc-all-models').setAttribute('data-page-size', '4')")
    page.locator("form.pc-filters input[name='q']").dispatch_event("input")  # re-applies the filter: page size 4
    assert visible_rows(page).count() == 4
    assert page.locator("form.pc-filters output").inner_text() == f"{total} of {total} (first 4 shown)"
    more = page.locator("button.pc-more")
    assert more.inner_text() == f"Show 4 more of {total - 4}"
    more.click()
    assert visible_rows(page).count() == 8
    page.locator("#pc-all-models thead th", has_text="Input").click()  # sorting keeps the page
    keys = _column(page, 4)
    assert len(keys) == 8 and keys[0] == "0.25"
    screenshot(page, "all-models-paged")



@pytest.fixture(scope="module")
def history_url(tmp_path_factory):
    """The site of the rich fixture catalog, whose offerings carry a price history."""
    from .exporthelp import RICH
    from .sitebuild import build_catalog_site

    with serve_directory(build_catalog_site(RICH, tmp_path_factory.mktemp("history-site"))) as url:
        yield url


@pytest.fixture
def history_page(browser, history_url):
    with recording_page(browser, history_url) as (page, errors):
        yield page
    assert errors == [], "the browser reported errors"


def test_the_changes_page_filters_by_provider_and_kind_and_shows_all_without_script(history_page, browser,
                                                                                    history_url):
    page = history_page
    page.goto("/changes.html")
    total = page.locator("#pc-changes tbody tr").count()
    assert total >= 2
    page.select_option("form.pc-change-filters select[name=kind]", "price")
    shown = page.locator("#pc-changes tbody tr:not([hidden])")
    assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.kind)")) == {"price"}
    page.select_option("form.pc-change-filters select[name=provider]", "alpha")
    assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.provider + ' ' + r.dataset.kind)")) == {
        "alpha price"}
    page.select_option("form.pc-change-filters select[name=provider]", "")
    page.select_option("form.pc-change-filters select[name=kind]", "")
    assert shown.count() == total
    screenshot(page, "changes-filtered")
    context = browser.new_context(base_url=history_url, java_script_enabled=False)
    try:
        bare = context.new_page()
        bare.goto("/changes.html")
        assert bare.locator("#pc-changes tbody tr:visible").count() == total
        assert not bare.locator("form.pc-change-filters").is_visible()  # hidden: nothing to filter with
    finally:
        context.close()


def test_the_price_chart_is_drawn_in_the_text_colour_in_dark_mode(history_page):
    page = history_page
    page.emulate_media(color_scheme="light")
    page.goto("/providers/alpha/models/qwen-qwq-32b~713c58296b.html")
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    chart = page.locator("svg.pc-price-chart").first
    assert chart.is_visible() and chart.bounding_box()["height"] > 100
    stroke, text = chart.evaluate("s => [getComputedStyle(s.querySelector('path[stroke-width=\"2\"]')).stroke, "
                                  "getComputedStyle(s.closest('article')).color]")
    assert stroke == text
    assert "Input changed -80% on 2025-01-01." in page.locator("article").inner_text()
    chart.scroll_into_view_if_needed()
    screenshot(page, "price-chart-dark")
