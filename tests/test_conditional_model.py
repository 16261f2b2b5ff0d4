"""The conditional price model end to end: validation of hand edits, the JSON export read back, the
offering page's table (escaped), api.json leaving out what models.dev cannot carry, and window edges."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from generator import load_catalog
from generator.catalog.catalog import Catalog
from generator.catalog.seal import SCHEMA_VERSION
from generator.catalog.conditions import Call, choose, in_window, rates_by_unit
from generator.model.records import ConditionalPrice, Price, PriceTier, Window
from generator.outputs.docs.render import render_docs
from generator.present.filters import conditional_cells
from generator.outputs.exports import export_files
from generator.validation.validate import validate_catalog

CALLS = Path(__file__).parent / "fixtures" / "calls"
GPT5 = "providers/openai/models/gpt-5.yaml"


def _edited(tmp_path: Path, extra: str) -> Path:
    data = tmp_path / "calls"
    shutil.copytree(CALLS, data)
    path = data / GPT5
    path.write_text(path.read_text().replace("    - {unit: output, rate: 20, tier: priority}\n",
                                             "    - {unit: output, rate: 20, tier: priority}\n" + extra))
    return data


@pytest.mark.parametrize("extra, message", [
    ("    - {unit: output, rate: 21, tier: priority}\n", "pricing.conditional[6]: states the same unit and "
                                                         "conditions as item 5"),
    ("    - {unit: image, rate: 1, window: {start: '10:00', end: '10:00'}}\n", "starts and ends at the same minute"),
    ("    - {unit: image, rate: 1, window: {start: '24:00', end: '10:00'}}\n", "window.start"),
    ("    - {unit: bogus, rate: 1}\n", "`bogus` is not one of input, output"),
    ("    - {unit: image, rate: -1}\n", "rate: -1 is less than the minimum of 0"),
    ("    - {unit: image, rate: 1, tier: cheap}\n", "`cheap` is not one of standard, batch, flex, priority"),
    ("    - {unit: image, rate: 1, size: large}\n", "size"),
    ("    - {unit: image, rate: 1, window: {start: '10:00', end: '11:00', days: [monday]}}\n", "monday"),
    ("    - {rate: 1}\n", "unit"),
])
def test_hand_edit_mistakes_are_caught(tmp_path, extra, message):
    errors = [p.format() for p in validate_catalog(_edited(tmp_path, extra)).errors]
    assert any(message in e and "gpt-5.yaml" in e for e in errors), errors


def test_export_reads_back_equal(tmp_path):
    catalog = load_catalog(CALLS)
    files = export_files(catalog)
    path = tmp_path / "catalog.json"
    path.write_bytes(files["api/catalog.json"])
    assert Catalog.from_json(path, data_dir=CALLS) == catalog
    document = json.loads(files["api/catalog.json"])
    deepseek = [o for p in document["providers"] if p["id"] == "deepseek" for o in p["offerings"]][0]
    assert deepseek["pricing"]["history"][0]["conditional"][0] == {
        "unit": "input", "rate": "0.135", "window": {"start": "16:30", "end": "00:30"}}
    assert document["schema_version"] == SCHEMA_VERSION


def test_api_json_keeps_models_dev_shape_and_leaves_conditional_prices_out():
    api = json.loads(export_files(load_catalog(CALLS))["api/api.json"])
    gemini = api["google"]["models"]["gemini-3-pro-preview"]["cost"]
    assert gemini == {"input": 2, "output": 12, "cache_read": 0.2,
                      "tiers": [{"tier": {"type": "context", "size": 200000}, "input": 4, "output": 18,
                                 "cache_read": 0.4}],
                      "context_over_200k": {"input": 4, "output": 18, "cache_read": 0.4}}
    assert "cost" not in api["openai"]["models"]["whisper-1"]  # only a per-second rate: nothing models.dev holds


def test_offering_page_shows_conditional_prices_as_a_table_escaped(tmp_path):
    data = _edited(tmp_path, "    - {unit: search, rate: 0.01, region: a_b, quality: x-y}\n")
    pages = render_docs(load_catalog(data))
    page = pages["providers/openai/models/gpt-5.md"].decode() if isinstance(
        pages["providers/openai/models/gpt-5.md"], bytes) else str(pages["providers/openai/models/gpt-5.md"])
    assert "### Conditional Prices" in page
    assert "| Input tokens | $2.50/1M | priority | - | - | - | - | - |" in page
    assert "| Web search | $0.01 each | standard | a_b | - | - | x-y | - |" in page
    hostile = ConditionalPrice("image", Decimal("0.04"), region="<b>|x", quality="[a](javascript:x)")
    row = str(conditional_cells(hostile, "USD"))  # the schema keeps such text out; the page escapes it anyway
    assert "<b>" not in row and "&lt;b&gt;\\|x" in row and "\\[a\\](javascript:x)" in row  # no tag, no link
    deepseek = render_docs(load_catalog(CALLS))["providers/deepseek/models/deepseek-chat.md"]
    assert "Conditional Prices" not in str(deepseek)  # the current price has none; its history is in catalog.json


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.mark.parametrize("window, when, inside", [
    (Window("16:30", "00:30"), "2025-03-10T16:29", False),
    (Window("16:30", "00:30"), "2025-03-10T16:30", True),
    (Window("16:30", "00:30"), "2025-03-11T00:29", True),
    (Window("16:30", "00:30"), "2025-03-11T00:30", False),
    (Window("09:00", "17:00", ("sat", "sun")), "2025-03-15T09:00", True),  # a Saturday
    (Window("09:00", "17:00", ("sat", "sun")), "2025-03-14T09:00", False),  # a Friday
    (Window("22:00", "02:00", ("fri",)), "2025-03-15T01:00", True),  # Saturday 01:00 belongs to Friday's window
    (Window("22:00", "02:00", ("fri",)), "2025-03-16T01:00", False),  # Sunday 01:00: Saturday's, not listed
])
def test_window_edges(window, when, inside):
    assert in_window(window, _utc(when)) is inside


def test_a_time_in_another_zone_is_converted_to_utc():
    off_peak = Window("16:30", "00:30")
    assert in_window(off_peak, datetime.fromisoformat("2025-03-10T18:30+02:00"))  # 16:30 UTC
    assert not in_window(off_peak, datetime.fromisoformat("2025-03-10T18:29+02:00"))


D = Decimal


@pytest.mark.parametrize("call, prompt, rate", [
    (Call(), 100, "1"),
    (Call(size="1024x1024"), 100, "2"),  # an exact size beats no size
    (Call(size="2048x2048"), 100, "3"),  # >1024x1024 and the larger stated size
    (Call(quality="hd"), 100, "4"),
    (Call(quality="hd", size="1024x1024"), 100, "4"),  # a stated quality ranks before a size
    (Call(tier="batch"), 100, None),
])
def test_most_specific_rate_wins(call, prompt, rate):
    entry = Price(conditional=(ConditionalPrice("image", D(1)), ConditionalPrice("image", D(2), size="1024x1024"),
                               ConditionalPrice("image", D(3), size=">1024x1024"),
                               ConditionalPrice("image", D("2.5"), size=">512x512"),
                               ConditionalPrice("image", D(4), quality="hd")))
    chosen = choose(rates_by_unit(entry)["image"], call, prompt)
    assert (chosen.rate if chosen else None) == (D(rate) if rate else None)


def test_tier_rates_fall_back_to_base_and_thresholds_are_strict():
    entry = Price(input=D(1), output=D(2), tiers=(PriceTier(100, input=D(3)),))
    rates = rates_by_unit(entry)
    assert choose(rates["output"], Call(), 101).rate == D(2) and choose(rates["output"], Call(), 101).above_tokens == 100
    assert choose(rates["input"], Call(), 100).rate == D(1) and choose(rates["input"], Call(), 101).rate == D(3)
