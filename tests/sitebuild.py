"""Building a catalog's site for the tests (docs, then mkdocs --strict), once per session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.outputs.site.builder import build_site
from generator.build.pipeline import build

from .conftest import DATA

# Shown as text on the pages if escaping works; runs, fetches x and sets window.pwned if not.
HOSTILE_NAME = '<img src=x onerror="window.pwned=1"> | [a](https://evil.example) <script>window.pwned=2</script>'


def build_catalog_site(data: Path, root: Path) -> Path:
    """Regenerate docs from *data* into *root*/docs and build them into *root*/build."""
    pytest.importorskip("mkdocs", reason="mkdocs is not installed (pip install '.[site]')")
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")
    docs, out = root / "docs", root / "build"
    build(data, docs)
    build_site(docs, out)
    return out


def rich_catalog(target: Path) -> Path:
    """The shipped catalog plus a cheaper second provider of gpt-oss-120b with a hostile name."""
    shutil.copytree(DATA, target)
    provider = target / "providers" / "cheapo"
    (provider / "models").mkdir(parents=True)
    (provider / "provider.yaml").write_text("id: cheapo\nname: Cheapo\nprivacy: {trains_on_user_data: true}\n")
    (provider / "models" / "gpt-oss-120b.yaml").write_text(
        f"id: gpt-oss-120b\nmodel: openai/gpt-oss-120b\nname: {json.dumps(HOSTILE_NAME)}\n"
        "context_window: 65536\npricing: {effective_from: 2026-03-01, input: 0.1, output: 0.5,\n"
        "  history: [{effective_from: 2026-01-10, input: 0.2, output: 0.6}]}\n")  # a chart: raw HTML
    return target


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The built site of the shipped catalog (what site/build holds, in a temporary folder)."""
    return build_catalog_site(DATA, tmp_path_factory.mktemp("shipped-site"))


@pytest.fixture(scope="session")
def rich_site(tmp_path_factory) -> Path:
    """The built site of :func:`rich_catalog`: a model served by two providers."""
    root = tmp_path_factory.mktemp("rich-site")
    return build_catalog_site(rich_catalog(root / "data"), root)
