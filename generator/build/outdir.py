"""The output directory as a place one build owns at a time.

* A build holds an exclusive ``flock`` on ``.provcat-lock`` in the output directory
  from its first read of the last build's files to its last write: two builds into one
  directory (``site serve`` rebuilding while ``make all`` runs) would otherwise mix
  their files and manifests.  A second build waits (:data:`WAIT_ENV`, default
  :data:`DEFAULT_WAIT` seconds), then stops naming the process that holds it.  ``--check``
  takes a shared lock, and only when the lock file exists, so it writes nothing.
* A build killed while writing leaves ``.NAME.PID.tmp`` files; the next build removes
  those whose process is gone (:func:`sweep`).
* The output directory must not be the catalog's, nor inside it, nor hold it
  (:func:`overlap`): the build would write pages into the catalog.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import time
from contextlib import contextmanager
from pathlib import Path

from generator.build.write import OutputError

LOCK_NAME = ".provcat-lock"
WAIT_ENV = "PROVCAT_LOCK_WAIT"
DEFAULT_WAIT = 120.0  # seconds: a full build of a large catalog takes well under this
_POLL = 0.05
_TEMPORARY = re.compile(r"^\..+\.(\d+)\.tmp$")


class OutputLocked(OutputError):
    """Another build holds the output directory's lock for longer than this one waits."""


@contextmanager
def lock(out_dir: Path, shared: bool = False):
    """Hold the output directory's lock for the block (see the module docstring).

    Without *shared*, the directory is created if missing; when the block then fails and the
    directory holds nothing but the lock, it is removed again, so a failed build leaves nothing.
    """
    out_dir = Path(out_dir)
    if shared:
        fd = _open_existing(out_dir / LOCK_NAME)
        created = False
    else:
        created = False
        try:
            fd = _open_lock(out_dir / LOCK_NAME)
        except FileNotFoundError:  # a first build: the folder is made (and unmade if the build fails)
            out_dir.mkdir(parents=True, exist_ok=True)
            created = True
            fd = _open_lock(out_dir / LOCK_NAME)
    try:
        if fd is not None:
            _acquire(fd, out_dir, shared)
        yield
    except BaseException:
        if created:
            _remove_if_only_lock(out_dir)
        raise
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock


def _open_lock(path: Path) -> int | None:
    """The lock file, created if missing; in a read-only directory the existing one (or none: a
    build that has something to write then stops with a clear error when it tries)."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        return _open_existing(path)


def _open_existing(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None  # no lock file: no build ever wrote here, or one that cannot be locked


def _acquire(fd: int, out_dir: Path, shared: bool) -> None:
    """Take the lock, polling until the wait runs out; then raise OutputLocked."""
    wait = float(os.environ.get(WAIT_ENV) or DEFAULT_WAIT)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            break
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
        if time.monotonic() >= deadline:
            raise OutputLocked(f"{out_dir} is being written by another provcat build ({_holder(fd)}); "
                               f"waited {wait:g} s (set {WAIT_ENV} to wait longer)")
        time.sleep(_POLL)


def _holder(fd: int) -> str:
    """Who holds the lock, from the kernel's list of locks (Linux); the lock file itself is never
    written, so it stays empty and the same from build to build."""
    status = os.fstat(fd)
    inode = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            for line in locks:
                fields = line.split()
                if len(fields) > 5 and fields[1] == "FLOCK" and fields[5] == inode and fields[4].isdigit():
                    return f"process {fields[4]}"
    except OSError:
        pass
    return "process unknown"


def _remove_if_only_lock(out_dir: Path) -> None:
    try:
        if os.listdir(out_dir) == [LOCK_NAME]:
            os.unlink(out_dir / LOCK_NAME)
            os.rmdir(out_dir)
    except OSError:
        pass  # another build started writing there: the directory is its now


def sweep(out_dir: Path, deep: bool) -> list[str]:
    """Remove the temporary files (``.NAME.PID.tmp``) of builds that are no longer running; call with
    the lock held.  Only the top folder, unless *deep*: a build that wrote files never leaves
    the build state behind it, so the next one is not skipped and sweeps the whole tree."""
    removed: list[str] = []
    _sweep_folder(str(out_dir), deep, removed)
    return removed


def _sweep_folder(folder: str, deep: bool, removed: list[str]) -> None:
    try:
        items = list(os.scandir(folder))
    except OSError:
        return
    for item in items:
        if item.name.endswith(".tmp") and (match := _TEMPORARY.match(item.name)):
            if not _alive(int(match.group(1))) and not item.is_dir(follow_symlinks=False):
                os.unlink(item.path)
                removed.append(item.path)
        elif deep and item.is_dir(follow_symlinks=False):
            _sweep_folder(item.path, deep, removed)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a leftover of an earlier process that had our number: we write none yet
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # PermissionError: it exists; OverflowError: not a process number we can ask about
    return True


class OverlappingFolders(OutputError):
    """--out and --data are the same folder, or one is inside the other."""


def overlap(data_dir: Path, out_dir: Path) -> str | None:
    """Why *out_dir* cannot take a build of *data_dir* (same folder, one inside the other); else None."""
    data, out = Path(data_dir).resolve(), Path(out_dir).resolve()
    if data == out:
        return f"--out {out_dir} is the catalog directory itself; the build would write pages into the catalog"
    if data in out.parents:
        return f"--out {out_dir} is inside the catalog directory {data_dir}; the build would write pages into it"
    if out in data.parents:
        return f"the catalog directory {data_dir} is inside --out {out_dir}; the build owns --out"
    return None


def own_files_are_files(out_dir: Path, names) -> None:
    """Raise OutputError when a folder (or anything but a file or link) sits where the build keeps
    its manifest, state or cache: replacing it would fail halfway through the build."""
    for name in names:
        try:
            mode = os.lstat(Path(out_dir) / name).st_mode
        except FileNotFoundError:
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise OutputError(f"{Path(out_dir) / name} is not a file, but the build keeps its {name} there: "
                              "remove or rename it")
