"""``provcat price`` with tiers, regions, times and non-token units, and ``--usage`` for a log of calls."""

from __future__ import annotations

import json
from pathlib import Path

from tests.clihelp import run

CALLS = ["--data", str(Path(__file__).parent / "fixtures" / "calls")]


def test_tier_and_threshold_in_text(capsys):
    status, out, _ = run(capsys, "price", "google/gemini-3-pro-preview", *CALLS, "--input", "250k", "--output", "10k",
                         "--tier", "priority")
    assert status == 0 and out.splitlines() == [
        "google/gemini-3-pro-preview: $2.124 (price with no start date, tier above 200,000 input tokens; "
        "priority tier)",
        "  Input                250,000 tokens x $7.20/1M = $1.80",
        "  Output                10,000 tokens x $32.40/1M = $0.324"]


def test_json_keeps_its_shape_and_says_what_applied(capsys):
    status, out, _ = run(capsys, "price", "deepseek/deepseek-chat", *CALLS, "--input", "1M", "--output", "100k",
                         "--when", "2025-03-10T17:00Z", "--format", "json")
    result = json.loads(out)
    assert status == 0 and (result["amount"], result["currency"], result["effective_from"]) == \
        ("0.19", "USD", "2025-02-26")
    assert result["applied"] == {"tier": "standard", "region": None, "quality": None, "size": None,
                                 "when": "2025-03-10T17:00:00Z"}
    assert [(l["component"], l["tokens"], l["rate"], l["amount"], l["conditions"]) for l in result["lines"]] == [
        ("input", 1_000_000, "0.135", "0.135", {"window": "16:30-00:30 UTC"}),
        ("output", 100_000, "0.55", "0.055", {"window": "16:30-00:30 UTC"})]


def test_every_unit_option(capsys):
    cases = [
        (["openai/whisper-1", "--seconds", "600"], "0.06"),
        (["openai/tts-1", "--characters", "1k"], "0.015"),
        (["google-vertex/imagen-4.0-generate-001", "--images", "4"], "0.16"),
        (["anthropic/claude-opus-4-1-20250805", "--cache-write-1h", "100k"], "3"),
        (["openai/gpt-4o-search-preview", "--searches", "2", "--quality", "high"], "0.1"),
        (["google/gemini-2.5-flash-image", "--audio-input", "50k"], "0.05"),
        (["amazon-bedrock/deepseek.v3.2", "--input", "1M", "--region", "ap-south-1"], "0.74"),
        (["openai/gpt-5", "--input", "100k", "--tier", "flex"], "0.0625"),
    ]
    for argv, amount in cases:
        status, out, _ = run(capsys, "price", *argv, *CALLS, "--format", "json")
        assert status == 0 and json.loads(out)["amount"] == amount, argv


def test_unknown_condition_exits_1_with_the_reason(capsys):
    status, out, err = run(capsys, "price", "openai/gpt-4o", *CALLS, "--input", "1k", "--tier", "flex")
    assert status == 1 and out.splitlines()[0] == "openai/gpt-4o: unknown (price with no start date; flex tier)"
    assert "x N/A = unknown (no input price is known for flex tier)" in out
    assert "error: no input price is known for flex tier for `openai/gpt-4o`, so the call cannot be priced" in err
    status, out, _ = run(capsys, "price", "openai/gpt-4o", *CALLS, "--input", "1k", "--tier", "flex", "--format", "csv")
    assert status == 1 and out.splitlines()[1] == "openai/gpt-4o,openai,,USD,,,input"


def test_caller_names_resolve_and_say_how(capsys):
    status, out, err = run(capsys, "price", "gemini/gemini-3-pro-preview", *CALLS, "--input", "100k")
    assert status == 0 and out.startswith("google/gemini-3-pro-preview: $0.20 ")
    assert "`gemini/gemini-3-pro-preview` is `google/gemini-3-pro-preview` (caller prefix)" in err
    status, _, err = run(capsys, "price", "openai/gpt-4o-2024-05-13", *CALLS, "--input", "1M")
    assert status == 2 and "unknown offering or model `openai/gpt-4o-2024-05-13`" in err and "`openai/gpt-4o` (offering)" in err


