"""models.dev fields -> our schema, one small function per rule.

Every key is either mapped, counted as *unmapped* (a models.dev fact our
schema has no field for; see README: what does not map) or reported as an
*unknown key*.  A value our schema cannot hold is reported as an *invalid
value* and left out; the rest of the file is still imported.
"""

from __future__ import annotations

import re
import reprlib
from dataclasses import dataclass
from decimal import Decimal

from generator.model.records import MODALITIES
from generator.importers.free import UNCONFIRMED
from generator.importers.yaml_write import UnrepresentablePrice, price_text
from generator.importers.report import ImportReport

STATUS = {"deprecated": "deprecated", "beta": "preview", "alpha": "alpha"}
FEATURES = {
    "attachment": "file_attachments", "reasoning": "reasoning", "tool_call": "tool_calling",
    "structured_output": "structured_outputs", "temperature": "temperature",
}
PRICES = {"input": "input", "output": "output", "cache_read": "cached_input", "cache_write": "cache_write",
          "reasoning": "reasoning", "input_audio": "input_audio", "output_audio": "output_audio"}
COST_UNMAPPED = frozenset({"per_minute"})
LIMITS = {"context": "context_window", "input": "max_input_tokens", "output": "max_output_tokens"}
MODEL_KEYS = frozenset(FEATURES) | {
    "name", "family", "knowledge", "release_date", "last_updated", "open_weights", "status", "modalities",
    "limit", "cost", "reasoning_options", "interleaved", "provider", "experimental", "base_model",
    "base_model_omit", "benchmarks", "license", "links", "weights",
}
# Known models.dev facts with no field in our schema: counted, not imported.  A canonical model's
# capabilities, limits and prices are an offering's in our schema: offerings inherit them from the file.
OFFERING_UNMAPPED = frozenset({"benchmarks", "license", "links", "weights"})
MODEL_UNMAPPED = frozenset(FEATURES) | {"limit", "cost", "status", "reasoning_options", "interleaved", "provider",
                                        "experimental", "benchmarks"}
PROVIDER_KEYS = frozenset({"name", "env", "npm", "api", "doc"})
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_PARTIAL_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
_ENV = re.compile(r"^[A-Za-z0-9_]+$")  # 302AI_API_KEY: a leading digit is legal in the environment
_URL = re.compile(r"^https?://[^\s/.?#$][^\s$]*$")
MAX_SAFE_INTEGER = 2**53 - 1  # validation refuses larger integers: JSON readers lose their last digits
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxstring, _SHORT.maxother = 4, 12, 12, 120, 120


def short(value) -> str:
    """*value* as the report shows it: a repr cut short, so a huge or deeply nested input value
    makes neither a huge report nor a RecursionError."""
    return _SHORT.repr(value)


@dataclass
class Context:
    """Where findings about one input go."""

    report: ImportReport
    origin: str
    unmapped_prefix: str
    free: str | None = None  # why a price of 0 from this input means free (generator/importers/free.py)

    def invalid(self, key: str, value, why: str) -> None:
        self.report.skip(f"{self.origin} ({key})", "invalid-value", f"{short(value)} {why}; the field is left out")

    def zero_unconfirmed(self, key: str) -> bool:
        """True (reported) when a price of 0 at *key* has no reason to be believed."""
        if self.free is None:
            self.report.skip(f"{self.origin} ({key})", "unconfirmed-zero", UNCONFIRMED)
        return self.free is None

    def unknown(self, key: str) -> None:
        self.report.skip(f"{self.origin} ({key})", "unknown-key", f"`{key}` is not a models.dev field; ignored")

    def unmapped(self, key: str) -> None:
        self.report.unmapped[f"{self.unmapped_prefix}.{key}"] += 1


def is_bool(value) -> bool:
    return isinstance(value, bool)


