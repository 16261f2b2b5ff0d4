"""Pausing the cyclic garbage collector around bulk building of objects that all stay alive."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Pause the cyclic collector while building ~10^5 objects that are all kept.

    Each collection would walk every object built so far although none is
    garbage; pausing makes reading a 5,000-offering export about a third
    faster and exporting it about a tenth.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
