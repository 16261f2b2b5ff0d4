"""Typed catalog objects shared by renderers, exporters and importers.

``None`` always means *unknown*.  ``False`` and ``0`` are facts.  Money is a
``Decimal`` per million tokens, never a binary float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from generator.model.vocabulary import FEATURES, MODALITIES, PRICE_FIELDS  # noqa: F401  (part of this module's API)


@dataclass(frozen=True, slots=True)
class Source:
    url: str | None = None
    title: str | None = None
    accessed: date | None = None
    importer: str | None = None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Author:
    id: str
    name: str
    description: str | None = None
    website: str | None = None
    links: tuple[Link, ...] = ()
    sources: tuple[Source, ...] = ()
    last_verified: date | None = None


@dataclass(frozen=True, slots=True)
class Modalities:
    """Per-direction support: a modality absent from the mapping is unknown."""

    input: dict[str, bool] = field(default_factory=dict)
    output: dict[str, bool] = field(default_factory=dict)

    def supports(self, direction: str, modality: str) -> bool | None:
        return getattr(self, direction).get(modality)

    def merged_over(self, base: "Modalities") -> "Modalities":
        """These modalities, falling back to *base* per modality."""
        return Modalities({**base.input, **self.input}, {**base.output, **self.output})


@dataclass(frozen=True, slots=True)
class Authentication:
    api_key_required: bool | None = None
    env: tuple[str, ...] = ()
    header: str | None = None
    scheme: str | None = None


@dataclass(frozen=True, slots=True)
class Endpoint:
    key: str
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Privacy:
    privacy_policy: str | None = None
    terms_of_service: str | None = None
    retains_user_data: bool | None = None
    trains_on_user_data: bool | None = None


@dataclass(frozen=True, slots=True)
class Retention:
    type: str | None = None
    duration_days: int | None = None
    details: str | None = None


@dataclass(frozen=True, slots=True)
class Moderation:
    requires_moderation: bool | None = None
    content_moderated: bool | None = None
    moderated_by: str | None = None


@dataclass(slots=True)
class Provider:
    id: str
    name: str
    description: str | None = None
    headquarters: str | None = None
    website: str | None = None
    status_page: str | None = None
    authentication: Authentication = Authentication()
    endpoints: tuple[Endpoint, ...] = ()
    privacy: Privacy = Privacy()
    retention: Retention = Retention()
    moderation: Moderation = Moderation()
    sources: tuple[Source, ...] = ()
    last_verified: date | None = None
    logo: str | None = None
    offerings: list["Offering"] = field(default_factory=list)

    def endpoint(self, key: str) -> str | None:
        return next((e.url for e in self.endpoints if e.key == key), None)


@dataclass(frozen=True, slots=True)
class PriceTier:
    above_tokens: int
    input: Decimal | None = None
    output: Decimal | None = None
    cached_input: Decimal | None = None
    cache_write: Decimal | None = None
    reasoning: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Price:
    """Prices per million tokens in ``currency``, from ``effective_from`` on."""

    currency: str = "USD"
    effective_from: date | None = None
    input: Decimal | None = None
    output: Decimal | None = None
    cached_input: Decimal | None = None
    cache_write: Decimal | None = None
    reasoning: Decimal | None = None
    tiers: tuple[PriceTier, ...] = ()

    def for_context(self, input_tokens: int) -> "Price | PriceTier":
        """The tier whose threshold the input exceeds, highest first; else self."""
        for tier in reversed(self.tiers):
            if input_tokens > tier.above_tokens:
                return tier
        return self


@dataclass(frozen=True, slots=True)
class Pricing:
    current: Price
    history: tuple[Price, ...] = ()

    def at(self, day: date | None) -> Price | None:
        """The price in force on *day* (the current one when *day* is None)."""
        if day is None:
            return self.current
        for entry in (self.current, *reversed(self.history)):
            if entry.effective_from is None or entry.effective_from <= day:
                return entry
        return None


@dataclass(frozen=True, slots=True)
class RateLimit:
    tier: str | None = None
    requests_per_minute: int | None = None
    requests_per_day: int | None = None
    tokens_per_minute: int | None = None
    tokens_per_day: int | None = None


@dataclass(frozen=True, slots=True)
class Features:
    tool_calling: bool | None = None
    tool_choice: bool | None = None
    structured_outputs: bool | None = None
    json_mode: bool | None = None
    reasoning: bool | None = None
    streaming: bool | None = None
    web_search: bool | None = None
    file_attachments: bool | None = None
    temperature: bool | None = None


@dataclass(frozen=True, slots=True)
class CanonicalModel:
    id: str
    name: str
    authors: tuple[str, ...]
    description: str | None = None
    family: str | None = None
    release_date: date | None = None
    knowledge_cutoff: str | None = None
    open_weights: bool | None = None
    parameters_total: int | None = None
    parameters_active: int | None = None
    modalities: Modalities = Modalities()
    license: str | None = None
    links: tuple[Link, ...] = ()
    sources: tuple[Source, ...] = ()
    last_verified: date | None = None

    @property
    def author_id(self) -> str:
        return self.id.split("/", 1)[0]


@dataclass(slots=True)
class Offering:
    """One model as one provider serves it, with canonical facts inherited."""

    provider_id: str
    id: str
    name: str
    file_stem: str
    model_id: str | None = None
    authors: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    description: str | None = None
    kind: str | None = None
    context_window: int | None = None
    max_input_tokens: int | None = None
    max_output_tokens: int | None = None
    pricing: Pricing | None = None
    rate_limits: tuple[RateLimit, ...] = ()
    modalities: Modalities = Modalities()
    features: Features = Features()
    status: str | None = None
    deprecation_date: date | None = None
    retirement_date: date | None = None
    release_date: date | None = None
    knowledge_cutoff: str | None = None
    open_weights: bool | None = None
    sources: tuple[Source, ...] = ()
    last_verified: date | None = None

    @property
    def ref(self) -> str:
        """``provider-id/offering-id``: the reference the CLI and API take."""
        return f"{self.provider_id}/{self.id}"

    @property
    def price(self) -> Price | None:
        return self.pricing.current if self.pricing else None
