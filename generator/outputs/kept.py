"""What outputs know of the last build's files: :class:`Kept` (a file left as it is on disk, in
place of its bytes) and :class:`Previous` (what an output may reuse from the last build)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Union


@dataclass(frozen=True, slots=True)
class Kept:
    """A file already on disk, left as it is because nothing it shows changed.

    Only its SHA-256 is known (from the last build's manifest): the writer compares and
    records that instead of reading or hashing bytes that were never produced.
    """

    digest: str


Output = Union[bytes, Kept]  # one produced file: new bytes, or "keep the file on disk"



class Previous:
    """What the last build left: its output folder, manifest, untouched files, and the providers
    an edit may have changed (``dirty``, see :func:`generator.outputs.docs.deps.export_dirty`).

    The JSON exports (:mod:`generator.outputs.exports.incremental`) and the site data
    (:mod:`generator.outputs.site.reuse`) take every other provider's part from its files.
    """

    API = "api"

    def __init__(self, out_dir: Path, manifest: dict, untouched: set, dirty: set[str]):
        self.out_dir, self.manifest, self.untouched, self.dirty = Path(out_dir), manifest, untouched, dirty

    def usable(self) -> bool:
        needed = (f"{self.API}/catalog.json", f"{self.API}/models.json", f"{self.API}/api.json")
        return all(p in self.untouched and p in self.manifest for p in needed)

    def load(self, name: str):
        import orjson  # only an incremental build reads the last files

        return orjson.loads((self.out_dir / self.API / name).read_bytes())
