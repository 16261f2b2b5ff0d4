"""provcat list, show, price and export, through generator.cli.main(argv)."""

from __future__ import annotations

import csv
import io
import json

from generator.catalog.seal import SCHEMA_VERSION
from generator.outputs.exports.schemas import errors
from generator.present.table import render

from .clihelp import R, run
from .conftest import DATA
from .exporthelp import RICH


def test_list_models_piped_is_tab_separated(capsys):
    status, out, _ = run(capsys, "list", "models", "--data", str(DATA))
    lines = out.splitlines()
    assert status == 0 and lines[0].split("\t") == ["REFERENCE", "KIND", "CONTEXT", "INPUT", "OUTPUT", "STATUS"]
    assert "cerebras/gpt-oss-120b\tN/A\t131072\t$0.25/1M\t$0.69/1M\tN/A" in lines
    assert len(lines) == 10 and "\x1b" not in out


def test_list_models_on_a_terminal_is_aligned(capsys, monkeypatch):
    monkeypatch.setattr("generator.cli.list_cmd.on_terminal", lambda: True)
    status, out, _ = run(capsys, "list", "models", *R)
    lines = [line.replace("\x1b[1m", "").replace("\x1b[0m", "") for line in out.splitlines()]
    assert status == 0 and "\t" not in out  # click drops the bold escape when stdout is not a real terminal
    column = lines[0].index("KIND")
    assert all(line[column - 2:column] == "  " for line in lines)
    assert lines[1][column:].startswith("chat")


def test_table_shrinks_to_the_terminal_and_cleans_cells():
    text = render(["A", "B"], [["x" * 50, "tab\there"]], terminal=True, width=30)
    assert max(len(line.replace("\x1b[1m", "").replace("\x1b[0m", "")) for line in text.splitlines()) <= 30
    assert "…" in text and "tab here" in text and text.startswith("\x1b[1mA")
    assert render(["A"], [["new\nline"]], terminal=False) == "A\nnew line"


def test_list_models_filters(capsys):
    _, out, _ = run(capsys, "list", "models", *R, "--feature", "tool_calling", "--min-context", "128k")
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["alpha/Qwen/QwQ-32B"]
    _, out, _ = run(capsys, "list", "models", *R, "--max-input-price", "0.09", "--no-training", "--format", "json")
    assert [r["ref"] for r in json.loads(out)] == ["alpha/free-embed"]
    _, out, _ = run(capsys, "list", "models", *R, "--kind", "chat", "--provider", "beta", "--format", "json")
    assert [r["ref"] for r in json.loads(out)] == ["beta/big-model"]


def test_list_models_json_rows_are_models_json_rows(capsys):
    _, out, _ = run(capsys, "list", "models", *R, "--format", "json")
    assert errors("models.json", {"schema_version": SCHEMA_VERSION, "content_hash": "sha256:" + "0" * 64,
                                  "offerings": json.loads(out)}) == []


