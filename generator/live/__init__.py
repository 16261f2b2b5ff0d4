"""The live check: ask each provider's models and health APIs what they serve now and compare
that with the catalog (``provcat check-live``).

:mod:`.shapes` reads the response shapes, :mod:`.fetch` makes the bounded, credential-safe
requests, :mod:`.check` runs them for every provider and :mod:`.compare` sets the answers beside
the catalog; :mod:`.report` renders the result for people, tools and issues.
"""
