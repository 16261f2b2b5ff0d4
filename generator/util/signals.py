"""Ending a long-running command cleanly when the system asks it to stop.

Python turns Ctrl-C (SIGINT) into ``KeyboardInterrupt``, so ``finally`` blocks and context
managers run and temporary folders are removed.  SIGTERM (``kill``, a service manager, a test
harness) and SIGHUP (the terminal closed) end the process at once by default, leaving behind what
those blocks would have removed: ``provcat site serve``'s temporary site and docs folders.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

STOPPING = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise ``KeyboardInterrupt`` as Ctrl-C does.

    A process forked within the block (a pool's worker, a build's writer) inherits the handler
    but is stopped by the signal as by default: ``Pool.terminate`` ends its workers with SIGTERM,
    and a worker raising ``KeyboardInterrupt`` from inside the pool's queue instead could leave
    the pool waiting for it for ever.

    Only the main thread can install handlers; elsewhere the block runs unchanged."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = _interrupt_in(os.getpid())
    previous = {number: signal.signal(number, handler) for number in STOPPING}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def _interrupt_in(owner: int) -> Callable[[int, object], None]:
    """The handler: ``KeyboardInterrupt`` in process *owner*, the default action in any other."""

    def interrupt(number: int, _frame) -> None:
        if os.getpid() != owner:
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
            return
        raise KeyboardInterrupt(f"stopped by {signal.Signals(number).name}")

    return interrupt
