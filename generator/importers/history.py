"""What a walk through a source's git history records: dated prices and lifecycle events.

Both history importers (:mod:`.models_dev_history`, :mod:`.litellm_history`) feed a
:class:`History` commit by commit with each offering's resolved state (its price in our schema's
shape, or None when unknown, and its status); :class:`History` keeps only the changes:

* a price point when an offering's resolved price differs from the one recorded before it;
  several changes on one UTC day make one point, the day's last price, named by the day's last
  commit (a change undone the same day records nothing);
* a lifecycle event: ``added`` (first seen, or seen again after a removal), ``removed``,
  ``renamed`` (git found the file moved; the price points move with it) and ``status``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

ABSENT = object()  # the state of an offering the source does not have


@dataclass(frozen=True)
class PricePoint:
    day: str  # YYYY-MM-DD, the UTC day of the commit
    commit: str  # full hash
    pricing: dict | None  # our schema's pricing (Decimal rates); None: the price is unknown from that day


@dataclass(frozen=True)
class Event:
    day: str
    commit: str
    provider: str
    offering: str
    kind: str  # added, removed, renamed, status
    old: str | None = None  # renamed: the former id; status: the former status
    new: str | None = None  # status: the new status


@dataclass(frozen=True)
class State:
    pricing: dict | None
    status: str | None


class QuietReport:
    """A report for the mapping during a walk that keeps nothing: its findings (an unconfirmed 0, an
    unknown key) would repeat at every commit; the import of the current tree reports each once."""

    def __init__(self):
        self.unmapped: dict = defaultdict(int)

    def skip(self, *args, **kwargs) -> None:
        pass


def utc_day(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).date().isoformat()


@dataclass
class History:
    """Price points per (provider, offering) and lifecycle events, in the order they happened."""

    prices: dict = field(default_factory=dict)  # (provider, offering) -> [PricePoint]
    events: list = field(default_factory=list)
    states: dict = field(default_factory=dict)  # (provider, offering) -> State, the last seen
    last_commit: str | None = None
    commits: int = 0

    def observe(self, key: tuple[str, str], state, day: str, commit: str, quiet: bool = False) -> None:
        """The state of offering *key* after *commit*: State, or ABSENT. *quiet*: set it without
        recording (the state an incremental walk resumes from)."""
        before = self.states.get(key, ABSENT)
        if state is ABSENT:
            self.states.pop(key, None)
            if before is not ABSENT and not quiet:
                self.events.append(Event(day, commit, *key, "removed"))
            return
        self.states[key] = state
        if quiet:
            return
        if before is ABSENT:
            self.events.append(Event(day, commit, *key, "added"))
        elif before.status != state.status:
            self.events.append(Event(day, commit, *key, "status", before.status, state.status))
        if before is ABSENT or before.pricing != state.pricing:
            self._price(key, day, commit, state.pricing)

    def rename(self, old: tuple[str, str], new: tuple[str, str], day: str, commit: str) -> None:
        """Offering *old* now lives at *new*: its state and price points move there."""
        if old not in self.states or new in self.states:
            return
        self.states[new] = self.states.pop(old)
        if old in self.prices and new not in self.prices:
            self.prices[new] = self.prices.pop(old)
        self.events.append(Event(day, commit, *new, "renamed", old=old[1]))

    def _price(self, key, day: str, commit: str, pricing: dict | None) -> None:
        points = self.prices.setdefault(key, [])
        if points and points[-1].day == day:
            points.pop()  # the day's last price is the one recorded for the day
        if points and points[-1].pricing == pricing:
            return
        if not points and pricing is None:
            return  # nothing known yet: no point
        points.append(PricePoint(day, commit, pricing))

    def changed(self) -> dict:
        """The offerings whose price changed at least once (more than one point)."""
        return {key: points for key, points in self.prices.items() if len(points) > 1}
