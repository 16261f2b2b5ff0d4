"""Hostile input to validation and build (issue 11): each case is one clear problem line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.pipeline import build
from generator.validation.problems import Problem
from generator.validation.validate import validate_catalog

OFFERING = "providers/cerebras/models/gpt-oss-120b.yaml"


def problems(data_dir, old: str, new: str) -> list[str]:
    path = data_dir / OFFERING
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [p.format().replace(f"{data_dir}/", "") for p in validate_catalog(data_dir).problems]


def nested(depth: int, opener: str = "[", closer: str = "]") -> str:
    return opener * depth + closer * depth


@pytest.mark.parametrize("value", [nested(990), nested(990) + "\nbogus: 1", "\n" + "".join(
    "  " * i + "-\n" for i in range(1, 990)) + "  " * 990 + "- x"], ids=["flow", "flow-careful", "block"])
def test_deep_nesting_is_one_problem_not_a_recursion_error(data_copy, value):
    found = problems(data_copy, "context_window: 131072", f"context_window: {value}")
    assert len(found) == 1 and "nested more than 12 levels deep" in found[0]
    assert found[0].startswith(f"{OFFERING}:")


@pytest.mark.parametrize("number", ["18446744073709551616", "9007199254740992", "-9007199254740992", "9" * 4400])
def test_an_integer_json_readers_cannot_keep_is_refused(data_copy, number):
    found = problems(data_copy, "context_window: 131072", f"context_window: {number}")
    assert len(found) == 1 and "out of range" in found[0], found
    assert found[0].startswith(f"{OFFERING}:4:17: ")
    assert len(found[0]) < 300  # a 4,400-digit number is described, not printed


def test_the_largest_exact_integer_is_accepted(data_copy):
    assert problems(data_copy, "context_window: 131072", "context_window: 9007199254740991") == []


def test_an_over_long_integer_in_a_file_with_another_problem_is_reported(data_copy):
    found = problems(data_copy, "context_window: 131072", "context_window: " + "9" * 4400 + "\nbogus: 1")
    assert found == [f"{OFFERING}:4:17: an integer of 4,400 digits is out of range"]


def test_a_310_digit_price_is_refused_not_a_crash(data_copy):
    found = problems(data_copy, "input: 0.25", "input: 1" + "0" * 309)
    assert len(found) == 1 and found[0].startswith(f"{OFFERING}:7:10: pricing.input: ") and "out of range" in found[0]


def test_a_build_of_a_catalog_with_a_too_large_integer_writes_nothing(data_copy, tmp_path):
    problems(data_copy, "context_window: 131072", "context_window: 18446744073709551616")
    from generator.validation.problems import InvalidCatalog

    with pytest.raises(InvalidCatalog):
        build(data_copy, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_value_holding_a_line_break_cannot_forge_a_problem_line(data_copy):
    forged = f"{OFFERING}:1:1: error: forged"
    found = problems(data_copy, "id: gpt-oss-120b", f'id: "a\\n{forged}"')
    assert len(found) == 1 and "\n" not in found[0] and "'a\\n" in found[0]


def test_an_unknown_key_holding_a_line_break_is_escaped(data_copy):
    found = problems(data_copy, "context_window: 131072", 'context_window: 131072\n"x\\ny": 1')
    assert found == [f"{OFFERING}:5:1: x\\ny: unknown field `x\\ny`; allowed here: " + found[0].split("allowed here: ")[1]]


def test_every_problem_line_has_a_position_and_is_one_line():
    problem = Problem("a\nb.yaml", 1, 1, "x\ry", "first\nsecond\x1b[31m")
    assert problem.format() == "a\\nb.yaml:1:1: x\\ry: first\\nsecond\\x1b[31m"


def test_placing_many_problems_composes_the_file_once(data_copy, monkeypatch):
    """Each problem used to compose the whole file again to find its line: quadratic in unknown keys."""
    from generator.validation import yaml_careful

    calls = []
    real = yaml_careful.yaml.compose
    monkeypatch.setattr(yaml_careful.yaml, "compose", lambda *a, **k: calls.append(1) or real(*a, **k))
    keys = "".join(f"unknown_{i}: 1\n" for i in range(300))
    found = problems(data_copy, "context_window: 131072", "context_window: 131072\n" + keys)
    assert len(found) == 300 and found[-1].startswith(f"{OFFERING}:304:1: unknown_299: unknown field")
    assert len(calls) == 1


def lines(data_dir) -> list[str]:
    return [p.format().replace(f"{data_dir}/", "") for p in validate_catalog(data_dir).problems]


def test_a_fifo_is_reported_not_read(data_copy):
    import os

    os.mkfifo(data_copy / "providers/cerebras/models/pipe.yaml")  # reading it would block for ever
    assert lines(data_copy) == ["providers/cerebras/models/pipe.yaml:1:1: not a regular file "
                                "(a FIFO, socket or device); only regular files are read"]


def test_a_link_to_standard_input_is_refused(data_copy):
    (data_copy / "providers/cerebras/models/stdin.yaml").symlink_to("/dev/stdin")
    assert lines(data_copy) == ["providers/cerebras/models/stdin.yaml:1:1: symbolic link leads outside the catalog directory"]


def test_a_symbolic_link_loop_is_reported(data_copy):
    (data_copy / "providers/cerebras/models/a.yaml").symlink_to("b.yaml")
    (data_copy / "providers/cerebras/models/b.yaml").symlink_to("a.yaml")
    found = lines(data_copy)
    assert found == ["providers/cerebras/models/a.yaml:1:1: symbolic link loop (to b.yaml)",
                     "providers/cerebras/models/b.yaml:1:1: symbolic link loop (to a.yaml)"]


def test_a_link_to_a_folder_inside_is_reported_not_followed(data_copy):
    (data_copy / "providers/mirror").symlink_to("cerebras")
    assert lines(data_copy) == ["providers/mirror:1:1: symbolic link to a folder; links to folders are not "
                                "followed, move the folder here instead"]


def test_a_hidden_provider_folder_is_not_skipped_in_silence(data_copy):
    (data_copy / "providers/cerebras").rename(data_copy / "providers/.cerebras")
    report = validate_catalog(data_copy)
    assert [p.format().replace(f"{data_copy}/", "") for p in report.warnings] == [
        "providers/.cerebras:1:1: warning: hidden, so not part of the catalog; rename it without the leading dot, "
        "or remove it"]


def test_a_file_too_large_to_be_a_catalog_file_is_refused_unread(data_copy):
    path = data_copy / OFFERING
    with open(path, "ab") as handle:
        handle.truncate(9 * 2**20)  # sparse: 9 MiB of NULs after the text
    assert lines(data_copy) == [f"{OFFERING}:1:1: cannot read the file: larger than 8 MiB; catalog files are a few kB"]


@pytest.mark.parametrize("written, message", [
    ("1e-400", "`1e-400` is too small to be kept as a number: it would read as 0"),
    ("0.12345678901234567891", "`0.12345678901234567891` has more digits than a number keeps: it would read as "
                               "0.12345678901234568; round it to 15 significant digits or fewer"),
    ("1e400", "`1e400` is too large to be kept as a number"),
])
def test_a_price_that_would_not_read_as_written_is_refused(data_copy, written, message):
    """1e-400 was published as Free and 20 significant digits were rounded, both without a word."""
    found = problems(data_copy, "input: 0.25", f"input: {written}")
    assert len(found) == 1 and found[0].startswith(f"{OFFERING}:7:10: {message.split(':')[0]}"), found


@pytest.mark.parametrize("written", ["0.049999999999999996", "3.5e-07", "1e-300", "2.5e-320", "12345.678901234"])
def test_a_long_price_that_reads_exactly_is_accepted(data_copy, written):
    assert problems(data_copy, "input: 0.25", f"input: {written}") == []


@pytest.mark.parametrize("args", [["validate"], ["build", "--out", "OUT"], ["export", "--out", "OUT"],
                                  ["list", "models"], ["show", "cerebras/gpt-oss-120b"], ["compare-sources", "--litellm", "LITELLM"],
                                  ["price", "cerebras/gpt-oss-120b", "--input", "1M"]])
def test_a_missing_data_folder_is_a_usage_error(tmp_path, args, capsys):
    from generator.cli import main

    litellm = Path(__file__).parent / "fixtures" / "litellm_tiny.json"
    args = [str(tmp_path / "out") if a == "OUT" else str(litellm) if a == "LITELLM" else a for a in args]
    assert main([*args, "--data", str(tmp_path / "missing")]) == 2
    assert "no catalog directory at" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
