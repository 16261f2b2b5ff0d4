"""The site-only pages: All models, Compare, Privacy, API, Data format."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from generator import load_catalog
from generator.validation.schemas import SCHEMA_DIR
from generator.outputs.site.pages import site_pages
from generator.outputs.site.escape import md_cell, safe_url

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
    parser.html = markdown.markdown(text, extensions=["tables", "attr_list"])
    parser.feed(parser.html)
    return parser


@pytest.fixture
def shipped() -> dict[str, bytes]:
    return site_pages(load_catalog(DATA))


def site_data(files: dict[str, bytes]) -> dict:
    """The rows the browser builds the All-models and Compare tables from."""
    text = files["assets/site-data.js"].decode("ascii")
    assert text.startswith("window.provcatData = ") and text.endswith(";\n")
    return json.loads(text[len("window.provcatData = "):-2])


def named_rows(data: dict) -> list[dict]:
    return [dict(zip(data["fields"], row)) for row in data["rows"]]


def test_producer_returns_the_pages_and_vendored_assets(shipped):
    assert set(shipped) == {"all-models.md", "compare.md", "privacy.md", "api.md", "data-format.md",
                            "assets/tables.js", "assets/pages.js", "assets/site.css", "assets/logo.svg",
                            "assets/site-data.js"}
    assert site_pages(load_catalog(DATA)) == shipped  # deterministic: same catalog, same bytes


def test_assets_are_local_so_the_site_works_offline(shipped):
    for name in ("assets/tables.js", "assets/site.css", "assets/site-data.js"):
        assert not re.search(rb"https?://", shipped[name]), f"{name} must not load anything from the network"
    config = (Path(__file__).resolve().parent.parent / "site" / "mkdocs.yml").read_text()
    assert "font: false" in config and "assets/tables.js" in config
    assert '<script src="assets/site-data.js"></script>' in shipped["all-models.md"].decode()


def test_all_models_has_one_row_per_offering_with_sort_and_filter_data(shipped):
    header = rendered(shipped["all-models.md"]).rows[0]
    assert header == ["Provider", "Model", "Kind", "Context", "Input", "Output", "Features", "Status"]
    rows = {r["id"]: r for r in named_rows(site_data(shipped))}
    assert len(rows) == 9
    gpt = rows["gpt-oss-120b"]
    assert (gpt["provider_name"], gpt["context"], gpt["input"], gpt["input_label"], gpt["output_label"]) == \
        ("Cerebras", 131072, "0.25", "$0.25/1M", "$0.69/1M")
    assert (gpt["features"], gpt["modalities"], gpt["kind"], gpt["status"]) == \
        ("reasoning streaming", "in:text out:text", "N/A", "N/A")
    assert gpt["page"] == "providers/cerebras/models/gpt-oss-120b.html"
    assert gpt["provider_page"] == "providers/cerebras/index.html"
    llama = rows["llama-3.3-70b"]
    assert (llama["context"], llama["input"], llama["input_label"]) == (None, None, "N/A")  # unknown stays unknown


def test_free_is_a_price_and_not_unknown(data_copy):
    add_offering(data_copy, "cerebras", "free-model", "pricing: {input: 0, output: 0}\n")
    rows = {r["id"]: r for r in named_rows(site_data(site_pages(load_catalog(data_copy))))}
    assert (rows["free-model"]["input"], rows["free-model"]["input_label"]) == ("0", "Free")


def test_privacy_matrix_tells_no_from_unknown(data_copy):
    add_provider(data_copy, "mystery", "Mystery AI")
    add_provider(data_copy, "keeper", "Keeper", "privacy:\n  retains_user_data: true\n  trains_on_user_data: true\n"
                 "retention:\n  type: fixed\n  duration_days: 30\n")
    rows = {r[0]: r for r in rendered(site_pages(load_catalog(data_copy))["privacy.md"]).rows}
    assert rows["Provider"][1:5] == ["Retains data", "Trains on data", "Retention type", "Retention duration"]
    assert rows["Cerebras"][1:5] == ["No", "No", "No Retention", "Immediate deletion"]
    assert rows["Mystery AI"][1:5] == ["Unknown", "Unknown", "N/A", "N/A"]
    assert rows["Keeper"][1:5] == ["Yes", "Yes", "Fixed Duration", "30 days"]
    page = site_pages(load_catalog(data_copy))["privacy.md"].decode()
    assert "neither retain nor train on your data:\n[Cerebras](providers/cerebras/README.md)." in page


def test_compare_puts_providers_of_one_model_side_by_side_cheapest_first(data_copy, shipped):
    assert "No canonical model is served by more than one provider" in shipped["compare.md"].decode()
    assert site_data(shipped)["comparisons"] == []
    add_provider(data_copy, "cheapo", "Cheapo")
    add_offering(data_copy, "cheapo", "gpt-oss-120b", "model: openai/gpt-oss-120b\npricing: {input: 0.1, output: 0.5}\n")
    add_provider(data_copy, "vague", "Vague")
    add_offering(data_copy, "vague", "oss-120b", "model: openai/gpt-oss-120b\n")
    files = site_pages(load_catalog(data_copy))
    data = site_data(files)
    [comparison] = data["comparisons"]
    assert (comparison["id"], comparison["page"], comparison["authors"]) == \
        ("openai/gpt-oss-120b", "models/openai/gpt-oss-120b.html", ["OpenAI"])
    rows = [dict(zip(data["fields"], data["rows"][i])) for i in comparison["rows"]]
    assert [(r["provider"], r["input_label"]) for r in rows] == [("cheapo", "$0.10/1M"), ("cerebras", "$0.25/1M"), ("vague", "N/A")]
    assert "- [gpt-oss-120b](models/openai/gpt-oss-120b.md) (openai/gpt\\-oss\\-120b): 3 providers" not in files["compare.md"].decode()
    assert "- [gpt\\-oss\\-120b](models/openai/gpt-oss-120b.md)" not in files["compare.md"].decode()
    assert "- [gpt-oss-120b](models/openai/gpt-oss-120b.md) (openai/gpt-oss-120b): 3 providers" in files["compare.md"].decode()


def test_hostile_text_renders_as_text_everywhere(data_copy):
    add_provider(data_copy, "evil", HOSTILE, f"moderation:\n  moderated_by: {json.dumps(HOSTILE)}\n")
    add_offering(data_copy, "evil", "gpt-oss-120b", f"model: openai/gpt-oss-120b\nname: {json.dumps(HOSTILE)}\n")
    write(data_copy / "models" / "openai" / "evil-model.yaml",
          f"id: openai/evil-model\nname: {json.dumps(HOSTILE)}\nauthors: [openai]\n")
    add_offering(data_copy, "evil", "evil-model", "model: openai/evil-model\n")
    add_offering(data_copy, "cerebras", "evil-model", "model: openai/evil-model\n")
    pages = site_pages(load_catalog(data_copy))
    tables = rendered(pages["privacy.md"])
    assert "script" not in tables.tags
    assert not any("evil.example" in href for href in tables.hrefs)
    assert all(len(row) == len(tables.rows[0]) for row in tables.rows), "a | split a cell"
    assert sum("<script>alert(1)</script> | [click](https://evil.example)" in cell
               for row in tables.rows for cell in row) == 2, "the text must still be shown, as text"
    rows = named_rows(site_data(pages))
    assert HOSTILE in [r["name"] for r in rows] and HOSTILE in [r["provider_name"] for r in rows]
    assert b"<" not in pages["assets/site-data.js"]  # "</script>" cannot end the script early
    compare = rendered(pages["compare.md"])
    assert compare.tags.count("script") == 1 and "<script>alert" not in compare.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | [click](https://evil.example) *x* `y`" in compare.html


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
    from generator.validation.schemas import bundled
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
    for name in ("api/catalog.json", "api/models.json", "api/api.json", "api/catalog.schema.json",
                 "api/models-export.schema.json", "api/api-export.schema.json", "api/provider-export.schema.json",
                 "api/providers/cerebras.json"):
        assert f"]({name})" in page
    assert "```python" in page and "```sh" in page and "| jq" in page


def test_a_template_override_wins_and_a_typo_fails_loudly(tmp_path):
    import jinja2
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "privacy.md.j2").write_text("# {{ catalog.providers|length }} providers\n")
    files = site_pages(load_catalog(DATA), templates_dir=tmp_path)
    assert files["privacy.md"] == b"# 1 providers\n"
    typo = tmp_path / "typo"
    (typo / "site").mkdir(parents=True)
    (typo / "site" / "privacy.md.j2").write_text("{{ catalog.provider_list }}\n")
    with pytest.raises(jinja2.UndefinedError):
        site_pages(load_catalog(DATA), templates_dir=typo)
