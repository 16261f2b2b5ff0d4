"""What the site pages show, computed from the catalog before templating.

Templates only lay out these rows; every decision about wording, ordering and
unknown values is made here, where it can be tested without rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.catalog.catalog import Catalog
from generator.model.records import CanonicalModel, Offering, Provider
from generator.outputs.site import facts
from generator.present import format as fmt
from generator.present import labels, urls


@dataclass(frozen=True)
class OfferingRow:
    """One row of the All-models table, with raw values for sorting and filtering."""

    offering: Offering
    provider_name: str
    features: list[str]
    modalities: list[str]
    input_price: Decimal | None
    output_price: Decimal | None
    currency: str

    @property
    def page(self) -> str:
        return urls.html(urls.offering_page(self.offering))

    @property
    def provider_page(self) -> str:
        return urls.html(urls.provider_page(self.offering.provider_id))


def offering_row(offering: Offering, provider: Provider) -> OfferingRow:
    modalities = [f"in:{m}" for m in facts.modalities_of(offering, "input")]
    modalities += [f"out:{m}" for m in facts.modalities_of(offering, "output")]
    return OfferingRow(
        offering=offering, provider_name=provider.name, features=facts.features_of(offering),
        modalities=modalities, input_price=facts.price_of(offering, "input"),
        output_price=facts.price_of(offering, "output"), currency=facts.currency_of(offering),
    )


def all_rows(catalog: Catalog) -> list[OfferingRow]:
    """Every offering, by provider id then offering id (the catalog's order)."""
    return [offering_row(o, p) for p in catalog.providers.values() for o in p.offerings]


def _cheapest_first(offering: Offering) -> tuple:
    price = facts.price_of(offering, "input")
    return (price is None, price or 0, offering.provider_id, offering.id)


@dataclass(frozen=True)
class Comparison:
    model: CanonicalModel
    offerings: list[Offering]

    @property
    def page(self) -> str:
        return urls.canonical_page(self.model)


def comparisons(catalog: Catalog) -> list[Comparison]:
    """Canonical models served by two or more providers, each offering cheapest first."""
    by_model: dict[str, list[Offering]] = {}
    for offering in catalog.offerings:
        if offering.model_id in catalog.models:
            by_model.setdefault(offering.model_id, []).append(offering)
    return [
        Comparison(catalog.models[model_id], sorted(offerings, key=_cheapest_first))
        for model_id, offerings in sorted(by_model.items())
        if len({o.provider_id for o in offerings}) > 1
    ]


# The columns of one row of the site data, in order (see assets/tables.js).
ROW_FIELDS = ("provider", "provider_name", "provider_page", "page", "name", "id", "kind", "context",
              "max_output", "input", "input_label", "output", "output_label", "cached_label",
              "features", "modalities", "status")


def data_row(row: OfferingRow) -> list:
    """One offering as the flat list the browser builds the tables from."""
    o = row.offering
    cached = facts.price_of(o, "cached_input")
    return [
        o.provider_id, row.provider_name, row.provider_page, row.page, o.name, o.id, fmt.na(o.kind),
        o.context_window, o.max_output_tokens, _number(row.input_price), fmt.money(row.input_price, row.currency),
        _number(row.output_price), fmt.money(row.output_price, row.currency), fmt.money(cached, row.currency),
        " ".join(row.features), " ".join(row.modalities), fmt.na(o.status),
    ]


def site_data(catalog: Catalog, rows: list[OfferingRow] | None = None) -> dict:
    """What the All-models and Compare pages show, as plain JSON-ready data.

    ``rows`` holds every offering (catalog order); each comparison names a
    canonical model and the indexes of its rows, cheapest first.
    """
    rows = all_rows(catalog) if rows is None else rows
    return assembled(catalog, [data_row(r) for r in rows])


def assembled(catalog: Catalog, data_rows: list[list]) -> dict:
    """The site data around its rows (:func:`data_row` of every offering, catalog order)."""
    index = {(r[0], r[5]): n for n, r in enumerate(data_rows)}  # provider, id
    return {
        "fields": list(ROW_FIELDS),
        "features": dict(labels.FEATURE_LABELS),
        "unknown": fmt.NA,
        "rows": data_rows,
        "comparisons": [
            {"id": c.model.id, "name": c.model.name, "page": urls.html(urls.canonical_page(c.model)),
             "authors": [catalog.authors[a].name if a in catalog.authors else a for a in c.model.authors],
             "rows": [index[(o.provider_id, o.id)] for o in c.offerings]}
            for c in comparisons(catalog)
        ],
    }


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def private_providers(catalog: Catalog) -> list[Provider]:
    """Providers known to neither retain nor train on user data."""
    return [p for p in catalog.providers.values()
            if p.privacy.retains_user_data is False and p.privacy.trains_on_user_data is False]
