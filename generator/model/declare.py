"""How a field of :mod:`generator.model.records` is declared: once, with everything derived from it.

Each field of a catalog dataclass is declared with :func:`fact`, which keeps in
the field's metadata what the rest of the code base used to restate by hand:

* ``doc`` and ``schema``: its description and JSON Schema in ``catalog.json``
  (``schema`` defaults to what the type implies, see :mod:`.schemagen`);
* ``key``: where it is read from in the YAML file (the field name unless given;
  ``None`` when the loader supplies it, a dotted path for a nested key, ``"."``
  for the file's object itself); ``inherit``: an offering takes the canonical
  model's value when its file gives none; ``fallback``: the field whose value
  a missing one takes (:mod:`generator.catalog.construct`);
* ``input``: its JSON Schema in the input schema of its kind of file (``DOC``
  stands for ``doc`` there; without a description ``doc`` is added last;
  ``KEEP`` keeps the file's own schema, for a shape the record does not mirror);
* ``flat``: its column in ``models.json`` (:mod:`generator.outputs.exports.flat`);
* ``codec``: False for a field the generated JSON codec leaves to its caller
  (written apart, like a provider's logo); ``export``: False for a field that
  is not in ``catalog.json`` at all (an offering's provider, implied by nesting);
* ``required``: present in every JSON object although the class has a default.

Kept apart from the records so that the schema generator and the loader read
one small vocabulary of metadata keys.
"""

from __future__ import annotations

from dataclasses import MISSING, field

NOT_IN_YAML = None
SELF = "."
DOC = "<the field's doc>"  # stands for the field's description in an input schema
KEEP = "<as written>"  # an input schema kept as the file has it (a shape the record does not mirror)


def ref(name: str) -> dict:
    """A reference to a definition of ``catalog.schema.json``."""
    return {"$ref": f"#/$defs/{name}"}


def common(name: str, description: str, **more) -> dict:
    """A reference to a shared definition of the input schemas, with its description."""
    return {"$ref": f"common.schema.json#/$defs/{name}", "description": description, **more}


def described(schema: dict) -> dict:
    """An input schema whose description (the field's ``doc``) comes first, as the hand-written schemas have it."""
    return {"description": DOC, **schema}


def fact(doc: str, schema: dict | None = None, *, default=None, factory=MISSING, required: bool = False, **meta):
    """A dataclass field with its declaration (see the module docstring) in its metadata.

    Optional by default (``None`` is unknown); pass ``default=MISSING`` for a
    field the constructor requires, ``factory`` for a mutable default and
    ``required`` for a field always present in the JSON though it has a default.
    """
    metadata = {"doc": doc, "schema": schema, "required": required, **meta}
    if factory is not MISSING:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def needed(doc: str, schema: dict | None = None, **meta):
    """A field the constructor requires (no default)."""
    return fact(doc, schema, default=MISSING, **meta)
