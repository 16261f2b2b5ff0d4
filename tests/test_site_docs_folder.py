"""A site build or preview of another catalog never touches the repository's committed site/docs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.cli.site_cmd import docs_folder
from generator.outputs.site import builder, serve as serve_module

from .conftest import DATA, ROOT

COMMITTED_DOCS = ROOT / "site" / "docs"


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under *folder* with its size and modification time, and the manifest's bytes."""
    files = {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
             for p in folder.rglob("*") if p.is_file()}
    return {**files, "manifest bytes": (folder / ".provcat-manifest.json").read_bytes()}


def test_site_build_of_another_catalog_leaves_the_committed_docs_alone(tmp_path, monkeypatch, capsys):
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")
    monkeypatch.chdir(ROOT)  # where a maintainer runs it: the defaults are relative to here
    data = shutil.copytree(DATA, tmp_path / "other" / "data")
    before = _snapshot(COMMITTED_DOCS)
    status = main(["site", "build", "--data", str(data), "--out", str(tmp_path / "out" / "site")])
    assert status == 0, capsys.readouterr().err
    assert _snapshot(COMMITTED_DOCS) == before
    assert (tmp_path / "out" / "site" / "all-models.html").is_file()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["site"], "the temporary docs are removed"


def test_site_serve_of_another_catalog_regenerates_elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    data = shutil.copytree(DATA, tmp_path / "data")
    before, seen = _snapshot(COMMITTED_DOCS), {}

    def fake_serve(regenerate, watched, docs_dir, address, config):  # regenerate once, serve nothing
        regenerate()
        seen["docs"], seen["pages"] = docs_dir, sorted(p.name for p in Path(docs_dir).glob("*.md"))
        return 0

    monkeypatch.setattr(serve_module, "serve", fake_serve)
    assert main(["site", "serve", "--data", str(data)]) == 0
    assert _snapshot(COMMITTED_DOCS) == before
    assert "all-models.md" in seen["pages"] and not seen["docs"].exists(), "regenerated into a removed scratch folder"


def test_docs_folder_is_committed_only_for_the_default_build(tmp_path):
    with docs_folder(tmp_path / "mine", False, tmp_path) as docs:
        assert docs == tmp_path / "mine"
    with docs_folder(None, True, tmp_path) as docs:
        assert docs == Path("site/docs")
    with docs_folder(None, False, tmp_path / "new") as docs:
        assert docs.parent.parent == tmp_path / "new" and not docs.parent.name.startswith("docs")
        docs.mkdir()
    assert list((tmp_path / "new").iterdir()) == []


def test_make_site_still_regenerates_the_committed_docs(monkeypatch, tmp_path):
    """`provcat site build --data data` (make site) renders into site/docs and builds site/build."""
    monkeypatch.chdir(tmp_path)
    calls = []
    monkeypatch.setattr("generator.cli.site_cmd.existing_catalog", lambda path: path)
    monkeypatch.setattr("generator.cli.site_cmd.build", lambda data, docs, **_: calls.append(("docs", data, docs)))
    monkeypatch.setattr(builder, "build_site",
                        lambda docs, out, config=None: calls.append(("site", docs, out)) or builder.SiteBuild(out, ""))
    assert main(["site", "build", "--data", "data"]) == 0
    assert calls == [("docs", Path("data"), Path("site/docs")), ("site", Path("site/docs"), Path("site/build"))]


def _bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".provcat-")}


@pytest.mark.parametrize("command", [["site", "build", "--data", "data"], ["site", "serve", "--data", "data"]])
def test_the_committed_docs_keep_the_bytes_provcat_build_wrote(tmp_path, monkeypatch, command):
    """``make all`` is ``provcat build`` into site/docs, then ``provcat site build``: the second must not
    rewrite the committed exports (indented, to diff well) on one line."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA, tmp_path / "data")
    assert main(["build", "--data", "data", "--out", "site/docs"]) == 0
    before = _bytes(tmp_path / "site" / "docs")
    assert b'{\n  "' in before[str(Path("api") / "catalog.json")], "the committed export is indented"
    monkeypatch.setattr(builder, "build_site", lambda docs, out, **_: builder.SiteBuild(Path(out), ""))
    monkeypatch.setattr(serve_module, "serve", lambda regenerate, *args: (regenerate(), 0)[1])
    assert main(command) == 0
    assert _bytes(tmp_path / "site" / "docs") == before
