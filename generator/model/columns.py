"""The columns of ``models.json`` (one flat row per offering), derived from the declaration.

An offering fact declared with ``flat=(place, description)`` in
:mod:`generator.model.records` is copied into the row under its YAML key; its
place puts it among the leading facts (below 100) or the trailing ones.  The
other columns come from the vocabulary (prices, features, modalities) or from
the provider.
"""

from __future__ import annotations

import dataclasses

from generator.model.records import FEATURES, MODALITIES, PRICE_FIELDS, Offering

TRAILING = 100


def _copied() -> list[tuple[int, str, str]]:
    """(place, field, column) of every offering fact with a column, by place."""
    found = [(f.metadata["flat"][0], f.name, f.metadata.get("key") or f.name)
             for f in dataclasses.fields(Offering) if "flat" in f.metadata]
    return sorted(found)


COPIED = tuple((name, column) for _, name, column in _copied())
"""(field of the encoded offering, column of the row)."""

COLUMNS = (
    ("provider", "offering", "ref", "name")
    + tuple(column for place, _, column in _copied() if place < TRAILING)
    + ("currency",)
    + tuple(f"price_{k}" for k in PRICE_FIELDS)
    + ("price_tiers",)
    + FEATURES
    + tuple(f"input_{m}" for m in MODALITIES) + tuple(f"output_{m}" for m in MODALITIES)
    + tuple(column for place, _, column in _copied() if place >= TRAILING)
    + ("provider_retains_user_data", "provider_trains_on_user_data", "page")
)
"""Every column, in the order people read them (the files sort keys anyway)."""
