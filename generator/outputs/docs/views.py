"""Cross-references the pages need, computed once per build.

Templates only look things up here; nothing in a template walks the whole
catalog, so rendering stays linear in the number of pages.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from generator.catalog.catalog import Catalog
from generator.model.records import Author, CanonicalModel, Modalities, Offering, Provider
from generator.present.filters import Md

_BY_IDENTITY = (Offering, Provider, CanonicalModel, Author)  # catalog items: one object per item
OTHER_PROVIDERS_SHOWN = 10  # rows of "same model at other providers" on an offering page


def price_key(offering: Offering):
    """Cheapest first by input then output price; unknown prices last; then by provider and id."""
    price = offering.price
    inp = price.input if price else None
    out = price.output if price else None
    currency = price.currency if price else ""
    return (inp is None, currency != "USD", currency, inp or 0, out is None, out or 0, offering.provider_id, offering.id)


@dataclass
class Views:
    catalog: Catalog
    env: object = None  # the jinja Environment, for cached fragments
    by_model: dict[str, list[Offering]] = field(default_factory=dict)
    models_by_author: dict[str, list] = field(default_factory=dict)
    direct_by_author: dict[str, list[Offering]] = field(default_factory=dict)
    build_date: date | None = None
    other_shown: int = OTHER_PROVIDERS_SHOWN
    _fragments: dict = field(default_factory=dict)

    def offered_by(self, model_id: str | None) -> list[Offering]:
        """Every offering of *model_id*, cheapest first."""
        return self.by_model.get(model_id, []) if model_id else []

    def others(self, offering: Offering) -> list[Offering]:
        """The same canonical model at other providers (and other ids), cheapest first."""
        return [o for o in self.offered_by(offering.model_id) if o is not offering]

    def fragment(self, template: str, item, page: str, here: bool = False):
        """*template* rendered for *item* as seen from *page*, cached.

        A row of an offering appears on many pages (every page of the same
        model); a provider's privacy brief on every page of its offerings; a
        features table is the same for every equal Features value.  Each is
        rendered once per *item* (by value when it is a hashable fact, else by
        identity) and place: by default the place is the page's depth, and
        links are made from a stand-in page at that depth, so they climb to
        the root and go down again, valid from every page at that depth; with
        *here*, the place is the page's folder and links are the shortest.
        """
        place = place_of(page, here)
        key = (template, place, _key(item))
        cached = self._fragments.get(key)
        if cached is None:
            seen_from = page if here else "_/" * place + "_.md"
            text = self.env.get_template(template).render(catalog=self.catalog, views=self, page=seen_from, item=item)
            cached = self._fragments[key] = Md(text.rstrip("\n"))
        return cached

    def rows(self, offerings, page: str, template: str = "partials/offering_row.md.j2"):
        """The cached *template* row of each offering, one per line."""
        return Md("\n".join(self.fragment(template, o, page) for o in offerings))

    def most_served(self, limit: int) -> list[CanonicalModel]:
        """The *limit* canonical models served by the most providers (then by name): the home page's."""
        def providers(model):
            return len({o.provider_id for o in self.offered_by(model.id)})
        served = [m for m in self.catalog.models.values() if self.offered_by(m.id)]
        return sorted(served, key=lambda m: (-providers(m), m.name.lower(), m.id))[:limit]

    def recent_changes(self, limit: int) -> list:
        """The *limit* newest changes (price changes and lifecycle events): the home page's."""
        return self.catalog.changes()[:limit]

    def author_links(self, author_ids) -> list:
        return [self.catalog.authors[a] for a in author_ids]

    @property
    def offering_count(self) -> int:
        return sum(len(p.offerings) for p in self.catalog.providers.values())


def place_of(page: str, here: bool) -> object:
    """Where a fragment is rendered for *page* (see :meth:`Views.fragment`): the page's folder
    with *here*, else its depth."""
    return page.rsplit("/", 1)[0] if here else page.count("/")


def _key(item):
    """The cache key of *item*: the value itself when hashable, else its identity."""
    kind = type(item)
    if kind in _BY_IDENTITY:
        return id(item)
    if kind is Modalities:  # in the data's order: equal values in another order only miss the cache
        return ("modalities", tuple(item.input.items()), tuple(item.output.items()))
    try:
        hash(item)
    except TypeError:
        return id(item)
    return item


def build_views(catalog: Catalog, env=None) -> Views:
    views = Views(catalog, env, build_date=build_date(catalog))
    by_model: dict[str, list[Offering]] = defaultdict(list)
    direct: dict[str, list[Offering]] = defaultdict(list)
    for provider in catalog.providers.values():
        for offering in provider.offerings:
            if offering.model_id:
                by_model[offering.model_id].append(offering)
            else:
                for author in offering.authors:
                    direct[author].append(offering)
    views.by_model = {k: sorted(v, key=price_key) for k, v in by_model.items()}
    views.direct_by_author = dict(direct)
    models_by_author: dict[str, list] = defaultdict(list)
    for model in catalog.models.values():
        for author in model.authors:
            models_by_author[author].append(model)
    views.models_by_author = dict(models_by_author)
    return views


def build_date(catalog: Catalog) -> date | None:
    """``SOURCE_DATE_EPOCH`` (UTC) when set, else the newest last-verified date; never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return catalog.newest_verification()
