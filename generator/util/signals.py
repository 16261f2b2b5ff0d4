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
from typing import Iterator

STOPPING = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


@contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise ``KeyboardInterrupt`` as Ctrl-C does.

    A process forked within the block (a pool's worker, a build's writer) is stopped by the
    signal as by default, never by the handler: see :func:`_default_in_forked_children`.

    Only the main thread can install handlers; elsewhere the block runs unchanged."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _interrupt) for number in STOPPING}
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


def _interrupt(number: int, _frame) -> None:
    raise KeyboardInterrupt(f"stopped by {signal.Signals(number).name}")


def _ours() -> list[int]:
    """The stop signals whose handler is one of ours."""
    return [number for number in STOPPING if signal.getsignal(number) is _interrupt]


_forking = threading.local()  # the forking thread's signal mask before the fork, if changed


def _block_before_fork() -> None:
    _forking.mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING) if _ours() else None


def _restore_mask() -> None:
    mask, _forking.mask = getattr(_forking, "mask", None), None
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _default_in_child() -> None:
    for number in _ours():
        signal.signal(number, signal.SIG_DFL)
    _restore_mask()


def _default_in_forked_children() -> None:
    """A forked child gets the default action for the stop signals before any of its code runs.

    A Python handler runs between bytecodes, so a signal that lands just before a blocking wait
    (a pool's idle worker between trying and waiting for its queue's lock) runs it only when the
    wait ends: ``Pool.terminate`` then waited for ever for a worker it had told to stop (1 run
    in 20).  The kernel's default action ends the process at once, whatever it is doing.  The
    signals are blocked across the fork, so one that comes in between is held, then acted on
    with the new action."""
    if hasattr(os, "register_at_fork") and hasattr(signal, "pthread_sigmask"):
        os.register_at_fork(before=_block_before_fork, after_in_parent=_restore_mask,
                            after_in_child=_default_in_child)


_default_in_forked_children()
