"""``models.json``: one flat row per offering, for jq, pandas and spreadsheets.

Same conventions as ``catalog.json``: unknown facts are absent keys, money is an
exact decimal string.  Prices are the current ones in ``currency``; tiers and
history are only in ``catalog.json``.  Rows are made from the offerings'
already-encoded ``catalog.json`` objects, so each fact is encoded once.  Which
offering facts become columns, and in what order, is declared with the facts
(:mod:`generator.model.columns`).
"""

from __future__ import annotations

from generator.catalog.catalog import Catalog
from generator.model.columns import COLUMNS, COPIED  # noqa: F401  (COLUMNS is part of this module's API)
from generator.model.records import PRICE_FIELDS, Offering, Provider
from generator.outputs.exports import encode
from generator.present import urls


def row(offering: dict, provider: Provider) -> dict:
    """The flat row of one offering, from its ``catalog.json`` object; unknown facts are left out."""
    pid, oid = provider.id, offering["id"]
    out = {"provider": pid, "offering": oid, "ref": f"{pid}/{oid}", "name": offering["name"],
           "page": urls.offering_page_at(pid, offering["file_stem"])}
    for source, target in COPIED:
        if source in offering:
            out[target] = offering[source]
    _prices(out, offering.get("pricing"))
    out.update(offering.get("features", ()))
    for direction, known in offering.get("modalities", {}).items():
        for key, flag in (("supported", True), ("unsupported", False)):
            out.update((f"{direction}_{modality}", flag) for modality in known.get(key, ()))
    _privacy(out, provider)
    return out


def _prices(out: dict, pricing: dict | None) -> None:
    if pricing is None:
        return
    current = pricing["current"]
    out["currency"], out["price_tiers"] = current["currency"], len(current.get("tiers", ()))
    for name in PRICE_FIELDS:
        if name in current:
            out[f"price_{name}"] = current[name]


def _privacy(out: dict, provider: Provider) -> None:
    if provider.privacy.retains_user_data is not None:
        out["provider_retains_user_data"] = provider.privacy.retains_user_data
    if provider.privacy.trains_on_user_data is not None:
        out["provider_trains_on_user_data"] = provider.privacy.trains_on_user_data


def ordered(row_: dict) -> dict:
    """*row_* with its keys in COLUMNS order (for people; the files sort keys anyway)."""
    return {k: row_[k] for k in COLUMNS if k in row_}


def rows(catalog: Catalog, offerings: list[Offering] | None = None) -> list[dict]:
    """Flat rows of *offerings* (default: every offering), in catalog order, keys in COLUMNS order."""
    chosen = catalog.offerings if offerings is None else offerings
    return [ordered(row(encode.encode(o), catalog.providers[o.provider_id])) for o in chosen]


def rows_from_encoded(catalog: Catalog, providers: list[dict]) -> list[dict]:
    """Flat rows from the encoded providers of ``catalog.json`` (the export's fast path)."""
    return [row(o, catalog.providers[p["id"]]) for p in providers for o in p.get("offerings", ())]
