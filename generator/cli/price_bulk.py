"""``provcat price --usage FILE.jsonl``: the cost of every call of a log, bad lines reported by number."""

from __future__ import annotations

import json
from pathlib import Path

import click
import orjson

from generator.catalog.bulk import Pricer


def run(catalog, usage_file: Path, out: Path | None, provider: str | None) -> int:
    """Price *usage_file*; costs as JSON lines to *out* (else standard output), the summary and every
    bad line on standard error. Exit 1 when a line is bad or a call's price is unknown."""
    if not usage_file.is_file():
        raise click.UsageError(f"{usage_file}: not a regular file")
    pricer = Pricer(catalog, provider)
    with usage_file.open("rb") as lines:
        results = list(pricer.lines(lines))
    text = b"".join(orjson.dumps(r) + b"\n" for r in results)
    if out is None:
        click.echo(text.decode(), nl=False)
    else:
        out.write_bytes(text)
    for result in results:
        if "error" in result:
            click.echo(f"{usage_file}:{result['line']}: {result['error']}", err=True)
    click.echo(json.dumps(pricer.summary.as_dict()), err=True)
    summary = pricer.summary
    return 1 if summary.bad_lines or summary.unknown else 0
