"""Price a log of calls: one JSON object a line, each priced at the price in force at its timestamp.

A line holds ``model`` (the name as called, resolved by :mod:`.names`), and optionally
``provider``, ``timestamp`` (ISO 8601 with its zone; the price in force then and its
time windows; absent: the current price), ``tier``, ``region``, ``quality``, ``size``
and usage counts named as :data:`~generator.catalog.calls.USAGE_UNITS`.  Each line
gives one result: its cost (``amount`` null when a rate is unknown, with the
``unknown`` units) or, for a line that cannot be read, its ``error``; the other
lines are priced all the same.  Names, prices and call options repeat in a real
log, so their resolution is cached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, getcontext, setcontext
from typing import Iterable, Iterator

import orjson

from generator.catalog.calls import EXACT, USAGE_UNITS, check_usage, total_exact
from generator.catalog.catalog import Catalog
from generator.catalog.conditions import Call
from generator.catalog.names import resolve
from generator.catalog.pricing import plain
from generator.validation.problems import CatalogError

ZERO = Decimal(0)
CALL_KEYS = ("tier", "region", "quality", "size")
KNOWN_KEYS = frozenset({"model", "provider", "timestamp", *CALL_KEYS, *USAGE_UNITS})
TEXT_KEYS = ("provider", *CALL_KEYS)
MAX_LINE = 64 * 1024  # bytes; a longer line is reported, not read


class BadLine(ValueError):
    """A line that cannot be priced as written."""


@dataclass
class Summary:
    calls: int = 0
    priced: int = 0
    unknown: int = 0
    bad_lines: int = 0
    totals: dict[str, Decimal] = field(default_factory=dict)  # by currency

    def as_dict(self) -> dict:
        return {"calls": self.calls, "priced": self.priced, "unknown": self.unknown, "bad_lines": self.bad_lines,
                "total": {c: plain(t) for c, t in sorted(self.totals.items())}}


class Pricer:
    """Prices the lines of one log against *catalog*, keeping a :class:`Summary`."""

    def __init__(self, catalog: Catalog, provider: str | None = None):
        self.catalog, self.provider, self.summary = catalog, provider, Summary()
        self._names: dict[tuple, object] = {}
        self._calls: dict[tuple, Call] = {}

    def lines(self, lines: Iterable[bytes]) -> Iterator[dict]:
        """One result per non-blank line, numbered from 1; computed in the exact decimal context (set for
        each line and restored before the result is handed on)."""
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            self.summary.calls += 1
            outer = getcontext()
            setcontext(EXACT)
            try:
                result = self.one(raw, number)
            except BadLine as exc:
                self.summary.bad_lines += 1
                result = {"line": number, "error": str(exc)}
            finally:
                setcontext(outer)
            yield result

    def one(self, raw: bytes, number: int = 0) -> dict:
        """The result of line *number* (BadLine when it cannot be priced as written)."""
        record = _record(raw)
        offering, rule = self._offering(record)
        when = _when(record.get("timestamp"))
        usage = _usage(record)
        try:
            call = self._call((record.get("tier"), record.get("region"), record.get("quality"), record.get("size")),
                              when)
        except ValueError as exc:
            raise BadLine(str(exc)) from None
        entry = offering.pricing.at(when.date() if when else None) if offering.pricing else None
        result = {"line": number, "model": record["model"], "ref": offering.ref, "rule": rule, "amount": None,
                  "currency": entry.currency if entry else None}
        amount, unknown = total_exact(entry, usage, call) if entry else (None, ["price"])
        if amount is None:
            self.summary.unknown += 1
            result["unknown"] = unknown
        else:
            self.summary.priced += 1
            totals = self.summary.totals
            totals[entry.currency] = totals.get(entry.currency, ZERO) + amount
            result["amount"] = plain(amount)
        return result

    def _offering(self, record: dict):
        key = (record["model"], record.get("provider", self.provider))
        found = self._names.get(key)
        if found is None:
            try:
                resolved = resolve(self.catalog, *key)
                found = (resolved.offering, resolved.rule)
            except CatalogError as exc:
                found = BadLine(str(exc))
            self._names[key] = found
        if isinstance(found, BadLine):
            raise found
        return found

    def _call(self, options: tuple, when: datetime | None) -> Call:
        base = self._calls.get(options)
        if base is None:
            tier, region, quality, size = options
            base = self._calls[options] = Call(tier or "standard", region, None, quality, size)
        return base if when is None else Call(base.tier, base.region, when, base.quality, base.size)


def _record(raw: bytes) -> dict:
    if len(raw) > MAX_LINE:
        raise BadLine(f"the line is longer than {MAX_LINE:,} bytes")
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadLine(f"not JSON: {exc}") from None
    if not isinstance(record, dict):
        raise BadLine("not a JSON object")
    if not record.keys() <= KNOWN_KEYS:
        raise BadLine(f"unknown key(s) {', '.join(sorted(record.keys() - KNOWN_KEYS))}")
    if not isinstance(record.get("model"), str) or not record["model"].strip():
        raise BadLine("`model` (the model name as called) is missing or not a string")
    if wrong := [k for k in TEXT_KEYS if k in record and not isinstance(record[k], (str, type(None)))]:
        raise BadLine(f"{', '.join(wrong)} must be strings")
    return record


def _usage(record: dict) -> dict[str, int]:
    """The record's counts, checked as :func:`~generator.catalog.calls.check_usage` checks them."""
    usage = {}
    for key, value in record.items():
        if key in USAGE_UNITS:
            if type(value) is not int or value < 0:  # bool is not a count
                raise BadLine(f"usage counts must be whole numbers, 0 or more: {key}")
            usage[key] = value
    if usage.get("reasoning_tokens", 0) > usage.get("output_tokens", 0):
        try:
            check_usage(usage)
        except ValueError as exc:
            raise BadLine(str(exc)) from None
    return usage


def _when(value) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise BadLine(f"timestamp {value!r} is not an ISO 8601 time with its zone (e.g. 2026-01-05T03:00:00Z)")
    return moment
