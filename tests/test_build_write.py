"""The build's writer at scale: files written by several processes, folders listed instead of
every missing file opened, and the guarantees of a serial write kept (same bytes, errors raised
here, nothing half written)."""

import os
from pathlib import Path

import pytest

from generator.build import write as writetree
from generator.build import writers
from generator.util.atomic import temporary_name
from generator.util.parallel import can_fork, fork_map

MANY = writers.FORK_FROM + 200
parallel = pytest.mark.skipif(not can_fork(), reason="writers fork: needs fork and a second core")


def many_files(n: int = MANY) -> dict[str, bytes]:
    return {f"providers/p{k % 7}/models/m{k}.md": f"page {k}\n".encode() * (k % 5 + 1) for k in range(n)}


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


class Logged(dict):
    """A mapping of files that notes which process takes each file's bytes (to write it)."""

    log: Path

    def __getitem__(self, path):
        with open(self.log, "a") as handle:
            handle.write(f"{os.getpid()}\n")
        return super().__getitem__(path)


def build_into(out: Path, files) -> writetree.Changes:
    changes = writetree.plan(out, files)
    writetree.apply(out, files, changes)
    return changes


@parallel
def test_a_big_write_is_shared_by_processes_and_gives_the_bytes_of_a_serial_one(tmp_path, monkeypatch):
    files = Logged(many_files())
    files.log = tmp_path / "log"
    changes = build_into(tmp_path / "shared", files)
    assert len(changes.created) == MANY + 1
    writers_seen = set(files.log.read_text().split())
    assert os.getpid() in map(int, writers_seen) and len(writers_seen) == writers.default_writers(MANY) > 1
    monkeypatch.setattr(writers, "FORK_FROM", 10**9)  # one writer: the serial reference
    build_into(tmp_path / "serial", many_files())
    assert tree(tmp_path / "shared") == tree(tmp_path / "serial")


def test_shares_are_contiguous_nearly_equal_and_cover_every_path():
    paths = [f"p{k:02}" for k in range(11)]
    shares = writers._shares(paths, 3)
    assert [len(s) for s in shares] == [4, 4, 3] and sum(shares, []) == paths
    assert writers._shares(paths, 50) == [[p] for p in paths] and writers._shares([], 2) == [[]]


@parallel
def test_a_writer_childs_failure_is_raised_here_and_leaves_no_half_written_file(tmp_path):
    files = many_files()
    out = tmp_path / "out"
    out.mkdir()
    writetree.safe_folders(out, files, create=True)
    last = sorted(files)[-1]  # in the last share: a child's
    (out / last).mkdir()  # a folder where the file goes: the rename fails in the child, then here
    with pytest.raises(IsADirectoryError):
        writers.write_files(str(out), files, sorted(files), writers=2)
    written = tree(out)
    assert not [p for p in written if p.endswith(".tmp")]
    assert all(written[p] == files[p] for p in written)


@parallel
def test_when_this_process_fails_the_children_finish_their_files_first(tmp_path):
    files = many_files()
    paths = sorted(files)
    out = tmp_path / "out"
    out.mkdir()
    writetree.safe_folders(out, files, create=True)
    (out / paths[0]).mkdir()  # fails at once in this process's share
    with pytest.raises(IsADirectoryError):
        writers.write_files(str(out), files, paths, writers=2)
    written = tree(out)  # read as soon as the error is raised: the child's share is whole by then
    assert all(written.get(p) == files[p] for p in writers._shares(paths, 2)[1])
    assert not [p for p in written if p.endswith(".tmp")]


def test_planning_a_fresh_folder_opens_no_file(tmp_path, monkeypatch):
    opened = []
    real_read = writetree._read
    monkeypatch.setattr(writetree, "_read", lambda path: opened.append(path.name) or real_read(path))
    files = many_files(300)
    changes = writetree.plan(tmp_path / "fresh", files)
    assert opened == [writetree.MANIFEST_NAME] and len(changes.created) == 301  # the manifest, not one page
    writetree.apply(tmp_path / "fresh", files, changes)
    files["providers/p1/models/m1.md"] = b"changed\n"
    changes = writetree.plan(tmp_path / "fresh", files)
    assert len(opened) == 1 + 300 + 1 and changes.updated == ["providers/p1/models/m1.md", writetree.MANIFEST_NAME]


