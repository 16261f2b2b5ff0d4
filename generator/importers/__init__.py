"""Importers: fill the catalog from models.dev, LiteLLM and starmap, reporting every skip.

Each importer reads its input into a :class:`~.items.Batch` (documents in our
schema's shape plus an :class:`~.report.ImportReport`); :func:`.merge.apply`
merges a batch into a catalog directory under the fill-unknowns-only policy.
"""

from __future__ import annotations

from pathlib import Path

from generator.importers import merge
from generator.importers.items import Batch
from generator.importers.report import ImportReport


def run_import(importer: str, source: Path, data_dir: Path, overwrite: bool = False, dry_run: bool = False,
               echo=None, create: bool = True, **options) -> ImportReport:
    """Read *source* with *importer* (models.dev, litellm or starmap) and merge it into *data_dir*;
    with *create* False, only into the files *data_dir* already has."""
    batch = read_source(importer, source, **options)
    merge.apply(batch, data_dir, overwrite=overwrite, dry_run=dry_run, echo=echo, create=create)
    return batch.report


def read_source(importer: str, source: Path, **options) -> Batch:
    if importer == "models.dev":
        from generator.importers import models_dev

        return models_dev.read(source, **options)
    if importer == "litellm":
        from generator.importers import litellm

        return litellm.read(source, **options)
    if importer == "starmap":
        from generator.importers import starmap

        return starmap.read(source, **options)
    raise ValueError(f"unknown importer {importer!r}; use models.dev, litellm or starmap")


def compare(importer: str, source: Path, data_dir: Path, **options) -> list:
    """Where the catalog at *data_dir* and *source* disagree (price, context window, status)."""
    batch = read_source(importer, source, **options)
    merge.apply(batch, data_dir, dry_run=True)
    return batch.report.disagreements
