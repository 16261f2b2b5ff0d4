"""Merging imports into a catalog: fill unknowns only, --overwrite, --dry-run, provenance, idempotence."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.importers import merge
from generator.importers.items import Batch, Item
from generator.importers.report import ImportReport
from generator.model.layout import offering_path
from generator.validation.validate import validate_catalog
from generator.validation.yaml_fast import load_bytes

REL = offering_path("cerebras", "gpt-oss-120b")


def batch_of(*items: Item, importer: str = "models.dev") -> Batch:
    batch = Batch(importer, importer, ImportReport(importer, "test"))
    for item in items:
        batch.add(item)
    return batch


def imported(data: dict, importer: str = "models.dev") -> Batch:
    return batch_of(Item("offering", REL, {"id": "gpt-oss-120b", **data}, "x.toml"), importer=importer)


def read(data_dir: Path, rel: str = REL) -> dict:
    data, problems = load_bytes((data_dir / rel).read_bytes(), rel)
    assert problems == []
    return data


def test_fill_only_keeps_curated_values_and_reports_disagreement(data_copy):
    batch = imported({"context_window": 131072, "max_output_tokens": 40960,
                      "pricing": {"currency": "USD", "input": Decimal("0.35"), "cached_input": Decimal("0.1")}})
    merge.apply(batch, data_copy)
    doc = read(data_copy)
    assert doc["pricing"]["input"] == 0.25 and doc["pricing"]["output"] == 0.69  # curated
    assert doc["pricing"]["cached_input"] == 0.1 and doc["max_output_tokens"] == 40960  # filled
    (disagreement,) = batch.report.disagreements
    assert (disagreement.field, disagreement.catalog, disagreement.source) == ("pricing.input", "0.25", "0.35")
    assert batch.report.counts["offerings"]["updated"] == 1
    assert validate_catalog(data_copy).errors == []


def test_provenance_lists_only_supplied_fields(data_copy):
    merge.apply(imported({"max_output_tokens": 40960, "context_window": 131072}), data_copy)
    sources = read(data_copy)["sources"]
    assert sources[0]["url"] == "https://inference-docs.cerebras.ai/models/overview"  # curated source kept first
    assert sources[1] == {"title": "models.dev: x.toml", "importer": "models.dev", "fields": ["max_output_tokens"]}


def test_overwrite_replaces_and_moves_credit(data_copy):
    merge.apply(imported({"pricing": {"currency": "USD", "cached_input": Decimal("0.1")}}), data_copy)
    merge.apply(imported({"pricing": {"currency": "USD", "input": Decimal("0.35"), "cached_input": Decimal("0.2")}},
                         "litellm"), data_copy, overwrite=True)
    doc = read(data_copy)
    assert doc["pricing"]["input"] == 0.35 and doc["pricing"]["cached_input"] == 0.2
    by_importer = {s.get("importer"): s for s in doc["sources"]}
    assert by_importer["litellm"]["fields"] == ["pricing.cached_input", "pricing.input"]
    assert "models.dev" not in by_importer  # its only field was replaced, so it no longer supplies anything


def test_second_import_changes_nothing(data_copy):
    merge.apply(imported({"max_output_tokens": 40960}), data_copy)
    before = (data_copy / REL).read_bytes()
    batch = imported({"max_output_tokens": 40960})
    merge.apply(batch, data_copy)
    assert (data_copy / REL).read_bytes() == before
    assert batch.report.counts["offerings"]["unchanged"] == 1


def test_dry_run_writes_nothing_and_says_what_would_change(data_copy):
    before = (data_copy / REL).read_bytes()
    lines: list[str] = []
    new = Item("offering", offering_path("cerebras", "new-one"), {"id": "new-one", "context_window": 5}, "n.toml")
    batch = batch_of(Item("offering", REL, {"id": "gpt-oss-120b", "max_output_tokens": 1,
                                            "pricing": {"currency": "USD", "input": Decimal("0.35")}}, "x.toml"), new)
    merge.apply(batch, data_copy, dry_run=True, overwrite=True, echo=lines.append)
    assert (data_copy / REL).read_bytes() == before
    assert not (data_copy / offering_path("cerebras", "new-one")).exists()
    assert lines == [f"update {REL}: +max_output_tokens, ~pricing.input (0.25 -> 0.35)",
                     f"create {offering_path('cerebras', 'new-one')}: 2 field(s)"]


def test_unchanged_curated_file_is_not_rewritten(data_copy):
    before = (data_copy / REL).read_bytes()
    merge.apply(imported({"context_window": 131072}), data_copy)
    assert (data_copy / REL).read_bytes() == before


def test_other_currency_is_not_mixed(data_copy):
    path = data_copy / REL
    path.write_text(path.read_text().replace("currency: USD", "currency: EUR"))
    batch = imported({"pricing": {"currency": "USD", "cached_input": Decimal("0.1")}})
    merge.apply(batch, data_copy)
    assert "cached_input" not in read(data_copy)["pricing"]
    assert [d.field for d in batch.report.disagreements] == ["pricing.currency"]


def test_model_is_not_added_beside_authors(data_copy):
    rel = offering_path("cerebras", "own")
    merge.apply(batch_of(Item("offering", rel, {"id": "own", "authors": ["openai"]}, "a")), data_copy)
    merge.apply(batch_of(Item("offering", rel, {"id": "own", "model": "openai/gpt-oss-120b"}, "b")), data_copy)
    assert "model" not in read(data_copy, rel)
    assert validate_catalog(data_copy).errors == []


def test_imported_limit_that_contradicts_the_catalog_is_dropped_and_reported(data_copy):
    batch = imported({"max_output_tokens": 200000})
    merge.apply(batch, data_copy)
    assert "max_output_tokens" not in read(data_copy)
    (skip,) = batch.report.skips
    assert skip.reason == "invalid-value" and "131072" in skip.detail
    assert validate_catalog(data_copy).errors == []


def test_unreadable_existing_file_is_left_alone_and_reported(data_copy):
    (data_copy / REL).write_text("id: [unclosed\n")
    batch = imported({"max_output_tokens": 1})
    merge.apply(batch, data_copy)
    assert (data_copy / REL).read_text() == "id: [unclosed\n"
    assert batch.report.skips[0].reason == "existing-file"
