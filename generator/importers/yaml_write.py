"""Write catalog files as YAML: deterministic bytes that reload to the same data.

* The first line is the ``# yaml-language-server: $schema=...`` comment, with
  as many ``../`` as the file sits folders deep below the data directory.
* Keys follow the property order of the file kind's JSON Schema; keys the
  schema does not know come last, sorted.
* Prices (``Decimal``) are written in plain notation (``0.35``, never
  ``3.5e-07``); :mod:`.yamlload` reads them back as floats and
  :func:`generator.catalog.construct.money` turns them into the same Decimal.
  :func:`price_text` refuses a Decimal that would not survive that trip.
* Strings are written plain only when the catalog loader reads them back as
  the same string; otherwise double-quoted with JSON escapes.
* A modality set (``{image: true, text: true}``) keeps the order it is given
  in: api.json lists supported modalities in the order their author wrote.
* Lists of scalars and mappings of booleans are written in flow style
  (``[A, B]``, ``{text: true}``), like the hand-written files.
* :func:`write_document` replaces a file atomically (temporary file and
  rename) and only when its bytes change.
"""

from __future__ import annotations

import json
import math
import os
import re
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from generator.util.atomic import replace_atomic
from generator.validation.schemas import raw_schema

_PLAIN = re.compile(r"[A-Za-z_$(][A-Za-z0-9 _.,/()$@+=:;!?'\-]*")  # fullmatch: "$" would pass "KEY\n"
_RESERVED = frozenset("null ~ true false yes no on off y n".split())
_NUMBERISH = re.compile(r"^[-+.0-9]")
FLOW_WIDTH = 98  # longer flow collections are written as blocks
_FLOW_SPECIAL = re.compile(r"[,\[\]{}?]")  # PyYAML ends a plain scalar at "?" in a flow collection
# What a double-quoted scalar may hold as it is: YAML's printable characters but its line breaks
# (NEL, LS, PS would be folded into spaces) and the byte-order mark; the rest is written escaped.
# json.dumps has escaped the quote, the backslash and C0 controls already; DEL, C1 controls and
# U+FFFE/U+FFFF are not printable (the reader refuses them as they are).
_NOT_PRINTABLE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # cannot be encoded as UTF-8, and libyaml refuses "\ud800" escaped


class UnrepresentablePrice(ValueError):
    """A Decimal that the loader would not read back exactly."""


class UnrepresentableText(ValueError):
    """Text no YAML file can hold: a lone surrogate (half of a UTF-16 pair) is not a character."""


def price_text(value: Decimal) -> str:
    """*value* in plain notation, checked to reload as the same Decimal."""
    if value == value.to_integral_value():
        if abs(value) > 2**53 - 1:  # validation refuses larger integers (JSON readers round them)
            raise UnrepresentablePrice(f"{value} is above 2^53 - 1, the largest integer read back exactly")
        return str(int(value))
    text = format(value.normalize(), "f")
    if Decimal(repr(float(text))) != value:
        raise UnrepresentablePrice(f"{value} cannot be written exactly as a YAML number")
    return text


