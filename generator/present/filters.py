"""Every Jinja filter and global of the docs templates (and the site pages' :data:`SITE_FILTERS`),
registered in one place.

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

How a value reads (money, counts, unknowns, yes/no) is decided in
:mod:`generator.present.format`, and how a field is named in
:mod:`generator.present.labels`; the filters here only add the escaping of
Markdown pages, so the docs say what the site and the command line say.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jinja2 import pass_context

from generator.model.records import Author, CanonicalModel, Modalities, Offering, Provider
from generator.present import conditional
from generator.present import format as fmt
from generator.present import changes_text, labels, summary
from generator.present import urls as paths

NA = fmt.NA
UNKNOWN_MARK = fmt.UNKNOWN_MARK
FEATURE_ICONS = (  # (icon, title, test on an offering) in the seed's order
    ("📝", "Text Processing", lambda o: o.modalities.input.get("text") or o.modalities.output.get("text")),
    ("👁️", "Vision/Image Input", lambda o: o.modalities.input.get("image")),
    ("🖼️", "Image Generation", lambda o: o.modalities.output.get("image")),
    ("🔊", "Audio Processing", lambda o: o.modalities.input.get("audio") or o.modalities.output.get("audio")),
    ("🎥", "Video Generation", lambda o: o.modalities.output.get("video")),
    ("🔧", labels.FEATURE_LABELS["tool_calling"], lambda o: o.features.tool_calling),
    ("🔍", labels.FEATURE_LABELS["web_search"], lambda o: o.features.web_search),
    ("🧠", labels.FEATURE_LABELS["reasoning"], lambda o: o.features.reasoning),
    ("📎", labels.FEATURE_LABELS["file_attachments"], lambda o: o.features.file_attachments),
    ("⚡", labels.FEATURE_LABELS["streaming"], lambda o: o.features.streaming),
    ("📊", labels.FEATURE_LABELS["structured_outputs"], lambda o: o.features.structured_outputs),
)
FEATURE_LABELS = tuple(labels.FEATURE_LABELS.items())  # the offering page's features table, in schema order
MODALITY_LABELS = tuple(labels.MODALITY_LABELS.items())
PRICE_LABELS = tuple(labels.PRICE_LABELS.items())
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


NA_MD = Md(NA)
YES_NO = {True: Md(fmt.YES), False: Md(fmt.NO), None: Md(fmt.UNKNOWN)}
MARKS = {key: Md(value) for key, value in fmt.MARKS.items()}
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
    value = str(value)
    if _SPECIAL.search(value) is None:  # nothing to escape (most cells): as the slow path would make it
        return Md(value.strip())
    escaped = _MD.sub(r"\\\1", value.translate(_HTML))
    return Md(_NEWLINES.sub("<br>", escaped.strip()))


def attr(value) -> Md:
    """Text inside a double-quoted HTML attribute (also safe inside a table cell)."""
    escaped = str(value).translate(_ATTR)
    if "\n" in escaped or "\r" in escaped:  # the regular expression only where it can match
        escaped = _NEWLINES.sub(" ", escaped)
    return Md(escaped.strip())


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


def money(value, currency: str = "USD") -> Md:
    """A price per million tokens as :func:`generator.present.format.money` writes it."""
    return NA_MD if value is None else Md(fmt.money(value, text(currency)))


def price(offering: Offering, name: str = "input") -> Md:
    """The offering's current price for component *name*; N/A when its pricing is unknown."""
    current = offering.price
    return NA_MD if current is None else money(getattr(current, name), current.currency)


def na(value) -> Md:
    """The value as text, N/A when unknown."""
    if value is None:
        return NA_MD
    if isinstance(value, bool):
        return yesno(value)
    return text(value) if isinstance(value, str) else Md(fmt.na(value))


def yesno(value) -> Md:
    return YES_NO[None if value is None else bool(value)]


def mark(value) -> Md:
    """✅ supported, ❌ not supported, ❔ unknown."""
    return MARKS[None if value is None else bool(value)]


def retention_type(value) -> Md:
    return NA_MD if value is None else text(labels.retention_type(value))


def retention_duration(days) -> Md:
    return Md(fmt.retention_duration(days))


def feature_icons(offering: Offering) -> Md:
    """The seed's feature spans, joined by single spaces; N/A when none is known."""
    spans = [f'<span title="{title}">{icon}</span>' for icon, title, test in FEATURE_ICONS if test(offering)]
    return Md(" ".join(spans) if spans else NA)


