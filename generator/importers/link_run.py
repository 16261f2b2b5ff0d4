"""``provcat link``: which offerings name their canonical model, which the rules or the reviewed
links in ``data/links.yaml`` can link, and writing those links through the importers' merge.

An offering whose file names a ``model:`` is *curated* and left alone.  For the
others, a reviewed entry of ``links.yaml`` decides first; then the rules of
:mod:`.link` propose a model unless a ``not:`` entry forbids that link.
Written links go through :func:`.merge.apply` as an import named ``link``, so each
file gets a source entry saying the ``model`` (and ``variant``) was derived.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator.importers import merge
from generator.importers.items import Batch, Item
from generator.importers.link import Resolver, forms, key
from generator.importers.report import ImportReport
from generator.validation.discover import LINKS_FILE, discover
from generator.validation.validate import links_problems, read_regular
from generator.validation.yaml_fast import load_bytes

POPULAR = 3  # providers serving a model, from which a missing canonical file is reported
STATUSES = ("curated", "reviewed", "linked", "ambiguous", "unlinked")


@dataclass(frozen=True)
class Found:
    """One offering as the link command sees it."""

    ref: str  # <provider>/<offering id>
    rel: str
    status: str  # one of STATUSES
    model: str | None = None
    variant: str | None = None
    how: str = ""  # the rules used, "data/links.yaml", or "its file"
    candidates: tuple[str, ...] = ()
    suggested: str | None = None


@dataclass
class Plan:
    found: list[Found] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # links.yaml entries that do not resolve, ...
    popular: list[dict] = field(default_factory=list)  # models of >= POPULAR providers without a canonical file

    def counts(self) -> dict[str, int]:
        return {status: sum(1 for f in self.found if f.status == status) for status in STATUSES}

    def as_dict(self) -> dict:
        return {"counts": self.counts(), "problems": self.problems, "without_canonical_model": self.popular,
                "offerings": [{k: v for k, v in asdict(f).items() if v not in (None, (), "")} for f in self.found]}

    def write_json(self, path: Path) -> None:
        Path(path).write_text(json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def plan(data_dir: Path) -> Plan:
    """What ``provcat link`` finds in the catalog at *data_dir*; nothing is written."""
    offerings, models, problems = read_catalog(Path(data_dir))
    reviewed, forbidden, more = read_links(Path(data_dir), {o["ref"] for o in offerings}, models)
    resolver = Resolver(models, [o["id"] for o in offerings])
    result = Plan(problems=problems + more)
    for offering in offerings:
        result.found.append(decide(offering, resolver, reviewed, forbidden))
    result.popular = _popular(result.found, offerings)
    return result


def decide(offering: dict, resolver: Resolver, reviewed: dict, forbidden: set) -> Found:
    """One offering's verdict: its own ``model:`` first, then a reviewed link, then the rules (unless
    a ``not:`` entry forbids what they propose)."""
    ref, rel = offering["ref"], offering["rel"]
    if offering.get("model"):
        status, how = ("linked", "its file, written by provcat link") if offering["derived"] else ("curated", "its file")
        return Found(ref, rel, status, offering["model"], offering.get("variant"), how)
    found = _proposed(offering, resolver, reviewed, forbidden)
    if found.model and offering.get("authors"):  # a file names a model or authors, never both
        return Found(ref, rel, "unlinked", how=f"names authors; {found.model} fits: put model: for authors: by hand")
    return found


def _proposed(offering: dict, resolver: Resolver, reviewed: dict, forbidden: set) -> Found:
    ref, rel = offering["ref"], offering["rel"]
    if ref in reviewed:
        model, variant = reviewed[ref]
        return Found(ref, rel, "reviewed", model, variant, LINKS_FILE)
    proposal = resolver.propose(offering["id"], offering.get("name"))
    if proposal.status == "linked" and (ref, proposal.model) in forbidden:
        return Found(ref, rel, "unlinked", how=f"{LINKS_FILE} forbids {proposal.model}")
    if proposal.status == "linked":
        return Found(ref, rel, "linked", proposal.model, proposal.variant, ", ".join(proposal.rules) or "exact")
    return Found(ref, rel, proposal.status, candidates=proposal.candidates, suggested=proposal.suggested)


def read_catalog(data_dir: Path) -> tuple[list[dict], dict[str, str | None], list[str]]:
    """(offerings as {ref, rel, id, name, model, variant, authors, derived}, canonical model id -> name, problems)."""
    entries, _ = discover(data_dir)
    offerings, models, problems = [], {}, []
    for entry in entries:
        if entry.kind not in ("offering", "model"):
            continue
        data, found = load_bytes(read_regular(entry.path), entry.file)
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            problems.append(f"{entry.file}: cannot be read ({found[0].message if found else 'no id'}); left out")
            continue
        if entry.kind == "model":
            models[data["id"]] = data.get("name") if isinstance(data.get("name"), str) else None
        else:
            provider = entry.rel.split("/")[1]
            offerings.append({"ref": f"{provider}/{data['id']}", "rel": entry.rel, "id": data["id"],
                              "name": data.get("name"), "model": data.get("model"), "variant": data.get("variant"),
                              "authors": data.get("authors"), "derived": _derived(data)})
    return sorted(offerings, key=lambda o: o["ref"]), models, problems


def _derived(data: dict) -> bool:
    """Whether the file's ``model:`` was written by this command (its source entry says so)."""
    sources = data.get("sources") if isinstance(data.get("sources"), list) else []
    return any(isinstance(s, dict) and s.get("importer") == "link" and "model" in (s.get("fields") or [])
               for s in sources)


