"""A big dict kept between builds as the marshal bytes of a base and a small delta.

The document cache holds two dicts of thousands of values: every data file's entry and every
Markdown page's reads.  An edit changes a few of them, yet encoding either whole again took
about a tenth of a second each on the shipped catalog.  So each is saved as a pair of marshal
bytes, ``(base, delta)``: the base is the bytes the last build read, written back as they are;
the delta holds the values that differ from the base (``None`` for a key the base has and the
dict has no more).  When the delta grows past :data:`MAX_DELTA` values, the whole dict is
encoded again and the delta starts empty.  Decoding gives the same dict either way
(``tests/test_build_cache_layers.py``).
"""

from __future__ import annotations

import marshal
from typing import Callable, NamedTuple

MAX_DELTA = 256  # values in the delta before the whole dict is encoded again
_MISSING = object()


class Layer(NamedTuple):
    """What a build read: the base's bytes and the base decoded (values as the reader made them)."""

    raw: bytes
    base: dict


def decode(pair, make: Callable[[dict], dict] = dict) -> tuple[dict, Layer] | None:
    """The dict a pair ``(base bytes, delta bytes)`` holds, and its layer; None when malformed.

    *make* turns a decoded plain dict into the reader's values, dropping malformed ones: a pair
    with one is refused whole (a missing entry would read as a file the last build never saw)."""
    if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(b, bytes) for b in pair)):
        return None
    try:
        base, delta = marshal.loads(pair[0]), marshal.loads(pair[1])
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(base, dict) or not isinstance(delta, dict):
        return None
    made, changed = make(base), make({k: v for k, v in delta.items() if v is not None})
    if len(made) != len(base) or len(changed) + sum(v is None for v in delta.values()) != len(delta):
        return None
    merged = dict(made)
    for key in [k for k, v in delta.items() if v is None]:
        merged.pop(key, None)
    merged.update(changed)
    return merged, Layer(pair[0], made)


def encode(current: dict, layer: Layer | None, plain: Callable = lambda v: v) -> tuple[bytes, bytes]:
    """*current* as a pair ``(base bytes, delta bytes)``: on *layer*'s base when the delta is small.

    *plain* turns a value into what marshal holds.  Raises ValueError when marshal cannot."""
    if layer is not None:
        delta = _delta(current, layer.base, plain)
        if delta is not None:
            return layer.raw, marshal.dumps(delta)
    return marshal.dumps({k: plain(v) for k, v in current.items()}), marshal.dumps({})


def _delta(current: dict, base: dict, plain: Callable) -> dict | None:
    """The values of *current* that differ from *base* (None for keys gone); None when too many."""
    delta = {}
    for key, value in current.items():
        old = base.get(key, _MISSING)
        if old is not value and old != value:
            delta[key] = plain(value)
            if len(delta) > MAX_DELTA:
                return None
    for key in sorted(base.keys() - current.keys()):
        delta[key] = None
    return delta if len(delta) <= MAX_DELTA else None
