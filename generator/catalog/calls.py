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

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Context, Decimal, Inexact, InvalidOperation, Overflow, localcontext

from generator.catalog.conditions import Call, Rate
from generator.catalog.rateplan import prepared
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
PROMPT_SET = frozenset(PROMPT_COUNTS)
WHOLE_PRICE = "price"
ZERO = Decimal(0)
EXACT = Context(prec=EXACT_DIGITS, traps=[Inexact, InvalidOperation, Overflow])  # exact or an error, never rounded  # the unit of the unknown line when the offering has no price (on that day)


@dataclass(slots=True)  # not frozen: a log prices many lines, and a frozen dataclass is slow to make
class Line:
    """One billed unit: *quantity* at *rate* (per million for a token unit); *amount* None when unknown."""

    unit: str
    quantity: int
    rate: Decimal | None
    amount: Decimal | None
    applied: Rate | None = None  # the rate item used, with its conditions
    why: str | None = None  # why the line is unknown, when it is not the unit's call-dependent reason
    call: Call | None = field(default=None, repr=False, compare=False)  # the call of an unknown line
    has_rates: bool = field(default=False, repr=False, compare=False)  # the unit has rates, none for the call

    @property
    def reason(self) -> str | None:
        """Why the line is unknown (None when known): no rate in that unit, or none for this call."""
        if self.amount is not None or self.why:
            return self.why
        name = self.unit.replace("_", " ")
        if not self.has_rates:
            return f"the {name} price is unknown"
        return f"no {name} price is known for {self.call.describe() or 'a standard call'}"


@dataclass(slots=True)
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
    if not usage.keys() <= USAGE_UNITS.keys():
        unknown = sorted(usage.keys() - USAGE_UNITS.keys())
        raise ValueError(f"unknown usage count(s) {', '.join(unknown)}; known: {', '.join(USAGE_UNITS)}")
    if wrong := sorted(k for k, v in usage.items() if type(v) is not int or v < 0):  # bool is not a count
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
        return Bill(offering.ref, None, None, None, call, (Line(WHOLE_PRICE, 0, None, None, why=why),))
    return bill(offering.ref, entry, usage, call)


def bill(ref: str, entry: Price, usage: dict, call: Call) -> Bill:
    """The bill of checked *usage* under *call* at price *entry* (exact: an inexact step would raise)."""
    lines, total = [], ZERO
    for unit, quantity, chosen, found in choices(entry, usage, call):
        if chosen is None:
            lines.append(Line(unit, quantity, None, None, call=call, has_rates=found))
            total = None
            continue
        amount = _amount(chosen, quantity)
        lines.append(Line(unit, quantity, chosen.rate, amount, chosen))
        total = None if total is None else EXACT.add(total, amount)
    return Bill(ref, None if total is None else tidy(total), entry.currency, entry, call, tuple(lines))


def total(entry: Price, usage: dict, call: Call) -> tuple[Decimal | None, list[str]]:
    """What :func:`bill` totals, without its lines (for a log of many calls): the amount (exact, trailing
    zeros kept: :func:`~generator.catalog.pricing.plain` writes it), else None and the units whose rate is
    unknown."""
    with localcontext(EXACT):
        return total_exact(entry, usage, call)


def total_exact(entry: Price, usage: dict, call: Call) -> tuple[Decimal | None, list[str]]:
    """:func:`total`, for a caller that has already set the ``EXACT`` context (once for a whole log)."""
    amount, unknown = ZERO, []
    for unit, quantity, chosen, _ in choices(entry, usage, call):
        if chosen is None:
            unknown.append(unit)
        elif unit in TOKEN_UNIT_SET:
            amount += (chosen.rate * quantity).scaleb(MILLION_EXPONENT)
        else:
            amount += chosen.rate * quantity
    return (None, unknown) if unknown else (amount, unknown)


def choices(entry: Price, usage: dict, call: Call) -> Iterator[tuple[str, int, Rate | None, bool]]:
    """Per billed unit: its quantity, the rate chosen (None: unknown) and whether the unit has any rate.

    A generator with plain loops: a log of many calls goes through here once per call."""
    rates = prepared(entry)
    prompt = 0
    for key, quantity in usage.items():
        if key in PROMPT_SET:
            prompt += quantity
    pick = rates.chooser(call, prompt)
    reasoning = usage.get("reasoning_tokens", 0)
    separate = bool(reasoning) and pick("reasoning") is not None
    for key, quantity in usage.items():
        if key == "output_tokens" and separate:
            quantity -= reasoning
        elif key == "reasoning_tokens" and not separate:
            continue  # no reasoning rate: billed as the output it is part of
        if quantity:
            unit = USAGE_UNITS[key]
            yield unit, quantity, pick(unit), unit in rates.by_unit


def _amount(chosen: Rate, quantity: int) -> Decimal:
    amount = EXACT.multiply(chosen.rate, quantity)
    return EXACT.scaleb(amount, MILLION_EXPONENT) if chosen.unit in TOKEN_UNIT_SET else amount
