"""Whole-process timing for benchmarks: median wall time and peak memory of a command.

Each run is a fresh process (cold: nothing cached in memory between runs), after one
warm-up run that is not counted. Peak memory is the largest resident set of the
command or any process it started, as the kernel accounts it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # commands run from the repository root


def measure(command: list[str], runs: int = 5, warmup: int = 1, env: dict | None = None) -> dict:
    """Run *command* ``warmup + runs`` times; median and spread of wall seconds, median CPU
    seconds (user + system of the command and every process it waited for), peak MiB."""
    walls, cpus, peaks = [], [], []
    for index in range(warmup + runs):
        wall, cpu, peak = _run_once(command, env)
        if index >= warmup:
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
    return {
        "median_s": round(statistics.median(walls), 3),
        "min_s": round(min(walls), 3),
        "max_s": round(max(walls), 3),
        "cpu_median_s": round(statistics.median(cpus), 3),
        "peak_mib": round(max(peaks), 1),
        "runs": runs,
    }


def _run_once(command: list[str], env: dict | None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one run, in a fresh child so the
    figures are its own."""
    code = (
        "import resource, subprocess, sys, time, json;"
        "t = time.perf_counter();"
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE);"
        "w = time.perf_counter() - t;"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "m = u.ru_maxrss / 1024;"
        "sys.stderr.write(r.stderr.decode()[-2000:]) if r.returncode else None;"
        "print(json.dumps([w, u.ru_utime + u.ru_stime, m, r.returncode]))"
    )
    done = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=True, cwd=ROOT)
    wall, cpu, peak, status = __import__("json").loads(done.stdout)
    if status not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed with status {status}: {done.stderr}")
    return wall, cpu, peak


def machine() -> str:
    """One line naming the machine the figures come from."""
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {sys.version.split()[0]}"

