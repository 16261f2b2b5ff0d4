"""A price entry's rates made ready for many calls: the rate each unit takes, per kind of call.

Which rate applies (:func:`~generator.catalog.conditions.choose`) depends on the call's tier,
region, quality and size, on the prompt only through which of the entry's thresholds it
exceeds (its *band*), and on the time only for an entry with window rates.  So for an entry
without windows, the choice for every unit is made once per (call options, band) and reused:
a log of calls repeats the same few.  Plans are kept per entry object for the process's life
(a catalog's entries are few and live as long as it does).
"""

from __future__ import annotations

from bisect import bisect_left

from generator.catalog.conditions import Call, Rate, choose, rates_by_unit
from generator.model.records import Price


class Prepared:
    """The rates of one entry by unit, its thresholds, and the plans made so far."""

    __slots__ = ("entry", "by_unit", "bounds", "windows", "plans")

    def __init__(self, entry: Price):
        self.entry = entry
        self.by_unit = rates_by_unit(entry)
        self.bounds = sorted({r.above_tokens for rates in self.by_unit.values() for r in rates if r.above_tokens})
        self.windows = any(r.window is not None for rates in self.by_unit.values() for r in rates)
        self.plans: dict[tuple, dict[str, Rate | None]] = {}

    def chooser(self, call: Call, prompt: int):
        """A function unit -> the rate chosen for *call* with a prompt of *prompt* tokens (None: unknown)."""
        if self.windows and call.when is not None:
            return lambda unit: choose(self.by_unit.get(unit, ()), call, prompt)
        band = bisect_left(self.bounds, prompt)
        key = (call.tier, call.region, call.quality, call.size, band)
        plan = self.plans.get(key)
        if plan is None:
            example = self.bounds[band - 1] + 1 if band else 0  # a prompt in the same band
            plan = self.plans[key] = {unit: choose(rates, call, example) for unit, rates in self.by_unit.items()}
        return plan.get


def prepared(entry: Price) -> Prepared:
    """The :class:`Prepared` rates of *entry*, made once (kept with the entry, so its id is not reused)."""
    found = _PREPARED.get(id(entry))
    if found is None or found.entry is not entry:
        found = _PREPARED[id(entry)] = Prepared(entry)
    return found


_PREPARED: dict[int, Prepared] = {}
