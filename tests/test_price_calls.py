"""A golden set of real calls priced by hand from the sources' numbers (tests/fixtures/calls/README.md):
each asserts the exact Decimal total and every line (unit, quantity, rate, amount)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from generator.catalog.load import load_catalog

CALLS = Path(__file__).parent / "fixtures" / "calls"
D = Decimal


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CALLS)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def lines(bill) -> list[tuple]:
    return [(l.unit, l.quantity, l.rate, l.amount) for l in bill.lines]


GOLDEN = [  # (name, ref, usage, options, total, lines: (unit, quantity, rate, amount))
    ("gpt-4o standard", "openai/gpt-4o", {"input_tokens": 1_000_000, "output_tokens": 200_000}, {}, "4.5",
     [("input", 1_000_000, "2.5", "2.5"), ("output", 200_000, "10", "2")]),
    ("gpt-4o batch", "openai/gpt-4o", {"input_tokens": 1_000_000, "output_tokens": 200_000}, {"tier": "batch"},
     "2.25", [("input", 1_000_000, "1.25", "1.25"), ("output", 200_000, "5", "1")]),
    ("gpt-4o priority with cache", "openai/gpt-4o",
     {"input_tokens": 10_000, "cached_tokens": 2_000, "output_tokens": 1_000}, {"tier": "priority"}, "0.06375",
     [("input", 10_000, "4.25", "0.0425"), ("cached_input", 2_000, "2.125", "0.00425"),
      ("output", 1_000, "17", "0.017")]),
    ("gpt-5 flex", "openai/gpt-5", {"input_tokens": 100_000, "cached_tokens": 20_000, "output_tokens": 50_000},
     {"tier": "flex"}, "0.31375",
     [("input", 100_000, "0.625", "0.0625"), ("cached_input", 20_000, "0.0625", "0.00125"),
      ("output", 50_000, "5", "0.25")]),
    ("gpt-5 priority", "openai/gpt-5", {"input_tokens": 1_234, "output_tokens": 5_678}, {"tier": "priority"},
     "0.116645", [("input", 1_234, "2.5", "0.003085"), ("output", 5_678, "20", "0.11356")]),
    ("gemini priority above 200k", "google/gemini-3-pro-preview",
     {"input_tokens": 250_000, "cached_tokens": 10_000, "output_tokens": 10_000}, {"tier": "priority"}, "2.1312",
     [("input", 250_000, "7.2", "1.8"), ("cached_input", 10_000, "0.72", "0.0072"),
      ("output", 10_000, "32.4", "0.324")]),
    ("gemini priority below 200k", "google/gemini-3-pro-preview", {"input_tokens": 100_000, "output_tokens": 1_000},
     {"tier": "priority"}, "0.3816", [("input", 100_000, "3.6", "0.36"), ("output", 1_000, "21.6", "0.0216")]),
    ("gemini priority at exactly 200k", "google/gemini-3-pro-preview", {"input_tokens": 200_000},
     {"tier": "priority"}, "0.72", [("input", 200_000, "3.6", "0.72")]),
    ("gemini standard above 200k", "google/gemini-3-pro-preview", {"input_tokens": 300_000, "output_tokens": 2_000},
     {}, "1.236", [("input", 300_000, "4", "1.2"), ("output", 2_000, "18", "0.036")]),
    ("gemini batch below 200k", "google/gemini-3-pro-preview", {"input_tokens": 100_000, "output_tokens": 10_000},
     {"tier": "batch"}, "0.16", [("input", 100_000, "1", "0.1"), ("output", 10_000, "6", "0.06")]),
    ("claude 1-hour cache write", "anthropic/claude-opus-4-1-20250805",
     {"input_tokens": 1_000, "cache_write_1h_tokens": 100_000, "cached_tokens": 50_000, "output_tokens": 2_000}, {},
     "3.24", [("input", 1_000, "15", "0.015"), ("cache_write_1h", 100_000, "30", "3"),
              ("cached_input", 50_000, "1.5", "0.075"), ("output", 2_000, "75", "0.15")]),
    ("claude 5-minute cache write", "anthropic/claude-opus-4-1-20250805", {"cache_write_tokens": 100_000}, {},
     "1.875", [("cache_write", 100_000, "18.75", "1.875")]),
    ("claude search-grounded", "anthropic/claude-opus-4-1-20250805",
     {"input_tokens": 10_000, "output_tokens": 1_000, "searches": 3}, {"quality": "medium"}, "0.255",
     [("input", 10_000, "15", "0.15"), ("output", 1_000, "75", "0.075"), ("search", 3, "0.01", "0.03")]),
    ("gpt-4o search, high context", "openai/gpt-4o-search-preview",
     {"input_tokens": 1_000, "output_tokens": 500, "searches": 2}, {"quality": "high"}, "0.1075",
     [("input", 1_000, "2.5", "0.0025"), ("output", 500, "10", "0.005"), ("search", 2, "0.05", "0.1")]),
    ("gpt-4o search, low context", "openai/gpt-4o-search-preview", {"searches": 10}, {"quality": "low"}, "0.3",
     [("search", 10, "0.03", "0.3")]),
    ("transcription by the second", "openai/whisper-1", {"input_seconds": 600}, {}, "0.06",
     [("input_second", 600, "0.0001", "0.06")]),
    ("text-to-speech by the character", "openai/tts-1", {"characters": 1_000}, {}, "0.015",
     [("input_character", 1_000, "0.000015", "0.015")]),
    ("image generation", "google-vertex/imagen-4.0-generate-001", {"images": 4}, {}, "0.16",
     [("image", 4, "0.04", "0.16")]),
    ("image with prompt tokens", "google/gemini-2.5-flash-image", {"input_tokens": 100, "images": 1}, {}, "0.03903",
     [("input", 100, "0.3", "0.00003"), ("image", 1, "0.039", "0.039")]),
    ("image output tokens", "google/gemini-2.5-flash-image", {"output_image_tokens": 1_290}, {}, "0.0387",
     [("output_image_token", 1_290, "30", "0.0387")]),
    ("reasoning billed apart", "google/gemini-2.5-flash-image", {"output_tokens": 10_000, "reasoning_tokens": 4_000},
     {}, "0.025", [("output", 6_000, "2.5", "0.015"), ("reasoning", 4_000, "2.5", "0.01")]),
    ("audio input tokens", "google/gemini-2.5-flash-image", {"input_audio_tokens": 50_000}, {}, "0.05",
     [("input_audio", 50_000, "1", "0.05")]),
    ("deepseek off-peak", "deepseek/deepseek-chat",
     {"input_tokens": 1_000_000, "cached_tokens": 1_000_000, "output_tokens": 100_000},
     {"when": utc("2025-03-10T17:00")}, "0.225",
     [("input", 1_000_000, "0.135", "0.135"), ("cached_input", 1_000_000, "0.035", "0.035"),
      ("output", 100_000, "0.55", "0.055")]),
    ("deepseek off-peak after midnight", "deepseek/deepseek-chat",
     {"input_tokens": 1_000_000, "cached_tokens": 1_000_000, "output_tokens": 100_000},
     {"when": utc("2025-03-11T00:15")}, "0.225",
     [("input", 1_000_000, "0.135", "0.135"), ("cached_input", 1_000_000, "0.035", "0.035"),
      ("output", 100_000, "0.55", "0.055")]),
    ("deepseek peak", "deepseek/deepseek-chat",
     {"input_tokens": 1_000_000, "cached_tokens": 1_000_000, "output_tokens": 100_000},
     {"when": utc("2025-03-10T12:00")}, "0.45",
     [("input", 1_000_000, "0.27", "0.27"), ("cached_input", 1_000_000, "0.07", "0.07"),
      ("output", 100_000, "1.1", "0.11")]),
    ("deepseek at 00:30, the window's end", "deepseek/deepseek-chat", {"input_tokens": 1_000_000},
     {"when": utc("2025-03-11T00:30")}, "0.27", [("input", 1_000_000, "0.27", "0.27")]),
    ("deepseek at 16:30, the window's start", "deepseek/deepseek-chat", {"input_tokens": 1_000_000},
     {"when": utc("2025-03-11T16:30")}, "0.135", [("input", 1_000_000, "0.135", "0.135")]),
    ("deepseek V3.1 price", "deepseek/deepseek-chat",
     {"input_tokens": 1_000_000, "cached_tokens": 1_000_000, "output_tokens": 100_000},
     {"when": utc("2025-09-10T17:00")}, "0.798",
     [("input", 1_000_000, "0.56", "0.56"), ("cached_input", 1_000_000, "0.07", "0.07"),
      ("output", 100_000, "1.68", "0.168")]),
    ("deepseek now", "deepseek/deepseek-chat",
     {"input_tokens": 1_000_000, "cached_tokens": 1_000_000, "output_tokens": 100_000},
     {"when": utc("2026-01-05T03:00")}, "0.35",
     [("input", 1_000_000, "0.28", "0.28"), ("cached_input", 1_000_000, "0.028", "0.028"),
      ("output", 100_000, "0.42", "0.042")]),
    ("bedrock regional price", "amazon-bedrock/deepseek.v3.2", {"input_tokens": 1_000_000, "output_tokens": 500_000},
     {"region": "ap-south-1"}, "1.85", [("input", 1_000_000, "0.74", "0.74"), ("output", 500_000, "2.22", "1.11")]),
    ("bedrock without a region", "amazon-bedrock/deepseek.v3.2", {"input_tokens": 1_000_000, "output_tokens": 500_000},
     {}, "1.545", [("input", 1_000_000, "0.62", "0.62"), ("output", 500_000, "1.85", "0.925")]),
    ("openrouter gateway", "openrouter/openai/gpt-4o", {"input_tokens": 3, "output_tokens": 7}, {}, "0.0000775",
     [("input", 3, "2.5", "0.0000075"), ("output", 7, "10", "0.00007")]),
]


@pytest.mark.parametrize("name, ref, usage, options, total, expected", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_call(catalog, name, ref, usage, options, total, expected):
    bill = catalog.price(ref, usage, **options)
    assert bill.amount == D(total) and str(bill.amount) == total  # exact, no trailing zeros
    assert lines(bill) == [(u, q, D(r), D(a)) for u, q, r, a in expected]
    assert bill.currency == "USD" and bill.unknown == ()


def test_golden_set_is_large_enough():
    assert len(GOLDEN) >= 30


UNKNOWN = [  # a condition the catalog has no price for: the line and the total unknown, never standard, never 0
    ("batch without a batch cached rate", "openai/gpt-4o", {"input_tokens": 10, "cached_tokens": 10},
     {"tier": "batch"}, ["cached_input"]),
    ("no flex tier", "openai/gpt-4o", {"input_tokens": 10, "output_tokens": 10}, {"tier": "flex"},
     ["input", "output"]),
    ("batch above a threshold it was not stated for", "google/gemini-3-pro-preview",
     {"input_tokens": 250_000, "output_tokens": 10}, {"tier": "batch"}, ["input", "output"]),
    ("a region with no regional price", "amazon-bedrock/deepseek.v3.2", {"input_tokens": 10},
     {"region": "eu-west-1"}, ["input"]),
    ("a search with no context size", "openai/gpt-4o-search-preview", {"searches": 1}, {}, ["search"]),
    ("a unit with no rate", "openai/tts-1", {"input_tokens": 10, "characters": 10}, {}, ["input"]),
    ("transcription in the batch tier", "openai/whisper-1", {"input_seconds": 10}, {"tier": "batch"},
     ["input_second"]),
]


@pytest.mark.parametrize("name, ref, usage, options, unknown", UNKNOWN, ids=[u[0] for u in UNKNOWN])
def test_unknown_condition_makes_the_total_unknown(catalog, name, ref, usage, options, unknown):
    bill = catalog.price(ref, usage, **options)
    assert bill.amount is None
    assert [l.unit for l in bill.unknown] == unknown
    assert all(l.rate is None and l.reason for l in bill.unknown)
    assert all(l.amount is not None for l in bill.lines if l.unit not in unknown)  # the rest stays itemised


def test_no_price_on_that_day_is_one_unknown_line(catalog):
    bill = catalog.price("deepseek/deepseek-chat", {"input_tokens": 1}, at=date(2025, 1, 1))
    assert bill.amount is None and [(l.unit, l.reason) for l in bill.lines] == [
        ("price", "no price is known on 2025-01-01")]


def test_at_overrides_the_day_of_when(catalog):
    """*at* picks the entry; *when* still picks the window inside it."""
    bill = catalog.price("deepseek/deepseek-chat", {"input_tokens": 1_000_000}, at=date(2025, 3, 1),
                         when=utc("2026-01-05T17:00"))
    assert bill.amount == D("0.135") and bill.effective_from == date(2025, 2, 26)


def test_applied_conditions_are_named(catalog):
    bill = catalog.price("google/gemini-3-pro-preview", {"input_tokens": 250_000}, tier="priority")
    assert bill.lines[0].applied.conditions() == {"tier": "priority", "above_tokens": 200_000}
    off_peak = catalog.price("deepseek/deepseek-chat", {"input_tokens": 1}, when=utc("2025-03-10T17:00"))
    assert off_peak.lines[0].applied.conditions() == {"window": "16:30-00:30 UTC"}


@pytest.mark.parametrize("usage, message", [
    ({"input_tokens": -1}, "0 or more: input_tokens"),
    ({"input_tokens": 1.5}, "0 or more: input_tokens"),
    ({"input_tokens": True}, "0 or more: input_tokens"),
    ({"tokens": 1}, r"unknown usage count\(s\) tokens;"),
    ({"output_tokens": 1, "reasoning_tokens": 2}, "cannot exceed"),
])
def test_bad_usage_is_refused(catalog, usage, message):
    with pytest.raises(ValueError, match=message):
        catalog.price("openai/gpt-4o", usage)


def test_bad_call_options_are_refused(catalog):
    with pytest.raises(ValueError, match="unknown service tier `fast`"):
        catalog.price("openai/gpt-4o", {"input_tokens": 1}, tier="fast")
    with pytest.raises(ValueError, match="time zone"):
        catalog.price("openai/gpt-4o", {"input_tokens": 1}, when=datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="WIDTHxHEIGHT"):
        catalog.price("openai/gpt-4o", {"images": 1}, size="big")
