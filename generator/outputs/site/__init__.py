"""The browsable site: the pages only a site gives, and building it with mkdocs.

:func:`generator.outputs.site.pages.site_pages` is a producer for ``provcat build``;
:mod:`generator.outputs.site.builder` turns the docs folder into the static site.
"""
