"""What a build makes: the producers, registered explicitly, and the typed context they read.

A producer is a callable ``(catalog, context) -> {path: Output}`` (paths relative
to the output directory; an output is bytes, or :class:`~generator.outputs.kept.Kept`
for a file left as it is).  :data:`PRODUCERS` is the build's default registry,
an immutable tuple: the Markdown docs first, then the JSON exports and the site
pages.  Another set of outputs is a different tuple passed to
:func:`generator.build.pipeline.build` (``producers=(*PRODUCERS, mine)``); the
producers' names are part of the build's fingerprint, so changing the set
rebuilds everything.

Every producer reads the same :class:`BuildContext`, whose fields are typed:
the output functions themselves take plain arguments (``pretty``,
``templates_dir``, what to reuse) and never look into the context.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator.build.write import MANIFEST_NAME, check_path

if TYPE_CHECKING:  # imported when a producer runs, not when a build is skipped
    import jinja2

    from generator.catalog.catalog import Catalog
    from generator.outputs.kept import Previous
    from generator.outputs.kept import Output

FORK_FROM = 1000  # offerings; for smaller catalogs a child process costs more than it saves


@dataclass
class BuildContext:
    """What producers may use besides the catalog."""

    data_dir: Path
    out_dir: Path
    templates_dir: Path | None = None  # --templates: an override directory for the Markdown and site templates
    pretty: bool = False  # --pretty: indented JSON exports
    keep_pages: dict[str, str] | None = None  # Markdown pages left as they are on disk: path -> SHA-256
    previous_exports: Previous | None = None  # what the exports and site data may take from the last build
    page_reads: dict[str, frozenset] | None = None  # filled by the docs: what each rendered page read
    dirty: frozenset | None = None  # the keys the edit dirtied (outputs.docs.dirty); None: a full build
    made: dict[str, list[str]] | None = None  # the files each producer made in the last build
    hold: bool = False  # producers may keep files in children until written (collect(hold=True) sets it)
    _env: jinja2.Environment | None = None

    @property
    def env(self) -> jinja2.Environment:
        """The Jinja environment (templates compiled once per build), made on first use."""
        if self._env is None:
            from generator.present.environment import make_environment

            self._env = make_environment(self.templates_dir)
        return self._env


Producer = Callable[["Catalog", BuildContext], "dict[str, Output]"]


class ConflictingOutput(ValueError):
    """Two producers produced the same output path."""


def produce_docs(catalog: Catalog, context: BuildContext) -> dict[str, Output]:
    """The Markdown docs and logos (:func:`generator.outputs.docs.render.render_docs`); with
    ``context.hold``, a big catalog's pages stay in the processes that render them (:mod:`.pages`)."""
    if context.hold:
        from generator.build.pages import held_docs

        return held_docs(catalog, context.env, context.keep_pages, context.page_reads)
    from generator.outputs.docs.render import render_docs

    return render_docs(catalog, env=context.env, keep=context.keep_pages, reads=context.page_reads)


def produce_exports(catalog: Catalog, context: BuildContext) -> dict[str, Output]:
    """The JSON exports and their schemas under ``api/`` (:func:`generator.outputs.exports.export_files`)."""
    from generator.outputs.exports import export_files

    return export_files(catalog, pretty=context.pretty, previous=context.previous_exports)


def produce_site_pages(catalog: Catalog, context: BuildContext) -> dict[str, Output]:
    """The site-only pages and assets: All models, Compare, Privacy, API, Data format (:mod:`generator.outputs.site`)."""
    from generator.outputs.site.pages import site_pages

    return site_pages(catalog, templates_dir=context.templates_dir, previous=context.previous_exports)


def produce_guide(catalog: Catalog, context: BuildContext) -> dict[str, Output]:
    """The site's hand-written guide, copied under ``guide/`` (:mod:`generator.outputs.site.guide`)."""
    from generator.outputs.site.guide import guide_pages

    return guide_pages()


def produce_changes(catalog: Catalog, context: BuildContext) -> dict[str, Output]:
    """``api/changes.json``, the Atom feeds and the Changes page (:mod:`generator.outputs.changes`)."""
    from generator.outputs.changes import changes_files

    return changes_files(catalog, context.data_dir, pretty=context.pretty, templates_dir=context.templates_dir)


