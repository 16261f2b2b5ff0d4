"""A catalog diff (generator.catalog.diff) for people: plain text for a terminal, Markdown for release notes.

Both list providers and offerings added and removed, then each provider's and each offering's changed
facts, in the diff's order (sorted by id, facts in a fixed order).  Values read as everywhere else
(generator.present.format): ``$0.10/1M``, ``N/A`` for unknown, never 0.  Ids and facts come from data
files: the text keeps each on one line, the Markdown escapes them for a table cell.
"""

from __future__ import annotations

from generator.catalog.diff import Change, CatalogDiff
from generator.present import format as fmt
from generator.present.conditional import rate_text
from generator.present.filters import cell
from generator.validation.problems import one_line

NO_CHANGES = "no changes"
LISTS = (("Providers added", "providers_added", "+"), ("Providers removed", "providers_removed", "-"),
         ("Offerings added", "offerings_added", "+"), ("Offerings removed", "offerings_removed", "-"))


def headline(diff: CatalogDiff) -> str:
    """``1 offering added, 2 changes``; ``no changes`` when the catalogs are equal."""
    counts = diff.summary()
    parts = [f"{fmt.plural(counts[key], noun)} {verb}" for key, noun, verb in (
        ("providers_added", "provider", "added"), ("providers_removed", "provider", "removed"),
        ("offerings_added", "offering", "added"), ("offerings_removed", "offering", "removed")) if counts[key]]
    if counts["changes"]:
        parts.append(fmt.plural(counts["changes"], "change"))
    return ", ".join(parts) or NO_CHANGES


def value(change: Change, side: str) -> str:
    """One side of a change as people read it: money in its currency, ``N/A`` when unknown."""
    raw = getattr(change, side)
    if change.kind == "price" and change.field != "pricing.currency":
        currency = getattr(change, f"{side}_currency") or "USD"
        if change.unit is not None and raw is not None:
            return rate_text(raw, change.unit, currency)  # $0.04 each, or $1.25/1M for a token unit
        return fmt.money(raw, currency)
    return one_line(fmt.na(raw))


def remark(change: Change) -> str:
    """``-50.0%``, ``now known``, ``no longer known``, ``other currency``, or nothing."""
    if change.percent is not None:
        return f"{change.percent:+}%"
    if change.note is None and change.old_currency != change.new_currency:
        return "other currency"  # no percentage across currencies
    return change.note or ""


def text(diff: CatalogDiff) -> str:
    """The diff for a terminal, grouped and sorted; ``no changes`` when the catalogs are equal."""
    lines = [headline(diff)]
    for title, attr, sign in LISTS:
        if ids := getattr(diff, attr):
            lines += ["", f"{title}:"] + [f"  {sign} {one_line(i)}" for i in ids]
    subject = None
    for change in diff.changes:
        if (change.scope, change.subject) != subject:
            subject = (change.scope, change.subject)
            lines += ["", f"{change.scope.capitalize()} {one_line(change.subject)}:"]
        note = remark(change)
        lines.append(f"  {change.field}: {value(change, 'old')} -> {value(change, 'new')}" + (f" ({note})" if note else ""))
    return "\n".join(lines) + "\n"


def markdown(diff: CatalogDiff, title: str = "Catalog changes") -> str:
    """The diff as a Markdown section for release notes: lists, then one table per scope."""
    summary = headline(diff)
    lines = [f"## {cell(title)}", "", summary[0].upper() + summary[1:] + "."]
    for heading, attr, _ in LISTS:
        if ids := getattr(diff, attr):
            lines += ["", f"### {heading}", ""] + [f"- {cell(i)}" for i in ids]
    for scope in ("provider", "offering"):
        rows = [c for c in diff.changes if c.scope == scope]
        if rows:
            lines += ["", f"### {scope.capitalize()} changes", "", f"| {scope.capitalize()} | Fact | Old | New | Change |",
                      "| --- | --- | --- | --- | --- |"]
            lines += [f"| {cell(c.subject)} | {cell(c.field)} | {cell(value(c, 'old'))} | {cell(value(c, 'new'))} | "
                      f"{remark(c)} |" for c in rows]
    return "\n".join(lines) + "\n"
