"""What a build publishes of the catalog's changes: ``api/changes.json`` with its schema, the Atom
feeds (:mod:`.feeds`) and the site's Changes page (:mod:`.page`).

The lifecycle events are read from the data directory the build reads (``changes.yaml``), the
price changes from the catalog's offerings (:mod:`generator.catalog.changes`).
"""

from __future__ import annotations

from pathlib import Path

from generator.catalog import seal
from generator.catalog.catalog import Catalog
from generator.catalog.changes import changes, lifecycle_events, record
from generator.validation.schemas import SCHEMA_DIR

SCHEMA = "changes-export.schema.json"


def changes_files(catalog: Catalog, data_dir: Path | None, pretty: bool = False, templates_dir=None) -> dict[str, bytes]:
    """``api/changes.json``, its schema, the feeds and the Changes page."""
    from generator.outputs.changes import feeds, page

    same = data_dir is not None and catalog.data_dir is not None and Path(data_dir).resolve() == Path(catalog.data_dir).resolve()
    found = catalog.changes() if same else changes(catalog, events=lifecycle_events(data_dir))
    files = {"api/changes.json": seal.sealed_bytes({"changes": [record(c) for c in found]}, pretty),
             f"api/{SCHEMA}": (SCHEMA_DIR / SCHEMA).read_bytes()}
    files.update(feeds.feed_files(catalog, found))
    files.update(page.page_files(catalog, found, templates_dir))
    return files
