"""Offering, model, author and index pages: everything known, nothing guessed; templates; escaping."""

import re
import textwrap
from pathlib import Path

import jinja2
import pytest

from generator import load_catalog
from generator.cli import main
from generator.util.resources import templates_dir
from generator.outputs.docs.render import render_docs
from generator.outputs.docs.logos import monogram_svg

HOSTILE = "Evil <script>alert(1)</script> | [x](javascript:alert(1)) \\ end"
HOSTILE_BLOCK = "# heading\n| a | b |\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n- item"


def write(data: Path, rel: str, text: str) -> None:
    path = data / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


def add_second_provider(data: Path) -> None:
    """A provider 'other' serving openai/gpt-oss-120b twice: free, and with unknown prices."""
    write(data, "providers/other/provider.yaml", """
        id: other
        name: Other Cloud
        retention: {type: fixed, duration_days: 30}
        privacy: {retains_user_data: true}
    """)
    write(data, "providers/other/models/gpt-oss-120b-free.yaml", """
        id: gpt-oss-120b-free
        model: openai/gpt-oss-120b
        pricing: {input: 0, output: 0}
    """)
    write(data, "providers/other/models/gpt-oss-120b-unpriced.yaml", """
        id: gpt-oss-120b-unpriced
        model: openai/gpt-oss-120b
    """)


@pytest.fixture
def rich_data(data_copy):
    write(data_copy, "providers/cerebras/models/gpt-oss-120b.yaml", """
        id: gpt-oss-120b
        model: openai/gpt-oss-120b
        context_window: 131072
        pricing:
          input: 0.25
          output: 0.69
          cached_input: 0
          effective_from: 2025-09-01
          tiers:
            - above_tokens: 100000
              input: 0.5
          history:
            - effective_from: 2025-01-01
              input: 0.35
              output: 0.75
        modalities:
          input: {text: true, image: false}
          output: {text: true}
        features: {reasoning: true, streaming: true, tool_calling: false}
        sources:
          - url: https://inference-docs.cerebras.ai/models/overview
            title: Cerebras docs
    """)
    add_second_provider(data_copy)
    return data_copy


def test_offering_page_says_what_is_known_and_marks_the_unknown(rich_data):
    page = render_docs(load_catalog(rich_data))["providers/cerebras/models/gpt-oss-120b.md"].decode()
    assert "| Text | ✅ | ✅ |" in page and "| Image | ❌ | ❔ |" in page and "| Audio | ❔ | ❔ |" in page
    assert "| Tool Calling | No |" in page and "| Advanced Reasoning | Yes |" in page and "| Web Search | Unknown |" in page
    assert "| $0.25/1M | $0.69/1M | Free | N/A | N/A |" in page  # cached input 0 is free; cache write unknown
    assert "| 100000 tokens | $0.50/1M | $0.69/1M | Free | N/A | N/A |" in page  # tier falls back to base
    assert "| 2025-01-01 | $0.35/1M | $0.75/1M | N/A | N/A | N/A |" in page
    assert "since 2025-09-01" in page
    assert "**Authors**: [OpenAI](../../../authors/openai/README.md)" in page
    assert "**Canonical Model**: [gpt-oss-120b](../../../models/openai/gpt-oss-120b.md)" in page
    assert "**Retains User Data**: No" in page and "No Retention (Immediate deletion)" in page
    others = page.split("## Same Model at Other Providers")[1].split("## Sources")[0]
    assert others.index("gpt-oss-120b-free") < others.index("gpt-oss-120b-unpriced")
    assert "| Free | Free |" in others and "| N/A | N/A |" in others
    assert "- [Cerebras docs](https://inference-docs.cerebras.ai/models/overview)" in page
    assert "- [← Back to Cerebras](../README.md)" in page


