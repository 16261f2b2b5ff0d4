"""The LiteLLM importer (generator/importers/litellm.py) field by field and skip by skip, on one-entry
files: each LiteLLM key lands on its own field of ours, and each entry or value we cannot keep is
reported with its key and reason.

Written against the mutants `make mutate MUTATE=litellm` found surviving the import tests.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator.importers import litellm
from generator.importers.models_dev_map import Context
from generator.importers.report import ImportReport


def read(tmp_path: Path, entries, **kwargs) -> litellm.Batch:
    source = tmp_path / "prices.json"
    source.write_text(entries if isinstance(entries, str) else json.dumps(entries))
    return litellm.read(source, **kwargs)


def lines(report: ImportReport) -> list[str]:
    return [s.format() for s in report.skips]


def offerings(batch) -> dict[str, dict]:
    return {i.rel: i.data for i in batch.items if i.kind == "offering"}


def ctx(free: str | None = None) -> Context:
    return Context(ImportReport("litellm", "x"), "k", "litellm", free)


KIND_OF = {"chat": "chat", "responses": "chat", "completion": "completion", "embedding": "embedding",
           "rerank": "rerank", "moderation": "moderation", "image_generation": "image_generation",
           "image_edit": "image_edit", "video_generation": "video_generation", "audio_speech": "speech",
           "audio_transcription": "transcription", "realtime": "realtime", "ocr": "ocr", "search": "search"}


@pytest.mark.parametrize("mode, kind", sorted(KIND_OF.items()))
def test_every_mode_is_our_kind(mode, kind):
    context = ctx()
    assert litellm.offering(context, "m", {"mode": mode}) == ({"id": "m", "kind": kind}, None)
    assert lines(context.report) == [] and not context.report.unmapped


def test_every_mode_is_written_out_here():
    assert set(litellm.KINDS) == set(KIND_OF)


@pytest.mark.parametrize("mode", ["vector_store", 5, ""])
def test_a_mode_we_do_not_know_is_reported_with_the_modes_we_do(mode):
    context = ctx()
    assert litellm.offering(context, "m", {"mode": mode}) == ({"id": "m"}, None)
    assert lines(context.report) == [f"skipped k (mode): invalid value: {mode!r} is not one of "
                                     f"{', '.join(sorted(KIND_OF))}; the field is left out"]


def test_every_flag_is_our_feature_or_modality():
    raw = {"supports_function_calling": True, "supports_tool_choice": False, "supports_response_schema": True,
           "supports_reasoning": False, "supports_web_search": True, "supports_native_streaming": False,
           "supports_vision": True, "supports_pdf_input": False, "supports_audio_input": True,
           "supports_video_input": False, "supports_audio_output": True}
    context = ctx()
    data, _ = litellm.offering(context, "m", raw)
    assert data["features"] == {"tool_calling": True, "tool_choice": False, "structured_outputs": True,
                                "reasoning": False, "web_search": True, "streaming": False}
    assert data["modalities"] == {"input": {"image": True, "pdf": False, "audio": True, "video": False},
                                  "output": {"audio": True}}
    assert lines(context.report) == [] and not context.report.unmapped


@pytest.mark.parametrize("key", ["supports_function_calling", "supports_vision"])
def test_a_flag_that_is_not_true_or_false_is_reported(key):
    context = ctx()
    assert litellm.offering(context, "m", {key: 1}) == ({"id": "m"}, None)
    assert lines(context.report) == [f"skipped k ({key}): invalid value: 1 is not true or false; the field is left out"]


def test_limits_rates_date_and_source_are_ours_and_the_rest_counted_unmapped():
    raw = {"max_input_tokens": 1000, "max_output_tokens": 200, "rpm": 3, "tpm": 4000, "deprecation_date": "2026-02-01",
           "source": "https://example.com/p", "litellm_provider": "xai", "max_tokens": 200, "supports_x": True,
           "input_cost_per_token": Decimal("1E-6"), "input_dbu_cost_per_token": Decimal("1E-6"),
           "search_context_cost_per_query": {}, "tiered_pricing": []}
    context = ctx()
    data, url = litellm.offering(context, "m", raw)
    assert data == {"id": "m", "max_input_tokens": 1000, "max_output_tokens": 200, "rate_limits": [
        {"requests_per_minute": 3, "tokens_per_minute": 4000}], "deprecation_date": "2026-02-01",
        "pricing": {"currency": "USD", "input": 1}}
    assert url == "https://example.com/p"
    assert dict(context.report.unmapped) == {"litellm.max_tokens": 1, "litellm.supports_x": 1,
                                             "litellm.input_dbu_cost_per_token": 1}


@pytest.mark.parametrize("source", ["not a url", "ftp://example.com", "https://", "https:// x", 5])
def test_a_source_that_is_not_an_http_url_is_reported(source):
    context = ctx()
    assert litellm.offering(context, "m", {"source": source}) == ({"id": "m"}, None)
    assert lines(context.report) == [f"skipped k (source): invalid value: {source!r} is not an http(s) URL; the "
                                     "field is left out"]


@pytest.mark.parametrize("source", ["http://example.com", "https://a.b/c?d#e"])
def test_an_http_source_is_kept(source):
    assert litellm.offering(ctx(), "m", {"source": source}) == ({"id": "m"}, source)


def test_a_deprecation_date_that_is_not_one_is_reported():
    context = ctx()
    assert litellm.offering(context, "m", {"deprecation_date": "soon"}) == ({"id": "m"}, None)
    assert [s.input for s in context.report.skips] == ["k (deprecation_date)"]


@pytest.mark.parametrize("value, out", [(0, 0), (5, 5), (Decimal("7.0"), 7), (2.0, 2), (2**53 - 1, 2**53 - 1),
                                        (Decimal("9007199254740991.0"), 2**53 - 1)])
def test_a_count_is_a_whole_number(value, out):
    context = ctx()
    assert litellm._count(context, "rpm", value) == out and type(litellm._count(context, "rpm", value)) is int
    assert lines(context.report) == []


@pytest.mark.parametrize("value, why", [
    (True, "is not a whole number >= 0"), (-1, "is not a whole number >= 0"), ("5", "is not a whole number >= 0"),
    (2**53, "is above 9,007,199,254,740,991, the largest whole number JSON readers keep exactly"),
])
def test_a_count_that_is_not_one_is_reported(value, why):
    context = ctx()
    assert litellm._count(context, "rpm", value) is None
    assert lines(context.report) == [f"skipped k (rpm): invalid value: {value!r} {why}; the field is left out"]


# -- entries -------------------------------------------------------------------------------------

def test_the_label_names_the_file_commit_and_day(tmp_path):
    assert read(tmp_path, {}).label == "LiteLLM prices.json"
    assert read(tmp_path, {}, commit="abc", accessed="2026-01-02").label == "LiteLLM prices.json commit abc read 2026-01-02"
    assert read(tmp_path, {}, accessed="2026-01-02").label == "LiteLLM prices.json read 2026-01-02"


def test_a_file_that_is_not_an_object_is_reported_whole(tmp_path):
    batch = read(tmp_path, [1, 2])
    assert batch.items == [] and lines(batch.report) == [
        f"skipped {tmp_path / 'prices.json'}: invalid value: the file is not a JSON object of model entries"]
    assert batch.report.counts["offerings"]["skipped"] == 1


def test_a_repeated_key_is_an_offering_duplicate_and_a_nested_one_counts_no_kind(tmp_path):
    batch = read(tmp_path, '{"xai/a": {"litellm_provider": "xai", "x": 1, "x": 2}, '
                           '"xai/a": {"litellm_provider": "xai"}}')
    assert [(s.input, s.reason, s.kind) for s in batch.report.skips] == [("x", "duplicate", ""),
                                                                         ("xai/a", "duplicate", "offerings")]
    assert batch.report.skips[1].detail == "the key is given more than once in the JSON; only its last value is read"


def test_each_provider_is_made_once_with_its_name_and_each_entry_an_offering(tmp_path):
    batch = read(tmp_path, {"xai/a": {"litellm_provider": "xai"}, "xai/b": {"litellm_provider": "xai"},
                            "groq/c": {"litellm_provider": "groq"}})
    assert [(i.kind, i.rel, i.data, i.origin) for i in batch.items if i.kind == "provider"] == [
        ("provider", "providers/groq/provider.yaml", {"id": "groq", "name": "Groq"}, "litellm_provider groq"),
        ("provider", "providers/xai/provider.yaml", {"id": "xai", "name": "xAI"}, "litellm_provider xai")]
    assert sorted(offerings(batch)) == ["providers/groq/models/c.yaml", "providers/xai/models/a.yaml",
                                        "providers/xai/models/b.yaml"]
    assert batch.report.skips == []


@pytest.mark.parametrize("entry, line", [
    ({"litellm_provider": ["xai"]}, "provider not in the mapping table: litellm_provider ['xai']: is not a provider "
                                    "name (a string)"),
    ({"litellm_provider": "nobody"}, "provider not in the mapping table: litellm_provider 'nobody': add it to "
                                     "generator/importers/litellm_providers.py if it is a provider"),
    ("text", "invalid value: the entry is not a JSON object"),
])
def test_an_entry_we_cannot_place_is_reported(tmp_path, entry, line):
    batch = read(tmp_path, {"e": entry})
    assert batch.items == [] and lines(batch.report) == [f"skipped e: {line}"]
    assert batch.report.counts["offerings"]["skipped"] == 1


def test_the_sample_spec_is_not_a_model(tmp_path):
    batch = read(tmp_path, {"sample_spec": {"litellm_provider": "xai"}})
    assert batch.items == [] and lines(batch.report) == ["skipped sample_spec: holds no usable facts: documents "
                                                         "LiteLLM's fields; not a model"]


@pytest.mark.parametrize("own, ok", [("a" * 200, True), ("a" * 201, False), ("a b~", True), ("a\x1fb", False),
                                     ("a\x7fb", False), ("a\x80b", True), ("", False)])
def test_an_id_must_be_short_and_printable(tmp_path, own, ok):
    batch = read(tmp_path, {f"xai/{own}": {"litellm_provider": "xai"}})
    assert [i.data["id"] for i in batch.items if i.kind == "offering"] == ([own] if ok else [])
    shown = own.encode("unicode_escape").decode()  # the report escapes a control character: one line, visible
    assert lines(batch.report) == ([] if ok else [
        f"skipped xai/{shown}: id that cannot become a portable file name: `{shown}` is empty, too long or holds "
        "control characters"])


def test_a_zero_price_is_kept_when_the_id_says_free(tmp_path):
    batch = read(tmp_path, {"xai/m:free": {"litellm_provider": "xai", "input_cost_per_token": 0},
                            "xai/m": {"litellm_provider": "xai", "input_cost_per_token": 0}})
    assert [d.get("pricing") for d in offerings(batch).values()] == [None, {"currency": "USD", "input": 0}]
    assert [s.reason for s in batch.report.skips] == ["unconfirmed-zero"]


def test_regional_entries_are_regional_rates_of_their_model_sorted(tmp_path):
    batch = read(tmp_path, {
        "anthropic.m": {"litellm_provider": "bedrock", "input_cost_per_token": 1e-06},
        "bedrock/us-east-1/anthropic.m": {"litellm_provider": "bedrock", "input_cost_per_token": 3e-06},
        "bedrock/eu-west-1/anthropic.m": {"litellm_provider": "bedrock", "input_cost_per_token": 2e-06,
                                          "input_cost_per_token_batches": 1e-06}})
    [data] = offerings(batch).values()
    assert data["pricing"] == {"currency": "USD", "input": 1, "conditional": [
        {"unit": "input", "rate": 2, "region": "eu-west-1"}, {"unit": "input", "rate": 3, "region": "us-east-1"},
        {"unit": "input", "rate": 1, "tier": "batch", "region": "eu-west-1"}]}
    assert sorted(lines(batch.report)) == [
        f"skipped bedrock/{r}/anthropic.m: merged into another entry: regional prices of `anthropic.m`: its "
        "pricing.conditional items with this region" for r in ("eu-west-1", "us-east-1")]


def test_regional_rates_join_the_models_own_conditional_rates(tmp_path):
    batch = read(tmp_path, {"anthropic.m": {"litellm_provider": "bedrock", "input_cost_per_token_batches": 1e-06},
                            "bedrock/us-east-1/anthropic.m": {"litellm_provider": "bedrock",
                                                              "input_cost_per_token": 3e-06}})
    [data] = offerings(batch).values()
    assert data["pricing"] == {"currency": "USD", "conditional": [
        {"unit": "input", "rate": 3, "region": "us-east-1"}, {"unit": "input", "rate": 1, "tier": "batch"}]}


def test_regional_rates_of_a_model_without_costs_of_its_own_are_in_us_dollars(tmp_path):
    batch = read(tmp_path, {"anthropic.m": {"litellm_provider": "bedrock"},
                            "bedrock/us-east-1/anthropic.m": {"litellm_provider": "bedrock",
                                                              "input_cost_per_token": 3e-06}})
    [data] = offerings(batch).values()
    assert data["pricing"] == {"currency": "USD", "conditional": [{"unit": "input", "rate": 3, "region": "us-east-1"}]}


def test_a_regional_zero_needs_its_own_reason_to_be_free(tmp_path):
    batch = read(tmp_path, {"anthropic.m": {"litellm_provider": "bedrock", "input_cost_per_token": 1e-06},
                            "bedrock/us-east-1/anthropic.m": {"litellm_provider": "bedrock", "input_cost_per_token": 0}})
    [data] = offerings(batch).values()
    assert data["pricing"] == {"currency": "USD", "input": 1}
    assert [(s.input, s.reason) for s in batch.report.skips if s.reason != "merged"] == [
        ("bedrock/us-east-1/anthropic.m (input_cost_per_token)", "unconfirmed-zero")]
