"""starmap fields -> our schema, one small function per rule.

starmap (agentstation/starmap) keeps providers in ``providers.yaml``, authors in
``authors.yaml`` and models as one YAML file each.  Every key is mapped, counted
as *unmapped* (a starmap fact our schema has no field for, or prose, which is
never imported) or reported as an *unknown key*; a value our schema cannot hold
is reported as an *invalid value* and left out.
"""

from __future__ import annotations

import re
from decimal import Decimal

from generator.importers import models_dev_map as m
from generator.importers.models_dev_map import Context, is_bool, is_count, url

FEATURES = {
    "tool_calls": "tool_calling", "tool_choice": "tool_choice", "structured_outputs": "structured_outputs",
    "reasoning": "reasoning", "streaming": "streaming", "web_search": "web_search",
    "attachments": "file_attachments", "temperature": "temperature",
}
PRICES = {"input": "input", "output": "output", "cache_read": "cached_input", "cache_write": "cache_write",
          "reasoning": "reasoning", "audio_input": "input_audio", "audio_output": "output_audio"}
LIMITS = {"context_window": "context_window", "input_tokens": "max_input_tokens", "output_tokens": "max_output_tokens"}
STATUS = {"alpha": "alpha", "beta": "preview", "preview": "preview", "active": "active",
          "deprecated": "deprecated", "retired": "retired"}
RETENTION = ("none", "fixed", "conditional", "indefinite")
SCHEMES = {"bearer": "Bearer", "basic": "Basic", "direct": None}
OPERATIONS = {"embeddings": "embeddings", "completions": "completions", "responses": "responses",
              "images": "images", "speech": "speech", "transcriptions": "transcriptions"}
