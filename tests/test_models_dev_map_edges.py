"""The models.dev mapping function by function, at its edges: exact values, exact report lines.

Written against the mutants `make mutate MUTATE=mapping` found surviving the import tests
(tests/test_import_models_dev.py): each assert here fails when one comparison, constant, key or
message in generator/importers/models_dev_map.py changes.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from generator.importers import models_dev_map as m
from generator.importers.report import ImportReport
from generator.model.records import MODALITIES

LIMIT_ZERO = ("is how models.dev marks a limit it does not know or that does not apply (image, audio, embedding "
              "models); it is left unknown, not imported as 0")


def ctx(free: str | None = None) -> m.Context:
    return m.Context(ImportReport("models.dev", "x"), "f.toml", "offering", free)


def lines(c: m.Context) -> list[str]:
    return [s.format() for s in c.report.skips]


def invalid(key: str, shown: str, why: str) -> str:
    return f"skipped f.toml ({key}): invalid value: {shown} {why}; the field is left out"


def unknown(key: str) -> str:
    return f"skipped f.toml ({key}): unknown key: `{key}` is not a models.dev field; ignored"


# --- short: a report line stays short whatever the input holds


def test_short_cuts_long_strings_and_other_values_at_120_characters():
    assert len(m.short("x" * 500)) == 120 and m.short("x" * 118) == repr("x" * 118)
    assert len(m.short(Decimal("1" * 500))) == 120


def test_short_shows_12_items_of_a_list_or_table_and_4_levels():
    assert m.short(list(range(12))) == repr(list(range(12)))
    assert m.short(list(range(13))) == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ...]"
    table = {f"k{i:02}": i for i in range(13)}
    assert m.short(table).endswith("'k11': 11, ...}") and m.short(dict(list(table.items())[:12])).endswith("'k11': 11}")
    assert m.short([[[["x"]]]]) == "[[[['x']]]]" and m.short([[[[["x"]]]]]) == "[[[[[...]]]]]"


# --- Context: what each finding says


def test_context_reports_each_finding_with_file_key_and_reason():
    c = ctx()
    c.invalid("k", "v", "is bad")
    c.unknown("colour")
    c.unmapped("cost.per_minute")
    c.unmapped("cost.per_minute")
    assert lines(c) == [invalid("k", "'v'", "is bad"), unknown("colour")]
    assert dict(c.report.unmapped) == {"offering.cost.per_minute": 2}


def test_a_zero_is_unconfirmed_only_without_a_reason_to_be_free():
    c = ctx()
    assert c.zero_unconfirmed("cost.input") is True
    (skip,) = c.report.skips
    assert (skip.input, skip.reason, skip.detail) == ("f.toml (cost.input)", "unconfirmed-zero", m.UNCONFIRMED)
    assert m.Context(ImportReport("models.dev", "x"), "f.toml", "offering").zero_unconfirmed("k") is True  # by default
    free = ctx("its id says free")
    assert free.zero_unconfirmed("cost.input") is False and free.report.skips == []


# --- values


@given(st.integers(min_value=-(2**60), max_value=2**60))
def test_a_count_is_a_whole_number_from_0_to_2_53_minus_1(n):
    assert m.is_count(n) is (0 <= n <= 2**53 - 1)


def test_count_edges_and_non_numbers():
    assert m.MAX_SAFE_INTEGER == 9007199254740991
    assert [m.is_count(v) for v in (0, -1, 2**53 - 1, 2**53, True, False, 1.0, "1", Decimal(1))] == \
        [True, False, True, False, False, False, False, False, False]
    assert [m.is_bool(v) for v in (True, False, 1, 0, "true", None)] == [True, True, False, False, False, False]


def test_text_is_a_string_with_something_in_it():
    c = ctx()
    assert m.text(c, "name", " A ") == " A "
    assert [m.text(c, "name", v) for v in ("", "  \t", 5, None)] == [None] * 4
    why = "is not a non-empty string"
    assert lines(c) == [invalid("name", "''", why), invalid("name", "'  \\t'", why), invalid("name", "5", why),
                        invalid("name", "None", why)]


@pytest.mark.parametrize("value, full, partial", [
    ("2024-02-29", True, True), ("2023-02-29", False, False), ("2024-12-31", True, True),
    ("2024-12", False, True), ("2024-13", False, False), ("2024-00", False, False), ("2024", False, True),
    ("2024-1-01", False, False), ("x2024-01-01", False, False), ("2024-01-01x", False, False),
    ("24-01-01", False, False), ("", False, False), (20240101, False, False), (None, False, False),
    ("2024-01-01\n", False, False), ("2024\n", False, False), ("2024-12\n", False, False),
])
def test_dates_full_and_partial(value, full, partial):
    c = ctx()
    assert m.day(c, "release_date", value) == (value if full else None)
    assert m.day(c, "knowledge", value, partial=True) == (value if partial else None)
    expected = [invalid("release_date", repr(value), "is not a date (YYYY-MM-DD)")] if not full else []
    expected += [] if partial else [invalid("knowledge", repr(value), "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")]
    assert lines(c) == expected


@pytest.mark.parametrize("value, ok", [
    ("https://api.example/v1", True), ("http://a", True), ("https://a.example/x?y=1#z", True),
    ("ftp://a.example", False), ("https://", False), ("https:///a", False), ("https://.a", False),
    ("https://?a", False), ("https://#a", False), ("https://$a", False), ("https://a/${REGION}", False),
    ("https://a b", False), ("https://a\n", False), (" https://a", False), ("https:/a", False),
    ("httpss://a", False), (None, False),
])
def test_urls_are_absolute_http_without_templates(value, ok):
    c = ctx()
    assert m.url(c, "api", value) == (value if ok else None)
    why = "is not an absolute http(s) URL (templates such as ${VAR} are not URLs)"
    assert lines(c) == ([] if ok else [invalid("api", repr(value), why)])


@given(st.lists(st.sampled_from(MODALITIES), unique=True))
def test_a_modality_list_is_complete_in_its_own_order(listed):
    out = m.modality_set(ctx(), "modalities.input", listed)
    assert list(out) == listed + [x for x in MODALITIES if x not in listed]
    assert out == {x: x in listed for x in MODALITIES}


@pytest.mark.parametrize("value", ["text", ["text", "smell"], ["text", 1], None])
def test_a_modality_list_with_anything_else_is_refused(value):
    c = ctx()
    assert m.modality_set(c, "modalities.input", value) is None
    assert lines(c) == [invalid("modalities.input", repr(value), f"is not a list of {', '.join(MODALITIES)}")]


# --- prices


@given(st.decimals(min_value=0, max_value=10**6, places=6, allow_nan=False, allow_infinity=False))
def test_any_price_the_catalog_keeps_exactly_is_imported_as_is(value):
    c = ctx("free")
    assert m.price(c, "cost.input", value) == value and c.report.skips == []


def test_prices_of_each_number_type():
    c = ctx()
    assert m.price(c, "cost.input", 3) == 3 and isinstance(m.price(c, "cost.input", 3), Decimal)
    assert m.price(c, "cost.input", Decimal("0.35")) == Decimal("0.35")
    assert m.price(c, "cost.input", 2**53 - 1) == 2**53 - 1
    assert lines(c) == []
    for value in (True, -1, Decimal("-0.01"), Decimal("NaN"), Decimal("Infinity"), 1.5, "1", None):
        assert m.price(c, "cost.input", value) is None
    assert lines(c) == [invalid("cost.input", v, "is not a price (a number >= 0)") for v in
                        ("True", "-1", "Decimal('-0.01')", "Decimal('NaN')", "Decimal('Infinity')", "1.5", "'1'",
                         "None")]


def test_a_price_the_catalog_cannot_keep_exactly_is_refused():
    c = ctx()
    assert m.price(c, "cost.input", 2**53) is None
    assert m.price(c, "cost.input", Decimal("0.8299999999999999")) is None
    why = "has more digits than a catalog price keeps exactly (17 significant) or is above 2^53 - 1"
    assert lines(c) == [invalid("cost.input", "9007199254740992", why),
                        invalid("cost.input", "Decimal('0.8299999999999999')", why)]
    assert m.exact(Decimal("0.35")) is True and m.exact(Decimal(2**53)) is False


def test_a_zero_price_is_kept_only_when_free():
    unsure, free = ctx(), ctx("the provider is documented as free")
    assert m.price(unsure, "cost.input", 0) is None and [s.reason for s in unsure.report.skips] == ["unconfirmed-zero"]
    assert m.price(free, "cost.input", Decimal("0")) == 0 and free.report.skips == []


def test_every_cost_key_maps_to_its_own_price_field():
    c = ctx()
    table = {"input": 1, "output": 2, "cache_read": 3, "cache_write": 4, "reasoning": 5, "input_audio": 6,
             "output_audio": 7}
    assert m.prices(c, "cost", table) == {"input": 1, "output": 2, "cached_input": 3, "cache_write": 4,
                                          "reasoning": 5, "input_audio": 6, "output_audio": 7}
    assert lines(c) == []


def test_cost_keys_unmapped_skipped_or_unknown():
    c = ctx()
    table = {"per_minute": 1, "tiers": [], "cache_input": 2, "input": -1}
    assert m.prices(c, "cost", table, frozenset({"tiers"})) == {}
    assert dict(c.report.unmapped) == {"offering.cost.per_minute": 1}
    assert lines(c) == [unknown("cost.cache_input"), invalid("cost.input", "-1", "is not a price (a number >= 0)")]


def test_pricing_needs_a_table_and_a_price():
    c = ctx()
    assert m.pricing(c, [1]) is None
    assert m.pricing(c, {}) is None and m.pricing(c, {"input": -1}) is None
    assert m.pricing(c, {"output": 2}) == {"currency": "USD", "output": 2}
    assert lines(c)[0] == invalid("cost", "[1]", "is not a table")


def test_tiers_sorted_by_size_old_and_new_format():
    c = ctx()
    cost = {"input": 1, "context_over_200k": {"input": 3},
            "tiers": [{"tier": {"type": "context", "size": 500_000}, "input": 4},
                      {"tier": {"size": 1}, "output": 2}]}
    assert m.pricing(c, cost) == {"currency": "USD", "input": 1, "tiers": [
        {"above_tokens": 1, "output": 2}, {"above_tokens": 200_000, "input": 3}, {"above_tokens": 500_000, "input": 4}]}
    assert lines(c) == []


def test_a_tier_with_no_price_is_left_out_silently_but_its_keys_are_checked():
    c = ctx()
    cost = {"input": 1, "context_over_200k": {}, "tiers": [{"tier": {"size": 10}, "colour": 1}]}
    assert m.pricing(c, cost) == {"currency": "USD", "input": 1}
    assert lines(c) == [unknown("cost.tiers[0].colour")]


def test_repeated_tier_sizes_drop_the_tiers():
    c = ctx()
    cost = {"input": 1, "context_over_200k": {"input": 3}, "tiers": [{"tier": {"size": 200_000}, "input": 4}]}
    assert m.pricing(c, cost) == {"currency": "USD", "input": 1}
    assert lines(c) == [invalid("cost.tiers", "[200000, 200000]", "repeats a tier size")]


TIER_WHY = 'is not a context-size tier ({type = "context", size = N})'


@pytest.mark.parametrize("tier, shown", [
    ({"tier": {"type": "tokens", "size": 10}}, "{'size': 10, 'type': 'tokens'}"),
    ({"tier": {"size": 0}}, "{'size': 0}"), ({"tier": {"size": -5}}, "{'size': -5}"),
    ({"tier": {"size": True}}, "{'size': True}"), ({"tier": {"size": "10"}}, "{'size': '10'}"),
    ({"tier": {}}, "{}"), ({"tier": 10}, "10"), ({}, "None"), ("10", "None"),
])
def test_a_tier_that_is_not_a_context_size_is_reported(tier, shown):
    c = ctx()
    assert m.pricing(c, {"input": 1, "tiers": [{"input": 2}, {**tier, "input": 3} if isinstance(tier, dict) else tier]}) \
        == {"currency": "USD", "input": 1}
    assert lines(c) == [invalid("cost.tiers[0].tier", "None", TIER_WHY), invalid("cost.tiers[1].tier", shown, TIER_WHY)]


def test_tier_tables_that_are_not_tables():
    c = ctx()
    assert m.pricing(c, {"input": 1, "context_over_200k": 5, "tiers": {"size": 1}}) == {"currency": "USD", "input": 1}
    assert lines(c) == [invalid("cost.context_over_200k", "5", "is not a table"),
                        invalid("cost.tiers", "{'size': 1}", "is not an array of tiers")]


# --- limits


def test_limits_map_each_name():
    c = ctx()
    assert m.limits(c, {"context": 1000, "input": 1000, "output": 999}) == \
        {"context_window": 1000, "max_input_tokens": 1000, "max_output_tokens": 999}
    assert m.limits(c, {"input": 5, "output": 2**53 - 1}) == {"max_input_tokens": 5, "max_output_tokens": 2**53 - 1}
    assert lines(c) == []


def test_limits_not_a_table_zero_unknown_or_not_a_count():
    c = ctx()
    assert m.limits(c, 5) == {}
    assert m.limits(c, {"context": 0, "input": 0.0, "output": False, "images": 4}) == {}
    assert m.limits(c, {"output": -1, "input": 2**53}) == {}
    assert lines(c) == [
        invalid("limit", "5", "is not a table"),
        invalid("limit.context", "0", LIMIT_ZERO),
        invalid("limit.input", "0.0", "is not a token count"),
        invalid("limit.output", "False", "is not a token count"),
        unknown("limit.images"),
        invalid("limit.output", "-1", "is not a token count"),
        invalid("limit.input", "9007199254740992", "is not a token count"),
    ]


def test_limits_above_the_context_window_are_left_out_output_reported_first():
    c = ctx()
    assert m.limits(c, {"input": 1001, "context": 1000, "output": 1001}) == {"context_window": 1000}
    assert lines(c) == [invalid("limit.output", "1001", "is above limit.context 1000"),
                        invalid("limit.input", "1001", "is above limit.context 1000")]


def test_token_limits_of_another_source_name_its_own_context_key():
    c = ctx()
    names = {"window": "context_window", "out": "max_output_tokens"}
    assert m.token_limits(c, {"window": 10, "out": 11}, "limits", names, "means unknown") == {"context_window": 10}
    assert m.token_limits(c, {"out": 0}, "limits", names, "means unknown") == {}
    assert lines(c) == [invalid("limits.out", "11", "is above limits.window 10"),
                        invalid("limits.out", "0", "means unknown")]


# --- features and modalities


def test_every_feature_maps_and_only_true_or_false_is_kept():
    c = ctx()
    raw = {"attachment": True, "reasoning": False, "tool_call": True, "structured_output": False,
           "temperature": True, "open_weights": True}
    assert m.features(c, raw) == {"file_attachments": True, "reasoning": False, "tool_calling": True,
                                  "structured_outputs": False, "temperature": True}
    assert m.features(c, {"tool_call": "yes", "reasoning": 1}) == {}
    assert lines(c) == [invalid("reasoning", "1", "is not true or false"),
                        invalid("tool_call", "'yes'", "is not true or false")]


def test_modalities_by_direction():
    c = ctx()
    assert m.modalities(c, {"output": ["text"], "input": ["image"]}) == {
        "output": {"text": True, "image": False, "audio": False, "video": False, "pdf": False},
        "input": {"image": True, "text": False, "audio": False, "video": False, "pdf": False}}
    assert m.modalities(c, {"sideways": ["text"], "input": "text"}) == {}
    assert m.modalities(c, ["text"]) == {}
    assert lines(c) == [unknown("modalities.sideways"),
                        invalid("modalities.input", "'text'", f"is not a list of {', '.join(MODALITIES)}"),
                        invalid("modalities", "['text']", "is not a table")]


def test_a_trailing_newline_is_not_part_of_a_name_or_address(tmp_path):
    """A regular expression's ``$`` also matches before a final newline: every check matches the whole text."""
    from generator.importers import run_import

    source = tmp_path / "md"
    (source / "providers/p/models").mkdir(parents=True)
    (source / "providers/p/provider.toml").write_text('name = "P"\nenv = ["KEY\\n"]\napi = "https://a.example\\n"\n')
    report = run_import("models.dev", source, tmp_path / "data")
    assert [s.format() for s in report.skips] == [
        "skipped providers/p/provider.toml (env): invalid value: ['KEY\\n'] is not a list of environment variable "
        "names; the field is left out",
        "skipped providers/p/provider.toml (api): invalid value: 'https://a.example\\n' is not an absolute http(s) "
        "URL (templates such as ${VAR} are not URLs); the field is left out"]


