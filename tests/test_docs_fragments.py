"""The docs' cached fragments while reads are recorded: a repeat is one lookup, nothing else."""

from __future__ import annotations

from generator.catalog.load import load_catalog
from generator.outputs.docs import deps, views
from generator.outputs.docs.render import Page
from generator.outputs.docs.views import build_views
from generator.present import urls
from generator.present.environment import make_environment

from .exporthelp import RICH


def test_a_fragment_met_again_in_the_same_place_is_one_lookup(monkeypatch):
    """An offering page asks for its modalities, features and privacy fragments and the rows of
    its model's other offerings; a second page asking for the same ones in the same place gets
    text and reads from one lookup, never reaching the fragment cache of the views (which works
    out the item's key again), and records and renders what the first did."""
    catalog, env = load_catalog(RICH), make_environment()
    offering = next(o for o in catalog.offerings if o.model_id)
    page = Page(urls.offering_page(offering), "offering.md.j2",
                {"provider": catalog.providers[offering.provider_id], "offering": offering})
    keyed = []
    real = views._key
    monkeypatch.setattr(views, "_key", lambda item: keyed.append(item) or real(item))
    [once] = deps.render_recorded(env, build_views(catalog, env), [page])
    first = len(keyed)
    twice = deps.render_recorded(env, build_views(catalog, env), [page, page])
    assert first >= 3 and len(keyed) == 2 * first  # the second page of the pair reached the views' cache never
    assert twice == [once, once]
    assert {("provider", offering.provider_id), ("model-offerings", offering.model_id)} <= once[1]
