"""The name people read for each field and code of the catalog, defined once.

Docs pages, site pages and the command line all label a feature, a modality, a retention
type, a price component or a currency from these tables, so ``json_mode`` is "JSON Mode"
everywhere (never "Json mode").  The field names are :mod:`generator.model.vocabulary`'s;
a test checks every one has a label, in the same order.  Feature labels are the titles of the seed's feature
icons (``tests/golden``).
"""

from __future__ import annotations

FEATURE_LABELS = {  # in the schema's order
    "tool_calling": "Tool Calling", "tool_choice": "Tool Choice", "structured_outputs": "Structured Output",
    "json_mode": "JSON Mode", "reasoning": "Advanced Reasoning", "streaming": "Response Streaming",
    "web_search": "Web Search", "file_attachments": "File Attachments", "temperature": "Temperature",
}
MODALITY_LABELS = {"text": "Text", "image": "Image", "audio": "Audio", "video": "Video", "pdf": "PDF"}
PRICE_LABELS = {"input": "Input", "output": "Output", "cached_input": "Cached Input", "cache_write": "Cache Write",
                "reasoning": "Reasoning", "input_audio": "Audio Input", "output_audio": "Audio Output"}
RETENTION_TYPES = {"none": "No Retention", "fixed": "Fixed Duration", "conditional": "Conditional",
                   "indefinite": "Indefinite"}
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
RATE_LIMIT_LABELS = {"requests_per_minute": "Requests/min", "requests_per_day": "Requests/day",
                     "tokens_per_minute": "Tokens/min", "tokens_per_day": "Tokens/day"}
DIRECTIONS = {"input": "Input", "output": "Output"}


def feature(key: str) -> str:
    return FEATURE_LABELS.get(key, key)


def modality(key: str) -> str:
    return MODALITY_LABELS.get(key, key)


def retention_type(kind: str | None) -> str | None:
    """The label of a retention type; None (unknown) stays None for the caller's unknown marker."""
    return None if kind is None else RETENTION_TYPES.get(kind, kind)


def price_component(name: str) -> str:
    return PRICE_LABELS.get(name, name)
