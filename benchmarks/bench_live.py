"""Benchmark: `provcat check-live` of 150 providers whose models APIs each answer after 200 ms
(issue 16: at most 5 s).

    python benchmarks/bench_live.py              # 150 providers, 200 ms each, 5 runs
    python benchmarks/bench_live.py --providers 300 --delay 0.5 --runs 9

A server on 127.0.0.1, in its own process so it does not share the client's interpreter lock,
answers every models list after the delay. Prints the machine and the median wall time and peak
memory of the whole `provcat check-live` process over the runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tests.liveserver import write_catalog  # noqa: E402
from timing import machine, measure  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=150)
    parser.add_argument("--delay", type=float, default=0.2, help="seconds each models API waits before answering")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    server = subprocess.Popen([sys.executable, "-m", "tests.liveserver", str(args.delay)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{int(server.stdout.readline())}/v1/models"
        with tempfile.TemporaryDirectory() as scratch:
            auth = {"authentication": {"env": ["ACME_API_KEY"]}, "endpoints": {"models": url}}
            data = write_catalog(Path(scratch) / "data", {f"p{i:03d}": (auth, [{"id": "m"}])
                                                          for i in range(args.providers)})
            env = {**os.environ, "ACME_API_KEY": "sk-bench"}
            result = measure([sys.executable, "-m", "generator", "check-live", "--data", str(data)], runs=args.runs,
                             env=env)
    finally:
        server.communicate("")
    print(f"machine: {machine()}")
    print(f"check-live: {args.providers} providers answering after {args.delay * 1000:g} ms: median "
          f"{result['median_s']} s (min {result['min_s']}, max {result['max_s']}) over {result['runs']} runs, "
          f"peak {result['peak_mib']} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
