"""The ``provcat`` command line: a thin layer over the library.

``main(argv)`` returns the exit status, so tests call it directly;
``cli()`` is the console script.  Exit status: 0 success, 1 the command found
problems, 2 usage error.
"""

from __future__ import annotations

import sys

import click

from generator import __version__
from generator.cli.common import provcat  # its commands are imported on first use (common.COMMANDS)


def main(argv: list[str] | None = None) -> int:
    """Run provcat with *argv* (default: the process arguments); return the exit status."""
    try:
        result = provcat.main(args=argv, prog_name="provcat", standalone_mode=False)
    except click.exceptions.UsageError as exc:
        exc.show()
        return 2
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return result if isinstance(result, int) else 0


def cli() -> None:
    sys.exit(main())


__all__ = ["cli", "main", "provcat", "__version__"]
