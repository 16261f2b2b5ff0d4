"""Validate export documents against the published schemas in ``schema/``."""

from __future__ import annotations

import json
from functools import cache

import jsonschema
from referencing import Registry, Resource

from generator.validation.schemas import SCHEMA_DIR

EXPORT_SCHEMAS = {
    "catalog.json": "catalog.schema.json",
    "models.json": "models-export.schema.json",
    "provider": "provider-export.schema.json",
    "api.json": "api-export.schema.json",
}


@cache
def _registry() -> Registry:
    resources = []
    for name in EXPORT_SCHEMAS.values():
        with open(SCHEMA_DIR / name, encoding="utf-8") as handle:
            resources.append((name, Resource.from_contents(json.load(handle))))
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    """The validator for *kind*: catalog.json, models.json, provider or api.json."""
    schema = _registry().contents(EXPORT_SCHEMAS[kind])
    return jsonschema.Draft202012Validator(schema, registry=_registry())


def errors(kind: str, document) -> list[str]:
    """Every schema error of *document*, as ``path: message`` lines."""
    found = validator(kind).iter_errors(document)
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found)
