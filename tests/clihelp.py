"""Running the command line in a test, shared by the CLI test modules."""

from __future__ import annotations

from generator.cli import main

from .exporthelp import RICH

R = ["--data", str(RICH)]  # the rich fixture catalog


def run(capsys, *argv):
    """(exit status, standard output, standard error) of ``provcat ARGV``."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err
