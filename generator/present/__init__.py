"""One look for every output: formatting of values (:mod:`.filters`), page paths and
links (:mod:`.urls`), the Jinja environment (:mod:`.environment`), the facts
``provcat show`` prints (:mod:`.describe`) and terminal tables (:mod:`.table`).
"""
