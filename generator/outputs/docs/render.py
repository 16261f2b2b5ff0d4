"""``render_docs``: the whole Markdown tree of a catalog, as bytes per path.

Pages (paths relative to the output directory, see :mod:`.paths`):

* ``README.md`` -- the index: counts, providers and authors tables;
* ``providers/README.md`` and ``providers/<id>/README.md`` (the seed's page)
  with ``providers/<id>/logo.svg``;
* ``providers/<id>/models/<stem>.md`` -- one page per offering;
* ``models/README.md`` and ``models/<author>/<stem>.md`` -- canonical models;
* ``authors/README.md`` and ``authors/<id>/README.md``.

Each template is compiled once per environment; pages only look up
precomputed :class:`~.views.Views`.  Big catalogs are rendered in several
processes (one per CPU, at most :data:`MAX_JOBS`, see
:func:`generator.util.parallel.strided`), each taking every n-th page; the
result is the same bytes in the same order as a serial render.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import jinja2

from generator.catalog.catalog import Catalog
from generator.outputs.kept import Kept, Output
from generator.present import urls as paths
from generator.present.environment import make_environment
from generator.outputs.docs.deps import render_recorded
from generator.outputs.docs.logos import logo_bytes
from generator.outputs.docs.views import Views, build_views
from generator.util.parallel import can_fork, cpus, strided

PARALLEL_MIN_PAGES = 3000  # below this, starting workers costs more than it saves
MAX_JOBS = 4


class Page(NamedTuple):
    path: str  # relative to the output directory
    template: str
    context: dict  # what the template sees besides the catalog and views: the page's subject


def render_docs(catalog: Catalog, templates_dir: Path | str | None = None,
                env: jinja2.Environment | None = None, jobs: int | None = None,
                keep: dict[str, str] | None = None, reads: dict[str, frozenset] | None = None) -> dict[str, Output]:
    """Every page and logo of *catalog*: output path -> bytes (UTF-8).

    *jobs*: processes (default: one per CPU for big catalogs, else 1).
    *keep*: pages not to render (path -> the SHA-256 of the page on disk, which
    stays as it is): they are returned as :class:`~generator.outputs.kept.Kept`.
    *reads*: when given, filled with what each rendered page read (path -> keys,
    see :mod:`.deps`), so the next build knows which pages an edit leaves as they are.
    """
    plan = plan_docs(catalog, env or make_environment(templates_dir), keep)
    jobs = default_jobs(len(plan.pages)) if jobs is None else jobs
    if reads is None:
        rendered = strided(lambda some: _render_serial(plan.env, plan.views, some), plan.pages, jobs)
    else:
        recorded = strided(lambda some: render_recorded(plan.env, plan.views, some), plan.pages, jobs)
        rendered = [data for data, _ in recorded]
        reads.update((page.path, keys) for page, (_, keys) in zip(plan.pages, recorded))
    return {**plan.kept, **{page.path: data for page, data in zip(plan.pages, rendered)}, **plan.logos}


class DocsPlan(NamedTuple):
    """What a render of the docs needs, made once before the pages are rendered (in any process)."""

    env: jinja2.Environment
    views: Views
    pages: list[Page]  # to render, in order
    kept: dict[str, Kept]  # pages left as they are on disk
    logos: dict[str, bytes]


def plan_docs(catalog: Catalog, env: jinja2.Environment, keep: dict[str, str] | None = None) -> DocsPlan:
    """The views, the pages to render and those kept (*keep*: path -> SHA-256), and the logos."""
    views = build_views(catalog, env)
    keep = keep or {}
    kept: dict[str, Kept] = {}
    pages = []
    for page in _pages(catalog, views):
        if page.path in keep:
            kept[page.path] = Kept(keep[page.path])
        else:
            pages.append(page)
    logos = {paths.provider_logo(p.id): logo_bytes(p) for p in catalog.providers.values()}
    return DocsPlan(env, views, pages, kept, logos)


def render_pages(plan: DocsPlan, pages: list[Page], reads: dict[str, frozenset] | None = None) -> dict[str, bytes]:
    """*pages* (some of *plan*'s) rendered in this process: path -> bytes; *reads* as in :func:`render_docs`."""
    if reads is None:
        return {page.path: data for page, data in zip(pages, _render_serial(plan.env, plan.views, pages))}
    recorded = render_recorded(plan.env, plan.views, pages)
    reads.update((page.path, keys) for page, (_, keys) in zip(pages, recorded))
    return {page.path: data for page, (data, _) in zip(pages, recorded)}


def default_jobs(pages: int) -> int:
    """Processes for *pages* pages: 1 for small catalogs or where forking is unsafe
    (:func:`generator.util.parallel.can_fork`), else one per core up to :data:`MAX_JOBS`."""
    if pages < PARALLEL_MIN_PAGES or not can_fork():
        return 1
    return max(1, min(cpus(), MAX_JOBS))


def _render_serial(env: jinja2.Environment, views: Views, pages: list[Page]) -> list[bytes]:
    shared = {"catalog": views.catalog, "views": views}
    return [env.get_template(t).render(shared, page=p, **c).encode("utf-8") for p, t, c in pages]


def _pages(catalog: Catalog, views: Views):
    """Every :class:`Page`, in a stable order."""
    yield Page(paths.INDEX, "index.md.j2", {})
    yield Page(paths.PROVIDERS_INDEX, "providers.md.j2", {})
    yield Page(paths.MODELS_INDEX, "models.md.j2", {})
    yield Page(paths.AUTHORS_INDEX, "authors.md.j2", {})
    for provider in catalog.providers.values():
        yield Page(paths.provider_page(provider.id), "provider.md.j2", {"provider": provider})
        for offering in provider.offerings:
            yield Page(paths.offering_page(offering), "offering.md.j2", {"provider": provider, "offering": offering})
    for model in catalog.models.values():
        yield Page(paths.model_page(model.id), "model.md.j2", {"model": model})
    for author in catalog.authors.values():
        yield Page(paths.author_page(author.id), "author.md.j2", {"author": author})
