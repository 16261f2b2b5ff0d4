"""Which Markdown pages show which catalog documents: the pages an edit must render again.

The rules mirror what the shipped templates read (``templates/``):

* an offering page shows its offering, its provider (name, privacy brief), its
  canonical model (inherited facts), its authors' names and every offering of
  the same model with that offering's provider name;
* a provider page shows the provider and each of its offerings with their
  authors' names (offerings inherit authors and modalities from their model);
* a canonical model page shows the model, its authors' names and every
  offering of it with its provider's name;
* an author page shows the author, its models with their number of
  offerings, and the offerings naming it directly with their providers' names;
* the four index pages show everything and are always rendered.

So when a document changes, :func:`affected` gives the pages that show it,
looked up in the catalog before the edit and after it (an offering may move to
another model).  Templates given with ``--templates`` may read anything, so
the build renders every page then.  ``tests/test_build_incremental.py`` checks
edits of every kind against a full build.
"""

from __future__ import annotations

from collections import defaultdict

from generator.present import urls as paths
from generator.model.layout import offering_filename

INDEX_PAGES = (paths.INDEX, paths.PROVIDERS_INDEX, paths.MODELS_INDEX, paths.AUTHORS_INDEX)


def offering_page(provider_id: str, offering_id: str) -> str:
    return paths.offering_page_at(provider_id, offering_filename(offering_id))


class Graph:
    """Who shows whom, from the documents' data (rel -> (kind, data))."""

    def __init__(self, documents: dict[str, tuple[str, dict]]):
        self.model_authors: dict[str, list] = {}
        self.by_model = defaultdict(list)  # model id -> [(provider id, offering id)]
        self.by_provider = defaultdict(list)  # provider id -> [(offering id, model id or None, authors)]
        self.by_author = defaultdict(list)  # author id -> [(provider id, offering id)], authors as shown
        self.models_of = defaultdict(list)  # author id -> [model id]
        for kind, data in documents.values():
            if kind == "model":
                self.model_authors[data["id"]] = list(data.get("authors", ()))
                for author in data.get("authors", ()):
                    self.models_of[author].append(data["id"])
        for rel, (kind, data) in documents.items():
            if kind == "offering":
                self._add_offering(rel.split("/")[1], data)

    def _add_offering(self, provider_id: str, data: dict) -> None:
        model = data.get("model")
        authors = self.authors_of(data)
        self.by_provider[provider_id].append((data["id"], model, authors))
        if model:
            self.by_model[model].append((provider_id, data["id"]))
        for author in authors:
            self.by_author[author].append((provider_id, data["id"]))

    def authors_of(self, data: dict) -> list:
        """An offering's authors as its pages show them: its own, else its model's."""
        if "authors" in data:
            return list(data["authors"])
        return self.model_authors.get(data.get("model"), [])

    def model_pages(self, model_id: str, pages: set) -> None:
        """The model's page and the pages of every offering of it."""
        pages.add(paths.model_page(model_id))
        pages.update(offering_page(p, o) for p, o in self.by_model.get(model_id, ()))

    def pages_of(self, kind: str, rel: str, data: dict) -> set[str]:
        """Every page that shows the document *data* (at *rel*) in this catalog."""
        pages: set[str] = set()
        getattr(self, f"_{kind}")(rel, data, pages)
        return pages

    def _offering(self, rel: str, data: dict, pages: set) -> None:
        provider_id = rel.split("/")[1]
        pages.update((offering_page(provider_id, data["id"]), paths.provider_page(provider_id)))
        if data.get("model"):
            self.model_pages(data["model"], pages)
        pages.update(paths.author_page(a) for a in self.authors_of(data))

    def _provider(self, rel: str, data: dict, pages: set) -> None:
        pages.add(paths.provider_page(data["id"]))
        for offering_id, model, authors in self.by_provider.get(data["id"], ()):
            pages.add(offering_page(data["id"], offering_id))
            if model:
                self.model_pages(model, pages)
            pages.update(paths.author_page(a) for a in authors)

    def _model(self, rel: str, data: dict, pages: set) -> None:
        self.model_pages(data["id"], pages)
        pages.update(paths.provider_page(p) for p, _ in self.by_model.get(data["id"], ()))
        pages.update(paths.author_page(a) for a in data.get("authors", ()))

    def _author(self, rel: str, data: dict, pages: set) -> None:
        author = data["id"]
        pages.add(paths.author_page(author))
        for model in self.models_of.get(author, ()):
            pages.add(paths.model_page(model))
        for provider_id, offering_id in self.by_author.get(author, ()):
            pages.update((offering_page(provider_id, offering_id), paths.provider_page(provider_id)))


def affected(before: dict, after: dict, changed: list[tuple]) -> tuple[set[str], set[str]]:
    """The pages showing any document of *changed* ((kind, rel, old data, new data)), before or
    after; and the providers whose part of the JSON exports it may change (see :func:`export_dirty`)."""
    pages = set(INDEX_PAGES)
    old, new = Graph(before), Graph(after)
    for kind, rel, old_data, new_data in changed:
        if old_data is not None:
            pages |= old.pages_of(kind, rel, old_data)
        if new_data is not None:
            pages |= new.pages_of(kind, rel, new_data)
    return pages, export_dirty(old, new, changed)


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
