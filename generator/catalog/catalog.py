"""The catalog: every provider, offering, canonical model and author, indexed.

``generator.catalog.load.load_catalog(path)`` reads a catalog directory into one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from generator.validation.messages import suggest
from generator.model.records import Author, CanonicalModel, Offering, Provider
from generator.validation.problems import UnknownReference


@dataclass
class Catalog:
    """Providers, offerings, canonical models and authors, sorted by id."""

    providers: dict[str, Provider] = field(default_factory=dict)
    models: dict[str, CanonicalModel] = field(default_factory=dict)
    authors: dict[str, Author] = field(default_factory=dict)
    data_dir: Path | None = field(default=None, compare=False)  # where it was read from: not part of its content
    # the lifecycle events of data_dir's changes.yaml files, when the reader already has them (a build
    # keeps them in its cache); None: read from data_dir when asked (generator.catalog.changes)
    events: list | None = field(default=None, compare=False, repr=False)

    @property
    def offerings(self) -> list[Offering]:
        """Every offering, by provider id then offering id."""
        return [o for p in self.providers.values() for o in p.offerings]

    def provider(self, provider_id: str) -> Provider:
        try:
            return self.providers[provider_id]
        except KeyError:
            raise UnknownReference("provider", provider_id, _close(provider_id, self.providers)) from None

    def offering(self, ref: str) -> Offering:
        """The offering at ``provider-id/offering-id`` (the offering id may hold ``/``)."""
        provider_id, _, offering_id = ref.partition("/")
        provider = self.provider(provider_id)
        for offering in provider.offerings:
            if offering.id == offering_id or offering_id in offering.aliases:
                return offering
        refs = [o.ref for o in provider.offerings]
        raise UnknownReference("offering", ref, _close(ref, refs))

    def model(self, model_id: str) -> CanonicalModel:
        try:
            return self.models[model_id]
        except KeyError:
            raise UnknownReference("model", model_id, _close(model_id, self.models)) from None

    def offerings_of(self, model_id: str) -> list[Offering]:
        """Every offering that serves the canonical model *model_id*, by provider."""
        return self._by_model.get(model_id, [])

    @cached_property
    def _by_model(self) -> dict[str, list[Offering]]:
        index: dict[str, list[Offering]] = {}
        for offering in self.offerings:
            if offering.model_id:
                index.setdefault(offering.model_id, []).append(offering)
        return index

    def author_names(self, offering: Offering) -> list[str]:
        return [self.authors[a].name for a in offering.authors]

    # Thin entry points to the JSON export, pricing and query modules (issue 4).
    @classmethod
    def from_json(cls, path: Path | str, data_dir: Path | str | None = None) -> "Catalog":
        """The catalog in an exported ``catalog.json`` (see generator.catalog.json_read)."""
        from generator.catalog.json_read import catalog_from_json
        return catalog_from_json(path, data_dir)

    def price(self, ref: str, usage: dict | None = None, *, at: date | None = None, tier: str = "standard",
              region: str | None = None, when=None, quality: str | None = None, size: str | None = None,
              **request):
        """The exact cost of a call to offering *ref*.

        With *usage* (counts named as in generator.catalog.calls.USAGE_UNITS): an itemised
        :class:`~generator.catalog.calls.Bill` under the service *tier*, *region*, time *when* (an aware
        datetime, UTC windows), image *quality* and *size*, at the price in force on *at* (else the day of
        *when*); unknown lines make its amount None.  Without it, the token counts as keyword arguments give
        a :class:`~generator.catalog.pricing.Cost` (see generator.catalog.pricing.cost).
        """
        if usage is None:
            from generator.catalog.pricing import cost
            return cost(self.offering(ref), at=at, **request)
        from generator.catalog.calls import price_call
        from generator.catalog.conditions import Call
        return price_call(self.offering(ref), usage, Call(tier, region, when, quality, size), at)

    def resolve(self, name: str, provider: str | None = None):
        """The offering a caller's model *name* means, and the rule that matched (see generator.catalog.names)."""
        from generator.catalog.names import resolve
        return resolve(self, name, provider)

    def select(self, **conditions) -> list[Offering]:
        """Offerings known to match *conditions* (see generator.catalog.query.Filter)."""
        from generator.catalog.query import select
        return select(self, **conditions)

    def cheapest(self, model_id: str, **request):
        """The cheapest priced offering of a canonical model (see generator.catalog.query.cheapest)."""
        from generator.catalog.query import cheapest
        return cheapest(self, model_id, **request)

    def changes(self, since: date | None = None):
        """Price changes and lifecycle events on or after *since*, newest first (see generator.catalog.changes).

        Worked out once per catalog (a catalog is not changed once loaded): the home page, the
        Changes page, the feeds and ``api/changes.json`` of one build share it."""
        from generator.catalog.changes import changes
        found = self.__dict__.get("_changes")
        if found is None:
            found = self.__dict__["_changes"] = changes(self)
        return list(found) if since is None else [c for c in found if c.day >= since]

    def newest_verification(self) -> date | None:
        days = [p.last_verified for p in self.providers.values()] + [o.last_verified for o in self.offerings]
        return max((d for d in days if d), default=None)


def _close(word: str, candidates) -> list[str]:
    hint = suggest(word, candidates)
    return [hint.split("`")[1]] if hint else []
