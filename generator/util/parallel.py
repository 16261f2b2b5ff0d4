"""Run work in forked child processes: the one helper every parallel part of provcat uses.

Three places spread work over the processor's cores: the validation of a big
catalog (files), the Markdown render (pages) and the build's producers (the
JSON exports and site pages beside the docs).  All three fork: a child
inherits the parent's compiled schemas, templates and catalog for free, where
a spawned worker would import and build them again.

* :class:`Forked` runs one call in a child while the parent does other work;
  the child sends its result back through a pipe (pickled).
* :func:`fork_map` runs ``call(k)`` for ``k in range(n)``: the parent takes
  ``k = 0`` itself, children the rest, so no core waits idle for a pool.

If a child fails for any reason the parent makes the call itself, so errors
surface exactly as in a serial run.  :func:`can_fork` says when forking is
available and safe at all; callers fall back to a serial loop otherwise.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import threading
from typing import Callable, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Fork only where it exists and is safe (a process with other threads may hold their locks),
    and where a second core can run the child."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1 and cpus() > 1


def cpus() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


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
            value, complete = _receive(pipe)
        _, status = os.waitpid(self.pid, 0)
        if complete and os.waitstatus_to_exitcode(status) == 0:
            return value
        return self.call()

    def finish(self) -> bool:
        """Wait for the child to end, its result unused; whether it ended well.  For a parent that
        failed while the child writes files: the child finishes the file it is at, never cut off."""
        with os.fdopen(self.read_end, "rb") as pipe:
            while pipe.read(1 << 20):
                pass
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status) == 0

    def abandon(self) -> None:
        """Stop the child (the parent failed and will not use its result)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(self.read_end)
        os.waitpid(self.pid, 0)


class ChildFailed(Exception):
    """A :class:`Served` child ended or failed before answering."""


_PARENT_ENDS: set[int] = set()  # the parent's ends of every Served child's pipes: closed in any later child


def _forget_parent_ends() -> None:
    """In a new child: close the pipes of its elder siblings, so each sees the end of its requests
    when the parent closes them, not when the last of its younger siblings ends."""
    for fd in _PARENT_ENDS:
        try:
            os.close(fd)
        except OSError:
            pass
    _PARENT_ENDS.clear()


os.register_at_fork(after_in_child=_forget_parent_ends)


class Served:
    """``call()`` in a child process that keeps its result and answers requests about it.

    The child sends ``summary(result)``, then answers each request with ``serve(result, request)``
    until the parent closes (or dies): a big result (a producer's files) stays in the child, and
    the parent holds only what it asks for.  A child that fails makes :meth:`summary` None and
    :meth:`answer` raise :class:`ChildFailed`: the caller then does the work itself."""

    def __init__(self, call: Callable[[], object], summary: Callable, serve: Callable):
        replies, reply_end = os.pipe()
        request_end, self.requests = os.pipe()
        gc.freeze()
        self.pid = os.fork()
        if self.pid == 0:
            gc.disable()
            os.close(replies), os.close(self.requests)
            _serve(reply_end, request_end, call, summary, serve)
        gc.unfreeze()
        os.close(reply_end), os.close(request_end)
        self.replies = replies
        _PARENT_ENDS.update((replies, self.requests))

    def summary(self):
        try:
            return self._receive()
        except ChildFailed:
            return None

    def ask(self, request) -> None:
        """Send *request*; :meth:`answer` waits for the reply (the parent works meanwhile)."""
        try:
            with os.fdopen(self.requests, "wb", closefd=False) as pipe:
                pickle.dump(request, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:  # the child is gone
            raise ChildFailed(f"process {self.pid} ended") from exc

    def answer(self):
        return self._receive()

    def _receive(self):
        with os.fdopen(self.replies, "rb", closefd=False) as pipe:
            try:
                return pickle.load(pipe)
            except Exception as exc:  # noqa: BLE001 - nothing, or a cut-off pickle: the child failed
                self.close()
                raise ChildFailed(f"process {self.pid} failed") from exc

    def close(self, kill: bool = False) -> None:
        """End the child (it stops at its next request; at once with *kill*) and wait for it."""
        if self.pid is None:
            return
        if kill:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for fd in (self.requests, self.replies):
            _PARENT_ENDS.discard(fd)
            os.close(fd)
        os.waitpid(self.pid, 0)
        self.pid = None


def _serve(reply_end: int, request_end: int, call, summary, serve) -> None:
    """The child's side of :class:`Served`: never returns."""
    code = 1
    try:
        with os.fdopen(reply_end, "wb") as replies, os.fdopen(request_end, "rb") as requests:
            value = call()
            _reply(replies, summary(value))
            while (request := _request(requests)) is not None:
                _reply(replies, serve(value, request))
        code = 0
    finally:
        os._exit(code)


def _request(pipe):
    try:
        return pickle.load(pipe)
    except EOFError:
        return None


def _reply(pipe, value) -> None:
    pickle.dump(value, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.flush()


def beside(first: Callable[[], T], others: list[Callable[[], object]]) -> list:
    """``[first(), *(o() for o in others)]``, each of *others* in a child while the parent runs *first*."""
    children = [Forked(call) for call in others]
    try:
        head = first()
    except BaseException:
        for child in children:
            child.abandon()
        raise
    return [head] + [child.result() for child in children]


def fork_map(call: Callable[[int], T], n: int) -> list[T]:
    """``[call(k) for k in range(n)]``: ``call(0)`` in this process, the others in *n - 1* children."""
    return beside(lambda: call(0), [lambda k=k: call(k) for k in range(1, n)])


def strided(call: Callable[[list], list], items: list, jobs: int) -> list:
    """``call(items)`` computed in *jobs* processes, process k taking items k, k + jobs, ...;
    *call* returns one result per item, and the results come back in the order of *items*."""
    if jobs <= 1 or len(items) < 2:
        return call(items)
    slices = fork_map(lambda k: call(items[k::jobs]), min(jobs, len(items)))
    merged: list = [None] * len(items)
    for k, chunk in enumerate(slices):
        merged[k::len(slices)] = chunk
    return merged


def _receive(pipe) -> tuple[object, bool]:
    """The child's result unpickled as it arrives, and whether it arrived whole.

    Read as a stream, so the parent never holds a big result (half the pages of a
    100,000-offering catalog) twice, as pickled bytes and as objects.  A child that
    failed sent nothing or a cut-off pickle; the rest is drained so it can exit."""
    try:
        return pickle.load(pipe), True
    except Exception:  # noqa: BLE001 - any failure means: compute it here (Forked.result)
        while pipe.read(1 << 20):
            pass
        return None, False


def _send(write_end: int, call: Callable[[], object]) -> None:
    """Pickle *call()* into the pipe as it is made (the child never holds all of it as bytes);
    a failure part-way leaves a cut-off pickle, which the parent refuses (:func:`_receive`)."""
    code = 1
    try:
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(call(), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)
