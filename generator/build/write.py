"""Write a tree of generated files: atomically, only what changed, owning only its own files.

* Each file is written to a temporary file in its directory and renamed over
  the target (``os.replace``), so a reader or an interrupted build sees every
  file either old or new, never half written.
* A file whose bytes are already on disk is not touched (its mtime stays).
* A manifest (``.provcat-manifest.json`` in the output directory) lists every
  file the generator owns, with its SHA-256.  A file listed in the previous
  manifest and no longer produced is removed; a file the manifest does not
  list is never touched.  The manifest is deterministic (sorted, no times), so
  it can be committed with the tree.
* Before anything is written, the manifest is widened to old + new files, so an
  interrupted build never leaves a generated file that no manifest owns.
* Nothing is written or removed through a symbolic link: every folder between
  the output directory and a file is checked (``lstat``) to be a real folder,
  since the output directory is committed and a pull request can put a link in
  it (:func:`safe_folders`).
"""

from __future__ import annotations

import hashlib
import json
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator.build.held import Held, write_all
from generator.outputs.kept import Kept, Output
from generator.util.atomic import replace_atomic

MANIFEST_NAME = ".provcat-manifest.json"
MANIFEST_FORMAT = 1


class OutputError(Exception):
    """The output directory cannot be written safely; the message names the path and the cause."""


class UnsafeOutputPath(OutputError, ValueError):
    """A produced or manifest path is absolute, climbs out of the output directory, is not
    normalised, or passes through a symbolic link or a file."""


class KeptFileChanged(ValueError):
    """A producer kept a file (:class:`Kept`) that is not as the last build's manifest records it:
    there are no bytes to write, so the build stops rather than leave a stale file."""


@dataclass
class Changes:
    """What a build did (or, with ``--check``, would do) to the output directory."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict, repr=False, compare=False)  # path -> SHA-256 of every file
    manifest: bytes = field(default=b"", repr=False, compare=False)  # the new manifest

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in ("created", "updated", "removed", "unchanged")}

    def summary(self) -> str:
        return ", ".join(f"{n} {k}" for k, n in self.counts().items())


def check_path(path: str) -> str:
    """*path* if it is a safe, normalised relative path with forward slashes; else raise."""
    parts = path.split("/")  # as strict as PurePosixPath(path) normalising to itself, but cheap
    if not path or "\\" in path or ":" in parts[0] or any(part in ("", ".", "..") for part in parts):
        raise UnsafeOutputPath(f"unsafe output path {path!r}: must be relative, normalised, inside the output directory")
    return path


def read_manifest(out_dir: Path, name: str = MANIFEST_NAME) -> dict[str, str]:
    """The previous manifest's files (path -> sha256); empty when there is none or it is unreadable."""
    try:
        data = json.loads((out_dir / name).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(files, dict):
        return {}
    try:
        return {check_path(p): str(h) for p, h in files.items()}
    except UnsafeOutputPath as exc:  # a tampered manifest must not make the build remove outside --out
        raise UnsafeOutputPath(f"{out_dir / name}: {exc}; remove that entry") from None


def safe_folders(out_dir: Path, paths, create: bool = False) -> set[str]:
    """Check that the folders holding *paths* (relative, checked) are real folders inside *out_dir*,
    not symbolic links or files; with *create*, make the missing ones.  Raise UnsafeOutputPath.
    Return the folders that were missing (and so hold no file yet).

    One ``lstat`` per distinct folder: a build writes a few folders' worth, not one per file;
    none in a folder found missing (in a fresh output directory, none at all below the top).
    """
    seen: set[str] = {""}
    missing: set[str] = set()
    for folder in sorted({os.path.dirname(p) for p in paths}):
        parts = folder.split("/")
        for depth in range(1, len(parts) + 1):
            sub = "/".join(parts[:depth])
            if sub in seen:
                continue
            seen.add(sub)
            if os.path.dirname(sub) in missing or not _check_folder(out_dir, sub):
                missing.add(sub)
                if create:
                    os.mkdir(os.path.join(out_dir, sub))
    return missing


def _check_folder(out_dir: Path, sub: str) -> bool:
    """Whether the folder *sub* exists; raise when a link or a file stands there."""
    path = os.path.join(out_dir, sub)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode):
        raise UnsafeOutputPath(f"{path} is a symbolic link; the build never writes or removes through a link "
                               "(it could lead out of the output directory): replace it with a folder")
    if not stat.S_ISDIR(mode):
        raise UnsafeOutputPath(f"{path} is not a folder, but the build writes files in it: remove or rename it")
    return True


