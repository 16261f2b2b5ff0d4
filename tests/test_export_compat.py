"""The compatibility promise of the JSON exports, pinned against a snapshot of their fields.

Within one major ``schema_version`` fields are only added (minor bump) and
never removed or renamed.  ``fixtures/export-fields.json`` records, per major
version, the version and the field paths of each export schema.  Run
``pytest --update-golden`` after a deliberate minor or major bump.
"""

from __future__ import annotations

import json

from generator.outputs.exports import SCHEMA_VERSION
from generator.outputs.exports.schemas import validator

from .conftest import ROOT
from .exporthelp import schema_fields

SNAPSHOT = ROOT / "tests" / "fixtures" / "export-fields.json"
SCHEMAS = {"catalog.json": "catalog.schema.json", "models.json": "models-export.schema.json",
           "providers/<id>.json": "provider-export.schema.json", "api.json": "api-export.schema.json"}


def current_fields() -> dict[str, list[str]]:
    return {export: sorted(schema_fields(schema)) for export, schema in SCHEMAS.items()}


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def compatibility_problems(snapshot: dict, version: str, fields: dict[str, list[str]]) -> list[str]:
    """Why *fields* at *version* break the promise recorded in *snapshot* (empty: they keep it)."""
    major = version.split(".")[0]
    pinned = snapshot.get(major)
    if pinned is None:
        return [f"no field snapshot for major version {major}: record one with pytest --update-golden"]
    problems = []
    for export, names in pinned["fields"].items():
        gone = sorted(set(names) - set(fields.get(export, [])))
        if gone:
            problems.append(f"{export}: fields removed or renamed without a major version bump: {', '.join(gone)}")
    added = {e: sorted(set(f) - set(pinned["fields"].get(e, []))) for e, f in fields.items()}
    if any(added.values()) and version_key(version) <= version_key(pinned["schema_version"]):
        problems.append(f"fields added without a minor version bump (still {version}): {added}")
    elif version != pinned["schema_version"] and not problems:
        problems.append(f"snapshot records {pinned['schema_version']}, code says {version}: run pytest --update-golden")
    return problems


def test_export_fields_keep_the_promise_of_their_schema_version(update_golden):
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8")) if SNAPSHOT.exists() else {}
    fields = current_fields()
    problems = compatibility_problems(snapshot, SCHEMA_VERSION, fields)
    if update_golden and not any("removed" in p for p in problems):
        snapshot[SCHEMA_VERSION.split(".")[0]] = {"schema_version": SCHEMA_VERSION, "fields": fields}
        SNAPSHOT.write_text(json.dumps(snapshot, indent=2) + "\n", encoding="utf-8")
        problems = []
    assert problems == []


def test_the_compatibility_check_catches_removal_addition_and_stale_snapshots():
    fields = {"catalog.json": ["a", "b"]}
    snapshot = {"1": {"schema_version": "1.2.0", "fields": fields}}
    assert compatibility_problems(snapshot, "1.2.0", fields) == []
    assert "removed" in compatibility_problems(snapshot, "1.3.0", {"catalog.json": ["a"]})[0]
    assert "removed" in compatibility_problems(snapshot, "1.2.0", {"catalog.json": ["a", "c"]})[0]
    assert "added" in compatibility_problems(snapshot, "1.2.0", {"catalog.json": ["a", "b", "c"]})[0]
    assert "--update-golden" in compatibility_problems(snapshot, "1.3.0", {"catalog.json": ["a", "b", "c"]})[0]
    assert "no field snapshot" in compatibility_problems(snapshot, "2.0.0", {"catalog.json": ["a"]})[0]


def test_schemas_accept_only_the_current_major_version():
    major = SCHEMA_VERSION.split(".")[0]
    check = validator("catalog.json").evolve(schema={"$ref": "catalog.schema.json#/$defs/schema_version"})
    assert check.is_valid(SCHEMA_VERSION) and check.is_valid(f"{major}.99.0")
    assert not check.is_valid(f"{int(major) + 1}.0.0") and not check.is_valid("1.0")
