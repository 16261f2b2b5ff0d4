"""What a build produces: Markdown docs (:mod:`.docs`), JSON exports (:mod:`.exports`)
and the site's own pages and the mkdocs build (:mod:`.site`).

Each producer takes the catalog and a build context and returns ``{path: bytes}``
relative to the output directory (or a :class:`.kept.Kept` for a file left as it is).
"""
