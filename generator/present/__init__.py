"""One look for every output, docs pages, site pages and the command line alike: how a value
reads (:mod:`.format`, whose docstring holds the conventions), what a field is called
(:mod:`.labels`), where a page lives (:mod:`.urls`), the Jinja filters of the docs pages over
those (:mod:`.filters`) and their environment (:mod:`.environment`), the facts ``provcat show``
prints (:mod:`.describe`) and terminal tables (:mod:`.table`).
"""
