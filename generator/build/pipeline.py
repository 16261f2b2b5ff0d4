"""``build``: validate the catalog, produce every generated file, write what changed.

The files come from :data:`PRODUCERS`, callables ``(catalog, context) -> {path:
bytes}`` run in order; the Markdown docs are the first.  Other outputs (JSON
exports, site pages) append their producer::

    from generator.build import PRODUCERS
    PRODUCERS.append(produce_json)

Nothing is written when the catalog is invalid (:class:`InvalidCatalog` is
raised before any producer runs) or when a producer fails; writing is left to
:mod:`.writetree` (atomic, incremental, manifest-owned).

Builds are incremental at three levels: a build whose inputs and outputs are
as the last one left them is skipped (:mod:`.buildstate`); otherwise only the
data files that changed are read and validated again (:mod:`.doccache`), and
only the Markdown pages that show a changed document are rendered again
(:mod:`.render.deps`); every other output is produced and compared as usual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from typing import TYPE_CHECKING

from generator.build import state as buildstate
from generator.validation.problems import InvalidCatalog
from generator.present.environment import TEMPLATES_DIR
from generator.build.write import MANIFEST_NAME, Changes, apply, check_path, plan, read_manifest

if TYPE_CHECKING:  # the validator, catalog and doccache are imported when a build is not skipped
    from generator.catalog.catalog import Catalog
    from generator.build.cache import Loaded


@dataclass
class BuildContext:
    """What producers may use besides the catalog."""

    data_dir: Path
    out_dir: Path
    templates_dir: Path | None = None
    pretty: bool = False
    keep: dict[str, str] | None = None  # Markdown pages left as they are on disk: path -> SHA-256
    previous_exports: object = None  # what the exports may reuse (generator.outputs.exports.incremental.Previous)
    _env: object = None

    @property
    def env(self):
        """The Jinja environment (templates compiled once per build), made on first use."""
        if self._env is None:
            from generator.present.environment import make_environment

            self._env = make_environment(self.templates_dir)
        return self._env


Producer = Callable[["Catalog", BuildContext], dict[str, bytes]]


class ConflictingOutput(ValueError):
    """Two producers produced the same output path."""


def produce_docs(catalog: Catalog, context: BuildContext) -> dict[str, bytes]:
    """The Markdown docs and logos (:func:`generator.outputs.docs.render_docs`)."""
    from generator.outputs.docs.render import render_docs

    return render_docs(catalog, env=context.env, keep=context.keep)


def produce_exports(catalog: Catalog, context: BuildContext) -> dict[str, bytes]:
    """The JSON exports and their schemas under ``api/`` (:func:`generator.outputs.exports.export_files`)."""
    from generator.outputs.exports import export_files

    return export_files(catalog, context)


def produce_site_pages(catalog: Catalog, context: BuildContext) -> dict[str, bytes]:
    """The site-only pages and assets: All models, Compare, Privacy, API, Data format (:mod:`generator.outputs.site`)."""
    from generator.outputs.site.pages import site_pages

    return site_pages(catalog, context)


def produce_guide(catalog: Catalog, context: BuildContext) -> dict[str, bytes]:
    """The site's hand-written guide, copied under ``guide/`` (:mod:`generator.outputs.site.guide`)."""
    from generator.outputs.site.guide import guide_pages

    return guide_pages(catalog, context)


PRODUCERS: list[Producer] = [produce_docs, produce_exports, produce_site_pages, produce_guide]
EXPORT_REPORTED = ("api/catalog.json", "api/models.json", "api/api.json")  # sizes the build prints


@dataclass
class BuildResult:
    changes: Changes
    files: int  # generated files, not counting the manifest
    checked: bool  # True: --check, nothing was written
    skipped: bool = False  # True: inputs and outputs as the last build left them; nothing rendered
    sizes: dict[str, int] | None = None  # bytes of each file of EXPORT_REPORTED that was produced

    @property
    def changed(self) -> bool:
        return self.changes.changed


