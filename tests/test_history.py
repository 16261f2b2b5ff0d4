"""The models.dev history walk on a repository built commit by commit with known changes."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from generator.cli import main
from generator.importers import models_dev_history
from generator.importers.history import Event
from generator.importers.report import ImportReport
from generator.validation.validate import validate_catalog
from generator.validation.yaml_fast import load_bytes

from .gitrepo import Repo

PROVIDER = 'name = "P"\nenv = ["P_KEY"]\nnpm = "@p/sdk"\ndoc = "https://p.example/docs"\n'


def model(name: str, inp, out, extra: str = "") -> str:
    return f'name = "{name}"\n{extra}\n[cost]\ninput = {inp}\noutput = {out}\n'


def based(name: str, extra: str = "") -> str:
    return f'name = "{name}"\nbase_model = "lab/base"\n{extra}\n'


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The history: a price cut, a base_model change reaching three offerings, a rename, a
    deletion, a change and its revert, a broken file, two changes on one day, a status change."""
    r = Repo(tmp_path_factory.mktemp("md"))
    h = {}
    h["start"] = r.commit("2025-01-01T10:00:00Z", {
        "providers/p/provider.toml": PROVIDER, "providers/q/provider.toml": PROVIDER,
        "providers/p/models/a.toml": model("A", 1, 2),
        "models/lab/base.toml": model("Base", 3, 4),
        "providers/p/models/b.toml": based("B"), "providers/p/models/c.toml": based("C"),
        "providers/q/models/d.toml": based("D")})
    h["cut"] = r.commit("2025-02-01T10:00:00Z", {"providers/p/models/a.toml": model("A", 0.5, 2)})
    h["base"] = r.commit("2025-03-01T10:00:00Z", {"models/lab/base.toml": model("Base", 2.5, 4)})
    h["rename"] = r.commit("2025-04-01T10:00:00Z", move=[("providers/p/models/a.toml", "providers/p/models/a2.toml")])
    h["delete"] = r.commit("2025-05-01T10:00:00Z", delete=["providers/p/models/c.toml"])
    h["raise"] = r.commit("2025-06-01T10:00:00Z", {"providers/p/models/a2.toml": model("A", 0.7, 2)})
    h["revert"] = r.commit("2025-07-01T10:00:00Z", {"providers/p/models/a2.toml": model("A", 0.5, 2)})
    h["broken"] = r.commit("2025-08-01T10:00:00Z", {"providers/p/models/b.toml": 'name = "B"\nname = "again"\n'})
    h["fixed"] = r.commit("2025-08-02T10:00:00Z", {"providers/p/models/b.toml": based("B")})
    h["morning"] = r.commit("2025-09-01T08:00:00Z", {"providers/p/models/a2.toml": model("A", 0.6, 2)})
    h["evening"] = r.commit("2025-09-01T20:00:00Z", {"providers/p/models/a2.toml": model("A", 0.65, 2)})
    h["status"] = r.commit("2025-10-01T10:00:00Z", {"providers/q/models/d.toml": based("D", 'status = "deprecated"')})
    return r, h


def prices(points):
    return [(p.day, p.commit, p.pricing and (p.pricing.get("input"), p.pricing.get("output"))) for p in points]


def test_history_records_each_price_change_with_day_and_commit(repo):
    r, h = repo
    report = ImportReport("models.dev", "test")
    history = models_dev_history.walk(r.root, report)
    d = Decimal
    assert prices(history.prices[("p", "a2")]) == [
        ("2025-01-01", h["start"], (d(1), d(2))), ("2025-02-01", h["cut"], (d("0.5"), d(2))),
        ("2025-06-01", h["raise"], (d("0.7"), d(2))), ("2025-07-01", h["revert"], (d("0.5"), d(2))),
        ("2025-09-01", h["evening"], (d("0.65"), d(2)))]  # the day's last price, by the day's last commit
    for key in (("p", "b"), ("p", "c"), ("q", "d")):  # the base model's change reached all three
        assert prices(history.prices[key]) == [("2025-01-01", h["start"], (d(3), d(4))),
                                               ("2025-03-01", h["base"], (d("2.5"), d(4)))]
    assert ("p", "a") not in history.prices  # the rename carried its points over


def test_history_records_lifecycle_events(repo):
    r, h = repo
    history = models_dev_history.walk(r.root, ImportReport("models.dev", "test"))
    later = [e for e in history.events if e.day > "2025-01-01"]
    assert later == [Event("2025-04-01", h["rename"], "p", "a2", "renamed", old="a"),
                     Event("2025-05-01", h["delete"], "p", "c", "removed"),
                     Event("2025-10-01", h["status"], "q", "d", "status", None, "deprecated")]
    assert sorted(e.offering for e in history.events if e.kind == "added") == ["a", "b", "c", "d"]


def test_a_broken_file_is_reported_with_commit_and_path_and_the_walk_goes_on(repo):
    r, h = repo
    report = ImportReport("models.dev", "test")
    history = models_dev_history.walk(r.root, report)
    assert [(s.input, s.reason) for s in report.skips] == [
        (f"providers/p/models/b.toml at commit {h['broken']}", "not-toml")]
    assert len(history.prices[("p", "b")]) == 2  # no price change, no removal from the broken commit
    assert history.last_commit == h["status"] and history.commits == 12


def _catalog(tmp_path, r):
    data = tmp_path / "data"
    assert main(["import", "models.dev", str(r.root), "--data", str(data)]) == 0
    return data