# Bounded as Go's durations are (int64 nanoseconds: at most 2562047h, to 9 decimal places), so the Decimal
# sums below stay exact (28 digits) and a value of 40 digits is reported, not raised as DivisionImpossible.
_GO_DURATION = re.compile(r"^(?:([0-9]{1,10})h)?(?:([0-9]{1,10})m)?(?:([0-9]{1,10}(?:\.[0-9]{1,9})?)s)?$")
_HEADER = re.compile(r"^[A-Za-z0-9-]+$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_TEMPLATE = re.compile(r"\{([a-z_]+)\}")
_DAY = 86_400
_TIMESTAMP = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$")


class StarmapContext(Context):
    """Findings about one starmap input; unknown keys name starmap, not models.dev."""

    def unknown(self, key: str) -> None:
        self.report.skip(f"{self.origin} ({key})", "unknown-key", f"`{key}` is not a starmap field; ignored")


def table(ctx: Context, key: str, value) -> dict:
    """*value* when it is a mapping; otherwise reported and {}."""
    if isinstance(value, dict):
        return value
    ctx.invalid(key, value, "is not a mapping")
    return {}


def check_keys(ctx: Context, raw: dict, known, unmapped, prefix: str = "") -> None:
    """Count every *unmapped* key of *raw*; report every key neither known nor unmapped."""
    for key in sorted(raw, key=str):
        if key in unmapped:
            ctx.unmapped(prefix + key)
        elif key not in known:
            ctx.unknown(prefix + str(key))


def duration_days(ctx: Context, key: str, value) -> int | None:
    """A Go duration (``720h0m0s``) as whole days; anything else is reported."""
    match = _GO_DURATION.match(value) if isinstance(value, str) and value else None
    if not match:
        ctx.invalid(key, value, "is not a Go duration such as 720h0m0s")
        return None
    hours, minutes, seconds = (Decimal(part or 0) for part in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if total % _DAY:
        ctx.invalid(key, value, f"is not a whole number of days ({total} s)")
        return None
    return int(total // _DAY)


def day(ctx: Context, key: str, value) -> str | None:
    """A date, or the day of a UTC timestamp (``2025-10-19T18:13:07Z`` -> ``2025-10-19``)."""
    if isinstance(value, str) and _TIMESTAMP.match(value):
        value = value[:10]
    return m.day(ctx, key, value, partial=True)


def price(ctx: Context, key: str, value) -> Decimal | None:
    """A YAML number as the exact Decimal it was written as (a float's shortest repr).  A 0 is kept
    only when the offering has a reason to be free (``ctx.free``); otherwise reported, left unknown."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if number == 0 and ctx.zero_unconfirmed(key):
            return None
        if number.is_finite() and number >= 0:
            return number if m.exact(number) else ctx.invalid(key, value, "has more digits than a catalog price keeps exactly")
    ctx.invalid(key, value, "is not a price (a number >= 0)")
    return None


def token_prices(ctx: Context, key: str, tokens) -> dict:
    """``{input: {per_1m: 0.35}}`` -> ``{input: 0.35}`` (our prices are per million tokens too)."""
    out = {}
    for name, unit in table(ctx, key, tokens).items():
        if name not in PRICES:
            ctx.unknown(f"{key}.{name}")
            continue
        unit = table(ctx, f"{key}.{name}", unit)
        for unit_key in sorted(set(unit) - {"per_1m"}, key=str):
            ctx.unknown(f"{key}.{name}.{unit_key}")
        if "per_1m" in unit and (p := price(ctx, f"{key}.{name}.per_1m", unit["per_1m"])) is not None:
            out[PRICES[name]] = p
    return out


def pricing(ctx: Context, raw) -> dict | None:
    raw = table(ctx, "pricing", raw)
    check_keys(ctx, raw, {"tokens", "currency", "tiers"}, {"operations"}, "pricing.")
    currency = raw.get("currency", "USD")
    if not (isinstance(currency, str) and _CURRENCY.match(currency)):
        ctx.invalid("pricing.currency", currency, "is not a three-letter currency code; no price is imported")
        return None
    out = {"currency": currency, **token_prices(ctx, "pricing.tokens", raw.get("tokens", {}))}
    tiers = [t for t in (tier(ctx, f"pricing.tiers[{i}]", x) for i, x in enumerate(raw.get("tiers") or [])) if t]
    if tiers and len({t["above_tokens"] for t in tiers}) == len(tiers):
        out["tiers"] = sorted(tiers, key=lambda t: t["above_tokens"])
    elif tiers:
        ctx.invalid("pricing.tiers", [t["above_tokens"] for t in tiers], "repeats a tier size")
    return out if len(out) > 1 else None


def tier(ctx: Context, key: str, raw) -> dict | None:
    raw = table(ctx, key, raw)
    check_keys(ctx, raw, {"type", "size", "tokens"}, {"name"}, "pricing.tiers.")
    if raw.get("type", "context") != "context" or not is_count(raw.get("size")) or raw["size"] < 1:
        ctx.invalid(key, {k: raw.get(k) for k in ("type", "size")}, "is not a context-size tier (type context, size N)")
        return None
    prices = token_prices(ctx, key + ".tokens", raw.get("tokens", {}))
    return {"above_tokens": raw["size"], **prices} if prices else None


def limits(ctx: Context, raw) -> dict:
    return m.token_limits(ctx, table(ctx, "limits", raw), "limits", LIMITS,
                          "is how starmap marks a limit it does not know; left unknown, not 0")


def features(ctx: Context, raw, offering: bool = True) -> tuple[dict, dict, str | None]:
    """Our features, modalities and kind from starmap's ``features`` mapping (for a canonical
    model, which has no features in our schema, only the modalities; the rest is counted unmapped)."""
    raw = table(ctx, "features", raw)
    out = {}
    for key, value in sorted(raw.items(), key=lambda kv: str(kv[0])):
        if key == "modalities" or value is None:  # null: starmap does not know; left unknown
            continue
        if key not in FEATURES or not offering:
            ctx.unmapped(f"features.{key}")
        elif is_bool(value):
            out[FEATURES[key]] = value
        else:
            ctx.invalid(f"features.{key}", value, "is not true or false")
    modalities, kind = _modalities(ctx, raw["modalities"]) if "modalities" in raw else ({}, None)
    return out, modalities, kind


def _modalities(ctx: Context, raw) -> tuple[dict, str | None]:
    """starmap lists are complete, as models.dev's are; output ``embedding`` is the kind embedding."""
    out, kind = {}, None
    for direction, value in table(ctx, "features.modalities", raw).items():
        if direction not in ("input", "output"):
            ctx.unknown(f"features.modalities.{direction}")
            continue
        if direction == "output" and isinstance(value, list) and "embedding" in value:
            kind, value = "embedding", [v for v in value if v != "embedding"]
        if (mapped := m.modality_set(ctx, f"features.modalities.{direction}", value)) is not None:
            out[direction] = mapped
    return out, kind


def status(ctx: Context, value) -> str | None:
    if isinstance(value, str) and value in STATUS:
        return STATUS[value]
    ctx.invalid("status", value, f"is not one of {', '.join(STATUS)}")
    return None


def expand(ctx: Context, key: str, template, variables: dict) -> str | None:
    """A URL with starmap's ``{variable}`` placeholders filled from credential defaults, if all have one."""
    if not isinstance(template, str):
        return url(ctx, key, template)
    filled = _TEMPLATE.sub(lambda found: variables.get(found.group(1), found.group(0)), template)
    if _TEMPLATE.search(filled):
        ctx.invalid(key, template, "is a URL template whose placeholders have no default; not a URL")
        return None
    return url(ctx, key, filled)


def header(ctx: Context, placement: dict) -> dict:
    """The header and scheme of a credential placement."""
    out = {}
    if isinstance(name := placement.get("name"), str) and _HEADER.match(name):
        out["header"] = name
    else:
        ctx.invalid("credentials.profiles.placements.name", name, "is not an HTTP header name")
    scheme = placement.get("scheme")
    if scheme in SCHEMES:
        out.update({"scheme": SCHEMES[scheme]} if SCHEMES[scheme] else {})
    else:
        ctx.invalid("credentials.profiles.placements.scheme", scheme, f"is not one of {', '.join(SCHEMES)}")
    return out
