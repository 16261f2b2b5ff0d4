"""The importers' merge (generator/importers/merge.py) part by part: exact outcomes, report lines,
provenance entries and echo lines, on an empty catalog folder or plain dictionaries.

Written against the mutants `make mutate MUTATE=merge` found surviving tests/test_import_merge.py.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.importers import merge
from generator.importers.items import Batch, Item
from generator.importers.report import ImportReport
from generator.model.layout import offering_path
from generator.validation.yaml_fast import load_bytes

REL = offering_path("acme", "m")


def batch_of(*items: Item, importer: str = "models.dev") -> Batch:
    batch = Batch(importer, f"{importer} commit abc", ImportReport(importer, "test"))
    for item in items:
        batch.add(item)
    return batch


def offering(data: dict, origin: str = "m.toml", **kw) -> Item:
    return Item("offering", REL, {"id": "m", "authors": ["lab"], **data}, origin, **kw)


def read(data_dir: Path, rel: str = REL) -> dict:
    data, problems = load_bytes((data_dir / rel).read_bytes(), rel)
    assert problems == []
    return data


def lines(batch: Batch) -> list[str]:
    return [s.format() for s in batch.report.skips]


def counts(batch: Batch) -> dict:
    return {kind: dict(c) for kind, c in batch.report.counts.items() if c}


# --- outcomes counted and echoed


def test_created_then_unchanged_then_updated(tmp_path):
    shown: list[str] = []
    first = batch_of(offering({"context_window": 1000}))
    merge.apply(first, tmp_path, echo=shown.append)
    assert counts(first) == {"offerings": {"created": 1}} and shown == [f"create {REL}: 3 field(s)"]
    again = batch_of(offering({"context_window": 1000}))
    merge.apply(again, tmp_path, echo=shown.append)
    assert counts(again) == {"offerings": {"unchanged": 1}} and len(shown) == 1
    more = batch_of(offering({"context_window": 1000, "max_output_tokens": 10}))
    merge.apply(more, tmp_path, echo=shown.append)
    assert counts(more) == {"offerings": {"updated": 1}} and shown[1] == f"update {REL}: +max_output_tokens"
    assert read(tmp_path)["max_output_tokens"] == 10


def test_a_file_edited_since_but_given_nothing_new_is_unchanged_and_not_rewritten(tmp_path):
    merge.apply(batch_of(offering({"context_window": 1000})), tmp_path)
    path = tmp_path / REL
    path.write_text(path.read_text() + "max_output_tokens: 5\n")
    edited = path.read_bytes()
    batch = batch_of(offering({"context_window": 1000}))
    merge.apply(batch, tmp_path)
    assert counts(batch) == {"offerings": {"unchanged": 1}} and path.read_bytes() == edited


def test_existing_only_fills_files_the_catalog_has_and_counts_the_others(tmp_path):
    merge.apply(batch_of(offering({"context_window": 1000})), tmp_path)
    new = Item("offering", offering_path("acme", "new"), {"id": "new", "authors": ["lab"], "context_window": 5}, "n")
    batch = batch_of(offering({"max_output_tokens": 10}), new)
    merge.apply(batch, tmp_path, create=False)
    assert dict(batch.report.not_created) == {"offerings": 1} and counts(batch) == {"offerings": {"updated": 1}}
    assert not (tmp_path / offering_path("acme", "new")).exists() and read(tmp_path)["max_output_tokens"] == 10


def test_an_echo_without_overwrite_lists_only_what_is_added(tmp_path):
    merge.apply(batch_of(offering({"context_window": 1000})), tmp_path)
    shown: list[str] = []
    merge.apply(batch_of(offering({"context_window": 2000, "max_output_tokens": 10})), tmp_path, echo=shown.append)
    assert shown == [f"update {REL}: +max_output_tokens"]
    shown.clear()
    merge.apply(batch_of(offering({"context_window": 2000, "status": "preview"}), importer="litellm"), tmp_path,
                overwrite=True, echo=shown.append)
    assert shown == [f"update {REL}: +status, ~context_window (1000 -> 2000)"]


def test_items_are_merged_authors_models_providers_then_offerings(tmp_path):
    shown: list[str] = []
    items = [offering({"context_window": 1000}),
             Item("provider", "providers/acme/provider.yaml", {"id": "acme", "name": "Acme"}, "p"),
             Item("model", "models/lab/x.yaml", {"id": "lab/x", "name": "X", "authors": ["lab"]}, "x"),
             Item("author", "authors/lab.yaml", {"id": "lab", "name": "Lab"}, "a")]
    merge.apply(batch_of(*items), tmp_path, dry_run=True, echo=shown.append)
    assert [line.split(":")[0] for line in shown] == [
        "create authors/lab.yaml", "create models/lab/x.yaml", "create providers/acme/provider.yaml", f"create {REL}"]


def test_an_unreadable_catalog_file_is_named_with_the_problem(tmp_path):
    (tmp_path / REL).parent.mkdir(parents=True)
    (tmp_path / REL).write_bytes(b"\xff\xfe")
    batch = batch_of(offering({"context_window": 1000}))
    merge.apply(batch, tmp_path)
    (skip,) = batch.report.skips
    assert (skip.input, skip.reason, skip.kind) == ("m.toml", "existing-file", "offerings")
    assert skip.detail.startswith(f"{REL}: ") and skip.detail.endswith("; fix it and import again")
    assert "UTF-8" in skip.detail and counts(batch) == {"offerings": {"skipped": 1}}


# --- disagreements


def test_every_compared_fact_that_differs_is_a_disagreement_and_others_are_not(tmp_path):
    curated = {"context_window": 1000, "max_output_tokens": 10, "status": "preview",
               "pricing": {"currency": "USD", "input": Decimal("1"), "output": Decimal("2"), "cached_input": Decimal("0.5"),
                           "cache_write": Decimal("1.25"), "reasoning": Decimal("3"), "input_audio": Decimal("4")}}
    merge.apply(batch_of(offering(curated)), tmp_path)
    other = {"context_window": 2000, "max_output_tokens": 20, "status": "deprecated",
             "pricing": {"currency": "USD", "input": Decimal("1.5"), "output": Decimal("2.5"),
                         "cached_input": Decimal("0.25"), "cache_write": Decimal("1E+1"), "reasoning": Decimal("3.5"),
                         "input_audio": Decimal("5")}}
    batch = batch_of(offering(other), importer="litellm")
    merge.apply(batch, tmp_path)
    assert [(d.file, d.field, d.catalog, d.source, d.importer) for d in batch.report.disagreements] == [
        (REL, "context_window", "1000", "2000", "litellm"), (REL, "status", "preview", "deprecated", "litellm"),
        (REL, "pricing.input", "1", "1.5", "litellm"), (REL, "pricing.output", "2", "2.5", "litellm"),
        (REL, "pricing.cached_input", "0.5", "0.25", "litellm"), (REL, "pricing.cache_write", "1.25", "10", "litellm"),
        (REL, "pricing.reasoning", "3", "3.5", "litellm")]


def test_disagreements_are_an_offerings_only():
    differ = [("status", "a", "b"), ("name", "x", "y")]
    assert [d.field for d in merge._disagreements("r", differ, "i")] == ["status"]
    assert merge._show(0.1) == "0.1" and merge._show(Decimal("1E+2")) == "100" and merge._show(5) == "5"


# --- the merge of two documents


def _merged(target: dict, incoming: dict, overwrite: bool = False):
    supplied: list = []
    differ: list = []
    merge._merge(target, incoming, "", overwrite, supplied, differ)
    return supplied, differ


def test_fill_unknowns_only_nested_with_paths():
    target = {"id": "a", "pricing": {"currency": "USD", "input": 1.0}, "features": {"reasoning": True}}
    supplied, differ = _merged(target, {"id": "b", "pricing": {"currency": "USD", "input": Decimal("1"), "output": 2},
                                        "features": {"reasoning": False}, "modalities": {"input": {"text": True}}})
    assert target == {"id": "a", "pricing": {"currency": "USD", "input": 1.0, "output": 2},
                      "features": {"reasoning": True}, "modalities": {"input": {"text": True}}}
    assert supplied == ["pricing.output", "modalities.input.text"]
    assert differ == [("features.reasoning", True, False)]


def test_overwrite_replaces_and_credits_the_replaced_leaves():
    target = {"features": {"reasoning": True}, "context_window": 5}
    supplied, differ = _merged(target, {"features": {"reasoning": False}, "context_window": {"a": 1, "b": 2}}, True)
    assert target == {"features": {"reasoning": False}, "context_window": {"a": 1, "b": 2}}
    assert supplied == ["features.reasoning", "context_window.a", "context_window.b"]
    assert differ == [("features.reasoning", True, False), ("context_window", 5, {"a": 1, "b": 2})]


def test_the_id_is_kept_only_when_the_file_has_none_and_only_at_the_top():
    target: dict = {}
    assert _merged(target, {"id": "x", "client": {"id": "y"}}) == (["id", "client.id"], [])
    nested = {"client": {"id": "old"}}
    assert _merged(nested, {"client": {"id": "new"}}, True) == (["client.id"], [("client.id", "old", "new")])


def test_model_and_authors_exclude_each_other_at_the_top_only():
    with_model = {"model": "lab/x"}
    assert _merged(with_model, {"authors": ["lab"]}) == ([], []) and with_model == {"model": "lab/x"}
    with_authors = {"authors": ["lab"]}
    assert _merged(with_authors, {"model": "lab/x"}) == ([], []) and with_authors == {"authors": ["lab"]}
    nested = {"x": {"model": "m"}}
    assert _merged(nested, {"x": {"authors": ["a"]}}) == (["x.authors"], [])


def test_prices_in_another_currency_are_never_mixed_even_when_one_says_nothing():
    for current, incoming in (({"currency": "EUR"}, {"input": 1}), ({"input": 2}, {"currency": "EUR", "input": 1})):
        target = {"pricing": dict(current)}
        supplied, differ = _merged(target, {"pricing": incoming, "zz": 1})
        assert target == {"pricing": current, "zz": 1} and supplied == ["zz"]
        assert differ == [("pricing.currency", current.get("currency", "USD"), incoming.get("currency", "USD"))]
    target = {"pricing": {"input": 2}}
    assert _merged(target, {"pricing": {"output": 3}}) == (["pricing.output"], [])
    replaced = {"pricing": {"currency": "EUR", "input": 2}}
    assert _merged(replaced, {"pricing": {"currency": "USD", "input": 1}}, True)[0] == ["pricing.currency", "pricing.input"]


def test_values_are_compared_as_the_catalog_means_them():
    assert merge.norm(0.35) == Decimal("0.35") and merge.norm({"a": [0.1, (0.2,)]}) == {"a": [Decimal("0.1"), [Decimal("0.2")]]}
    assert merge.norm("0.35") == "0.35" and merge.norm(3) == 3
    target = {"pricing": {"input": 0.35}, "tags": [0.1]}
    assert _merged(target, {"pricing": {"input": Decimal("0.35")}, "tags": (Decimal("0.1"),)}) == ([], [])


def test_leaf_paths_walk_tables_not_lists():
    assert merge.leaf_paths({"a": {"b": 1, "c": [1, 2]}, "d": {}}, "x") == ["x.a.b", "x.a.c"]
    assert merge.leaf_paths([{"a": 1}], "x") == ["x"]


# --- limits against the context window


def test_an_imported_limit_above_the_context_window_is_dropped_an_equal_one_kept():
    merged = {"context_window": 100, "max_output_tokens": 100, "max_input_tokens": 101}
    supplied = ["max_output_tokens", "max_input_tokens"]
    assert merge._keep_limits_consistent(merged, supplied) == [
        ("max_input_tokens", "max_input_tokens 101 is left out: with it, max_input_tokens 101 would exceed the "
                             "context window 100")]
    assert merged == {"context_window": 100, "max_output_tokens": 100} and supplied == ["max_output_tokens"]


def test_an_imported_context_window_below_a_curated_limit_is_the_one_dropped():
    merged = {"context_window": 100, "max_output_tokens": 200, "max_input_tokens": 300}
    supplied = ["context_window"]
    assert merge._keep_limits_consistent(merged, supplied) == [
        ("context_window", "context_window 100 is left out: with it, max_output_tokens 200 would exceed the "
                           "context window 100")]
    assert merged == {"max_output_tokens": 200, "max_input_tokens": 300} and supplied == []


def test_both_imported_limits_above_the_context_window_are_dropped():
    merged = {"context_window": 100, "max_output_tokens": 101, "max_input_tokens": 102}
    supplied = ["max_input_tokens", "max_output_tokens"]
    assert [field for field, _ in merge._keep_limits_consistent(merged, supplied)] == \
        ["max_output_tokens", "max_input_tokens"]
    assert merged == {"context_window": 100} and supplied == []


def test_a_curated_limit_above_the_context_window_does_not_stop_the_check_of_the_imported_one():
    merged = {"context_window": 100, "max_output_tokens": 200, "max_input_tokens": 300}
    supplied = ["max_input_tokens"]
    assert [field for field, _ in merge._keep_limits_consistent(merged, supplied)] == ["max_input_tokens"]
    assert merged == {"context_window": 100, "max_output_tokens": 200}


def test_curated_limits_that_disagree_are_not_the_imports_to_fix():
    merged = {"context_window": 100, "max_output_tokens": 200}
    assert merge._keep_limits_consistent(merged, ["name"]) == [] and merged["max_output_tokens"] == 200
    assert merge._keep_limits_consistent({"max_output_tokens": 5}, ["max_output_tokens"]) == []
    assert merge._keep_limits_consistent({"context_window": 5}, ["context_window"]) == []


# --- fields validation rejects


def test_a_field_validation_rejects_is_reported_and_left_out_the_rest_kept(tmp_path):
    batch = batch_of(offering({"context_window": 1000, "release_date": "2025-02-30"}))
    merge.apply(batch, tmp_path)
    (line,) = lines(batch)
    assert line.startswith("skipped m.toml (release_date): invalid value: '2025-02-30' would not pass validation: ")
    assert line.endswith("; the field is left out")
    assert read(tmp_path)["context_window"] == 1000 and "release_date" not in read(tmp_path)


def test_a_rejection_no_imported_field_explains_skips_the_item(tmp_path):
    merge.apply(batch_of(offering({"context_window": 1000})), tmp_path)
    path = tmp_path / REL
    before = path.read_text().replace("context_window: 1000", "context_window: 1000\nrelease_date: 2025-02-30")
    path.write_text(before)
    batch = batch_of(offering({"max_output_tokens": 10}))
    merge.apply(batch, tmp_path)
    (skip,) = batch.report.skips
    assert (skip.input, skip.reason, skip.kind) == ("m.toml", "invalid-value", "offerings")
    assert skip.detail.startswith(f"{REL} would not pass validation (release_date: ")
    assert skip.detail.endswith("); the file is left as it was") and path.read_text() == before


def test_a_new_file_that_would_not_validate_is_not_written(tmp_path, monkeypatch):
    monkeypatch.setattr(merge, "verdict", lambda kind, rel, data: ([("", "the file is wrong")], None))
    batch = batch_of(offering({"context_window": 1000}))
    merge.apply(batch, tmp_path)
    assert lines(batch) == [f"skipped m.toml: invalid value: {REL} would not pass validation (the file is wrong); "
                            "the file is not written"]
    assert not (tmp_path / REL).exists() and counts(batch) == {"offerings": {"skipped": 1}}


def test_an_item_rejected_again_and_again_is_skipped_after_four_attempts(tmp_path, monkeypatch):
    def blame_first(kind, rel, data):
        left = sorted(k for k in data if k.startswith("f"))
        return ([(left[0], "no")] if left else []), b""

    monkeypatch.setattr(merge, "verdict", blame_first)
    batch = batch_of(offering({f"f{i}": i for i in range(6)}))
    merge.apply(batch, tmp_path)
    assert lines(batch) == [f"skipped m.toml (f{i}): invalid value: {i} would not pass validation: no; "
                            "the field is left out" for i in range(4)] + [
        f"skipped m.toml: invalid value: {REL} would not pass validation (still rejected after 4 attempts); "
        "the file is not written"]


def test_a_cross_field_rule_that_points_at_a_curated_field_finds_the_imported_culprit(tmp_path):
    merge.apply(batch_of(offering({"context_window": 1000, "deprecation_date": "2025-06-01"})), tmp_path)
    batch = batch_of(offering({"retirement_date": "2025-01-01"}))
    merge.apply(batch, tmp_path)
    (line,) = lines(batch)
    assert line.startswith("skipped m.toml (retirement_date): invalid value: '2025-01-01' would not pass validation: ")
    assert "retirement_date" not in read(tmp_path) and read(tmp_path)["deprecation_date"] == "2025-06-01"


def test_blame_matches_a_field_its_children_and_its_items_only():
    assert merge._blame([("pricing.input", "a"), ("pricing.input", "b"), ("tags[0]", "c")], ["pricing", "tags"]) == \
        {"pricing": "a", "tags": "c"}
    assert merge._blame([("pricing_x", "a")], ["pricing"]) is None
    assert merge._blame([("", "whole file")], ["pricing"]) is None
    assert merge._blame([], ["pricing"]) == {}


def test_at_and_without_follow_dotted_paths():
    data = {"a": {"b": {"c": 1}, "d": 2}, "e": 3}
    assert merge._at(data, "a.b.c") == 1 and merge._at(data, "e.x") is None and merge._at(data, "z.y") is None
    assert merge._without(data, ["a.b.c"]) == {"a": {"d": 2}, "e": 3}
    assert merge._without(data, ["a.b.c", "a.d"]) == {"e": 3}
    assert merge._without(data, ["a.x.y", "e"]) == {"a": {"b": {"c": 1}, "d": 2}}
    assert data == {"a": {"b": {"c": 1}, "d": 2}, "e": 3}


def test_rejections_name_the_field_path(tmp_path):
    found = merge.rejections("offering", REL, {"id": "m", "authors": ["lab"], "release_date": "2025-02-30"})
    assert [where for where, _ in found] == ["release_date"]
    assert merge.rejections("offering", REL, {"id": "m", "authors": ["lab"]}) == []
    assert merge.rejections("offering", REL, {"id": "m", "authors": ["lab"], "pricing": {
        "currency": "USD", "input": Decimal("0.8299999999999999")}})[0][0] == ""
    assert merge.rejections("offering", REL, {"id": "m", "authors": ["lab"], "context_window": "big"})[0][0] == \
        "context_window"


def test_a_problem_with_the_whole_file_is_a_rejection_and_a_warning_is_not(monkeypatch):
    from generator.validation.problems import WARNING, Problem

    found = [Problem(REL, 1, 1, "", "broken"), Problem(REL, 1, 1, "", "odd", WARNING)]
    monkeypatch.setattr(merge, "check_bytes", lambda entry, raw: (None, found))
    assert merge.rejections("offering", REL, {"id": "m"}) == [("", "broken")]


# --- provenance


def _sourced(sources: list, supplied: list, importer: str = "litellm", url: str | None = None) -> list:
    merged = {"sources": sources}
    item = Item("offering", REL, {}, "in.json", url=url)
    merge._record_source(merged, batch_of(importer=importer), item, supplied)
    return merged["sources"]


def test_a_first_import_adds_its_entry_last_with_the_fields_sorted():
    curated = {"title": "Docs", "url": "https://a.example"}
    assert _sourced([curated], ["b", "a", "b"], url="https://b.example") == [
        curated, {"title": "litellm commit abc: in.json", "url": "https://b.example", "importer": "litellm",
                  "fields": ["a", "b"]}]
    assert _sourced([], ["a"])[0] == {"title": "litellm commit abc: in.json", "importer": "litellm", "fields": ["a"]}


def test_a_later_import_keeps_its_place_and_adds_its_new_fields():
    old = {"title": "old", "importer": "litellm", "fields": ["c"]}
    other = {"title": "o", "importer": "models.dev", "fields": ["x"]}
    assert _sourced([old, other], ["a"]) == [
        {"title": "litellm commit abc: in.json", "importer": "litellm", "fields": ["a", "c"]}, other]


def test_a_replaced_field_moves_its_credit_and_an_emptied_entry_goes():
    curated = {"title": "Docs", "fields": ["a"]}
    other = {"title": "o", "importer": "models.dev", "fields": ["a", "x"]}
    gone = {"title": "g", "importer": "starmap", "fields": ["a"]}
    assert _sourced([curated, other, gone], ["a"]) == [
        curated, {"title": "o", "importer": "models.dev", "fields": ["x"]},
        {"title": "litellm commit abc: in.json", "importer": "litellm", "fields": ["a"]}]
    assert other["fields"] == ["a", "x"]


# --- found by the merge's first mutation run


def test_each_file_not_created_is_counted(tmp_path):
    items = [Item("offering", offering_path("acme", n), {"id": n, "authors": ["lab"]}, n) for n in ("a", "b")]
    batch = batch_of(*items)
    merge.apply(batch, tmp_path, create=False)
    assert dict(batch.report.not_created) == {"offerings": 2}


def test_an_imported_limit_above_the_catalogs_context_window_is_reported_as_the_merge_says(tmp_path):
    merge.apply(batch_of(offering({"context_window": 1000})), tmp_path)
    batch = batch_of(offering({"max_output_tokens": 2000}))
    merge.apply(batch, tmp_path)
    assert lines(batch) == ["skipped m.toml (max_output_tokens): invalid value: max_output_tokens 2000 is left out: "
                            "with it, max_output_tokens 2000 would exceed the context window 1000"]


def test_a_field_left_out_on_one_attempt_is_not_in_the_next(tmp_path):
    merge.apply(batch_of(offering({"pricing": {"currency": "USD", "input": Decimal("1")}})), tmp_path)
    batch = batch_of(offering({"pricing": {"currency": "USD", "output": Decimal("2"), "cached_input": Decimal("-1")}}))
    merge.apply(batch, tmp_path)
    assert read(tmp_path)["pricing"] == {"currency": "USD", "input": 1, "output": 2}
    assert [s.input for s in batch.report.skips] == ["m.toml (pricing.cached_input)"]


def test_a_rule_that_blames_a_curated_date_names_the_imported_one(tmp_path):
    merge.apply(batch_of(offering({"retirement_date": "2025-01-01"})), tmp_path)
    batch = batch_of(offering({"deprecation_date": "2025-06-01"}))
    merge.apply(batch, tmp_path)
    (line,) = lines(batch)
    assert line.startswith("skipped m.toml (deprecation_date): invalid value: '2025-06-01' would not pass validation: ")
    assert "retirement" in line and "deprecation_date" not in read(tmp_path)
