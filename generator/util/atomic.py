"""Atomic file writes: a reader sees the old file or the new one, never a mix."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> bool:
    """Write *data* to *path* through a temporary file and a rename.

    Returns False, writing nothing, when the file already holds these bytes.  The temporary
    file is ``.NAME.PID.tmp``, as the build's own (:mod:`generator.build.write`): ignored by
    git, and a killed process's leftover is recognised and removed by the next build.
    """
    path = Path(path)
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        raise
    return True
