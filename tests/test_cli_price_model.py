"""`provcat price MODEL`: every offering of a canonical model priced, cheapest first, unknowns last;
generator.catalog.query.quotes underneath."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from generator import load_catalog
from generator.catalog.query import quotes

from .clihelp import R, run
from .conftest import DATA
from .exporthelp import RICH


@pytest.fixture(scope="module")
def rich():
    return load_catalog(RICH)


def test_quotes_are_cheapest_first_by_exact_amount_and_unknowns_last(rich):
    found = quotes(rich, "acme/big-model", input_tokens=1_000_000, output_tokens=200_000)
    assert [q.offering.ref for q in found] == ["beta/big-model", "alpha/Qwen/QwQ-32B", "beta/us.acme.big:0"]
    assert [q.cost.amount for q in found[:2]] == [Decimal("0.144"), Decimal("0.46")]
    unknown = found[2]
    assert unknown.cost is None and unknown.unknown_component == "output"
    assert "output price of `beta/us.acme.big:0` is unknown" in unknown.unknown


def test_an_input_only_request_prices_the_offering_without_an_output_rate(rich):
    found = quotes(rich, "acme/big-model", input_tokens=1_000_000)
    assert [(q.offering.ref, q.cost.amount) for q in found] == [
        ("beta/big-model", Decimal("0.08")), ("beta/us.acme.big:0", Decimal("0.09")),
        ("alpha/Qwen/QwQ-32B", Decimal("0.4"))]


def test_an_offering_with_no_price_is_unknown_never_free(tmp_path, rich):
    import shutil
    shutil.copytree(RICH, tmp_path / "rich")
    (tmp_path / "rich/providers/alpha/models/mystery.yaml").write_text("id: mystery\nmodel: acme/big-model\n")
    found = quotes(load_catalog(tmp_path / "rich"), "acme/big-model", input_tokens=1000)
    assert found[-1].offering.ref == "alpha/mystery" and found[-1].cost is None
    assert found[-1].unknown_component is None and "price of `alpha/mystery` is unknown" in found[-1].unknown


def test_a_stored_zero_price_ranks_by_its_exact_amount(rich):
    found = quotes(rich, "beta-labs/small", input_tokens=1_000_000)
    assert [(q.offering.ref, q.cost.amount) for q in found] == [("alpha/free-embed", Decimal(0))]


def test_other_currencies_follow_the_asked_one_before_unknowns(tmp_path):
    import shutil
    shutil.copytree(RICH, tmp_path / "rich")
    claude = tmp_path / "rich/providers/alpha/models/claude-2024-1~7f54f90eb0.yaml"
    claude.write_text(claude.read_text().replace("authors: [beta-labs]", "model: acme/big-model"))
    catalog = load_catalog(tmp_path / "rich")
    found = quotes(catalog, "acme/big-model", input_tokens=1000, output_tokens=2000)
    assert [q.offering.ref for q in found] == ["alpha/Qwen/QwQ-32B", "beta/big-model", "alpha/claude@2024:1",
                                               "beta/us.acme.big:0"]
    assert [q.cost.amount for q in found[:2]] == [Decimal("0.0007"), Decimal("0.00072")]  # exact, not rounded
    found = quotes(catalog, "acme/big-model", currency="EUR", input_tokens=1000, output_tokens=2000)
    assert [q.offering.ref for q in found][:2] == ["alpha/claude@2024:1", "alpha/Qwen/QwQ-32B"]
    assert found[0].cost.currency == "EUR"


def test_price_model_table(capsys):
    status, out, _ = run(capsys, "price", "acme/big-model", *R, "--input", "1M", "--output", "200k")
    assert status == 0 and out.splitlines() == [
        "REFERENCE\tCOST\tPRICE USED",
        "beta/big-model\t$0.144\tno start date",
        "alpha/Qwen/QwQ-32B\t$0.46\tfrom 2025-01-01, tier above 64,000 input tokens",
        "beta/us.acme.big:0\tN/A\toutput price unknown"]


def test_price_model_json_and_csv(capsys):
    status, out, _ = run(capsys, "price", "acme/big-model", *R, "--input", "1M", "--output", "200k", "--format", "json")
    document = json.loads(out)
    assert status == 0 and document["model"] == "acme/big-model"
    first, _, last = document["offerings"]
    assert (first["ref"], first["amount"], first["currency"]) == ("beta/big-model", "0.144", "USD")
    assert last == {"ref": "beta/us.acme.big:0", "provider": "beta", "amount": None, "unknown_rate": "output",
                    "unknown": last["unknown"]} and "unknown" in last["unknown"]
    _, out, _ = run(capsys, "price", "acme/big-model", *R, "--input", "1M", "--output", "200k", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["ref"], r["amount"], r["unknown_rate"]) for r in rows] == [
        ("beta/big-model", "0.144", ""), ("alpha/Qwen/QwQ-32B", "0.46", ""), ("beta/us.acme.big:0", "", "output")]


def test_price_model_on_the_shipped_catalog(capsys):
    status, out, _ = run(capsys, "price", "openai/gpt-oss-120b", "--data", str(DATA), "--input", "1M", "--output", "200k")
    assert status == 0 and out.splitlines()[1] == "cerebras/gpt-oss-120b\t$0.388\tno start date"


def test_price_model_with_no_priced_offering_exits_1(capsys, tmp_path):
    import shutil
    shutil.copytree(RICH, tmp_path / "rich")
    (tmp_path / "rich/providers/alpha/models/free-embed.yaml").write_text("id: free-embed\nmodel: beta-labs/small\n")
    status, out, err = run(capsys, "price", "beta-labs/small", "--data", str(tmp_path / "rich"), "--input", "1M")
    assert status == 1 and "alpha/free-embed\tN/A\tprice unknown" in out
    assert "no offering of `beta-labs/small` has a known price" in err


def test_an_offering_reference_still_prices_one_offering(capsys):
    status, out, _ = run(capsys, "price", "beta/big-model", *R, "--input", "1M", "--format", "csv")
    assert status == 0 and out.splitlines() == ["ref,provider,amount,currency,effective_from,tier_above_tokens,unknown_rate",
                                                "beta/big-model,beta,0.08,USD,,,"]
    status, _, err = run(capsys, "price", "acme/big-model", *R, "--output", "1", "--reasoning", "2")
    assert status == 2 and "cannot exceed" in err


def test_a_canonical_model_no_offering_serves_exits_1(capsys, tmp_path):
    import shutil
    shutil.copytree(RICH, tmp_path / "rich")
    (tmp_path / "rich/providers/alpha/models/free-embed.yaml").unlink()
    status, out, err = run(capsys, "price", "beta-labs/small", "--data", str(tmp_path / "rich"), "--input", "1M")
    assert status == 1 and out.splitlines() == ["REFERENCE\tCOST\tPRICE USED"]
    assert "error: no offering serves `beta-labs/small`" in err
