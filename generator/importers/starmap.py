"""Read starmap's embedded catalog (agentstation/starmap, ``internal/embedded/catalog``).

``providers.yaml`` and ``authors.yaml`` list providers and authors; ``authors/<author>/models/*.yaml``
are canonical models and ``providers/<provider>/models/**.yaml`` offerings (an id holding ``/`` is
a sub-folder).  Only facts are read, never prose (descriptions, policy details).  Files are read
within bounds, as regular files only: a symbolic link is reported, never followed, and so is a
folder link.  ``endpoints.yaml`` indexes the offerings' own facts by model and is not read; a
provider's ``logo.svg`` goes through :mod:`.logos`, refused when it could run or load anything.  Field mapping is :mod:`.starmap_map` and :mod:`.starmap_provider`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.model.layout import author_path, model_path, offering_path, provider_path
from generator.importers import logos
from generator.importers import models_dev_map as m
from generator.importers import starmap_ids
from generator.importers import starmap_map as s
from generator.importers import starmap_provider as sp
from generator.importers.free import free_reason
from generator.importers.inputs import Refused, read_bounded
from generator.importers.items import Batch, Item
from generator.importers.models_dev import _OFFERING_ID, _SLUG, _git_commit
from generator.importers.report import ImportReport
from generator.importers.tree import folder_link_problem, inside, toml_files

IMPORTER = "starmap"
MAX_LIST_BYTES = 8 * 2**20  # providers.yaml is 32 kB, authors.yaml 26 kB (2026-08)
MAX_MODEL_BYTES = 2**20  # the largest model file is under 10 kB
_COMMENT_LINE = re.compile(r"^[ ]*#[^\n]*$", re.MULTILINE)
_MASK = str.maketrans("&!*", "   ")
SHARED_UNMAPPED = frozenset({"description", "created_at", "updated_at", "reasoning", "reasoning_tokens",
                             "generation", "modes", "extensions"})
MODEL_KEYS = frozenset({"id", "name", "authors", "metadata", "lineage", "features"})
OFFERING_KEYS = MODEL_KEYS | {"model", "limits", "pricing", "status"}
MODEL_UNMAPPED = SHARED_UNMAPPED | {"limits", "pricing", "status"}  # an offering's facts in our schema


OUR_IDS = starmap_ids.PROVIDERS  # provider ids the catalog knows under models.dev's id


def read(path: Path, commit: str | None = None, accessed: str | None = None) -> Batch:
    """Every provider, author, canonical model and offering of the starmap catalog at *path*."""
    path = Path(path)
    commit = commit or _git_commit(path)
    label = IMPORTER + "".join(f" {k} {v}" for k, v in (("commit", commit), ("read", accessed)) if v)
    batch = Batch(IMPORTER, label, ImportReport(IMPORTER, str(path)))
    if not (path / "providers.yaml").exists() and not os.path.islink(path / "providers.yaml"):
        batch.report.skip(str(path), "no-data", "not a starmap catalog (no providers.yaml)", "providers")
        return batch
    root = os.path.realpath(path)
    for raw, origin in _entries(path, "authors.yaml", "authors", batch):
        batch.add(Item("author", author_path(raw["id"]), sp.author(_ctx(batch, origin, "author"), raw), origin))
    canonical = _canonical_models(path, root, batch)
    for raw, origin in _entries(path, "providers.yaml", "providers", batch):
        ours = OUR_IDS.get(raw["id"], raw["id"])
        data = {**sp.provider(_ctx(batch, origin, "provider"), raw), "id": ours}
        moderation = data.get("moderation", {})
        if moderation.get("moderated_by") in OUR_IDS:  # starmap names the provider itself by its own id
            data["moderation"] = {**moderation, "moderated_by": OUR_IDS[moderation["moderated_by"]]}
        if batch.add(Item("provider", provider_path(ours), data, origin)):
            _logo(path / "providers" / raw["id"] / "logo.svg", ours, root, batch)
            _offerings(path, root, raw["id"], canonical, batch, ours)
    _unclaimed_provider_folders(path, root, batch)
    starmap_ids.renamed(batch)
    return batch


def _logo(svg: Path, provider_id: str, root: str, batch: Batch) -> None:
    """The provider's logo, checked as every imported logo is (see LOGO-NOTICE.md for the licences)."""
    if os.path.lexists(svg):
        logos.offer(svg, provider_id, batch, root, str(svg.relative_to(svg.parents[2])))


