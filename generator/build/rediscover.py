"""The catalog's files as the last build found them, when the data directory holds the same files.

:func:`generator.validation.discover.discover` walks the data directory, classifies every path,
checks every link and parses every logo: about a tenth of a second of an edit build on the
shipped catalog, to find what the last build found.  The build already stamps every file under
the data directory before reading any (:func:`.state.data_stamps`).  When those stamps name the
same paths as the last build's, each path is what it was: only a file whose stamp changed (or is
too recent to trust) may have become something else, so it alone is looked at -- still a regular
file, not a link, and, for a logo, still plain drawing.  Anything else: discover again, which
reports what is wrong.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.build.state import is_racy
from generator.validation import svg
from generator.validation.discover import Entry, display_name, is_logo
from generator.validation.problems import ERROR


def rediscover(data_dir: Path, kinds: dict[str, str], before: dict | None, stamps: dict,
               scanned: int) -> list[Entry] | None:
    """The documents :func:`~generator.validation.discover.discover` would find (*kinds*: rel ->
    kind, as the last build found them; *before*: its stamps), or None: discover again."""
    if not before or before.keys() != stamps.keys():
        return None
    for rel, file_stamp in stamps.items():
        if (before[rel] != file_stamp or is_racy(file_stamp, scanned)) and not _as_before(data_dir, rel):
            return None
    shown, base = display_name(Path(data_dir)), str(data_dir)
    return [Entry(kinds[rel], f"{shown}/{rel}", f"{base}/{rel}", rel) for rel in sorted(kinds)]


def _as_before(data_dir: Path, rel: str) -> bool:
    """Whether a file that may have changed is still one discovery accepts without a word:
    a regular file (not a link), and a logo still plain drawing."""
    path = os.path.join(data_dir, rel)
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
    except OSError:
        return False
    return not is_logo(rel) or not any(p.severity == ERROR for p in svg.logo_problems(path, rel))
