"""Benchmark the importers on the real corpora in ../shared, as whole processes.

Measures, as the median of --runs whole-process runs (default 5), with each
run's peak resident memory:

* ``provcat import models.dev`` of the whole models.dev corpus into an empty
  catalog (target <= 5 s);
* ``provcat import litellm`` of the LiteLLM file into an empty catalog
  (target <= 3 s);
* ``provcat validate`` of the imported models.dev catalog (target <= 1 s).

Usage::

    python benchmarks/bench_import.py [--runs 5] [--keep DIR] [--workdir DIR]

``--keep DIR`` leaves the imported models.dev catalog at DIR (replacing it), so
that ``python -m generator validate --data DIR`` can be timed on its own.
``--workdir`` sets where the temporary catalogs are written (default: the
system's temporary directory); file creation speed of that file system is part
of the import figure.  Exit status 1 when a median misses its target.
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
CORPORA = ROOT.parent / "shared" / "corpora"
MODELS_DEV = CORPORA / "models.dev"
LITELLM = CORPORA / "litellm" / "model_prices_and_context_window.json"
TARGETS = {"import models.dev": 5.0, "import litellm": 3.0, "validate imported models.dev": 1.0}


def run(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed with exit status {process.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(name: str, runs: int, make_argv, before=None) -> dict:
    times, cpus, peaks = [], [], []
    for i in range(runs):
        if before:
            before(i)
        seconds, cpu, peak = run(make_argv(i))
        times.append(seconds)
        cpus.append(cpu)
        peaks.append(peak)
    median = statistics.median(times)
    result = {"name": name, "median_s": median, "min_s": min(times), "max_s": max(times),
              "cpu_median_s": statistics.median(cpus), "peak_mib": max(peaks), "target_s": TARGETS[name]}
    verdict = "ok" if median <= TARGETS[name] else "OVER TARGET"
    print(f"{name:30s} median {median:6.2f} s wall (min {min(times):.2f}, max {max(times):.2f}), "
          f"{statistics.median(cpus):5.2f} s CPU, over {runs} runs; peak RSS {max(peaks):5.1f} MiB; "
          f"target {TARGETS[name]} s: {verdict}", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="leave the imported models.dev catalog here")
    parser.add_argument("--workdir", type=Path, help="where temporary catalogs are written")
    args = parser.parse_args(argv)
    for path in (MODELS_DEV, LITELLM):
        if not path.exists():
            print(f"skipped: {path} is absent (the corpora live in ../shared)")
            return 0
    python = sys.executable
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from timing import machine

    print(f"machine: {machine()}")
    print(f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f} at start "
          "(other processes inflate wall times; CPU seconds are steadier)", flush=True)
    with tempfile.TemporaryDirectory(dir=args.workdir) as scratch:
        target = lambda i: Path(scratch) / f"md{i}"  # noqa: E731
        md = measure("import models.dev", args.runs,
                     lambda i: [python, "-m", "generator", "import", "models.dev", str(MODELS_DEV), "--data", str(target(i))])
        ll = measure("import litellm", args.runs,
                     lambda i: [python, "-m", "generator", "import", "litellm", str(LITELLM), "--data",
                                str(Path(scratch) / f"ll{i}")])
        measure("validate imported models.dev", args.runs,
                     lambda i: [python, "-m", "generator", "validate", "--data", str(target(0))])
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(target(0), args.keep)
            print(f"kept the imported models.dev catalog at {args.keep}")
    return 0 if all(r["median_s"] <= r["target_s"] for r in (md, ll)) else 1


if __name__ == "__main__":
    sys.exit(main())
