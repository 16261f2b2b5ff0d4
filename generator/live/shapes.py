"""The response shapes of models APIs and of Atlassian Statuspage's ``summary.json``.

Which shape a provider's models API answers in is a fact of the catalog (``monitoring.models_api_shape``);
without it the API is taken to answer in the OpenAI-compatible shape (``data[].id``), which
OpenRouter's ``/api/v1/models`` extends with ``context_length`` and per-token ``pricing`` strings.  A value
that is present but malformed is an error naming it, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from generator.model.vocabulary import MODELS_API_SHAPES as SHAPES  # noqa: E402  (one declaration of the shapes)

AUTH = {"openai": ("Authorization", "Bearer"), "anthropic": ("x-api-key", None), "google": ("x-goog-api-key", None)}
"""Where each shape takes the key when the provider's data names no header."""
EXTRA_HEADERS = {"anthropic": {"anthropic-version": "2023-06-01"}}
MILLION = Decimal(1_000_000)


class ShapeError(ValueError):
    """A response that is not in the shape its API promises; the message names the key."""


@dataclass(frozen=True, slots=True)
class Served:
    """One model as a models API lists it; None where the API states nothing."""

    id: str
    context_window: int | None = None
    max_input_tokens: int | None = None
    input: Decimal | None = None   # USD per million tokens
    output: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Page:
    items: tuple[Served, ...]
    next: tuple[tuple[str, str], ...] | None  # query parameters of the next page; None on the last


@dataclass(frozen=True, slots=True)
class Health:
    indicator: str
    description: str
    incidents: tuple[tuple[str, str, str], ...]  # (name, status, impact) of each unresolved incident
    components: tuple[tuple[str, str], ...] = ()  # (name, status) of each component the catalog names


def parse_page(shape: str, doc: object) -> Page:
    """The models of one page of a models API's answer *doc* in *shape*."""
    body = _mapping(doc, "the response")
    if shape == "google":
        items = tuple(_google(item, f"models[{i}]") for i, item in enumerate(_list(body, "models", optional=True)))
        token = body.get("nextPageToken")
        return Page(items, (("pageToken", _text(token, "nextPageToken")),) if token else None)
    items = tuple(_openai(item, f"data[{i}]") for i, item in enumerate(_list(body, "data")))
    if shape == "anthropic" and body.get("has_more") is True:
        return Page(items, (("after_id", _text(body.get("last_id"), "last_id")),))
    return Page(items, None)


def parse_health(doc: object, components: tuple[tuple[str, str], ...] = ()) -> Health:
    """The page's status and its unresolved incidents from a Statuspage ``summary.json``.

    With *components* (``(id, name)`` pairs from the catalog), also each of those components' status, and only the incidents that
    concern one of them or name no component at all (which may concern any).
    """
    body = _mapping(doc, "the response")
    status = _mapping(body.get("status"), "status")
    incidents = []
    for i, item in enumerate(_list(body, "incidents", optional=True)):
        item = _mapping(item, f"incidents[{i}]")
        if components and not _concerns(item, f"incidents[{i}]", {wanted for wanted, _ in components}):
            continue
        incidents.append(tuple(_text(item.get(key), f"incidents[{i}].{key}") for key in ("name", "status", "impact")))
    return Health(_text(status.get("indicator"), "status.indicator"),
                  _text(status.get("description"), "status.description"), tuple(incidents),
                  _component_states(body, components) if components else ())


def _concerns(incident: dict, where: str, components: set[str]) -> bool:
    affected = _list(incident, "components", optional=True)
    ids = {_text(_mapping(c, f"{where}.components[{i}]").get("id"), f"{where}.components[{i}].id")
           for i, c in enumerate(affected)}
    return not ids or bool(ids & components)


def _component_states(body: dict, components: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """(name, status) of each wanted component, in the catalog's order; one the page lacks is ``not listed``."""
    listed = {}
    for i, item in enumerate(_list(body, "components", optional=True)):
        item = _mapping(item, f"components[{i}]")
        listed[_text(item.get("id"), f"components[{i}].id")] = (
            _text(item.get("name"), f"components[{i}].name"), _text(item.get("status"), f"components[{i}].status"))
    return tuple(listed.get(wanted, (name, "not listed")) for wanted, name in components)


def _openai(item: object, where: str) -> Served:
    item = _mapping(item, where)
    pricing = item.get("pricing")
    pricing = _mapping(pricing, f"{where}.pricing") if pricing is not None else {}
    return Served(_text(item.get("id"), f"{where}.id"),
                  context_window=_count(item.get("context_length"), f"{where}.context_length"),
                  input=_per_token(pricing.get("prompt"), f"{where}.pricing.prompt"),
                  output=_per_token(pricing.get("completion"), f"{where}.pricing.completion"))


def _google(item: object, where: str) -> Served:
    item = _mapping(item, where)
    name = _text(item.get("name"), f"{where}.name")
    return Served(name.removeprefix("models/"),
                  max_input_tokens=_count(item.get("inputTokenLimit"), f"{where}.inputTokenLimit"))


def _mapping(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise ShapeError(f"{where} is not an object")
    return value


def _list(body: dict, key: str, optional: bool = False) -> list:
    value = body.get(key, [] if optional else None)
    if not isinstance(value, list):
        raise ShapeError(f"`{key}` is not a list")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ShapeError(f"`{where}` is not a non-empty string")
    return value


def _count(value: object, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ShapeError(f"`{where}` is not a positive integer: {value!r:.40}")
    return value


def _per_token(value: object, where: str) -> Decimal | None:
    """A price per token as a string (OpenRouter's form) -> per million tokens; ``-1`` means not stated."""
    if value is None:
        return None
    try:
        price = Decimal(value) if isinstance(value, str) else None
    except InvalidOperation:
        price = None
    if price is None or not price.is_finite():
        raise ShapeError(f"`{where}` is not a decimal string: {value!r:.40}")
    return None if price < 0 else (price * MILLION).normalize()
