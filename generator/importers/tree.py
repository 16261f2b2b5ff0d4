"""Walking a models.dev checkout: folder links are reported, never followed; walks are bounded.

Following folder links imported a provider from outside the checkout, and three links to ``.``
made the walk branch without end (past 300 s and 1.8 GB).  models.dev itself has no folder links
(only file links, which :mod:`.models_dev_read` follows within the checkout), so a folder link is
reported and skipped, as is a folder nested deeper than :data:`MAX_DEPTH` or a walk past
:data:`MAX_FILES` files.
"""

from __future__ import annotations

import os

from generator.importers.report import ImportReport

MAX_DEPTH = 16  # folders below the walked one; the corpus goes 4 deep
MAX_FILES = 100_000  # per walk; the whole corpus has 5,685 TOML files


def inside(path: str, root: str) -> bool:
    """True when the real path *path* lies below the real path *root*."""
    return path.startswith(root + os.sep)


def folder_link_problem(path: str, root: str) -> str:
    """Why the folder link at *path* is not followed, for the report."""
    target = os.readlink(path)
    if not inside(os.path.realpath(path), root):
        return f"folder link to {target} leads outside the checkout; not followed"
    return f"folder link to {target}; folder links are not followed (one leading up the tree would loop)"


def toml_files(folder: str, shown: str, root: str, report: ImportReport, kind: str,
               suffix: str = ".toml") -> list[tuple[str, str]]:
    """Every ``*.toml`` (or *suffix*) file below *folder* with its path below it, sorted; *shown* is how the report
    names *folder*, *root* the checkout's real path, *kind* what a skipped folder would have held."""
    found: list[tuple[str, str]] = []
    pending = [(str(folder), "", 0)]
    while pending:
        path, prefix, depth = pending.pop()
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            report.skip(shown + prefix.rstrip("/"), "unreadable", f"cannot be listed: {error.strerror}", kind)
            continue
        for entry in entries:
            below = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if depth + 1 > MAX_DEPTH:
                    report.skip(f"{shown}{below}", "too-large", f"folders nested deeper than {MAX_DEPTH}; not read", kind)
                else:
                    pending.append((entry.path, below + "/", depth + 1))
            elif entry.is_symlink() and entry.is_dir():
                report.skip(f"{shown}{below}", "broken-link", folder_link_problem(entry.path, root), kind)
            elif entry.name.endswith(suffix):
                if len(found) == MAX_FILES:
                    report.skip(shown.rstrip("/"), "too-large", f"more than {MAX_FILES} files; the rest is not read", kind)
                    return sorted(found, key=lambda pair: pair[1])
                found.append((entry.path, below))
    return sorted(found, key=lambda pair: pair[1])
