"""Every relative link and image of every generated page resolves to a generated file."""

from benchmarks.synthetic import make_catalog
from generator import load_catalog
from generator.outputs.docs.render import render_docs

from .conftest import DATA
from .linkcheck import broken_links, count_links


def test_shipped_data_has_no_broken_links():
    files = render_docs(load_catalog(DATA))
    assert count_links(files) > 100
    assert broken_links(files) == []


def test_odd_ids_link_at_the_right_depth(tmp_path):
    data = make_catalog(tmp_path / "data", providers=3, offerings=6, models=5, authors=2, odd_ids=True)
    catalog = load_catalog(data)
    ids = [o.id for o in catalog.offerings] + list(catalog.models)
    assert all(any(ch in i for i in ids) for ch in "/:@") and any(i != i.lower() for i in ids)
    files = render_docs(catalog)
    assert "./changes.md" in files["README.md"].decode()  # the home page's Recent Changes link...
    files["changes.md"] = b""  # ...to the page the build writes beside the docs (generator/outputs/changes)
    assert any("~" in p for p in files)  # slugged stems in use
    assert count_links(files) > 100
    assert broken_links(files) == []


def test_the_link_checker_finds_a_broken_link():
    files = {"a/README.md": b"[x](../b.md) [y](./c.md) <img src=\"../logo.svg\"> [z](https://e.example/)",
             "b.md": b"[back](./a/README.md)"}
    assert broken_links(files) == ["a/README.md -> ./c.md", "a/README.md -> ../logo.svg"]
