"""The command group and the options every command shares."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from generator import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
SHORT_HELP_LIMIT = 200  # a command's first sentence, whole, in `provcat --help` (wrapped, never cut)


# Command name -> module of generator.cli that defines it.  A command's module
# (and what it imports: Jinja2, the exporters, the importers ...) is loaded only
# when that command runs or help lists it, so `provcat validate` starts fast.
COMMANDS = {
    "build": "build_cmd", "changes": "changes_cmd", "check-live": "check_live_cmd", "compare-sources": "compare_cmd", "diff": "diff_cmd",
    "export": "export_cmd", "import": "import_cmd", "link": "link_cmd",
    "list": "list_cmd", "price": "price_cmd", "show": "show_cmd", "site": "site_cmd", "validate": "validate_cmd",
}


class WholeHelpGroup(click.Group):
    """A group whose help lists each command's first sentence whole; its subgroups do too."""

    group_class = None  # set below: subgroups (`provcat import`, `provcat site`) are WholeHelpGroups

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List each command with the whole first sentence of its help, wrapped, where click would
        cut it to the terminal's width with "..." (``build  Validate the catalog and write the docs tree to --out,...``)."""
        rows = [(name, command.get_short_help_str(limit=SHORT_HELP_LIMIT)) for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


WholeHelpGroup.group_class = WholeHelpGroup


class LazyGroup(WholeHelpGroup):
    """A group whose commands register themselves when their module is first imported."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            import importlib

            importlib.import_module(f"{__package__}.{COMMANDS[name]}")
        return self.commands.get(name)


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="provcat")
def provcat() -> None:
    """Provider Catalog: validate, render and query facts about AI inference providers.

    The catalog is YAML under data/ (see README: Data format). Every command
    takes --data DIR to name another catalog; commands that write take --out DIR.
    """


def data_option(function=None, *, help: str = "Catalog directory to read."):
    """``--data DIR``: the catalog directory (default ``data``); *help* says what the command does
    with it (``import`` writes there)."""
    option = click.option(
        "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
        show_default=True, help=help,
    )
    return option if function is None else option(function)


def existing_catalog(data_dir: Path) -> Path:
    """*data_dir*, or a usage error (exit 2) when it is not a folder: a mistyped --data is not a
    catalog with one problem."""
    if not Path(data_dir).is_dir():
        raise click.UsageError(f"no catalog directory at {data_dir}; give an existing one with --data DIR")
    return data_dir


def out_option(function):
    """``--out DIR``: where generated files go (default ``site/docs``)."""
    return click.option(
        "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site/docs"),
        show_default=True, help="Directory to write generated files to.",
    )(function)


def day_value(ctx, param, value: str | None) -> date | None:
    """A click callback: an option's YYYY-MM-DD as a date (None when not given), else a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"`{value}` is not a date; write YYYY-MM-DD") from None
