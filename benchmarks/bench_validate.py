"""Benchmark: cold `provcat validate` of a large catalog (issue 2: at most 1 s for ~5,300 offerings).

    python benchmarks/bench_validate.py                       # synthetic: 147 providers x 36 offerings
    python benchmarks/bench_validate.py --catalog DIR         # e.g. the imported models.dev corpus
    python benchmarks/bench_validate.py --runs 9

Prints the machine, the catalog size, and the median wall time and peak memory of the whole
process over the runs (each a fresh process; nothing is cached between runs but the operating
system's file cache, warmed by a first, uncounted run).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import make_catalog  # noqa: E402
from timing import machine, measure  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=Path, help="catalog directory to validate (default: a synthetic one)")
    parser.add_argument("--providers", type=int, default=147)
    parser.add_argument("--offerings", type=int, default=36)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        catalog = args.catalog or make_catalog(Path(scratch) / "data", args.providers, args.offerings)
        files = sum(1 for _ in Path(catalog).rglob("*.yaml"))
        result = measure([sys.executable, "-m", "generator", "validate", "--data", str(catalog)], runs=args.runs)
    print(f"machine: {machine()}")
    print(f"catalog: {catalog if args.catalog else 'synthetic'} ({files} YAML files)")
    print(f"validate: median {result['median_s']} s (min {result['min_s']}, max {result['max_s']}) "
          f"over {result['runs']} runs, peak {result['peak_mib']} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
