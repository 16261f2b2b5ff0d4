"""``provcat check-live`` against a real HTTP server on 127.0.0.1: the reports, the exit status
and ``--apply``."""

from __future__ import annotations

import json
from datetime import date

import pytest

from generator.catalog.load import load_catalog
from generator.cli import main
from generator.live.apply import apply_results, with_last_checked
from generator.live.check import Result
from generator.live.compare import Comparison
from generator.validation.validate import validate_catalog
from tests.liveserver import Reply, Server, write_catalog

KEY = "sk-cli-0a9b8c7d6e"


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


@pytest.fixture
def catalog(server, tmp_path, monkeypatch):
    """acme: one offering kept (its context window differs), one gone, one new model served;
    bolt: in sync; dusk: its key is not set; plain: no models endpoint."""
    monkeypatch.setenv("ACME_API_KEY", KEY)
    monkeypatch.delenv("DUSK_API_KEY", raising=False)
    acme = server.route("/acme/models", Reply(body={"data": [{"id": "kept", "context_length": 32768},
                                                             {"id": "fresh"}]}))
    health = server.route("/acme/summary.json", Reply(body={
        "status": {"indicator": "minor", "description": "Partial outage"},
        "incidents": [{"name": "Slow [answers]", "status": "identified", "impact": "minor"}]}))
    bolt = server.route("/bolt/models", Reply(body={"data": [{"id": "only"}]}))
    auth = {"env": ["ACME_API_KEY"]}
    return write_catalog(tmp_path / "data", {
        "acme": ({"authentication": auth, "endpoints": {"models": acme, "health": health}},
                 [{"id": "kept", "context_window": 8192}, {"id": "old"}]),
        "bolt": ({"authentication": auth, "endpoints": {"models": bolt}}, [{"id": "only"}]),
        "dusk": ({"authentication": {"env": ["DUSK_API_KEY"]}, "endpoints": {"models": bolt}}, []),
        "plain": ({}, []),
    })


def test_the_markdown_report_of_a_known_drift(catalog, capsys):
    assert main(["check-live", "--data", str(catalog), "--format", "markdown"]) == 1
    assert capsys.readouterr().out == (
        "## Live check\n\n"
        "3 provider(s): 2 checked, 1 skipped, 0 failed; 1 with drift.\n\n"
        "| Provider | Result | Findings |\n"
        "| --- | --- | --- |\n"
        "| acme | 1 confirmed, drift | new: fresh<br>gone: old<br>kept: context\\_window is 8192 in the catalog, "
        "32768 served<br>health: minor \\(Partial outage\\)<br>incident: Slow \\[answers\\] \\(identified, impact minor\\) |\n"
        "| bolt | 1 confirmed, in sync | — |\n"
        "| dusk | skipped: set DUSK\\_API\\_KEY | — |\n")


