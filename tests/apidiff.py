"""Field-by-field comparison of two models.dev-shaped ``api.json`` documents (issue 12).

Used by the differential corpus test: our export of an imported models.dev
corpus against the ``api.json`` models.dev's own build wrote from it.  Numbers
are compared by their exact text (``1`` and ``1.0`` differ, as they would for a
tool reading the file), so documents are parsed with :func:`parse`.
A difference is keyed by a field path: a provider key as ``provider.<key>``,
a model key by its name, except inside ``cost`` and ``limit``, where each
entry is its own field (``cost.context_over_200k``, ``limit.input``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

SPLIT = ("cost", "limit")  # tables whose entries are counted one by one


@dataclass(frozen=True)
class Num:
    """A JSON number as the text it was written with."""
    text: str

    def __repr__(self) -> str:
        return self.text


def parse(raw: bytes | str):
    """JSON with every number kept as its :class:`Num` text."""
    return json.loads(raw, parse_float=Num, parse_int=Num)


@dataclass
class Field:
    """The differences found for one field path."""
    absent: int = 0   # the oracle has it, ours does not
    extra: int = 0    # ours has it, the oracle does not
    changed: int = 0  # both have it, with other values
    example: str = ""

    @property
    def differing(self) -> int:
        return self.absent + self.extra + self.changed


@dataclass
class Diff:
    fields: dict[str, Field] = field(default_factory=lambda: defaultdict(Field))
    instances: list[tuple[str, str]] = field(default_factory=list)  # (field path, provider or provider/model)

    def note(self, path: str, where: str, ours, theirs) -> None:
        self.instances.append((path, where))
        entry = self.fields[path]
        kind = "absent" if ours is _MISSING else "extra" if theirs is _MISSING else "changed"
        setattr(entry, kind, getattr(entry, kind) + 1)
        if not entry.example:
            entry.example = f"{where}: ours {_show(ours)}, models.dev {_show(theirs)}"

    def counts(self) -> dict[str, int]:
        return {path: f.differing for path, f in self.fields.items()}

    def table(self) -> str:
        """The differences as a Markdown table, most frequent first."""
        rows = ["| field | differing | absent | extra | changed | example |", "| --- | --- | --- | --- | --- | --- |"]
        for path, f in sorted(self.fields.items(), key=lambda item: (-item[1].differing, item[0])):
            rows.append(f"| `{path}` | {f.differing} | {f.absent} | {f.extra} | {f.changed} | {f.example[:160]} |")
        return "\n".join(rows)


_MISSING = object()


def _show(value) -> str:
    return "(none)" if value is _MISSING else json.dumps(value, default=repr, ensure_ascii=False)[:60]


def compare(ours: dict, theirs: dict) -> Diff:
    """Every difference between two api.json documents, by field path."""
    diff = Diff()
    for provider_id in sorted(ours.keys() | theirs.keys()):
        mine, other = ours.get(provider_id, _MISSING), theirs.get(provider_id, _MISSING)
        if mine is _MISSING or other is _MISSING:
            diff.note("(provider)", provider_id, mine, other)
            continue
        _keys(diff, provider_id, "provider.", _without_models(mine), _without_models(other))
        _models(diff, provider_id, mine.get("models", {}), other.get("models", {}))
    return diff


def _without_models(provider: dict) -> dict:
    return {k: v for k, v in provider.items() if k != "models"}


def _models(diff: Diff, provider_id: str, ours: dict, theirs: dict) -> None:
    for model_id in sorted(ours.keys() | theirs.keys()):
        where = f"{provider_id}/{model_id}"
        mine, other = ours.get(model_id, _MISSING), theirs.get(model_id, _MISSING)
        if mine is _MISSING or other is _MISSING:
            diff.note("(model)", where, mine, other)
            continue
        _keys(diff, where, "", mine, other)


def _keys(diff: Diff, where: str, prefix: str, ours: dict, theirs: dict) -> None:
    for key in sorted(ours.keys() | theirs.keys()):
        mine, other = ours.get(key, _MISSING), theirs.get(key, _MISSING)
        if key in SPLIT and not prefix and isinstance(mine, dict) and isinstance(other, dict):
            _keys(diff, where, f"{key}.", mine, other)
        elif mine != other:
            diff.note(prefix + key, where, mine, other)


# The reasons for leaving a value out that hold (issue 12), as the import report words them.
HOLDING_REASONS = {
    "a limit of 0 meaning unknown": "is how models.dev marks a limit it does not know",
    "a limit above the context window": "is above limit.context",
    "a templated URL": "templates such as ${VAR} are not URLs",
    "an impossible date": "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "a float artefact": "has more digits than a catalog price keeps exactly",
    "an unconfirmed price of 0": "0 is written by the source both for a free offering and for a price it does not know",
}


# An unknown key is in neither document (models.dev's build drops it too): beside a holding reason
# (a whole ``cost`` table left out for its unconfirmed zeros) it explains nothing and hides nothing.
NOT_A_FIELD = "is not a models.dev field; ignored"


# A field the export derives from another: a value left out of the one changes the other.
DERIVED = {"cost.context_over_200k": ("cost.tiers",)}  # models.dev's build writes it from a single tier >= 200k


def reported_skips(skips) -> dict[tuple[str, str], str]:
    """``{(input file, key): detail}`` of the report's skipped fields (``input`` is ``"<file> (<key>)"``)."""
    found = {}
    for skip in skips:
        file, _, key = skip.input.partition(" (")
        if key.endswith(")"):
            found[(file, key[:-1])] = skip.detail
    return found


def unexplained(diff: Diff, skips: dict[tuple[str, str], str]) -> list[str]:
    """Every difference that no skipped field of the report explains with a reason that holds."""
    out = []
    for path, where in diff.instances:
        provider_id, _, model_id = where.partition("/")
        if model_id:
            file, key = f"providers/{provider_id}/models/{model_id}.toml", path
        elif path.startswith("provider."):
            file, key = f"providers/{provider_id}/provider.toml", path[len("provider."):]
        else:
            file, key = where, path
        keys = (key, *DERIVED.get(key, ()))
        details = [d for (f, k), d in skips.items() if f == file and any(k == c or k.startswith((c + ".", c + "["))
                                                                         for c in keys)]
        holding = [d for d in details if any(p in d for p in HOLDING_REASONS.values())]
        if not holding or not all(d in holding or d.endswith(NOT_A_FIELD) for d in details):
            out.append(f"{path} at {where}: {'; '.join(details) or 'not in the report'}")
    return out
