"""The rules no schema can express, checked on schema-valid documents.

Each rule yields :class:`~generator.validation.messages.Finding` objects for one document;
:func:`check` runs them all, including those that look across documents
(unique ids, references that must resolve).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from generator.validation.messages import Finding, suggest
from generator.model.vocabulary import PRICE_FIELDS
from generator.model.layout import author_path, model_path, offering_path, provider_path

DATE_FIELDS = ("deprecation_date", "retirement_date", "last_verified")
PARTIAL_DATE_FIELDS = ("release_date", "last_updated", "knowledge_cutoff")  # to the year, month or day


@dataclass
class Document:
    kind: str
    file: str  # as shown in messages
    path: str
    rel: str  # relative to the data directory, with forward slashes
    data: dict
    findings: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    schema_valid: bool = True


def parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def check_one(doc: Document) -> None:
    """Add the findings of the rules about *doc* alone."""
    for rule in LOCAL_RULES[doc.kind]:
        doc.findings.extend(rule(doc))


def check_across(documents: list[Document]) -> None:
    """Add the findings of the rules that look across *documents*."""
    index = Index(documents)
    for doc in documents:
        for rule in CROSS_RULES[doc.kind]:
            doc.findings.extend(rule(doc, index))


class Index:
    """Ids known across the catalog, for reference checks."""

    def __init__(self, documents: list[Document]):
        by_kind: dict[str, list[Document]] = {"provider": [], "offering": [], "model": [], "author": []}
        for doc in documents:
            by_kind[doc.kind].append(doc)
        self.authors = {d.data["id"] for d in by_kind["author"]}
        self.models = {d.data["id"] for d in by_kind["model"]}
        self.offering_ids: dict[tuple[str, str], str] = {}
        for doc in by_kind["offering"]:
            self.offering_ids.setdefault((doc.rel.split("/")[1], doc.data["id"]), doc.file)


def _file_matches_id(doc: Document):
    ident = doc.data["id"]
    provider = doc.rel.split("/")[1] if doc.kind == "offering" else ""
    want = {
        "provider": provider_path, "model": model_path, "author": author_path,
        "offering": lambda i: offering_path(provider, i),
    }[doc.kind](ident)
    if doc.rel != want:
        yield Finding(("id",), f"id `{ident}` does not match the file's path; this id belongs in `{want}` "
                      "(rename the file or correct the id)")


def _dates_exist(doc: Document):
    for path, value in _date_values(doc.data):
        if path[-1] in PARTIAL_DATE_FIELDS:
            if not _partial_date_ok(value):
                yield Finding(path, f"'{value}' is not a real date (YYYY, YYYY-MM or YYYY-MM-DD)")
        elif parse_date(value) is None:
            yield Finding(path, f"'{value}' is not a real date")


def _date_values(data: dict):
    """(path, value) of every date field the schemas define."""
    for key in DATE_FIELDS + PARTIAL_DATE_FIELDS:
        if key in data:
            yield (key,), data[key]
    pricing = data.get("pricing", {})
    if "effective_from" in pricing:
        yield ("pricing", "effective_from"), pricing["effective_from"]
    for i, entry in enumerate(pricing.get("history", ())):
        yield ("pricing", "history", i, "effective_from"), entry["effective_from"]
    for i, source in enumerate(data.get("sources", ())):
        if "accessed" in source:
            yield ("sources", i, "accessed"), source["accessed"]


def _partial_date_ok(value: str) -> bool:
    parts = value.split("-")
    if len(parts) == 3:
        return parse_date(value) is not None
    return len(parts) == 1 or 1 <= int(parts[1]) <= 12


def walk(node, path=()):
    """(path, leaf value) of every scalar under *node*."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, path + (i,))
    else:
        yield path, node


def _prices_finite(doc: Document):
    for path, value in _price_values(doc.data.get("pricing", {})):
        if not math.isfinite(value):
            yield Finding(path, f"{value} is not a finite price; omit the field if the price is unknown")


def _price_values(pricing: dict):
    entries = [(("pricing",), pricing)] + [(("pricing", "history", i), e) for i, e in enumerate(pricing.get("history", ()))]
    for path, entry in entries:
        for holder_path, holder in [(path, entry)] + [(path + ("tiers", j), t) for j, t in enumerate(entry.get("tiers", ()))]:
            for key in PRICE_FIELDS:
                if key in holder:
                    yield holder_path + (key,), holder[key]


def _limits_fit(doc: Document):
    context = doc.data.get("context_window")
    for name in ("max_output_tokens", "max_input_tokens"):
        value = doc.data.get(name)
        if context is not None and value is not None and value > context:
            yield Finding((name,), f"{value} is above the context window of {context}")


def _lifecycle_ordered(doc: Document):
    deprecated = parse_date(doc.data.get("deprecation_date") or "")
    retired = parse_date(doc.data.get("retirement_date") or "")
    if deprecated and retired and retired < deprecated:
        yield Finding(("retirement_date",), f"retirement ({retired}) is before deprecation ({deprecated}); "
                      "swap the dates or correct one")
    if doc.data.get("status") == "retired" and doc.data.get("retirement_date") is None:
        yield Finding(("status",), "a retired offering needs its `retirement_date`")