# --- the keys models.dev files hold: mapped, counted as unmapped, or unknown

ALL_KEYS = ["attachment", "reasoning", "tool_call", "structured_output", "temperature", "name", "family", "knowledge",
            "release_date", "last_updated", "open_weights", "status", "modalities", "limit", "cost", "reasoning_options",
            "interleaved", "provider", "experimental", "base_model", "base_model_omit", "benchmarks", "license",
            "links", "weights"]


def test_every_models_dev_key_is_known_and_nothing_else():
    from generator.importers.models_dev import _check_keys

    c = ctx()
    _check_keys(c, dict.fromkeys(ALL_KEYS + ["colour", "cost_"]), m.MODEL_KEYS)
    assert lines(c) == [unknown("colour"), unknown("cost_")]
    assert sorted(m.PROVIDER_KEYS) == ["api", "doc", "env", "name", "npm"]


def test_an_offerings_facts_with_no_field_are_counted_not_imported():
    from generator.importers.models_dev import offering_data

    c = ctx()
    raw = {"name": "O", "benchmarks": {}, "license": "MIT", "links": [], "weights": [], "status": "alpha"}
    assert offering_data(c, "o", raw, None) == {"id": "o", "name": "O", "status": "alpha"}
    assert dict(c.report.unmapped) == {f"offering.{k}": 1 for k in ("benchmarks", "license", "links", "weights")}
    assert c.report.skips == []


