"""The browsable site: the pages only a site gives, and building it with mkdocs.

``site_pages`` is a producer for ``provcat build`` (see :mod:`generator.site.pages`);
:mod:`generator.site.builder` turns ``site/docs/`` into the static site.
"""

from .pages import site_pages

__all__ = ["site_pages"]
