"""Merge a large batch on every core: contiguous slices in worker processes.

Each item is one file, independent of the others, so slices can be merged at
the same time.  Each worker returns its own report (and dry-run lines); the
parent adds them up in slice order, so output is the same as a serial run.
Where ``fork`` is unavailable the work stays in one process.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import replace

from .items import Batch
from .report import ImportReport

PARALLEL_FROM = 1000  # items; below this, starting workers costs more than it saves


def workers_for(count: int) -> int:
    if count < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def apply_sliced(apply_items, batch: Batch, items: list, workers: int, echo) -> None:
    """Run ``apply_items(batch, slice, lines)`` per slice in *workers* processes; merge the reports."""
    size = -(-len(items) // workers)
    slices = [items[i:i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    with context.Pool(len(slices)) as pool:
        results = pool.starmap(_run, [(apply_items, batch, part, echo is not None) for part in slices])
    for report, lines in results:
        _add(batch.report, report)
        for line in lines:
            echo(line)


def _run(apply_items, batch: Batch, part: list, collect: bool):
    own = replace(batch, report=ImportReport(batch.importer, batch.report.source), items=[], seen={})
    lines: list[str] = []
    apply_items(own, part, lines.append if collect else None)
    return own.report, lines


def _add(total: ImportReport, part: ImportReport) -> None:
    for kind, counter in part.counts.items():
        total.counts[kind].update(counter)
    total.skips.extend(part.skips)
    total.disagreements.extend(part.disagreements)
