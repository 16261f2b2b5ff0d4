"""What changed between two catalogs: providers and offerings added or removed, and changed facts.

:func:`diff_catalogs` compares two :class:`~generator.catalog.catalog.Catalog` objects and returns a
:class:`CatalogDiff`; ``provcat diff`` formats it (generator.present.diff_text) or writes
:meth:`CatalogDiff.as_json` (schema/diff.schema.json).

Compared: each offering's current price rate by rate (base rates, then each tier by its threshold,
then each conditional rate by its unit and conditions),
its limits, status and lifecycle dates; each provider's privacy, retention and moderation facts.
Offerings are matched by reference (``provider/offering-id``), so a renamed offering reads as one
removed and one added.  An unknown value is ``None`` on its side of a :class:`Change`, never 0:
unknown -> known is "now known", known -> unknown is "no longer known".  A percentage is given only
when both rates are known, in the same currency, and the old one is not 0.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from generator.catalog.catalog import Catalog
from generator.catalog.conditions import STANDARD, Rate
from generator.model.records import Moderation, Offering, Price, Pricing, Privacy, Provider, Retention
from generator.model.vocabulary import PRICE_FIELDS

SCHEMA_VERSION = "1"
OFFERING_FACTS = (("limit", "context_window"), ("limit", "max_input_tokens"), ("limit", "max_output_tokens"),
                  ("status", "status"), ("lifecycle", "deprecation_date"), ("lifecycle", "retirement_date"))
PROVIDER_PARTS = (("privacy", Privacy), ("retention", Retention), ("moderation", Moderation))
NOW_KNOWN, NO_LONGER_KNOWN = "now known", "no longer known"
Value = Decimal | int | str | bool | date | None


@dataclass(frozen=True, slots=True)
class Change:
    """One fact of one provider or offering that differs; ``None`` on a side means unknown there."""

    scope: str  # "provider" or "offering"
    subject: str  # the provider id, or the offering's reference
    kind: str  # price, limit, status, lifecycle, privacy, retention, moderation
    field: str  # e.g. "pricing.input", "pricing.tiers[>32000].output", "retention.duration_days"
    old: Value
    new: Value
    old_currency: str | None = None  # prices only: the currency of each side's rate
    new_currency: str | None = None
    percent: Decimal | None = None  # prices only: (new - old) / old, in percent, to one decimal
    unit: str | None = None  # conditional prices only: what the rate is per (vocabulary.PRICE_UNITS)

    @property
    def note(self) -> str | None:
        """``now known`` or ``no longer known`` when one side is unknown, else None."""
        return NOW_KNOWN if self.old is None else NO_LONGER_KNOWN if self.new is None else None


@dataclass(frozen=True, slots=True)
class CatalogDiff:
    """Everything that differs between two catalogs, sorted: ids, then each subject's facts in a fixed order."""

    providers_added: tuple[str, ...] = ()
    providers_removed: tuple[str, ...] = ()
    offerings_added: tuple[str, ...] = ()
    offerings_removed: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def equal(self) -> bool:
        return not (self.providers_added or self.providers_removed or self.offerings_added
                    or self.offerings_removed or self.changes)

    def summary(self) -> dict[str, int]:
        """How many of each: providers and offerings added and removed, changes by kind."""
        counts = {"providers_added": len(self.providers_added), "providers_removed": len(self.providers_removed),
                  "offerings_added": len(self.offerings_added), "offerings_removed": len(self.offerings_removed),
                  "changes": len(self.changes)}
        return counts | {f"{kind}_changes": sum(c.kind == kind for c in self.changes) for kind in KINDS}

    def as_json(self) -> dict:
        """The diff as plain JSON values (schema/diff.schema.json)."""
        return {"schema_version": SCHEMA_VERSION, "equal": self.equal, "summary": self.summary(),
                "providers_added": list(self.providers_added), "providers_removed": list(self.providers_removed),
                "offerings_added": list(self.offerings_added), "offerings_removed": list(self.offerings_removed),
                "changes": [_change_json(c) for c in self.changes]}


KINDS = ("price", "limit", "status", "lifecycle", "privacy", "retention", "moderation")


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """What differs from *old* to *new*."""
    old_offerings = {o.ref: o for o in old.offerings}
    new_offerings = {o.ref: o for o in new.offerings}
    changes: list[Change] = []
    for pid in sorted(old.providers.keys() & new.providers.keys()):
        changes += provider_changes(old.providers[pid], new.providers[pid])
    for ref in sorted(old_offerings.keys() & new_offerings.keys()):
        changes += offering_changes(old_offerings[ref], new_offerings[ref])
    return CatalogDiff(
        providers_added=tuple(sorted(new.providers.keys() - old.providers.keys())),
        providers_removed=tuple(sorted(old.providers.keys() - new.providers.keys())),
        offerings_added=tuple(sorted(new_offerings.keys() - old_offerings.keys())),
        offerings_removed=tuple(sorted(old_offerings.keys() - new_offerings.keys())),
        changes=tuple(changes))


