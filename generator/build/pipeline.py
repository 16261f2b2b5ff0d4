"""``build``: validate the catalog, produce every generated file, write what changed.

The files come from the producers (:mod:`.producers`): the default registry
:data:`~.producers.PRODUCERS`, or the tuple given as ``build(producers=...)``.
Nothing is written when the catalog is invalid (:class:`InvalidCatalog` is
raised before any producer runs) or when a producer fails; writing is left to
:mod:`.write` (atomic, incremental, manifest-owned).

Builds are incremental at three levels: a build whose inputs and outputs are
as the last one left them is skipped (:mod:`.state`); otherwise only the
data files that changed are read and validated again (:mod:`.cache`), and
only the Markdown pages that read a changed document are rendered again: each
page's reads are recorded while it renders and kept in the document cache
(:mod:`generator.outputs.docs.deps`, which gives the figures: on the
models.dev corpus a one-offering edit costs about half the CPU of rendering
every page).  Every other output is produced and compared as usual.  After
any edit the tree equals a cold build's (``tests/test_build_incremental.py``).
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple

from generator.build import held, outdir, state as buildstate
from generator.build.producers import PRODUCERS, BuildContext, ConflictingOutput, Producer, collect, names
from generator.build.write import MANIFEST_NAME, Changes, apply, plan, read_manifest
from generator.util import resources
from generator.validation.problems import InvalidCatalog

if TYPE_CHECKING:  # the validator, catalog and document cache are imported when a build is not skipped
    from generator.build.cache import Loaded
    from generator.catalog.catalog import Catalog
    from generator.outputs.kept import Previous
    from generator.outputs.kept import Output

__all__ = ["PRODUCERS", "BuildContext", "BuildResult", "ConflictingOutput", "build", "collect"]
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


class Fingerprints(NamedTuple):
    code: str  # the generator's source and the schemas: keys the document cache
    inputs: str  # every input of a build but the data: keys the build state


def build(data_dir: Path | str, out_dir: Path | str, *, templates: Path | str | None = None, check: bool = False,
          pretty: bool = False, progress: Callable[[int, int], None] | None = None,
          producers: tuple[Producer, ...] = PRODUCERS) -> BuildResult:
    """Build *out_dir* from the catalog at *data_dir*; with *check*, only report what would change."""
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    templates = Path(templates) if templates is not None else None
    problem = outdir.overlap(data_dir, out_dir)
    if problem:  # the command line says so as a usage error first; library callers are held here
        raise outdir.OverlappingFolders(problem)
    with outdir.lock(out_dir, shared=check):  # one build at a time in out_dir, from its first read
        if not check:
            outdir.sweep(out_dir, deep=False)
        return _locked_build(data_dir, out_dir, templates, check, pretty, progress, producers)


def _locked_build(data_dir: Path, out_dir: Path, templates: Path | None, check: bool, pretty: bool,
                  progress: Callable[[int, int], None] | None, producers: tuple[Producer, ...]) -> BuildResult:
    prints = _fingerprints(templates, pretty, producers)
    scan = buildstate.data_stamps(data_dir)
    state = buildstate.read(out_dir)
    owned = buildstate.unchanged(state, out_dir, prints.inputs, data_dir, scan.stamps)
    if owned is not None:
        if not check:
            buildstate.refresh(state, out_dir, scan)
        sizes = {p: (out_dir / p).stat().st_size for p in EXPORT_REPORTED if p in owned}
        return BuildResult(Changes(unchanged=owned), len(owned) - 1, check, skipped=True, sizes=sizes)
    try:
        return _full_build(data_dir, out_dir, templates, check, pretty, progress, producers, prints, state, scan)
    finally:
        gc.unfreeze()  # see _prepare


def _full_build(data_dir: Path, out_dir: Path, templates: Path | None, check: bool, pretty: bool, progress,
                producers: tuple[Producer, ...], prints: Fingerprints, state: dict, scan) -> BuildResult:
    ready = _prepare(data_dir, out_dir, prints, templates, state, scan)
    reads = {} if templates is None else None  # with --templates no page is kept (_prepare): none recorded
    context = BuildContext(data_dir, out_dir, templates, pretty, ready.keep_pages, ready.previous_exports, reads,
                           dirty=ready.dirty, made=ready.made)
    made: dict[str, list[str]] = {}
    files = collect(ready.catalog, context, producers, made, hold=True)  # big files may stay in children
    try:
        changes = plan(out_dir, files, MANIFEST_NAME, ready.untouched, ready.manifest)
        if not check:
            _write(out_dir, files, changes, progress, ready, _page_reads(ready, reads), made)
    finally:
        held.release(files)
    sizes = {p: held.size(files[p]) for p in EXPORT_REPORTED if p in files}
    return BuildResult(changes, len(files), check, sizes=sizes)


def _page_reads(ready: _Ready, rendered: dict[str, frozenset] | None) -> dict[str, frozenset]:
    """What every page read: as recorded now for the pages rendered, as before for those kept."""
    if rendered is None:
        return {}
    return {**{p: ready.page_reads[p] for p in ready.keep_pages or ()}, **rendered}


class _Record(NamedTuple):
    """What a build records once its files are written: the build state and the document cache."""

    fingerprint: str  # Fingerprints.inputs
    stamps: dict[str, tuple]  # every data file's stamp, taken before any was read
    racy: dict[str, str]  # content hashes of the files whose stamps are too recent to trust
    build_id: str  # ties the cache to the state written with it
    key: str  # the document cache's (generator, data directory, Python)
    files: tuple[bytes, bytes] | None  # the document cache's entries, encoded (None: marshal could not hold them)
    side: dict[str, tuple]  # the side files' entries (links, history, changes), as marshal holds them
    layers: dict | None  # what the last cache held, for the next to build on (cache.read)


@dataclass
class _Ready:
    """A build's catalog and what it knows about the outputs and caches, before producing anything."""

    catalog: Catalog
    keep_pages: dict[str, str] | None  # Markdown pages to leave as they are: path -> SHA-256
    previous_exports: Previous | None  # what the exports may take from the last build's files
    untouched: set[str]  # outputs as the last build left them
    manifest: dict[str, str]  # the last build's
    page_reads: dict[str, frozenset]  # what each page read, as the last build recorded it
    record: _Record
    dirty: frozenset | None = None  # the keys the edit dirtied (outputs.docs.dirty); None: not known
    made: dict | None = None  # the files each producer made in the last build (producers.collect)


