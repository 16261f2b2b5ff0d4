"""``provcat site serve`` stopped by SIGTERM (a service manager, a harness, ``kill``) removes its
temporary site and docs folders, as Ctrl-C does."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.util.signals import stop_signals_interrupt

from .conftest import DATA

pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_served(url: str, server: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server ended before serving: {server.stderr.read().decode()[-2000:]}"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing served at {url} within {seconds} s")


def _serve(tmp_path: Path, data: Path, scratch: Path) -> tuple[subprocess.Popen, str]:
    """``provcat site serve`` of *data*, run in *tmp_path* with *scratch* as its temporary folder."""
    port = _free_port()
    command = [sys.executable, "-m", "generator", "site", "serve", "--data", str(data), "--addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=tmp_path, env={**os.environ, "TMPDIR": str(scratch)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return server, f"http://127.0.0.1:{port}/index.html"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stopped_server_leaves_no_temporary_folder(tmp_path, stop):
    scratch, data = tmp_path / "tmp", shutil.copytree(DATA, tmp_path / "catalog")
    scratch.mkdir()
    server, url = _serve(tmp_path, data, scratch)
    try:
        _wait_until_served(url, server, 120)
        assert sorted(p.name[:13] for p in scratch.iterdir()) == [".provcat-docs", "provcat-site-"]
        server.send_signal(stop)
        assert server.wait(60) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert list(scratch.iterdir()) == []


def test_serve_starts_in_a_folder_holding_only_data(tmp_path):
    """A newcomer's folder: ``data/`` and nothing else; the docs go to site/docs, created."""
    scratch, data = tmp_path / "tmp", shutil.copytree(DATA, tmp_path / "data")
    scratch.mkdir()
    server, url = _serve(tmp_path, data, scratch)
    try:
        _wait_until_served(url, server, 120)
        server.send_signal(signal.SIGTERM)
        assert server.wait(60) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert (tmp_path / "site" / "docs" / "README.md").is_file()
    assert list(scratch.iterdir()) == []


def test_the_handlers_before_the_block_come_back_after_it():
    before = signal.getsignal(signal.SIGTERM)
    with stop_signals_interrupt():
        assert signal.getsignal(signal.SIGTERM) is not before
        with pytest.raises(KeyboardInterrupt, match="SIGTERM"):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler runs at the next bytecode; never reached
    assert signal.getsignal(signal.SIGTERM) is before


FORKED_UNDER_THE_HANDLER = """
from generator.outputs.site import workers
from generator.util.signals import stop_signals_interrupt
def work(i): return i, i * i
with stop_signals_interrupt():
    for _ in range(5):  # each pool ends its idle workers with SIGTERM
        assert workers.Rendering.start(list(range(400)), work, in_process=False).results()[399] == 399 * 399
print("done")
"""


def test_workers_forked_under_the_handler_end_quietly_when_their_pool_is_terminated():
    """serve renders many pages with a pool of forked workers, which Pool.terminate stops with
    SIGTERM: a worker must die of it, not raise KeyboardInterrupt inside the pool's queue (which
    printed tracebacks and once left serve waiting for ever)."""
    result = subprocess.run([sys.executable, "-c", FORKED_UNDER_THE_HANDLER], capture_output=True, text=True,
                            timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert (result.returncode, result.stdout.strip()) == (0, "done"), result.stderr[-2000:]
    assert "KeyboardInterrupt" not in result.stderr


def _forked_status(child) -> int:
    """Fork within the block, run *child* there (its return value is the exit status), wait."""
    with stop_signals_interrupt():
        pid = os.fork()
        if pid == 0:
            try:
                os._exit(child())
            finally:
                os._exit(99)
        parent_mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        _, status = os.waitpid(pid, 0)
    assert signal.SIGTERM not in parent_mask  # the parent's mask is back as it was
    return status


def test_a_forked_child_has_the_default_action_before_any_of_its_code_runs():
    """A Python handler runs between bytecodes, so a worker told to stop just before it blocks
    on its queue's lock ran it only when the wait ended, which it never did (1 run in 20)."""
    status = _forked_status(lambda: 0 if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL else 1)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_forked_child_dies_of_the_signal_at_once_and_holds_none_back():
    def child():
        if signal.SIGTERM in signal.pthread_sigmask(signal.SIG_BLOCK, []):
            return 2  # blocked for the fork, never unblocked: the signal would wait for ever
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)
        return 3

    assert os.waitstatus_to_exitcode(_forked_status(child)) == -signal.SIGTERM
