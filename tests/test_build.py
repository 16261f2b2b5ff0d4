"""provcat build: deterministic, incremental, manifest-owned, atomic; --check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import InvalidCatalog, load_catalog
from generator.build import write as writetree
from generator.build.state import STATE_NAME
from generator.build.cache import CACHE_NAME
from generator.build.pipeline import build
from generator.build.producers import PRODUCERS, BuildContext, ConflictingOutput, collect, produce_docs
from generator.cli import main
from generator.build.outdir import LOCK_NAME
from generator.build.write import MANIFEST_NAME, UnsafeOutputPath, read_manifest

from .conftest import DATA, ROOT, SHIPPED

OLD = 1_000_000_000  # an mtime (2001) that no build could produce by writing


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the build and its mtime, leaving out the local cache and the lock."""
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*")
            if p.is_file() and p.name not in (STATE_NAME, CACHE_NAME, LOCK_NAME)}


def age(out: Path) -> None:
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD * 10**9, OLD * 10**9))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_two_builds_give_the_same_bytes_even_in_another_process(tmp_path):
    build(DATA, tmp_path / "a")
    subprocess.run([sys.executable, "-m", "generator", "build", "--data", str(DATA), "--out", str(tmp_path / "b"),
                    "--minify"], cwd=ROOT, check=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"}, capture_output=True)
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert {k: v[0] for k, v in a.items()} == {k: v[0] for k, v in b.items()}
    assert MANIFEST_NAME in a and len(a) > 20


def test_second_build_changes_nothing(tmp_path):
    out = tmp_path / "out"
    first = build(DATA, out)
    assert first.changes.counts()["created"] == first.files + 1 and not first.changes.updated
    age(out)
    before = snapshot(out)
    second = build(DATA, out)
    assert not second.changed and second.changes.counts()["unchanged"] == first.files + 1
    assert snapshot(out) == before


def test_a_no_op_rebuild_is_skipped_only_while_inputs_and_outputs_are_untouched(tmp_path, data_copy):
    out = tmp_path / "out"
    build(data_copy, out)
    again = build(data_copy, out)
    assert again.skipped and not again.changed and len(again.changes.unchanged) == again.files + 1
    os.utime(out / "README.md", ns=(OLD * 10**9, OLD * 10**9))  # an output touched: a real (no-op) build
    touched = build(data_copy, out)
    assert not touched.skipped and not touched.changed
    (out / "providers/cerebras/README.md").write_text("hand edit")
    assert build(data_copy, out).changes.updated == ["providers/cerebras/README.md"]
    (out / "authors/meta/README.md").unlink()
    assert build(data_copy, out).changes.created == ["authors/meta/README.md"]
    assert build(data_copy, out).skipped
    edit(data_copy / "authors/meta.yaml", "name: Meta", "name: Meta AI")
    edited = build(data_copy, out)
    assert not edited.skipped and "authors/meta/README.md" in edited.changes.updated
    override = tmp_path / "templates"
    override.mkdir()
    (override / "author.md.j2").write_text("{{ author.name }}\n")
    assert build(data_copy, out, templates=override).changes.updated[0] == "authors/alibaba/README.md"
    assert not build(data_copy, out, pretty=True).skipped  # another option, another fingerprint
    assert build(data_copy, out, pretty=True).skipped


def test_editing_one_offering_rewrites_only_the_pages_that_show_it(tmp_path, data_copy):
    out = tmp_path / "out"
    build(data_copy, out)
    age(out)
    before = snapshot(out)
    edit(data_copy / "providers/cerebras/models/gpt-oss-120b.yaml", "input: 0.25", "input: 0.3")
    result = build(data_copy, out)
    shown_on = {"providers/cerebras/models/gpt-oss-120b.md", "providers/cerebras/README.md",
                "models/openai/gpt-oss-120b.md", "models/README.md",
                "README.md",  # the home page's most widely served models, with their cheapest price
                # the JSON exports that hold the price: whole catalog, flat rows, models.dev shape, provider file
                "api/catalog.json", "api/models.json", "api/api.json", "api/providers/cerebras.json",
                "assets/site-data.js",  # the rows of the site's All models and Compare tables
                "data-format.md"}  # its examples are values of the catalog's first files, this price among them
    assert set(result.changes.updated) == shown_on | {MANIFEST_NAME}
    assert not result.changes.created and not result.changes.removed
    after = snapshot(out)
    rewritten = {p for p in after if after[p][1] != before[p][1]}
    assert rewritten == shown_on | {MANIFEST_NAME}
    assert "$0.30/1M" in (out / "providers/cerebras/README.md").read_text()


def test_files_no_longer_produced_are_removed_and_others_never_touched(tmp_path, data_copy):
    out = tmp_path / "out"
    (out / "providers/cerebras/models").mkdir(parents=True)
    (out / "notes.md").write_text("mine")
    (out / "providers/cerebras/models/mine.md").write_text("mine too")
    offering = data_copy / "providers/cerebras/models/extra-model.yaml"
    offering.write_text("id: extra-model\nauthors: [meta]\n")
    build(data_copy, out)
    assert (out / "providers/cerebras/models/extra-model.md").exists()
    assert "providers/cerebras/models/extra-model.md" in read_manifest(out)
    offering.unlink()
    result = build(data_copy, out)
    assert result.changes.removed == ["providers/cerebras/models/extra-model.md"]
    assert not (out / "providers/cerebras/models/extra-model.md").exists()
    assert (out / "notes.md").read_text() == "mine" and (out / "providers/cerebras/models/mine.md").exists()
    assert "providers/cerebras/models/extra-model.md" not in read_manifest(out)


def test_removing_a_provider_removes_its_emptied_folders(tmp_path, data_copy):
    out = tmp_path / "out"
    (data_copy / "providers/solo/models").mkdir(parents=True)
    (data_copy / "providers/solo/provider.yaml").write_text("id: solo\nname: Solo\n")
    (data_copy / "providers/solo/models/one.yaml").write_text("id: one\nauthors: [meta]\n")
    build(data_copy, out)
    import shutil
    shutil.rmtree(data_copy / "providers/solo")
    result = build(data_copy, out)
    assert set(result.changes.removed) == {"providers/solo/README.md", "providers/solo/logo.svg",
                                           "providers/solo/models/one.md", "api/providers/solo.json"}
    assert not (out / "providers/solo").exists() and (out / "providers/cerebras").is_dir()


def test_an_invalid_catalog_writes_nothing(tmp_path, data_copy):
    out = tmp_path / "out"
    build(data_copy, out)
    before = snapshot(out)
    edit(data_copy / "providers/cerebras/provider.yaml", "name: Cerebras", "name: Cerebras Systems\nname: again")
    with pytest.raises(InvalidCatalog):
        build(data_copy, out)
    assert snapshot(out) == before
    assert main(["build", "--data", str(data_copy), "--out", str(tmp_path / "fresh")]) == 1
    assert not (tmp_path / "fresh").exists()


def test_an_interrupted_build_leaves_every_file_old_or_new(tmp_path, data_copy, monkeypatch):
    out = tmp_path / "out"
    build(data_copy, out)
    old = {k: v[0] for k, v in snapshot(out).items()}
    edit(data_copy / "providers/cerebras/provider.yaml", "name: Cerebras", "name: Cerebras Inference")
    new = collect(load_catalog(data_copy), BuildContext(data_copy, out))
    calls = {"n": 0}
    real_replace = os.replace

    def failing_replace(src, dst):
        calls["n"] += 1
        if calls["n"] == 6:
            raise OSError("disk full (simulated)")
        real_replace(src, dst)

    monkeypatch.setattr(writetree.os, "replace", failing_replace)
    with pytest.raises(OSError, match="simulated"):
        build(data_copy, out)
    monkeypatch.setattr(writetree.os, "replace", real_replace)
    now = {k: v[0] for k, v in snapshot(out).items()}
    assert not [p for p in now if p.endswith(".tmp")], "temporary files left behind"
    mixed = [p for p in now if p != MANIFEST_NAME and now[p] not in (old.get(p), new.get(p))]
    assert mixed == []
    assert any(now[p] == new[p] != old[p] for p in new) and any(now[p] == old[p] != new[p] for p in new)
    build(data_copy, out)
    assert {k: v[0] for k, v in snapshot(out).items() if k != MANIFEST_NAME} == new


def test_check_writes_nothing_and_exits_1_when_something_would_change(tmp_path, data_copy, capsys):
    out = tmp_path / "out"
    args = ["build", "--data", str(data_copy), "--out", str(out)]
    assert main(args + ["--check"]) == 1 and not out.exists()
    assert main(args) == 0
    assert "0 updated" in capsys.readouterr().err
    assert main(args + ["--check"]) == 0
    edit(data_copy / "providers/cerebras/models/gpt-oss-120b.yaml", "input: 0.25", "input: 0.3")
    capsys.readouterr()
    before = snapshot(out)
    assert main(args + ["--check"]) == 1
    listed = capsys.readouterr().out
    assert f"would be updated: {out / 'providers/cerebras/README.md'}" in listed
    assert snapshot(out) == before


def test_producers_are_pluggable_and_may_not_collide(tmp_path):
    def extra(catalog, context):
        return {"api/count.txt": f"{len(catalog.offerings)} {context.pretty}\n".encode()}

    def clash(catalog, context):
        return {"README.md": b"x"}

    def escape(catalog, context):
        return {"../outside.txt": b"x"}

    build(DATA, tmp_path / "out", pretty=True, producers=(*PRODUCERS, extra))
    assert (tmp_path / "out/api/count.txt").read_text() == "9 True\n"
    assert extra not in PRODUCERS  # the default registry is a tuple no caller can change
    build(DATA, tmp_path / "out", pretty=True)  # other producers: another fingerprint, a real build
    assert not (tmp_path / "out/api/count.txt").exists()
    catalog = load_catalog(DATA)
    with pytest.raises(ConflictingOutput):
        collect(catalog, BuildContext(DATA, tmp_path), (produce_docs, clash))
    with pytest.raises(UnsafeOutputPath):
        collect(catalog, BuildContext(DATA, tmp_path), (escape,))


def test_a_tampered_manifest_cannot_delete_outside_the_output(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "victim.txt").write_text("keep")
    (out / MANIFEST_NAME).write_text('{"files": {"../victim.txt": "0"}}')
    with pytest.raises(UnsafeOutputPath):
        build(DATA, out)
    assert (tmp_path / "victim.txt").read_text() == "keep"


def test_the_committed_docs_tree_is_what_the_shipped_data_renders():
    result = build(SHIPPED, ROOT / "site" / "docs", check=True, pretty=True)  # as `provcat build` writes it
    assert not result.changed, f"site/docs/ is stale ({result.changes.summary()}); run `provcat build`"


def test_progress_bar_only_on_a_terminal_outside_ci_for_big_builds(tmp_path, capsys, monkeypatch):
    from benchmarks.synthetic import make_catalog

    data = make_catalog(tmp_path / "data", providers=6, offerings=40, models=10, authors=2)
    monkeypatch.delenv("CI", raising=False)
    assert main(["build", "--data", str(data), "--out", str(tmp_path / "piped")]) == 0
    piped = capsys.readouterr().err
    assert "writing" not in piped and piped.endswith(" created, 0 updated, 0 removed, 0 unchanged\n")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["build", "--data", str(DATA), "--out", str(tmp_path / "small")]) == 0
    assert "writing" not in capsys.readouterr().err  # a small build needs no bar
    assert main(["build", "--data", str(data), "--out", str(tmp_path / "tty")]) == 0
    assert "writing" in capsys.readouterr().err
    monkeypatch.setenv("CI", "true")
    assert main(["build", "--data", str(data), "--out", str(tmp_path / "ci")]) == 0
    assert "writing" not in capsys.readouterr().err


