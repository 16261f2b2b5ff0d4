"""``provcat price REF --input 1M --output 200k``: the exact cost of a call at one offering or at
every offering of a canonical model; ``provcat price --usage FILE.jsonl`` prices a log of calls."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import click

from generator.catalog import lookup
from generator.catalog.conditions import Call
from generator.catalog.query import Quote, quotes
from generator.model.vocabulary import SERVICE_TIERS
from generator.present.table import render
from generator.cli import price_bill, price_bulk, price_rows
from generator.cli.common import data_option, day_value, provcat
from generator.cli.query_common import (catalog_option, on_terminal, open_catalog, reports_errors, terminal_width,
                                        token_count)

COUNTS = {  # option -> (usage count, help)
    "--input": ("input_tokens", "Prompt tokens billed at the input rate (1M, 200k, 1_000 ...)."),
    "--output": ("output_tokens", "Generated tokens, reasoning included."),
    "--cached": ("cached_tokens", "Prompt tokens read from the prompt cache."),
    "--cache-write": ("cache_write_tokens", "Prompt tokens written to the prompt cache (5-minute lifetime)."),
    "--cache-write-1h": ("cache_write_1h_tokens", "Prompt tokens written to the prompt cache for 1 hour."),
    "--reasoning": ("reasoning_tokens", "The part of --output that is reasoning (billed apart where the price says so)."),
    "--audio-input": ("input_audio_tokens", "Audio input tokens."),
    "--audio-output": ("output_audio_tokens", "Audio output tokens."),
    "--images": ("images", "Images generated."),
    "--seconds": ("input_seconds", "Seconds of input audio or video billed by the second (a transcription)."),
    "--characters": ("characters", "Input characters (a text-to-speech call)."),
    "--requests": ("requests", "Requests billed per request."),
    "--searches": ("searches", "Web searches (give the search context size with --quality)."),
}
NEW_CONDITIONS = ("tier", "region", "when", "quality", "size")



def _moment(ctx, param, value):
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise click.BadParameter(f"`{value}` is not a time with its zone; write e.g. 2026-01-05T03:00Z")
    return moment


def _counts(function):
    for name, (_, help_text) in reversed(COUNTS.items()):
        function = click.option(name, COUNTS[name][0], default="0", show_default=True, callback=token_count,
                                metavar="N", help=help_text)(function)
    return function


@provcat.command("price")
@click.argument("ref", required=False)
@_counts
@click.option("--tier", type=click.Choice(SERVICE_TIERS), default="standard", show_default=True,
              help="Service tier of the call; a tier the catalog has no price for is unknown, never standard.")
@click.option("--region", help="Region the call is served in (a regional price; others are unknown).")
@click.option("--when", callback=_moment, metavar="TIME", help="When the call was made (e.g. 2026-01-05T03:00Z): "
              "the price in force then, and time-window prices such as off-peak hours.")
@click.option("--quality", help="Image quality or web search context size the call chose (hd, low, medium ...).")
@click.option("--size", help="Image size WIDTHxHEIGHT the call chose.")
@click.option("--at", callback=day_value, metavar="DATE", help="Price as on this day (YYYY-MM-DD), from the price history.")
@click.option("--usage", "usage_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.jsonl",
              help="Price a log of calls, one JSON object a line (see the guide's CLI page), instead of REF.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="With --usage: write the costs (JSON lines) here instead of to standard output.")
@click.option("--currency", default="USD", show_default=True,
              help="For a canonical model: offerings priced in this currency rank first (no conversion).")
@data_option
@catalog_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="text for people (a table for a canonical model); json (amounts as exact decimal strings) "
                   "or csv (empty cell = unknown) for tools.")
@reports_errors
def price_command(ref: str | None, at: date | None, usage_file: Path | None, out: Path | None, currency: str,
                  data_dir: Path, catalog_json: Path | None, fmt: str, **options) -> int:
    """The exact cost of one request to REF: an offering (PROVIDER/OFFERING), line by line, or a
    canonical model (e.g. openai/gpt-oss-120b) at every provider serving it, cheapest first.

    REF may also be a name as callers write it with a prefix (openrouter/openai/gpt-4o,
    gemini/gemini-2.5-pro, any case): it is resolved and the rule that matched is said.
    An unknown price is never taken as free nor as the standard price: the
    command exits 1 when the catalog does not know a rate the call needs
    (its tier, region, unit ...); for a canonical model, offerings with an
    unknown price come last, saying which rate is unknown, and the command
    exits 1 only when no offering could be priced. REF matching nothing gets
    suggestions among providers, offerings and models. With --usage, a log of
    calls is priced instead (one JSON object a line).
    """
    catalog = open_catalog(data_dir, catalog_json)
    if usage_file is not None:
        return price_bulk.run(catalog, usage_file, out, ref)
    if ref is None:
        raise click.UsageError("give REF, or --usage FILE.jsonl")
    conditions = {k: options.pop(k) for k in NEW_CONDITIONS}
    usage = {k: v for k, v in options.items() if v}
    try:
        call = Call(**conditions)
        target = _target(catalog, ref)
        if isinstance(target, str):
            return _model(catalog, target, usage, call, at, currency, fmt)
        from generator.catalog.calls import price_call
        bill = price_call(target, usage, call, at)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(json.dumps(price_bill.record(bill), indent=2) if fmt == "json" else
               price_rows.bill_csv(bill) if fmt == "csv" else price_bill.text(bill))
    if bill.amount is None:
        click.echo(f"error: {price_bill.unknown_message(bill)}", err=True)
        return 1
    return 0


def _target(catalog, ref: str):
    """An offering, a canonical model id, or the offering a caller's name resolves to."""
    try:
        return lookup.offering_or_model(catalog, ref)
    except lookup.UnknownName as unknown:
        if "/" not in ref:  # a bare name keeps its suggestions: it may mean a model or several offerings
            raise
        try:
            found = catalog.resolve(ref)
        except lookup.UnknownName:
            raise unknown from None
        click.echo(f"`{ref}` is `{found.offering.ref}` ({found.rule})", err=True)
        return found.offering


def _model(catalog, model_id: str, usage: dict, call: Call, at, currency: str, fmt: str) -> int:
    legacy = {"input_tokens", "output_tokens", "cached_tokens", "cache_write_tokens", "reasoning_tokens"}
    if call != Call() or set(usage) - legacy:
        raise click.UsageError("--tier, --region, --when, --quality, --size and counts other than tokens price "
                               "one offering: give PROVIDER/OFFERING")
    request = {k: usage.get(k, 0) for k in legacy} | {"at": at}
    return _model_prices(quotes(catalog, model_id, currency=currency, **request), model_id, fmt)


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
