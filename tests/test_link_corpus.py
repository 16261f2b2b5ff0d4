"""``provcat link`` on the real models.dev corpus (skipped where ../shared is absent; CI has it).

Two figures, printed with ``pytest -s``:

* wrong links on the hand-checked set ``fixtures/links-checked.json`` (must be 0): an offering the
  rules or ``data/links.yaml`` link to another model than the checked one, or link where the
  checked answer is ``none``.  Each checked offering is judged as if its file named no model, so
  the rules are tested on the offerings models.dev links too.
* the linked share: of the checked offerings whose model has a canonical file (checked answer not
  ``none``), the part the rules and reviewed links link to exactly that model (target >= 90%).
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import ROOT, SHIPPED, needs_corpus
from generator.importers import link_run, run_import
from generator.importers.link import Resolver

pytestmark = pytest.mark.corpus
CHECKED = json.loads((ROOT / "tests" / "fixtures" / "links-checked.json").read_text(encoding="utf-8"))["pairs"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    source = needs_corpus("models.dev")
    data_dir = tmp_path_factory.mktemp("link") / "data"
    run_import("models.dev", source, data_dir, commit="f3fc692")
    shutil.copy(SHIPPED / "links.yaml", data_dir / "links.yaml")
    return data_dir


def verdicts(data_dir) -> dict[str, str]:
    """Each offering's proposed model ("model [variant]", or "none"), as if its file named none."""
    offerings, models, problems = link_run.read_catalog(data_dir)
    reviewed, forbidden, more = link_run.read_links(data_dir, {o["ref"] for o in offerings}, models)
    assert problems + more == []
    resolver = Resolver(models, [o["id"] for o in offerings])
    out = {}
    for offering in offerings:
        found = link_run.decide({**offering, "model": None}, resolver, reviewed, forbidden)
        out[offering["ref"]] = "none" if found.model is None else found.model + (
            f" [{found.variant}]" if found.variant else "")
    return out


def test_no_wrong_link_on_the_checked_offerings_and_the_linked_share(imported):
    assert len(CHECKED) >= 200
    proposed = verdicts(imported)
    missing = sorted(set(CHECKED) - set(proposed))
    assert missing == []
    wrong = {ref: (proposed[ref], want) for ref, want in CHECKED.items()
             if proposed[ref] != "none" and proposed[ref] != want}
    positives = [ref for ref, want in CHECKED.items() if want != "none"]
    share = sum(proposed[ref] == CHECKED[ref] for ref in positives) / len(positives)
    print(f"\nchecked offerings: {len(CHECKED)} ({len(positives)} with a canonical model, "
          f"{len(CHECKED) - len(positives)} none); wrong links: {len(wrong)}; linked share: {share:.1%}")
    assert wrong == {}
    assert share >= 0.90


def test_the_corpus_links_more_offerings_and_writes_them_validly(imported):
    from generator.validation.validate import validate_catalog

    before = link_run.plan(imported)
    counts = before.counts()
    assert counts["curated"] == 1347 and counts["linked"] >= 1500 and counts["reviewed"] >= 10
    gpt_oss = [f for f in before.found if f.model == "openai/gpt-oss-120b"]
    print(f"\noffering links: {counts}; openai/gpt-oss-120b: {len(gpt_oss)} offerings "
          f"({sum(f.status == 'curated' for f in gpt_oss)} named by models.dev)")
    assert len(gpt_oss) >= 50
    assert any(row["name"] == "gpt-oss-20b" and row["providers"] >= 3 for row in before.popular)
    report = link_run.write(before, imported)
    assert report.counts["offerings"]["updated"] == counts["linked"] + counts["reviewed"]
    assert report.skips == []
    assert validate_catalog(imported).ok()
    after = link_run.plan(imported).counts()
    assert (after["curated"], after["linked"]) == (1347, counts["linked"] + counts["reviewed"])
