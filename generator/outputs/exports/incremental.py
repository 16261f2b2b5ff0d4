"""The JSON exports after an edit: providers the edit cannot have changed are taken from the
files the last build wrote, instead of being encoded again.

Encoding every offering is most of an export's cost; parsing the previous
``catalog.json``, ``models.json`` and ``api.json`` (orjson) is a tenth of it.
A provider's part of each file depends only on the provider's own document,
its offerings' documents and their canonical models' documents (inherited
facts, the family in ``api.json``), so :func:`generator.outputs.docs.deps.export_dirty`
names the providers to encode again; every other provider keeps its objects
from the previous files, which serialise to the same bytes (sorted keys, the
same JSON numbers).  A provider whose logo appeared or disappeared is encoded
again too.  Authors and canonical models (a few hundred) are always encoded.

Used only when the previous files are exactly as the last build (with the same
generator, templates and options) left them; see :func:`generator.build.pipeline.build`.
"""

from __future__ import annotations

from generator.catalog.catalog import Catalog
from generator.outputs.kept import Kept, Output, Previous
from generator.outputs.exports import encode, flat, modelsdev
from generator.catalog import seal as payload

API = "api"


def files(catalog: Catalog, previous: Previous, pretty: bool = False) -> dict[str, Output]:
    """The exports of *catalog* (indented with *pretty*), reusing the previous files' unchanged providers
    (whose objects serialise to the same bytes, minified or indented: orjson, keys sorted)."""
    old = {p["id"]: p for p in previous.load("catalog.json")["providers"]}
    old_rows: dict[str, list] = {}
    for row in previous.load("models.json")["offerings"]:
        old_rows.setdefault(row["provider"], []).append(row)
    old_api = previous.load("api.json")
    providers, rows, api, out = [], [], {}, {}
    for value in catalog.providers.values():
        kept = value.id in old and value.id in old_api and _unchanged(value, old[value.id], previous)
        document = old[value.id] if kept else encode.provider(value)
        providers.append(document)
        rows += old_rows.get(value.id, []) if kept else [flat.row(o, value) for o in document.get("offerings", ())]
        api[value.id] = old_api[value.id] if kept else modelsdev.provider(value, document.get("offerings", ()))
        out[f"{API}/providers/{value.id}.json"] = _provider_file(document, kept, previous, pretty)
    out[f"{API}/catalog.json"] = payload.sealed_bytes(encode.catalog_body(catalog, providers), pretty)
    out[f"{API}/models.json"] = payload.sealed_bytes({"offerings": rows}, pretty)
    out[f"{API}/api.json"] = payload.dumps(api, pretty)
    return out


def _unchanged(value, document: dict, previous: Previous) -> bool:
    return value.id not in previous.dirty and ("logo" in document) == bool(value.logo)


def _provider_file(document: dict, kept: bool, previous: Previous, pretty: bool) -> Output:
    path = f"{API}/providers/{document['id']}.json"
    if kept and path in previous.untouched and path in previous.manifest:
        return Kept(previous.manifest[path])
    return payload.sealed_bytes({"provider": document}, pretty)
