"""Turn jsonschema errors into messages that say what is wrong and how to fix it."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_QUOTED = re.compile(r"'([^']*)'")


@dataclass(frozen=True)
class Finding:
    """A problem at a field path, before it has a file position."""

    path: tuple
    message: str
    at_key: bool = False  # locate the key (unknown fields) instead of the value


def format_path(path) -> str:
    """``("pricing", "tiers", 0, "input")`` -> ``pricing.tiers[0].input``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def suggest(word: str, candidates) -> str:
    """``; did you mean `x`?`` when a candidate is close to *word*, else ``""``."""
    match = difflib.get_close_matches(str(word), sorted(candidates), n=1, cutoff=0.6)
    return f"; did you mean `{match[0]}`?" if match else ""


def findings(error) -> list[Finding]:
    """One or more findings for one jsonschema ``ValidationError``."""
    path = tuple(error.absolute_path)
    handler = _HANDLERS.get(error.validator)
    if handler is not None:
        return handler(error, path)
    return [Finding(path, printable(error.message, 300))]


def _additional(error, path) -> list[Finding]:
    allowed = error.schema.get("properties", {})
    unknown = [key for key in error.instance if key not in allowed]
    return [
        Finding(path + (key,), f"unknown field `{printable(key)}`{suggest(key, allowed) or _allowed(allowed)}", True)
        for key in unknown
    ]


def _allowed(names) -> str:
    return f"; allowed here: {', '.join(sorted(names))}" if names else ""


def _required(error, path) -> list[Finding]:
    name = _QUOTED.search(error.message).group(1)
    return [Finding(path, f"missing required field `{name}`")]


def _enum(error, path) -> list[Finding]:
    options = [str(o) for o in error.validator_value]
    hint = suggest(error.instance, options)
    return [Finding(path, f"`{printable(error.instance)}` is not one of {', '.join(options)}{hint}")]


def _type(error, path) -> list[Finding]:
    expected = error.validator_value
    found = error.instance
    if found is None:
        return [Finding(path, "the value is empty; omit the field to say the fact is unknown")]
    message = f"{_show(found)} is not of type {expected}"
    if expected == "boolean" and isinstance(found, str):
        message += "; write true or false"
    elif expected in ("number", "integer") and isinstance(found, str):
        message += "; write the number without quotes or units"
    return [Finding(path, message)]


def _pattern(error, path) -> list[Finding]:
    what = error.schema.get("description", f"text matching {error.validator_value}")
    return [Finding(path, f"{_show(error.instance)} is not valid here: expected {_mid_sentence(what).rstrip('.')}")]


def _mid_sentence(text: str) -> str:
    """*text* continuing a sentence: its first letter lowercased, unless it starts an acronym (HTTP)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _any_of(error, path) -> list[Finding]:
    if all("required" in branch for branch in error.validator_value):
        names = " or ".join(f"`{b['required'][0]}`" for b in error.validator_value)
        return [Finding(path, f"needs {names}")]
    return [Finding(path, printable(error.message, 300))]


def _show(value) -> str:
    return f"'{printable(value)}'" if isinstance(value, str) else printable(repr(value))


def printable(text, limit: int = 80) -> str:
    """*text* as it may appear inside a one-line message: line breaks and other non-printable
    characters escaped (``\\n``, ``\\x1b``), at most *limit* characters.  A value holding a line
    break would otherwise print what looks like a second problem."""
    text = str(text)
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_HANDLERS = {
    "additionalProperties": _additional,
    "required": _required,
    "enum": _enum,
    "type": _type,
    "pattern": _pattern,
    "anyOf": _any_of,
}
