"""Offering ids become portable, unique file names through one function."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from generator.model.layout import author_path, is_plain_name, model_path, offering_filename, offering_path, provider_path

REAL_IDS = [
    "gpt-oss-120b", "llama3.1-8b", "us.anthropic.claude-haiku-4-5-20251001-v1:0", "Qwen/QwQ-32B", "qwen/qwq-32b",
    "claude-3-5-sonnet@20240620", "meta-llama/Llama-3.3-70B-Instruct", "accounts/fireworks/models/deepseek-v3",
    "~weird~", "a b", "ünïcode", "CON", "con", "nul.txt", "com1", "lpt9", "x.", ".hidden", "-dash", "a" * 300,
    "../../etc/passwd", "a\\b", 'q"uote', "star*", "pipe|", "lt<gt>", "question?",
]
WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@pytest.mark.parametrize("ident", REAL_IDS)
def test_names_are_portable(ident):
    name = offering_filename(ident)
    assert not WINDOWS_FORBIDDEN.search(name)
    assert not name.endswith((".", " ")) and not name.startswith(".")
    assert name.split(".")[0].lower() not in {"con", "prn", "aux", "nul", "com1", "lpt9"}
    assert 0 < len(name + ".yaml") <= 120
    assert name == name.lower()


def test_names_are_unique_even_ignoring_case():
    names = [offering_filename(i).lower() for i in REAL_IDS]
    assert len(set(names)) == len(REAL_IDS)


def test_plain_ids_stay_as_they_are():
    assert offering_filename("gpt-oss-120b") == "gpt-oss-120b"
    assert offering_filename("llama3.1-8b") == "llama3.1-8b"
    assert offering_filename("Qwen/QwQ-32B") == "qwen-qwq-32b~713c58296b"
    assert offering_filename("us.anthropic.claude-haiku-4-5-20251001-v1:0").startswith(
        "us.anthropic.claude-haiku-4-5-20251001-v1-0~")


def test_plain_and_slugged_names_never_collide():
    for ident in REAL_IDS:
        name = offering_filename(ident)
        assert ("~" in name) != is_plain_name(ident)


def test_paths_stay_in_their_folder():
    assert re.fullmatch(r"providers/cerebras/models/etc-passwd~[0-9a-f]{10}\.yaml", offering_path("cerebras", "../../etc/passwd"))
    assert model_path("openai/gpt-oss-120b") == "models/openai/gpt-oss-120b.yaml"
    assert model_path("minimax/MiniMax-M2").startswith("models/minimax/minimax-m2~")


RESERVED = ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]


@pytest.mark.parametrize("name", RESERVED)  # every name, each in many mixes of case
@settings(max_examples=25)
@given(upper=st.lists(st.booleans(), min_size=4, max_size=4), extension=st.sampled_from(["", ".txt", ".v1"]))
def test_every_reserved_windows_name_in_any_case_gets_a_prefix(name, upper, extension):
    ident = "".join(c.upper() if up else c for c, up in zip(name, upper)) + extension
    stem = offering_filename(ident)
    assert not is_plain_name(ident)
    assert stem.startswith(f"_{name}") and "~" in stem and stem.split(".")[0].split("~")[0] != name


@pytest.mark.parametrize("ident", ["com10", "lpt10", "console", "prn1", "auxiliary", "nul-1"])
def test_names_that_only_look_reserved_stay_plain(ident):
    assert is_plain_name(ident) and offering_filename(ident) == ident


def test_a_plain_name_is_at_most_100_characters():
    assert offering_filename("a" * 100) == "a" * 100
    assert offering_filename("a" * 101).startswith("a" * 80 + "~")


def test_a_slug_keeps_exactly_80_characters():
    assert offering_filename("A" * 80).split("~")[0] == "a" * 80
    assert offering_filename("A" * 81).split("~")[0] == "a" * 80
    assert offering_filename("A" * 79).split("~")[0] == "a" * 79


@pytest.mark.parametrize("ident", ["///", "@", "..", "-.-"])
def test_an_id_with_nothing_readable_is_named_id_and_its_hash(ident):
    assert re.fullmatch(r"id~[0-9a-f]{10}", offering_filename(ident))


def test_provider_and_author_files_sit_where_the_catalog_reads_them():
    assert provider_path("cerebras") == "providers/cerebras/provider.yaml"
    assert author_path("openai") == "authors/openai.yaml"
