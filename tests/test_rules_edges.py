"""The rules no schema can express, at their edges: partial dates, retention, history prices, limits.

Each test here was written to catch a change to generator/validation/rules.py that the older tests let
through (see mutation/ and the guide's Validation page on ``make mutate``).
"""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from generator.validation.rules import Document, check_one, walk


def findings(kind: str, data: dict) -> list[tuple[tuple, str]]:
    """(path, message) of what the rules about one document say of *data*."""
    rel = {"offering": "providers/p/models/x.yaml", "provider": "providers/p/provider.yaml",
           "model": "models/a/x.yaml"}[kind]
    ident = {"provider": "p", "model": "a/x"}.get(kind, "x")  # each named as its file says
    doc = Document(kind=kind, file=rel, path=rel, rel=rel, data={"id": ident, **data})
    check_one(doc)
    return [(f.path, f.message) for f in doc.findings]


@pytest.mark.parametrize("kind", ["offering", "model"])
@given(year=st.integers(min_value=1900, max_value=2100), month=st.integers(min_value=0, max_value=99))
def test_a_partial_date_is_real_exactly_when_its_month_is_1_to_12(kind, year, month):
    value = f"{year}-{month:02d}"
    found = findings(kind, {"knowledge_cutoff": value})
    assert found == ([] if 1 <= month <= 12 else
                     [(("knowledge_cutoff",), f"'{value}' is not a real date (YYYY, YYYY-MM or YYYY-MM-DD)")])


@pytest.mark.parametrize("value, real", [("2024-12", True), ("2024-01", True), ("2024", True), ("2024-13", False),
                                         ("2024-00", False), ("2024-12-31", True), ("2024-02-30", False)])
def test_knowledge_cutoffs_to_the_year_month_or_day(value, real):
    assert (findings("offering", {"knowledge_cutoff": value}) == []) is real


def test_a_whole_date_field_does_not_take_a_month():
    assert findings("offering", {"last_verified": "2024-12"}) == [(("last_verified",), "'2024-12' is not a real date")]


@pytest.mark.parametrize("days, refused", [(0, True), (1, False), (None, False)])
def test_a_fixed_retention_keeps_data_for_some_days(days, refused):
    retention = {"type": "fixed"} if days is None else {"type": "fixed", "duration_days": days}
    expected = [(("retention", "duration_days"),
                 "a `fixed` policy keeps data for some days; use type `none` for immediate deletion")]
    assert findings("provider", {"retention": retention}) == (expected if refused else [])


def test_a_none_retention_may_say_0_days():
    assert findings("provider", {"retention": {"type": "none", "duration_days": 0}}) == []


def history(*entries: dict) -> dict:
    return {"pricing": {"input": 1, "effective_from": "2025-01-01", "history": list(entries)}}


def test_tiers_inside_a_history_entry_are_ordered_too():
    data = history({"effective_from": "2024-01-01", "input": 2, "tiers": [{"above_tokens": 64000, "input": 3},
                                                                          {"above_tokens": 64000, "input": 4}]})
    assert findings("offering", data) == [
        (("pricing", "history", 0, "tiers", 1, "above_tokens"),
         "64000 must be above the previous tier's 64000; order tiers by size")]


@pytest.mark.parametrize("entry, path", [
    ({"effective_from": "2024-01-01", "output": float("inf")}, ("pricing", "history", 0, "output")),
    ({"effective_from": "2024-01-01", "tiers": [{"above_tokens": 10, "input": float("nan")}]},
     ("pricing", "history", 0, "tiers", 0, "input")),
])
def test_prices_inside_a_history_entry_are_finite(entry, path):
    [(where, message)] = findings("offering", history(entry))
    assert where == path and message.endswith("is not a finite price; omit the field if the price is unknown")


@pytest.mark.parametrize("field", ["max_input_tokens", "max_output_tokens"])
def test_limits_may_reach_but_not_pass_the_context_window(field):
    assert findings("offering", {"context_window": 1000, field: 1000}) == []
    assert findings("offering", {"context_window": 1000, field: 1001}) == [
        ((field,), "1001 is above the context window of 1000")]
    assert findings("offering", {field: 10**9}) == []  # no context window known: nothing to compare


@pytest.mark.parametrize("data, path", [
    ({"deprecation_date": "2025-02-30"}, ("deprecation_date",)),
    ({"retirement_date": "2025-02-30"}, ("retirement_date",)),
    ({"last_verified": "2025-02-30"}, ("last_verified",)),
    ({"pricing": {"input": 1, "effective_from": "2025-02-30"}}, ("pricing", "effective_from")),
    ({"pricing": {"input": 1, "history": [{"effective_from": "2025-02-30"}]}}, ("pricing", "history", 0, "effective_from")),
    ({"sources": [{"title": "t"}, {"title": "t", "accessed": "2025-02-30"}]}, ("sources", 1, "accessed")),
])
def test_every_whole_date_field_must_be_a_real_day(data, path):
    assert (path, "'2025-02-30' is not a real date") in findings("offering", data)


@pytest.mark.parametrize("field", ["release_date", "last_updated", "knowledge_cutoff"])
def test_every_partial_date_field_takes_a_month_but_not_month_13(field):
    assert findings("model", {field: "2024-12"}) == []
    assert findings("model", {field: "2024-13"}) == [
        ((field,), "'2024-13' is not a real date (YYYY, YYYY-MM or YYYY-MM-DD)")]


def test_a_price_cannot_start_on_the_day_of_the_one_before():
    data = history({"effective_from": "2024-01-01"}, {"effective_from": "2024-01-01"})
    assert findings("offering", data) == [(("pricing", "history", 1, "effective_from"),
                                           "2024-01-01 is not after 2024-01-01; list earlier prices first, the current one last")]
    data = history({"effective_from": "2024-01-01"}, {"effective_from": "2025-01-01"})
    assert findings("offering", data) == [(("pricing", "effective_from"),
                                           "2025-01-01 is not after 2025-01-01; list earlier prices first, the current one last")]


@pytest.mark.parametrize("kind", ["fixed", "indefinite"])
def test_data_not_retained_contradicts_a_retention_that_keeps_it(kind):
    retention = {"type": kind, "duration_days": 30} if kind == "fixed" else {"type": kind}
    assert findings("provider", {"privacy": {"retains_user_data": False}, "retention": retention}) == [
        (("retention", "type"), f"privacy says data is not retained but the retention type is `{kind}`")]
    assert findings("provider", {"privacy": {"retains_user_data": True}, "retention": retention}) == []


def test_dates_in_order_and_retirement_with_a_date_are_fine():
    assert findings("offering", {"status": "retired", "deprecation_date": "2025-01-01",
                                 "retirement_date": "2025-01-01"}) == []


def test_walk_reaches_every_scalar_with_its_path():
    assert list(walk({"a": [1, {"b": "x"}], "c": None})) == [(("a", 0), 1), (("a", 1, "b"), "x"), (("c",), None)]


def test_tiers_in_ascending_order_are_fine():
    tiers = [{"above_tokens": n, "input": 1} for n in (10, 20, 30)]
    assert findings("offering", {"pricing": {"input": 1, "tiers": tiers}}) == []
    assert findings("offering", history({"effective_from": "2024-01-01", "tiers": tiers})) == []


def test_a_links_file_has_no_rules_of_its_own():
    doc = Document(kind="links", file="links.yaml", path="links.yaml", rel="links.yaml", data={"links": []})
    check_one(doc)
    assert doc.findings == []
