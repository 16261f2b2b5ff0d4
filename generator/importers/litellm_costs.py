"""LiteLLM's cost keys as one price entry: flat rates, prompt-size tiers and conditional rates.

LiteLLM writes a condition into the key's name: ``<cost>[_above_<N>k_tokens][_<tier>]``
(``input_cost_per_token_above_200k_tokens_priority``), where ``<cost>`` is one of
:data:`UNITS` and ``<tier>`` is ``batches`` / ``batch_requests`` (batch), ``flex``
or ``priority``.  A few keys state an image size or quality (:data:`IMAGE_KEYS`),
``search_context_cost_per_query`` holds one rate per search context size and
``tiered_pricing`` lists rates by prompt range.  Costs per token become exact
prices per million; costs per image, second, character, query, page ... stay per
one.  The keys listed in :data:`NOT_MAPPED` are reported, with the reason
written on the guide's importing page.
"""

from __future__ import annotations

import re
from decimal import Decimal

from generator.importers.models_dev_map import Context, exact
from generator.model.vocabulary import PRICE_FIELDS, TOKEN_UNITS

UNITS = {  # LiteLLM's cost name -> our unit
    "input_cost_per_token": "input", "output_cost_per_token": "output",
    "cache_read_input_token_cost": "cached_input", "input_cost_per_token_cache_hit": "cached_input",
    "cache_creation_input_token_cost": "cache_write", "cache_creation_input_token_cost_above_1hr": "cache_write_1h",
    "output_cost_per_reasoning_token": "reasoning",
    "input_cost_per_audio_token": "input_audio", "output_cost_per_audio_token": "output_audio",
    "cache_read_input_audio_token_cost": "cached_input_audio",
    "cache_read_input_token_cost_per_audio_token": "cached_input_audio",
    "cache_creation_input_audio_token_cost": "cache_write_audio",
    "input_cost_per_image_token": "input_image_token", "output_cost_per_image_token": "output_image_token",
    "cache_read_input_image_token_cost": "cached_input_image_token", "citation_cost_per_token": "citation",
    "input_cost_per_image": "input_image", "output_cost_per_image": "image",
    "input_cost_per_pixel": "input_pixel", "output_cost_per_pixel": "output_pixel",
    "input_cost_per_second": "input_second", "output_cost_per_second": "output_second",
    "input_cost_per_audio_per_second": "input_audio_second", "input_cost_per_video_per_second": "input_video_second",
    "output_cost_per_video_per_second": "output_video_second",
    "input_cost_per_character": "input_character", "output_cost_per_character": "output_character",
    "input_cost_per_query": "query", "input_cost_per_request": "request", "ocr_cost_per_page": "page",
    "annotation_cost_per_page": "annotation_page", "code_interpreter_cost_per_session": "session",
}
TIERS = {"batches": "batch", "batch_requests": "batch", "flex": "flex", "priority": "priority"}
KEY = re.compile(r"^(?P<cost>.+?)(?:_above_(?P<k>[0-9]+)k_tokens)?(?:_(?P<tier>batches|batch_requests|flex|priority))?$")
IMAGE_KEYS = {  # key -> (unit, conditions)
    "output_cost_per_image_premium_image": ("image", {"quality": "premium"}),
    "output_cost_per_image_above_512_and_512_pixels": ("image", {"size": ">512x512"}),
    "output_cost_per_image_above_512_and_512_pixels_and_premium_image":
        ("image", {"size": ">512x512", "quality": "premium"}),
    "output_cost_per_image_above_1024_and_1024_pixels": ("image", {"size": ">1024x1024"}),
    "output_cost_per_image_above_1024_and_1024_pixels_and_premium_image":
        ("image", {"size": ">1024x1024", "quality": "premium"}),
}
SEARCH_KEY, TIERED_KEY = "search_context_cost_per_query", "tiered_pricing"
SEARCH_SIZES = {"search_context_size_low": "low", "search_context_size_medium": "medium",
                "search_context_size_high": "high"}
NOT_MAPPED = {  # reported as unmapped; the guide's importing page gives the reason
    "input_dbu_cost_per_token", "output_dbu_cost_per_token",
    "input_cost_per_video_per_second_above_8s_interval", "input_cost_per_video_per_second_above_15s_interval",
}
TOKEN_UNIT_SET = frozenset(TOKEN_UNITS)


def parse(key: str) -> tuple[str, dict] | None:
    """``(unit, conditions)`` a cost key states; None for a key that is not a cost we map."""
    if key in IMAGE_KEYS:
        unit, conditions = IMAGE_KEYS[key]
        return unit, dict(conditions)
    if key in NOT_MAPPED or not (match := KEY.match(key)) or match["cost"] not in UNITS:
        return None
    conditions = {}
    if match["tier"]:
        conditions["tier"] = TIERS[match["tier"]]
    if match["k"]:
        conditions["above_tokens"] = int(match["k"]) * 1000
    return UNITS[match["cost"]], conditions


def is_cost(key: str) -> bool:
    return key in (SEARCH_KEY, TIERED_KEY) or parse(key) is not None


