"""The JSON Schemas derived from :mod:`generator.model.records`, and the command that keeps them current.

``schema/catalog.schema.json`` describes ``catalog.json``, which mirrors the
dataclasses field by field: its definition of each declared class (``offering``,
``price`` ...) is generated from the class's fields and their :func:`~.declare.fact`
metadata.  The input schemas of offering, canonical model, provider and author
files (``schema/offering.schema.json`` ...) get their ``properties`` from the
fields of the matching record that declare an ``input`` schema (a nested
object's from its class), the offering's price definitions from
:class:`~generator.model.records.Price`.
``schema/models-export.schema.json`` gets the schemas of the offering facts
copied into its rows (``flat``) and its columns in order.  The rest of these
files (``common.schema.json``'s shared definitions, a provider's endpoints
object, the price and feature columns, titles) is written by hand, in the file,
and kept as it is.

The files stay committed, so validating never imports the records: the fast
validation path reads the same schemas as before (the model, provider and
author schemas are only laid out anew, two-space indented like the others).  ``python -m
generator.model.schemagen --write`` rewrites them after a declaration changed;
``--check`` (and ``tests/test_schemagen.py``) fails while one is stale.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import sys
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path

from generator.model import records as m
from generator.model.changes import ProviderChanges
from generator.model.columns import COLUMNS
from generator.model.declare import DOC, KEEP
from generator.util import resources

SCHEMA_DIR = resources.schema_dir()  # the checkout's schema/ under the editable install


def def_name(cls) -> str:
    """``CanonicalModel`` -> ``canonical_model``: the class's definition in ``catalog.schema.json``."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", cls.__name__).lower()


def implied(hint) -> dict:
    """The export schema a field's type implies when its declaration gives none."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is tuple:
        return {"type": "array", "items": implied(args[0])}
    if args:  # X | None
        return implied(args[0])
    simple = {bool: {"type": "boolean"}, date: m.ref("date"), Decimal: m.ref("money"), str: m.TEXT}
    return simple.get(hint) or m.ref(def_name(hint))


def exported(cls) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls) if f.metadata.get("export", True)]


def property_schema(field: dataclasses.Field, hint) -> dict:
    """A field's schema in ``catalog.json``: a reference first, else the description first."""
    schema = field.metadata.get("schema") or implied(hint)
    if "$ref" in schema:
        return {"$ref": schema["$ref"], "description": field.metadata["doc"], **schema}
    return {"description": field.metadata["doc"], **schema}


def class_schema(cls) -> dict:
    """The definition of *cls* in ``catalog.schema.json``."""
    hints = typing.get_type_hints(cls, vars(m))
    fields = exported(cls)
    required = [f.name for f in fields if _required(f)]
    out = {"description": cls.ABOUT, "type": "object", "additionalProperties": False}
    if required:
        out["required"] = required
    out["properties"] = {f.name: property_schema(f, hints[f.name]) for f in fields}
    return out


def _required(field: dataclasses.Field) -> bool:
    missing = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    return missing or field.metadata.get("required", False)


def input_properties(cls, current: dict | None = None) -> dict:
    """The input schema's properties of the fields of *cls* that declare one, keyed by their YAML key.

    A dotted key (``parameters.total``) is a property of a nested object, whose
    own schema its first field declares as ``input_group``.  A ``KEEP`` field
    keeps its schema from *current*, the file's properties.
    """
    properties: dict = {}
    for field in (f for f in dataclasses.fields(cls) if "input" in f.metadata):
        outer, _, inner = (field.metadata.get("key") or field.name).rpartition(".")
        if outer and outer not in properties:
            properties[outer] = {**field.metadata["input_group"], "properties": {}}
        target = properties[outer]["properties"] if outer else properties
        target[inner] = (current or {}).get(inner, {}) if field.metadata["input"] == KEEP else _input(field)
    return properties


def _input(field: dataclasses.Field) -> dict:
    """The field's input schema, its description the field's doc unless it gives its own."""
    schema = _nested(copy.deepcopy(field.metadata["input"]))
    if schema.get("description", DOC) == DOC:
        schema["description"] = field.metadata["doc"]
    return schema


def _nested(node):
    """Input schemas may name a class as their ``properties``: its fields' input schemas go there."""
    if isinstance(node, dict):
        return {k: input_properties(v) if isinstance(v, type) else _nested(v) for k, v in node.items()}
    return node


