"""The Jinja2 environment of the docs templates.

One factory, so every page is rendered with the same rules: templates from a
user directory first (``--templates DIR`` overrides single files), then ours
in ``templates/``; ``StrictUndefined``, so a misspelt name fails the build
instead of rendering empty; block tags leave no blank lines behind; the file's
trailing newline is kept; filters from :mod:`.filters`.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from . import filters
from .paths import TEMPLATES_DIR


class MissingTemplatesDir(FileNotFoundError):
    """The ``--templates`` directory does not exist."""


def make_environment(templates_dir: Path | str | None = None) -> jinja2.Environment:
    """An environment loading *templates_dir* (if given) before the shipped templates."""
    loaders = []
    if templates_dir is not None:
        templates_dir = Path(templates_dir)
        if not templates_dir.is_dir():
            raise MissingTemplatesDir(f"templates directory {templates_dir} does not exist")
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES_DIR)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # escaping is explicit per context; see filters.finalize
        finalize=filters.finalize,
        auto_reload=False,
        cache_size=-1,
    )
    filters.register(env)
    return env


def template_files(templates_dir: Path | str | None = None) -> list[Path]:
    """Every template file that can affect the output, user overrides first."""
    dirs = ([Path(templates_dir)] if templates_dir is not None else []) + [TEMPLATES_DIR]
    return [path for folder in dirs for path in sorted(folder.rglob("*")) if path.is_file()]
