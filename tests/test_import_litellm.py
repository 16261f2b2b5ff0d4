"""The LiteLLM importer on a hand-written fixture: prices, provider table, kinds, features, skips."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator.importers import litellm, run_import
from generator.importers.litellm_providers import PROVIDERS, UNMAPPED_WHY
from generator.importers.models_dev_map import Context
from generator.importers.report import ImportReport
from generator.validation.validate import validate_catalog
from generator.validation.yaml_fast import load_bytes

TINY = Path(__file__).parent / "fixtures" / "litellm_tiny.json"


@pytest.fixture
def imported(tmp_path):
    return tmp_path, run_import("litellm", TINY, tmp_path)


def doc(data_dir: Path, rel: str) -> dict:
    data, problems = load_bytes((data_dir / rel).read_bytes(), rel)
    assert problems == []
    return data


@pytest.mark.parametrize("per_token, per_million", [
    ("3.5e-07", "0.35"), ("7.5e-07", "0.75"), ("1e-08", "0.01"), ("1.25e-06", "1.25"), ("0.0", "0"),
    ("2.5e-05", "25"), ("1.1e-07", "0.11"), ("6e-08", "0.06"),
])
def test_per_token_cost_becomes_exact_price_per_million(per_token, per_million):
    ctx = Context(ImportReport("litellm", "x"), "k", "litellm", free="its id says free")
    assert litellm.per_million(ctx, "input_cost_per_token", Decimal(per_token)) == Decimal(per_million)
    assert str(litellm.per_million(ctx, "input_cost_per_token", Decimal(per_token))) == per_million


def test_fixture_validates(imported):
    assert validate_catalog(imported[0]).errors == []


def test_offering_fields(imported):
    data = doc(imported[0], "providers/cerebras/models/tiny-chat.yaml")
    assert data["kind"] == "chat"
    assert (data["max_input_tokens"], data["max_output_tokens"]) == (131072, 32768)
    assert "context_window" not in data  # LiteLLM gives no context window
    assert data["pricing"] == {"currency": "USD", "input": 0.35, "output": 0.75, "cached_input": 0.01,
                               "cache_write": 1.25, "reasoning": 2,
                               "tiers": [{"above_tokens": 200000, "input": 0.7, "output": 1.5}]}
    assert data["features"] == {"tool_calling": True, "tool_choice": False, "structured_outputs": True, "reasoning": True}
    assert data["modalities"] == {"input": {"image": False, "pdf": True}, "output": {"audio": False}}
    assert data["rate_limits"] == [{"requests_per_minute": 30, "tokens_per_minute": 60000}]
    assert data["deprecation_date"] == "2026-01-31"
    source = data["sources"][0]
    assert source["url"] == "https://cerebras.example/pricing" and source["importer"] == "litellm"
    assert imported[1].unmapped["litellm.supports_prompt_caching"] == 1
    assert imported[1].unmapped["litellm.max_tokens"] == 1


def test_mode_mapping(imported):
    assert doc(imported[0], "providers/openai/models/tiny-responses.yaml")["kind"] == "chat"
    assert doc(imported[0], "providers/groq/models/tiny-free.yaml")["kind"] == "embedding"
    assert "kind" not in doc(imported[0], "providers/openai/models/tiny-store.yaml")


def test_free_is_zero_not_unknown(imported):
    assert doc(imported[0], "providers/groq/models/tiny-free.yaml")["pricing"] == {"currency": "USD", "input": 0, "output": 0}


def test_providers_come_from_the_table(imported):
    assert doc(imported[0], "providers/cerebras/provider.yaml")["name"] == PROVIDERS["cerebras"].name
    assert sorted(p.name for p in (imported[0] / "providers").iterdir()) == ["cerebras", "groq", "openai"]


def test_every_skip_has_its_reason(imported):
    found = {(s.input, s.reason) for s in imported[1].skips}
    assert found == {
        ("sample_spec", "no-data"),
        ("tiny-chat", "duplicate"),  # same offering as cerebras/tiny-chat
        ("nowhere/tiny", "unmapped-provider"),
        ("ollama/tiny", "unmapped-provider"),
        ("not-an-object", "invalid-value"),
        ("tiny-store (mode)", "invalid-value"),
        ("tiny-store (supports_web_search)", "invalid-value"),
        ("tiny-free (source)", "invalid-value"),
    }
    unmapped = next(s for s in imported[1].skips if s.input == "ollama/tiny")
    assert "local runtime" in unmapped.detail


def test_provider_prefix_is_stripped_only_when_it_is_the_providers():
    assert litellm._own_id("cerebras/gpt-oss-120b", ("cerebras",)) == "gpt-oss-120b"
    assert litellm._own_id("meta-llama/Llama-3", ("together_ai",)) == "meta-llama/Llama-3"
    assert litellm._own_id("gpt-4o", ("openai",)) == "gpt-4o"


def test_not_json_is_reported_and_nothing_usable(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    report = run_import("litellm", bad, tmp_path / "data")
    assert [s.reason for s in report.skips] == ["not-json"] and not report.usable


def test_a_key_given_twice_is_reported(tmp_path):
    source = tmp_path / "dup.json"
    source.write_text('{"groq/a": {"litellm_provider": "groq", "input_cost_per_token": 1e-06},\n'
                      ' "groq/a": {"litellm_provider": "groq", "input_cost_per_token": 2e-06}}')
    report = run_import("litellm", source, tmp_path / "data")
    assert [(s.input, s.reason) for s in report.skips] == [("groq/a", "duplicate")]
    assert doc(tmp_path / "data", "providers/groq/models/a.yaml")["pricing"]["input"] == 2


def _import_one(tmp_path, entry: dict, key: str = "xai/grok-tiny") -> tuple[dict | None, list[str]]:
    """Import a one-entry LiteLLM file; the offering written (or None) and the report's skip lines."""
    source = tmp_path / "one.json"
    source.write_text(json.dumps({key: entry}))
    report = run_import("litellm", source, tmp_path / "data")
    written = list((tmp_path / "data").rglob("models/*.yaml"))
    data = doc(tmp_path / "data", written[0].relative_to(tmp_path / "data").as_posix()) if written else None
    return data, [s.format() for s in report.skips]


