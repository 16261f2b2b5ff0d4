"""Reading a catalog directory: validate every file, then build the typed objects."""

from __future__ import annotations

from pathlib import Path

from generator.catalog import construct
from generator.catalog.catalog import Catalog
from generator.validation.problems import InvalidCatalog
from generator.validation.validate import Report, validate_catalog


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Validate the catalog at *path* and return it; raise InvalidCatalog on errors.

    Without *path*, the catalog shipped with the package, read from its JSON export (checked
    against its content hash and schema): prices offline, in a fraction of a second.
    """
    if path is None:
        from generator.catalog.json_read import catalog_from_json
        from generator.util.resources import shipped_catalog

        return catalog_from_json(shipped_catalog())
    report = validate_catalog(path)
    if report.errors:
        raise InvalidCatalog(report.problems)
    return catalog_from_report(report, Path(path))


def catalog_from_report(report: Report, data_dir: Path) -> Catalog:
    """Typed objects from the documents of an error-free validation report."""
    docs = {kind: [d for d in report.documents if d.kind == kind] for kind in ("provider", "offering", "model", "author")}
    catalog = Catalog(data_dir=data_dir)
    catalog.authors = {a.id: a for a in sorted((construct.author(d.data) for d in docs["author"]), key=_id)}
    catalog.models = {x.id: x for x in sorted((construct.canonical_model(d.data) for d in docs["model"]), key=_id)}
    for doc in sorted(docs["provider"], key=lambda d: d.data["id"]):
        logo = Path(doc.path).parent / "logo.svg"
        catalog.providers[doc.data["id"]] = construct.provider(doc.data, str(logo) if logo.is_file() else None)
    for doc in docs["offering"]:
        provider = catalog.providers[doc.rel.split("/")[1]]
        provider.offerings.append(construct.offering(provider.id, doc.data, catalog.models.get(doc.data.get("model"))))
    for provider in catalog.providers.values():
        provider.offerings.sort(key=lambda o: o.id)
    return catalog


def _id(item) -> str:
    return item.id
