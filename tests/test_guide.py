"""The guide: hand-written pages copied into the docs by ``provcat build`` and built into the site."""

from __future__ import annotations

import yaml

from generator.build.pipeline import PRODUCERS, build, produce_guide
from generator.build.write import read_manifest
from generator.outputs.site.guide import guide_pages

from .conftest import DATA, ROOT
from .linkcheck import broken_links
from .sitebuild import shipped_site  # noqa: F401  (fixture)

SOURCE = ROOT / "generator" / "outputs" / "site" / "guide_pages"


def test_every_source_page_is_produced_as_it_is():
    pages = guide_pages()
    sources = sorted(SOURCE.glob("*.md"))
    assert len(sources) >= 7 and "guide/performance.md" in pages
    assert pages == {f"guide/{p.name}": p.read_bytes() for p in sources}
    assert produce_guide in PRODUCERS


def test_the_build_owns_the_guide_and_check_notices_a_stale_copy(tmp_path):
    out = tmp_path / "docs"
    build(DATA, out)
    assert (out / "guide/performance.md").read_bytes() == (SOURCE / "performance.md").read_bytes()
    assert "guide/performance.md" in read_manifest(out)
    (out / "guide/performance.md").write_text("# Performance\n\nstale\n", encoding="utf-8")
    (out / "guide/site.md").unlink()
    checked = build(DATA, out, check=True)
    assert checked.changes.updated == ["guide/performance.md"] and checked.changes.created == ["guide/site.md"]
    build(DATA, out)
    assert not build(DATA, out, check=True).changed


def test_guide_links_resolve_among_the_built_files(tmp_path):
    out = tmp_path / "docs"
    build(DATA, out)
    files = {p: (out / p).read_bytes() for p in read_manifest(out)}
    guide = {p: data for p, data in files.items() if p.startswith("guide/")}
    assert broken_links(files) == []  # the guide's links to generated pages too
    assert sum(data.count(b"](") for data in guide.values()) > 20


def test_every_guide_page_is_in_the_site_navigation():
    config = yaml.safe_load((ROOT / "site" / "mkdocs.yml").read_text(encoding="utf-8"))
    entry = next(item["Guide"] for item in config["nav"] if isinstance(item, dict) and "Guide" in item)
    listed = {next(iter(e.values())) if isinstance(e, dict) else e for e in entry}
    assert listed == set(guide_pages())


def test_the_built_site_has_the_guide_in_its_tabs(shipped_site):  # noqa: F811
    for name in ("index", "performance", "build", "json-api", "importing", "site", "validation"):
        assert (shipped_site / "guide" / f"{name}.html").is_file(), name
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    tabs = home[home.index('<nav class="md-tabs"'):home.index("</nav>", home.index('<nav class="md-tabs"'))]
    assert 'href="guide/index.html"' in tabs
    page = (shipped_site / "guide" / "performance.html").read_text(encoding="utf-8")
    assert "AMD EPYC" in page and 'href="build.html"' in page  # the page and its section's sidebar

