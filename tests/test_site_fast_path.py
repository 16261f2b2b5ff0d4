"""The pages outside the nav, built beside mkdocs (fast_pages), against mkdocs' own rendering.

The same docs are built twice: as `provcat site build` does (the fast path) and with
PROVCAT_FAST_PAGES=0 (every page through mkdocs).  Every page of the two sites must read the same:
title, visible text, headings with their ids, links (as absolute addresses), and the same search
entries.  The catalog is the seed catalog with a provider whose name is hostile HTML; set
PROVCAT_TEST_SITE_DATA to a catalog folder (e.g. data) to compare a whole real catalog.
"""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest

from generator.build.pipeline import build
from generator.outputs.site import fast_pages
from generator.outputs.site.builder import build_site

from .pagetext import read_page, search_entries
from .sitebuild import rich_catalog

CATALOG = "PROVCAT_TEST_SITE_DATA"


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory):
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")
    root = tmp_path_factory.mktemp("fast-vs-mkdocs")
    data = Path(os.environ[CATALOG]) if os.environ.get(CATALOG) else rich_catalog(root / "data")
    docs = root / "docs"
    build(data, docs)
    fast = build_site(docs, root / "fast")
    with mock.patch.dict(os.environ, {fast_pages.SWITCH: "0"}):
        reference = build_site(docs, root / "mkdocs")
    return fast, reference


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def test_the_fast_path_built_the_pages_outside_the_nav(both_ways):
    fast, reference = both_ways
    assert "pages outside the nav built beside mkdocs" in fast.output
    assert "by the compiled Markdown engine" in fast.output
    assert "beside mkdocs" not in reference.output
    assert _pages(fast.site_dir) == _pages(reference.site_dir)


@pytest.mark.parametrize("part", ["title", "text", "headings", "links"])
def test_every_page_reads_as_mkdocs_renders_it(both_ways, part):
    fast, reference = both_ways
    different = []
    for page in _pages(reference.site_dir):
        ours, theirs = read_page(fast.site_dir, page)[part], read_page(reference.site_dir, page)[part]
        if ours != theirs:
            different.append((page, ours, theirs))
    assert different == [], f"{len(different)} pages differ in their {part}, the first: {different[:1]}"


def test_search_entries_are_those_mkdocs_makes(both_ways):
    fast, reference = both_ways
    ours, theirs = search_entries(fast.site_dir), search_entries(reference.site_dir)
    assert sorted(ours) == sorted(theirs)
    assert [p for p in theirs if ours[p] != theirs[p]] == []


def test_offering_pages_went_the_fast_way(both_ways):
    """Not a vacuous comparison: the fast site's offering pages have the shell's links (one more "../"
    up to the nav's pages than mkdocs writes), which mkdocs' pages do not."""
    fast, reference = both_ways
    page = next(p for p in _pages(fast.site_dir) if "/models/" in p and p.startswith("providers/"))
    ours = (fast.site_dir / page).read_text(encoding="utf-8")
    theirs = (reference.site_dir / page).read_text(encoding="utf-8")
    assert ours != theirs and "../../../providers/index.html" in ours
    assert "../../../providers/index.html" not in theirs
