"""The Jinja2 environment of the docs templates.

One factory, so every page is rendered with the same rules: templates from a
user directory first (``--templates DIR`` overrides single files), then ours
in ``templates/``; ``StrictUndefined``, so a misspelt name fails the build
instead of rendering empty; block tags leave no blank lines behind; the file's
trailing newline is kept; filters from :mod:`.filters`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import jinja2

from generator.present import filters
from generator.util import resources


_SYNTAX = {  # the options compiled code depends on (with finalize), part of the bytecode cache's folder name
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": False,  # escaping is explicit per context; see filters.finalize
}


class _Environment(jinja2.Environment):
    """Templates see the globals as a plain dict rather than Jinja's ChainMap over the environment's.

    Every page, include and fragment copies its template's globals into a new context; copying
    a ChainMap goes through Python for each of the ~25 globals and took a tenth of the render
    time.  Our globals are all registered (:func:`filters.register`) before any template loads,
    so a copy made at load time is the same mapping.
    """

    def make_globals(self, d):
        return {**self.globals, **d} if d else dict(self.globals)


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
    loaders.append(jinja2.FileSystemLoader(str(resources.templates_dir())))
    env = _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        finalize=filters.finalize,
        auto_reload=False,
        cache_size=-1,
        bytecode_cache=bytecode_cache({**_SYNTAX, "finalize": "filters.finalize"}),
        **_SYNTAX,
    )
    filters.register(env)
    from generator.present import price_chart  # after filters: it uses their escaping

    env.globals.update(price_chart=_per_offering(price_chart.chart), price_change_note=_per_offering(price_chart.change_note),
                       price_change_since=_per_offering(price_chart.change_since))
    return env


def _per_offering(draw):
    """*draw(offering)*, worked out once per offering for this environment: an offering with a price
    history has its chart and note on its own page and on its canonical model's, and its newest
    change in that model's table.  The offering is kept beside its result, so a key (its ``id``)
    is never taken for another object's; a catalog is not changed once loaded."""
    done: dict[int, tuple] = {}

    def drawn(offering, *more):
        if more:  # another label for the chart: not kept
            return draw(offering, *more)
        found = done.get(id(offering))
        if found is None or found[0] is not offering:
            found = done[id(offering)] = (offering, draw(offering))
        return found[1]

    drawn.__doc__ = draw.__doc__
    return drawn


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates in the user's cache folder; a cache that cannot be read or written only costs time."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(options: dict) -> jinja2.BytecodeCache | None:
    """Compiling the templates takes longer than rendering a small catalog, so the compiled code is
    kept (like the validators, see :func:`generator.validation.schemas.fast_validator`), keyed by each
    template's name and checked against its source; environments with other *options* (those the
    compiled code depends on) use another folder."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = hashlib.sha256(repr((jinja2.__version__, sorted(options.items()))).encode()).hexdigest()[:12]
    folder = os.path.join(base, "provcat", f"templates-{tag}")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(folder)
