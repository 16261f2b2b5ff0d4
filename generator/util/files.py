"""Reading a file that may come from an untrusted tree: a regular file only, and bounded.

A FIFO or a device named like a data file would block ``open`` or never end, and a sparse file
can claim gigabytes; so the file is opened without blocking, checked with ``fstat`` and refused
before anything is read.  The size is checked instead of reading up to the limit, since
``read(limit + 1)`` allocates the whole limit for every file.
"""

from __future__ import annotations

import errno
import os
import stat


class NotRegularFile(OSError):
    """The path is a FIFO, socket, device or folder, not a regular file."""

    def __init__(self):
        super().__init__(errno.EINVAL, "not a regular file")


class FileTooLarge(OSError):
    """The file is larger than the reader's limit; nothing was read."""

    def __init__(self, size: int, limit: int):
        super().__init__(errno.EFBIG, f"{size:,} bytes, larger than {limit // 2**20} MiB")
        self.size, self.limit = size, limit


def read_regular(path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at *path*: :class:`NotRegularFile` or :class:`FileTooLarge`
    (both OSError) instead of blocking or reading too much; other OSErrors pass through."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile()
        if limit is not None and status.st_size > limit:
            raise FileTooLarge(status.st_size, limit)
        return handle.read()
