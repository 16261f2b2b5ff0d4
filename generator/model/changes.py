"""The lifecycle events of a provider's offerings: ``data/providers/<id>/changes.yaml``.

Written by the history importers (:mod:`generator.importers.history_write`): when an offering was
first seen in a source, removed, renamed or changed status, each with the day and the source's
commit.  Price changes are kept in the offering files' ``pricing.history``; this file also holds
events of offerings that no longer exist.  Declared once here; ``schema/changes.schema.json`` is
generated from it (:mod:`.schemagen`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.model.declare import common, described, fact, needed

EVENT_KINDS = ("added", "removed", "renamed", "status")


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    day: date = needed("UTC day of the commit that made the change.", input=common("date", "UTC day of the change."))
    offering: str = needed("The offering's id (after the change, for a rename).",
                           input=common("text", "The offering's id (after the change, for a rename)."))
    kind: str = needed("added (first seen, or seen again), removed, renamed or status.",
                       input=described({"type": "string", "enum": list(EVENT_KINDS)}))
    source: str = needed("Where the change was read, e.g. models.dev commit <full hash>.",
                         input=common("text", "Where the change was read, e.g. models.dev commit <full hash>."))
    old: str | None = fact("renamed: the former id; status: the former status (absent: none).",
                           input=common("text", "renamed: the former id; status: the former status."))
    new: str | None = fact("status: the new status (absent: none).", input=common("text", "status: the new status."))


EVENT_INPUT = {"type": "object", "additionalProperties": False, "required": ["day", "offering", "kind", "source"],
               "properties": ChangeEvent}


@dataclass(frozen=True, slots=True)
class ProviderChanges:
    provider: str = needed("The provider id; equals the folder's name.",
                           input=common("slug", "The provider id; equals the folder's name."))
    events: tuple[ChangeEvent, ...] = fact("Lifecycle events, oldest first.", default=(), input=described(
        {"type": "array", "items": EVENT_INPUT}))
