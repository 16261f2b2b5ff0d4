"""The build's output folder under hostile conditions (issue 11, items 2, 6, 9, 10 and 13).

--out is the committed site/docs, so links and odd entries can arrive through a pull request;
builds run concurrently (``site serve`` while ``make all``) and get killed.  Each case ends in a
clear message (exit 1, or 2 for a usage error), never a traceback, and nothing outside --out is
written or removed.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build.cache import CACHE_NAME
from generator.build.outdir import LOCK_NAME
from generator.build.pipeline import build
from generator.build.state import STATE_NAME
from generator.build.write import MANIFEST_NAME
from generator.cli import main

from .conftest import DATA, ROOT

PROVCAT = [sys.executable, "-m", "generator"]


def run_build(data: Path, out: Path, timeout: float = 300, **env) -> subprocess.CompletedProcess:
    return subprocess.run([*PROVCAT, "build", "--data", str(data), "--out", str(out)], cwd=ROOT, text=True,
                          capture_output=True, env={**os.environ, **env}, timeout=timeout)


def tree(out: Path) -> dict[str, bytes]:
    """The files a build owns (its manifest and what it lists), as bytes."""
    files = json.loads((out / MANIFEST_NAME).read_text())["files"]
    return {p: (out / p).read_bytes() for p in [*files, MANIFEST_NAME]}


def dead_pid() -> int:
    """The number of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


# item 2: never through a link out of --out

def test_a_manifest_entry_under_a_linked_folder_does_not_delete_outside(tmp_path, capsys):
    out, outside = tmp_path / "out", tmp_path / "outside"
    build(DATA, out)
    outside.mkdir()
    (outside / "victim.md").write_text("keep")
    (out / "linked").symlink_to(outside)
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    manifest["files"]["linked/victim.md"] = "0" * 64
    (out / MANIFEST_NAME).write_text(json.dumps(manifest))
    assert main(["build", "--data", str(DATA), "--out", str(out)]) == 1
    assert (outside / "victim.md").read_text() == "keep"
    err = capsys.readouterr().err
    assert f"{out / 'linked'} is a symbolic link" in err and "Traceback" not in err


def test_pages_are_never_written_into_a_linked_folder(tmp_path, capsys):
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "providers").symlink_to(outside)
    assert main(["build", "--data", str(DATA), "--out", str(out)]) == 1
    assert list(outside.iterdir()) == []
    assert f"{out / 'providers'} is a symbolic link" in capsys.readouterr().err


def test_a_linked_file_in_out_is_replaced_even_when_it_shows_the_right_bytes(tmp_path):
    out, outside = tmp_path / "out", tmp_path / "outside.md"
    build(DATA, out)
    outside.write_bytes((out / "README.md").read_bytes())  # the link would pass for the page, until edited
    (out / "README.md").unlink()
    (out / "README.md").symlink_to(outside)
    (out / STATE_NAME).unlink()
    build(DATA, out)
    assert not (out / "README.md").is_symlink() and outside.read_bytes() == (out / "README.md").read_bytes()


