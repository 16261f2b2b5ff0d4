"""``provcat build``: from a catalog directory to the output tree, incrementally.

:mod:`.pipeline` runs the producers; :mod:`.state` fingerprints inputs and
remembers outputs; :mod:`.cache` keeps validated documents; :mod:`.write`
plans and applies the changes atomically; :mod:`.parallel` runs work in
forked processes.
"""
