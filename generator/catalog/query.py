"""Questions asked of a catalog: find offerings by facts, find the cheapest.

Filters keep only what is *known* to match: an offering whose feature,
context window or price is unknown does not pass a filter on it, and a
provider passes a privacy filter only if its policy is known to allow it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from generator.catalog import lookup
from generator.catalog.catalog import Catalog
from generator.model.records import FEATURES, MODALITIES, Offering, Provider
from generator.catalog.pricing import Cost, UnknownPrice, cost

MILLION = 1_000_000


@dataclass(frozen=True)
class Filter:
    """What an offering must be known to have; every field left as None/empty is no condition."""

    provider: str | None = None
    kind: str | None = None
    features: tuple[str, ...] = ()
    input_modalities: tuple[str, ...] = ()
    output_modalities: tuple[str, ...] = ()
    min_context: int | None = None
    max_input_price: Decimal | None = None
    max_output_price: Decimal | None = None
    currency: str = "USD"  # the currency of max_input_price / max_output_price
    no_training: bool = False  # the provider is known not to train on user data
    no_retention: bool = False  # the provider is known not to retain user data
    model: str | None = None  # canonical model id
    search: str | None = None  # text in the provider id, offering id, name or model id (any case)

    def __post_init__(self):
        _check_names("feature", self.features, FEATURES)
        _check_names("modality", self.input_modalities + self.output_modalities, MODALITIES)

    def matches(self, offering: Offering, provider: Provider) -> bool:
        return all(test(self, offering, provider) for test in _TESTS)


def _check_names(kind: str, given, allowed) -> None:
    unknown = [name for name in given if name not in allowed]
    if unknown:
        raise ValueError(f"unknown {kind} {', '.join(map(repr, unknown))}; known: {', '.join(allowed)}")


def _identity(f: Filter, o: Offering, p: Provider) -> bool:
    return ((f.provider is None or p.id == f.provider) and (f.kind is None or o.kind == f.kind)
            and (f.model is None or o.model_id == f.model))


def _text(f: Filter, o: Offering, p: Provider) -> bool:
    if not f.search:
        return True
    wanted = f.search.lower()
    return any(wanted in value.lower() for value in (p.id, o.id, o.name or "", o.model_id or ""))


def _capabilities(f: Filter, o: Offering, p: Provider) -> bool:
    return (all(getattr(o.features, name) is True for name in f.features)
            and all(o.modalities.input.get(m) is True for m in f.input_modalities)
            and all(o.modalities.output.get(m) is True for m in f.output_modalities))


def _limits(f: Filter, o: Offering, p: Provider) -> bool:
    return f.min_context is None or (o.context_window is not None and o.context_window >= f.min_context)


def _prices(f: Filter, o: Offering, p: Provider) -> bool:
    if f.max_input_price is None and f.max_output_price is None:
        return True
    price = o.price
    if price is None or price.currency != f.currency:
        return False
    return all(limit is None or (value is not None and value <= limit)
               for limit, value in ((f.max_input_price, price.input), (f.max_output_price, price.output)))


def _privacy(f: Filter, o: Offering, p: Provider) -> bool:
    return ((not f.no_training or p.privacy.trains_on_user_data is False)
            and (not f.no_retention or p.privacy.retains_user_data is False))


_TESTS = (_identity, _text, _capabilities, _limits, _prices, _privacy)


def select(catalog: Catalog, condition: Filter | None = None, **conditions) -> list[Offering]:
    """Offerings that match *condition* (or a Filter built from keyword *conditions*), in catalog order."""
    condition = condition or Filter(**conditions)
    if condition.provider is not None:
        lookup.require_provider(catalog, condition.provider)  # raises UnknownName with suggestions
    if condition.model is not None:
        lookup.require_model(catalog, condition.model)
    return [o for p in catalog.providers.values() for o in p.offerings if condition.matches(o, p)]


def providers_matching(catalog: Catalog, condition: Filter) -> list[tuple[Provider, int]]:
    """Providers with at least one matching offering, and how many match.

    When only provider-level conditions are given (provider, privacy), a
    provider that meets them is listed even with no offerings (count 0).
    """
    counts = {p.id: 0 for p in catalog.providers.values()}
    for offering in select(catalog, condition):
        counts[offering.provider_id] += 1
    only_provider_level = not _offering_conditions(condition)
    return [(catalog.providers[pid], n) for pid, n in counts.items()
            if n or (only_provider_level and _provider_ok(condition, catalog.providers[pid]))]


PROVIDER_LEVEL = {"provider", "no_training", "no_retention", "currency"}


def _offering_conditions(condition: Filter) -> list[str]:
    """Names of the conditions set on offerings (not on providers)."""
    default = Filter()
    return [f.name for f in fields(Filter)
            if f.name not in PROVIDER_LEVEL and getattr(condition, f.name) != getattr(default, f.name)]


def _provider_ok(condition: Filter, provider: Provider) -> bool:
    return (condition.provider in (None, provider.id)) and _privacy(condition, None, provider)


def priced(catalog: Catalog, model_id: str, input_tokens: int = MILLION, output_tokens: int = MILLION,
           currency: str = "USD", at: date | None = None) -> list[Cost]:
    """Costs of one request at every offering of a canonical model, cheapest first.

    Offerings whose price for the request is unknown, or not in *currency*, are left out.
    """
    catalog.model(model_id)  # raises UnknownReference with suggestions
    costs = []
    for offering in catalog.offerings_of(model_id):
        try:
            result = cost(offering, input_tokens=input_tokens, output_tokens=output_tokens, at=at)
        except UnknownPrice:
            continue
        if result.currency == currency:
            costs.append(result)
    return sorted(costs, key=lambda c: (c.amount, c.ref))


def cheapest(catalog: Catalog, model_id: str, input_tokens: int = MILLION, output_tokens: int = MILLION,
             currency: str = "USD", at: date | None = None) -> Cost | None:
    """The cheapest known offering of *model_id* for a request of this size; None when none is priced."""
    costs = priced(catalog, model_id, input_tokens, output_tokens, currency, at)
    return costs[0] if costs else None


@dataclass(frozen=True)
class Quote:
    """What one offering of a model charges for a request: its cost, or why it cannot say."""

    offering: Offering
    cost: Cost | None  # None when a rate the request needs is unknown
    unknown: str | None = None  # the UnknownPrice message, when cost is None
    unknown_component: str | None = None  # the unknown rate (input, output ...); None: the whole price

    def sort_key(self, currency: str) -> tuple:
        """Priced in *currency* first, then other currencies (not comparable), then unknowns."""
        if self.cost is None:
            return (2, "", Decimal(0), self.offering.ref)
        other = self.cost.currency != currency
        return (int(other), self.cost.currency if other else "", self.cost.amount, self.offering.ref)


def quotes(catalog: Catalog, model_id: str, currency: str = "USD", **request) -> list[Quote]:
    """The cost of one request (keywords of :func:`~generator.catalog.pricing.cost`) at every
    offering of the canonical model *model_id*, cheapest first by the exact Decimal amount.

    Offerings priced in another currency follow (amounts in different currencies are not
    compared); offerings whose price for the request is unknown come last, never as free.
    """
    lookup.require_model(catalog, model_id)
    found = [_quote(offering, request) for offering in catalog.offerings_of(model_id)]
    return sorted(found, key=lambda q: q.sort_key(currency))


def _quote(offering: Offering, request: dict) -> Quote:
    try:
        return Quote(offering, cost(offering, **request))
    except UnknownPrice as exc:
        return Quote(offering, None, str(exc), exc.component)
