"""Benchmark: JSON export and Catalog.from_json at the scale of the models.dev corpus.

Builds a synthetic catalog in memory -- 147 providers x 36 offerings = 5,292
offerings, 231 canonical models, 40 authors, with prices (some tiered, some
with history), limits, features, modalities and sources on every offering --
then times, median of --runs runs each:

* ``export_files``: every JSON export (catalog.json, models.json, 147 provider
  files, api.json); target at most 0.5 s;
* ``Catalog.from_json`` of the written catalog.json; target at most 0.3 s.

The work is single-threaded, so CPU seconds equal wall seconds on an idle
machine; the targets are judged on the CPU median, which other processes
competing for the two cores do not inflate (the wall median is printed too).

Peak memory: the traced Python allocation peak of each operation (tracemalloc,
measured in a separate run so tracing does not slow the timed ones) and the
peak resident set size of the whole process.  Exits 1 when a target is missed.

    python benchmarks/export_bench.py [--runs 5] [--providers 147] [--per-provider 36]
    python benchmarks/export_bench.py --data DIR      # a real catalog instead, e.g. the imported models.dev corpus
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import Catalog  # noqa: E402
from generator.model import records as m  # noqa: E402
from generator.outputs.exports import export_files  # noqa: E402
from generator.model.layout import offering_filename  # noqa: E402

TARGETS = {"export": 0.5, "from_json": 0.3}


def synthetic_catalog(providers: int, per_provider: int, models: int = 231, authors: int = 40) -> Catalog:
    catalog = Catalog()
    catalog.authors = {f"author-{i:02d}": m.Author(f"author-{i:02d}", f"Author {i}", website=f"https://a{i}.example.com/")
                       for i in range(authors)}
    author_ids = list(catalog.authors)
    for i in range(models):
        model_id = f"{author_ids[i % authors]}/model-{i:03d}"
        catalog.models[model_id] = m.CanonicalModel(
            model_id, f"Model {i}", (author_ids[i % authors],), family=f"family-{i % 30}",
            release_date=date(2024, 1, 1) + timedelta(days=i), knowledge_cutoff="2024-06", open_weights=i % 2 == 0,
            modalities=m.Modalities({"text": True, "image": i % 3 == 0}, {"text": True}),
            sources=(m.Source("https://models.example.com/card", "Model card"),))
    model_ids = sorted(catalog.models)
    catalog.models = {k: catalog.models[k] for k in model_ids}
    for p in range(providers):
        provider = _provider(p)
        provider.offerings = sorted((_offering(provider.id, p, o, model_ids) for o in range(per_provider)), key=lambda o: o.id)
        catalog.providers[provider.id] = provider
    return catalog


def _provider(p: int) -> m.Provider:
    pid = f"provider-{p:03d}"
    return m.Provider(
        pid, f"Provider {p}", description="A synthetic provider.", website=f"https://{pid}.example.com/",
        authentication=m.Authentication(True, (f"PROVIDER_{p}_API_KEY",)),
        endpoints=(m.Endpoint("documentation", "Documentation", f"https://{pid}.example.com/docs"),
                   m.Endpoint("base_url", "Base URL", f"https://api.{pid}.example.com/v1")),
        privacy=m.Privacy(retains_user_data=p % 2 == 0, trains_on_user_data=p % 5 == 0),
        retention=m.Retention("fixed" if p % 2 == 0 else "none", 30 if p % 2 == 0 else 0),
        sources=(m.Source(f"https://{pid}.example.com/docs", "Docs"),), last_verified=date(2026, 6, 1))


def _offering(pid: str, p: int, o: int, model_ids: list[str]) -> m.Offering:
    model_id = model_ids[(p * 7 + o) % len(model_ids)]
    oid = f"Org/{model_id.split('/')[1]}-v{o}" if o % 4 == 0 else f"{model_id.split('/')[1]}-v{o}"
    price = m.Price("USD", None, Decimal(o + 1) / 10, Decimal(o + 1) / 4, Decimal(o + 1) / 100,
                    tiers=(m.PriceTier(200_000, Decimal(o + 1) / 5),) if o % 6 == 0 else ())
    history = (m.Price("USD", date(2025, 1, 1), Decimal(o + 2) / 10, Decimal(o + 2) / 4),) if o % 5 == 0 else ()
    return m.Offering(
        pid, oid, f"Model {o} at {p}", offering_filename(oid), model_id=model_id, authors=("author-00",),
        kind="chat", context_window=131_072, max_output_tokens=32_768, pricing=m.Pricing(price, history),
        modalities=m.Modalities({"text": True, "image": o % 3 == 0}, {"text": True}),
        features=m.Features(tool_calling=o % 2 == 0, reasoning=o % 3 == 0, streaming=True, temperature=True),
        release_date=date(2025, 1, 1), knowledge_cutoff="2024-06", open_weights=o % 2 == 0,
        sources=(m.Source(f"https://{pid}.example.com/models", importer="models.dev", fields=("pricing",)),),
        last_verified=date(2026, 6, 1))


def timed(function, runs: int) -> tuple[float, float]:
    """Median wall seconds and median CPU seconds of *runs* calls."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def traced_peak(function) -> int:
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--providers", type=int, default=147)
    parser.add_argument("--per-provider", type=int, default=36)
    parser.add_argument("--data", type=Path, help="catalog directory to export instead of a synthetic catalog")
    args = parser.parse_args(argv)
    if args.data:
        from generator import load_catalog

        catalog = load_catalog(args.data)
    else:
        catalog = synthetic_catalog(args.providers, args.per_provider)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalog.json"
        files = export_files(catalog)
        path.write_bytes(files["api/catalog.json"])
        assert Catalog.from_json(path) == catalog, "round trip lost something"
        operations = {"export": lambda: export_files(catalog), "from_json": lambda: Catalog.from_json(path)}
        print(f"{len(catalog.offerings):,} offerings, {len(catalog.providers)} providers, {len(catalog.models)} models; "
              f"catalog.json {len(files['api/catalog.json']):,} bytes, all exports {sum(map(len, files.values())):,} bytes")
        failed = False
        for name, function in operations.items():
            wall, cpu = timed(function, args.runs)
            peak = traced_peak(function)
            ok = cpu <= TARGETS[name]
            failed |= not ok
            print(f"{name:<10} median {cpu:.3f} s CPU, {wall:.3f} s wall, of {args.runs} runs "
                  f"(target <= {TARGETS[name]} s: {'ok' if ok else 'MISSED'}); traced peak {peak / 2**20:.1f} MiB")
    print(f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
