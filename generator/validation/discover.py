"""Find the catalog's files under a data directory.

Layout::

    providers/<provider-id>/provider.yaml       a provider
    providers/<provider-id>/logo.svg            its logo (optional)
    providers/<provider-id>/models/<file>.yaml  its offerings
    models/<author-id>/<file>.yaml              canonical models
    authors/<author-id>.yaml                    authors
    links.yaml                                  reviewed links (provcat link), checked on its own

A file elsewhere is reported rather than ignored, so a misplaced file is never
silently left out; a broken symbolic link or one that leads out of the data
directory is an error, and so is a logo that is not plain drawing (:mod:`.svg`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.validation import svg
from generator.validation.problems import ERROR, WARNING, Problem


@dataclass(frozen=True)
class Entry:
    kind: str  # provider, offering, model or author
    file: str  # path shown in messages: relative to the working directory where possible
    path: str  # path to open
    rel: str  # relative to the data directory, with forward slashes


def display_name(path: Path) -> str:
    """The path as a user typed it: relative to the current directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


# Hidden names tools leave in folders: skipped without a word.  Any other hidden
# file or folder is reported, since a provider folder renamed `.cerebras` would
# otherwise drop out of the catalog silently.
LINKS_FILE = "links.yaml"  # data/links.yaml: reviewed links between offerings and canonical models
HISTORY_FILE = "history.yaml"  # data/history.yaml: the last commit each history import walked
CHANGES_FILE = "changes.yaml"  # data/providers/<id>/changes.yaml: lifecycle events of its offerings
QUIET_HIDDEN = frozenset({".DS_Store", ".gitkeep", ".gitignore", ".gitattributes"})


def discover(data_dir: Path) -> tuple[list[Entry], list[Problem]]:
    """Every catalog file under *data_dir*, and problems with stray files."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return [], [Problem(display_name(data_dir), 1, 1, "", "no such catalog directory")]
    shown = display_name(data_dir)
    root = data_dir.resolve()
    entries: list[Entry] = []
    problems: list[Problem] = []
    for rel, item in sorted(_walk(str(data_dir), "")):
        file = f"{shown}/{rel}"
        problem = _link_problem(item, root) if item.is_symlink() else None
        problem = problem or _not_regular(item) or _hidden(rel)
        kind = classify(rel) if problem is None else problem
        if kind is None and is_logo(rel):
            problems += svg.logo_problems(item.path, file)  # copied into the site as it is
        elif kind in ("provider", "offering", "model", "author"):
            entries.append(Entry(kind, file, item.path, rel))
        elif kind is not None:
            severity = WARNING if kind.startswith(("not part", "hidden")) else ERROR
            problems.append(Problem(file, 1, 1, "", kind, severity))
    problems += _missing_providers(entries)
    return entries, problems


def _walk(folder: str, prefix: str):
    """(relative path, DirEntry) of every file below *folder*; a hidden folder is given as itself
    (reported, not entered), a link to a folder as a file (reported, never followed)."""
    with os.scandir(folder) as items:
        for item in items:
            if item.name in QUIET_HIDDEN:
                continue
            rel = prefix + item.name
            if item.name.startswith("."):
                yield rel, item
                continue
            if item.is_dir(follow_symlinks=False):
                yield from _walk(item.path, rel + "/")
            else:
                yield rel, item


def _hidden(rel: str) -> str | None:
    if rel.rsplit("/", 1)[-1].startswith("."):
        return "hidden, so not part of the catalog; rename it without the leading dot, or remove it"
    return None


def _not_regular(item: os.DirEntry) -> str | None:
    """Only regular files are read: a FIFO or a device would block or never end."""
    if item.is_dir(follow_symlinks=False) or item.is_file(follow_symlinks=True) or not Path(item.path).exists():
        return None
    if item.is_dir(follow_symlinks=True):
        return "symbolic link to a folder; links to folders are not followed, move the folder here instead"
    return "not a regular file (a FIFO, socket or device); only regular files are read"


def _link_problem(item: os.DirEntry, root: Path) -> str | None:
    try:
        target = Path(item.path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return f"symbolic link loop (to {os.readlink(item.path)})"
    if not target.exists():
        return f"broken symbolic link (to {os.readlink(item.path)})"
    if target != root and root not in target.parents:
        return "symbolic link leads outside the catalog directory"
    return None


def is_logo(rel: str) -> bool:
    """Whether *rel* is a provider's logo (``providers/<id>/logo.svg``)."""
    parts = rel.split("/")
    return len(parts) == 3 and parts[0] == "providers" and parts[2] == "logo.svg"


def is_changes(rel: str) -> bool:
    """Whether *rel* is a provider's lifecycle events (``providers/<id>/changes.yaml``)."""
    parts = rel.split("/")
    return len(parts) == 3 and parts[0] == "providers" and parts[2] == CHANGES_FILE


def side_files(data_dir: Path) -> list[tuple[str, str]]:
    """(kind, rel) of the files beside the catalog documents that exist: links, history, changes."""
    data_dir = Path(data_dir)
    found = [("links", LINKS_FILE), ("history", HISTORY_FILE)]
    providers = data_dir / "providers"
    if providers.is_dir():
        found += [("changes", f"providers/{p.name}/{CHANGES_FILE}") for p in sorted(providers.iterdir(), key=lambda p: p.name)
                  if p.is_dir() and not p.is_symlink()]
    return [(kind, rel) for kind, rel in found if os.path.lexists(data_dir / rel)]


def classify(rel: str) -> str | None:
    """The kind of file at *rel*; None for known non-data files; else a complaint."""
    parts = rel.split("/")
    if parts[-1].endswith(".yml"):
        return "use the .yaml extension"
    shapes = {
        ("providers", 3, "provider.yaml"): "provider",
        ("providers", 3, "logo.svg"): None,
    }
    key = (parts[0], len(parts), parts[-1])
    if key in shapes:
        return shapes[key]
    if parts[0] == "providers" and len(parts) == 4 and parts[2] == "models" and parts[3].endswith(".yaml"):
        return "offering"
    if parts[0] == "models" and len(parts) == 3 and parts[2].endswith(".yaml"):
        return "model"
    if parts[0] == "authors" and len(parts) == 2 and parts[1].endswith(".yaml"):
        return "author"
    if rel in (LINKS_FILE, HISTORY_FILE) or is_changes(rel):
        return None  # checked by validate.side_file_problems, not catalog documents
    if parts[-1] in ("README.md", "LICENSE"):
        return None
    return "not part of the catalog layout (see README: Data format); the file is ignored"


def _missing_providers(entries: list[Entry]) -> list[Problem]:
    have = {e.file.rsplit("/", 1)[0] for e in entries if e.kind == "provider"}
    folders = {e.file.rsplit("/", 2)[0] for e in entries if e.kind == "offering"}
    return [Problem(folder, 1, 1, "", "provider folder without provider.yaml") for folder in sorted(folders - have)]