def test_json_report_and_a_provider_in_sync_exits_0(catalog, capsys):
    assert main(["check-live", "--data", str(catalog), "--provider", "bolt", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["in_sync"] is True
    assert report["providers"] == [{"provider": "bolt", "state": "checked", "reason": None, "new": [], "gone": [],
                                    "confirmed": 1, "disagreements": [], "health": None, "health_error": None}]


def test_the_table_names_the_variable_to_set(catalog, capsys):
    assert main(["check-live", "--data", str(catalog), "--provider", "dusk", "--provider", "plain"]) == 0
    assert capsys.readouterr().out == ("dusk   skipped: set DUSK_API_KEY\n"
                                       "plain  skipped: no models endpoint in the catalog\n"
                                       "2 provider(s): 0 checked, 2 skipped, 0 failed; in sync\n")


def test_an_unknown_provider_or_format_is_a_usage_error(catalog):
    assert main(["check-live", "--data", str(catalog), "--provider", "acm"]) == 2
    assert main(["check-live", "--data", str(catalog), "--format", "html"]) == 2


def test_apply_writes_new_offerings_and_dates_and_touches_no_curated_fact(catalog, server, capsys):
    kept = catalog / "providers/acme/models/kept.yaml"
    kept.write_text("# curated\nid: kept\ncontext_window: 8192  # from the docs\nlast_verified: 2025-01-02\n")
    old = (catalog / "providers/acme/models/old.yaml").read_text()
    assert main(["check-live", "--data", str(catalog), "--provider", "acme", "--apply"]) == 1
    today = date.today().isoformat()
    assert kept.read_text() == f"# curated\nid: kept\ncontext_window: 8192  # from the docs\nlast_verified: {today}\n"
    assert (catalog / "providers/acme/models/old.yaml").read_text() == old
    assert (catalog / "providers/acme/models/fresh.yaml").read_text() == (
        f"id: fresh\nsources:\n- url: {server.url('/acme/models')}\n  title: Acme models API\n"
        f"  accessed: {today}\nlast_verified: {today}\n")
    assert "new providers/acme/models/fresh.yaml" in capsys.readouterr().err
    assert not validate_catalog(catalog).errors
    assert load_catalog(catalog).providers["acme"].monitoring.last_checked == date.today()
    assert load_catalog(catalog).providers["dusk"].monitoring.last_checked is None  # skipped: never read


@pytest.mark.parametrize("before, after", [
    ("id: a\nname: A\nsources:\n  - title: x\n",
     "id: a\nname: A\nmonitoring:\n  last_checked: 2026-11-30\nsources:\n  - title: x\n"),
    ("id: a\nmonitoring:  # kept\n  models_api_shape: openai\n  last_checked: 2025-01-01  # old\nsources: []\n",
     "id: a\nmonitoring:  # kept\n  models_api_shape: openai\n  last_checked: 2026-11-30\nsources: []\n"),
    ("id: a\nmonitoring:\n  health_components:\n    - {id: x, name: y}\n\n# note\nlast_verified: 2025-01-01\n",
     "id: a\nmonitoring:\n  health_components:\n    - {id: x, name: y}\n  last_checked: 2026-11-30\n\n# note\n"
     "last_verified: 2025-01-01\n"),
    ("id: a", "id: a\nmonitoring:\n  last_checked: 2026-11-30\n"),
])
def test_apply_sets_the_provider_s_last_checked_and_keeps_every_other_line(before, after):
    assert with_last_checked(before, date(2026, 11, 30)) == after


def test_apply_leaves_an_inline_monitoring_to_a_person(catalog):
    path = catalog / "providers/bolt/provider.yaml"
    path.write_text(path.read_text() + "monitoring: {models_api_shape: openai}\n")
    before = path.read_text()
    provider = load_catalog(catalog).providers["bolt"]
    lines = apply_results(catalog, {"bolt": provider}, [Result("bolt", "checked")], date(2026, 1, 2))
    assert lines == ["kept providers/bolt/provider.yaml: its `monitoring` is not a block of indented keys; "
                     "set last_checked by hand"]
    assert path.read_text() == before


def test_apply_appends_a_date_to_a_file_without_one(catalog, capsys):
    (catalog / "providers/acme/models/old.yaml").write_text("id: old\ndescription: curated")
    assert main(["check-live", "--data", str(catalog), "--provider", "bolt", "--apply"]) == 0
    assert main(["check-live", "--data", str(catalog), "--provider", "acme", "--apply"]) == 1
    assert (catalog / "providers/acme/models/old.yaml").read_text() == "id: old\ndescription: curated"
    assert (catalog / "providers/bolt/models/only.yaml").read_text() == (
        f"id: only\nlast_verified: {date.today().isoformat()}\n")


def test_apply_never_overwrites_an_existing_file_nor_writes_through_a_link(catalog, tmp_path):
    provider = load_catalog(catalog).providers["acme"]
    (catalog / "providers/acme/models/fresh.yaml").write_text("id: fresh\ndescription: curated\n")
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: x\n")
    (catalog / "providers/acme/models/linked.yaml").symlink_to(outside)
    result = Result("acme", "checked", comparison=Comparison(new=["fresh", "linked", "bad\x1bid"], confirmed=["linked"]))
    assert apply_results(catalog, {"acme": provider}, [result], date(2026, 1, 2)) == [
        "checked providers/acme/provider.yaml", "kept providers/acme/models/fresh.yaml: it exists", "kept providers/acme/models/linked.yaml: it exists",
        "skipped new offering 'bad\\x1bid': not a printable id of at most 200 characters",
        "kept providers/acme/models/linked.yaml: a link"]
    assert (catalog / "providers/acme/models/fresh.yaml").read_text() == "id: fresh\ndescription: curated\n"
    assert outside.read_text() == "id: x\n"


def test_the_key_is_in_no_report(catalog, capsys):
    for fmt in ("table", "json", "markdown"):
        main(["check-live", "--data", str(catalog), "--format", fmt, "--apply"])
        out, err = capsys.readouterr()
        assert KEY not in out + err
