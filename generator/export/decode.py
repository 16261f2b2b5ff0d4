"""``catalog.json`` back into the catalog objects of :mod:`generator.model`.

The inverse of :mod:`.encode`: an absent key becomes ``None`` (unknown) or an
empty tuple; money strings become exact ``Decimal``; dates become ``date``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from .. import model as m


def _many(cls):
    return lambda items: tuple(build(cls, item) for item in items)


def _one(cls):
    return lambda item: build(cls, item)


def _modalities(data: dict) -> m.Modalities:
    return m.Modalities(dict(data.get("input", {})), dict(data.get("output", {})))


_DAY = date.fromisoformat
_PRICES = {k: Decimal for k in m.PRICE_FIELDS}
CONVERTERS = {
    m.Source: {"accessed": _DAY, "fields": tuple},
    m.Link: {},
    m.Author: {"links": _many(m.Link), "sources": _many(m.Source), "last_verified": _DAY},
    m.Authentication: {"env": tuple},
    m.Endpoint: {}, m.Privacy: {}, m.Retention: {}, m.Moderation: {}, m.RateLimit: {}, m.Features: {},
    m.PriceTier: _PRICES,
    m.Price: {**_PRICES, "effective_from": _DAY, "tiers": _many(m.PriceTier)},
    m.Pricing: {"current": _one(m.Price), "history": _many(m.Price)},
    m.CanonicalModel: {
        "authors": tuple, "release_date": _DAY, "modalities": _modalities, "links": _many(m.Link),
        "sources": _many(m.Source), "last_verified": _DAY,
    },
    m.Offering: {
        "authors": tuple, "aliases": tuple, "pricing": _one(m.Pricing), "rate_limits": _many(m.RateLimit),
        "modalities": _modalities, "features": _one(m.Features), "deprecation_date": _DAY,
        "retirement_date": _DAY, "release_date": _DAY, "sources": _many(m.Source), "last_verified": _DAY,
    },
    m.Provider: {
        "authentication": _one(m.Authentication), "endpoints": _many(m.Endpoint), "privacy": _one(m.Privacy),
        "retention": _one(m.Retention), "moderation": _one(m.Moderation), "sources": _many(m.Source),
        "last_verified": _DAY,
    },
}


def build(cls, data: dict, **extra):
    """An instance of *cls* from its JSON object (converters per field above)."""
    converters = CONVERTERS[cls]
    kwargs = {k: (converters[k](v) if k in converters else v) for k, v in data.items()}
    return cls(**kwargs, **extra)


def provider(data: dict, data_dir: Path | None) -> m.Provider:
    """A provider and its offerings; the logo path is resolved against *data_dir*."""
    data = dict(data)
    offerings = data.pop("offerings", ())
    logo = data.pop("logo", None)
    if logo is not None and data_dir is not None:
        logo = str(Path(data_dir) / logo)
    result = build(m.Provider, data, logo=logo)
    result.offerings = [build(m.Offering, o, provider_id=result.id) for o in offerings]
    return result
