"""One call's bill (generator.catalog.calls.Bill) as text for people and as a JSON record for tools."""

from __future__ import annotations

from generator.catalog.calls import TOKEN_UNIT_SET, WHOLE_PRICE, Bill
from generator.catalog.pricing import plain
from generator.present import conditional
from generator.present import format as fmt
from generator.present import labels


def applied(bill: Bill) -> dict:
    """What the call chose (tier, region, time, quality, size), as the JSON record gives it."""
    call = bill.call
    return {"tier": call.tier, "region": call.region, "quality": call.quality, "size": call.size,
            "when": call.when.isoformat().replace("+00:00", "Z") if call.when else None}


def tier_above(bill: Bill) -> int | None:
    """The prompt-size threshold the bill's rates were chosen above, None below every threshold."""
    return max((l.applied.above_tokens for l in bill.lines if l.applied and l.applied.above_tokens), default=None)


def record(bill: Bill) -> dict:
    """Today's shape (``amount``, ``currency``, ``effective_from``, ``tier_above_tokens``, ``lines`` with
    ``component``, ``tokens``, ``rate``, ``amount``) plus what applied: ``applied`` (the call's choices),
    per line ``unit``, ``quantity``, ``conditions`` and, when unknown, ``reason``; amounts are exact strings,
    an unknown amount is null."""
    return {
        "ref": bill.ref, "amount": _plain(bill.amount), "currency": bill.currency,
        "effective_from": bill.effective_from.isoformat() if bill.effective_from else None,
        "tier_above_tokens": tier_above(bill), "applied": applied(bill),
        "lines": [{"component": l.unit, "tokens": l.quantity, "unit": l.unit, "quantity": l.quantity,
                   "rate": _plain(l.rate), "amount": _plain(l.amount),
                   "conditions": l.applied.conditions() if l.applied else {},
                   **({"reason": l.reason} if l.reason else {})} for l in bill.lines],
    }


def _plain(value):
    return None if value is None else plain(value)


def text(bill: Bill) -> str:
    """The total (or ``unknown``), then one line per unit: its quantity, its rate and its cost."""
    total = fmt.cost(bill.amount, bill.currency) if bill.amount is not None else "unknown"
    lines = [f"{bill.ref}: {total} ({which_price(bill)})"]
    for line in bill.lines:
        if line.unit == WHOLE_PRICE:
            continue
        token = line.unit in TOKEN_UNIT_SET
        name = labels.price_component(line.unit) if token else conditional.unit_label(line.unit)
        count = f"{fmt.number(line.quantity):>15} tokens" if token else f"{fmt.number(line.quantity):>15}"
        if line.amount is None:
            lines.append(f"  {name:<13}{count} x {fmt.NA} = unknown ({line.reason})")
            continue
        rate = fmt.money(line.rate, bill.currency) if token else conditional.rate_text(line.rate, line.unit,
                                                                                       bill.currency)
        lines.append(f"  {name:<13}{count} x {rate} = {fmt.cost(line.amount, bill.currency)}")
    return "\n".join(lines)


def which_price(bill: Bill) -> str:
    if bill.entry is None:
        return bill.lines[0].reason
    since = f"price from {fmt.day(bill.effective_from)}" if bill.effective_from else "price with no start date"
    above = tier_above(bill)
    tier = f", tier above {fmt.number(above)} input tokens" if above else ""
    source = f", {bill.entry.source}" if bill.entry.source else ""
    chose = bill.call.describe()
    return since + source + tier + (f"; {chose}" if chose else "")


def unknown_message(bill: Bill) -> str:
    """The error line for a bill with unknown lines: which rates and why."""
    return "; ".join(f"{l.reason} for `{bill.ref}`" for l in bill.unknown) + ", so the call cannot be priced"