def scalar(value, flow: bool = False) -> str:
    kind = type(value)
    if kind is str:
        return _flow_string(value) if flow else string(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is Decimal:
        return price_text(value)
    if kind is float:
        return price_text(Decimal(repr(value)))
    if isinstance(value, date):
        return value.isoformat()
    return string(str(value))


def _flow_string(text: str) -> str:
    return quoted(text) if _FLOW_SPECIAL.search(text) else string(text)


def quoted(text: str) -> str:
    """*text* double-quoted, every character YAML would not read back as itself escaped."""
    if found := _SURROGATE.search(text):
        raise UnrepresentableText(f"{text!r} holds a lone surrogate (U+{ord(found.group()):04X}), which is not text")
    return _NOT_PRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


def _escape(found: re.Match) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"  # never above U+FFFF: those are printable


@lru_cache(maxsize=65536)
def string(text: str) -> str:
    """*text* plain when that reads back as the same string, else quoted."""
    if (_PLAIN.fullmatch(text) and text.lower() not in _RESERVED and not _NUMBERISH.match(text)
            and ": " not in text and " #" not in text and not text.endswith((" ", ":"))):
        return text
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?|[0-9]{4}", text):
        return text  # dates stay strings: the catalog loader has no timestamp type
    return quoted(text)


# -- key order from the schema ------------------------------------------------

@cache
def key_order(kind: str) -> dict:
    """Nested ``{key: (position, children)}`` following the schema of *kind*."""
    schema = raw_schema(f"{kind}.schema.json")
    return _order_of(schema, schema, 0)


def _resolve(node: dict, root: dict) -> tuple[dict, dict]:
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        root = raw_schema(target) if target else root
        node = root
        for part in pointer.strip("/").split("/"):
            node = node[part]
    return node, root


class _AsGiven(dict):
    """The order of a mapping whose keys keep the order they come in (a modality set)."""


AS_GIVEN = _AsGiven()


def _order_of(node: dict, root: dict, depth: int) -> dict:
    if node.get("$ref", "").endswith("/modality_set"):
        return AS_GIVEN
    node, root = _resolve(node, root)
    if depth > 6:
        return {}
    if node.get("type") == "array" and "items" in node:
        return _order_of(node["items"], root, depth + 1)
    properties = node.get("properties", {})
    return {key: (i, _order_of(sub, root, depth + 1)) for i, (key, sub) in enumerate(properties.items())}


def _sorted_items(mapping: dict, order: dict):
    if order is AS_GIVEN:
        return list(mapping.items())
    big = len(order)
    return sorted(mapping.items(), key=lambda kv: (order.get(kv[0], (big, None))[0], kv[0]))


# -- emitting -------------------------------------------------------------------

def _is_scalar(value) -> bool:
    return type(value) not in (dict, list, tuple)


def _flow(value, order: dict, budget: int) -> str | None:
    """*value* in flow style if it is a short list of scalars or mapping of booleans (within *budget*)."""
    kind = type(value)
    if kind in (list, tuple):
        parts, size = [], 0
        for item in value:
            if type(item) in (dict, list, tuple):
                return None
            parts.append(text := scalar(item, True))
            size += len(text) + 2  # the text and its ", " (or the brackets)
            if size > budget:
                return None
        return "[" + ", ".join(parts) + "]"
    if kind is dict and not value:
        return "{}"  # a block mapping with no keys would read back as null
    if kind is dict and all(type(v) is bool for v in value.values()):
        pairs = (f"{scalar(k, True)}: {'true' if v else 'false'}" for k, v in _sorted_items(value, order))
        text = "{" + ", ".join(pairs) + "}"
        return text if len(text) <= budget else None
    return None


def _mapping(mapping: dict, order: dict, indent: str, lines: list[str]) -> None:
    for key, value in _sorted_items(mapping, order):
        name = scalar(key)  # a key from imported data is text like any other
        if _is_scalar(value):
            lines.append(f"{indent}{name}: {scalar(value)}")
            continue
        children = order.get(key, (0, {}))[1]
        if (flow := _flow(value, children, FLOW_WIDTH - len(indent) - len(name))) is not None:
            lines.append(f"{indent}{name}: {flow}")
        elif isinstance(value, dict):
            lines.append(f"{indent}{name}:")
            _mapping(value, children, indent + "  ", lines)
        else:
            lines.append(f"{indent}{name}:")
            _sequence(value, children, indent + "  ", lines)


def _sequence(items, order: dict, indent: str, lines: list[str]) -> None:
    for item in items:
        if isinstance(item, dict) and item:
            inner: list[str] = []
            _mapping(item, order, indent + "  ", inner)
            inner[0] = f"{indent}- " + inner[0][len(indent) + 2:]
            lines.extend(inner)
        else:  # a scalar, {} or a list of scalars
            lines.append(f"{indent}- {_flow(item, order, math.inf) or scalar(item)}")


def schema_comment(kind: str, rel: str) -> str:
    """The language-server line for a file at *rel* below the data directory."""
    depth = rel.count("/") + 1
    return f"# yaml-language-server: $schema={'../' * depth}schema/{kind}.schema.json"


def dump(kind: str, rel: str, data: dict) -> str:
    """The text of a catalog file of *kind* at *rel* holding *data*."""
    lines = [schema_comment(kind, rel)]
    _mapping(data, key_order(kind), "", lines)
    return "\n".join(lines) + "\n"


def write_document(data_dir: Path, kind: str, rel: str, data: dict, payload: bytes | None = None) -> bool:
    """Write *data* to ``data_dir/rel`` atomically if its bytes change; True if written.
    *payload*, when given, is ``dump(kind, rel, data)`` already made (and validated) by the caller."""
    target = os.path.join(data_dir, rel)
    if payload is None:
        payload = dump(kind, rel, data).encode("utf-8")
    try:
        with open(target, "rb") as handle:
            if handle.read() == payload:
                return False
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
    replace_atomic(target, payload)
    return True
