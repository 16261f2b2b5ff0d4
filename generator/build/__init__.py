"""``provcat build``: from a catalog directory to the output tree, incrementally.

Read in this order: :mod:`.pipeline` (``build()``: skip, validate, produce,
write); :mod:`.producers` (what files a build makes, and the typed context
they read); :mod:`.state` (fingerprints of the inputs, stats of the outputs:
when a build can be skipped); :mod:`.cache` (validated documents kept between
builds); :mod:`.write` (plans and applies the changes atomically, under a
manifest).  Work runs in several processes through one helper,
:mod:`generator.util.parallel`.
"""
