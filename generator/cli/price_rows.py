"""Quotes (the cost of a request at an offering) as table rows, JSON records and CSV."""

from __future__ import annotations

import csv
import io

from generator.catalog.pricing import Cost, plain
from generator.catalog.query import Quote
from generator.present import format as fmt

CSV_COLUMNS = ("ref", "provider", "amount", "currency", "effective_from", "tier_above_tokens", "unknown_rate")
WHOLE_PRICE = "price"  # unknown_rate when the offering has no price at all (or none on that day)


def record(quote: Quote) -> dict:
    """A quote for tools: amounts as exact decimal strings; an unknown price has ``amount`` null and
    ``unknown_rate`` (input, output ... or ``price`` for the whole price) with the reason."""
    head = {"ref": quote.offering.ref, "provider": quote.offering.provider_id}
    if quote.cost is None:
        return head | {"amount": None, "unknown_rate": quote.unknown_component or WHOLE_PRICE,
                       "unknown": quote.unknown}
    return head | cost_record(quote.cost)


def cost_record(result: Cost) -> dict:
    return {
        "amount": plain(result.amount), "currency": result.currency,
        "effective_from": result.effective_from.isoformat() if result.effective_from else None,
        "tier_above_tokens": result.tier.above_tokens if result.tier else None,
        "lines": [{"component": l.component, "tokens": l.tokens, "rate": plain(l.rate), "amount": plain(l.amount)}
                  for l in result.lines],
    }


def table(quotes: list[Quote]) -> tuple[list[str], list[list[str]]]:
    headers = ["REFERENCE", "COST", "PRICE USED"]
    return headers, [[q.offering.ref, *_cells(q)] for q in quotes]


def _cells(quote: Quote) -> list[str]:
    if quote.cost is None:
        return [fmt.NA, unknown_text(quote)]
    result = quote.cost
    since = f"from {fmt.day(result.effective_from)}" if result.effective_from else "no start date"
    tier = f", tier above {fmt.number(result.tier.above_tokens)} input tokens" if result.tier else ""
    return [fmt.cost(result.amount, result.currency), since + tier]


def unknown_text(quote: Quote) -> str:
    """``output price unknown``, ``price unknown``: which rate kept the offering from being priced."""
    if quote.unknown_component:
        return f"{quote.unknown_component.replace('_', ' ')} price unknown"
    return "price unknown" if quote.offering.pricing is None else "no price on that day"


def csv_text(quotes: list[Quote]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for quote in quotes:
        writer.writerow({k: ("" if v is None else v) for k, v in record(quote).items()})
    return buffer.getvalue().rstrip("\n")


def bill_csv(bill) -> str:
    """One call's bill in the columns of :data:`CSV_COLUMNS` (``unknown_rate``: the first unknown unit)."""
    from generator.cli.price_bill import tier_above
    row = {"ref": bill.ref, "provider": bill.ref.partition("/")[0], "amount": "" if bill.amount is None else
           plain(bill.amount), "currency": bill.currency or "", "tier_above_tokens": tier_above(bill) or "",
           "effective_from": bill.effective_from.isoformat() if bill.effective_from else "",
           "unknown_rate": bill.unknown[0].unit if bill.unknown else ""}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    return buffer.getvalue().rstrip("\n")
