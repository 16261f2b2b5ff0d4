"""The site data's rows after an edit: providers the edit cannot change keep the rows the last
build wrote to ``assets/site-data.js``.

An offering's row shows the offering (with what it inherits from its canonical
model) and its provider's name, so the providers to build again are those the
JSON exports encode again (:func:`generator.outputs.docs.deps.export_dirty`); the
comparisons are always computed from the catalog.  Used only when the previous
file is exactly as the last build left it, and when no ``--templates`` are given
(the shipped templates only count the rows).
"""

from __future__ import annotations

import json

from generator.catalog.catalog import Catalog
from generator.outputs.site.views import ROW_FIELDS, data_row, offering_row

DATA_SCRIPT = "assets/site-data.js"
_PREFIX, _SUFFIX = b"window.provcatData = ", b";\n"


def data_rows(catalog: Catalog, previous) -> list[list] | None:
    """Every offering's data row, reusing the previous file's rows; None when it cannot be used."""
    old = _previous_rows(previous)
    if old is None:
        return None
    rows: list[list] = []
    for provider in catalog.providers.values():
        if provider.id in previous.dirty:
            rows += [data_row(offering_row(o, provider)) for o in provider.offerings]
        else:
            rows += old.get(provider.id, [])
    return rows


def _previous_rows(previous) -> dict[str, list] | None:
    """The previous file's rows by provider id, or None when the file is not as the last build left it."""
    if DATA_SCRIPT not in previous.untouched or DATA_SCRIPT not in previous.manifest:
        return None
    raw = (previous.out_dir / DATA_SCRIPT).read_bytes()
    if not raw.startswith(_PREFIX) or not raw.endswith(_SUFFIX):
        return None
    data = json.loads(raw[len(_PREFIX):-len(_SUFFIX)])
    if data.get("fields") != list(ROW_FIELDS):
        return None
    by_provider: dict[str, list] = {}
    for row in data["rows"]:
        by_provider.setdefault(row[0], []).append(row)
    return by_provider
