"""Provider Catalog: facts about AI inference providers and their models.

    >>> from generator import load_catalog
    >>> catalog = load_catalog("data")
    >>> catalog.offering("cerebras/gpt-oss-120b").price.input
    Decimal('0.25')
"""

__all__ = ["Catalog", "CatalogError", "InvalidCatalog", "Problem", "UnknownReference", "load_catalog"]
__version__ = "0.1.0"

_HOME = {"Catalog": "catalog", "load_catalog": "catalog", "CatalogError": "problems",
         "InvalidCatalog": "problems", "Problem": "problems", "UnknownReference": "problems"}


def __getattr__(name: str):
    """Import the public names on first use, so the command line starts without the whole library."""
    if name not in _HOME:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value