def test_model_page_lists_offerings_cheapest_first_unknown_last(rich_data):
    page = render_docs(load_catalog(rich_data))["models/openai/gpt-oss-120b.md"].decode()
    rows = [line for line in page.splitlines() if line.startswith('| <span class="pc-provider-cell">')]
    assert [re.search(r'<code class="pc-id-code">([^<]+)</code>\]\(\.\./\.\./providers/[^)]+/models/', r).group(1)
            for r in rows] == ["gpt-oss-120b-free", "gpt-oss-120b", "gpt-oss-120b-unpriced"]
    assert "3 offering(s)" in page
    free, paid, unpriced = rows
    assert '<span class="pc-price" data-sort="0">Free / Free</span>' in free
    assert '<span class="pc-price" data-sort="0.25">$0.25 / $0.69</span>' in paid  # input / output
    assert '<span class="pc-price" data-sort="0">Free</span>' in paid  # cached input 0 is free, not unknown
    assert '<span class="pc-price" data-sort="">N/A</span>' in unpriced  # unknown: an empty key sorts last
    assert '<span data-sort="131072">131,072</span>' in paid
    assert paid.endswith("| No | No | Immediate deletion | N/A |")  # trains, retains, retention days, status
    assert free.endswith("| Unknown | Yes | 30 days | N/A |")


def test_model_page_facts_say_what_the_offerings_know(rich_data):
    page = render_docs(load_catalog(rich_data))["models/openai/gpt-oss-120b.md"].decode()
    assert "**Model ID**: <code>openai/gpt-oss-120b</code>  \n" in page
    assert "**Providers**: 2  \n" in page  # two providers, three offerings
    assert "**Context**: 131,072  \n" in page and "**Max Output**: N/A  \n" in page  # unknown, not 0
    assert '**Input**: <span title="Text input">📝</span>  \n' in page
    assert '**Capabilities**: <span title="Advanced Reasoning">🧠</span> <span title="Response Streaming">⚡</span>' in page


def test_unknown_pricing_is_not_free(data_copy):
    page = render_docs(load_catalog(data_copy))["providers/cerebras/models/llama-3.3-70b.md"].decode()
    assert "Pricing is unknown." in page and "Free" not in page and "✅ | ✅" in page


def test_index_pages_count_everything(rich_data):
    files = render_docs(load_catalog(rich_data))
    index = files["README.md"].decode()
    assert "| 2 | 11 | 9 | 3 |" in index
    assert "[Other Cloud](./providers/other/README.md) | 2 |" in index
    assert "2 provider(s)." in files["providers/README.md"].decode()
    assert "| [gpt-oss-120b](../../models/openai/gpt-oss-120b.md) | 3 |" in files["authors/openai/README.md"].decode()
    row = ("| [gpt-oss-120b](../models/openai/gpt-oss-120b.md) | [OpenAI](../authors/openai/README.md) | 2 | "
           '<span data-sort="131072">131,072</span> | <span data-sort="">N/A</span> | ')
    assert row in files["models/README.md"].decode()
    assert ('<span data-sort="0">Free / Free</span> at [Other Cloud](../providers/other/models/gpt-oss-120b-free.md) |'
            in files["models/README.md"].decode())  # the cheapest offering, and where


def test_home_page_lists_the_most_widely_served_models_first(rich_data):
    index = render_docs(load_catalog(rich_data))["README.md"].decode()
    served = index.split("## Most Widely Served Models")[1].split("## Providers")[0]
    rows = [line for line in served.splitlines() if line.startswith("| [")]
    assert rows[0].startswith("| [gpt-oss-120b](./models/openai/gpt-oss-120b.md) | [OpenAI]") and len(rows) == 9
    assert "[All models](./all-models.md)" in index and 'for="__search"' in index


