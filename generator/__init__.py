"""Provider Catalog: facts about AI inference providers and their models.

    >>> from generator import load_catalog
    >>> catalog = load_catalog("data")
    >>> catalog.offering("cerebras/gpt-oss-120b").price.input
    Decimal('0.25')

The package is layered; each layer imports only the ones below it (a test holds
the contract, see ``[tool.importlinter]`` in ``pyproject.toml``):

    cli         the ``provcat`` command line: a thin layer over the rest
    build       ``provcat build``: inputs, state, cache, writing the tree, processes
    importers   models.dev and LiteLLM into YAML, reporting every skip
    outputs     what is produced: Markdown docs, JSON exports, the site
    present     one look: formatting, labels, page paths, the Jinja environment
    catalog     the typed catalog: loading, lookups, queries, pricing, JSON read-back
    validation  YAML readers, schemas, cross-file rules, messages with positions
    model       the data model: records, vocabulary, file layout, JSON codec
    util        small helpers with no knowledge of the catalog
"""

__all__ = ["Catalog", "CatalogError", "InvalidCatalog", "Problem", "UnknownReference", "load_catalog"]
__version__ = "0.1.0"

# Every command imports this package first, so the public names are imported on
# first use: `provcat validate` never builds the catalog's record classes.
_HOME = {"Catalog": "generator.catalog.catalog", "load_catalog": "generator.catalog.load",
         "CatalogError": "generator.validation.problems", "InvalidCatalog": "generator.validation.problems",
         "Problem": "generator.validation.problems", "UnknownReference": "generator.validation.problems"}


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value
