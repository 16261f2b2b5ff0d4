"""The hot table rows of the docs pages, written in Python: one row per offering, thousands per build.

A canonical model page lists every offering of the model, an offering page the cheapest
offerings of its model elsewhere, and a provider page its offerings; a catalog of 5,730 offerings
renders about 17,000 such rows.
Jinja spends most of a row's time on its own machinery (an attribute lookup, ``finalize`` and
``str`` for each of the row's ~30 values; a context per row), so the rows are made here and the
templates (``templates/partials/*_row.md.j2``, ``provider.md.j2``) only call them: the templates keep the
pages' layout, headings and table heads, and a user's ``--templates`` can still replace a row.

Each row escapes as the template did: data text through :func:`~.filters.text` (what
``finalize`` does to a plain string), every other value through the filter the template named.
``tests/test_render_rows.py`` renders each row both ways and compares them.
"""

from __future__ import annotations

from generator.model.records import Offering, Provider
from generator.present import summary
from generator.present.filters import (NA, Md, attr, cell, feature_icons, href, logo, na, number, number_cell, price,
                                       retention_duration, text, yesno)


def _sort_key(value) -> Md:
    return attr(summary.sort_key(value))


def model_provider_row(item: Offering, provider: Provider, change: str, page: str) -> Md:
    """A row of a canonical model page's providers table (``partials/model_provider_row.md.j2``):
    *provider* is the offering's, *change* its newest price change (``price_change_since``)."""
    price = item.price
    privacy = provider.privacy
    cells = (
        f'<span class="pc-provider-cell">{logo(provider, page, 20)} [{text(provider.name)}]({href(provider, page)})</span>',
        f'<span class="pc-price" data-sort="{_sort_key(price.input if price else None)}">'
        f'{text(summary.price_pair(item))}</span>',
        f'<span class="pc-price" data-sort="{_sort_key(price.cached_input if price else None)}">'
        f'{text(summary.cached_price(item))}</span>',
        change,
        f'[<code class="pc-id-code">{attr(item.id)}</code>]({href(item, page)})',
        f'<span data-sort="{_sort_key(item.context_window)}">{number(item.context_window)}</span>',
        f'<span data-sort="{_sort_key(item.max_output_tokens)}">{number(item.max_output_tokens)}</span>',
        summary.capability_icons(summary.capabilities([item])),
        yesno(privacy.trains_on_user_data), yesno(privacy.retains_user_data),
        retention_duration(provider.retention.duration_days), na(item.status),
    )
    return Md("| " + " | ".join(cells) + " |")


def other_provider_row(item: Offering, provider: Provider, page: str) -> Md:
    """A row of an offering page's "Same Model at Other Providers" table (``partials/other_provider_row.md.j2``)."""
    return Md(f"| [{text(provider.name)}]({href(provider, page)}) | [{text(item.name)}]({href(item, page)}) | "
              f"{price(item, 'input')} | {price(item, 'output')} | {number_cell(item.context_window)} |")


def provider_model_row(item: Offering, catalog, page: str) -> Md:
    """A row of a provider page's Models table (``provider.md.j2``): *catalog* as the template sees
    it, so the authors it looks up are the page's reads (:mod:`generator.outputs.docs.deps`)."""
    authors = ", ".join(catalog.authors[a].name for a in item.authors) or NA
    return Md(f"| [{text(item.name)}]({href(item, page)}) | {cell(authors)} | {number_cell(item.context_window)} | "
              f"{price(item, 'input')} | {price(item, 'output')} | {feature_icons(item)} |")