def _ctx(batch: Batch, origin: str, prefix: str) -> s.StarmapContext:
    return s.StarmapContext(batch.report, origin, prefix)


# -- reading files ----------------------------------------------------------------------

def load(path: Path, rel: str, report: ImportReport, kind: str, limit: int, want: type):
    """The YAML document at *path* if it is a *want*; otherwise None with the reason reported."""
    if os.path.islink(path):
        report.skip(rel, "broken-link", f"symbolic link to {os.readlink(path)}; links are not followed", kind)
        return None
    try:
        raw = read_bounded(path, limit)
    except Refused as refused:
        report.skip(rel, refused.reason or "unreadable", refused.detail, kind)
        return None
    except OSError as error:
        report.skip(rel, "unreadable", f"cannot be read: {error.strerror or error}", kind)
        return None
    data, problem = _parse(raw, rel, want)
    if problem:
        report.skip(rel, "not-yaml", problem, kind)
    return data


def _parse(raw: bytes, rel: str, want: type):
    from generator.validation.yaml_careful import careful_parse
    from generator.validation.yaml_fast import decode, parse

    text, problems = decode(raw, rel)
    if text is None:
        return None, problems[0].message
    try:
        quick = _commented(text) if want is dict else None
        data, problems = (quick, []) if quick is not None else parse(text, rel) if want is dict else careful_parse(text, rel)
    except RecursionError:
        return None, "nested too deep for the YAML parser; not read"
    if problems:
        return None, f"line {problems[0].line}, column {problems[0].column}: {problems[0].message}"
    if not isinstance(data, want):
        return None, f"holds {type(data).__name__}, not a {'mapping' if want is dict else 'list'}"
    return data, None


def _commented(text: str) -> dict | None:
    """The mapping in *text* through the fast parser when only comment lines keep it off that path.

    Every starmap model file has a comment such as ``# Reasoning & Verbosity``; the fast path
    refuses any ``&``, ``!`` or ``*`` (anchors, tags, aliases), so each file took the slower
    careful path.  In a comment line, or in a block scalar's text, these characters are text to
    both parsers: when the file is plain once they are masked in such lines, the fast parser
    reads the file itself (unmasked)."""
    from generator.validation import yaml_fast

    probe = _COMMENT_LINE.sub(lambda line: line.group(0).translate(_MASK), text)
    if probe == text or yaml_fast.fast_parse(probe) is None:
        return None
    try:
        data = yaml_fast._fast.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - the careful path reports it properly
        return None
    return data if isinstance(data, dict) else None


def _entries(path: Path, name: str, kind: str, batch: Batch):
    """The entries of the list file *name* that have a usable id, with their origin."""
    entries = load(path / name, name, batch.report, kind, MAX_LIST_BYTES, list)
    for i, raw in enumerate(entries or []):
        entry_id = raw.get("id") if isinstance(raw, dict) else None
        origin = f"{name}: {entry_id}" if isinstance(entry_id, str) else f"{name}: entry {i + 1}"
        if not isinstance(raw, dict):
            batch.report.skip(origin, "invalid-value", "is not a mapping", kind)
        elif not isinstance(entry_id, str) or not _SLUG.match(entry_id):
            batch.report.skip(origin, "bad-id", f"id {m.short(entry_id)} is not a lowercase slug "
                              "(a-z, 0-9, '.', '_', '-')", kind)
        else:
            yield raw, origin


