"""Merge imported documents into a catalog directory without silent overwrites.

Policy, per field (a field path such as ``pricing.input``):

* absent from the catalog file: the imported value is added;
* present and equal: nothing happens;
* present and different: the catalog value stays, unless ``overwrite`` is set;
  a differing price, context window or status is reported as a
  :class:`~.report.Disagreement` either way.

A provider logo the batch carries (:mod:`.logos`) is written after the provider's file, only
where the catalog has none; the provider's source entry then lists the field ``logo``.

Every file that receives facts gets one ``sources`` entry per importer, with
``importer``, a title naming the input (and its commit or date when known) and
``fields``: the field paths that importer supplied.  Importing the same input
again supplies nothing, so it changes nothing.
"""

from __future__ import annotations

import copy
import os
from decimal import Decimal
from pathlib import Path
from typing import Callable

from generator.validation.discover import Entry
from generator.validation.messages import format_path
from generator.validation.problems import ERROR
from generator.validation.validate import check_bytes
from generator.validation.yaml_fast import decode, parse
from generator.importers import logos
from generator.importers.yaml_write import UnrepresentablePrice, UnrepresentableText, dump, write_document
from generator.importers.items import PLURAL, Batch, Item
from generator.importers.models_dev_map import short

COMPARED = frozenset({"context_window", "status", "pricing.currency", "pricing.input", "pricing.output",
                      "pricing.cached_input", "pricing.cache_write", "pricing.reasoning"})
KIND_ORDER = {"author": 0, "model": 1, "provider": 2, "offering": 3}
EXCLUSIVE = {"model": "authors", "authors": "model"}  # an offering names a model or authors, not both
MAX_ATTEMPTS = 4  # merges per item: each leaves out the imported fields validation rejected


def apply(batch: Batch, data_dir: Path, overwrite: bool = False, dry_run: bool = False,
          echo: Callable[[str], None] | None = None, create: bool = True) -> None:
    """Merge every item of *batch* into *data_dir*, counting outcomes in its report.

    With *create* False only files the catalog already has are filled; the others are counted
    in ``report.not_created``, never written.
    """
    planned = logos.plan(batch, data_dir)
    for item in sorted(batch.items, key=lambda i: (KIND_ORDER[i.kind], i.rel)):
        if item.kind == "provider" and item.data.get("id") in planned:
            item.credits = (logos.FIELD,)  # its source entry lists the logo written after it
        _apply_one(batch, item, Path(data_dir), overwrite, dry_run, echo, create)
    logos.write(planned, batch, data_dir, dry_run, echo)


def _apply_one(batch: Batch, item: Item, data_dir: Path, overwrite: bool, dry_run: bool, echo,
               create: bool = True) -> None:
    report, kind = batch.report, PLURAL[item.kind]
    existing = None
    raw = _read(os.path.join(data_dir, item.rel))
    if raw is None and not create:
        report.not_created[kind] += 1
        return
    if raw is not None:
        if raw == _as_created(batch, item):  # fast path: this import made the file and nothing changed since
            report.count(kind, "unchanged")
            return
        existing, problems = _parse(raw, item.rel)
        if existing is None:
            report.skip(item.origin, "existing-file", f"{item.rel}: {problems[0].message}; fix it and import again", kind)
            return
    result = _valid_merge(batch, item, existing, overwrite)
    if result is None:
        return
    merged, supplied, differ, payload = result
    if item.kind == "offering":
        report.disagreements.extend(_disagreements(item.rel, differ, batch.importer))
    if not supplied:
        report.count(kind, "unchanged")
        return
    report.count(kind, "created" if existing is None else "updated")
    if echo:
        echo(_describe(item.rel, existing is None, supplied, differ if overwrite else []))
    if not dry_run:
        write_document(data_dir, item.kind, item.rel, merged, payload)


