"""api.json: the shape of models.dev's api.json, mapped from the shipped data and the rich fixture."""

from __future__ import annotations

import re
from decimal import Decimal

from generator import load_catalog
from generator.outputs.exports.modelsdev import api_document, cost
from generator.outputs.exports.schemas import errors

from .conftest import DATA, needs_corpus
from .exporthelp import RICH, documents

PROVIDER_KEYS = {"id", "name", "env", "npm", "api", "doc", "models"}
MODEL_KEYS = {"id", "name", "family", "attachment", "reasoning", "reasoning_options", "tool_call", "interleaved",
              "structured_output", "temperature", "knowledge", "release_date", "last_updated", "open_weights", "status",
              "modalities", "limit", "cost", "provider", "experimental"}


def test_shipped_api_json_has_the_models_dev_shape():
    api = documents(DATA)["api/api.json"]
    assert errors("api.json", api) == []
    assert list(api) == ["cerebras"]
    cerebras = api["cerebras"]
    assert set(cerebras) <= PROVIDER_KEYS and {"id", "name", "models"} <= set(cerebras)
    assert cerebras["env"] == ["CEREBRAS_API_KEY"]
    assert cerebras["doc"] == "https://inference-docs.cerebras.ai/models/overview"
    assert len(cerebras["models"]) == 9
    for model_id, model in cerebras["models"].items():
        assert model["id"] == model_id and set(model) <= MODEL_KEYS
        assert set(model.get("limit", {})) <= {"context", "input", "output"}
        assert set(model.get("modalities", {})) in (set(), {"input", "output"})
    gpt = cerebras["models"]["gpt-oss-120b"]
    assert gpt["cost"] == {"input": 0.25, "output": 0.69}
    assert gpt["limit"] == {"context": 131072, "output": 0}  # models.dev's schema requires output: 0 is its unknown
    assert gpt["reasoning"] is True and "tool_call" not in gpt  # unknown stays absent


def test_costs_are_usd_numbers_equal_to_the_exact_prices():
    catalog = load_catalog(RICH)
    api = api_document(catalog)
    for offering in catalog.offerings:
        model = api[offering.provider_id]["models"][offering.id]
        price = offering.price
        if price is None or price.currency != "USD":
            assert "cost" not in model, offering.ref
            continue
        assert Decimal(str(model["cost"]["input"])) == price.input
    qwq = api["alpha"]["models"]["Qwen/QwQ-32B"]["cost"]
    assert qwq["cache_read"] == 0.03 and qwq["cache_write"] == 0.125 and qwq["reasoning"] == 0.5
    assert (qwq["input_audio"], qwq["output_audio"]) == (0.7, 1.4)
    assert qwq["tiers"] == [{"tier": {"type": "context", "size": 32000}, "input": 0.2, "output": 0.6,
                             "input_audio": 1.4, "output_audio": 2.8},
                            {"tier": {"type": "context", "size": 64000}, "input": 0.4, "cache_read": 0.06,
                             "cache_write": 0.25, "reasoning": 1}]
    assert api["alpha"]["models"]["free-embed"]["cost"] == {"input": 0, "output": 0}


def test_facts_map_onto_models_dev_names():
    api = api_document(load_catalog(RICH))
    alpha, beta = api["alpha"], api["beta"]
    assert alpha["api"] == "https://api.alpha.example.com/v1" and alpha["env"] == ["ALPHA_API_KEY", "ALPHA_TOKEN"]
    qwq = alpha["models"]["Qwen/QwQ-32B"]
    assert (qwq["attachment"], qwq["tool_call"], qwq["structured_output"], qwq["family"]) == (False, True, False, "big")
    # the offering's own modalities first, in its file's order, then the canonical model's
    assert qwq["modalities"] == {"input": ["pdf", "text", "image"], "output": ["text"]}
    assert qwq["limit"] == {"context": 131072, "input": 120000, "output": 8192} and qwq["knowledge"] == "2024-06"
    assert alpha["models"]["claude@2024:1"]["status"] == "deprecated"
    assert beta["models"]["us.acme.big:0"]["status"] == "deprecated"  # retired has no models.dev counterpart
    assert "status" not in qwq  # active: models.dev gives no status
    assert api["gamma"] == {"id": "gamma", "name": "Gamma", "models": {}}


def test_our_model_fields_are_fields_models_dev_uses():
    corpus = needs_corpus("models.dev", "providers")
    used = set()
    for path in corpus.glob("*/models/**/*.toml"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            used |= set(re.findall(r"([a-z_]+)\s*=", text))
            used |= {part for table in re.findall(r"^\[+([a-z_.]+)\]", text, re.M) for part in table.split(".")}
    ours = set()
    for provider in api_document(load_catalog(RICH)).values():
        for model in provider["models"].values():
            ours |= _keys(model)
    assert ours - {"id"} <= used, ours - used


def _keys(node) -> set[str]:
    if isinstance(node, list):
        return {k for item in node for k in _keys(item)}
    if not isinstance(node, dict):
        return set()
    # the keys of a request body or of headers are the provider's, not field names
    return set(node) | {k for key, value in node.items() if key not in ("body", "headers") for k in _keys(value)}


def test_what_models_dev_says_of_calling_a_model_comes_back_in_its_names():
    beta = api_document(load_catalog(RICH))["beta"]
    big = beta["models"]["big-model"]
    assert beta["npm"] == "@ai-sdk/openai-compatible"
    assert (big["family"], big["release_date"], big["last_updated"]) == ("big-served", "2025-01", "2025-03")
    assert big["reasoning_options"] == [{"type": "toggle"}, {"type": "effort", "values": ["low", "high", None]},
                                        {"type": "budget_tokens", "min": -1, "max": 32768}]
    assert big["interleaved"] == {"field": "reasoning_content"}
    assert big["provider"] == {"npm": "@ai-sdk/openai", "api": "https://beta.example.com/openai/v1",
                               "shape": "responses", "body": {"thinking": {"type": "enabled"}, "n": 1},
                               "headers": {"x-beta-route": "big"}}
    assert big["experimental"] == {"modes": {"fast": {
        "cost": {"input": 0.16, "output": 0.64, "input_audio": 1, "output_audio": 2},
        "provider": {"body": {"speed": "fast"}, "headers": {"anthropic-beta": "fast-mode"}}}}}
    assert "family" not in api_document(load_catalog(RICH))["alpha"]["models"]["mystery"]


def test_context_over_200k_is_derived_as_models_dev_derives_it():
    def tiers(*sizes):
        return {"current": {"currency": "USD", "input": "1", "output": "2",
                            "tiers": [{"above_tokens": s, "input": "3"} for s in sizes]}}
    assert cost(tiers(200_000))["context_over_200k"] == {"input": 3}
    assert cost(tiers(272_000))["context_over_200k"] == {"input": 3}  # a higher threshold is included
    assert "context_over_200k" not in cost(tiers(128_000))
    assert "context_over_200k" not in cost(tiers(200_000, 400_000))  # only a single tier
    assert "context_over_200k" not in cost(tiers())
