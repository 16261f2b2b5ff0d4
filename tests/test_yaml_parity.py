"""The fast parser and the reference loader agree wherever the fast path is taken."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest

from generator.validation import yaml_fast as yamlload
from generator.validation.yaml_careful import CatalogLoader

from .conftest import DATA, ROOT

SCALARS = [
    "0b101", "00", "-017", "08", "0777", "017", "1e400", "-1e400", "99999999999999999999999", "+0x1", "-0x1",
    "+0o1", "0o17", "0x1F", "1_000", "1:30", "1e3", "1E3", ".5", "+.5", "-0", ".inf", "-.inf", ".NaN", "~", "null",
    "Null", "NULL", "", "true", "True", "TRUE", "false", "yes", "no", "on", "off", "y", "n", "2025-08-05",
    "2025-08-05T10:00:00Z", "'08'", '"1e3"', "0.25", "3.5e-07", "131072", "x # comment", "'a: b'", "!custom x",
    "&a x", "*a", "[1, 2]", "{a: 1}", "é", "🔗", "http://x.example/?a=1&b=2", "|", "1.0.0", "3.01", "10.0.0.1",
]


def fast_path_agrees(texts) -> int:
    """Assert the fast path reads each valid text as the reference does; how many it took."""
    taken = 0
    for text in texts:
        try:
            expected = careful(text)
        except Exception:  # noqa: BLE001 - invalid YAML: the fast path may refuse or fail, both fine
            continue
        fast = yamlload.fast_parse(text)
        if fast is not None:
            taken += 1
            assert repr(fast) == repr(expected), text
    return taken


def careful(text: str):
    loader = CatalogLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@pytest.mark.skipif(yamlload._fast is None, reason="yaml-rs is not installed: there is no fast path to compare")
@pytest.mark.parametrize("scalar", SCALARS)
def test_scalar_parity(scalar):
    text = f"key: {scalar}\nother: [a, {scalar}]\n"
    fast = yamlload.fast_parse(text)
    if fast is not None:
        assert repr(fast) == repr(careful(text))


@pytest.mark.skipif(yamlload._fast is None, reason="yaml-rs is not installed: there is no fast path to compare")
def test_file_parity_on_every_catalog_file():
    files = sorted(DATA.rglob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    fast_count = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yamlload.fast_parse(text)
        if fast is not None:
            fast_count += 1
            assert fast == careful(text), path
    assert fast_count >= len(list(DATA.rglob("*.yaml")))  # the shipped data takes the fast path


def test_a_commit_hash_inside_a_string_keeps_the_file_on_the_fast_path():
    """``1406e7304`` inside a source's commit hash would pass for a float too large to read back;
    inside a string it is none, so the history's hundreds of dated files stay on the fast path."""
    text = ("pricing:\n  input: 0.25\n  history:\n    - effective_from: 2025-01-02\n"
            "      source: models.dev commit 6fd530b6b42a0ff38ef1406e7304ac1eb1c2c95c\n"
            "commit: \"1406e7304ac1eb1c2c95c6fd530b6b42a0ff38ef\"\n")
    assert yamlload.fast_parse(text) == careful(text)
    assert yamlload.fast_parse("a: 1406e7304\n") is None  # a plain number that large is still refused


def test_fast_path_refuses_what_it_cannot_judge():
    for text in ["a: &x 1\nb: *x\n", "a: 1\na: 2\n", "- a\n", "a: 0b1\n", "a: 1_000\n", "a: !t x\n", "---\na: 1\n", "a: |\n", ""]:
        assert yamlload.fast_parse(text) is None, text


REFERENCE_MARKS = ("&", "*", "!", "\t", "<<", "\n%", "\n---", "\n...",
                   "+0x", "-0x", "+0o", "-0o", "+0X", "-0X", "+0O", "-0O")


def reference_plain(text: str) -> bool:
    """The fast path's admission test, written the slow and obvious way."""
    if any(mark in text for mark in REFERENCE_MARKS):
        return False
    if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]", text):
        return False  # characters YAML refuses, or which the reference reads as line breaks
    strings_out = yamlload._STRING_VALUE.sub(r'\1""', text)  # values both parsers read as strings
    if not (_long_numbers_kept(text) or _long_numbers_kept(strings_out)):
        return False
    return not yamlload._SUSPECT_NUMBER.search(strings_out)


