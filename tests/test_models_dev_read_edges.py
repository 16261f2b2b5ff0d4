"""Reading one models.dev file and its ``base_model`` (generator/importers/models_dev_read.py) at the
edges: every reason a file is not read, with its exact report line; the link-hop limit and the Git-link
size to the byte; the merge and ``base_model_omit`` on small tables.

Written against the mutants `make mutate MUTATE=inheritance` found surviving the import tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from generator.importers import models_dev_read as r
from generator.importers.inputs import MAX_DOTS_PER_LINE
from generator.importers.models_dev_map import Context
from generator.importers.report import ImportReport


def read(path: Path, root: Path | None = None) -> tuple[dict | None, list[tuple[str, str, str, str]], ImportReport]:
    """The file read as r.toml of an offering; its skips as (input, reason, detail, kind)."""
    report = ImportReport("models.dev", "x")
    data = r.read_toml(path, "r.toml", report, "offerings", str(root.resolve()) if root else None)
    return data, [(s.input, s.reason, s.detail, s.kind) for s in report.skips], report


def refused(reason: str, detail: str) -> list[tuple[str, str, str, str]]:
    return [("r.toml", reason, detail, "offerings")]


def test_a_file_is_read_with_exact_decimals(tmp_path):
    (tmp_path / "m.toml").write_text('name = "M"\n[cost]\ninput = 0.1\n')
    data, skips, report = read(tmp_path / "m.toml")
    assert data == {"name": "M", "cost": {"input": r.Decimal("0.1")}} and skips == []
    assert not report.counts["offerings"]


def test_a_file_over_the_size_limit_is_refused_unread_and_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(r, "MAX_TOML_BYTES", 10)
    (tmp_path / "m.toml").write_text('name = "Eleven!"\n')
    data, skips, report = read(tmp_path / "m.toml")
    assert data is None and [s[:2] for s in skips] == [("r.toml", "too-large")]
    assert skips[0][2].endswith("; refused unread") and report.counts["offerings"]["skipped"] == 1


def test_a_fifo_is_not_toml_and_not_waited_on(tmp_path):
    try:
        os.mkfifo(tmp_path / "m.toml")
    except (AttributeError, OSError):
        pytest.skip("named pipes cannot be created here")
    assert read(tmp_path / "m.toml")[:2] == (None, refused("not-toml", "not a regular file; not read"))


def test_a_line_of_too_many_dots_is_not_parsed(tmp_path):
    (tmp_path / "m.toml").write_text(".".join(["a"] * (MAX_DOTS_PER_LINE + 2)) + " = 1\n")  # one dot too many
    assert read(tmp_path / "m.toml")[:2] == (None, refused(
        "not-toml", f"a line holds more than {MAX_DOTS_PER_LINE} dots (a key nested that deep); not parsed"))


def test_bytes_that_are_not_utf8_are_named_by_their_position(tmp_path):
    (tmp_path / "m.toml").write_bytes(b'name = "\xff"\n')
    assert read(tmp_path / "m.toml")[:2] == (None, refused("not-toml", "not UTF-8 text (byte 8)"))


def test_text_that_is_not_toml_says_where(tmp_path):
    (tmp_path / "m.toml").write_text("name = \n")
    data, skips, _ = read(tmp_path / "m.toml")
    assert data is None and [s[:2] for s in skips] == [("r.toml", "not-toml")] and "line 1" in skips[0][2]


def test_arrays_nested_deeper_than_the_parser_goes_are_not_toml(tmp_path):
    (tmp_path / "m.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert read(tmp_path / "m.toml")[:2] == (None, refused(
        "not-toml", "nested too deep for the TOML parser; not read"))


# -- links ------------------------------------------------------------------------------------------

def symlink(target, link: Path) -> None:
    try:
        os.symlink(target, link)
    except OSError:
        pytest.skip("symbolic links cannot be created here")


def test_a_symbolic_link_to_nothing_names_its_target(tmp_path):
    symlink("gone.toml", tmp_path / "m.toml")
    assert read(tmp_path / "m.toml")[:2] == (None, refused("broken-link", "link to gone.toml, which does not exist"))


def test_a_symbolic_link_to_itself_is_reported(tmp_path):
    symlink("m.toml", tmp_path / "m.toml")
    assert read(tmp_path / "m.toml")[:2] == (None, refused("broken-link", "link to m.toml leads back to itself"))


def test_a_symbolic_link_out_of_the_checkout_is_not_followed(tmp_path):
    (tmp_path / "secret.toml").write_text('name = "Secret"\n')
    (tmp_path / "md").mkdir()
    symlink("../secret.toml", tmp_path / "md/m.toml")
    assert read(tmp_path / "md/m.toml", root=tmp_path / "md")[:2] == (None, refused(
        "broken-link", "link to ../secret.toml leads outside the checkout; not followed"))
    assert read(tmp_path / "md/m.toml")[0] == {"name": "Secret"}  # with no checkout to keep to, followed


def test_git_links_are_followed_and_one_out_of_the_checkout_or_to_nothing_is_reported(tmp_path):
    (tmp_path / "md/models").mkdir(parents=True)
    (tmp_path / "md/models/base.toml").write_text('name = "Base"\n')
    (tmp_path / "md/m.toml").write_text("models/base.toml\n")
    (tmp_path / "md/out.toml").write_text("../secret.toml")
    (tmp_path / "secret.toml").write_text('name = "Secret"\n')
    (tmp_path / "md/none.toml").write_text("models/none.toml\n")
    root = tmp_path / "md"
    assert read(root / "m.toml", root) == ({"name": "Base"}, [], read(root / "m.toml", root)[2])
    assert read(root / "out.toml", root)[1] == refused(
        "broken-link", "Git link to ../secret.toml leads outside the checkout; not followed")
    assert read(root / "none.toml", root)[1] == refused("broken-link", "Git link to models/none.toml, which does not exist")


def chain(folder: Path, links: int) -> Path:
    """*links* Git links, each to the next, then a TOML file; the first link."""
    (folder / f"f{links}.toml").write_text('name = "End"\n')
    for i in range(links):
        (folder / f"f{i}.toml").write_text(f"f{i + 1}.toml\n")
    return folder / "f0.toml"


def test_links_are_followed_up_to_the_hop_limit_and_no_further(tmp_path):
    (tmp_path / "ok").mkdir()
    (tmp_path / "far").mkdir()
    assert r.MAX_HOPS == 8
    assert read(chain(tmp_path / "ok", 7))[:2] == ({"name": "End"}, [])  # 7 links and the file: 8 reads
    assert read(chain(tmp_path / "far", 8))[:2] == (None, refused(
        "broken-link", "symbolic links nested more than 8 deep"))


@pytest.mark.parametrize("size, followed", [(300, True), (301, False)])
def test_a_file_of_one_path_is_a_git_link_only_up_to_300_bytes(tmp_path, size, followed):
    link = "d/" * ((size - len(".toml\n")) // 2) + "x" * ((size - len(".toml\n")) % 2) + ".toml\n"
    assert len(link) == size
    (tmp_path / "m.toml").write_text(link)
    _, skips, _ = read(tmp_path / "m.toml")
    assert [s[1] for s in skips] == ["broken-link" if followed else "not-toml"]
    assert skips[0][2].startswith("Git link to d/d/") is followed


@pytest.mark.parametrize("text, link", [("x.toml", True), ("sub/x.toml\n", True), ("x.toml\ny.toml\n", False),
                                        ('name = "x.toml"\n', False), ("[x.toml]\n", False), ("x.tomlx\n", False),
                                        ("'x.toml'\n", False)])
def test_only_a_bare_path_to_a_toml_file_is_a_git_link(tmp_path, text, link):
    (tmp_path / "m.toml").write_text(text)
    _, skips, _ = read(tmp_path / "m.toml")
    assert (skips[0][1] == "broken-link" if skips else False) is link


# -- base_model -------------------------------------------------------------------------------------

def ctx() -> Context:
    return Context(ImportReport("models.dev", "x"), "f.toml", "offering")


def lines(context: Context) -> list[str]:
    return [s.format() for s in context.report.skips]


@pytest.mark.parametrize("ref", ["lab/ghost", 5, ["lab/base"]])
def test_a_base_model_that_names_no_file_leaves_the_file_as_it_is(ref):
    context, raw = ctx(), {"base_model": ref, "name": "N"}
    assert r.resolve_base(raw, {"lab/base": {"family": "f"}}, context) == (raw, None)
    assert lines(context) == [f"skipped f.toml (base_model): invalid value: {ref!r} names no file under models/; "
                              "the file's own facts are imported; the field is left out"]


def test_no_base_model_is_the_file_itself():
    context, raw = ctx(), {"name": "N"}
    assert r.resolve_base(raw, {}, context) == (raw, None) and lines(context) == []


@pytest.mark.parametrize("omitted", ["limit.input", [1], ["limit.input", None]])
def test_a_base_model_omit_that_is_not_a_list_of_names_omits_nothing(omitted):
    context = ctx()
    merged, ref = r.resolve_base({"base_model": "lab/b", "base_model_omit": omitted},
                                 {"lab/b": {"limit": {"input": 1}}}, context)
    assert (merged["limit"], ref) == ({"input": 1}, "lab/b")
    assert lines(context) == [f"skipped f.toml (base_model_omit): invalid value: {omitted!r} is not a list of dotted "
                              "field names; nothing is omitted; the field is left out"]


def test_each_dotted_name_is_omitted():
    merged, _ = r.resolve_base({"base_model": "lab/b", "base_model_omit": ["limit.input", "cost", "name"]},
                               {"lab/b": {"limit": {"input": 1, "output": 2}, "cost": {"input": 3}, "name": "B"}}, ctx())
    assert merged == {"base_model": "lab/b", "base_model_omit": ["limit.input", "cost", "name"], "limit": {"output": 2}}


def test_a_table_over_a_value_or_a_value_over_a_table_replaces_it_whole():
    assert r.deep_merge({"a": 1, "b": {"x": 1}}, {"a": {"y": 2}, "b": 5}) == {"a": {"y": 2}, "b": 5}


def test_omitting_below_a_value_that_is_no_table_changes_nothing():
    table = {"name": "N", "limit": {"input": 1}}
    r.omit(table, ["name", "x"])
    r.omit(table, ["limit", "input", "deeper"])
    r.omit(table, ["ghost"])
    assert table == {"name": "N", "limit": {"input": 1}}


tables = st.recursive(st.integers(0, 3), lambda inner: st.dictionaries(st.sampled_from("abc"), inner, max_size=3),
                      max_leaves=8)


@given(st.dictionaries(st.sampled_from("abc"), tables, max_size=3),
       st.dictionaries(st.sampled_from("abc"), tables, max_size=3))
def test_the_merge_keeps_every_path_of_the_override_and_changes_neither_input(base, over):
    before = (repr(base), repr(over))
    merged = r.deep_merge(base, over)
    assert (repr(base), repr(over)) == before

    def leaves(table, prefix=()):
        for key, value in table.items():
            yield from leaves(value, (*prefix, key)) if isinstance(value, dict) else [((*prefix, key), value)]

    def at(table, path):
        for part in path:
            table = table[part]
        return table

    assert all(at(merged, path) == value for path, value in leaves(over))
    assert set(merged) == set(base) | set(over)
