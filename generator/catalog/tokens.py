"""Token counts as people write them: ``1M``, ``200k``, ``1_000``, ``1.5M``."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SUFFIXES = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000, "b": 1_000_000_000}
_COUNT = re.compile(r"^\s*([0-9][0-9_,]*(?:\.[0-9_]+)?)\s*([kKmMgGbB]?)\s*$")


class BadTokenCount(ValueError):
    """Text that is not a whole, non-negative number of tokens."""


def parse_tokens(text: str) -> int:
    """``"1M"`` -> 1000000, ``"200k"`` -> 200000, ``"1_000"`` -> 1000; k, M, G (or B) are powers of 1000."""
    match = _COUNT.match(text)
    if not match:
        raise BadTokenCount(f"`{text}` is not a token count; write e.g. 1000, 1_000, 200k, 1M or 1.5M")
    number, suffix = match.groups()
    try:
        value = Decimal(number.replace("_", "").replace(",", "")) * SUFFIXES[suffix.lower()]
    except InvalidOperation:
        raise BadTokenCount(f"`{text}` is not a token count; write e.g. 1000, 1_000, 200k, 1M or 1.5M") from None
    if value != value.to_integral_value():
        raise BadTokenCount(f"`{text}` is {value} tokens; a token count is a whole number")
    return int(value)
