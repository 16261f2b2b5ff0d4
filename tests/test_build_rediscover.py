"""An edit build finds the catalog's files as the last build did when the same files exist
(generator.build.rediscover), and walks the data directory again whenever one may have become
something discovery refuses."""

import os

import pytest

from generator.build import cache as doccache
from generator.build.pipeline import build
from generator.validation.problems import InvalidCatalog
from tests.test_build_incremental import EDITS, catalog, offering, settle, tree  # noqa: F401 (fixture)

SCRIPTED = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
PLAIN = b'<svg xmlns="http://www.w3.org/2000/svg"/>\n'


def test_an_edit_build_does_not_walk_the_data_directory_again(tmp_path, catalog, monkeypatch):
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    EDITS["offering price"](catalog)
    monkeypatch.setattr(doccache, "discover", lambda data_dir: pytest.fail("the data directory was walked again"))
    assert build(catalog, out).changed
    monkeypatch.undo()
    build(catalog, tmp_path / "cold")
    assert tree(out) == tree(tmp_path / "cold")


def _link_out(data, tmp_path):
    target = tmp_path / "outside.yaml"
    path = offering(data, 1)
    target.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(target)


REFUSED = {  # changes that keep every path but that discovery refuses
    "offering linked out of the catalog": _link_out,
    "logo with a script": lambda d, _: (d / "providers/provider-0/logo.svg").write_bytes(SCRIPTED),
    "offering made a folder link": lambda d, _: (offering(d, 2).unlink(), offering(d, 2, 0).parent.joinpath(
        "gone.yaml").symlink_to(d / "models")),
    ".yml beside the offerings": lambda d, _: (offering(d, 0).parent / "extra.yml").write_text("id: x\n"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_file_that_became_something_discovery_refuses_fails_the_build(tmp_path, catalog, name):
    (catalog / "providers/provider-0/logo.svg").write_bytes(PLAIN)
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    REFUSED[name](catalog, tmp_path)
    with pytest.raises(InvalidCatalog):
        build(catalog, tmp_path / "cold")
    with pytest.raises(InvalidCatalog):
        build(catalog, out)


def test_a_stray_file_or_a_plain_logo_change_still_matches_a_cold_build(tmp_path, catalog):
    (catalog / "providers/provider-0/logo.svg").write_bytes(PLAIN)
    out = tmp_path / "out"
    settle(catalog)
    build(catalog, out)
    (catalog / "providers/provider-1/notes.txt").write_text("not catalog data\n")
    (catalog / "providers/provider-0/logo.svg").write_bytes(PLAIN.replace(b"/>", b' width="1"/>'))
    os.utime(offering(catalog, 3), ns=(0, 0))  # touched: its stamp changed, its content did not
    build(catalog, out)
    build(catalog, tmp_path / "cold")
    assert tree(out) == tree(tmp_path / "cold")
