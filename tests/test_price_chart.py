"""The price history step chart and the "changed -33% on ..." note on offering and model pages."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from generator.build.pipeline import build
from generator.model.records import Price, Pricing
from generator.present.price_chart import change_note, change_since, chart

from .exporthelp import RICH


class _Offering:
    """What the chart reads of an offering."""

    def __init__(self, *entries: Price):
        self.pricing = Pricing(entries[-1], tuple(entries[:-1]))
        self.ref, self.id, self.provider_id = "p/x", "x", "p"


def _price(day: str, inp, out) -> Price:
    return Price(effective_from=date.fromisoformat(day), input=inp and Decimal(inp), output=out and Decimal(out))


def test_steps_follow_the_prices_in_the_text_colour():
    svg = chart(_Offering(_price("2025-01-01", "3", "4"), _price("2025-03-01", "1.5", "4"), _price("2025-05-01", "1", "2")))
    assert 'stroke="currentColor"' in svg and "<title>Price history of p/x" in svg
    paths = re.findall(r'<path d="(M[^"]*)" stroke-width="2"', svg)
    # 132 px of height for 0..4 (the highest rate); 560 px for 150 days (120 of prices, then 30 more):
    # input 3 (y 47) until 2025-03-01 (day 59, x 284.3), 1.5 (y 96.5) until day 120 (x 512), then 1 (y 113)
    assert paths[0] == "M64.0 47.0H284.3V96.5H512.0V113.0H624.0"
    assert paths[1] == "M64.0 14.0H284.3V14.0H512.0V80.0H624.0"  # output, dashed: 4, 4, then 2


def test_an_unknown_rate_breaks_its_line_and_one_price_draws_nothing():
    svg = chart(_Offering(_price("2025-01-01", "3", "4"), _price("2025-02-01", None, "4"), _price("2025-03-01", "2", "4")))
    assert re.findall(r'<path d="(M[^"]*)" stroke-width="2"/>', svg)[0].count("M") == 2
    assert chart(_Offering(_price("2025-01-01", "3", "4"))) == ""


def test_the_note_gives_the_newest_change_in_percent():
    offering = _Offering(_price("2025-01-01", "3", "4"), _price("2026-05-02", "2", "4"))
    assert change_note(offering) == "Input changed -33.3% on 2026-05-02."


def test_offering_and_model_pages_show_the_chart_table_and_note(tmp_path):
    build(RICH, tmp_path)
    offering = next((tmp_path / "providers/alpha/models").glob("qwen-qwq-32b*.md")).read_text()
    assert "Per million tokens, in USD, since 2025-01-01. Input changed -80% on 2025-01-01.\n\n" in offering
    assert '<div class="pc-price-history"><svg class="pc-price-chart" role="img"' in offering
    assert "| 2025-01-01 (current) | $0.10/1M |" in offering
    model = (tmp_path / "models/acme/big-model.md").read_text()
    assert "## Price History" in model and "pc-price-chart" in model


def test_the_providers_table_cell_gives_the_newest_change_or_says_none_is_recorded():
    assert change_since(_Offering(_price("2025-01-01", "3", "4"), _price("2026-05-02", "2", "4"))) == \
        "Input -33.3% on 2026-05-02"
    assert change_since(_Offering(_price("2025-01-01", "3", "4"))) == "None recorded"


def test_the_model_page_s_providers_table_has_each_offering_s_price_change(tmp_path):
    build(RICH, tmp_path)
    model = (tmp_path / "models/acme/big-model.md").read_text()
    assert "| Cached Input | Price Change | Provider's Model ID |" in model
    rows = [line for line in model.splitlines() if "pc-provider-cell" in line]
    assert any("| Input -80% on 2025-01-01 |" in row and "QwQ-32B" in row for row in rows)
    assert any("| None recorded |" in row for row in rows)


def test_the_home_page_lists_the_newest_changes_and_links_the_changes_page(tmp_path, data_copy):
    build(RICH, tmp_path / "rich")
    home = (tmp_path / "rich" / "README.md").read_text()
    section = home.split("## Recent Changes")[1].split("## Providers")[0]
    rows = [line for line in section.splitlines() if line.startswith("| 20")]
    assert [row.split(" | ")[0] for row in rows] == ["| 2025-01-01", "| 2024-06-01"]  # newest first
    assert "alpha/Qwen/QwQ-32B" in rows[0] and "input $0.50/1M -&gt; $0.10/1M (-80%)" in rows[0]
    assert "[Changes](./changes.md)" in section
    build(data_copy, tmp_path / "seed")  # no recorded change: no section
    assert "Recent Changes" not in (tmp_path / "seed" / "README.md").read_text()


def test_each_offering_s_price_history_is_worked_out_once_per_build(tmp_path, monkeypatch):
    """An offering's chart and note appear on its page and its model's, its newest change in the
    model's table: each is worked out once per environment, the same text every time."""
    from generator.present import environment, price_chart

    calls = []
    real = price_chart.price_changes
    monkeypatch.setattr(price_chart, "price_changes", lambda o: calls.append(o.ref) or real(o))
    env = environment.make_environment()
    offering = _Offering(_price("2025-01-01", "3", "4"), _price("2026-05-02", "2", "4"))
    for _ in range(3):
        assert env.globals["price_change_note"](offering) == "Input changed -33.3% on 2026-05-02."
        assert env.globals["price_change_since"](offering) == "Input -33.3% on 2026-05-02"
        assert env.globals["price_chart"](offering) == chart(offering)
    assert calls == ["p/x", "p/x"]  # the note's and the table cell's, once each
    other = _Offering(_price("2025-01-01", "3", "4"))
    assert env.globals["price_change_since"](other) == "None recorded"
    assert env.globals["price_chart"](offering, "Another") != chart(offering)  # another label: drawn again
