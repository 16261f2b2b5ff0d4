"""Benchmark: the browsable site at real scale (issue 15: <= 20 s, <= 150 MB, search finds every offering).

    python benchmarks/bench_site.py --data /tmp/ps-mdev   # a catalog directory (e.g. models.dev imported)
    python benchmarks/bench_site.py                       # import ../shared's models.dev corpus first
    python benchmarks/bench_site.py --synthetic           # 147 providers x 36 offerings, made up here
    python benchmarks/bench_site.py --runs 5 --zensical

Times whole `provcat site build --data DIR --docs D --out O` processes, as a user runs it: a
fresh process per run after one uncounted warm-up, which also writes the docs (so the timed runs
find them up to date, as after any build). Prints the median wall time, the median CPU time
(user + system of provcat and the mkdocs it runs: what the build costs, whatever else the
machine is doing), the peak resident memory, the size of the output folder, and whether the
search index has every offering's page with the offering's id in its text. `--data data` times
the shipped catalog; PROVCAT_FAST_PAGES=0 in the environment times mkdocs rendering every page.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import machine, measure  # noqa: E402

from generator import load_catalog  # noqa: E402
from generator.model.layout import offering_filename  # noqa: E402
from generator.outputs.site.builder import QUIET_ENV, site_config  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "models.dev"
TARGET_S, TARGET_MB = 20, 150


def main() -> int:
    args = _arguments()
    with tempfile.TemporaryDirectory(prefix="bench-site-") as scratch:
        scratch = Path(scratch)
        catalog_dir, label = _catalog(args, scratch)
        docs, out = scratch / "docs", scratch / "build"
        command = [sys.executable, "-m", "generator", "site", "build", "--data", str(catalog_dir),
                   "--docs", str(docs), "--out", str(out)]
        if args.floor:
            subprocess.run([sys.executable, "-m", "generator", "build", "--data", str(catalog_dir), "--out", str(docs)],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            _title_only(docs)
            command += ["--no-regenerate"]
            label += ", offering pages cut to their title (--floor)"
        result = measure(command, runs=args.runs, env=QUIET_ENV)
        if not (out / "index.html").is_file():
            print("provcat site build wrote no site", file=sys.stderr)
            return 1
        offerings = load_catalog(catalog_dir).offerings
        ok = _report(label, offerings, docs, out, result)
        if args.zensical:
            _zensical(docs, scratch)
    return 0 if ok else 1


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", "--catalog", dest="catalog", type=Path,
                        help="catalog directory (default: import ../shared's models.dev into a copy of data/)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="models.dev checkout to import (default: ../shared's)")
    parser.add_argument("--synthetic", action="store_true", help="use a made-up catalog of --providers x --offerings")
    parser.add_argument("--providers", type=int, default=147)
    parser.add_argument("--offerings", type=int, default=36)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--zensical", action="store_true", help="also time one zensical build")
    parser.add_argument("--floor", action="store_true",
                        help="replace each offering page by its title line (and build with --no-regenerate): "
                             "the cost of mkdocs and the theme alone")
    return parser.parse_args()


def _catalog(args, scratch: Path) -> tuple[Path, str]:
    if args.catalog:
        return args.catalog, str(args.catalog)
    if args.synthetic or not args.corpus.is_dir():
        if not args.synthetic:
            print(f"{args.corpus} is absent: measuring a synthetic catalog instead", file=sys.stderr)
        return make_catalog(scratch / "data", args.providers, args.offerings), "synthetic"
    data = scratch / "data"
    shutil.copytree(ROOT / "data", data)  # the shipped catalog, filled from models.dev
    subprocess.run([sys.executable, "-m", "generator", "import", "models.dev", str(args.corpus), "--data", str(data)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return data, f"models.dev corpus imported from {args.corpus}"


def _title_only(docs: Path) -> None:
    for page in (docs / "providers").glob("*/models/*.md"):
        page.write_text(page.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")


def _report(label: str, offerings, docs: Path, out: Path, result: dict) -> bool:
    pages = sum(1 for _ in docs.rglob("*.md"))
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 1e6
    index = out / "search" / "search_index.json"
    missing = search_misses(out, offerings)
    print(f"machine: {machine()}")
    print(f"catalog: {label}: {len(offerings)} offerings, {pages} Markdown pages")
    print(f"provcat site build: median {result['median_s']:.1f} s wall (min {result['min_s']:.1f}, "
          f"max {result['max_s']:.1f}), median {result['cpu_median_s']:.1f} s CPU, "
          f"peak RSS {result['peak_mib']:.0f} MiB, over {result['runs']} runs")
    print(f"output: {size:.1f} MB in {sum(1 for _ in out.rglob('*'))} files and folders "
          f"(search index {index.stat().st_size / 1e6:.1f} MB)")
    print(f"search: {len(offerings) - len(missing)} of {len(offerings)} offerings found by id"
          + (f"; missing e.g. {missing[:3]}" if missing else ""))
    met = result["median_s"] <= TARGET_S and size <= TARGET_MB and not missing
    print(f"target (<= {TARGET_S} s, <= {TARGET_MB} MB, every offering found): {'met' if met else 'missed'}")
    return not missing


def search_misses(site: Path, offerings) -> list[str]:
    """Offering refs whose page is not in the search index with the offering id in its text."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text_by_page: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        text_by_page[page] = text_by_page.get(page, "") + " " + doc["title"] + " " + doc["text"]
    missing = []
    for o in offerings:
        page = f"providers/{o.provider_id}/models/{o.file_stem}.html"
        if _html_text(o.id) not in text_by_page.get(page, ""):
            missing.append(o.ref)
    return missing


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _zensical(docs: Path, scratch: Path) -> None:
    out = scratch / "zbuild"
    with site_config(ROOT / "site" / "mkdocs.yml", docs, out) as config:
        result = measure([sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)],
                         runs=1, warmup=0, env={"NO_COLOR": "1"})
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"zensical build: {result['median_s']:.1f} s wall, {result['cpu_median_s']:.1f} s CPU (one run), "
          f"output {size / 1e6:.1f} MB")