def _prices_ordered(doc: Document):
    pricing = doc.data.get("pricing")
    if not pricing:
        return
    entries = pricing.get("history", []) + [pricing]
    days = [(i, parse_date(e.get("effective_from") or "")) for i, e in enumerate(entries)]
    days = [(i, d) for i, d in days if d]
    for (_, earlier), (i, later) in zip(days, days[1:]):
        if later <= earlier:
            where = ("pricing", "effective_from") if i == len(entries) - 1 else ("pricing", "history", i, "effective_from")
            yield Finding(where, f"{later} is not after {earlier}; list earlier prices first, the current one last")
    yield from _tiers_ascending(pricing, ("pricing",))
    yield from _conditional_once(pricing, ("pricing",))
    for i, entry in enumerate(pricing.get("history", [])):
        yield from _tiers_ascending(entry, ("pricing", "history", i))
        yield from _conditional_once(entry, ("pricing", "history", i))


def _conditional_once(entry: dict, path: tuple):
    """Each unit under each set of conditions has one rate: a second would leave the price ambiguous."""
    seen: dict[str, int] = {}
    for i, item in enumerate(entry.get("conditional", [])):
        key = repr(sorted((k, repr(v)) for k, v in item.items() if k != "rate"))
        if key in seen:
            yield Finding(path + ("conditional", i), f"states the same unit and conditions as item {seen[key]}; "
                          "give each rate once")
        seen.setdefault(key, i)
        window = item.get("window") or {}
        if window and window.get("start") == window.get("end"):
            yield Finding(path + ("conditional", i, "window"), "starts and ends at the same minute; a window "
                          "spans at least one minute (leave it out for any time)")


def _tiers_ascending(entry: dict, path: tuple):
    thresholds = [t["above_tokens"] for t in entry.get("tiers", [])]
    for i in range(1, len(thresholds)):
        if thresholds[i] <= thresholds[i - 1]:
            yield Finding(path + ("tiers", i, "above_tokens"), f"{thresholds[i]} must be above the previous tier's {thresholds[i - 1]}; order tiers by size")


def _retention_consistent(doc: Document):
    retention = doc.data.get("retention", {})
    kind, days = retention.get("type"), retention.get("duration_days")
    if kind == "none" and days not in (None, 0):
        yield Finding(("retention", "duration_days"), f"a `none` policy keeps nothing, so the duration must be 0, not {days}")
    if kind in ("fixed",) and days == 0:
        yield Finding(("retention", "duration_days"), "a `fixed` policy keeps data for some days; use type `none` for immediate deletion")
    if kind == "indefinite" and days is not None:
        yield Finding(("retention", "duration_days"), "an `indefinite` policy has no duration; remove `duration_days`")
    retains = doc.data.get("privacy", {}).get("retains_user_data")
    if retains is True and kind == "none":
        yield Finding(("retention", "type"), "privacy says data is retained but the retention type is `none`")
    if retains is False and kind in ("fixed", "indefinite"):
        yield Finding(("retention", "type"), f"privacy says data is not retained but the retention type is `{kind}`")


def _references_resolve(doc: Document, index: Index):
    model = doc.data.get("model")
    if model is not None and model not in index.models:
        yield Finding(("model",), f"unknown model `{model}`{suggest(model, index.models)}")
    if model is not None and "authors" in doc.data:
        yield Finding(("authors",), "an offering with a canonical `model` takes its authors from it; remove `authors`")
    for i, author in enumerate(doc.data.get("authors", [])):
        if author not in index.authors:
            yield Finding(("authors", i), f"unknown author `{author}`{suggest(author, index.authors)}")


def _aliases_unique(doc: Document, index: Index):
    provider = doc.rel.split("/")[1]
    for i, alias in enumerate(doc.data.get("aliases", [])):
        other = index.offering_ids.get((provider, alias))
        if other is not None:
            yield Finding(("aliases", i), f"alias `{alias}` is the id of another offering ({other})")


def _changes_match_folder(doc: Document):
    folder = doc.rel.split("/")[1]
    if doc.data.get("provider") != folder:
        yield Finding(("provider",), f"`{doc.data.get('provider')}` is not this folder's provider `{folder}`")


# Rules about one document alone: run per file, in parallel for large catalogs.
LOCAL_RULES = {
    "provider": [_file_matches_id, _dates_exist, _retention_consistent],
    "offering": [_file_matches_id, _dates_exist, _prices_finite, _limits_fit, _lifecycle_ordered, _prices_ordered],
    "model": [_file_matches_id, _dates_exist],
    "author": [_file_matches_id, _dates_exist],
    "links": [],
    "history": [],
    "changes": [_changes_match_folder],
}
# Rules that look across documents: run once all files are read.  They read
# only these top-level fields (validate_catalog may keep no others).
CROSS_FIELDS = ("id", "model", "authors", "aliases")
CROSS_RULES = {
    "provider": [],
    "offering": [_references_resolve, _aliases_unique],
    "model": [_references_resolve],
    "author": [],
}
