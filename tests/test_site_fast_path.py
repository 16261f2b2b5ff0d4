"""The pages outside the nav, built beside mkdocs (fast_pages), against mkdocs' own rendering.

The same docs are built twice: as `provcat site build` does (the fast path) and with
PROVCAT_FAST_PAGES=0 (every page through mkdocs).  Every page of the two sites must read the same:
title, visible text, headings with their ids, links (as absolute addresses), and the same search
entries.  The catalog is the seed catalog with a provider whose name is hostile HTML; set
PROVCAT_TEST_SITE_DATA to a catalog folder (e.g. data) to compare a whole real catalog.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from unittest import mock

import pytest

from generator.build.pipeline import build
from generator.outputs.site import fast_pages
from generator.outputs.site.builder import build_site

from .pagetext import read_page, search_entries
from .sitebuild import rich_catalog

CATALOG = "PROVCAT_TEST_SITE_DATA"


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory):
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")
    root = tmp_path_factory.mktemp("fast-vs-mkdocs")
    data = Path(os.environ[CATALOG]) if os.environ.get(CATALOG) else rich_catalog(root / "data")
    docs = root / "docs"
    build(data, docs)
    fast = build_site(docs, root / "fast")
    with mock.patch.dict(os.environ, {fast_pages.SWITCH: "0"}):
        reference = build_site(docs, root / "mkdocs")
    return fast, reference


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def test_the_fast_path_built_the_pages_outside_the_nav(both_ways):
    fast, reference = both_ways
    assert "pages outside the nav built beside mkdocs" in fast.output
    assert "by the compiled Markdown engine" in fast.output
    assert "beside mkdocs" not in reference.output
    assert _pages(fast.site_dir) == _pages(reference.site_dir)


@pytest.mark.parametrize("part", ["title", "text", "headings", "links"])
def test_every_page_reads_as_mkdocs_renders_it(both_ways, part):
    fast, reference = both_ways
    different = []
    for page in _pages(reference.site_dir):
        ours, theirs = read_page(fast.site_dir, page)[part], read_page(reference.site_dir, page)[part]
        if ours != theirs:
            different.append((page, ours, theirs))
    assert different == [], f"{len(different)} pages differ in their {part}, the first: {different[:1]}"


def test_search_entries_are_those_mkdocs_makes(both_ways):
    fast, reference = both_ways
    ours, theirs = search_entries(fast.site_dir), search_entries(reference.site_dir)
    assert sorted(ours) == sorted(theirs)
    assert [p for p in theirs if ours[p] != theirs[p]] == []


def test_a_canonical_models_price_history_is_a_section_of_its_own(both_ways):
    """Not a row of the providers table above it, in either rendering."""
    for site in both_ways:
        headings = read_page(site.site_dir, "models/openai/gpt-oss-120b.html")["headings"]
        assert ("h2", "price-history", "Price History") in headings


def test_offering_pages_went_the_fast_way(both_ways):
    """Not a vacuous comparison: the fast site's offering pages have the shell's links (one more "../"
    up to the nav's pages than mkdocs writes), which mkdocs' pages do not."""
    fast, reference = both_ways
    page = next(p for p in _pages(fast.site_dir) if "/models/" in p and p.startswith("providers/"))
    ours = (fast.site_dir / page).read_text(encoding="utf-8")
    theirs = (reference.site_dir / page).read_text(encoding="utf-8")
    assert ours != theirs and "../../../providers/index.html" in ours
    assert "../../../providers/index.html" not in theirs


# --- which Markdown goes the compiled way --------------------------------------------------------

NATIVE = frozenset({"tables", "toc", "fenced_code"})  # what mkdocs configures with site/mkdocs.yml's list


def _not_escaped():
    import markdown

    from generator.outputs.site import fast_markdown

    return fast_markdown.escapable(markdown.Markdown(extensions=["tables", "toc"]).ESCAPED_CHARS)


@pytest.mark.parametrize("source", [
    "para\n- item",                      # a list right under a paragraph: CommonMark only
    "text\n| a | b |\n|---|---|\n| 1 | 2 |",  # a table right under a paragraph
    "```\ncode\n```",                    # fenced code (Python-Markdown's extension differs)
    "para\n\n    indented code",
    "- a\n  - nested by two spaces",
    "<div>\nblock HTML\n</div>",
    "#NoSpace heading",
    "a \\~ b",                           # Python-Markdown does not take \~ as an escape
    "hard\\\nbreak",
    "---\ntitle: front matter\n---\n",
])
def test_constructs_the_engines_render_differently_go_the_exact_way(source):
    from generator.outputs.site import fast_markdown

    assert not fast_markdown.fast_ok(source, NATIVE, _not_escaped())


CHART = ('<div class="pc-price-history"><svg role="img"><title>Price: input &lt; output</title>'
         '<path d="M64 14V146H624"/></svg></div>')


def test_a_whole_div_line_between_blank_lines_goes_the_compiled_way_as_python_markdown_renders_it():
    """The price history chart: one raw <div> line, which both engines pass through as written."""
    import markdown

    from generator.outputs.site import fast_markdown

    source = f"# Title\n\nNow $0.05/1M input.\n\n{CHART}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert fast_markdown.fast_ok(source, NATIVE, _not_escaped())
    assert fast_markdown.fast_ok(f"{CHART}\n\ntext", NATIVE, _not_escaped())
    ours = fast_markdown.render(source, lambda url: url).content
    theirs = markdown.Markdown(extensions=["tables", "toc"]).convert(source)
    assert CHART in ours and CHART in theirs
    assert ours.replace("\n", "") == theirs.replace("\n", "")


@pytest.mark.parametrize("source", [
    f"text\n{CHART}\n\nmore",                      # right under a paragraph line
    f"text\n\n{CHART}\nmore",                      # a paragraph line right under it
    '<div id="x"><p>anchor</p></div>\n',            # an anchor mkdocs collects from raw HTML
    "<div>a</div><div>b</div>\n",                   # two elements on the line
    "<div>a<div>b</div>\n",                         # not closed on its line
    "<div>a</div> tail\n",
    "<p>a</p>\n",                                   # other tags: not looked at
])
def test_other_raw_html_lines_still_go_the_exact_way(source):
    from generator.outputs.site import fast_markdown

    assert not fast_markdown.fast_ok(source, NATIVE, _not_escaped())


def test_extension_syntax_goes_the_exact_way_only_where_a_page_uses_it():
    from generator.outputs.site import fast_markdown

    plain = "# Title\n\n**Key**: value  \n**Other**: [link](x.md)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert fast_markdown.fast_ok(plain, NATIVE, _not_escaped())
    assert fast_markdown.fast_ok(plain, NATIVE | {"attr_list"}, _not_escaped())
    assert not fast_markdown.fast_ok(plain + "\ntext\n{: .wide }\n", NATIVE | {"attr_list"}, _not_escaped())
    assert not fast_markdown.fast_ok("!!! note\n    x\n", NATIVE | {"admonition"}, _not_escaped())
    assert not fast_markdown.fast_ok(plain, NATIVE | {"pymdownx.superfences"}, _not_escaped())  # unknown: exact


def test_compiled_html_has_python_markdowns_heading_ids_title_and_table_lines():
    import markdown

    from generator.outputs.site import fast_markdown

    source = ("# <img src=\"../logo.svg\" alt=\"Logo\"> A &amp; B\n\n## 🔗 API Endpoints\n\n## Overview\n\n"
              "## Overview\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[x](../README.md)\n")
    ours = fast_markdown.render(source, lambda url: "resolved:" + url)
    md = markdown.Markdown(extensions=["tables", "toc"])
    theirs = md.convert(source)
    assert [(t["id"], t["name"]) for t in ours.toc[0]["children"]] == \
        [(t["id"], t["name"]) for t in md.toc_tokens[0]["children"]]
    assert ours.toc[0]["id"] == md.toc_tokens[0]["id"] == "a-b"
    assert ours.title == "A &amp; B"
    assert '<img src="../logo.svg" alt="Logo">' in ours.content  # raw HTML left as written
    assert 'href="resolved:../README.md"' in ours.content  # Markdown links through mkdocs' resolver
    assert "<tr>\n<td>1</td>\n<td>2</td>\n</tr>" in ours.content and "<td>1</td>\n<td>2</td>" in theirs


# --- serve: pages kept between rebuilds ----------------------------------------------------------

def test_under_serve_a_rebuild_renders_only_the_changed_page(both_ways, tmp_path):
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.outputs.site.builder import default_config, site_config

    fast, _ = both_ways
    docs = tmp_path / "docs"
    shutil.copytree(fast.site_dir.parent / "docs", docs)
    messages: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        with site_config(default_config(), docs, tmp_path / "build") as config_file:
            for edit in (None, "providers/cerebras/models/gpt-oss-120b.md"):
                if edit:
                    page = docs / edit
                    page.write_text(page.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
                config = load_config(str(config_file))
                config.plugins.on_startup(command="serve", dirty=False)
                mkdocs_build(config, serve_url="http://127.0.0.1:1/")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    built = [m for m in messages if "pages outside the nav built beside mkdocs" in m]
    assert len(built) == 2 and "0 kept from the last build" in built[0]
    assert "(1 rendered," in built[1], built[1]
    assert "Edited." in (tmp_path / "build" / "providers" / "cerebras" / "models" / "gpt-oss-120b.html").read_text()


def test_with_a_site_url_pages_still_go_through_the_shell_and_into_search(both_ways, tmp_path):
    """The theme then writes a canonical link holding the page's address: the shell has a slot
    for it (without one every page went through the whole template, unindexed for search)."""
    from generator.outputs.site.builder import default_config

    fast, _ = both_ways
    config = tmp_path / "mkdocs.yml"
    config.write_text(f'INHERIT: "{default_config().resolve()}"\nsite_url: https://catalog.example/\n')
    site = build_site(fast.site_dir.parent / "docs", tmp_path / "build", config=config)
    page = (site.site_dir / "providers/cerebras/models/gpt-oss-120b.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://catalog.example/providers/cerebras/models/gpt-oss-120b.html">' in page
    assert "../../../providers/index.html" in page  # the shell's links
    assert "providers/cerebras/models/gpt-oss-120b.html" in search_entries(site.site_dir)


def test_page_context_skips_only_the_search_handler_that_would_change_nothing():
    """page_events.page_context runs the plugins' on_page_context as mkdocs' run_event does, but
    leaves out Material's search handler for a page already indexed whose content has no
    data-search-* attribute (the handler's only effect there is a no-op substitution)."""
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")
    from types import SimpleNamespace

    from material.plugins.search.plugin import SearchPlugin

    from generator.outputs.site import page_events

    calls = []

    class Search(SearchPlugin):
        def __init__(self):
            self.config = SimpleNamespace(enabled=True)
            self.search_index = SimpleNamespace(add_entry_from_context=lambda page: calls.append(page.url))

    search = Search()

    def ours(context, *, page, config, nav):
        return {**context, "ours": True}
    config = SimpleNamespace(plugins=SimpleNamespace(events={"page_context": [ours, search.on_page_context]}))

    def page(content, meta):
        return SimpleNamespace(url=content, content=content, meta=meta)
    indexed = page("<p>x</p>", {"search": {"exclude": True}})
    assert page_events.page_context(config, {}, indexed, None) == {"ours": True}
    assert calls == [] and indexed.content == "<p>x</p>"
    marked = page('<p data-search-exclude="1">x</p>', {"search": {"exclude": True}})
    page_events.page_context(config, {}, marked, None)
    assert marked.content == "<p>x</p>" and calls == [marked.url]  # the handler ran, as mkdocs runs it
    unindexed = page("<p>y</p>", {})
    page_events.page_context(config, {}, unindexed, None)
    assert calls == [marked.url, unindexed.url]


LINKS = ["../README.md", "x.md", "sub/y.md", "../models/m.md", "./x.md", "x.md#part", "x.md?q=1#p", "x%2Emd",
         "../../../x.md", "missing.md", "//host/x.md", "https://example.com/a.md", "mailto:a@b", "#only",
         "", " x.md", "x.md\t", "sub//y.md", "sub/./y.md", "sub/../x.md", "/abs.md", "\\x.md", "img.png",
         "sub/", "x.md#", "x.md?", "da\x02amp\x03ta.md", "caf\u00e9.md", "sub/y.md#h\u00e9"]


UNTAKEN = {"../../../x.md", "missing.md", "#only", "", "/abs.md", "\\x.md", "da\x02amp\x03ta.md", "sub/",
           "../models/m.md", " x.md", "x.md\t"}


@pytest.mark.parametrize("url", LINKS)
def test_a_plain_link_resolves_as_mkdocs_resolves_it(url):
    """compiled._plain_link (with its bare-path and lookup shortcuts) against mkdocs' path_to_url
    on the links it takes on, and None for the others (left to mkdocs)."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import _RelativePathTreeprocessor

    from generator.outputs.site import compiled

    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": "/d", "site_dir": "/s", "use_directory_urls": False})
    files = Files([File(p, "/d", "/s", False)
                   for p in ("a/x.md", "a/sub/y.md", "README.md", "models/m.md", "a/img.png", "a/caf\u00e9.md")])
    page_file = files.get_file_from_path("a/x.md")
    ours = compiled._plain_link(url, page_file, files)
    if ours is None:
        assert url in UNTAKEN
        return
    theirs = _RelativePathTreeprocessor(page_file, files, config).path_to_url(url)
    assert ours == theirs


def test_pages_rendered_by_workers_forked_at_on_env_are_the_ones_rendered_in_process(both_ways, tmp_path, monkeypatch):
    """The fixture catalog has too few pages to fork: here the workers are forced, started from
    the plugin's on_env (before mkdocs builds its own pages), and the site must be byte for byte
    the one the fixture built with every page rendered in the main process."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the pages are always rendered in process")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.outputs.site import workers
    from generator.outputs.site.builder import default_config, site_config

    fast, _reference = both_ways
    forked = []
    real_start = workers.Rendering.start

    def start(todo, work, *, in_process):
        rendering = real_start(todo, work, in_process=in_process)
        forked.append(rendering.forked)
        return rendering
    monkeypatch.setattr(workers.Rendering, "start", staticmethod(start))
    monkeypatch.setattr(fast_pages, "IN_PROCESS_BELOW", 0)
    site = tmp_path / "site"
    with site_config(default_config(), fast.site_dir.parent / "docs", site) as config_file:
        mkdocs_build(load_config(str(config_file)))
    assert forked == [True]
    ours = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(fast.site_dir): p.read_bytes() for p in fast.site_dir.rglob("*") if p.is_file()}
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


