"""Provider logos from an import source (models.dev's ``providers/<id>/logo.svg``, starmap's).

A logo is refused, never rewritten: an SVG goes into the catalog byte for byte when
:func:`generator.validation.svg.refusal` -- the hardened parser (defusedxml: no DTD, no entity)
and the allowlist that validation applies to ``data/providers/<id>/logo.svg`` -- finds nothing
in it, and is reported otherwise (scripts, ``on*`` handlers, ``<foreignObject>``, ``<image>``,
links that are not ``#fragments``, ``javascript:``, DTDs and entities, editor metadata in other
namespaces).  Dropping the offending parts would publish a drawing nobody reviewed, and a
source that ships a hostile part is not trusted for the rest; the provider keeps its monogram.

Reading: the path must be a regular file lying inside the source folder (a link leading out of
it is reported, not followed) of at most :data:`MAX_BYTES` bytes.  Writing happens in
:func:`.merge.apply`, after the provider's file: ``data/providers/<id>/logo.svg`` is written
atomically only when it does not exist (a curated logo wins, even with ``--overwrite``), and the
importer's ``sources`` entry of the provider lists the field ``logo``.

Another importer calls :func:`offer` with the SVG's path, the provider id and its batch.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.util.atomic import replace_atomic
from generator.validation.svg import MAX_LOGO_BYTES, refusal
from generator.importers.items import Batch
from generator.importers.tree import inside

MAX_BYTES = MAX_LOGO_BYTES  # the limit validation applies to a logo in the catalog
FIELD = "logo"  # the provider field a logo fills, as its source entry lists it
_PROVIDER_ID = re.compile(r"^[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9_-])?$")


@dataclass(frozen=True)
class Logo:
    """A checked SVG waiting to become ``providers/<provider_id>/logo.svg``."""

    provider_id: str
    raw: bytes
    origin: str  # the source file, as the report names it

    @property
    def rel(self) -> str:
        return f"providers/{self.provider_id}/logo.svg"


class Unusable(Exception):
    """A logo file that is not read or not published: a report reason and detail."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason, self.detail = reason, detail


def offer(svg_path, provider_id: str, batch: Batch, root=None, shown: str | None = None) -> bool:
    """Queue the SVG at *svg_path* as *provider_id*'s logo in *batch*; True when it may be
    published, False when it was reported instead.  *root* is the source folder the file must
    lie in (default: the file's own folder); *shown* names the file in the report."""
    shown = shown or str(svg_path)
    try:
        if not _PROVIDER_ID.match(provider_id):
            raise Unusable("bad-id", f"provider id `{provider_id}` is not a lowercase slug")
        raw = read_bounded(svg_path, Path(svg_path).parent if root is None else root)
        check(raw)
    except Unusable as problem:
        batch.report.skip(shown, problem.reason, f"{problem.detail}; the provider keeps its monogram", "logos")
        return False
    batch.logos.append(Logo(provider_id, raw, shown))
    return True


def read_bounded(path, root) -> bytes:
    """The bytes of the regular file *path*, which lies inside the folder *root*."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    if not inside(real, top):
        raise Unusable("broken-link", "a link leading outside the source folder; not followed")
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise Unusable("unreadable", f"cannot be read: {error.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unusable("unreadable", "not a regular file")
        raw = _read_limited(fd) if info.st_size <= MAX_BYTES else b""
        if info.st_size > MAX_BYTES or len(raw) > MAX_BYTES:
            raise Unusable("too-large", f"larger than {MAX_BYTES // 2**10} KiB; a logo is a few kB")
        return raw
    finally:
        os.close(fd)


def _read_limited(fd: int) -> bytes:
    """At most MAX_BYTES + 1 bytes of *fd* (os.read may return fewer than asked)."""
    parts, size = [], 0
    while size <= MAX_BYTES and (part := os.read(fd, MAX_BYTES + 1 - size)):
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def check(raw: bytes) -> None:
    """Refuse *raw* as validation would (generator/validation/svg.py): Unusable with where and why."""
    refused = refusal(raw)
    if refused is not None:
        raise Unusable("invalid-value", f"logo refused at line {refused.line}, column {refused.column}: "
                       f"{refused.message}")


def plan(batch: Batch, data_dir: Path) -> dict[str, Logo]:
    """The queued logos to write, by provider id: those whose provider has no logo yet.  The rest
    are counted (unchanged: the same bytes are there) or reported (the catalog keeps its own)."""
    planned: dict[str, Logo] = {}
    for logo in batch.logos:
        target = os.path.join(data_dir, logo.rel)
        if logo.provider_id in planned:
            batch.report.skip(logo.origin, "duplicate", f"a second logo for {logo.rel}", "logos")
        elif not os.path.lexists(target):
            planned[logo.provider_id] = logo
        elif _same_file(target, logo.raw):
            batch.report.count("logos", "unchanged")
        else:
            batch.report.skip(logo.origin, "catalog-has-one", f"{logo.rel} exists and differs; an import never "
                              "replaces a logo in the catalog (a curated logo wins)", "logos")
    return planned


def _same_file(target: str, raw: bytes) -> bool:
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and _read_limited(fd) == raw
    finally:
        os.close(fd)


def write(planned: dict[str, Logo], batch: Batch, data_dir: Path, dry_run: bool, echo=None) -> None:
    """Write each planned logo whose provider file exists (or would, in a dry run), atomically."""
    for logo in planned.values():
        provider_file = os.path.join(data_dir, "providers", logo.provider_id, "provider.yaml")
        if not dry_run and not os.path.isfile(provider_file):
            batch.report.skip(logo.origin, "no-data", f"its provider file providers/{logo.provider_id}/provider.yaml "
                              "was not written (see the report); the logo is not written either", "logos")
            continue
        batch.report.count("logos", "created")
        if echo:
            echo(f"create {logo.rel}: from {logo.origin}")
        if not dry_run:
            replace_atomic(os.path.join(data_dir, logo.rel), logo.raw)
