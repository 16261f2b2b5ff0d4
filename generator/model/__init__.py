"""The data model: typed records (:mod:`.records`), the vocabulary of features,
modalities and prices (:mod:`.vocabulary`), where each kind of file lives in a
catalog (:mod:`.layout`) and the records' JSON form (:mod:`.codec`).

``None`` always means *unknown*; ``False`` and ``0`` are facts.  Nothing is
imported here: validating a catalog reads the vocabulary without building the
record classes.
"""
