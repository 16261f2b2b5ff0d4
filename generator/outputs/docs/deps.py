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
* :data:`ALL`: anything the recorder does not know (iterating a whole catalog
  table, a view helper it has not been taught): always dirty, so a page reading
  it is always rendered.  A template that reads something new is therefore
  never left stale, only rendered again more often.

The build keeps the reads (in the document cache); after an edit,
:func:`affected` turns the changed documents into dirty keys -- a rule of the
data model, not of the templates: an offering is in its provider's and its
model's lists and its direct authors'; a canonical model's facts are inherited
by its offerings -- and every page whose reads miss them all is kept as it is.

Why pages are tracked at all, measured on the models.dev corpus (5,276
offerings, ``benchmarks/bench_build.py --data``, 3 interleaved runs, medians on
a shared 2-core machine): a one-offering edit took 2.20 s of CPU with page
tracking and 4.08 s rendering every page (wall 4.2 s against 9.5 s); so it is
kept, and recorded rather than mirrored by hand.  ``tests/test_build_incremental.py``
checks edits of every kind against a cold build.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from generator.model.records import Author, CanonicalModel, Offering, Provider
from generator.outputs.docs.views import _key as fragment_key

ALL = ("all",)


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


class _Table(Mapping):
    """A dict whose lookups are recorded (``kind``, key); walking all of it reads :data:`ALL`."""

    def __init__(self, data: dict, recorder: Recorder, kind: str):
        self._data, self._recorder, self._kind = data, recorder, kind

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
        self._recorder.add(ALL)
        return iter(self._data)

    def __len__(self) -> int:
        self._recorder.add(ALL)
        return len(self._data)


class _Offerings(list):
    """A provider's offerings, recording ``("provider-offerings", id)`` when read."""

    def __init__(self, items, recorder: Recorder, provider_id: str):
        super().__init__(items)
        self._recorder, self._key = recorder, ("provider-offerings", provider_id)

    def __iter__(self):
        self._recorder.add(self._key)
        return super().__iter__()

    def __len__(self) -> int:
        self._recorder.add(self._key)
        return super().__len__()

    def __getitem__(self, index):
        self._recorder.add(self._key)
        return super().__getitem__(index)


class _Catalog:
    """The catalog as templates see it: lookups recorded, anything else reads :data:`ALL`."""

    def __init__(self, catalog, recorder: Recorder):
        self._catalog, self._recorder = catalog, recorder
        self.providers = _Table(catalog.providers, recorder, "provider")
        self.models = _Table(catalog.models, recorder, "model")
        self.authors = _Table(catalog.authors, recorder, "author")

    def __getattr__(self, name):
        self._recorder.add(ALL)
        return getattr(self._catalog, name)


class _Views:
    """The page views as templates see them (:class:`~generator.outputs.docs.views.Views`):
    each helper records what it looks up; a helper not listed here reads :data:`ALL`."""

    def __init__(self, views, recorder: Recorder):
        self._views, self._recorder, self._fragments = views, recorder, {}
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

    def fragment(self, template: str, item, page: str, here: bool = False):
        """The cached fragment, and the reads it recorded when it was first rendered."""
        known = (template, fragment_key(item))
        reads = self._fragments.get(known)
        if reads is None:
            self._recorder.start()
            text = self._views.fragment(template, item, page, here)
            reads = self._fragments[known] = self._recorder.stop() | {key_of(item)} - {None}
        else:
            text = self._views.fragment(template, item, page, here)
        self._recorder.update(reads)
        return text

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


class Graph:
    """Which offerings each canonical model has, from the documents' data (rel -> (kind, data))."""

    def __init__(self, documents: dict[str, tuple[str, dict]]):
        self.by_model = defaultdict(list)  # model id -> [(provider id, offering id)]
        for rel, (kind, data) in documents.items():
            if kind == "offering" and data.get("model"):
                self.by_model[data["model"]].append((rel.split("/")[1], data["id"]))


def affected(before: dict, after: dict, changed: list[tuple]) -> tuple[set, set[str]]:
    """The keys an edit dirties (*changed*: (kind, rel, old data, new data)), looked up before and
    after it; and the providers whose part of the JSON exports it may change (:func:`export_dirty`)."""
    old, new = Graph(before), Graph(after)
    keys = {ALL}
    for kind, rel, old_data, new_data in changed:
        for graph, data in ((old, old_data), (new, new_data)):
            if data is not None:
                keys |= _dirty(kind, rel, data, graph)
    return keys, export_dirty(old, new, changed)


def _dirty(kind: str, rel: str, data: dict, graph: Graph) -> set:
    """The keys a change of one document (its data before or after) dirties."""
    if kind == "offering":
        provider = rel.split("/")[1]
        keys = {("offering", provider, data["id"]), ("provider-offerings", provider)}
        if data.get("model"):
            keys.add(("model-offerings", data["model"]))
        return keys | {("author-offerings", a) for a in data.get("authors", ())}
    if kind == "model":
        keys = {("model", data["id"]), ("model-offerings", data["id"])}
        keys |= {("author-models", a) for a in data.get("authors", ())}
        for provider, offering in graph.by_model.get(data["id"], ()):  # they inherit its facts
            keys |= {("offering", provider, offering), ("provider-offerings", provider)}
        return keys
    return {(kind, data["id"])}  # a provider or an author: its own document


def export_dirty(old: Graph, new: Graph, changed: list[tuple]) -> set[str]:
    """Providers whose part of the exports may change: that of a changed provider or offering, and
    of every provider serving a changed canonical model (its offerings inherit the model's facts).
    Authors appear in the exports only by id, and in their own list, which is always encoded."""
    providers = set()
    for kind, rel, old_data, new_data in changed:
        if kind in ("provider", "offering"):
            providers.add(rel.split("/")[1])
        elif kind == "model":
            for graph, data in ((old, old_data), (new, new_data)):
                if data is not None:
                    providers.update(p for p, _ in graph.by_model.get(data["id"], ()))
    return providers
