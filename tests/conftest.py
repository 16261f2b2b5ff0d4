"""Shared fixtures: paths to the repository, the test catalogs, the shipped data and ../shared.

``DATA`` is the small catalog most tests read: the seed's Cerebras facts with three canonical
models (what ``data/`` held before it became the real catalog).  ``SHIPPED`` is ``data/``, the
real catalog of thousands of offerings: only a few tests read it (the committed docs, the
shipped catalog's own checks), so the suite stays fast.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "fixtures" / "seed-data"
SHIPPED = ROOT / "data"
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from the current output.")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the small seed catalog (DATA)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def needs_corpus(*parts: str) -> Path:
    """The path under ../shared/corpora, or skip the test with the reason."""
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the real corpora live in ../shared (CI has them)")
    return path


def no_children_left() -> bool:
    """Whether this process has no child process, running or ended and not waited for."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False