def test_build_date_comes_from_source_date_epoch_or_the_data(data_copy, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert "Data as of" not in render_docs(load_catalog(data_copy))["README.md"].decode()
    path = data_copy / "providers/cerebras/models/llama3.1-8b.yaml"
    path.write_text(path.read_text() + "last_verified: 2026-03-04\n")
    assert "Data as of 2026-03-04." in render_docs(load_catalog(data_copy))["README.md"].decode()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")
    assert "Data as of 2024-01-01." in render_docs(load_catalog(data_copy))["README.md"].decode()


def test_logo_is_copied_or_a_deterministic_monogram(data_copy):
    files = render_docs(load_catalog(data_copy))
    assert files["providers/cerebras/logo.svg"] == monogram_svg("cerebras", "Cerebras")
    assert b">C</text>" in files["providers/cerebras/logo.svg"]
    own = b'<svg xmlns="http://www.w3.org/2000/svg"><title>own</title></svg>'
    (data_copy / "providers/cerebras/logo.svg").write_bytes(own)
    assert render_docs(load_catalog(data_copy))["providers/cerebras/logo.svg"] == own


def hostile_catalog(data: Path) -> Path:
    """Every free-text field of every kind of file holds hostile text."""
    hostile, block = repr(HOSTILE)[1:-1], repr(HOSTILE_BLOCK)[1:-1]
    write(data, "authors/evil.yaml", f"""
        id: evil
        name: "{hostile}"
        description: "{block}"
        links: [{{label: "{hostile}", url: "https://e.example/)[x](javascript:alert(1)"}}]
        sources: [{{title: "{hostile}"}}]
    """)
    write(data, "models/evil/evil-model.yaml", f"""
        id: evil/evil-model
        name: "{hostile}"
        authors: [evil]
        description: "{block}"
        family: "{hostile}"
        license: "{hostile}"
        knowledge_cutoff: "2024"
        links: [{{label: "{hostile}", url: "https://e.example/a|b"}}]
    """)
    write(data, "providers/evil/provider.yaml", f"""
        id: evil
        name: "{hostile}"
        description: "{block}"
        headquarters: "{hostile}"
        endpoints: {{other: [{{label: "{hostile}", url: "https://e.example/x"}}]}}
        retention: {{type: conditional, details: "{block}"}}
        moderation: {{moderated_by: "{hostile}"}}
    """)
    write(data, "providers/evil/models/evil-offering.yaml", f"""
        id: evil-offering
        name: "{hostile}"
        model: evil/evil-model
        aliases: ["{hostile}"]
        description: "{block}"
        rate_limits: [{{tier: "{hostile}", requests_per_minute: 10}}]
        sources: [{{url: "https://e.example/s", title: "{hostile}"}}, {{title: "{hostile}"}}]
    """)
    write(data, "providers/evil/models/evil-direct.yaml", f"""
        id: evil-direct
        name: "{hostile}"
        authors: [evil]
    """)
    return data


def check_tables(page: str, text: str) -> None:
    """Every row of every table has as many unescaped pipes as its header."""
    pipes = None
    for line in text.splitlines():
        if not line.startswith("|"):
            pipes = None
            continue
        count = len(re.findall(r"(?<!\\)\|", line))
        pipes = pipes or count
        assert count == pipes, f"{page}: broken table row {line!r}"


def test_hostile_strings_are_escaped_in_every_template(data_copy):
    files = render_docs(load_catalog(hostile_catalog(data_copy)))
    pages = {p: d.decode() for p, d in files.items() if p.endswith(".md")}
    templates = {"README.md", "providers/README.md", "providers/evil/README.md", "providers/evil/models/evil-offering.md",
                 "models/README.md", "models/evil/evil-model.md", "authors/README.md", "authors/evil/README.md"}
    for page in templates:
        assert "&lt;script&gt;" in pages[page], f"{page} shows no hostile text, so it was not tested"
    for page, text in pages.items():
        assert "<script>" not in text, page
        assert "&amp;lt;" not in text and "\\\\\\|" not in text, f"{page}: escaped twice"
        assert not re.search(r"(?<!\\)\]\((?!https?://|\.)", text), f"{page}: a link not to http(s) or a page"
        assert not re.search(r"^\s*(#+ heading|- item)", text, re.M), f"{page}: block syntax from data was not defused"
        check_tables(page, text)
    assert r"\[x\](javascript:alert(1))" in pages["providers/evil/models/evil-offering.md"]
    assert "(https://e.example/%29[x]%28javascript:alert%281%29)" in pages["authors/evil/README.md"]


def test_templates_override_single_files(tmp_path, data_copy):
    override = tmp_path / "templates"
    write(override, "partials/provider_privacy.md.j2", "## Privacy (custom)\n\n")
    catalog = load_catalog(data_copy)
    ours, theirs = render_docs(catalog), render_docs(catalog, templates_dir=override)
    assert "## Privacy (custom)" in theirs["providers/cerebras/README.md"].decode()
    assert "Privacy (custom)" not in ours["providers/cerebras/README.md"].decode()
    assert theirs["providers/cerebras/models/gpt-oss-120b.md"] == ours["providers/cerebras/models/gpt-oss-120b.md"]
    out = tmp_path / "out"
    assert main(["build", "--data", str(data_copy), "--out", str(out), "--templates", str(override)]) == 0
    assert "## Privacy (custom)" in (out / "providers/cerebras/README.md").read_text()
    assert main(["build", "--data", str(data_copy), "--out", str(out), "--templates", str(tmp_path / "nope")]) == 2


def test_a_typo_in_a_template_fails_loudly(tmp_path, data_copy, capsys):
    override = tmp_path / "templates"
    source = (templates_dir() / "author.md.j2").read_text().replace("author.name }}", "author.nmae }}", 1)
    write(override, "author.md.j2", source)
    with pytest.raises(jinja2.UndefinedError, match="nmae"):
        render_docs(load_catalog(data_copy), templates_dir=override)
    out = tmp_path / "out"
    assert main(["build", "--data", str(data_copy), "--out", str(out), "--templates", str(override)]) == 1
    assert "template error" in capsys.readouterr().err and not out.exists()


def test_printing_an_unknown_without_a_filter_fails(tmp_path, data_copy):
    override = tmp_path / "templates"
    write(override, "model.md.j2", "{{ model.release_date or model.open_weights }}\n")
    with pytest.raises(Exception, match="use na, yesno or money"):
        render_docs(load_catalog(data_copy), templates_dir=override)
    out = tmp_path / "out"
    assert main(["build", "--data", str(data_copy), "--out", str(out), "--templates", str(override)]) == 1
    assert not out.exists()


def test_forked_workers_render_the_same_bytes_and_report_failures(tmp_path):
    from benchmarks.synthetic import make_catalog

    catalog = load_catalog(make_catalog(tmp_path / "data", providers=4, offerings=10, models=6, authors=2))
    serial = render_docs(catalog, jobs=1)
    assert render_docs(catalog, jobs=3) == serial and list(render_docs(catalog, jobs=2)) == list(serial)
    override = tmp_path / "templates"
    write(override, "offering.md.j2", "{{ offering.nmae }}\n")
    with pytest.raises(jinja2.UndefinedError, match="nmae"):
        render_docs(catalog, templates_dir=override, jobs=2)


def test_the_day_a_provider_was_last_checked_live_is_shown_and_never_invented(rich_data):
    with (rich_data / "providers/other/provider.yaml").open("a") as file:
        file.write("monitoring:\n  last_checked: 2026-11-30\n")
    files = render_docs(load_catalog(rich_data))
    providers = files["providers/README.md"].decode()
    assert "| Checked Live |" in providers
    assert re.search(r"\[Other Cloud\]\([^)]*\) \|[^\n]*\| 2026-11-30 \|\n", providers)
    assert re.search(r"\[Cerebras\]\([^)]*\) \|[^\n]*\| N/A \|\n", providers)
    assert "**Models List Checked Live**: 2026-11-30" in files["providers/other/README.md"].decode()
    assert "Checked Live" not in files["providers/cerebras/README.md"].decode()