def provider_changes(old: Provider, new: Provider) -> list[Change]:
    """The provider's privacy, retention and moderation facts that differ, in declaration order."""
    changes = []
    for part, cls in PROVIDER_PARTS:
        for f in fields(cls):
            before, after = getattr(getattr(old, part), f.name), getattr(getattr(new, part), f.name)
            if before != after:
                changes.append(Change("provider", old.id, part, f"{part}.{f.name}", before, after))
    return changes


def offering_changes(old: Offering, new: Offering) -> list[Change]:
    """The offering's price rates, limits, status and lifecycle dates that differ, in that order."""
    changes = price_changes(old.ref, old.pricing, new.pricing)
    for kind, name in OFFERING_FACTS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(Change("offering", old.ref, kind, name, before, after))
    return changes


def price_changes(ref: str, old: Pricing | None, new: Pricing | None) -> list[Change]:
    """The current price's currency and rates that differ; a rate compares with its currency."""
    before, after = (old.current if old else None), (new.current if new else None)
    old_cur, new_cur = (before.currency if before else None), (after.currency if after else None)
    changes = []
    if before and after and old_cur != new_cur:
        changes.append(Change("offering", ref, "price", "pricing.currency", old_cur, new_cur))
    for name, x, y, unit in _rates(before, after):
        if x is None and y is None or x == y and old_cur == new_cur:
            continue
        changes.append(Change("offering", ref, "price", name, x, y, old_cur if x is not None else None,
                              new_cur if y is not None else None, _percent(x, y) if old_cur == new_cur else None,
                              unit))
    return changes


def _rates(old: Price | None, new: Price | None):
    """(field, old rate, new rate, unit) for every base rate, every tier's rates by threshold, then every
    conditional rate by its unit and conditions (unit None: a rate per million tokens of the field's kind)."""
    for rate in PRICE_FIELDS:
        yield f"pricing.{rate}", _rate(old, rate), _rate(new, rate), None
    old_tiers = {t.above_tokens: t for t in (old.tiers if old else ())}
    new_tiers = {t.above_tokens: t for t in (new.tiers if new else ())}
    for above in sorted(old_tiers.keys() | new_tiers.keys()):
        for rate in PRICE_FIELDS:
            yield (f"pricing.tiers[>{above}].{rate}", _rate(old_tiers.get(above), rate),
                   _rate(new_tiers.get(above), rate), None)
    old_items, new_items = _conditional(old), _conditional(new)
    for label in sorted(old_items.keys() | new_items.keys()):
        unit = label.split(";")[0].split(" #")[0]
        yield f"pricing.conditional[{label}]", old_items.get(label), new_items.get(label), unit


def _conditional(price: Price | None) -> dict[str, Decimal]:
    """Each conditional rate of *price* by its unit and conditions, ``input_image; tier=batch, quality=hd``."""
    found: dict[str, Decimal] = {}
    for item in price.conditional if price else ():
        rate = Rate(item.unit, item.rate, item.tier or STANDARD, item.region, item.window, item.above_tokens or 0,
                    item.quality, item.size)
        stated = "; " + ", ".join(f"{k}={v}" for k, v in rate.conditions().items()) if rate.conditions() else ""
        label = base = f"{item.unit}{stated}"
        for n in range(2, len(price.conditional) + 2):  # the schema does not forbid two items alike: number them
            if label not in found:
                break
            label = f"{base} #{n}"
        found[label] = item.rate
    return found


def _rate(price, rate: str) -> Decimal | None:
    return None if price is None else getattr(price, rate)


def _percent(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    if old is None or new is None or old == 0:
        return None
    return ((new - old) * 100 / old).quantize(Decimal("0.1"))


def _change_json(change: Change) -> dict:
    item = {"scope": change.scope, "subject": change.subject, "kind": change.kind, "field": change.field,
            "old": _value_json(change.old), "new": _value_json(change.new), "note": change.note}
    if change.kind == "price" and change.field != "pricing.currency":
        item |= {"old_currency": change.old_currency, "new_currency": change.new_currency,
                 "percent": None if change.percent is None else float(change.percent)}
    return item


def _value_json(value: Value):
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return value
