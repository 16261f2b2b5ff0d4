"""Each starmap key of the mapping tables lands on its own field of ours (generator/importers/starmap_map.py),
checked key by key so that a renamed key or field in any table fails here."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

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


# -- what each mapping function reports, key by key (each found by a mutation run: mutation/run.py) ---

def skips(context: s.StarmapContext) -> list[str]:
    return [k.format() for k in context.report.skips]


SKIP = "skipped providers.yaml: p"


@pytest.mark.parametrize("scheme, out", [("bearer", {"scheme": "Bearer"}), ("basic", {"scheme": "Basic"}),
                                         ("direct", {})])
def test_each_credential_scheme_is_ours_and_direct_has_none(scheme, out):
    context = ctx()
    assert s.header(context, {"name": "Authorization", "scheme": scheme}) == {"header": "Authorization", **out}
    assert skips(context) == []


@pytest.mark.parametrize("name", ["Bad Header", "x:y", None, 7])
def test_a_header_name_that_is_not_one_is_reported_by_its_key(name):
    context = ctx()
    assert s.header(context, {"name": name, "scheme": "bearer"}) == {"scheme": "Bearer"}
    assert skips(context) == [f"{SKIP} (credentials.profiles.placements.name): invalid value: {name!r} is not an "
                              "HTTP header name; the field is left out"]


def test_an_unknown_scheme_is_reported_with_the_schemes_we_know():
    context = ctx()
    assert s.header(context, {"name": "X-Key", "scheme": "digest"}) == {"header": "X-Key"}
    assert skips(context) == [f"{SKIP} (credentials.profiles.placements.scheme): invalid value: 'digest' is not one "
                              "of bearer, basic, direct; the field is left out"]


@given(days=st.integers(0, 100_000), unit=st.sampled_from([("h", 24), ("m", 1440), ("s", 86_400)]))
def test_any_whole_number_of_days_in_any_unit_is_that_many_days(days, unit):
    letter, per_day = unit
    assert s.duration_days(ctx(), "retention_policy.duration", f"{days * per_day}{letter}") == days


@given(seconds=st.integers(1, 86_399), days=st.integers(0, 1000))
def test_a_day_and_any_part_of_another_is_not_whole_days(seconds, days):
    context = ctx()
    assert s.duration_days(context, "retention_policy.duration", f"{days * 24}h{seconds}s") is None
    assert "is not a whole number of days" in skips(context)[0]


@pytest.mark.parametrize("duration", [
    "9" * 40 + "h",  # more hours than Go's duration holds: once raised decimal.DivisionImpossible
    "24h0." + "0" * 30 + "1s",  # finer than Go's nanoseconds: once rounded away to read as one whole day
])
def test_a_duration_go_cannot_hold_is_reported_not_raised_or_rounded(duration):
    context = ctx()
    assert s.duration_days(context, "retention_policy.duration", duration) is None
    assert skips(context) == [f"{SKIP} (retention_policy.duration): invalid value: {s.m.short(duration)} is not a "
                              "Go duration such as 720h0m0s; the field is left out"]


@pytest.mark.parametrize("value, out", [("2025-10-19T18:13:07Z", "2025-10-19"), ("2025-10-19T18:13:07.5Z", "2025-10-19"),
                                        ("2025-10", "2025-10"), ("2025-10-19", "2025-10-19")])
def test_a_utc_timestamp_is_its_day_and_a_date_is_kept(value, out):
    context = ctx()
    assert s.day(context, "metadata.release_date", value) == out
    assert skips(context) == []


@pytest.mark.parametrize("value", ["2025-10-19 and more", "2025-10-19T18:13:07+02:00", 20251019])
def test_only_a_utc_timestamp_is_cut_to_its_day(value):
    context = ctx()
    assert s.day(context, "metadata.release_date", value) is None
    assert skips(context) == [f"{SKIP} (metadata.release_date): invalid value: {value!r} is not a date (YYYY, YYYY-MM "
                              "or YYYY-MM-DD); the field is left out"]


@pytest.mark.parametrize("value", ["0.5", True, None, float("inf"), -0.5])
def test_a_price_that_is_not_a_number_at_least_0_is_reported(value):
    context = ctx()
    assert s.price(context, "pricing.tokens.input.per_1m", value) is None
    assert skips(context) == [f"{SKIP} (pricing.tokens.input.per_1m): invalid value: {value!r} is not a price (a "
                              "number >= 0); the field is left out"]


def test_a_price_the_catalog_cannot_keep_exactly_is_reported():
    context = ctx()
    assert s.price(context, "pricing.tokens.input.per_1m", 2**60) is None
    assert skips(context) == [f"{SKIP} (pricing.tokens.input.per_1m): invalid value: {2**60} has more digits than a "
                              "catalog price keeps exactly; the field is left out"]


def test_an_unknown_price_or_unit_is_reported_and_the_rest_still_read():
    context = ctx()
    tokens = {"video": {"per_1m": 1}, "output": 2, "input": {"per_1m": 3, "per_1k": 0.003}}
    assert s.token_prices(context, "pricing.tokens", tokens) == {"input": Decimal(3)}
    assert skips(context) == [
        f"{SKIP} (pricing.tokens.video): unknown key: `pricing.tokens.video` is not a starmap field; ignored",
        f"{SKIP} (pricing.tokens.output): invalid value: 2 is not a mapping; the field is left out",
        f"{SKIP} (pricing.tokens.input.per_1k): unknown key: `pricing.tokens.input.per_1k` is not a starmap field; "
        "ignored"]


def test_pricing_without_a_currency_is_in_us_dollars():
    context = ctx()
    assert s.pricing(context, {"tokens": {"input": {"per_1m": 1}}}) == {"currency": "USD", "input": Decimal(1)}
    assert skips(context) == []


@pytest.mark.parametrize("raw", [{}, {"currency": "EUR"}, {"tokens": {}}, {"tiers": []}])
def test_pricing_with_no_price_is_none_not_a_bare_currency(raw):
    assert s.pricing(ctx(), raw) is None


def test_pricing_that_is_not_a_mapping_is_reported_by_its_key():
    context = ctx()
    assert s.pricing(context, [1]) is None
    assert skips(context) == [f"{SKIP} (pricing): invalid value: [1] is not a mapping; the field is left out"]


def tiered(*tiers) -> dict:
    return {"tokens": {"input": {"per_1m": 1}}, "tiers": list(tiers)}


def test_tiers_are_sorted_by_size_whatever_order_starmap_lists_them_in():
    raw = tiered({"type": "context", "size": 500, "tokens": {"input": {"per_1m": 3}}},
                 {"size": 1, "tokens": {"input": {"per_1m": 2}}, "name": "small"},
                 {"size": 200, "tokens": {"input": {"per_1m": 2.5}}})
    context = ctx()
    assert s.pricing(context, raw)["tiers"] == [{"above_tokens": 1, "input": Decimal(2)},
                                                {"above_tokens": 200, "input": Decimal("2.5")},
                                                {"above_tokens": 500, "input": Decimal(3)}]
    assert skips(context) == [] and dict(context.report.unmapped) == {"provider.pricing.tiers.name": 1}


def test_tiers_of_the_same_size_are_all_left_out_and_reported():
    context = ctx()
    priced = {"input": {"per_1m": 2}}
    assert s.pricing(context, tiered({"size": 9, "tokens": priced}, {"size": 9, "tokens": priced})) == {
        "currency": "USD", "input": Decimal(1)}
    assert skips(context) == [f"{SKIP} (pricing.tiers): invalid value: [9, 9] repeats a tier size; the field is left out"]


@pytest.mark.parametrize("bad", [{"type": "request", "size": 10}, {"size": 0}, {"size": -1}, {"size": "10"},
                                 {"type": "context"}])
def test_a_tier_that_is_not_a_context_size_is_reported_by_its_index(bad):
    context = ctx()
    good = {"size": 5, "tokens": {"input": {"per_1m": 2}}}
    assert s.pricing(context, tiered(good, {**bad, "tokens": {"input": {"per_1m": 3}}}))["tiers"] == [
        {"above_tokens": 5, "input": Decimal(2)}]
    shown = f"{{'size': {bad.get('size')!r}, 'type': {bad.get('type')!r}}}"  # short() writes keys sorted
    assert skips(context) == [f"{SKIP} (pricing.tiers[1]): invalid value: {shown} is not a context-size tier (type "
                              "context, size N); the field is left out"]


def test_a_tier_reports_its_unknown_keys_and_bad_prices_by_their_own_key():
    context = ctx()
    raw = tiered({"size": 5, "per": "day", "tokens": {"input": {"per_1m": -2}}})
    assert s.pricing(context, raw) == {"currency": "USD", "input": Decimal(1)}
    assert skips(context) == [
        f"{SKIP} (pricing.tiers.per): unknown key: `pricing.tiers.per` is not a starmap field; ignored",
        f"{SKIP} (pricing.tiers[0].tokens.input.per_1m): invalid value: -2 is not a price (a number >= 0); the field "
        "is left out"]


@pytest.mark.parametrize("function, key", [(s.limits, "limits"), (lambda c, raw: s.features(c, raw), "features")])
def test_limits_or_features_that_are_not_a_mapping_are_reported_by_their_key(function, key):
    context = ctx()
    function(context, "many")
    assert skips(context) == [f"{SKIP} ({key}): invalid value: 'many' is not a mapping; the field is left out"]


def test_features_are_reported_in_key_order_and_modalities_are_not_a_feature():
    context = ctx()
    raw = {"tool_calls": "aaa", "streaming": "zzz", "modalities": {"input": ["text"]}}
    assert s.features(context, raw) == ({}, {"input": {"text": True, "image": False, "audio": False, "video": False,
                                                        "pdf": False}}, None)
    assert skips(context) == [
        f"{SKIP} (features.streaming): invalid value: 'zzz' is not true or false; the field is left out",
        f"{SKIP} (features.tool_calls): invalid value: 'aaa' is not true or false; the field is left out"]
    assert not context.report.unmapped


def test_modalities_that_are_not_a_mapping_or_an_unknown_direction_are_reported_and_the_rest_read():
    context = ctx()
    assert s.features(context, {"modalities": ["text"]}) == ({}, {}, None)
    assert s.features(context, {"modalities": {"sideways": ["text"], "output": ["text", "embedding"]}})[1:] == (
        {"output": {"text": True, "image": False, "audio": False, "video": False, "pdf": False}}, "embedding")
    assert skips(context) == [
        f"{SKIP} (features.modalities): invalid value: ['text'] is not a mapping; the field is left out",
        f"{SKIP} (features.modalities.sideways): unknown key: `features.modalities.sideways` is not a starmap field; "
        "ignored"]