_MARKS: list[Path] = []  # where _work marks what it did (a module's function: the pool pickles it)


def _work(index):
    (_MARKS[0] / f"{index}.done").write_text("x")
    return index, index * 10


def test_a_rendering_runs_in_the_workers_before_it_is_collected(tmp_path, monkeypatch):
    from generator.outputs.site import workers

    monkeypatch.setattr(sys.modules[__name__], "_MARKS", [tmp_path])
    work = _work
    rendering = workers.Rendering.start(list(range(6)), work, in_process=False)
    assert rendering.forked
    deadline = time.monotonic() + 30
    while len(list(tmp_path.glob("*.done"))) < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(list(tmp_path.glob("*.done"))) == 6  # done before results() asked for them
    assert rendering.results() == {i: i * 10 for i in range(6)}
    assert not rendering.forked  # the workers are stopped once collected
    in_process = workers.Rendering.start([1, 2], work, in_process=True)
    assert not (tmp_path / "7.done").exists() and in_process.results() == {1: 10, 2: 20}


def test_a_page_is_written_into_a_folder_made_for_it_only_when_missing(tmp_path):
    target = tmp_path / "new" / "folder" / "page.html"
    fast_pages._write(b"one", str(target))
    assert target.read_bytes() == b"one"
    fast_pages._write(b"two", str(target))  # the folder exists now: written straight away
    assert target.read_bytes() == b"two"
