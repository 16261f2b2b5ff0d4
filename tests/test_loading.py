"""Hostile and awkward files: each gets a precise message or is handled."""

from __future__ import annotations

import os
import time

import pytest

from generator.validation.validate import validate_catalog

OFFERING = "providers/cerebras/models/gpt-oss-120b.yaml"


def run(data_dir, raw: bytes, rel: str = OFFERING) -> list[str]:
    (data_dir / rel).write_bytes(raw)
    report = validate_catalog(data_dir)
    return [p.format().replace(f"{data_dir}/", "") for p in report.problems]


def test_duplicate_key_is_an_error(data_copy):
    raw = b"id: gpt-oss-120b\nmodel: openai/gpt-oss-120b\ncontext_window: 1\ncontext_window: 2\n"
    assert run(data_copy, raw) == [
        f"{OFFERING}:4:1: duplicate key `context_window` (first given on line 3); keep one of them"]


def test_nested_duplicate_key(data_copy):
    raw = b"id: gpt-oss-120b\npricing:\n  input: 1\n  output: 2\n  input: 3\n"
    assert run(data_copy, raw) == [f"{OFFERING}:5:3: duplicate key `input` (first given on line 3); keep one of them"]


def test_billion_laughs_fails_fast(data_copy):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()
    found = run(data_copy, ("\n".join(lines) + "\n").encode())
    assert time.perf_counter() - started < 5
    assert found == [f"{OFFERING}:1:5: anchors and aliases (&name, *name) are not allowed in catalog files; "
                     "write the value out in full"]


def test_merge_key_is_not_special(data_copy):
    raw = b"id: gpt-oss-120b\nmodel: openai/gpt-oss-120b\nfeatures:\n  <<: {streaming: true}\n"
    assert run(data_copy, raw) == [
        f"{OFFERING}:4:3: features.<<: unknown field `<<`; allowed here: file_attachments, json_mode, reasoning, "
        "streaming, structured_outputs, temperature, tool_calling, tool_choice, web_search"]


def test_tab_indentation(data_copy):
    raw = b"id: gpt-oss-120b\npricing:\n\tinput: 1\n"
    assert run(data_copy, raw) == [
        f"{OFFERING}:3:1: a tab character here is not valid YAML; indent with spaces, not tabs"]


def test_invalid_utf8_names_the_place(data_copy):
    raw = b"id: gpt-oss-120b\ndescription: caf\xe9\n"
    assert run(data_copy, raw) == [f"{OFFERING}:2:17: invalid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_byte_order_mark_is_handled_with_a_warning(data_copy):
    original = (data_copy / OFFERING).read_bytes()
    assert run(data_copy, b"\xef\xbb\xbf" + original) == [
        f"{OFFERING}:1:1: warning: the file starts with a byte-order mark; save it as UTF-8 without BOM"]


def test_crlf_line_ends_are_handled(data_copy):
    original = (data_copy / OFFERING).read_bytes()
    assert run(data_copy, original.replace(b"\n", b"\r\n")) == []


def test_crlf_positions_stay_right(data_copy):
    raw = b"id: gpt-oss-120b\r\nmodel: openai/gpt-oss-120b\r\nkind: chatt\r\n"
    assert run(data_copy, raw)[0].startswith(f"{OFFERING}:3:7: kind: `chatt` is not one of")


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"# only a comment\n"])
def test_empty_file(data_copy, raw):
    assert run(data_copy, raw) == [f"{OFFERING}:1:1: the file is empty; it must hold a mapping of fields"]


@pytest.mark.parametrize("raw, kind", [(b"- a\n- b\n", "a list"), (b"just text\n", "a str"), (b"42\n", "a int")])
def test_file_that_is_not_a_mapping(data_copy, raw, kind):
    assert run(data_copy, raw) == [f"{OFFERING}:1:1: the file must be a mapping of field names to values, not {kind}"]


def test_non_string_key(data_copy):
    assert run(data_copy, b"id: gpt-oss-120b\n1: x\n") == [f"{OFFERING}:2:1: keys must be field names, not int values"]


def test_syntax_error_has_position(data_copy):
    found = run(data_copy, b"id: gpt-oss-120b\npricing: [1,\n")
    assert len(found) == 1 and found[0].startswith(f"{OFFERING}:3:1: not valid YAML:")


def test_custom_tag_is_refused(data_copy):
    found = run(data_copy, b"id: !!python/object:os.system gpt-oss-120b\n")
    assert len(found) == 1 and found[0].startswith(f"{OFFERING}:1:5: not valid YAML: could not determine a constructor")


def test_broken_symlink_is_reported(data_copy):
    os.symlink("nowhere.yaml", data_copy / "providers/cerebras/models/ghost.yaml")
    report = validate_catalog(data_copy)
    assert [p.format().replace(f"{data_copy}/", "") for p in report.problems] == [
        "providers/cerebras/models/ghost.yaml:1:1: broken symbolic link (to nowhere.yaml)"]


def test_symlink_leading_outside_is_refused(data_copy, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: outside\n")
    os.symlink(outside, data_copy / "providers/cerebras/models/outside.yaml")
    found = [p.format().replace(f"{data_copy}/", "") for p in validate_catalog(data_copy).problems]
    assert found == ["providers/cerebras/models/outside.yaml:1:1: symbolic link leads outside the catalog directory"]


def test_yml_extension_is_an_error_and_stray_files_warn(data_copy):
    (data_copy / "providers/cerebras/models/extra.yml").write_text("id: extra\n")
    (data_copy / "providers/cerebras/notes.txt").write_text("hello\n")
    found = [p.format().replace(f"{data_copy}/", "") for p in validate_catalog(data_copy).problems]
    assert found == [
        "providers/cerebras/models/extra.yml:1:1: use the .yaml extension",
        "providers/cerebras/notes.txt:1:1: warning: not part of the catalog layout (see README: Data format); "
        "the file is ignored",
    ]


def test_mojibake_is_a_warning_with_the_repair(data_copy):
    text = (data_copy / OFFERING).read_text() + "description: ğŸ”— API Endpoints\n"
    found = run(data_copy, text.encode())
    assert found == [f"{OFFERING}:18:14: warning: description: text looks mis-decoded (UTF-8 read as another "
                     "encoding); it probably should read '🔗 API Endpoints'"]


def test_correct_non_ascii_text_is_fine(data_copy):
    text = (data_copy / OFFERING).read_text() + "description: Zürich, 東京, naïve — “quoted” 🔗\n"
    assert run(data_copy, text.encode()) == []


def test_stale_verification_is_a_warning(data_copy):
    text = (data_copy / OFFERING).read_text() + "last_verified: 2020-01-01\n"
    (data_copy / OFFERING).write_text(text)
    from datetime import date

    report = validate_catalog(data_copy, today=date(2026, 1, 1))
    assert [p.message for p in report.warnings] == [
        "last verified 2020-01-01, more than a year ago; check the facts again"]
    assert report.ok() and not report.ok(strict=True)


def test_script_in_description_is_data_not_an_error(data_copy):
    text = (data_copy / OFFERING).read_text() + "description: '<script>alert(1)</script> | pipe'\n"
    assert run(data_copy, text.encode()) == []


def test_missing_directory():
    report = validate_catalog("/nonexistent/catalog")
    assert [p.message for p in report.errors] == ["no such catalog directory"]