def _valid_merge(batch: Batch, item: Item, existing: dict | None, overwrite: bool):
    """*item* merged into *existing* so that the file passes validation, as (merged, supplied,
    differ, the validated file's bytes or None); None when it cannot (reported).  An imported field that validation rejects is
    reported and left out, the rest kept; a rejection no imported field explains skips the item."""
    data = item.data
    for _ in range(MAX_ATTEMPTS):
        merged = copy.deepcopy(existing) if existing else {}
        supplied: list[str] = []
        differ: list[tuple[str, object, object]] = []
        _merge(merged, data, "", overwrite, supplied, differ)
        supplied.extend(item.credits)
        dropped = _keep_limits_consistent(merged, supplied) if item.kind == "offering" else []
        payload = None
        if supplied:
            _record_source(merged, batch, item, supplied)
            blamed, rejection, payload = _blamed_fields(item, merged, supplied)
            if rejection:
                _skip_item(batch, item, existing, rejection)
                return None
            if blamed:
                for field, message in blamed.items():
                    batch.report.skip(f"{item.origin} ({field})", "invalid-value", f"{short(_at(merged, field))} "
                                      f"would not pass validation: {message}; the field is left out")
                data = _without(data, blamed)
                continue
        for culprit, detail in dropped:
            batch.report.skip(f"{item.origin} ({culprit})", "invalid-value", detail)
        return merged, supplied, differ, payload
    _skip_item(batch, item, existing, ("", f"still rejected after {MAX_ATTEMPTS} attempts"))
    return None


def _blamed_fields(item: Item, merged: dict, supplied: list[str]):
    """(imported fields that make *merged* fail validation, with why; a rejection none of them
    explains, or None; the bytes of *merged* when it passes, so they are not written out twice).
    All empty: *merged* passes."""
    rejected, payload = verdict(item.kind, item.rel, merged)
    if not rejected:
        return {}, None, payload
    blamed = _blame(rejected, supplied)
    if blamed is not None:
        return blamed, None, None
    for field in supplied:  # a rule across fields may point at a curated one: find the imported culprit
        if not rejections(item.kind, item.rel, _without(merged, [field])):
            return {field: rejected[0][1]}, None, None
    return {}, rejected[0], None


def rejections(kind: str, rel: str, data: dict) -> list[tuple[str, str]]:
    """What validation would reject in *data* written at *rel*: (field path, message) pairs,
    the path "" for a problem with the file as a whole."""
    return verdict(kind, rel, data)[0]


def verdict(kind: str, rel: str, data: dict) -> tuple[list[tuple[str, str]], bytes | None]:
    """:func:`rejections` of *data*, and the bytes that were checked (None when not representable)."""
    try:
        payload = dump(kind, rel, data).encode("utf-8")
    except (UnrepresentablePrice, UnrepresentableText) as exc:  # a number YAML cannot hold exactly, a lone
        return [("", str(exc))], None  # surrogate: the field behind it is found and left out, as any rejection
    doc, problems = check_bytes(Entry(kind, rel, rel, rel), payload)
    found = [("", p.message) for p in problems if p.severity == ERROR]  # pragma: no mutate (mutation/equivalent.md)
    if doc is not None:
        found += [(format_path(f.path), f.message) for f in doc.findings]
    return found, payload


def _blame(rejected: list[tuple[str, str]], supplied: list[str]) -> dict[str, str] | None:
    """The imported field (one of *supplied*) behind each rejection, or None if one has none."""
    blamed: dict[str, str] = {}
    for where, message in rejected:
        field = next((s for s in supplied if where == s or where.startswith((s + ".", s + "["))), None)
        if field is None:
            return None
        blamed.setdefault(field, message)
    return blamed


def _skip_item(batch: Batch, item: Item, existing, rejection: tuple[str, str]) -> None:
    where, message = rejection
    left = "the file is left as it was" if existing is not None else "the file is not written"
    batch.report.skip(item.origin, "invalid-value", f"{item.rel} would not pass validation "
                      f"({where + ': ' if where else ''}{message}); {left}", PLURAL[item.kind])


def _at(data: dict, field: str):
    for part in field.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _without(data: dict, fields) -> dict:
    """A copy of *data* without the dotted *fields*, and without the mappings they leave empty."""
    out = copy.deepcopy(data)
    for field in fields:
        *parents, last = field.split(".")
        chain, node = [], out
        for part in parents:
            chain.append((node, part))
            node = node.get(part, {})
        node.pop(last, None)
        for parent, part in reversed(chain):
            if parent.get(part) == {}:
                del parent[part]
    return out


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _parse(raw: bytes, rel: str):
    text, problems = decode(raw, rel)
    if text is None:
        return None, problems
    data, more = parse(text, rel)
    return data, problems + more


