"""The YAML writer: exact reloads, schema key order, headers, atomic and lazy writes."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.catalog import construct
from generator.importers import yaml_write as yamlwrite
from generator.model.layout import author_path, model_path, offering_path, provider_path
from generator.validation.validate import validate_catalog
from generator.validation.yaml_careful import CatalogLoader
from generator.validation.yaml_fast import parse

TRICKY = ["yes", "No", "null", "~", "0.35", "1e-05", "-dash", "a: b", "x #y", "trailing:", "2025-01-02",
          "Qwen/QwQ-32B", "us.anthropic.claude-haiku-4-5-20251001-v1:0", "it's", 'say "hi"', "ünïcode",
          "[flow]", "{x}", "@at", "*star", "&amp", "!bang", "%pct", "`tick", "", " lead", "tab\there", "line\nbreak"]


@pytest.mark.parametrize("text", TRICKY)
def test_strings_reload_unchanged(text):
    data, problems = parse(yamlwrite.dump("offering", "providers/p/models/x.yaml", {"id": "x", "name": text,
                                                                                        "aliases": [text, "b"]}), "f")
    assert problems == []
    assert data["name"] == text and data["aliases"] == [text, "b"]


@pytest.mark.parametrize("price", ["0.35", "0.75", "0.035", "0.4375", "1.1", "3", "0", "1E+2", "0.00001",
                                   "1234.5678", "0.1", "2.5E-7"])
def test_prices_reload_to_the_exact_decimal(price):
    value = Decimal(price)
    text = yamlwrite.dump("offering", "providers/p/models/x.yaml", {"id": "x", "pricing": {"input": value}})
    data, _ = parse(text, "f")
    assert construct.money(data["pricing"]["input"]) == value
    assert "e" not in text.split("input: ")[1].split("\n")[0].lower()


def test_a_price_that_cannot_reload_exactly_is_refused():
    with pytest.raises(yamlwrite.UnrepresentablePrice):
        yamlwrite.price_text(Decimal("0.8299999999999999"))


@pytest.mark.parametrize("kind, rel, prefix", [
    ("provider", provider_path("p"), "../../../"),
    ("offering", offering_path("p", "Qwen/QwQ-32B"), "../../../../"),
    ("model", model_path("a/m"), "../../../"),
    ("author", author_path("a"), "../../"),
])
def test_first_line_points_at_the_schema_from_the_files_depth(kind, rel, prefix):
    first = yamlwrite.dump(kind, rel, {"id": "x"}).splitlines()[0]
    assert first == f"# yaml-language-server: $schema={prefix}schema/{kind}.schema.json"


def test_keys_follow_the_schema_order_at_every_level():
    data = {"sources": [{"fields": ["a"], "importer": "litellm", "title": "t"}], "pricing": {"output": 1, "input": 2,
            "currency": "USD"}, "id": "x", "context_window": 5, "zzz_unknown": 1, "model": "a/b"}
    lines = yamlwrite.dump("offering", "providers/p/models/x.yaml", data).splitlines()[1:]
    keys = [line.strip().lstrip("- ").split(":")[0] for line in lines]
    assert keys == ["id", "model", "context_window", "pricing", "currency", "input", "output", "sources", "title",
                    "importer", "fields", "zzz_unknown"]


def test_same_data_same_bytes_and_no_rewrite(tmp_path):
    data = {"id": "p", "name": "P", "authentication": {"env": ["P_KEY"]}}
    assert yamlwrite.write_document(tmp_path, "provider", provider_path("p"), data) is True
    target = tmp_path / provider_path("p")
    first = target.read_bytes()
    stamp = target.stat().st_mtime_ns
    assert yamlwrite.write_document(tmp_path, "provider", provider_path("p"), dict(reversed(list(data.items())))) is False
    assert target.read_bytes() == first and target.stat().st_mtime_ns == stamp
    assert [p.name for p in target.parent.iterdir()] == ["provider.yaml"]  # no temporary file left


def test_written_catalog_validates(tmp_path):
    docs = [
        ("author", author_path("lab"), {"id": "lab", "name": "Lab"}),
        ("model", model_path("lab/m-1"), {"id": "lab/m-1", "name": "M 1", "authors": ["lab"], "knowledge_cutoff": "2024-06",
                                          "modalities": {"input": {"text": True, "image": False}}}),
        ("provider", provider_path("p"), {"id": "p", "name": "P", "endpoints": {"documentation": "https://p.example/docs"}}),
        ("offering", offering_path("p", "Lab/M-1:free"), {"id": "Lab/M-1:free", "model": "lab/m-1", "release_date": "2025-01-02",
         "pricing": {"currency": "USD", "input": Decimal("0.35"), "tiers": [{"above_tokens": 200000, "input": Decimal("0.7")}]},
         "sources": [{"title": "x: y", "importer": "models.dev", "fields": ["pricing.input"]}]}),
    ]
    for kind, rel, data in docs:
        yamlwrite.write_document(tmp_path, kind, rel, data)
    report = validate_catalog(tmp_path)
    assert report.errors == [] and len(report.documents) == 4


# -- any text, anywhere: keys, values, flow and block lists, flow mappings ----------------------------

ANY_CHAR = st.characters(codec=None, categories=None)  # every code point, lone surrogates and controls included
ANY_TEXT = st.text(ANY_CHAR, max_size=12) | st.sampled_from(
    TRICKY + ["KEY\n", "x\x85", "x\u2028", "\x7f", "\ud800", "a\ufeff", "a, b", "[x", "x]", "a:", "-", "\U0001f600"])
SURROGATE = re.compile("[\ud800-\udfff]")
DATE_LIKE = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}")  # written plain on purpose: the catalog loader reads them as text


def _document(text: str) -> dict:
    """*text* in every place the writer puts a string."""
    return {"id": "p", "name": text, text or "k": text, "authentication": {"env": [text, "B"]},
            "endpoints": {"other": "x", text or "k2": [text] * 30}, "flags": {text or "k3": True},
            "items": [{"title": text, "fields": [text]}, text, {}, [text]], "empty": {}}


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_text_is_written_so_it_reloads_as_itself(text):
    if SURROGATE.search(text):  # half of a UTF-16 pair is not a character: no file can hold it
        with pytest.raises(yamlwrite.UnrepresentableText, match="lone surrogate"):
            yamlwrite.dump("provider", provider_path("p"), _document(text))
        return
    written = yamlwrite.dump("provider", provider_path("p"), _document(text))
    written.encode("utf-8")
    assert CatalogLoader(written).get_single_data() == _document(text)
    if not DATE_LIKE.fullmatch(text):  # the YAML 1.1 reader would make a date of those
        assert yaml.safe_load(written) == _document(text)


@pytest.mark.parametrize("name", ["KEY\n", "KEY\r\n", "KEY\t", "KEY \u2028"])
def test_an_env_name_with_a_line_break_stays_in_its_flow_list(name):
    written = yamlwrite.dump("provider", provider_path("p"), {"id": "p", "authentication": {"env": [name]}})
    assert written.endswith("authentication:\n  env: [" + json.dumps(name) + "]\n")
    assert parse(written, "f")[0]["authentication"]["env"] == [name]


@pytest.mark.parametrize("text", ["A?", "A?B", "why? not"])
def test_a_question_mark_in_a_flow_list_is_quoted(text):
    """PyYAML ends a plain scalar at "?" inside a flow collection: ``[A?]`` did not load (found
    by the property above)."""
    written = yamlwrite.dump("provider", provider_path("p"), _document(text))
    assert CatalogLoader(written).get_single_data() == _document(text)
    assert yaml.safe_load(written) == _document(text)
