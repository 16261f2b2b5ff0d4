"""``api.json`` in the shape of models.dev's api.json, for tools that read it.

Root: provider id -> ``{id, name, env, api, doc, models}``; each model keyed by
the offering id.  What maps, and what cannot (see the guide's JSON and Python API page):

* costs are USD per million tokens as JSON numbers; an offering priced in
  another currency gets no ``cost`` (models.dev has no currency field);
* models.dev's ``status`` knows alpha/beta/deprecated: ``preview`` becomes
  ``beta``, ``deprecated`` and ``retired`` become ``deprecated``, ``active``
  is left out as models.dev does for generally available models;
* modality lists can only say what is supported: they are given when at least
  one modality of each direction is known, and list the supported ones in the
  order of the data file;
* ``limit.context`` and ``limit.output`` are always given, 0 when unknown: that is
  models.dev's own convention (its schema requires both);
* ``cost.context_over_200k`` is derived as models.dev's build derives it: the
  rates of the only tier, when there is one tier and its threshold is at least
  200,000 tokens;
* other unknown facts are left out, as everywhere in our exports.

Models are made from the offerings' encoded ``catalog.json`` objects.
"""

from __future__ import annotations

from generator.catalog.catalog import Catalog
from generator.model.records import Provider
from generator.outputs.exports import encode

FEATURE_KEYS = (
    ("attachment", "file_attachments"), ("reasoning", "reasoning"), ("tool_call", "tool_calling"),
    ("structured_output", "structured_outputs"), ("temperature", "temperature"),
)
STATUS = {"alpha": "alpha", "preview": "beta", "deprecated": "deprecated", "retired": "deprecated"}
COST_KEYS = (("input", "input"), ("output", "output"), ("reasoning", "reasoning"),
             ("cache_read", "cached_input"), ("cache_write", "cache_write"),
             ("input_audio", "input_audio"), ("output_audio", "output_audio"))
LIMIT_KEYS = (("context", "context_window"), ("input", "max_input_tokens"), ("output", "max_output_tokens"))
ALWAYS_LIMITS = ("context", "output")  # required by models.dev's schema: 0 says unknown there
CLIENT_KEYS = (("npm", "sdk_package"), ("api", "base_url"), ("shape", "api_shape"), ("body", "body"),
               ("headers", "headers"))
LEGACY_TIER = 200_000  # models.dev's context_over_200k: the one tier, when its threshold is at least this


def number(money: str) -> int | float:
    """An exact decimal string as a JSON number: an int when whole, else the nearest float."""
    return float(money) if "." in money else int(money)


def api_document(catalog: Catalog, providers: list[dict] | None = None) -> dict:
    """The api.json document; *providers* are the encoded providers of catalog.json, when at hand."""
    providers = providers if providers is not None else [encode.provider(p) for p in catalog.providers.values()]
    return {p["id"]: provider(catalog.providers[p["id"]], p.get("offerings", ())) for p in providers}


def provider(value: Provider, offerings) -> dict:
    out = {"id": value.id, "name": value.name}
    if value.authentication.env:
        out["env"] = list(value.authentication.env)
    _put(out, "npm", value.sdk_package)
    _put(out, "api", value.endpoint("base_url"))
    _put(out, "doc", value.endpoint("documentation") or value.website)
    out["models"] = {o["id"]: model(o) for o in offerings}
    return out


def model(offering: dict) -> dict:
    """One models.dev model from an encoded offering."""
    get = offering.get
    features = get("features", {})
    out = {"id": offering["id"], "name": offering["name"]}
    facts = (
        ("family", get("family")), *((key, features.get(name)) for key, name in FEATURE_KEYS),
        ("reasoning_options", reasoning_options(get("reasoning_options"))),
        ("interleaved", interleaved(offering)),
        ("knowledge", get("knowledge_cutoff")), ("release_date", get("release_date")),
        ("last_updated", get("last_updated")),
        ("open_weights", get("open_weights")), ("status", STATUS.get(get("status"))),
        ("modalities", modalities(get("modalities"))), ("limit", limit(offering)),
        ("cost", cost(get("pricing"))), ("provider", client(get("client"))),
        ("experimental", experimental(get("experimental_modes"))),
    )
    out.update((key, value) for key, value in facts if value is not None)
    return out


def limit(offering: dict) -> dict:
    out = {key: offering[field] for key, field in LIMIT_KEYS if field in offering}
    return {**{key: 0 for key in ALWAYS_LIMITS}, **out}


def reasoning_options(options: list | None) -> list | None:
    if options is None:
        return None
    return [{**o, "values": [None if v == "json_null" else v for v in o["values"]]} if "values" in o else o
            for o in options]


def interleaved(offering: dict):
    if not offering.get("interleaved_reasoning"):
        return None
    field = offering.get("reasoning_field")
    return {"field": field} if field else True


def client(value: dict | None) -> dict | None:
    out = {key: value[field] for key, field in CLIENT_KEYS if field in value} if value else {}
    return out or None


def experimental(modes: list | None) -> dict | None:
    if not modes:
        return None
    out = {}
    for mode in modes:
        entry = {"cost": _rates(mode["price"])} if "price" in mode else {}
        if request := {k: mode[k] for k in ("body", "headers") if k in mode}:
            entry["provider"] = request
        out[mode["name"]] = entry
    return {"modes": out}


def modalities(value: dict | None) -> dict | None:
    if not value or "input" not in value or "output" not in value:
        return None
    return {d: list(value[d].get("supported", ())) for d in ("input", "output")}


def cost(pricing: dict | None) -> dict | None:
    if pricing is None or pricing["current"]["currency"] != "USD":
        return None
    current = pricing["current"]
    out = _rates(current)
    tiers = [{"tier": {"type": "context", "size": t["above_tokens"]}, **_rates(t)} for t in current.get("tiers", ())]
    if tiers:
        out["tiers"] = tiers
        if len(tiers) == 1 and tiers[0]["tier"]["size"] >= LEGACY_TIER:
            out["context_over_200k"] = {k: v for k, v in tiers[0].items() if k != "tier"}
    return out or None


def _rates(price: dict) -> dict:
    return {key: number(price[field]) for key, field in COST_KEYS if field in price}


def _put(out: dict, key: str, value) -> None:
    if value is not None:
        out[key] = value
