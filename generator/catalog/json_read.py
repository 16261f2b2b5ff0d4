"""Read an exported ``catalog.json`` back into a :class:`~generator.catalog.catalog.Catalog`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import orjson

from generator.catalog.catalog import Catalog
from generator.model.codec import DECODERS
from generator.model.records import Author, CanonicalModel, Offering
from generator.validation.problems import CatalogError, one_line
from generator.catalog import decode
from generator.util.gcpause import collector_paused
from generator.catalog.seal import HASH_KEY, SCHEMA_VERSION, content_hash, verified_fast
from generator.validation.schemas import raw_schema

SCHEMA = "catalog.schema.json"


class UnsupportedSchemaVersion(CatalogError):
    """The export was written for a major schema version this code does not read."""


class InvalidExport(CatalogError):
    """The file is not a catalog.json this version can read (not JSON, or not the schema's shape).

    The message quotes ids and values from the file, which may be anything: it is kept to one line
    (:func:`generator.validation.problems.one_line`), so a crafted id cannot print a line of its own."""

    def __init__(self, message: str):
        super().__init__(one_line(message))


class ContentHashMismatch(CatalogError):
    """The export's bytes were changed after it was written: its content hash is wrong."""


def major(version: str) -> str:
    return version.split(".", 1)[0]


def catalog_from_json(path: Path | str, data_dir: Path | str | None = None, verify: bool = True) -> Catalog:
    """The catalog in the ``catalog.json`` at *path* (minified or pretty).

    *data_dir*, when given, resolves provider logos (exported relative to the
    catalog root) and becomes ``catalog.data_dir``.  With *verify*, a document
    whose content hash does not match raises :class:`ContentHashMismatch`.
    """
    with open(path, "rb") as handle:
        raw = handle.read()
    with collector_paused():
        try:
            document = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise InvalidExport(f"{path}: not JSON: {exc}") from None
        return catalog_from_document(document, data_dir, verify and not verified_fast(raw), str(path))


def catalog_from_document(document: dict, data_dir=None, verify: bool = True, name: str = "catalog.json") -> Catalog:
    version = str(document.get("schema_version", "")) if isinstance(document, dict) else ""
    if major(version) != major(SCHEMA_VERSION):
        raise UnsupportedSchemaVersion(
            f"{name}: schema_version `{version}` is not {major(SCHEMA_VERSION)}.x; "
            f"this provcat reads {SCHEMA_VERSION} and later {major(SCHEMA_VERSION)}.x exports")
    if verify and document.get(HASH_KEY) != content_hash(document):
        raise ContentHashMismatch(f"{name}: content_hash does not match the content; the file was altered or truncated")
    check_shape(document, version, name)
    directory = Path(data_dir) if data_dir is not None else None
    try:
        return _catalog(document, directory)
    except DECODE_ERRORS as exc:
        raise InvalidExport(f"{name}: not a valid catalog.json: {_failing_item(document, directory)}: {exc}; "
                            f"the schema cannot check this; export the catalog again with `provcat export`") from None


DECODE_ERRORS = (KeyError, TypeError, ValueError, ArithmeticError, AttributeError)


def _catalog(document: dict, directory: Path | None) -> Catalog:
    catalog = Catalog(data_dir=directory)
    catalog.authors = {a["id"]: decode.build(Author, a) for a in document["authors"]}
    catalog.models = {x["id"]: decode.build(CanonicalModel, x) for x in document["models"]}
    catalog.providers = {p["id"]: decode.provider(p, directory) for p in document["providers"]}
    return catalog


def _failing_item(document: dict, directory: Path | None) -> str:
    """Where decoding fails (a value the schema passes but the types refuse, such as 2024-02-30).

    Decoding again item by item costs nothing on the clean path: it runs only after a failure.
    """
    decoders = {"authors": lambda x: decode.build(Author, x), "models": lambda x: decode.build(CanonicalModel, x),
                "providers": lambda x: decode.provider(x, directory)}
    for section, decoder in decoders.items():
        for index, item in enumerate(document[section]):
            try:
                decoder(item)
            except DECODE_ERRORS:
                return _where(document, _deeper(section, index, item))
    return "(the document)"


def _deeper(section: str, index: int, item: dict) -> list:
    """The path of the failing item: the offering within a provider, when one of them fails alone."""
    decode_offering = DECODERS[Offering]
    for position, offering in enumerate(item.get("offerings", ()) if section == "providers" else ()):
        try:
            decode_offering(offering, provider_id=item["id"])
        except DECODE_ERRORS:
            return [section, index, "offerings", position]
    return [section, index]


def check_shape(document: dict, version: str, name: str) -> None:
    """Raise :class:`InvalidExport` at the first place *document* breaks ``catalog.schema.json``.

    The hash only proves the bytes were not changed after sealing; a file
    edited and sealed again (or written by another tool) must still hold
    what the catalog's types promise, or it fails far from here (a string
    compared with a number in ``list --min-context``, ``-5 USD`` from
    ``price``).  A later minor version may add fields, which this reader
    ignores (the schema_version promise); everything else is checked.
    About 20 ms on a 6 MB export.
    """
    validator = _validator(later_minor=_minor(version) > _minor(SCHEMA_VERSION))
    try:
        if validator.is_valid(document):
            return
        error = next(iter(validator.iter_errors(document)))
    except (ValueError, TypeError, OverflowError) as exc:  # a value JSON has no type for (an in-memory document)
        raise InvalidExport(f"{name}: not a valid catalog.json: {exc}") from None
    raise InvalidExport(f"{name}: not a valid catalog.json: {_where(document, list(error.instance_path))}: "
                        f"{error.message}; check it against {SCHEMA}, or export it again with `provcat export`")


def _minor(version: str) -> int:
    parts = version.split(".")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


@cache
def _validator(later_minor: bool):
    """The compiled schema (self-contained: its references are local); open objects for *later_minor*."""
    import jsonschema_rs

    schema = _open_objects(raw_schema(SCHEMA)) if later_minor else raw_schema(SCHEMA)
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=False)


def _open_objects(node):
    """*node* without ``additionalProperties: false``: fields added by a later minor version are allowed."""
    if isinstance(node, dict):
        return {k: _open_objects(v) for k, v in node.items() if not (k == "additionalProperties" and v is False)}
    if isinstance(node, list):
        return [_open_objects(item) for item in node]
    return node


def _where(document, path: list) -> str:
    """*path* as a JSON pointer, then the ids of the items on it (an index alone is hard to find), e.g.
    ``/providers/0/offerings/3/context_window (in alpha/Qwen/QwQ-32B)``."""
    pointer = "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path) or "(the document)"
    ids, node = [], document
    for step in path:
        node = node[step]
        if isinstance(step, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            ids.append(node["id"])
    return f"{pointer} (in {'/'.join(ids)})" if ids else pointer