def _long_numbers_kept(text: str) -> bool:
    for token in re.findall(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", text):
        if re.search(r"[0-9.]{17}|[0-9.][eE][-+]?[0-9.]{3}", token):  # a number a float may not keep
            try:
                value = float(token)
            except ValueError:
                continue
            if not math.isfinite(value) or Decimal(token) != Decimal(repr(value)):
                return False
    return True


def test_the_fast_admission_test_matches_its_plain_definition():
    """_plain answers exactly what reference_plain does, on ASCII and other text."""
    import random

    rng = random.Random(20261126)
    alphabet = "0123456789 \t\n\r\x0b\x0c\x1c[{,:-+eEbBxXoO._dD&*!<%\u00a0\u2028é"
    samples = ["0", "08", " 0b1", "x:017", "-0", "+00", "1e400", "1E+400", "2e-10", "9" * 17, "9" * 16, "2025-08-05",
               "\u00a0017", "é 08", "\x1c08", "a\n-017", "a: -0X1", "a: +0o7", "a: <<", "a\n---", "é &a",
               'a: "R1 0528"', "a: '08'", 'a: "x" 08', "a: 0.049999999999999996", "a: 12345678901234567.5"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(30000)]
    for text in samples:
        assert yamlload._plain(text) == reference_plain(text), repr(text)


LONG_LINES = ["source: models.dev commit 6fd530b6b42a0ff38ef1406e7304ac1eb1c2c95c", "  - a: 1406e7304", "a: 1e400",
              'a: "1406e7304"', "a: '12345678901234567.5'", "a: 12345678901234567.5", "a: 0.049999999999999996",
              "- x 1406e7304", "a: [x, 1e400]", "a: 0.25", "b: x", "c: 2025-01-02", "  input: 0.12345678901234567891",
              "k: 1.0e-400 x", "k: T 1e400", "é: 1e400", "a: 9999999999999999", "- 17.000000000000000"]


def test_the_line_by_line_long_number_test_matches_its_whole_text_definition():
    """Long numbers are judged line by line, each distinct line once (yaml_fast's
    _long_numbers_exact_outside_strings): on many-line texts mixing lines that pass as they are,
    lines that pass only without their string values and lines that fail, repeated, the answer
    is the whole-text definition's."""
    import random

    rng = random.Random(20261201)
    for _ in range(4000):
        lines = [rng.choice(LONG_LINES) for _ in range(rng.randint(1, 8))]
        text = "\n".join(lines) + rng.choice(["", "\n"])
        assert yamlload._plain(text) == reference_plain(text), repr(text)


VALUES = ["017", "0b11", "1e400", "12345678901234567890", "0.049999999999999996", "-0x1F", "2025-08-05", "x", "0.25",
          '"R1 0528"', "'0b11'", '"a \\" 017"', "'it''s 017'", "[a, 017]", '["x, 017", y]', "[foo - \"b, 017, c\"]",
          "{k: \"1e400\"}", "foo \"017\"", '"multi\n  017"', "[foo\n  \"b, 017, c\"]", "[x,\n  k: \"017, 0b1\"]",
          "DeepSeek R1 0528", "foo, 017", "a:017", "[foo\n  k: bar, 017]", "[foo\n  k: bar 017]", "x: 017",
          "DeepSeek R1\n  0528", "T 1e400", "[a,\n  k: b #, 017\n  ]", "[a,\n  k: b 0b1]", "[foo,\n  k: bar, 017,\n  x]"]


@pytest.mark.skipif(yamlload._fast is None, reason="yaml-rs is not installed: there is no fast path to compare")
def test_documents_taking_the_fast_path_read_as_the_reference_reads_them():
    """Random documents mixing quoted and plain number-like values: the fast path never reads one differently."""
    import random

    rng = random.Random(7)
    texts = ("\n".join(f"k{i}: {rng.choice(VALUES)}" for i in range(rng.randint(1, 4))) + "\n" for _ in range(3000))
    assert fast_path_agrees(texts) > 300  # quoted number-like text no longer keeps a file off the fast path


def _random_document(rng) -> str:
    """A small YAML document of nested mappings, lists, block scalars and the VALUES above."""
    def block(indent):
        header = rng.choice(["|", ">", "|-", ">-", "|+", ">+", "|2", ">1-"]) + rng.choice(["", " ", " # c"])
        lines = [" " * (indent + rng.choice([1, 2, 4])) + rng.choice(["x", "017", "", "  deep", "#c", "- y"])
                 for _ in range(rng.choice([0, 1, 2, 3]))]
        return header + "".join("\n" + line for line in lines)

    def node(indent, depth):
        roll = rng.random()
        if depth > 2 or roll < 0.45:
            return " " + rng.choice(VALUES + ["1_000", "0E1", ".inf", "a | b", "x |", "> x", "~", "Null", "- x"])
        if roll < 0.6:
            return " " + block(indent)
        if roll < 0.8:
            return "".join(f"\n{' ' * (indent + 2)}k{i}:{node(indent + 2, depth + 1)}" for i in range(rng.randint(1, 3)))
        return "".join(f"\n{' ' * (indent + rng.choice([0, 2]))}-{node(indent + 2, depth + 1)}" for _ in range(rng.randint(1, 3)))

    lines = [f"key{i}:{node(0, 0)}{rng.choice(['', '', ' # comment'])}" for i in range(rng.randint(1, 4))]
    return "\n".join(lines) + rng.choice(["\n", "", "\n\n"])


@pytest.mark.skipif(yamlload._fast is None, reason="yaml-rs is not installed: there is no fast path to compare")
def test_nested_documents_taking_the_fast_path_read_as_the_reference_reads_them():
    """Random nested documents (block scalars, lists, comments, no final line break): no fast-path difference."""
    import random

    rng = random.Random(2026)
    assert fast_path_agrees(_random_document(rng) for _ in range(6000)) > 300


@pytest.mark.skipif(yamlload._fast is None, reason="yaml-rs is not installed: there is no fast path to compare")
def test_number_like_scalars_taking_the_fast_path_read_as_the_reference_reads_them():
    """Random plain scalars made of number characters, alone and in flow lists: no fast-path difference."""
    import random

    rng = random.Random(3)
    alphabet = "0123456789+-.eExXoObB_:"
    scalars = ("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(30000))
    texts = (rng.choice(["k: {s}\n", "k: [a, {s}]\n", "- {s}\n", "k: {{a: {s}}}\n"]).format(s=s) for s in scalars)
    assert fast_path_agrees(texts) > 10000


# Characters YAML does not allow (C0 controls but tab and line ends, DEL, C1 controls, surrogates,
# U+FFFE/U+FFFF) and those the reference reads as line breaks (NEL, LS, PS).  yaml-rs read
# "x\x06y" as text and stopped at a NUL, publishing a truncated file as valid.
NOT_PLAIN = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x80, 0x85, 0x9F]] + [
    "\u2028", "\u2029", "\ufffe", "\uffff"]


