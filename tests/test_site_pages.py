"""The site-only pages: All models, Compare, Privacy, API, Data format."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from generator import load_catalog
from generator.schemas import SCHEMA_DIR
from generator.site import site_pages
from generator.site.escape import md_cell, safe_url

from .conftest import DATA

HOSTILE = '<script>alert(1)</script> | [click](https://evil.example) *x* `y` \\ & "q"\nnext line'


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def add_provider(data: Path, provider_id: str, name: str, extra: str = "") -> None:
    write(data / "providers" / provider_id / "provider.yaml", f"id: {provider_id}\nname: {json.dumps(name)}\n{extra}")


def add_offering(data: Path, provider_id: str, offering_id: str, body: str) -> None:
    write(data / "providers" / provider_id / "models" / f"{offering_id}.yaml", f"id: {offering_id}\n{body}")


class Tables(HTMLParser):
    """Cells per row of every table, and every element and href seen."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.tables: list[list[list[str]]] = []
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if k == "href"]
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.rows.append([])
            self.tables[-1].append(self.rows[-1])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def rendered(page: bytes) -> Tables:
    """The page as Python-Markdown (mkdocs's renderer) turns it into HTML, parsed."""
    text = page.decode("utf-8").split("---\n", 2)[-1]  # drop the front matter
    parser = Tables()
    parser.feed(markdown.markdown(text, extensions=["tables", "attr_list"]))
    return parser


@pytest.fixture
def shipped() -> dict[str, bytes]:
    return site_pages(load_catalog(DATA))


def test_producer_returns_the_pages_and_vendored_assets(shipped):
    assert set(shipped) == {"all-models.md", "compare.md", "privacy.md", "api.md", "data-format.md",
                            "assets/tables.js", "assets/site.css", "assets/logo.svg"}
    assert site_pages(load_catalog(DATA)) == shipped  # deterministic: same catalog, same bytes


def test_assets_are_local_so_the_site_works_offline(shipped):
    for name in ("assets/tables.js", "assets/site.css"):
        assert not re.search(rb"https?://", shipped[name]), f"{name} must not load anything from the network"
    config = (Path(__file__).resolve().parent.parent / "site" / "mkdocs.yml").read_text()
    assert "font: false" in config and "assets/tables.js" in config


def test_all_models_has_one_row_per_offering_with_sort_and_filter_data(shipped):
    tables = rendered(shipped["all-models.md"])
    header, *rows = tables.rows
    assert header == ["Provider", "Model", "Kind", "Context", "Input", "Output", "Features", "Status"]
    assert len(rows) == 9
    gpt = next(r for r in rows if r[1] == "gpt-oss-120b")
    assert gpt == ["Cerebras", "gpt-oss-120b", "N/A", "131072", "$0.25/1M", "$0.69/1M", "Reasoning, Streaming", "N/A"]
    llama = next(r for r in rows if r[1] == "llama-3.3-70b")
    assert llama[3:6] == ["N/A", "N/A", "N/A"]  # unknown stays unknown
    text = shipped["all-models.md"].decode()
    assert 'data-provider="cerebras" data-features="reasoning streaming" data-modalities="in:text out:text" data-price="0.25"' in text
    assert '<td data-sort="">N/A</td>' in text  # unknown sorts apart from every number
    assert 'href="providers/cerebras/models/gpt-oss-120b.html"' in text


def test_privacy_matrix_tells_no_from_unknown(data_copy):
    add_provider(data_copy, "mystery", "Mystery AI")
    add_provider(data_copy, "keeper", "Keeper", "privacy:\n  retains_user_data: true\n  trains_on_user_data: true\n"
                 "retention:\n  type: fixed\n  duration_days: 30\n")
    rows = {r[0]: r for r in rendered(site_pages(load_catalog(data_copy))["privacy.md"]).rows}
    assert rows["Provider"][1:5] == ["Retains data", "Trains on data", "Retention type", "Retention duration"]
    assert rows["Cerebras"][1:5] == ["No", "No", "No Retention", "Immediate deletion"]
    assert rows["Mystery AI"][1:5] == ["Unknown", "Unknown", "Unknown", "Unknown"]
    assert rows["Keeper"][1:5] == ["Yes", "Yes", "Fixed Duration", "30 days"]
    page = site_pages(load_catalog(data_copy))["privacy.md"].decode()
    assert "neither retain nor train on your data:\n[Cerebras](providers/cerebras/README.md)." in page


