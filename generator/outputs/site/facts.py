"""Wording of facts on the site pages: unknown is never shown as a fact.

``None`` renders as ``N/A`` (numbers, prices) or ``Unknown`` (yes/no facts);
a price of 0 is ``Free``; ``False`` is ``No``.
"""

from __future__ import annotations

from decimal import Decimal

from generator.model.records import FEATURES, MODALITIES, Offering, Price

FEATURE_LABELS = {
    "tool_calling": "Tool calling", "tool_choice": "Tool choice", "structured_outputs": "Structured output",
    "json_mode": "JSON mode", "reasoning": "Reasoning", "streaming": "Streaming", "web_search": "Web search",
    "file_attachments": "File attachments", "temperature": "Temperature",
}
MODALITY_LABELS = {"text": "Text", "image": "Image", "audio": "Audio", "video": "Video", "pdf": "PDF"}
RETENTION_TYPES = {"none": "No Retention", "fixed": "Fixed Duration", "conditional": "Conditional",
                   "indefinite": "Indefinite"}
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
assert set(FEATURE_LABELS) == set(FEATURES) and set(MODALITY_LABELS) == set(MODALITIES)


def yes_no(value: bool | None) -> str:
    return "Unknown" if value is None else ("Yes" if value else "No")


def number(value: int | None) -> str:
    return "N/A" if value is None else str(value)


def money(amount: Decimal | None, currency: str = "USD") -> str:
    """``$0.25/1M``, ``Free`` for 0, ``N/A`` for unknown."""
    if amount is None:
        return "N/A"
    if amount == 0:
        return "Free"
    text = format(amount.normalize(), "f")
    sign = CURRENCY_SIGNS.get(currency)
    return f"{sign}{text}/1M" if sign else f"{text} {currency}/1M"


def price_of(offering: Offering, field: str) -> Decimal | None:
    price: Price | None = offering.price
    return getattr(price, field) if price else None


def currency_of(offering: Offering) -> str:
    return offering.price.currency if offering.price else "USD"


def features_of(offering: Offering) -> list[str]:
    """The feature keys known to be supported, in the schema's order."""
    return [name for name in FEATURES if getattr(offering.features, name) is True]


def modalities_of(offering: Offering, direction: str) -> list[str]:
    """The modality keys known to be supported in *direction* (input or output)."""
    known = getattr(offering.modalities, direction)  # as Modalities.supports reads it, once per row
    return [name for name in MODALITIES if known.get(name) is True]


def retention_type(kind: str | None) -> str:
    return "Unknown" if kind is None else RETENTION_TYPES.get(kind, kind)


def retention_duration(days: int | None) -> str:
    if days is None:
        return "Unknown"
    return "Immediate deletion" if days == 0 else f"{days} day" + ("" if days == 1 else "s")


def plural(count: int, noun: str) -> str:
    """``1 provider``, ``2 providers``."""
    return f"{count} {noun}" + ("" if count == 1 else "s")
