"""The one helper for work in several processes: results in order, errors as in a serial run."""

import os

import pytest

from generator.util.parallel import beside, can_fork, fork_map, strided

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@needs_fork
def test_strided_work_comes_back_in_the_order_of_the_items():
    items = list(range(23))
    results = strided(lambda some: [(x, os.getpid()) for x in some], items, 3)
    assert [x for x, _ in results] == items
    assert len({pid for _, pid in results}) == 3  # the parent took a share, two children the rest


@needs_fork
def test_fork_map_runs_the_first_call_in_this_process():
    assert fork_map(lambda k: (k, os.getpid() == PARENT), 3) == [(0, True), (1, False), (2, False)]


@needs_fork
def test_a_failing_child_is_done_again_here_so_its_error_surfaces_as_in_a_serial_run():
    def call(k):
        if k == 1:
            raise ValueError(f"broken {k}")
        return k

    with pytest.raises(ValueError, match="broken 1"):
        fork_map(call, 2)


@needs_fork
def test_beside_stops_the_children_when_the_first_call_fails():
    def first():
        raise KeyError("first")

    with pytest.raises(KeyError):
        beside(first, [lambda: 1, lambda: 2])


def test_forking_is_refused_in_a_process_with_other_threads():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()


PARENT = os.getpid()


@needs_fork
def test_validation_in_several_processes_reports_what_a_serial_one_does(tmp_path, monkeypatch):
    from benchmarks.synthetic import make_catalog
    from generator.validation import validate

    data = make_catalog(tmp_path / "data", providers=3, offerings=5, models=4, authors=2, odd_ids=True)
    (data / "providers/provider-1/models/broken.yaml").write_text("id: broken\npricing: {input: -1}\n")
    monkeypatch.setattr(validate, "can_fork", lambda: True)
    monkeypatch.setattr(validate, "cpus", lambda: 2)
    monkeypatch.setattr(validate, "PARALLEL_FROM", 10**9)
    serial = validate.validate_catalog(data)
    monkeypatch.setattr(validate, "PARALLEL_FROM", 1)
    parallel = validate.validate_catalog(data)
    assert serial.errors and parallel.problems == serial.problems
    assert [(d.rel, d.data) for d in parallel.documents] == [(d.rel, d.data) for d in serial.documents]
    assert parallel.documents == serial.documents  # every field, the workers' marshalled ones too


def test_a_workers_documents_come_back_equal_through_marshal_or_as_they_are():
    """A worker's clean documents travel marshalled, in chunks; one with problems or warnings as
    it is; and the whole share as it is when a value is one marshal cannot hold exactly."""
    from generator.validation import validate
    from generator.validation.messages import Finding
    from generator.validation.problems import Problem
    from generator.validation.rules import Document

    def doc(i, **more):
        return Document("offering", f"data/x{i}.yaml", f"/d/x{i}.yaml", f"x{i}.yaml",
                        {"id": f"x{i}", "n": [i, 0.1, -0.0, True, None, 10**30, {"é": "ü"}]}, **more)

    examined = [(doc(i), []) for i in range(2 * validate.PACKED_CHUNK + 3)]
    examined[5] = (doc(5, warnings=[Finding(("id",), "stale")]), [])
    examined[7] = (None, [Problem("data/x7.yaml", 1, 1, "", "bad")])
    examined[9] = (doc(9), [Problem("data/x9.yaml", 1, 1, "", "a byte-order mark", "warning")])
    chunks, rest = validate._packed(examined)
    assert len(chunks) == 3 and sorted(rest) == [5, 7, 9]
    assert validate._unpacked((chunks, rest)) == examined

    class Text(str):
        pass

    examined[0] = (doc(0), [])
    examined[0][0].data["name"] = Text("kept as its own type")
    chunks, rest = validate._packed(examined)
    assert chunks is None
    back = validate._unpacked((chunks, rest))
    assert back == examined and type(back[0][0].data["name"]) is Text


class _Unpicklable:
    def __reduce__(self):
        raise TypeError("not in a child's pipe")


@needs_fork
def test_a_result_cut_off_part_way_through_the_pipe_is_done_again_here():
    """The child streams its pickle: one failing after a megabyte was sent leaves a cut-off
    pickle, which the parent must refuse (and compute the result itself), never half-read."""
    def call(k):
        return [k, b"x" * (1 << 20), os.getpid() == PARENT, _Unpicklable()]

    first, second = fork_map(call, 2)
    assert first[0] == 0 and second[0] == 1
    assert second[2]  # made in this process, after the child failed


@needs_fork
def test_a_big_result_comes_back_whole_from_a_child():
    big = [os.urandom(1000) for _ in range(3000)]
    assert fork_map(lambda k: (k, big, os.getpid() == PARENT), 2) == [(0, big, True), (1, big, False)]


@needs_fork
def test_a_childs_result_is_unpickled_as_it_arrives_never_held_twice():
    """Half the pages of a 100,000-offering catalog come back from a child: the parent must not
    hold them as one pickled blob and as objects at once (its peak memory would be twice that)."""
    import tracemalloc

    size = 40 * (1 << 20)
    tracemalloc.start()
    try:
        _, pages = fork_map(lambda k: [bytes([k]) * 4096 for _ in range(size // 4096)] if k else None, 2)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(pages) == size // 4096 and pages[0] == b"\x01" * 4096
    assert peak < 1.5 * size
