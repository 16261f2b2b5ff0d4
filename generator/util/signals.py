"""Ending a long-running command cleanly when the system asks it to stop.

Python turns Ctrl-C (SIGINT) into ``KeyboardInterrupt``, so ``finally`` blocks and context
managers run and temporary folders are removed.  SIGTERM (``kill``, a service manager, a test
harness) and SIGHUP (the terminal closed) end the process at once by default, leaving behind what
those blocks would have removed: ``provcat site serve``'s temporary site and docs folders.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

STOPPING = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise ``KeyboardInterrupt`` as Ctrl-C does.

    Only the main thread can install handlers; elsewhere the block runs unchanged."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _interrupt) for number in STOPPING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _interrupt(number: int, _frame) -> None:
    raise KeyboardInterrupt(f"stopped by {signal.Signals(number).name}")
