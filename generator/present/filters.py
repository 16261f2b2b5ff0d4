"""Every Jinja filter and global of the docs templates, registered in one place.

Text from the catalog is escaped for where it lands:

* ``text`` (also applied automatically to any plain string a template prints,
  see :func:`finalize`): HTML special characters become entities, so a
  description holding ``<script>`` renders as text; ``\\ [ ] |`` are
  backslash-escaped, so no Markdown link can be smuggled in and no table
  breaks; newlines become spaces.
* ``cell``: ``text`` for a table cell, where a newline becomes ``<br>``.
* ``attr``: for an HTML attribute value (``alt="..."``, ``title="..."``).
* ``para``: a block of free text: paragraphs kept, each escaped, and a line
  that would start a heading, list or quote is defused.
* ``link``: ``[text](url)`` for http(s) URLs only; anything else prints as
  plain escaped text, never as a link.

Filters that produce Markdown return :class:`Md`, which
``finalize`` passes through untouched.  ``finalize`` refuses ``None``,
booleans and Decimals: an unknown fact must go through ``na``, ``yesno`` or
``money`` instead of printing ``None`` or ``True``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jinja2 import pass_context

from generator.model.records import Author, CanonicalModel, Modalities, Offering, Provider
from generator.present import urls as paths

NA = "N/A"
UNKNOWN_MARK = "❔"
FEATURE_ICONS = (  # (icon, title, test on an offering) in the seed's order
    ("📝", "Text Processing", lambda o: o.modalities.input.get("text") or o.modalities.output.get("text")),
    ("👁️", "Vision/Image Input", lambda o: o.modalities.input.get("image")),
    ("🖼️", "Image Generation", lambda o: o.modalities.output.get("image")),
    ("🔊", "Audio Processing", lambda o: o.modalities.input.get("audio") or o.modalities.output.get("audio")),
    ("🎥", "Video Generation", lambda o: o.modalities.output.get("video")),
    ("🔧", "Tool Calling", lambda o: o.features.tool_calling),
    ("🔍", "Web Search", lambda o: o.features.web_search),
    ("🧠", "Advanced Reasoning", lambda o: o.features.reasoning),
    ("📎", "File Attachments", lambda o: o.features.file_attachments),
    ("⚡", "Response Streaming", lambda o: o.features.streaming),
    ("📊", "Structured Output", lambda o: o.features.structured_outputs),
)
FEATURE_LABELS = (  # the offering page's features table, in schema order
    ("tool_calling", "Tool Calling"), ("tool_choice", "Tool Choice"), ("structured_outputs", "Structured Output"),
    ("json_mode", "JSON Mode"), ("reasoning", "Advanced Reasoning"), ("streaming", "Response Streaming"),
    ("web_search", "Web Search"), ("file_attachments", "File Attachments"), ("temperature", "Temperature"),
)
MODALITY_LABELS = (("text", "Text"), ("image", "Image"), ("audio", "Audio"), ("video", "Video"), ("pdf", "PDF"))
RETENTION_TYPES = {"none": "No Retention", "fixed": "Fixed Duration", "conditional": "Conditional", "indefinite": "Indefinite"}
CURRENCY_SIGNS = {"USD": "$"}
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "|": "&#124;",
                       "[": "&#91;", "]": "&#93;", "\\": "&#92;"})
_MD = re.compile(r"([\\\[\]|])")
_NEWLINES = re.compile(r"\s*(?:\r\n|\r|\n)\s*")
_BLOCK_MARK = re.compile(r"^([#+*=-])")
_ORDERED_MARK = re.compile(r"^(\d+)([.)])")
_URL_UNSAFE = str.maketrans({"\\": "%5C", " ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E",
                             '"': "%22", "'": "%27"})
_SAFE_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


class Md(str):
    """Text already escaped for where it lands; ``finalize`` prints it as it is."""

    __slots__ = ()


YES, NO, UNKNOWN, NA_MD, FREE = Md("Yes"), Md("No"), Md("Unknown"), Md(NA), Md("Free")
MARKS = {True: Md("✅"), False: Md("❌"), None: Md(UNKNOWN_MARK)}
_SPECIAL = re.compile(r"[&<>\\\[\]|\r\n]")


class UnrenderableValue(TypeError):
    """A template printed None, a bool or a Decimal without a filter saying how."""


def finalize(value):
    """Applied to every ``{{ ... }}``: escape plain strings, refuse ambiguous values."""
    if isinstance(value, Md):
        return value
    if isinstance(value, str):
        return text(value)
    if value is None or isinstance(value, (bool, Decimal, float)):
        raise UnrenderableValue(f"template printed {value!r} directly; use na, yesno or money to say how")
    return value


def text(value) -> Md:
    """Inline text: HTML-escaped, Markdown link and table syntax escaped, one line."""
    if isinstance(value, Md):
        return value  # already escaped (by another filter): never escape twice
    value = str(value)
    if _SPECIAL.search(value) is None:
        return Md(value.strip())
    escaped = _MD.sub(r"\\\1", str(value).translate(_HTML))
    return Md(_NEWLINES.sub(" ", escaped).strip())


def cell(value) -> Md:
    """Text for a Markdown table cell: like ``text`` but newlines become ``<br>``."""
    if isinstance(value, Md):
        return value
    escaped = _MD.sub(r"\\\1", str(value).translate(_HTML))
    return Md(_NEWLINES.sub("<br>", escaped.strip()))


def attr(value) -> Md:
    """Text inside a double-quoted HTML attribute (also safe inside a table cell)."""
    return Md(_NEWLINES.sub(" ", str(value).translate(_ATTR)).strip())


def para(value) -> Md:
    """Free text as Markdown paragraphs, escaped, with block syntax defused."""
    blocks = re.split(r"(?:\r\n|\r|\n)\s*(?:\r\n|\r|\n)", str(value).strip())
    out = [_defuse(text(block)) for block in blocks if block.strip()]
    return Md("\n\n".join(out))


def _defuse(line: str) -> str:
    """Backslash-escape a heading, list or rule marker at the start of a paragraph."""
    return _ORDERED_MARK.sub(r"\1\\\2", _BLOCK_MARK.sub(r"\\\1", line))


def is_http(url) -> bool:
    return isinstance(url, str) and _SAFE_URL.match(url) is not None


def link(url, label=None) -> Md:
    """``[label](url)`` for an http(s) URL; anything else is plain text (N/A for None)."""
    if url is None:
        return Md(NA)
    shown = text(label if label is not None else url)
    if not is_http(url):
        return shown
    return Md(f"[{shown}]({url.translate(_URL_UNSAFE)})")


@pass_context
def to(context, target: str) -> Md:
    """The relative link from the page being rendered (``page``) to the out-dir path *target*."""
    return Md(paths.relative(target, context["page"]))


_PAGE_OF = {Provider: lambda p: paths.provider_page(p.id), Offering: paths.offering_page,
            CanonicalModel: paths.canonical_page, Author: lambda a: paths.author_page(a.id), str: lambda s: s}


def href(item, page: str) -> Md:
    """The relative link from *page* to the page of *item* (a provider, offering, model,
    author, or an out-dir path such as ``INDEX``)."""
    return Md(paths.relative(_PAGE_OF[type(item)](item), page))


def modality(modalities: Modalities, direction: str, key: str) -> Md:
    """The mark of one modality in one direction."""
    return mark(getattr(modalities, direction).get(key))


def money(value, currency: str = "USD", free: bool = False) -> Md:
    """``$0.25/1M``: at least two decimals, more when needed; N/A when unknown."""
    if value is None:
        return NA_MD
    if free and value == 0:
        return FREE
    digits = format(value, "f")
    whole, _, fraction = digits.partition(".")
    amount = f"{whole}.{fraction.rstrip('0').ljust(2, '0')}"
    sign = CURRENCY_SIGNS.get(currency)
    return Md(f"{sign}{amount}/1M" if sign else f"{amount} {text(currency)}/1M")


def na(value) -> Md:
    """The value as text, N/A when unknown."""
    if value is None:
        return NA_MD
    if isinstance(value, bool):
        return yesno(value)
    return text(value)


def yesno(value) -> Md:
    return UNKNOWN if value is None else YES if value else NO


def mark(value) -> Md:
    """✅ supported, ❌ not supported, ❔ unknown."""
    return MARKS[None if value is None else bool(value)]


def retention_type(value) -> Md:
    return Md(NA if value is None else RETENTION_TYPES.get(value, text(value)))


def retention_duration(days) -> Md:
    if days is None:
        return Md(NA)
    if days == 0:
        return Md("Immediate deletion")
    return Md(f"{days} day" if days == 1 else f"{days} days")


def feature_icons(offering: Offering) -> Md:
    """The seed's feature spans, joined by single spaces; N/A when none is known."""
    spans = [f'<span title="{title}">{icon}</span>' for icon, title, test in FEATURE_ICONS if test(offering)]
    return Md(" ".join(spans) if spans else NA)