def manifest_bytes(digests: dict[str, str]) -> bytes:
    """``json.dumps(manifest, indent=1, ensure_ascii=False)`` and a newline, written out by hand:
    json's indenting encoder is pure Python and took a tenth of a second for 6,000 files."""
    if not digests:
        return (json.dumps({"generator": "provcat", "format": MANIFEST_FORMAT, "files": {}}, indent=1) + "\n").encode()
    dumps = json.dumps
    rows = ",\n".join(f"  {dumps(p, ensure_ascii=False)}: {dumps(h)}" for p, h in sorted(digests.items()))
    head = f'{{\n "generator": "provcat",\n "format": {MANIFEST_FORMAT},\n "files": {{\n'
    return (head + rows + "\n }\n}\n").encode("utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digests(files: dict[str, Output]) -> dict[str, str]:
    """The SHA-256 of every file (a :class:`Kept` file carries the digest of the file on disk, a
    :class:`~generator.build.held.Held` one that of the bytes its process holds)."""
    return {p: d.digest if isinstance(d, (Kept, Held)) else digest(d) for p, d in files.items()}


def plan(out_dir: Path, files: dict[str, Output], name: str = MANIFEST_NAME,
         untouched: set[str] | frozenset = frozenset(), old_manifest: dict[str, str] | None = None) -> Changes:
    """Compare *files* with the output directory; write nothing.

    A file in *untouched* (as the last build left it, see :func:`generator.build.state.untouched`)
    is compared through the previous manifest's digest instead of being read.
    """
    hashes = digests(files)
    changes = Changes(hashes=hashes)
    old_manifest = read_manifest(out_dir, name) if old_manifest is None else old_manifest
    missing = safe_folders(out_dir, [*map(check_path, files), *old_manifest])  # before reading through a link
    present = _Listing(out_dir, missing)
    for path in sorted(files):
        data = files[path]
        if isinstance(data, Kept) or (path in untouched and path in old_manifest):
            same = old_manifest.get(path) == hashes[path]
            if isinstance(data, Kept) and not same:
                raise KeptFileChanged(f"{path} was to be kept as the last build wrote it, but the manifest differs")
            bucket = changes.unchanged if same else changes.updated
        else:
            old = _read(out_dir / path) if path in present else None
            same = old == data if isinstance(data, bytes) else isinstance(old, bytes) and digest(old) == hashes[path]
            bucket = changes.created if old is None else changes.unchanged if same else changes.updated
        bucket.append(path)
    changes.removed = sorted(p for p in old_manifest if p not in files and _is_file(out_dir / p))
    old = _read(out_dir / name)
    bucket = changes.created if old is None else changes.updated
    changes.manifest = manifest_bytes(hashes)
    if old == changes.manifest:
        bucket = changes.unchanged
    bucket.append(name)
    return changes


class _Listing:
    """Whether a file is there, from one listing of its folder: a build creating thousands of files
    would otherwise fail to open each one first.  A folder is listed when first asked about."""

    def __init__(self, out_dir: Path, missing: set[str]):
        self.out_dir, self.names = out_dir, dict.fromkeys(missing, frozenset())

    def __contains__(self, path: str) -> bool:
        folder, _, name = path.rpartition("/")
        names = self.names.get(folder)
        if names is None:
            try:
                names = self.names[folder] = frozenset(os.listdir(os.path.join(self.out_dir, folder)))
            except (FileNotFoundError, NotADirectoryError):
                names = self.names[folder] = frozenset()
        return name in names


def _is_file(path: Path) -> bool:
    """A regular file or a link (the link itself is removed, never what it points to)."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    return stat.S_ISREG(mode) or stat.S_ISLNK(mode)


_FOREIGN = object()  # a link, FIFO or device where a file goes: replaced (the link itself), never read


def _read(path: Path) -> bytes | None | object:
    """The bytes of the regular file at *path*; None when there is none; :data:`_FOREIGN` for a
    link or special file (reading one could leave --out, or block); a folder is an error."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _FOREIGN
        raise
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise UnsafeOutputPath(f"{path} is not a file: it is a folder where the build writes a file; "
                                   "remove or rename it")
        return _FOREIGN
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def apply(out_dir: Path, files: dict[str, Output], changes: Changes, name: str = MANIFEST_NAME,
          progress: Callable[[int, int], None] | None = None, old_manifest: dict[str, str] | None = None) -> None:
    """Carry out *changes* (from :func:`plan`): write, remove, then record the manifest."""
    if not changes.changed:
        return
    hashes = changes.hashes or digests(files)
    old = read_manifest(out_dir, name) if old_manifest is None else old_manifest
    out_dir.mkdir(parents=True, exist_ok=True)
    if not all(p in old for p in changes.created):
        atomic_write(out_dir / name, manifest_bytes({**old, **hashes}))  # own everything we may create
    writes = sorted(p for p in changes.created + changes.updated if p != name)
    safe_folders(out_dir, writes, create=True)
    write_all(str(out_dir), files, writes, progress)  # on every core for a big build
    for path in changes.removed:
        _remove(out_dir, path)
    atomic_write(out_dir / name, changes.manifest or manifest_bytes(hashes))


def atomic_write(target: Path, data: bytes) -> None:
    """Write *data* to *target* through a temporary file in the same directory and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if os.path.isdir(target) and not os.path.islink(target):
        raise UnsafeOutputPath(f"{target} is not a file: it is a folder where the build writes a file; "
                               "remove or rename it")
    replace_atomic(str(target), data)


def _remove(out_dir: Path, path: str) -> None:
    """Remove a file the generator no longer produces, then its directories left empty."""
    (out_dir / path).unlink(missing_ok=True)
    parent = (out_dir / path).parent
    while parent != out_dir and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
