"""The JSON documents: ``catalog.json``, ``providers/<id>.json`` and their hash.

``content_hash`` is ``sha256:`` and the hex SHA-256 of the document without
its ``content_hash`` key, serialised canonically: keys sorted, no whitespace,
UTF-8, non-ASCII characters unescaped.  The payload holds no floats (money is
strings), so this equals the RFC 8785 canonical form.
"""

from __future__ import annotations

import hashlib
import json

from ..catalog import Catalog
from ..model import Provider
from . import encode

SCHEMA_VERSION = "1.0.0"
HASH_KEY = "content_hash"


def canonical(document: dict) -> bytes:
    """The canonical serialisation the hash is taken over (hash key excluded)."""
    body = {k: v for k, v in document.items() if k != HASH_KEY}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_hash(document: dict) -> str:
    return "sha256:" + hashlib.sha256(canonical(document)).hexdigest()


def sealed(body: dict) -> dict:
    """*body* headed by ``schema_version`` and ``content_hash``."""
    document = {"schema_version": SCHEMA_VERSION, **body}
    return {"schema_version": SCHEMA_VERSION, HASH_KEY: content_hash(document), **body}


def catalog_document(catalog: Catalog) -> dict:
    """Everything: authors, canonical models and providers with their offerings."""
    return sealed({
        "authors": [encode.encode(a) for a in catalog.authors.values()],
        "models": [encode.encode(x) for x in catalog.models.values()],
        "providers": [encode.provider(p) for p in catalog.providers.values()],
    })


def provider_document(provider: Provider) -> dict:
    """One provider and its offerings, for light consumers."""
    return sealed({"provider": encode.provider(provider)})


def dumps(document: dict, pretty: bool = False) -> bytes:
    """The file's bytes: minified, or indented by two spaces with ``pretty``; ends with a newline."""
    if pretty:
        text = json.dumps(document, indent=2, ensure_ascii=False)
    else:
        text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    return (text + "\n").encode("utf-8")
