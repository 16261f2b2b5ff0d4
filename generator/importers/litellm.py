"""Read LiteLLM's ``model_prices_and_context_window.json`` into catalog documents.

Costs per token become exact prices per million: the JSON is parsed with
``parse_float=Decimal``, so ``3.5e-07`` is ``Decimal('3.5E-7')`` and
``scaleb(6)`` makes it exactly ``0.35`` (no binary float is ever multiplied).
``litellm_provider`` is mapped through :mod:`.litellm_providers`; entries of an
unmapped provider are skipped and reported.  ``sample_spec`` documents the
format and is skipped (reported too).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from generator.model.layout import offering_path, provider_path
from generator.importers.free import free_reason
from generator.importers.inputs import FAILED, read_json
from generator.importers.items import Batch, Item
from generator.importers.litellm_costs import conditional_order, is_cost, pricing as litellm_pricing, rate
from generator.importers.litellm_regions import region_items, regional
from generator.importers.litellm_providers import PROVIDERS, UNMAPPED_WHY
from generator.importers.models_dev_map import MAX_SAFE_INTEGER, Context, day, exact, is_bool, is_count, short
from generator.importers.report import ImportReport

IMPORTER = "litellm"
KINDS = {
    "chat": "chat", "responses": "chat", "completion": "completion", "embedding": "embedding",
    "rerank": "rerank", "moderation": "moderation", "image_generation": "image_generation",
    "image_edit": "image_edit", "video_generation": "video_generation", "audio_speech": "speech",
    "audio_transcription": "transcription", "realtime": "realtime", "ocr": "ocr", "search": "search",
}
FEATURES = {
    "supports_function_calling": "tool_calling", "supports_tool_choice": "tool_choice",
    "supports_response_schema": "structured_outputs", "supports_reasoning": "reasoning",
    "supports_web_search": "web_search", "supports_native_streaming": "streaming",
}
MODALITIES = {
    "supports_vision": ("input", "image"), "supports_pdf_input": ("input", "pdf"),
    "supports_audio_input": ("input", "audio"), "supports_video_input": ("input", "video"),
    "supports_audio_output": ("output", "audio"),
}
LIMITS = {"max_input_tokens": "max_input_tokens", "max_output_tokens": "max_output_tokens"}
RATE_LIMITS = {"rpm": "requests_per_minute", "tpm": "tokens_per_minute"}
HANDLED = frozenset(FEATURES) | set(MODALITIES) | set(LIMITS) | set(RATE_LIMITS) | {
    "litellm_provider", "mode", "deprecation_date", "source"}


def read(path: Path, commit: str | None = None, accessed: str | None = None) -> Batch:
    """Every entry of the LiteLLM file at *path* as offerings (and their providers)."""
    path = Path(path)
    label = f"LiteLLM {path.name}" + "".join(f" {k} {v}" for k, v in (("commit", commit), ("read", accessed)) if v)
    batch = Batch(IMPORTER, label, ImportReport(IMPORTER, str(path)))
    repeated: list[str] = []
    entries = read_json(path, batch.report, "offerings", repeated)
    if entries is FAILED:
        return batch
    if not isinstance(entries, dict):
        batch.report.skip(str(path), "invalid-value", "the file is not a JSON object of model entries", "offerings")
        return batch
    for key in repeated:
        batch.report.skip(key, "duplicate", "the key is given more than once in the JSON; only its last value "
                          "is read", "offerings" if key in entries else "")
    providers: set[str] = set()
    by_base, base_of = regional(entries)
    for key in sorted(entries):
        if key in base_of:
            batch.report.skip(key, "merged", f"regional prices of `{base_of[key]}`: its pricing.conditional "
                              "items with this region", "offerings")
            continue
        regions = [(region, entries[k], k) for region, k in by_base.get(key, ())]
        _entry(key, entries[key], batch, providers, regions)
    return batch


def _entry(key: str, raw, batch: Batch, providers: set[str], regions: list = ()) -> None:
    report = batch.report
    if key == "sample_spec":
        report.skip(key, "no-data", "documents LiteLLM's fields; not a model", "offerings")
        return
    if not isinstance(raw, dict):
        report.skip(key, "invalid-value", "the entry is not a JSON object", "offerings")
        return
    name = raw.get("litellm_provider")
    target = PROVIDERS.get(name) if isinstance(name, str) else None
    if target is None:
        why = UNMAPPED_WHY.get(name, "add it to generator/importers/litellm_providers.py if it is a provider") \
            if isinstance(name, str) else "is not a provider name (a string)"
        report.skip(key, "unmapped-provider", f"litellm_provider {short(name)}: {why}", "offerings")
        return
    offering_id = _own_id(key, target.prefixes)
    if not offering_id or len(offering_id) > 200 or any(ord(c) < 32 or ord(c) == 127 for c in offering_id):
        report.skip(key, "bad-id", f"`{offering_id}` is empty, too long or holds control characters", "offerings")
        return
    if target.provider_id not in providers:
        providers.add(target.provider_id)
        batch.add(Item("provider", provider_path(target.provider_id),
                       {"id": target.provider_id, "name": target.name}, f"litellm_provider {name}"))
    ctx = Context(report, key, "litellm", free_reason(target.provider_id, key))
    data, url = offering(ctx, offering_id, raw)
    _add_regions(data, regions, report, target.provider_id)
    batch.add(Item("offering", offering_path(target.provider_id, offering_id), data, key, url))


def _add_regions(data: dict, regions: list, report, provider_id: str) -> None:
    """The regional entries' costs as the offering's regional rates (see :mod:`.litellm_regions`)."""
    items = []
    for region, raw, key in regions:
        items += region_items(Context(report, key, "litellm", free_reason(provider_id, key)), region, raw)
    if items:
        pricing = data.setdefault("pricing", {"currency": "USD"})
        pricing["conditional"] = sorted([*pricing.get("conditional", ()), *items], key=conditional_order)


def _own_id(key: str, prefixes: tuple[str, ...]) -> str:
    first, sep, rest = key.partition("/")
    return rest if sep and first in prefixes else key


def per_million(ctx: Context, key: str, value) -> Decimal | None:
    """A per-token cost as an exact price per million tokens; a 0 only with a reason to be free."""
    return rate(ctx, key, value, "input")


def offering(ctx: Context, offering_id: str, raw: dict) -> tuple[dict, str | None]:
    data: dict = {"id": offering_id}
    mode = raw.get("mode")
    if mode is not None:
        if isinstance(mode, str) and mode in KINDS:
            data["kind"] = KINDS[mode]
        else:
            ctx.invalid("mode", mode, f"is not one of {', '.join(sorted(KINDS))}")
    data.update({ours: v for k, ours in LIMITS.items() if k in raw and (v := _count(ctx, k, raw[k])) is not None})
    if pricing := litellm_pricing(ctx, raw):
        data["pricing"] = pricing
    if limits := {ours: v for k, ours in RATE_LIMITS.items() if k in raw and (v := _count(ctx, k, raw[k])) is not None}:
        data["rate_limits"] = [limits]
    _flags(ctx, raw, data)
    if "deprecation_date" in raw and (when := day(ctx, "deprecation_date", raw["deprecation_date"])):
        data["deprecation_date"] = when
    url = raw.get("source")
    if url is not None and not (isinstance(url, str) and re.match(r"^https?://[^\s/.?#][^\s]*$", url)):
        ctx.invalid("source", url, "is not an http(s) URL")
        url = None
    for key in raw.keys() - HANDLED:
        if not is_cost(key):
            ctx.unmapped(key)
    return data, url


def _count(ctx: Context, key: str, value) -> int | None:
    """A limit or rate as an int.  LiteLLM writes some as floats (``2000000.0``); JSON has one number
    type, so a float with no fraction is the same whole number, kept if validation would keep it."""
    number = Decimal(value) if isinstance(value, (Decimal, float)) else value
    if isinstance(number, Decimal) and number.is_finite() and number == number.to_integral_value():
        number = int(number) if number <= MAX_SAFE_INTEGER else MAX_SAFE_INTEGER + 1  # no int of 1E+999999
    if is_count(number):
        return number
    if isinstance(number, int) and not isinstance(number, bool) and number > MAX_SAFE_INTEGER:
        ctx.invalid(key, value, f"is above {MAX_SAFE_INTEGER:,}, the largest whole number JSON readers keep exactly")
    else:
        ctx.invalid(key, value, "is not a whole number >= 0")
    return None


def _flags(ctx: Context, raw: dict, data: dict) -> None:
    for key, ours in FEATURES.items():
        if key in raw:
            if is_bool(raw[key]):
                data.setdefault("features", {})[ours] = raw[key]
            else:
                ctx.invalid(key, raw[key], "is not true or false")
    for key, (direction, modality) in MODALITIES.items():
        if key in raw:
            if is_bool(raw[key]):
                data.setdefault("modalities", {}).setdefault(direction, {})[modality] = raw[key]
            else:
                ctx.invalid(key, raw[key], "is not true or false")
