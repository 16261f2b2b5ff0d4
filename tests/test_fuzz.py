"""The fuzz campaign of issue 11: mutated data files never crash validate or build.

Each mutant (tests/fuzzing.py: lines deleted, duplicated, swapped or
re-indented, odd bytes and control characters, scalars replaced with huge
numbers, deep nesting, ``.inf``, long or non-UTF-8 strings, tags and anchors,
truncation, alias bombs) is written into a copy of the shipped catalog, and
``provcat validate`` and ``provcat build`` must keep the contract:

- exit 0 or 1, and no traceback;
- at most 10 s each;
- every problem is one line starting ``FILE:LINE:COLUMN: ``;
- when validate fails, build fails too and leaves the --out tree byte-identical.

CI runs a fixed seed and a bounded count in-process, and a few mutants through
real subprocesses.  Run thousands locally with, for example::

    PROVCAT_FUZZ_COUNT=5000 PROVCAT_FUZZ_SEED=7 .venv/bin/python -m pytest tests/test_fuzz.py -x

A failure names the seed and the mutant's index; ``tests.fuzzing.mutant(seed,
index, files, data)`` rebuilds it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import DATA, ROOT
from .fuzzing import Mutant, mutant

SEED = int(os.environ.get("PROVCAT_FUZZ_SEED", "20261130"))
COUNT = int(os.environ.get("PROVCAT_FUZZ_COUNT", "120"))
LIMIT = 10  # seconds per command
FILES = sorted(path.relative_to(DATA) for path in DATA.rglob("*.yaml"))
SUMMARY = re.compile(r"^(\d+ error\(s\), \d+ warning\(s\) in \d+ file\(s\)|ok: \d+ file\(s\), no problems)$")


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    """A copy of the shipped data and a tree built from it, kept as the template every build starts from."""
    root = tmp_path_factory.mktemp("fuzz")
    data, built = root / "data", root / "built"
    shutil.copytree(DATA, data)
    assert main(["build", "--data", str(data), "--out", str(built)]) == 0
    return data, built


@contextmanager
def deadline(seconds: int, what: str):
    """Fail, instead of hanging the suite, when *what* runs longer than *seconds*."""
    def expired(signum, frame):
        raise TimeoutError(f"{what} ran longer than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(tree: Path) -> dict[str, bytes]:
    return {str(p.relative_to(tree)): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}


def run(capsys, argv: list[str]) -> tuple[int, list[str], list[str]]:
    """*argv* through provcat in-process: status, stdout lines, stderr lines (a traceback propagates)."""
    with deadline(LIMIT, " ".join(argv[:1])):
        status = main(argv)
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.splitlines()


def problem_line(data: Path) -> re.Pattern:
    return re.compile(rf"^{re.escape(str(data))}/[^\n]+?:[1-9][0-9]*:[1-9][0-9]*: \S")


def check_contract(capsys, data: Path, built: Path, out: Path) -> str:
    """Validate and build the catalog in *data* into *out* (a copy of *built*); the contract's breaches."""
    status, lines, summary = run(capsys, ["validate", "--data", str(data)])
    well_formed = problem_line(data)
    assert status in (0, 1)
    assert all(well_formed.match(line) for line in lines), lines
    assert len(summary) == 1 and SUMMARY.match(summary[0]), summary
    before = snapshot(out)
    build_status, _, err = run(capsys, ["build", "--data", str(data), "--out", str(out)])
    if status == 1:
        assert build_status == 1 and err[-1].startswith("build stopped: "), err
        assert err[:-1] and all(well_formed.match(line) for line in err[:-1]), err
        assert snapshot(out) == before, "a failed build changed the --out tree"
        return "refused"
    assert build_status == 0, err
    shutil.rmtree(out)
    shutil.copytree(built, out)
    return "built"


def install(data: Path, case: Mutant) -> bytes:
    """Write *case* into *data*; the original bytes, to put back."""
    path = data / case.file
    original = path.read_bytes()
    path.write_bytes(case.content)
    return original


def test_mutated_data_keeps_the_contract_of_validate_and_build(campaign, tmp_path, capsys):
    """Every mutant is tried, so a long local run lists every breach, not only the first."""
    data, built = campaign
    out = tmp_path / "out"
    shutil.copytree(built, out)
    outcomes, breaches = {"refused": 0, "built": 0}, []
    for index in range(COUNT):
        case = mutant(SEED, index, FILES, DATA)
        original = install(data, case)
        try:
            outcomes[check_contract(capsys, data, built, out)] += 1
        except Exception as exc:  # AssertionError, TimeoutError, or whatever escaped provcat
            breaches.append(f"mutant {index} of seed {SEED} ({case.describe()}): {type(exc).__name__}: {exc}")
            shutil.rmtree(out)
            shutil.copytree(built, out)
        finally:
            (data / case.file).write_bytes(original)
    assert not breaches, f"{len(breaches)} of {COUNT} mutants broke the contract:\n" + "\n".join(breaches)
    assert outcomes["refused"] > COUNT // 4 and outcomes["built"] > COUNT // 50, outcomes  # both paths taken


def provcat(*argv: str) -> subprocess.CompletedProcess:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "generator", *argv], capture_output=True, text=True,
                          errors="replace", timeout=LIMIT + 20, cwd=ROOT)  # + interpreter start-up on a busy CI box
    done.seconds = time.monotonic() - started
    return done


@pytest.mark.parametrize("index", [0, 1, 2])
def test_mutants_through_a_real_process_exit_cleanly(campaign, tmp_path, index):
    """The exit status and stderr a shell sees: no traceback escapes ``main``'s handlers."""
    data = tmp_path / "data"
    shutil.copytree(campaign[0], data)
    out = tmp_path / "out"
    shutil.copytree(campaign[1], out)
    case = mutant(SEED + 1, index, FILES, DATA)
    install(data, case)
    validated = provcat("validate", "--data", str(data))
    before = snapshot(out)
    built = provcat("build", "--data", str(data), "--out", str(out))
    for done in (validated, built):
        assert done.returncode in (0, 1) and "Traceback" not in done.stderr, (case.describe(), done.stderr)
    assert all(problem_line(data).match(line) for line in validated.stdout.splitlines()), validated.stdout
    if validated.returncode == 1:
        assert built.returncode == 1 and snapshot(out) == before, case.describe()


def test_a_name_that_looks_like_an_impossible_date_builds(campaign, tmp_path, capsys):
    """Found by this campaign (seed 2, mutant 155): the Data format page re-read data files with
    PyYAML's SafeLoader, which resolves YAML 1.1 timestamps and raised on 2024-02-30; it now reads
    them as validation does, where it is the string it is."""
    data = tmp_path / "data"
    shutil.copytree(campaign[0], data)
    path = data / "models/alibaba/qwen3-235b-a22b-thinking-2507.yaml"
    path.write_text(re.sub(r"(?m)^name: .*$", "name: 2024-02-30", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert run(capsys, ["validate", "--data", str(data)])[0] == 0
    assert run(capsys, ["build", "--data", str(data), "--out", str(tmp_path / "out")])[0] == 0
