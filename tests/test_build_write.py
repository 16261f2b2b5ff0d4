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
