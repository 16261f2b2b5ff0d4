"""The Data format reference, generated from the JSON Schemas in ``schema/``.

Each schema is flattened into one row per field (dotted path, ``[]`` for list
items): its type, whether it is required, its meaning (the schema's
description) and an example -- the schema's own ``examples``, else the first
value found in the catalog being built (its first few files of each kind),
else an illustration of the field's format.

Examples come from a fixed sample of the catalog's files, read again only when
one of them changed, so a build of a 5,000-file catalog does not read its files
twice, and an installed tool shows the user's own values (it has no ``data/``
of its own to read).
"""

from __future__ import annotations

import fnmatch
import itertools
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.validation.schemas import bundled, raw_schema
from generator.validation.yaml_fast import load_bytes

KINDS = (
    ("provider", "Provider", "data/providers/<provider-id>/provider.yaml", "providers/*/provider.yaml"),
    ("offering", "Offering", "data/providers/<provider-id>/models/<file>.yaml", "providers/*/models/*.yaml"),
    ("model", "Canonical model", "data/models/<author-id>/<file>.yaml", "models/*/*.yaml"),
    ("author", "Author", "data/authors/<author-id>.yaml", "authors/*.yaml"),
)
SAMPLE_FILES = 25  # data files read per kind for examples


@dataclass(frozen=True)
class Field:
    path: str
    type: str
    required: bool
    description: str
    example: str | None


@dataclass(frozen=True)
class SchemaDoc:
    kind: str
    title: str
    location: str
    schema_file: str
    description: str
    fields: list[Field]


def schema_docs(data_dir: Path | None = None) -> tuple[SchemaDoc, ...]:
    """One :class:`SchemaDoc` per data kind, fields in schema order, examples from the catalog in *data_dir*.

    Cached on the sampled files' names and stamps: a long-lived process (``provcat site
    serve``) shows an edited example, and a rebuild reads the samples again only when
    one of them changed.
    """
    return _schema_docs(tuple(_sample_files(data_dir, pattern) for *_, pattern in KINDS))


def _sample_files(data_dir: Path | None, pattern: str) -> tuple:
    """(path, stamp) of the files examples are drawn from: the first few of their kind.

    The same files as ``sorted(glob(pattern))[:SAMPLE_FILES]``, but only the folders
    that hold them are listed: a glob of a 5,000-offering catalog took 0.2 s a build.
    """
    if data_dir is None or not os.path.isdir(data_dir):
        return ()
    files = itertools.islice(_first_matches(str(data_dir), tuple(pattern.split("/"))), SAMPLE_FILES)
    return tuple((path, (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)) for path in files
                 for st in [os.stat(path)])


def _first_matches(folder: str, parts: tuple[str, ...]):
    """Paths under *folder* matching the glob *parts*, in sorted order, listing folders lazily."""
    try:
        names = sorted(fnmatch.filter(os.listdir(folder), parts[0]))
    except OSError:
        return
    for name in names:
        path = os.path.join(folder, name)
        if len(parts) > 1:
            yield from _first_matches(path, parts[1:])
        elif os.path.isfile(path):
            yield path


@lru_cache(maxsize=4)
def _schema_docs(samples: tuple) -> tuple[SchemaDoc, ...]:
    docs = []
    for (kind, title, location, _), files in zip(KINDS, samples):
        schema = bundled(kind)  # shared definitions copied in: every $ref is local
        fields = list(_fields(schema, schema, "", set(schema.get("required", ())), _load(files)))
        description = raw_schema(f"{kind}.schema.json").get("description", "")
        docs.append(SchemaDoc(kind, title, location, f"{kind}.schema.json", description, fields))
    return tuple(docs)


def _load(files: tuple) -> list:
    """The sample files as validation reads them (YAML 1.2 core: `2024-02-30` is text here, where
    PyYAML's own loader read it as a date and crashed the build)."""
    return [load_bytes(Path(path).read_bytes(), str(path))[0] or {} for path, *_ in files]


def _resolve(node: dict, root: dict) -> dict:
    """*node* with its local ``$ref`` followed; the node's own keywords win."""
    while "$ref" in node:
        resolved = root
        for part in node["$ref"].partition("#")[2].strip("/").split("/"):
            resolved = resolved[part]
        node = {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _fields(node, root, prefix, required, samples):
    node = _resolve(node, root)
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        child = _resolve(child, root)
        yield Field(path, type_name(child, root), name in required,
                    child.get("description", ""), _example(child, path, samples))
        yield from _children(child, root, path, samples)


def _children(child, root, path, samples):
    if "properties" in child:
        yield from _fields(child, root, path + ".", set(child.get("required", ())), samples)
    items = child.get("items")
    if child.get("type") == "array" and isinstance(items, dict):
        items = _resolve(items, root)
        if "properties" in items:
            yield from _fields(items, root, path + "[].", set(items.get("required", ())), samples)


def type_name(node: dict, root: dict) -> str:
    """A reader's name for the type: ``string (date)``, ``list of string``, ``one of: a, b``."""
    node = _resolve(node, root)
    if "enum" in node:
        return "one of: " + ", ".join(str(v) for v in node["enum"])
    kind = node.get("type", "any")
    if kind == "array":
        items = node.get("items")
        return "list of " + (type_name(items, root) if isinstance(items, dict) else "any")
    if kind == "object" and "properties" not in node:
        return "mapping"
    fmt = node.get("format")
    return f"{kind} ({fmt})" if fmt else str(kind)


# Illustrations of a format, used only where neither the schema nor the data gives an example.
FORMAT_EXAMPLES = {"date": "2025-08-05", "uri": "https://example.com/docs", "boolean": "true"}


def _example(node: dict, path: str, samples: list) -> str | None:
    if node.get("examples"):
        return _show(node["examples"][0])
    if node.get("type") == "object" or "properties" in node:
        return None
    for document in samples:
        value = _lookup(document, path.split("."))
        if value is not None:
            return _show(value)
    if node.get("enum"):
        return _show(node["enum"][0])
    return FORMAT_EXAMPLES.get(node.get("format") or node.get("type"))


def _lookup(value, parts: list[str]):
    for index, part in enumerate(parts):
        if part.endswith("[]"):
            items = value.get(part[:-2]) if isinstance(value, dict) else None
            for item in items if isinstance(items, list) else ():
                found = _lookup(item, parts[index + 1:])
                if found is not None:
                    return found
            return None
        value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            return None
    return value


def _show(value) -> str | None:
    if isinstance(value, dict):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        shown = [_show(v) for v in value]
        return None if None in shown else "[" + ", ".join(shown) + "]"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
