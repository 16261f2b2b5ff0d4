"""``provcat link`` on a small catalog: what it lists, what --write adds, and data/links.yaml."""

from __future__ import annotations

import json
import shutil

import pytest

from generator.cli import main
from generator.model.layout import offering_path
from generator.validation.validate import validate_catalog
from generator.validation.yaml_fast import load_bytes

from .conftest import ROOT

RICH = ROOT / "tests" / "fixtures" / "rich"
LINKS = """\
links:
  - offering: alpha/mystery
    model: beta-labs/small
    why: checked by hand
not:
  - offering: gamma/beta-labs/small-int8
    model: beta-labs/small
    why: a test of a forbidden link
"""


@pytest.fixture
def catalog(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(RICH, data)
    for offering_id in ("acme/Big-Model-FP8", "accounts/x/models/big-model:free", "big-model-2", "small-vision",
                        "beta-labs/small-int8"):
        path = data / offering_path("gamma", offering_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'id: "{offering_id}"\n', encoding="utf-8")
    (data / "links.yaml").write_text(LINKS, encoding="utf-8")
    return data


def read(data, provider, offering_id):
    return load_bytes((data / offering_path(provider, offering_id)).read_bytes(), "x")[0]


def test_link_lists_each_verdict_with_counts(catalog, tmp_path, capsys):
    assert main(["link", "--data", str(catalog), "--report", str(tmp_path / "r.json")]) == 0
    out, err = capsys.readouterr()
    assert "linked: gamma/acme/Big-Model-FP8 -> acme/big-model [fp8] (path, quantisation)" in out
    assert "linked: gamma/accounts/x/models/big-model:free -> acme/big-model [free]" in out
    assert "reviewed: alpha/mystery -> beta-labs/small (links.yaml)" in out
    assert "unlinked: gamma/beta-labs/small-int8 (links.yaml forbids beta-labs/small)" in out
    assert "unlinked: gamma/big-model-2" in out and "unlinked: gamma/small-vision" in out
    assert "offerings: 4 curated, 1 reviewed, 2 linked, 0 ambiguous, 4 unlinked (of 11)" in err
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["counts"]["linked"] == 2 and report["problems"] == []
    assert read(catalog, "gamma", "acme/Big-Model-FP8") == {"id": "acme/Big-Model-FP8"}  # nothing written


def test_write_adds_model_and_variant_with_a_link_source_and_keeps_curated_links(catalog, capsys):
    curated = (catalog / offering_path("beta", "big-model")).read_bytes()
    assert main(["link", "--data", str(catalog), "--write"]) == 0
    written = read(catalog, "gamma", "acme/Big-Model-FP8")
    assert (written["model"], written["variant"]) == ("acme/big-model", "fp8")
    assert written["sources"] == [{"title": "provcat link: derived from the id (path, quantisation)", "importer": "link",
                                   "fields": ["model", "variant"]}]
    assert read(catalog, "alpha", "mystery")["sources"][0]["title"] == "provcat link: reviewed in data/links.yaml"
    assert "model" not in read(catalog, "gamma", "big-model-2")
    assert (catalog / offering_path("beta", "big-model")).read_bytes() == curated
    assert validate_catalog(catalog).ok()
    capsys.readouterr()
    assert main(["link", "--data", str(catalog), "--write"]) == 0  # again: nothing left to add
    err = capsys.readouterr().err
    assert "written: 0 offering file(s) updated" in err
    assert "offerings: 4 curated, 0 reviewed, 3 linked" in err  # linked earlier: told apart from curated


def test_a_curated_model_is_never_replaced(catalog):
    path = catalog / offering_path("gamma", "acme/Big-Model-FP8")
    path.write_text('id: "acme/Big-Model-FP8"\nmodel: beta-labs/small\n', encoding="utf-8")
    assert main(["link", "--data", str(catalog), "--write"]) == 0
    assert read(catalog, "gamma", "acme/Big-Model-FP8")["model"] == "beta-labs/small"


def test_a_links_file_naming_a_missing_model_is_a_problem(catalog, capsys):
    (catalog / "links.yaml").write_text(LINKS.replace("model: beta-labs/small\n    why: checked",
                                                      "model: beta-labs/nothing\n    why: checked"))
    assert main(["link", "--data", str(catalog)]) == 1
    assert "links.yaml: links[0]: no canonical model beta-labs/nothing in the catalog" in capsys.readouterr().err


def test_an_invalid_links_file_is_reported_by_validate_with_its_line(catalog, capsys):
    (catalog / "links.yaml").write_text("links:\n  - offering: alpha/mystery\n    model: beta-labs/small\n")
    problems = [p for p in validate_catalog(catalog).errors if p.file.endswith("links.yaml")]
    assert problems and problems[0].line == 2 and "why" in problems[0].message
    assert main(["link", "--data", str(catalog)]) == 1
    assert "links.yaml is not used until it is valid" in capsys.readouterr().err
    assert main(["build", "--data", str(catalog), "--out", str(catalog.parent / "out")]) == 1  # build checks it too


def test_the_shipped_links_file_is_valid():
    assert [p for p in validate_catalog(ROOT / "data").problems if "links" in p.file] == []


def test_two_canonical_models_of_one_name_are_listed_as_ambiguous_and_not_written(catalog, capsys):
    (catalog / "models" / "beta-labs" / "big-model.yaml").write_text(
        "id: beta-labs/big-model\nname: Big Model\nauthors: [beta-labs]\n", encoding="utf-8")
    assert main(["link", "--data", str(catalog), "--write"]) == 0
    assert "ambiguous: gamma/acme/Big-Model-FP8: acme/big-model | beta-labs/big-model" in capsys.readouterr().out
    assert "model" not in read(catalog, "gamma", "acme/Big-Model-FP8")


def test_an_offering_naming_authors_is_not_given_a_model_too(catalog, capsys):
    path = catalog / offering_path("gamma", "acme/Big-Model-FP8")
    path.write_text('id: "acme/Big-Model-FP8"\nauthors: [acme]\n', encoding="utf-8")
    assert main(["link", "--data", str(catalog), "--write"]) == 0
    assert "unlinked: gamma/acme/Big-Model-FP8 (names authors; acme/big-model fits" in capsys.readouterr().out
    assert "model" not in read(catalog, "gamma", "acme/Big-Model-FP8")
