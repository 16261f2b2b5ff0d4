"""models.dev's git history: each offering's resolved price and status, commit by commit.

The walk keeps the tree's state in memory (path -> parsed TOML, link targets) and, per commit,
reads only the changed blobs (:mod:`.git_stream`).  An offering is re-resolved when its own file,
the file a link of it points to, or its ``base_model`` file changed, so a price change in
``models/<author>/<model>.toml`` reaches every offering built on it.  Prices go through the
importer's own mapping (:func:`.models_dev_map.pricing`, zero rules of :mod:`.free`), so the
history and the current import agree on every key.  Old commits are read as they are: a key the
mapping does not know is ignored as the current import ignores it; a file that is not valid TOML
in one commit is reported with the commit and path and its last readable state is kept.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

try:
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

from generator.importers import git_stream
from generator.importers import models_dev_map as m
from generator.importers.free import free_reason
from generator.importers.history import ABSENT, History, QuietReport, State, utc_day
from generator.importers.inputs import MAX_TOML_BYTES
from generator.importers.models_dev_read import MAX_HOPS, resolve_base
from generator.importers.report import ImportReport

PATHS = ("providers", "models")


def walk(repo: Path, report: ImportReport, history: History | None = None) -> History:
    """*history* carried on with the commits of *repo* after its ``last_commit`` (all when None)."""
    history = history or History()
    with git_stream.Blobs(repo) as blobs:
        tree = Tree(blobs, report)
        if history.last_commit:
            tree.resume(repo, history)
        for commit in git_stream.commits(repo, PATHS, since=history.last_commit):
            tree.step(commit, history)
    return history


class Tree:
    """The models.dev files at one commit, and which offerings depend on which file."""

    def __init__(self, blobs: git_stream.Blobs, report: ImportReport):
        self.blobs, self.report = blobs, report
        self.parsed: dict[str, dict] = {}  # path -> TOML of a regular file
        self.links: dict[str, str] = {}  # path -> the path its symbolic link points to
        self.users: dict[str, set] = defaultdict(set)  # a file -> offerings whose state reads it
        self.mapping = QuietReport()  # the mapping's findings: the current import reports them, once

    def resume(self, repo: Path, history: History) -> None:
        """Load the tree at ``history.last_commit`` and its offerings' states, recording nothing."""
        changes = git_stream.tree(repo, history.last_commit, PATHS)
        for change in changes:
            self._load(change, history.last_commit)
        for path in [c.path for c in changes if _offering_key(c.path)]:
            history.observe(_offering_key(path), self.state(path), "", "", quiet=True)

    def step(self, commit: git_stream.Commit, history: History) -> None:
        day = utc_day(commit.time)
        touched: set[str] = set()
        for change in commit.changes:
            if change.status == "R":
                self._forget(change.old_path)
                touched.add(change.old_path)
                self._rename(change, history, day, commit.hash)
            if change.status == "D":
                self._forget(change.path)
            else:
                self._load(change, commit.hash)
            touched.add(change.path)
        for path in sorted(self._affected(touched)):
            history.observe(_offering_key(path), self.state(path), day, commit.hash)
        history.last_commit, history.commits = commit.hash, history.commits + 1

    def _rename(self, change, history: History, day: str, commit: str) -> None:
        old, new = _offering_key(change.old_path), _offering_key(change.path)
        if old and new:
            history.rename(old, new, day, commit)

    def _forget(self, path: str) -> None:
        self.parsed.pop(path, None)
        self.links.pop(path, None)

    def _load(self, change: git_stream.Change, commit: str) -> None:
        if not change.path.endswith(".toml"):
            return
        raw = self.blobs.read(change.blob)
        if change.mode == git_stream.LINK_MODE:
            self.parsed.pop(change.path, None)
            target = (raw or b"").decode("utf-8", "replace").strip()
            self.links[change.path] = posixpath.normpath(posixpath.join(posixpath.dirname(change.path), target))
            return
        self.links.pop(change.path, None)
        data = _parse(raw, change.path, commit, self.report)
        if data is not None:  # else the last readable state stays (none: the offering is not there yet)
            self.parsed[change.path] = data

    def _affected(self, touched: set[str]) -> set[str]:
        """The offerings to re-resolve: the touched ones and every one reading a touched file."""
        out = {p for p in touched if _offering_key(p)}
        for path in touched:
            out |= self.users.pop(path, set())
        return out

    def _follow(self, path: str, reads: list[str]) -> dict | None:
        for _ in range(MAX_HOPS):
            reads.append(path)
            if path in self.parsed:
                return self.parsed[path]
            if path not in self.links:
                return None
            path = self.links[path]
        return None

    def state(self, path: str):
        """The offering at *path* now: State, or ABSENT (no such file, or a broken link)."""
        reads: list[str] = []
        raw = self._follow(path, reads)
        if raw is not None and isinstance(raw.get("base_model"), str):
            self._follow(f"models/{raw['base_model']}.toml", reads)
        for read in reads:
            self.users[read].add(path)
        if raw is None:
            return ABSENT
        return self._resolved(path, raw)

    def _resolved(self, path: str, raw: dict) -> State:
        provider, offering = _offering_key(path)
        ctx = m.Context(self.mapping, path, "offering")
        resolved, _ = resolve_base(raw, _Bases(self), ctx)
        ctx.free = free_reason(provider, offering, resolved.get("name"))
        cost = resolved.get("cost")
        pricing = m.pricing(ctx, cost) if isinstance(cost, dict) else None
        status = resolved.get("status")
        return State(pricing, m.STATUS.get(status) if isinstance(status, str) else None)


class _Bases:
    """``models/<id>.toml`` of the tree, looked up as :func:`resolve_base` asks for them."""

    def __init__(self, tree: Tree):
        self.tree = tree

    def get(self, ref):
        return self.tree._follow(f"models/{ref}.toml", []) if isinstance(ref, str) else None


def _offering_key(path: str | None) -> tuple[str, str] | None:
    """(provider, offering id) of ``providers/<p>/models/<id>.toml``; None for any other path."""
    if not path or not path.startswith("providers/") or not path.endswith(".toml"):
        return None
    parts = path.split("/", 3)
    if len(parts) < 4 or parts[2] != "models":
        return None
    return parts[1], parts[3][:-len(".toml")]


def _parse(raw: bytes | None, path: str, commit: str, report: ImportReport) -> dict | None:
    where = f"{path} at commit {commit}"
    if raw is None or len(raw) > MAX_TOML_BYTES:
        report.skip(where, "not-toml", "missing or larger than the TOML bound; its last readable state is kept")
        return None
    try:
        return tomllib.loads(raw.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        report.skip(where, "not-toml", f"{exc}; its last readable state is kept")
        return None
