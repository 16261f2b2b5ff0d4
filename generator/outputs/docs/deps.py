"""Which Markdown pages an edit must render again: each page's reads, recorded while it renders.

Every page is rendered with a recording view of the catalog (:func:`render_recorded`):
each catalog item or list it looks up adds a key to the page's reads --

* ``("provider", id)``, ``("model", id)``, ``("author", id)``,
  ``("offering", provider id, id)``: one document (an offering's key also stands
  for the canonical model facts it inherits);
* ``("provider-offerings", id)``, ``("model-offerings", id)``,
  ``("author-models", id)``, ``("author-offerings", id)``: a list (a provider's
  offerings, a model's offerings, an author's models, the offerings naming an
  author directly), which changes when any member does;
* ``("ids", kind)`` (which providers, models, authors or offerings exist: walking or counting a
  catalog table), ``("provider-offering-ids", id)`` (counting a provider's offerings),
  :data:`BUILD_DATE`, :data:`MOST_SERVED`, :data:`CHANGES`: what the home page shows of the
  catalog as a whole, each dirtied only by the edits that can change it (:func:`.dirty.affected`), so
  that an edit elsewhere leaves the home page as it is;
* :data:`ALL`: anything the recorder does not know (iterating a whole catalog
  table, a view helper it has not been taught): always dirty, so a page reading
  it is always rendered.  A template that reads something new is therefore
  never left stale, only rendered again more often.

The build keeps the reads (in the document cache); after an edit,
:func:`.dirty.affected` turns the changed documents into dirty keys -- a rule of the
data model, not of the templates: an offering is in its provider's and its
model's lists and its direct authors'; a canonical model's facts are inherited
by its offerings, see :mod:`.dirty` -- and every page whose reads miss them all is kept as it is.

Why pages are tracked at all, measured on the models.dev corpus (5,276
offerings, ``benchmarks/bench_build.py --data``, 3 interleaved runs, medians on
a shared 2-core machine): a one-offering edit took 2.20 s of CPU with page
tracking and 4.08 s rendering every page (wall 4.2 s against 9.5 s); so it is
kept, and recorded rather than mirrored by hand.  ``tests/test_build_incremental.py``
checks edits of every kind against a cold build.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager

from generator.model.records import Author, CanonicalModel, Offering, Provider
from generator.outputs.docs.views import _key as fragment_key, place_of

ALL = ("all",)
BUILD_DATE = ("build-date",)  # the newest last_verified of the providers and offerings
MOST_SERVED = ("most-served",)  # which models the most providers serve (the models and who serves them)
CHANGES = ("changes",)  # the catalog's changes: its offerings' price histories and the changes.yaml files
DOCUMENT_KINDS = ("provider", "offering", "model", "author")  # the other files changed are side files


def key_of(item) -> tuple | None:
    """The key of a catalog item, None for a plain value (modalities, features...)."""
    if isinstance(item, Offering):
        return ("offering", item.provider_id, item.id)
    if isinstance(item, Provider):
        return ("provider", item.id)
    if isinstance(item, CanonicalModel):
        return ("model", item.id)
    if isinstance(item, Author):
        return ("author", item.id)
    return None


class Recorder:
    """The reads being recorded: the page's, and those of the fragments rendered inside it."""

    def __init__(self):
        self.open: list[set] = []

    def add(self, key) -> None:
        for reads in self.open:
            reads.add(key)

    def update(self, keys) -> None:
        for reads in self.open:
            reads.update(keys)

    def start(self) -> None:
        self.open.append(set())

    def stop(self) -> frozenset:
        return frozenset(self.open.pop())

    @contextmanager
    def quiet(self):
        """Record nothing in the block: a helper that records its own key reads the catalog inside."""
        saved, self.open = self.open, []
        try:
            yield
        finally:
            self.open = saved


class _Table(Mapping):
    """A dict whose lookups are recorded (``kind``, key); walking all of it (or its length) reads
    *whole*: :data:`ALL` unless the table says which edits change its keys."""

    def __init__(self, data: dict, recorder: Recorder, kind: str, whole: tuple = ALL):
        self._data, self._recorder, self._kind, self._whole = data, recorder, kind, whole

    def __getitem__(self, key):
        self._recorder.add((self._kind, key))
        return self._data[key]

    def get(self, key, default=None):
        self._recorder.add((self._kind, key))
        return self._data.get(key, default)

    def __contains__(self, key) -> bool:
        self._recorder.add((self._kind, key))
        return key in self._data

    def __iter__(self):
        self._recorder.add(self._whole)
        return iter(self._data)

    def __len__(self) -> int:
        self._recorder.add(self._whole)
        return len(self._data)


class _Offerings(list):
    """A provider's offerings, recording ``("provider-offerings", id)`` when read, and only
    ``("provider-offering-ids", id)`` when counted."""

    def __init__(self, items, recorder: Recorder, provider_id: str):
        super().__init__(items)
        self._recorder, self._key = recorder, ("provider-offerings", provider_id)
        self._count = ("provider-offering-ids", provider_id)

    def __iter__(self):
        self._recorder.add(self._key)
        return super().__iter__()

    def __len__(self) -> int:
        self._recorder.add(self._count)
        return super().__len__()

    def __getitem__(self, index):
        self._recorder.add(self._key)
        return super().__getitem__(index)


