"""Names people type, resolved: an offering reference, a canonical model, or suggestions.

A user may type an offering's reference (``cerebras/gpt-oss-120b``), a canonical
model id (``openai/gpt-oss-120b``), or a bare name (``gpt-oss-120b``).  What is not
found gets suggestions from every provider id, offering reference and canonical
model id: close matches (difflib) and names that contain what was typed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from generator.catalog.catalog import Catalog
from generator.model.records import Offering
from generator.validation.problems import UnknownReference

MAX_SUGGESTIONS = 8
CLOSE_CUTOFF = 0.6
KIND_ORDER = {"model": 0, "provider": 1, "offering": 2}
MIN_SUBSTRING = 3  # shorter text would match too much to help


@dataclass(frozen=True)
class Suggestion:
    name: str  # a provider id, an offering reference or a canonical model id
    kind: str  # provider, offering or model

    def __str__(self) -> str:
        return f"`{self.name}` ({self.kind})"


class UnknownName(UnknownReference):
    """An unknown reference, with suggestions that say what each one is."""

    def __init__(self, kind: str, ref: str, suggestions: list[Suggestion]):
        super().__init__(kind, ref, [s.name for s in suggestions])
        hint = f"; did you mean {', '.join(map(str, suggestions))}?" if suggestions else "; nothing close is known"
        self.args = (f"unknown {kind} `{ref}`{hint}",)


def names(catalog: Catalog) -> dict[str, str]:
    """Every name a user may type -> its kind; offerings also by their bare id and aliases."""
    found = {pid: "provider" for pid in catalog.providers}
    found |= {mid: "model" for mid in catalog.models}
    found |= {o.ref: "offering" for o in catalog.offerings}
    return found


def suggestions(catalog: Catalog, text: str, first: tuple[str, ...] = ()) -> list[Suggestion]:
    """Names close to *text* or containing it, at most MAX_SUGGESTIONS; *first* (names already
    suggested, e.g. a close provider id) lead."""
    known = names(catalog)
    by_lower: dict[str, list[str]] = {}
    for name in known:
        by_lower.setdefault(name.lower(), []).append(name)
    for o in catalog.offerings:  # a bare offering id or alias names its offering
        for short in (o.id, *o.aliases):
            by_lower.setdefault(short.lower(), []).append(o.ref)
    for model_id in catalog.models:  # and a model's name without its author, its model
        by_lower.setdefault(model_id.partition("/")[2].lower(), []).append(model_id)
    wanted = text.lower()
    close = difflib.get_close_matches(wanted, sorted(by_lower), n=MAX_SUGGESTIONS, cutoff=CLOSE_CUTOFF)
    inside = sorted(k for k in by_lower if len(wanted) >= MIN_SUBSTRING and wanted in k and k not in close)
    chosen = [n for n in first if n in known]
    for key in close + inside:  # the best match first; a model before the offerings that serve it
        chosen += sorted(by_lower[key], key=lambda n: (KIND_ORDER[known[n]], n))
    return [Suggestion(n, known[n]) for n in dict.fromkeys(chosen)][:MAX_SUGGESTIONS]


def offering(catalog: Catalog, ref: str) -> Offering:
    """The offering at *ref*, or UnknownName with suggestions of every kind."""
    try:
        return catalog.offering(ref)
    except UnknownReference as exc:
        kind = exc.kind if "/" in ref else "offering"
        raise UnknownName(kind, exc.ref if "/" in ref else ref,
                          suggestions(catalog, ref, tuple(exc.suggestions))) from None


def is_model(catalog: Catalog, model_id: str) -> bool:
    """True when *model_id* is a canonical model of the catalog or an offering names it."""
    return model_id in catalog.models or bool(catalog.offerings_of(model_id))


def require_model(catalog: Catalog, model_id: str) -> None:
    if not is_model(catalog, model_id):
        raise UnknownName("model", model_id, suggestions(catalog, model_id))


def require_provider(catalog: Catalog, provider_id: str) -> None:
    if provider_id not in catalog.providers:
        raise UnknownName("provider", provider_id, suggestions(catalog, provider_id))


def offering_or_model(catalog: Catalog, ref: str) -> Offering | str:
    """The offering at *ref* when there is one, else the canonical model id *ref*; else UnknownName."""
    provider_id, _, offering_id = ref.partition("/")
    if offering_id and provider_id in catalog.providers:
        try:
            return catalog.offering(ref)
        except UnknownReference:
            pass
    if is_model(catalog, ref):
        return ref
    raise UnknownName("offering or model", ref, suggestions(catalog, ref))
