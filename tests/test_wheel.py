"""The wheel, installed (not editable) into a fresh virtual environment, works away from the checkout.

Once, the wheel held neither ``schema/`` nor ``templates/`` and an installed
``provcat validate`` crashed on a missing schema file.  This builds the wheel
from a copy of the sources (``pip wheel --no-deps``: setuptools writes its
``build/`` folder into the tree it builds, so not into the checkout), creates a
fresh virtual environment outside the checkout and installs the wheel there
with ``--no-deps --no-index``.  The third-party dependencies are not downloaded
again: a ``.pth`` file adds the test environment's site-packages *after* the
fresh one, so ``generator`` is imported from the wheel (asserted) while
PyYAML, mkdocs and the rest are reused -- fast, and offline apart from
setuptools, which the build fetches like any install of the project does.
Then ``provcat validate``, ``build`` and ``site build`` run on a small fixture
catalog, with the defaults, in a working directory outside the checkout.

About half a minute, most of it the wheel build and mkdocs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

SOURCES = ("pyproject.toml", "README.md", "generator", "schema", "templates", "site/mkdocs.yml", "site/__init__.py",
           "site/docs/api/catalog.json")


def _copy_sources(target: Path) -> None:
    for name in SOURCES:
        source, dest = ROOT / name, target / name
        if source.is_dir():
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, dest)


def _run(command: list, cwd: Path) -> subprocess.CompletedProcess:
    """*command* in *cwd*, with no variable that could point Python at the checkout or the test environment."""
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    """The built wheel and pip's output (the build backend's warnings show there)."""
    sources, out = tmp_path_factory.mktemp("sources"), tmp_path_factory.mktemp("wheel")
    _copy_sources(sources)
    result = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", out, sources], cwd=out)
    return next(out.glob("provider_catalog-*.whl")), result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh environment holding the wheel: its bin/ folder."""
    env_dir = tmp_path_factory.mktemp("env") / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel[0]],
         cwd=env_dir)
    fresh = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=env_dir)
                 .stdout.strip())
    (fresh / "zz-test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return env_dir / "bin"


def test_the_wheel_carries_schemas_templates_assets_and_site_config(wheel):
    names = set(zipfile.ZipFile(wheel[0]).namelist())
    for name in ("generator/schema/offering.schema.json", "generator/schema/catalog.schema.json",
                 "generator/templates/provider.md.j2", "generator/templates/partials/pricing.md.j2",
                 "generator/templates/site/data-format.md.j2", "generator/siteconfig/mkdocs.yml",
                 "generator/outputs/site/assets/tables.js", "generator/build/pipeline.py",
                 "generator/siteconfig/docs/api/catalog.json"):
        assert name in names, name
    assert not any(n.startswith(("data/", "site/")) for n in names)
    assert [n for n in names if n.startswith("generator/siteconfig/docs/")] == ["generator/siteconfig/docs/api/catalog.json"]


def test_building_the_wheel_prints_no_deprecation_warning(wheel):
    assert "deprecated" not in wheel[1].lower(), wheel[1]


def test_installed_provcat_validates_builds_and_builds_the_site_anywhere(installed, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(ROOT / "tests" / "fixtures" / "seed-catalog", work / "data")
    where = _run([installed / "python", "-c", "import generator.util.resources as r; print(r.schema_dir())"], work)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), "generator must come from the wheel"

    shipped = _run([installed / "python", "-c", "from generator import load_catalog; "
                    "print(load_catalog().offering('cerebras/gpt-oss-120b').price.input)"], work)
    assert shipped.stdout.strip(), "the installed package prices offline from its shipped catalog"
    _run([installed / "provcat", "validate", "--data", "data"], work)
    _run([installed / "provcat", "build", "--data", "data", "--out", "site/docs"], work)
    assert "131,072" in (work / "site/docs/providers/cerebras/models/gpt-oss-120b.md").read_text(encoding="utf-8")
    _run([installed / "provcat", "site", "build", "--data", "data"], work)  # defaults: site/docs, site/build
    for page in ("index.html", "data-format.html", "providers/cerebras/index.html", "assets/tables.js"):
        assert (work / "site" / "build" / page).is_file(), page
    assert "131072" in (work / "site/build/data-format.html").read_text(encoding="utf-8")  # the catalog's example
    assert not list(work.glob("site/*.yml")) and not list(work.glob(".provcat-site-*")), "temporary config left"
