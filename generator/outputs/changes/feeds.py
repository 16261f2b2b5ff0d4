"""Atom feeds (RFC 4287) of the catalog's changes: ``feeds/changes.xml`` for the whole catalog and
``feeds/<provider>.xml`` per provider with changes.

Each feed holds its newest :data:`MAX_ENTRIES` changes.  Nothing depends on the clock: a feed's
``updated`` is its newest change's day.  An entry's id is a name-based UUID (``urn:uuid:``, RFC
4122 version 5) of what the change is (day, offering, kind, source, old and new values), so a
reader never shows an entry twice across builds; text from the data is escaped.
"""

from __future__ import annotations

import uuid
from xml.sax.saxutils import escape, quoteattr

from generator.catalog.changes import Change
from generator.present.changes_text import describe

MAX_ENTRIES = 500
NAMESPACE = uuid.UUID("6f0b7c1e-3b8e-5a55-9d7e-1c2a7f6c0b14")  # this catalog's changes; fixed forever
FEED_NAMESPACE = uuid.uuid5(NAMESPACE, "feeds")


def entry_id(change: Change) -> str:
    key = "\x1f".join([change.day.isoformat(), change.provider, change.offering, change.kind, change.source or "",
                       change.old or "", change.new or "", describe(change)])
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def feed_files(catalog, found: list[Change]) -> dict[str, bytes]:
    files = {"feeds/changes.xml": feed("Provider Catalog: changes", "changes", found)}
    by_provider: dict[str, list[Change]] = {}
    for change in found:
        by_provider.setdefault(change.provider, []).append(change)
    for provider_id, changes in sorted(by_provider.items()):
        name = catalog.providers[provider_id].name if provider_id in catalog.providers else provider_id
        files[f"feeds/{provider_id}.xml"] = feed(f"Provider Catalog: changes at {name}", provider_id, changes)
    return files


def feed(title: str, key: str, changes: list[Change]) -> bytes:
    """An Atom feed of *changes* (newest first)."""
    shown = changes[:MAX_ENTRIES]
    updated = _stamp(shown[0]) if shown else "1970-01-01T00:00:00Z"
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"  <id>urn:uuid:{uuid.uuid5(FEED_NAMESPACE, key)}</id>", f"  <title>{escape(title)}</title>",
             f"  <updated>{updated}</updated>", "  <author><name>Provider Catalog</name></author>",
             f"  <link rel=\"self\" href={quoteattr(f'{key}.xml')}/>"]
    lines += [_entry(change) for change in shown]
    return ("\n".join(lines + ["</feed>"]) + "\n").encode("utf-8")


def _stamp(change: Change) -> str:
    return f"{change.day.isoformat()}T00:00:00Z"


def _entry(change: Change) -> str:
    title = f"{change.ref}: {describe(change)}"
    body = f"{change.day.isoformat()} {change.ref}: {describe(change)}" + (f" (source: {change.source})" if change.source else "")
    return (f"  <entry>\n    <id>{entry_id(change)}</id>\n    <title>{escape(title)}</title>\n"
            f"    <updated>{_stamp(change)}</updated>\n    <category term={quoteattr(change.kind)}/>\n"
            f"    <content type=\"text\">{escape(body)}</content>\n  </entry>")
