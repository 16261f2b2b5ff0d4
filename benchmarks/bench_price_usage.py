"""Benchmark: `provcat price --usage FILE.jsonl` on a log of 100,000 calls (issue 17: at most 2 s).

    python benchmarks/bench_price_usage.py                    # 100,000 calls on the shipped catalog
    python benchmarks/bench_price_usage.py --calls 1000000 --runs 3

The log is made from the catalog's priced offerings: names as callers write them (references, bare
ids, caller prefixes such as gemini/), token counts, and for one call in five a batch or priority
tier, a cached prompt, an image or a timestamp spread over 2025-2026. Prints the median over the
runs of (1) the whole process on the exported catalog.json (reading the catalog included) and
(2) the pricing alone, in one process, after the catalog is read.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import machine, measure  # noqa: E402

from generator.catalog.bulk import Pricer  # noqa: E402
from generator.catalog.catalog import Catalog  # noqa: E402

CATALOG_JSON = ROOT / "site" / "docs" / "api" / "catalog.json"
PREFIXES = {"google": "gemini", "google-vertex": "vertex_ai", "amazon-bedrock": "bedrock"}


def make_log(catalog: Catalog, calls: int, path: Path, seed: int = 17) -> None:
    rng = random.Random(seed)
    priced = [o for o in catalog.offerings if o.pricing and o.pricing.current.input is not None]
    with path.open("w") as out:
        for _ in range(calls):
            o = rng.choice(priced)
            name = f"{PREFIXES.get(o.provider_id, o.provider_id)}/{o.id}"
            record = {"model": name, "input_tokens": rng.randrange(1, 200_000),
                      "output_tokens": rng.randrange(0, 8_000)}
            if rng.random() < 0.2:
                record["tier"] = rng.choice(["batch", "priority"])
                record["cached_tokens"] = rng.randrange(0, 50_000)
                record["timestamp"] = f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T" \
                                      f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z"
                record["images"] = rng.randrange(0, 2)
            out.write(json.dumps(record) + "\n")


def in_process(catalog: Catalog, path: Path, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of pricing the log, the catalog already read."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        with path.open("rb") as lines:
            for _ in Pricer(catalog).lines(lines):
                pass
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return round(statistics.median(walls), 3), round(statistics.median(cpus), 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=Path, default=CATALOG_JSON, help="an exported catalog.json")
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    catalog = Catalog.from_json(args.catalog)
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "calls.jsonl"
        make_log(catalog, args.calls, log)
        whole = measure([sys.executable, "-m", "generator", "price", "--usage", str(log), "--catalog",
                         str(args.catalog), "--out", str(Path(scratch) / "costs.jsonl")], runs=args.runs)
        alone = in_process(catalog, log, args.runs)
    print(f"machine: {machine()}")
    print(f"log: {args.calls:,} calls over {len(catalog.offerings):,} offerings ({args.catalog.name})")
    print(f"whole process: median {whole['median_s']} s (min {whole['min_s']}, max {whole['max_s']}) "
          f"over {whole['runs']} runs, CPU {whole['cpu_median_s']} s, peak {whole['peak_mib']} MiB")
    print(f"pricing alone: median {alone[0]} s wall, {alone[1]} s CPU over {args.runs} runs")
    print(f"load average: {os.getloadavg()[0]:.1f} (the machine is shared: CPU seconds are the steadier figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
