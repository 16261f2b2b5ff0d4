"""Conditional prices as readable text: a rate with its unit (``$0.04 per image``, ``$1.25/1M``) and the
conditions it applies under, for the offering page's table and the CLI."""

from __future__ import annotations

from decimal import Decimal

from generator.model.vocabulary import TOKEN_UNITS
from generator.present import format as fmt

UNIT_LABELS = {
    "input": "Input tokens", "output": "Output tokens", "cached_input": "Cached input tokens",
    "cache_write": "Cache write tokens (5 min)", "cache_write_1h": "Cache write tokens (1 hour)",
    "reasoning": "Reasoning tokens", "input_audio": "Audio input tokens", "output_audio": "Audio output tokens",
    "cached_input_audio": "Cached audio input tokens", "cache_write_audio": "Audio cache write tokens",
    "input_image_token": "Image input tokens", "output_image_token": "Image output tokens",
    "cached_input_image_token": "Cached image input tokens", "citation": "Citation tokens",
    "image": "Generated image", "input_image": "Input image", "input_pixel": "Input pixel",
    "output_pixel": "Output pixel", "input_second": "Second of input", "output_second": "Second of output",
    "input_audio_second": "Second of input audio", "input_video_second": "Second of input video",
    "output_video_second": "Second of output video", "input_character": "Input character",
    "output_character": "Output character", "request": "Request", "query": "Query", "search": "Web search",
    "page": "Page", "annotation_page": "Annotated page", "session": "Session",
}
TOKEN_UNIT_SET = frozenset(TOKEN_UNITS)


def unit_label(unit: str) -> str:
    return UNIT_LABELS.get(unit, unit)


def rate_text(rate: Decimal, unit: str, currency: str) -> str:
    """``$1.25/1M`` for a token unit, ``$0.04 each`` for a count; ``Free`` for 0."""
    if unit in TOKEN_UNIT_SET or rate == 0:
        return fmt.money(rate, currency)
    return f"{fmt.cost(rate, currency)} each"


def window_text(window) -> str:
    days = f" ({', '.join(window.days)})" if window.days else ""
    return f"{window.start}-{window.end} UTC{days}"


def conditions(item) -> list[str]:
    """The conditions of a ConditionalPrice, in the table's column order; ``-`` where none is stated."""
    return [item.tier or "standard", item.region or "-", window_text(item.window) if item.window else "-",
            fmt.number(item.above_tokens) if item.above_tokens else "-", item.quality or "-", item.size or "-"]


HEADERS = ("Unit", "Rate", "Tier", "Region", "Time (UTC)", "Prompt Above", "Quality", "Size")


def stated(item) -> str:
    """``priority, prompt above 200,000 tokens``: the conditions an item states, in words ("" for none)."""
    parts = [item.tier or "", f"region {item.region}" if item.region else "",
             window_text(item.window) if item.window else "",
             f"prompt above {fmt.number(item.above_tokens)} tokens" if item.above_tokens else "",
             f"quality {item.quality}" if item.quality else "", f"size {item.size}" if item.size else ""]
    return ", ".join(p for p in parts if p)
