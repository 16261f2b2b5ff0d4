"""Where each catalog item lives on disk, derived from its id by one function.

Offering ids are the provider's own, opaque strings (``Qwen/QwQ-32B``,
``us.anthropic.claude-haiku-4-5-20251001-v1:0``).  :func:`offering_filename`
turns an id into a file name stem that is valid on Linux, macOS and Windows and
unique even on case-insensitive file systems:

* an id that is already a *plain name* -- lowercase ``a-z``, digits, ``.``,
  ``_`` and ``-``, starting with a letter or digit, not ending with ``.``, at
  most 100 characters, and not a name Windows reserves (``con``, ``nul``,
  ``com1`` ...) -- is used as it is: ``gpt-oss-120b``;
* any other id becomes a readable slug (lowercased, every other character
  replaced by ``-``, and ``_`` put before a name Windows reserves) followed by
  ``~`` and the first 10 hex digits of the SHA-256 of the exact id:
  ``Qwen/QwQ-32B`` -> ``qwen-qwq-32b~713c58296b``.

Plain names never contain ``~`` and slugged names always do, so the two kinds
never collide; two slugged names collide only if their hashes do, which the
validator would report.  The same stem names the offering's YAML file and its
generated page.
"""

from __future__ import annotations

import hashlib
import re

PLAIN_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
_NOT_SLUG = re.compile(r"[^a-z0-9._-]+")
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(10)]
    + [f"lpt{i}" for i in range(10)]
)
SLUG_LIMIT = 80
HASH_DIGITS = 10


def is_plain_name(name: str) -> bool:
    """True when *name* can be a file name stem unchanged on every OS."""
    return (
        PLAIN_NAME.match(name) is not None
        and not name.endswith(".")
        and name.split(".", 1)[0] not in _WINDOWS_RESERVED
    )


def offering_filename(offering_id: str) -> str:
    """The file name stem (no extension) for an offering or model-name id."""
    if is_plain_name(offering_id):
        return offering_id
    slug = _NOT_SLUG.sub("-", offering_id.lower()).strip("-.")[:SLUG_LIMIT]
    if slug.split(".", 1)[0] in _WINDOWS_RESERVED:  # Windows also reserves "nul.txt"
        slug = "_" + slug
    # "surrogatepass": an imported id with a lone surrogate gets a path too, and the merge reports
    # why no file can hold it, rather than the import stopping here
    digest = hashlib.sha256(offering_id.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_DIGITS]
    return f"{slug or 'id'}~{digest}"


def offering_path(provider_id: str, offering_id: str) -> str:
    """Path of an offering file relative to the data directory."""
    return f"providers/{provider_id}/models/{offering_filename(offering_id)}.yaml"


def provider_path(provider_id: str) -> str:
    """Path of a provider file relative to the data directory."""
    return f"providers/{provider_id}/provider.yaml"


def model_path(model_id: str) -> str:
    """Path of a canonical model file (``author/name``) relative to the data directory."""
    author, _, name = model_id.partition("/")
    return f"models/{author}/{offering_filename(name)}.yaml"


def author_path(author_id: str) -> str:
    """Path of an author file relative to the data directory."""
    return f"authors/{author_id}.yaml"
