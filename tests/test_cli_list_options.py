"""`provcat list models --model --search --sort --limit`, and the library functions under them
(generator.catalog.query.Filter.search, generator.catalog.ordering)."""

from __future__ import annotations

import json

import pytest

from generator import load_catalog
from generator.catalog.ordering import parse_sort, sort_rows
from generator.catalog.query import select
from generator.cli import main

from .exporthelp import RICH

R = ["--data", str(RICH)]


def refs(capsys, *argv) -> list[str]:
    assert main(["list", "models", *R, *argv, "--format", "json"]) == 0
    return [row["ref"] for row in json.loads(capsys.readouterr().out)]


def test_search_matches_provider_offering_name_and_model_in_any_case():
    rich = load_catalog(RICH)
    assert [o.ref for o in select(rich, search="BETA")] == [  # model id beta-labs/small, then provider id
        "alpha/free-embed", "beta/big-model", "beta/us.acme.big:0"]
    assert [o.ref for o in select(rich, search="embedder")] == ["alpha/free-embed"]  # name "Free Embedder"
    assert [o.ref for o in select(rich, search="acme/big")] == [  # model id
        "alpha/Qwen/QwQ-32B", "beta/big-model", "beta/us.acme.big:0"]
    assert [o.ref for o in select(rich, search="myst")] == ["alpha/mystery"]  # offering id


def test_list_model_and_search(capsys):
    assert refs(capsys, "--model", "acme/big-model") == ["alpha/Qwen/QwQ-32B", "beta/big-model", "beta/us.acme.big:0"]
    assert refs(capsys, "--search", "qwq") == ["alpha/Qwen/QwQ-32B"]
    assert refs(capsys, "--search", "big", "--provider", "beta") == ["beta/big-model", "beta/us.acme.big:0"]


def test_sort_puts_unknowns_last_in_either_direction(capsys):
    # prices: free-embed 0, big-model 0.08, us.acme 0.09, QwQ 0.1 (USD); claude 3 EUR; mystery unknown
    assert refs(capsys, "--sort", "price_input") == [
        "alpha/free-embed", "beta/big-model", "beta/us.acme.big:0", "alpha/Qwen/QwQ-32B", "alpha/claude@2024:1",
        "alpha/mystery"]
    assert refs(capsys, "--sort", "-price_input") == [
        "alpha/Qwen/QwQ-32B", "beta/us.acme.big:0", "beta/big-model", "alpha/free-embed", "alpha/claude@2024:1",
        "alpha/mystery"]
    assert refs(capsys, "--sort", "context_window", "--desc") == [
        "alpha/claude@2024:1", "alpha/Qwen/QwQ-32B", "beta/big-model", "alpha/free-embed", "alpha/mystery",
        "beta/us.acme.big:0"]


def test_sort_by_text_ignores_case_and_limit_keeps_the_first(capsys):
    # names: big-model, claude@2024:1, Free Embedder, mystery, QwQ 32B at Alpha, us.acme.big:0
    assert refs(capsys, "--sort", "name", "--limit", "3") == ["beta/big-model", "alpha/claude@2024:1", "alpha/free-embed"]
    assert refs(capsys, "--sort", "-name", "--limit", "2") == ["beta/us.acme.big:0", "alpha/Qwen/QwQ-32B"]
    assert refs(capsys, "--sort", "-provider", "--limit", "1") == ["beta/big-model"]
    assert refs(capsys, "--limit", "0") == []


def test_list_providers_sorts_too(capsys):
    assert main(["list", "providers", *R, "--sort", "-offerings", "--format", "json"]) == 0
    assert [p["id"] for p in json.loads(capsys.readouterr().out)] == ["alpha", "beta", "gamma"]
    assert main(["list", "providers", *R, "--sort", "headquarters", "--format", "json"]) == 0
    assert [p["id"] for p in json.loads(capsys.readouterr().out)] == ["alpha", "beta", "gamma"]  # unknowns last


def test_bad_sort_options_are_usage_errors(capsys):
    assert main(["list", "models", *R, "--sort", "colour"]) == 2
    assert "cannot sort by `colour`; sort by one of: provider, offering" in capsys.readouterr().err
    assert main(["list", "models", *R, "--desc"]) == 2
    assert "--desc needs --sort" in capsys.readouterr().err
    assert main(["list", "models", *R, "--limit", "-1"]) == 2


def test_sort_rows_compares_numbers_exactly_and_groups_currencies():
    rows = [{"ref": "a", "price_input": "0.10", "currency": "USD"}, {"ref": "b", "price_input": "0.09", "currency": "USD"},
            {"ref": "c"}, {"ref": "d", "price_input": "0.01", "currency": "EUR"},
            {"ref": "e", "price_input": "0.1000000000000000000001", "currency": "USD"}]
    assert [r["ref"] for r in sort_rows(rows, "price_input")] == ["b", "a", "e", "d", "c"]
    assert [r["ref"] for r in sort_rows(rows, "price_input", descending=True)] == ["e", "a", "b", "d", "c"]
    assert [r["ref"] for r in sort_rows(rows, "price_input", currency="EUR")] == ["d", "b", "a", "e", "c"]
    assert parse_sort("-name", ("name",)) == ("name", True) and parse_sort("name", ("name",), True) == ("name", True)
    with pytest.raises(ValueError, match="cannot sort by `nope`"):
        parse_sort("nope", ("name",))


def test_sort_rows_reads_dates_as_text_and_tier_counts_as_numbers_in_any_currency():
    rows = [{"ref": "a", "release_date": "2025-01"}, {"ref": "b", "release_date": "2025"},
            {"ref": "c", "release_date": "2024-11-05"}]
    assert [r["ref"] for r in sort_rows(rows, "release_date")] == ["c", "b", "a"]
    rows = [{"ref": "a", "price_tiers": 2, "currency": "USD"}, {"ref": "b", "price_tiers": 0, "currency": "EUR"}]
    assert [r["ref"] for r in sort_rows(rows, "price_tiers")] == ["b", "a"]