def _as_created(batch: Batch, item: Item) -> bytes | None:
    """The bytes this import writes when it creates the file: equal bytes mean nothing to do.
    None when the item holds what no file can (the merge reports it)."""
    created: dict = {}
    supplied: list[str] = []
    _merge(created, item.data, "", False, supplied, [])
    supplied.extend(item.credits)
    _record_source(created, batch, item, supplied)
    try:
        return dump(item.kind, item.rel, created).encode("utf-8")
    except (UnrepresentablePrice, UnrepresentableText):
        return None


def norm(value):
    """Values as compared: floats read from YAML become the Decimal the catalog means."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [norm(v) for v in value]
    return value


def _merge(target: dict, incoming: dict, prefix: str, overwrite: bool, supplied: list, differ: list) -> None:
    for key, value in incoming.items():
        path = prefix + key
        if not prefix and key == "id" and "id" in target:
            continue  # the file's identity: credited only to the import that created the file
        if not prefix and EXCLUSIVE.get(key) in target:
            continue
        current = target.get(key)
        if key == "pricing" and isinstance(current, dict) and not overwrite and \
                current.get("currency", "USD") != value.get("currency", "USD"):
            differ.append(("pricing.currency", current.get("currency", "USD"), value.get("currency", "USD")))
            continue
        if isinstance(value, dict) and isinstance(current, dict):
            _merge(current, value, path + ".", overwrite, supplied, differ)
        elif key not in target:
            target[key] = value
            supplied.extend(leaf_paths(value, path))
        elif norm(current) != norm(value):
            differ.append((path, current, value))
            if overwrite:
                target[key] = value
                supplied.extend(leaf_paths(value, path))


def leaf_paths(value, path: str) -> list[str]:
    """The field paths below *path*: mappings are walked, lists and scalars are leaves."""
    if isinstance(value, dict):
        return [p for key, sub in value.items() for p in leaf_paths(sub, f"{path}.{key}")]
    return [path]


def _keep_limits_consistent(merged: dict, supplied: list) -> list[tuple[str, str]]:
    """Drop an imported limit that contradicts the catalog's context window: (field, why) for
    each, reported once the merge is final."""
    dropped = []
    context = merged.get("context_window")
    for name in ("max_output_tokens", "max_input_tokens"):
        value = merged.get(name)
        if context is None or value is None or value <= context:
            continue
        culprit = name if name in supplied else "context_window" if "context_window" in supplied else None
        if culprit is None:
            continue
        left_out = merged.pop(culprit)
        supplied.remove(culprit)
        dropped.append((culprit, f"{culprit} {left_out} is left out: with it, {name} {value} would exceed "
                        f"the context window {context}"))
        context = merged.get("context_window")
    return dropped


def _disagreements(rel: str, differ, importer: str):
    from generator.importers.report import Disagreement

    for path, current, value in differ:
        if path in COMPARED:
            yield Disagreement(rel, path, _show(current), _show(value), importer)


def _show(value) -> str:
    value = norm(value)
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _record_source(merged: dict, batch: Batch, item: Item, supplied: list[str]) -> None:
    sources = merged.setdefault("sources", [])
    taken = set(supplied)
    kept = []
    previous: list[str] = []
    for entry in sources:
        if entry.get("importer") == batch.importer:
            previous = entry.get("fields", [])
            kept.append(None)  # position of this importer's entry
            continue
        if entry.get("importer") and taken & set(entry.get("fields", [])):
            entry = {**entry, "fields": [f for f in entry["fields"] if f not in taken]}
            if not entry["fields"]:
                continue
        kept.append(entry)
    own = {"title": f"{batch.label}: {item.origin}"}
    if item.url:
        own["url"] = item.url
    own |= {"importer": batch.importer, "fields": sorted(set(previous) | taken)}
    merged["sources"] = [own if e is None else e for e in kept] if None in kept else kept + [own]


def _describe(rel: str, created: bool, supplied: list[str], replaced) -> str:
    if created:
        return f"create {rel}: {len(supplied)} field(s)"
    parts = [f"+{p}" for p in supplied if p not in {r[0] for r in replaced}]
    parts += [f"~{p} ({_show(old)} -> {_show(new)})" for p, old, new in replaced]
    return f"update {rel}: " + ", ".join(parts)
