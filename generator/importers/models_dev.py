"""Read a models.dev checkout (``providers/`` and ``models/``) or its ``api.json``.

Files, links and ``base_model`` inheritance are read by :mod:`.models_dev_read`;
field mapping is :mod:`.models_dev_map`.  This module walks the tree and
turns each file into catalog documents.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from generator.model.layout import author_path, is_plain_name, model_path, offering_path, provider_path
from generator.importers import logos
from generator.importers import models_dev_client as client
from generator.importers import models_dev_map as m
from generator.importers.free import free_reason
from generator.importers.inputs import FAILED, read_json
from generator.importers.items import Batch, Item
from generator.importers.models_dev_read import read_toml, resolve_base
from generator.importers.tree import folder_link_problem, inside, toml_files
from generator.importers.report import ImportReport

IMPORTER = "models.dev"
INHERITABLE = ("name", "family", "release_date", "last_updated", "knowledge_cutoff", "open_weights", "modalities")
KNOWN_AUTHORS = {
    "alibaba": "Alibaba", "anthropic": "Anthropic", "deepseek": "DeepSeek", "google": "Google", "meta": "Meta",
    "mistral": "Mistral AI", "moonshotai": "Moonshot AI", "nvidia": "NVIDIA", "openai": "OpenAI", "xai": "xAI",
}
_SLUG = re.compile(r"^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9_-])?$")
_OFFERING_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")


def read(path: Path, commit: str | None = None, accessed: str | None = None) -> Batch:
    """Every provider, offering, canonical model and author at *path*."""
    path = Path(path)
    commit = commit or _git_commit(path)
    label = IMPORTER + "".join(f" {k} {v}" for k, v in (("commit", commit), ("read", accessed)) if v)
    batch = Batch(IMPORTER, label, ImportReport(IMPORTER, str(path)))
    if path.is_file():
        _read_api_json(path, batch)
    elif not (path / "providers").is_dir():
        batch.report.skip(str(path), "no-data", "neither a models.dev checkout (no providers/ folder) nor api.json",
                          "providers")
    else:
        root = os.path.realpath(path)
        bases, canonical = _canonical_models(path / "models", root, batch)
        for folder in _provider_folders(path / "providers", root, batch):
            _provider(folder, root, bases, canonical, batch)
    return batch


def _git_commit(path: Path) -> str | None:
    root = path if path.is_dir() else path.parent
    if not (root / ".git").exists():
        return None
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or None


# -- reading files ------------------------------------------------------------------

def _read_api_json(path: Path, batch: Batch) -> None:
    repeated: list[str] = []
    providers = read_json(path, batch.report, "providers", repeated)
    if providers is FAILED:
        return
    for key in repeated:
        batch.report.skip(f"api.json: {key}", "duplicate", "the key is given more than once; only its last value is read")
    if not isinstance(providers, dict):
        batch.report.skip(str(path), "invalid-value", "api.json is not an object of providers", "providers")
        return
    for provider_id, raw in sorted(providers.items()):
        if not isinstance(raw, dict) or not isinstance(raw.get("models", {}), dict):
            batch.report.skip(f"api.json: {provider_id}", "invalid-value", "not a provider object", "providers")
            continue
        models = raw.pop("models", {})
        raw.pop("id", None)
        if _add_provider(provider_id, raw, f"api.json: {provider_id}", batch):
            for model_id, model in sorted(models.items()):
                if not isinstance(model, dict):
                    batch.report.skip(f"api.json: {provider_id}/{model_id}", "invalid-value", "not a model object",
                                      "offerings")
                    continue
                model.pop("id", None)
                _add_offering(provider_id, model_id, model, f"api.json: {provider_id}/{model_id}", None, {}, batch)


# -- canonical models and authors -----------------------------------------------------

def _canonical_models(folder: Path, root: str, batch: Batch) -> tuple[dict, dict]:
    bases: dict[str, dict] = {}
    canonical: dict[str, dict] = {}
    if not _own_folder(folder, "models", root, batch, "models"):
        return bases, canonical
    for path, below in toml_files(folder, "models/", root, batch.report, "models"):
        rel = "models/" + below
        raw = read_toml(path, rel, batch.report, "models", root)
        if raw is None:
            continue
        model_id = rel[len("models/"):-len(".toml")]
        bases[model_id] = raw
        data = _canonical(model_id, raw, rel, batch)
        if data and batch.add(Item("model", model_path(model_id), data, rel)):
            canonical[model_id] = data
            _add_author(data["authors"][0], rel, batch)
    return bases, canonical


def _canonical(model_id: str, raw: dict, rel: str, batch: Batch) -> dict | None:
    lab, _, name = model_id.partition("/")
    if not _SLUG.match(lab) or not name or "/" in name or any(c.isspace() for c in name):
        batch.report.skip(rel, "bad-id", f"`{model_id}` is not '<author>/<name>' with a lowercase author id "
                          "and a name without '/' or spaces", "models")
        return None
    ctx = m.Context(batch.report, rel, "model")
    _check_keys(ctx, raw, m.MODEL_KEYS - {"base_model", "base_model_omit"})
    data = {"id": model_id, "name": m.text(ctx, "name", raw.get("name", name)) or name, "authors": [lab]}
    _model_facts(ctx, data, raw)
    _put(data, "license", raw, "license", lambda v: m.text(ctx, "license", v))
    links = _links(ctx, raw.get("links", []), "") + _links(ctx, raw.get("weights", []), "Weights: ")
    if links:
        data["links"] = links
    for key in raw.keys() & m.MODEL_UNMAPPED:
        ctx.unmapped(key)
    return data


def _model_facts(ctx: m.Context, data: dict, raw: dict) -> None:
    """The facts a canonical model and an offering share: family, dates, open weights, modalities."""
    _put(data, "family", raw, "family", lambda v: m.text(ctx, "family", v))
    for ours, theirs in (("release_date", "release_date"), ("last_updated", "last_updated"),
                         ("knowledge_cutoff", "knowledge")):
        _put(data, ours, raw, theirs, lambda v, key=theirs: m.day(ctx, key, v, partial=True))
    _put(data, "open_weights", raw, "open_weights", lambda v: v if m.is_bool(v) else ctx.invalid("open_weights", v, "is not true or false"))
    _put(data, "modalities", raw, "modalities", lambda v: m.modalities(ctx, v) or None)


def _links(ctx: m.Context, items, prefix: str) -> list[dict]:
    out = []
    for item in items if isinstance(items, list) else []:
        label, address = (item.get("label"), item.get("url")) if isinstance(item, dict) else (None, None)
        if isinstance(label, str) and label and m.url(ctx, "links.url", address):
            out.append({"label": prefix + label, "url": address})
    return out


def _add_author(author_id: str, origin: str, batch: Batch) -> None:
    rel = author_path(author_id)
    if rel not in batch.seen:
        batch.add(Item("author", rel, {"id": author_id, "name": KNOWN_AUTHORS.get(author_id, author_id)}, origin))


def _put(data: dict, ours: str, raw: dict, theirs: str, convert) -> None:
    if theirs in raw and (value := convert(raw[theirs])) is not None:
        data[ours] = value


def _check_keys(ctx: m.Context, raw: dict, known) -> None:
    for key in sorted(raw.keys() - known):
        ctx.unknown(key)


# -- providers and offerings -------------------------------------------------------------

def _own_folder(folder: Path, shown: str, root: str, batch: Batch, kind: str) -> bool:
    """True when *folder* is a folder of the checkout itself; a folder link is reported instead."""
    if folder.is_symlink() and folder.is_dir():
        batch.report.skip(shown, "broken-link", folder_link_problem(str(folder), root), kind)
        return False
    return folder.is_dir() and inside(os.path.realpath(folder), root)


def _provider_folders(folder: Path, root: str, batch: Batch) -> list[Path]:
    """The provider folders of the checkout, sorted; folder links among them are reported."""
    if not _own_folder(folder, "providers", root, batch, "providers"):
        return []
    return sorted(p for p in folder.iterdir() if _own_folder(p, f"providers/{p.name}", root, batch, "providers"))


def _provider(folder: Path, root: str, bases: dict, canonical: dict, batch: Batch) -> None:
    provider_id = folder.name
    rel = f"providers/{provider_id}/provider.toml"
    exists = os.path.lexists(folder / "provider.toml")
    raw = read_toml(folder / "provider.toml", rel, batch.report, "providers", root) if exists \
        else batch.report.skip(rel, "no-data", "the provider folder has no provider.toml", "providers")
    usable = raw is not None and _add_provider(provider_id, raw, rel, batch)
    if usable and os.path.lexists(folder / "logo.svg"):
        logos.offer(folder / "logo.svg", provider_id, batch, root, f"providers/{provider_id}/logo.svg")
    models = folder / "models"
    found = toml_files(models, f"providers/{provider_id}/models/", root, batch.report, "offerings") \
        if _own_folder(models, f"providers/{provider_id}/models", root, batch, "offerings") else []
    for path, below in found:
        model_rel = f"providers/{provider_id}/models/{below}"
        if not usable:
            batch.report.skip(model_rel, "bad-id" if _SLUG.match(provider_id) is None else "no-data",
                              f"its provider `{provider_id}` was skipped (see {rel})", "offerings")
            continue
        raw = read_toml(path, model_rel, batch.report, "offerings", root)
        if raw is not None:
            offering_id = below[:-len(".toml")]
            _add_offering(provider_id, offering_id, raw, model_rel, bases, canonical, batch)


def _add_provider(provider_id: str, raw, origin: str, batch: Batch) -> bool:
    if not _SLUG.match(provider_id):
        batch.report.skip(origin, "bad-id", f"provider id `{provider_id}` is not a lowercase slug "
                          "(a-z, 0-9, '.', '_', '-')", "providers")
        return False
    ctx = m.Context(batch.report, origin, "provider")
    _check_keys(ctx, raw, m.PROVIDER_KEYS)
    data = {"id": provider_id, "name": m.text(ctx, "name", raw.get("name", provider_id)) or provider_id}
    env = raw.get("env")
    if isinstance(env, list) and env and all(isinstance(e, str) and m._ENV.fullmatch(e) for e in env):
        data["authentication"] = {"env": env}
    elif env is not None:
        ctx.invalid("env", env, "is not a list of environment variable names")
    endpoints = {}
    _put(endpoints, "documentation", raw, "doc", lambda v: m.url(ctx, "doc", v))
    _put(endpoints, "base_url", raw, "api", lambda v: m.url(ctx, "api", v))
    if endpoints:
        data["endpoints"] = endpoints
    _put(data, "sdk_package", raw, "npm", lambda v: m.text(ctx, "npm", v))
    return batch.add(Item("provider", provider_path(provider_id), data, origin))


def _add_offering(provider_id, offering_id, raw, origin, bases, canonical, batch: Batch) -> None:
    if not _OFFERING_ID.match(offering_id) or not is_plain_name(provider_id):
        batch.report.skip(origin, "bad-id", f"`{offering_id}` holds control characters or is longer than 200 "
                          "characters", "offerings")
        return
    ctx = m.Context(batch.report, origin, "offering")
    _check_keys(ctx, raw, m.MODEL_KEYS)
    resolved, model_ref = resolve_base(raw, bases, ctx) if bases is not None else (raw, None)
    ctx.free = free_reason(provider_id, offering_id, resolved.get("name"))
    data = offering_data(ctx, offering_id, resolved, model_ref if model_ref in canonical else None)
    for key in INHERITABLE:
        if model_ref in canonical and key in data and _same(data[key], canonical[model_ref].get(key)):
            if key != "name" or data[key] == offering_id:
                del data[key]  # the offering inherits it from the canonical model
            # an offering without a name is named by its id, not the model's name (issue 12), so
            # a name models.dev resolves through base_model is written unless it is the id
    batch.add(Item("offering", offering_path(provider_id, offering_id), data, origin))


def _same(ours, theirs) -> bool:
    """Equal, and in the same order: a modality set's order is the order its lists are shown in."""
    return ours == theirs and (not isinstance(ours, dict) or repr(ours) == repr(theirs))


def offering_data(ctx: m.Context, offering_id: str, raw: dict, model_ref: str | None) -> dict:
    data: dict = {"id": offering_id}
    _put(data, "name", raw, "name", lambda v: m.text(ctx, "name", v))
    if model_ref:
        data["model"] = model_ref
    data.update(m.limits(ctx, raw["limit"]) if "limit" in raw else {})
    _put(data, "pricing", raw, "cost", lambda v: m.pricing(ctx, v))
    if features := m.features(ctx, raw):
        data["features"] = features
    _put(data, "status", raw, "status", lambda v: isinstance(v, str) and m.STATUS.get(v) or ctx.invalid("status", v, "is not alpha, beta or deprecated"))
    _model_facts(ctx, data, raw)
    _put(data, "reasoning_options", raw, "reasoning_options", lambda v: client.reasoning_options(ctx, v))
    data.update(client.interleaved(ctx, raw["interleaved"]) if "interleaved" in raw else {})
    _put(data, "client", raw, "provider", lambda v: client.client(ctx, v))
    _put(data, "experimental_modes", raw, "experimental", lambda v: client.experimental_modes(ctx, v))
    for key in sorted(raw.keys() & m.OFFERING_UNMAPPED):
        ctx.unmapped(key)
    return data
