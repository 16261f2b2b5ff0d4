"""The arithmetic of catalog.price as properties: cache writes, the tier the whole prompt picks, exactness.

Each test here was written to catch a change to generator/catalog/pricing.py that the older tests let
through (see mutation/ and the guide's Validation page on ``make mutate``).
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal, Inexact
from fractions import Fraction
from types import SimpleNamespace

import pytest
from hypothesis import given, settings, strategies as st

from generator.catalog.pricing import UnknownPrice, cost, plain, tidy
from generator.model.parts import Price, PriceTier, Pricing

RATES = st.decimals(min_value=0, max_value=10_000, allow_nan=False, allow_infinity=False, places=12)
COUNTS = st.integers(min_value=0, max_value=10**15)


def offering(price: Price, ref: str = "p/m") -> SimpleNamespace:
    """What cost() reads of an offering: its reference and its pricing."""
    return SimpleNamespace(ref=ref, pricing=Pricing(current=price))


BASE = Price(input=Decimal("0.1"), cached_input=Decimal("0.03"), cache_write=Decimal("0.125"), output=Decimal("0.3"),
             tiers=(PriceTier(above_tokens=100, input=Decimal("0.2"), cache_write=Decimal("0.25")),
                    PriceTier(above_tokens=1000, input=Decimal("0.4"))))


def test_cache_writes_are_billed_at_the_cache_write_rate():
    bill = cost(offering(BASE), cache_write_tokens=4_000_000)
    assert [(line.component, line.tokens, line.rate, line.amount) for line in bill.lines] == [
        ("cache_write", 4_000_000, Decimal("0.125"), Decimal("0.5"))]  # 4M above the tiers' 1000: tier 2 has no own rate
    assert bill.amount == Decimal("0.5") and bill.tier.above_tokens == 1000


def test_cache_writes_count_towards_the_prompt_that_picks_the_tier():
    bill = cost(offering(BASE), input_tokens=60, cache_write_tokens=60)  # 120 prompt tokens: above 100
    assert bill.tier.above_tokens == 100
    assert bill.amount == Decimal("0.000012") + Decimal("0.000015")  # 60 x 0.2 and 60 x 0.25 per million
    assert cost(offering(BASE), input_tokens=60, cache_write_tokens=40).tier is None  # exactly 100: not above


def _expected(price: Price, counts: dict) -> Fraction:
    prompt = counts["input"] + counts["cached_input"] + counts["cache_write"]
    tier = next((t for t in reversed(price.tiers) if prompt > t.above_tokens), None)
    rate = lambda name: getattr(tier, name, None) if getattr(tier, name, None) is not None else getattr(price, name)
    return sum((Fraction(rate(name)) * tokens for name, tokens in counts.items()), Fraction(0)) / 10**6


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({"input": COUNTS, "cached_input": COUNTS, "cache_write": COUNTS, "output": COUNTS}),
       RATES, RATES, RATES, RATES, st.integers(min_value=1, max_value=10**6))
def test_any_rates_times_any_counts_are_billed_exactly(counts, input_rate, cached, write, output, threshold):
    price = Price(input=input_rate, cached_input=cached, cache_write=write, output=output,
                  tiers=(PriceTier(above_tokens=threshold, input=input_rate * 2, cache_write=write * 3),))
    bill = cost(offering(price), input_tokens=counts["input"], cached_tokens=counts["cached_input"],
                cache_write_tokens=counts["cache_write"], output_tokens=counts["output"])
    assert Fraction(bill.amount) == _expected(price, counts)
    prompt = counts["input"] + counts["cached_input"] + counts["cache_write"]
    assert (bill.tier is not None) == (prompt > threshold)


def test_a_bill_needing_more_than_28_digits_is_exact_not_rounded():
    rate = Decimal("0.123456789012345678901234567891")  # 30 significant digits: beyond Decimal's default 28
    bill = cost(offering(Price(input=rate)), input_tokens=7)
    assert bill.amount == Decimal("0.000000864197523086419752308641975237")


def test_up_to_60_digits_is_exact_and_beyond_raises_instead_of_rounding():
    sixty = Decimal(10**59 + 1)  # 60 digits
    assert cost(offering(Price(input=sixty)), input_tokens=1).amount == Decimal(f"{10**53}.000001")
    with pytest.raises(Inexact):
        cost(offering(Price(input=Decimal(10**60 + 1))), input_tokens=1)  # 61 digits would have to round


@pytest.mark.parametrize("value, text", [("2.000", "2"), ("20", "20"), ("2E+1", "20"), ("0.25000000", "0.25"),
                                         ("0", "0"), ("0.000", "0"), ("100.0100", "100.01"), ("1E-8", "0.00000001")])
def test_plain_numbers_have_no_exponent_and_no_trailing_zeros(value, text):
    assert plain(Decimal(value)) == text


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**9, max_value=10**9))
def test_plain_keeps_the_value(value):
    text = plain(value)
    assert Decimal(text) == value and tidy(value) == value
    assert "E" not in text and not text.endswith(".") and not ("." in text and text.endswith("0"))


def test_a_bill_says_which_price_and_tier_gave_it():
    dated = Price(input=Decimal("1"), effective_from=date(2025, 1, 1), tiers=(PriceTier(above_tokens=32_000),))
    assert cost(offering(dated), input_tokens=40_000).describe() == \
        "0.04 USD (price from 2025-01-01, tier above 32,000 input tokens)"
    assert cost(offering(Price(input=Decimal("1"), currency="EUR")), input_tokens=10).describe() == \
        "0.00001 EUR (price with no start date)"


def test_an_unknown_rate_names_its_component_and_an_unknown_price_none():
    with pytest.raises(UnknownPrice) as rate:
        cost(offering(Price(input=Decimal(1))), cache_write_tokens=5_000)
    assert rate.value.component == "cache_write"
    assert str(rate.value) == "the cache write price of `p/m` is unknown, so 5,000 cache write tokens cannot be priced"
    with pytest.raises(UnknownPrice) as whole:
        cost(SimpleNamespace(ref="p/m", pricing=None), input_tokens=1)
    assert whole.value.component is None and str(whole.value) == "the price of `p/m` is unknown"
    later = Price(input=Decimal(1), effective_from=date(2025, 1, 1))
    with pytest.raises(UnknownPrice) as before:
        cost(offering(later), input_tokens=1, at=date(2024, 12, 31))
    assert str(before.value) == "`p/m` has no known price on 2024-12-31; its earliest price starts later"


@pytest.mark.parametrize("name", ["input_tokens", "output_tokens", "cached_tokens", "reasoning_tokens",
                                  "cache_write_tokens"])
@pytest.mark.parametrize("bad", [-1, 1.0, "1"])
def test_a_bad_token_count_is_named(name, bad):
    with pytest.raises(ValueError) as error:
        cost(offering(BASE), **{name: bad})
    assert str(error.value) == f"token counts must be whole numbers, 0 or more: {name}"


def test_every_bad_token_count_is_named():
    with pytest.raises(ValueError) as error:
        cost(offering(BASE), input_tokens=-1, cache_write_tokens=-2)
    assert str(error.value) == "token counts must be whole numbers, 0 or more: input_tokens, cache_write_tokens"


def test_reasoning_cannot_exceed_the_output_it_is_part_of():
    with pytest.raises(ValueError) as error:
        cost(offering(BASE), output_tokens=1_000, reasoning_tokens=2_000)
    assert str(error.value) == "reasoning_tokens (2,000) are part of output_tokens (1,000) and cannot exceed them"


def test_a_bill_cannot_be_changed_after_the_fact():
    bill = cost(offering(BASE), input_tokens=10)
    with pytest.raises(FrozenInstanceError):
        bill.amount = Decimal(0)
    with pytest.raises(FrozenInstanceError):
        bill.lines[0].amount = Decimal(0)
