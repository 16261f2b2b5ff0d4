"""``provcat compare-sources``: where the catalog and imported sources disagree."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.importers import compare
from generator.importers.named import DEFAULT_CORPORA, OPTIONS, default_path, named_inputs
from generator.cli.common import data_option, existing_catalog, provcat


@provcat.command("compare-sources")
@data_option
@click.option("--models-dev", "models_dev", type=click.Path(exists=True, path_type=Path),
              help="A models.dev checkout or its api.json.")
@click.option("--litellm", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="LiteLLM's model_prices_and_context_window.json.")
@click.option("--corpora", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CORPORA,
              show_default=True, help="Where to find the inputs the catalog names when neither --models-dev nor "
              "--litellm is given: models.dev/, models.dev-api/api.json, litellm/FILE.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format; json is for tools.")
def compare_sources(data_dir: Path, models_dev: Path | None, litellm: Path | None, corpora: Path, fmt: str) -> int:
    """List offerings whose price, context window or status differ from a source.

    Without --models-dev or --litellm, the sources are those the catalog
    names (the importer and title of each imported file's `sources` entries),
    found under --corpora. Nothing is written. Exit status: 0 no disagreement,
    1 disagreements found, 2 usage error (no source given or found).
    """
    existing_catalog(data_dir)
    sources = [(name, path) for name, path in (("models.dev", models_dev), ("litellm", litellm)) if path]
    sources = sources or _named_sources(data_dir, corpora)
    found = [d for name, path in sources for d in compare(name, path, data_dir)]
    if fmt == "json":
        click.echo(json.dumps([d.__dict__ for d in found], indent=2, ensure_ascii=False))
    else:
        for disagreement in found:
            click.echo(disagreement.format())
        click.echo(f"{len(found)} disagreement(s)", err=True)
    return 1 if found else 0


def _named_sources(data_dir: Path, corpora: Path) -> list[tuple[str, Path]]:
    """The inputs the catalog names, found under *corpora*; a usage error when none is."""
    named = named_inputs(data_dir)
    if not named:
        raise click.UsageError(f"the catalog at {data_dir} names no imported source (no `sources` entry with an "
                               "`importer`); give --models-dev PATH and/or --litellm FILE")
    found: dict[tuple[str, Path], None] = {}
    for entry in named:
        path = default_path(entry, corpora)
        option = OPTIONS.get(entry.importer)
        if path is not None and path.exists():
            found[(entry.importer, path)] = None
            click.echo(f"comparing with {entry.importer} at {path} (named as `{entry.title}` by {entry.files} "
                       "file(s))", err=True)
        else:
            click.echo(f"not found: {entry.importer} input `{entry.title}` (named by {entry.files} file(s))"
                       + (f" at {path}; give {option}" if option else "; no importer of that name"), err=True)
    if not found:
        raise click.UsageError(f"none of the sources the catalog names is under {corpora}; give "
                               "--models-dev PATH and/or --litellm FILE, or --corpora DIR")
    return list(found)
