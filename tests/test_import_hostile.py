"""The importers on hostile inputs (issue 11, items 4, 8, 14 and 18): each input is built here in
tmp_path, and each test checks the import ends with a reported skip, never a traceback, and that
every file it wrote passes ``provcat validate``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.importers import litellm, run_import, tree as walk
from generator.validation.validate import validate_catalog

PROVIDER = 'name = "Acme"\nenv = ["ACME_API_KEY"]\n'
MODEL = 'name = "Model"\n[limit]\ncontext = 1000\noutput = 100\n[cost]\ninput = 1\noutput = 2\n'


def files_at(root: Path, files: dict[str, str]) -> Path:
    """A models.dev checkout at *root* holding *files* (path below root -> text)."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def checkout(tmp_path: Path, **more: str) -> Path:
    files = {"providers/acme/provider.toml": PROVIDER, "providers/acme/models/m.toml": MODEL}
    return files_at(tmp_path / "md", files | {_path(name): text for name, text in more.items()})


def _path(name: str) -> str:
    """``providers__acme__models__x_toml`` -> ``providers/acme/models/x.toml``."""
    name = name.replace("__", "/")
    return name[:-len("_toml")] + ".toml" if name.endswith("_toml") else name


def link(target, at: Path) -> None:
    at.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.symlink(target, at)
    except OSError:
        pytest.skip("symbolic links cannot be created here")


