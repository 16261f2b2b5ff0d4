"""Plain-text tables for the command line.

On a terminal, columns are padded to line up, the header is bold and cells
too wide for the terminal are shortened with an ellipsis.  Piped into another
program, the table is tab-separated values with a header line: no padding, no
escape codes, nothing cut (the convention of tools like ``gh``).
"""

from __future__ import annotations

import re

_ANSI_BOLD, _ANSI_RESET = "\x1b[1m", "\x1b[0m"
_CONTROL = re.compile(r"[\t\r\n\x00-\x1f\x7f]+")


def render(headers: list[str], rows: list[list[str]], terminal: bool, width: int = 100,
           right: frozenset[int] = frozenset()) -> str:
    """The table as text; *right* holds the indexes of right-aligned (numeric) columns."""
    rows = [[_clean(cell) for cell in row] for row in rows]
    if not terminal:
        return "\n".join("\t".join(line) for line in [headers, *rows])
    widths = _fit([max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))], width)
    lines = [_line(headers, widths, right)]
    lines[0] = _ANSI_BOLD + lines[0] + _ANSI_RESET
    lines += [_line(row, widths, right) for row in rows]
    return "\n".join(lines)


def _clean(cell: str) -> str:
    return _CONTROL.sub(" ", cell)


def _fit(widths: list[int], total: int) -> list[int]:
    """Shrink the widest columns until the row fits *total* characters (2 between columns)."""
    widths = list(widths)
    while sum(widths) + 2 * (len(widths) - 1) > total and max(widths) > 8:
        widths[widths.index(max(widths))] -= 1
    return widths


def _line(cells: list[str], widths: list[int], right: frozenset[int]) -> str:
    out = []
    for i, (cell, width) in enumerate(zip(cells, widths)):
        cell = cell if len(cell) <= width else cell[: width - 1] + "…"
        out.append(cell.rjust(width) if i in right else cell.ljust(width))
    return "  ".join(out).rstrip()
