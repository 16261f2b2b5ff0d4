"""``provcat validate``: report every problem in the catalog."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.validation.validate import validate_catalog
from generator.cli.common import data_option, existing_catalog, provcat


@provcat.command("validate")
@click.argument("catalog", required=False, type=click.Path(file_okay=False, path_type=Path))
@data_option
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json is for tools.")
def validate_command(catalog: Path | None, data_dir: Path, strict: bool, fmt: str) -> int:
    """Check the catalog against its schemas and rules; report every problem at once.

    CATALOG is the data directory (same as --data; default data). Each problem
    is printed as FILE:LINE:COLUMN: FIELD: MESSAGE. Exit status: 0 clean,
    1 problems found (warnings count only with --strict), 2 usage error.
    """
    report = validate_catalog(existing_catalog(catalog or data_dir), keep_data=False)
    failed = not report.ok(strict)
    if fmt == "json":
        click.echo(json.dumps({
            "ok": not failed, "errors": len(report.errors), "warnings": len(report.warnings),
            "files": len(report.documents), "problems": [p.as_dict() for p in report.problems],
        }, indent=2, ensure_ascii=False))
    else:
        for problem in report.problems:
            click.echo(problem.format())
        summary = f"{len(report.errors)} error(s), {len(report.warnings)} warning(s) in {len(report.documents)} file(s)"
        click.echo(summary if report.problems else f"ok: {len(report.documents)} file(s), no problems", err=True)
    return 1 if failed else 0
