"""One presentation layer: a value reads the same on a docs page, a site page and the command line.

The conventions themselves are written in :mod:`generator.present.format`'s docstring.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from generator import load_catalog
from generator.cli import main
from generator.model.vocabulary import FEATURES, MODALITIES, PRICE_FIELDS
from generator.outputs.docs.render import render_docs
from generator.outputs.site.mkdocs_plugin import is_offering_page as plugin_is_offering_page
from generator.outputs.site.pages import site_pages
from generator.present import format as fmt
from generator.present import labels, urls

from .exporthelp import RICH

EURO = "providers/cerebras/models/gpt-oss-120b"  # priced 0.5 EUR in, 2 EUR out by the fixture below
DOLLAR = "providers/cerebras/models/qwen-3-coder-480b"  # $2 in and out, as in the seed


@pytest.fixture
def outputs(data_copy, capsys):
    """Docs pages, site data, `show` and `list` of the shipped catalog with one price in EUR."""
    offering = data_copy / f"{EURO}.yaml"
    offering.write_text(offering.read_text().replace("currency: USD\n  input: 0.25\n  output: 0.69",
                                                     "currency: EUR\n  input: 0.5\n  output: 2"))
    catalog = load_catalog(data_copy)
    data = site_pages(catalog)["assets/site-data.js"].decode().split("=", 1)[1].rstrip(";\n")
    site = json.loads(data)
    rows = {row[3]: dict(zip(site["fields"], row)) for row in site["rows"]}
    cli = {}
    for args in (["show", "cerebras/gpt-oss-120b"], ["show", "cerebras/qwen-3-coder-480b"], ["list", "models"]):
        assert main([*args, "--data", str(data_copy)]) == 0
        cli[" ".join(args)] = capsys.readouterr().out
    return render_docs(catalog), rows, cli


def _fact(out: str, label: str) -> str:
    return next(line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith(f"  {label}:"))


def test_a_price_reads_the_same_everywhere(outputs):
    docs, site, cli = outputs
    provider_page = docs["providers/cerebras/README.md"].decode()
    assert "| 131072 | €0.50/1M | €2.00/1M |" in provider_page
    assert "| €0.50/1M | €2.00/1M | N/A | N/A | N/A |" in docs[f"{EURO}.md"].decode()
    assert (site[urls.html(f"{EURO}.md")]["input_label"], site[urls.html(f"{EURO}.md")]["output_label"]) == \
        ("€0.50/1M", "€2.00/1M")
    assert _fact(cli["show cerebras/gpt-oss-120b"], "Input") == "€0.50/1M"
    assert "\t€0.50/1M\t€2.00/1M\t" in cli["list models"]


def test_dollars_keep_the_seeds_two_decimals_everywhere(outputs):
    docs, site, cli = outputs
    assert "| 131000 | $2.00/1M | $2.00/1M |" in docs["providers/cerebras/README.md"].decode()
    assert site[urls.html(f"{DOLLAR}.md")]["input_label"] == "$2.00/1M"
    assert _fact(cli["show cerebras/qwen-3-coder-480b"], "Output") == "$2.00/1M"
    assert "cerebras/qwen-3-coder-480b\tN/A\t131000\t$2.00/1M\t$2.00/1M" in cli["list models"]


def test_a_count_is_grouped_as_a_fact_and_plain_in_a_table_column(outputs):
    docs, site, cli = outputs
    assert "**Context Window**: 131,072  \n" in docs[f"{EURO}.md"].decode()
    assert _fact(cli["show cerebras/gpt-oss-120b"], "Context Window") == "131,072"
    assert "| 131072 |" in docs["providers/cerebras/README.md"].decode()  # the seed's table column
    assert site[urls.html(f"{EURO}.md")]["context"] == 131072  # tables.js prints it as String(131072)
    assert "\t131072\t" in cli["list models"]


def test_unknowns_and_yes_no_read_the_same(outputs):
    docs, _, cli = outputs
    show = cli["show cerebras/gpt-oss-120b"]
    assert _fact(show, "Max Output Tokens") == "N/A" and "**Max Output Tokens**: N/A" in docs[f"{EURO}.md"].decode()
    assert _fact(show, "Tool Calling") == "Unknown" and "| Tool Calling | Unknown |" in docs[f"{EURO}.md"].decode()
    assert _fact(show, "Trains on User Data") == "No" and "**Trains on User Data**: No" in docs[f"{EURO}.md"].decode()


def test_every_field_of_the_vocabulary_has_one_label_in_its_order():
    assert tuple(labels.FEATURE_LABELS) == FEATURES
    assert tuple(labels.MODALITY_LABELS) == MODALITIES
    assert tuple(labels.PRICE_LABELS) == PRICE_FIELDS


def test_feature_labels_are_the_same_on_docs_site_and_cli(outputs):
    docs, _, cli = outputs
    page = docs[f"{EURO}.md"].decode()
    assert all(f"| {label} |" in page for label in labels.FEATURE_LABELS.values())
    assert all(f"  {label}:" in cli["show cerebras/gpt-oss-120b"] for label in labels.FEATURE_LABELS.values())
    data = site_pages(load_catalog(RICH))["assets/site-data.js"].decode()
    assert '"json_mode":"JSON Mode"' in data and "Json mode" not in data
    assert '"unknown":"N/A"' in data  # tables.js writes an unknown count with format.NA, not its own


@pytest.mark.parametrize("value, currency, shown", [
    (Decimal("0.25"), "USD", "$0.25/1M"), (Decimal("2"), "USD", "$2.00/1M"), (Decimal("0.075"), "USD", "$0.075/1M"),
    (Decimal("0.5"), "EUR", "€0.50/1M"), (Decimal("1.5"), "GBP", "£1.50/1M"), (Decimal("0.5"), "CHF", "0.50 CHF/1M"),
    (Decimal("0"), "EUR", "Free"), (None, "USD", "N/A"), (Decimal("1E+1"), "USD", "$10.00/1M"),
])
def test_money(value, currency, shown):
    assert fmt.money(value, currency) == shown


def test_the_other_conventions():
    assert (fmt.number(131072), fmt.number_cell(131072), fmt.number(None), fmt.number_cell(None)) == \
        ("131,072", "131072", "N/A", "N/A")
    assert (fmt.cost(Decimal("0.388"), "USD"), fmt.cost(Decimal("18"), "EUR"), fmt.cost(Decimal("1"), "CHF")) == \
        ("$0.388", "€18.00", "1.00 CHF")
    assert (fmt.day(date(2025, 8, 5)), fmt.day("2024-06"), fmt.day(None)) == ("2025-08-05", "2024-06", "N/A")
    assert [fmt.yes_no(v) for v in (True, False, None)] == ["Yes", "No", "Unknown"]
    assert [fmt.na(v) for v in (None, False, 8192, "x")] == ["N/A", "No", "8,192", "x"]
    assert [fmt.retention_duration(d) for d in (None, 0, 1, 30)] == ["N/A", "Immediate deletion", "1 day", "30 days"]


def test_page_paths_come_from_urls_in_every_output():
    catalog = load_catalog(RICH)
    docs = render_docs(catalog)
    site = site_pages(catalog)["assets/site-data.js"].decode()
    for offering in catalog.offerings:
        page = urls.offering_page(offering)
        assert page in docs and urls.is_offering_page(page) and plugin_is_offering_page(page)
        assert json.dumps(urls.html(page)) in site
    from generator.outputs.exports import flat
    assert [r["page"] for r in flat.rows(catalog, catalog.offerings)] == [urls.offering_page(o) for o in catalog.offerings]
    assert urls.html("providers/alpha/README.md") == "providers/alpha/index.html" and urls.html("README.md") == "index.html"
    others = [p for p in docs if not p.startswith("providers/") or "/models/" not in p]
    assert others and not any(urls.is_offering_page(p) for p in others)
    assert not urls.is_offering_page("providers//models/x.md") and not urls.is_offering_page("providers/a/models/.md")


def test_the_site_data_holds_a_row_a_line_so_the_committed_file_diffs_well():
    script = site_pages(load_catalog(RICH))["assets/site-data.js"].decode()
    lines = script.splitlines()
    data = json.loads(script.split("=", 1)[1].rstrip(";\n"))
    assert len(data["rows"]) >= 4 and len(lines) == len(data["rows"]) + 2
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == data["rows"]


def test_money_kept_per_value_type_and_currency():
    """Money text is kept per value (a catalog repeats a few hundred prices on thousands of
    pages), but never across types that compare equal and are written differently."""
    tiny = Decimal(2) ** -24  # equal to the float 2 ** -24, which format(..., "f") cuts to six decimals
    assert fmt.money(tiny, "USD") == f"${format(tiny, 'f')}/1M"
    assert fmt.money(float(tiny), "USD") == "$0.00/1M"
    assert fmt.money(tiny, "USD") == f"${format(tiny, 'f')}/1M"
    before = fmt._money.cache_info().hits
    assert fmt.money(Decimal("0.25"), "EUR") == fmt.money(Decimal("0.250"), "EUR") == "€0.25/1M"
    assert fmt._money.cache_info().hits > before
