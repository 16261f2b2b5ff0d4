"""Validated documents kept between builds, so an edit revalidates only the files it touched.

``.provcat-cache`` in the output directory holds, for every catalog file of
the last successful build, its stamp (size, mtime, ctime, inode), the hash of
its bytes when known, its kind and its parsed, validated data; what each
Markdown page read (see :mod:`generator.outputs.docs.deps`); the stamps of every
data file (so the next build finds the files as this one did, :mod:`.rediscover`);
and the side files (``links.yaml``, ``history.yaml``, each provider's
``changes.yaml``), kept like the documents so an offering edit parses none of them.
The big dicts are saved as a base and a delta (:mod:`.layered`).  The next build
takes a file's data from the cache when

* its stamp is unchanged (stamps taken within :data:`.state.RACY_NS` of
  a file's last change are not kept: a later edit in the same clock tick could
  leave them unchanged), or
* its bytes hash to the cached hash (a file touched but not changed);

every other file is read and validated again (:mod:`generator.validation.validate`), and the
rules that look across files run over all documents, as in a full
validation.  Any error -- in a file, across files, a broken link in the
layout -- sends the build down the full validation, which reports it with
line and column; so does a checkout (many files changed), as it uses every core.

The cache is trusted only when it is whole and was written by this generator:
it starts with a BLAKE2b digest of the rest, and carries a key (the
generator's and schemas' fingerprint, the data directory, the Python version);
anything else -- a truncated, corrupted or foreign file -- is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import NamedTuple

from generator.build import layered
from generator.validation import rules, validate
from generator.build.rediscover import rediscover
from generator.build.state import content_hash, is_racy
from generator.validation.discover import discover, side_files
from generator.validation.problems import ERROR
from generator.util.atomic import replace_atomic

CACHE_NAME = ".provcat-cache"
CACHE_FORMAT = 2  # 2: the entries and the pages' reads as (base, delta) pairs (:mod:`.layered`)
BULK = 400  # more changed files than this: validate everything, on every core
LAYERED = ("pages", "stamps")  # kept as (base, delta) like the entries: each page's reads, the data's stamps
SIDE_KINDS = ("links", "history", "changes")  # the side files' kinds (discover.side_files)
_DIGEST = 32


class Entry(NamedTuple):
    """What the cache holds for one data file."""

    stamp: tuple | None  # its stamp, None when taken too close to its last change to be trusted
    hash: str | None  # the hash of its bytes, when they were read
    kind: str  # provider, offering, model or author
    data: dict  # parsed and validated


class Change(NamedTuple):
    """A data file that changed since the cache: its old data, its new data (None: absent)."""

    kind: str
    rel: str
    old: dict | None
    new: dict | None


def cache_key(code_print: str, data_dir: Path) -> str:
    return f"{CACHE_FORMAT}:{code_print}:{Path(data_dir).resolve()}:{sys.implementation.cache_tag}"


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=_DIGEST).digest()  # of the cache file itself


def read(out_dir: Path, key: str) -> dict:
    """The cache of the last build (``files``: rel -> :class:`Entry`, ``pages``: path -> reads,
    ``build``: its id, ``layers``: what :func:`encode_files` and :func:`encode` build on), or {}
    when absent, damaged or written for another generator, data directory or Python."""
    try:
        raw = (Path(out_dir) / CACHE_NAME).read_bytes()
        if digest(body := memoryview(raw)[_DIGEST:]) != raw[:_DIGEST]:  # a view: tens of MB at 100,000 offerings
            return {}
        cache = marshal.loads(body)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(cache, dict) or cache.get("key") != key:
        return {}
    decoded = {name: layered.decode(cache.get(name), _entries if name == "files" else dict)
               for name in ("files", *LAYERED)}
    if any(pair is None for pair in decoded.values()):
        return {}
    side = cache.get("side")
    return {**cache, **{name: pair[0] for name, pair in decoded.items()},
            "layers": {name: pair[1] for name, pair in decoded.items()},
            "side": _entries(side, SIDE_KINDS) if isinstance(side, dict) else {},
            "made": _made(cache.get("made"))}


def _made(raw) -> dict[str, list[str]]:
    """The files each producer made (producer name -> paths), when well formed."""
    return {name: paths for name, paths in (raw.items() if isinstance(raw, dict) else ())
            if isinstance(name, str) and isinstance(paths, list) and all(isinstance(p, str) for p in paths)}


def _entries(raw: dict, kinds=rules.CROSS_RULES) -> dict[str, Entry]:
    """The well-formed entries of a cache file (marshal holds them as plain tuples)."""
    return {rel: Entry._make(t) for rel, t in raw.items()
            if isinstance(t, tuple) and len(t) == 4 and isinstance(t[3], dict) and t[2] in kinds}


def plain(entries: dict[str, Entry]) -> dict[str, tuple]:
    return {rel: tuple(e) for rel, e in entries.items()}  # as marshal holds them


def encode_files(files: dict[str, Entry], layers: dict | None = None) -> tuple[bytes, bytes] | None:
    """The entries, encoded as soon as they are known (so the documents can be freed before the
    build produces anything), on the last cache's (*layers*, from :func:`read`) when only a few
    differ (:mod:`.layered`); None when marshal cannot hold a value."""
    try:  # marshal holds plain tuples only
        return layered.encode(files, (layers or {}).get("files"), tuple)
    except ValueError:
        return None


def encode(key: str, files: tuple[bytes, bytes] | None, layers: dict | None = None,
           **extra) -> tuple[bytes, bytes] | None:
    """The cache file's bytes as (digest, body), never joined in memory: the encoded entries
    (:func:`encode_files`) and *extra* (the build's id, each page's reads, the data's stamps...),
    those of :data:`LAYERED` on the last cache's *layers*; None when marshal cannot hold a value."""
    if files is None:
        return None
    try:
        pairs = {name: layered.encode(extra.get(name) or {}, (layers or {}).get(name)) for name in LAYERED}
        body = marshal.dumps({**extra, "key": key, "files": files, **pairs})
    except ValueError:
        return None
    return digest(body), body


def write(out_dir: Path, key: str, files: dict[str, Entry], **extra) -> None:
    write_encoded(out_dir, encode(key, encode_files(files), **extra))


def write_encoded(out_dir: Path, encoded: tuple[bytes, bytes] | None) -> None:
    if encoded is None:
        return
    replace_atomic(str(Path(out_dir) / CACHE_NAME), encoded)


def forget(out_dir: Path) -> None:
    (Path(out_dir) / CACHE_NAME).unlink(missing_ok=True)


class Loaded:
    """The documents of an error-free catalog, and what changed since the cache."""

    def __init__(self, documents: list[rules.Document], files: dict[str, Entry], changed: list[Change] | None,
                 side: dict[str, Entry] | None = None):
        self.documents = documents
        self.files = files  # the next cache
        self.changed = changed  # None: not known (a full validation)
        self.side = side or {}  # the side files (links, history, changes): rel -> entry, kept like the documents


def entries_of(documents, scanned: int, stamps: dict, racy: dict) -> dict[str, Entry]:
    """Cache entries for the documents of a full validation (stamps and *racy* content hashes
    taken before it read them)."""
    files = {}
    for doc in documents:
        file_stamp = stamps.get(doc.rel)
        trusted = file_stamp is not None and not is_racy(file_stamp, scanned)
        files[doc.rel] = Entry(file_stamp if trusted else None, racy.get(doc.rel), doc.kind, doc.data)
    return files


def load(data_dir: Path, cached: dict[str, Entry], stamps: dict, scanned: int,
         cached_side: dict[str, Entry] | None = None, before: dict | None = None) -> Loaded | None:
    """The catalog's documents, revalidating only files that changed; None: take the full validation.

    *stamps* (rel -> stamp) were taken at *scanned* (ns), before any file was read; *before*: the
    last build's, to find the files as it did when the same exist (:mod:`.rediscover`).
    """
    entries = rediscover(data_dir, {rel: e.kind for rel, e in cached.items()}, before, stamps, scanned)
    if entries is None:
        entries, problems = discover(Path(data_dir))
        if any(p.severity == ERROR for p in problems):
            return None
    side = side_entries(Path(data_dir), cached_side, stamps, scanned)  # links, history, changes: checked too
    if side is None:
        return None
    files, todo = {}, []
    for entry in entries:
        file_stamp = stamps.get(entry.rel)
        if file_stamp is None:  # not scanned: gone, or a link to nowhere; the full validation says which
            return None
        old = cached.get(entry.rel)
        if old is not None and old.kind == entry.kind and old.stamp == file_stamp:
            files[entry.rel] = old
        else:
            todo.append((entry, file_stamp))
    todo = list(_hashed(todo, cached, scanned, files))
    if len(todo) > BULK:
        return None
    changed = []
    for entry, file_stamp, old, hashed in todo:
        fresh = _revalidated(entry)
        if fresh is None:
            return None
        files[entry.rel] = Entry(_trusted(file_stamp, scanned), hashed, entry.kind, fresh)
        if old is None or old.data != fresh:
            changed.append(Change(entry.kind, entry.rel, old.data if old else None, fresh))
    changed += [Change(old.kind, rel, old.data, None) for rel, old in cached.items()
                if rel not in files]
    changed += side_changes(cached_side or {}, side)
    return _checked(entries, files, changed, side)


def side_entries(data_dir: Path, cached: dict[str, Entry] | None, stamps: dict, scanned: int) -> dict | None:
    """The side files (:func:`generator.validation.discover.side_files`), each from *cached* when its
    stamp or bytes are unchanged, else read and checked again; None when one has an error (the full
    validation reports it)."""
    out = {}
    for kind, rel in side_files(data_dir):
        file_stamp, old = stamps.get(rel), (cached or {}).get(rel)
        if file_stamp is None or os.path.islink(data_dir / rel):
            return None  # not scanned (a link to nowhere, a loop) or a link: the full validation says so
        old = old if old is not None and old.kind == kind else None
        if old is not None and old.stamp == file_stamp:
            out[rel] = old
            continue
        try:
            hashed = content_hash(validate.read_regular(str(data_dir / rel)))
        except OSError:
            return None
        if old is None or old.hash != hashed:
            doc, _ = validate.examine_side_file(data_dir, kind, rel)
            if doc is None:
                return None
            old = Entry(None, hashed, kind, doc.data)
        out[rel] = Entry(_trusted(file_stamp, scanned), hashed, kind, old.data)
    return out


def side_changes(before: dict[str, Entry], after: dict[str, Entry]) -> list[Change]:
    """The side files whose data differ between two caches' entries (added and removed ones too)."""
    out = [Change(e.kind, rel, old.data if old else None, e.data) for rel, e in after.items()
           if (old := before.get(rel)) is None or (old.data is not e.data and old.data != e.data)]
    return out + [Change(old.kind, rel, old.data, None) for rel, old in before.items() if rel not in after]


def side_entries_of(documents, stamps: dict, scanned: int, racy: dict) -> dict[str, Entry]:
    """Cache entries for the side files of a full validation (:attr:`validate.Report.side`), as
    :func:`entries_of` makes them for the documents."""
    return {rel: entry for rel, entry in entries_of(documents, scanned, stamps, racy).items()
            if entry.stamp is not None or entry.hash is not None}


def _trusted(file_stamp: tuple, scanned: int) -> tuple | None:
    return None if is_racy(file_stamp, scanned) else file_stamp


def _hashed(todo, cached: dict, scanned: int, files: dict):
    """The files of *todo* whose content differs from the cache: (entry, stamp, old entry, hash).

    The others (touched, or stamped too recently to trust) are put in *files* from the cache.
    """
    for entry, file_stamp in todo:
        try:  # a regular file only: a FIFO would block; unreadable: revalidated, which reports it
            hashed = content_hash(validate.read_regular(entry.path))
        except OSError:
            hashed = None
        old = cached.get(entry.rel)
        old = old if old is not None and old.kind == entry.kind else None
        if old is not None and hashed is not None and old.hash == hashed:
            files[entry.rel] = Entry(_trusted(file_stamp, scanned), hashed, entry.kind, old.data)
        else:
            yield entry, file_stamp, old, hashed


def _revalidated(entry) -> dict | None:
    """The data of a changed file, read and validated again; None on a problem."""
    doc, problems = validate.examine_file(entry)
    if doc is None or doc.findings or any(p.severity == ERROR for p in problems):
        return None
    return doc.data


def _checked(entries, files: dict[str, Entry], changed: list[Change], side: dict) -> Loaded | None:
    """Run the cross-file rules over every document; None when one finds a problem."""
    documents = [rules.Document(e.kind, e.file, e.path, e.rel, files[e.rel].data) for e in entries]
    rules.check_across(documents)
    if any(doc.findings for doc in documents):
        return None
    return Loaded(documents, files, changed, side)
