"""Write many files at once, in as many processes as there are cores (up to :data:`MAX_WRITERS`).

Creating a file is mostly kernel time (on the disk this was measured on, about half a millisecond
per file: seconds for a build's thousands of pages), and it scales over cores.  So a big write is
split into contiguous shares of the sorted paths (writers then seldom share a folder): this
process writes the first, forked children (:class:`generator.util.parallel.Forked`) the others.
They inherit the files' bytes by forking, so nothing is copied or sent to them.

Every file is written as before, through :func:`generator.util.atomic.replace_atomic` (a temporary
file and a rename, named by the writing process).  When a child fails, this process writes its
share again, so the error surfaces here as in a serial write; when this process fails, it waits
for the children to finish the files they are at before it raises: no writer is cut off.
"""

from __future__ import annotations

import os
from typing import Callable, Mapping

from generator.util.atomic import replace_atomic
from generator.util.parallel import Forked, can_fork, cpus

FORK_FROM = 1000  # files; for fewer, a child costs more than it saves
MAX_WRITERS = 4


def write_files(base: str, files: Mapping[str, bytes], paths: list[str],
                progress: Callable[[int, int], None] | None = None, writers: int | None = None) -> None:
    """Write ``files[p]`` to ``base/p`` for every *p* of *paths* (their folders exist)."""
    shares = _shares(paths, default_writers(len(paths)) if writers is None else writers)
    children = [Forked(lambda share=share: _write_share(base, files, share)) for share in shares[1:]]
    try:
        _write_share(base, files, shares[0], progress, len(paths))
    except BaseException:
        for child in children:
            child.finish()
        raise
    for child in children:
        child.result()  # a failed child's share is written again here: its error is raised here


def default_writers(count: int) -> int:
    """One writer per core (at most :data:`MAX_WRITERS`) for a big write; else one."""
    return min(cpus(), MAX_WRITERS) if count >= FORK_FROM and can_fork() else 1


def _shares(paths: list[str], writers: int) -> list[list[str]]:
    """*paths* cut into *writers* contiguous shares of (nearly) equal length; always at least one."""
    writers = max(1, min(writers, len(paths)))
    size, extra = divmod(len(paths), writers)
    bounds = [k * size + min(k, extra) for k in range(writers + 1)]
    return [paths[bounds[k]:bounds[k + 1]] for k in range(writers)]


def _write_share(base: str, files: Mapping[str, bytes], share: list[str],
                 progress: Callable[[int, int], None] | None = None, total: int = 0) -> None:
    """Write *share*; *progress* sees this share's part of *total* (the other writers keep pace)."""
    join = os.path.join
    for done, path in enumerate(share, 1):
        replace_atomic(join(base, path), files[path])
        if progress:
            progress(done * total // len(share), total)
