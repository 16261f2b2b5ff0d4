"""Reading models.dev files: links, TOML, and ``base_model`` inheritance.

``base_model`` is resolved as models.dev resolves it: the provider file is
deep-merged over ``models/<author>/<model>.toml`` (tables key by key, the
provider file winning at every level; arrays and scalars replaced whole),
``benchmarks``, ``license``, ``links`` and ``weights`` are not inherited, and
the dot-paths in ``base_model_omit`` are deleted afterwards, emptied parent
tables with them.

File links are followed within the checkout, including Git links checked out
as small text files holding the target path; a link whose target is missing or
outside the checkout is reported as a broken link, never dropped silently.
Files are read within the bounds of :mod:`.inputs`.
"""

from __future__ import annotations

import copy
import os
import re
from decimal import Decimal

try:  # tomli's compiled wheels parse the corpus about three times faster than the standard library
    import tomli as tomllib
except ImportError:  # pragma: no cover - tomllib is the same parser, only slower
    import tomllib

from generator.importers import models_dev_map as m
from generator.importers.inputs import MAX_TOML_BYTES, Refused, read_bounded, toml_problem
from generator.importers.tree import inside
from generator.importers.report import ImportReport

NOT_INHERITED = frozenset({"benchmarks", "license", "links", "weights"})
_GIT_LINK = re.compile(rb"^[^\n=\[\]\"']+\.toml\n?$")
MAX_HOPS = 8


def read_toml(path, rel: str, report: ImportReport, kind: str, root: str | None = None) -> dict | None:
    """The TOML at *path* after following links, or None with the reason reported.

    With *root* (the real path of the checkout), a link leading outside it is not followed.
    """
    try:
        raw, problem = _follow_links(path, root)
    except Refused as refused:
        report.skip(rel, refused.reason or "not-toml", refused.detail, kind)
        return None
    if problem:
        report.skip(rel, "broken-link", problem, kind)
        return None
    if too_deep := toml_problem(raw):
        report.skip(rel, "not-toml", too_deep, kind)
        return None
    try:
        return tomllib.loads(raw.decode("utf-8"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        report.skip(rel, "not-toml", f"not UTF-8 text (byte {exc.start})", kind)
    except tomllib.TOMLDecodeError as exc:
        report.skip(rel, "not-toml", str(exc), kind)
    except RecursionError:
        report.skip(rel, "not-toml", "nested too deep for the TOML parser; not read", kind)
    return None


def _follow_links(path, root: str | None = None) -> tuple[bytes, str | None]:
    path = str(path)
    for _ in range(MAX_HOPS):
        if root and os.path.islink(path) and not inside(os.path.realpath(path), root):
            return b"", f"link to {os.readlink(path)} leads outside the checkout; not followed"
        try:
            raw = read_bounded(path, MAX_TOML_BYTES)
        except FileNotFoundError:
            target = os.readlink(path) if os.path.islink(path) else "?"
            return b"", f"link to {target}, which does not exist"
        except OSError:  # ELOOP: a link leading back to itself
            return b"", f"link to {os.readlink(path)} leads back to itself"
        if len(raw) > 300 or not _GIT_LINK.match(raw):
            return raw, None
        link = raw.decode("utf-8", "replace").strip()
        target = os.path.normpath(os.path.join(os.path.dirname(path), link))
        if root and not inside(os.path.realpath(target), root):
            return b"", f"Git link to {link} leads outside the checkout; not followed"
        if not os.path.isfile(target):
            return b"", f"Git link to {link}, which does not exist"
        path = target
    return b"", f"symbolic links nested more than {MAX_HOPS} deep"


def resolve_base(raw: dict, bases: dict, ctx: m.Context) -> tuple[dict, str | None]:
    """*raw* merged over its ``base_model`` exactly as models.dev does it."""
    ref = raw.get("base_model")
    if ref is None:
        return raw, None
    base = bases.get(ref) if isinstance(ref, str) else None
    if base is None:
        ctx.invalid("base_model", ref, "names no file under models/; the file's own facts are imported")
        return raw, None
    merged = deep_merge({k: v for k, v in base.items() if k not in NOT_INHERITED}, raw)
    omitted = raw.get("base_model_omit", [])
    if not isinstance(omitted, list) or not all(isinstance(dotted, str) for dotted in omitted):
        ctx.invalid("base_model_omit", omitted, "is not a list of dotted field names; nothing is omitted")
        omitted = []
    for dotted in omitted:
        omit(merged, dotted.split("."))
    return merged, ref


def deep_merge(base: dict, over: dict) -> dict:
    """Tables merge key by key with *over* winning; arrays and scalars are replaced.

    The result shares untouched nested tables with *base*; :func:`omit` copies before deleting.
    """
    merged = copy.copy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def omit(table: dict, parts: list[str]) -> None:
    """Delete the value at *parts*, then every parent table left empty by it.

    Nested tables are copied before they are changed: a table the merge did not
    touch is still the shared base model's, and deleting from it would take the
    value from every offering read later (issue 12: results depended on the order).
    """
    if len(parts) == 1:
        table.pop(parts[0], None)
        return
    child = table.get(parts[0])
    if isinstance(child, dict):
        child = table[parts[0]] = dict(child)
        omit(child, parts[1:])
        if not child:
            del table[parts[0]]
