"""The package is complete on its own: metadata, resource mapping, no file found through the checkout.

The installed wheel itself is exercised by tests/test_wheel.py; these checks are the fast ones
that point at the line to fix.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from generator.outputs.site import builder
from generator.outputs.site.schema_doc import schema_docs
from generator.util import resources

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
MAPPED = {"generator.schema": "schema", "generator.templates": "templates", "generator.siteconfig": "site"}


def _folders(root: Path, package: str) -> set[str]:
    return {package} | {f"{package}.{'.'.join(p.relative_to(root).parts)}" for p in root.rglob("*")
                        if p.is_dir() and p.name != "__pycache__"}


def test_every_folder_of_the_package_and_the_templates_is_listed():
    """Setuptools' discovery cannot see mapped folders, so the list is explicit: a new folder must join it."""
    expected = _folders(ROOT / "generator", "generator") | _folders(ROOT / "templates", "generator.templates")
    expected |= {"generator.schema", "generator.siteconfig"}
    assert set(SETUPTOOLS["packages"]) == expected
    assert SETUPTOOLS["package-dir"] == MAPPED


def test_each_mapped_folder_is_a_package_so_the_editable_install_can_import_it():
    for folder in MAPPED.values():
        assert (ROOT / folder / "__init__.py").is_file(), folder
    # of the generated site/docs, only the catalog's export (load_catalog() with no argument reads it)
    assert SETUPTOOLS["package-data"]["generator.siteconfig"] == ["mkdocs.yml", "docs/api/catalog.json"]


def test_the_licence_is_an_spdx_expression():
    """The table form makes setuptools (77 and later) warn twice on every install."""
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["build-system"]["requires"] == ["setuptools>=77"]


def test_resources_are_the_checkouts_folders_in_the_editable_install(tmp_path):
    """Run from elsewhere, so the checkout is on no path but through the editable install."""
    script = ("from generator.util import resources as r; import generator; "
              "print(generator.__file__, r.schema_dir(), r.templates_dir(), r.site_config(), sep='\\n')")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={"PATH": ""}, check=True)
    package, schemas, templates, config = result.stdout.splitlines()
    assert Path(package) == ROOT / "generator" / "__init__.py", "the tests must run against this checkout"
    assert (Path(schemas), Path(templates), Path(config)) == (ROOT / "schema", ROOT / "templates",
                                                              ROOT / "site" / "mkdocs.yml")
    assert resources.site_asset("logo.svg").startswith(b"<svg")


ALLOWED_FILE_LOOKUPS = {  # module -> why its own location is needed
    "generator/build/state.py": "fingerprints the package's own source",
}


def test_no_module_finds_files_relative_to_its_own_location():
    """Shipped files come from generator.util.resources; the checkout's layout is no concern of the code."""
    offenders = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "generator").rglob("*.py"))
                 if "__file__" in p.read_text(encoding="utf-8")]
    assert offenders == sorted(ALLOWED_FILE_LOOKUPS)


def test_site_defaults_are_relative_to_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert builder.default_config() == resources.site_config()  # none here: the shipped one
    assert not builder.DOCS.is_absolute() and not builder.BUILD.is_absolute()
    (tmp_path / "site").mkdir()
    shutil.copy(resources.site_config(), tmp_path / "site" / "mkdocs.yml")
    assert builder.default_config().resolve() == tmp_path / "site" / "mkdocs.yml"


def test_data_format_examples_come_from_the_catalog_being_built(tmp_path):
    """Not from a data/ folder beside the code: an installed tool has none; edits show at once."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "seed-catalog", data)

    def example(path: str) -> str | None:
        offering = next(d for d in schema_docs(data) if d.kind == "offering")
        return next(f.example for f in offering.fields if f.path == path)

    assert example("context_window") == "131072"
    first = sorted(data.glob("providers/*/models/*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("context_window: 131072", "context_window: 65536"))
    assert example("context_window") == "65536"
    assert next(d for d in schema_docs(None) if d.kind == "offering").fields  # no catalog: schema examples only
