"""The docs' hot table rows, made in Python (generator/present/rows.py), read exactly as the Jinja
rows they replace: each row of the rich fixture is rendered both ways, from pages at every depth."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.catalog.load import load_catalog
from generator.outputs.docs.views import build_views
from generator.present.environment import make_environment

from .exporthelp import RICH

JINJA_ROWS = {  # the rows as templates wrote them before they moved to Python
    "partials/model_provider_row.md.j2": (
        '{% set provider = catalog.providers[item.provider_id] %}\n{% set price = item.price %}\n'
        '| <span class="pc-provider-cell">{{ provider | logo(page, 20) }} [{{ provider.name }}]'
        '({{ provider | href(page) }})</span> | <span class="pc-price" data-sort="{{ (price.input if price else none)'
        ' | sort_key }}">{{ item | price_pair }}</span> | <span class="pc-price" data-sort="{{ (price.cached_input'
        ' if price else none) | sort_key }}">{{ item | cached_price }}</span> | {{ price_change_since(item) }} | '
        '[<code class="pc-id-code">{{ item.id | attr }}</code>]({{ item | href(page) }}) | <span data-sort="'
        '{{ item.context_window | sort_key }}">{{ item.context_window | number }}</span> | <span data-sort="'
        '{{ item.max_output_tokens | sort_key }}">{{ item.max_output_tokens | number }}</span> | '
        '{{ [item] | capabilities | capability_icons }} | {{ provider.privacy.trains_on_user_data | yesno }} | '
        '{{ provider.privacy.retains_user_data | yesno }} | {{ provider.retention.duration_days | retention_duration }}'
        ' | {{ item.status | na }} |\n'),
    "partials/other_provider_row.md.j2": (
        '| [{{ catalog.providers[item.provider_id].name }}]({{ catalog.providers[item.provider_id] | href(page) }})'
        ' | [{{ item.name }}]({{ item | href(page) }}) | {{ item | price("input") }} | {{ item | price("output") }}'
        ' | {{ item.context_window | number_cell }} |\n'),
}
PAGES = ("README.md", "models/README.md", "models/acme/x.md", "providers/alpha/models/x.md")


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    jinja_dir = tmp_path_factory.mktemp("jinja-rows")
    for name, source in JINJA_ROWS.items():
        (jinja_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (jinja_dir / name).write_text(source)
    return load_catalog(RICH), make_environment(), make_environment(jinja_dir)


@pytest.mark.parametrize("template", sorted(JINJA_ROWS))
def test_each_python_row_reads_as_the_jinja_row_it_replaces(both, template):
    catalog, python_env, jinja_env = both
    python_views, jinja_views = build_views(catalog, python_env), build_views(catalog, jinja_env)
    assert "| [" not in Path(python_env.get_template(template).filename).read_text()  # really the Python row
    compared = 0
    for offering in catalog.offerings:
        for page in PAGES:
            made = python_views.fragment(template, offering, page)
            assert made == jinja_views.fragment(template, offering, page), (offering.ref, page)
            compared += 1
    assert compared == len(catalog.offerings) * len(PAGES) >= 20
    assert any(o.price and o.price.cached_input for o in catalog.offerings)  # every cell has a value somewhere


JINJA_PROVIDER_ROW = ('| [{{ o.name }}]({{ o | href(page) }}) | {{ author_names(o) | cell }} | {{ o.context_window | number_cell }}'
                      ' | {{ o | price("input") }} | {{ o | price("output") }} | {{ o | feature_icons }} |')


def test_a_provider_page_s_model_row_reads_as_the_jinja_row_it_replaces(both):
    catalog, env, _ = both
    jinja_row = env.from_string(JINJA_PROVIDER_ROW)
    python_row = env.from_string("{{ o | provider_model_row(catalog, page) }}")
    for offering in catalog.offerings:
        for page in PAGES:
            seen = {"catalog": catalog, "o": offering, "page": page}
            assert python_row.render(seen) == jinja_row.render(seen), (offering.ref, page)
    assert any(len(o.authors) > 1 for o in catalog.offerings) and any(not o.authors for o in catalog.offerings)


def test_a_provider_page_still_reads_the_authors_its_rows_name(both):
    """The row looks its authors up in the catalog the template passes it, so the page's recorded
    reads name them and an edit of an author renders the page again."""
    from generator.outputs.docs import deps
    from generator.outputs.docs.render import Page
    from generator.present import urls

    catalog, env, _ = both
    provider = next(p for p in catalog.providers.values() if any(o.authors for o in p.offerings))
    page = Page(urls.provider_page(provider.id), "provider.md.j2", {"provider": provider})
    [(_, reads)] = deps.render_recorded(env, build_views(catalog, env), [page])
    assert {("author", a) for o in provider.offerings for a in o.authors} <= reads