def test_a_float_that_is_a_whole_number_is_a_limit(tmp_path):
    # issue 12: 14 xai grok-4-fast entries give max_output_tokens 2000000.0 and lost it
    data, lines = _import_one(tmp_path, {"litellm_provider": "xai", "max_output_tokens": 2000000.0,
                                         "max_input_tokens": 2e6, "rpm": 60.0})
    assert lines == []
    assert (data["max_output_tokens"], data["max_input_tokens"]) == (2000000, 2000000)
    assert data["rate_limits"] == [{"requests_per_minute": 60}]
    assert type(data["max_output_tokens"]) is int


@pytest.mark.parametrize("text, line", [
    ("2000000.5", "skipped xai/grok-tiny (max_output_tokens): invalid value: Decimal('2000000.5') "
                  "is not a whole number >= 0; the field is left out"),
    ("-1.0", "skipped xai/grok-tiny (max_output_tokens): invalid value: Decimal('-1.0') "
             "is not a whole number >= 0; the field is left out"),
    ("NaN", "skipped xai/grok-tiny (max_output_tokens): invalid value: nan "
            "is not a whole number >= 0; the field is left out"),
    ("Infinity", "skipped xai/grok-tiny (max_output_tokens): invalid value: inf "
                 "is not a whole number >= 0; the field is left out"),
    ("9007199254740992.0", "skipped xai/grok-tiny (max_output_tokens): invalid value: "
                           "Decimal('9007199254740992.0') is above 9,007,199,254,740,991, the largest whole "
                           "number JSON readers keep exactly; the field is left out"),
    ("1e400", "skipped xai/grok-tiny (max_output_tokens): invalid value: Decimal('1E+400') is above "
              "9,007,199,254,740,991, the largest whole number JSON readers keep exactly; the field is left out"),
])
def test_a_float_that_is_not_a_kept_whole_number_is_reported(tmp_path, text, line):
    source = tmp_path / "one.json"
    source.write_text('{"xai/grok-tiny": {"litellm_provider": "xai", "max_output_tokens": %s}}' % text)
    report = run_import("litellm", source, tmp_path / "data")
    assert [s.format() for s in report.skips] == [line]
    assert "max_output_tokens" not in doc(tmp_path / "data", "providers/xai/models/grok-tiny.yaml")


