"""The history walk over the real models.dev bundle: three changes checked by hand against
``git log -p``, the broken files reported, within the time and memory the issue allows."""

from __future__ import annotations

import resource
import subprocess
import time
from decimal import Decimal

import pytest

from generator.importers import models_dev_history
from generator.importers.report import ImportReport
from tests.conftest import needs_corpus

pytestmark = pytest.mark.corpus


def test_the_bundle_walk_records_the_changes_checked_by_hand(tmp_path):
    bundle = needs_corpus("models.dev-git", "models.dev.bundle")
    repo = tmp_path / "models.dev"
    subprocess.run(["git", "clone", "-q", "-b", "main", str(bundle), str(repo)], check=True)
    report = ImportReport("models.dev", str(repo))
    started = time.perf_counter()
    history = models_dev_history.walk(repo, report)
    assert time.perf_counter() - started < 60
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 500 * 1024  # KiB: 500 MiB
    assert history.commits == 2325 and history.last_commit.startswith("f3fc692")
    cerebras = history.prices[("cerebras", "gpt-oss-120b")]
    assert [(p.day, p.commit[:8], p.pricing["input"], p.pricing["output"]) for p in cerebras] == [
        ("2025-08-05", "3907a223", Decimal("0.25"), Decimal("0.69")),
        ("2026-06-11", "78f8fb92", Decimal("0.35"), Decimal("0.75"))]
    glm = history.prices[("zhipuai", "glm-5.1")][-1]
    assert (glm.day, glm.commit[:7], glm.pricing["input"], glm.pricing["output"], glm.pricing["cached_input"]) == (
        "2026-07-01", "f3fc692", Decimal("1.4"), Decimal("4.4"), Decimal("0.26"))
    linked = history.prices[("azure-cognitive-services", "cohere-command-r-08-2024")][-2:]
    assert [(p.day, p.commit[:8], p.pricing and p.pricing["input"]) for p in linked] == [
        ("2026-04-19", "0c93cc03", None), ("2026-06-03", "f6c6f043", Decimal("0.15"))]
    assert len([s for s in report.skips if s.reason == "not-toml"]) == 5
