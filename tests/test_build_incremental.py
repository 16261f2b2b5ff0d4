"""Incremental builds: after any edit, the tree is byte for byte what a cold build of the edited
data gives; a damaged, foreign or stale cache is ignored, never trusted."""

import os
import time
from pathlib import Path

import pytest

from benchmarks.synthetic import make_catalog
from generator.build import cache as doccache
from generator.build.pipeline import build
from generator.build.state import STATE_NAME
from generator.build.cache import CACHE_NAME

LOCAL = (STATE_NAME, CACHE_NAME)


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and p.name not in LOCAL}


def settle(data: Path) -> None:
    """Make the data look edited long ago, as a real edit usually is (stamps then are trusted)."""
    past = time.time_ns() - 3600 * 10**9
    for path in data.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(past, past))


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def catalog(tmp_path) -> Path:
    return make_catalog(tmp_path / "data", providers=4, offerings=6, models=5, authors=3, odd_ids=True)


def offering(data: Path, provider: int, index: int = 0) -> Path:
    return sorted((data / f"providers/provider-{provider}/models").glob("*.yaml"))[index]


EDITS = {  # what a person might change, each a function of the data directory
    "offering price": lambda d: replace(offering(d, 1), "  output: ", "  output: 7"),
    "offering model": lambda d: replace(offering(d, 2), 'model: "author-', 'model: "author-0/model-0"\n#'),
    "offering removed": lambda d: offering(d, 3, 1).unlink(),
    "offering added": lambda d: (d / "providers/provider-0/models/extra.yaml").write_text(
        'id: extra\nmodel: "author-1/model-4"\npricing:\n  input: 0.01\n  output: 0.02\n'),
    "provider name": lambda d: replace(d / "providers/provider-2/provider.yaml", "name: Provider 2", "name: Renamed"),
    "model name": lambda d: replace(d / "models/author-1/model-4.yaml", 'name: "Model 4"', 'name: "Model Four"'),
    "model authors": lambda d: replace(d / "models/author-2/model-2.yaml", "authors: [author-2]",
                                       "authors: [author-2, author-0]"),
    "author name": lambda d: replace(d / "authors/author-0.yaml", "name: Author 0", "name: Author Zero"),
    "logo added": lambda d: (d / "providers/provider-1/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n'),
    "verification date": lambda d: replace(d / "providers/provider-3/provider.yaml", "last_verified: 2026-04-15",
                                           "last_verified: 2026-09-30"),
}


@pytest.mark.parametrize("name", EDITS)
def test_an_incremental_build_after_an_edit_equals_a_cold_build(tmp_path, catalog, name):
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    EDITS[name](catalog)
    result = build(catalog, out)
    assert result.changed
    cold = tmp_path / "cold"
    build(catalog, cold)
    assert tree(out) == tree(cold)


def assert_each_edit_keeps_matching_a_cold_build(tmp_path, catalog, steps) -> None:
    """Apply *steps* one after another to *catalog*, each followed by an incremental build that must
    equal a cold build of the same catalog, byte for byte."""
    out = tmp_path / "out"
    build(catalog, out)
    for name, edit in steps.items():
        settle(catalog)
        edit(catalog)
        build(catalog, out)
        cold = tmp_path / name.replace(" ", "-")
        build(catalog, cold)
        assert tree(out) == tree(cold), name


def test_edits_one_after_another_keep_matching_a_cold_build(tmp_path, catalog):
    assert_each_edit_keeps_matching_a_cold_build(
        tmp_path, catalog, {**EDITS, "logo removed": lambda d: (d / "providers/provider-1/logo.svg").unlink()})


def test_only_the_edited_file_is_validated_again(tmp_path, catalog, monkeypatch):
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    seen = []
    real = doccache.validate._examine
    monkeypatch.setattr(doccache.validate, "_examine", lambda job: seen.append(job[0].rel) or real(job))
    EDITS["offering price"](catalog)
    assert build(catalog, out).changed
    assert seen == [offering(catalog, 1).relative_to(catalog).as_posix()]


def test_a_touched_but_unchanged_file_is_not_validated_again(tmp_path, catalog, monkeypatch):
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    offering(catalog, 1).write_bytes(offering(catalog, 1).read_bytes())
    monkeypatch.setattr(doccache.validate, "_examine", lambda job: pytest.fail(f"{job[0].rel} validated again"))
    assert not build(catalog, out).changed


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped byte", "foreign key", "empty"])
def test_a_damaged_or_foreign_cache_is_ignored(tmp_path, catalog, damage):
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    path = out / CACHE_NAME
    raw = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(os.urandom(len(raw)))
    elif damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "flipped byte":
        path.write_bytes(raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:])
    elif damage == "foreign key":
        cache = doccache.read(out, _key(out, raw))
        doccache.write(out, "another generator", cache["files"], build=cache["build"], pages=cache["pages"])
    else:
        path.write_bytes(b"")
    assert doccache.read(out, _key(out, raw)) == {} or damage == "foreign key"
    EDITS["offering price"](catalog)
    build(catalog, out)
    cold = tmp_path / "cold"
    build(catalog, cold)
    assert tree(out) == tree(cold)


def _key(out: Path, raw: bytes) -> str:
    import marshal

    return marshal.loads(raw[32:])["key"]


