"""``provcat changes``: the changes recorded in the catalog itself, newest first."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from generator.cli.common import data_option, day_value, provcat
from generator.cli.query_common import catalog_option, open_catalog, reports_errors



@provcat.command("changes")
@click.option("--since", callback=day_value, metavar="DATE", help="Only changes on or after this day (YYYY-MM-DD).")
@click.option("--provider", "provider_id", metavar="ID", help="Only this provider's changes.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people; json (the records of api/changes.json) for tools.")
@data_option
@catalog_option
@reports_errors
def changes_command(since: date | None, provider_id: str | None, fmt: str, data_dir: Path,
                    catalog_json: Path | None) -> int:
    """List the changes recorded in the catalog, newest first.

    Price changes come from each offering's pricing.history, lifecycle events (added, removed,
    renamed, status) from the providers' changes.yaml; --catalog (a catalog.json) holds the price
    changes only."""
    from generator.catalog.changes import record
    from generator.present.changes_text import line

    catalog = open_catalog(data_dir, catalog_json)
    if provider_id is not None:
        catalog.provider(provider_id)  # an unknown provider is a usage error, with suggestions
    found = [c for c in catalog.changes(since) if provider_id is None or c.provider == provider_id]
    if fmt == "json":
        click.echo(json.dumps({"changes": [record(c) for c in found]}, indent=2, ensure_ascii=False))
    else:
        for change in found:
            click.echo(line(change))
    return 0