def written(data_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*.yaml")) if data_dir.exists() else []


def valid(data_dir: Path) -> bool:
    return not data_dir.exists() or validate_catalog(data_dir).errors == []


def details(report, reason: str | None = None) -> dict[str, str]:
    return {s.input: s.detail for s in report.skips if reason is None or s.reason == reason}


def litellm_file(tmp_path: Path, entries: dict) -> Path:
    path = tmp_path / "prices.json"
    path.write_text(json.dumps(entries))
    return path


# -- item 4: folder links that leave the imported tree -------------------------------

def test_a_provider_folder_linked_from_outside_the_tree_is_reported_and_skipped(tmp_path):
    outside = files_at(tmp_path / "elsewhere", {"provider.toml": 'name = "Outside"\n', "models/x.toml": MODEL})
    source = checkout(tmp_path)
    link(outside, source / "providers/evil")
    report = run_import("models.dev", source, tmp_path / "data")
    assert "outside the checkout" in details(report, "broken-link")["providers/evil"]
    assert not any(rel.startswith("providers/evil") for rel in written(tmp_path / "data"))
    assert "providers/acme/models/m.yaml" in written(tmp_path / "data")


def test_a_models_folder_linked_from_outside_the_tree_is_reported_and_skipped(tmp_path):
    outside = files_at(tmp_path / "elsewhere", {"x.toml": MODEL, "lab/y.toml": MODEL})
    source = checkout(tmp_path)
    link(outside, source / "providers/acme/models/more")
    link(outside, source / "models/lab")
    report = run_import("models.dev", source, tmp_path / "data")
    found = details(report, "broken-link")
    assert "outside the checkout" in found["providers/acme/models/more"]
    assert "outside the checkout" in found["models/lab"]
    assert written(tmp_path / "data") == ["providers/acme/models/m.yaml", "providers/acme/provider.yaml"]


def test_a_provider_file_linked_from_outside_the_tree_is_not_read(tmp_path):
    secret = files_at(tmp_path / "elsewhere", {"secret.toml": 'name = "Secret"\n'}) / "secret.toml"
    source = checkout(tmp_path)
    (source / "providers/acme/provider.toml").unlink()
    link(secret, source / "providers/acme/provider.toml")
    report = run_import("models.dev", source, tmp_path / "data")
    assert "outside the checkout" in details(report, "broken-link")["providers/acme/provider.toml"]
    assert written(tmp_path / "data") == []


# -- item 18: bounded walks and input sizes ----------------------------------------------

def test_a_folder_link_to_dot_is_reported_and_not_followed(tmp_path):
    source = checkout(tmp_path)
    link(".", source / "providers/acme/models/again")
    report = run_import("models.dev", source, tmp_path / "data")
    assert "not followed" in details(report, "broken-link")["providers/acme/models/again"]
    assert written(tmp_path / "data") == ["providers/acme/models/m.yaml", "providers/acme/provider.yaml"]


def test_three_folder_links_to_dot_end_in_seconds(tmp_path):
    source = checkout(tmp_path)
    for name in ("a", "b", "c"):
        link(".", source / "providers/acme/models" / name)
        link(".", source / "models" / name)
    program = ("import sys; from generator.importers import run_import; "
               "r = run_import('models.dev', sys.argv[1], sys.argv[2]); print(len(r.skips))")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", program, str(source), str(tmp_path / "data")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert time.monotonic() - started < 30
    assert int(done.stdout) == 6


def test_a_walk_deeper_than_the_limit_is_reported_and_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(walk, "MAX_DEPTH", 3)
    source = checkout(tmp_path, providers__acme__models__a__b__c__d__deep_toml=MODEL)
    report = run_import("models.dev", source, tmp_path / "data")
    assert "deeper than 3" in details(report, "too-large")["providers/acme/models/a/b/c/d"]
    assert written(tmp_path / "data") == ["providers/acme/models/m.yaml", "providers/acme/provider.yaml"]


def test_a_walk_over_the_file_limit_is_reported_and_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(walk, "MAX_FILES", 3)
    source = checkout(tmp_path, **{f"providers__acme__models__n{i}.toml": MODEL for i in range(5)})
    report = run_import("models.dev", source, tmp_path / "data")
    assert "more than 3 files" in details(report, "too-large")["providers/acme/models"]
    assert len(written(tmp_path / "data")) == 1 + 3


def test_a_sparse_1_gib_litellm_file_is_refused_unread(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(2**30)
    started = time.monotonic()
    report = run_import("litellm", path, tmp_path / "data")
    assert time.monotonic() - started < 2
    assert "larger than 64 MiB" in details(report, "too-large")[str(path)]
    assert not report.usable and written(tmp_path / "data") == []


def test_the_import_command_refuses_an_oversized_file_with_exit_1_naming_it(tmp_path, capsys):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(2**30)
    assert main(["import", "litellm", str(path), "--data", str(tmp_path / "data")]) == 1
    out, _ = capsys.readouterr()
    assert f"skipped 1 input(s): over a size or depth limit\n  {path}: 1,073,741,824 bytes, larger than 64 MiB; " \
           "refused unread" in out


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch):
    source = checkout(tmp_path, providers__acme__models__closed__x_toml=MODEL)
    listing = os.scandir

    def refusing(path):  # as for a folder without read permission (root reads every folder)
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied")
        return listing(path)

    monkeypatch.setattr(walk.os, "scandir", refusing)
    report = run_import("models.dev", source, tmp_path / "data")
    assert "cannot be listed: Permission denied" in details(report, "unreadable")["providers/acme/models/closed"]
    assert "providers/acme/models/m.yaml" in written(tmp_path / "data")


def test_an_oversized_toml_file_is_refused_unread(tmp_path):
    source = checkout(tmp_path)
    with open(source / "providers/acme/models/huge.toml", "wb") as handle:
        handle.truncate(2**30)
    report = run_import("models.dev", source, tmp_path / "data")
    assert "larger than 1 MiB" in details(report, "too-large")["providers/acme/models/huge.toml"]
    assert "providers/acme/models/m.yaml" in written(tmp_path / "data")


def test_a_fifo_named_like_a_toml_file_is_skipped_not_waited_on(tmp_path):
    source = checkout(tmp_path)
    try:
        os.mkfifo(source / "providers/acme/models/pipe.toml")
    except (AttributeError, OSError):
        pytest.skip("named pipes cannot be created here")
    report = run_import("models.dev", source, tmp_path / "data")
    assert "not a regular file" in details(report, "not-toml")["providers/acme/models/pipe.toml"]


def test_a_dotted_key_thousands_deep_is_refused_before_parsing(tmp_path):
    source = checkout(tmp_path, providers__acme__models__dots_toml=".".join(["a"] * 200_000) + " = 1\n")
    started = time.monotonic()
    report = run_import("models.dev", source, tmp_path / "data")
    assert time.monotonic() - started < 10
    assert "dots" in details(report, "not-toml")["providers/acme/models/dots.toml"]


# -- item 14: wrong types and deep nesting ---------------------------------------------------

def test_litellm_provider_given_as_a_list_is_reported(tmp_path):
    path = litellm_file(tmp_path, {"m": {"litellm_provider": ["openai"], "mode": "chat"}})
    report = run_import("litellm", path, tmp_path / "data")
    assert "['openai']" in details(report, "unmapped-provider")["m"]


WRONG = [[], ["chat"], {"a": 1}, "text", -1, 1.5, True, None, 2**64]


@pytest.mark.parametrize("value", WRONG, ids=repr)
@pytest.mark.parametrize("key", sorted(litellm.HANDLED - {"litellm_provider"}) + ["input_cost_per_token_above_1k_tokens"])
def test_litellm_wrong_types_in_any_field_are_reported(tmp_path, key, value):
    path = litellm_file(tmp_path, {"cerebras/m": {"litellm_provider": "cerebras", key: value}})
    report = run_import("litellm", path, tmp_path / "data")
    assert "providers/cerebras/models/m.yaml" in written(tmp_path / "data")
    assert valid(tmp_path / "data")
    assert report.counts["offerings"]["created"] == 1


MODELS_DEV_WRONG = {
    "base_model": "base_model = [1]\n",
    "base_model_omit": 'base_model = "lab/base"\nbase_model_omit = 5\n',
    "base_model_omit items": 'base_model = "lab/base"\nbase_model_omit = [1, ["x"]]\n',
    "status": 'status = ["beta"]\n',
    "tiers": "[cost]\ninput = 1\ntiers = 3\n",
    "tier entries": "[cost]\ninput = 1\ntiers = [1, {tier = 5}]\n",
    "modalities": "[modalities]\ninput = [[1], {a = 1}]\n",
    "limit": "limit = [1]\n",
}


@pytest.mark.parametrize("text", MODELS_DEV_WRONG.values(), ids=MODELS_DEV_WRONG.keys())
def test_models_dev_wrong_types_are_reported(tmp_path, text):
    source = checkout(tmp_path, providers__acme__models__odd_toml='name = "Odd"\n' + text,
                      models__lab__base_toml='name = "Base"\n')
    report = run_import("models.dev", source, tmp_path / "data")
    assert any(s.input.startswith("providers/acme/models/odd.toml") for s in report.skips)
    assert valid(tmp_path / "data")


def test_api_json_model_that_is_not_an_object_is_reported(tmp_path):
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"acme": {"name": "Acme", "models": {"m": [1], "ok": {"name": "OK"}}}}))
    report = run_import("models.dev", path, tmp_path / "data")
    assert "not a model object" in details(report, "invalid-value")["api.json: acme/m"]
    assert "providers/acme/models/ok.yaml" in written(tmp_path / "data")