def test_a_cache_left_by_another_build_is_not_used_to_keep_pages(tmp_path, catalog):
    """The state and the cache must come from the same build; a cache copied from elsewhere is not."""
    out, other = tmp_path / "out", tmp_path / "other"
    settle(catalog)
    build(catalog, out)
    build(catalog, other)
    EDITS["provider name"](catalog)
    build(catalog, other)
    (out / CACHE_NAME).write_bytes((other / CACHE_NAME).read_bytes())  # docs as edited, pages as before
    build(catalog, out)
    cold = tmp_path / "cold"
    build(catalog, cold)
    assert tree(out) == tree(cold)


def test_a_file_edited_right_after_a_build_is_checked_by_content(tmp_path, catalog):
    """Stamps taken within the racy window are not trusted: the next build reads the file."""
    out = tmp_path / "out"
    path = offering(catalog, 0)
    build(catalog, out)
    stat = path.stat()
    text = path.read_text().replace("  output: ", "  output: 9", 1)
    path.write_text(text[: stat.st_size] if len(text) > stat.st_size else text)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime; the size may match too
    build(catalog, out)
    cold = tmp_path / "cold"
    build(catalog, cold)
    assert tree(out) == tree(cold)


def _rendered(monkeypatch) -> list[str]:
    """The paths of the Markdown pages rendered from now on (recorded in this process)."""
    from generator.outputs.docs import deps

    seen: list[str] = []
    real = deps._render_one
    monkeypatch.setattr(deps, "_render_one", lambda env, shared, rec, page: seen.append(page.path) or real(env, shared, rec, page))
    return seen


def test_an_edit_renders_only_the_pages_that_read_what_it_changed(tmp_path, catalog, monkeypatch):
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    pages = [p.relative_to(out).as_posix() for p in out.rglob("*.md")]
    seen = _rendered(monkeypatch)
    EDITS["offering price"](catalog)
    build(catalog, out)
    edited = f"providers/provider-1/models/{offering(catalog, 1).stem}.md"
    assert edited in seen and "providers/provider-1/README.md" in seen and "README.md" in seen
    assert "providers/provider-0/README.md" not in seen
    assert 0 < len(seen) < len(pages) / 2


def test_a_page_reading_what_the_recorder_does_not_know_is_always_rendered(tmp_path, catalog):
    """A template reading a view helper or catalog field the recorder was not taught records ALL,
    which every edit dirties: such a page is rendered again, never left stale."""
    from generator.catalog.load import load_catalog
    from generator.outputs.docs.deps import ALL
    from generator.outputs.docs.dirty import affected
    from generator.outputs.docs.render import render_docs

    override = tmp_path / "templates"
    override.mkdir()
    (override / "author.md.j2").write_text("{{ views.build_date }} {{ catalog.newest_verification() }}\n")
    reads: dict = {}
    render_docs(load_catalog(catalog), templates_dir=override, reads=reads)
    author_pages = [p for p in reads if p.startswith("authors/") and p != "authors/README.md"]
    assert author_pages and all(ALL in reads[p] for p in author_pages)
    assert ALL in affected({}, {}, [])[0]  # dirtied by every build that is not skipped


def test_each_page_records_the_documents_and_lists_it_read(catalog):
    from generator.catalog.load import load_catalog
    from generator.outputs.docs.render import render_docs
    from generator.present.urls import offering_page

    loaded = load_catalog(catalog)
    reads: dict = {}
    assert render_docs(loaded, reads=reads) == render_docs(loaded)  # recording changes no byte
    forked: dict = {}
    assert render_docs(loaded, reads=forked, jobs=2) == render_docs(loaded) and forked == reads
    offering = next(o for o in loaded.offerings if o.model_id)
    page = reads[offering_page(offering)]
    assert {("offering", offering.provider_id, offering.id), ("provider", offering.provider_id),
            ("model", offering.model_id), ("model-offerings", offering.model_id)} <= page
    assert ("provider-offerings", offering.provider_id) in reads[f"providers/{offering.provider_id}/README.md"]


def test_only_a_canonical_model_change_looks_at_which_offerings_serve_each_model(monkeypatch):
    from generator.build.cache import Entry
    from generator.outputs.docs import dirty

    docs = {"providers/p/models/o.yaml": Entry(None, None, "offering", {"id": "o", "model": "a/m"}),
            "models/a/m.yaml": Entry(None, None, "model", {"id": "a/m", "authors": ["a"]})}
    offering_edit = [("offering", "providers/p/models/o.yaml", {"id": "o", "model": "a/m"},
                      {"id": "o", "model": "a/m", "context_window": 1})]
    model_edit = [("model", "models/a/m.yaml", {"id": "a/m"}, {"id": "a/m", "name": "M"})]
    real = dirty.Graph
    monkeypatch.setattr(dirty, "Graph", lambda documents: pytest.fail("graph built for an offering edit"))
    keys, providers = dirty.affected(docs, docs, offering_edit)
    assert ("offering", "p", "o") in keys and ("model-offerings", "a/m") in keys and providers == {"p"}
    monkeypatch.setattr(dirty, "Graph", real)
    keys, providers = dirty.affected(docs, docs, model_edit)  # its offerings inherit the model's facts
    assert ("offering", "p", "o") in keys and ("provider-offerings", "p") in keys and providers == {"p"}
