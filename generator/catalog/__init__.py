"""The typed catalog: loading a directory (:mod:`.load`), lookups (:mod:`.catalog`),
queries (:mod:`.query`), exact prices (:mod:`.pricing`) and reading an exported
``catalog.json`` back (:mod:`.json_read`).
"""
