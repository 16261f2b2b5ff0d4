"""The live check's results as a table for people, JSON for tools and Markdown for an issue.

Ids and reasons come from providers' answers: in Markdown they are escaped so an answer cannot
inject markup into the issue it is pasted in.
"""

from __future__ import annotations

import json
import re

from generator.live.check import Result


def as_dict(result: Result) -> dict:
    found = result.comparison
    health = result.health
    return {
        "provider": result.provider, "state": result.state, "reason": result.reason or None,
        "new": found.new, "gone": found.gone, "confirmed": len(found.confirmed),
        "disagreements": [{"offering": d.offering, "field": d.field, "catalog": d.catalog, "served": d.served}
                          for d in found.disagreements],
        "health": None if health is None else {
            "indicator": health.indicator, "description": health.description,
            "incidents": [{"name": n, "status": s, "impact": i} for n, s, i in health.incidents],
            "components": [{"name": n, "status": s} for n, s in health.components]},
        "health_error": result.health_error or None,
    }


def render_json(results: list[Result]) -> str:
    drift = any(r.drift for r in results)
    return json.dumps({"in_sync": not drift, "providers": [as_dict(r) for r in results]}, indent=2,
                      ensure_ascii=False) + "\n"


def _findings(result: Result) -> list[str]:
    found = result.comparison
    lines = [f"new: {name}" for name in found.new] + [f"gone: {name}" for name in found.gone]
    lines += [f"{d.offering}: {d.field} is {d.catalog} in the catalog, {d.served} served" for d in found.disagreements]
    if result.health is not None:
        lines.append(f"health: {result.health.indicator} ({result.health.description})")
        lines += [f"component: {name} ({status})" for name, status in result.health.components]
        lines += [f"incident: {name} ({status}, impact {impact})" for name, status, impact in result.health.incidents]
    if result.health_error:
        lines.append(f"health failed: {result.health_error}")
    return lines


def _summary(result: Result) -> str:
    if result.state != "checked":
        return f"{result.state}: {result.reason}"
    return f"{len(result.comparison.confirmed)} confirmed" + (", drift" if result.drift else ", in sync")


def render_table(results: list[Result]) -> str:
    width = max((len(r.provider) for r in results), default=8)
    lines = []
    for result in results:
        lines.append(f"{result.provider:<{width}}  {_plain(_summary(result))}")
        lines += [f"{'':<{width}}    {_plain(line)}" for line in _findings(result)]
    lines.append(tally(results))
    return "\n".join(lines) + "\n"


def tally(results: list[Result]) -> str:
    """``12 provider(s): 3 checked, 8 skipped, 1 failed; 2 with drift``."""
    counts = ", ".join(f"{sum(r.state == state for r in results)} {state}" for state in ("checked", "skipped", "failed"))
    drift = sum(r.drift for r in results)
    return f"{len(results)} provider(s): {counts}; " + (f"{drift} with drift" if drift else "in sync")


def _plain(text: str) -> str:
    """*text* with control characters shown as escapes: an answer cannot drive the terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _md(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>()#+|!~-])", r"\\\1", _plain(text))


def render_markdown(results: list[Result]) -> str:
    lines = ["## Live check", "", tally(results) + ".", "",
             "| Provider | Result | Findings |", "| --- | --- | --- |"]
    for result in results:
        findings = "<br>".join(_md(line) for line in _findings(result)) or "—"
        lines.append(f"| {_md(result.provider)} | {_md(_summary(result))} | {findings} |")
    return "\n".join(lines) + "\n"


RENDERERS = {"table": render_table, "json": render_json, "markdown": render_markdown}
