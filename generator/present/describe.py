"""Every fact about an offering as labelled text, unknowns marked: ``provcat show``."""

from __future__ import annotations

from decimal import Decimal

from generator.catalog.catalog import Catalog
from generator.model.records import FEATURES, MODALITIES, PRICE_FIELDS, CanonicalModel, Offering, Price, Provider
from generator.catalog.pricing import plain

UNKNOWN = "unknown"
Section = tuple[str, list[tuple[str, str]]]


def text(value) -> str:
    """One fact as text: ``unknown`` for None, yes/no for booleans."""
    if value is None:
        return UNKNOWN
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def money(value: Decimal | None, currency: str) -> str:
    if value is None:
        return UNKNOWN
    return f"{plain(value)} {currency} per 1M tokens" + (" (free)" if value == 0 else "")


def facts(catalog: Catalog, offering: Offering) -> list[Section]:
    """Sections of (label, value) pairs covering every field of the offering and its provider's policies."""
    provider = catalog.providers[offering.provider_id]
    canonical = [_canonical(catalog.models[offering.model_id])] if offering.model_id in catalog.models else []
    return [_overview(catalog, offering, provider), *canonical, _limits(offering), *_pricing(offering),
            _rate_limits(offering), _modalities(offering), _features(offering), _policies(provider), _sources(offering)]


def _overview(catalog: Catalog, o: Offering, provider: Provider) -> Section:
    authors = [catalog.authors[a].name if a in catalog.authors else a for a in o.authors]
    return ("Offering", [
        ("Reference", o.ref), ("Name", o.name), ("Provider", f"{provider.name} ({provider.id})"),
        ("Canonical model", text(o.model_id)), ("Authors", ", ".join(authors) or UNKNOWN),
        ("Aliases", ", ".join(o.aliases) or "none listed"), ("Description", text(o.description)),
        ("Kind", text(o.kind)), ("Status", text(o.status)), ("Release date", text(o.release_date)),
        ("Deprecation date", text(o.deprecation_date)), ("Retirement date", text(o.retirement_date)),
        ("Knowledge cutoff", text(o.knowledge_cutoff)), ("Open weights", text(o.open_weights)),
        ("Page", f"providers/{provider.id}/models/{o.file_stem}.md"),
    ])


def _canonical(model: CanonicalModel) -> Section:
    return (f"Canonical model ({model.id})", [
        ("Name", model.name), ("Family", text(model.family)), ("Description", text(model.description)),
        ("Parameters", text(model.parameters_total)), ("Active parameters", text(model.parameters_active)),
        ("License", text(model.license)), *((link.label, link.url) for link in model.links),
    ])


def _limits(o: Offering) -> Section:
    return ("Limits", [("Context window", text(o.context_window)), ("Max input tokens", text(o.max_input_tokens)),
                       ("Max output tokens", text(o.max_output_tokens))])


def _pricing(o: Offering) -> list[Section]:
    if o.pricing is None:
        return [("Pricing", [("Price", UNKNOWN)])]
    sections = [("Pricing", _price_lines(o.pricing.current))]
    for entry in reversed(o.pricing.history):
        sections.append((f"Earlier price from {text(entry.effective_from)}", _price_lines(entry)))
    return sections


def _price_lines(price: Price) -> list[tuple[str, str]]:
    lines = [("Effective from", text(price.effective_from) if price.effective_from else "unknown (always applied)")]
    lines += [(name.replace("_", " ").capitalize(), money(getattr(price, name), price.currency)) for name in PRICE_FIELDS]
    for tier in price.tiers:
        rates = ", ".join(f"{n.replace('_', ' ')} {plain(getattr(tier, n))}" for n in PRICE_FIELDS
                          if getattr(tier, n) is not None)
        lines.append((f"Above {tier.above_tokens:,} input tokens", f"{rates or 'base rates'} ({price.currency}; other rates as base)"))
    return lines


def _rate_limits(o: Offering) -> Section:
    if not o.rate_limits:
        return ("Rate limits", [("Rate limits", "none listed")])
    lines = []
    for limit in o.rate_limits:
        values = [(label, getattr(limit, field)) for label, field in (
            ("requests/min", "requests_per_minute"), ("requests/day", "requests_per_day"),
            ("tokens/min", "tokens_per_minute"), ("tokens/day", "tokens_per_day"))]
        lines.append((f"Tier {limit.tier or UNKNOWN}", ", ".join(f"{label} {text(v)}" for label, v in values)))
    return ("Rate limits", lines)


def _modalities(o: Offering) -> Section:
    return ("Modalities", [
        (direction.capitalize(), ", ".join(f"{m} {text(getattr(o.modalities, direction).get(m))}" for m in MODALITIES))
        for direction in ("input", "output")
    ])


def _features(o: Offering) -> Section:
    return ("Features", [(name.replace("_", " ").capitalize(), text(getattr(o.features, name))) for name in FEATURES])


def _policies(p: Provider) -> Section:
    retention = text(p.retention.type)
    if p.retention.duration_days is not None:
        retention += f", {p.retention.duration_days} day(s)"
    return (f"Provider policies ({p.name})", [
        ("Retains user data", text(p.privacy.retains_user_data)),
        ("Trains on user data", text(p.privacy.trains_on_user_data)),
        ("Retention", retention), ("Content moderated", text(p.moderation.content_moderated)),
        ("Privacy policy", text(p.privacy.privacy_policy)),
    ])


def _sources(o: Offering) -> Section:
    lines = [("Source", s.url or s.title or UNKNOWN) for s in o.sources] or [("Sources", "none listed")]
    return ("Sources", lines + [("Last verified", text(o.last_verified))])