def test_history_goes_into_the_offering_files_and_changes_yaml(repo, tmp_path, capsys):
    r, h = repo
    data = _catalog(tmp_path, r)
    assert main(["import", "models.dev", str(r.root), "--history", "--data", str(data)]) == 0
    assert validate_catalog(data).ok(), [p.format() for p in validate_catalog(data).problems]
    a2, _ = load_bytes((data / "providers/p/models/a2.yaml").read_bytes(), "a2")
    pricing = a2["pricing"]
    assert (str(pricing["effective_from"]), pricing["source"], pricing["input"]) == (
        "2025-09-01", f"models.dev commit {h['evening']}", 0.65)
    assert [(str(e["effective_from"]), e["input"]) for e in pricing["history"]] == [
        ("2025-01-01", 1), ("2025-02-01", 0.5), ("2025-06-01", 0.7), ("2025-07-01", 0.5)]
    changes, _ = load_bytes((data / "providers/p/changes.yaml").read_bytes(), "changes")
    assert {"day": "2025-05-01", "offering": "c", "kind": "removed", "source": f"models.dev commit {h['delete']}"} \
        in [{**e, "day": str(e["day"])} for e in changes["events"]]


def test_a_second_run_records_only_new_commits(repo, tmp_path, capsys):
    r, h = repo
    data = _catalog(tmp_path, r)
    assert main(["import", "models.dev", str(r.root), "--history", "--data", str(data)]) == 0
    before = (data / "providers/p/changes.yaml").read_bytes()
    started = time.perf_counter()
    assert main(["import", "models.dev", str(r.root), "--history", "--data", str(data)]) == 0
    assert time.perf_counter() - started < 2
    assert "nothing new" in capsys.readouterr().err
    assert (data / "providers/p/changes.yaml").read_bytes() == before
    extra = Repo.__new__(Repo)
    extra.root = r.root
    new = extra.commit("2025-11-01T10:00:00Z", {"providers/q/models/d.toml": based("D", 'status = "deprecated"\n[cost]\ninput = 2')})
    try:
        assert main(["import", "models.dev", str(r.root), "--history", "--data", str(data)]) == 0
        assert "1 commits walked" in capsys.readouterr().err
        d, _ = load_bytes((data / "providers/q/models/d.yaml").read_bytes(), "d")
        assert (str(d["pricing"]["effective_from"]), d["pricing"]["input"]) == ("2025-11-01", 2)
        assert [(str(e["effective_from"]), e["input"]) for e in d["pricing"]["history"]] == [
            ("2025-01-01", 3), ("2025-03-01", 2.5)]
    finally:
        r.git("reset", "-q", "--hard", h["status"])
    assert new


def _lite(entries: dict) -> str:
    import json

    return json.dumps({"sample_spec": {"mode": "chat"}, **entries}, indent=1)


def test_litellm_history_from_a_repository_of_the_json(tmp_path, capsys):
    r = Repo(tmp_path / "lite")
    spec = {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05}
    f = "model_prices_and_context_window.json"
    first = r.commit("2025-01-01T10:00:00Z", {f: _lite({"gpt-x": spec})})
    broken = r.commit("2025-01-15T10:00:00Z", {f: "{not json"})
    cut = r.commit("2025-02-01T10:00:00Z", {f: _lite({"gpt-x": {**spec, "input_cost_per_token": 1.25e-06}})})
    gone = r.commit("2025-03-01T10:00:00Z", {f: _lite({})})
    from generator.importers import litellm_history

    report = ImportReport("litellm", "test")
    history = litellm_history.walk(r.root, f, report)
    assert prices(history.prices[("openai", "gpt-x")]) == [("2025-01-01", first, (Decimal("2.5"), Decimal("10"))),
                                                           ("2025-02-01", cut, (Decimal("1.25"), Decimal("10")))]
    assert [(e.day, e.kind) for e in history.events] == [("2025-01-01", "added"), ("2025-03-01", "removed")]
    assert history.events[-1].commit == gone
    assert [s.input for s in report.skips] == [f"{f} at commit {broken}"]
    data = tmp_path / "data"
    (data / "providers/openai/models").mkdir(parents=True)
    (data / "providers/openai/provider.yaml").write_text("id: openai\nname: OpenAI\n")
    (data / "providers/openai/models/gpt-x.yaml").write_text("id: gpt-x\npricing:\n  input: 1.25\n  output: 10\n")
    assert main(["import", "litellm", str(r.root), "--history", "--path", f, "--data", str(data)]) == 0
    assert validate_catalog(data).ok()
    doc, _ = load_bytes((data / "providers/openai/models/gpt-x.yaml").read_bytes(), "x")
    assert doc["pricing"]["history"][0]["input"] == 2.5 and doc["pricing"]["source"] == f"litellm commit {cut}"


def test_price_at_a_past_day_names_the_entry_and_its_commit(repo, tmp_path, capsys):
    r, h = repo
    data = _catalog(tmp_path, r)
    assert main(["import", "models.dev", str(r.root), "--history", "--data", str(data)]) == 0
    capsys.readouterr()
    assert main(["price", "p/a2", "--input", "1M", "--at", "2025-06-15", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"$0.70 (price from 2025-06-01, models.dev commit {h['raise']})" in out


def test_ids_that_cannot_name_catalog_files_are_reported_not_written(tmp_path):
    from generator.importers import history_write
    from generator.importers.history import History, PricePoint

    history = History(prices={("Bad Provider", "x"): [PricePoint("2025-01-01", "a" * 40, {"currency": "USD"}),
                                                      PricePoint("2025-02-01", "b" * 40, None)]},
                      events=[Event("2025-01-01", "a" * 40, "..", "x", "added")])
    report = ImportReport("models.dev", "test")
    assert history_write.write(history, tmp_path, "models.dev", report) == {"offerings": 0, "events": 0}
    assert [s.reason for s in report.skips] == ["bad-id"]
    assert not (tmp_path / "providers").exists()
