"""A git repository holding LiteLLM's JSON over time: each entry's price, commit by commit.

Every commit that changed the file (first-parent, as :mod:`.git_stream` walks) is read whole,
through one ``git cat-file --batch``; each entry is mapped as the LiteLLM importer maps it
(provider table, per-token costs to exact prices per million, zero rules), so history and import
agree.  A commit whose file is not JSON is reported with the commit and path and skipped: the
entries keep their last readable state.  An entry gone from the file is removed; LiteLLM keys
are not files, so git finds no renames among them.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from generator.importers import git_stream
from generator.importers import litellm as lite
from generator.importers.free import free_reason
from generator.importers.history import ABSENT, History, QuietReport, State, utc_day
from generator.importers.litellm_costs import pricing as litellm_pricing
from generator.importers.litellm_providers import PROVIDERS
from generator.importers.models_dev_map import Context
from generator.importers.report import ImportReport

DEFAULT_PATH = "model_prices_and_context_window.json"


def walk(repo: Path, path: str, report: ImportReport, history: History | None = None) -> History:
    """*history* carried on with the commits of *repo* that changed *path* after its ``last_commit``."""
    history = history or History()
    with git_stream.Blobs(repo) as blobs:
        if history.last_commit:
            blob = next((c.blob for c in git_stream.tree(repo, history.last_commit, (path,)) if c.path == path), None)
            entries = _entries(blobs.read(blob) if blob else b"{}", path, history.last_commit, report)
            for key, state in (entries or {}).items():
                history.observe(key, state, "", "", quiet=True)
        for commit in git_stream.commits(repo, (path,), since=history.last_commit):
            change = next((c for c in commit.changes if c.path == path), None)
            deleted = change is None or change.status == "D"
            entries = {} if deleted else _entries(blobs.read(change.blob), path, commit.hash, report)
            if entries is not None:
                _observe(history, entries, utc_day(commit.time), commit.hash)
            history.last_commit, history.commits = commit.hash, history.commits + 1
    return history


def _observe(history: History, entries: dict, day: str, commit: str) -> None:
    for key in sorted(history.states.keys() - entries.keys()):
        history.observe(key, ABSENT, day, commit)
    for key, state in sorted(entries.items()):
        history.observe(key, state, day, commit)


def _entries(raw: bytes | None, path: str, commit: str, report: ImportReport) -> dict | None:
    """(provider, offering) -> State of every mapped entry; None (reported) when the file is unreadable."""
    try:
        data = json.loads((raw or b"").decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        report.skip(f"{path} at commit {commit}", "not-json", f"{exc}; the entries keep their last readable state")
        return None
    if not isinstance(data, dict):
        report.skip(f"{path} at commit {commit}", "not-json", "not a JSON object of entries; skipped")
        return None
    out = {}
    for key, entry in data.items():
        target = PROVIDERS.get(entry.get("litellm_provider")) if isinstance(entry, dict) else None
        if target is None or not isinstance(entry.get("litellm_provider"), str):
            continue  # sample_spec and unmapped providers: the import of the current file reports them
        offering = lite._own_id(key, target.prefixes)
        ctx = Context(QuietReport(), key, "litellm", free_reason(target.provider_id, key))
        out[(target.provider_id, offering)] = State(litellm_pricing(ctx, entry) or None, None)
    return out