def _yaml_files(folder: Path, shown: str, root: str, batch: Batch, kind: str) -> list[tuple[str, str]]:
    if folder.is_symlink():
        batch.report.skip(shown.rstrip("/"), "broken-link", folder_link_problem(str(folder), root), kind)
        return []
    if not folder.is_dir() or not inside(os.path.realpath(folder), root):
        return []
    return toml_files(folder, shown, root, batch.report, kind, suffix=".yaml")


# -- canonical models and offerings ---------------------------------------------------

def _canonical_models(path: Path, root: str, batch: Batch) -> set[str]:
    found = set()
    for folder in _folders(path / "authors", "authors/", root, batch, "models"):
        for file, below in _yaml_files(folder / "models", f"authors/{folder.name}/models/", root, batch, "models"):
            rel = f"authors/{folder.name}/models/{below}"
            raw = load(Path(file), rel, batch.report, "models", MAX_MODEL_BYTES, dict)
            if raw is not None and (data := _model(folder.name, below[:-len(".yaml")], raw, rel, batch)):
                if batch.add(Item("model", model_path(data["id"]), data, rel)):
                    found.add(data["id"])
                    for author_id in data["authors"]:
                        _author_named(author_id, raw, rel, batch)
    return found


def _folders(folder: Path, shown: str, root: str, batch: Batch, kind: str) -> list[Path]:
    if not folder.is_dir() or folder.is_symlink():
        return []
    out = []
    for child in sorted(folder.iterdir()):
        if child.is_symlink() and child.is_dir():
            batch.report.skip(shown + child.name, "broken-link", folder_link_problem(str(child), root), kind)
        elif child.is_dir() and inside(os.path.realpath(child), root):
            out.append(child)
    return out


def _model(author_id: str, name: str, raw: dict, rel: str, batch: Batch) -> dict | None:
    if not _SLUG.match(author_id) or "/" in name or not _OFFERING_ID.match(name) or any(c.isspace() for c in name):
        batch.report.skip(rel, "bad-id", f"`{author_id}/{name}` is not '<author>/<name>' with a lowercase author id "
                          "and a name without '/' or spaces", "models")
        return None
    ctx = _ctx(batch, rel, "model")
    s.check_keys(ctx, raw, MODEL_KEYS, MODEL_UNMAPPED)
    others = [a["id"] for a in raw.get("authors") or [] if isinstance(a, dict) and isinstance(a.get("id"), str)
              and _SLUG.match(a["id"]) and a["id"] != author_id]
    data = {"id": f"{author_id}/{name}", "name": _name(ctx, raw, name), "authors": [author_id, *others]}
    _model_facts(ctx, data, raw, offering=False)
    return data


def _name(ctx: s.StarmapContext, raw: dict, default: str) -> str:
    return m.text(ctx, "name", raw["name"]) or default if "name" in raw else default


def _author_named(author_id: str, raw: dict, origin: str, batch: Batch) -> None:
    """An author that ``authors.yaml`` does not list, named as the model file names it."""
    if author_path(author_id) in batch.seen:
        return
    names = [a.get("name") for a in raw.get("authors") or [] if isinstance(a, dict) and a.get("id") == author_id]
    name = names[0] if names and isinstance(names[0], str) and names[0].strip() else author_id
    batch.add(Item("author", author_path(author_id), {"id": author_id, "name": name}, origin))


def _model_facts(ctx: s.StarmapContext, data: dict, raw: dict, offering: bool) -> None:
    """Facts canonical models and offerings share: family, dates, open weights, modalities;
    features and kind are an offering's in our schema, so a canonical model's are counted unmapped."""
    lineage = s.table(ctx, "lineage", raw.get("lineage", {}))
    s.check_keys(ctx, lineage, {"family"}, {"root"}, "lineage.")
    sp._put(data, "family", lineage, "family", lambda v: m.text(ctx, "lineage.family", v))
    meta = s.table(ctx, "metadata", raw.get("metadata", {}))
    s.check_keys(ctx, meta, {"release_date", "knowledge_cutoff", "open_weights"}, {"tags"}, "metadata.")
    for key in ("release_date", "knowledge_cutoff"):
        sp._put(data, key, meta, key, lambda v, k=key: s.day(ctx, f"metadata.{k}", v))
    sp._put(data, "open_weights", meta, "open_weights",
            lambda v: v if m.is_bool(v) else ctx.invalid("metadata.open_weights", v, "is not true or false"))
    features, modalities, kind = s.features(ctx, raw.get("features", {}), offering)
    data.update({"modalities": modalities} if modalities else {})
    if offering:
        data.update({"kind": kind} if kind else {}, **({"features": features} if features else {}))
    elif kind:
        ctx.unmapped("features.modalities.output.embedding")


