"""Each starmap key of the mapping tables lands on its own field of ours (generator/importers/starmap_map.py),
checked key by key so that a renamed key or field in any table fails here."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.importers import starmap_map as s
from generator.importers.starmap_provider import _operation
from generator.importers.report import ImportReport


def ctx() -> s.StarmapContext:
    return s.StarmapContext(ImportReport("starmap", "x"), "providers.yaml: p", "provider")


def test_every_starmap_feature_maps_to_our_feature():
    raw = {"tool_calls": True, "tool_choice": False, "structured_outputs": True, "reasoning": False,
           "streaming": True, "web_search": False, "attachments": True, "temperature": False}
    assert s.features(ctx(), raw) == ({"tool_calling": True, "tool_choice": False, "structured_outputs": True,
                                       "reasoning": False, "streaming": True, "web_search": False,
                                       "file_attachments": True, "temperature": False}, {}, None)


def test_every_starmap_token_price_maps_to_our_price():
    tokens = {name: {"per_1m": i + 1} for i, name in enumerate(
        ("input", "output", "cache_read", "cache_write", "reasoning", "audio_input", "audio_output"))}
    context = ctx()
    assert s.token_prices(context, "pricing.tokens", tokens) == {
        "input": Decimal(1), "output": Decimal(2), "cached_input": Decimal(3), "cache_write": Decimal(4),
        "reasoning": Decimal(5), "input_audio": Decimal(6), "output_audio": Decimal(7)}
    assert context.report.skips == []


def test_every_starmap_limit_maps_to_our_limit():
    assert s.limits(ctx(), {"context_window": 1000, "input_tokens": 800, "output_tokens": 200}) == {
        "context_window": 1000, "max_input_tokens": 800, "max_output_tokens": 200}


@pytest.mark.parametrize("theirs, ours", [("alpha", "alpha"), ("beta", "preview"), ("preview", "preview"),
                                          ("active", "active"), ("deprecated", "deprecated"),
                                          ("retired", "retired")])
def test_every_starmap_status_maps_to_our_status(theirs, ours):
    context = ctx()
    assert s.status(context, theirs) == ours
    assert context.report.skips == []


@pytest.mark.parametrize("operation", ["embeddings", "completions", "responses", "images", "speech",
                                       "transcriptions"])
def test_every_starmap_operation_becomes_our_endpoint_of_that_name(operation):
    context, out = ctx(), {}
    _operation(context, "inference.endpoints[0]", {"operation": operation, "path": f"/{operation}"},
               "https://api.example.com/v1/", {}, out)
    assert out == {operation: f"https://api.example.com/v1/{operation}"}
    assert context.report.skips == [] and not context.report.unmapped


def test_a_value_that_is_not_a_mapping_is_reported_and_read_as_empty():
    context = ctx()
    assert s.table(context, "limits", [1]) == {}
    [skip] = context.report.skips
    assert (skip.input, skip.reason, skip.detail) == (
        "providers.yaml: p (limits)", "invalid-value", "[1] is not a mapping; the field is left out")
