"""The cost of a request, exactly: ``Decimal`` arithmetic, tiers and dated prices.

Token counts (see the guide's JSON and Python API page):

* ``input_tokens``: prompt tokens billed at the input rate (not read from or
  written to the cache);
* ``cached_tokens``: prompt tokens read from the prompt cache (cached input rate);
* ``cache_write_tokens``: prompt tokens written to the cache (cache write rate);
* ``output_tokens``: every generated token, reasoning included;
* ``reasoning_tokens``: the part of ``output_tokens`` that is reasoning; it is
  billed at the reasoning rate where the price has one, else as output.

The tier is chosen by the whole prompt (input + cached + cache write tokens).
A component with tokens whose rate is unknown raises :class:`UnknownPrice`:
an unknown price is never taken as 0 nor replaced by another rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, Inexact, localcontext

from generator.model.records import Offering, Price, PriceTier
from generator.validation.problems import CatalogError

MILLION_EXPONENT = -6
EXACT_DIGITS = 60  # far beyond any real bill; an inexact result would raise, not round


class UnknownPrice(CatalogError):
    """The catalog does not know a rate the request needs (or any price at that date).

    ``component`` names the unknown rate (input, output, cached_input ...); None when the
    whole price is unknown (no price, or none on that day).
    """

    def __init__(self, message: str, component: str | None = None):
        super().__init__(message)
        self.component = component


@dataclass(frozen=True)
class CostLine:
    """One billed component: tokens times the rate per million."""

    component: str  # input, cached_input, cache_write, output, reasoning
    tokens: int
    rate: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Cost:
    """The cost of one request at one offering."""

    ref: str
    amount: Decimal
    currency: str
    entry: Price  # the price entry used (current, or from history)
    tier: PriceTier | None  # the tier applied, None for the base rates
    lines: tuple[CostLine, ...]

    @property
    def effective_from(self) -> date | None:
        return self.entry.effective_from

    def describe(self) -> str:
        """``0.42 USD`` and which price entry and tier gave it."""
        since = f"price from {self.effective_from}" if self.effective_from else "price with no start date"
        tier = f", tier above {self.tier.above_tokens:,} input tokens" if self.tier else ""
        return f"{plain(self.amount)} {self.currency} ({since}{tier})"


def plain(value: Decimal) -> str:
    """An exact decimal without exponent or trailing zeros: 0.25000000 -> '0.25'."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def tidy(value: Decimal) -> Decimal:
    """The same number without trailing zeros: Decimal('0.25000000') -> Decimal('0.25')."""
    return Decimal(plain(value))


def cost(offering: Offering, input_tokens: int = 0, output_tokens: int = 0, cached_tokens: int = 0,
         reasoning_tokens: int = 0, cache_write_tokens: int = 0, at: date | None = None) -> Cost:
    """The exact cost of a request to *offering*, priced as on day *at* (default: now)."""
    _check_counts(input_tokens, output_tokens, cached_tokens, reasoning_tokens, cache_write_tokens)
    entry = _entry(offering, at)
    chosen = entry.for_context(input_tokens + cached_tokens + cache_write_tokens)
    tier = chosen if isinstance(chosen, PriceTier) else None
    if rate_of(entry, tier, "reasoning") is None:
        reasoning_tokens = 0  # no separate rate: reasoning tokens are billed as the output they are part of
    counts = {"input": input_tokens, "cached_input": cached_tokens, "cache_write": cache_write_tokens,
              "output": output_tokens - reasoning_tokens, "reasoning": reasoning_tokens}
    with localcontext() as context:
        context.prec, context.traps[Inexact] = EXACT_DIGITS, True
        lines = tuple(_line(offering, entry, tier, name, tokens) for name, tokens in counts.items() if tokens)
        total = sum((line.amount for line in lines), Decimal(0))
    return Cost(offering.ref, tidy(total), entry.currency, entry, tier, lines)


def _check_counts(input_tokens, output_tokens, cached_tokens, reasoning_tokens, cache_write_tokens) -> None:
    counts = {"input_tokens": input_tokens, "output_tokens": output_tokens, "cached_tokens": cached_tokens,
              "reasoning_tokens": reasoning_tokens, "cache_write_tokens": cache_write_tokens}
    wrong = [name for name, tokens in counts.items() if not isinstance(tokens, int) or tokens < 0]
    if wrong:
        raise ValueError(f"token counts must be whole numbers, 0 or more: {', '.join(wrong)}")
    if reasoning_tokens > output_tokens:
        raise ValueError(f"reasoning_tokens ({reasoning_tokens:,}) are part of output_tokens ({output_tokens:,}) "
                         "and cannot exceed them")


def _entry(offering: Offering, at: date | None) -> Price:
    if offering.pricing is None:
        raise UnknownPrice(f"the price of `{offering.ref}` is unknown")
    entry = offering.pricing.at(at)
    if entry is None:
        raise UnknownPrice(f"`{offering.ref}` has no known price on {at}; its earliest price starts later")
    return entry


def _line(offering: Offering, entry: Price, tier: PriceTier | None, name: str, tokens: int) -> CostLine:
    rate = rate_of(entry, tier, name)
    if rate is None:
        raise UnknownPrice(f"the {name.replace('_', ' ')} price of `{offering.ref}` is unknown, "
                           f"so {tokens:,} {name.replace('_', ' ')} tokens cannot be priced", name)
    return CostLine(name, tokens, rate, tidy((rate * tokens).scaleb(MILLION_EXPONENT)))


def rate_of(entry: Price, tier: PriceTier | None, name: str) -> Decimal | None:
    """The rate of component *name*: the tier's own, else the base price's."""
    own = getattr(tier, name) if tier is not None else None
    return own if own is not None else getattr(entry, name)
