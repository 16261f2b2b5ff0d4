"""The JSON Schemas in ``schema/``: loading, bundling and validating documents.

Clean documents take a fast path through jsonschema-rs (a validator written in
Rust, about ten times faster on our documents than code compiled by
fastjsonschema and a hundred times faster than jsonschema); a document that
fails it is validated again by jsonschema, whose errors carry the field path
and wording that the messages are built from (:mod:`generator.validation.messages`).
jsonschema has the last word on what is wrong; a document the fast validator
rejects is never passed, and the schemas avoid what the two may read
differently (``\\s`` in patterns; ``$`` takes ECMA-262's meaning in both).
"""

from __future__ import annotations

import copy
import json
import math
import re
from functools import cache

from generator.util import resources

SCHEMA_DIR = resources.schema_dir()
COMMON = "common.schema.json"
KINDS = ("provider", "offering", "model", "author")


@cache
def raw_schema(name: str) -> dict:
    """A schema file exactly as written."""
    with open(SCHEMA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


@cache
def bundled(kind: str) -> dict:
    """The schema of *kind* with the shared definitions copied in.

    References to ``common.schema.json#/$defs/x`` become ``#/$defs/x``, so the
    result is self-contained for both validators.
    """
    schema = copy.deepcopy(raw_schema(f"{kind}.schema.json"))
    defs = schema.setdefault("$defs", {})
    for name, definition in raw_schema(COMMON)["$defs"].items():
        defs.setdefault(name, copy.deepcopy(definition))
    return _rewrite_refs(schema)


def _rewrite_refs(node):
    if isinstance(node, dict):
        return {
            key: (value.replace(COMMON + "#", "#") if key == "$ref" else _rewrite_refs(value))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


@cache
def fast_validator(kind: str):
    """A jsonschema-rs validator of *kind* (speed only: its messages are not used)."""
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(bundled(kind), validate_formats=False)


@cache
def full_validator(kind: str):
    """A jsonschema validator that reports every error with its path."""
    import jsonschema

    base = jsonschema.Draft202012Validator
    cls = jsonschema.validators.extend(base, {"pattern": _ecma_pattern})
    return cls(bundled(kind), format_checker=base.FORMAT_CHECKER)


_END = re.compile(r"(?<!\\)\$")


def _ecma_pattern(validator, pattern: str, instance, schema):
    """``pattern`` with JSON Schema's (ECMA-262) meaning of ``$``: the very end.

    Python's ``$`` also matches before a final newline, so ``"abc\\n"`` would
    pass ``^[a-z]+$``; the compiled validator and editors reject it.
    """
    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        from jsonschema.exceptions import ValidationError

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(_END.sub(r"\\Z", pattern))


def fast_valid(kind: str, document: dict) -> bool:
    """Whether the fast validator passes *document* (False when it cannot read it)."""
    try:
        return fast_validator(kind).is_valid(document)
    except (ValueError, TypeError, OverflowError):  # not representable in JSON
        return False


def schema_errors(kind: str, document: dict) -> list:
    """Every jsonschema error of *document*; [] quickly when it is valid.

    Should the fast validator reject what jsonschema accepts (a bug in one of
    them), its own first error is returned: a document is never passed
    silently.  A document the fast validator cannot take (a value JSON has no
    type for) is left to jsonschema alone.
    """
    fast = fast_validator(kind)
    try:
        if fast.is_valid(document):
            return []
        rejected = True
    except (ValueError, TypeError, OverflowError):  # not representable in JSON: jsonschema decides
        rejected = False
    errors = sorted(full_validator(kind).iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    if errors or not rejected or not _json_representable(document):  # jsonschema-rs reads inf and NaN as null
        return errors
    return [_from_fast(next(iter(fast.iter_errors(document))), document)]


def _json_representable(node) -> bool:
    if isinstance(node, float):
        return math.isfinite(node)
    if isinstance(node, dict):
        return all(_json_representable(value) for value in node.values())
    if isinstance(node, list):
        return all(_json_representable(item) for item in node)
    return True


def _from_fast(exc, document: dict):
    from jsonschema.exceptions import ValidationError

    return ValidationError(exc.message, path=list(exc.instance_path), instance=document, validator="fast")


def warm_up() -> None:
    """Build every fast validator now (before worker processes fork)."""
    for kind in KINDS:
        fast_validator(kind)
