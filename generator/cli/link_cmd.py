"""``provcat link``: link offerings to their canonical models (see the guide's Linking section)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.common import data_option, existing_catalog, provcat


@provcat.command("link")
@data_option(help="Catalog directory to read (and, with --write, to fill).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write every offering's verdict as JSON to FILE.")
@click.option("--write", is_flag=True, help="Add model: (and variant:) to the files of the offerings linked.")
def link(data_dir: Path, report_file: Path | None, write: bool) -> int:
    """List which offerings name their canonical model, which the rules or data/links.yaml link, which
    are ambiguous or unlinked; --write adds the links found.

    A curated model: is never replaced. Exit status: 0 done, 1 data/links.yaml
    has problems (its links are then not used), 2 usage error.
    """
    from generator.importers import link_run

    result = link_run.plan(existing_catalog(data_dir))
    for item in result.found:
        if item.status != "curated":
            click.echo(_line(item))
    for row in result.popular:
        click.echo(f"no canonical model: {row['name']} served by {row['providers']} providers "
                   f"({', '.join(row['examples'])}{' ...' if row['providers'] > len(row['examples']) else ''})")
    for problem in result.problems:
        click.echo(f"problem: {problem}", err=True)
    counts = result.counts()
    click.echo("offerings: " + ", ".join(f"{n} {status}" for status, n in counts.items())
               + f" (of {len(result.found)})", err=True)
    if report_file:
        result.write_json(report_file)
    if write:
        report = link_run.write(result, data_dir)
        for skip in report.skips:
            click.echo(skip.format(), err=True)
        c = report.counts["offerings"]
        click.echo(f"written: {c['updated']} offering file(s) updated, {c['unchanged']} unchanged, "
                   f"{c['skipped']} skipped", err=True)
    return 1 if result.problems else 0


def _line(item) -> str:
    if item.status in ("linked", "reviewed"):
        variant = f" [{item.variant}]" if item.variant else ""
        return f"{item.status}: {item.ref} -> {item.model}{variant} ({item.how})"
    if item.status == "ambiguous":
        return f"ambiguous: {item.ref}: {' | '.join(item.candidates)}"
    note = f" (name suggests {item.suggested})" if item.suggested else f" ({item.how})" if item.how else ""
    return f"unlinked: {item.ref}{note}"
