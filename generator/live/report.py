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
            "incidents": [{"name": n, "status": s, "impact": i} for n, s, i in health.incidents]},
        "health_error": result.health_error or None,
    }


def render_json(results: list[Result]) -> str:
    drift = any(r.drift for r in results)
    return json.dumps({"in_sync": not drift, "providers": [as_dict(r) for r in results]}, indent=2,
                      ensure_ascii=False) + "\n"


def _findings(result: Result) -> list[str]:
    found, lines = result.comparison, []
    if result.reason:
        lines.append(f"{result.state}: {result.reason}")
    lines += [f"new: {name}" for name in found.new] + [f"gone: {name}" for name in found.gone]
    lines += [f"{d.offering}: {d.field} is {d.catalog} in the catalog, {d.served} served" for d in found.disagreements]
    if result.health is not None:
        lines.append(f"health: {result.health.indicator} ({result.health.description})")
        lines += [f"incident: {name} ({status}, impact {impact})" for name, status, impact in result.health.incidents]
    if result.health_error:
        lines.append(f"health failed: {result.health_error}")
    return lines


def _summary(result: Result) -> str:
    if result.state != "checked":
        return result.state
    return f"{len(result.comparison.confirmed)} confirmed" + (", drift" if result.drift else ", in sync")


def render_table(results: list[Result]) -> str:
    width = max((len(r.provider) for r in results), default=8)
    lines = []
    for result in results:
        lines.append(f"{result.provider:<{width}}  {_summary(result)}")
        lines += [f"{'':<{width}}    {line}" for line in _findings(result)]
    drift = sum(r.drift for r in results)
    lines.append(f"{len(results)} provider(s), {drift} with drift" if drift else f"{len(results)} provider(s), in sync")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>()#+|!~-])", r"\\\1", text.replace("\n", " "))


def render_markdown(results: list[Result]) -> str:
    drift = sum(r.drift for r in results)
    lines = ["## Live check", "", f"{len(results)} provider(s) asked; {drift} with drift.", "",
             "| Provider | Result | Findings |", "| --- | --- | --- |"]
    for result in results:
        findings = "<br>".join(_md(line) for line in _findings(result)) or "—"
        lines.append(f"| {_md(result.provider)} | {_summary(result)} | {findings} |")
    return "\n".join(lines) + "\n"


RENDERERS = {"table": render_table, "json": render_json, "markdown": render_markdown}
