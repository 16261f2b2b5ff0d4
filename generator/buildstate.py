"""Skip a build whose inputs and outputs are exactly as the last build left them.

A no-op rebuild would otherwise validate and render the whole catalog only to
find every byte equal.  After each build, ``.provcat-state.json`` in the output
directory records

* a fingerprint of every input: the bytes of each file under the data
  directory, the templates (ours and ``--templates``), the generator's own
  source and ``schema/``, the producers in use, ``--pretty`` and
  ``SOURCE_DATE_EPOCH``;
* the size and modification time of every file the build owns.

The next build computes the fingerprint (reading the inputs, which is much
cheaper than validating them) and stats the outputs; only when both match
exactly is the build skipped.  Anything else -- an edited input, a touched or
deleted output, another generator version -- means a full build, whose
results are compared byte for byte as usual.  The state file is a local cache:
it is not in the manifest and is not committed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

STATE_NAME = ".provcat-state.json"
STATE_FORMAT = 1
PACKAGE_DIR = Path(__file__).resolve().parent
FINGERPRINT_INPUTS: list[Path] = [PACKAGE_DIR, PACKAGE_DIR.parent / "schema"]  # producers reading more add here


def fingerprint(data_dir: Path, template_dirs: list[Path], options: dict) -> str:
    """SHA-256 over every input of a build (see the module docstring)."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for label, root in [("data", data_dir)] + [("input", p) for p in [*template_dirs, *FINGERPRINT_INPUTS]]:
        for rel, path in _files(str(root)):
            with open(path, "rb") as handle:
                data = handle.read()
            digest.update(f"\0{label}\0{rel}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def _files(root: str, prefix: str = ""):
    """(relative path, path) of every file under *root*, sorted, skipping caches."""
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
        if entry.is_dir():
            yield from _files(entry.path, f"{prefix}{entry.name}/")
        else:
            yield prefix + entry.name, entry.path


def stats(out_dir: Path, paths) -> dict[str, list[int]] | None:
    """``path -> [size, mtime_ns]`` of each owned file; None when one is missing."""
    result = {}
    for rel in paths:
        try:
            st = os.stat(out_dir / rel)
        except OSError:
            return None
        result[rel] = [st.st_size, st.st_mtime_ns]
    return result


def unchanged(out_dir: Path, print_: str) -> list[str] | None:
    """The owned files when inputs and outputs are as the last build left them; else None."""
    try:
        state = json.loads((out_dir / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("format") != STATE_FORMAT or state.get("fingerprint") != print_:
        return None
    recorded = state.get("outputs")
    if not isinstance(recorded, dict) or stats(out_dir, recorded) != recorded:
        return None
    return sorted(recorded)


def save(out_dir: Path, print_: str, paths) -> None:
    """Record the fingerprint and the owned files' stats after a build."""
    outputs = stats(out_dir, paths)
    if outputs is None:
        return
    body = json.dumps({"format": STATE_FORMAT, "fingerprint": print_, "outputs": outputs})
    temp = out_dir / f".{STATE_NAME}.{os.getpid()}.tmp"
    temp.write_text(body, encoding="utf-8")
    os.replace(temp, out_dir / STATE_NAME)


def forget(out_dir: Path) -> None:
    (out_dir / STATE_NAME).unlink(missing_ok=True)
