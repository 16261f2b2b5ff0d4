"""The Markdown pages of a big build, rendered and kept in children until they are written.

A big catalog's pages are rendered on every core (:func:`generator.outputs.docs.render.render_docs`
forks a process per core, each taking every n-th page).  Those processes used to send their pages
back, so the build's process held every page at once: at 100,000 offerings over 800 MB, the
largest part of its peak memory.  Here each share of the pages is rendered in a
:class:`~generator.build.held.Holder` child that keeps its pages and writes the ones that changed
when the build asks (atomic, after the manifest is widened, as every file); the build's process
gets each page's SHA-256 and size, and what each page read (for the document cache).  Nothing is
written before the build asks, so a failed producer or plan still writes nothing; a child that
fails has its share rendered here, so errors surface as in a serial build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.build.held import Holder

RUN = 512  # pages; a share takes every n-th run of this many pages

if TYPE_CHECKING:
    import jinja2

    from generator.catalog.catalog import Catalog
    from generator.outputs.docs.render import DocsPlan
    from generator.outputs.kept import Output


def held_docs(catalog: Catalog, env: jinja2.Environment, keep: dict[str, str] | None,
              reads: dict[str, frozenset] | None) -> dict[str, Output]:
    """The docs' files as :func:`~generator.outputs.docs.render.render_docs` makes them, the
    rendered pages held in one child per share (:class:`~generator.build.held.Held`) when there
    are enough of them to render in parallel; *reads* filled with what each rendered page read."""
    from generator.outputs.docs.render import default_jobs, plan_docs, render_pages

    plan = plan_docs(catalog, env, keep)
    shares = min(default_jobs(len(plan.pages)), -(-len(plan.pages) // RUN))  # each share renders a page
    if shares < 2:
        return {**plan.kept, **render_pages(plan, plan.pages, reads), **plan.logos}
    made, share_reads = _render_held(plan, shares, reads is not None)
    if reads is not None:  # in page order, as a serial render records them
        reads.update((p.path, share_reads[(k // RUN) % shares][p.path]) for k, p in enumerate(plan.pages))
    rendered = {page.path: made[(k // RUN) % shares][page.path] for k, page in enumerate(plan.pages)}
    return {**plan.kept, **rendered, **plan.logos}


def _render_held(plan: DocsPlan, shares: int, record: bool) -> tuple[list[dict], list[dict | None]]:
    """Each share's files (Held, or bytes where its child failed) and reads (None unless *record*).
    Share k takes the runs k, k + shares, ... of :data:`RUN` pages: the runs keep its children's
    writers out of the others' folders (creating files in one folder from several processes
    contends for it in the kernel), taking them in turn spreads the offerings' and the models'
    pages evenly (contiguous halves made one child 150 MiB bigger at 100,000 offerings)."""
    from generator.outputs.docs.render import render_pages

    reads: list[dict | None] = [{} if record else None for _ in range(shares)]
    runs = [plan.pages[start:start + RUN] for start in range(0, len(plan.pages), RUN)]
    holders: list[Holder] = []
    try:
        for k in range(shares):
            some = [page for run in runs[k::shares] for page in run]
            holders.append(Holder(lambda some=some, k=k: render_pages(plan, some, reads[k]), reads[k]))
        return [holder.outputs() for holder in holders], reads
    except BaseException:
        for holder in holders:
            holder.release()
        raise
