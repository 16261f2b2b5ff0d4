"""Incremental builds and the files beside the documents (``changes.yaml``, ``history.yaml``,
``links.yaml``): kept in the cache like the documents, read again only when their bytes change, and
after any edit the tree is byte for byte a cold build's."""

from pathlib import Path

import pytest

from benchmarks.synthetic import make_catalog
from generator.build import cache as doccache
from generator.build.pipeline import build
from generator.catalog import changes as changes_module
from generator.validation.problems import InvalidCatalog
from tests.test_build_incremental import EDITS as DOCUMENT_EDITS, offering, replace, settle, tree

EVENTS = """provider: provider-{n}
events:
  - day: 2026-0{day}-0{day}
    offering: "{offering}"
    kind: added
    source: a test
"""


def changes_file(data: Path, n: int) -> Path:
    return data / f"providers/provider-{n}/changes.yaml"


def write_changes(data: Path, n: int) -> None:
    changes_file(data, n).write_text(EVENTS.format(n=n, day=n + 1, offering=offering(data, n).stem))


@pytest.fixture
def catalog(tmp_path) -> Path:
    data = make_catalog(tmp_path / "data", providers=4, offerings=6, models=5, authors=3, odd_ids=True)
    write_changes(data, 0)
    write_changes(data, 1)
    (data / "history.yaml").write_text("models.dev:\n  commit: 0123456789abcdef0123456789abcdef01234567\n")
    return data


SIDE_EDITS = {
    "changes.yaml edited": lambda d: replace(changes_file(d, 0), "kind: added", "kind: removed"),
    "changes.yaml day": lambda d: replace(changes_file(d, 1), "day: 2026-0", "day: 2027-0"),
    "changes.yaml added": lambda d: write_changes(d, 2),
    "changes.yaml removed": lambda d: changes_file(d, 1).unlink(),
    "history.yaml edited": lambda d: replace(d / "history.yaml", "0123", "4567"),
}


@pytest.mark.parametrize("name", SIDE_EDITS)
def test_an_incremental_build_after_a_side_file_edit_equals_a_cold_build(tmp_path, catalog, name):
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    SIDE_EDITS[name](catalog)
    build(catalog, out)
    cold = tmp_path / "cold"
    build(catalog, cold)
    assert tree(out) == tree(cold)


def test_side_file_and_document_edits_one_after_another_match_a_cold_build(tmp_path, catalog):
    out = tmp_path / "out"
    build(catalog, out)
    for name, edit in {**SIDE_EDITS, **DOCUMENT_EDITS}.items():
        settle(catalog)
        edit(catalog)
        build(catalog, out)
        cold = tmp_path / name.replace(" ", "-")
        build(catalog, cold)
        assert tree(out) == tree(cold), name


def test_an_unchanged_side_file_is_not_read_again(tmp_path, catalog, monkeypatch):
    """An offering edit reads neither the side files' YAML nor their events again: both come from
    the cache (before, every build parsed each changes.yaml twice)."""
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    changes_file(catalog, 0).write_bytes(changes_file(catalog, 0).read_bytes())  # touched, same bytes
    monkeypatch.setattr(doccache.validate, "examine_side_file", lambda *a: pytest.fail(f"{a[2]} examined again"))
    monkeypatch.setattr(changes_module, "load_bytes", lambda *a: pytest.fail("changes.yaml parsed again"))
    DOCUMENT_EDITS["offering price"](catalog)
    assert build(catalog, out).changed


def test_only_the_edited_side_file_is_examined_again(tmp_path, catalog, monkeypatch):
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    seen = []
    real = doccache.validate.examine_side_file
    monkeypatch.setattr(doccache.validate, "examine_side_file", lambda d, kind, rel, *a: seen.append(rel) or real(d, kind, rel, *a))
    SIDE_EDITS["changes.yaml edited"](catalog)
    assert build(catalog, out).changed
    assert seen == ["providers/provider-0/changes.yaml"]


@pytest.mark.parametrize("damage", ["bad kind", "not YAML", "a link"])
def test_a_side_file_broken_after_a_cached_build_stops_the_build(tmp_path, catalog, damage):
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    before = tree(out)
    path = changes_file(catalog, 0)
    if damage == "bad kind":
        replace(path, "kind: added", "kind: vanished")
    elif damage == "not YAML":
        path.write_text("provider: [unclosed\n")
    else:
        path.unlink()
        path.symlink_to(changes_file(catalog, 1))
    with pytest.raises(InvalidCatalog) as caught:
        build(catalog, out)
    assert any("changes.yaml" in p.file for p in caught.value.problems)
    assert tree(out) == before
