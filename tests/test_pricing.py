"""catalog.price: exact Decimal costs, tiers, dated history and unknown components."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator import load_catalog
from generator.catalog.pricing import UnknownPrice, plain
from generator.catalog.tokens import BadTokenCount, parse_tokens

from .conftest import DATA
from .exporthelp import RICH


@pytest.fixture(scope="module")
def rich():
    return load_catalog(RICH)


def test_a_quarter_per_million_times_a_million_is_exactly_a_quarter():
    cost = load_catalog(DATA).price("cerebras/gpt-oss-120b", input_tokens=1_000_000, output_tokens=200_000)
    assert cost.amount == Decimal("0.388") and str(cost.amount) == "0.388"
    assert cost.currency == "USD" and cost.tier is None and cost.entry.input == Decimal("0.25")
    assert [(line.component, line.amount) for line in cost.lines] == [("input", Decimal("0.25")), ("output", Decimal("0.138"))]


def test_decimal_arithmetic_has_no_float_error(rich):
    cost = rich.price("alpha/Qwen/QwQ-32B", input_tokens=1, cached_tokens=2)  # 0.1e-6 + 0.06e-6
    assert cost.amount == Decimal("0.00000016") and plain(cost.amount) == "0.00000016"


def test_tiers_apply_by_the_whole_prompt_and_fall_back_to_base_rates(rich):
    below = rich.price("alpha/Qwen/QwQ-32B", input_tokens=32_000, output_tokens=1_000_000)
    assert below.tier is None and below.amount == Decimal("0.0032") + Decimal("0.3")
    middle = rich.price("alpha/Qwen/QwQ-32B", input_tokens=30_000, cached_tokens=5_000, output_tokens=1_000_000)
    assert middle.tier.above_tokens == 32_000
    assert middle.amount == Decimal("0.006") + Decimal("0.00015") + Decimal("0.6")  # cached at the base rate
    top = rich.price("alpha/Qwen/QwQ-32B", input_tokens=100_000, output_tokens=1_000_000)
    assert top.tier.above_tokens == 64_000 and top.amount == Decimal("0.04") + Decimal("0.3")  # output from base
    assert "tier above 64,000" in top.describe()


def test_dated_prices_come_from_the_history(rich):
    ref = "alpha/Qwen/QwQ-32B"
    assert rich.price(ref, input_tokens=1_000_000, at=date(2024, 3, 1)).amount == Decimal("1")
    mid = rich.price(ref, input_tokens=10_000, at=date(2024, 12, 31))
    assert mid.amount == Decimal("0.005") and mid.effective_from == date(2024, 6, 1)
    assert rich.price(ref, input_tokens=40_000, at=date(2024, 12, 31)).amount == Decimal("0.03")  # old tier
    assert rich.price(ref, input_tokens=10_000, at=date(2025, 1, 1)).amount == Decimal("0.001")
    with pytest.raises(UnknownPrice, match="no known price on 2023-12-31"):
        rich.price(ref, input_tokens=1, at=date(2023, 12, 31))


def test_unknown_components_are_refused_not_free(rich):
    with pytest.raises(UnknownPrice, match="price of `alpha/mystery` is unknown"):
        rich.price("alpha/mystery", input_tokens=1)
    with pytest.raises(UnknownPrice, match="output price of `beta/us.acme.big:0` is unknown"):
        rich.price("beta/us.acme.big:0", input_tokens=10, output_tokens=10)
    assert rich.price("beta/us.acme.big:0", input_tokens=1_000_000).amount == Decimal("0.09")
    with pytest.raises(UnknownPrice, match="cached input"):
        rich.price("alpha/Qwen/QwQ-32B", cached_tokens=1, at=date(2024, 7, 1))
    assert rich.price("alpha/free-embed", input_tokens=5_000_000).amount == 0


def test_reasoning_tokens_use_their_own_rate_or_count_as_output(rich):
    own = rich.price("alpha/Qwen/QwQ-32B", output_tokens=1_000_000, reasoning_tokens=400_000)
    assert own.amount == Decimal("0.18") + Decimal("0.2")
    assert [line.component for line in own.lines] == ["output", "reasoning"]
    as_output = rich.price("beta/big-model", output_tokens=1_000_000, reasoning_tokens=400_000)
    assert as_output.amount == Decimal("0.32") and [line.component for line in as_output.lines] == ["output"]
    with pytest.raises(ValueError, match="cannot exceed"):
        rich.price("beta/big-model", output_tokens=1, reasoning_tokens=2)
    with pytest.raises(ValueError, match="whole numbers"):
        rich.price("beta/big-model", input_tokens=-1)


def test_other_currencies_stay_in_their_currency(rich):
    cost = rich.price("alpha/claude@2024:1", input_tokens=1_000_000, output_tokens=1_000_000)
    assert (cost.amount, cost.currency) == (Decimal("18"), "EUR") and cost.describe().startswith("18 EUR")


def test_aliases_price_like_their_offering(rich):
    assert rich.price("alpha/qwq", input_tokens=10).ref == "alpha/Qwen/QwQ-32B"


@pytest.mark.parametrize("text, value", [("1M", 1_000_000), ("200k", 200_000), ("1_000", 1_000), ("1.5M", 1_500_000),
                                         ("2K", 2_000), ("0", 0), ("1,000", 1_000), ("3G", 3_000_000_000)])
def test_token_counts_as_people_write_them(text, value):
    assert parse_tokens(text) == value


@pytest.mark.parametrize("text", ["1.5", "-1", "abc", "", "1Mk", "0.0001k"])
def test_bad_token_counts_say_why(text):
    with pytest.raises(BadTokenCount, match="token count"):
        parse_tokens(text)
