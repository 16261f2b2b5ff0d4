"""Limits a document is held to before anything recursive or numeric reads it.

The schema validators and the messages recurse through a document and print
its values, and the exports hold integers as JSON numbers.  So, before them:

* nesting deeper than :data:`MAX_DEPTH` is refused (catalog files need five
  levels; a list nested 990 deep used to end validation with RecursionError);
* an integer beyond :data:`MAX_INTEGER` is refused: JSON readers (JavaScript,
  orjson) keep integers exactly only up to 2^53 - 1, and one of 2^64 or more
  used to pass validation and crash the build, one of 4,300 digits or more
  crashed the messages that print it.

The walk is iterative, so no input can exhaust the stack here.  It costs about
20 µs a document, so a document the schema passes is only run through orjson's
53-bit check (:func:`within_json_range`, 2 µs): the schemas type every nested
value, so such a document cannot be nested deep, and its integers are where the
schema allows numbers.
"""

from __future__ import annotations

import orjson

from generator.validation.messages import Finding

MAX_DEPTH = 12
MAX_INTEGER = 2**53 - 1
_DIGITS_PER_BIT = 0.30103  # log10(2): digits of an integer from its bit length, without printing it


def out_of_bounds(data) -> list[Finding]:
    """A finding for each place of *data* nested too deep or holding too large an integer."""
    found: list[Finding] = []
    stack = [((), data, 0)]
    while stack:
        path, value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                found.append(Finding(path, f"nested more than {MAX_DEPTH} levels deep; catalog fields need far fewer"))
                continue
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((path + (key,), item, depth + 1) for key, item in items)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
            found.append(Finding(path, _too_large(value)))
    return sorted(found, key=lambda f: tuple(map(str, f.path)))


def within_json_range(data) -> bool:
    """Whether every integer of *data* lies within ±(2^53 - 1) (orjson's strict check: no walk here)."""
    try:
        orjson.dumps(data, option=orjson.OPT_STRICT_INTEGER)
    except (TypeError, orjson.JSONEncodeError):
        return False
    return True


def _too_large(value: int) -> str:
    size = f"{value}" if value.bit_length() < 100 else f"an integer of about {int(value.bit_length() * _DIGITS_PER_BIT) + 1:,} digits"
    return f"{size} is out of range: integers must lie within ±{MAX_INTEGER:,}, the range JSON readers keep exactly"
