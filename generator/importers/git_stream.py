"""A git repository's history read in one stream: what each commit changed, and the changed blobs.

The history importers never check a commit out: ``git log --first-parent --raw`` lists, commit by
commit along the main line (a merge compared with its first parent, so each step is one state of
the branch as its users saw it), the files each commit added, changed, deleted or renamed, with
their blob ids; one long-running ``git cat-file --batch`` then hands over the contents of the
changed blobs only.  Renames are the ones git finds with a similarity of at least
:data:`RENAME_SIMILARITY` (small TOML files of one provider look alike: git's default of 50 %
pairs unrelated models).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

RENAME_SIMILARITY = "90%"
MAX_BLOB_BYTES = 64 * 2**20  # a LiteLLM JSON is a few MB; anything far larger is refused, not read
LINK_MODE = "120000"
NO_BLOB = "0" * 40


class GitError(Exception):
    """The repository cannot be read (not a repository, unknown revision, git missing)."""


@dataclass(frozen=True)
class Change:
    status: str  # A, M, D, T or R (git's letters)
    path: str  # the path after the commit (for D: the deleted path)
    blob: str  # blob id after the commit; NO_BLOB when deleted
    mode: str  # file mode after the commit ("100644", "120000" for a symbolic link)
    old_path: str | None = None  # for R: the path before


@dataclass(frozen=True)
class Commit:
    hash: str
    time: int  # committer time, seconds since the epoch (UTC)
    changes: tuple[Change, ...]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout


def head(repo: Path, ref: str = "HEAD") -> str:
    """The full hash of *ref* in *repo*."""
    return git(repo, "rev-parse", "--verify", "--quiet", ref + "^{commit}").strip()


def commits(repo: Path, paths: tuple[str, ...], since: str | None = None, ref: str = "HEAD"):
    """Every first-parent commit after *since* up to *ref* that changed *paths*, oldest first."""
    span = f"{since}..{ref}" if since else ref
    args = ["git", "-C", str(repo), "log", "--first-parent", "-m", "--reverse", "--raw", "--no-abbrev",
            f"--find-renames={RENAME_SIMILARITY}", "-z", "--format=%x01%H %ct", span, "--", *paths]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        yield from _parse(proc.stdout)
        problem = proc.stderr.read().decode("utf-8", "replace").strip()
    if proc.returncode != 0:
        raise GitError(problem or "git log failed")


def _parse(stream):
    """Commits from ``git log --raw -z`` output: ``\\x01HASH TIME\\n`` then NUL-separated records."""
    buffer = b""
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        buffer += chunk
        *whole, buffer = buffer.split(b"\x01")
        for record in whole:
            if record:
                yield _commit(record)
    if buffer:
        yield _commit(buffer)


def _commit(record: bytes) -> Commit:
    header = record.split(b"\x00", 1)[0].split(b"\n", 1)[0]
    rest = record[len(header):]
    hash_, time = header.decode().split()
    fields = rest.lstrip(b"\n\x00").split(b"\x00")
    changes, i = [], 0
    while i < len(fields) and fields[i].startswith(b":"):
        _, new_mode, _, blob, status = fields[i][1:].decode().split()
        if status[0] in "RC":
            changes.append(Change("R", fields[i + 2].decode(), blob, new_mode, fields[i + 1].decode()))
            i += 3
        else:
            changes.append(Change(status[0], fields[i + 1].decode(), blob, new_mode))
            i += 2
    return Commit(hash_, int(time), tuple(changes))


class Blobs:
    """Blob contents through one ``git cat-file --batch`` process; use as a context manager."""

    def __init__(self, repo: Path):
        self._proc = subprocess.Popen(["git", "-C", str(repo), "cat-file", "--batch"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE)

    def __enter__(self) -> "Blobs":
        return self

    def __exit__(self, *exc) -> None:
        self._proc.stdin.close()
        self._proc.wait()

    def read(self, blob: str) -> bytes | None:
        """The blob's bytes; None when it is missing or larger than :data:`MAX_BLOB_BYTES`."""
        self._proc.stdin.write(blob.encode() + b"\n")
        self._proc.stdin.flush()
        header = self._proc.stdout.readline().split()
        if len(header) != 3:
            return None
        size = int(header[2])
        data = self._proc.stdout.read(size + 1)[:-1]
        return data if size <= MAX_BLOB_BYTES else None


def tree(repo: Path, ref: str, paths: tuple[str, ...]) -> list[Change]:
    """Every file below *paths* at *ref*, as additions (the state an incremental walk resumes from)."""
    out = git(repo, "ls-tree", "-r", "-z", "--full-tree", ref, "--", *paths)
    found = []
    for entry in filter(None, out.split("\x00")):
        meta, path = entry.split("\t", 1)
        mode, kind, blob = meta.split()
        if kind == "blob":
            found.append(Change("A", path, blob, mode))
    return found
