"""search_text: a page's search sections as Material's search Parser finds them, without its parser.

Compared on hand-made edge cases and on the content of every page of a built site (the rich
catalog's; PROVCAT_TEST_SITE_DATA=data compares the shipped catalog's).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")

from material.plugins.search.plugin import Parser  # noqa: E402

from generator.outputs.site import search_text  # noqa: E402
from generator.outputs.site.mkdocs_plugin import head_for_search  # noqa: E402

from .sitebuild import build_catalog_site, rich_catalog  # noqa: E402


def theirs(html: str) -> list:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return _plain(parser.data)


def _plain(sections) -> list:
    return [(s.el.tag, dict(s.el.attrs), s.depth, s.id, list(s.title), list(s.text)) for s in sections]


SAME = [
    "",
    "just text &amp; more",
    "<h1 id=\"t\">Title <code>x</code></h1><p>Para <strong>bold</strong>\nnext line</p>",
    "<h2 id=\"a\">Second first</h2><p>text</p><h3 id='b'>Three</h3><ul><li> </li><li>item</li></ul>",
    "<h2>no id</h2><p>  </p><p>a<br/>b<br />c</p><table>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</table>",
    "<div><h2 id=\"nested\">In a div</h2><p>x</p></div><p>after</p>",
    "<p><img src=x alt=\"y\"> <a href=\"u\" title=\"a > b\">link</a></p><svg><path d=\"M0\"/></svg>",
    "<h1 id=\"x\" class=\"C\" data-x>H &lt;1&gt;</h1><p>&#169; &copy &unknown; <sub>2</sub></p>",
    "<P>Upper <EM>case</EM></P><h2 ID=\"up\">Up</h2>",
    "<h2 id=\"&quot;q&quot;\">Quoted id</h2>text after</p></li>",
    "<p>one</p>\n\n   \n<p>two</p>",
]


@pytest.mark.parametrize("html", SAME)
def test_sections_are_the_parsers(html):
    assert _plain(search_text.sections(html)) == theirs(html)


@pytest.mark.parametrize("html", [
    "<script>var a = '<p>';</script><p>x</p>",        # raw text the parser skips
    "<pre>  kept\n  spaces</pre>",                      # whitespace kept as it is
    "<!-- a comment --><p>x</p>",
    "<div data-search-exclude><p>x</p></div>",
    "<h2 id=\"a\">A<a class=\"headerlink\" href=\"#a\">¶</a></h2>",
    "<p>a < b</p>",                                     # a bare "<" in text
    "<p a=b\"c>x</p>",                                  # a quote in a bare value
    "<a href=x/>y</a>",                                 # "/" ending a bare value
])
def test_html_outside_the_subset_goes_to_the_parser(html):
    assert search_text.sections(html) is None
    assert _plain(search_text.parse(html)) == theirs(html)


@pytest.mark.parametrize("tag", ['<h2 id="limits">', '<h3 id="a-b_c.d">', '<h2 id="">', '<H2 id="up">',
                                 '<h2 id="a&amp;b">', "<h2 id='q'>", '<h2 ID="x">', '<h2 id="x" class="y">',
                                 '<h2 id=bare>', '<h2  id="two-spaces">'])
def test_a_headings_attributes_are_the_parsers(tag):
    parser = search_text._Attributes()
    parser.feed(tag)
    parser.close()
    assert search_text._attributes(tag) == parser.attrs


def test_a_heading_with_only_an_id_is_read_without_the_parser(monkeypatch):
    monkeypatch.setattr(search_text, "_Attributes", None)  # calling it would fail
    assert search_text._attributes('<h2 id="pricing">') == {"id": "pricing"}
    with pytest.raises(TypeError):
        search_text._attributes('<h2 id="a&amp;b">')


# The price history chart's SVG: its <title> is markup or raw text depending on the Python version.
CHART = ('<h2 id="p">Prices</h2><div class="chart"><svg viewBox="0 0 10 10"><title>Price history of '
         'a/b &amp; c</title><path d="M0 0"/><text x="1">$1.00</text></svg></div><p>after</p>')


@pytest.mark.skipif(search_text.title_is_raw(), reason="this Python's parser reads <title> as raw text")
def test_a_title_in_an_svg_goes_the_fast_way_where_the_parser_reads_it_as_markup():
    assert "<title" not in search_text._SPECIAL
    for html in (CHART, "<svg><title>t</title></svg>", "<title>x</title><p>y</p>"):
        assert search_text.sections(html) is not None
        assert _plain(search_text.sections(html)) == theirs(html)


def test_a_title_goes_to_the_parser_where_it_reads_it_as_raw_text(monkeypatch):
    assert "<title" in search_text.special_markers(True)
    assert "<title" not in search_text.special_markers(False)
    monkeypatch.setattr(search_text, "_SPECIAL", search_text.special_markers(True))
    assert search_text.sections(CHART) is None
    assert _plain(search_text.parse(CHART)) == theirs(CHART)


def _contents(site: Path):
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', text, re.S)
        if found:
            yield page.relative_to(site).as_posix(), found.group(1)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search-text")
    data = Path(os.environ["PROVCAT_TEST_SITE_DATA"]) if os.environ.get("PROVCAT_TEST_SITE_DATA") else \
        rich_catalog(root / "data")
    return build_catalog_site(data, root)


def test_every_pages_sections_are_the_parsers(built):
    pages = fast = 0
    for name, content in _contents(built):
        for html in (content, head_for_search(content)):
            ours = search_text.sections(html)
            fast += ours is not None
            assert _plain(search_text.parse(html)) == theirs(html), name
            pages += 1
    assert pages > 50 and fast > pages / 2  # not a vacuous comparison: most went the fast way (the guide has <pre>)


def test_the_plugin_indexes_every_page_with_these_sections(monkeypatch):
    """The plugin indexes a page that is not an offering's itself (the search plugin then skips
    it), with its marks in words: with the fast path on, as the search plugin would with these
    sections; with PROVCAT_FAST_PAGES=0, with the search plugin's own parser."""
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchIndex

    from generator.outputs.site import fast_pages
    from generator.outputs.site.mkdocs_plugin import SitePlugin

    def page():
        return SimpleNamespace(title="T", meta={}, content=SAME[2], toc=[], url="guide/x.html",
                               file=SimpleNamespace(src_uri="guide/x.md"))
    plugin = SitePlugin()
    plugin._search = SimpleNamespace(config=SimpleNamespace(enabled=True), search_index=SearchIndex())
    indexed = page()
    plugin.on_page_context({}, page=indexed, config=None, nav=None)
    assert indexed.meta["search"] == {"exclude": True}
    reference = SearchIndex()
    reference.add_entry_from_context(page())
    assert plugin._search.search_index.entries == reference.entries != []
    monkeypatch.setenv(fast_pages.SWITCH, "0")
    plugin._search.search_index = SearchIndex()
    left = page()
    left.content += '<p>Input: <span title="Text input">📝</span> ✅</p>'
    plugin.on_page_context({}, page=left, config=None, nav=None)
    assert left.meta["search"] == {"exclude": True}
    worded = page()
    worded.content += "<p>Input: <span>Text input</span> Supported</p>"
    reference = SearchIndex()
    reference.add_entry_from_context(worded)
    assert plugin._search.search_index.entries == reference.entries
