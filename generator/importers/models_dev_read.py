"""Reading models.dev files: links, TOML, and ``base_model`` inheritance.

``base_model`` is resolved as models.dev resolves it: the provider file is
deep-merged over ``models/<author>/<model>.toml`` (tables key by key, the
provider file winning at every level; arrays and scalars replaced whole),
``benchmarks``, ``license``, ``links`` and ``weights`` are not inherited, and
the dot-paths in ``base_model_omit`` are deleted afterwards, emptied parent
tables with them.

Symbolic links are followed, including Git links checked out as small text
files holding the target path; a link whose target is missing is reported as
a broken link, never dropped silently.
"""

from __future__ import annotations

import copy
import os
import re
from decimal import Decimal
from pathlib import Path

try:  # tomli's compiled wheels parse the corpus about three times faster than the standard library
    import tomli as tomllib
except ImportError:  # pragma: no cover - tomllib is the same parser, only slower
    import tomllib

from generator.importers import models_dev_map as m
from generator.importers.report import ImportReport

NOT_INHERITED = frozenset({"benchmarks", "license", "links", "weights"})
_GIT_LINK = re.compile(rb"^[^\n=\[\]\"']+\.toml\n?$")
MAX_HOPS = 8


def read_toml(path: Path, rel: str, report: ImportReport, kind: str, root: str | None = None) -> dict | None:
    """The TOML at *path* after following links, or None with the reason reported.

    With *root* (the real path of the checkout), a link leading outside it is not followed.
    """
    raw, problem = _follow_links(path, root)
    if problem:
        report.skip(rel, "broken-link", problem, kind)
        return None
    try:
        return tomllib.loads(raw.decode("utf-8"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        report.skip(rel, "not-toml", f"not UTF-8 text (byte {exc.start})", kind)
    except tomllib.TOMLDecodeError as exc:
        report.skip(rel, "not-toml", str(exc), kind)
    return None


def _follow_links(path, root: str | None = None) -> tuple[bytes, str | None]:
    path = str(path)
    for _ in range(MAX_HOPS):
        if root and os.path.islink(path) and not _inside(os.path.realpath(path), root):
            return b"", f"link to {os.readlink(path)} leads outside the checkout; not followed"
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            target = os.readlink(path) if os.path.islink(path) else "?"
            return b"", f"link to {target}, which does not exist"
        if len(raw) > 300 or not _GIT_LINK.match(raw):
            return raw, None
        link = raw.decode("utf-8", "replace").strip()
        target = os.path.normpath(os.path.join(os.path.dirname(path), link))
        if root and not _inside(os.path.realpath(target), root):
            return b"", f"Git link to {link} leads outside the checkout; not followed"
        if not os.path.isfile(target):
            return b"", f"Git link to {link}, which does not exist"
        path = target
    return b"", f"symbolic links nested more than {MAX_HOPS} deep"


def _inside(path: str, root: str) -> bool:
    return path.startswith(root + os.sep)


def toml_files(folder: Path) -> list[tuple[str, str]]:
    """Every ``*.toml`` below *folder* (following folder links), with its path below it, sorted."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=True):
        dirs.sort()
        prefix = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.extend((os.path.join(root, name), prefix + name) for name in files if name.endswith(".toml"))
    return sorted(found, key=lambda pair: pair[1])


def resolve_base(raw: dict, bases: dict, ctx: m.Context) -> tuple[dict, str | None]:
    """*raw* merged over its ``base_model`` exactly as models.dev does it."""
    ref = raw.get("base_model")
    if ref is None:
        return raw, None
    base = bases.get(ref)
    if base is None:
        ctx.invalid("base_model", ref, "names no file under models/; the file's own facts are imported")
        return raw, None
    merged = deep_merge({k: v for k, v in base.items() if k not in NOT_INHERITED}, raw)
    for dotted in raw.get("base_model_omit", []):
        omit(merged, dotted.split("."))
    return merged, ref


def deep_merge(base: dict, over: dict) -> dict:
    """Tables merge key by key with *over* winning; arrays and scalars are replaced."""
    merged = copy.copy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def omit(table: dict, parts: list[str]) -> None:
    """Delete the value at *parts*, then every parent table left empty by it."""
    if len(parts) == 1:
        table.pop(parts[0], None)
        return
    child = table.get(parts[0])
    if isinstance(child, dict):
        omit(child, parts[1:])
        if not child:
            del table[parts[0]]
