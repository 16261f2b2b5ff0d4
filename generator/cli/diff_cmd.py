"""``provcat diff OLD NEW``: what changed between two catalogs."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.catalog.diff import diff_catalogs
from generator.catalog.revision import catalog_at
from generator.cli.common import provcat
from generator.validation.problems import CatalogError, InvalidCatalog


@provcat.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--repo", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Read OLD and NEW as git revisions of --path in this repository.")
@click.option("--path", "rev_path", default="data", show_default=True,
              help="The catalog folder inside --repo.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="text for people, json for tools, markdown for release notes.")
def diff(old: str, new: str, repo: Path | None, rev_path: str, fmt: str) -> int:
    """Compare two catalogs: offerings and providers added and removed, and changed prices, limits,
    status, lifecycle dates, privacy, retention and moderation facts.

    OLD and NEW are each a catalog folder, an exported catalog.json, or REV:PATH, a folder at a git
    revision of the repository in the current folder (HEAD~3:data); with --repo DIR, each is a
    revision of --path in DIR (HEAD~3). A revision is read with `git archive`, without a checkout.
    Exit status: 0 the catalogs are equal, 1 they differ, 2 usage error or a catalog that cannot
    be read.
    """
    found = diff_catalogs(_catalog(old, repo, rev_path), _catalog(new, repo, rev_path))
    if fmt == "json":
        click.echo(json.dumps(found.as_json(), indent=2, ensure_ascii=False))
    else:
        from generator.present import diff_text
        click.echo(diff_text.markdown(found) if fmt == "markdown" else diff_text.text(found), nl=False)
    return 0 if found.equal else 1


def _catalog(spec: str, repo: Path | None, rev_path: str):
    """The catalog *spec* names; an unreadable one is exit 2 (1 means the catalogs differ)."""
    try:
        return catalog_at(spec, repo, rev_path)
    except InvalidCatalog as exc:
        for problem in exc.problems:
            click.echo(problem.format(), err=True)
        raise click.exceptions.Exit(2) from None
    except CatalogError as exc:
        raise click.UsageError(str(exc)) from None