def test_providers_once_skipped_are_mapped_models_dev_ids_first(tmp_path):
    # issue 12: volcengine, gradient_ai, amazon_nova, ... were skipped as unmapped-provider
    source = tmp_path / "more.json"
    source.write_text(json.dumps({
        "glm-4-7-251222": {"litellm_provider": "volcengine", "mode": "chat"},
        "gradient_ai/openai-o3": {"litellm_provider": "gradient_ai", "mode": "chat"},
        "amazon-nova/nova-pro-v1": {"litellm_provider": "amazon_nova", "mode": "chat"},
        "oci/xai.grok-4": {"litellm_provider": "oci", "mode": "chat"},
    }))
    report = run_import("litellm", source, tmp_path / "data")
    assert report.skips == []
    written = sorted(p.relative_to(tmp_path / "data").as_posix() for p in (tmp_path / "data").rglob("models/*"))
    assert written == ["providers/digitalocean/models/openai-o3.yaml", "providers/nova/models/nova-pro-v1.yaml",
                       "providers/oci/models/xai.grok-4.yaml", "providers/volcengine/models/glm-4-7-251222.yaml"]


def test_what_stays_unmapped_says_why(tmp_path):
    source = tmp_path / "rest.json"
    source.write_text(json.dumps({
        "codestral/codestral-latest": {"litellm_provider": "codestral", "mode": "chat"},
        "tavily/search": {"litellm_provider": "tavily", "mode": "search"},
        "nowhere/tiny": {"litellm_provider": "made_up_cloud", "mode": "chat"},
    }))
    report = run_import("litellm", source, tmp_path / "data")
    unmapped = "skipped {}: provider not in the mapping table: litellm_provider '{}': {}"
    assert [s.format() for s in report.skips] == [
        unmapped.format("codestral/codestral-latest", "codestral",
                        "Mistral's Codestral endpoint; its models come from the `mistral` entries"),
        unmapped.format("nowhere/tiny", "made_up_cloud",
                        "add it to generator/importers/litellm_providers.py if it is a provider"),
        unmapped.format("tavily/search", "tavily", "a web search API, not a model provider"),
    ]


def test_a_value_is_mapped_or_explained_never_both():
    assert not PROVIDERS.keys() & UNMAPPED_WHY.keys()


def test_the_guide_lists_every_mapped_provider_value():
    """The guide's table is hand-written; each code row appears there with its provider id
    (the vertex_ai-<kind> rows as one `vertex_ai-*` cell)."""
    page = (Path(__file__).parents[1] / "generator/outputs/site/guide_pages/importing.md").read_text()
    cells = [c.strip() for line in page.splitlines() if line.startswith("| ") for c in line.split("|")]
    pairs = {(value.split(" (")[0].strip(), cells[i + 1]) for i, cell in enumerate(cells[:-1])
             for value in cell.split(",")}
    missing = {(name, t.provider_id) for name, t in PROVIDERS.items() if (name, t.provider_id) not in pairs
               and not (name.startswith("vertex_ai-") and ("vertex_ai-*", t.provider_id) in pairs)}
    assert missing == set()
