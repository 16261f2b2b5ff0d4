"""Which keys an edit dirties: a rule of the data model, not of the templates (the keys are those
:mod:`.deps` records while a page renders).

An offering is in its provider's and its model's lists and its direct authors'; a canonical
model's facts are inherited by its offerings; the catalog as a whole (which ids exist, the build
date, the most served models, the changes) is dirtied only by the edits that can change it.
"""

from __future__ import annotations

from collections import defaultdict

from generator.outputs.docs.deps import ALL, BUILD_DATE, CHANGES, DOCUMENT_KINDS, MOST_SERVED


class Graph:
    """Which offerings each canonical model has, from the documents (rel -> an entry with ``kind``
    and ``data``, as the document cache holds them)."""

    def __init__(self, documents: dict):
        self.by_model = defaultdict(list)  # model id -> [(provider id, offering id)]
        for rel, entry in documents.items():
            if entry.kind == "offering" and entry.data.get("model"):
                self.by_model[entry.data["model"]].append((rel.split("/")[1], entry.data["id"]))


NO_MODELS = Graph({})


def affected(before: dict, after: dict, changed: list[tuple]) -> tuple[set, set[str]]:
    """The keys an edit dirties (*changed*: (kind, rel, old data, new data)), looked up before and
    after it; and the providers whose part of the JSON exports it may change (:func:`export_dirty`).
    Only a canonical model's change looks at which offerings serve it: the graphs of all documents
    are built for that alone (a tenth of an offering edit's bookkeeping, otherwise)."""
    if any(kind == "model" for kind, *_ in changed):
        old, new = Graph(before), Graph(after)
    else:
        old = new = NO_MODELS
    keys = {ALL}
    for kind, rel, old_data, new_data in changed:
        keys |= _overall(kind, rel, old_data, new_data)
        for graph, data in ((old, old_data), (new, new_data)):
            if data is not None and kind in DOCUMENT_KINDS:
                keys |= _dirty(kind, rel, data, graph)
    return keys, export_dirty(old, new, changed)


def _overall(kind: str, rel: str, old: dict | None, new: dict | None) -> set:
    """The keys of what the catalog as a whole shows that a change of one file dirties: which ids
    exist, the build date, the most served models, the changes."""
    def differs(name: str) -> bool:
        return old is None or new is None or old.get(name) != new.get(name)

    keys = set()
    if (old is None or new is None) and kind in DOCUMENT_KINDS:
        keys.add(("ids", kind))
        if kind == "offering":
            keys.add(("provider-offering-ids", rel.split("/")[1]))
    if kind in ("provider", "offering") and differs("last_verified"):
        keys.add(BUILD_DATE)
    if kind == "model" or (kind == "offering" and differs("model")):
        keys.add(MOST_SERVED)
    if kind == "changes" or (kind == "offering" and differs("pricing") and (_dated(old) or _dated(new))):
        keys.add(CHANGES)
    return keys


def _dated(data: dict | None) -> bool:
    """Whether an offering's prices have a date: undated prices make no change (catalog.changes)."""
    pricing = (data or {}).get("pricing") or {}
    return bool(pricing.get("history")) or pricing.get("effective_from") is not None


def _dirty(kind: str, rel: str, data: dict, graph: Graph) -> set:
    """The keys a change of one document (its data before or after) dirties."""
    if kind == "offering":
        provider = rel.split("/")[1]
        keys = {("offering", provider, data["id"]), ("provider-offerings", provider)}
        if data.get("model"):
            keys.add(("model-offerings", data["model"]))
        return keys | {("author-offerings", a) for a in data.get("authors", ())}
    if kind == "model":
        keys = {("model", data["id"]), ("model-offerings", data["id"])}
        keys |= {("author-models", a) for a in data.get("authors", ())}
        for provider, offering in graph.by_model.get(data["id"], ()):  # they inherit its facts
            keys |= {("offering", provider, offering), ("provider-offerings", provider)}
        return keys
    return {(kind, data["id"])}  # a provider or an author: its own document


def export_dirty(old: Graph, new: Graph, changed: list[tuple]) -> set[str]:
    """Providers whose part of the exports may change: that of a changed provider or offering, and
    of every provider serving a changed canonical model (its offerings inherit the model's facts).
    Authors appear in the exports only by id, and in their own list, which is always encoded."""
    providers = set()
    for kind, rel, old_data, new_data in changed:
        if kind in ("provider", "offering"):
            providers.add(rel.split("/")[1])
        elif kind == "model":
            for graph, data in ((old, old_data), (new, new_data)):
                if data is not None:
                    providers.update(p for p, _ in graph.by_model.get(data["id"], ()))
    return providers
