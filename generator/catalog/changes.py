"""What changed in the catalog, and when: price changes and lifecycle events, newest first.

Price changes are derived from each offering's ``pricing`` (its dated ``history`` and current
price): a dated entry whose rates differ from the entry before it is a change on its
``effective_from`` day.  Lifecycle events (added, removed, renamed, status) are read from the
providers' ``changes.yaml`` files of a catalog directory (validated with the catalog); a catalog
read from ``catalog.json`` has the price changes only, ``api/changes.json`` has both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from generator.model.records import PRICE_FIELDS, Offering, Price
from generator.util.files import read_regular
from generator.validation.discover import side_files
from generator.validation.yaml_fast import load_bytes

KINDS = ("price", "added", "removed", "renamed", "status")
MAX_CHANGES_BYTES = 32 * 2**20


@dataclass(frozen=True)
class PriceChange:
    """One rate of a price change; None: unknown on that side."""

    component: str  # input, output, cached_input ... or tiers
    old: Decimal | None
    new: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        """The change in percent, to one decimal; None when either side is unknown or the old rate is 0."""
        if self.old is None or self.new is None or self.old == 0:
            return None
        return ((self.new - self.old) * 100 / self.old).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Change:
    day: date
    provider: str
    offering: str
    kind: str  # one of KINDS
    source: str | None = None
    old: str | None = None  # renamed: the former id; status: the former status
    new: str | None = None  # status: the new status
    prices: tuple[PriceChange, ...] = ()  # kind price: each rate that changed
    currency: str | None = None  # kind price: the currency of the new rates

    @property
    def ref(self) -> str:
        return f"{self.provider}/{self.offering}"

    @property
    def headline(self) -> PriceChange | None:
        """The rate a one-line summary names: input, else output, else the first that changed."""
        by_name = {p.component: p for p in self.prices}
        return by_name.get("input") or by_name.get("output") or (self.prices[0] if self.prices else None)


def price_changes(offering: Offering, provider: str | None = None) -> list[Change]:
    """The dated price changes of *offering*, oldest first."""
    if offering.pricing is None:
        return []
    entries = (*offering.pricing.history, offering.pricing.current)
    out = []
    for before, after in zip(entries, entries[1:]):
        diff = _diff(before, after)
        if after.effective_from is not None and diff:
            out.append(Change(after.effective_from, provider or offering.provider_id, offering.id, "price",
                              after.source, prices=diff, currency=after.currency))
    return out


def _diff(before: Price, after: Price) -> tuple[PriceChange, ...]:
    if before.currency != after.currency:
        return tuple(PriceChange(f, getattr(before, f), getattr(after, f)) for f in PRICE_FIELDS
                     if getattr(before, f) is not None or getattr(after, f) is not None)
    out = [PriceChange(f, getattr(before, f), getattr(after, f)) for f in PRICE_FIELDS
           if getattr(before, f) != getattr(after, f)]
    if before.tiers != after.tiers:
        out.append(PriceChange("tiers", None, None))
    return tuple(out)


def lifecycle_events(data_dir: Path | str | None) -> list[Change]:
    """The events of every ``providers/<id>/changes.yaml`` under *data_dir*."""
    if data_dir is None:
        return []
    parsed = (load_bytes(read_regular(str(Path(data_dir) / rel), MAX_CHANGES_BYTES), rel)[0]
              for kind, rel in side_files(Path(data_dir)) if kind == "changes")
    return events_of(parsed)


def events_of(parsed) -> list[Change]:
    """The events of the parsed ``changes.yaml`` documents *parsed* (validated), in their order: a
    build takes them from its cache, where they are kept between builds with their files' stamps."""
    out = []
    for data in parsed:
        provider = (data or {}).get("provider")
        for event in (data or {}).get("events", ()):
            day = event["day"] if isinstance(event["day"], date) else date.fromisoformat(str(event["day"]))
            out.append(Change(day, provider, str(event["offering"]), event["kind"], event.get("source"),
                              event.get("old"), event.get("new")))
    return out


def changes(catalog, since: date | None = None, events: list[Change] | None = None) -> list[Change]:
    """Every change of *catalog* on or after *since*, newest first (ties: provider, offering, kind).

    *events*: the lifecycle events (default: the catalog's :attr:`~generator.catalog.catalog.Catalog.events`
    when a build set them, else read from its data directory).
    """
    found = [c for o in catalog.offerings for c in price_changes(o)]
    events = getattr(catalog, "events", None) if events is None else events
    found += lifecycle_events(catalog.data_dir) if events is None else events
    if since is not None:
        found = [c for c in found if c.day >= since]
    found.sort(key=lambda c: (c.provider, c.offering, KINDS.index(c.kind), c.source or ""))
    found.sort(key=lambda c: c.day, reverse=True)
    return found


def record(change: Change) -> dict:
    """*change* as JSON: money as exact decimal strings, percent too; absent keys unknown."""
    out = {"day": change.day.isoformat(), "provider": change.provider, "offering": change.offering,
           "kind": change.kind}
    for key in ("source", "old", "new", "currency"):
        if getattr(change, key) is not None:
            out[key] = getattr(change, key)
    if change.prices:
        out["prices"] = [{"component": p.component, **_money("old", p.old), **_money("new", p.new),
                          **_money("percent", p.percent)} for p in change.prices]
    return out


def _money(key: str, value: Decimal | None) -> dict:
    return {} if value is None else {key: format(value.normalize(), "f")}
