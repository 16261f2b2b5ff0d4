"""The guide: hand-written pages copied into the docs by ``provcat build``, built into the site,
and a README that keeps to what a newcomer needs while naming only paths that exist."""

from __future__ import annotations

import importlib
import re
from decimal import Decimal

import yaml

from generator.build.state import FINGERPRINT_INPUTS
from generator.build.pipeline import build
from generator.build.producers import PRODUCERS, produce_guide
from generator.build.write import read_manifest
from generator.outputs.site.guide import guide_pages

from .conftest import DATA, ROOT
from .linkcheck import broken_links, targets
from .sitebuild import shipped_site  # noqa: F401  (fixture)

SOURCE = ROOT / "generator" / "outputs" / "site" / "guide_pages"
README = ROOT / "README.md"


def test_every_source_page_is_produced_as_it_is():
    pages = guide_pages()
    sources = sorted(SOURCE.glob("*.md"))
    assert len(sources) >= 7 and "guide/performance.md" in pages
    assert pages == {f"guide/{p.name}": p.read_bytes() for p in sources}
    assert produce_guide in PRODUCERS


def test_an_edit_of_the_guide_is_not_a_skipped_build():
    """The skip state fingerprints every file of the generator's folder, which holds the guide's sources."""
    assert any(SOURCE.is_relative_to(root) for root in FINGERPRINT_INPUTS)


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


FIGURE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:s|ms|µs|MiB|GiB|MB|kB)\b")
COMMIT = re.compile(r"(?<![~.\d])\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,40}\b")  # not a slug's hash (~713c58296b) or a number
MODULE_PATH = re.compile(r"\b(?:generator|tests|benchmarks|templates|schema)/[\w./-]*[\w/]")
DOTTED = re.compile(r"\bgenerator(?:\.\w+)+")
MADE_BY_TESTS = {"tests/artifacts/"}  # screenshots of the browser tests


def documents() -> dict[str, str]:
    """The README and every guide page, by name."""
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(SOURCE.glob("*.md"))}
    return {"README.md": README.read_text(encoding="utf-8"), **{f"guide/{k}": v for k, v in pages.items()}}


def test_the_readme_is_for_a_newcomer():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250
    assert FIGURE.findall(text) == []  # timing and size figures live in the guide's performance page
    assert COMMIT.findall(text) == []
    assert "make all" in text and "make test" in text
    for command in ("validate", "build", "export", "list", "show", "price", "compare-sources", "diff", "import", "site"):
        assert f"provcat {command}" in text, command


def test_the_readme_python_example_runs_and_says_what_it_shows(monkeypatch):
    block = README.read_text(encoding="utf-8").split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(block, namespace)  # noqa: S102 (our own README)
    assert (namespace["cost"].amount, namespace["cost"].currency) == (Decimal("0.388"), "USD")
    assert "(Decimal('0.388'), 'USD')" in block


def test_the_docs_name_no_commit():
    assert {name: COMMIT.findall(text) for name, text in documents().items() if COMMIT.findall(text)} == {}


def test_every_path_and_module_the_docs_name_exists():
    missing = []
    for name, text in documents().items():
        for path in set(MODULE_PATH.findall(text)):
            if "<" not in path and path not in MADE_BY_TESTS and not (ROOT / path.rstrip("/")).exists():
                missing.append(f"{name}: {path}")
        for dotted in set(DOTTED.findall(text)):
            if not _resolves(dotted):
                missing.append(f"{name}: {dotted}")
    assert missing == []


def test_the_readme_links_resolve():
    links = [t for t in targets(README.read_text(encoding="utf-8")) if not t.startswith(("http://", "https://"))]
    assert len(links) >= 8 and any(t.startswith("site/docs/guide/") for t in links)
    assert [t for t in links if not (ROOT / t.split("#")[0]).is_file()] == []


def _resolves(dotted: str) -> bool:
    """Whether *dotted* names a module, or an attribute of the longest module it starts with."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def test_the_path_checker_notices_an_old_path():
    assert MODULE_PATH.findall("in `generator/render/filters.py`.") == ["generator/render/filters.py"]
    assert not (ROOT / "generator/render/filters.py").exists()
    assert not _resolves("generator.paths.offering_filename") and _resolves("generator.model.layout.offering_filename")