PRODUCERS: tuple[Producer, ...] = (produce_docs, produce_exports, produce_site_pages, produce_guide, produce_changes)


def _changes_unaffected(dirty: frozenset) -> bool:
    """Whether an edit leaves the changes' files as they are: they show the changes, the providers'
    names and link the offerings that exist (see :mod:`generator.outputs.changes`)."""
    from generator.outputs.docs.deps import CHANGES

    return CHANGES not in dirty and ("ids", "offering") not in dirty and not any(k[0] == "provider" for k in dirty)


REUSABLE: dict[Producer, Callable[[frozenset], bool]] = {produce_changes: _changes_unaffected}  # -> unaffected?


def names(producers: tuple[Producer, ...]) -> list[str]:
    """The producers' qualified names, for the build's fingerprint."""
    return [f"{p.__module__}.{p.__qualname__}" for p in producers]


def collect(catalog: Catalog, context: BuildContext, producers: tuple[Producer, ...] = PRODUCERS,
            made: dict[str, list[str]] | None = None, hold: bool = False) -> dict[str, Output]:
    """Every producer's files, merged; a path produced twice is an error.  *made*: filled with the
    paths each producer made (by its name), so the next build can keep them (:data:`REUSABLE`).
    With *hold*, the files of producers run in child processes stay there as
    :class:`~generator.build.held.Held` until written; the caller then ends those children
    (:func:`generator.build.held.release`) once it is done, written or not."""
    if hold and not context.hold:
        context = replace(context, hold=True)
    kept = [_kept(p, context) for p in producers]
    fresh = iter(_produce(catalog, context, tuple(p for p, k in zip(producers, kept) if k is None), hold))
    results = [next(fresh) if reused is None else reused for reused in kept]
    try:
        return _merge(producers, results, made)
    except BaseException:
        from generator.build.held import release

        for produced in results:
            release(produced)  # the children holding files of a build that stops here
        raise


def _merge(producers: tuple[Producer, ...], results: list[dict[str, Output]],
           made: dict[str, list[str]] | None) -> dict[str, Output]:
    files: dict[str, Output] = {}
    for producer, produced in zip(producers, results):
        if made is not None and producer in REUSABLE:
            made[names((producer,))[0]] = sorted(produced)
        for path, data in produced.items():
            if path in files or path == MANIFEST_NAME:
                raise ConflictingOutput(f"{path} is produced twice (last by {producer.__name__})")
            files[check_path(path)] = data
    return files


def _kept(producer: Producer, context: BuildContext) -> dict[str, Output] | None:
    """The files *producer* made in the last build, all kept as they are on disk, when the edit
    leaves them unaffected (:data:`REUSABLE`) and each is as that build left it; else None."""
    from generator.outputs.kept import Kept

    unaffected, previous = REUSABLE.get(producer), context.previous_exports
    paths = (context.made or {}).get(names((producer,))[0])
    if unaffected is None or context.dirty is None or previous is None or paths is None:
        return None
    if not unaffected(context.dirty) or not all(p in previous.untouched and p in previous.manifest for p in paths):
        return None
    return {p: Kept(previous.manifest[p]) for p in paths}


def _produce(catalog: Catalog, context: BuildContext, producers: tuple[Producer, ...],
             hold: bool = False) -> list[dict[str, Output]]:
    """The producers' results in order; for a big catalog, all but the first run in forked children
    beside the first (:func:`generator.util.parallel.beside`), which keep their files with *hold*
    (:class:`generator.build.held.Holder`)."""
    from generator.util.parallel import beside, can_fork

    if len(producers) < 2 or len(catalog.offerings) < FORK_FROM or not can_fork():
        return [producer(catalog, context) for producer in producers]
    context.env  # Jinja and the docs' templates, imported once here rather than in every child
    catalog.changes()  # read and sorted once here: the home page and the changes' files both need them
    first, *others = [lambda p=p: p(catalog, context) for p in producers]
    return _held_beside(first, others) if hold else beside(first, others)


def _held_beside(first: Callable[[], dict], others: list[Callable[[], dict]]) -> list[dict[str, Output]]:
    """``[first(), *others' files]``, each of *others* made and kept in a child while this process runs *first*."""
    from generator.build.held import Holder

    holders = [Holder(call) for call in others]
    try:
        head = first()
    except BaseException:
        for holder in holders:
            holder.release()
        raise
    return [head] + [holder.outputs() for holder in holders]