def build(data_dir: Path | str, out_dir: Path | str, *, templates: Path | str | None = None, check: bool = False,
          pretty: bool = False, progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build *out_dir* from the catalog at *data_dir*; with *check*, only report what would change."""
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    templates = Path(templates) if templates is not None else None
    code, print_ = _fingerprints(templates, pretty)
    stamps, scanned = buildstate.data_stamps(data_dir)
    state = buildstate.read(out_dir)
    owned = buildstate.unchanged(state, out_dir, print_, data_dir, stamps)
    if owned is not None:
        if not check:
            buildstate.refresh(state, out_dir, stamps, scanned)
        sizes = {p: (out_dir / p).stat().st_size for p in EXPORT_REPORTED if p in owned}
        return BuildResult(Changes(unchanged=owned), len(owned) - 1, check, skipped=True, sizes=sizes)
    ready = _prepare(data_dir, out_dir, (code, print_), templates, state, (stamps, scanned))
    files = collect(ready.catalog, BuildContext(data_dir, out_dir, templates, pretty, *ready.reuse))
    changes = plan(out_dir, files, MANIFEST_NAME, ready.untouched, ready.manifest)
    if not check:
        _write(out_dir, files, changes, progress, ready)
    sizes = {p: len(files[p]) for p in EXPORT_REPORTED if p in files}
    return BuildResult(changes, len(files), check, sizes=sizes)


@dataclass
class _Ready:
    """A build's catalog and what it knows about the outputs and caches, before producing anything."""

    catalog: Catalog
    reuse: tuple  # (pages to leave as they are: path -> SHA-256, what the exports may reuse), or Nones
    untouched: set[str]  # outputs as the last build left them
    manifest: dict[str, str]  # the last build's
    record: tuple  # (fingerprint, (stamps, racy hashes), build id, the encoded cache) for after writing


def _prepare(data_dir: Path, out_dir: Path, prints: tuple[str, str], templates: Path | None, state: dict,
             scan: tuple[dict, int]) -> _Ready:
    """The validated catalog (from the cache where files are unchanged) and the pages to keep."""
    from generator.build import cache as doccache
    from generator.catalog.load import catalog_from_report
    from generator.util.gcpause import collector_paused
    from generator.validation.validate import Report

    (code, print_), (stamps, scanned) = prints, scan
    racy = buildstate.racy_hashes(data_dir, stamps, scanned)  # before anything reads the files
    key, build_id = doccache.cache_key(code, data_dir), os.urandom(8).hex()
    with collector_paused():  # tens of thousands of objects, all kept: collections would find nothing
        cache = doccache.read(out_dir, key)
        same_build = bool(cache) and cache.get("build") == state.get("build")
        loaded = doccache.load(data_dir, cache.get("files", {}), stamps, scanned) if same_build else None
        loaded = loaded or _validated(data_dir, stamps, scanned, racy)
        untouched, manifest = buildstate.untouched(state, out_dir), read_manifest(out_dir)
        reuse = templates is None and same_build and state.get("fingerprint") == print_ and loaded.changed is not None
        unaffected = _unaffected(out_dir, manifest, cache["files"], loaded, untouched) if reuse else (None, None)
        catalog = catalog_from_report(Report([], loaded.documents), data_dir)
    encoded = doccache.encode(key, loaded.files, build=build_id)  # now, so the documents can be freed
    return _Ready(catalog, unaffected, untouched, manifest, (print_, (stamps, racy), build_id, encoded))


def _fingerprints(templates: Path | None, pretty: bool) -> tuple[str, str]:
    """(the generator's and schemas' fingerprint, that of every input but the data)."""
    code = buildstate.fingerprint([], {})
    producers = [f"{p.__module__}.{p.__qualname__}" for p in PRODUCERS]
    dirs = [templates] if templates is not None else []
    options = {"pretty": pretty, "producers": producers, "code": code}
    return code, buildstate.fingerprint([*dirs, TEMPLATES_DIR], options, code=False)


def _validated(data_dir: Path, stamps: dict, scanned: int, racy: dict) -> Loaded:
    """Every document through the full validation (on every core); raise InvalidCatalog on errors."""
    from generator.build import cache as doccache
    from generator.validation.validate import validate_catalog

    report = validate_catalog(data_dir)
    if report.errors:
        raise InvalidCatalog(report.problems)
    return doccache.Loaded(report.documents, doccache.entries_of(report.documents, scanned, stamps, racy), None)


def _unaffected(out_dir: Path, manifest: dict, before: dict, loaded: Loaded, untouched: set[str]) -> tuple:
    """Pages on disk as the last build left them that show no changed document (path -> SHA-256),
    and what the JSON exports may take from the last build's files."""
    from generator.build.cache import valid_entry
    from generator.outputs.exports.incremental import Previous
    from generator.outputs.docs.deps import affected

    after = {rel: (entry[2], entry[3]) for rel, entry in loaded.files.items()}
    old = {rel: (entry[2], entry[3]) for rel, entry in before.items() if valid_entry(entry)}
    dirty, providers = affected(old, after, loaded.changed)
    keep = {p: manifest[p] for p in untouched if p in manifest and p.endswith(".md") and p not in dirty}
    return keep, Previous(out_dir, manifest, untouched, providers)


def _write(out_dir: Path, files: dict, changes: Changes, progress, ready: _Ready) -> None:
    """Write the changes, then the state and cache of this build (forgotten while writing)."""
    from generator.build import cache as doccache

    print_, data, build_id, encoded = ready.record
    buildstate.forget(out_dir)
    doccache.forget(out_dir)
    apply(out_dir, files, changes, MANIFEST_NAME, progress, ready.manifest)
    out_dir.mkdir(parents=True, exist_ok=True)
    doccache.write_encoded(out_dir, encoded)
    buildstate.save(out_dir, print_, data, [*files, MANIFEST_NAME], build_id)


FORK_FROM = 1000  # offerings; for smaller catalogs a child process costs more than it saves


def collect(catalog: Catalog, context: BuildContext, producers: list[Producer] | None = None) -> dict[str, bytes]:
    """Every producer's files, merged; a path produced twice is an error."""
    producers = PRODUCERS if producers is None else producers
    files: dict[str, bytes] = {}
    for producer, produced in zip(producers, _produce(catalog, context, producers)):
        for path, data in produced.items():
            if path in files or path == MANIFEST_NAME:
                raise ConflictingOutput(f"{path} is produced twice (last by {producer.__name__})")
            files[check_path(path)] = data
    return files


def _produce(catalog: Catalog, context: BuildContext, producers: list[Producer]) -> list[dict[str, bytes]]:
    """The producers' results in order; for a big catalog, all but the first run in forked children
    beside the first (see :mod:`.forked`)."""
    from generator.build.parallel import Forked, can_fork

    if len(producers) < 2 or len(catalog.offerings) < FORK_FROM or not can_fork():
        return [producer(catalog, context) for producer in producers]
    context.env  # Jinja and the docs' templates, imported once here rather than in every child
    children = [Forked(lambda p=p: p(catalog, context)) for p in producers[1:]]
    try:
        first = producers[0](catalog, context)
    except BaseException:
        for child in children:
            child.abandon()
        raise
    return [first] + [child.result() for child in children]
