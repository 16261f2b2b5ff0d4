"""``catalog.json`` back into the catalog objects of :mod:`generator.model.records`.

The inverse of :mod:`.encode`: an absent key becomes ``None`` (unknown) or an
empty tuple; money strings become exact ``Decimal``; dates become ``date``.
Keys this version does not know (added by a later minor version) are ignored.
The per-class decoders are generated in :mod:`.codec`.
"""

from __future__ import annotations

from pathlib import Path

from generator.model import records as m
from generator.model.codec import DECODERS


def build(cls, data: dict, **extra):
    """An instance of *cls* from its JSON object; *extra* supplies fields the JSON implies."""
    return DECODERS[cls](data, **extra)


def provider(data: dict, data_dir: Path | None) -> m.Provider:
    """A provider and its offerings; the logo path is resolved against *data_dir*."""
    logo = data.get("logo")
    if logo is not None and data_dir is not None:
        logo = str(Path(data_dir) / logo)
    result = DECODERS[m.Provider](data, logo=logo)
    decode_offering, provider_id = DECODERS[m.Offering], result.id
    result.offerings = [decode_offering(o, provider_id=provider_id) for o in data.get("offerings", ())]
    return result
