"""``api.json`` in the shape of models.dev's api.json, for tools that read it.

Root: provider id -> ``{id, name, env, api, doc, models}``; each model keyed by
the offering id.  What maps, and what cannot (see the guide's JSON and Python API page):

* costs are USD per million tokens as JSON numbers; an offering priced in
  another currency gets no ``cost`` (models.dev has no currency field);
* models.dev's ``status`` knows alpha/beta/deprecated: ``preview`` becomes
  ``beta``, ``deprecated`` and ``retired`` become ``deprecated``, ``active``
  is left out as models.dev does for generally available models;
* modality lists can only say what is supported: they are given when at least
  one modality of each direction is known, and list the supported ones;
* ``last_updated`` and ``npm`` have no counterpart here and are never given;
* unknown facts are left out, as everywhere in our exports.

Models are made from the offerings' encoded ``catalog.json`` objects.
"""

from __future__ import annotations

from generator.catalog.catalog import Catalog
from generator.model.records import MODALITIES, Provider
from generator.outputs.exports import encode

FEATURE_KEYS = (
    ("attachment", "file_attachments"), ("reasoning", "reasoning"), ("tool_call", "tool_calling"),
    ("structured_output", "structured_outputs"), ("temperature", "temperature"),
)
STATUS = {"preview": "beta", "deprecated": "deprecated", "retired": "deprecated"}
COST_KEYS = (("input", "input"), ("output", "output"), ("reasoning", "reasoning"),
             ("cache_read", "cached_input"), ("cache_write", "cache_write"))
LIMIT_KEYS = (("context", "context_window"), ("input", "max_input_tokens"), ("output", "max_output_tokens"))


def number(money: str) -> int | float:
    """An exact decimal string as a JSON number: an int when whole, else the nearest float."""
    return float(money) if "." in money else int(money)


def api_document(catalog: Catalog, providers: list[dict] | None = None) -> dict:
    """The api.json document; *providers* are the encoded providers of catalog.json, when at hand."""
    providers = providers if providers is not None else [encode.provider(p) for p in catalog.providers.values()]
    families = {x.id: x.family for x in catalog.models.values() if x.family}
    return {p["id"]: provider(catalog.providers[p["id"]], p.get("offerings", ()), families) for p in providers}


def provider(value: Provider, offerings, families: dict) -> dict:
    out = {"id": value.id, "name": value.name}
    if value.authentication.env:
        out["env"] = list(value.authentication.env)
    _put(out, "api", value.endpoint("base_url"))
    _put(out, "doc", value.endpoint("documentation") or value.website)
    out["models"] = {o["id"]: model(o, families) for o in offerings}
    return out


def model(offering: dict, families: dict) -> dict:
    """One models.dev model from an encoded offering."""
    get = offering.get
    features = get("features", {})
    out = {"id": offering["id"], "name": offering["name"]}
    facts = (
        ("family", families.get(get("model_id"))), *((key, features.get(name)) for key, name in FEATURE_KEYS),
        ("knowledge", get("knowledge_cutoff")), ("release_date", get("release_date")),
        ("open_weights", get("open_weights")), ("status", STATUS.get(get("status"))),
        ("modalities", modalities(get("modalities"))),
        ("limit", {key: offering[field] for key, field in LIMIT_KEYS if field in offering} or None),
        ("cost", cost(get("pricing"))),
    )
    out.update((key, value) for key, value in facts if value is not None)
    return out


def modalities(value: dict | None) -> dict | None:
    if not value or "input" not in value or "output" not in value:
        return None
    return {d: [m for m in MODALITIES if value[d].get(m)] for d in ("input", "output")}


def cost(pricing: dict | None) -> dict | None:
    if pricing is None or pricing["current"]["currency"] != "USD":
        return None
    current = pricing["current"]
    out = _rates(current)
    tiers = [{"tier": {"type": "context", "size": t["above_tokens"]}, **_rates(t)} for t in current.get("tiers", ())]
    if tiers:
        out["tiers"] = tiers
    return out or None


def _rates(price: dict) -> dict:
    return {key: number(price[field]) for key, field in COST_KEYS if field in price}


def _put(out: dict, key: str, value) -> None:
    if value is not None:
        out[key] = value
