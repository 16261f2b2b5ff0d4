"""Names as callers write them: Catalog.resolve finds one offering and says which rule matched, or raises
with suggestions; never a different provider's or a different snapshot's offering."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog.load import load_catalog
from generator.catalog.lookup import UnknownName
from generator.catalog.names import AmbiguousName

CALLS = Path(__file__).parent / "fixtures" / "calls"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CALLS)


@pytest.mark.parametrize("name, provider, ref, rule", [
    ("openai/gpt-4o", None, "openai/gpt-4o", "reference"),
    ("openai/gpt-4o-2024-08-06", None, "openai/gpt-4o-2024-08-06", "reference"),  # a dated snapshot listed
    ("gpt-4o-2024-08-06", None, "openai/gpt-4o-2024-08-06", "id"),
    ("openrouter/openai/gpt-4o", None, "openrouter/openai/gpt-4o", "reference"),  # the gateway's own price
    ("OpenAI/GPT-4o", None, "openai/gpt-4o", "reference, case"),
    ("GPT-5", None, "openai/gpt-5", "id, case"),
    ("gpt-4o", "openai", "openai/gpt-4o", "id"),
    ("gpt-4o", "Azure", "azure/gpt-4o", "id"),
    ("openai/gpt-4o", "openrouter", "openrouter/openai/gpt-4o", "id"),  # an id holding `/`
    ("anthropic/claude-opus-4-1", None, "anthropic/claude-opus-4-1-20250805", "reference"),  # an alias
    ("claude-opus-4-1", None, "anthropic/claude-opus-4-1-20250805", "id"),
    ("anthropic/claude-sonnet-4-5", None, "anthropic/claude-sonnet-4-5-20250929", "reference, snapshot"),
    ("gemini/gemini-3-pro-preview", None, "google/gemini-3-pro-preview", "caller prefix"),
    ("vertex_ai/imagen-4.0-generate-001", None, "google-vertex/imagen-4.0-generate-001", "caller prefix"),
    ("bedrock/deepseek.v3.2", None, "amazon-bedrock/deepseek.v3.2", "caller prefix"),
    ("  deepseek-chat ", None, "deepseek/deepseek-chat", "id"),
])
def test_resolves(catalog, name, provider, ref, rule):
    found = catalog.resolve(name, provider)
    assert (found.offering.ref, found.rule, found.name) == (ref, rule, name)




@pytest.mark.parametrize("name, provider, error, words", [
    # a dated snapshot the catalog does not list: never the undated offering's price
    ("openai/gpt-4o-2024-05-13", None, UnknownName, ["`openai/gpt-4o-2024-05-13`", "`openai/gpt-4o` (offering)"]),
    ("gpt-4o-2024-05-13", "openai", UnknownName, ["`openai/gpt-4o-2024-05-13`", "`openai/gpt-4o` (offering)"]),
    # a gateway that does not list the model: never the model's own provider's price
    ("openrouter/openai/gpt-5", None, UnknownName, ["`openrouter/openai/gpt-5`"]),
    ("gpt-4o", None, AmbiguousName, ["2 offerings", "`azure/gpt-4o`, `openai/gpt-4o`", "give the provider"]),
    ("gpt-4o", "nowhere", UnknownName, ["unknown provider `nowhere`"]),
    ("llama-9", None, UnknownName, ["unknown offering `llama-9`"]),
    ("gemini/gpt-4o", None, UnknownName, ["`google/gpt-4o`"]),
])
def test_does_not_resolve(catalog, name, provider, error, words):
    with pytest.raises(error) as caught:
        catalog.resolve(name, provider)
    assert all(w in str(caught.value) for w in words), str(caught.value)
