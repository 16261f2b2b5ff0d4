"""The bill of a call (generator/catalog/calls.py) part by part: every usage count's unit, which counts make
the prompt size, reasoning billed apart or as output, exact totals beyond 28 digits, the reasons of unknown
lines, and the messages of bad usage.

Written against the mutants `make mutate MUTATE=calls` found surviving the pricing tests.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Context, Decimal as D, Inexact

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.catalog.calls import Bill, Line, bill, check_usage, price_call, total
from generator.catalog.conditions import Call
from generator.model.records import ConditionalPrice, Offering, Price, PriceTier, Pricing

# Every usage count and the unit it is billed in, written out here (not read from the module), and
# whether the unit is per million tokens.
UNITS = {
    "input_tokens": ("input", True), "cached_tokens": ("cached_input", True),
    "cache_write_tokens": ("cache_write", True), "cache_write_1h_tokens": ("cache_write_1h", True),
    "output_tokens": ("output", True), "reasoning_tokens": ("reasoning", True),
    "input_audio_tokens": ("input_audio", True), "output_audio_tokens": ("output_audio", True),
    "cached_audio_tokens": ("cached_input_audio", True), "cache_write_audio_tokens": ("cache_write_audio", True),
    "input_image_tokens": ("input_image_token", True), "output_image_tokens": ("output_image_token", True),
    "cached_image_tokens": ("cached_input_image_token", True), "citation_tokens": ("citation", True),
    "images": ("image", False), "input_images": ("input_image", False), "input_pixels": ("input_pixel", False),
    "output_pixels": ("output_pixel", False), "input_seconds": ("input_second", False),
    "output_seconds": ("output_second", False), "input_audio_seconds": ("input_audio_second", False),
    "input_video_seconds": ("input_video_second", False), "output_video_seconds": ("output_video_second", False),
    "characters": ("input_character", False), "output_characters": ("output_character", False),
    "requests": ("request", False), "queries": ("query", False), "searches": ("search", False),
    "pages": ("page", False), "annotation_pages": ("annotation_page", False), "sessions": ("session", False),
}
PROMPT = ["input_tokens", "cached_tokens", "cache_write_tokens", "cache_write_1h_tokens", "input_audio_tokens",
          "cached_audio_tokens", "cache_write_audio_tokens", "input_image_tokens", "cached_image_tokens"]
EVERY_UNIT = Price(conditional=tuple(ConditionalPrice(unit, D(3)) for unit, _ in UNITS.values()))


def offering(pricing: Pricing | None) -> Offering:
    return Offering(provider_id="p", id="m", name="m", file_stem="m", pricing=pricing)


@pytest.mark.parametrize("key", UNITS)
def test_each_usage_count_is_billed_in_its_unit_per_million_tokens_or_per_one(key):
    unit, per_token = UNITS[key]
    usage = {key: 2_000_000, "output_tokens": 2_000_000} if key == "reasoning_tokens" else {key: 2_000_000}
    lines = {l.unit: l for l in bill("p/m", EVERY_UNIT, usage, Call()).lines}
    assert (lines[unit].quantity, lines[unit].rate, lines[unit].amount) == \
        (2_000_000, D(3), D(6) if per_token else D(6_000_000))
    assert lines[unit].applied.unit == unit


def test_the_usage_counts_are_exactly_these():
    for key in UNITS:
        check_usage({key: 1, "output_tokens": 1})
    with pytest.raises(ValueError, match="unknown usage count"):
        check_usage({"input": 1})


@pytest.mark.parametrize("key", PROMPT)
def test_each_input_count_makes_the_prompt_a_threshold_compares(key):
    entry = Price(input=D(1), tiers=(PriceTier(100, input=D(2)),))
    usage = {key: 100} if key == "input_tokens" else {key: 99, "input_tokens": 1}
    assert next(l for l in bill("p/m", entry, usage, Call()).lines if l.unit == "input").rate == D(1)  # at it
    usage[key] += 1
    assert next(l for l in bill("p/m", entry, usage, Call()).lines if l.unit == "input").rate == D(2)


@pytest.mark.parametrize("key", sorted(set(UNITS) - set(PROMPT) - {"reasoning_tokens"}))
def test_output_and_other_counts_do_not_make_the_prompt(key):
    entry = Price(input=D(1), tiers=(PriceTier(100, input=D(2)),))
    lines = bill("p/m", entry, {"input_tokens": 1, key: 10_000}, Call()).lines
    assert lines[0].unit == "input" and lines[0].rate == D(1)


def test_reasoning_is_billed_apart_only_where_a_reasoning_rate_applies():
    usage = {"output_tokens": 10_000, "reasoning_tokens": 4_000}
    apart = bill("p/m", Price(output=D(1), reasoning=D(2)), usage, Call())
    assert [(l.unit, l.quantity, l.amount) for l in apart.lines] == \
        [("output", 6_000, D("0.006")), ("reasoning", 4_000, D("0.008"))]
    as_output = bill("p/m", Price(output=D(1)), usage, Call())
    assert [(l.unit, l.quantity) for l in as_output.lines] == [("output", 10_000)] and as_output.amount == D("0.01")
    batch_only = Price(output=D(1), conditional=(ConditionalPrice("reasoning", D(2), tier="batch"),))
    assert [(l.unit, l.quantity) for l in bill("p/m", batch_only, usage, Call()).lines] == [("output", 10_000)]


def test_all_output_as_reasoning_leaves_no_output_line():
    lines = bill("p/m", Price(output=D(1), reasoning=D(2)), {"output_tokens": 5, "reasoning_tokens": 5}, Call()).lines
    assert [(l.unit, l.quantity) for l in lines] == [("reasoning", 5)]


def test_no_reasoning_count_keeps_the_output_whole_even_with_a_reasoning_rate():
    lines = bill("p/m", Price(output=D(1), reasoning=D(2)), {"output_tokens": 5, "reasoning_tokens": 0}, Call()).lines
    assert [(l.unit, l.quantity) for l in lines] == [("output", 5)]


def test_a_count_of_zero_is_no_line():
    assert [l.unit for l in bill("p/m", Price(input=D(1)), {"input_tokens": 0, "images": 0}, Call()).lines] == []
    assert bill("p/m", Price(input=D(1)), {"input_tokens": 0}, Call()).amount == 0


# -- exact ------------------------------------------------------------------------------------------

RATES = st.decimals(min_value=D("0.000000000000000000000000000001"), max_value=D(10**6), places=30,
                    allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(RATES, RATES, st.integers(1, 10**15), st.integers(1, 10**15))
def test_a_bill_and_a_total_are_exact_to_the_last_digit(input_rate, image_rate, tokens, images):
    """Rates of 30 decimal places times counts up to 10^15: well beyond the default 28 digits."""
    entry = Price(input=input_rate, conditional=(ConditionalPrice("image", image_rate),))
    usage = {"input_tokens": tokens, "images": images}
    wide = Context(prec=200)  # nothing can round in 200 digits
    lines = [wide.scaleb(wide.multiply(input_rate, tokens), -6), wide.multiply(image_rate, images)]
    expected = wide.add(*lines)
    amount, unknown = total(entry, usage, Call())
    assert unknown == [] and amount == expected
    made = bill("p/m", entry, usage, Call())
    assert made.amount == expected and [l.amount for l in made.lines] == lines


def test_a_product_beyond_60_digits_is_an_error_never_rounded():
    entry = Price(input=D("0.123456789012345678901234567891"), conditional=(ConditionalPrice("image", D("0.1")),))
    huge = 10**45 + 1  # 76 significant digits in the product
    for usage in ({"input_tokens": huge}, {"images": huge * 10**20 + 1, "input_tokens": 1}):
        with pytest.raises(Inexact):
            bill("p/m", entry, usage, Call())
        with pytest.raises(Inexact):
            total(entry, usage, Call())


def test_a_bill_drops_trailing_zeros_and_a_total_is_the_same_number():
    entry = Price(input=D("2.50"))
    assert total(entry, {"input_tokens": 1_000_000}, Call())[0] == D("2.5")
    assert str(bill("p/m", entry, {"input_tokens": 1_000_000}, Call()).amount) == "2.5"


def test_a_total_names_every_unknown_unit_and_has_no_amount():
    entry = Price(input=D(1))
    assert total(entry, {"input_tokens": 5, "images": 1, "searches": 2}, Call()) == (None, ["image", "search"])
    assert total(entry, {"input_tokens": 5}, Call(tier="batch")) == (None, ["input"])


def test_a_bill_with_an_unknown_line_has_no_amount_but_keeps_the_known_lines():
    made = bill("p/m", Price(input=D(1), output=D(2)), {"input_tokens": 10**6, "images": 1, "output_tokens": 10**6},
                Call())
    assert made.amount is None and [l.unit for l in made.unknown] == ["image"]
    assert [(l.unit, l.amount) for l in made.lines] == [("input", D(1)), ("image", None), ("output", D(2))]


# -- unknown lines and their reasons ---------------------------------------------------------------

def test_the_reason_of_an_unknown_line_says_whether_the_unit_has_any_rate():
    entry = Price(input=D(1), conditional=(ConditionalPrice("image", D(1), tier="batch"),))
    made = bill("p/m", entry, {"input_tokens": 1, "images": 1, "searches": 1}, Call(quality="hd", region="eu"))
    assert [(l.unit, l.reason) for l in made.lines] == [
        ("input", "no input price is known for region eu, quality hd"),
        ("image", "no image price is known for region eu, quality hd"),
        ("search", "the search price is unknown")]
    standard = bill("p/m", entry, {"images": 1, "annotation_pages": 1}, Call())
    assert [l.reason for l in standard.lines] == ["no image price is known for a standard call",
                                                  "the annotation page price is unknown"]
    assert bill("p/m", entry, {"input_tokens": 1}, Call()).lines[0].reason is None


def test_a_line_given_its_reason_keeps_it():
    assert Line("price", 0, None, None, why="no price on 2025-01-01").reason == "no price on 2025-01-01"
    assert Line("input", 1, D(1), D(1), why="kept").reason == "kept"


def test_an_offering_with_no_price_is_one_unknown_line_naming_it():
    made = price_call(offering(None), {"input_tokens": 1})
    assert (made.ref, made.amount, made.currency, made.entry, made.effective_from) == ("p/m", None, None, None, None)
    assert [(l.unit, l.quantity, l.rate, l.amount, l.reason) for l in made.lines] == [
        ("price", 0, None, None, "the price is unknown")]


def test_the_day_of_the_call_picks_the_entry_and_at_overrides_it():
    old, new = Price(input=D(1), effective_from=date(2025, 1, 1)), Price(input=D(2), effective_from=date(2025, 6, 1))
    priced = offering(Pricing(current=new, history=(old,)))
    usage = {"input_tokens": 10**6}
    when = datetime(2025, 3, 1, 12, tzinfo=timezone.utc)
    assert price_call(priced, usage, Call(when=when)).amount == D(1)
    assert price_call(priced, usage, Call(when=when), at=date(2025, 7, 1)).amount == D(2)
    assert price_call(priced, usage).amount == D(2)  # no day: the current price
    made = price_call(priced, usage, Call(when=datetime(2024, 3, 1, tzinfo=timezone.utc)))
    assert [l.reason for l in made.lines] == ["no price is known on 2024-03-01"] and made.entry is None
    assert price_call(priced, usage, Call(when=when)).effective_from == date(2025, 1, 1)
    assert price_call(priced, usage).currency == "USD"


# -- bad usage ------------------------------------------------------------------------------------

@pytest.mark.parametrize("usage, message", [
    ({"tokens": 1, "bits": 2}, "unknown usage count(s) bits, tokens; known: input_tokens, cached_tokens, "),
    ({"input_tokens": -1, "images": 1.0, "searches": True}, "usage counts must be whole numbers, 0 or more: "
                                                              "images, input_tokens, searches"),
    ({"output_tokens": 1_000, "reasoning_tokens": 2_000}, "reasoning_tokens (2,000) are part of output_tokens "
                                                          "(1,000) and cannot exceed them"),
    ({"reasoning_tokens": 1}, "reasoning_tokens (1) are part of output_tokens (0) and cannot exceed them"),
])
def test_bad_usage_is_refused_naming_every_wrong_count(usage, message):
    with pytest.raises(ValueError) as caught:
        check_usage(usage)
    assert str(caught.value).startswith(message)


def test_good_usage_passes_unchanged():
    usage = {"output_tokens": 5, "reasoning_tokens": 5, "input_tokens": 0}
    assert check_usage(usage) is usage


def test_every_count_at_once_is_accepted_and_a_missing_reasoning_count_is_none():
    everything = dict.fromkeys(UNITS, 1)
    assert check_usage(everything) is everything
    lines = bill("p/m", Price(output=D(1), reasoning=D(2)), {"output_tokens": 5}, Call()).lines
    assert [(l.unit, l.quantity) for l in lines] == [("output", 5)]


def test_an_unknown_line_has_no_rate_item_and_its_call_is_not_part_of_its_identity():
    line = bill("p/m", Price(input=D(1)), {"images": 1}, Call(tier="batch")).lines[0]
    assert (line.rate, line.amount, line.applied, line.why) == (None, None, None, None)
    assert line == Line("image", 1, None, None) and "call=" not in repr(line) and "has_rates" not in repr(line)
    assert Line("image", 1, None, None).has_rates is False and Line("image", 1, None, None).call is None


def test_a_bill_made_without_lines_has_none_unknown():
    made = Bill("p/m", D(0), "USD", Price(), Call())
    assert made.lines == () and made.unknown == ()


def test_a_line_with_rates_for_other_calls_is_the_same_line():
    assert Line("image", 1, None, None, has_rates=True) == Line("image", 1, None, None)


def test_a_total_adds_every_token_line_and_every_count_line():
    entry = Price(input=D(1), output=D(2), conditional=(ConditionalPrice("image", D(3)), ConditionalPrice("page", D(5))))
    usage = {"input_tokens": 10**6, "output_tokens": 10**6, "images": 1, "pages": 1}
    assert total(entry, usage, Call()) == (D(11), [])


def test_a_reasoning_count_listed_first_does_not_hide_the_counts_after_it():
    usage = {"reasoning_tokens": 4_000, "output_tokens": 10_000, "input_tokens": 1_000_000}
    made = bill("p/m", Price(input=D(1), output=D(1)), usage, Call())
    assert [(l.unit, l.quantity) for l in made.lines] == [("output", 10_000), ("input", 1_000_000)]