# --- a synthetic catalog of realistic shape --------------------------------------------------

AUTHORS = ["openai", "meta", "alibaba", "mistral", "google", "anthropic", "deepseek", "cohere", "xai",
           "microsoft", "nvidia", "ibm", "amazon", "moonshot", "zhipu", "minimax", "baidu", "tencent"]


def make_catalog(root: Path, providers: int, per_provider: int, models: int = 231, seed: int = 5) -> Path:
    """Write a valid catalog of *providers* x *per_provider* offerings over *models* canonical models."""
    rng = random.Random(seed)
    for author in AUTHORS:
        _write(root / "authors" / f"{author}.yaml", f"id: {author}\nname: {author.title()} Labs\n")
    model_ids = [f"{AUTHORS[i % len(AUTHORS)]}/model-{i:03d}-{rng.choice(['instruct', 'chat', 'coder', 'vision'])}"
                 for i in range(models)]
    for model_id in model_ids:
        author, _, name = model_id.partition("/")
        _write(root / "models" / author / f"{offering_filename(name)}.yaml",
               f"id: {model_id}\nname: {name}\nauthors: [{author}]\nmodalities:\n  input: {{text: true}}\n  output: {{text: true}}\n")
    for p in range(providers):
        _write_provider(root, f"provider-{p:03d}", rng, model_ids, per_provider)
    return root


def _write_provider(root: Path, provider_id: str, rng: random.Random, model_ids: list[str], count: int) -> None:
    trains = rng.choice(["true", "false", None])
    privacy = f"privacy:\n  trains_on_user_data: {trains}\n  retains_user_data: {rng.choice(['true', 'false'])}\n" if trains else ""
    _write(root / "providers" / provider_id / "provider.yaml",
           f"id: {provider_id}\nname: Provider {provider_id[-3:]}\nheadquarters: Somewhere\n{privacy}")
    for index, model_id in enumerate(rng.sample(model_ids, count)):
        name = model_id.split("/", 1)[1]
        offering_id = rng.choice([name, f"{model_id}", f"{name}:v{index}", f"{name.title()}@2025"])
        price = f"pricing: {{input: {rng.randint(0, 300) / 100}, output: {rng.randint(0, 900) / 100}}}\n" if rng.random() < .9 else ""
        features = "features: {tool_calling: true, streaming: true}\n" if rng.random() < .5 else ""
        _write(root / "providers" / provider_id / "models" / f"{offering_filename(offering_id)}.yaml",
               f"id: {json.dumps(offering_id)}\nmodel: {model_id}\ncontext_window: {rng.choice([8192, 32768, 131072])}\n{price}{features}")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
