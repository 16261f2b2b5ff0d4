"""Where each generated page lives, relative to the output directory.

Every link between pages is computed from these functions, so a page and the
links to it can never disagree (the seed's origin linked ids holding ``/`` at
the wrong depth).  The docs templates, the site pages (which link the built
site's ``.html`` files: :func:`html`), ``provcat show`` and the mkdocs plugin
(:func:`is_offering_page`) all ask here.  Offering and model pages use the same portable stems as the
data files (:func:`generator.model.layout.offering_filename`).
"""

from __future__ import annotations

from generator.model.records import CanonicalModel, Offering
from generator.model.layout import offering_filename

INDEX = "README.md"
PROVIDERS_INDEX = "providers/README.md"
MODELS_INDEX = "models/README.md"
AUTHORS_INDEX = "authors/README.md"


def provider_page(provider_id: str) -> str:
    return f"providers/{provider_id}/README.md"


def provider_logo(provider_id: str) -> str:
    return f"providers/{provider_id}/logo.svg"


def offering_page(offering: Offering) -> str:
    return offering_page_at(offering.provider_id, offering.file_stem)


def offering_page_at(provider_id: str, file_stem: str) -> str:
    """An offering's page from its provider id and file stem, for callers holding data rather than
    an :class:`Offering` (the build's dependency graph, the flat export)."""
    return f"providers/{provider_id}/models/{file_stem}.md"


def model_page(model_id: str) -> str:
    author, _, name = model_id.partition("/")
    return f"models/{author}/{offering_filename(name)}.md"


def canonical_page(model: CanonicalModel) -> str:
    return model_page(model.id)


def author_page(author_id: str) -> str:
    return f"authors/{author_id}/README.md"


def html(page: str) -> str:
    """The built site's file for the Markdown *page*: ``README.md`` is a folder's ``index.html``."""
    folder, _, name = page.rpartition("/")
    built = "index.html" if name == "README.md" else name[:-3] + ".html"
    return f"{folder}/{built}" if folder else built


def is_offering_page(page: str) -> bool:
    """Whether *page* (out-dir relative) is an offering page, the form :func:`offering_page` gives."""
    parts = page.split("/")
    return (len(parts) == 4 and parts[0] == "providers" and parts[1] != "" and parts[2] == "models"
            and parts[3].endswith(".md") and len(parts[3]) > 3)


def relative(target: str, start: str) -> str:
    """The link from the page at *start* to *target*, both relative to the out dir.

    ``./x`` for a file beside or below the page, ``../x`` above it -- the form
    the seed uses.  Pure string work: no file system access; remembered per
    target and folder of *start* (pages link to the same few pages again and again).
    """
    key = (target, start.rpartition("/")[0])
    link = _LINKS.get(key)
    if link is None:
        if len(_LINKS) >= _LINKS_KEPT:
            _LINKS.clear()
        link = _LINKS[key] = _relative(target, start)
    return link


_LINKS: dict[tuple[str, str], str] = {}
_LINKS_KEPT = 100_000  # bounds the memory of huge catalogs


def _relative(target: str, start: str) -> str:
    start_dirs = start.split("/")[:-1]
    parts = target.split("/")
    common = 0
    for a, b in zip(start_dirs, parts[:-1]):
        if a != b:
            break
        common += 1
    ups = len(start_dirs) - common
    rest = "/".join(parts[common:])
    return "../" * ups + rest if ups else "./" + rest
