"""Incremental builds and the files beside the documents (``changes.yaml``, ``history.yaml``,
``links.yaml``): kept in the cache like the documents, read again only when their bytes change, and
after any edit the tree is byte for byte a cold build's."""

import re
from pathlib import Path

import pytest

from benchmarks.synthetic import make_catalog
from generator.build import cache as doccache
from generator.build.pipeline import build
from generator.catalog import changes as changes_module
from generator.validation.problems import InvalidCatalog
from tests.test_build_incremental import EDITS as DOCUMENT_EDITS
from tests.test_build_incremental import assert_each_edit_keeps_matching_a_cold_build, offering, replace, settle, tree

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
    assert_each_edit_keeps_matching_a_cold_build(tmp_path, catalog, {**SIDE_EDITS, **DOCUMENT_EDITS})


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


def _rendered(monkeypatch) -> list[str]:
    from tests.test_build_incremental import _rendered as rendered

    return rendered(monkeypatch)


def _cheapest_of_a_served_model(data: Path) -> Path:
    """An offering of the home page's first model that is not its cheapest (a price cut makes it so)."""
    from generator.catalog.load import load_catalog
    from generator.outputs.docs.views import build_views

    views = build_views(load_catalog(data))
    model = views.most_served(1)[0]
    priced = [o for o in views.offered_by(model.id) if o.price and o.price.input and not o.pricing.history
              and o.price.effective_from is None]  # undated: its price cut is no change on the home page
    return data / f"providers/{priced[-1].provider_id}/models/{priced[-1].file_stem}.yaml"


def _not_on_the_home_page(data: Path) -> Path:
    """An offering whose canonical model is not among the home page's most served."""
    from generator.catalog.load import load_catalog
    from generator.outputs.docs.views import build_views
    from generator.present import summary

    loaded = load_catalog(data)
    shown = {m.id for m in build_views(loaded).most_served(summary.HOME_MODELS)}
    found = next(o for o in loaded.offerings if o.model_id not in shown)
    return data / f"providers/{found.provider_id}/models/{found.file_stem}.yaml"


HOME_EDITS = {  # an edit of an offering whose model the home page does not list: is the home page rendered?
    "source title": (lambda p: replace(p, "title: Provider", "title: Edited provider"), False),
    "newest verification": (lambda p: p.write_text(re.sub(r"\nlast_verified: [0-9-]+", "", p.read_text())
                                                   + "last_verified: 2026-11-29\n"), True),  # the home page's date
}


@pytest.mark.parametrize("name", HOME_EDITS)
def test_the_home_page_is_rendered_only_when_what_it_shows_changes(tmp_path, monkeypatch, name):
    """The home page records what it reads (counts, build date, most served models, changes), not
    the whole catalog: an edit of an offering it does not show leaves it as it is, one that moves
    its build date renders it; either way the tree equals a cold build's."""
    from generator.present import summary

    monkeypatch.setattr(summary, "HOME_MODELS", 2)  # fewer rows than the catalog's models
    catalog = make_catalog(tmp_path / "data", providers=3, offerings=12, models=8, authors=3)
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    seen = _rendered(monkeypatch)
    path = _not_on_the_home_page(catalog)
    edit, home = HOME_EDITS[name]
    edit(path)
    assert build(catalog, out).changed
    assert f"providers/{path.parent.parent.name}/models/{path.stem}.md" in seen and ("README.md" in seen) == home
    cold = tmp_path / "cold"
    build(catalog, cold)
    assert tree(out) == tree(cold)


def test_a_price_cut_that_changes_the_home_pages_cheapest_offering_renders_it(tmp_path, catalog, monkeypatch):
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    before = (out / "README.md").read_bytes()
    path = _cheapest_of_a_served_model(catalog)
    path.write_text(re.sub(r"\n  input: [0-9.]+", "\n  input: 0.0001", path.read_text(), count=1))
    seen = _rendered(monkeypatch)
    build(catalog, out)
    assert "README.md" in seen and (out / "README.md").read_bytes() != before
    cold = tmp_path / "cold"
    build(catalog, cold)
    assert tree(out) == tree(cold)


def test_a_template_edit_renders_what_it_affects(tmp_path, catalog):
    override = tmp_path / "templates"
    override.mkdir()
    shipped = Path(__file__).resolve().parent.parent / "templates" / "index.md.j2"
    (override / "index.md.j2").write_text(shipped.read_text())
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out, templates=override)
    replace(override / "index.md.j2", "## Browse", "## Browse the catalog")
    assert build(catalog, out, templates=override).changed
    assert b"## Browse the catalog" in (out / "README.md").read_bytes()
    cold = tmp_path / "cold"
    build(catalog, cold, templates=override)
    assert tree(out) == tree(cold)


def test_an_edit_that_changes_no_change_keeps_the_changes_files(tmp_path, catalog, monkeypatch):
    """api/changes.json, the feeds and the Changes page are kept as they are when an edit changes
    neither a change, a provider nor which offerings exist (they took a tenth of an edit build)."""
    from generator.outputs import changes as changes_outputs

    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    monkeypatch.setattr(changes_outputs, "changes_files", lambda *a, **k: pytest.fail("changes made again"))
    replace(offering(catalog, 2), "title: Provider", "title: Edited provider")
    result = build(catalog, out)
    assert result.changed and "feeds/changes.xml" in result.changes.unchanged
    monkeypatch.undo()
    cold = tmp_path / "cold"
    build(catalog, cold)
    assert tree(out) == tree(cold)


@pytest.mark.parametrize("name", ["offering price", "offering model", "provider name", "logo added"])
def test_indented_exports_after_an_edit_equal_a_cold_build(tmp_path, catalog, name, monkeypatch):
    """``provcat build`` indents the JSON by default: its exports take the unchanged providers from
    the last build's files too (they were encoded again in full), and still equal a cold build's."""
    from generator.outputs.exports import encode

    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out, pretty=True)
    DOCUMENT_EDITS[name](catalog)
    encoded = []
    real = encode.provider
    monkeypatch.setattr(encode, "provider", lambda value: encoded.append(value.id) or real(value))
    assert build(catalog, out, pretty=True).changed
    assert len(encoded) < 4  # of four providers
    cold = tmp_path / "cold"
    build(catalog, cold, pretty=True)
    assert tree(out) == tree(cold)


def test_a_build_leaves_the_collector_as_it_found_it(tmp_path, catalog):
    """The build freezes its catalog out of the collector's walks (a full collection over it cost a
    third of a second of an edit build) and unfreezes it at its end, even when it fails: a
    long-running process (``site serve``) must not keep every catalog it built."""
    import gc

    build(catalog, tmp_path / "out")
    assert gc.get_freeze_count() == 0
    offering(catalog, 0).write_text("id: [unclosed\n")
    with pytest.raises(InvalidCatalog):
        build(catalog, tmp_path / "out")
    assert gc.get_freeze_count() == 0
