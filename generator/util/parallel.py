"""Run a producer in a forked child while the parent does other work.

The JSON exports and the site pages each take about a third of a second for
models.dev's catalog and depend only on the catalog, so on a machine with two
cores they can run beside the Markdown docs.  The child sends its files back
through a pipe (pickled); if it fails for any reason the parent runs the
producer itself, so errors surface exactly as in a serial build.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import threading
from typing import Callable


def can_fork() -> bool:
    """Fork only where it exists and is safe: a process with other threads may hold their locks."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1 and os.cpu_count() != 1


class Forked:
    """``call()`` started in a child process; :meth:`result` is its return value."""

    def __init__(self, call: Callable[[], object]):
        self.call = call
        self.read_end, write_end = os.pipe()
        gc.freeze()  # the child's collector then never touches (and so copies) the parent's objects
        self.pid = os.fork()
        if self.pid == 0:  # the child: compute, send, leave without running any cleanup of the parent
            gc.disable()
            os.close(self.read_end)
            _send(write_end, call)
        gc.unfreeze()
        os.close(write_end)

    def result(self):
        """The child's result; the parent computes it itself when the child failed."""
        with os.fdopen(self.read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) == 0 and data:
            try:
                return pickle.loads(data)
            except Exception:  # noqa: BLE001 - fall back to the serial path below
                pass
        return self.call()


    def abandon(self) -> None:
        """Stop the child (the parent failed and will not use its result)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self.read_end)
        os.waitpid(self.pid, 0)


def _send(write_end: int, call: Callable[[], object]) -> None:
    code = 1
    try:
        data = pickle.dumps(call(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)
