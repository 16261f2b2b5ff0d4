"""Search text in words where the pages show marks and feature emoji (search_words)."""

from __future__ import annotations

import json
import re

from generator.outputs.site.search_words import DECORATION, MARK_WORDS, marks_as_words

from .conftest import ROOT
from .sitebuild import shipped_site  # noqa: F401  (fixture)

PAGES_JS = ROOT / "generator" / "outputs" / "site" / "assets" / "pages.js"
_ICON_EMOJI = re.compile("[\u2600-\u27bf\U0001f300-\U0001faff]")


def test_a_feature_icon_reads_as_the_title_of_its_span():
    html = '<strong>Input</strong>: <span title="Text input">📝</span> <span title="Image input">🖼️</span>'
    assert marks_as_words(html) == "<strong>Input</strong>: <span>Text input</span> <span>Image input</span>"


def test_a_titled_span_with_words_keeps_them_and_its_title_escaped_as_it_was():
    assert marks_as_words('<span title="a &amp; b">x</span>') == '<span title="a &amp; b">x</span>'
    assert marks_as_words('<span title="&lt;b&gt;">🔧</span>') == "<span>&lt;b&gt;</span>"


def test_marks_read_as_the_names_of_their_icons_unless_the_words_after_them_say_it():
    assert marks_as_words("<td>✅</td><td>❌</td><td>❔</td>") == (
        "<td>Supported</td><td>Not supported</td><td>Unknown</td>")
    assert marks_as_words("<p>✅ supported · ❌ not supported · ❔ unknown</p>") == (
        "<p>supported · not supported · unknown</p>")


def test_decorating_emoji_are_dropped_from_headings():
    assert marks_as_words('<h2 id="api">🔗 API Endpoints</h2><h2>🛡️ Content Moderation</h2>') == (
        '<h2 id="api">API Endpoints</h2><h2>Content Moderation</h2>')


def test_the_words_are_those_the_site_script_gives_the_icons():
    """The script's table (emoji -> icon, accessible name, kind) and this module's agree."""
    script = PAGES_JS.read_text(encoding="utf-8")
    table = dict(re.findall(r'^\s*"((?:\\u[0-9A-F]{4})+)": \["[^"]*", "([^"]*)", "(?:yes|no|unknown)"\]',
                            script, re.M))
    names = {code.encode("ascii").decode("unicode_escape").encode("utf-16", "surrogatepass").decode("utf-16"): name
             for code, name in table.items()}
    assert names == MARK_WORDS
    deco = re.findall(r'^\s*"((?:\\u[0-9A-F]{4})+)": \["[^"]*", "", "deco"\]', script, re.M)
    assert {c.encode("ascii").decode("unicode_escape").encode("utf-16", "surrogatepass").decode("utf-16")
            for c in deco} == set(DECORATION)


def test_the_built_search_index_holds_words_not_icon_emoji(shipped_site):  # noqa: F811
    """In a browser without an emoji font, results read as words; "reasoning" finds the pages
    that show it as 🧠."""
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [(d["location"], m.group()) for d in index["docs"] for field in ("title", "text")
             for m in _ICON_EMOJI.finditer(d[field]) if not d["location"].startswith("guide/")]
    assert found == []
    model = next(d for d in index["docs"] if d["location"] == "models/alibaba/qwen3-32b.html")
    assert "Input: Text input Output: Text output Capabilities: Response Streaming" in model["text"]
    assert any(d["title"] == "API Endpoints" for d in index["docs"])
