"""Markdown docs: Jinja2 templates in ``templates/`` rendered from the catalog.

    >>> from generator import load_catalog
    >>> from generator.render import render_docs
    >>> files = render_docs(load_catalog("data"))
    >>> files["providers/cerebras/README.md"][:2]
    b'# '

Jinja2 is imported on first use of a name below, so a build that is skipped
(nothing changed) never pays for it.
"""

from .paths import TEMPLATES_DIR

_LAZY = {"render_docs": "docs", "make_environment": "env", "MissingTemplatesDir": "env"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["MissingTemplatesDir", "TEMPLATES_DIR", "make_environment", "render_docs"]
