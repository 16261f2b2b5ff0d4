"""Every fact about an offering as labelled text, unknowns marked: ``provcat show``.

Values read as on the offering's docs page (:mod:`.format`: ``$0.25/1M``, ``131,072``,
``N/A``, ``Unknown``) and fields are named as there (:mod:`.labels`), so ``show`` and the
page never disagree about one fact.
"""

from __future__ import annotations

from generator.catalog.catalog import Catalog
from generator.model.records import FEATURES, MODALITIES, PRICE_FIELDS, CanonicalModel, Offering, Price, Provider
from generator.present import conditional
from generator.present import format as fmt
from generator.present import labels, urls

NONE_LISTED = "none listed"
Section = tuple[str, list[tuple[str, str]]]


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
        ("Canonical Model", fmt.na(o.model_id)), ("Authors", ", ".join(authors) or fmt.NA),
        ("Aliases", ", ".join(o.aliases) or NONE_LISTED), ("Description", fmt.na(o.description)),
        ("Kind", fmt.na(o.kind)), ("Status", fmt.na(o.status)), ("Release Date", fmt.day(o.release_date)),
        ("Deprecation Date", fmt.day(o.deprecation_date)), ("Retirement Date", fmt.day(o.retirement_date)),
        ("Knowledge Cutoff", fmt.day(o.knowledge_cutoff)), ("Open Weights", fmt.yes_no(o.open_weights)),
        ("Page", urls.offering_page(o)),
    ])


def _canonical(model: CanonicalModel) -> Section:
    """The canonical model's facts; its links as ``url (label)``: a label is free text (it may
    hold a colon) and must not become a field name."""
    return (f"Canonical Model ({model.id})", [
        ("Name", model.name), ("Family", fmt.na(model.family)), ("Description", fmt.na(model.description)),
        ("Parameters", fmt.number(model.parameters_total)), ("Active Parameters", fmt.number(model.parameters_active)),
        ("License", fmt.na(model.license)), *(("Link", f"{link.url} ({link.label})") for link in model.links),
    ])


def _limits(o: Offering) -> Section:
    return ("Limits", [("Context Window", fmt.number(o.context_window)),
                       ("Max Input Tokens", fmt.number(o.max_input_tokens)),
                       ("Max Output Tokens", fmt.number(o.max_output_tokens))])


def _pricing(o: Offering) -> list[Section]:
    if o.pricing is None:
        return [("Pricing", [("Price", fmt.NA)])]
    sections = [("Pricing", _price_lines(o.pricing.current))]
    for entry in reversed(o.pricing.history):
        sections.append((f"Earlier Price from {fmt.day(entry.effective_from)}", _price_lines(entry)))
    return sections


def _price_lines(price: Price) -> list[tuple[str, str]]:
    since = fmt.day(price.effective_from) if price.effective_from else f"{fmt.NA} (always applied)"
    lines = [("Effective From", since)]
    lines += [(labels.price_component(name), fmt.money(getattr(price, name), price.currency)) for name in PRICE_FIELDS]
    for tier in price.tiers:
        rates = ", ".join(f"{labels.price_component(n)} {fmt.money(getattr(tier, n), price.currency)}"
                          for n in PRICE_FIELDS if getattr(tier, n) is not None)
        lines.append((f"Above {fmt.number(tier.above_tokens)} input tokens",
                      f"{rates or 'base rates'} (other rates as base)"))
    for item in price.conditional:
        stated = conditional.stated(item)  # in the value: a field name holds no free text (a time has colons)
        lines.append((conditional.unit_label(item.unit),
                      conditional.rate_text(item.rate, item.unit, price.currency) + (f" ({stated})" if stated else "")))
    return lines


def _rate_limits(o: Offering) -> Section:
    if not o.rate_limits:
        return ("Rate Limits", [("Rate Limits", NONE_LISTED)])
    lines = []
    for limit in o.rate_limits:
        values = ", ".join(f"{label} {fmt.number(getattr(limit, field))}"
                           for field, label in labels.RATE_LIMIT_LABELS.items())
        lines.append((f"Tier {limit.tier or fmt.NA}", values))
    return ("Rate Limits", lines)


def _modalities(o: Offering) -> Section:
    return ("Modalities", [
        (labels.DIRECTIONS[direction], ", ".join(
            f"{labels.modality(m)} {fmt.yes_no(getattr(o.modalities, direction).get(m))}" for m in MODALITIES))
        for direction in ("input", "output")
    ])


def _features(o: Offering) -> Section:
    return ("Features", [(labels.feature(name), fmt.yes_no(getattr(o.features, name))) for name in FEATURES])


def _policies(p: Provider) -> Section:
    retention = fmt.na(labels.retention_type(p.retention.type))
    if p.retention.duration_days is not None:
        retention += f", {fmt.retention_duration(p.retention.duration_days)}"
    return (f"Provider Policies ({p.name})", [
        ("Retains User Data", fmt.yes_no(p.privacy.retains_user_data)),
        ("Trains on User Data", fmt.yes_no(p.privacy.trains_on_user_data)),
        ("Data Retention", retention), ("Content Moderated", fmt.yes_no(p.moderation.content_moderated)),
        ("Privacy Policy", fmt.na(p.privacy.privacy_policy)),
    ])


def _sources(o: Offering) -> Section:
    lines = [("Source", s.url or s.title or fmt.NA) for s in o.sources] or [("Sources", NONE_LISTED)]
    return ("Sources", lines + [("Last Verified", fmt.day(o.last_verified))])
