"""Markdown docs: the Jinja2 templates in ``templates/`` rendered from the catalog.

    >>> from generator import load_catalog
    >>> from generator.outputs.docs.render import render_docs
    >>> files = render_docs(load_catalog("data"))
    >>> files["providers/cerebras/README.md"][:2]
    b'# '
"""
