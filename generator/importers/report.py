"""What an import did: counts per kind, every skipped input with its reason.

Nothing is dropped silently: an input the importer cannot use becomes a
:class:`Skip` naming the input, the reason (one of :data:`REASONS`) and a
detail; a key it knows but our schema has no field for is counted in
``unmapped``; a value that differs from the catalog's is a
:class:`Disagreement`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator.validation.messages import printable

EXAMPLES = 3  # skipped inputs shown per reason in the grouped summary
EXAMPLE_WIDTH = 200  # characters of an example's input and detail (escaped to one line)
WHOLE = 10**9  # --verbose shows every skipped input's text whole (escaped)
KINDS = ("providers", "offerings", "models", "authors", "logos")
OUTCOMES = ("created", "updated", "unchanged", "skipped")
REASONS = {
    "broken-link": "broken symbolic link",
    "not-toml": "not TOML",
    "not-json": "not JSON",
    "not-yaml": "not YAML",
    "unknown-key": "unknown key",
    "invalid-value": "invalid value",
    "bad-id": "id that cannot become a portable file name",
    "duplicate": "duplicate",
    "unmapped-provider": "provider not in the mapping table",
    "no-data": "holds no usable facts",
    "existing-file": "existing catalog file cannot be read",
    "too-large": "over a size or depth limit",
    "unreadable": "cannot be read",
    "unconfirmed-zero": "unconfirmed price of 0",
    "catalog-has-one": "the catalog keeps its own",
    "history-disagrees": "undated catalog price differs from the source's latest",
    "history-restart": "history walked again from the start",
    "no-provider": "provider not in the catalog",
    "merged": "merged into another entry",
}


@dataclass(frozen=True)
class Skip:
    """One input (a file, an entry or a single field) left out, and why."""

    input: str
    reason: str  # a key of REASONS
    detail: str
    kind: str = ""  # the KINDS entry when a whole item was skipped; "" for a single field

    def format(self) -> str:
        """One line, whatever the input's text holds (line breaks, controls, lone surrogates escaped)."""
        return f"skipped {printable(self.input, WHOLE)}: {REASONS[self.reason]}: {printable(self.detail, WHOLE)}"


@dataclass(frozen=True)
class Disagreement:
    """A fact where the catalog and an imported source differ."""

    file: str
    field: str
    catalog: str
    source: str
    importer: str

    def format(self) -> str:
        return f"{self.file}: {self.field}: catalog {self.catalog}, {self.importer} {self.source}"


@dataclass
class ImportReport:
    importer: str
    source: str
    counts: dict = field(default_factory=lambda: {k: Counter() for k in KINDS})
    skips: list[Skip] = field(default_factory=list)
    unmapped: Counter = field(default_factory=Counter)
    disagreements: list[Disagreement] = field(default_factory=list)
    not_created: Counter = field(default_factory=Counter)  # per kind, with --existing-only

    def skip(self, input: str, reason: str, detail: str, kind: str = "") -> None:
        if reason not in REASONS:
            raise KeyError(f"unknown skip reason {reason!r}")
        self.skips.append(Skip(input, reason, detail, kind))
        if kind:
            self.counts[kind]["skipped"] += 1

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    @property
    def usable(self) -> bool:
        """True when at least one item was created, updated or found unchanged."""
        return any(c[o] for c in self.counts.values() for o in OUTCOMES[:3]) or bool(self.not_created)

    def summary_lines(self) -> list[str]:
        lines = [f"{self.importer} import from {self.source}"]
        for kind in KINDS:
            c = self.counts[kind]
            lines.append(f"  {kind}: " + ", ".join(f"{c[o]} {o}" for o in OUTCOMES))
        reasons = Counter(s.reason for s in self.skips)
        lines.append(f"  skipped inputs: {len(self.skips)}" + "".join(
            f"; {n} {REASONS[r]}" for r, n in sorted(reasons.items())))
        if self.unmapped:
            lines.append(f"  facts without a field in our schema (not imported): {sum(self.unmapped.values())} "
                         f"in {len(self.unmapped)} key(s), listed in the JSON report")
        lines.append(f"  disagreements with the catalog: {len(self.disagreements)}")
        if self.not_created:
            lines.append("  not in the catalog, so not created (--existing-only): " + ", ".join(
                f"{self.not_created[k]} {k}" for k in KINDS if self.not_created[k]))
        return lines

    def skips_by_reason(self, examples: int = EXAMPLES) -> list[str]:
        """The skipped inputs grouped by reason (most frequent first): a count, then the first
        *examples* of each as ``input: detail``, then how many more the full list holds."""
        groups: dict[str, list[Skip]] = {}
        for skip in self.skips:
            groups.setdefault(skip.reason, []).append(skip)
        lines = []
        for reason, skips in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
            lines.append(f"skipped {len(skips)} input(s): {REASONS[reason]}")
            lines += [f"  {printable(s.input, EXAMPLE_WIDTH)}: {printable(s.detail, EXAMPLE_WIDTH)}"
                      for s in skips[:examples]]
            if len(skips) > examples:
                lines.append(f"  ... and {len(skips) - examples} more")
        return lines

    def as_dict(self) -> dict:
        return {
            "importer": self.importer,
            "source": self.source,
            "counts": {k: {o: self.counts[k][o] for o in OUTCOMES} for k in KINDS},
            "skipped": [asdict(s) | {"reason_text": REASONS[s.reason]} for s in self.skips],
            "unmapped": dict(sorted(self.unmapped.items())),
            "disagreements": [asdict(d) for d in self.disagreements],
            "not_created": {k: self.not_created[k] for k in KINDS if self.not_created[k]},
        }

    def write_json(self, path: Path) -> None:
        text = json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"
        # a lone surrogate from an imported JSON string cannot be UTF-8: written as its JSON escape, "\ud800"
        Path(path).write_bytes(text.encode("utf-8", "backslashreplace"))
