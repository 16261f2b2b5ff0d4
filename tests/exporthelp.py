"""Helpers for the export tests: the rich fixture catalog and export documents."""

from __future__ import annotations

import json
from pathlib import Path

from generator import load_catalog
from generator.outputs.exports import export_files

from .conftest import DATA, ROOT

RICH = ROOT / "tests" / "fixtures" / "rich"
CATALOGS = {"shipped": DATA, "rich": RICH}


def documents(data_dir: Path) -> dict[str, object]:
    """Every JSON export of the catalog at *data_dir*, parsed, keyed by path."""
    return {path: json.loads(data) for path, data in export_files(load_catalog(data_dir)).items()}


def kind_of(path: str) -> str:
    """The schema kind of an export path (see generator.outputs.exports.schemas.EXPORT_SCHEMAS)."""
    return "provider" if "/providers/" in path else path.rsplit("/", 1)[-1]


def load_schema(name: str) -> dict:
    from generator.validation.schemas import SCHEMA_DIR
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def resolve(node: dict, name: str) -> tuple[dict, str]:
    """Follow ``$ref`` (local or into a sibling schema file) to the schema it names."""
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        name = target or name
        node = load_schema(name)
        for part in filter(None, pointer.split("/")):
            node = node[part]
    return node, name


def schema_fields(name: str) -> set[str]:
    """Every field path a schema allows: ``providers[].offerings[].pricing.current.input``; ``*`` for map keys."""
    found: set[str] = set()
    _collect(load_schema(name), name, "", found, 0)
    return found


def _collect(node: dict, name: str, prefix: str, found: set[str], depth: int) -> None:
    assert depth < 20, f"schema {name} recurses at {prefix}"
    node, name = resolve(node, name)
    for key, prop in node.get("properties", {}).items():
        path = f"{prefix}.{key}" if prefix else key
        found.add(path)
        _collect(prop, name, path, found, depth + 1)
    if isinstance(node.get("items"), dict):
        _collect(node["items"], name, prefix + "[]", found, depth + 1)
    if isinstance(node.get("additionalProperties"), dict):
        _collect(node["additionalProperties"], name, f"{prefix}.*" if prefix else "*", found, depth + 1)
