"""Building the static site from ``site/docs/`` with mkdocs (or Zensical).

The site's configuration is ``site/mkdocs.yml`` of the current directory when
there is one (a checkout of this repository, or a user's own), else the copy
shipped inside the package: an installed ``provcat`` builds a site anywhere.
Every default is relative to the current directory, never to the code's
location.  When the docs or the output are not the configuration's own folders
(``--docs``/``--out``, the shipped configuration, tests), a small configuration
that ``INHERIT``s it and names the two folders is written beside the output, so
every other setting stays in the one file.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.util import resources

LOCAL_CONFIG = Path("site/mkdocs.yml")  # these three are relative to the current directory
DOCS = Path("site/docs")
BUILD = Path("site/build")
# Material for MkDocs prints an end-of-life notice on every build and documents this
# variable to switch it off ("To disable this warning, set NO_MKDOCS_2_WARNING=1").
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1"}


class SiteBuildFailed(Exception):
    """mkdocs or Zensical exited with an error (in strict mode: any warning)."""

    def __init__(self, tool: str, status: int, output: str):
        super().__init__(f"{tool} build failed with exit status {status}:\n{output.strip()}")
        self.tool, self.status, self.output = tool, status, output


class ToolMissing(Exception):
    """The static site generator is not installed."""


@dataclass(frozen=True)
class SiteBuild:
    site_dir: Path
    output: str


def default_config() -> Path:
    """``site/mkdocs.yml`` of the current directory if there is one, else the shipped configuration."""
    return LOCAL_CONFIG if LOCAL_CONFIG.is_file() else resources.site_config()


def build_site(docs_dir: Path = DOCS, site_dir: Path = BUILD, *, strict: bool = True,
               config: Path | None = None) -> SiteBuild:
    """Run ``mkdocs build`` (strict by default) from *docs_dir* into *site_dir*."""
    _require_module("mkdocs", "pip install '.[site]'")
    with site_config(config or default_config(), docs_dir, site_dir) as config_file:
        command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config_file)]
        output = _run("mkdocs", command + (["--strict"] if strict else []))
    return SiteBuild(Path(site_dir), output)


def build_with_zensical(docs_dir: Path = DOCS, site_dir: Path = BUILD, *, config: Path | None = None) -> SiteBuild:
    """Run ``zensical build`` on the same configuration (the optional ``zensical`` extra)."""
    _require_module("zensical", "pip install '.[zensical]'")
    with site_config(config or default_config(), docs_dir, site_dir) as config_file:
        output = _run("zensical", [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config_file)])
    return SiteBuild(Path(site_dir), output)


def _require_module(name: str, hint: str) -> None:
    if importlib.util.find_spec(name) is None:
        raise ToolMissing(f"{name} is not installed: {hint}")


def _run(tool: str, command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **QUIET_ENV})
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise SiteBuildFailed(tool, result.returncode, output)
    return output


class site_config:
    """The configuration to build *docs_dir* into *site_dir*: the shipped one when they are
    its own folders, else a temporary file that inherits it and names the two folders.

    The temporary file lives in the folder holding both, since Zensical requires the
    output to be inside the configuration's folder.
    """

    def __init__(self, config: Path, docs_dir: Path, site_dir: Path):
        self.config, self.docs, self.site = Path(config).resolve(), Path(docs_dir).resolve(), Path(site_dir).resolve()
        self.derived: Path | None = None

    def __enter__(self) -> Path:
        base = self.config.parent
        if (self.docs, self.site) == (base / "docs", base / "build"):
            return self.config
        home = Path(os.path.commonpath([self.docs, self.site]))
        home.mkdir(parents=True, exist_ok=True)  # serve names its docs before their first build
        handle, name = tempfile.mkstemp(prefix=".provcat-site-", suffix=".yml", dir=home)
        # Paths relative to the file: Zensical fails on absolute ones.
        inherit, docs, site = (os.path.relpath(p, home) for p in (self.config, self.docs, self.site))
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(f"INHERIT: {_quote(inherit)}\ndocs_dir: {_quote(docs)}\nsite_dir: {_quote(site)}\n")
        self.derived = Path(name)
        return self.derived

    def __exit__(self, *exc) -> None:
        if self.derived is not None:
            self.derived.unlink(missing_ok=True)


def _quote(path: str) -> str:
    """*path* as a YAML double-quoted string."""
    return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'
