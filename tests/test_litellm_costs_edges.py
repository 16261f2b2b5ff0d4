"""LiteLLM's cost keys (generator/importers/litellm_costs.py) key by key and rule by rule: each cost key
lands on its own unit and condition, and each value we cannot keep is reported with its key and reason.

Written against the mutants `make mutate MUTATE=litellm_costs` found surviving the import tests: a
renamed key, unit or condition, a flipped comparison or a changed message fails here.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from generator.importers import litellm_costs as c
from generator.importers.models_dev_map import Context
from generator.importers.report import ImportReport

D = Decimal


def ctx(free: str | None = None) -> Context:
    return Context(ImportReport("litellm", "x"), "m", "litellm", free)


def lines(context: Context) -> list[str]:
    return [s.format() for s in context.report.skips]


def invalid(key: str, value: str, why: str) -> str:
    return f"skipped m ({key}): invalid value: {value} {why}; the field is left out"


UNIT_OF = {  # written out, not read from UNITS: a renamed key or unit there fails here
    "input_cost_per_token": "input", "output_cost_per_token": "output",
    "cache_read_input_token_cost": "cached_input", "input_cost_per_token_cache_hit": "cached_input",
    "cache_creation_input_token_cost": "cache_write", "cache_creation_input_token_cost_above_1hr": "cache_write_1h",
    "output_cost_per_reasoning_token": "reasoning", "input_cost_per_audio_token": "input_audio",
    "output_cost_per_audio_token": "output_audio", "cache_read_input_audio_token_cost": "cached_input_audio",
    "cache_read_input_token_cost_per_audio_token": "cached_input_audio",
    "cache_creation_input_audio_token_cost": "cache_write_audio", "input_cost_per_image_token": "input_image_token",
    "output_cost_per_image_token": "output_image_token", "cache_read_input_image_token_cost": "cached_input_image_token",
    "citation_cost_per_token": "citation", "input_cost_per_image": "input_image", "output_cost_per_image": "image",
    "input_cost_per_pixel": "input_pixel", "output_cost_per_pixel": "output_pixel",
    "input_cost_per_second": "input_second", "output_cost_per_second": "output_second",
    "input_cost_per_audio_per_second": "input_audio_second", "input_cost_per_video_per_second": "input_video_second",
    "output_cost_per_video_per_second": "output_video_second", "input_cost_per_character": "input_character",
    "output_cost_per_character": "output_character", "input_cost_per_query": "query",
    "input_cost_per_request": "request", "ocr_cost_per_page": "page", "annotation_cost_per_page": "annotation_page",
    "code_interpreter_cost_per_session": "session",
}


@pytest.mark.parametrize("key, unit", sorted(UNIT_OF.items()))
def test_every_cost_key_is_its_unit_with_no_condition(key, unit):
    assert c.parse(key) == (unit, {}) and c.is_cost(key)


def test_every_cost_key_is_written_out_here():
    assert set(c.UNITS) == set(UNIT_OF)


@pytest.mark.parametrize("suffix, conditions", [
    ("_batches", {"tier": "batch"}), ("_batch_requests", {"tier": "batch"}), ("_flex", {"tier": "flex"}),
    ("_priority", {"tier": "priority"}), ("_above_128k_tokens", {"above_tokens": 128_000}),
    ("_above_1k_tokens", {"above_tokens": 1000}),
    ("_above_200k_tokens_priority", {"above_tokens": 200_000, "tier": "priority"}),
])
def test_a_tier_or_size_in_the_key_is_its_condition(suffix, conditions):
    assert c.parse("output_cost_per_token" + suffix) == ("output", conditions)


@pytest.mark.parametrize("key, conditions", [
    ("output_cost_per_image_premium_image", {"quality": "premium"}),
    ("output_cost_per_image_above_512_and_512_pixels", {"size": ">512x512"}),
    ("output_cost_per_image_above_512_and_512_pixels_and_premium_image", {"size": ">512x512", "quality": "premium"}),
    ("output_cost_per_image_above_1024_and_1024_pixels", {"size": ">1024x1024"}),
    ("output_cost_per_image_above_1024_and_1024_pixels_and_premium_image",
     {"size": ">1024x1024", "quality": "premium"}),
])
def test_an_image_size_or_quality_key_is_an_image_rate_with_its_conditions(key, conditions):
    unit, found = c.parse(key)
    assert (unit, found) == ("image", conditions)
    found["tier"] = "batch"  # each parse gets its own conditions: a caller's change never reaches the table
    assert c.parse(key) == ("image", conditions)


@pytest.mark.parametrize("key", ["input_dbu_cost_per_token", "output_dbu_cost_per_token",
                                 "input_cost_per_video_per_second_above_8s_interval",
                                 "input_cost_per_video_per_second_above_15s_interval",
                                 "max_tokens", "input_cost_per_token_slow", "_above_1k_tokens"])
def test_a_key_we_do_not_map_is_no_cost(key):
    assert c.parse(key) is None and not c.is_cost(key)


def test_each_key_we_leave_out_on_purpose_has_its_reason_on_the_guide_page():
    guide = (Path(__file__).parents[1] / "generator/outputs/site/guide_pages/importing.md").read_text()
    rows = [line for line in guide.splitlines() if line.startswith("| `")]
    assert len(c.NOT_MAPPED) == 4
    assert all(any(f"`{key}`" in row.split(" | ")[0] and len(row.split(" | ")[1]) > 40 for row in rows)
               for key in c.NOT_MAPPED)


def test_search_and_tiered_pricing_are_costs():
    assert c.is_cost("search_context_cost_per_query") and c.is_cost("tiered_pricing")


@pytest.mark.parametrize("unit, value, out", [
    ("input", D("3.5E-7"), "0.35"), ("input", D("1.50E-6"), "1.5"), ("input", 2, "2E+6"),
    ("cache_write_1h", D("6E-6"), "6"), ("image", D("0.040"), "0.04"), ("input_second", D("0.0001"), "0.0001"),
])
def test_a_token_rate_is_per_million_and_any_other_per_one(unit, value, out):
    context = ctx()
    assert str(c.rate(context, "k", value, unit)) == out
    assert lines(context) == []


@given(st.decimals(min_value=D("1E-9"), max_value=D(1000), places=9))
def test_any_per_token_cost_is_the_same_number_of_millions(value):
    assert c.rate(ctx(), "k", value, "output") == value * 1_000_000


@pytest.mark.parametrize("unit, value, shown, per", [
    ("input", True, "True", "per token"), ("input", D(-1), "Decimal('-1')", "per token"),
    ("input", D("NaN"), "Decimal('NaN')", "per token"), ("input", D("Infinity"), "Decimal('Infinity')", "per token"),
    ("input", "1e-6", "'1e-6'", "per token"), ("input_image", 2**60, str(2**60), "per input image"),
    ("input", D("0.1234567890123456789"), "Decimal('0.1234567890123456789')", "per token"),
])
def test_a_cost_we_cannot_keep_exactly_is_reported_with_its_unit(unit, value, shown, per):
    context = ctx()
    assert c.rate(context, "k", value, unit) is None
    assert lines(context) == [invalid("k", shown, f"is not a cost {per} that a catalog price can hold exactly")]


@pytest.mark.parametrize("zero", [0, D("0.0")])
def test_a_zero_cost_needs_a_reason_to_be_free(zero):
    context = ctx()
    assert c.rate(context, "k", zero, "input") is None
    assert [s.reason for s in context.report.skips] == ["unconfirmed-zero"]
    assert c.rate(ctx("its id says free"), "k", zero, "input") == 0


def test_pricing_of_no_cost_is_empty():
    assert c.pricing(ctx(), {"max_tokens": 5, "mode": "chat"}) == {}


def test_flat_rates_are_in_us_dollars_in_our_field_order():
    raw = {"output_cost_per_token": D("2E-6"), "input_cost_per_token": D("1E-6"),
           "output_cost_per_reasoning_token": D("3E-6"), "cache_read_input_token_cost": D("1E-7")}
    out = c.pricing(ctx(), raw)
    assert out == {"currency": "USD", "input": 1, "output": 2, "cached_input": D("0.1"), "reasoning": 3}
    assert list(out) == ["currency", "input", "output", "cached_input", "reasoning"]


def test_two_keys_for_one_rate_must_agree():
    context = ctx()
    raw = {"cache_read_input_token_cost": D("1E-7"), "input_cost_per_token_cache_hit": D("2E-7")}
    assert c.pricing(context, raw) == {"currency": "USD", "cached_input": D("0.1")}
    assert lines(context) == [invalid("input_cost_per_token_cache_hit", "Decimal('0.2')",
                                      "disagrees with another key giving the cached_input rate (0.1 per million)")]
    context = ctx()
    raw["input_cost_per_token_cache_hit"] = D("1E-7")
    assert c.pricing(context, raw) == {"currency": "USD", "cached_input": D("0.1")} and lines(context) == []


def test_rates_above_a_prompt_size_are_tiers_sorted_by_size():
    raw = {"input_cost_per_token": D("1E-6"), "input_cost_per_token_above_200k_tokens": D("3E-6"),
           "output_cost_per_token_above_200k_tokens": D("4E-6"), "input_cost_per_token_above_128k_tokens": D("2E-6")}
    assert c.pricing(ctx(), raw) == {"currency": "USD", "input": 1, "tiers": [
        {"above_tokens": 128_000, "input": 2}, {"above_tokens": 200_000, "input": 3, "output": 4}]}


def test_a_tier_above_0k_tokens_is_reported_not_a_tier():
    context = ctx()
    assert c.pricing(context, {"input_cost_per_token_above_0k_tokens": D("1E-6")}) == {}
    assert lines(context) == [invalid("input_cost_per_token_above_0k_tokens", "Decimal('0.000001')",
                                      "is a tier above 0 tokens, which is the base price; a tier starts above 1k")]


def test_other_conditions_and_units_are_conditional_items_in_reading_order():
    raw = {"input_cost_per_token_priority": D("2E-6"), "input_cost_per_token_batches": D("5E-7"),
           "input_cost_per_token_above_200k_tokens_flex": D("1E-6"), "input_cost_per_token_flex": D("6E-7"),
           "output_cost_per_image": D("0.04"), "output_cost_per_image_premium_image": D("0.08"),
           "output_cost_per_image_above_512_and_512_pixels": D("0.05"), "input_cost_per_second": D("0.001"),
           "cache_creation_input_token_cost_above_1hr": D("6E-6")}
    assert c.pricing(ctx(), raw)["conditional"] == [
        {"unit": "cache_write_1h", "rate": 6}, {"unit": "image", "rate": D("0.04")},
        {"unit": "input_second", "rate": D("0.001")}, {"unit": "image", "rate": D("0.05"), "size": ">512x512"},
        {"unit": "image", "rate": D("0.08"), "quality": "premium"},
        {"unit": "input", "rate": D("0.5"), "tier": "batch"},
        {"unit": "input", "rate": D("0.6"), "tier": "flex"},
        {"unit": "input", "rate": 1, "tier": "flex", "above_tokens": 200_000},
        {"unit": "input", "rate": 2, "tier": "priority"}]


def test_conditional_items_group_by_tier_then_region_size_quality_image_size_unit():
    items = [{"unit": "b"}, {"unit": "a"}, {"unit": "a", "size": "s"}, {"unit": "a", "quality": "q"},
             {"unit": "a", "above_tokens": 5}, {"unit": "a", "region": "r"}, {"unit": "a", "tier": "t"}]
    assert sorted(items, key=c.conditional_order) == [
        {"unit": "a"}, {"unit": "b"}, {"unit": "a", "size": "s"}, {"unit": "a", "quality": "q"},
        {"unit": "a", "above_tokens": 5}, {"unit": "a", "region": "r"}, {"unit": "a", "tier": "t"}]


def test_a_rate_above_no_prompt_size_comes_before_one_above_the_smallest():
    items = [{"unit": "b"}, {"unit": "a", "above_tokens": 1}]  # 1: the schema's smallest threshold
    assert sorted(items, key=c.conditional_order) == items


def test_search_context_sizes_are_search_rates_by_quality():
    context = ctx()
    value = {"search_context_size_high": D("0.05"), "search_context_size_low": D("0.03"),
             "search_context_size_medium": D("0.04")}
    assert c.pricing(context, {"search_context_cost_per_query": value}) == {"currency": "USD", "conditional": [
        {"unit": "search", "rate": D("0.05"), "quality": "high"}, {"unit": "search", "rate": D("0.03"), "quality": "low"},
        {"unit": "search", "rate": D("0.04"), "quality": "medium"}]}
    assert lines(context) == []


@pytest.mark.parametrize("value", [D("0.03"), {"search_context_size_huge": D("0.03")}, None])
def test_search_context_that_is_not_an_object_of_sizes_is_reported(value):
    context = ctx()
    assert c.pricing(context, {"search_context_cost_per_query": value}) == {}
    assert lines(context) == [invalid("search_context_cost_per_query", repr(value), "is not an object of "
                                      "search_context_size_low, search_context_size_medium, search_context_size_high")]


def test_a_search_rate_we_cannot_keep_is_reported_by_its_size():
    context = ctx()
    value = {"search_context_size_low": D(-1), "search_context_size_high": D("0.05")}
    assert c.pricing(context, {"search_context_cost_per_query": value})["conditional"] == [
        {"unit": "search", "rate": D("0.05"), "quality": "high"}]
    assert lines(context) == [invalid("search_context_cost_per_query.search_context_size_low", "Decimal('-1')",
                                      "is not a cost per search that a catalog price can hold exactly")]


def test_tiered_pricing_from_0_is_the_base_and_each_other_range_a_tier():
    bands = [{"range": [200_000, 1_000_000], "input_cost_per_token": D("2E-6"), "output_cost_per_token": D("8E-6")},
             {"range": [0, 200_000], "input_cost_per_token": D("1E-6"), "output_cost_per_token": D("4E-6")},
             {"range": [D("1000000.0"), D("2000000")], "input_cost_per_token": D("3E-6")}]
    context = ctx()
    assert c.pricing(context, {"tiered_pricing": bands}) == {"currency": "USD", "input": 1, "output": 4, "tiers": [
        {"above_tokens": 200_000, "input": 2, "output": 8}, {"above_tokens": 1_000_000, "input": 3}]}
    assert lines(context) == []


def test_a_flat_key_and_the_tiered_base_agreeing_is_one_rate():
    raw = {"input_cost_per_token": D("1E-6"), "tiered_pricing": [{"range": [0, 10], "input_cost_per_token": D("1E-6")}]}
    assert c.pricing(ctx(), raw) == {"currency": "USD", "input": 1}


def test_a_tiered_rate_that_disagrees_with_a_key_is_reported_not_dropped_silently():
    context = ctx()
    raw = {"input_cost_per_token": D("1E-6"), "input_cost_per_token_above_200k_tokens": D("2E-6"),
           "tiered_pricing": [{"range": [0, 200_000], "input_cost_per_token": D("5E-6")},
                              {"range": [200_000, 400_000], "input_cost_per_token": D("6E-6")},
                              {"range": [200_000, 300_000], "input_cost_per_token": D("2E-6")}]}
    assert c.pricing(context, raw) == {"currency": "USD", "input": 1, "tiers": [{"above_tokens": 200_000, "input": 2}]}
    why = "disagrees with another key giving the input rate ({} per million)"
    assert lines(context) == [invalid("tiered_pricing.input_cost_per_token", "Decimal('5')", why.format(1)),
                              invalid("tiered_pricing.input_cost_per_token", "Decimal('6')", why.format(2))]


def test_a_rate_in_tiered_pricing_that_is_not_a_token_rate_is_reported_by_its_key():
    context = ctx()
    band = {"range": [0, 10], "output_cost_per_image": D("0.04"), "input_cost_per_token": D(-1), "foo": 1,
            "output_cost_per_token": D("2E-6")}
    assert c.pricing(context, {"tiered_pricing": [band]}) == {"currency": "USD", "output": 2}
    assert lines(context) == [
        invalid("tiered_pricing.foo", "1", "is not a token rate we map"),
        invalid("tiered_pricing.input_cost_per_token", "Decimal('-1')",
                "is not a cost per token that a catalog price can hold exactly"),
        invalid("tiered_pricing.output_cost_per_image", "Decimal('0.04')", "is not a token rate we map")]


@pytest.mark.parametrize("bands", [
    {"range": [0, 10]}, [{"range": [0, 10]}, 5], [{"range": [0]}], [{"range": [0, 10, 20]}], [{"range": "0-10"}],
    [{"range": [0, D("10.5")]}], [{"range": [-1, 10]}], [{"range": [True, 10]}], [{"range": ["0", 10]}],
    [{"max_results_range": [0, 10]}],
])
def test_tiered_pricing_without_whole_ranges_is_reported_whole(bands):
    context = ctx()
    assert c.pricing(context, {"tiered_pricing": bands, "output_cost_per_token": D("1E-6")}) == {
        "currency": "USD", "output": 1}
    assert [s.detail.split(" is not ")[1] for s in context.report.skips] == [
        "a list of token rates each with a `range` [from, to] of whole numbers (a `max_results_range` prices "
        "searches by result count, which we do not hold); the field is left out"]
    assert context.report.skips[0].input == "m (tiered_pricing)"
