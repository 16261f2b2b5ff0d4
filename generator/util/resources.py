"""The files the tool ships besides its code: JSON Schemas, templates, the site's configuration and assets.

Every reader finds them here, through :mod:`importlib.resources`, never through
the repository: an installed ``provcat`` works from any directory.  The top-level
``schema/`` and ``templates/`` folders and ``site/mkdocs.yml`` are mapped into the
package when it is built (``[tool.setuptools.package-dir]`` in pyproject.toml), so
the wheel holds them as ``generator/schema``, ``generator/templates`` and
``generator/siteconfig``; the editable install of a checkout maps the same names
to the folders themselves, so edits there are seen at once.

Folders are returned as real paths (Jinja's loader and the build's fingerprint
walk them): pip always installs a wheel unpacked, never as a zip file.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

SCHEMAS = "generator.schema"
TEMPLATES = "generator.templates"
SITE_CONFIG = "generator.siteconfig"
SITE_ASSETS = ("outputs", "site", "assets")  # in the package itself: the site's vendored JavaScript, CSS and logo


@cache
def folder(package: str) -> Path:
    """The folder of the resource *package* (one of the names above) on disk."""
    path = Path(str(resources.files(package)))
    if not path.is_dir():
        raise FileNotFoundError(f"{package}: resources are not a folder on disk ({path})")
    return path


def schema_dir() -> Path:
    """The JSON Schemas (``schema/`` of the checkout)."""
    return folder(SCHEMAS)


def templates_dir() -> Path:
    """The Jinja templates of the docs and the site pages (``templates/`` of the checkout)."""
    return folder(TEMPLATES)


def site_config() -> Path:
    """The default mkdocs configuration of the site (``site/mkdocs.yml`` of the checkout)."""
    return folder(SITE_CONFIG) / "mkdocs.yml"


def shipped_catalog() -> Path:
    """The shipped catalog as its JSON export: ``site/docs/api/catalog.json`` of the checkout, carried in the
    wheel as ``generator/siteconfig/docs/api/catalog.json``."""
    path = folder(SITE_CONFIG) / "docs" / "api" / "catalog.json"
    if not path.is_file():
        raise FileNotFoundError(f"the shipped catalog export is missing ({path}); run `provcat build` in the checkout")
    return path


def site_asset(name: str) -> bytes:
    """A vendored asset of the site (``generator/outputs/site/assets/<name>``).

    Found from the top package, so this lowest layer imports nothing above it.
    """
    return resources.files("generator").joinpath(*SITE_ASSETS, name).read_bytes()
