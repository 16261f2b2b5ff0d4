"""provcat site serve's updates (live.LiveSite): after an edit, only the pages whose docs changed
are written again, and the search index follows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import build
from generator.outputs.site.builder import default_config, site_config

from .conftest import DATA

pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")

OFFERING = "providers/cerebras/models/gpt-oss-120b"


def _stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _source(page: str) -> str:
    """The docs page (without .md) a built page comes from: index.html from README.md."""
    stem = page.removesuffix(".html")
    return stem[:-len("index")] + "README" if stem == "index" or stem.endswith("/index") else stem


@pytest.fixture
def served(tmp_path):
    from generator.outputs.site.live import LiveSite

    data, docs, site = shutil.copytree(DATA, tmp_path / "data"), tmp_path / "docs", tmp_path / "site"
    build(data, docs)
    with site_config(default_config(), docs, tmp_path / "build") as config_file:
        live = LiveSite(config_file, site, "http://127.0.0.1:8000/")
        live.build()
        yield data, docs, site, live


def _edit_price(data: Path) -> None:
    path = data / f"{OFFERING}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "input: 0.25" in text
    path.write_text(text.replace("input: 0.25", "input: 0.3125"), encoding="utf-8")


def test_an_edit_rewrites_only_the_pages_whose_docs_changed(served):
    data, docs, site, live = served
    before = _stamps(site)
    _edit_price(data)
    changes = build(data, docs).changes
    done = live.update(changes.updated, bool(changes.created or changes.removed))
    assert "page(s)" in done and "rebuilt" not in done, done
    rewritten = {page for page, stamp in _stamps(site).items() if stamp != before[page]}
    written_docs = {uri[:-3] for uri in changes.updated if uri.endswith(".md")}
    assert f"{OFFERING}.html" in rewritten
    assert {_source(page) for page in rewritten} <= written_docs
    assert len(rewritten) < len(before) / 4
    assert "$0.3125/1M" in (site / f"{OFFERING}.html").read_text(encoding="utf-8")


def test_the_search_index_has_the_edited_page_once(served):
    data, docs, site, live = served
    _edit_price(data)
    changes = build(data, docs).changes
    live.update(changes.updated, False)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    mine = [e for e in index["docs"] if e["location"].split("#")[0] == f"{OFFERING}.html"]
    assert len(mine) == 1 and "gpt-oss-120b" in mine[0]["text"]
    provider = [e for e in index["docs"] if e["location"].split("#")[0] == "providers/cerebras/index.html"]
    assert provider and any("0.3125" in e["text"] for e in provider)


def test_a_new_page_builds_the_site_again(served):
    data, docs, site, live = served
    (data / "providers" / "cerebras" / "models" / "new-one.yaml").write_text(
        "id: new-one\nmodel: openai/gpt-oss-120b\ncontext_window: 1000\n", encoding="utf-8")
    changes = build(data, docs).changes
    done = live.update(changes.updated, bool(changes.created or changes.removed))
    assert "rebuilt" in done
    assert (site / "providers" / "cerebras" / "models" / "new-one.html").is_file()


def test_many_pages_changed_are_rendered_by_forked_workers_alike(served, monkeypatch):
    """A template edit changes every offering page: they are shared between the cores, and each
    comes out as the one page rendered in this process does."""
    from generator.outputs.site import fast_pages, workers

    data, docs, site, live = served
    _edit_price(data)
    changes = build(data, docs).changes
    live.update(changes.updated, False)
    alone = {p: (site / p).read_bytes() for p in _stamps(site)}
    forked = []
    start = workers.Rendering.start
    monkeypatch.setattr(fast_pages, "IN_PROCESS_BELOW", 1)
    monkeypatch.setattr(workers.Rendering, "start", classmethod(
        lambda cls, todo, work, *, in_process: forked.append(not in_process) or start(todo, work, in_process=in_process)))
    sourced = [p for p in alone if (docs / f"{_source(p)}.md").is_file()]
    for page in sourced:
        (site / page).write_bytes(b"")
    assert "rebuilt" not in live.update(sorted(f"{_source(p)}.md" for p in sourced), False)
    assert forked == [True]
    assert {p: (site / p).read_bytes() for p in sourced} == {p: alone[p] for p in sourced}
