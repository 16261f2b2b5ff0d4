"""Provider Catalog: facts about AI inference providers and their models.

    >>> from generator import load_catalog
    >>> catalog = load_catalog("data")
    >>> catalog.offering("cerebras/gpt-oss-120b").price.input
    Decimal('0.25')
"""

from .problems import CatalogError, InvalidCatalog, Problem, UnknownReference


def __getattr__(name: str):
    """``Catalog`` and ``load_catalog`` on first use: commands that need neither (a skipped build)
    do not pay for importing the validator and the YAML loaders."""
    if name in ("Catalog", "load_catalog"):
        from . import catalog

        return getattr(catalog, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Catalog", "CatalogError", "InvalidCatalog", "Problem", "UnknownReference", "load_catalog"]
__version__ = "0.1.0"
