"""``provcat export``: write only the JSON exports (api/ under --out)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.build import outdir
from generator.build.outdir import OutputLocked
from generator.catalog.load import load_catalog
from generator.outputs.exports import write_exports
from generator.cli.common import data_option, existing_catalog, out_option, provcat
from generator.cli.query_common import reports_errors


@provcat.command("export")
@data_option
@out_option
@click.option("--pretty", is_flag=True, help="Indent the JSON for humans (default: minified).")
@reports_errors
def export_command(data_dir: Path, out_dir: Path, pretty: bool) -> int:
    """Write the JSON catalog exports to OUT/api/: catalog.json, models.json,
    providers/<id>.json, api.json (models.dev shape) and their schemas.

    Each file is written atomically, under the same lock on OUT as `provcat build`;
    the size of each is reported. Nothing is written when the catalog has errors.
    """
    catalog = load_catalog(existing_catalog(data_dir))
    try:
        with outdir.lock(out_dir):  # a build writing the same api/ files waits, and so does this
            sizes = write_exports(catalog, out_dir, pretty)
    except OutputLocked as error:
        click.echo(f"provcat export: {error}", err=True)
        return 1
    for rel, size in sizes.items():
        click.echo(f"{size:>10,} bytes  {out_dir / rel}")
    click.echo(f"{len(sizes)} file(s), {sum(sizes.values()):,} bytes", err=True)
    return 0
