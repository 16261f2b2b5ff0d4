"""Reading third-party inputs within bounds: regular files only, sizes checked before reading.

An importer's input is not ours: a FIFO named like a TOML file would block the import forever, a
sparse 1 GiB JSON file would be read whole (1.3 to 2.1 GiB of memory), parsers recurse once per
level of nesting, and the TOML parser takes time and memory growing with the square of a dotted
key's length.  Each of these becomes a reported skip naming the input, never a traceback.
"""

from __future__ import annotations

import errno
import json
from decimal import Decimal

from generator.importers.items import noting_repeats
from generator.util.files import FileTooLarge, NotRegularFile, read_regular
from generator.importers.report import ImportReport

MAX_JSON_BYTES = 64 * 2**20  # LiteLLM's file is 1.3 MB, models.dev's api.json 2.4 MB (2026-11)
MAX_TOML_BYTES = 2**20  # models.dev's largest TOML file is 3.5 kB
MAX_DOTS_PER_LINE = 256  # the corpus has at most 10; 6,000 dotted parts take tomllib 1.2 s and 157 MB
FAILED = object()  # what read_json returns once it has reported why


class Refused(Exception):
    """An input left unread: *detail* says why, *reason* is a key of report.REASONS (or None
    for the caller's own reason for an unreadable file)."""

    def __init__(self, detail: str, reason: str | None = None):
        super().__init__(detail)
        self.detail = detail
        self.reason = reason


def read_bounded(path, limit: int) -> bytes:
    """The bytes of the regular file at *path*, refused unread when larger than *limit*.

    FileNotFoundError and ELOOP pass through (the caller names the link); other failures are
    :class:`Refused`.  O_NONBLOCK keeps a FIFO from blocking the open."""
    try:
        return read_regular(path, limit)
    except (FileNotFoundError, IsADirectoryError):
        raise
    except FileTooLarge as error:
        raise Refused(f"{error.strerror}; refused unread", "too-large") from None
    except NotRegularFile:
        raise Refused("not a regular file; not read") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise
        raise Refused(f"cannot be read: {error.strerror or error}") from None


def read_json(path, report: ImportReport, kind: str, repeated: list[str]):
    """The JSON at *path* (floats as Decimal), or :data:`FAILED` once the reason is reported.

    Keys given more than once are added to *repeated* (the last value is kept)."""
    shown = str(path)
    try:
        return json.loads(read_bounded(path, MAX_JSON_BYTES), parse_float=Decimal,
                          object_pairs_hook=noting_repeats(repeated))
    except Refused as refused:
        report.skip(shown, refused.reason or "not-json", refused.detail, kind)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.skip(shown, "not-json", str(exc), kind)
    except RecursionError:
        report.skip(shown, "not-json", "nested too deep for the JSON parser; not read", kind)
    return FAILED


def toml_problem(raw: bytes) -> str | None:
    """Why *raw* should not reach the TOML parser, if it should not: a line with hundreds of
    dots (a dotted key that deep costs the parser time and memory growing with its square)."""
    if raw.count(b".") <= MAX_DOTS_PER_LINE:
        return None
    if any(line.count(b".") > MAX_DOTS_PER_LINE for line in raw.splitlines()):
        return f"a line holds more than {MAX_DOTS_PER_LINE} dots (a key nested that deep); not parsed"
    return None
