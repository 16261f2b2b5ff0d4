"""The escaping and formatting filters, one behaviour each."""

from decimal import Decimal

import pytest
from generator.present.filters import Md as Markup

from generator.model.records import Features, Modalities, Offering
from generator.present import filters as f
from generator.present.urls import relative


@pytest.mark.parametrize("value, shown", [
    (Decimal("0.25"), "$0.25/1M"), (Decimal("2.0"), "$2.00/1M"), (Decimal("2"), "$2.00/1M"),
    (Decimal("0.075"), "$0.075/1M"), (Decimal("0.0001"), "$0.0001/1M"), (Decimal("15"), "$15.00/1M"),
    (Decimal("1E+1"), "$10.00/1M"), (Decimal("0"), "Free"), (None, "N/A"),
])
def test_money(value, shown):
    assert f.money(value) == shown


def test_money_free_for_zero_and_other_currencies():
    assert f.money(Decimal("0")) == "Free"
    assert f.money(None) == "N/A"
    assert f.money(Decimal("0.5"), "EUR") == "€0.50/1M"
    assert f.money(Decimal("0.5"), "CHF") == "0.50 CHF/1M"


def test_yes_no_unknown_and_marks_keep_false_apart_from_unknown():
    assert [f.yesno(v) for v in (True, False, None)] == ["Yes", "No", "Unknown"]
    assert [f.mark(v) for v in (True, False, None)] == ["✅", "❌", "❔"]
    assert [f.na(v) for v in (None, 0, "x")] == ["N/A", "0", "x"]
    assert f.number_cell(None) == "N/A" and f.number_cell(131072) == "131072"
    assert f.number(None) == "N/A" and f.number(131072) == "131,072"


def test_retention_words():
    assert [f.retention_type(t) for t in ("none", "fixed", "conditional", "indefinite", None)] == [
        "No Retention", "Fixed Duration", "Conditional", "Indefinite", "N/A"]
    assert [f.retention_duration(d) for d in (0, 1, 30, None)] == ["Immediate deletion", "1 day", "30 days", "N/A"]


def test_text_escapes_html_links_pipes_and_newlines():
    assert f.text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f.text("[x](javascript:alert(1))") == r"\[x\](javascript:alert(1))"
    assert f.text("a | b\nc \\ d & e") == r"a \| b c \\ d &amp; e"
    assert f.cell("a|b\nc") == r"a\|b<br>c"
    assert f.attr("say \"hi\" <b> | [x]") == "say &quot;hi&quot; &lt;b&gt; &#124; &#91;x&#93;"


def test_para_keeps_paragraphs_and_defuses_block_syntax():
    assert f.para("# not a heading\nsame para\n\n- not a list\n\n1. nor this") == (
        "\\# not a heading same para\n\n\\- not a list\n\n1\\. nor this")


def test_links_are_http_only():
    assert f.link("https://a.example/x") == "[https://a.example/x](https://a.example/x)"
    assert f.link("https://a.example/x", "Docs [v2]") == r"[Docs \[v2\]](https://a.example/x)"
    assert f.link("javascript:alert(1)") == "javascript:alert(1)"
    assert f.link("ftp://a.example/") == "ftp://a.example/"
    assert f.link(None) == "N/A"
    assert f.link("https://a.example/x\\") == r"[https://a.example/x\\](https://a.example/x%5C)"
    assert f.link("https://a.example/)[x](javascript:alert(1)") == (
        r"[https://a.example/)\[x\](javascript:alert(1)](https://a.example/%29[x]%28javascript:alert%281%29)")


def test_finalize_escapes_plain_strings_and_refuses_unknowns():
    assert f.finalize("<b>") == "&lt;b&gt;"
    assert f.finalize(Markup("<b>")) == "<b>"
    assert f.finalize(3) == 3
    for value in (None, True, Decimal("1")):
        with pytest.raises(f.UnrenderableValue):
            f.finalize(value)


def test_feature_icons_in_the_seed_order():
    offering = Offering("p", "m", "m", "m", modalities=Modalities({"text": True, "image": True}, {"image": True, "audio": True, "video": True}),
                        features=Features(**{k: True for k in ("tool_calling", "web_search", "reasoning", "file_attachments", "streaming", "structured_outputs")}))
    titles = [t for t in str(f.feature_icons(offering)).split('title="')[1:]]
    assert [t.split('"')[0] for t in titles] == [
        "Text Processing", "Vision/Image Input", "Image Generation", "Audio Processing", "Video Generation",
        "Tool Calling", "Web Search", "Advanced Reasoning", "File Attachments", "Response Streaming", "Structured Output"]
    assert f.feature_icons(Offering("p", "m", "m", "m", features=Features(streaming=False))) == "N/A"


def test_relative_links_match_the_seed_form():
    assert relative("providers/c/models/x.md", "providers/c/README.md") == "./models/x.md"
    assert relative("README.md", "providers/c/README.md") == "../../README.md"
    assert relative("models/a/b.md", "providers/c/models/x.md") == "../../../models/a/b.md"


def test_cell_and_attr_skip_their_regular_expressions_only_where_those_could_not_match():
    """cell and attr take a short path for text with nothing to escape (most values); it must make
    what the full escaping makes, for every kind of whitespace and special character."""
    import re

    from generator.present.filters import _ATTR, _HTML, _MD, _NEWLINES, attr, cell

    def full_cell(value):
        return _NEWLINES.sub("<br>", _MD.sub(r"\\\1", str(value).translate(_HTML)).strip())

    def full_attr(value):
        return _NEWLINES.sub(" ", str(value).translate(_ATTR)).strip()

    pieces = ["a", " ", "\t", "\x0b", "\x0c", "\u2028", "\u00a0", "\r", "\n", "\r\n", "|", "[", "]", "\\", "<", "&",
              '"', "'", "é", "1,024"]
    values = [x + y + z for x in pieces for y in pieces for z in ("", " b ", "\n")] + [12, 3.5]
    for value in values:
        assert cell(value) == full_cell(value), repr(value)
        assert attr(value) == full_attr(value), repr(value)
    assert re.search(r"\s", cell(" padded\t")) is None
