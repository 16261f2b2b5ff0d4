"""Markdown docs: Jinja2 templates in ``templates/`` rendered from the catalog.

    >>> from generator import load_catalog
    >>> from generator.render import render_docs
    >>> files = render_docs(load_catalog("data"))
    >>> files["providers/cerebras/README.md"][:2]
    b'# '
"""

from .docs import render_docs
from .env import MissingTemplatesDir, TEMPLATES_DIR, make_environment

__all__ = ["MissingTemplatesDir", "TEMPLATES_DIR", "make_environment", "render_docs"]