def read_links(data_dir: Path, refs: set[str], models: dict) -> tuple[dict, set, list[str]]:
    """The reviewed links of ``links.yaml`` ({ref: (model, variant)}), the forbidden ones ({(ref, model)})
    and the problems: the file's own (schema ...), a canonical model that does not exist.  An entry
    whose offering the catalog lacks is unused."""
    path = data_dir / LINKS_FILE
    if not path.exists():
        return {}, set(), []
    invalid = [problem.format() for problem in links_problems(data_dir)]
    if invalid:
        return {}, set(), invalid + [f"{LINKS_FILE} is not used until it is valid"]
    data, _ = load_bytes(read_regular(str(path)), LINKS_FILE)
    reviewed, forbidden, problems = {}, set(), []
    for section in ("links", "not"):
        for n, entry in enumerate((data or {}).get(section, [])):
            where = f"{LINKS_FILE}: {section}[{n}]"
            if entry["offering"] not in refs:
                continue  # a catalog may hold only some providers: the entry is unused, not wrong
            if entry["model"] not in models:
                problems.append(f"{where}: no canonical model {entry['model']} in the catalog")
            elif section == "links":
                reviewed[entry["offering"]] = (entry["model"], entry.get("variant"))
            else:
                forbidden.add((entry["offering"], entry["model"]))
    return reviewed, forbidden, problems


def _popular(found: list[Found], offerings: list[dict]) -> list[dict]:
    """Names served by >= POPULAR providers that no offering links to a canonical model, each the
    shortest reading of the unlinked ids with the organisation kept (``openai/gpt-oss-20b:free`` ->
    ``gpt-oss-20b``), grouped by :func:`.link.key`."""
    ids = {o["ref"]: o["id"] for o in offerings}
    providers: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}
    for item in found:
        if item.status not in ("unlinked", "ambiguous"):
            continue
        readings = [f.name for f in forms(ids[item.ref]) if not {"org-prefix", "vendor-dot"} & set(f.rules)]
        if readings:
            name = min(readings, key=lambda r: (len(key(r)), r))
            shown.setdefault(key(name), name)
            providers[key(name)].add(item.ref.split("/", 1)[0])
    rows = [{"name": shown[k], "providers": len(seen), "examples": sorted(seen)[:5]}
            for k, seen in providers.items() if len(seen) >= POPULAR]
    return sorted(rows, key=lambda row: (-row["providers"], row["name"]))


def write(result: Plan, data_dir: Path, dry_run: bool = False, echo=None) -> ImportReport:
    """Add ``model:`` (and ``variant:``) to each linked or reviewed offering's file, through the merge,
    which fills absent fields only: a curated ``model:`` is never replaced."""
    report = ImportReport("link", str(data_dir))
    batch = Batch("link", "provcat link", report)
    for item in result.found:
        if item.status not in ("linked", "reviewed"):
            continue
        data = {"model": item.model} | ({"variant": item.variant} if item.variant else {})
        origin = "reviewed in data/links.yaml" if item.status == "reviewed" else f"derived from the id ({item.how})"
        batch.add(Item("offering", item.rel, data, origin))
    merge.apply(batch, Path(data_dir), dry_run=dry_run, echo=echo)
    return report
