"""``render_docs``: the whole Markdown tree of a catalog, as bytes per path.

Pages (paths relative to the output directory, see :mod:`.paths`):

* ``README.md`` -- the index: counts, providers and authors tables;
* ``providers/README.md`` and ``providers/<id>/README.md`` (the seed's page)
  with ``providers/<id>/logo.svg``;
* ``providers/<id>/models/<stem>.md`` -- one page per offering;
* ``models/README.md`` and ``models/<author>/<stem>.md`` -- canonical models;
* ``authors/README.md`` and ``authors/<id>/README.md``.

Each template is compiled once per environment; pages only look up
precomputed :class:`~.views.Views`.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..catalog import Catalog
from . import paths
from .env import make_environment
from .logos import logo_bytes
from .views import Views, build_views


def render_docs(catalog: Catalog, templates_dir: Path | str | None = None,
                env: jinja2.Environment | None = None) -> dict[str, bytes]:
    """Every page and logo of *catalog*: output path -> bytes (UTF-8)."""
    env = env or make_environment(templates_dir)
    views = build_views(catalog, env)
    shared = {"catalog": catalog, "views": views}
    out: dict[str, bytes] = {}
    for path, template, context in _pages(catalog, views):
        out[path] = _render(env, template, path, shared, context)
    for provider in catalog.providers.values():
        out[paths.provider_logo(provider.id)] = logo_bytes(provider)
    return out


def _render(env: jinja2.Environment, template: str, path: str, shared: dict, context: dict) -> bytes:
    return env.get_template(template).render(shared, page=path, **context).encode("utf-8")


def _pages(catalog: Catalog, views: Views):
    """(path, template name, page context) for every page, in a stable order."""
    yield paths.INDEX, "index.md.j2", {}
    yield paths.PROVIDERS_INDEX, "providers.md.j2", {}
    yield paths.MODELS_INDEX, "models.md.j2", {}
    yield paths.AUTHORS_INDEX, "authors.md.j2", {}
    for provider in catalog.providers.values():
        yield paths.provider_page(provider.id), "provider.md.j2", {"provider": provider}
        for offering in provider.offerings:
            yield paths.offering_page(offering), "offering.md.j2", {"provider": provider, "offering": offering}
    for model in catalog.models.values():
        yield paths.model_page(model.id), "model.md.j2", {"model": model}
    for author in catalog.authors.values():
        yield paths.author_page(author.id), "author.md.j2", {"author": author}
