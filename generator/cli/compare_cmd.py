"""``provcat compare-sources``: where the catalog and imported sources disagree."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.importers import compare
from generator.cli.common import data_option, existing_catalog, provcat


@provcat.command("compare-sources")
@data_option
@click.option("--models-dev", "models_dev", type=click.Path(exists=True, path_type=Path),
              help="A models.dev checkout or its api.json.")
@click.option("--litellm", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="LiteLLM's model_prices_and_context_window.json.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json is for tools.")
def compare_sources(data_dir: Path, models_dev: Path | None, litellm: Path | None, fmt: str) -> int:
    """List offerings whose price, context window or status differ from a source.

    Nothing is written. Exit status: 0 no disagreement, 1 disagreements found,
    2 usage error (no source given).
    """
    sources = [(name, path) for name, path in (("models.dev", models_dev), ("litellm", litellm)) if path]
    if not sources:
        raise click.UsageError("give --models-dev PATH and/or --litellm FILE")
    existing_catalog(data_dir)
    found = [d for name, path in sources for d in compare(name, path, data_dir)]
    if fmt == "json":
        click.echo(json.dumps([d.__dict__ for d in found], indent=2, ensure_ascii=False))
    else:
        for disagreement in found:
            click.echo(disagreement.format())
        click.echo(f"{len(found)} disagreement(s)", err=True)
    return 1 if found else 0
