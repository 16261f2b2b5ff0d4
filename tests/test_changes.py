"""Catalog.changes, provcat changes, api/changes.json, the Atom feeds and the Changes page, on a
catalog whose history was walked from a small repository (tests/test_history.py)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import feedparser
import jsonschema
import pytest

from generator.build.pipeline import build
from generator.catalog.changes import Change, PriceChange
from generator.catalog.load import load_catalog
from generator.cli import main
from generator.outputs.changes import feeds
from generator.validation.schemas import SCHEMA_DIR

from .test_history import _catalog, repo  # noqa: F401  (the module's repository fixture)


@pytest.fixture(scope="module")
def walked(repo, tmp_path_factory):  # noqa: F811
    r, h = repo
    data = _catalog(tmp_path_factory.mktemp("changes"), r)
    assert main(["import", "models.dev", str(r.root), "--history", "--data", str(data)]) == 0
    return data, h


def test_changes_are_newest_first_with_prices_and_events(walked):
    data, h = walked
    found = load_catalog(data).changes()
    assert [(c.day.isoformat(), c.ref, c.kind) for c in found[:3]] == [
        ("2025-10-01", "q/d", "status"), ("2025-09-01", "p/a2", "price"), ("2025-07-01", "p/a2", "price")]
    cut = found[1]
    assert cut.source == f"models.dev commit {h['evening']}"
    assert cut.prices == (PriceChange("input", Decimal("0.5"), Decimal("0.65")),)
    assert cut.prices[0].percent == Decimal("30.0")
    assert [c.kind for c in found if c.ref == "p/c"] == ["removed", "added"]  # no file: its events only


def test_since_keeps_changes_on_and_after_the_day(walked):
    data, _ = walked
    assert {c.day for c in load_catalog(data).changes(since=date(2025, 7, 1))} == {
        date(2025, 10, 1), date(2025, 9, 1), date(2025, 7, 1)}


def test_provcat_changes_text_and_json(walked, capsys):
    data, h = walked
    assert main(["changes", "--data", str(data), "--since", "2025-09-01", "--provider", "p"]) == 0
    assert capsys.readouterr().out == (f"2025-09-01  p/a2  price: input $0.50/1M -> $0.65/1M (+30%)  "
                                       f"(models.dev commit {h['evening']})\n")
    assert main(["changes", "--data", str(data), "--since", "2025-09-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == [
        {"day": "2025-10-01", "provider": "q", "offering": "d", "kind": "status", "new": "deprecated",
         "source": f"models.dev commit {h['status']}"},
        {"day": "2025-09-01", "provider": "p", "offering": "a2", "kind": "price", "currency": "USD",
         "source": f"models.dev commit {h['evening']}",
         "prices": [{"component": "input", "old": "0.5", "new": "0.65", "percent": "30"}]}]
    assert main(["changes", "--data", str(data), "--provider", "nope"]) == 2


def test_the_build_publishes_changes_json_feeds_and_page(walked, tmp_path):
    data, h = walked
    build(data, tmp_path / "a")
    document = json.loads((tmp_path / "a/api/changes.json").read_bytes())
    jsonschema.validate(document, json.loads((SCHEMA_DIR / "changes-export.schema.json").read_text()))
    assert (tmp_path / "a/api/changes-export.schema.json").is_file()
    assert len(document["changes"]) == len(load_catalog(data).changes())
    parsed = {}
    for name in ("changes", "p", "q"):
        feed = feedparser.parse((tmp_path / f"a/feeds/{name}.xml").read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10"
        parsed[name] = [e.id for e in feed.entries]
        assert len(set(parsed[name])) == len(parsed[name])
    assert set(parsed["p"]) | set(parsed["q"]) == set(parsed["changes"])
    build(data, tmp_path / "b")
    assert (tmp_path / "b/feeds/changes.xml").read_bytes() == (tmp_path / "a/feeds/changes.xml").read_bytes()
    page = (tmp_path / "a/changes.md").read_text()
    assert '<tr data-provider="p" data-kind="price"><td>2025-09-01</td>' in page
    assert "<form class=\"pc-change-filters\"" in page and " hidden>" in page  # shown by the script only


def test_feed_text_is_escaped_and_ids_stay_stable():
    change = Change(date(2026, 1, 2), "x", "a<b>&c", "renamed", source="models.dev commit <script>", old="o&ld")
    raw = feeds.feed("T & <T>", "x", [change])
    parsed = feedparser.parse(raw)
    assert not parsed.bozo
    assert parsed.feed.title == "T & <T>"
    assert parsed.entries[0].title == "x/a<b>&c: renamed from o&ld"
    assert b"<script>" not in raw
    assert parsed.entries[0].id == feeds.entry_id(change) == feeds.entry_id(
        Change(date(2026, 1, 2), "x", "a<b>&c", "renamed", source="models.dev commit <script>", old="o&ld"))
