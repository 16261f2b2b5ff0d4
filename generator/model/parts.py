"""The parts the catalog's records are made of: sources, links, modalities, provider policies, prices, limits, features.

Declared like the records of :mod:`generator.model.records` (which re-exports
them): each field once, with :func:`~generator.model.declare.fact`.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field  # noqa: F401
from datetime import date
from decimal import Decimal

from generator.model.declare import DOC, SELF, common, described, fact, needed, ref
from generator.model.vocabulary import (API_SHAPES, EFFORTS, MODELS_API_SHAPES, PRICE_UNITS, REASONING_OPTIONS,
                                        SERVICE_TIERS, WEEKDAYS)

TEXT, URL, COUNT = ref("text"), ref("url"), ref("count")
STRINGS = {"type": "array", "items": {"type": "string"}}
IN_URL, IN_TEXT = {"$ref": "common.schema.json#/$defs/url"}, {"$ref": "common.schema.json#/$defs/text"}
PRICE = {"$ref": "common.schema.json#/$defs/price"}  # an input price: a JSON number, per million tokens



@dataclass(frozen=True, slots=True)
class Source:
    ABOUT = "One source of facts."

    url: str | None = fact("Address of the source; absent when unknown.", URL)
    title: str | None = fact("What the source is; absent when unknown.")
    accessed: date | None = fact("When the source was read; absent when unknown.")
    importer: str | None = fact("The importer that took facts from this source (e.g. models.dev, litellm, starmap); "
                                "absent for curated sources.", {"type": "string"})
    fields: tuple[str, ...] = fact("Field paths this source supplied, for imported facts; absent when none are "
                                   "recorded.", STRINGS, default=())


@dataclass(frozen=True, slots=True)
class Link:
    ABOUT = "A named link."

    label: str = needed("What the link points to.")
    url: str = needed("Address of the link.", URL)


@dataclass(frozen=True, slots=True)
class Modalities:
    """Per-direction support: a modality absent from the mapping is unknown.

    The mappings keep the order of the data file, so a list of supported
    modalities (api.json) follows the order its author wrote.
    """

    input: dict[str, bool] = field(default_factory=dict)
    output: dict[str, bool] = field(default_factory=dict)

    def supports(self, direction: str, modality: str) -> bool | None:
        return getattr(self, direction).get(modality)

    def merged_over(self, base: "Modalities") -> "Modalities":
        """These modalities, falling back to *base* per modality."""
        return Modalities(_over(self.input, base.input), _over(self.output, base.output))


def _over(own: dict, base: dict) -> dict:
    """*own* in its order, then what only *base* knows: the order of a file is the order its lists are shown in."""
    return {**own, **{k: v for k, v in base.items() if k not in own}}


@dataclass(frozen=True, slots=True)
class Authentication:
    ABOUT = "How a client authenticates; absent when nothing is known."

    api_key_required: bool | None = fact("Whether an API key is required.", input=described({"type": "boolean"}))
    env: tuple[str, ...] = fact(
        "Environment variable names that conventionally hold the key, most usual first.", STRINGS, default=(),
        input=described({"type": "array", "minItems": 1, "items": {
            "description": "An environment variable name: ASCII letters, digits and '_' only.", "type": "string",
            "pattern": "^[A-Za-z0-9_]+$"}, "examples": [["CEREBRAS_API_KEY"]]}))
    header: str | None = fact("HTTP header that carries the credential.", {"type": "string"}, input=described(
        {"type": "string", "pattern": "^[A-Za-z0-9-]+$", "examples": ["Authorization"]}))
    scheme: str | None = fact("Scheme word before the credential in the header, if any.", {"type": "string"},
                              input=described({"type": "string", "examples": ["Bearer"]}))


@dataclass(frozen=True, slots=True)
class Endpoint:
    ABOUT = "A named URL of the provider."

    key: str = needed("What the endpoint is, as in the provider schema (documentation, base_url, models, "
                      "chat_completions, completions, responses, messages, embeddings, images, speech, "
                      "transcriptions, health), or 'other'.", {"type": "string"})
    label: str = needed("Human-readable name of the endpoint.")
    url: str = needed("Its address.", URL)


@dataclass(frozen=True, slots=True)
class Privacy:
    ABOUT = "How the provider handles user data; absent when nothing is known."

    privacy_policy: str | None = fact("Privacy policy.", URL, input=IN_URL)
    terms_of_service: str | None = fact("Terms of service.", URL, input=IN_URL)
    retains_user_data: bool | None = fact("Whether prompts and outputs are kept after the response.",
                                          input=described({"type": "boolean"}))
    trains_on_user_data: bool | None = fact("Whether prompts and outputs are used to train models.",
                                            input=described({"type": "boolean"}))


@dataclass(frozen=True, slots=True)
class Retention:
    ABOUT = "The data retention policy; absent when nothing is known."

    type: str | None = fact(
        "none (nothing kept), fixed (kept for a fixed duration), conditional (kept in some cases), indefinite.",
        {"type": "string", "enum": ["none", "fixed", "conditional", "indefinite"]},
        input={"description": "Kind of policy: none (nothing kept), fixed (kept for a fixed duration), conditional "
                              "(kept in some cases, e.g. abuse review), indefinite.",
               "type": "string", "enum": ["none", "fixed", "conditional", "indefinite"]})
    duration_days: int | None = fact("How long data is kept, in days; 0 means deleted immediately after the "
                                     "response.", {"type": "integer", "minimum": 0},
                                     input=described({"type": "integer", "minimum": 0}))
    details: str | None = fact("The policy in the provider's own terms.", input=IN_TEXT)


@dataclass(frozen=True, slots=True)
class Moderation:
    ABOUT = "Content moderation; absent when nothing is known."

    requires_moderation: bool | None = fact("Whether clients must moderate content themselves before sending it.",
                                            input=described({"type": "boolean"}))
    content_moderated: bool | None = fact("Whether the provider moderates content.",
                                          input=described({"type": "boolean"}))
    moderated_by: str | None = fact("Who moderates content.", input=IN_TEXT)


@dataclass(frozen=True, slots=True)
class PriceTier:
    ABOUT = ("Prices that apply instead of the base prices when the prompt is longer than a threshold; a rate "
             "absent here falls back to the base price's.")

    above_tokens: int = needed("Applies when the input is longer than this many tokens.",
                               {"type": "integer", "minimum": 1},
                               input={"description": "Applies when the input is longer than this many tokens.",
                                      "type": "integer", "minimum": 1})
    input: Decimal | None = fact("Input tokens, per million.", input=PRICE)
    output: Decimal | None = fact("Output tokens, per million.", input=PRICE)
    cached_input: Decimal | None = fact("Cached input tokens, per million.", input=PRICE)
    cache_write: Decimal | None = fact("Cache writes, per million.", input=PRICE)
    reasoning: Decimal | None = fact("Reasoning tokens, per million.", input=PRICE)
    input_audio: Decimal | None = fact("Audio input tokens, per million.", input=PRICE)
    output_audio: Decimal | None = fact("Audio output tokens, per million.", input=PRICE)


TIERS_INPUT = {"description": "Prices that apply instead when the prompt is longer than a threshold, ascending.",
               "type": "array", "items": {
                   "description": "Prices above a context size; fields not given fall back to the base price.",
                   "type": "object", "additionalProperties": False, "required": ["above_tokens"],
                   "properties": PriceTier}}


HH_MM = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
SIZE = {"type": "string", "pattern": "^>?[1-9][0-9]{0,5}x[1-9][0-9]{0,5}$"}


@dataclass(frozen=True, slots=True)
class Window:
    ABOUT = ("A time window in UTC, on some days of the week (every day when none is given); it crosses "
             "midnight when it ends before it starts (16:30 to 00:30).")

    start: str = needed("First minute of the window, HH:MM in UTC.", HH_MM, input=described(HH_MM))
    end: str = needed("The minute the window ends (not included), HH:MM in UTC.", HH_MM, input=described(HH_MM))
    days: tuple[str, ...] = fact(
        "Days of the week (UTC) the window starts on, mon to sun; absent: every day.",
        {"type": "array", "items": {"type": "string", "enum": list(WEEKDAYS)}}, default=(),
        input=described({"type": "array", "minItems": 1, "uniqueItems": True,
                         "items": {"type": "string", "enum": list(WEEKDAYS)}}))


RATE = {"type": "number", "minimum": 0}


@dataclass(frozen=True, slots=True)
class ConditionalPrice:
    ABOUT = ("A rate in one unit that applies when every condition it states holds for the request: a service "
             "tier, a region, a time window, a prompt above a size, an image quality or size. A condition it "
             "does not state holds for any request, except tier (absent: standard) and region (absent: not a "
             "regional price). A request whose conditions no item states has an unknown price, never the "
             "standard one.")

    unit: str = needed("What the rate is per: a token unit (per million tokens: input, output, cached_input, "
                       "cache_write, cache_write_1h, reasoning, audio and image tokens, citation) or a count "
                       "(per one: image, input_image, second of audio or video, character, request, query, "
                       "search, page, session).", {"type": "string", "enum": list(PRICE_UNITS)},
                       input=described({"type": "string", "enum": list(PRICE_UNITS)}))
    rate: Decimal = needed("The price of one unit (of a million tokens for a token unit), in the entry's "
                           "currency.", input=described(RATE))
    tier: str | None = fact("Service tier the request chooses; absent: standard.",
                            {"type": "string", "enum": list(SERVICE_TIERS)},
                            input=described({"type": "string", "enum": list(SERVICE_TIERS)}))
    region: str | None = fact("Region the request is served in (e.g. eu-central-1); absent: any region.",
                              {"type": "string"}, input=described({"type": "string", "minLength": 1,
                                                                   "pattern": "^[A-Za-z0-9_.-]+$"}))
    window: Window | None = fact("Applies to requests made in this time window; absent: at any time.",
                                 input={"description": DOC, "type": "object", "additionalProperties": False,
                                        "required": ["start", "end"], "properties": Window})
    above_tokens: int | None = fact("Applies when the prompt is longer than this many tokens.",
                                    {"type": "integer", "minimum": 1},
                                    input=described({"type": "integer", "minimum": 1}))
    quality: str | None = fact("Quality or size option the request chooses (image quality such as hd or "
                               "premium; web search context size low, medium, high).", {"type": "string"},
                               input=described({"type": "string", "pattern": "^[a-z0-9_-]+$"}))
    size: str | None = fact("Image size WIDTHxHEIGHT; >WIDTHxHEIGHT: images of more pixels than that.",
                            SIZE, input=described(SIZE))


CONDITIONAL_INPUT = {
    "description": "Rates in other units and rates that apply under conditions (tier, region, time window, "
                   "prompt size, quality, size), each item one rate.",
    "type": "array", "items": {"description": "A rate and the conditions it applies under.", "type": "object",
                               "additionalProperties": False, "required": ["unit", "rate"],
                               "properties": ConditionalPrice}}


@dataclass(frozen=True, slots=True)
class Price:
    """Prices per million tokens in ``currency``, from ``effective_from`` on.

    Its ``input`` schemas make the offering input schema's ``price_entry``; the
    ``pricing`` object there holds a price entry's keys and the history.
    """

    ABOUT = ("One price entry: rates per million tokens in one currency from a day on. An absent rate is unknown, "
             "not free.")

    currency: str = fact("ISO 4217 currency code of every rate in this entry.",
                         {"type": "string", "pattern": "^[A-Z]{3}$"}, default="USD", required=True,
                         input={"description": "ISO 4217 currency code.", "type": "string", "pattern": "^[A-Z]{3}$",
                                "default": "USD", "examples": ["USD"]})
    effective_from: date | None = fact("First day this price applies; absent when unknown (then it applies from "
                                       "the beginning).", input=common("date", "First day this price applies."))
    source: str | None = fact("Where this dated price was read, e.g. models.dev commit <full hash>; absent when "
                              "not recorded.", input=IN_TEXT)
    input: Decimal | None = fact("Input tokens, per million.", input=PRICE)
    output: Decimal | None = fact("Output tokens, per million.", input=PRICE)
    cached_input: Decimal | None = fact("Input tokens read from the prompt cache, per million.", input=PRICE)
    cache_write: Decimal | None = fact("Input tokens written to the prompt cache, per million.", input=PRICE)
    reasoning: Decimal | None = fact("Reasoning tokens, per million, where billed apart from output.", input=PRICE)
    input_audio: Decimal | None = fact("Audio input tokens, per million, where billed apart from text input.",
                                       input=PRICE)
    output_audio: Decimal | None = fact("Audio output tokens, per million, where billed apart from text output.",
                                        input=PRICE)
    tiers: tuple[PriceTier, ...] = fact("Prices by prompt size, ascending thresholds; absent when the price has no "
                                        "tiers.", default=(), input=TIERS_INPUT)
    conditional: tuple[ConditionalPrice, ...] = fact(
        "Rates in other units or under conditions (service tier, region, time window, prompt size, image "
        "quality or size); absent when there are none.", default=(), input=CONDITIONAL_INPUT)

    def for_context(self, input_tokens: int) -> "Price | PriceTier":
        """The tier whose threshold the input exceeds, highest first; else self."""
        for tier in reversed(self.tiers):
            if input_tokens > tier.above_tokens:
                return tier
        return self


@dataclass(frozen=True, slots=True)
class Pricing:
    ABOUT = "The current price and earlier ones; absent on an offering whose price is unknown."

    current: Price = needed("The price in force now.", key=SELF)  # the base price sits at the top of the YAML object
    history: tuple[Price, ...] = fact(
        "Earlier prices, oldest first; absent when none is recorded.", default=(),
        input={"description": "Earlier prices, oldest first, each with the day it took effect.", "type": "array",
               "items": {"description": "An earlier price.", "allOf": [{"$ref": "#/$defs/price_entry"}],
                         "required": ["effective_from"]}})

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
    ABOUT = "Published rate limits of one account tier."

    tier: str | None = fact("Account tier the limits apply to.",
                            input=common("text", "Account tier the limits apply to.", examples=["free"]))
    requests_per_minute: int | None = fact("Requests per minute.", COUNT, input={"type": "integer", "minimum": 0})
    requests_per_day: int | None = fact("Requests per day.", COUNT, input={"type": "integer", "minimum": 0})
    tokens_per_minute: int | None = fact("Tokens per minute.", COUNT, input={"type": "integer", "minimum": 0})
    tokens_per_day: int | None = fact("Tokens per day.", COUNT, input={"type": "integer", "minimum": 0})


def _feature(doc: str):
    """A capability: known true or false, else unknown (None)."""
    return fact(doc, input={"type": "boolean"})


@dataclass(frozen=True, slots=True)
class Features:
    ABOUT = "Capabilities: true supported, false not supported, absent unknown; the object is absent when none is known."

    tool_calling: bool | None = _feature("Function or tool calling.")
    tool_choice: bool | None = _feature("Forcing or disabling tool use with tool_choice.")
    structured_outputs: bool | None = _feature("Output constrained to a JSON Schema.")
    json_mode: bool | None = _feature("Output constrained to valid JSON.")
    reasoning: bool | None = _feature("Extended reasoning (thinking) before answering.")
    streaming: bool | None = _feature("Streamed responses.")
    web_search: bool | None = _feature("Built-in web search.")
    file_attachments: bool | None = _feature("Files attached to a request.")
    temperature: bool | None = _feature("The temperature parameter is honoured.")

@dataclass(frozen=True, slots=True)
class ReasoningOption:
    ABOUT = ("One way a client controls the model's reasoning: a toggle (on or off), an effort level from a list, "
             "or a budget of reasoning tokens.")

    type: str = needed("toggle, effort or budget_tokens.", {"type": "string", "enum": list(REASONING_OPTIONS)},
                       input={"description": "toggle (reasoning on or off), effort (a level from `values`) or "
                                             "budget_tokens (a token budget between `min` and `max`).",
                              "type": "string", "enum": list(REASONING_OPTIONS)})
    values: tuple[str, ...] = fact(
        "The effort levels accepted, for type effort; json_null: the parameter may be sent as JSON null (which turns reasoning off where the provider says so).",
        {"type": "array", "items": {"type": "string", "enum": list(EFFORTS)}}, default=(),
        input=described({"type": "array", "minItems": 1, "uniqueItems": True,
                         "items": {"type": "string", "enum": list(EFFORTS)}}))
    min: int | None = fact("The smallest budget accepted, for type budget_tokens (-1 lets the model decide).",
                           {"type": "integer", "minimum": -1}, input=described({"type": "integer", "minimum": -1}))
    max: int | None = fact("The largest budget accepted, for type budget_tokens.", {"type": "integer", "minimum": 0},
                           input=described({"type": "integer", "minimum": 0}))


JSON_OBJECT = {"type": "object"}
HEADERS = {"type": "object", "additionalProperties": {"type": "string"}}


@dataclass(frozen=True, slots=True)
class Client:
    ABOUT = ("How a client calls the model where it differs from the provider's defaults; absent when it does "
             "not.")

    sdk_package: str | None = fact("npm package of the AI SDK provider to use instead of the provider's.",
                                   {"type": "string"}, input=IN_TEXT)
    base_url: str | None = fact("Base URL to use instead of the provider's.", URL, input=IN_URL)
    api_shape: str | None = fact("The API the model is called through: responses or completions.",
                                 {"type": "string", "enum": list(API_SHAPES)},
                                 input=described({"type": "string", "enum": list(API_SHAPES)}))
    body: dict | None = fact("Fields added to every request body.", JSON_OBJECT, input=described(JSON_OBJECT))
    headers: dict | None = fact("Headers added to every request.", HEADERS, input=described(HEADERS))


@dataclass(frozen=True, slots=True)
class Mode:
    ABOUT = "An experimental mode of the model, chosen by the request, with its own prices."

    name: str = needed("The mode's name.", {"type": "string", "minLength": 1},
                       input=described({"type": "string", "pattern": "^[A-Za-z0-9_.-]+$", "examples": ["fast"]}))
    price: Price | None = fact("Prices in this mode; a rate absent here is unknown.", input={
        "description": "Prices in this mode, per million tokens.", "type": "object", "additionalProperties": False,
        "properties": Price})
    body: dict | None = fact("Fields added to the request body to choose the mode.", JSON_OBJECT,
                             input=described(JSON_OBJECT))
    headers: dict | None = fact("Headers added to the request to choose the mode.", HEADERS,
                                input=described(HEADERS))


@dataclass(frozen=True, slots=True)
class Component:
    ABOUT = "A component of the provider's Statuspage whose status and incidents concern its API."

    id: str = needed("The component's id in the status page's summary.json.", {"type": "string"},
                     input=described({"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$",
                                      "examples": ["k8w3r06qmzrp"]}))
    name: str = needed("The component's name on the status page.", input=IN_TEXT)


DOC_COMPONENTS = "Statuspage components that concern the provider's API."
SHAPE_DOC = ("How the models API answers: openai (`data[].id`, also OpenRouter's), anthropic (`x-api-key`, "
             "`anthropic-version`, pages by `after_id`) or google (`models[]`, pages by `pageToken`); absent means "
             "openai.")


@dataclass(frozen=True, slots=True)
class Monitoring:
    ABOUT = ("What `provcat check-live` needs to ask the provider's APIs, and the last day it did; absent when "
             "nothing is known.")

    models_api_shape: str | None = fact(SHAPE_DOC, {"type": "string", "enum": list(MODELS_API_SHAPES)},
                                        input=described({"type": "string", "enum": list(MODELS_API_SHAPES)}))
    health_components: tuple[Component, ...] = fact(
        "The status page's components that concern the provider's API; absent when not known (then the page's "
        "overall status and every open incident are reported).", default=(),
        input={"description": DOC_COMPONENTS, "type": "array", "minItems": 1, "items": {
            "description": "One component.", "type": "object", "additionalProperties": False,
            "required": ["id", "name"], "properties": Component}})
    last_checked: date | None = fact(
        "The last day `provcat check-live --apply` read the provider's models list; absent when never.",
        input=common("date", "The last day `provcat check-live --apply` read the provider's models list."))
