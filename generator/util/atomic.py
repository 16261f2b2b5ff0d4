"""Atomic file writes: a reader sees the old file or the new one, never a mix.

The temporary file is ``.NAME.PID.tmp`` beside the target: hidden, ignored by git, and tied to
the process, so a later build can tell a killed build's leftover from a running one's
(:mod:`generator.build.outdir`).  It is opened with ``O_NOFOLLOW``: a link planted under that name
is never written through.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> bool:
    """Write *data* to *path* (creating its folder); False, writing nothing, when the file already
    holds these bytes."""
    path = Path(path)
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomic(str(path), data)
    return True


def replace_atomic(target: str, data: bytes | tuple[bytes, ...]) -> None:
    """Put *data* (bytes, or a tuple of parts written one after the other, so a big file need not
    be joined in memory first) at *target* through a temporary file and a rename; the target's
    folder exists."""
    folder, name = os.path.split(target)
    temp = os.path.join(folder, temporary_name(name))
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
        try:
            for part in data if isinstance(data, tuple) else (data,):
                _write_all(fd, part)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        if os.path.lexists(temp):
            os.unlink(temp)
        raise


def temporary_name(name: str) -> str:
    """``.NAME.PID.tmp``, the temporary file of *name* written by this process."""
    return f".{name}.{_pid[0]}.tmp"


_pid = [os.getpid()]  # asked once, not once per file written (a build writes thousands)


def _forked() -> None:
    _pid[0] = os.getpid()


os.register_at_fork(after_in_child=_forked)  # a forked writer names its temporary files by its own number


def _write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is written (it may write fewer than asked)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
