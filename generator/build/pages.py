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
    shares = default_jobs(len(plan.pages))
    if shares < 2:
        return {**plan.kept, **render_pages(plan, plan.pages, reads), **plan.logos}
    made, share_reads = _render_held(plan, shares, reads is not None)
    if reads is not None:  # the shares are contiguous: in page order, as a serial render records them
        for part in share_reads:
            reads.update(part)
    rendered = {path: data for part in made for path, data in part.items()}
    return {**plan.kept, **rendered, **plan.logos}


def _render_held(plan: DocsPlan, shares: int, record: bool) -> tuple[list[dict], list[dict | None]]:
    """Each share's files (Held, or bytes where its child failed) and reads (None unless *record*).
    The shares are contiguous runs of pages, so their children seldom write in the same folder
    (two processes creating files in one folder contend for it in the kernel)."""
    from generator.outputs.docs.render import render_pages

    reads: list[dict | None] = [{} if record else None for _ in range(shares)]
    bounds = [k * len(plan.pages) // shares for k in range(shares + 1)]
    holders: list[Holder] = []
    try:
        for k in range(shares):
            some = plan.pages[bounds[k]:bounds[k + 1]]
            holders.append(Holder(lambda some=some, k=k: render_pages(plan, some, reads[k]), reads[k]))
        return [holder.outputs() for holder in holders], reads
    except BaseException:
        for holder in holders:
            holder.release()
        raise
