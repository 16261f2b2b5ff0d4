"""Typed catalog objects shared by renderers, exporters and importers: the one declaration of the data model.

``None`` always means *unknown*.  ``False`` and ``0`` are facts.  Money is a
``Decimal`` per million tokens, never a binary float.

Every field is declared here once, with :func:`~generator.model.declare.fact`:
its description and JSON Schema in ``catalog.json``, where the YAML file holds
it, whether an offering inherits it, its ``models.json`` column.  The export
schema, the offering input schema (``python -m generator.model.schemagen --write``),
the loader, the JSON codec and the flat rows are derived from these classes; a
class's ``ABOUT`` is its description in the export schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from generator.model.declare import DOC, KEEP, NOT_IN_YAML, common, described, fact, needed, ref
from generator.model.parts import (  # noqa: F401  (part of this module's API)
    IN_TEXT, IN_URL, STRINGS, TEXT, URL, Authentication, Client, Endpoint, Features, Link, Modalities, Mode, Moderation, Price,
    Component, ConditionalPrice, Monitoring, PriceTier, Pricing, Window, Privacy, RateLimit, ReasoningOption, Retention,
    Source,
)
from generator.model.vocabulary import FEATURES, KINDS, MODALITIES, PRICE_FIELDS, REASONING_FIELDS, STATUSES  # noqa: F401  (part of this module's API)

SLUG, TOKENS, PARTIAL = ref("slug"), ref("tokens"), ref("partial_date")
CHECKED = "When a person last checked these facts."
LAST_UPDATED = "When the model was last updated by its makers (new weights or behaviour), to the year, month or day."


@dataclass(frozen=True, slots=True)
class Author:
    ABOUT = "An organisation or team that creates models."

    id: str = needed("The author id.", SLUG, input=common(
        "slug", "The author id; equals the file name without .yaml.", examples=["openai"]))
    name: str = needed("Display name.", input=common("text", "Display name.", examples=["OpenAI"]))
    description: str | None = fact("Who the author is.", input=IN_TEXT)
    website: str | None = fact("Home page.", URL, input=IN_URL)
    links: tuple[Link, ...] = fact("Further links.", ref("links"), default=(), input=common("links", "Further links."))
    sources: tuple[Source, ...] = fact("Where the author's facts come from.", ref("sources"), default=(),
                                       input=common("sources", "Where this file's facts come from."))
    last_verified: date | None = fact(CHECKED, input=common("date", CHECKED))


def _object(description: str, cls) -> dict:
    """The input schema of a nested object whose properties are *cls*'s."""
    return {"description": description, "type": "object", "additionalProperties": False, "properties": cls}


@dataclass(slots=True)
class Provider:
    ABOUT = "An AI inference provider and the offerings it serves."

    id: str = needed("The provider id.", SLUG, input=common(
        "slug", "The provider id; equals the name of the provider's folder.", examples=["cerebras"]))
    name: str = needed("Display name.", input=common("text", "Display name.", examples=["Cerebras"]))
    description: str | None = fact("What the provider offers.", input=common(
        "text", "One or two sentences on what the provider offers."))
    headquarters: str | None = fact("Where the provider is based.", input=common(
        "text", "Where the provider is based.", examples=["Sunnyvale, CA, USA"]))
    website: str | None = fact("Home page.", URL, input=common("url", "The provider's home page."))
    status_page: str | None = fact("Human-readable service status page.", URL, input=common(
        "url", "Human-readable service status page.", examples=["https://status.cerebras.ai/"]))
    sdk_package: str | None = fact(
        "npm package of the AI SDK provider (ai-sdk.dev) that clients use to call this provider.", {"type": "string"},
        input=common("text", "npm package of the AI SDK provider (ai-sdk.dev) that clients use to call this "
                     "provider.", examples=["@ai-sdk/cerebras"]))
    authentication: Authentication = fact("How a client authenticates.", default=Authentication(),
                                          input=_object("How a client authenticates.", Authentication))
    endpoints: tuple[Endpoint, ...] = fact("Named URLs of the API and documentation, in a fixed order; absent when "
                                           "none is known.", default=(), input=KEEP)  # an object in YAML
    privacy: Privacy = fact("How user data is handled.", default=Privacy(),
                            input=_object("How the provider handles user data.", Privacy))
    retention: Retention = fact("Data retention policy.", default=Retention(),
                                input=_object("The data retention policy.", Retention))
    moderation: Moderation = fact("Content moderation.", default=Moderation(),
                                  input=_object("Content moderation.", Moderation))
    monitoring: Monitoring = fact("How `provcat check-live` asks the provider's APIs, and when it last did.",
                                  default=Monitoring(), input=_object(
                                      "How `provcat check-live` asks the provider's APIs, and when it last did.",
                                      Monitoring))
    sources: tuple[Source, ...] = fact("Where the provider's facts come from.", ref("sources"), default=(),
                                       input=common("sources", "Where this file's facts come from."))
    last_verified: date | None = fact(CHECKED, input=common(
        "date", "When a person last checked these facts against the sources."))
    logo: str | None = fact(
        "Path of the provider's logo relative to the catalog root (in data/ and in the published site alike); "
        "absent when the provider has no logo file.",
        {"type": "string", "pattern": "^providers/[a-z0-9][a-z0-9._-]*/logo\\.svg$"}, key=NOT_IN_YAML, codec=False)
    offerings: list["Offering"] = fact("The provider's offerings, sorted by id; absent when it has none.",
                                       {"type": "array", "items": ref("offering")}, factory=list, key=NOT_IN_YAML,
                                       codec=False)

    def endpoint(self, key: str) -> str | None:
        return next((e.url for e in self.endpoints if e.key == key), None)


