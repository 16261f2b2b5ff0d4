"""starmap's ids of providers and authors the catalog knows under models.dev's id.

The same provider (the same service, API and key) or the same author under another spelling
would otherwise enter the catalog twice: ``moonshot-ai`` beside ``moonshotai``, and every Kimi
model twice, so that no offering could be linked to one of them.  The import renames them to the
catalog's ids before merging; a renamed item that meets one already read is a reported duplicate.
"""

from __future__ import annotations

from generator.importers.items import Batch, Item
from generator.model.layout import author_path, model_path

PROVIDERS = {"moonshot-ai": "moonshotai", "google-ai-studio": "google", "azure-openai": "azure"}
AUTHORS = {"moonshot-ai": "moonshotai", "zhipu-ai": "zhipuai", "deepreinforce-ai": "deepreinforce",
           "qwen": "alibaba"}  # models.dev files Qwen models under alibaba, as the catalog's seed does


def model_id(ref):
    """A canonical model id with its author renamed; anything else as it is."""
    if not isinstance(ref, str) or "/" not in ref:
        return ref
    author, _, name = ref.partition("/")
    return f"{AUTHORS.get(author, author)}/{name}"


def renamed(batch: Batch) -> None:
    """The batch's authors, models and the references to them, under the catalog's ids."""
    items, batch.items, batch.seen = batch.items, [], {}
    renames = [_renamed(item) for item in items]
    for item, new in sorted(zip(items, renames), key=lambda pair: pair[0].rel != pair[1].rel):
        batch.add(new)  # the item already under the catalog's id first: a renamed one meeting it is the duplicate


def _renamed(item: Item) -> Item:
    data = dict(item.data)
    if "authors" in data:
        data["authors"] = list(dict.fromkeys(AUTHORS.get(a, a) for a in data["authors"]))
    if item.kind == "author":
        data["id"] = AUTHORS.get(data["id"], data["id"])
        return Item(item.kind, author_path(data["id"]), data, item.origin, item.url, item.credits)
    if item.kind == "model":
        data["id"] = model_id(data["id"])
        return Item(item.kind, model_path(data["id"]), data, item.origin, item.url, item.credits)
    if item.kind == "offering" and "model" in data:
        data["model"] = model_id(data["model"])
    return Item(item.kind, item.rel, data, item.origin, item.url, item.credits)
