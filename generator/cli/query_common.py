"""What the query commands (list, show, price) share: where the catalog comes from, and errors."""

from __future__ import annotations

import functools
import shutil
import sys
from pathlib import Path

import click

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from generator.validation.problems import CatalogError, InvalidCatalog, UnknownReference
from generator.catalog.tokens import BadTokenCount, parse_tokens
from generator.cli.common import existing_catalog


def catalog_option(function):
    """``--catalog FILE``: read an exported catalog.json instead of the data directory."""
    return click.option(
        "--catalog", "catalog_json", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
        help="Read this exported catalog.json instead of --data (fast for big catalogs).",
    )(function)


def open_catalog(data_dir: Path, catalog_json: Path | None) -> Catalog:
    if catalog_json is not None:
        return Catalog.from_json(catalog_json)
    return load_catalog(existing_catalog(data_dir))


def reports_errors(function):
    """Turn the library's errors into messages and exit statuses.

    Unknown references exit 2 (a usage error, with close-match suggestions);
    an invalid catalog or a fact the catalog lacks exits 1.
    """
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except UnknownReference as exc:
            click.echo(f"error: {exc}", err=True)
            return 2
        except InvalidCatalog as exc:
            for problem in exc.problems:
                click.echo(problem.format(), err=True)
            return 1
        except CatalogError as exc:
            click.echo(f"error: {exc}", err=True)
            return 1
    return wrapper


def on_terminal() -> bool:
    return sys.stdout.isatty()


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def token_count(ctx, param, value):
    """Click callback: ``1M``, ``200k``, ``1_000`` as an int (None stays None)."""
    if value is None:
        return None
    try:
        return parse_tokens(value)
    except BadTokenCount as exc:
        raise click.BadParameter(str(exc)) from None
