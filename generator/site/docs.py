"""Regenerating ``site/docs/`` from ``data/`` before the site is built.

The Markdown tree is written by ``provcat build`` (:mod:`generator.build`);
this module only calls it, so the site is always built from the same docs the
repository commits.
"""

from __future__ import annotations

import importlib
from pathlib import Path


class DocsBuilderMissing(Exception):
    """This checkout has no ``provcat build`` (generator.build) to regenerate the docs."""


def regenerate_docs(data_dir: Path, docs_dir: Path):
    """Render *data_dir* into *docs_dir* with ``provcat build``; return its summary."""
    try:
        build = importlib.import_module("generator.build")
    except ModuleNotFoundError as error:
        if error.name != "generator.build":
            raise
        raise DocsBuilderMissing(
            "cannot regenerate the docs: this checkout has no `provcat build` (generator/build.py); "
            "build the site from the existing docs with --no-regenerate") from None
    return build.build(data_dir, docs_dir)
