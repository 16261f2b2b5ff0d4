"""An offering's price history as a step chart: inline SVG made on the server, and a one-line note.

The chart draws the input rate (solid) and the output rate (dashed) of each dated price entry as
steps, in ``currentColor`` so it follows the page's text colour in light and dark mode; it needs no
script.  It is a picture of the price history table printed beside it, which is what screen
readers read (the SVG carries a short title).  An unknown rate breaks its line.  Nothing depends
on the clock: the last step runs on for a tenth of the span (at least 30 days).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from generator.catalog.changes import price_changes
from generator.model.records import Offering, Price
from generator.present import format as fmt
from generator.present.changes_text import percent
from generator.present.filters import Md, attr

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 180, 64, 16, 14, 34
SERIES = (("input", ""), ("output", ' stroke-dasharray="6 4"'))


def dated(offering: Offering) -> list[Price]:
    """The offering's price entries that have a day, oldest first."""
    if offering.pricing is None:
        return []
    return [e for e in (*offering.pricing.history, offering.pricing.current) if e.effective_from is not None]


def _newest(offering: Offering) -> tuple[str, str, str] | None:
    """The newest recorded price change as (``Input``, `` -33%`` or ``""``, ``2026-05-02``); None when none."""
    found = price_changes(offering)
    headline = found[-1].headline if found else None
    if headline is None:
        return None
    how = f" {percent(headline.percent)}" if headline.percent is not None else ""
    return headline.component.replace("_", " ").capitalize(), how, found[-1].day.isoformat()


def change_note(offering: Offering) -> Md:
    """``Input changed -33% on 2026-05-02.``: the newest price change, or nothing."""
    newest = _newest(offering)
    return Md(f"{newest[0]} changed{newest[1]} on {newest[2]}.") if newest else Md("")


def change_since(offering: Offering) -> Md:
    """``Input -33% on 2026-05-02``: the newest recorded price change, for a table cell; ``None recorded``."""
    newest = _newest(offering)
    if newest is None:
        return Md("None recorded")
    name, how, day = newest
    return Md(f"{name}{how or ' changed'} on {day}")


def chart(offering: Offering, label: str | None = None) -> Md:
    """The step chart of *offering*'s dated prices; empty with fewer than two."""
    entries = dated(offering)
    if len(entries) < 2:
        return Md("")
    first, last = entries[0].effective_from, entries[-1].effective_from
    end = last + max(timedelta(days=30), (last - first) / 10)
    top = max((getattr(e, n) for e in entries for n, _ in SERIES if getattr(e, n) is not None), default=Decimal(0))
    top = top or Decimal(1)
    x = _scale(first, end)
    y = lambda v: TOP + (HEIGHT - TOP - BOTTOM) * float(1 - v / top)  # noqa: E731
    title = f"Price history of {label or offering.ref}: input (solid) and output (dashed) per million tokens"
    parts = [f'<svg class="pc-price-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
             f'style="max-width:{WIDTH}px" fill="none" stroke="currentColor" font-size="11"><title>{attr(title)}</title>']
    parts += _axes(first, end, top, entries[-1].currency, x, y)
    for name, dash in SERIES:
        path = _steps([(x(e.effective_from), getattr(e, name)) for e in entries], x(end), y)
        if path:
            parts.append(f'<path d="{path}" stroke-width="2"{dash}/>')
    return Md("".join(parts) + "</svg>")


def _scale(first: date, end: date):
    span = max((end - first).days, 1)
    return lambda day: LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span


def _steps(points: list[tuple[float, Decimal | None]], right: float, y) -> str:
    out, drawing = [], False
    for i, (px, value) in enumerate(points):
        nx = points[i + 1][0] if i + 1 < len(points) else right
        if value is None:
            drawing = False
            continue
        py = round(y(value), 1)
        out.append(f"V{py}H{round(nx, 1)}" if drawing else f"M{round(px, 1)} {py}H{round(nx, 1)}")
        drawing = True
    return "".join(out)


def _axes(first: date, end: date, top: Decimal, currency: str, x, y) -> list[str]:
    base, left, right = HEIGHT - BOTTOM, LEFT, WIDTH - RIGHT
    text = 'fill="currentColor" stroke="none"'
    return [f'<path d="M{left} {TOP}V{base}H{right}" stroke-width="1" opacity="0.5"/>',
            f'<text x="{left - 6}" y="{TOP + 4}" text-anchor="end" {text}>{attr(fmt.money(top, currency))}</text>',
            f'<text x="{left - 6}" y="{base}" text-anchor="end" {text}>0</text>',
            f'<text x="{left}" y="{base + 16}" {text}>{first.isoformat()}</text>',
            f'<text x="{right}" y="{base + 16}" text-anchor="end" {text}>{end.isoformat()}</text>',
            f'<line x1="{right - 150}" y1="{TOP}" x2="{right - 126}" y2="{TOP}" stroke-width="2"/>'
            f'<text x="{right - 120}" y="{TOP + 4}" {text}>input</text>',
            f'<line x1="{right - 74}" y1="{TOP}" x2="{right - 50}" y2="{TOP}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{right - 44}" y="{TOP + 4}" {text}>output</text>']
