"""The command group and the options every command shares."""

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="provcat")
def provcat() -> None:
    """Provider Catalog: validate, render and query facts about AI inference providers.

    The catalog is YAML under data/ (see README: Data format). Every command
    takes --data DIR to name another catalog; commands that write take --out DIR.
    """


def data_option(function):
    """``--data DIR``: the catalog directory (default ``data``)."""
    return click.option(
        "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
        show_default=True, help="Catalog directory to read.",
    )(function)


def out_option(function):
    """``--out DIR``: where generated files go (default ``site/docs``)."""
    return click.option(
        "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site/docs"),
        show_default=True, help="Directory to write generated files to.",
    )(function)