def _prepare(data_dir: Path, out_dir: Path, prints: Fingerprints, templates: Path | None, state: dict,
             scan: buildstate.Scan) -> _Ready:
    """The validated catalog (from the cache where files are unchanged) and the pages to keep."""
    from generator.build import cache as doccache
    from generator.catalog.changes import events_of
    from generator.catalog.load import catalog_from_report
    from generator.util.gcpause import collector_paused
    from generator.validation.validate import Report

    racy = buildstate.racy_hashes(data_dir, scan)  # before anything reads the files
    key, build_id = doccache.cache_key(prints.code, data_dir), os.urandom(8).hex()
    with collector_paused():  # tens of thousands of objects, all kept: collections would find nothing
        cache = doccache.read(out_dir, key)
        same_build = bool(cache) and cache.get("build") == state.get("build")
        loaded = (doccache.load(data_dir, cache.get("files", {}), scan.stamps, scan.scanned,
                                cache.get("side"), cache.get("stamps")) if same_build else None)
        loaded = loaded or _validated(data_dir, scan, racy)
        untouched, manifest = buildstate.untouched(state, out_dir), read_manifest(out_dir)
        reuse = (templates is None and same_build and state.get("fingerprint") == prints.inputs
                 and loaded.changed is not None)
        keep, previous, dirty = _unaffected(out_dir, manifest, cache, loaded, untouched) if reuse else (None,) * 3
        catalog = catalog_from_report(Report([], loaded.documents), data_dir)
        catalog.events = events_of(e.data for e in loaded.side.values() if e.kind == "changes")
        gc.freeze()  # all of it lives as long as the build: no collection need walk it (until build's end)
    layers = cache.get("layers") if loaded.changed is not None else None  # None: all new, nothing to build on
    encoded = doccache.encode_files(loaded.files, layers)  # now, so the documents can be freed
    record = _Record(prints.inputs, scan.stamps, racy, build_id, key, encoded, doccache.plain(loaded.side), layers)
    return _Ready(catalog, keep, previous, untouched, manifest, cache.get("pages", {}), record, dirty,
                  cache.get("made"))


def _fingerprints(templates: Path | None, pretty: bool, producers: tuple[Producer, ...]) -> Fingerprints:
    """The generator's and schemas' fingerprint, and that of every input but the data."""
    code = buildstate.fingerprint([], {})
    dirs = [templates] if templates is not None else []
    options = {"pretty": pretty, "producers": names(producers), "code": code}
    return Fingerprints(code, buildstate.fingerprint([*dirs, resources.templates_dir()], options, code=False))


def _validated(data_dir: Path, scan: buildstate.Scan, racy: dict) -> Loaded:
    """Every document through the full validation (on every core); raise InvalidCatalog on errors."""
    from generator.build import cache as doccache
    from generator.validation.validate import validate_catalog

    report = validate_catalog(data_dir)
    if report.errors:
        raise InvalidCatalog(report.problems)
    entries = doccache.entries_of(report.documents, scan.scanned, scan.stamps, racy)
    side = doccache.side_entries_of(report.side, scan.stamps, scan.scanned, racy)
    return doccache.Loaded(report.documents, entries, None, side)


def _unaffected(out_dir: Path, manifest: dict, cache: dict, loaded: Loaded,
                untouched: set[str]) -> tuple[dict[str, str], Previous, frozenset]:
    """Pages on disk as the last build left them that read nothing the edit changed (path -> SHA-256),
    what the JSON exports may take from the last build's files, and the keys the edit dirtied."""
    from generator.outputs.docs.dirty import affected
    from generator.outputs.kept import Previous

    dirty, providers = affected(cache["files"], loaded.files, loaded.changed)
    keep = {p: manifest[p] for p, keys in cache["pages"].items()
            if p in untouched and p in manifest and dirty.isdisjoint(keys)}
    return keep, Previous(out_dir, manifest, untouched, providers), frozenset(dirty)


def _write(out_dir: Path, files: dict[str, Output], changes: Changes, progress, ready: _Ready,
           page_reads: dict[str, frozenset], made: dict[str, list[str]]) -> None:
    """Write the changes, then the state and cache of this build (forgotten while writing)."""
    from generator.build import cache as doccache

    record = ready.record
    outdir.own_files_are_files(out_dir, (MANIFEST_NAME, buildstate.STATE_NAME, doccache.CACHE_NAME))
    outdir.sweep(out_dir, deep=True)  # a build killed while writing left no state: this one is not skipped
    buildstate.forget(out_dir)
    doccache.forget(out_dir)
    apply(out_dir, files, changes, MANIFEST_NAME, progress, ready.manifest)
    out_dir.mkdir(parents=True, exist_ok=True)
    doccache.write_encoded(out_dir, doccache.encode(record.key, record.files, build=record.build_id,
                                                    pages=page_reads, layers=record.layers, side=record.side,
                                                    made=made, stamps=record.stamps))
    buildstate.save(out_dir, record.fingerprint, record.stamps, record.racy,
                    [*files, MANIFEST_NAME], record.build_id)
