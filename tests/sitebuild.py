"""Building the shipped catalog's site once per test session (docs, then mkdocs --strict)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.builder import build_site
from generator.site.docs import DocsBuilderMissing, regenerate_docs

from .conftest import DATA


def build_shipped_site(root: Path) -> Path:
    """Regenerate docs from data/ into *root*/docs and build them into *root*/build."""
    pytest.importorskip("mkdocs", reason="mkdocs is not installed (pip install '.[site]')")
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")
    docs, out = root / "docs", root / "build"
    try:
        regenerate_docs(DATA, docs)
    except DocsBuilderMissing as error:
        pytest.skip(str(error))
    build_site(docs, out)
    return out


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The built site of the shipped catalog (site/build equivalent, in a temporary folder)."""
    return build_shipped_site(tmp_path_factory.mktemp("shipped-site"))