class _Catalog:
    """The catalog as templates see it: lookups recorded, anything else reads :data:`ALL`."""

    def __init__(self, catalog, recorder: Recorder):
        self._catalog, self._recorder = catalog, recorder
        self.providers = _Table(catalog.providers, recorder, "provider", ("ids", "provider"))
        self.models = _Table(catalog.models, recorder, "model", ("ids", "model"))
        self.authors = _Table(catalog.authors, recorder, "author", ("ids", "author"))

    def __getattr__(self, name):
        self._recorder.add(ALL)
        return getattr(self._catalog, name)


class _Views:
    """The page views as templates see them (:class:`~generator.outputs.docs.views.Views`):
    each helper records what it looks up; a helper not listed here reads :data:`ALL`."""

    def __init__(self, views, recorder: Recorder):
        self._views, self._recorder, self._reads, self._seen = views, recorder, {}, {}
        self._fragments, self.env = views._fragments, views.env  # the fragments' text, shared with views
        self.catalog = views.catalog
        self.models_by_author = _Table(views.models_by_author, recorder, "author-models")
        self.direct_by_author = _Table(views.direct_by_author, recorder, "author-offerings")
        self.by_model = _Table(views.by_model, recorder, "model-offerings")
        self.other_shown = views.other_shown

    def offered_by(self, model_id):
        self._recorder.add(("model-offerings", model_id))
        return self._views.offered_by(model_id)

    def others(self, offering):
        self._recorder.add(("model-offerings", offering.model_id))
        return self._views.others(offering)

    def author_links(self, author_ids):
        return [self.catalog.authors[a] for a in author_ids]

    @property
    def offering_count(self) -> int:
        return self._helper(("ids", "offering"), lambda: self._views.offering_count)

    @property
    def build_date(self):
        return self._helper(BUILD_DATE, lambda: self._views.build_date)

    def most_served(self, limit: int):
        """The models come back as catalog items: what the page then reads of them is recorded too."""
        return self._helper(MOST_SERVED, lambda: self._views.most_served(limit))

    def recent_changes(self, limit: int):
        return self._helper(CHANGES, lambda: self._views.recent_changes(limit))

    def _helper(self, key: tuple, call):
        """*call*'s result, recorded as *key* alone (what it reads inside is what *key* stands for)."""
        self._recorder.add(key)
        with self._recorder.quiet():
            return call()

    def fragment(self, template: str, item, page: str, here: bool = False):
        """The cached fragment, and the reads it recorded when it was first rendered: it is
        rendered by :meth:`Views.fragment` with these recording views, so that what it looks up
        (``views.offered_by``, a nested fragment) is recorded too.  A fragment met again in the
        same place (most are: a row on every page of its model) is one lookup of both."""
        item_key = fragment_key(item)
        seen = (template, place_of(page, here), item_key)
        found = self._seen.get(seen)
        if found is None:
            found = self._seen[seen] = self._first_fragment(template, item, item_key, page, here)
        self._recorder.update(found[1])
        return found[0]

    def _first_fragment(self, template: str, item, item_key, page: str, here: bool) -> tuple:
        """The fragment's text in this place and the reads of its first rendering in any place;
        what a rendering here reads beyond those goes to the pages being recorded, as it happens."""
        known = (template, item_key)
        reads = self._reads.get(known)
        if reads is None:
            self._recorder.start()
            text = type(self._views).fragment(self, template, item, page, here)
            reads = self._reads[known] = self._recorder.stop() | {key_of(item)} - {None}
        else:
            text = type(self._views).fragment(self, template, item, page, here)
        return text, reads

    def rows(self, offerings, page: str, template: str = "partials/offering_row.md.j2"):
        from generator.present.filters import Md

        return Md("\n".join(self.fragment(template, o, page) for o in offerings))

    def __getattr__(self, name):
        self._recorder.add(ALL)
        return getattr(self._views, name)


def render_recorded(env, views, pages: list) -> list[tuple[bytes, frozenset]]:
    """Each page of *pages* ((path, template, context)) rendered, with the keys it read."""
    recorder = Recorder()
    real_catalog, views.catalog = views.catalog, _Catalog(views.catalog, recorder)
    lists = {p.id: p.offerings for p in real_catalog.providers.values()}
    try:
        for provider in real_catalog.providers.values():
            provider.offerings = _Offerings(provider.offerings, recorder, provider.id)
        shared = {"catalog": views.catalog, "views": _Views(views, recorder)}
        return [_render_one(env, shared, recorder, page) for page in pages]
    finally:
        views.catalog = real_catalog
        for provider in real_catalog.providers.values():
            provider.offerings = lists[provider.id]


def _render_one(env, shared: dict, recorder: Recorder, page: tuple) -> tuple[bytes, frozenset]:
    path, template, context = page
    recorder.start()
    recorder.update(k for k in map(key_of, context.values()) if k is not None)
    data = env.get_template(template).render(shared, page=path, **context).encode("utf-8")
    return data, recorder.stop()
