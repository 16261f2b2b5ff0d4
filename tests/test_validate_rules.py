"""One bad input per rule: the exact message, file, line and column."""

from __future__ import annotations

import pytest

from generator.validation.validate import validate_catalog

OFFERING = "providers/cerebras/models/gpt-oss-120b.yaml"
PROVIDER = "providers/cerebras/provider.yaml"
HEADER = "# yaml-language-server: $schema=../../../../schema/offering.schema.json\n"


def problems(data_dir, rel: str, text: str) -> list[str]:
    """Write *text* to *rel* in the catalog copy; the problems, without the directory prefix."""
    (data_dir / rel).write_text(text, encoding="utf-8")
    report = validate_catalog(data_dir)
    # the command line keeps only what the rules across files read: same problems
    assert validate_catalog(data_dir, keep_data=False).problems == report.problems
    prefix = report.problems and report.problems[0].file.split("providers/")[0].split("models/")[0].split("authors/")[0]
    return [p.format().replace(str(prefix), "") for p in report.problems]


def offering(body: str) -> str:
    return HEADER + "id: gpt-oss-120b\nmodel: openai/gpt-oss-120b\n" + body


CASES = {
    "unknown field with suggestion": (
        offering("pricing:\n  imput: 0.25\n"),
        [f"{OFFERING}:5:3: pricing.imput: unknown field `imput`; did you mean `input`?"],
    ),
    "negative price": (
        offering("pricing:\n  input: -1\n"),
        [f"{OFFERING}:5:10: pricing.input: -1 is less than the minimum of 0"],
    ),
    "infinite price": (
        offering("pricing:\n  output: .inf\n"),
        [f"{OFFERING}:5:11: pricing.output: inf is not a finite price; omit the field if the price is unknown"],
    ),
    "enum typo": (
        offering("kind: chatt\n"),
        [f"{OFFERING}:4:7: kind: `chatt` is not one of chat, completion, embedding, rerank, moderation, "
         "image_generation, image_edit, video_generation, speech, transcription, realtime, ocr, search; "
         "did you mean `chat`?"],
    ),
    "yes is not a boolean": (
        offering("features:\n  streaming: yes\n"),
        [f"{OFFERING}:5:14: features.streaming: 'yes' is not of type boolean; write true or false"],
    ),
    "empty value": (
        offering("context_window:\n"),
        [f"{OFFERING}:4:16: context_window: the value is empty; omit the field to say the fact is unknown"],
    ),
    "number with units": (
        offering("context_window: 128k\n"),
        [f"{OFFERING}:4:17: context_window: '128k' is not of type integer; write the number without quotes or units"],
    ),
    "max output above context": (
        offering("context_window: 1000\nmax_output_tokens: 2000\n"),
        [f"{OFFERING}:5:20: max_output_tokens: 2000 is above the context window of 1000"],
    ),
    "date that does not exist": (
        offering("release_date: 2025-02-30\n"),
        [f"{OFFERING}:4:15: release_date: '2025-02-30' is not a real date (YYYY, YYYY-MM or YYYY-MM-DD)"],
    ),
    "month that does not exist": (
        offering("last_updated: 2025-13\n"),
        [f"{OFFERING}:4:15: last_updated: '2025-13' is not a real date (YYYY, YYYY-MM or YYYY-MM-DD)"],
    ),
    "a release date known to the month is a fact": (offering("release_date: 2024-12\n"), []),
    "a retirement date is a whole day": (
        offering("retirement_date: 2024-12\n"),
        [f"{OFFERING}:4:18: retirement_date: '2024-12' is not a 'date'",
         f"{OFFERING}:4:18: retirement_date: '2024-12' is not valid here: expected a calendar date, YYYY-MM-DD"],
    ),
    "retired before deprecated": (
        offering("status: retired\ndeprecation_date: 2025-06-01\nretirement_date: 2025-01-01\n"),
        [f"{OFFERING}:6:18: retirement_date: retirement (2025-01-01) is before deprecation (2025-06-01); "
         "swap the dates or correct one"],
    ),
    "retired without date": (
        offering("status: retired\n"),
        [f"{OFFERING}:4:9: status: a retired offering needs its `retirement_date`"],
    ),
    "price history out of order": (
        offering("pricing:\n  input: 1\n  effective_from: 2025-01-01\n  history:\n"
                 "    - {effective_from: 2025-03-01, input: 2}\n"),
        [f"{OFFERING}:6:19: pricing.effective_from: 2025-01-01 is not after 2025-03-01; "
         "list earlier prices first, the current one last"],
    ),
    "history entry without date": (
        offering("pricing:\n  input: 1\n  history:\n    - {input: 2}\n"),
        [f"{OFFERING}:7:7: pricing.history[0]: missing required field `effective_from`"],
    ),
    "tiers out of order": (
        offering("pricing:\n  input: 1\n  tiers:\n    - {above_tokens: 200000, input: 2}\n"
                 "    - {above_tokens: 100000, input: 3}\n"),
        [f"{OFFERING}:8:22: pricing.tiers[1].above_tokens: 100000 must be above the previous tier's 200000; "
         "order tiers by size"],
    ),
    "unknown model with suggestion": (
        HEADER + "id: gpt-oss-120b\nmodel: openai/gpt-oss-12b\n",
        [f"{OFFERING}:3:8: model: unknown model `openai/gpt-oss-12b`; did you mean `openai/gpt-oss-120b`?"],
    ),
    "authors beside a canonical model": (
        offering("authors: [openai]\n"),
        [f"{OFFERING}:4:10: authors: an offering with a canonical `model` takes its authors from it; remove `authors`"],
    ),
    "unknown author": (
        HEADER + "id: gpt-oss-120b\nauthors: [opnai]\n",
        [f"{OFFERING}:3:11: authors[0]: unknown author `opnai`; did you mean `openai`?"],
    ),
    "file name does not match id": (
        HEADER + "id: Qwen/QwQ-32B\n",
        [f"{OFFERING}:2:5: id: id `Qwen/QwQ-32B` does not match the file's path; this id belongs in "
         "`providers/cerebras/models/qwen-qwq-32b~713c58296b.yaml` (rename the file or correct the id)"],
    ),
    "id that would escape its folder": (
        HEADER + "id: ../../../etc/passwd\n",
        [f"{OFFERING}:2:5: id: id `../../../etc/passwd` does not match the file's path; this id belongs in "
         "`providers/cerebras/models/etc-passwd~56bfa7338a.yaml` (rename the file or correct the id)"],
    ),
    "alias that is another offering's id": (
        offering("aliases: [llama3.1-8b]\n"),
        [f"{OFFERING}:4:11: aliases[0]: alias `llama3.1-8b` is the id of another offering "
         "(data/providers/cerebras/models/llama3.1-8b.yaml)"],
    ),
    "link that is not http": (
        offering("sources:\n  - url: javascript:alert(1)\n"),
        [f"{OFFERING}:5:10: sources[0].url: 'javascript:alert(1)' is not valid here: "
         "expected an absolute http or https URL, without spaces or control characters"],
    ),
    "source with neither url nor title": (
        offering("sources:\n  - accessed: 2025-01-01\n"),
        [f"{OFFERING}:5:5: sources[0]: needs `url` or `title`"],
    ),
    "missing required field": (
        HEADER + "model: openai/gpt-oss-120b\n",
        [f"{OFFERING}:2:1: missing required field `id`"],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_rule(data_copy, name):
    text, expected = CASES[name]
    assert problems(data_copy, OFFERING, text) == [e.replace("data/providers", "providers") for e in expected]


PROVIDER_CASES = {
    "retention duration against its type": (
        "retention:\n  type: none\n  duration_days: 30\n",
        "providers/cerebras/provider.yaml:6:18: retention.duration_days: a `none` policy keeps nothing, "
        "so the duration must be 0, not 30",
    ),
    "indefinite with a duration": (
        "retention:\n  type: indefinite\n  duration_days: 30\n",
        "providers/cerebras/provider.yaml:6:18: retention.duration_days: an `indefinite` policy has no duration; "
        "remove `duration_days`",
    ),
    "retains data but no retention": (
        "privacy:\n  retains_user_data: true\nretention:\n  type: none\n",
        "providers/cerebras/provider.yaml:7:9: retention.type: privacy says data is retained but the retention "
        "type is `none`",
    ),
    "provider id with a slash": (
        "",
        None,
    ),
}


@pytest.mark.parametrize("name", [n for n in PROVIDER_CASES if PROVIDER_CASES[n][1]])
def test_provider_rule(data_copy, name):
    body, expected = PROVIDER_CASES[name]
    text = "# yaml-language-server: $schema=../../../schema/provider.schema.json\nid: cerebras\nname: Cerebras\n" + body
    assert problems(data_copy, PROVIDER, text) == [expected]


@pytest.mark.parametrize("name", ["KEY\\n", "KEY\\r\\n", "KEY\\t", "KE Y", "KEY\\u2028", "KEY\\x00"])
def test_an_env_name_with_a_line_break_space_or_control_is_rejected_by_name(data_copy, name):
    """*name* is a YAML escape, and the message shows it escaped the same way.  "$" in a Python pattern
    also matches before a final newline; the check reads it as JSON Schema does (the very end)."""
    text = ("# yaml-language-server: $schema=../../../schema/provider.schema.json\nid: cerebras\nname: Cerebras\n"
            f'authentication:\n  env: ["{name}"]\n')
    assert problems(data_copy, PROVIDER, text) == [
        f"{PROVIDER}:5:9: authentication.env[0]: '{name}' is not valid here: expected an environment variable "
        "name: ASCII letters, digits and '_' only"]


def test_an_acronym_keeps_its_capitals_in_the_expected_text(data_copy):
    text = ("# yaml-language-server: $schema=../../../schema/provider.schema.json\nid: cerebras\nname: Cerebras\n"
            "authentication:\n  header: 'X Key'\n")
    assert problems(data_copy, PROVIDER, text) == [
        f"{PROVIDER}:5:11: authentication.header: 'X Key' is not valid here: expected HTTP header that carries "
        "the credential"]


def test_provider_id_that_is_not_a_slug(data_copy):
    text = "id: ../evil\nname: Evil\n"
    found = problems(data_copy, PROVIDER, text)
    assert found[0].startswith("providers/cerebras/provider.yaml:1:5: id: '../evil' is not valid here: expected a lowercase identifier")
    assert len(found) == 1  # the schema error stops the file-name rule from piling on


def test_every_problem_in_one_run_sorted(data_copy):
    (data_copy / "providers/cerebras/models/qwen-3-32b.yaml").write_text(offering("kind: chatt\n").replace("gpt-oss-120b\nmodel", "qwen-3-32b\nmodel"))
    (data_copy / OFFERING).write_text(offering("pricing:\n  input: -1\n  imput: 2\ncontext_window: x\n"))
    report = validate_catalog(data_copy)
    where = [(p.file.rsplit("/", 1)[1], p.line, p.path) for p in report.errors]
    assert where == [
        ("gpt-oss-120b.yaml", 5, "pricing.input"),
        ("gpt-oss-120b.yaml", 6, "pricing.imput"),
        ("gpt-oss-120b.yaml", 7, "context_window"),
        ("qwen-3-32b.yaml", 4, "kind"),
    ]
