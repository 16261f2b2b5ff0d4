"""What a canonical model's page and the home page say about a model across its offerings.

Pure functions over a model's offerings (cheapest first, as ``Views.offered_by`` returns them),
registered as Jinja filters: the largest known context and output limit, the capabilities and
modalities known at one provider at least, and their icons (emoji in the Markdown, each in a span
titled with its name; the site shows them as icons with that name, see ``assets/pages.js``).
An unknown stays unknown: a limit no offering gives is N/A, never 0.
"""

from __future__ import annotations

from generator.model.records import Offering
from generator.present import format as fmt
from generator.present import labels

MODALITY_ICONS = {"text": "📝", "image": "🖼️", "audio": "🔊", "video": "🎥", "pdf": "📄"}
HOME_MODELS = 50  # rows of the home page's "Most Widely Served Models"
HOME_CHANGES = 10  # rows of the home page's "Recent Changes"
CAPABILITY_ICONS = {  # the seed's feature icons, for the features people compare models by
    "tool_calling": "🔧", "structured_outputs": "📊", "reasoning": "🧠", "web_search": "🔍",
    "file_attachments": "📎", "streaming": "⚡",
}


def largest(offerings: list[Offering], field: str) -> int | None:
    """The largest known value of *field* (``context_window``, ``max_output_tokens``); None if none is known."""
    known = [getattr(o, field) for o in offerings if getattr(o, field) is not None]
    return max(known) if known else None


def capabilities(offerings: list[Offering]) -> list[str]:
    """The capability keys (of :data:`CAPABILITY_ICONS`) some offering is known to support, in that order."""
    return [key for key in CAPABILITY_ICONS if any(getattr(o.features, key) is True for o in offerings)]


def modalities(offerings: list[Offering], direction: str, model=None) -> list[str]:
    """The modality keys known supported in *direction* by the model or one of its offerings."""
    sources = [o.modalities for o in offerings] + ([model.modalities] if model is not None else [])
    return [key for key in MODALITY_ICONS if any(getattr(m, direction).get(key) is True for m in sources)]


def icon(emoji: str, title: str) -> str:
    """One icon as Markdown's inline HTML: the emoji in a span titled with its name (title escaped by the caller)."""
    return f'<span title="{title}">{emoji}</span>'


def modality_icons(keys: list[str], direction: str) -> str:
    """``<span title="Text input">📝</span> ...``; N/A when none is known."""
    word = labels.DIRECTIONS[direction].lower()
    spans = [icon(MODALITY_ICONS[k], f"{labels.modality(k)} {word}") for k in keys]
    return " ".join(spans) if spans else fmt.NA


def capability_icons(keys: list[str]) -> str:
    """The capabilities' icons, titled with their labels; N/A when none is known."""
    spans = [icon(CAPABILITY_ICONS[k], labels.feature(k)) for k in keys]
    return " ".join(spans) if spans else fmt.NA


def price_pair(offering: Offering) -> str:
    """Input and output price per million tokens as people compare them: ``$1.13 / $3.94``."""
    price = offering.price
    if price is None:
        return fmt.NA
    return " / ".join(_short(getattr(price, name), price.currency) for name in ("input", "output"))


def cached_price(offering: Offering) -> str:
    price = offering.price
    return fmt.NA if price is None else _short(price.cached_input, price.currency)


def _short(value, currency: str) -> str:
    return fmt.money(value, currency).removesuffix("/1M")


def sort_key(value) -> str:
    """A sort key for a table cell (``data-sort``): the number, or empty for unknown (sorts last)."""
    return "" if value is None else format(value, "f") if not isinstance(value, int) else str(value)
