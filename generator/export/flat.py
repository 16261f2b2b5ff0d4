"""``models.json``: one flat row per offering, for jq, pandas and spreadsheets.

Same conventions as ``catalog.json``: unknown facts are absent keys, money is an
exact decimal string.  Prices are the current ones in ``currency``; tiers and
history are only in ``catalog.json``.
"""

from __future__ import annotations

from ..catalog import Catalog
from ..model import FEATURES, MODALITIES, PRICE_FIELDS, Offering, Provider
from .encode import money

COLUMNS = (
    ("provider", "offering", "ref", "name", "model", "authors", "kind", "status", "context_window",
     "max_input_tokens", "max_output_tokens", "currency")
    + tuple(f"price_{k}" for k in PRICE_FIELDS)
    + ("price_tiers",)
    + FEATURES
    + tuple(f"input_{m}" for m in MODALITIES) + tuple(f"output_{m}" for m in MODALITIES)
    + ("open_weights", "release_date", "knowledge_cutoff", "deprecation_date", "retirement_date",
       "last_verified", "provider_retains_user_data", "provider_trains_on_user_data", "page")
)


def row(offering: Offering, provider: Provider) -> dict:
    """The flat row of one offering; unknown facts are left out."""
    values = {
        "provider": provider.id, "offering": offering.id, "ref": offering.ref, "name": offering.name,
        "model": offering.model_id, "authors": list(offering.authors) or None, "kind": offering.kind,
        "status": offering.status, "context_window": offering.context_window,
        "max_input_tokens": offering.max_input_tokens, "max_output_tokens": offering.max_output_tokens,
        **_prices(offering), **{k: getattr(offering.features, k) for k in FEATURES},
        **{f"{d}_{m}": getattr(offering.modalities, d).get(m) for d in ("input", "output") for m in MODALITIES},
        "open_weights": offering.open_weights, "knowledge_cutoff": offering.knowledge_cutoff,
        **{k: _day(getattr(offering, k)) for k in ("release_date", "deprecation_date", "retirement_date", "last_verified")},
        "provider_retains_user_data": provider.privacy.retains_user_data,
        "provider_trains_on_user_data": provider.privacy.trains_on_user_data,
        "page": f"providers/{provider.id}/models/{offering.file_stem}.md",
    }
    return {k: values[k] for k in COLUMNS if values.get(k) is not None}


def _prices(offering: Offering) -> dict:
    price = offering.price
    if price is None:
        return {}
    out = {"currency": price.currency, "price_tiers": len(price.tiers)}
    for name in PRICE_FIELDS:
        value = getattr(price, name)
        out[f"price_{name}"] = None if value is None else money(value)
    return out


def _day(value):
    return value.isoformat() if value else None


def rows(catalog: Catalog, offerings: list[Offering] | None = None) -> list[dict]:
    """Flat rows of *offerings* (default: every offering), in catalog order."""
    chosen = catalog.offerings if offerings is None else offerings
    return [row(o, catalog.providers[o.provider_id]) for o in chosen]
