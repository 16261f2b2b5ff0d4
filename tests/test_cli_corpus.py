"""The command line on the models.dev corpus in ../shared (skipped where absent; CI has it):
the import summary stays short, compare-sources finds the corpus the data names, and a model
is priced at every provider serving it."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from generator.cli import main
from tests.conftest import CORPORA, needs_corpus

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    source = needs_corpus("models.dev")
    folder = tmp_path_factory.mktemp("cli-md")
    argv = ["import", "models.dev", str(source), "--data", str(folder / "data"), "--commit", "f3fc692",
            "--report", str(folder / "report.json")]
    with pytest.MonkeyPatch.context() as patch:
        lines = []
        patch.setattr("click.echo", lambda message="", err=False, **_: None if err else lines.append(str(message)))
        assert main(argv) == 0
    return folder, lines


def test_the_import_prints_a_few_examples_per_reason_and_reports_every_skip(imported):
    folder, lines = imported
    skipped = json.loads((folder / "report.json").read_text())["skipped"]
    reasons = {s["reason_text"] for s in skipped}
    headers = [line for line in lines if line.startswith("skipped ")]
    assert len(headers) == len(reasons) and len(skipped) > 400
    assert len(lines) <= 5 * len(reasons)  # a header, 3 examples and "... and N more" per reason
    assert sum(int(h.split()[1]) for h in headers) == len(skipped)


def test_compare_sources_finds_the_corpus_the_data_names(imported, capsys):
    folder, _ = imported
    assert main(["compare-sources", "--data", str(folder / "data"), "--corpora", str(CORPORA)]) == 0
    err = capsys.readouterr().err
    assert f"comparing with models.dev at {CORPORA / 'models.dev'} (named as `models.dev commit f3fc692`" in err


def test_a_model_is_priced_at_every_provider_cheapest_first(imported, capsys):
    folder, _ = imported
    argv = ["price", "openai/gpt-oss-120b", "--data", str(folder / "data"), "--input", "1M", "--output", "200k"]
    assert main([*argv, "--format", "json"]) == 0
    offerings = json.loads(capsys.readouterr().out)["offerings"]
    amounts = [o["amount"] for o in offerings]
    known = [Decimal(a) for a in amounts if a is not None]
    assert len(offerings) >= 10 and {o["currency"] for o in offerings if o["amount"]} == {"USD"}
    assert known == sorted(known) and amounts[len(known):] == [None] * (len(amounts) - len(known))  # unknowns last
    assert main(["price", "gpt-oss-120b", "--data", str(folder / "data")]) == 2
    assert "did you mean `openai/gpt-oss-120b` (model), " in capsys.readouterr().err