def test_folders_below_a_missing_one_are_made_without_looking_at_them(tmp_path, monkeypatch):
    looked = []
    real_lstat = os.lstat
    monkeypatch.setattr(writetree.os, "lstat", lambda path: looked.append(str(path)) or real_lstat(path))
    missing = writetree.safe_folders(tmp_path, ["a/b/c/x.md", "a/b/d/y.md", "e/z.md"], create=True)
    assert missing == {"a", "a/b", "a/b/c", "a/b/d", "e"}
    assert sorted(looked) == [str(tmp_path / "a"), str(tmp_path / "e")]
    assert (tmp_path / "a/b/c").is_dir() and (tmp_path / "a/b/d").is_dir()


@parallel
def test_a_forked_writer_names_its_temporary_files_by_its_own_process():
    names = fork_map(lambda k: (temporary_name("page.md"), os.getpid()), 2)
    assert [name for name, _ in names] == [f".page.md.{pid}.tmp" for _, pid in names]


# files produced in a child stay there until written (generator.build.held)

from generator import load_catalog  # noqa: E402
from generator.build import held, producers  # noqa: E402
from generator.build.pipeline import build  # noqa: E402
from generator.build.producers import BuildContext, collect, produce_exports  # noqa: E402
from generator.util.parallel import ChildFailed, Served  # noqa: E402

from .conftest import DATA, no_children_left  # noqa: E402


@pytest.fixture
def forking(monkeypatch):
    """The fixture catalog built as a big one is: producers beside the docs in children."""
    monkeypatch.setattr(producers, "FORK_FROM", 0)


@parallel
def test_files_made_in_a_child_stay_there_and_this_process_holds_only_their_digests(forking, tmp_path):
    catalog = load_catalog(DATA)
    files = collect(catalog, BuildContext(DATA, tmp_path), hold=True)
    try:
        exported = [files[p] for p in produce_exports(catalog, BuildContext(DATA, tmp_path))]
        assert exported and all(isinstance(d, held.Held) for d in exported)
        assert isinstance(files["README.md"], bytes)  # the docs: made here
    finally:
        held.release(files)
    assert no_children_left()


@parallel
def test_a_build_whose_children_hold_and_write_files_gives_the_serial_bytes(forking, tmp_path, monkeypatch):
    first = build(DATA, tmp_path / "held")
    assert first.sizes and first.changes.created and no_children_left()
    monkeypatch.setattr(producers, "FORK_FROM", 10**9)
    build(DATA, tmp_path / "serial")
    local = (".provcat-state.json", ".provcat-cache")  # stamps and a build number: never the same
    assert ({p: d for p, d in tree(tmp_path / "held").items() if p not in local}
            == {p: d for p, d in tree(tmp_path / "serial").items() if p not in local})


@parallel
def test_a_holding_child_that_dies_is_made_again_here_and_its_files_written(tmp_path):
    made = {"a/x.json": b"{}\n", "a/y.json": b"[]\n"}
    holder = held.Holder(lambda: dict(made))
    files = holder.outputs()
    os.kill(holder.child.pid, 9)
    (tmp_path / "a").mkdir()
    held.write_all(str(tmp_path), files, sorted(files))
    assert tree(tmp_path) == made and no_children_left()


@parallel
def test_a_producer_failing_in_its_child_fails_the_build_here_and_writes_nothing(forking, tmp_path):
    def broken(catalog, context):
        raise ValueError("broken producer")

    with pytest.raises(ValueError, match="broken producer"):
        build(DATA, tmp_path / "out", producers=(producers.produce_docs, broken))
    assert not (tmp_path / "out").exists() and no_children_left()


@parallel
def test_a_plan_that_fails_ends_the_children_holding_files(forking, tmp_path):
    def clash(catalog, context):
        return {"api/api.json": b"{}"}

    with pytest.raises(producers.ConflictingOutput):
        build(DATA, tmp_path / "out", producers=(producers.produce_docs, produce_exports, clash))
    assert no_children_left()


def test_a_served_child_keeps_its_result_and_answers_requests():
    child = Served(lambda: list(range(1000)), len, lambda value, k: value[k] * 2)
    assert child.summary() == 1000
    child.ask(21)
    assert child.answer() == 42
    child.close()
    failed = Served(lambda: 1 / 0, str, None)
    assert failed.summary() is None
    with pytest.raises(ChildFailed):
        failed.ask("anything") or failed.answer()
    failed.close()
    assert no_children_left()


@parallel
def test_a_build_failing_here_stops_the_children_still_making_files_without_waiting(forking, tmp_path):
    import time

    def slow(catalog, context):
        time.sleep(60)
        return {}

    def broken(catalog, context):
        raise ValueError("broken producer")

    start = time.monotonic()
    with pytest.raises(ValueError, match="broken producer"):
        build(DATA, tmp_path / "out", producers=(broken, slow))
    assert time.monotonic() - start < 30 and no_children_left()
