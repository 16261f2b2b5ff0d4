"""generator.catalog.query: filters keep only known matches; the cheapest offering of a model."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator import UnknownReference, load_catalog
from generator.catalog.query import Filter, cheapest, priced, providers_matching, select

from .exporthelp import RICH


@pytest.fixture(scope="module")
def rich():
    return load_catalog(RICH)


def refs(offerings):
    return [o.ref for o in offerings]


def test_no_condition_selects_everything_in_order(rich):
    assert refs(select(rich)) == refs(rich.offerings)


def test_kind_provider_and_model(rich):
    assert refs(select(rich, kind="embedding")) == ["alpha/free-embed"]
    assert refs(select(rich, provider="beta")) == ["beta/big-model", "beta/us.acme.big:0"]
    assert refs(rich.select(model="acme/big-model")) == ["alpha/Qwen/QwQ-32B", "beta/big-model", "beta/us.acme.big:0"]


def test_features_pass_only_when_known_true(rich):
    assert refs(select(rich, features=("tool_calling",))) == ["alpha/Qwen/QwQ-32B"]  # beta/big-model says false
    assert refs(select(rich, features=("tool_calling", "structured_outputs"))) == []
    assert refs(select(rich, features=("json_mode",))) == ["alpha/claude@2024:1"]  # unknown elsewhere
    assert refs(select(rich, features=("web_search",))) == []  # false at claude, unknown elsewhere


def test_modalities_and_context(rich):
    assert refs(select(rich, input_modalities=("image",))) == ["alpha/Qwen/QwQ-32B", "beta/big-model", "beta/us.acme.big:0"]
    assert refs(select(rich, input_modalities=("pdf",))) == ["alpha/Qwen/QwQ-32B"]
    assert refs(select(rich, min_context=131072)) == ["alpha/Qwen/QwQ-32B", "alpha/claude@2024:1"]


def test_price_limits_compare_known_prices_in_one_currency(rich):
    assert refs(select(rich, max_input_price=Decimal("0.09"))) == ["alpha/free-embed", "beta/big-model", "beta/us.acme.big:0"]
    assert refs(select(rich, max_input_price=Decimal("5"), currency="EUR")) == ["alpha/claude@2024:1"]
    assert refs(select(rich, max_output_price=Decimal("0.3"))) == ["alpha/Qwen/QwQ-32B", "alpha/free-embed"]


def test_privacy_filters_need_known_policies(rich):
    assert {o.provider_id for o in select(rich, no_training=True)} == {"alpha"}  # beta trains, gamma unknown
    assert {o.provider_id for o in select(rich, no_retention=True)} == {"alpha"}


def test_providers_matching_counts_matching_offerings(rich):
    assert [(p.id, n) for p, n in providers_matching(rich, Filter())] == [("alpha", 4), ("beta", 2), ("gamma", 0)]
    assert [(p.id, n) for p, n in providers_matching(rich, Filter(kind="chat"))] == [("alpha", 2), ("beta", 1)]
    assert [(p.id, n) for p, n in providers_matching(rich, Filter(no_training=True))] == [("alpha", 4)]


def test_bad_names_and_unknown_references_are_reported(rich):
    with pytest.raises(ValueError, match="unknown feature 'tool_call'"):
        Filter(features=("tool_call",))
    with pytest.raises(UnknownReference, match="did you mean `alpha`"):
        select(rich, provider="alpah")
    with pytest.raises(UnknownReference, match="acme/big-model"):
        cheapest(rich, "acme/big-modle")


def test_cheapest_offering_of_a_model(rich):
    best = rich.cheapest("acme/big-model")
    assert best.ref == "beta/big-model" and best.amount == Decimal("0.40")
    # us.acme.big:0 has no output price, so it cannot be priced for a request with output
    assert [c.ref for c in priced(rich, "acme/big-model")] == ["beta/big-model", "alpha/Qwen/QwQ-32B"]
    assert rich.cheapest("acme/big-model", output_tokens=0).ref == "beta/big-model"
    assert [c.ref for c in priced(rich, "acme/big-model", output_tokens=0)][:2] == ["beta/big-model", "beta/us.acme.big:0"]
    assert rich.cheapest("beta-labs/small").amount == 0
    assert cheapest(rich, "beta-labs/small", currency="EUR") is None


def test_the_guide_python_example_runs_and_says_what_it_shows(monkeypatch):
    from .conftest import ROOT
    text = (ROOT / "generator/outputs/site/guide_pages/json-api.md").read_text(encoding="utf-8")
    block = text.split("## Python API", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(block, namespace)  # noqa: S102 (our own guide)
    assert (namespace["cost"].amount, namespace["cost"].currency) == (Decimal("0.388"), "USD")
    assert "(Decimal('0.388'), 'USD')" in block
    assert namespace["shipped"].offerings == namespace["catalog"].offerings  # the package carries data/