def _offerings(path: Path, root: str, provider_id: str, canonical: set[str], batch: Batch,
               ours: str | None = None) -> None:
    """The offerings in starmap's folder of *provider_id*, for our provider *ours* (the same by default)."""
    folder = path / "providers" / provider_id
    if folder.is_symlink():
        batch.report.skip(f"providers/{provider_id}", "broken-link", folder_link_problem(str(folder), root), "offerings")
        return
    shown = f"providers/{provider_id}/models/"
    for file, below in _yaml_files(folder / "models", shown, root, batch, "offerings"):
        raw = load(Path(file), shown + below, batch.report, "offerings", MAX_MODEL_BYTES, dict)
        if raw is not None:
            _offering(ours or provider_id, raw, shown + below, canonical, batch)


def _offering(provider_id: str, raw: dict, rel: str, canonical: set[str], batch: Batch) -> None:
    offering_id = raw.get("id")
    if not isinstance(offering_id, str) or not _OFFERING_ID.match(offering_id):
        batch.report.skip(rel, "bad-id", f"id {m.short(offering_id)} is missing, holds control characters or is "
                          "longer than 200 characters", "offerings")
        return
    ctx = _ctx(batch, rel, "offering")
    ctx.free = free_reason(provider_id, offering_id, raw.get("name"))
    s.check_keys(ctx, raw, OFFERING_KEYS, SHARED_UNMAPPED)
    data = {"id": offering_id, "name": _name(ctx, raw, offering_id)}
    ref = raw.get("model")
    if ref in canonical:
        data["model"] = ref
    else:
        if ref is not None:
            ctx.invalid("model", ref, "names no model under authors/; the offering's authors are imported")
        data.update(_known_authors(ctx, raw.get("authors"), batch))
    data.update(s.limits(ctx, raw["limits"]) if "limits" in raw else {})
    sp._put(data, "pricing", raw, "pricing", lambda v: s.pricing(ctx, v))
    sp._put(data, "status", raw, "status", lambda v: s.status(ctx, v))
    _model_facts(ctx, data, raw, offering=True)
    if data["name"] == offering_id:
        del data["name"]  # an offering without a name is named by its id
    batch.add(Item("offering", offering_path(provider_id, offering_id), data, rel))


def _known_authors(ctx: s.StarmapContext, raw, batch: Batch) -> dict:
    """``authors`` of an offering that names no canonical model: the ids imported as authors."""
    ids = [a.get("id") if isinstance(a, dict) else a for a in raw] if isinstance(raw, list) else [raw] if raw else []
    known = [i for i in ids if isinstance(i, str) and author_path(i) in batch.seen]
    if len(known) != len(ids):
        ctx.invalid("authors", [i for i in ids if i not in known], "names no author of authors.yaml or authors/")
    return {"authors": known} if known else {}


def _unclaimed_provider_folders(path: Path, root: str, batch: Batch) -> None:
    for folder in _folders(path / "providers", "providers/", root, batch, "offerings"):
        if provider_path(OUR_IDS.get(folder.name, folder.name)) not in batch.seen:
            for _, below in _yaml_files(folder / "models", f"providers/{folder.name}/models/", root, batch, "offerings"):
                batch.report.skip(f"providers/{folder.name}/models/{below}", "no-data",
                                  f"its provider `{folder.name}` is not in providers.yaml (or was skipped)", "offerings")
