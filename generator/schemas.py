"""The JSON Schemas in ``schema/``: loading, bundling and validating documents.

Clean documents take a fast path through validators compiled by
fastjsonschema; a document that fails it is validated again by jsonschema,
whose errors carry the field path and wording that the messages are built from
(:mod:`generator.messages`).  jsonschema has the last word: a document is
invalid only if jsonschema finds an error.
"""

from __future__ import annotations

import copy
import hashlib
import json
import marshal
import os
import re
import sys
from functools import cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
COMMON = "common.schema.json"
KINDS = ("provider", "offering", "model", "author")


def schema_path(kind: str) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


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
    """A compiled validator that raises on the first error (speed only).

    Generating and compiling its code takes longer than validating a whole
    catalog, so the compiled code is kept in the user's cache folder, keyed by
    the schema's hash and the Python version.
    """
    schema = dict(bundled(kind))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    digest = hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()[:16]
    cached = _cache_dir() / f"validator-{kind}-{digest}.{sys.implementation.cache_tag}.marshal"
    try:
        code = marshal.loads(cached.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        code = _generate(schema, cached)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - code generated from our own schema
    return namespace["validate"]


def _generate(schema: dict, target: Path):
    import fastjsonschema

    code = compile(fastjsonschema.compile_to_code(schema, use_formats=False), str(target), "exec")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(code))
        os.replace(temporary, target)
    except OSError:
        pass  # a read-only cache only costs time
    return code


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "provcat"


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


def schema_errors(kind: str, document: dict) -> list:
    """Every jsonschema error of *document*; [] quickly when it is valid.

    Should the compiled validator reject what jsonschema accepts (a bug in one
    of them), its own error is returned: a document is never passed silently.
    """
    try:
        fast_validator(kind)(document)
        return []
    except Exception as exc:  # noqa: BLE001 - any failure of the fast path means: look closely
        fast_error = exc
    errors = sorted(full_validator(kind).iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return errors or [_from_fast(fast_error, document)]


def _from_fast(exc: Exception, document: dict):
    from jsonschema.exceptions import ValidationError

    path = [p for p in getattr(exc, "path", [])[1:]]  # fastjsonschema's path starts with "data"
    error = ValidationError(getattr(exc, "message", str(exc)), path=path, instance=document, validator="fast")
    return error


def warm_up() -> None:
    """Compile every fast validator now (before worker processes fork)."""
    for kind in KINDS:
        fast_validator(kind)
