"""The producer of the pages only a site gives: All models, Compare, Privacy, API, Data format.

``site_pages(catalog, context)`` returns ``{path: bytes}`` with paths relative
to the docs root (``site/docs/``), like every producer of ``provcat build``.
It also returns the vendored assets the pages need (``assets/tables.js``,
``assets/site.css``, ``assets/logo.svg``), so the site works offline.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from generator.catalog.catalog import Catalog
from generator.outputs.site import escape, reuse, views
from generator.present import filters, labels, urls
from generator.present import format as fmt
from generator.outputs.site.schema_doc import schema_docs
from generator.util import resources

if TYPE_CHECKING:
    from generator.outputs.kept import Previous

PAGES = {
    "all-models.md": "site/all-models.md.j2",
    "compare.md": "site/compare.md.j2",
    "privacy.md": "site/privacy.md.j2",
    "api.md": "site/api.md.j2",
    "data-format.md": "site/data-format.md.j2",
}
ASSETS = ("tables.js", "pages.js", "site.css", "logo.svg")
DATA_SCRIPT = "assets/site-data.js"


def site_pages(catalog: Catalog, templates_dir: Path | None = None, previous: Previous | None = None) -> dict[str, bytes]:
    """Every site-only page and asset, rendered from *catalog*.

    *templates_dir*: the build's override directory (``--templates``), honoured as for the other
    outputs.  *previous*: what the last build's exports left, to take unchanged site data rows from.
    """
    environment = make_environment(templates_dir)
    reused = reuse.data_rows(catalog, previous) if previous is not None else None
    values = page_values(catalog, reused)
    files = {path: environment.get_template(name).render(values).encode("utf-8") for path, name in PAGES.items()}
    for asset in ASSETS:
        files[f"assets/{asset}"] = asset_bytes(asset)
    files[DATA_SCRIPT] = data_script(values["site_data"])
    return files


def data_script(data: dict) -> bytes:
    """The tables' rows as a script (not fetched JSON, so it also loads from the file system).

    Rows ship as data rather than as a Markdown/HTML table: Python-Markdown's HTML
    parsing of a 5,000-row table alone would take longer than the rest of the site.
    """
    compact = {"ensure_ascii": True, "separators": (",", ":")}
    head = json.dumps({k: v for k, v in data.items() if k != "rows"}, **compact)
    rows = ",\n".join(json.dumps(row, **compact) for row in data.get("rows", ()))
    payload = f'{head[:-1]}{"," if len(head) > 2 else ""}"rows":[\n{rows}\n]}}'  # a row a line: diffs well
    payload = payload.replace("<", "\\u003c")  # no "</script>" even if the script is ever inlined
    return f"window.provcatData = {payload};\n".encode("ascii")


def page_values(catalog: Catalog, data_rows: list[list] | None = None) -> dict:
    """What the templates see: view rows, facts helpers and label tables.

    With *data_rows* (the site data's rows, see :mod:`.reuse`), ``rows`` are those: the shipped
    templates only count them.
    """
    rows = views.all_rows(catalog) if data_rows is None else data_rows
    return {
        "catalog": catalog,
        "rows": rows,
        "site_data": views.site_data(catalog, rows) if data_rows is None else views.assembled(catalog, data_rows),
        "comparisons": views.comparisons(catalog),
        "private_providers": views.private_providers(catalog),
        "schemas": schema_docs(catalog.data_dir),  # examples from the catalog's own files
        "features": list(labels.FEATURE_LABELS.items()),
        "modalities": list(labels.MODALITY_LABELS.items()),
        "urls": urls,
        "NA": fmt.NA,
    }


@cache
def make_environment(override: Path | str | None = None) -> jinja2.Environment:
    """Jinja2 with StrictUndefined and HTML autoescaping; *override* templates win.

    Cached: templates compile once per process (Jinja reloads a template whose file changed).
    """
    from generator.present.environment import bytecode_cache

    search = [str(override)] if override else []
    syntax = {"autoescape": True, "keep_trailing_newline": True, "trim_blocks": True, "lstrip_blocks": True}
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search + [str(resources.templates_dir())]),
        undefined=jinja2.StrictUndefined, bytecode_cache=bytecode_cache({**syntax, "site": True}), **syntax,
    )
    environment.filters.update(filters.SITE_FILTERS, cell=escape.md_cell, code=escape.md_code, url=escape.safe_url)
    return environment


@cache
def asset_bytes(name: str) -> bytes:
    """A vendored asset shipped inside the package (``generator/site/assets``)."""
    return resources.site_asset(name)
