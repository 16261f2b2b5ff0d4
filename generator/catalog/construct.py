"""Turn validated documents into typed catalog objects (:mod:`.model`).

Runs only on a catalog without errors, so it trusts the schema: required
fields exist and types are right.  Offerings inherit their canonical model's
facts here, their own fields winning.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.model import records as m
from generator.model.layout import offering_filename

ENDPOINT_LABELS = {
    "documentation": "Documentation",
    "base_url": "Base URL",
    "models": "Models API",
    "chat_completions": "Chat Completions",
    "completions": "Completions",
    "responses": "Responses API",
    "messages": "Messages API",
    "embeddings": "Embeddings",
    "images": "Image Generation",
    "speech": "Speech",
    "transcriptions": "Transcriptions",
    "health": "Health API",
}


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def money(value) -> Decimal | None:
    """A price as an exact Decimal: YAML's 0.25 becomes Decimal('0.25')."""
    if value is None:
        return None
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def sources(items) -> tuple[m.Source, ...]:
    return tuple(
        m.Source(s.get("url"), s.get("title"), day(s.get("accessed")), s.get("importer"), tuple(s.get("fields", ())))
        for s in items or ()
    )


def links(items) -> tuple[m.Link, ...]:
    return tuple(m.Link(i["label"], i["url"]) for i in items or ())


def modalities(data) -> m.Modalities:
    data = data or {}
    return m.Modalities(dict(data.get("input", {})), dict(data.get("output", {})))


def author(data: dict) -> m.Author:
    return m.Author(
        data["id"], data["name"], data.get("description"), data.get("website"), links(data.get("links")),
        sources(data.get("sources")), day(data.get("last_verified")),
    )


def provider(data: dict, logo: str | None) -> m.Provider:
    return m.Provider(
        id=data["id"], name=data["name"], description=data.get("description"),
        headquarters=data.get("headquarters"), website=data.get("website"), status_page=data.get("status_page"),
        authentication=_authentication(data.get("authentication", {})), endpoints=_endpoints(data.get("endpoints", {})),
        privacy=m.Privacy(**data.get("privacy", {})), retention=m.Retention(**data.get("retention", {})),
        moderation=m.Moderation(**data.get("moderation", {})), sources=sources(data.get("sources")),
        last_verified=day(data.get("last_verified")), logo=logo,
    )


def _authentication(data: dict) -> m.Authentication:
    return m.Authentication(data.get("api_key_required"), tuple(data.get("env", ())), data.get("header"), data.get("scheme"))


def _endpoints(data: dict) -> tuple[m.Endpoint, ...]:
    known = [m.Endpoint(key, label, data[key]) for key, label in ENDPOINT_LABELS.items() if key in data]
    other = [m.Endpoint("other", e["label"], e["url"]) for e in data.get("other", ())]
    return tuple(known + other)


def canonical_model(data: dict) -> m.CanonicalModel:
    parameters = data.get("parameters", {})
    return m.CanonicalModel(
        id=data["id"], name=data["name"], authors=tuple(data["authors"]), description=data.get("description"),
        family=data.get("family"), release_date=day(data.get("release_date")),
        knowledge_cutoff=data.get("knowledge_cutoff"), open_weights=data.get("open_weights"),
        parameters_total=parameters.get("total"), parameters_active=parameters.get("active"),
        modalities=modalities(data.get("modalities")), license=data.get("license"), links=links(data.get("links")),
        sources=sources(data.get("sources")), last_verified=day(data.get("last_verified")),
    )


def price(data: dict) -> m.Price:
    return m.Price(
        currency=data.get("currency", "USD"), effective_from=day(data.get("effective_from")),
        **{k: money(data.get(k)) for k in m.PRICE_FIELDS},
        tiers=tuple(
            m.PriceTier(t["above_tokens"], **{k: money(t.get(k)) for k in m.PRICE_FIELDS}) for t in data.get("tiers", ())
        ),
    )


def pricing(data: dict | None) -> m.Pricing | None:
    if not data:
        return None
    return m.Pricing(price(data), tuple(price(entry) for entry in data.get("history", ())))


def offering(provider_id: str, data: dict, canonical: m.CanonicalModel | None) -> m.Offering:
    base = canonical or m.CanonicalModel("", "", ())
    return m.Offering(
        provider_id=provider_id, id=data["id"], name=data.get("name", data["id"]), file_stem=offering_filename(data["id"]),
        model_id=data.get("model"), authors=tuple(data.get("authors", base.authors)), aliases=tuple(data.get("aliases", ())),
        description=data.get("description"), kind=data.get("kind"), context_window=data.get("context_window"),
        max_input_tokens=data.get("max_input_tokens"), max_output_tokens=data.get("max_output_tokens"),
        pricing=pricing(data.get("pricing")), rate_limits=tuple(m.RateLimit(**r) for r in data.get("rate_limits", ())),
        modalities=modalities(data.get("modalities")).merged_over(base.modalities),
        features=m.Features(**data.get("features", {})), status=data.get("status"),
        deprecation_date=day(data.get("deprecation_date")), retirement_date=day(data.get("retirement_date")),
        release_date=day(data.get("release_date")) or base.release_date,
        knowledge_cutoff=data.get("knowledge_cutoff", base.knowledge_cutoff),
        open_weights=data.get("open_weights", base.open_weights),
        sources=sources(data.get("sources")), last_verified=day(data.get("last_verified")),
    )
