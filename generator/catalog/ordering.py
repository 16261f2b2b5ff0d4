"""Rows sorted by one column, unknowns last whichever the direction.

Rows are the flat records the query commands print (``models.json`` rows, or
provider records): a missing key is unknown.  Numbers compare as numbers,
prices (exact decimal strings) as ``Decimal``, text without regard to case (ISO dates,
also those to the month or the year, sort as text).
Prices in a currency other than the one asked for are not comparable with it:
they follow the rows priced in it, grouped by currency, before the unknowns.
"""

from __future__ import annotations

from decimal import Decimal

PRICE_PREFIX = "price_"


def parse_sort(text: str, columns, descending: bool = False) -> tuple[str, bool]:
    """``price_input`` or ``-price_input`` (descending) -> (column, descending); ValueError for a
    column that is not one of *columns*."""
    field = text[1:] if text.startswith("-") else text
    if field not in columns:
        raise ValueError(f"cannot sort by `{field}`; sort by one of: {', '.join(columns)}")
    return field, descending or text.startswith("-")


def sort_rows(rows: list[dict], field: str, descending: bool = False, currency: str = "USD") -> list[dict]:
    """*rows* ordered by *field*; ties keep their order; rows without *field* come last."""
    known, unknown = [], []
    for row in rows:
        (unknown if row.get(field) in (None, []) else known).append(row)
    money = is_money(field)
    known.sort(key=lambda r: Decimal(r[field]) if money else _value(r[field]), reverse=descending)
    if money:
        known.sort(key=lambda r: _currency_group(r, currency))  # stable: keeps the order inside each group
    return known + unknown


def is_money(field: str) -> bool:
    """A price column (an exact decimal string in its row's currency); price_tiers is a count."""
    return field.startswith(PRICE_PREFIX) and field != "price_tiers"


def _value(value):
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, list):
        return ";".join(map(str, value)).lower()
    return value  # a number, or a bool (False before True)


def _currency_group(row: dict, currency: str) -> tuple[int, str]:
    other = row.get("currency", currency)
    return (0, "") if other == currency else (1, other)
