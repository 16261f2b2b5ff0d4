"""A big build's Markdown pages stay in the processes that render them until they are written
(generator.build.pages): the build's process gets only their digests and what each page read."""

import os
from pathlib import Path

import pytest

from generator import load_catalog
from generator.build import cache as doccache
from generator.build import held, pages, producers
from generator.build.pipeline import _fingerprints, build
from generator.build.producers import PRODUCERS, BuildContext, collect
from generator.outputs.docs import render
from generator.util.parallel import can_fork

from .conftest import DATA, no_children_left

parallel = pytest.mark.skipif(not can_fork(), reason="the pages' children fork: needs fork and a second core")
LOCAL = (".provcat-state.json", ".provcat-cache")  # stamps and a build number: never the same


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def big(monkeypatch):
    """The fixture catalog built as a big one is: producers and page shares in children."""
    monkeypatch.setattr(producers, "FORK_FROM", 0)
    monkeypatch.setattr(render, "PARALLEL_MIN_PAGES", 0)
    monkeypatch.setattr(pages, "RUN", 7)  # each share takes many runs of the fixture's few hundred pages


def serial(monkeypatch) -> None:
    monkeypatch.setattr(producers, "FORK_FROM", 10**9)
    monkeypatch.setattr(render, "PARALLEL_MIN_PAGES", 10**9)


def page_reads(out: Path) -> dict:
    return doccache.read(out, doccache.cache_key(_fingerprints(None, False, PRODUCERS).code, DATA))["pages"]


@parallel
def test_the_build_process_holds_no_rendered_page_only_its_digest(big, tmp_path):
    catalog = load_catalog(DATA)
    reads: dict = {}
    files = collect(catalog, BuildContext(DATA, tmp_path, page_reads=reads), hold=True)
    try:
        pages = {p: d for p, d in files.items() if p.endswith(".md") and not p.startswith(("api/", "site/", "guide/"))}
        docs = render.render_docs(catalog)
        assert set(docs) <= set(files) and "README.md" in pages
        assert all(isinstance(files[p], held.Held) for p in docs if p.endswith(".md"))
        assert all(isinstance(files[p], bytes) for p in docs if p.endswith(".svg"))  # the logos: made here
        assert set(reads) == {p for p in docs if p.endswith(".md")}  # what each page read came back
    finally:
        held.release(files)
    assert no_children_left()


@parallel
def test_pages_written_by_their_children_give_the_serial_tree_and_page_reads(big, tmp_path, monkeypatch):
    result = build(DATA, tmp_path / "held")
    assert result.changes.created and no_children_left()
    serial(monkeypatch)
    build(DATA, tmp_path / "serial")
    assert ({p: d for p, d in tree(tmp_path / "held").items() if p not in LOCAL}
            == {p: d for p, d in tree(tmp_path / "serial").items() if p not in LOCAL})
    assert page_reads(tmp_path / "held") == page_reads(tmp_path / "serial") != {}


@parallel
def test_an_edit_after_a_build_with_held_pages_gives_a_cold_builds_tree(big, tmp_path, data_copy):
    build(data_copy, tmp_path / "out")
    offering = sorted((data_copy / "providers").glob("*/models/*.yaml"))[0]
    offering.write_text(offering.read_text(encoding="utf-8") + "description: edited once\n", encoding="utf-8")
    build(data_copy, tmp_path / "out")
    assert no_children_left()  # a share with no page to render would have left its child waiting
    build(data_copy, tmp_path / "cold")
    assert ({p: d for p, d in tree(tmp_path / "out").items() if p not in LOCAL}
            == {p: d for p, d in tree(tmp_path / "cold").items() if p not in LOCAL})


@parallel
def test_a_holders_sidecar_comes_from_its_child_or_from_here_when_the_child_fails(tmp_path):
    here = os.getpid()
    calls: list[int] = []

    def produce(sidecar: dict, fail: bool) -> dict:
        calls.append(os.getpid())  # only this process's list counts: a child's append stays there
        if fail and os.getpid() != here:
            os._exit(3)
        sidecar["a.md"] = frozenset({("offering", "x")})
        return {"a.md": b"page\n"}

    filled: dict = {}
    holder = held.Holder(lambda: produce(filled, False), filled)
    files = holder.outputs()
    assert isinstance(files["a.md"], held.Held) and filled == {"a.md": frozenset({("offering", "x")})} and not calls
    holder.release()
    again: dict = {}
    failed = held.Holder(lambda: produce(again, True), again)
    assert failed.outputs() == {"a.md": b"page\n"} and again == filled and calls == [here]
    failed.release()
    assert no_children_left()
