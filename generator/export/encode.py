"""Catalog objects as JSON-ready values: the objects of ``catalog.json``.

The JSON mirrors the dataclasses of :mod:`generator.model` field by field, with
three conventions (documented in README: JSON catalog and Python API):

* an unknown fact (``None``) is left out: the key is absent, never ``null``;
  empty lists (no aliases, no sources) and empty modality maps are left out too;
* money is a string holding the exact decimal (``"0.25"``), never a float;
* dates are ``YYYY-MM-DD`` strings.

An offering's ``provider_id`` is implied by the provider it is nested in, and a
provider's logo is given relative to the catalog root (``providers/<id>/logo.svg``).
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal
from functools import cache

from ..model import MODALITIES, Modalities, Offering, Provider

SKIPPED = {Offering: {"provider_id"}, Provider: {"offerings", "logo"}}


def money(value: Decimal) -> str:
    """The exact decimal in plain notation: Decimal('1E-7') -> '0.0000001'."""
    return format(value, "f")


@cache
def _names(cls) -> tuple[str, ...]:
    skipped = SKIPPED.get(cls, set())
    return tuple(f.name for f in fields(cls) if f.name not in skipped)


def encode(obj) -> dict:
    """A dataclass instance as a JSON object, unknown and empty values left out."""
    out = {}
    for name in _names(type(obj)):
        value = _value(getattr(obj, name))
        if value is not None:
            out[name] = value
    return out


def _value(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_value(v) for v in value] or None
    if isinstance(value, Modalities):
        return _modalities(value)
    return encode(value) or None


def _modalities(value: Modalities) -> dict | None:
    out = {}
    for direction in ("input", "output"):
        known = getattr(value, direction)
        ordered = {m: known[m] for m in MODALITIES if m in known}
        if ordered:
            out[direction] = ordered
    return out or None


def provider(value: Provider) -> dict:
    """A provider with its offerings nested, as in ``catalog.json``."""
    out = encode(value)
    if value.logo:
        out["logo"] = f"providers/{value.id}/logo.svg"
    offerings = [encode(o) for o in value.offerings]
    if offerings:
        out["offerings"] = offerings
    return out
