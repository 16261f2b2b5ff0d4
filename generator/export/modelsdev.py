"""``api.json`` in the shape of models.dev's api.json, for tools that read it.

Root: provider id -> ``{id, name, env, api, doc, models}``; each model keyed by
the offering id.  What maps, and what cannot (see README):

* costs are USD per million tokens as JSON numbers; an offering priced in
  another currency gets no ``cost`` (models.dev has no currency field);
* models.dev's ``status`` knows alpha/beta/deprecated: ``preview`` becomes
  ``beta``, ``deprecated`` and ``retired`` become ``deprecated``, ``active``
  is left out as models.dev does for generally available models;
* modality lists can only say what is supported: they are given when at least
  one modality of each direction is known, and list the supported ones;
* ``last_updated`` and ``npm`` have no counterpart here and are never given;
* unknown facts are left out, as everywhere in our exports.
"""

from __future__ import annotations

from decimal import Decimal

from ..catalog import Catalog
from ..model import MODALITIES, Modalities, Offering, Price, PriceTier, Provider

FEATURE_KEYS = (
    ("attachment", "file_attachments"), ("reasoning", "reasoning"), ("tool_call", "tool_calling"),
    ("structured_output", "structured_outputs"), ("temperature", "temperature"),
)
STATUS = {"preview": "beta", "deprecated": "deprecated", "retired": "deprecated"}
COST_KEYS = (("input", "input"), ("output", "output"), ("reasoning", "reasoning"),
             ("cache_read", "cached_input"), ("cache_write", "cache_write"))


def number(value: Decimal) -> int | float:
    """A price as a JSON number: an int when whole, else the nearest float."""
    return int(value) if value == value.to_integral_value() else float(value)


def api_document(catalog: Catalog) -> dict:
    return {p.id: provider(p, catalog) for p in catalog.providers.values()}


def provider(value: Provider, catalog: Catalog) -> dict:
    out = {"id": value.id, "name": value.name}
    if value.authentication.env:
        out["env"] = list(value.authentication.env)
    _put(out, "api", value.endpoint("base_url"))
    _put(out, "doc", value.endpoint("documentation") or value.website)
    out["models"] = {o.id: model(o, catalog) for o in value.offerings}
    return out


def model(offering: Offering, catalog: Catalog) -> dict:
    canonical = catalog.models.get(offering.model_id) if offering.model_id else None
    out = {"id": offering.id, "name": offering.name}
    _put(out, "family", canonical.family if canonical else None)
    for key, feature in FEATURE_KEYS:
        _put(out, key, getattr(offering.features, feature))
    _put(out, "knowledge", offering.knowledge_cutoff)
    _put(out, "release_date", offering.release_date.isoformat() if offering.release_date else None)
    _put(out, "open_weights", offering.open_weights)
    _put(out, "status", STATUS.get(offering.status))
    _put(out, "modalities", modalities(offering.modalities))
    _put(out, "limit", _known({"context": offering.context_window, "input": offering.max_input_tokens,
                               "output": offering.max_output_tokens}))
    _put(out, "cost", cost(offering.price))
    return out


def modalities(value: Modalities) -> dict | None:
    if not value.input or not value.output:
        return None
    return {d: [m for m in MODALITIES if getattr(value, d).get(m)] for d in ("input", "output")}


def cost(price: Price | None) -> dict | None:
    if price is None or price.currency != "USD":
        return None
    out = _rates(price)
    tiers = [{"tier": {"type": "context", "size": t.above_tokens}, **_rates(t)} for t in price.tiers]
    if tiers:
        out["tiers"] = tiers
    return out or None


def _rates(price: Price | PriceTier) -> dict:
    values = {key: getattr(price, field) for key, field in COST_KEYS}
    return {key: number(v) for key, v in values.items() if v is not None}


def _known(values: dict) -> dict | None:
    return {k: v for k, v in values.items() if v is not None} or None


def _put(out: dict, key: str, value) -> None:
    if value is not None:
        out[key] = value
