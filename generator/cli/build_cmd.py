"""``provcat build``: render the docs (and every other generated file) from the catalog."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.build.outdir import overlap
from generator.build.pipeline import build
from generator.build.write import OutputError
from generator.validation.problems import InvalidCatalog
from generator.cli.common import data_option, existing_catalog, out_option, provcat

PROGRESS_MIN_FILES = 200  # fewer files than this are written too fast to need a bar


@provcat.command("build")
@data_option
@out_option
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory of templates that override the shipped ones file by file.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 and list the files that would change.")
@click.option("--pretty/--minify", default=True, show_default=True,
              help="Indent the JSON exports, one value per line, so the committed site/docs diffs well; --minify "
                   "writes them on one line (as provcat export does by default).")
def build_command(data_dir: Path, out_dir: Path, templates_dir: Path | None, check: bool, pretty: bool) -> int:
    """Validate the catalog and write the docs tree to --out, rewriting only files that change.

    Files the generator wrote before and no longer produces are removed (the
    manifest .provcat-manifest.json in --out lists what it owns); other files
    are never touched. Nothing is written when the catalog has errors.
    Nothing is written or removed through a symbolic link inside --out, and
    --out may not overlap --data. One build at a time writes to --out: another
    waits for its lock (.provcat-lock) up to PROVCAT_LOCK_WAIT seconds (120).
    Exit status: 0 built (or, with --check, up to date), 1 errors or, with
    --check, files would change, 2 usage error.
    """
    if templates_dir is not None and not templates_dir.is_dir():
        raise click.BadParameter(f"templates directory {templates_dir} does not exist", param_hint="--templates")
    separate_folders(existing_catalog(data_dir), out_dir)
    try:
        with _progress(check) as tick:
            result = build(data_dir, out_dir, templates=templates_dir, check=check, pretty=pretty, progress=tick)
    except (OutputError, OSError) as exc:
        click.echo(f"build stopped: {output_problem(exc)}", err=True)
        return 1
    except InvalidCatalog as exc:
        for problem in exc.problems:
            click.echo(problem.format(), err=True)
        click.echo(f"build stopped: {len(exc.problems)} problem(s) in {data_dir}; nothing was written", err=True)
        return 1
    except Exception as exc:
        if not is_template_error(exc):
            raise
        where = f"{exc.filename}:{exc.lineno}: " if getattr(exc, "filename", None) else ""
        click.echo(f"template error: {where}{exc}; nothing was written", err=True)
        return 1
    return _report(result, out_dir)


def separate_folders(data_dir: Path, out_dir: Path) -> None:
    """A usage error (exit 2), before anything is written, when --out and --data overlap."""
    problem = overlap(data_dir, out_dir)
    if problem:
        raise click.UsageError(problem)


def output_problem(exc: Exception) -> str:
    """One line for a failure to write --out: the path and the cause, and that what was written is whole."""
    if isinstance(exc, OutputError):
        return f"{exc}; nothing more was written"
    where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
    return f"{where}{exc.strerror or exc}; every file already written is whole (atomic), rerun once fixed"


def is_template_error(exc: Exception) -> bool:
    import jinja2  # only imported when something failed

    from generator.present.filters import UnrenderableValue

    return isinstance(exc, (jinja2.TemplateError, UnrenderableValue))


def _report(result, out_dir: Path) -> int:
    changes = result.changes
    if result.checked:
        for label in ("created", "updated", "removed"):
            for path in getattr(changes, label):
                click.echo(f"would be {label}: {out_dir / path}")
        verdict = "out of date; run provcat build" if changes.changed else "up to date"
        click.echo(f"{out_dir}: {verdict} ({changes.summary()})", err=True)
        return 1 if changes.changed else 0
    for path, size in (result.sizes or {}).items():
        click.echo(f"{size:>12,} bytes  {out_dir / path}", err=True)
    click.echo(f"{out_dir}: {changes.summary()}", err=True)
    return 0


class _progress:
    """A progress bar over the files being written: on a terminal, outside CI, for big builds only."""

    def __init__(self, check: bool):
        self.bar = None
        self.enabled = not check and sys.stderr.isatty() and not os.environ.get("CI")

    def __enter__(self):
        return self.tick if self.enabled else None

    def tick(self, done: int, total: int) -> None:
        if self.bar is None and total >= PROGRESS_MIN_FILES:
            self.bar = click.progressbar(length=total, label="writing", file=sys.stderr).__enter__()
        if self.bar is not None:
            self.bar.update(1)

    def __exit__(self, *exc_info):
        if self.bar is not None:
            self.bar.__exit__(*exc_info)
        return False
