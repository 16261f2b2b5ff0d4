"""The site's Changes page: the newest changes in a table rendered on the server, newest first.

A small script (``assets/changes.js``) adds filters by provider and kind of change; without it
every row is shown.  The page holds the newest :data:`MAX_ROWS` changes (a longer HTML table
slows the site's Markdown build) and links to ``api/changes.json`` and the feeds for the rest.
"""

from __future__ import annotations

from generator.catalog.changes import KINDS, Change
from generator.outputs.site.pages import asset_bytes, make_environment
from generator.present import urls
from generator.present.changes_text import KIND_LABELS, describe

MAX_ROWS = 1000
TEMPLATE = "site/changes.md.j2"


def page_files(catalog, found: list[Change], templates_dir=None) -> dict[str, bytes]:
    rows = [_row(catalog, c) for c in found[:MAX_ROWS]]
    providers = sorted({(r["provider"], r["provider_name"]) for r in rows})
    kinds = [(k, KIND_LABELS[k]) for k in KINDS if any(r["kind"] == k for r in rows)]
    values = {"rows": rows, "total": len(found), "shown": len(rows), "providers": providers, "kinds": kinds}
    page = make_environment(templates_dir).get_template(TEMPLATE).render(values)
    return {"changes.md": page.encode("utf-8"), "assets/changes.js": asset_bytes("changes.js")}


def _row(catalog, change: Change) -> dict:
    provider = catalog.providers.get(change.provider)
    offering = next((o for o in provider.offerings if o.id == change.offering), None) if provider else None
    return {"day": change.day.isoformat(), "provider": change.provider,
            "provider_name": provider.name if provider else change.provider, "offering": change.offering,
            "page": urls.html(urls.offering_page(offering)) if offering else None, "kind": change.kind,
            "kind_label": KIND_LABELS[change.kind], "what": describe(change), "source": change.source or ""}
