"""The careful reader of catalog files: PyYAML with the checks that plain PyYAML lacks.

Its rules are described in :mod:`generator.validation.yaml_fast`, which reads most clean
files through a fast parser and comes here for every other file, for error
messages and for positions (line and column of a field path).  Importing PyYAML
takes a while, so this module is loaded only when a file needs it.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

import yaml

from generator.validation.messages import printable
from generator.validation.problems import ERROR, Problem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKey(yaml.MarkedYAMLError):
    """A mapping names the same key twice."""


class NumberNotKept(yaml.MarkedYAMLError):
    """A number that would not read as written: too long for Python, too large or too precise for a float."""


class AliasNotAllowed(yaml.MarkedYAMLError):
    """An anchor is reused through an alias."""


class CatalogLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader: YAML 1.2 core scalars, duplicate-key and alias checks."""

    yaml_implicit_resolvers: dict = {}

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects:
            raise AliasNotAllowed(
                None, None,
                "anchors and aliases (&name, *name) are not allowed in catalog files; "
                "write the value out in full",
                node.start_mark,
            )
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self._check_keys(node)
        return super().construct_mapping(node, deep=deep)

    def _check_keys(self, node) -> None:
        seen: dict[str, yaml.Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise yaml.constructor.ConstructorError(
                    None, None, f"keys must be field names, not {key_node.tag.rsplit(':', 1)[-1]} values",
                    key_node.start_mark)
            first = seen.get(key_node.value)
            if first is not None:
                raise DuplicateKey(
                    None, None,
                    f"duplicate key `{printable(key_node.value)}` (first given on line {first.start_mark.line + 1}); "
                    "keep one of them",
                    key_node.start_mark,
                )
            seen[key_node.value] = key_node


def _construct_int(loader, node) -> int:
    text = loader.construct_scalar(node)
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    try:
        return int(text, 10)
    except ValueError:  # Python refuses to read more than 4,300 decimal digits
        raise NumberNotKept(
            None, None, f"an integer of {len(text.lstrip('+-')):,} digits is out of range", node.start_mark) from None


def _construct_float(loader, node) -> float:
    """A float that reads exactly as written, or a problem at it: ``1e-400`` read as 0 was
    published as a free price, and 20 significant digits were rounded without a word."""
    value = loader.construct_yaml_float(node)
    text = loader.construct_scalar(node)
    if text.lstrip("+-").lower() in (".inf", ".nan") or (math.isfinite(value) and Decimal(text) == Decimal(repr(value))):
        return value
    raise NumberNotKept(None, None, _inexact(text, value), node.start_mark)


def _inexact(text: str, value: float) -> str:
    if not math.isfinite(value):
        return f"`{text}` is too large to be kept as a number"
    if value == 0:
        return f"`{text}` is too small to be kept as a number: it would read as 0"
    return (f"`{text}` has more digits than a number keeps: it would read as {value!r}; "
            "round it to 15 significant digits or fewer")


_CORE_SCALARS = (  # YAML 1.2 core schema, the one editors' YAML language server uses
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
)
for _tag, _pattern, _first in _CORE_SCALARS:
    CatalogLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)
CatalogLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
CatalogLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def careful_parse(text: str, file: str) -> tuple[object, list[Problem]]:
    """The data of *text* through the reference loader, or the problem that stopped it."""
    loader = CatalogLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        return None, [_marked_problem(exc, file, text)]
    except yaml.reader.ReaderError as exc:
        return None, [_character_problem(exc, file, text)]
    except yaml.YAMLError as exc:  # pragma: no cover - errors without marks
        return None, [Problem(file, 1, 1, "", f"not valid YAML: {exc}")]
    finally:
        loader.dispose()
    return data, []


def _marked_problem(exc: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = exc.problem or "not valid YAML"
    if isinstance(exc, (DuplicateKey, AliasNotAllowed, NumberNotKept)) or message.startswith("keys must"):
        return Problem(file, line, column, "", message)
    if mark and _char_at(text, mark.line, mark.column) == "\t":
        return Problem(file, line, column, "", "a tab character here is not valid YAML; indent with spaces, not tabs")
    context = f" ({exc.context})" if exc.context else ""
    return Problem(file, line, column, "", f"not valid YAML: {message}{context}", ERROR)


def _character_problem(exc, file: str, text: str) -> Problem:
    """A character YAML does not allow, at its line and column, named by its code point."""
    before = text[: exc.position]
    line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return Problem(file, line, column, "", f"the non-printable character U+{code:04X} is not allowed in YAML; "
                   f"remove it, or write it as \\u{code:04X} inside a double-quoted string")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def locate(text: str, path: tuple, key: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the value at *path*, or of its nearest ancestor (see :class:`Locator`)."""
    return Locator(text)(path, key)


class Locator:
    """Positions of field paths in one file's text, which is composed once.

    Called with a path, gives the 1-based (line, column) of the value there, or
    of its nearest ancestor; with ``key=True`` the last step's key instead of
    its value, which is where an unknown or misspelt field is best shown.
    Finding a child is a dictionary look-up, so placing every problem of a file
    with thousands of unknown keys stays linear.
    """

    def __init__(self, text: str):
        self.root = yaml.compose(text.replace("\r\n", "\n"), Loader=_Base)
        self._keys: dict[int, dict] = {}

    def __call__(self, path: tuple, key: bool = False) -> tuple[int, int]:
        node = self.root
        mark = node.start_mark if node is not None else None
        for index, step in enumerate(path):
            found = self._child(node, step)
            if found is None:
                break
            key_node, node = found
            last = index == len(path) - 1
            mark = key_node.start_mark if key and last and key_node is not None else node.start_mark
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)

    def _child(self, node, step):
        """(key node or None, value node) one step below *node*, or None."""
        if isinstance(node, yaml.MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {}
                for key_node, value in node.value:
                    keys.setdefault(key_node.value, (key_node, value))  # the first of duplicates, as before
            return keys.get(step)
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            return None, node.value[step]
        return None