def test_compare_puts_providers_of_one_model_side_by_side_cheapest_first(data_copy, shipped):
    assert "No canonical model is served by more than one provider" in shipped["compare.md"].decode()
    add_provider(data_copy, "cheapo", "Cheapo")
    add_offering(data_copy, "cheapo", "gpt-oss-120b", "model: openai/gpt-oss-120b\npricing: {input: 0.1, output: 0.5}\n")
    add_provider(data_copy, "vague", "Vague")
    add_offering(data_copy, "vague", "oss-120b", "model: openai/gpt-oss-120b\n")
    page = site_pages(load_catalog(data_copy))["compare.md"]
    rows = rendered(page).rows
    assert [r[0] for r in rows] == ["Provider", "Cheapo", "Cerebras", "Vague"]
    assert rows[1][4:6] == ["$0.1/1M", "$0.5/1M"] and rows[3][4] == "N/A"
    assert "[openai/gpt-oss-120b](models/openai/gpt-oss-120b.md), by OpenAI" in page.decode()


def test_hostile_text_renders_as_text_everywhere(data_copy):
    add_provider(data_copy, "evil", HOSTILE, f"moderation:\n  moderated_by: {json.dumps(HOSTILE)}\n")
    add_offering(data_copy, "evil", "gpt-oss-120b", f"model: openai/gpt-oss-120b\nname: {json.dumps(HOSTILE)}\n")
    pages = site_pages(load_catalog(data_copy))
    for name in ("all-models.md", "compare.md", "privacy.md"):
        tables = rendered(pages[name])
        assert "script" not in tables.tags, name
        assert not any("evil.example" in href for href in tables.hrefs), name
        header = tables.rows[0]
        assert all(len(row) == len(header) for row in tables.rows), f"{name}: a | split a cell"
        assert any("<script>alert(1)</script> | [click](https://evil.example)" in cell
                   for row in tables.rows for cell in row), f"{name}: the text must still be shown"


def test_md_cell_and_safe_url():
    assert md_cell("a|b\nc") == "a\\|b c"
    assert md_cell("<b>") == "&lt;b&gt;"
    assert md_cell(None) == ""
    assert safe_url("https://example.com/a_(b)") == "https://example.com/a_%28b%29"
    assert safe_url("javascript:alert(1)") is None and safe_url('https://x" onclick="y') is None


def _schema_paths(node: dict, root: dict, prefix: str = ""):
    """Every field path of a bundled schema, walked independently of the page generator."""
    node = _deref(node, root)
    for name, child in node.get("properties", {}).items():
        yield prefix + name
        child = _deref(child, root)
        yield from _schema_paths(child, root, prefix + name + ".")
        if child.get("type") == "array" and "properties" in _deref(child.get("items", {}), root):
            yield from _schema_paths(child["items"], root, prefix + name + "[].")


def _deref(node: dict, root: dict) -> dict:
    while "$ref" in node:
        target = root
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


@pytest.mark.parametrize("kind", ["provider", "offering", "model", "author"])
def test_data_format_documents_every_schema_field(shipped, kind):
    from generator.schemas import bundled
    schema = bundled(kind)
    tables = rendered(shipped["data-format.md"]).tables
    assert len(tables) == 4
    rows = tables[["provider", "offering", "model", "author"].index(kind)]
    assert rows[0] == ["Field", "Type", "Required", "Meaning", "Example"]
    documented = [r[0] for r in rows[1:]]
    assert set(documented) == set(_schema_paths(schema, schema))
    assert all(r[3] for r in rows[1:]), "every field has a meaning"
    by_path = {r[0]: r for r in rows}
    assert by_path["id"][2] == "yes"
    if kind == "provider":
        assert by_path["retention.type"][1] == "one of: none, fixed, conditional, indefinite"
        assert by_path["id"][4] == json.loads((SCHEMA_DIR / "provider.schema.json").read_text())["properties"]["id"]["examples"][0]
    if kind == "offering":
        assert by_path["context_window"][1:4] == ["integer", "no", "Maximum tokens of input and output together."]
        assert by_path["context_window"][4] == "131072"  # example from the shipped data


def test_api_page_names_every_export_with_examples(shipped):
    page = shipped["api.md"].decode()
    for name in ("api/catalog.json", "api/models.json", "api/api.json", "api/catalog.schema.json"):
        assert f"]({name})" in page
    assert "```python" in page and "```sh" in page and "| jq" in page
