"""Files a producer made in a child process and that stay there until they are written.

A catalog's JSON exports and site data weigh more than its pages (the shipped catalog's ``api/``
holds 47 MB, its Markdown 29 MB; hundreds of megabytes at 100,000 offerings).  Produced beside the docs in a forked child, they used to be sent back whole to the
build's process, which then held every file of the build at once.  A :class:`Holder` keeps them
in the child (:class:`generator.util.parallel.Served`): the build gets a :class:`Held` (SHA-256 and
size) for each, plans with those as with any file, and asks the child to write the ones that
changed, as the build's process writes its own (:func:`generator.build.writers.write_files`,
atomic, after the manifest is widened).  Nothing is written before the build asks, so a failed
producer or plan still writes nothing.  When the child fails, the build makes the files itself,
so errors surface as in a serial build.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable

from generator.build.writers import write_files
from generator.util.parallel import ChildFailed, Served


@dataclass(frozen=True, slots=True, eq=False)
class Held:
    """A produced file whose bytes are in its :class:`Holder`'s child: only their digest and size here."""

    digest: str
    size: int
    holder: Holder = field(repr=False)


class Holder:
    """``produce()`` (path -> bytes or Kept) run and kept in a child process.

    *sidecar*: a dict that ``produce()`` fills besides making its files (what each page read):
    the child sends its copy with the files' digests, and :meth:`outputs` puts it in this one."""

    def __init__(self, produce: Callable[[], dict], sidecar: dict | None = None):
        self.produce, self.sidecar = produce, sidecar
        self.child = Served(produce, lambda files: (_summary(files), _moved(sidecar)), _serve)

    def outputs(self) -> dict:
        """The files: :class:`Held` for bytes kept in the child, others as produced; all produced
        here (bytes) when the child failed."""
        received = self.child.summary()
        if received is None:
            return self.produce()
        summary, sidecar = received
        if self.sidecar is not None:
            self.sidecar.update(sidecar)
        return {p: Held(*entry, self) if isinstance(entry, tuple) else entry for p, entry in summary.items()}

    def start_writing(self, base: str, paths: list[str]) -> None:
        """Ask the child to write *paths* under *base*; :meth:`finish_writing` waits for it."""
        try:
            self.child.ask(("write", base, paths))
        except ChildFailed:
            pass  # finish_writing sees the failure too

    def finish_writing(self, base: str, digests: dict[str, str], again: bool = True) -> None:
        """Wait for the child to write the files of *digests*; when it failed, make and write
        them here (unless not *again*: this process failed and raises its own error)."""
        try:
            self.child.answer()
        except ChildFailed:
            if again:
                files = self.produce()
                _check_same(files, digests)
                write_files(base, files, sorted(digests))
        finally:
            self.release()

    def release(self) -> None:
        """End the child: at once, since it writes only when asked and is not asked any more
        (:meth:`finish_writing` waits for the writes it asked for before it releases)."""
        self.child.close(kill=True)


def write_all(base: str, files: dict, paths: list[str], progress: Callable[[int, int], None] | None = None) -> None:
    """Write *paths*: the :class:`Held` ones by their children, the others here, at the same time."""
    held: dict[Holder, dict[str, str]] = {}
    for path in paths:
        if isinstance(data := files[path], Held):
            held.setdefault(data.holder, {})[path] = data.digest
    for holder, digests in held.items():
        holder.start_writing(base, sorted(digests))
    try:
        write_files(base, files, [p for p in paths if not isinstance(files[p], Held)], progress)
    except BaseException:
        for holder, digests in held.items():
            holder.finish_writing(base, digests, again=False)
        raise
    for holder, digests in held.items():
        holder.finish_writing(base, digests)


def _summary(files: dict) -> dict:
    """What the build's process gets: (SHA-256, size) of each file's bytes; a Kept as it is."""
    return {p: (hashlib.sha256(d).hexdigest(), len(d)) if isinstance(d, bytes) else d for p, d in files.items()}


def _moved(sidecar: dict | None) -> dict | None:
    """The child's sidecar, emptied there: once sent, the child keeps only its files."""
    if sidecar is None:
        return None
    moved = dict(sidecar)
    sidecar.clear()
    return moved


def _serve(files: dict, request: tuple) -> bool:
    _, base, paths = request
    write_files(base, files, paths)
    return True


def _check_same(files: dict, digests: dict[str, str]) -> None:
    """A producer made again must give the bytes its child did (outputs are deterministic)."""
    for path, expected in digests.items():
        data = files.get(path)
        if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != expected:
            raise RuntimeError(f"{path}: made again after its process failed, it differs from what that process made")


def release(files: dict) -> None:
    """End every child still holding files of *files* (after the build wrote, or failed)."""
    for holder in {id(d.holder): d.holder for d in files.values() if isinstance(d, Held)}.values():
        holder.release()


def size(data) -> int:
    """The size in bytes of a produced file (bytes or :class:`Held`)."""
    return data.size if isinstance(data, Held) else len(data)
