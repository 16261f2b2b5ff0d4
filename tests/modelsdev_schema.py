"""models.dev's schema for its ``api.json``, as its code defines it, in JSON Schema (issue 12).

Translated from ``packages/core/src/schema.ts`` at models.dev commit f3fc692 (the commit of
``../shared/corpora/models.dev``): ``Provider`` and ``Model`` (``ModelShape``, which its build
writes), with their types, required keys, enumerations, bounds and ``.strict()`` objects, and the
refinements a JSON Schema can say (``reasoning_options`` given exactly when ``reasoning`` is true,
no ``cost.reasoning`` when it is false).  Not translated: the ``family`` enumeration (family.ts,
400 names; checked as a string), unique tier sizes, and the provider-level ``api`` rule that
depends on ``npm``.  The test validates models.dev's own ``api.json`` with it first, so a
translation error shows as a failure on the oracle, not as a pass on ours.
"""

from __future__ import annotations

DATE = {"type": "string", "pattern": "^\\d{4}-\\d{2}(-\\d{2})?$"}
NON_NEGATIVE = {"type": "number", "minimum": 0}
JSON_RECORD = {"type": "object"}
HEADERS = {"type": "object", "additionalProperties": {"type": "string"}}
MODALITY = {"enum": ["text", "audio", "image", "video", "pdf"]}
EFFORT = {"enum": [None, "none", "minimal", "low", "medium", "high", "xhigh", "max", "default"]}

COST_FIELDS = {name: NON_NEGATIVE for name in (
    "input", "output", "reasoning", "cache_read", "cache_write", "input_audio", "output_audio")}
COST = {"type": "object", "required": ["input", "output"], "properties": COST_FIELDS}  # not strict: extra keys pass
COST_TIER = {
    "type": "object", "required": ["input", "output", "tier"], "additionalProperties": False,
    "properties": {**COST_FIELDS, "tier": {
        "type": "object", "required": ["size"], "additionalProperties": False,
        "properties": {"type": {"const": "context"}, "size": {"type": "integer", "minimum": 0}}}},
}
OUTPUT_COST = {"type": "object", "required": ["input", "output"], "properties": {
    **COST_FIELDS, "context_over_200k": COST, "tiers": {"type": "array", "items": COST_TIER}}}

REASONING_OPTION = {"oneOf": [
    {"type": "object", "required": ["type"], "additionalProperties": False,
     "properties": {"type": {"const": "toggle"}}},
    {"type": "object", "required": ["type", "values"], "additionalProperties": False,
     "properties": {"type": {"const": "effort"}, "values": {"type": "array", "items": EFFORT}}},
    {"type": "object", "required": ["type"], "additionalProperties": False,
     "properties": {"type": {"const": "budget_tokens"}, "min": {"type": "number", "minimum": -1},
                    "max": NON_NEGATIVE}},
]}

MODEL = {
    "type": "object", "additionalProperties": False,
    "required": ["id", "name", "attachment", "reasoning", "tool_call", "release_date", "last_updated", "modalities",
                 "open_weights", "limit"],
    "properties": {
        "id": {"type": "string"}, "name": {"type": "string", "minLength": 1}, "family": {"type": "string"},
        "attachment": {"type": "boolean"}, "reasoning": {"type": "boolean"},
        "reasoning_options": {"type": "array", "items": REASONING_OPTION}, "tool_call": {"type": "boolean"},
        "interleaved": {"oneOf": [{"const": True}, {
            "type": "object", "required": ["field"], "additionalProperties": False,
            "properties": {"field": {"enum": ["reasoning_content", "reasoning_details"]}}}]},
        "structured_output": {"type": "boolean"}, "temperature": {"type": "boolean"},
        "knowledge": DATE, "release_date": DATE, "last_updated": DATE,
        "modalities": {"type": "object", "required": ["input", "output"], "additionalProperties": False,
                       "properties": {"input": {"type": "array", "items": MODALITY},
                                      "output": {"type": "array", "items": MODALITY}}},
        "open_weights": {"type": "boolean"},
        "limit": {"type": "object", "required": ["context", "output"], "additionalProperties": False,
                  "properties": {"context": NON_NEGATIVE, "input": NON_NEGATIVE, "output": NON_NEGATIVE}},
        "status": {"enum": ["alpha", "beta", "deprecated"]},
        "experimental": {"type": "object", "properties": {"modes": {"type": "object", "additionalProperties": {
            "type": "object", "properties": {"cost": COST, "provider": {
                "type": "object", "properties": {"body": JSON_RECORD, "headers": HEADERS}}}}}}},
        "provider": {"type": "object", "properties": {
            "npm": {"type": "string"}, "api": {"type": "string"}, "shape": {"enum": ["responses", "completions"]},
            "body": JSON_RECORD, "headers": HEADERS}},
        "cost": OUTPUT_COST,
    },
    "allOf": [
        {"if": {"properties": {"reasoning": {"const": True}}}, "then": {"required": ["reasoning_options"]}},
        {"if": {"properties": {"reasoning": {"const": False}}},
         "then": {"not": {"anyOf": [{"required": ["reasoning_options"]},
                                    {"required": ["cost"], "properties": {"cost": {"required": ["reasoning"]}}}]}}},
    ],
}

PROVIDER = {
    "type": "object", "additionalProperties": False, "required": ["id", "env", "npm", "name", "doc", "models"],
    "properties": {
        "id": {"type": "string"}, "env": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "npm": {"type": "string", "minLength": 1}, "api": {"type": "string"},
        "name": {"type": "string", "minLength": 1}, "doc": {"type": "string", "minLength": 1},
        "models": {"type": "object", "additionalProperties": MODEL},
    },
}

API_JSON = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
            "additionalProperties": PROVIDER}


def violations(document: dict) -> dict[str, list[str]]:
    """``{"<provider>" or "<provider>/<model>": [problem, ...]}`` for every entry the schema refuses."""
    import jsonschema_rs  # the compiled validator: the corpus's 5,276 models in a fraction of a second

    found: dict[str, list[str]] = {}
    for error in jsonschema_rs.validator_for(API_JSON).iter_errors(document):
        path = list(error.instance_path)
        where = f"{path[0]}/{path[2]}" if len(path) > 2 and path[1] == "models" else str(path[0]) if path else ""
        found.setdefault(where, []).append(f"{'/'.join(map(str, path))}: {error.message[:160]}")
    return found