def is_count(value) -> bool:
    """A whole number >= 0 that the catalog keeps exactly (at most 2^53 - 1)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_SAFE_INTEGER


def text(ctx: Context, key: str, value) -> str | None:
    if isinstance(value, str) and value.strip():
        return value
    ctx.invalid(key, value, "is not a non-empty string")
    return None


def day(ctx: Context, key: str, value, partial: bool = False) -> str | None:
    from generator.validation.rules import _partial_date_ok, parse_date

    pattern = _PARTIAL_DATE if partial else _DATE
    ok = isinstance(value, str) and pattern.fullmatch(value)
    if ok and (_partial_date_ok(value) if partial else parse_date(value) is not None):
        return value
    ctx.invalid(key, value, "is not a date (YYYY-MM-DD)" if not partial else "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return None


def url(ctx: Context, key: str, value) -> str | None:
    if isinstance(value, str) and _URL.fullmatch(value):
        return value
    ctx.invalid(key, value, "is not an absolute http(s) URL (templates such as ${VAR} are not URLs)")
    return None


def modality_set(ctx: Context, key: str, value) -> dict | None:
    """A models.dev list is complete: listed modalities true (in the list's order), the others false."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v in MODALITIES for v in value):
        ctx.invalid(key, value, f"is not a list of {', '.join(MODALITIES)}")
        return None
    return {**dict.fromkeys(value, True), **{m: False for m in MODALITIES if m not in value}}


def price(ctx: Context, key: str, value) -> Decimal | None:
    """A price: TOML numbers are read as Decimal, so 0.35 stays exactly 0.35.  A 0 is kept only
    when the input has a reason to be free (``ctx.free``); otherwise it is reported and left unknown."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        number = Decimal(value)
        if number.is_finite() and number >= 0:
            if number == 0 and ctx.zero_unconfirmed(key):
                return None
            if exact(number):
                return number
            ctx.invalid(key, value, "has more digits than a catalog price keeps exactly (17 significant) "
                        "or is above 2^53 - 1")
            return None
    ctx.invalid(key, value, "is not a price (a number >= 0)")
    return None


def exact(number: Decimal) -> bool:
    """True when the catalog can store *number* and read back the same Decimal."""
    try:
        price_text(number)
    except UnrepresentablePrice:
        return False
    return True


def prices(ctx: Context, key: str, table: dict, skip: frozenset = frozenset()) -> dict:
    """Our price fields from a models.dev cost table (no tiers)."""
    out = {}
    for name, value in table.items():
        if name in PRICES:
            if (p := price(ctx, f"{key}.{name}", value)) is not None:
                out[PRICES[name]] = p
        elif name in COST_UNMAPPED:
            ctx.unmapped(f"cost.{name}")
        elif name not in skip:
            ctx.unknown(f"{key}.{name}")
    return out


def pricing(ctx: Context, cost) -> dict | None:
    if not isinstance(cost, dict):
        ctx.invalid("cost", cost, "is not a table")
        return None
    out = {"currency": "USD", **prices(ctx, "cost", cost, frozenset({"tiers", "context_over_200k"}))}
    tiers = [t for t in _tiers(ctx, cost) if t]
    if tiers:
        out["tiers"] = sorted(tiers, key=lambda t: t["above_tokens"])
        sizes = [t["above_tokens"] for t in out["tiers"]]
        if len(set(sizes)) != len(sizes):
            ctx.invalid("cost.tiers", sizes, "repeats a tier size")
            del out["tiers"]
    return out if len(out) > 1 else None


def _tiers(ctx: Context, cost: dict):
    if "context_over_200k" in cost:
        table = cost["context_over_200k"]
        if isinstance(table, dict):
            yield _tier(200_000, prices(ctx, "cost.context_over_200k", table))
        else:
            ctx.invalid("cost.context_over_200k", table, "is not a table")
    tiers = cost.get("tiers", [])
    if not isinstance(tiers, list):
        ctx.invalid("cost.tiers", tiers, "is not an array of tiers")
        tiers = []
    for i, tier in enumerate(tiers):
        key = f"cost.tiers[{i}]"
        spec = tier.get("tier") if isinstance(tier, dict) else None
        if not isinstance(spec, dict) or spec.get("type", "context") != "context" or not is_count(spec.get("size")) \
                or spec["size"] < 1:
            ctx.invalid(f"{key}.tier", spec, "is not a context-size tier ({type = \"context\", size = N})")
            continue
        yield _tier(spec["size"], prices(ctx, key, tier, frozenset({"tier"})))


def _tier(size: int, fields: dict) -> dict | None:
    return {"above_tokens": size, **fields} if fields else None


def limits(ctx: Context, limit) -> dict:
    if not isinstance(limit, dict):
        ctx.invalid("limit", limit, "is not a table")
        return {}
    return token_limits(ctx, limit, "limit", LIMITS, "is how models.dev marks a limit it does not know or that "
                        "does not apply (image, audio, embedding models); it is left unknown, not imported as 0")


def token_limits(ctx: Context, table: dict, key: str, names: dict, zero_means: str) -> dict:
    """Our limits from a source's table under *key* (*names*: its limit names to ours, context first).

    A 0 is the source's "unknown" (*zero_means* says so in the report); an input or output limit
    above the context window is reported and left out.
    """
    out = {}
    for name, value in table.items():
        if name not in names:
            ctx.unknown(f"{key}.{name}")
        elif value == 0 and is_count(value):
            ctx.invalid(f"{key}.{name}", value, zero_means)
        elif is_count(value):
            out[names[name]] = value
        else:
            ctx.invalid(f"{key}.{name}", value, "is not a token count")
    context_name, *others = names
    for name in reversed(others):  # the output limit is checked first, as the reports have always listed it
        if out.get("context_window") is not None and out.get(names[name], 0) > out["context_window"]:
            ctx.invalid(f"{key}.{name}", out.pop(names[name]), f"is above {key}.{context_name} {out['context_window']}")
    return out


def features(ctx: Context, raw: dict) -> dict:
    out = {}
    for key, ours in FEATURES.items():
        if key in raw:
            if is_bool(raw[key]):
                out[ours] = raw[key]
            else:
                ctx.invalid(key, raw[key], "is not true or false")
    return out


def modalities(ctx: Context, raw) -> dict:
    if not isinstance(raw, dict):
        ctx.invalid("modalities", raw, "is not a table")
        return {}
    out = {}
    for direction, value in raw.items():
        if direction not in ("input", "output"):
            ctx.unknown(f"modalities.{direction}")
        elif (mapped := modality_set(ctx, f"modalities.{direction}", value)) is not None:
            out[direction] = mapped
    return out
