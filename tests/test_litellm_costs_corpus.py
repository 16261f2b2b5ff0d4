"""Every cost key of LiteLLM's real file: mapped to our price model with the JSON's own number, or
listed (with its reason on the guide's importing page) as one we cannot keep."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import needs_corpus
from generator.importers import litellm
from generator.importers.litellm_regions import REGIONAL, regional
from generator.importers.litellm_costs import NOT_MAPPED, SEARCH_KEY, SEARCH_SIZES, TIERED_KEY, TOKEN_UNIT_SET, parse

pytestmark = pytest.mark.corpus
GUIDE = Path(__file__).parents[1] / "generator/outputs/site/guide_pages"


@pytest.fixture(scope="module")
def corpus():
    path = needs_corpus("litellm", "model_prices_and_context_window.json")
    entries = json.loads(path.read_text(), parse_float=Decimal)
    batch = litellm.read(path)
    offerings = {item.origin: item.data for item in batch.items if item.kind == "offering"}
    skipped = {s.input for s in batch.report.skips}
    return entries, offerings, skipped


def _cost_keys(entries) -> set[str]:
    return {k for key, e in entries.items() if key != "sample_spec" and isinstance(e, dict)
            for k in e if "cost" in k or "pricing" in k}


def test_every_cost_key_is_mapped_or_listed_as_not_mappable(corpus):
    entries, _, _ = corpus
    unmapped = {k for k in _cost_keys(entries) if parse(k) is None and k not in (SEARCH_KEY, TIERED_KEY)}
    assert unmapped == NOT_MAPPED
    importing = (GUIDE / "importing.md").read_text()
    assert all(f"`{key}`" in importing for key in NOT_MAPPED)  # each with its reason on the guide page


def _stated(pricing: dict, unit: str, conditions: dict) -> Decimal | None:
    """The rate *pricing* holds for *unit* under *conditions*, wherever the model puts it."""
    if not conditions and unit in pricing:
        return pricing[unit]
    if set(conditions) == {"above_tokens"}:
        for tier in pricing.get("tiers", ()):
            if tier["above_tokens"] == conditions["above_tokens"] and unit in tier:
                return tier[unit]
    for item in pricing.get("conditional", ()):
        if item["unit"] == unit and {k: v for k, v in item.items() if k not in ("unit", "rate")} == conditions:
            return item["rate"]
    return None


def _expected(unit: str, value: Decimal) -> Decimal:
    return Decimal(value).scaleb(6) if unit in TOKEN_UNIT_SET else Decimal(value)


def test_every_mapped_cost_holds_the_json_number_or_is_reported(corpus):
    """Each value of each mapped key, entry by entry: the price we hold equals the JSON's own number
    (per million for tokens), or the report names that entry and key (a 0 without a reason to be free,
    a number we cannot hold exactly)."""
    entries, offerings, skipped = corpus
    checked = 0
    for key, raw in entries.items():
        if key not in offerings:
            continue
        pricing = offerings[key].get("pricing", {})
        for cost_key, value in raw.items():
            if (parsed := parse(cost_key)) is None:
                continue
            unit, conditions = parsed
            held = _stated(pricing, unit, conditions)
            if held is None:
                assert f"{key} ({cost_key})" in skipped, (key, cost_key, value)
            else:
                assert held == _expected(unit, value), (key, cost_key)
                checked += 1
    assert checked > 3_500


def test_search_context_and_tiered_pricing_hold_the_json_numbers(corpus):
    entries, offerings, _ = corpus
    searches = tiered = 0
    for key, data in offerings.items():
        raw, pricing = entries[key], data.get("pricing", {})
        for name, quality in SEARCH_SIZES.items():
            if raw.get(SEARCH_KEY, {}).get(name):
                assert _stated(pricing, "search", {"quality": quality}) == raw[SEARCH_KEY][name]
                searches += 1
        for band in raw.get(TIERED_KEY, ()):
            low = int(band["range"][0])
            for cost_key in set(band) - {"range"}:
                unit = parse(cost_key)[0]
                held = pricing[unit] if low == 0 else _stated(pricing, unit, {"above_tokens": low})
                assert held == Decimal(band[cost_key]).scaleb(6), (key, cost_key, low)
                tiered += 1
    assert searches > 100 and tiered > 60


def test_known_entries_exactly(corpus):
    """A few entries read by hand from the JSON."""
    _, offerings, _ = corpus
    gpt5 = offerings["gpt-5"]["pricing"]
    assert {"unit": "input", "rate": Decimal("2.5"), "tier": "priority"} in gpt5["conditional"]
    assert {"unit": "output", "rate": Decimal("5"), "tier": "flex"} in gpt5["conditional"]
    whisper = offerings["whisper-1"]["pricing"]["conditional"]
    assert {"unit": "input_second", "rate": Decimal("0.0001")} in whisper  # a transcription, by the second
    tts = offerings["tts-1"]["pricing"]["conditional"]
    assert tts == [{"unit": "input_character", "rate": Decimal("0.000015")}]


def test_bedrock_regional_entries_become_regional_prices_of_their_model(corpus):
    """Every cost of every regional entry, as an item of its base offering stating the region."""
    entries, offerings, skipped = corpus
    by_base, base_of = regional(entries)
    assert len(base_of) == 103 and not set(base_of) & set(offerings)
    checked = 0
    for regional_key, base in base_of.items():
        region = REGIONAL.match(regional_key)["region"]
        items = offerings[base]["pricing"]["conditional"]
        for cost_key, value in entries[regional_key].items():
            if (parsed := parse(cost_key)) is None:
                continue
            unit, conditions = parsed
            held = [i["rate"] for i in items if i["unit"] == unit and i.get("region") == region
                    and {k: v for k, v in i.items() if k not in ("unit", "rate", "region")} == conditions]
            if held:
                assert held == [_expected(unit, value)], (regional_key, cost_key)
                checked += 1
            else:
                assert f"{regional_key} ({cost_key})" in skipped, (regional_key, cost_key)
    assert checked > 150
    deepseek = offerings["bedrock/deepseek.v3.2" if "bedrock/deepseek.v3.2" in offerings else "deepseek.v3.2"]
    assert {"unit": "input", "rate": Decimal("0.74"), "region": "ap-south-1"} in deepseek["pricing"]["conditional"]
