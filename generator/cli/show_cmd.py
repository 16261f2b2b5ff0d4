"""``provcat show PROVIDER/OFFERING``: every known fact about one offering, unknowns marked."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.catalog import lookup
from generator.present.describe import facts
from generator.outputs.exports import encode
from generator.cli.common import data_option, provcat
from generator.cli.query_common import catalog_option, open_catalog, reports_errors


@provcat.command("show")
@click.argument("ref")
@data_option
@catalog_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json prints the offering as in catalog.json (unknown facts absent).")
@reports_errors
def show_command(ref: str, data_dir: Path, catalog_json: Path | None, fmt: str) -> int:
    """Show every fact about the offering REF (PROVIDER/OFFERING, e.g. cerebras/gpt-oss-120b).

    Values read as on the offering's page ($0.25/1M, 131,072); a fact the
    catalog does not know is N/A (Unknown for a yes/no question). An alias of
    the offering id works too. An unknown REF gets suggestions among providers,
    offerings and canonical models (close matches and names containing it).
    """
    catalog = open_catalog(data_dir, catalog_json)
    offering = lookup.offering(catalog, ref)
    if fmt == "json":
        click.echo(json.dumps({"provider": offering.provider_id, **encode.encode(offering)}, indent=2, ensure_ascii=False))
        return 0
    sections = facts(catalog, offering)
    width = max(len(label) for _, lines in sections for label, _ in lines) + 1
    for number, (title, lines) in enumerate(sections):
        click.echo(("\n" if number else "") + title)
        for label, value in lines:
            click.echo(f"  {(label + ':').ljust(width)} {value}")
    return 0
