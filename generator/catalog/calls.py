"""The cost of any call: tokens and other units, under a service tier, region, time, quality and size.

A price entry's rates become one list of :class:`Rate` items per unit: its flat
token rates (no condition), its ``tiers`` (above a prompt size; a rate a tier
leaves out is the base one, as ``tiers`` always meant) and its ``conditional``
items.  For each unit the call bills, the rate chosen is the one whose every
stated condition holds for the call (see :mod:`.conditions`), the most specific
first.  A unit no rate covers is an unknown line and makes the total unknown:
never 0, never the standard rate for a batch call, never a partial total.

Usage counts are named as in :data:`USAGE_UNITS`; ``reasoning_tokens`` are part
of ``output_tokens`` and billed apart only where a reasoning rate applies.  The
prompt size that thresholds compare with is the sum of :data:`PROMPT_COUNTS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, Inexact, localcontext
from functools import lru_cache

from generator.catalog.conditions import Call, Rate, choose, rates_by_unit
from generator.catalog.pricing import EXACT_DIGITS, MILLION_EXPONENT, tidy
from generator.model.records import Offering, Price
from generator.model.vocabulary import TOKEN_UNITS

USAGE_UNITS = {
    "input_tokens": "input", "cached_tokens": "cached_input", "cache_write_tokens": "cache_write",
    "cache_write_1h_tokens": "cache_write_1h", "output_tokens": "output", "reasoning_tokens": "reasoning",
    "input_audio_tokens": "input_audio", "output_audio_tokens": "output_audio",
    "cached_audio_tokens": "cached_input_audio", "cache_write_audio_tokens": "cache_write_audio",
    "input_image_tokens": "input_image_token", "output_image_tokens": "output_image_token",
    "cached_image_tokens": "cached_input_image_token", "citation_tokens": "citation",
    "images": "image", "input_images": "input_image", "input_pixels": "input_pixel", "output_pixels": "output_pixel",
    "input_seconds": "input_second", "output_seconds": "output_second", "input_audio_seconds": "input_audio_second",
    "input_video_seconds": "input_video_second", "output_video_seconds": "output_video_second",
    "characters": "input_character", "output_characters": "output_character", "requests": "request",
    "queries": "query", "searches": "search", "pages": "page", "annotation_pages": "annotation_page",
    "sessions": "session",
}
PROMPT_COUNTS = ("input_tokens", "cached_tokens", "cache_write_tokens", "cache_write_1h_tokens", "input_audio_tokens",
                 "cached_audio_tokens", "cache_write_audio_tokens", "input_image_tokens", "cached_image_tokens")
TOKEN_UNIT_SET = frozenset(TOKEN_UNITS)
WHOLE_PRICE = "price"  # the unit of the unknown line when the offering has no price (on that day)


@dataclass(frozen=True)
class Line:
    """One billed unit: *quantity* at *rate* (per million for a token unit); *amount* None when unknown."""

    unit: str
    quantity: int
    rate: Decimal | None
    amount: Decimal | None
    applied: Rate | None = None  # the rate item used, with its conditions
    reason: str | None = None  # why the line is unknown


@dataclass(frozen=True)
class Bill:
    """The cost of one call at one offering: exact when every line is known, else ``amount`` None."""

    ref: str
    amount: Decimal | None
    currency: str | None
    entry: Price | None
    call: Call
    lines: tuple[Line, ...] = field(default=())

    @property
    def unknown(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.amount is None)

    @property
    def effective_from(self) -> date | None:
        return self.entry.effective_from if self.entry else None


def check_usage(usage: dict) -> dict[str, int]:
    """*usage* with its names and counts checked: ValueError names every wrong one."""
    unknown = sorted(set(usage) - USAGE_UNITS.keys())
    if unknown:
        raise ValueError(f"unknown usage count(s) {', '.join(unknown)}; known: {', '.join(USAGE_UNITS)}")
    wrong = sorted(k for k, v in usage.items() if not isinstance(v, int) or isinstance(v, bool) or v < 0)
    if wrong:
        raise ValueError(f"usage counts must be whole numbers, 0 or more: {', '.join(wrong)}")
    if usage.get("reasoning_tokens", 0) > usage.get("output_tokens", 0):
        raise ValueError(f"reasoning_tokens ({usage['reasoning_tokens']:,}) are part of output_tokens "
                         f"({usage.get('output_tokens', 0):,}) and cannot exceed them")
    return usage


def price_call(offering: Offering, usage: dict, call: Call = Call(), at: date | None = None) -> Bill:
    """The itemised cost of *usage* at *offering* under *call*, priced as on day *at* (else the day of
    ``call.when``, else now)."""
    check_usage(usage)
    day = at or (call.when.date() if isinstance(call.when, datetime) else None)
    entry = offering.pricing.at(day) if offering.pricing else None
    if entry is None:
        why = "the price is unknown" if offering.pricing is None else f"no price is known on {day}"
        return Bill(offering.ref, None, None, None, call, (Line(WHOLE_PRICE, 0, None, None, reason=why),))
    return bill(offering.ref, entry, usage, call)


def bill(ref: str, entry: Price, usage: dict, call: Call) -> Bill:
    """The bill of checked *usage* under *call* at price *entry*."""
    rates = _rates(entry)
    prompt = sum(usage.get(k, 0) for k in PROMPT_COUNTS)
    counts = dict(usage)
    reasoning = counts.get("reasoning_tokens", 0)
    if reasoning and choose(rates.get("reasoning", ()), call, prompt) is None:
        counts["reasoning_tokens"] = 0  # no reasoning rate: billed as the output it is part of
    elif reasoning:
        counts["output_tokens"] -= reasoning
    with localcontext() as context:
        context.prec, context.traps[Inexact] = EXACT_DIGITS, True
        lines = tuple(_line(rates, USAGE_UNITS[k], n, call, prompt) for k, n in counts.items() if n)
        known = None not in (line.amount for line in lines)
        total = tidy(sum((line.amount for line in lines), Decimal(0))) if known else None
    return Bill(ref, total, entry.currency, entry, call, lines)


def _line(rates: dict, unit: str, quantity: int, call: Call, prompt: int) -> Line:
    chosen = choose(rates.get(unit, ()), call, prompt)
    if chosen is None:
        return Line(unit, quantity, None, None, reason=_why_unknown(rates.get(unit, ()), unit, call))
    amount = chosen.rate * quantity
    return Line(unit, quantity, chosen.rate, tidy(amount.scaleb(MILLION_EXPONENT) if unit in TOKEN_UNIT_SET
                                                  else amount), chosen)


def _why_unknown(rates, unit: str, call: Call) -> str:
    name = unit.replace("_", " ")
    if not rates:
        return f"the {name} price is unknown"
    return f"no {name} price is known for {call.describe() or 'a standard call'}"


@lru_cache(maxsize=8192)
def _rates(entry: Price) -> dict[str, tuple[Rate, ...]]:
    return rates_by_unit(entry)
