"""``provcat list providers|models``: the catalog as a table, JSON or CSV, filtered."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from generator.catalog.catalog import Catalog
from generator.outputs.exports import flat
from generator.model.records import FEATURES, KINDS
from generator.catalog.ordering import parse_sort, sort_rows
from generator.catalog.query import Filter, providers_matching, select
from generator.present import format as fmt
from generator.present.table import render
from generator.cli.common import data_option, provcat
from generator.cli.query_common import catalog_option, on_terminal, open_catalog, reports_errors, terminal_width, token_count

PROVIDER_COLUMNS = ("id", "name", "offerings", "retains_user_data", "trains_on_user_data", "headquarters")
NUMERIC = {"models": frozenset({2, 3, 4}), "providers": frozenset({2})}  # right-aligned table columns


def _price(ctx, param, value):
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise click.BadParameter(f"`{value}` is not a price; write e.g. 0.5 (per million tokens)") from None


@provcat.command("list")
@click.argument("what", type=click.Choice(["providers", "models"]))
@data_option
@catalog_option
@click.option("--provider", help="Only this provider id.")
@click.option("--model", help="Only offerings of this canonical model (e.g. openai/gpt-oss-120b).")
@click.option("--search", metavar="TEXT", help="Only offerings whose provider id, offering id, name or model id "
              "contains TEXT (any case).")
@click.option("--kind", type=click.Choice(KINDS), help="Only offerings of this kind.")
@click.option("--feature", "features", multiple=True, type=click.Choice(FEATURES),
              help="Only offerings known to support this feature (repeatable).")
@click.option("--min-context", callback=token_count, metavar="TOKENS",
              help="Only offerings with at least this context window (128k, 1M, 131072 ...).")
@click.option("--max-input-price", callback=_price, metavar="PRICE", help="Only offerings whose input price per 1M tokens is known and at most this.")
@click.option("--currency", default="USD", show_default=True, help="Currency of --max-input-price.")
@click.option("--no-training", is_flag=True, help="Only providers known not to train on user data.")
@click.option("--sort", metavar="COLUMN", help="Sort by this column of the JSON rows (price_input, context_window, "
              "provider, name ...); -COLUMN or --desc sorts descending. Unknowns come last either way.")
@click.option("--desc", is_flag=True, help="Sort descending (with --sort).")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Keep only the first N rows (after sorting).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table for people; json (absent key = unknown) or csv (empty cell = unknown) for tools.")
@reports_errors
def list_command(what: str, data_dir: Path, catalog_json: Path | None, provider: str | None, model: str | None,
                 search: str | None, kind: str | None, features: tuple[str, ...], min_context: int | None,
                 max_input_price: Decimal | None, currency: str, no_training: bool, sort: str | None, desc: bool,
                 limit: int | None, fmt: str) -> int:
    """List providers or models (offerings), keeping only those KNOWN to match every filter.

    An unknown fact never passes a filter: --feature tool_calling skips offerings
    whose tool calling support is unknown. Tables are aligned on a terminal and
    tab-separated when piped; in CSV an empty cell is unknown; in JSON an absent key is.
    """
    columns = PROVIDER_COLUMNS if what == "providers" else flat.COLUMNS
    order = _sort_order(sort, desc, columns)
    catalog = open_catalog(data_dir, catalog_json)
    condition = Filter(provider=provider, model=model, search=search, kind=kind, features=features,
                       min_context=min_context, max_input_price=max_input_price, currency=currency,
                       no_training=no_training)
    records = (_provider_records if what == "providers" else _model_records)(catalog, condition)
    if order:
        records = sort_rows(records, *order, currency=currency)
    records = records[:limit] if limit is not None else records
    headers, rows = (_provider_table if what == "providers" else _model_table)(records)
    click.echo(_format(fmt, headers, rows, records, columns, NUMERIC[what]))
    return 0


def _sort_order(sort: str | None, desc: bool, columns) -> tuple[str, bool] | None:
    if sort is None:
        if desc:
            raise click.UsageError("--desc needs --sort COLUMN")
        return None
    try:
        return parse_sort(sort, columns, desc)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--sort") from None


def _model_records(catalog: Catalog, condition: Filter) -> list[dict]:
    return flat.rows(catalog, select(catalog, condition))


def _model_table(records: list[dict]):
    headers = ["REFERENCE", "KIND", "CONTEXT", "INPUT", "OUTPUT", "STATUS"]
    rows = [[r["ref"], fmt.na(r.get("kind")), fmt.number_cell(r.get("context_window")), _money(r, "price_input"),
             _money(r, "price_output"), fmt.na(r.get("status"))] for r in records]
    return headers, rows


def _provider_records(catalog: Catalog, condition: Filter) -> list[dict]:
    return [_provider_record(p, n) for p, n in providers_matching(catalog, condition)]


def _provider_table(records: list[dict]):
    headers = ["ID", "NAME", "OFFERINGS", "RETAINS DATA", "TRAINS ON DATA"]
    rows = [[r["id"], r["name"], fmt.number_cell(r["offerings"]), fmt.yes_no(r.get("retains_user_data")),
             fmt.yes_no(r.get("trains_on_user_data"))] for r in records]
    return headers, rows


def _provider_record(provider, matching: int) -> dict:
    record = {"id": provider.id, "name": provider.name, "offerings": matching,
              "retains_user_data": provider.privacy.retains_user_data,
              "trains_on_user_data": provider.privacy.trains_on_user_data, "headquarters": provider.headquarters}
    return {k: v for k, v in record.items() if v is not None}


def _money(record: dict, key: str) -> str:
    """A price of the flat record (an exact decimal string) as every output writes prices."""
    return fmt.money(Decimal(record[key]), record["currency"]) if key in record else fmt.NA


def _format(fmt: str, headers, rows, records, columns, numeric: frozenset[int]) -> str:
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False)
    if fmt == "csv":
        return _csv(records, columns)
    return render(headers, rows, terminal=on_terminal(), width=terminal_width(), right=numeric)


def _csv(records: list[dict], columns) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: (";".join(v) if isinstance(v, list) else _cell(v)) for k, v in record.items()})
    return buffer.getvalue().rstrip("\n")


def _cell(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else value