def rate(ctx: Context, key: str, value, unit: str) -> Decimal | None:
    """An exact rate: per million for a token unit, per one otherwise; a 0 only with a reason to be free."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and Decimal(value).is_finite() and value >= 0:
        if value == 0 and ctx.zero_unconfirmed(key):
            return None
        number = Decimal(value)
        number = (number.scaleb(6) if unit in TOKEN_UNIT_SET else number).normalize()
        if exact(number):
            return number
    per = "per token" if unit in TOKEN_UNIT_SET else f"per {unit.replace('_', ' ')}"
    ctx.invalid(key, value, f"is not a cost {per} that a catalog price can hold exactly")
    return None


def pricing(ctx: Context, raw: dict) -> dict:
    """The price entry (``{}`` when no cost is known): flat rates, ``tiers`` and ``conditional`` items."""
    flat: dict[str, Decimal] = {}
    tiers: dict[int, dict] = {}
    items: list[dict] = []
    for key in sorted(raw):
        if (parsed := parse(key)) is None:
            continue
        unit, conditions = parsed
        if conditions.get("above_tokens") == 0:
            ctx.invalid(key, raw[key], "is a tier above 0 tokens, which is the base price; a tier starts above 1k")
        elif (value := rate(ctx, key, raw[key], unit)) is not None:
            _place(ctx, key, unit, conditions, value, flat, tiers, items)
    items += _search(ctx, raw.get(SEARCH_KEY)) if SEARCH_KEY in raw else []
    if TIERED_KEY in raw:
        _tiered(ctx, raw[TIERED_KEY], flat, tiers)
    if not (flat or tiers or items):
        return {}
    out = {"currency": "USD", **{k: flat[k] for k in PRICE_FIELDS if k in flat}}
    if tiers:
        out["tiers"] = [{"above_tokens": size, **prices} for size, prices in sorted(tiers.items())]
    if items:
        out["conditional"] = sorted(items, key=conditional_order)
    return out


def _place(ctx, key, unit, conditions, value, flat, tiers, items) -> None:
    """A flat rate, a tier's rate (a flat unit above a size) or a conditional item."""
    if unit in PRICE_FIELDS and not conditions:
        _put(ctx, key, unit, value, flat)
    elif unit in PRICE_FIELDS and set(conditions) == {"above_tokens"}:
        _put(ctx, key, unit, value, tiers.setdefault(conditions["above_tokens"], {}))
    else:
        items.append({"unit": unit, "rate": value, **conditions})


def _put(ctx: Context, key: str, unit: str, value: Decimal, rates: dict) -> None:
    """*value* as the *unit* rate of *rates* (the flat rates or one tier's), unless another key gave a
    different one: then reported, and the first kept."""
    if rates.get(unit, value) != value:
        ctx.invalid(key, value, f"disagrees with another key giving the {unit} rate ({rates[unit]} per million)")
    else:
        rates[unit] = value


def _search(ctx: Context, value) -> list[dict]:
    if not isinstance(value, dict) or not set(value) <= set(SEARCH_SIZES):
        ctx.invalid(SEARCH_KEY, value, f"is not an object of {', '.join(SEARCH_SIZES)}")
        return []
    found = []
    for name, quality in SEARCH_SIZES.items():
        if name in value and (r := rate(ctx, f"{SEARCH_KEY}.{name}", value[name], "search")) is not None:
            found.append({"unit": "search", "rate": r, "quality": quality})
    return found


def _tiered(ctx: Context, value, flat: dict, tiers: dict) -> None:
    """``tiered_pricing``: token rates by prompt range; the range from 0 is the base, the others tiers."""
    if not isinstance(value, list) or not all(_token_range(r) for r in value):
        ctx.invalid(TIERED_KEY, value, "is not a list of token rates each with a `range` [from, to] of whole "
                    "numbers (a `max_results_range` prices searches by result count, which we do not hold)")
        return
    for band in value:
        low = int(band["range"][0])
        for key in sorted(set(band) - {"range"}):
            unit = UNITS.get(key)
            if unit not in PRICE_FIELDS:
                ctx.invalid(f"{TIERED_KEY}.{key}", band[key], "is not a token rate we map")
            elif (r := rate(ctx, f"{TIERED_KEY}.{key}", band[key], unit)) is not None:
                _put(ctx, f"{TIERED_KEY}.{key}", unit, r, flat if low == 0 else tiers.setdefault(low, {}))


def _token_range(band) -> bool:
    bounds = band.get("range") if isinstance(band, dict) else None
    return (isinstance(bounds, list) and len(bounds) == 2
            and all(isinstance(b, (int, Decimal)) and not isinstance(b, bool) and b == int(b) >= 0 for b in bounds))


def conditional_order(item: dict) -> tuple:
    """Grouped as a reader looks for them: by tier, region, then prompt size, quality and size, then unit."""
    return (item.get("tier", ""), item.get("region", ""), item.get("above_tokens", 0), item.get("quality", ""),
            item.get("size", ""), item["unit"])
