"""``provcat price REF --input 1M --output 200k``: the exact cost of a request at one offering or at
every offering of a canonical model."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from generator.catalog import lookup
from generator.catalog.pricing import cost, plain
from generator.catalog.query import Quote, quotes
from generator.present import format as fmt
from generator.present import labels
from generator.present.table import render
from generator.cli import price_rows
from generator.cli.common import data_option, provcat
from generator.cli.query_common import (catalog_option, on_terminal, open_catalog, reports_errors, terminal_width,
                                        token_count)


def _day(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"`{value}` is not a date; write YYYY-MM-DD") from None


def _count_option(name: str, help_text: str):
    return click.option(name, default="0", show_default=True, callback=token_count, metavar="TOKENS", help=help_text)


@provcat.command("price")
@click.argument("ref")
@_count_option("--input", "Prompt tokens billed at the input rate (1M, 200k, 1_000 ...).")
@_count_option("--output", "Generated tokens, reasoning included.")
@_count_option("--cached", "Prompt tokens read from the prompt cache.")
@_count_option("--cache-write", "Prompt tokens written to the prompt cache.")
@_count_option("--reasoning", "The part of --output that is reasoning (billed apart where the price says so).")
@click.option("--at", callback=_day, metavar="DATE", help="Price as on this day (YYYY-MM-DD), from the price history.")
@click.option("--currency", default="USD", show_default=True,
              help="For a canonical model: offerings priced in this currency rank first (no conversion).")
@data_option
@catalog_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="text for people (a table for a canonical model); json (amounts as exact decimal strings) "
                   "or csv (empty cell = unknown) for tools.")
@reports_errors
def price_command(ref: str, input: int, output: int, cached: int, cache_write: int, reasoning: int,
                  at: date | None, currency: str, data_dir: Path, catalog_json: Path | None, fmt: str) -> int:
    """The exact cost of one request to REF: an offering (PROVIDER/OFFERING), line by line, or a
    canonical model (e.g. openai/gpt-oss-120b) at every provider serving it, cheapest first.

    An unknown price is never taken as free: a single offering exits 1 when
    the catalog does not know a price the request needs; for a canonical model,
    offerings with an unknown price come last, saying which rate is unknown,
    and the command exits 1 only when no offering could be priced. REF
    matching nothing gets suggestions among providers, offerings and models.
    """
    catalog = open_catalog(data_dir, catalog_json)
    request = {"input_tokens": input, "output_tokens": output, "cached_tokens": cached,
               "cache_write_tokens": cache_write, "reasoning_tokens": reasoning, "at": at}
    target = lookup.offering_or_model(catalog, ref)
    try:
        if isinstance(target, str):
            return _model_prices(quotes(catalog, target, currency=currency, **request), target, fmt)
        result = cost(target, **request)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(_json(result) if fmt == "json" else price_rows.csv_text([Quote(target, result)]) if fmt == "csv"
               else _text(result))
    return 0


def _model_prices(found: list[Quote], model_id: str, fmt: str) -> int:
    if fmt == "json":
        click.echo(json.dumps({"model": model_id, "offerings": [price_rows.record(q) for q in found]}, indent=2))
    elif fmt == "csv":
        click.echo(price_rows.csv_text(found))
    else:
        headers, rows = price_rows.table(found)
        click.echo(render(headers, rows, terminal=on_terminal(), width=terminal_width(), right=frozenset({1})))
    if not found:
        click.echo(f"error: no offering serves `{model_id}`", err=True)
        return 1
    if all(q.cost is None for q in found):
        click.echo(f"error: no offering of `{model_id}` has a known price for this request", err=True)
        return 1
    return 0


def _text(result) -> str:
    """The total, then one line per component: its tokens (grouped), its rate as every output
    writes a price (``$0.25/1M``) and its cost (exact, in the same currency notation)."""
    lines = [f"{result.ref}: {fmt.cost(result.amount, result.currency)} ({_which_price(result)})"]
    for line in result.lines:
        lines.append(f"  {labels.price_component(line.component):<13}{fmt.number(line.tokens):>15} tokens"
                     f" x {fmt.money(line.rate, result.currency)} = {fmt.cost(line.amount, result.currency)}")
    return "\n".join(lines)


def _which_price(result) -> str:
    since = f"price from {fmt.day(result.effective_from)}" if result.effective_from else "price with no start date"
    tier = f", tier above {fmt.number(result.tier.above_tokens)} input tokens" if result.tier else ""
    source = f", {result.entry.source}" if result.entry.source else ""
    return since + source + tier


def _json(result) -> str:
    return json.dumps({"ref": result.ref, **price_rows.cost_record(result)}, indent=2)
