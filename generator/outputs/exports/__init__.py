"""The JSON exports under ``api/``: the catalog, flat rows, per-provider files,
a models.dev-compatible ``api.json`` and the JSON Schemas that describe them.

:func:`export_files` gives every file, keyed by its path relative to the output
directory (the build's producer :func:`generator.build.producers.produce_exports`
calls it); :func:`write_exports` writes them atomically (``provcat export``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.catalog.catalog import Catalog
from generator.validation.schemas import SCHEMA_DIR
from generator.outputs.exports import encode, flat, modelsdev
from generator.catalog import seal as payload
from generator.util.atomic import write_atomic
from generator.util.gcpause import collector_paused
from generator.catalog.seal import SCHEMA_VERSION, dumps
from generator.outputs.kept import Output

if TYPE_CHECKING:  # orjson and the previous files are loaded only for an incremental build
    from generator.outputs.kept import Previous

API_DIR = "api"
SCHEMAS = ("catalog.schema.json", "models-export.schema.json", "provider-export.schema.json",
           "api-export.schema.json")


def export_files(catalog: Catalog, pretty: bool = False, previous: Previous | None = None) -> dict[str, Output]:
    """Every export file, keyed by its path below the output directory.

    *pretty*: indent the JSON.  *previous*: what the last build left, to take unchanged
    providers from (:mod:`.incremental`).
    """
    with collector_paused():
        if previous is not None and previous.usable():
            from generator.outputs.exports import incremental

            return _with_schemas(incremental.files(catalog, previous, pretty))
        return _files(catalog, pretty)


def _files(catalog: Catalog, pretty: bool) -> dict[str, bytes]:
    providers = [encode.provider(p) for p in catalog.providers.values()]
    files = {
        f"{API_DIR}/catalog.json": payload.sealed_bytes(encode.catalog_body(catalog, providers), pretty),
        f"{API_DIR}/models.json": payload.sealed_bytes({"offerings": flat.rows_from_encoded(catalog, providers)}, pretty),
        f"{API_DIR}/api.json": dumps(modelsdev.api_document(catalog, providers), pretty),
    }
    for document in providers:
        files[f"{API_DIR}/providers/{document['id']}.json"] = payload.sealed_bytes({"provider": document}, pretty)
    return _with_schemas(files)


def _with_schemas(files: dict[str, bytes]) -> dict[str, bytes]:
    for name in SCHEMAS:
        files[f"{API_DIR}/{name}"] = (SCHEMA_DIR / name).read_bytes()
    return files


def write_exports(catalog: Catalog, out_dir: Path, pretty: bool = False) -> dict[str, int]:
    """Write every export under *out_dir*, each file atomically; return path -> size in bytes.

    Provider files of providers no longer in the catalog are removed (``api/providers/``
    holds nothing else); ``provcat build`` does the same through its manifest.
    """
    files = export_files(catalog, pretty)
    for rel, data in files.items():
        write_atomic(Path(out_dir) / rel, data)
    for stale in sorted((Path(out_dir) / API_DIR / "providers").glob("*.json")):
        if f"{API_DIR}/providers/{stale.name}" not in files:
            stale.unlink()
    return {rel: len(data) for rel, data in files.items()}


__all__ = ["API_DIR", "SCHEMA_VERSION", "export_files", "write_exports"]
