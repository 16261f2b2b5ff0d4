"""The inputs a catalog names as its imported sources, and where to find them by default.

Every file an importer filled has a ``sources`` entry with ``importer`` (models.dev,
litellm) and a ``title`` naming the input: ``LiteLLM model_prices_and_context_window.json
commit abc: cerebras/x`` or ``models.dev commit f3fc692: providers/x/models/y.toml``
(``api.json: x/y`` when read from models.dev's api.json).  ``compare-sources`` without
options compares against those inputs, found under a corpora folder laid out as
``../shared/corpora`` is: ``models.dev/`` (a checkout), ``models.dev-api/api.json`` and
``litellm/<file>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.validation.discover import discover
from generator.validation.yaml_fast import load_bytes

DEFAULT_CORPORA = Path("../shared/corpora")
LITELLM_FILE = "model_prices_and_context_window.json"
MAX_FILE_BYTES = 16 * 1024 * 1024  # a catalog file larger than this is not read for its sources
OPTIONS = {"models.dev": "--models-dev PATH", "litellm": "--litellm FILE"}


@dataclass(frozen=True)
class NamedInput:
    """One input the catalog names: its importer, a title naming it, and how many files cite it."""

    importer: str
    title: str  # the title before ": <entry>", e.g. ``LiteLLM model_prices_and_context_window.json``
    origin: str  # one entry it gave, e.g. ``providers/x/models/y.toml`` or ``api.json: x/y``
    files: int


def named_inputs(data_dir: Path) -> list[NamedInput]:
    """The imported inputs the catalog's files name, by importer then title."""
    found: dict[tuple[str, str], list] = {}
    entries, _ = discover(Path(data_dir))
    for entry in entries:
        for importer, title, origin in _sources(Path(entry.path), entry.file):
            found.setdefault((importer, title), [origin, 0])[1] += 1
    return [NamedInput(importer, title, origin, files) for (importer, title), (origin, files) in sorted(found.items())]


def _sources(path: Path, file: str) -> list[tuple[str, str, str]]:
    with open(path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        return []
    document, _ = load_bytes(raw, file)
    sources = document.get("sources") if isinstance(document, dict) else None
    out = []
    for source in sources if isinstance(sources, list) else ():
        if isinstance(source, dict) and isinstance(source.get("importer"), str):
            title, _, origin = str(source.get("title", "")).partition(": ")
            out.append((source["importer"], title, origin))
    return out


def default_path(named: NamedInput, corpora: Path) -> Path | None:
    """Where the input *named* is under *corpora*, by its importer and title; None for an importer
    this version does not know."""
    if named.importer == "models.dev":
        return corpora / ("models.dev-api/api.json" if named.origin.startswith("api.json") else "models.dev")
    if named.importer == "litellm":
        words = named.title.split()
        name = words[1] if len(words) > 1 and words[1].endswith(".json") else LITELLM_FILE
        return corpora / "litellm" / Path(name).name
    return None
