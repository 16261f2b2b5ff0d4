"""The data model: typed records (:mod:`.records`, their parts in :mod:`.parts`),
each field declared once (:mod:`.declare`), the vocabulary of features,
modalities, prices and kinds (:mod:`.vocabulary`), where each kind of file lives
in a catalog (:mod:`.layout`), the records' JSON form (:mod:`.codec`), the
``models.json`` columns (:mod:`.columns`) and the schemas generated from the
declarations (:mod:`.schemagen`).

``None`` always means *unknown*; ``False`` and ``0`` are facts.  Nothing is
imported here: validating a catalog reads the vocabulary without building the
record classes.
"""
