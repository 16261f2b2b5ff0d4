"""``build``: validate the catalog, produce every generated file, write what changed.

The files come from :data:`PRODUCERS`, callables ``(catalog, context) -> {path:
bytes}`` run in order; the Markdown docs are the first.  Other outputs (JSON
exports, site pages) append their producer::

    from generator.build import PRODUCERS
    PRODUCERS.append(produce_json)

Nothing is written when the catalog is invalid (:class:`InvalidCatalog` is
raised before any producer runs) or when a producer fails; writing is left to
:mod:`.writetree` (atomic, incremental, manifest-owned).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import buildstate
from .catalog import Catalog, load_catalog
from .render import TEMPLATES_DIR
from .writetree import MANIFEST_NAME, Changes, apply, check_path, plan


@dataclass
class BuildContext:
    """What producers may use besides the catalog."""

    data_dir: Path
    out_dir: Path
    templates_dir: Path | None = None
    pretty: bool = False
    _env: object = None

    @property
    def env(self):
        """The Jinja environment (templates compiled once per build), made on first use."""
        if self._env is None:
            from .render import make_environment

            self._env = make_environment(self.templates_dir)
        return self._env


Producer = Callable[[Catalog, BuildContext], dict[str, bytes]]


class ConflictingOutput(ValueError):
    """Two producers produced the same output path."""


def produce_docs(catalog: Catalog, context: BuildContext) -> dict[str, bytes]:
    """The Markdown docs and logos (:func:`generator.render.render_docs`)."""
    from .render import render_docs

    return render_docs(catalog, env=context.env)


def produce_exports(catalog: Catalog, context: BuildContext) -> dict[str, bytes]:
    """The JSON exports and their schemas under ``api/`` (:func:`generator.export.export_files`)."""
    from .export import export_files

    return export_files(catalog, context)


def produce_site_pages(catalog: Catalog, context: BuildContext) -> dict[str, bytes]:
    """The site-only pages and assets: All models, Compare, Privacy, API, Data format (:mod:`generator.site`)."""
    from .site import site_pages

    return site_pages(catalog, context)


PRODUCERS: list[Producer] = [produce_docs, produce_exports, produce_site_pages]
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
    print_ = _fingerprint(data_dir, templates, pretty)
    owned = buildstate.unchanged(out_dir, print_)
    if owned is not None:
        sizes = {p: (out_dir / p).stat().st_size for p in EXPORT_REPORTED if p in owned}
        return BuildResult(Changes(unchanged=owned), len(owned) - 1, check, skipped=True, sizes=sizes)
    catalog = load_catalog(data_dir)
    files = collect(catalog, BuildContext(data_dir, out_dir, templates, pretty))
    changes = plan(out_dir, files, MANIFEST_NAME)
    if not check:
        buildstate.forget(out_dir)
        apply(out_dir, files, changes, MANIFEST_NAME, progress)
        buildstate.save(out_dir, print_, [*files, MANIFEST_NAME])
    sizes = {p: len(files[p]) for p in EXPORT_REPORTED if p in files}
    return BuildResult(changes, len(files), check, sizes=sizes)


def _fingerprint(data_dir: Path, templates: Path | None, pretty: bool) -> str:
    producers = [f"{p.__module__}.{p.__qualname__}" for p in PRODUCERS]
    dirs = [templates] if templates is not None else []
    return buildstate.fingerprint(data_dir, [*dirs, TEMPLATES_DIR], {"pretty": pretty, "producers": producers})


def collect(catalog: Catalog, context: BuildContext, producers: list[Producer] | None = None) -> dict[str, bytes]:
    """Every producer's files, merged; a path produced twice is an error."""
    files: dict[str, bytes] = {}
    for producer in PRODUCERS if producers is None else producers:
        for path, data in producer(catalog, context).items():
            if path in files or path == MANIFEST_NAME:
                raise ConflictingOutput(f"{path} is produced twice (last by {producer.__name__})")
            files[check_path(path)] = data
    return files