def test_an_offering_edit_also_rewrites_the_pages_of_the_same_model_elsewhere(tmp_path, data_copy):
    from .test_render_pages import add_second_provider

    add_second_provider(data_copy)
    out = tmp_path / "out"
    build(data_copy, out)
    edit(data_copy / "providers/other/models/gpt-oss-120b-unpriced.yaml", "model: openai/gpt-oss-120b",
         "model: openai/gpt-oss-120b\ncontext_window: 4096")
    result = build(data_copy, out)
    assert set(result.changes.updated) == {
        "providers/other/models/gpt-oss-120b-unpriced.md", "providers/other/README.md",
        "models/openai/gpt-oss-120b.md",
        "providers/cerebras/models/gpt-oss-120b.md", "providers/other/models/gpt-oss-120b-free.md",  # "same model"
        "api/catalog.json", "api/models.json", "api/api.json", "api/providers/other.json",
        "assets/site-data.js", MANIFEST_NAME}


def test_the_build_reports_the_size_of_each_main_json_export(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--data", str(DATA), "--out", str(out)]) == 0
    first = capsys.readouterr().err
    for name in ("catalog.json", "models.json", "api.json"):
        size = (out / "api" / name).stat().st_size
        assert f"{size:>12,} bytes  {out / 'api' / name}\n" in first
    assert main(["build", "--data", str(DATA), "--out", str(out)]) == 0  # skipped: sizes read from disk
    assert capsys.readouterr().err.splitlines()[:3] == first.splitlines()[:3]


@pytest.mark.parametrize("digests", [{}, {"README.md": "00"}, {"z.md": "1", 'é/"q\\.md': "2", "a/b.md": "3"}])
def test_the_manifest_is_json_indented_by_one_space(digests):
    import json

    body = {"generator": "provcat", "format": writetree.MANIFEST_FORMAT, "files": dict(sorted(digests.items()))}
    assert writetree.manifest_bytes(digests) == (json.dumps(body, indent=1, ensure_ascii=False) + "\n").encode()


def test_a_kept_file_is_compared_by_its_digest_and_never_written(tmp_path):
    from generator.build.write import KeptFileChanged, apply, plan
    from generator.outputs.kept import Kept

    out = tmp_path / "out"
    files = {"a.md": b"a\n", "b.md": b"b\n"}
    apply(out, files, plan(out, files))
    digest = read_manifest(out)["a.md"]
    (out / "a.md").write_bytes(b"changed behind the build's back\n")  # a Kept file is not read
    changes = plan(out, {"a.md": Kept(digest), "b.md": b"b\n"})
    assert "a.md" in changes.unchanged and not changes.changed
    with pytest.raises(KeptFileChanged):
        plan(out, {"a.md": Kept("0" * 64), "b.md": b"b\n"})
