"""A change in words, one line: the Changes page, ``provcat changes`` and the feeds say it alike."""

from __future__ import annotations

from decimal import Decimal

from generator.catalog.changes import Change, PriceChange
from generator.present import format as fmt
from generator.present import labels

KIND_LABELS = {"price": "Price", "added": "Added", "removed": "Removed", "renamed": "Renamed", "status": "Status"}


def percent(value: Decimal | None) -> str:
    """``+40%``, ``-33.3%``; empty when unknown."""
    if value is None:
        return ""
    text = format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    return f"+{text}%" if value > 0 else f"{text}%"


def rate(change: PriceChange, currency: str | None) -> str:
    name = labels.price_component(change.component) if change.component != "tiers" else "tiers"
    if change.component == "tiers":
        return "tiers changed"
    shown = f"{name.lower()} {fmt.money(change.old, currency or 'USD')} -> {fmt.money(change.new, currency or 'USD')}"
    return shown + (f" ({percent(change.percent)})" if change.percent is not None else "")


def describe(change: Change) -> str:
    """What happened, without the day or the offering: ``input $0.25/1M -> $0.35/1M (+40%)``."""
    if change.kind == "price":
        return "price: " + ", ".join(rate(p, change.currency) for p in change.prices)
    if change.kind == "renamed":
        return f"renamed from {change.old}"
    if change.kind == "status":
        return f"status {change.old or 'none'} -> {change.new or 'none'}"
    return "first seen" if change.kind == "added" else "removed"


def line(change: Change) -> str:
    """``2026-06-11  cerebras/gpt-oss-120b  price: input $0.25/1M -> $0.35/1M (+40%)  (models.dev commit …)``."""
    source = f"  ({change.source})" if change.source else ""
    return f"{change.day.isoformat()}  {change.ref}  {describe(change)}{source}"