@pytest.mark.parametrize("entry", ["../victim.txt", "/tmp/victim.txt", "a/./b.md", "a//b.md"])
def test_a_manifest_entry_outside_or_not_normalised_is_refused_by_the_cli(tmp_path, capsys, entry):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "victim.txt").write_text("keep")
    (out / MANIFEST_NAME).write_text(json.dumps({"files": {entry: "0"}}))
    assert main(["build", "--data", str(DATA), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{out / MANIFEST_NAME}: unsafe output path {entry!r}" in err and "remove that entry" in err
    assert (tmp_path / "victim.txt").read_text() == "keep"


# item 6: one build at a time in --out

HOLD_LOCK = """
import sys, time
from generator.build.outdir import lock
with lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_second_build_waits_for_the_lock_then_names_the_holder(tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out), "30"], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = run_build(DATA, out, PROVCAT_LOCK_WAIT="1")
        assert time.monotonic() - started >= 1
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1, result.stderr
    assert f"{out} is being written by another provcat build (process {holder.pid})" in result.stderr
    assert "Traceback" not in result.stderr and not (out / MANIFEST_NAME).exists()


def test_two_concurrent_builds_of_different_catalogs_leave_one_whole_tree(tmp_path):
    from benchmarks.synthetic import make_catalog

    out = tmp_path / "out"
    catalogs = [DATA, make_catalog(tmp_path / "synthetic", 6, 8)]
    both = [subprocess.Popen([*PROVCAT, "build", "--data", str(c), "--out", str(out)], cwd=ROOT, text=True,
                             stderr=subprocess.PIPE) for c in catalogs]
    errors = [p.communicate(timeout=300)[1] for p in both]
    assert [p.returncode for p in both] == [0, 0], errors
    result = [run_build(c, tmp_path / f"cold{i}") for i, c in enumerate(catalogs)]
    assert all(r.returncode == 0 for r in result)
    colds = [tree(tmp_path / f"cold{i}") for i in range(2)]
    assert tree(out) in colds
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk == set(tree(out)) | {LOCK_NAME, STATE_NAME, CACHE_NAME}


# item 9: --out and --data apart

@pytest.mark.parametrize("where", ["same", "inside", "holds"])
def test_out_overlapping_the_catalog_is_a_usage_error_before_writing(data_copy, capsys, where):
    before = sorted(p for p in data_copy.rglob("*"))
    data, out = {"same": (data_copy, data_copy), "inside": (data_copy, data_copy / "providers/site"),
                 "holds": (data_copy, data_copy.parent)}[where]
    assert main(["build", "--data", str(data), "--out", str(out)]) == 2
    assert sorted(p for p in data_copy.rglob("*")) == before
    assert "--out" in capsys.readouterr().err
    assert main(["site", "build", "--data", str(data), "--docs", str(out)]) == 2


# item 10: a killed build's temporary files

def test_the_next_build_removes_temporary_files_a_killed_build_left(tmp_path):
    out = tmp_path / "out"
    build(DATA, out)
    pid = dead_pid()
    leftovers = [out / f".catalog.json.{pid}.tmp", out / f"api/.catalog.json.{pid}.tmp",
                 out / f".{STATE_NAME}.{pid}.tmp"]
    for path in leftovers:
        path.write_bytes(b"{partial")
    alive = out / f"api/.models.json.{os.getpid()}.tmp"  # a running process's: not ours to remove
    alive.write_bytes(b"{")
    (out / STATE_NAME).unlink()  # a build killed while writing has forgotten the state
    assert run_build(DATA, out).returncode == 0
    assert not any(p.exists() for p in leftovers) and alive.exists()


def test_a_skipped_build_still_removes_top_level_leftovers(tmp_path):
    out = tmp_path / "out"
    build(DATA, out)
    leftover = out / f".{STATE_NAME}.{dead_pid()}.tmp"
    leftover.write_bytes(b"{")
    assert run_build(DATA, out).returncode == 0 and not leftover.exists()


def test_git_ignores_the_lock_and_temporary_files():
    paths = ["site/docs/api/.catalog.json.1234.tmp", f"site/docs/{LOCK_NAME}", "site/docs/.index.md.99.tmp"]
    done = subprocess.run(["git", "check-ignore", *paths], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.split() == paths


# item 13: links, special files and folders in odd places

def test_a_dangling_link_in_the_catalog_stops_the_build_with_a_problem(data_copy, tmp_path, capsys):
    (data_copy / "providers/cerebras/models/gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert main(["build", "--data", str(data_copy), "--out", str(tmp_path / "out")]) == 1
    assert "gone.yaml" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_a_link_loop_in_the_catalog_stops_the_build_with_a_problem(data_copy, tmp_path, capsys):
    (data_copy / "providers/cerebras/loop").symlink_to(data_copy / "providers")
    (data_copy / "providers/cerebras/self.yaml").symlink_to(data_copy / "providers/cerebras/self.yaml")
    assert main(["build", "--data", str(data_copy), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "loop" in err and "self.yaml" in err and "Traceback" not in err


def test_a_link_to_usr_in_the_catalog_is_reported_not_walked(data_copy, tmp_path):
    (data_copy / "providers/usr").symlink_to("/usr")
    started = time.monotonic()
    result = run_build(data_copy, tmp_path / "out", timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "providers/usr:1:1: symbolic link leads outside" in result.stderr
    assert time.monotonic() - started < 30  # the build's scan of the data stamped every file of /usr


def test_a_fifo_swapped_in_after_a_build_does_not_hang_the_next(data_copy, tmp_path):
    out = tmp_path / "out"
    assert run_build(data_copy, out).returncode == 0
    target = data_copy / "providers/cerebras/models/gpt-oss-120b.yaml"
    target.unlink()
    os.mkfifo(target)
    result = run_build(data_copy, out, timeout=60)  # open() on the FIFO used to block for ever
    assert result.returncode == 1 and "gpt-oss-120b.yaml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", [MANIFEST_NAME, STATE_NAME, CACHE_NAME])
def test_a_folder_where_the_build_keeps_a_file_is_a_clear_error(tmp_path, capsys, name):
    out = tmp_path / "out"
    build(DATA, out)
    (out / STATE_NAME).unlink()
    (out / name).unlink(missing_ok=True)
    (out / name).mkdir()
    (out / name / "keep").write_text("x")
    assert main(["build", "--data", str(DATA), "--out", str(out)]) == 1
    assert f"{out / name} is not a file" in capsys.readouterr().err
    assert (out / name / "keep").read_text() == "x"


def test_a_folder_where_a_page_goes_is_a_clear_error(tmp_path, capsys):
    out = tmp_path / "out"
    (out / "README.md").mkdir(parents=True)
    assert main(["build", "--data", str(DATA), "--out", str(out)]) == 1
    assert f"{out / 'README.md'} is not a file: it is a folder where the build writes a file" in capsys.readouterr().err


def test_an_unwritable_out_is_a_clear_error(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(args[0]))

    monkeypatch.setattr(os, "replace", read_only)
    assert main(["build", "--data", str(DATA), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Read-only file system" in err and "every file already written is whole" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_out_is_a_clear_error(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main(["build", "--data", str(DATA), "--out", str(out)]) == 1
    finally:
        out.chmod(0o755)
    assert "Permission denied" in capsys.readouterr().err


# the kill test: SIGKILL at random moments, then every file parses and the next build is whole

KILLS = int(os.environ.get("PROVCAT_KILLS", "4"))  # more locally: PROVCAT_KILLS=50


def parses(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".json":
        json.loads(data)
    else:
        data.decode("utf-8")
    return True


def writing(out: Path, before: int | None, process: subprocess.Popen) -> None:
    """Return once the build has started changing --out (or has ended)."""
    while process.poll() is None and (not out.exists() or out.stat().st_mtime_ns == before):
        time.sleep(0.002)


def test_builds_killed_at_random_moments_leave_parseable_files_and_a_whole_next_build(tmp_path):
    import random

    from benchmarks.synthetic import make_catalog

    catalogs = [make_catalog(tmp_path / "a", 12, 20), make_catalog(tmp_path / "b", 15, 16, odd_ids=True)]
    out, cold = tmp_path / "out", tmp_path / "cold"
    randomly = random.Random(11)
    for kill in range(KILLS):
        before = out.stat().st_mtime_ns if out.exists() else None
        process = subprocess.Popen([*PROVCAT, "build", "--data", str(catalogs[kill % 2]), "--out", str(out)],
                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if kill % 2:  # while it reads and renders
            time.sleep(randomly.uniform(0.2, 2.0))
        else:  # while it writes: it starts by forgetting the build state, which touches --out
            writing(out, before, process)
            time.sleep(randomly.uniform(0, 0.3))
        process.kill()
        process.wait()
        for path in out.rglob("*"):
            if path.is_file() and not path.name.endswith(".tmp") and path.name not in (CACHE_NAME, LOCK_NAME):
                assert parses(path), path
    left = sum(1 for _ in out.rglob("*.tmp"))
    assert run_build(catalogs[0], out).returncode == 0
    assert not [p for p in out.rglob("*.tmp")], f"{left} temporary file(s) before the build"
    assert run_build(catalogs[0], cold).returncode == 0
    assert tree(out) == tree(cold)


def test_export_waits_for_a_build_holding_the_lock_then_names_it(tmp_path, monkeypatch):
    """provcat export writes the api/ files a build writes: it takes the same lock."""
    from generator.build import outdir
    from generator.cli import main

    out = tmp_path / "out"
    monkeypatch.setenv(outdir.WAIT_ENV, "0.2")
    with outdir.lock(out):
        assert main(["export", "--data", str(DATA), "--out", str(out)]) == 1
        assert not (out / "api").exists()
    assert main(["export", "--data", str(DATA), "--out", str(out)]) == 0
    assert (out / "api" / "catalog.json").is_file()


def test_the_library_build_refuses_an_out_inside_the_catalog_too(tmp_path):
    """Not only the command line: build() itself never writes pages into the catalog."""
    import shutil

    from generator.build.outdir import OverlappingFolders
    from generator.build.pipeline import build

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = sorted(p.relative_to(data) for p in data.rglob("*"))
    with pytest.raises(OverlappingFolders, match="inside the catalog directory"):
        build(data, data / "docs")
    assert sorted(p.relative_to(data) for p in data.rglob("*")) == before
