"""The JSON documents, their serialisation and their content hash.

Every export is written with its keys sorted, so the minified file *is* the
canonical form: ``content_hash`` is ``sha256:`` and the hex SHA-256 of the
document without its ``content_hash`` member, serialised with keys sorted, no
whitespace, UTF-8 with non-ASCII characters unescaped.  The documents hold no
floats (money is strings), so this equals the RFC 8785 (JCS) canonical form.
The hash member is placed first in the minified file.
"""

from __future__ import annotations

import hashlib

import orjson


SCHEMA_VERSION = "2.4.0"
HASH_KEY = "content_hash"
HASH_PREFIX = b'{"content_hash":"sha256:'
_DIGEST_END = len(HASH_PREFIX) + 64


def canonical(document: dict) -> bytes:
    """The canonical serialisation the hash is taken over (hash member excluded)."""
    return orjson.dumps({k: v for k, v in document.items() if k != HASH_KEY}, option=orjson.OPT_SORT_KEYS)


def content_hash(document: dict) -> str:
    return "sha256:" + hashlib.sha256(canonical(document)).hexdigest()


def sealed_bytes(body: dict, pretty: bool = False) -> bytes:
    """*body* with ``schema_version`` and ``content_hash`` added, as the file's bytes (newline-terminated)."""
    document = {**body, "schema_version": SCHEMA_VERSION}
    data = canonical(document)
    digest = hashlib.sha256(data).hexdigest()
    if pretty:
        return dumps({**document, HASH_KEY: "sha256:" + digest}, pretty=True)
    return HASH_PREFIX + digest.encode() + b'",' + data[1:] + b"\n"


def verified_fast(raw: bytes) -> bool:
    """True when *raw* is a minified export whose content hash matches its bytes (no parsing needed)."""
    if not raw.startswith(HASH_PREFIX) or raw[_DIGEST_END:_DIGEST_END + 2] != b'",':
        return False
    body = b"{" + raw[_DIGEST_END + 2:].rstrip(b"\n")
    return hashlib.sha256(body).hexdigest().encode() == raw[len(HASH_PREFIX):_DIGEST_END]


def dumps(document, pretty: bool = False) -> bytes:
    """Keys sorted; minified, or indented by two spaces with ``pretty``; ends with a newline."""
    option = orjson.OPT_SORT_KEYS | (orjson.OPT_INDENT_2 if pretty else 0)
    return orjson.dumps(document, option=option) + b"\n"