def test_list_models_csv_leaves_unknown_cells_empty(capsys):
    _, out, _ = run(capsys, "list", "models", *R, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    qwq = rows[0]
    assert qwq["ref"] == "alpha/Qwen/QwQ-32B" and qwq["authors"] == "acme;beta-labs"
    assert (qwq["tool_calling"], qwq["structured_outputs"], qwq["json_mode"]) == ("true", "false", "")
    assert qwq["price_input"] == "0.1" and rows[3]["ref"] == "alpha/mystery" and rows[3]["price_input"] == ""


def test_list_providers(capsys):
    status, out, _ = run(capsys, "list", "providers", *R)
    assert status == 0 and out.splitlines()[1:] == [
        "alpha\tAlpha Inference\t4\tNo\tNo", "beta\tBeta Cloud\t2\tUnknown\tYes", "gamma\tGamma\t0\tUnknown\tUnknown"]
    _, out, _ = run(capsys, "list", "providers", *R, "--no-training", "--format", "csv")
    assert out.splitlines() == ["id,name,offerings,retains_user_data,trains_on_user_data,headquarters",
                                "alpha,Alpha Inference,4,false,false,\"Lisbon, Portugal\""]


def test_list_rejects_bad_options(capsys):
    assert run(capsys, "list", "models", *R, "--feature", "teleport")[0] == 2
    status, _, err = run(capsys, "list", "models", *R, "--min-context", "lots")
    assert status == 2 and "not a token count" in err
    status, _, err = run(capsys, "list", "models", *R, "--max-input-price", "cheap")
    assert status == 2 and "not a price" in err
    status, _, err = run(capsys, "list", "models", *R, "--provider", "alpah")
    assert status == 2 and "did you mean `alpha`" in err


def test_show_gives_every_fact_and_marks_unknowns(capsys):
    status, out, _ = run(capsys, "show", "alpha/Qwen/QwQ-32B", *R)
    assert status == 0
    for expected in ("Reference:", "alpha/Qwen/QwQ-32B", "Authors:", "Acme AI, Beta Labs", "Aliases:", "qwq, qwq-latest",
                     "Tool Choice:", "Above 32,000 input tokens:", "Earlier Price from 2024-06-01", "Tier free:",
                     "Trains on User Data:", "Input:", "Audio No, Video Unknown, PDF Yes", "JSON Mode:",
                     "Canonical Model (acme/big-model)", "235,000,000,000", "Apache-2.0",
                     "https://huggingface.example.com/acme/big-model (Weights)", "Cache Write:", "$0.125/1M"):
        assert expected in out, expected
    assert "  Tool Choice:" in out and out.split("Tool Choice:")[1].split("\n")[0].strip() == "Unknown"
    assert "Json mode" not in out
    _, out, _ = run(capsys, "show", "alpha/mystery", *R)
    assert out.count("N/A") + out.count("Unknown") >= 20 and "Price:" in out


def test_show_lines_up_every_value_whatever_a_link_label_holds(capsys, tmp_path):
    """A link's label is free text ("Weights: Hugging Face"): it goes into the value, never the field name."""
    import shutil
    shutil.copytree(RICH, tmp_path / "rich")
    model = tmp_path / "rich/models/acme/big-model.yaml"
    model.write_text(model.read_text().replace("label: Weights", "label: 'Weights: Hugging Face'"))
    status, out, _ = run(capsys, "show", "alpha/Qwen/QwQ-32B", "--data", str(tmp_path / "rich"))
    fact_lines = [line for line in out.splitlines() if line.startswith("  ")]
    columns = {len(line) - len(line.split(":", 1)[1].lstrip()) for line in fact_lines}  # where each value starts
    assert status == 0 and len(columns) == 1
    assert "  Link:" in out and "big-model (Weights: Hugging Face)" in out and "Weights: Hugging Face:" not in out


def test_show_json_and_suggestions(capsys):
    status, out, _ = run(capsys, "show", "alpha/qwq", *R, "--format", "json")
    assert status == 0 and json.loads(out)["id"] == "Qwen/QwQ-32B" and json.loads(out)["provider"] == "alpha"
    status, out, err = run(capsys, "show", "alpha/Qwen/QwQ-23B", *R)
    assert status == 2 and out == "" and "did you mean `alpha/Qwen/QwQ-32B`" in err
    status, _, err = run(capsys, "show", "alhpa/mystery", *R)
    assert status == 2 and "unknown provider `alhpa`; did you mean `alpha`" in err


def test_price_accepts_human_token_counts(capsys):
    status, out, _ = run(capsys, "price", "cerebras/gpt-oss-120b", "--data", str(DATA), "--input", "1M", "--output", "200k")
    assert status == 0 and out.splitlines()[0] == "cerebras/gpt-oss-120b: $0.388 (price with no start date)"
    assert "1,000,000 tokens x $0.25/1M = $0.25" in out
    status, out, _ = run(capsys, "price", "alpha/Qwen/QwQ-32B", *R, "--input", "40_000", "--output", "1k",
                         "--reasoning", "500", "--at", "2025-02-01", "--format", "json")
    result = json.loads(out)
    assert status == 0 and result["amount"] == "0.00855" and result["tier_above_tokens"] == 32000
    assert result["effective_from"] == "2025-01-01"
    assert [line["component"] for line in result["lines"]] == ["input", "output", "reasoning"]


def test_price_errors(capsys):
    status, _, err = run(capsys, "price", "alpha/mystery", *R, "--input", "1M")
    assert status == 1 and "unknown" in err
    status, _, err = run(capsys, "price", "alpha/free-embed", *R, "--input", "1.5")
    assert status == 2 and "whole number" in err
    status, _, err = run(capsys, "price", "alpha/free-embed", *R, "--at", "yesterday")
    assert status == 2 and "YYYY-MM-DD" in err
    status, _, err = run(capsys, "price", "alpha/free-embed", *R, "--output", "1", "--reasoning", "2")
    assert status == 2 and "cannot exceed" in err
    status, out, _ = run(capsys, "price", "alpha/free-embed", *R, "--input", "3M")
    assert status == 0 and "3,000,000 tokens x Free = $0.00" in out


def test_export_writes_the_api_directory(capsys, tmp_path):
    status, out, err = run(capsys, "export", *R, "--out", str(tmp_path))
    assert status == 0 and "bytes" in out and "file(s)" in err
    catalog = (tmp_path / "api" / "catalog.json").read_bytes()
    assert catalog.count(b"\n") == 1 and (tmp_path / "api/providers/gamma.json").is_file()
    assert (tmp_path / "api/catalog.schema.json").is_file()
    assert run(capsys, "export", *R, "--out", str(tmp_path), "--pretty")[0] == 0
    assert (tmp_path / "api" / "catalog.json").read_bytes().count(b"\n") > 100


def test_export_refuses_an_invalid_catalog(capsys, tmp_path, data_copy):
    (data_copy / "providers/cerebras/models/gpt-oss-120b.yaml").write_text("id: gpt-oss-120b\ncontext_window: -1\n")
    status, _, err = run(capsys, "export", "--data", str(data_copy), "--out", str(tmp_path))
    assert status == 1 and "context_window" in err and not (tmp_path / "api").exists()


def test_queries_read_an_exported_catalog(capsys, tmp_path):
    run(capsys, "export", *R, "--out", str(tmp_path))
    exported = str(tmp_path / "api" / "catalog.json")
    _, from_json, _ = run(capsys, "list", "models", "--catalog", exported)
    _, from_data, _ = run(capsys, "list", "models", *R)
    assert from_json == from_data
    status, out, _ = run(capsys, "price", "beta/big-model", "--catalog", exported, "--input", "1M")
    assert status == 0 and "$0.08" in out


def test_a_broken_exported_catalog_is_reported(capsys, tmp_path):
    broken = tmp_path / "catalog.json"
    broken.write_text("{}")
    status, out, err = run(capsys, "list", "models", "--catalog", str(broken))
    assert status == 1 and out == "" and "schema_version" in err
