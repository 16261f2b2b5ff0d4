"""models.dev's facts on how a client calls a model -> our fields, one function per table.

``reasoning_options``, ``interleaved``, the per-model ``provider`` table (SDK
package, base URL, API shape, request body and headers) and
``experimental.modes``.  As in :mod:`.models_dev_map`, a value our schema cannot
hold is reported with its file and key and left out; a list that is only partly
valid is left out whole, since its being complete is part of the fact.
"""

from __future__ import annotations

import re
from decimal import Decimal

from generator.importers import models_dev_map as m
from generator.model.vocabulary import API_SHAPES, EFFORTS, REASONING_FIELDS

EFFORT_WORDS = {**{e: e for e in EFFORTS if e != "json_null"}, "null": "json_null"}  # "null" is sent as JSON null
_HEADER = re.compile(r"^[A-Za-z0-9-]{1,100}$")
_BODY_KEY = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
MAX_DEPTH = 6


def reasoning_options(ctx: m.Context, value) -> list | None:
    """The options in their order; an empty list is a fact (reasoning cannot be configured)."""
    if not isinstance(value, list):
        ctx.invalid("reasoning_options", value, "is not an array of tables")
        return None
    out = [_option(entry) for entry in value]
    for i, problem in enumerate(out):
        if isinstance(problem, str):  # the list is complete or it is not the fact: all of it goes
            ctx.invalid("reasoning_options", value[i], f"(option {i + 1}): {problem}")
            return None
    return out


def _option(entry) -> dict | str:
    """One option, or why it cannot be kept."""
    if not isinstance(entry, dict) or entry.get("type") not in ("toggle", "effort", "budget_tokens"):
        return "is not a table of type toggle, effort or budget_tokens"
    kind, allowed = entry["type"], {"toggle": {"type"}, "effort": {"type", "values"},
                                    "budget_tokens": {"type", "min", "max"}}[entry["type"]]
    if extra := sorted(entry.keys() - allowed):
        return f"has {', '.join(extra)}, which a {kind} option does not take"
    if kind == "effort":
        values = entry.get("values")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v in EFFORT_WORDS for v in values) \
                or len(set(values)) != len(values):
            return f"values is not a list of distinct effort levels ({', '.join(EFFORT_WORDS)})"
        return {"type": kind, "values": [EFFORT_WORDS[v] for v in values]}
    if kind == "budget_tokens":
        return _budget(entry)
    return {"type": kind}


def _budget(entry: dict) -> dict | str:
    low, high = entry.get("min"), entry.get("max")
    if low is not None and not (_whole(low) and low >= -1):
        return "min is not a whole number >= -1"
    if high is not None and not m.is_count(high):
        return "max is not a whole number >= 0"
    if low is not None and high is not None and low > high:
        return f"min {low} is above max {high}"
    return {"type": "budget_tokens", **{k: v for k, v in (("min", low), ("max", high)) if v is not None}}


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= m.MAX_SAFE_INTEGER


def interleaved(ctx: m.Context, value) -> dict:
    """``true`` or ``{field = ...}``: reasoning is interleaved with tool calls (and which field carries it)."""
    if value is True:
        return {"interleaved_reasoning": True}
    if isinstance(value, dict) and value.keys() == {"field"} and value["field"] in REASONING_FIELDS:
        return {"interleaved_reasoning": True, "reasoning_field": value["field"]}
    ctx.invalid("interleaved", value, f"is not true or {{field = {' or '.join(REASONING_FIELDS)}}}")
    return {}


def client(ctx: m.Context, value, key: str = "provider") -> dict | None:
    """The per-model ``provider`` table: how a client calls this model unlike the provider's defaults."""
    if not isinstance(value, dict):
        ctx.invalid(key, value, "is not a table")
        return None
    out: dict = {}
    for name, raw in value.items():
        where = f"{key}.{name}"
        if name == "npm":
            _set(out, "sdk_package", m.text(ctx, where, raw))
        elif name == "api":
            _set(out, "base_url", m.url(ctx, where, raw))
        elif name == "shape":
            _set(out, "api_shape", raw if raw in API_SHAPES else ctx.invalid(where, raw, "is not responses or completions"))
        elif name in ("body", "headers"):
            _set(out, name, (request_body if name == "body" else headers)(ctx, where, raw))
        else:
            ctx.unknown(where)
    return out or None


def experimental_modes(ctx: m.Context, value) -> list | None:
    """``experimental.modes``: each mode with its prices and the request fields that choose it."""
    modes = value.get("modes") if isinstance(value, dict) else None
    if not isinstance(modes, dict) or value.keys() != {"modes"}:
        ctx.invalid("experimental", value, "is not a table holding only a `modes` table")
        return None
    out = []
    for name, raw in modes.items():
        where = f"experimental.modes.{name}"
        if not _BODY_KEY.match(name) or not isinstance(raw, dict):
            ctx.invalid(where, raw, "is not a table under a plain name (letters, digits, '_', '.', '-')")
            continue
        mode = {"name": name}
        for part, table in raw.items():
            if part in ("cost", "provider") and not isinstance(table, dict):
                ctx.invalid(f"{where}.{part}", table, "is not a table")
            elif part == "cost":
                if rates := m.prices(ctx, f"{where}.cost", table):
                    mode["price"] = {"currency": "USD", **rates}
            elif part == "provider" and isinstance(table, dict):
                for k in sorted(table.keys() - {"body", "headers"}):
                    ctx.invalid(f"{where}.provider.{k}", table[k], "is not something a mode sets (body, headers)")
                chosen = {k: v for k, v in table.items() if k in ("body", "headers")}
                mode.update(client(ctx, chosen, f"{where}.provider") or {} if chosen else {})
            elif part not in ("cost", "provider"):
                ctx.unknown(f"{where}.{part}")
        out.append(mode)
    return out or None


def headers(ctx: m.Context, key: str, value) -> dict | None:
    if isinstance(value, dict) and value and all(isinstance(k, str) and _HEADER.match(k) and isinstance(v, str)
                                                 for k, v in value.items()):
        return dict(value)
    ctx.invalid(key, value, "is not a table of header names (letters, digits, '-') to strings")
    return None


def request_body(ctx: m.Context, key: str, value) -> dict | None:
    """Fields added to a request body: JSON values under plain keys, nested at most MAX_DEPTH deep."""
    if isinstance(value, dict) and value and (problem := _json_problem(value, 0)) is None:
        return _plain(value)
    ctx.invalid(key, value, problem if isinstance(value, dict) and value else "is not a table")
    return None


def _json_problem(value, depth: int) -> str | None:
    if depth > MAX_DEPTH:
        return f"is nested more than {MAX_DEPTH} deep"
    if isinstance(value, dict):
        bad = next((k for k in value if not (isinstance(k, str) and _BODY_KEY.match(k))), None)
        if bad is not None:
            return f"has the key {m.short(bad)}, which is not a plain name (letters, digits, '_', '.', '-')"
        return next((p for v in value.values() if (p := _json_problem(v, depth + 1))), None)
    if isinstance(value, list):
        return next((p for v in value if (p := _json_problem(v, depth + 1))), None)
    if isinstance(value, Decimal) and not (value.is_finite() and m.exact(value)):
        return f"holds {value}, a number not kept exactly"
    if not isinstance(value, (str, bool, int, Decimal)):
        return f"holds {m.short(value)}, which is not a JSON value"
    return None


def _plain(value):
    """TOML's Decimals as the int or float JSON will hold."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _set(out: dict, key: str, value) -> None:
    if value is not None:
        out[key] = value