PARAMETERS = {"description": "Parameter counts.", "type": "object", "additionalProperties": False}
COUNTED = {"type": "integer", "minimum": 1}


@dataclass(frozen=True, slots=True)
class CanonicalModel:
    ABOUT = ("Facts intrinsic to a model wherever it is served; offerings already carry the facts they inherit "
             "from it.")

    id: str = needed("The canonical model id, '<author-id>/<model-name>'.", ref("model_id"), input=common(
        "model_ref", "'<author-id>/<model-name>'; the file lives at data/models/<author-id>/<file name of "
        "model-name>.yaml.", examples=["openai/gpt-oss-120b"]))
    name: str = needed("Display name.", input=common("text", "Display name.", examples=["gpt-oss-120b"]))
    authors: tuple[str, ...] = needed(
        "Author ids, main author first.", {"type": "array", "minItems": 1, "items": SLUG},
        input={"description": "Author ids (data/authors/<id>.yaml), main author first.", "type": "array",
               "minItems": 1, "uniqueItems": True, "items": {"$ref": "common.schema.json#/$defs/slug"},
               "examples": [["openai"]]})
    description: str | None = fact("What the model is.", input=common("text", "What the model is."))
    family: str | None = fact("Model family.", input=common("text", "Model family.", examples=["gpt-oss"]))
    release_date: str | None = fact("When the model was first released, to the year, month or day.", PARTIAL,
                                    input=common("partial_date", "When the model was first released, to the year, "
                                                 "month or day.", examples=["2025-08-05", "2024-12"]))
    last_updated: str | None = fact(LAST_UPDATED, PARTIAL, input=common("partial_date", LAST_UPDATED))
    knowledge_cutoff: str | None = fact("End of the training data.", ref("partial_date"), input=common(
        "partial_date", "End of the training data, to the year, month or day.", examples=["2024-06"]))
    open_weights: bool | None = fact("Whether the weights are published.", input={
        "description": "Whether the weights are published.", "type": "boolean"})
    parameters_total: int | None = fact("Total parameters.", COUNTED, key="parameters.total", input_group=PARAMETERS,
                                        input={"description": "Total parameters.", **COUNTED})
    parameters_active: int | None = fact("Parameters active per token (mixture-of-experts models).", COUNTED,
                                         key="parameters.active", input={"description": "Parameters active per token "
                                                                         "(mixture-of-experts models).", **COUNTED})
    modalities: Modalities = fact("Input and output modalities of the model.", default=Modalities(),
                                  input=common("modalities", "Input and output modalities of the model."))
    license: str | None = fact("Licence of the weights, an SPDX id where one exists.", input=common(
        "text", "Licence of the weights, an SPDX id where one exists.", examples=["Apache-2.0"]))
    links: tuple[Link, ...] = fact("Model card, weights, paper.", ref("links"), default=(),
                                   input=common("links", "Model card, weights, paper."))
    sources: tuple[Source, ...] = fact("Where the model's facts come from.", ref("sources"), default=(),
                                       input=common("sources", "Where this file's facts come from."))
    last_verified: date | None = fact(CHECKED, input=common("date", CHECKED))

    @property
    def author_id(self) -> str:
        return self.id.split("/", 1)[0]