def tokens(value) -> Md:
    """A token count as the raw integer the seed shows; N/A when unknown."""
    return Md(NA if value is None else str(int(value)))


def logo(provider: Provider, page: str, height: int) -> Md:
    """The seed's inline logo of *provider* as seen from *page*: ``<img src=... alt="Name Logo" style=...>``."""
    src = paths.relative(paths.provider_logo(provider.id), page)
    style = f"vertical-align: middle; height: {height}px; width: auto; min-width: {height}px"
    return Md(f'<img src="{attr(src)}" alt="{attr(provider.name)} Logo" style="{style}">')


def api_key_name(provider) -> Md:
    """``$ENV_NAME`` of the first conventional variable, N/A when none is known."""
    env = provider.authentication.env
    return Md(f"${text(env[0])}" if env else NA)


@pass_context
def author_names(context, offering) -> str:
    """The offering's author names, comma-separated (escape with ``cell`` or ``text``)."""
    authors = context["catalog"].authors
    return ", ".join(authors[a].name for a in offering.authors) or NA


def tier_price(base, tier, name: str) -> Md:
    """A tier's price for *name*, falling back to the base price as the schema says."""
    value = getattr(tier, name)
    return money(getattr(base, name) if value is None else value, base.currency, free=True)


def register(env) -> None:
    """Install every filter and global on *env*."""
    env.filters.update(
        text=text, cell=cell, attr=attr, para=para, link=link, money=money, na=na, yesno=yesno, mark=mark,
        retention_type=retention_type, retention_duration=retention_duration, feature_icons=feature_icons,
        tokens=tokens, href=href, logo=logo, modality=modality,
    )
    env.globals.update(
        to=to, is_http=is_http, api_key_name=api_key_name, author_names=author_names, NA=Md(NA), UNKNOWN_MARK=Md(UNKNOWN_MARK), FEATURE_LABELS=FEATURE_LABELS,
        MODALITY_LABELS=MODALITY_LABELS, tier_price=tier_price,
        provider_page=paths.provider_page, provider_logo=paths.provider_logo, offering_page=paths.offering_page,
        model_page=paths.model_page, author_page=paths.author_page, INDEX=paths.INDEX,
        PROVIDERS_INDEX=paths.PROVIDERS_INDEX, MODELS_INDEX=paths.MODELS_INDEX, AUTHORS_INDEX=paths.AUTHORS_INDEX,
    )
    env.finalize = finalize
