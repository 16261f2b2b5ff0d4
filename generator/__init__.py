"""Provider Catalog: facts about AI inference providers and their models.

    >>> from generator import load_catalog
    >>> catalog = load_catalog("data")
    >>> catalog.offering("cerebras/gpt-oss-120b").price.input
    Decimal('0.25')
"""

from .catalog import Catalog, load_catalog
from .problems import CatalogError, InvalidCatalog, Problem, UnknownReference

__all__ = ["Catalog", "CatalogError", "InvalidCatalog", "Problem", "UnknownReference", "load_catalog"]
__version__ = "0.1.0"
