"""A seeded mutator of data files, for tests/test_fuzz.py (issue 11, the fuzz campaign).

Each mutant is a function of the seed and its index alone, so a failure found
among thousands is reproduced by ``mutant(seed, index, files)``.  Mutations
work on bytes, not text, because the interesting inputs include bytes that are
not UTF-8 and control characters a text editor would never write.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

# Values a hand edit or a hostile file may put where a scalar was.
ODD_VALUES = [
    b"", b"~", b"null", b"-1", b"-0.0", b"0.1e-7", b"1e400", b".inf", b"-.inf", b".nan", b"9" * 30,
    b"18446744073709551616", b"9007199254740993", b"9" * 5000, b"x" * 100_000, b"[" * 300 + b"]" * 300,
    b"{a: " * 40 + b"1" + b"}" * 40, b"\t1", b"&a 1", b"*a", b"*undefined", b"&a [*a]",
    b"!!python/object/apply:os.system [\"true\"]", b"!!binary aGVsbG8=", b"!!int \"3\"", b"!!float 1",
    b"!custom 1", b"2024-02-30", b"2024-01-01T00:00:00Z", b"0x1F", b"0o17", b"1_000", b"12:30:00", b"yes",
    b"on", b"\"\\ud800\"", b"\"\\x00\"", b"'\xff'", b"\xc3\x28", b"\xed\xa0\x80", b"|\n  block", b">-",
    b"? a", b"[1, 2]", b"{}", b"<<: *a", b"\"unterminated", b"'", b"- a", b"a: b: c", b"%YAML 1.1",
    b"---", b"...", b"@", b"`", b"#", b"\"\xe2\x80\xa8\"", b"\"" + b"\\u00e9" * 20 + b"\"", "é" .encode("latin-1"),
]
# Bytes that YAML or the reader treat specially, and control characters.
ODD_BYTES = [b":", b"-", b"[", b"]", b"{", b"}", b"\"", b"'", b"#", b"&", b"*", b"!", b"|", b">", b"%", b"@",
             b"`", b" ", b"\t", b"\r", b"\x00", b"\x07", b"\x1b", b"\x7f", b"\xc2\x85", b"\xe2\x80\xa8",
             b"\xef\xbb\xbf", b"\xc2\xa0", b"\xff", b"\x80"]
# Whole documents that are not the mapping a data file holds.
ODD_DOCUMENTS = [b"", b"\n", b"---\n---\n", b"[]\n", b"null\n", b"- a\n", b"just a string\n", b"{}\n",
                 b"\xef\xbb\xbfid: x\n", b"\xff\xfe" + "id: x\n".encode("utf-16-le"), b"%YAML 1.2\n---\nid: x\n...\n"]
# The exponential alias expansion ("billion laughs"): refused or read in bounded time, never expanded.
BOMB = b"".join([b"lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"] + [
    b"lol%d: &l%d [" % (i, i) + b", ".join([b"*l%d" % (i - 1)] * 9) + b"]\n" for i in range(1, 10)])
SCALAR = re.compile(rb"^(\s*(?:- )?[A-Za-z_][A-Za-z_0-9]*:) (.+)$")


def delete_line(lines: list[bytes], rng: random.Random) -> str:
    index = rng.randrange(len(lines))
    del lines[index]
    return f"delete line {index + 1}"


def duplicate_line(lines: list[bytes], rng: random.Random) -> str:
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return f"duplicate line {index + 1}"


def swap_lines(lines: list[bytes], rng: random.Random) -> str:
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return f"swap lines {a + 1} and {b + 1}"


def put_byte(lines: list[bytes], rng: random.Random) -> str:
    """Replace or insert one odd byte (sequence) somewhere in a line."""
    index = rng.randrange(len(lines))
    line, odd = lines[index], rng.choice(ODD_BYTES + [bytes([rng.randrange(256)])])
    at = rng.randrange(len(line) + 1)
    replace = rng.random() < 0.5
    lines[index] = line[:at] + odd + line[at + (1 if replace else 0):]
    return f"{'replace' if replace else 'insert'} {odd!r} at line {index + 1}, byte {at + 1}"


def reindent(lines: list[bytes], rng: random.Random) -> str:
    index = rng.randrange(len(lines))
    body = lines[index].lstrip(b" ")
    indent = rng.choice([b"", b" ", b"   ", b"\t", b"  \t", b" " * 40, b" " * (len(lines[index]) - len(body) + 2)])
    lines[index] = indent + body
    return f"indent line {index + 1} by {indent!r}"


def replace_scalar(lines: list[bytes], rng: random.Random) -> str:
    candidates = [i for i, line in enumerate(lines) if SCALAR.match(line)]
    if not candidates:
        return put_byte(lines, rng)
    index, odd = rng.choice(candidates), rng.choice(ODD_VALUES)
    lines[index] = SCALAR.match(lines[index]).group(1) + b" " + odd
    return f"value of line {index + 1} -> {odd[:40]!r}{'...' if len(odd) > 40 else ''}"


# Values of the same kind as the one replaced, so validation often passes and the renderers see them.
PLAUSIBLE = [
    (re.compile(rb"^-?[0-9]+$"), [b"0", b"1", b"9007199254740991", b"2147483648", b"-1"]),
    (re.compile(rb"^[0-9]+\.[0-9]+$"), [b"0", b"0.0", b"0.0000000001", b"99999999999.99", b"1e-3", b"0.10"]),
    (re.compile(rb"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"), [b"0001-01-01", b"9999-12-31", b"2024-02-29", b"1970-01"]),
    (re.compile(rb"^(true|false)$"), [b"true", b"false"]),
    (re.compile(rb"^.*$"), [b'"<script>alert(1)</script>"', b'"{{ 7*7 }} {% raw %}"', b'"| pipe | table |"',
                          b'"[x](javascript:alert(1))"', b'"\\u202e right-to-left"', "\"\u00fc\u00df\u4e2d\"".encode(),
                          b'"a\\nb"', b"'*emph* `code` # hash _x_ <b>'", b'"' + b"long " * 400 + b'"',
                          "\"\U0001F600\"".encode(), b'"  "', b"'\\'", b'"https://example.com/a b?c=<d>"',
                          b"'---'", b"'# heading'", b"'&amp; &lt;'"]),
]


def plausible_scalar(lines: list[bytes], rng: random.Random) -> str:
    """Replace a scalar with an odd value of its own kind: the data stays valid more often, so build renders it."""
    candidates = [i for i, line in enumerate(lines) if SCALAR.match(line)]
    if not candidates:
        return put_byte(lines, rng)
    index = rng.choice(candidates)
    key, value = SCALAR.match(lines[index]).groups()
    choices = next(values for kind, values in PLAUSIBLE if kind.match(value.strip()))
    odd = rng.choice(choices)
    lines[index] = key + b" " + odd
    return f"value of line {index + 1} -> {odd[:40]!r}"


ODD_KEYS = [b"1", b"-1", b"1.5", b"true", b"null", b"~", b"''", b"[a, b]", b"{a: 1}", b"? [a]\n", b"<<", b"k" * 300,
            b"\"\\u0000\"", b"\xc3\xa9t\xc3\xa9", b"&k key", b"*k", b"!!str id", b"- id", b"id id", b"2024-01-01"]


def odd_key(lines: list[bytes], rng: random.Random) -> str:
    """Rename a key to one that is not a plain string (a number, null, a sequence) or not a field."""
    candidates = [i for i, line in enumerate(lines) if SCALAR.match(line)]
    if not candidates:
        return put_byte(lines, rng)
    index, key = rng.choice(candidates), rng.choice(ODD_KEYS)
    prefix, value = SCALAR.match(lines[index]).groups()
    indent = prefix[:len(prefix) - len(prefix.lstrip(b" -"))]
    lines[index] = indent + key + b": " + value
    return f"key of line {index + 1} -> {key[:40]!r}"


def graft(lines: list[bytes], rng: random.Random) -> str:
    """Copy a block of lines elsewhere in the file: a field at the wrong depth, a list item in a mapping."""
    start = rng.randrange(len(lines))
    block = lines[start:start + rng.randint(1, 4)]
    at = rng.randrange(len(lines) + 1)
    lines[at:at] = block
    return f"copy lines {start + 1}-{start + len(block)} before line {at + 1}"


def truncate(lines: list[bytes], rng: random.Random) -> str:
    text = b"\n".join(lines)
    at = rng.randrange(len(text) + 1)
    lines[:] = text[:at].split(b"\n")
    return f"truncate at byte {at}"


def append_bomb(lines: list[bytes], rng: random.Random) -> str:
    lines.extend(BOMB.rstrip(b"\n").split(b"\n"))
    return "append an alias bomb"


OPERATORS = [delete_line, duplicate_line, swap_lines, put_byte, put_byte, reindent, replace_scalar,
             replace_scalar, replace_scalar, truncate, append_bomb,
             odd_key, odd_key, graft, graft]


@dataclass
class Mutant:
    file: Path          # relative to the data directory
    content: bytes
    steps: list[str]

    def describe(self) -> str:
        return f"{self.file}: {'; '.join(self.steps)}"


def mutant(seed: int, index: int, files: list[Path], data_dir: Path) -> Mutant:
    """Mutant *index* of *seed*: one of *files* (relative to *data_dir*) with one to three mutations."""
    rng = random.Random(f"{seed}:{index}")
    file = rng.choice(files)
    if rng.random() < 0.03:
        document = rng.choice(ODD_DOCUMENTS)
        return Mutant(file, document, [f"whole file -> {document[:40]!r}"])
    lines = (data_dir / file).read_bytes().split(b"\n")
    steps = [rng.choice(OPERATORS)(lines, rng) if lines else "empty" for _ in range(rng.choice((1, 1, 2, 3)))]
    return Mutant(file, b"\n".join(lines), steps)
