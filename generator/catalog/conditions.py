"""Which rate of a price entry applies to a call: the conditions of :class:`~generator.model.records.ConditionalPrice`.

A rate applies to a call when every condition it states holds:

* ``tier``: the call's service tier (absent: standard) must be the rate's;
* ``region``: a regional rate applies only to a call in that region, and a call
  in a region only at a rate of that region (a global rate is not a regional one);
* ``window``: the call's time (UTC) falls in it; a call with no time is priced
  outside every window;
* ``above_tokens``: the rate's threshold must be the highest one, among all the
  unit's rates, that the prompt exceeds (so a batch rate with no threshold does
  not price a prompt above a threshold it was not stated for);
* ``quality`` and ``size``: stated by the call; a rate that states none applies
  to any quality or size, a rate that states one only to a call stating it.

Among the rates that apply, the most specific wins: one with a window, then a
stated quality, then the largest stated size; of two equally specific (overlapping
windows), the first listed.  A size is ``WxH`` or ``>WxH``, one ``>`` at most.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from generator.model.records import Price, Window
from generator.model.vocabulary import PRICE_FIELDS, SERVICE_TIERS, WEEKDAYS

STANDARD = "standard"


@dataclass(frozen=True, slots=True)
class Rate:
    """One rate of a price entry with its conditions, as :func:`choose` compares them."""

    unit: str
    rate: Decimal
    tier: str = STANDARD
    region: str | None = None
    window: Window | None = None
    above_tokens: int = 0
    quality: str | None = None
    size: str | None = None

    def conditions(self) -> dict:
        """The conditions this rate states, for a bill's lines (``{}`` for a plain rate)."""
        found = {"tier": self.tier if self.tier != STANDARD else None, "region": self.region,
                 "above_tokens": self.above_tokens or None, "quality": self.quality, "size": self.size,
                 "window": window_text(self.window) if self.window else None}
        return {k: v for k, v in found.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Call:
    """What a call chooses besides its usage: tier, region, time (UTC), image quality and size."""

    tier: str = STANDARD
    region: str | None = None
    when: datetime | None = None
    quality: str | None = None
    size: str | None = None

    def __post_init__(self):
        if self.tier not in SERVICE_TIERS:
            raise ValueError(f"unknown service tier `{self.tier}`; one of {', '.join(SERVICE_TIERS)}")
        if self.size is not None and pixels(self.size.removeprefix(">")) is None:
            raise ValueError(f"size `{self.size}` is not WIDTHxHEIGHT (e.g. 1024x1024)")
        if self.when is not None and self.when.tzinfo is None:
            raise ValueError("a call's time needs its time zone (e.g. 2026-01-05T03:00Z)")

    def describe(self) -> str:
        """``batch tier, region eu-west-1``: what the call chose beyond a standard one."""
        parts = [f"{self.tier} tier" if self.tier != STANDARD else "", f"region {self.region}" if self.region else "",
                 f"at {self.when.astimezone(timezone.utc):%Y-%m-%dT%H:%MZ}" if self.when else "",
                 f"quality {self.quality}" if self.quality else "", f"size {self.size}" if self.size else ""]
        return ", ".join(p for p in parts if p)


def rates_by_unit(entry: Price) -> dict[str, tuple[Rate, ...]]:
    """Every rate of *entry*, by unit: flat rates, tiers (a rate a tier leaves out is the base one), items."""
    found: dict[str, list[Rate]] = {}
    for name in PRICE_FIELDS:
        if (value := getattr(entry, name)) is not None:
            found.setdefault(name, []).append(Rate(name, value))
        for tier in entry.tiers:
            own = getattr(tier, name)
            if (rate := own if own is not None else value) is not None:
                found.setdefault(name, []).append(Rate(name, rate, above_tokens=tier.above_tokens))
    for item in entry.conditional:
        found.setdefault(item.unit, []).append(Rate(item.unit, item.rate, item.tier or STANDARD, item.region,
                                                    item.window, item.above_tokens or 0, item.quality, item.size))
    return {unit: tuple(rates) for unit, rates in found.items()}


def choose(rates: tuple[Rate, ...], call: Call, prompt: int) -> Rate | None:
    """The rate of one unit that applies to *call* with a prompt of *prompt* tokens; None when none does."""
    if not rates:
        return None
    if len(rates) == 1:  # the usual case: one plain rate
        only = rates[0]
        if only.tier == call.tier and only.region == call.region and only.above_tokens == 0 and \
                only.window is None and only.quality is None and only.size is None:
            return only
    top = max((r.above_tokens for r in rates if prompt > r.above_tokens), default=0)
    best, best_key = None, None
    for rate in rates:
        if rate.tier != call.tier or rate.region != call.region or rate.above_tokens != top:
            continue
        if not (_optional(rate.quality, call.quality) and _size_holds(rate.size, call.size)):
            continue
        if rate.window is not None and not (call.when and in_window(rate.window, call.when)):
            continue
        size = pixels(rate.size.removeprefix(">")) if rate.size else -1
        key = (rate.window is not None, rate.quality is not None, size)
        if best_key is None or key > best_key:
            best, best_key = rate, key
    return best


def _optional(stated: str | None, asked: str | None) -> bool:
    return stated is None or stated == asked


def _size_holds(stated: str | None, asked: str | None) -> bool:
    """An exact size matches itself; ``>WxH`` any size of more pixels; no size matches any."""
    if stated is None:
        return True
    if asked is None:
        return False
    if stated.startswith(">"):
        return (pixels(asked.removeprefix(">")) or 0) > (pixels(stated[1:]) or 0)
    return stated == asked


def pixels(size: str) -> int | None:
    """``1024x768`` -> 786432; None when *size* is not WIDTHxHEIGHT."""
    width, sep, height = size.partition("x")
    if not (sep and width.isdigit() and height.isdigit()):
        return None
    return int(width) * int(height)


def minutes(hh_mm: str) -> int:
    return int(hh_mm[:2]) * 60 + int(hh_mm[3:])


def in_window(window: Window, when: datetime) -> bool:
    """Whether *when* falls in *window* (UTC); a window that ends before it starts crosses midnight and
    belongs to the day it starts on."""
    utc = when.astimezone(timezone.utc)
    now, start, end = utc.hour * 60 + utc.minute, minutes(window.start), minutes(window.end)
    weekday = utc.weekday()
    if start < end:
        return start <= now < end and _on(window, weekday)
    if now >= start:
        return _on(window, weekday)
    return now < end and _on(window, (weekday - 1) % 7)


def _on(window: Window, weekday: int) -> bool:
    return not window.days or WEEKDAYS[weekday] in window.days


def window_text(window: Window) -> str:
    days = f" on {', '.join(window.days)}" if window.days else ""
    return f"{window.start}-{window.end} UTC{days}"
