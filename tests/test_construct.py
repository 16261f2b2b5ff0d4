"""The loader reads each record as its declaration says, with no hand mapping to keep in step."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from generator.catalog import construct
from generator.model import records as m
from generator.model.schemagen import input_properties

FULL_OFFERING = {
    "id": "Org/Model-1", "name": "Model One", "model": "org/model-1", "variant": "fp8", "authors": ["org"], "aliases": ["m1"],
    "description": "Notes.", "kind": "chat", "context_window": 8192, "max_input_tokens": 8000,
    "max_output_tokens": 1024, "pricing": {"input": 0.25, "output": 2, "history": [{"effective_from": "2024-01-01", "input": 0.5}]},
    "rate_limits": [{"tier": "free", "requests_per_minute": 10}], "modalities": {"input": {"text": True}},
    "features": {"tool_calling": True}, "status": "active", "deprecation_date": "2026-01-01",
    "retirement_date": "2026-06-01", "release_date": "2025-01-01", "knowledge_cutoff": "2024-10",
    "open_weights": True, "sources": [{"url": "https://example.com/", "accessed": "2025-02-02"}],
    "last_verified": "2025-03-03", "last_updated": "2025-02", "family": "model",
    "reasoning_options": [{"type": "effort", "values": ["low", "high", "json_null"]}, {"type": "budget_tokens", "min": -1}],
    "interleaved_reasoning": True, "reasoning_field": "reasoning_details",
    "client": {"sdk_package": "@ai-sdk/openai", "base_url": "https://p.example/v1", "api_shape": "responses",
               "body": {"speed": "fast"}, "headers": {"x-mode": "1"}},
    "experimental_modes": [{"name": "fast", "price": {"input": 30, "output_audio": 2}, "headers": {"beta": "fast"}}],
}
CANONICAL = m.CanonicalModel("org/model-1", "Model 1", ("org", "lab"), release_date="2024-05-05",
                             knowledge_cutoff="2023-12", open_weights=False,
                             modalities=m.Modalities({"text": True, "image": False}, {"text": True}))


def test_every_key_of_the_offering_input_schema_reaches_a_field():
    assert set(FULL_OFFERING) == set(input_properties(m.Offering))
    offering = construct.offering("prov", FULL_OFFERING, None)
    defaults = m.Offering("prov", "x", "x", "x")
    unread = [f.name for f in dataclasses.fields(m.Offering) if "input" in f.metadata
              and getattr(offering, f.name) == getattr(defaults, f.name)]
    assert unread == []
    assert offering.model_id == "org/model-1" and offering.file_stem == "org-model-1~" + offering.file_stem.split("~")[1]
    assert offering.pricing.current.input == Decimal("0.25") and offering.pricing.history[0].effective_from == date(2024, 1, 1)


def test_an_offering_inherits_what_its_file_leaves_out():
    offering = construct.offering("prov", {"id": "m1", "modalities": {"input": {"image": True}}}, CANONICAL)
    assert (offering.authors, offering.release_date, offering.knowledge_cutoff, offering.open_weights) == (
        ("org", "lab"), "2024-05-05", "2023-12", False)
    assert offering.modalities == m.Modalities({"text": True, "image": True}, {"text": True})
    assert offering.name == "m1"  # the id, not the canonical model's name


def test_the_offering_own_facts_win():
    own = construct.offering("prov", FULL_OFFERING, CANONICAL)
    assert (own.authors, own.release_date, own.knowledge_cutoff, own.open_weights) == (
        ("org",), "2025-01-01", "2024-10", True)


def test_empty_mappings_and_nested_keys():
    offering = construct.offering("prov", {"id": "m1", "pricing": {}, "features": {}}, None)
    assert offering.pricing is None and offering.features == m.Features()
    model = construct.canonical_model({"id": "a/b", "name": "B", "authors": ["a"], "parameters": {"total": 7}})
    assert (model.parameters_total, model.parameters_active) == (7, None)


def test_provider_endpoints_keep_their_fixed_order_and_labels():
    provider = construct.provider({"id": "p", "name": "P", "endpoints": {
        "models": "https://p.example/models", "documentation": "https://p.example/docs",
        "other": [{"label": "Batch", "url": "https://p.example/batch"}]}}, None)
    assert [(e.key, e.label) for e in provider.endpoints] == [
        ("documentation", "Documentation"), ("models", "Models API"), ("other", "Batch")]
    assert provider.offerings == [] and provider.logo is None


def test_every_key_of_the_model_input_schema_reaches_a_field():
    data = {"id": "a/b", "name": "B", "authors": ["a"], "description": "D.", "family": "f", "release_date": "2024-01",
            "last_updated": "2024-03-01",
            "knowledge_cutoff": "2023", "open_weights": True, "parameters": {"total": 7, "active": 2},
            "modalities": {"output": {"text": True}}, "license": "MIT", "links": [{"label": "L", "url": "https://l.example/"}],
            "sources": [{"title": "T"}], "last_verified": "2024-02-02"}
    assert set(data) == set(input_properties(m.CanonicalModel))
    model = construct.canonical_model(data)
    defaults = m.CanonicalModel("a/b", "B", ("a",))
    assert [f.name for f in dataclasses.fields(model) if getattr(model, f.name) == getattr(defaults, f.name)] == [
        "id", "name", "authors"]


def test_every_key_of_the_provider_and_author_input_schemas_reaches_a_field():
    provider = {"id": "p", "name": "P", "description": "D.", "headquarters": "Here", "website": "https://p.example/",
                "status_page": "https://status.p.example/", "authentication": {"env": ["P_KEY"]},
                "endpoints": {"base_url": "https://api.p.example/v1"}, "privacy": {"retains_user_data": False},
                "retention": {"type": "none"}, "moderation": {"content_moderated": True}, "sdk_package": "@ai-sdk/p",
                "monitoring": {"last_checked": "2024-02-03"}, "sources": [{"title": "T"}], "last_verified": "2024-02-02"}
    author = {"id": "a", "name": "A", "description": "D.", "website": "https://a.example/",
              "links": [{"label": "L", "url": "https://l.example/"}], "sources": [{"title": "T"}],
              "last_verified": "2024-02-02"}
    for cls, data, read, bare in ((m.Provider, provider, lambda d: construct.provider(d, None), m.Provider("p", "P")),
                                  (m.Author, author, construct.author, m.Author("a", "A"))):
        assert set(data) == set(input_properties(cls))
        record = read(data)
        assert [f.name for f in dataclasses.fields(cls) if "input" in f.metadata
                and getattr(record, f.name) == getattr(bare, f.name)] == ["id", "name"]