def number(value) -> Md:
    """A count read as a fact: ``131,072``; N/A when unknown."""
    return Md(fmt.number(value))


def number_cell(value) -> Md:
    """A count in a table column, plain digits as the seed's Models table: ``131072``."""
    return Md(fmt.number_cell(value))


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
    return money(getattr(base, name) if value is None else value, base.currency)


PRICE_HEADER = Md("| " + " | ".join(label for _, label in PRICE_LABELS) + " |")
PRICE_RULE = Md("|" + "|".join("-" * (len(label) + 2) for _, label in PRICE_LABELS) + "|")


def price_cells(price, tier=None) -> Md:
    """One pricing table row's cells, ``| $0.25/1M | ... |``: every component of ``PRICE_LABELS``
    in order, in *price*'s currency; with *tier*, the tier's prices (:func:`tier_price`);
    all N/A for an unknown *price*."""
    if price is None:
        cells = [NA_MD for _ in PRICE_LABELS]
    elif tier is None:
        cells = [money(getattr(price, name), price.currency) for name, _ in PRICE_LABELS]
    else:
        cells = [tier_price(price, tier, name) for name, _ in PRICE_LABELS]
    return Md("| " + " | ".join(cells) + " |")


CONDITIONAL_HEADER = Md("| " + " | ".join(conditional.HEADERS) + " |\n|" + "|".join("---" for _ in conditional.HEADERS)
                        + "|")


def conditional_cells(item, currency: str) -> Md:
    """One row of the conditional prices table; region, quality and size come from data: escaped."""
    cells = [conditional.unit_label(item.unit), conditional.rate_text(item.rate, item.unit, currency),
             *conditional.conditions(item)]
    return Md("| " + " | ".join(cell(c) for c in cells) + " |")


def _site_retention_type(kind) -> str:
    return fmt.na(labels.retention_type(kind))


# The site pages' environment (HTML-autoescaped, see generator.outputs.site.pages) adds its own
# escaping filters to these; the values read as on the docs pages because both come from format.
SITE_FILTERS = {
    "money": fmt.money, "yes_no": fmt.yes_no, "number": fmt.number, "number_cell": fmt.number_cell,
    "plural": fmt.plural, "html": paths.html, "retention_type": _site_retention_type,
    "retention_duration": fmt.retention_duration,
}


def register(env) -> None:
    """Install every filter and global on *env*."""
    env.filters.update(
        text=text, cell=cell, attr=attr, para=para, link=link, money=money, price=price, na=na, yesno=yesno, mark=mark,
        retention_type=retention_type, retention_duration=retention_duration, feature_icons=feature_icons,
        number=number, number_cell=number_cell, href=href, logo=logo, modality=modality,
    )
    env.globals.update(
        to=to, is_http=is_http, api_key_name=api_key_name, author_names=author_names, NA=Md(NA), UNKNOWN_MARK=Md(UNKNOWN_MARK), FEATURE_LABELS=FEATURE_LABELS,
        MODALITY_LABELS=MODALITY_LABELS, PRICE_HEADER=PRICE_HEADER, PRICE_RULE=PRICE_RULE, price_cells=price_cells,
        CONDITIONAL_HEADER=CONDITIONAL_HEADER, conditional_cells=conditional_cells,
        provider_page=paths.provider_page, provider_logo=paths.provider_logo, offering_page=paths.offering_page,
        model_page=paths.model_page, author_page=paths.author_page, INDEX=paths.INDEX, HOME_MODELS=summary.HOME_MODELS,
        HOME_CHANGES=summary.HOME_CHANGES, describe_change=lambda c: text(changes_text.describe(c)),
        PROVIDERS_INDEX=paths.PROVIDERS_INDEX, MODELS_INDEX=paths.MODELS_INDEX, AUTHORS_INDEX=paths.AUTHORS_INDEX,
    )
    env.filters.update(
        largest=summary.largest, capabilities=summary.capabilities, modalities_known=summary.modalities,
        modality_icons=lambda keys, d: Md(summary.modality_icons(keys, d)),
        capability_icons=lambda keys: Md(summary.capability_icons(keys)),
        price_pair=lambda o: text(summary.price_pair(o)), cached_price=lambda o: text(summary.cached_price(o)),
        sort_key=lambda v: attr(summary.sort_key(v)),
    )
    from generator.present import rows  # it builds on the filters above

    env.filters.update(model_provider_row=rows.model_provider_row, other_provider_row=rows.other_provider_row,
                       provider_model_row=rows.provider_model_row)
    env.finalize = finalize
