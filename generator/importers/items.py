"""What an importer produces: catalog documents to merge, one per file."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.importers.report import ImportReport

PLURAL = {"provider": "providers", "offering": "offerings", "model": "models", "author": "authors"}


@dataclass
class Item:
    """One catalog document built from an input: where it goes and its facts."""

    kind: str  # schema kind: provider, offering, model or author
    rel: str  # path below the data directory, from generator.model.layout
    data: dict  # the facts, in our schema's shape (prices as Decimal)
    origin: str  # the input it came from, e.g. providers/x/models/y.toml
    url: str | None = None  # a URL the source itself cites for these facts
    credits: tuple[str, ...] = ()  # fields supplied outside the document (a provider's logo file)


@dataclass
class Batch:
    """Everything one import read: the items and the report of what was skipped."""

    importer: str  # models.dev or litellm
    label: str  # the input, with its commit or date when known
    report: ImportReport
    items: list[Item] = field(default_factory=list)
    seen: dict = field(default_factory=dict)
    logos: list = field(default_factory=list)  # checked provider logos (generator/importers/logos.py)

    def add(self, item: Item) -> bool:
        """Add *item* unless another input already produced its file (reported)."""
        first = self.seen.get(item.rel)
        if first is not None:
            self.report.skip(item.origin, "duplicate", f"gives the same {item.kind} as {first} ({item.rel})",
                             PLURAL[item.kind])
            return False
        self.seen[item.rel] = item.origin
        self.items.append(item)
        return True


def noting_repeats(repeated: list[str]):
    """A JSON object hook that keeps the last value of a repeated key and notes the key."""
    def hook(pairs):
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            repeated.extend(k for k, _ in pairs if k in seen or seen.add(k))
        return result
    return hook