def test_bad_options(capsys):
    status, _, err = run(capsys, "price", "openai/gpt-4o", *CALLS, "--when", "2026-01-05T03:00")
    assert status == 2 and "with its zone" in err
    status, _, err = run(capsys, "price", "openai/gpt-4o", *CALLS, "--size", "huge", "--images", "1")
    assert status == 2 and "WIDTHxHEIGHT" in err
    status, _, err = run(capsys, "price", "openai/gpt-4o", *CALLS, "--tier", "cheap")
    assert status == 2 and "cheap" in err
    status, _, err = run(capsys, "price", "openai/gpt-4o", *CALLS, "--tier", "batch")
    assert status == 0
    status, _, err = run(capsys, *["price", *CALLS])
    assert status == 2 and "give REF, or --usage" in err


LOG = [
    {"model": "gpt-4o", "provider": "openai", "timestamp": "2026-01-05T03:00:00Z", "input_tokens": 1_000_000,
     "output_tokens": 200_000, "tier": "batch"},
    {"model": "deepseek-chat", "timestamp": "2025-03-10T17:00:00Z", "input_tokens": 1_000_000},
    {"model": "deepseek-chat", "timestamp": "2025-03-10T12:00:00+00:00", "input_tokens": 1_000_000},
    {"model": "openai/whisper-1", "input_seconds": 600},
    {"model": "openai/gpt-4o", "cached_tokens": 5, "tier": "batch"},
]


def _log(tmp_path, lines: list[str]) -> Path:
    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_usage_log_prices_each_call_at_its_time(capsys, tmp_path):
    bad = ["not json", json.dumps({"model": "openai/gpt-4o-2024-05-13"}), json.dumps({"model": "x", "tokens": 1}),
           json.dumps({"model": "openai/gpt-4o", "timestamp": "2026-01-05"}), "[1]"]
    path = _log(tmp_path, [json.dumps(LOG[0]), bad[0], *map(json.dumps, LOG[1:3]), "", bad[1], bad[2],
                           json.dumps(LOG[3]), bad[3], json.dumps(LOG[4]), bad[4]])
    out = tmp_path / "costs.jsonl"
    status, stdout, err = run(capsys, "price", "--usage", str(path), "--out", str(out), *CALLS)
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert status == 1 and stdout == ""
    assert [(r["line"], r.get("amount", "error")) for r in results] == [
        (1, "2.25"), (2, "error"), (3, "0.135"), (4, "0.27"), (6, "error"), (7, "error"), (8, "0.06"),
        (9, "error"), (10, None), (11, "error")]
    assert results[8]["unknown"] == ["cached_input"] and results[0]["rule"] == "id"
    assert f"{path}:2: not JSON" in err and f"{path}:6: unknown offering `openai/gpt-4o-2024-05-13`" in err
    assert f"{path}:7: unknown key(s) tokens" in err and f"{path}:9: timestamp '2026-01-05'" in err
    assert f"{path}:11: not a JSON object" in err
    assert json.loads(err.splitlines()[-1]) == {"calls": 10, "priced": 4, "unknown": 1, "bad_lines": 5,
                                                "total": {"USD": "2.715"}}


def test_usage_log_all_priced_exits_0(capsys, tmp_path):
    path = _log(tmp_path, [json.dumps(r) for r in LOG[:4]])
    status, stdout, err = run(capsys, "price", "--usage", str(path), *CALLS)
    assert status == 0 and len(stdout.splitlines()) == 4
    assert json.loads(err.splitlines()[-1])["total"] == {"USD": "2.715"}


def test_show_lists_conditional_prices_in_words(capsys):
    status, out, _ = run(capsys, "show", "google/gemini-3-pro-preview", *CALLS)
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert status == 0 and "Input tokens: $7.20/1M (priority, prompt above 200,000 tokens)" in lines
    assert "Input tokens: $1.00/1M (batch)" in lines
    status, out, _ = run(capsys, "show", "openai/whisper-1", *CALLS)
    assert "Second of input: $0.0001 each" in [" ".join(line.split()) for line in out.splitlines()]
    status, out, _ = run(capsys, "show", "deepseek/deepseek-chat", *CALLS)
    current, earlier = out.split("Earlier Price from 2025-02-26")[:2]
    assert "16:30-00:30 UTC" not in current.split("Pricing")[1]  # the current price has no window
    assert "Input tokens: $0.135/1M (16:30-00:30 UTC)" in [" ".join(line.split()) for line in earlier.splitlines()]
