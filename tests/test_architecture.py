"""The package's layers hold: each imports only the layers below it ([tool.importlinter] in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    if not LINT.exists():
        pytest.fail("lint-imports is missing: pip install -e '.[test]'")
    # A fresh interpreter whose first path entry is *root*, so its copy of the package is analysed.
    return subprocess.run([str(LINT), str(root / "pyproject.toml"), "--no-cache"], cwd=root,
                          capture_output=True, text=True, env={"PYTHONPATH": str(root), "PATH": ""})


def test_the_import_contracts_hold():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("module, line", [
    ("generator/catalog/catalog.py", "from generator.outputs.exports import encode  # the old cycle: catalog -> export\n"),
    ("generator/model/records.py", "import jinja2\n"),
    ("generator/outputs/docs/views.py", "from generator.outputs.site import facts\n"),
])
def test_a_wrong_way_import_breaks_a_contract(tmp_path, module, line):
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / module
    target.write_text(target.read_text() + "\n\ndef _wrong_way():\n    " + line)
    result = _lint(tmp_path)
    assert result.returncode != 0 and " BROKEN" in result.stdout, result.stdout + result.stderr