def _inherited(doc: str, schema: dict | None = None, **meta):
    """A fact an offering takes from its canonical model unless its own file gives it."""
    return fact(doc, schema, inherit=True, **meta)


ID_INPUT = {"description": "The provider's own model id, exactly as its API takes it.", "type": "string", "minLength": 1,
            "maxLength": 200, "pattern": "^[^\\x00-\\x1f\\x7f]+$", "examples": ["gpt-oss-120b", "Qwen/QwQ-32B"]}


@dataclass(slots=True)
class Offering:
    """One model as one provider serves it, with canonical facts inherited.

    ``flat`` declares a fact's ``models.json`` column: its place (below 100
    before the prices, from 100 after the modalities) and its description there.
    """

    ABOUT = ("One model as one provider serves it, with the canonical model's facts already inherited (the "
             "offering's own facts win).")

    provider_id: str = needed("The provider serving it.", key=NOT_IN_YAML, export=False)  # implied by nesting
    id: str = needed("The provider's own model id, exactly as its API takes it (may hold '/', ':', '@', capitals). "
                     "The reference of the offering is '<provider id>/<this id>'.",
                     {"type": "string", "minLength": 1}, input=ID_INPUT)
    name: str = needed("Display name.", fallback="id", input=common(
        "text", "Display name at this provider; defaults to the id (the name the provider lists the model under), "
        "not to the canonical model's name."))
    file_stem: str = needed("File name stem derived from the id (generator.paths.offering_filename); the offering's "
                            "page is providers/<provider id>/models/<file_stem>.md.",
                            {"type": "string", "minLength": 1}, key=NOT_IN_YAML)
    model_id: str | None = fact(
        "The canonical model served; absent when none is named.", ref("model_id"), key="model",
        flat=(1, "Canonical model id."), input=common(
            "model_ref", "The canonical model served (data/models/<author>/<model>.yaml); its facts are inherited.",
            examples=["openai/gpt-oss-120b"]))
    variant: str | None = fact(
        "How the offering serves its canonical model differently: a quantisation (fp8, int4 ...), a free tier "
        "(free), a confidential-computing deployment (tee); absent when none is known.", {"type": "string"},
        input={"description": "How this offering serves its canonical model differently: a quantisation (fp8, "
               "int4 ...), a free tier (free), a confidential-computing deployment (tee).", "type": "string",
               "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": 40, "examples": ["fp8", "free"]})
    authors: tuple[str, ...] = _inherited(
        "Author ids, from the canonical model or the offering.", {"type": "array", "items": SLUG}, default=(),
        flat=(2, "Author ids."),
        input={"description": "Author ids, for an offering that names no canonical model.", "type": "array",
               "minItems": 1, "uniqueItems": True, "items": {"$ref": "common.schema.json#/$defs/slug"}})
    aliases: tuple[str, ...] = fact(
        "Other ids the provider accepts for this model; absent when none.",
        {"type": "array", "items": {"type": "string", "minLength": 1}}, default=(),
        input={"description": "Other ids the provider accepts for this model.", "type": "array", "uniqueItems": True,
               "items": {"type": "string", "minLength": 1}})
    description: str | None = fact("Notes on this offering.", input=common("text", "Notes on this offering."))
    kind: str | None = fact("What the model does.", {"type": "string", "enum": list(KINDS)},
                            flat=(3, "What the model does."),
                            input={"description": "What the model does.", "type": "string", "enum": list(KINDS)})
    context_window: int | None = fact("Maximum tokens of input and output together.", TOKENS,
                                      flat=(5, "Maximum tokens of input and output together."),
                                      input=common("tokens", "Maximum tokens of input and output together."))
    max_input_tokens: int | None = fact("Maximum input tokens.", TOKENS, flat=(6, "Maximum input tokens."),
                                        input=common("tokens", "Maximum input tokens."))
    max_output_tokens: int | None = fact("Maximum output tokens.", TOKENS, flat=(7, "Maximum output tokens."),
                                         input=common("tokens", "Maximum output tokens."))
    pricing: Pricing | None = fact("Current and earlier prices.", input={
        "$ref": "#/$defs/pricing", "description": "The current price, and earlier prices in history."})
    rate_limits: tuple[RateLimit, ...] = fact(
        "Published rate limits, per tier; absent when none is known.", default=(),
        input={"description": "Published rate limits, per tier.", "type": "array", "items": {
            "description": "Rate limits of one tier.", "type": "object", "additionalProperties": False,
            "properties": RateLimit}})
    modalities: Modalities = _inherited(
        "Input and output modalities (offering's own over the canonical model's).", default=Modalities(),
        input=common("modalities", "Input and output modalities; overrides the canonical model's per modality."))
    features: Features = fact("Capabilities.", default=Features(), input={
        "description": "Capabilities: true supported, false not supported, omitted unknown.", "type": "object",
        "additionalProperties": False, "properties": Features})
    reasoning_options: tuple[ReasoningOption, ...] | None = fact(
        "How a client controls reasoning; an empty list when it cannot (reasoning is always on); absent when "
        "unknown.", {"type": "array", "items": ref("reasoning_option")},
        input={"description": "How a client controls reasoning; an empty list when it cannot.", "type": "array",
               "items": {"description": "One reasoning control.", "type": "object", "additionalProperties": False,
                         "required": ["type"], "properties": ReasoningOption}})
    interleaved_reasoning: bool | None = fact(
        "Whether reasoning comes interleaved with tool calls and must be sent back in later turns.",
        input={"type": "boolean"})
    reasoning_field: str | None = fact(
        "The response field that carries the reasoning to send back: reasoning_content or reasoning_details.",
        {"type": "string", "enum": list(REASONING_FIELDS)},
        input=described({"type": "string", "enum": list(REASONING_FIELDS)}))
    client: Client = fact("How a client calls this model where it differs from the provider's defaults.",
                          default=Client(), input={"description": DOC, "type": "object", "additionalProperties": False,
                                                   "properties": Client})
    experimental_modes: tuple[Mode, ...] = fact(
        "Experimental modes chosen per request, each with its own prices; absent when none.", default=(),
        input={"description": "Experimental modes chosen per request.", "type": "array", "items": {
            "description": "One mode.", "type": "object", "additionalProperties": False, "required": ["name"],
            "properties": Mode}})
    status: str | None = fact("Lifecycle state.", {"type": "string", "enum": list(STATUSES)},
                              flat=(4, "Lifecycle state."),
                              input={"description": "Lifecycle state.", "type": "string", "enum": list(STATUSES)})
    deprecation_date: date | None = fact("When the offering was or will be deprecated.", flat=(103, "Deprecation date."),
                                         input=common("date", "When the offering was or will be deprecated."))
    retirement_date: date | None = fact("When the offering was or will be switched off.", flat=(104, "Retirement date."),
                                        input=common("date", "When the offering was or will be switched off."))
    release_date: str | None = _inherited(
        "When the provider started serving it, else the canonical model's release; to the year, month or day.",
        PARTIAL, flat=(101, "Release date."), input=common(
            "partial_date", "When the provider started serving it, to the year, month or day; defaults to the "
            "canonical model's."))
    last_updated: str | None = _inherited(
        "When the model as served here was last updated, else the canonical model's; to the year, month or day.",
        PARTIAL, flat=(106, "Last updated."), input=common(
            "partial_date", "When the model as served here was last updated; defaults to the canonical model's."))
    family: str | None = _inherited(
        "Model family (the offering's own, else the canonical model's).", flat=(8, "Model family."),
        input=common("text", "Model family; defaults to the canonical model's.", examples=["gpt-oss"]))
    knowledge_cutoff: str | None = _inherited(
        "End of the training data.", ref("partial_date"), flat=(102, "End of the training data."),
        input=common("partial_date", "End of the training data; defaults to the canonical model's."))
    open_weights: bool | None = _inherited(
        "Whether the weights are published.", flat=(100, "Weights published."),
        input={"type": "boolean", "description": "Whether the weights are published; defaults to the canonical model's."})
    sources: tuple[Source, ...] = fact("Where the offering's facts come from.", ref("sources"), default=(),
                                       input=common("sources", "Where this file's facts come from."))
    last_verified: date | None = fact(CHECKED, flat=(105, "When a person last checked the offering."),
                                      input=common("date", CHECKED))

    @property
    def ref(self) -> str:
        """``provider-id/offering-id``: the reference the CLI and API take."""
        return f"{self.provider_id}/{self.id}"

    @property
    def price(self) -> Price | None:
        return self.pricing.current if self.pricing else None


DECLARED = tuple(c for c in list(globals().values()) if isinstance(c, type) and "ABOUT" in vars(c))
"""Every class declared with facts, in declaration order: the JSON codec and the export schema cover these."""
