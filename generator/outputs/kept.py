"""What a producer returns for a file it leaves as it is on disk."""


class Kept(str):
    """In place of a file's bytes: the SHA-256 of a file already on disk, left as it is because
    nothing it shows changed (see :mod:`generator.outputs.docs.deps`)."""

    __slots__ = ()
