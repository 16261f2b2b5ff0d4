"""Write a walk's :class:`~.history.History` into a catalog directory.

* Price points go into each existing offering file's ``pricing``: the newest is the current price
  (with ``effective_from`` and ``source``), the others ``history``, oldest first.  A dated price
  already in the file from another source (curated, say) stays; on the same day it wins.  The
  walk's points are merged with the file's, so a second run, or an incremental one, adds only
  what is new.  A file whose current price has no date and differs from the source's latest is
  left alone and reported (``history-disagrees``): which of the two is newer is unknown.
* Lifecycle events go to ``providers/<id>/changes.yaml``, appended, without repeating one.
* The last commit walked goes to ``history.yaml``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from generator.importers.history import History, PricePoint
from generator.importers.models_dev import _OFFERING_ID, _SLUG  # the ids the models.dev import accepts
from generator.importers.report import ImportReport
from generator.importers.yaml_write import write_document
from generator.model.layout import offering_path
from generator.model.vocabulary import PRICE_FIELDS
from generator.validation.discover import CHANGES_FILE, HISTORY_FILE
from generator.validation.yaml_fast import decode, parse

ENTRY_KEYS = ("currency", *PRICE_FIELDS, "tiers")


def label(importer: str, commit: str) -> str:
    return f"{importer} commit {commit}"


def read_yaml(path: Path) -> dict | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    text, problems = decode(raw, str(path))
    data, more = parse(text, str(path)) if text is not None else (None, [])
    if data is None or problems or more:
        raise ValueError(f"{path}: {(problems + more)[0].message if problems + more else 'unreadable'}")
    return data


def last_walked(data_dir: Path, importer: str) -> str | None:
    data = read_yaml(Path(data_dir) / HISTORY_FILE) or {}
    return (data.get(importer) or {}).get("commit")


def write(history: History, data_dir: Path, importer: str, report: ImportReport) -> dict:
    """Everything *history* holds, written into *data_dir*; counts of what was written."""
    data_dir = Path(data_dir)
    counts = {"offerings": 0, "events": 0}
    for (provider, offering), points in sorted(p for p in history.prices.items() if p[1]):
        if _usable(provider, offering, report):
            counts["offerings"] += _offering(data_dir, provider, offering, points, importer, report)
    by_provider: dict[str, list] = {}
    for event in history.events:
        if _usable(event.provider, event.offering, None):
            by_provider.setdefault(event.provider, []).append(event)
    for provider, events in sorted(by_provider.items()):
        counts["events"] += _events(data_dir, provider, events, importer, report)
    if history.last_commit:
        walked = read_yaml(data_dir / HISTORY_FILE) or {}
        walked[importer] = {"commit": history.last_commit}
        write_document(data_dir, "history", HISTORY_FILE, dict(sorted(walked.items())))
    return counts


def _usable(provider: str, offering: str, report: ImportReport | None) -> bool:
    """Whether the ids can name catalog files (a lowercase slug; an id without control characters);
    else reported (once, for the price points) and left out."""
    if _SLUG.match(provider) and _OFFERING_ID.match(offering):
        return True
    if report is not None:
        report.skip(f"providers/{provider}/models/{offering}", "bad-id", "a provider id that is not a lowercase slug "
                    "or an offering id with control characters; its history is not written")
    return False


def _entry(point: PricePoint, importer: str) -> dict:
    return {"effective_from": point.day, "source": label(importer, point.commit),
            **(point.pricing or {"currency": "USD"})}


def rates(entry: dict) -> dict:
    """What a price entry charges: currency, rates and tiers (no date, no source), numbers as Decimal
    whether read from YAML (float) or from the walk (Decimal)."""
    return {"currency": "USD", **{k: _exact(entry[k]) for k in ENTRY_KEYS if k in entry}}  # USD: the default


def _exact(value):
    if isinstance(value, list):
        return [_exact(v) for v in value]
    if isinstance(value, dict):
        return {k: _exact(v) for k, v in value.items()}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def _offering(data_dir: Path, provider: str, offering: str, points: list, importer: str, report) -> int:
    rel = offering_path(provider, offering)
    doc = read_yaml(data_dir / rel)
    pricing = (doc or {}).get("pricing")
    if doc is None or pricing is None:
        return 0  # not in the catalog, or no price now: the points have nowhere to go
    ours = [_entry(p, importer) for p in points]
    current = {k: v for k, v in pricing.items() if k != "history"}
    known = list(pricing.get("history", ()))
    if "effective_from" in current:
        known.append(current)
    elif rates(current) != rates(ours[-1]):
        report.skip(rel, "history-disagrees", f"its current price has no date and differs from {importer}'s latest "
                    f"({ours[-1]['effective_from']}); which is newer is unknown, so no history is written")
        return 0
    merged = _merged(known, ours, importer)
    if len(points) < 2 and "effective_from" not in current:
        return 0  # one price ever seen: nothing to date it by but the day the source first listed it
    doc["pricing"] = {**merged[-1], **({"history": merged[:-1]} if len(merged) > 1 else {})}
    write_document(data_dir, "offering", rel, doc)
    return 1


def _merged(known: list[dict], ours: list[dict], importer: str) -> list[dict]:
    """The file's dated entries and the walk's, by day; the file's other sources win a shared day;
    an entry of this importer equal to the one before it is no change and left out."""
    mine = label(importer, "")
    by_day = {str(e["effective_from"]): e for e in known if not str(e.get("source", "")).startswith(mine)}
    for entry in ours:
        by_day.setdefault(entry["effective_from"], entry)
    for entry in known:  # this importer's earlier points (an incremental run) the walk did not repeat
        by_day.setdefault(str(entry["effective_from"]), entry)
    out: list[dict] = []
    for day in sorted(by_day):
        entry = by_day[day]
        if out and str(entry.get("source", "")).startswith(mine) and rates(entry) == rates(out[-1]):
            continue
        out.append(entry)
    return out


def _events(data_dir: Path, provider: str, events: list, importer: str, report: ImportReport) -> int:
    folder = data_dir / "providers" / provider
    if not (folder / "provider.yaml").is_file():
        report.skip(f"providers/{provider}", "no-provider", f"{len(events)} lifecycle events of a provider the "
                    "catalog does not have; not written")
        return 0
    rel = f"providers/{provider}/{CHANGES_FILE}"
    doc = read_yaml(data_dir / rel) or {"provider": provider, "events": []}
    have = [{**e, "day": str(e["day"])} for e in doc.get("events", [])]
    seen = {tuple(sorted(e.items())) for e in have}
    added = 0
    for event in events:
        item = {"day": event.day, "offering": event.offering, "kind": event.kind, "source": label(importer, event.commit),
                **({"old": event.old} if event.old else {}), **({"new": event.new} if event.new else {})}
        if tuple(sorted(item.items())) not in seen:
            have.append(item)
            added += 1
    write_document(data_dir, "changes", rel, {"provider": provider, "events": have})
    return added
