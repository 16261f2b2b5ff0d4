"""The import and compare-sources commands: output, exit status, JSON report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def test_import_prints_skips_grouped_by_reason_and_writes_every_one_to_the_report(tmp_path, capsys):
    report_file = tmp_path / "report.json"
    status = main(["import", "models.dev", str(FIXTURES / "models_dev_tiny"), "--data", str(tmp_path / "d"),
                   "--report", str(report_file)])
    out, err = capsys.readouterr()
    assert status == 0
    lines = out.splitlines()
    assert [line for line in lines if not line.startswith("  ")] == [  # most frequent reason first
        "skipped 16 input(s): invalid value", "skipped 3 input(s): id that cannot become a portable file name",
        "skipped 3 input(s): unknown key", "skipped 1 input(s): broken symbolic link", "skipped 1 input(s): not TOML"]
    assert lines[lines.index("skipped 1 input(s): broken symbolic link") + 1] == \
        "  providers/acme/models/broken.toml: Git link to ../../nowhere/models/missing.toml, which does not exist"
    assert lines[4] == "  ... and 13 more" and len(lines) == 5 + 3 + 3 + 3 + 1 + 1 + 1
    assert "--verbose prints every one" in err
    assert "offerings: 9 created, 0 updated, 0 unchanged, 3 skipped" in err
    report = json.loads(report_file.read_text())
    assert report["counts"]["offerings"] == {"created": 9, "updated": 0, "unchanged": 0, "skipped": 3}
    assert {s["reason"] for s in report["skipped"]} == {"broken-link", "not-toml", "unknown-key", "invalid-value", "bad-id"}
    assert all(s["reason_text"] and s["detail"] for s in report["skipped"])
    assert report["unmapped"]["model.benchmarks"] == 1 and not any(k.startswith(("provider.", "offering.family"))
                                                                    for k in report["unmapped"])


def test_verbose_prints_every_skipped_input(tmp_path, capsys):
    report_file = tmp_path / "report.json"
    assert main(["import", "models.dev", str(FIXTURES / "models_dev_tiny"), "--data", str(tmp_path / "d"),
                 "--dry-run", "--verbose", "--report", str(report_file)]) == 0
    skipped = [line for line in capsys.readouterr().out.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 24 == len(json.loads(report_file.read_text())["skipped"])
    assert "skipped providers/acme/models/broken.toml: broken symbolic link: Git link to ../../nowhere/models/" \
           "missing.toml, which does not exist" in skipped


def test_dry_run_writes_nothing(tmp_path, capsys):
    status = main(["import", "litellm", str(FIXTURES / "litellm_tiny.json"), "--data", str(tmp_path / "d"), "--dry-run"])
    out, err = capsys.readouterr()
    assert status == 0 and not (tmp_path / "d").exists()
    assert "create providers/cerebras/models/tiny-chat.yaml: 20 field(s)" in out
    assert "dry run: nothing was written" in err


def test_nothing_usable_exits_1(tmp_path, capsys):
    bad = tmp_path / "x.json"
    bad.write_text("[]")
    assert main(["import", "litellm", str(bad), "--data", str(tmp_path / "d")]) == 1
    empty = tmp_path / "md"
    (empty / "providers").mkdir(parents=True)
    assert main(["import", "models.dev", str(empty), "--data", str(tmp_path / "d")]) == 1


def test_missing_input_is_a_usage_error(tmp_path):
    assert main(["import", "litellm", str(tmp_path / "absent.json")]) == 2


def test_compare_sources(data_copy, tmp_path, capsys):
    source = tmp_path / "prices.json"
    source.write_text(json.dumps({"cerebras/gpt-oss-120b": {
        "litellm_provider": "cerebras", "input_cost_per_token": 3.5e-07, "output_cost_per_token": 6.9e-07}}))
    before = sorted(p.read_bytes() for p in data_copy.rglob("*.yaml"))
    status = main(["compare-sources", "--data", str(data_copy), "--litellm", str(source)])
    out, _ = capsys.readouterr()
    assert status == 1
    assert out == "providers/cerebras/models/gpt-oss-120b.yaml: pricing.input: catalog 0.25, litellm 0.35\n"
    assert sorted(p.read_bytes() for p in data_copy.rglob("*.yaml")) == before  # nothing written
    assert main(["compare-sources", "--data", str(data_copy)]) == 2


def test_compare_sources_without_options_uses_the_inputs_the_catalog_names(data_copy, tmp_path, capsys):
    import shutil
    assert main(["import", "litellm", str(FIXTURES / "litellm_tiny.json"), "--data", str(data_copy)]) == 0
    capsys.readouterr()
    corpora = tmp_path / "corpora"
    status = main(["compare-sources", "--data", str(data_copy), "--corpora", str(corpora)])
    err = capsys.readouterr().err
    assert status == 2 and "not found: litellm input `LiteLLM litellm_tiny.json` (named by 6 file(s)) at " \
        f"{corpora}/litellm/litellm_tiny.json; give --litellm FILE" in err
    (corpora / "litellm").mkdir(parents=True)
    changed = json.loads((FIXTURES / "litellm_tiny.json").read_text())
    changed["cerebras/tiny-chat"]["input_cost_per_token"] = 4.5e-07
    (corpora / "litellm/litellm_tiny.json").write_text(json.dumps(changed))
    status = main(["compare-sources", "--data", str(data_copy), "--corpora", str(corpora)])
    out, err = capsys.readouterr()
    assert status == 1 and out == "providers/cerebras/models/tiny-chat.yaml: pricing.input: catalog 0.35, litellm 0.45\n"
    assert f"comparing with litellm at {corpora}/litellm/litellm_tiny.json (named as `LiteLLM litellm_tiny.json`" in err
    shutil.copy(FIXTURES / "litellm_tiny.json", corpora / "litellm/litellm_tiny.json")
    assert main(["compare-sources", "--data", str(data_copy), "--corpora", str(corpora)]) == 0


def test_compare_sources_says_which_option_to_give_when_the_catalog_names_no_source(data_copy, capsys):
    assert main(["compare-sources", "--data", str(data_copy)]) == 2
    assert "names no imported source (no `sources` entry with an `importer`); give --models-dev PATH and/or " \
           "--litellm FILE" in capsys.readouterr().err


def test_accessed_must_be_a_date(tmp_path, capsys):
    argv = ["import", "litellm", str(FIXTURES / "litellm_tiny.json"), "--data", str(tmp_path / "d")]
    assert main(argv + ["--accessed", "yesterday"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(argv + ["--accessed", "2026-03-15"]) == 0
    assert "LiteLLM litellm_tiny.json read 2026-03-15: cerebras/tiny-chat" in \
        (tmp_path / "d/providers/cerebras/models/tiny-chat.yaml").read_text()


def test_compare_sources_json(data_copy, tmp_path, capsys):
    source = tmp_path / "prices.json"
    source.write_text(json.dumps({"cerebras/gpt-oss-120b": {"litellm_provider": "cerebras", "output_cost_per_token": 7.5e-07}}))
    assert main(["compare-sources", "--data", str(data_copy), "--litellm", str(source), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == [{
        "file": "providers/cerebras/models/gpt-oss-120b.yaml", "field": "pricing.output", "catalog": "0.69",
        "source": "0.75", "importer": "litellm"}]


def test_overwrite_flag(data_copy, tmp_path, capsys):
    source = tmp_path / "prices.json"
    source.write_text(json.dumps({"cerebras/gpt-oss-120b": {"litellm_provider": "cerebras", "input_cost_per_token": 3.5e-07}}))
    target = data_copy / "providers/cerebras/models/gpt-oss-120b.yaml"
    assert main(["import", "litellm", str(source), "--data", str(data_copy)]) == 0
    assert "input: 0.25" in target.read_text()
    assert main(["import", "litellm", str(source), "--data", str(data_copy), "--overwrite"]) == 0
    assert "input: 0.35" in target.read_text()


def test_existing_only_fills_what_the_catalog_has_and_creates_nothing(tmp_path, capsys):
    from .conftest import DATA

    data = tmp_path / "d"
    shutil.copytree(DATA, data)
    (data / "providers/cerebras/models/tiny-chat.yaml").write_text("id: tiny-chat\n")
    before = {p.relative_to(data) for p in data.rglob("*.yaml")}
    status = main(["import", "litellm", str(FIXTURES / "litellm_tiny.json"), "--data", str(data), "--existing-only"])
    _, err = capsys.readouterr()
    assert status == 0 and {p.relative_to(data) for p in data.rglob("*.yaml")} == before
    assert "not in the catalog, so not created (--existing-only): 2 providers, 3 offerings" in err
    assert "importer: litellm" in (data / "providers/cerebras/models/tiny-chat.yaml").read_text()  # filled