def catalog_schema(current: dict) -> dict:
    """*current* ``catalog.schema.json`` with every declared class's definition generated."""
    result = copy.deepcopy(current)
    for cls in m.DECLARED:
        result["$defs"][def_name(cls)] = class_schema(cls)
    return result


def offering_schema(current: dict) -> dict:
    """*current* ``offering.schema.json`` with its properties and price definitions generated.

    ``price_entry`` is a :class:`~generator.model.records.Price`; ``pricing``
    takes each of its keys by reference (the current price sits at the top of the
    object) and adds the history.
    """
    entry = input_properties(m.Price)
    pricing = {k: {"$ref": f"#/$defs/price_entry/properties/{k}", "description": v["description"]}
               for k, v in entry.items()}
    result = {**current, "properties": input_properties(m.Offering)}
    result["$defs"] = copy.deepcopy(current["$defs"])
    result["$defs"]["price_entry"]["properties"] = entry
    result["$defs"]["pricing"]["properties"] = {**pricing, **input_properties(m.Pricing)}
    return result


def column_schema(field: dataclasses.Field, hint) -> dict:
    """A copied fact's schema in a ``models.json`` row: the catalog's, by reference where it has one."""
    schema = field.metadata.get("schema") or implied(hint)
    if schema == {"type": "boolean"}:
        schema = {"$ref": "#/$defs/flag"}
    elif "enum" in schema:
        schema = {"$ref": f"catalog.schema.json#/$defs/offering/properties/{field.name}"}
    elif "$ref" in schema:
        schema = {"$ref": "catalog.schema.json" + schema["$ref"]}
    elif schema.get("type") == "array":
        schema = {"type": "array", "items": {"type": "string"}}
    doc = field.metadata["flat"][1]
    return {"$ref": schema["$ref"], "description": doc} if "$ref" in schema else {"description": doc, **schema}


def models_export_schema(current: dict) -> dict:
    """*current* ``models-export.schema.json`` with the row's copied offering facts generated, columns in order.

    The other columns (provider, prices, features, modalities, page) keep their
    hand-written schemas; a new one of those must be written there by hand.
    """
    hints = typing.get_type_hints(m.Offering, vars(m))
    fields = {f.metadata.get("key") or f.name: f for f in dataclasses.fields(m.Offering) if "flat" in f.metadata}
    row = current["$defs"]["row"]
    properties = {c: column_schema(fields[c], hints[fields[c].name]) if c in fields else row["properties"][c]
                  for c in COLUMNS}
    result = copy.deepcopy(current)
    result["$defs"]["row"]["properties"] = properties
    return result


def input_schema(cls):
    """The generator of an input schema whose properties are all declared on *cls*."""
    return lambda current: {**current, "properties": input_properties(cls, current["properties"])}


GENERATED = {"catalog.schema.json": catalog_schema, "offering.schema.json": offering_schema,
             "model.schema.json": input_schema(m.CanonicalModel), "provider.schema.json": input_schema(m.Provider),
             "author.schema.json": input_schema(m.Author), "models-export.schema.json": models_export_schema,
             "changes.schema.json": input_schema(ProviderChanges)}


def rendered(name: str, directory: Path | None = None) -> str:
    """What the schema file *name* should hold: generated parts from the records, the rest as written."""
    directory = directory or SCHEMA_DIR
    current = json.loads((directory / name).read_text(encoding="utf-8"))
    return json.dumps(GENERATED[name](current), indent=2) + "\n"


def stale(directory: Path | None = None) -> list[str]:
    """The generated schema files that differ from what the records declare."""
    directory = directory or SCHEMA_DIR
    return [n for n in GENERATED if (directory / n).read_text(encoding="utf-8") != rendered(n, directory)]


def main(argv: list[str]) -> int:
    """``--write`` regenerates the files; ``--check`` (the default) lists stale ones and fails."""
    names = stale()
    if "--write" in argv:
        for name in names:
            (SCHEMA_DIR / name).write_text(rendered(name), encoding="utf-8")
            print(f"wrote schema/{name}")
        return 0
    for name in names:
        print(f"schema/{name} is stale: run python -m generator.model.schemagen --write", file=sys.stderr)
    return 1 if names else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
