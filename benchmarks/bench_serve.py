"""Benchmark: `provcat site serve`, from saving one offering's YAML to its page served anew (issue 15: 2 s).

    python benchmarks/bench_serve.py                 # a copy of data/ (the shipped catalog)
    python benchmarks/bench_serve.py --data DIR --edits 5
    python benchmarks/bench_serve.py --template --edits 3   # a template edit (every offering page)

Starts `provcat site serve` on a copy of the catalog and waits for its first build. Then, --edits
times over, raises one offering's input price in its YAML file and polls the offering's page over
HTTP until the new price is on it: the time from saving the file to the page served anew (the
watcher's event, the docs' incremental `provcat build`, the site's update of the pages it wrote;
the browser's reload follows as the server signals the end of the update). Prints each time and
the median, and from the server's log the two parts: the docs' build and the site's update.
With --template the edit is a template's instead (issue 15: within the cold build's time): an
override of the sources partial, which every offering page includes, gains a line, through
serve's --templates folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 2.0
TEMPLATE_TARGET_S = 20.0  # "a template edit within the cold-build time": the site build's cold target


def main() -> int:
    args = _arguments()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        scratch = Path(scratch)
        data = scratch / "data"
        shutil.copytree(args.data, data)
        offering = _an_offering(data)
        port = _free_port()
        log = open(args.log or scratch / "serve.log", "w")
        templates = scratch / "templates"
        (templates / "partials").mkdir(parents=True)
        # The override folder only for a template edit: with --templates every build renders every
        # page (no page is kept from the last build), which is not what an offering edit costs.
        command = [sys.executable, "-m", "generator", "site", "serve", "--data", str(data), "--docs",
                   str(scratch / "docs"), "--addr", f"127.0.0.1:{port}"] + (
                       ["--templates", str(templates)] if args.template else [])
        started = time.perf_counter()
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            url = f"http://127.0.0.1:{port}/{offering['page']}"
            _wait_for(url, lambda page: offering["id"] in page, 600)
            print(f"first build served after {time.perf_counter() - started:.1f} s")
            times, parts = [], []
            for index in range(args.edits):
                edit = _template_edit(templates, url, index) if args.template else _one_edit(offering, url, index)
                times.append(edit)
                time.sleep(0.3)  # the server logs the update's end as it reloads the browser
                parts.append(_parts(Path(log.name)))
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(30)
            log.close()
    for name, index in (("docs rebuilt (provcat build)", 0), ("site updated", 1)):
        found = [p[index] for p in parts if p[index] is not None]
        if found:
            print(f"{name}: {', '.join(f'{t:.2f}' for t in found)} s; median {statistics.median(found):.2f} s")
    median, target = statistics.median(times), TEMPLATE_TARGET_S if args.template else TARGET_S
    print(f"edit to page served: {', '.join(f'{t:.2f}' for t in times)} s; median {median:.2f} s "
          f"(target {target} s: {'met' if median <= target else 'missed'})")
    return 0


def _one_edit(offering: dict, url: str, index: int) -> float:
    time.sleep(1.5)  # past the watcher's debounce of any earlier change
    price = f"{123.25 + index:.2f}"
    path: Path = offering["path"]
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*input:\s*)[0-9.]+\s*$", lambda m: m.group(1) + price, text, count=1)
    saved = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    _wait_for(url, lambda page: price in page, 120)
    return time.perf_counter() - saved


def _template_edit(templates: Path, url: str, index: int) -> float:
    """Override the sources partial with the shipped one plus a marker line; time until it shows."""
    from generator.util.resources import templates_dir

    time.sleep(1.5)
    marker = f"Template edit {index + 1}"
    shipped = (templates_dir() / "partials" / "sources.md.j2").read_text(encoding="utf-8")
    saved = time.perf_counter()
    (templates / "partials" / "sources.md.j2").write_text(shipped + f"\n{marker}\n", encoding="utf-8")
    _wait_for(url, lambda page: marker in page, 600)
    return time.perf_counter() - saved


def _parts(log: Path) -> tuple[float | None, float | None]:
    """The last update's two parts in the server's log: the docs' build and the site's update, in seconds."""
    text = log.read_text(encoding="utf-8", errors="replace")
    docs = re.findall(r"docs regenerated in ([0-9.]+) s", text)
    site = re.findall(r"updated in ([0-9.]+) s", text)
    return (float(docs[-1]) if docs else None, float(site[-1]) if site else None)


def _an_offering(data: Path) -> dict:
    """An offering file with an input price, and its page's path in the site."""
    from generator import load_catalog

    catalog = load_catalog(data)
    for offering in sorted(catalog.offerings, key=lambda o: o.ref):
        path = data / "providers" / offering.provider_id / "models" / f"{offering.file_stem}.yaml"
        if path.is_file() and re.search(r"(?m)^\s*input:\s*[0-9.]+\s*$", path.read_text(encoding="utf-8")):
            page = f"providers/{offering.provider_id}/models/{offering.file_stem}.html"
            return {"path": path, "page": page, "id": offering.id}
    raise SystemExit("no offering with an input price to edit")


def _wait_for(url: str, ready, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} not as expected after {timeout} s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="catalog to copy (default: data/)")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--log", type=Path, help="keep the server's output in this file")
    parser.add_argument("--template", action="store_true", help="edit a template, not an offering")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
