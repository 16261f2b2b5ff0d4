"""Which facts of an offering the site's tables show: prices, supported features and modalities.

How they read (``N/A``, ``Free``, ``$0.25/1M``) is :mod:`generator.present.format`'s, and
their names :mod:`generator.present.labels`', the same as on the docs pages and the command line.
"""

from __future__ import annotations

from decimal import Decimal

from generator.model.records import FEATURES, MODALITIES, Offering, Price


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
