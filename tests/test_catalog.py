"""Typed catalog objects: inheritance from canonical models, lookups, money."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator import InvalidCatalog, UnknownReference, load_catalog

from .conftest import DATA

OFFERING = "providers/cerebras/models/gpt-oss-120b.yaml"
MODEL = "models/openai/gpt-oss-120b.yaml"


def write(data_dir, rel, text):
    (data_dir / rel).write_text(text, encoding="utf-8")


def test_offering_inherits_canonical_facts_and_its_own_win(data_copy):
    write(data_copy, MODEL, "id: openai/gpt-oss-120b\nname: gpt-oss-120b\nauthors: [openai]\n"
          "release_date: 2025-08-05\nknowledge_cutoff: 2024-06\nopen_weights: true\n"
          "modalities:\n  input: {text: true, image: false}\n  output: {text: true}\n")
    write(data_copy, OFFERING, "id: gpt-oss-120b\nmodel: openai/gpt-oss-120b\nrelease_date: 2025-09-01\n"
          "modalities:\n  input: {image: true}\n")
    offering = load_catalog(data_copy).offering("cerebras/gpt-oss-120b")
    assert offering.release_date == "2025-09-01"  # its own
    assert offering.knowledge_cutoff == "2024-06" and offering.open_weights is True  # inherited
    assert offering.authors == ("openai",)
    assert offering.modalities.input == {"text": True, "image": True}
    assert offering.modalities.supports("input", "audio") is None  # unknown stays unknown


def test_offering_name_defaults_to_its_id():
    catalog = load_catalog(DATA)
    assert [o.name for o in catalog.provider("cerebras").offerings][:2] == ["gpt-oss-120b", "llama-3.3-70b"]


def test_load_catalog_raises_with_every_problem(data_copy):
    write(data_copy, OFFERING, "id: gpt-oss-120b\nkind: chatt\ncontext_window: -1\n")
    with pytest.raises(InvalidCatalog) as caught:
        load_catalog(data_copy)
    assert [p.path for p in caught.value.problems] == ["kind", "context_window"]
    assert "2 error(s) in the catalog" in str(caught.value)


def test_unknown_references_suggest_close_matches():
    catalog = load_catalog(DATA)
    with pytest.raises(UnknownReference, match=r"unknown offering `cerebras/gpt-oss-12b`; did you mean `cerebras/gpt-oss-120b`\?"):
        catalog.offering("cerebras/gpt-oss-12b")
    with pytest.raises(UnknownReference, match="did you mean `cerebras`"):
        catalog.provider("cerebra")


def test_prices_are_exact_decimals_and_dated(data_copy):
    write(data_copy, OFFERING, "id: gpt-oss-120b\nmodel: openai/gpt-oss-120b\npricing:\n  input: 0.35\n"
          "  effective_from: 2025-10-01\n  history:\n    - {effective_from: 2025-08-05, input: 0.25, output: 0.69}\n")
    pricing = load_catalog(data_copy).offering("cerebras/gpt-oss-120b").pricing
    assert pricing.current.input == Decimal("0.35") and pricing.current.output is None
    assert pricing.at(date(2025, 9, 1)).input == Decimal("0.25")
    assert pricing.at(date(2025, 10, 1)).input == Decimal("0.35")
    assert pricing.at(date(2024, 1, 1)) is None  # before any known price: unknown, not zero


def test_free_is_zero_not_unknown(data_copy):
    write(data_copy, OFFERING, "id: gpt-oss-120b\nmodel: openai/gpt-oss-120b\npricing:\n  input: 0\n")
    price = load_catalog(data_copy).offering("cerebras/gpt-oss-120b").price
    assert price.input == Decimal("0") and price.output is None
