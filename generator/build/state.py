"""Skip a build whose inputs and outputs are exactly as the last build left them.

A no-op rebuild would otherwise validate and render the whole catalog only to
find every byte equal.  After each build, ``.provcat-state.json`` in the output
directory records

* a fingerprint of the code and options: the bytes of the templates (ours and
  ``--templates``), the generator's own source and ``schema/``, the producers
  in use, ``--pretty`` and ``SOURCE_DATE_EPOCH``;
* a digest of the stamp (size, mtime, ctime, inode) of every file under the
  data directory -- and, for a file modified so recently (within
  :data:`RACY_NS` of the scan) that a later edit in the same clock tick could
  leave its stamp unchanged, of its content too, which the next build reads again;
* the size, mtime, ctime and inode of every file the build owns.

The next build computes the fingerprint, stats the data files and the outputs;
only when all three match exactly is the build skipped.  Anything else means a
real build, which revalidates and re-renders only what changed (see
:mod:`.cache`), and compares its results with the files on disk.  The state
file is a local cache: it is not in the manifest and is not committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import NamedTuple

from generator.util import resources
from generator.util.atomic import replace_atomic
from generator.util.files import read_regular

STATE_NAME = ".provcat-state.json"
STATE_FORMAT = 3  # 3: a recent file's stamp is in the digest beside its content hash
RACY_NS = 2 * 10**9  # files modified this close to a scan are checked by content next time
PACKAGE_DIR = Path(__file__).resolve().parent.parent
FINGERPRINT_INPUTS: list[Path] = [PACKAGE_DIR, resources.schema_dir()]  # producers reading more add here


def fingerprint(template_dirs: list[Path], options: dict, code: bool = True) -> str:
    """SHA-256 over every input of a build but the data (see the module docstring);
    without *code*, the generator's source and the schemas are left out."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for label, root in [("input", p) for p in [*template_dirs, *(FINGERPRINT_INPUTS if code else [])]]:
        for rel, path in _files(str(root)):
            with open(path, "rb") as handle:
                data = handle.read()
            digest.update(f"\0{label}\0{rel}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def _files(root: str, prefix: str = "", follow: bool = True):
    """(relative path, path) of every file under *root*, sorted, skipping caches; without *follow*,
    a link to a folder is given as a file, not entered (as validation does: a loop never ends)."""
    if os.path.isfile(root):
        yield os.path.basename(root), root
        return
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name == "__pycache__" or entry.name.endswith((".pyc", ".tmp")):
            continue
        if entry.is_dir(follow_symlinks=follow):
            yield from _files(entry.path, f"{prefix}{entry.name}/", follow)
        else:
            yield prefix + entry.name, entry.path


def stamp(st: os.stat_result) -> tuple[int, int, int, int]:
    """What changes when a file's content may have: size, mtime, ctime (which no tool can set), inode."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def is_racy(file_stamp, scanned_ns: int) -> bool:
    """True when the file changed so shortly before *scanned_ns* that its stamp cannot be trusted."""
    _, mtime, ctime, _ = file_stamp
    return max(mtime, ctime) >= scanned_ns - RACY_NS


class Scan(NamedTuple):
    """The stamp of every data file, and when they were taken."""

    stamps: dict[str, tuple]  # rel -> stamp
    scanned: int  # ns, taken before the first stat


def data_stamps(data_dir: Path) -> Scan:
    """The stamp of every file under *data_dir*, and when they were taken (ns)."""
    scanned = time.time_ns()
    return Scan({rel: file_stamp for rel, path in _files(str(data_dir), follow=False)
                 if (file_stamp := _data_stamp(path)) is not None}, scanned)


def _data_stamp(path: str) -> tuple | None:
    """The stamp of a data file; None for a dangling link or a link loop, which validation reports."""
    try:
        return stamp(os.stat(path))
    except OSError:
        return None


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=32).hexdigest()


def racy_hashes(data_dir: Path, scan: Scan) -> dict[str, str]:
    """The content hash of every file whose stamp is too recent to be trusted alone."""
    return hashes(data_dir, [rel for rel, s in scan.stamps.items() if is_racy(s, scan.scanned)])


def hashes(data_dir: Path, rels) -> dict[str, str]:
    out = {}
    for rel in rels:
        try:
            out[rel] = content_hash(read_regular(os.path.join(data_dir, rel)))
        except OSError:
            continue
    return out


def data_digest(stamps: dict[str, tuple], by_content: dict[str, str]) -> str:
    """A digest of the data files: their stamps, and for those in *by_content*, their content hash
    too (the stamp still tells a file from a link to the same bytes elsewhere)."""
    items = sorted((rel, s, by_content[rel]) if rel in by_content else (rel, s) for rel, s in stamps.items())
    return hashlib.sha256(repr(items).encode()).hexdigest()


def stats(out_dir: Path, paths) -> dict[str, list[int]] | None:
    """``path -> [size, mtime_ns, ctime_ns, inode]`` of each owned file; None when one is missing."""
    result = {}
    base = str(out_dir)
    for rel in paths:
        record = _output_stat(os.path.join(base, rel))
        if record is None:
            return None
        result[rel] = record
    return result


def _output_stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def read(out_dir: Path) -> dict:
    """The state the last build left, or {} when there is none or it is unreadable."""
    try:
        state = json.loads((out_dir / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(state, dict) and state.get("format") == STATE_FORMAT and isinstance(state.get("outputs"), dict)
    return state if ok else {}


def unchanged(state: dict, out_dir: Path, print_: str, data_dir: Path, stamps: dict) -> list[str] | None:
    """The owned files when inputs and outputs are as the last build left them; else None."""
    racy = state.get("racy")
    if not state or state.get("fingerprint") != print_ or not isinstance(racy, dict):
        return None
    if state.get("data") != data_digest(stamps, hashes(data_dir, racy)):
        return None
    recorded = state["outputs"]
    return sorted(recorded) if stats(out_dir, recorded) == recorded else None


def refresh(state: dict, out_dir: Path, scan: Scan) -> None:
    """After a skipped build: trust the stamps of files checked by content that are no longer recent,
    so the next no-op build need not read them again."""
    racy, stamps = state.get("racy") or {}, scan.stamps
    still = {rel: h for rel, h in racy.items() if rel in stamps and is_racy(stamps[rel], scan.scanned)}
    if len(still) < len(racy):
        _write_state(out_dir, {**state, "racy": still, "data": data_digest(stamps, still)})


def untouched(state: dict, out_dir: Path) -> set[str]:
    """The owned files whose size and mtime are as the last build left them."""
    base = str(out_dir)
    return {rel for rel, recorded in state.get("outputs", {}).items()
            if _output_stat(os.path.join(base, rel)) == recorded}


def save(out_dir: Path, print_: str, stamps: dict[str, tuple], racy: dict[str, str], paths,
         build_id: str = "") -> None:
    """Record the fingerprint, the data's stamps (and content hashes where *racy*), the owned files'
    stats after a build."""
    outputs = stats(out_dir, paths)
    if outputs is None:
        return
    _write_state(out_dir, {"format": STATE_FORMAT, "fingerprint": print_, "data": data_digest(stamps, racy),
                           "racy": racy, "outputs": outputs, "build": build_id})


def _write_state(out_dir: Path, state: dict) -> None:
    replace_atomic(str(out_dir / STATE_NAME), json.dumps(state).encode("utf-8"))


def forget(out_dir: Path) -> None:
    (out_dir / STATE_NAME).unlink(missing_ok=True)
