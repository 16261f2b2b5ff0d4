"""Read an exported ``catalog.json`` back into a :class:`~generator.catalog.catalog.Catalog`."""

from __future__ import annotations

import orjson
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.model.records import Author, CanonicalModel
from generator.validation.problems import CatalogError
from generator.catalog import decode
from generator.util.gcpause import collector_paused
from generator.catalog.seal import HASH_KEY, SCHEMA_VERSION, content_hash, verified_fast


class UnsupportedSchemaVersion(CatalogError):
    """The export was written for a major schema version this code does not read."""


class InvalidExport(CatalogError):
    """The file is not a catalog.json this version can read (not JSON, or not the schema's shape)."""


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
    try:
        return _catalog(document, Path(data_dir) if data_dir is not None else None)
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        raise InvalidExport(f"{name}: not a valid catalog.json ({type(exc).__name__}: {exc}); "
                            "check it against catalog.schema.json") from None


def _catalog(document: dict, directory: Path | None) -> Catalog:
    catalog = Catalog(data_dir=directory)
    catalog.authors = {a["id"]: decode.build(Author, a) for a in document["authors"]}
    catalog.models = {x["id"]: decode.build(CanonicalModel, x) for x in document["models"]}
    catalog.providers = {p["id"]: decode.provider(p, directory) for p in document["providers"]}
    return catalog