@pytest.mark.parametrize("character", NOT_PLAIN, ids=lambda c: f"U+{ord(c):04X}")
def test_fast_and_careful_paths_agree_on_every_character_yaml_refuses_or_reads_as_a_break(character):
    raw = f"id: a\nname: x{character}y\npricing: {{input: 1}}\n".encode("utf-8", "surrogatepass")
    assert yamlload.load_bytes(raw, "f.yaml", fast=True) == yamlload.load_bytes(raw, "f.yaml", fast=False)


@pytest.mark.parametrize("character", [c for c in NOT_PLAIN if c not in "\x85\u2028\u2029"],
                         ids=lambda c: f"U+{ord(c):04X}")
def test_a_refused_character_is_one_problem_line_at_its_position(character):
    raw = f"id: a\nname: x{character}y\n".encode("utf-8", "surrogatepass")
    data, problems = yamlload.load_bytes(raw, "f.yaml")
    assert data is None and len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.column) == (2, 8) and "\n" not in problem.message
    assert f"U+{ord(character):04X}" in problem.message


def test_a_nul_byte_no_longer_truncates_a_file_into_a_valid_one(data_copy):
    from generator.validation.validate import validate_catalog

    path = next(data_copy.glob("providers/*/models/*.yaml"))
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("\n", "\n\x00", 1).encode())  # everything after the NUL used to vanish
    report = validate_catalog(data_copy)
    assert [(p.line, p.column) for p in report.errors] == [(2, 1)]
    assert "U+0000" in report.errors[0].message
