"""``provcat import ... --history``: walk a source's git history into the catalog.

The last commit walked is kept in ``history.yaml``; a run starts after it, so a run with
nothing new only asks git for the head commit.
"""

from __future__ import annotations

from pathlib import Path

from generator.importers import git_stream, history_write
from generator.importers.history import History
from generator.importers.report import ImportReport


def run_history(importer: str, repo: Path, data_dir: Path, path: str | None = None) -> tuple[ImportReport, list[str]]:
    """Walk *repo*'s history after the last walked commit into *data_dir*: (report, summary lines)."""
    report = ImportReport(importer, str(repo))
    try:
        head = git_stream.head(repo)
    except git_stream.GitError as error:
        report.skip(str(repo), "no-data", f"not a git repository with a commit: {error}")
        return report, []
    since = history_write.last_walked(data_dir, importer)
    if since == head:
        return report, [f"{importer} history: nothing new since commit {head}"]
    if since and not _known(repo, since):
        report.skip(str(repo), "history-restart", f"the last walked commit {since} is not in this repository; "
                    "walked from the first commit")
        since = None
    history = _walk(importer, repo, report, History(last_commit=since), path)
    counts = history_write.write(history, data_dir, importer, report)
    points = sum(len(p) for p in history.prices.values())
    return report, [f"{importer} history: {history.commits} commits walked up to {history.last_commit}, "
                    f"{points} price points of {len(history.prices)} offerings, {len(history.events)} lifecycle events",
                    f"written: the price history of {counts['offerings']} offering files, {counts['events']} new events"]


def _known(repo: Path, commit: str) -> bool:
    try:
        return bool(git_stream.head(repo, commit))
    except git_stream.GitError:
        return False


def _walk(importer: str, repo: Path, report: ImportReport, history: History, path: str | None) -> History:
    if importer == "models.dev":
        from generator.importers import models_dev_history

        return models_dev_history.walk(repo, report, history)
    from generator.importers import litellm_history

    return litellm_history.walk(repo, path or litellm_history.DEFAULT_PATH, report, history)