@pytest.mark.parametrize("importer", ["litellm", "models.dev"])
def test_json_nested_too_deep_is_reported(tmp_path, importer):
    path = tmp_path / "deep.json"
    path.write_text('{"m": ' + "[" * 100_000 + "]" * 100_000 + "}")
    report = run_import(importer, path, tmp_path / "data")
    assert "nested too deep" in details(report, "not-json")[str(path)]


def test_json_nested_just_under_the_parser_limit_is_reported_without_a_traceback(tmp_path):
    path = litellm_file(tmp_path, {})
    path.write_text('{"cerebras/m": {"litellm_provider": "cerebras", "mode": ' + "[" * 900 + "]" * 900 + "}}")
    report = run_import("litellm", path, tmp_path / "data")
    assert "is not one of" in details(report, "invalid-value")["cerebras/m (mode)"]
    assert valid(tmp_path / "data")


def test_toml_nested_too_deep_is_reported(tmp_path):
    source = checkout(tmp_path, providers__acme__models__deep_toml="x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    report = run_import("models.dev", source, tmp_path / "data")
    assert "nested too deep" in details(report, "not-toml")["providers/acme/models/deep.toml"]
    assert "providers/acme/models/m.yaml" in written(tmp_path / "data")


# -- item 8: nothing written that validate rejects ----------------------------------------------

def test_a_cost_of_1e309_is_reported_not_written_as_a_310_digit_price(tmp_path):
    source = checkout(tmp_path, providers__acme__models__big_toml="[cost]\ninput = 1e309\noutput = 2\n")
    report = run_import("models.dev", source, tmp_path / "data")
    assert "providers/acme/models/big.toml (cost.input)" in details(report, "invalid-value")
    assert valid(tmp_path / "data")
    assert "input" not in (tmp_path / "data/providers/acme/models/big.yaml").read_text()


def test_litellm_above_0k_tokens_is_reported_not_written_as_above_tokens_0(tmp_path):
    path = litellm_file(tmp_path, {"cerebras/m": {"litellm_provider": "cerebras", "input_cost_per_token": 1e-6,
                                                  "input_cost_per_token_above_0k_tokens": 2e-6}})
    report = run_import("litellm", path, tmp_path / "data")
    assert "cerebras/m (input_cost_per_token_above_0k_tokens)" in details(report, "invalid-value")
    assert valid(tmp_path / "data")
    assert "tiers" not in (tmp_path / "data/providers/cerebras/models/m.yaml").read_text()


@pytest.mark.parametrize("field", ["max_input_tokens", "max_output_tokens", "rpm"])
def test_litellm_integers_beyond_2_53_are_reported_not_written(tmp_path, field):
    path = litellm_file(tmp_path, {"cerebras/m": {"litellm_provider": "cerebras", field: 2**53}})
    report = run_import("litellm", path, tmp_path / "data")
    assert f"cerebras/m ({field})" in details(report, "invalid-value")
    assert valid(tmp_path / "data")


def test_models_dev_integers_beyond_2_53_are_reported_not_written(tmp_path):
    text = f"[limit]\ncontext = {2**60}\noutput = 100\n[cost]\ninput = {2**60}\n"
    source = checkout(tmp_path, providers__acme__models__big_toml=text)
    report = run_import("models.dev", source, tmp_path / "data")
    found = details(report, "invalid-value")
    assert {"providers/acme/models/big.toml (limit.context)", "providers/acme/models/big.toml (cost.input)"} <= set(found)
    assert valid(tmp_path / "data")


CURATED = "# yaml-language-server: $schema=../../../../schema/offering.schema.json\nid: m\n"


def curated_offering(data_dir: Path, text: str) -> Path:
    offering = data_dir / "providers/cerebras/models/m.yaml"
    offering.parent.mkdir(parents=True)
    offering.write_text(CURATED + text)
    return offering


def test_an_imported_field_that_validation_would_reject_is_left_out_and_the_rest_kept(tmp_path):
    """No importer check knows that a hand-added retirement date must not precede an imported
    deprecation date; the merged document is checked as validate checks it, before it is written."""
    offering = curated_offering(tmp_path / "data", "retirement_date: 2020-01-01\n")
    path = litellm_file(tmp_path, {"cerebras/m": {"litellm_provider": "cerebras", "deprecation_date": "2025-01-01",
                                                  "input_cost_per_token": 1e-6}})
    report = run_import("litellm", path, tmp_path / "data")
    assert "would not pass validation: retirement (2020-01-01) is before deprecation" \
        in details(report, "invalid-value")["cerebras/m (deprecation_date)"]
    text = offering.read_text()
    assert "deprecation_date" not in text and "input: 1\n" in text and valid(tmp_path / "data")


@pytest.mark.parametrize("text", ["retirement_date: 2020-01-01\ndeprecation_date: 2021-01-01\nstatus: retired\n"
                                  "context_window: 10\nmax_output_tokens: 20\n",
                                  "pricing:\n  currency: USD\n  output: 1e300\n"], ids=["rule", "number"])
def test_a_curated_file_that_fails_validation_is_reported_and_left_as_it_was(tmp_path, text):
    offering = curated_offering(tmp_path / "data", text)
    path = litellm_file(tmp_path, {"cerebras/m": {"litellm_provider": "cerebras", "input_cost_per_token": 1e-6}})
    report = run_import("litellm", path, tmp_path / "data")
    assert "the file is left as it was" in details(report, "invalid-value")["cerebras/m"]
    assert offering.read_text() == CURATED + text


# -- a lone surrogate (half of a UTF-16 pair, legal in a JSON string) in imported text ----------------

SURROGATES = {"acme": {"name": "Acme", "env": ["ACME_KEY"], "doc": "https://acme.example/\ud800", "models": {
    "m": {"name": "M\udfff", "limit": {"context": 1000, "output": 100}, "cost": {"input": 1, "output": 2}},
    "m\ud800x": {"name": "X"}}}}


def test_a_lone_surrogate_in_imported_text_is_reported_escaped_never_a_crash(tmp_path, capsys):
    """No file can hold a lone surrogate: the field is left out (the rest kept), or the item skipped when
    it cannot be (an id); every sink writes it escaped."""
    path, data, report_file = tmp_path / "api.json", tmp_path / "data", tmp_path / "report.json"
    path.write_text(json.dumps(SURROGATES))  # ASCII: json.dumps writes "\ud800" as its escape
    for _ in range(2):  # the second run compares the item with the file it made (merge._as_created)
        assert main(["import", "models.dev", str(path), "--data", str(data), "--verbose",
                     "--report", str(report_file)]) == 0
        out = capsys.readouterr().out
        assert "skipped api.json: acme/m (name): invalid value: 'M\\udfff' would not pass validation: " \
               "'M\\udfff' holds a lone surrogate (U+DFFF), which is not text; the field is left out" in out
        assert "skipped api.json: acme/m\\ud800x: invalid value: " in out and "(U+D800)" in out
        assert "skipped api.json: acme (endpoints.documentation): invalid value: 'https://acme.example/\\ud800' " in out
    skipped = {s["input"]: s["detail"] for s in json.loads(report_file.read_text(encoding="utf-8"))["skipped"]}
    assert set(skipped) == {"api.json: acme (endpoints.documentation)", "api.json: acme/m\ud800x",
                            "api.json: acme/m (name)"}
    assert written(data) == ["providers/acme/models/m.yaml", "providers/acme/provider.yaml"]
    assert "name" not in (data / "providers/acme/models/m.yaml").read_text()
    assert valid(data)
