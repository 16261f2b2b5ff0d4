"""Benchmark ``provcat build``: cold build, no-op rebuild, one-offering edit.

Each figure is a whole process (``python -m generator build``) timed from the
outside, median of ``--runs``; peak memory is the child's maximum resident set
size (``wait4``).  Catalogs are synthetic (``benchmarks/synthetic.py``):
``--sizes`` offerings each, spread over providers of 36 offerings, with
canonical models shared across providers (231 per ~5,300 offerings, as in the
models.dev corpus).

    python benchmarks/bench_build.py                   # ~5,300 offerings
    python benchmarks/bench_build.py --sizes 5292 100000 --runs 3 --work /tmp/bench
    python benchmarks/bench_build.py --data /tmp/mdev --runs 5   # a catalog on disk (a copy is edited)
    python benchmarks/bench_build.py --sizes 100000 --runs 1 --cases cold   # the cold build only

With ``--data`` the catalog is copied to the work directory first and the
one-offering edit changes the input price of one offering there (the
original is never modified).

To compare two versions (say, with and without a change to the incremental
build), run each checkout's copy of this script in turn, ``--runs 1`` each,
several rounds interleaved: each copy builds with its own ``generator``
package (the child runs in the script's checkout).  On a shared machine quote
the medians of the CPU column; wall times there mostly measure the neighbours.

Targets (issue 3): cold ~5,300 <= 2.3 s and 300 MiB; no-op and one-edit
rebuilds <= 0.5 s; 100,000 offerings <= 45 s and 1.5 GiB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import make_catalog  # noqa: E402

PER_PROVIDER = 36


def run(*args: str) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MiB) and CPU seconds of ``python -m generator ARGS``."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"provcat {' '.join(args)} failed: {proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def edit_one(data: Path) -> None:
    """Change one offering: its description counts the edits, so every call changes the file."""
    path = _priced_offering(data)
    if path is not None:
        return _bump_price(path)
    path = sorted((data / "providers" / "provider-0" / "models").glob("*.yaml"))[0]
    lines = path.read_text().splitlines()
    old = [int(line.rsplit(" ", 1)[1]) for line in lines if line.startswith("description: benchmark edit ")]
    lines = [line for line in lines if not line.startswith("description:")]
    path.write_text("\n".join(lines + [f"description: benchmark edit {(old or [0])[0] + 1}"]) + "\n")


def _priced_offering(data: Path) -> Path | None:
    """The first offering (by path) with an input price and a canonical model (so pages of other
    providers show it too), in a catalog that is not synthetic."""
    if (data / "providers" / "provider-0").is_dir():
        return None
    for path in sorted((data / "providers").glob("*/models/*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "\n  input: " in text and "\nmodel: " in text:
            return path
    return None


def _bump_price(path: Path) -> None:
    """Add 0.01 to the input price, so every call changes the file (and the pages showing it)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.startswith("  input: "):
            price = float(line.split(": ", 1)[1]) + 0.01
            lines[i] = f"  input: {round(price, 6)}"
            break
    path.write_text("\n".join(lines), encoding="utf-8")


def catalog(total: int, work: Path) -> tuple[Path, int]:
    """The synthetic catalog of about *total* offerings in *work* (reused when already there)."""
    providers = max(1, round(total / PER_PROVIDER))
    data = work / f"data-{providers * PER_PROVIDER}"
    if not (data / "providers").is_dir():
        make_catalog(data, providers, PER_PROVIDER, models=max(1, round(231 * total / 5292)))
    return data, providers * PER_PROVIDER


CASES = ("cold", "no-op", "one edit")


def bench(data: Path, runs: int, work: Path, offerings: int, cases: tuple[str, ...] = CASES) -> None:
    results: dict[str, list[tuple[float, float, float]]] = {case: [] for case in cases}
    for i in range(runs):
        out = work / f"out-{offerings}"
        shutil.rmtree(out, ignore_errors=True)
        for case in results:
            if case == "one edit":
                edit_one(data)
            results[case].append(run("build", "--data", str(data), "--out", str(out)))
            wall, rss, cpu = results[case][-1]
            print(f"  run {i + 1} {case}: {wall:.2f} s, cpu {cpu:.2f} s, {rss:.0f} MiB", file=sys.stderr, flush=True)
    shutil.rmtree(work / f"out-{offerings}", ignore_errors=True)
    for case, values in results.items():
        wall, cpu = statistics.median(v[0] for v in values), statistics.median(v[2] for v in values)
        rss = max(v[1] for v in values)
        print(f"{offerings:>7} offerings  {case:<9} median {wall:7.2f} s  cpu {cpu:7.2f} s  "
              f"({wall / offerings * 1e6:6.0f} us/offering)  peak RSS {rss:7.1f} MiB", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5292], help="offerings per catalog")
    parser.add_argument("--data", type=Path, default=None,
                        help="benchmark a catalog on disk (copied first) instead of synthetic ones")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", nargs="+", choices=CASES, default=list(CASES),
                        help="which builds to time in each run, from an empty output folder (default: all three)")
    parser.add_argument("--work", type=Path, default=None,
                        help="keep catalogs here and reuse them (default: a temporary directory)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="provcat-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.data is not None:
            copy = work / "data-copy"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(args.data, copy, symlinks=True)
            offerings = len(list((copy / "providers").glob("*/models/*.yaml")))
            bench(copy, args.runs, work, offerings, tuple(args.cases))
            return 0
        for total in args.sizes:
            data, offerings = catalog(total, work)
            bench(data, args.runs, work, offerings, tuple(args.cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
