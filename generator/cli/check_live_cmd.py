"""``provcat check-live``: compare the catalog with what providers' APIs serve now."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from generator.catalog.load import load_catalog
from generator.cli.common import data_option, existing_catalog, provcat
from generator.cli.query_common import reports_errors
from generator.live.apply import apply_results
from generator.live.check import check_live
from generator.live.report import RENDERERS


@provcat.command("check-live")
@data_option(help="Catalog directory to read (and, with --apply, to write).")
@click.option("--provider", "provider_ids", multiple=True, metavar="ID",
              help="Check this provider (repeatable); default: every provider with a models endpoint.")
@click.option("--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="table", show_default=True,
              help="table for people, json for tools, markdown to paste into an issue.")
@click.option("--apply", "write", is_flag=True,
              help="Write new offerings (id, source, last_verified) and confirmed offerings' last_verified.")
@reports_errors
def check_live_command(data_dir: Path, provider_ids: tuple[str, ...], fmt: str, write: bool) -> int:
    """Ask each provider's models and health APIs and report what differs from the catalog.

    The key of each provider is read from the environment variable its authentication names; a
    provider whose key is absent is skipped, with the variable to set. Reports models served but
    not in the catalog (new), offerings not served (gone), facts that disagree, and the health
    page's status and open incidents. Exit status: 0 in sync, 1 drift or a failed provider,
    2 usage error.
    """
    catalog = load_catalog(existing_catalog(data_dir))
    chosen = [catalog.provider(pid) for pid in dict.fromkeys(provider_ids)] if provider_ids else \
        [p for p in catalog.providers.values() if p.endpoint("models")]
    results = check_live(chosen)
    click.echo(RENDERERS[fmt](results), nl=False)
    if write:
        for line in apply_results(data_dir, catalog.providers, results, date.today()):
            click.echo(line, err=True)
    return 1 if any(result.drift for result in results) else 0
