"""Catalog objects as JSON-ready values: the objects of ``catalog.json``.

The JSON mirrors the dataclasses of :mod:`generator.model.records` field by field, with
three conventions (documented in the guide's JSON and Python API page):

* an unknown fact (``None``) is left out: the key is absent, never ``null``;
  empty lists (no aliases, no sources) and empty objects are left out too;
* money is a string holding the exact decimal (``"0.25"``), never a float;
* dates are ``YYYY-MM-DD`` strings.

An offering's ``provider_id`` is implied by the provider it is nested in, and a
provider's logo is given relative to the catalog root (``providers/<id>/logo.svg``).
The per-class encoders are generated in :mod:`.codec`.
"""

from __future__ import annotations

from decimal import Decimal

from typing import TYPE_CHECKING

from generator.model.records import Offering, Provider

if TYPE_CHECKING:
    from generator.catalog.catalog import Catalog
from generator.model.codec import ENCODERS


def money(value: Decimal) -> str:
    """The exact decimal in plain notation: Decimal('1E-7') -> '0.0000001'."""
    return format(value, "f")


def encode(obj) -> dict:
    """A catalog dataclass instance as a JSON object, unknown and empty values left out."""
    return ENCODERS[type(obj)](obj)


def provider(value: Provider) -> dict:
    """A provider with its offerings nested, as in ``catalog.json``."""
    out = ENCODERS[Provider](value)
    if value.logo:
        out["logo"] = f"providers/{value.id}/logo.svg"
    encode_offering = ENCODERS[Offering]
    if value.offerings:
        out["offerings"] = [encode_offering(o) for o in value.offerings]
    return out


def catalog_body(catalog: Catalog, providers: list[dict]) -> dict:
    """Everything: authors, canonical models and the encoded *providers* with their offerings."""
    return {
        "authors": [encode(a) for a in catalog.authors.values()],
        "models": [encode(x) for x in catalog.models.values()],
        "providers": providers,
    }
