"""Problems found in catalog files, and the exceptions that carry them."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file.

    Ordering is by file, line and column, so a sorted list reads top to bottom.
    ``line`` and ``column`` are 1-based; a problem with the whole file is at 1:1.
    :meth:`format` always gives one line, whatever the message holds.
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: str = ERROR

    def format(self) -> str:
        """``file:line:col: path: message`` (path left out when empty)."""
        field = f" {one_line(self.path)}:" if self.path else ""
        tag = " warning:" if self.severity == WARNING else ""
        return f"{one_line(self.file)}:{self.line}:{self.column}:{tag}{field} {one_line(self.message)}"

    def as_dict(self) -> dict:
        """A JSON-ready form for ``--format json``."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "severity": self.severity,
        }


def one_line(text: str) -> str:
    """*text* with line breaks and other non-printable characters escaped (a file name or message
    holding a line break could otherwise forge a problem line of its own)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class CatalogError(Exception):
    """Base class of every error this package raises on purpose."""


class InvalidCatalog(CatalogError):
    """The catalog has errors; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == ERROR]
        lines = "\n".join(p.format() for p in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s) in the catalog:\n{lines}{more}")


class UnknownReference(CatalogError, LookupError):
    """A provider, offering, model or author id that the catalog does not hold."""

    def __init__(self, kind: str, ref: str, suggestions: list[str]):
        self.kind, self.ref, self.suggestions = kind, ref, suggestions
        hint = f"; did you mean {', '.join(f'`{s}`' for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} `{ref}`{hint}")
