"""``provcat site build`` and ``provcat site serve``: the browsable site.

Every default path is relative to the current directory (an installed provcat
works anywhere); without ``site/mkdocs.yml`` there, the configuration shipped in
the package is used.  ``site/docs`` is the committed rendering of ``data/``: the
docs are regenerated there only when the catalog is ``data`` and the site goes
to ``site/build`` (``make site``); any other build, without ``--docs``, renders
its Markdown into a temporary folder, so it never touches the committed docs.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path
from typing import Iterator

import click

from generator.validation.problems import InvalidCatalog
from generator.outputs.site import builder
from generator.build.pipeline import build
from generator.build.write import OutputError
from generator.cli.build_cmd import is_template_error, output_problem, separate_folders
from generator.cli.common import data_option, existing_catalog, provcat
from generator.util.signals import stop_signals_interrupt


@provcat.group("site")
def site_group() -> None:
    """Build or preview the browsable site (mkdocs with the Material theme, site/mkdocs.yml)."""


def docs_option(function):
    return click.option("--docs", "docs_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=None, show_default="site/docs when the catalog is data (and, to build, "
                        "--out is site/build), else a temporary folder",
                        help="The Markdown docs to regenerate and build from.")(function)


def config_option(function):
    return click.option("--config", "config", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                        default=None, help="The mkdocs configuration [default: site/mkdocs.yml if it exists, "
                        "else the one shipped with provcat].")(function)


@site_group.command("build")
@data_option
@docs_option
@config_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=builder.BUILD,
              show_default=True, help="Where the static site is written.")
@click.option("--regenerate/--no-regenerate", default=True, show_default=True,
              help="Regenerate the docs from the catalog first (provcat build).")
def site_build_command(data_dir: Path, docs_dir: Path | None, config: Path | None, out_dir: Path,
                       regenerate: bool) -> int:
    """Regenerate the docs from the catalog, then build the static site with mkdocs --strict.

    Open OUT/index.html (default site/build/index.html) in a browser, or run
    `provcat site serve`. Exit status 1 when the catalog is invalid or mkdocs
    reports any warning. Without --docs, the docs are regenerated into site/docs
    only for `--data data` built into site/build; otherwise into a temporary
    folder beside OUT, removed afterwards.
    """
    committed = not regenerate or _same(data_dir, Path("data")) and _same(out_dir, builder.BUILD)
    with stop_signals_interrupt(), docs_folder(docs_dir, committed, out_dir.absolute().parent) as docs:
        return _build_site(data_dir, docs, config, out_dir, regenerate)


def _build_site(data_dir: Path, docs_dir: Path, config: Path | None, out_dir: Path, regenerate: bool) -> int:
    if regenerate:
        separate_folders(existing_catalog(data_dir), docs_dir)
    try:
        if regenerate:
            build(data_dir, docs_dir, pretty=_committed(docs_dir))
        result = builder.build_site(docs_dir, out_dir, config=config)
    except (OutputError, OSError) as error:
        click.echo(f"provcat site build: {output_problem(error)}", err=True)
        return 1
    except InvalidCatalog as error:
        click.echo(str(error), err=True)
        return 1
    except (builder.SiteBuildFailed, builder.ToolMissing) as error:
        click.echo(f"provcat site build: {error}", err=True)
        return 1
    click.echo(f"site built: {result.site_dir / 'index.html'}")
    return 0


@site_group.command("serve")
@data_option
@docs_option
@config_option
@click.option("--addr", "address", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="Directory of templates that override the shipped ones file by file, as for "
              "provcat build; watched too.")
def site_serve_command(data_dir: Path, docs_dir: Path | None, config: Path | None, address: str,
                       templates_dir: Path | None) -> int:
    """Preview the site at http://ADDR/, regenerating the docs when the catalog or the templates change.

    Without --docs, the docs are site/docs for `--data data`, else a temporary folder. Ctrl-C,
    SIGTERM or SIGHUP stops the server and removes its temporary folders."""
    with stop_signals_interrupt(), docs_folder(docs_dir, _same(data_dir, Path("data")), None) as docs:
        return _serve(data_dir, docs, config, address, templates_dir)


def _serve(data_dir: Path, docs_dir: Path, config: Path | None, address: str, templates_dir: Path | None) -> int:
    from generator.outputs.site.serve import serve
    from generator.util.resources import templates_dir as shipped_templates

    separate_folders(data_dir, docs_dir)
    watched = [data_dir, shipped_templates()] + ([templates_dir] if templates_dir is not None else [])

    def regenerate():
        """The docs brought up to date; what changed in them (None when they could not be)."""
        started = time.perf_counter()
        try:
            changes = build(data_dir, docs_dir, templates=templates_dir, pretty=_committed(docs_dir)).changes
        except InvalidCatalog as error:
            click.echo(f"not regenerated: {error}", err=True)
        except (OutputError, OSError) as error:
            click.echo(f"not regenerated: {output_problem(error)}", err=True)
        except Exception as error:  # a template being edited may not parse yet: say so, keep serving
            if not is_template_error(error):
                raise
            click.echo(f"not regenerated: template error: {error}", err=True)
        else:
            click.echo(f"docs regenerated in {time.perf_counter() - started:.2f} s: {len(changes.updated)} updated, {len(changes.created)} created, "
                       f"{len(changes.removed)} removed", err=True)
            return changes
        return None

    return serve(regenerate, watched, docs_dir, address, config)


def _committed(docs_dir: Path) -> bool:
    """Whether *docs_dir* is the committed site/docs, whose exports ``provcat build`` indents so they
    diff well: regenerating them must write the same bytes.  A temporary docs folder gets one-line
    exports, which the site publishes."""
    return _same(docs_dir, builder.DOCS)


def _same(path: Path, default: Path) -> bool:
    return path.absolute().resolve() == default.absolute().resolve()


@contextlib.contextmanager
def docs_folder(given: Path | None, committed: bool, beside: Path | None) -> Iterator[Path]:
    """The docs folder to use: *given* (--docs) if any; site/docs when *committed* (the build
    renders ``data`` where ``make site`` does, or only reads the docs); else a temporary ``docs``
    folder in *beside* (created if missing; the system's temporary folder when None), removed on exit."""
    if given is not None:
        yield given
    elif committed:
        yield builder.DOCS
    else:
        if beside is not None:
            beside.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".provcat-docs-", dir=beside) as scratch:
            yield Path(scratch) / "docs"