@pytest.mark.parametrize("value, ours", [("alpha", "alpha"), ("beta", "preview"), ("deprecated", "deprecated"),
                                         ("stable", None), ("Beta", None), (1, None)])
def test_status(value, ours):
    from generator.importers.models_dev import offering_data

    c = ctx()
    assert offering_data(c, "o", {"status": value}, None).get("status") == ours
    assert lines(c) == ([] if ours else [invalid("status", repr(value), "is not alpha, beta or deprecated")])


def test_a_canonical_models_offering_facts_are_counted_as_unmapped():
    from generator.importers.items import Batch
    from generator.importers.models_dev import _canonical

    offering_only = ["attachment", "reasoning", "tool_call", "structured_output", "temperature", "limit", "cost",
                     "status", "reasoning_options", "interleaved", "provider", "experimental", "benchmarks"]
    batch = Batch("models.dev", "models.dev", ImportReport("models.dev", "x"))
    raw = {**dict.fromkeys(offering_only, 1), "name": "X", "family": "x", "license": "MIT", "links": [], "weights": []}
    assert _canonical("lab/x", raw, "models/lab/x.toml", batch) == \
        {"id": "lab/x", "name": "X", "authors": ["lab"], "family": "x", "license": "MIT"}
    assert dict(batch.report.unmapped) == {f"model.{k}": 1 for k in offering_only} and batch.report.skips == []


def test_a_price_in_the_old_tier_format_is_reported_under_its_own_key():
    c = ctx()
    assert m.pricing(c, {"input": 1, "context_over_200k": {"input": -1, "output": 2}}) == \
        {"currency": "USD", "input": 1, "tiers": [{"above_tokens": 200_000, "output": 2}]}
    assert lines(c) == [invalid("cost.context_over_200k.input", "-1", "is not a price (a number >= 0)")]
