"""A catalog named on the command line: a folder, an exported ``catalog.json``, or a folder at a git revision.

A git revision is read without a checkout: ``git archive REV -- PATH`` streams the folder's files as
they were at REV, and they are unpacked into a temporary folder (regular files and folders only, each
name checked to stay inside it; a link is refused), validated and loaded like any catalog folder.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path, PurePosixPath

from generator.catalog.catalog import Catalog
from generator.catalog.json_read import catalog_from_json
from generator.catalog.load import load_catalog
from generator.validation.problems import CatalogError, one_line

MAX_ARCHIVE = 1 << 30  # 1 GiB: a catalog's folder is far smaller; a bigger archive is refused, not unpacked


class RevisionError(CatalogError):
    """git could not give the folder at that revision (no repository, no such revision or path)."""


def catalog_at(spec: str, repo: Path | None = None, path: str = "data") -> Catalog:
    """The catalog *spec* names.

    With *repo*, *spec* is a git revision of the folder *path* in *repo* (``HEAD~1``), or ``REV:PATH``.
    Without it: an existing folder, an existing file (a ``catalog.json``), or ``REV:PATH`` in the git
    repository of the current folder.
    """
    if repo is None and Path(spec).is_dir():
        return load_catalog(spec)
    if repo is None and Path(spec).is_file():
        return catalog_from_json(spec)
    rev, colon, rev_path = spec.partition(":")
    if not colon and repo is None:
        raise RevisionError(f"{one_line(spec)}: no catalog folder, catalog.json file, or REV:PATH of that name")
    return catalog_at_revision(repo or Path("."), rev, rev_path if colon else path)


def catalog_at_revision(repo: Path, rev: str, path: str) -> Catalog:
    """The catalog in folder *path* of the git repository *repo* as it was at revision *rev*."""
    if not rev or rev.startswith("-") or not path.strip("/"):
        raise RevisionError(f"{one_line(rev)}:{one_line(path)}: give a revision and a folder, as REV:PATH")
    archive = _archive(repo, rev, path.strip("/"))
    with tempfile.TemporaryDirectory(prefix="provcat-diff-") as tmp:
        _unpack(archive, Path(tmp), f"{one_line(rev)}:{one_line(path)}")
        folder = Path(tmp, path.strip("/"))
        if not folder.is_dir():
            raise RevisionError(f"{one_line(rev)}:{one_line(path)} is not a folder")
        catalog = load_catalog(folder)
    catalog.data_dir = None  # the temporary folder is gone
    return catalog


def _archive(repo: Path, rev: str, path: str) -> bytes:
    """The tar archive of *path* at *rev*, or RevisionError with git's own message."""
    command = ["git", "-C", str(repo), "archive", "--format=tar", rev, "--", path]
    try:
        done = subprocess.run(command, capture_output=True, check=False)
    except OSError as exc:
        raise RevisionError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        message = one_line(done.stderr.decode("utf-8", "replace").strip()) or f"exit status {done.returncode}"
        raise RevisionError(f"{one_line(rev)}:{one_line(path)} in {repo}: {message}")
    if len(done.stdout) > MAX_ARCHIVE:
        raise RevisionError(f"{one_line(rev)}:{one_line(path)}: archive larger than {MAX_ARCHIVE} bytes")
    return done.stdout


def _unpack(archive: bytes, into: Path, where: str) -> None:
    """Write the archive's folders and regular files under *into*; anything else is a RevisionError.

    (tarfile's ``data`` filter does the same checks but takes seconds on a catalog of 6,000 files.)"""
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        for member in tar:
            parts = PurePosixPath(member.name).parts
            if not parts or member.name.startswith("/") or ".." in parts:
                raise RevisionError(f"{where}: the archive names {one_line(member.name)}, outside the folder")
            target = into.joinpath(*parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(tar.extractfile(member).read())
            elif member.type != tarfile.XGLTYPE and member.type != tarfile.XHDTYPE:
                raise RevisionError(f"{where}: {one_line(member.name)} is a link or special file, not a regular file")
