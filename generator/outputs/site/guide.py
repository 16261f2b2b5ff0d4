"""The producer of the site's guide: hand-written pages copied into ``guide/`` of the docs.

The README keeps to what a newcomer needs; everything deeper (validation, the build's
guarantees, the JSON API, importing, the site at scale, performance) is a page of this
guide.  The pages are plain Markdown in ``guide_pages/`` beside this module, shipped inside
the package like the site's assets, so ``site/mkdocs.yml``, whose navigation names them,
builds wherever ``provcat`` is installed.

They are copied by ``provcat build`` rather than written into ``site/docs/`` by hand: that
tree is owned by the build's manifest, which removes files it did not write.  Copied, they
are listed in the manifest like every generated page, ``provcat build --check`` reports a
stale or edited copy, and their relative links to generated pages (``../api.md``) resolve
both on GitHub and in the built site.  An edit of a page changes the generator's
fingerprint (these files live in the package), so the next build is not skipped.
"""

from __future__ import annotations

from importlib import resources
OUT_DIR = "guide"  # under the docs root: site/docs/guide/


def guide_pages() -> dict[str, bytes]:
    """Every guide page, ``guide/<name>.md`` -> its bytes, as they are; the catalog plays no part."""
    folder = resources.files(__package__).joinpath("guide_pages")
    return {f"{OUT_DIR}/{entry.name}": entry.read_bytes()
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".md")}
