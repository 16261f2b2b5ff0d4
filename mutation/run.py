"""Mutation testing of the modules that carry correctness: ``make mutate`` (not run in CI).

For each module, mutmut changes one thing at a time (a flipped comparison, a changed constant, a
deleted statement) and runs only that module's test files; a change no test notices "survives".
The score is the share of non-equivalent mutants killed; the mutants judged equivalent (no test
could notice them, because the behaviour is the same) are listed with a reason in
mutation/equivalent.md and left out of the score.  Usage::

    python mutation/run.py [pricing rules layout mapping inheritance merge starmap litellm litellm_costs
                              rateplan conditions calls]   # default: all
    python mutation/run.py --again rules    # from the last run's cache: only its survivors again

``--again`` is for after writing tests: mutmut keeps a killed mutant killed (a test added cannot
bring it back) and runs the tests again against the others only.

mutmut edits the module in place while it runs and restores it after: run on a clean tree.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = f"{sys.executable} mutation/runner.py"
_CONDITIONAL = ["tests/test_conditional_model.py", "tests/test_price_calls.py", "tests/test_pricing_exact.py",
                "tests/test_pricing.py", "tests/test_resolve.py"]  # the conditional prices' test files
MODULES = {  # name: (module mutated, the test files that speak for it, fastest first: -x stops at the first failure)
    "pricing": ("generator/catalog/pricing.py", ["tests/test_pricing_exact.py", "tests/test_pricing.py"]),
    "rules": ("generator/validation/rules.py", ["tests/test_rules_edges.py", "tests/test_validate_rules.py"]),
    "layout": ("generator/model/layout.py", ["tests/test_paths.py"]),
    "mapping": ("generator/importers/models_dev_map.py",
                ["tests/test_models_dev_map_edges.py", "tests/test_import_models_dev.py"]),
    "inheritance": ("generator/importers/models_dev_read.py",
                    ["tests/test_models_dev_read_edges.py", "tests/test_import_models_dev.py"]),
    "merge": ("generator/importers/merge.py",
              ["tests/test_import_merge.py", "tests/test_import_logos.py", "tests/test_import_merge_edges.py"]),
    "starmap": ("generator/importers/starmap_map.py",
                ["tests/test_import_starmap.py", "tests/test_starmap_map_edges.py"]),
    "litellm": ("generator/importers/litellm.py", ["tests/test_import_litellm.py", "tests/test_litellm_edges.py",
                                                   "tests/test_litellm_costs_edges.py"]),
    "litellm_costs": ("generator/importers/litellm_costs.py",
                      ["tests/test_import_litellm.py", "tests/test_litellm_costs_edges.py", "tests/test_litellm_edges.py"]),
    "rateplan": ("generator/catalog/rateplan.py", [*_CONDITIONAL, "tests/test_rateplan.py"]),
    "conditions": ("generator/catalog/conditions.py", [*_CONDITIONAL, "tests/test_conditions_edges.py"]),
    "calls": ("generator/catalog/calls.py", [*_CONDITIONAL, "tests/test_calls_edges.py"]),
}
EQUIVALENT = ROOT / "mutation" / "equivalent.md"
OUT = ROOT / "build" / "mutation"
KILLED = ("ok_killed", "ok_suspicious")


def equivalents() -> set[tuple[str, str, int]]:
    """(module, source line stripped, mutant index on that line) of each row of equivalent.md."""
    rows = re.findall(r"^\| `([\w/.]+)` \| `(.+?)` \| (\d+) \|", EQUIVALENT.read_text(encoding="utf-8"), re.M)
    return {(module, line.replace("\\|", "|"), int(index)) for module, line, index in rows}  # \| : a | in a table cell


def run_module(name: str, again: bool) -> Path:
    """Run mutmut on one module (from a fresh cache unless *again*); the cache, kept under build/mutation."""
    module, tests = MODULES[name]
    cache, kept = ROOT / ".mutmut-cache", OUT / f"{name}.sqlite"
    cache.unlink(missing_ok=True)
    if again and kept.exists():
        shutil.copyfile(kept, cache)
    runner = f"{PYTEST} {' '.join(tests)}"
    for stale in (ROOT / module).parent.glob(f"__pycache__/{Path(module).stem}.*.pyc"):
        stale.unlink()  # a mutant of the same size, written within the second, would run the old bytecode
    subprocess.run([Path(sys.executable).parent / "mutmut", "run", "--paths-to-mutate", module,
                    "--runner", runner, "--no-progress"], cwd=ROOT, check=False,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    for ident, *_, status in mutants(cache):
        if status not in KILLED:  # the diff of each survivor, while mutmut can still show it
            subprocess.run([Path(sys.executable).parent / "mutmut", "show", str(ident)], cwd=ROOT, check=False)
    OUT.mkdir(parents=True, exist_ok=True)
    cache.replace(kept)
    return kept


def mutants(cache: Path) -> list[tuple[int, str, int, int, str]]:
    """(id, source line, line number, index, status) of every mutant in a mutmut cache."""
    with sqlite3.connect(cache) as db:
        return db.execute("SELECT m.id, l.line, l.line_number, m.\"index\", m.status FROM Mutant m "
                          "JOIN Line l ON m.line = l.id ORDER BY m.id").fetchall()


def report(name: str, cache: Path, known: set) -> tuple[int, int]:
    """Print the module's survivors and score; (killed, non-equivalent total)."""
    module = MODULES[name][0]
    rows = mutants(cache)
    equivalent = [r for r in rows if (module, r[1].strip(), r[3]) in known]
    counted = [r for r in rows if r not in equivalent]
    killed = [r for r in counted if r[4] in KILLED]
    for ident, line, number, index, status in counted:
        if status not in KILLED:
            print(f"  {status}: {module}:{number + 1} index {index}: `{line.strip()}`  (mutmut id {ident})")
    score = 100 * len(killed) / len(counted) if counted else 100.0
    print(f"{name:8} {module:42} {len(killed):4}/{len(counted):<4} killed = {score:5.1f}%  "
          f"({len(equivalent)} equivalent left out)")
    return len(killed), len(counted)


def main(args: list[str]) -> int:
    again, names = "--again" in args, [a for a in args if a != "--again"]
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        print(f"unknown module {', '.join(unknown)}; choose from {', '.join(MODULES)}", file=sys.stderr)
        return 2
    known = equivalents()
    caches = {name: run_module(name, again) for name in names or MODULES}
    print("\nMutation score per module (killed / non-equivalent mutants):")
    for name, cache in caches.items():
        report(name, cache, known)
    print(f"mutmut caches kept in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
