"""How a value reads, wherever it is shown: docs pages, site pages, ``provcat show``, ``list``, ``price``.

Every output formats money, counts, dates, unknowns and yes/no answers through these
functions, so one price reads the same on a provider page, on the All-models page and in
``provcat show``.  They return plain ``str``; escaping for where the text lands is the job
of the caller (:mod:`generator.present.filters` for Markdown, Jinja's autoescape for the site).

Conventions (the seed's provider page, ``tests/golden``, shows the first three):

* **Money** is a price per million tokens: ``$0.25/1M``, ``$2.00/1M``, ``€0.50/1M``,
  ``0.50 CHF/1M``.  At least two decimals, more when the price has them (``$0.075/1M``), never
  rounded: the catalog's decimals are exact.  USD, EUR and GBP are written with their sign,
  other currencies with their code after the amount.  A price of 0 is ``Free``.
* **Unknown** values (a number, price, date, name) are ``N/A``.  An unknown answer to a yes/no
  question is ``Unknown`` (beside ``Yes`` and ``No``), and ``❔`` beside ``✅``/``❌`` marks.
  An unknown is never printed as 0, No or an empty string.
* **Counts** (tokens, parameters, requests) are grouped with thousands separators where people
  read them as a fact (``Context window: 131,072``, ``above 200,000 input tokens``); in a table
  column they are plain digits (``131072``), as the seed's Models table shows them, so a column
  compares digit by digit and sorts as it reads.
* **Costs** (``provcat price``: an amount, not a rate) are written like money without ``/1M``:
  ``$0.388``, ``€18.00``.
* **Dates** are ISO 8601 (``2025-08-05``).
* **Yes/no** answers are capitalised: ``Yes``, ``No``, ``Unknown``.

Tests: ``tests/test_present.py`` renders one value through every output and compares.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from generator.present.labels import CURRENCY_SIGNS

NA = "N/A"
UNKNOWN = "Unknown"
YES, NO = "Yes", "No"
FREE = "Free"
MARKS = {True: "✅", False: "❌", None: "❔"}
UNKNOWN_MARK = MARKS[None]


def amount(value: Decimal) -> str:
    """An exact decimal with at least two decimals and no trailing zeros beyond them: 2 -> ``2.00``."""
    whole, _, fraction = format(value, "f").partition(".")
    return f"{whole}.{fraction.rstrip('0').ljust(2, '0')}"


def money(value: Decimal | None, currency: str = "USD") -> str:
    """A price per million tokens: ``$0.25/1M``, ``0.50 CHF/1M``; ``Free`` for 0, ``N/A`` unknown."""
    if value is None:
        return NA
    return _money(type(value), value, currency)


@lru_cache(maxsize=4096)
def _money(kind: type, value, currency: str) -> str:
    """:func:`money` of a known value.  A catalog holds a few hundred distinct prices, each shown on
    many pages, so the text is kept; *kind* is part of the key because ``Decimal("0.5") == 0.5``
    and a float is written through ``format(value, "f")`` with six decimals."""
    if value == 0:
        return FREE
    sign = CURRENCY_SIGNS.get(currency)
    return f"{sign}{amount(value)}/1M" if sign else f"{amount(value)} {currency}/1M"


def cost(value: Decimal, currency: str) -> str:
    """An amount of money, not a price per 1M tokens: ``$0.388``, ``€18.00``, ``0.50 CHF``."""
    sign = CURRENCY_SIGNS.get(currency)
    return f"{sign}{amount(value)}" if sign else f"{amount(value)} {currency}"


def number(value: int | None) -> str:
    """A count read as a fact: ``131,072``; ``N/A`` when unknown."""
    return NA if value is None else f"{int(value):,}"


def number_cell(value: int | None) -> str:
    """A count in a table column: ``131072`` (the seed's Models table); ``N/A`` when unknown."""
    return NA if value is None else str(int(value))


def day(value: date | str | None) -> str:
    """A date as ISO 8601; ``N/A`` when unknown."""
    if value is None:
        return NA
    return value.isoformat() if isinstance(value, date) else str(value)


def yes_no(value: bool | None) -> str:
    return UNKNOWN if value is None else YES if value else NO


def mark(value) -> str:
    """``✅`` supported, ``❌`` not supported, ``❔`` unknown."""
    return MARKS[None if value is None else bool(value)]


def na(value) -> str:
    """Any fact as text: ``N/A`` unknown, yes/no for booleans, grouped counts, ISO dates."""
    if value is None:
        return NA
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int):
        return number(value)
    if isinstance(value, date):
        return day(value)
    return str(value)


def retention_duration(days: int | None) -> str:
    if days is None:
        return NA
    if days == 0:
        return "Immediate deletion"
    return f"{days:,} day" if days == 1 else f"{days:,} days"


def plural(count: int, noun: str) -> str:
    """``1 provider``, ``2,000 providers``."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")
