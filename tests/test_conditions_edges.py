"""Which conditional rate applies (generator/catalog/conditions.py), condition by condition: the exact
edges of windows and thresholds, ties, what a bill names, and the messages of a bad call.

Written against the mutants `make mutate MUTATE=conditions` found surviving the pricing tests.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.catalog.conditions import Call, Rate, choose, in_window, pixels, rates_by_unit, window_text
from generator.model.records import ConditionalPrice, Price, PriceTier, Window
from generator.model.vocabulary import PRICE_FIELDS, WEEKDAYS

MONDAY = datetime(2025, 3, 10, tzinfo=timezone.utc)  # 2025-03-10 was a Monday


def at(day: int, hh_mm: str) -> datetime:
    """*day* days after Monday 2025-03-10, at *hh_mm* UTC."""
    hours, minutes = map(int, hh_mm.split(":"))
    return MONDAY + timedelta(days=day, hours=hours, minutes=minutes)


def chosen(entry: Price, unit: str, call: Call = Call(), prompt: int = 0):
    rate = choose(rates_by_unit(entry).get(unit, ()), call, prompt)
    return rate.rate if rate else None


# -- windows ------------------------------------------------------------------------------------

def _hh_mm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 1439), st.integers(0, 1439), st.integers(0, 6), st.integers(0, 1439),
       st.sets(st.sampled_from(WEEKDAYS), max_size=7))
def test_a_window_holds_exactly_the_minutes_from_its_start_to_its_end(start, end, day, minute, days):
    """Against a plain count: the minutes since the window's last start on a day it starts on are
    fewer than its length (which wraps past midnight when it ends before it starts)."""
    if start == end:
        return  # validation refuses an empty window
    window = Window(_hh_mm(start), _hh_mm(end), tuple(d for d in WEEKDAYS if d in days))
    when = at(day, _hh_mm(minute))
    length = (end - start) % 1440
    since = (minute - start) % 1440  # minutes since the latest start at or before *when*
    started_on = (day - (1 if minute < start else 0)) % 7
    expected = since < length and (not days or WEEKDAYS[started_on] in days)
    assert in_window(window, when) is expected


@pytest.mark.parametrize("hh_mm, inside", [("08:59", False), ("09:00", True), ("16:59", True), ("17:00", False)])
def test_a_window_within_a_day_includes_its_start_and_excludes_its_end(hh_mm, inside):
    assert in_window(Window("09:00", "17:00"), at(0, hh_mm)) is inside


@pytest.mark.parametrize("day, hh_mm, inside", [
    (0, "01:00", True),  # Monday 01:00 belongs to Sunday's window
    (0, "23:00", False),  # Monday's own start: Monday is not listed
    (6, "23:00", True),  # Sunday 23:00
    (1, "01:00", False),  # Tuesday 01:00: Monday's window, not listed
])
def test_after_midnight_a_window_belongs_to_the_day_before_even_across_the_week(day, hh_mm, inside):
    assert in_window(Window("22:00", "02:00", ("sun",)), at(day, hh_mm)) is inside


def test_a_window_ending_at_midnight_runs_to_the_end_of_the_day():
    window = Window("22:00", "00:00", ("mon",))
    assert in_window(window, at(0, "23:59")) and not in_window(window, at(1, "00:00"))
    assert not in_window(window, at(0, "21:59"))


def test_minutes_count_in_a_window_not_only_hours():
    window = Window("10:45", "11:15")
    assert [in_window(window, at(2, t)) for t in ("10:44", "10:45", "11:14", "11:15")] == [False, True, True, False]


def test_a_window_rate_applies_only_to_a_call_with_a_time_inside_it():
    entry = Price(conditional=(ConditionalPrice("image", D(1)),
                               ConditionalPrice("image", D(3), window=Window("22:00", "06:00"))))
    assert chosen(entry, "image", Call(when=at(0, "23:00"))) == D(3)
    assert chosen(entry, "image", Call(when=at(0, "12:00"))) == D(1)
    assert chosen(entry, "image", Call()) == D(1)  # no time: outside every window
    window_first = Price(conditional=tuple(reversed(entry.conditional)))  # a window that fails is passed over
    assert chosen(window_first, "image", Call(when=at(0, "12:00"))) == D(1)
    assert chosen(window_first, "image", Call()) == D(1)
    only_window = Price(conditional=(ConditionalPrice("image", D(3), window=Window("22:00", "06:00")),))
    assert chosen(only_window, "image", Call()) is None
    assert chosen(only_window, "image", Call(when=at(0, "12:00"))) is None


def test_window_text_names_the_days_only_when_given():
    assert window_text(Window("16:30", "00:30")) == "16:30-00:30 UTC"
    assert window_text(Window("09:00", "17:00", ("sat", "sun"))) == "09:00-17:00 UTC on sat, sun"


# -- thresholds -------------------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.integers(1, 10**6), st.integers(-2, 2))
def test_a_threshold_applies_strictly_above_its_token_count(threshold, offset):
    prompt = max(0, threshold + offset)
    entry = Price(input=D(1), tiers=(PriceTier(threshold, input=D(2)),))
    assert chosen(entry, "input", prompt=prompt) == (D(2) if prompt > threshold else D(1))


def test_a_conditional_threshold_beats_a_lower_one_and_stays_out_below_it():
    entry = Price(conditional=(ConditionalPrice("input", D(1)), ConditionalPrice("input", D(2), above_tokens=100),
                               ConditionalPrice("input", D(3), above_tokens=200)))
    assert [chosen(entry, "input", prompt=p) for p in (0, 100, 101, 200, 201)] == [D(1), D(1), D(2), D(2), D(3)]


@pytest.mark.parametrize("threshold", [1, 100])
def test_a_single_rate_with_a_threshold_does_not_price_a_prompt_at_or_below_it(threshold):
    entry = Price(conditional=(ConditionalPrice("input", D(2), above_tokens=threshold),))
    assert chosen(entry, "input", prompt=threshold) is None and chosen(entry, "input", prompt=0) is None
    assert chosen(entry, "input", prompt=threshold + 1) == D(2)


# -- the one-rate case: each condition of a lone rate is still checked -------------------------------

@pytest.mark.parametrize("item, call", [
    (ConditionalPrice("image", D(1), tier="batch"), Call()),
    (ConditionalPrice("image", D(1)), Call(tier="batch")),
    (ConditionalPrice("image", D(1), region="eu"), Call()),
    (ConditionalPrice("image", D(1)), Call(region="eu")),
    (ConditionalPrice("image", D(1), quality="hd"), Call()),
    (ConditionalPrice("image", D(1), size="1024x1024"), Call()),
    (ConditionalPrice("image", D(1), size="1024x1024"), Call(size="512x512")),
    (ConditionalPrice("image", D(1), window=Window("09:00", "10:00")), Call(when=at(0, "12:00"))),
])
def test_a_lone_rate_whose_condition_fails_prices_nothing(item, call):
    assert chosen(Price(conditional=(item,)), "image", call) is None


@pytest.mark.parametrize("item, call", [
    (ConditionalPrice("image", D(1), tier="batch"), Call(tier="batch")),
    (ConditionalPrice("image", D(1), region="eu"), Call(region="eu")),
    (ConditionalPrice("image", D(1), quality="hd"), Call(quality="hd")),
    (ConditionalPrice("image", D(1), size="1024x1024"), Call(size="1024x1024")),
    (ConditionalPrice("image", D(1), size=">512x512"), Call(size="1024x1024")),
    (ConditionalPrice("image", D(1), window=Window("09:00", "10:00")), Call(when=at(0, "09:30"))),
    (ConditionalPrice("image", D(1)), Call(quality="hd", size="1024x1024", when=at(0, "09:30"))),
])
def test_a_lone_rate_whose_conditions_hold_prices_the_call(item, call):
    assert chosen(Price(conditional=(item,)), "image", call) == D(1)


# -- sizes, and ties ---------------------------------------------------------------------------------

@pytest.mark.parametrize("stated, asked, holds", [
    (">1024x1024", "1024x1024", False),  # more pixels than that: the same size is not more
    (">1024x1024", "1024x1025", True),
    (">1024x1024", "2048x512", False),  # as many pixels, another shape
    ("1024x1024", "1024x1024", True),
    ("1024x1024", "1024x1025", False),
])
def test_a_size_condition_compares_pixels_strictly(stated, asked, holds):
    entry = Price(conditional=(ConditionalPrice("image", D(5), size=stated), ConditionalPrice("image", D(1))))
    assert chosen(entry, "image", Call(size=asked)) == (D(5) if holds else D(1))


def test_a_call_asking_for_more_than_a_size_is_compared_by_its_pixels():
    entry = Price(conditional=(ConditionalPrice("image", D(5), size=">1024x1024"), ConditionalPrice("image", D(1))))
    assert chosen(entry, "image", Call(size=">2048x2048")) == D(5)
    assert chosen(entry, "image", Call(size=">1024x1024")) == D(1)  # as many pixels: not more


@pytest.mark.parametrize("size, expected", [("1024x768", 786432), ("1x1", 1), ("1024", None), ("x768", None),
                                            ("1024x", None), ("axb", None), ("10x2x3", None), ("-1x5", None)])
def test_pixels_of_a_size(size, expected):
    assert pixels(size) == expected


def test_any_stated_size_ranks_before_none_even_the_smallest():
    entry = Price(conditional=(ConditionalPrice("image", D(1)), ConditionalPrice("image", D(2), size="1x1")))
    assert chosen(entry, "image", Call(size="1x1")) == D(2) and chosen(entry, "image", Call(size="2x2")) == D(1)


def test_a_window_rate_ranks_before_a_quality_and_a_quality_before_a_size():
    entry = Price(conditional=(ConditionalPrice("image", D(2), quality="hd"),
                               ConditionalPrice("image", D(3), window=Window("09:00", "10:00")),
                               ConditionalPrice("image", D(4), size="1024x1024")))
    call = Call(quality="hd", size="1024x1024", when=at(0, "09:30"))
    assert chosen(entry, "image", call) == D(3)
    assert chosen(entry, "image", Call(quality="hd", size="1024x1024", when=at(0, "12:00"))) == D(2)


def test_of_two_rates_that_apply_equally_the_first_listed_wins():
    """Overlapping windows (or two ">WxH" of the same pixels) can both apply: the order of the file decides."""
    first, second = ConditionalPrice("image", D(1), window=Window("09:00", "12:00")), \
        ConditionalPrice("image", D(2), window=Window("10:00", "11:00"))
    assert chosen(Price(conditional=(first, second)), "image", Call(when=at(0, "10:30"))) == D(1)
    assert chosen(Price(conditional=(second, first)), "image", Call(when=at(0, "10:30"))) == D(2)


# -- the rates of an entry ------------------------------------------------------------------------

def test_every_flat_rate_tier_and_item_becomes_a_rate_of_its_unit():
    entry = Price(input=D(1), output=D(2), tiers=(PriceTier(100, input=D(3)),),
                  conditional=(ConditionalPrice("input", D(4), tier="batch"), ConditionalPrice("image", D(5))))
    assert rates_by_unit(entry) == {
        "input": (Rate("input", D(1)), Rate("input", D(3), above_tokens=100), Rate("input", D(4), tier="batch")),
        "output": (Rate("output", D(2)), Rate("output", D(2), above_tokens=100)),  # a tier falls back to the base
        "image": (Rate("image", D(5)),)}


def test_a_tier_rate_with_no_base_rate_is_its_own_and_a_unit_with_neither_has_none():
    entry = Price(tiers=(PriceTier(100, cached_input=D(3)),))
    assert rates_by_unit(entry) == {"cached_input": (Rate("cached_input", D(3), above_tokens=100),)}
    assert set(PRICE_FIELDS) >= {"input", "output", "cached_input"}


def test_an_item_with_every_condition_keeps_each_one():
    window = Window("09:00", "10:00", ("mon",))
    item = ConditionalPrice("image", D(7), tier="flex", region="eu", window=window, above_tokens=10, quality="hd",
                            size=">1x1")
    assert rates_by_unit(Price(conditional=(item,)))["image"] == (
        Rate("image", D(7), "flex", "eu", window, 10, "hd", ">1x1"),)


# -- what a bill names --------------------------------------------------------------------------------

def test_a_rate_names_every_condition_it_states_and_nothing_else():
    window = Window("09:00", "10:00", ("mon",))
    assert Rate("image", D(7), "flex", "eu", window, 10, "hd", ">1x1").conditions() == {
        "tier": "flex", "region": "eu", "above_tokens": 10, "quality": "hd", "size": ">1x1",
        "window": "09:00-10:00 UTC on mon"}
    assert Rate("image", D(7)).conditions() == {}
    assert list(Rate("image", D(7), "batch", size="1x1").conditions()) == ["tier", "size"]


def test_a_call_describes_what_it_chose_beyond_a_standard_one():
    when = datetime.fromisoformat("2026-01-05T05:00+02:00")
    assert Call("batch", "eu-west-1", when, "hd", "1024x1024").describe() == \
        "batch tier, region eu-west-1, at 2026-01-05T03:00Z, quality hd, size 1024x1024"
    assert Call().describe() == ""
    assert Call(quality="hd").describe() == "quality hd"


@pytest.mark.parametrize("options, message", [
    ({"tier": "fast"}, "unknown service tier `fast`; one of standard, batch, flex, priority"),
    ({"size": "big"}, "size `big` is not WIDTHxHEIGHT (e.g. 1024x1024)"),
    ({"size": "1024x"}, "size `1024x` is not WIDTHxHEIGHT"),
    ({"size": "X1024x768"}, "size `X1024x768` is not WIDTHxHEIGHT"),
    ({"size": ">>1024x768"}, "size `>>1024x768` is not WIDTHxHEIGHT"),
    ({"when": datetime(2026, 1, 1)}, "a call's time needs its time zone (e.g. 2026-01-05T03:00Z)"),
])
def test_a_bad_call_is_refused_with_its_reason(options, message):
    with pytest.raises(ValueError) as caught:
        Call(**options)
    assert str(caught.value).startswith(message)


def test_a_default_call_is_the_standard_one_and_states_nothing_else():
    assert Call() == Call("standard", None, None, None, None)


def test_a_call_may_ask_for_more_than_a_size():
    assert Call(size=">1024x1024").size == ">1024x1024"
    assert Call(when=MONDAY).when == MONDAY


def test_a_rate_and_a_call_are_values_fixed_once_made():
    rate, call = Rate("image", D(1)), Call()
    assert {rate: 1}[Rate("image", D(1))] == 1 and {call: 1}[Call()] == 1
    with pytest.raises(AttributeError):
        rate.rate = D(2)
    with pytest.raises(AttributeError):
        call.tier = "batch"
