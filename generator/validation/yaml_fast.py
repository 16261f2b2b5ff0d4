"""Safe YAML reading for catalog files.

Every catalog file is a small mapping.  Reading one must never run code, lose
data or exhaust memory, and every failure must say where it happened.  So:

* only the safe constructors are used, through libyaml (``CSafeLoader``) when
  PyYAML was built with it and the pure-Python ``SafeLoader`` otherwise;
* a key given twice is an error (plain PyYAML keeps the last one silently);
* anchors and aliases are refused at their first reuse, which stops "billion
  laughs" files before they can grow;
* scalars follow the YAML 1.2 core schema, as the YAML language server in
  editors does: only ``true`` and ``false`` are booleans (YAML 1.1's ``yes``,
  ``no``, ``on``, ``off`` stay strings, so ``country: NO`` is never ``False``),
  ``017`` is 17, ``1:30`` and ``1_000`` are strings, and dates stay strings
  (checked later as real dates);
* invalid UTF-8, a byte-order mark, tabs, CRLF line ends, an empty file and a
  top level that is not a mapping each get a clear message or are handled.

Positions are not recorded while loading, which keeps the clean case fast;
:func:`locate` finds the line and column of a field path when a problem needs it.
"""

from __future__ import annotations

import codecs
import math
import re
from decimal import Decimal

from generator.validation.problems import WARNING, Problem

try:  # optional accelerator, see fast_parse
    import yaml_rs as _fast
except ImportError:  # pragma: no cover - exercised where yaml-rs is not installed
    _fast = None
