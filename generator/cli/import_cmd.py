"""``provcat import models.dev PATH``, ``provcat import litellm FILE`` and ``provcat import starmap DIR``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from generator.importers import run_import
from generator.importers.report import EXAMPLES
from generator.cli.common import data_option, provcat


@provcat.group("import")
def import_group() -> None:
    """Fill the catalog from models.dev, LiteLLM or starmap data (see the guide's Importing page).

    By default an import only fills facts the catalog does not have;
    --overwrite replaces differing ones. Skipped inputs are summarised by
    reason with a few examples; --verbose prints every one, --report FILE
    writes them all as JSON. Exit status: 0 the import worked (even with skips), 1 nothing
    usable came, 2 usage error.
    """


def _date(ctx, param, value: str | None) -> str | None:
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD") from None
    return value


def _options(function):
    function = click.option("--accessed", metavar="DATE", callback=_date,
                            help="Day the input was read (YYYY-MM-DD), recorded in each source.")(function)
    function = click.option("--commit", metavar="REV", help="Commit of the input, recorded in each source "
                            "(found automatically in a git checkout).")(function)
    function = click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
                            help="Also write the whole report as JSON to FILE (every skipped input).")(function)
    function = click.option("--verbose", "-v", is_flag=True, help="Print every skipped input, not "
                            f"{EXAMPLES} examples per reason.")(function)
    function = click.option("--dry-run", is_flag=True, help="Print, per file, what would change; write nothing.")(function)
    function = click.option("--overwrite", is_flag=True, help="Replace catalog values that differ from the source.")(function)
    function = click.option("--existing-only", is_flag=True, help="Only fill files the catalog already has; create "
                            "no provider, offering, model or author (how many were not created is printed).")(function)
    return data_option(help="Catalog directory to fill: read, then written (unless --dry-run).")(function)


_HISTORY = click.option("--history", is_flag=True, help="PATH is a git repository: walk its history (after the "
                        "last walked commit, kept in history.yaml) into pricing.history and changes.yaml.")


@import_group.command("models.dev")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@_HISTORY
@_options
def import_models_dev(path: Path, history: bool, **options) -> int:
    """Import a models.dev checkout (providers/ and models/) or its api.json; with --history, the
    price and lifecycle history of a models.dev git repository."""
    return _run_history("models.dev", path, None, **options) if history else _run("models.dev", path, **options)


@import_group.command("litellm")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@_HISTORY
@click.option("--path", "json_path", metavar="PATH", default="model_prices_and_context_window.json",
              show_default=True, help="With --history: the JSON file's path inside the repository.")
@_options
def import_litellm(file: Path, history: bool, json_path: str, **options) -> int:
    """Import LiteLLM's model_prices_and_context_window.json; with --history, FILE is a git
    repository holding that JSON over time."""
    if history:
        return _run_history("litellm", file, json_path, **options)
    if file.is_dir():
        raise click.BadParameter(f"{file} is a folder; give the JSON file (or --history for a repository)")
    return _run("litellm", file, **options)


def _run_history(importer: str, repo: Path, json_path: str | None, data_dir: Path, verbose: bool,
                 report_file: Path | None, **ignored) -> int:
    from generator.importers.history_run import run_history

    report, summary = run_history(importer, repo, data_dir, json_path)
    for line in ([s.format() for s in report.skips] if verbose else report.skips_by_reason()):
        click.echo(line)
    for line in summary:
        click.echo(line, err=True)
    if report_file:
        report.write_json(report_file)
    return 0 if summary else 1


@import_group.command("starmap")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_options
def import_starmap(folder: Path, **options) -> int:
    """Import starmap's embedded catalog folder (providers.yaml, authors.yaml, providers/, authors/)."""
    return _run("starmap", folder, **options)


def _run(importer: str, source: Path, data_dir: Path, overwrite: bool, dry_run: bool, verbose: bool,
         report_file: Path | None, commit: str | None, accessed: str | None, existing_only: bool) -> int:
    echo = click.echo if dry_run else None
    report = run_import(importer, source, data_dir, overwrite=overwrite, dry_run=dry_run, echo=echo,
                        create=not existing_only, commit=commit, accessed=accessed)
    for line in ([s.format() for s in report.skips] if verbose else report.skips_by_reason()):
        click.echo(line)
    if report.skips and not verbose:
        click.echo(f"(the first {EXAMPLES} per reason; --verbose prints every one, --report FILE writes them all "
                   "as JSON)", err=True)
    for line in report.summary_lines():
        click.echo(line, err=True)
    if dry_run:
        click.echo("dry run: nothing was written", err=True)
    if report_file:
        report.write_json(report_file)
    return 0 if report.usable else 1
