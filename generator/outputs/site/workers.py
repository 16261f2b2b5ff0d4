"""The pages outside the nav rendered by forked workers, started before mkdocs builds its own pages.

:mod:`.fast_pages` starts a :class:`Rendering` from the plugin's ``on_env`` (every page read, the
theme's environment ready) and collects it in ``on_post_build``: the two cores render those
pages while the main process writes mkdocs' own pages, the theme's files and templates, instead
of one core waiting for that serial part to end.  A few pages are rendered in the main process
when they are collected, as before.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable


class Rendering:
    """``work(index)`` (which returns ``(index, result)``) for every index of *todo*."""

    def __init__(self, todo: list[int], work: Callable):
        self.todo, self.work = todo, work
        self.pool = None
        self.pending = None

    @classmethod
    def start(cls, todo: list[int], work: Callable, *, in_process: bool) -> Rendering:
        """Fork the workers now (they inherit the caller's state as it is) unless *in_process*."""
        rendering = cls(todo, work)
        if not in_process:
            processes = min(os.cpu_count() or 1, 4)
            chunk = max(1, len(todo) // (processes * 8))
            rendering.pool = multiprocessing.get_context("fork").Pool(processes)
            rendering.pending = rendering.pool.imap(work, todo, chunksize=chunk)
        return rendering

    @property
    def forked(self) -> bool:
        return self.pool is not None

    def results(self) -> dict:
        """Every index's result (rendered here if nothing was forked), the workers then stopped."""
        if self.pool is None:
            return dict(self.work(index) for index in self.todo)
        try:
            return dict(self.pending)
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Stop the workers, whatever they were doing (the build failed, or it is over)."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool = self.pending = None