# Text that may read differently in the fast parser (see fast_parse): these
# characters (anchors, aliases, tags, tabs) and marks (merge keys, directives,
# document markers) ...
_NOT_PLAIN_CHARS = b"&*!\t"
# ... and characters YAML does not allow in a file (C0 controls but tab and line ends, DEL):
# yaml-rs reads "x\x06y" as text and stops at a NUL, losing the rest of the file, where the
# reference refuses them with a message, so their files take the careful path.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
# Beyond ASCII, the reference also refuses C1 controls, surrogates and U+FFFE/U+FFFF, and reads
# NEL, LS and PS (U+0085, U+2028, U+2029) as line breaks where yaml-rs does not.
_NOT_PLAIN_TEXT = re.compile("[\x80-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_NOT_PLAIN_MARKS = (b"<<", b"\n%", b"\n---", b"\n...")
# ... and these plain scalars, which yaml-rs reads as numbers and the reference
# (YAML 1.2 core) as text: 0b101, 0X1F and 0O17 (binary or upper-case prefixes),
# signed hex and octal (-0x1F), and numbers with underscores (1_000, ._5).
_SUSPECT_NUMBER = re.compile(r"(?:^|[\s\[{,:])[-+]?0[xXoObB]|[-+]0[xXoO]|[0-9.]_|_[0-9.]", re.MULTILINE)
# That regex tries every position of every file, which costs more than parsing
# it.  For ASCII text the same test runs as four substring searches in two byte
# translations of the text: whitespace and [{,: become a space, - becomes +,
# every base letter x, o, b becomes x (zeros); digits and . become d (digits).
_ZERO_TABLE = bytes.maketrans(b"\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f[{,:-XOobB", b" " * 13 + b"+xxxxx")
_DIGIT_TABLE = bytes.maketrans(b"0123456789.dD", b"d" * 11 + b"xx")  # letters d stand apart from digits
_ZERO_MARKS = (b" 0x", b"+0x")  # " +0x" is found by "+0x", which is suspect anywhere
_DIGIT_MARKS = (b"d_", b"_d")
# Numbers a float may not keep exactly: 17 or more digits and dots in a row, or an exponent of
# three digits after a digit (not the e of "lite-2604").  Where one would not read back as
# written (1e-400 as 0, 0.12345678901234567891 rounded), the file takes the careful path, which
# refuses it (yaml_careful._construct_float); 0.049999999999999996 reads back exactly and stays.
_LONG_NUMBER_MARKS = (b"d" * 17, b"deddd", b"de-ddd", b"de+ddd", b"dEddd", b"dE-ddd", b"dE+ddd")
_LONG_NUMBER = re.compile(r"[0-9.]{17}|[0-9.][eE][-+]?[0-9.]{3}")  # a dot counts as a digit, as in the ASCII test
_LONG_NUMBER_LINE = re.compile(rf"^.*(?:{_LONG_NUMBER.pattern}).*$", re.MULTILINE)  # a line holding a long number
_NUMBER_TOKEN = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
# Where the quick test sees something, _SUSPECT_NUMBER decides, looking only
# outside the values of `key: value` lines whose value both parsers read as a
# string whatever it holds: a quoted scalar filling the rest of the line, or a
# plain one that starts with a letter and holds no flow indicator, comment or
# ": " (so it is one scalar even inside a flow collection that spans lines).
_STRING_VALUE = re.compile(r"""^([ ]*(?:-[ ]+)?[A-Za-z0-9_.-]+:[ ]+)"""
                           r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[A-Za-z](?:[^,\[\]{}#:\n]|:(?=[^ \n]))*)[ ]*$""",
                           re.MULTILINE)
# A line that may open a block scalar (| or > at its end): the fast parser reads
# an empty one as "\n" where the reference reads "", and adds a line break the
# text does not end with, so such files take the careful path.  Group 1 is the
# line's indentation and list dashes.
_BLOCK_HEADER = re.compile(r"([ ]*(?:-[ ]+)*)(?:[^#\n]*[ ])?[|>][-+0-9]*[ ]*(?:#.*)?$")


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a file, or a problem saying where its encoding breaks."""
    problems: list[Problem] = []
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
        problems.append(Problem(file, 1, 1, "", "the file starts with a byte-order mark; save it as UTF-8 without BOM", WARNING))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(Problem(file, line, column, "", f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"))
        return None, problems
    return text.replace("\r\n", "\n"), problems


def parse(text: str, file: str, fast: bool = True) -> tuple[object, list[Problem]]:
    """The data of one YAML document, or the problem that stopped it.

    With ``fast`` (the default) a plain file may be read by :func:`fast_parse`.
    """
    data = fast_parse(text) if fast else None
    if data is not None:
        return data, []
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        return None, [Problem(file, 1, 1, "", "the file is empty; it must hold a mapping of fields")]
    from generator.validation.yaml_careful import careful_parse  # PyYAML, imported only when a file needs it

    data, problems = careful_parse(text, file)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        return None, [Problem(file, 1, 1, "", f"the file must be a mapping of field names to values, not {kind}")]
    return data, []


def fast_parse(text: str) -> dict | None:
    """The mapping in *text* through the fast parser, or None to take the careful path.

    PyYAML above is the reference: it gives every error message.  Its parse is
    the slowest step of validating a large catalog, so a file written in the
    plain subset that catalog files use -- no anchors, aliases, tags, tabs,
    directives, merge keys, empty or unterminated block scalars, and no numbers
    in binary, with upper-case or signed hex and octal prefixes or with
    underscores -- is read by yaml-rs (Rust) instead, which resolves such
    files' scalars exactly as the reference does (tests/test_yaml_parity.py:
    fixed cases, random documents and random number-like scalars).  Any doubt
    sends the file down the careful path, and so does any problem found in it
    later (see :func:`generator.validation.validate.examine_file`), so messages always
    come from PyYAML.
    """
    if _fast is None or text.startswith(("%", "---")) or not _plain(text):
        return None
    try:
        data = _fast.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - the careful path reports it properly
        return None
    return data if isinstance(data, dict) else None


def _plain(text: str) -> bool:
    """Whether *text* avoids every construct the two parsers may read differently."""
    raw = text.encode("utf-8", "surrogatepass")
    if _marks(raw) or (not text.isascii() and _NOT_PLAIN_TEXT.search(text)):
        return False
    if text.isascii():
        digits = raw.translate(_DIGIT_TABLE)
        if _long_number(digits) and not _long_numbers_exact_outside_strings(text):
            return False
        quick = _suspect_ascii_number(raw, digits)
    elif _LONG_NUMBER.search(text) and not _long_numbers_exact_outside_strings(text):
        return False
    else:
        quick = bool(_SUSPECT_NUMBER.search(text))
    if quick and _SUSPECT_NUMBER.search(_STRING_VALUE.sub(r'\1""', text)):
        return False
    return not ((b"|" in raw or b">" in raw) and (not text.endswith("\n") or _empty_block(text)))


def _empty_block(text: str) -> bool:
    """Whether a line of *text* may open a block scalar with no content (see _BLOCK_HEADER)."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        header = _BLOCK_HEADER.match(line)
        if header is None:
            continue
        following = next((rest for rest in lines[number + 1:] if rest.strip()), None)
        if following is None or len(following) - len(following.lstrip(" ")) <= len(header.group(1)):
            return True
    return False


def _marks(raw: bytes) -> bool:
    if len(raw.translate(None, _NOT_PLAIN_CHARS + _CONTROL_BYTES)) != len(raw):
        return True
    for mark in _NOT_PLAIN_MARKS:  # plain loops: no generator per mark
        if mark in raw:
            return True
    return False


def _long_number(digits: bytes) -> bool:
    """_LONG_NUMBER's test as substring searches in the digit translation (see _DIGIT_TABLE)."""
    for mark in _LONG_NUMBER_MARKS:
        if mark in digits:
            return True
    return False


def _long_numbers_exact_outside_strings(text: str) -> bool:
    """Whether :func:`_long_numbers_exact` holds of *text* without the values both parsers read
    as strings: quoted ones and plain ones that start with a letter, such as ``models.dev commit
    1406e7304...``, whose ``1406e7304`` would otherwise pass for a float too large to read back.

    Judged line by line, on the lines holding a long number, each distinct line once (a
    provider's changes.yaml repeats one source line hundreds of times): no number token, long
    number or string value spans a line break, so the text passes exactly when each such line
    does.  A line is first tried as it is, as the substitution costs more; removing string values
    only removes tokens, so a line that passes as it is passes without them too."""
    distinct = "\n".join(dict.fromkeys(text.split("\n")))
    for line in _LONG_NUMBER_LINE.findall(distinct):
        if not (_long_numbers_exact(line) or _long_numbers_exact(_STRING_VALUE.sub(r'\1""', line))):
            return False
    return True


def _long_numbers_exact(text: str) -> bool:
    """Whether every long number-like run in *text* reads back as written as a float."""
    for token in _NUMBER_TOKEN.findall(text):
        if _LONG_NUMBER.search(token):
            try:
                value = float(token)
            except ValueError:  # "1.2.3" and the like: not a number to either parser
                continue
            if not math.isfinite(value) or Decimal(token) != Decimal(repr(value)):
                return False
    return True


def _suspect_ascii_number(raw: bytes, digits: bytes) -> bool:
    """_SUSPECT_NUMBER's test (or more) as substring searches: see _ZERO_TABLE."""
    zeros = b" " + raw.translate(_ZERO_TABLE)  # a leading space stands for the start of the text
    return (_ZERO_MARKS[0] in zeros or _ZERO_MARKS[1] in zeros
            or _DIGIT_MARKS[0] in digits or _DIGIT_MARKS[1] in digits)


def load_bytes(raw: bytes, file: str, fast: bool = True) -> tuple[object, list[Problem]]:
    """Decode and parse the bytes of one catalog file (named *file* in messages)."""
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    data, more = parse(text, file, fast)
    return data, problems + more


def locator(text: str):
    """Where field paths are in *text*: a :class:`generator.validation.yaml_careful.Locator`
    (PyYAML, imported only when a file has a problem to place)."""
    from generator.validation.yaml_careful import Locator

    return Locator(text)
