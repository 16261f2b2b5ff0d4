"""Each starmap key of the mapping tables lands on its own field of ours (generator/importers/starmap_map.py),
checked key by key so that a renamed key or field in any table fails here."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.importers import starmap_map as s
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
