"""``provcat price REF --input 1M --output 200k``: the exact cost of a request."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from generator.catalog.pricing import cost, plain
from generator.present import format as fmt
from generator.present import labels
from generator.cli.common import data_option, provcat
from generator.cli.query_common import catalog_option, open_catalog, reports_errors, token_count


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
@data_option
@catalog_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people; json for tools (amounts as exact decimal strings).")
@reports_errors
def price_command(ref: str, input: int, output: int, cached: int, cache_write: int, reasoning: int,
                  at: date | None, data_dir: Path, catalog_json: Path | None, fmt: str) -> int:
    """The exact cost of one request to REF (PROVIDER/OFFERING), line by line.

    Exit 1 when the catalog does not know a price the request needs: an
    unknown price is never taken as free.
    """
    catalog = open_catalog(data_dir, catalog_json)
    try:
        result = cost(catalog.offering(ref), input_tokens=input, output_tokens=output, cached_tokens=cached,
                      cache_write_tokens=cache_write, reasoning_tokens=reasoning, at=at)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(_json(result) if fmt == "json" else _text(result))
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
    return since + tier


def _json(result) -> str:
    return json.dumps({
        "ref": result.ref, "amount": plain(result.amount), "currency": result.currency,
        "effective_from": result.effective_from.isoformat() if result.effective_from else None,
        "tier_above_tokens": result.tier.above_tokens if result.tier else None,
        "lines": [{"component": l.component, "tokens": l.tokens, "rate": plain(l.rate), "amount": plain(l.amount)}
                  for l in result.lines],
    }, indent=2)
