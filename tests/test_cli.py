"""The command line, through main(argv): exit codes, formats and help."""

from __future__ import annotations

import json

import click
import pytest

from generator.cli import main, provcat

from .conftest import DATA


def test_validate_shipped_data_exits_0(capsys):
    assert main(["validate", str(DATA)]) == 0
    assert "no problems" in capsys.readouterr().err


def test_validate_with_data_option(capsys):
    assert main(["validate", "--data", str(DATA)]) == 0


def test_validate_reports_problems_and_exits_1(data_copy, capsys):
    (data_copy / "providers/cerebras/models/qwen-3-32b.yaml").write_text("id: qwen-3-32b\nkind: chatt\n")
    assert main(["validate", str(data_copy)]) == 1
    out = capsys.readouterr()
    assert "qwen-3-32b.yaml:2:7: kind: `chatt` is not one of" in out.out
    assert "1 error(s), 0 warning(s)" in out.err


def test_validate_json_format(data_copy, capsys):
    (data_copy / "providers/cerebras/models/qwen-3-32b.yaml").write_text("id: qwen-3-32b\ncontext_window: -5\n")
    assert main(["validate", str(data_copy), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["errors"] == 1
    problem = report["problems"][0]
    assert (problem["line"], problem["column"], problem["path"], problem["severity"]) == (2, 17, "context_window", "error")
    assert problem["message"] == "-5 is less than the minimum of 0"


def test_strict_turns_warnings_into_failure(data_copy, capsys):
    path = data_copy / "providers/cerebras/models/qwen-3-32b.yaml"
    path.write_text(path.read_text() + "description: CafÃ© au lait\n")
    assert main(["validate", str(data_copy)]) == 0
    assert main(["validate", str(data_copy), "--strict"]) == 1
    assert "warning: description: text looks mis-decoded" in capsys.readouterr().out


def test_usage_error_exits_2(capsys):
    assert main(["validate", "--no-such-option"]) == 2
    assert main(["no-such-command"]) == 2
    assert main(["validate", "--format", "xml"]) == 2


def test_missing_catalog_is_a_usage_error(tmp_path, capsys):
    """Documented as exit 2 (issue 11, item 19); it was 1, as if the catalog had one problem."""
    assert main(["validate", str(tmp_path / "absent")]) == 2
    assert "no catalog directory at" in capsys.readouterr().err


def _commands(group: click.Group, prefix=()):
    context = click.Context(group)
    for name in group.list_commands(context):  # imports lazily registered commands too
        command = group.get_command(context, name)
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


@pytest.mark.parametrize("path", [()] + [p for p, _ in _commands(provcat)], ids=lambda p: " ".join(p) or "provcat")
def test_every_command_has_help(path, capsys):
    assert main([*path, "--help"]) == 0
    text = capsys.readouterr().out
    assert "Usage:" in text
    command = provcat
    for name in path:
        command = command.get_command(click.Context(command), name)
    assert command.help and len(command.help.strip()) > 20, f"`provcat {' '.join(path)}` lacks a help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden and param.name not in ("help", "version"):
            assert param.help, f"option {param.opts} of `provcat {' '.join(path)}` lacks help"


def test_every_lazily_listed_command_exists():
    from generator.cli.common import COMMANDS

    names = [path[0] for path, _ in _commands(provcat) if len(path) == 1]
    assert names == sorted(COMMANDS) and all(provcat.get_command(click.Context(provcat), n) for n in names)


def test_validating_clean_data_needs_no_renderer_exporter_importer_catalog_object_or_slow_reader():
    import subprocess
    import sys

    probe = ("import sys; from generator.cli import main; main(['validate', '--data', sys.argv[1]]); "
             "print(sorted({m.split('.')[0] if m.startswith('jinja2') else m for m in sys.modules "
             "if m.startswith(('jinja2', 'generator.outputs.exports', 'generator.importers', 'generator.outputs.site', 'generator.outputs.docs', "
             "'generator.model.records', 'jsonschema.', 'yaml.')) or m == 'yaml'}))")  # PyYAML: only for files with problems
    out = subprocess.run([sys.executable, "-c", probe, str(DATA)], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_version(capsys):
    assert main(["--version"]) == 0
    assert "provcat" in capsys.readouterr().out


def test_help_lists_every_command_without_cutting_its_description(capsys):
    """click cuts a command's first sentence to the terminal's width with "..."; ours wraps it whole."""
    for path in ([], ["import"], ["site"]):
        assert main([*path, "--help"]) == 0
        commands = capsys.readouterr().out.split("Commands:")[1]
        assert "..." not in commands, path
    main(["--help"])
    assert "rewriting only files that change." in " ".join(capsys.readouterr().out.split())


def test_import_says_it_writes_into_data(capsys):
    main(["import", "litellm", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "Catalog directory to fill: read, then written" in out and "Catalog directory to read" not in out
    main(["list", "--help"])
    assert "Catalog directory to read." in capsys.readouterr().out
