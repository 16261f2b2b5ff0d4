"""The models.dev importer on hand-written fixtures: one test per mapping rule and skip reason."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from generator.catalog.load import catalog_from_report
from generator.importers import models_dev_read, run_import
from generator.importers.models_dev_map import Context
from generator.importers.report import ImportReport
from generator.validation.validate import validate_catalog
from generator.validation.yaml_fast import load_bytes

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "models_dev_tiny"


@pytest.fixture
def imported(tmp_path):
    report = run_import("models.dev", TINY, tmp_path / "data")
    return tmp_path / "data", report


def doc(data_dir: Path, rel: str) -> dict:
    data, problems = load_bytes((data_dir / rel).read_bytes(), rel)
    assert problems == []
    return data


def skips(report, reason):
    return sorted(s.input for s in report.skips if s.reason == reason)


def test_tiny_import_validates_and_counts(imported):
    data_dir, report = imported
    assert validate_catalog(data_dir).errors == []
    counts = {k: dict(v) for k, v in report.counts.items()}
    assert counts["providers"] == {"created": 2, "skipped": 1}
    assert counts["offerings"] == {"created": 9, "skipped": 3}
    assert counts["models"] == {"created": 1, "skipped": 1}
    assert counts["authors"] == {"created": 1}


def test_provider_fields(imported):
    provider = doc(imported[0], "providers/acme/provider.yaml")
    assert provider["name"] == "Acme Inference"
    assert provider["authentication"] == {"env": ["ACME_API_KEY"]}
    assert provider["endpoints"] == {"documentation": "https://docs.acme.example/models",
                                     "base_url": "https://api.acme.example/v1"}
    assert provider["sdk_package"] == "@ai-sdk/openai-compatible"
    assert "provider.npm" not in imported[1].unmapped


def test_offering_fields(imported):
    plain = doc(imported[0], "providers/acme/models/plain.yaml")
    assert (plain["context_window"], plain["max_input_tokens"], plain["max_output_tokens"]) == (200000, 150000, 8192)
    assert plain["pricing"] == {"currency": "USD", "input": 0.35, "output": 0.75, "cached_input": 0.035,
                                "cache_write": 0.4375, "reasoning": 1.1,
                                "tiers": [{"above_tokens": 128000, "input": 0.7, "output": 1.5}]}
    assert plain["features"] == {"tool_calling": True, "structured_outputs": False, "reasoning": False,
                                 "file_attachments": True, "temperature": True}
    assert plain["modalities"]["input"] == {"text": True, "image": True, "audio": False, "video": False, "pdf": False}
    assert plain["modalities"]["output"]["image"] is False
    assert (plain["status"], plain["release_date"], plain["knowledge_cutoff"], plain["open_weights"]) == \
        ("preview", "2025-02-03", "2024-06", False)


def test_status_and_old_context_tier_format(imported):
    nested = doc(imported[0], "providers/acme/models/org-nested-model~7eb06d8292.yaml")
    assert nested["id"] == "org/Nested-Model"
    assert nested["status"] == "deprecated"
    assert nested["pricing"]["tiers"] == [{"above_tokens": 200000, "input": 0.2, "output": 0.4}]


def test_base_model_is_resolved_like_models_dev(imported):
    based = doc(imported[0], "providers/acme/models/based.yaml")
    assert based["model"] == "lab/base-model"
    assert based["name"] == "Based (Acme)"  # the provider file wins
    assert based["context_window"] == 131072  # inherited table key
    assert based["max_output_tokens"] == 16000  # overridden key in the same table
    assert "max_input_tokens" not in based  # base_model_omit = ["limit.input"]
    assert based["pricing"] == {"currency": "USD", "input": 2, "output": 8}  # cost.context_over_200k omitted
    assert based["features"]["reasoning"] is True
    assert "release_date" not in based and "modalities" not in based  # same as the canonical model: inherited


def test_deep_merge_and_omit_rules():
    base = {"limit": {"context": 1, "input": 2}, "modalities": {"input": ["text", "image"]}, "name": "B"}
    over = {"limit": {"output": 3}, "modalities": {"input": ["text"]}}
    merged = models_dev_read.deep_merge(base, over)
    assert merged == {"limit": {"context": 1, "input": 2, "output": 3}, "modalities": {"input": ["text"]}, "name": "B"}
    models_dev_read.omit(merged, ["limit", "input"])
    models_dev_read.omit(merged, ["modalities", "input"])
    models_dev_read.omit(merged, ["no", "such"])
    assert merged == {"limit": {"context": 1, "output": 3}, "name": "B"}  # emptied parent table removed
    assert base["limit"] == {"context": 1, "input": 2}  # the base is not modified


def test_not_inherited_keys():
    ctx = Context(ImportReport("models.dev", "x"), "f", "offering")
    bases = {"a/b": {"name": "B", "license": "MIT", "links": [], "weights": [], "benchmarks": {}, "family": "f"}}
    resolved, ref = models_dev_read.resolve_base({"base_model": "a/b"}, bases, ctx)
    assert ref == "a/b" and resolved == {"name": "B", "family": "f", "base_model": "a/b"}


def test_canonical_model_and_author(imported):
    model = doc(imported[0], "models/lab/base-model.yaml")
    assert model["authors"] == ["lab"] and model["license"] == "Apache-2.0" and model["family"] == "base"
    assert model["links"] == [{"label": "Weights: Hugging Face", "url": "https://huggingface.example/lab/base-model"}]
    assert doc(imported[0], "authors/lab.yaml")["name"] == "lab"  # unknown lab: its id
    assert imported[1].unmapped["model.benchmarks"] == 1


def test_git_link_files_are_followed(imported):
    linked = doc(imported[0], "providers/acme/models/linked.yaml")
    assert linked["name"] == "Shared" and linked["context_window"] == 64000


def test_every_skip_reason_is_reported(imported):
    report = imported[1]
    assert skips(report, "broken-link") == ["providers/acme/models/broken.toml"]
    assert skips(report, "not-toml") == ["providers/acme/models/not-toml.toml"]
    assert skips(report, "unknown-key") == ["providers/acme/models/calls-invalid.toml (provider.region)",
                                            "providers/acme/models/unknown-key.toml (colour)",
                                            "providers/acme/models/unknown-key.toml (cost.cache_input)"]
    assert skips(report, "bad-id") == ["models/lab/Bad Name.toml", "providers/Bad_Provider/models/m.toml",
                                       "providers/Bad_Provider/provider.toml"]
    invalid = skips(report, "invalid-value")
    assert "providers/acme/models/invalid.toml (limit.output)" in invalid
    assert "providers/acme/models/invalid.toml (status)" in invalid
    assert "providers/acme/models/invalid.toml (release_date)" in invalid
    assert "providers/acme/models/invalid.toml (tool_call)" in invalid
    assert "providers/acme/models/invalid.toml (modalities.input)" in invalid
    assert "providers/other/provider.toml (api)" in invalid


def test_real_broken_symlink_is_reported(tmp_path):
    source = tmp_path / "md"
    shutil.copytree(TINY, source)
    try:
        os.symlink("../../nowhere/gone.toml", source / "providers/other/models/dangling.toml")
        os.symlink("../../other/models/shared.toml", source / "providers/acme/models/real-link.toml")
    except OSError:
        pytest.skip("symbolic links cannot be created here")
    report = run_import("models.dev", source, tmp_path / "data")
    assert "providers/other/models/dangling.toml" in skips(report, "broken-link")
    assert doc(tmp_path / "data", "providers/acme/models/real-link.yaml")["name"] == "Shared"


def test_a_second_input_for_the_same_file_is_a_reported_duplicate():
    from generator.importers.items import Batch, Item

    batch = Batch("models.dev", "models.dev", ImportReport("models.dev", "x"))
    assert batch.add(Item("offering", "providers/p/models/m.yaml", {"id": "m"}, "a.toml")) is True
    assert batch.add(Item("offering", "providers/p/models/m.yaml", {"id": "m"}, "b.toml")) is False
    (skip,) = batch.report.skips
    assert (skip.input, skip.reason, skip.kind) == ("b.toml", "duplicate", "offerings")
    assert "a.toml" in skip.detail and batch.report.counts["offerings"]["skipped"] == 1


def test_api_json(tmp_path):
    report = run_import("models.dev", FIXTURES / "models_dev_api_tiny.json", tmp_path)
    assert validate_catalog(tmp_path).errors == []
    offering = doc(tmp_path, "providers/acme/models/acme-fast~f83bbe430a.yaml")
    assert offering["id"] == "acme/fast" and offering["pricing"]["input"] == 0.35
    assert report.counts["offerings"]["created"] == 1


def test_commit_and_date_are_recorded(tmp_path):
    run_import("models.dev", TINY, tmp_path, commit="abc1234", accessed="2026-07-02")
    source = doc(tmp_path, "providers/acme/models/plain.yaml")["sources"][0]
    assert source["title"] == "models.dev commit abc1234 read 2026-07-02: providers/acme/models/plain.toml"
    assert source["importer"] == "models.dev"
    assert "pricing.input" in source["fields"] and "status" in source["fields"]


def test_prices_are_exact_decimals():
    ctx = Context(ImportReport("models.dev", "x"), "f", "offering")
    from generator.importers.models_dev_map import pricing

    assert pricing(ctx, {"input": Decimal("0.35"), "output": 2})["input"] == Decimal("0.35")
    assert pricing(ctx, {"input": Decimal("0.8299999999999999"), "output": 1}) == {"currency": "USD", "output": 1}
    assert Counter(s.reason for s in ctx.report.skips) == {"invalid-value": 1}


def test_commit_of_a_git_checkout_is_found(tmp_path):
    import subprocess

    source = tmp_path / "md"
    shutil.copytree(TINY / "providers/other", source / "providers/other")
    git = ["git", "-C", str(source), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    try:
        subprocess.run(git + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "."], check=True)
        subprocess.run(git + ["commit", "-qm", "x"], check=True)
        commit = subprocess.run(git + ["rev-parse", "--short", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not available")
    run_import("models.dev", source, tmp_path / "data")
    title = doc(tmp_path / "data", "providers/other/provider.yaml")["sources"][0]["title"]
    assert title == f"models.dev commit {commit}: providers/other/provider.toml"


def test_api_json_repeated_key_is_reported(tmp_path):
    source = tmp_path / "api.json"
    source.write_text('{"p": {"name": "P", "models": {}}, "p": {"name": "P2", "models": {}}}')
    report = run_import("models.dev", source, tmp_path / "data")
    assert [(s.input, s.reason) for s in report.skips] == [("api.json: p", "duplicate")]
    assert doc(tmp_path / "data", "providers/p/provider.yaml")["name"] == "P2"


def test_same_input_same_bytes(tmp_path):
    for name in ("a", "b"):
        run_import("models.dev", TINY, tmp_path / name)
        run_import("litellm", FIXTURES / "litellm_tiny.json", tmp_path / name)
    files = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in sorted((tmp_path / "a").rglob("*")) if p.is_file()}
    again = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in sorted((tmp_path / "b").rglob("*")) if p.is_file()}
    assert files == again and len(files) == 20


def test_zero_limit_is_unknown_not_zero():
    ctx = Context(ImportReport("models.dev", "x"), "f.toml", "offering")
    from generator.importers.models_dev_map import limits

    assert limits(ctx, {"context": 0, "output": 0, "input": 100}) == {"max_input_tokens": 100}
    assert [s.input for s in ctx.report.skips] == ["f.toml (limit.context)", "f.toml (limit.output)"]


def test_links_leading_outside_the_checkout_are_not_followed(tmp_path):
    secret = tmp_path / "outside.toml"
    secret.write_text('name = "Outside"\n')
    source = tmp_path / "md"
    shutil.copytree(TINY / "providers/other", source / "providers/other")
    (source / "providers/other/models/escape.toml").write_text("../../../../outside.toml\n")
    try:
        os.symlink(secret, source / "providers/other/models/real-escape.toml")
    except OSError:
        pytest.skip("symbolic links cannot be created here")
    report = run_import("models.dev", source, tmp_path / "data")
    found = {s.input: s.detail for s in report.skips}
    assert "outside the checkout" in found["providers/other/models/escape.toml"]
    assert "outside the checkout" in found["providers/other/models/real-escape.toml"]
    assert not (tmp_path / "data/providers/other/models/escape.yaml").exists()


def _shared_base_tree(root: Path) -> Path:
    """Two providers whose offerings share one base; the first read omits ``limit.input``."""
    (root / "models/lab").mkdir(parents=True)
    (root / "models/lab/shared.toml").write_text(
        'name = "Shared Model"\n[limit]\ncontext = 400000\ninput = 272000\noutput = 128000\n')
    for provider, extra in (("aaa", 'base_model_omit = ["limit.input"]\n'), ("zzz", "")):
        (root / f"providers/{provider}/models").mkdir(parents=True)
        (root / f"providers/{provider}/provider.toml").write_text(f'name = "{provider.upper()}"\n')
        (root / f"providers/{provider}/models/shared-x.toml").write_text(f'base_model = "lab/shared"\n{extra}')
    return root


def test_base_model_omit_does_not_change_the_shared_base_for_later_offerings(tmp_path):
    # issue 12: providers/llmgateway/models/gpt-5-pro.toml lost limit.input after azure's omitted it
    run_import("models.dev", _shared_base_tree(tmp_path / "md"), tmp_path / "data")
    assert "max_input_tokens" not in doc(tmp_path / "data", "providers/aaa/models/shared-x.yaml")
    assert doc(tmp_path / "data", "providers/zzz/models/shared-x.yaml")["max_input_tokens"] == 272000


def test_omit_copies_a_nested_table_it_did_not_create():
    base = {"limit": {"context": 1, "input": 2}}
    merged = models_dev_read.deep_merge(base, {"name": "X"})
    models_dev_read.omit(merged, ["limit", "input"])
    assert merged["limit"] == {"context": 1} and base["limit"] == {"context": 1, "input": 2}


def test_a_name_inherited_through_base_model_is_the_base_name_not_the_id(tmp_path):
    # issue 12: providers/aihubmix/models/glm-5.2.toml is "GLM-5.2" in models.dev's api.json, not "glm-5.2"
    data_dir = tmp_path / "data"
    run_import("models.dev", _shared_base_tree(tmp_path / "md"), data_dir)
    assert doc(data_dir, "providers/zzz/models/shared-x.yaml")["name"] == "Shared Model"
    catalog = catalog_from_report(validate_catalog(data_dir), data_dir)
    assert catalog.offering("zzz/shared-x").name == "Shared Model"


def test_how_to_call_a_model_is_kept_in_fields_of_its_own(imported):
    calls = doc(imported[0], "providers/acme/models/calls.yaml")
    assert (calls["family"], calls["release_date"], calls["last_updated"]) == ("calls-family", "2024-12", "2025-03")
    assert list(calls["modalities"]["input"]) == ["pdf", "text", "image", "audio", "video"]  # the list's order first
    assert calls["reasoning_options"] == [{"type": "toggle"}, {"type": "effort", "values": ["json_null", "low", "high"]},
                                          {"type": "budget_tokens", "min": -1, "max": 24576}]
    assert (calls["interleaved_reasoning"], calls["reasoning_field"]) == (True, "reasoning_details")
    assert calls["client"] == {"sdk_package": "@ai-sdk/anthropic", "base_url": "https://api.acme.example/anthropic/v1",
                               "api_shape": "responses", "headers": {"anthropic-beta": "interleaved-thinking"},
                               "body": {"thinking": {"type": "enabled", "budget": 1024}, "temperature": 0.5}}
    assert calls["experimental_modes"] == [{"name": "fast", "price": {"currency": "USD", "input": 6, "output": 30},
                                            "body": {"speed": "fast"}, "headers": {"anthropic-beta": "fast-mode"}}]
    assert calls["pricing"] == {"currency": "USD", "input": 1, "output": 2, "input_audio": 4, "output_audio": 8,
                                "tiers": [{"above_tokens": 272000, "input": 2, "input_audio": 5}]}


def test_an_empty_reasoning_options_list_is_a_fact_not_unknown(tmp_path):
    source = tmp_path / "md"
    (source / "providers/p/models").mkdir(parents=True)
    (source / "providers/p/provider.toml").write_text('name = "P"\n')
    (source / "providers/p/models/always.toml").write_text('name = "A"\nreasoning = true\nreasoning_options = []\n')
    (source / "providers/p/models/unknown.toml").write_text('name = "U"\nreasoning = true\n')
    run_import("models.dev", source, tmp_path / "data")
    catalog = catalog_from_report(validate_catalog(tmp_path / "data"), tmp_path / "data")
    assert catalog.offering("p/always").reasoning_options == ()
    assert catalog.offering("p/unknown").reasoning_options is None


CALLS_INVALID = "skipped providers/acme/models/calls-invalid.toml"


def test_each_value_that_cannot_be_kept_is_reported_with_file_key_and_reason(imported):
    lines = [s.format() for s in imported[1].skips if s.input.startswith(CALLS_INVALID[8:])]
    assert lines == [
        f"{CALLS_INVALID} (release_date): invalid value: '2025-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD); "
        "the field is left out",
        f"{CALLS_INVALID} (last_updated): invalid value: '2025-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD); "
        "the field is left out",
        f"{CALLS_INVALID} (reasoning_options): invalid value: {{'max': 1024, 'min': 2048, 'type': 'budget_tokens'}} "
        "(option 2): min 2048 is above max 1024; the field is left out",
        f"{CALLS_INVALID} (interleaved): invalid value: False is not true or {{field = reasoning_content or "
        "reasoning_details}; the field is left out",
        f"{CALLS_INVALID} (provider.npm): invalid value: '' is not a non-empty string; the field is left out",
        f"{CALLS_INVALID} (provider.api): invalid value: 'https://${{REGION}}.acme.example/v1' is not an absolute "
        "http(s) URL (templates such as ${VAR} are not URLs); the field is left out",
        f"{CALLS_INVALID} (provider.shape): invalid value: 'chat' is not responses or completions; the field is left out",
        f"{CALLS_INVALID} (provider.body): invalid value: {{'when': datetime.date(2025, 1, 1)}} holds "
        "datetime.date(2025, 1, 1), which is not a JSON value; the field is left out",
        f"{CALLS_INVALID} (provider.headers): invalid value: {{'bad header': 'x'}} is not a table of header names "
        "(letters, digits, '-') to strings; the field is left out",
        f"{CALLS_INVALID} (provider.region): unknown key: `provider.region` is not a models.dev field; ignored",
        f"{CALLS_INVALID} (experimental.modes.fast.provider.api): invalid value: 'https://fast.acme.example/v1' is "
        "not something a mode sets (body, headers); the field is left out",
    ]
    kept = doc(imported[0], "providers/acme/models/calls-invalid.yaml")
    assert "reasoning_options" not in kept and "client" not in kept and "release_date" not in kept
    assert kept["experimental_modes"] == [{"name": "fast"}]  # the mode exists; nothing else about it is known


@pytest.mark.parametrize("value, problem", [
    ([{"type": "effort", "values": []}], "values is not a list of distinct effort levels"),
    ([{"type": "effort", "values": ["low", "low"]}], "values is not a list of distinct effort levels"),
    ([{"type": "toggle", "values": ["low"]}], "has values, which a toggle option does not take"),
    ([{"type": "budget_tokens", "min": -2}], "min is not a whole number >= -1"),
    ([{"type": "budget_tokens", "max": 1.5}], "max is not a whole number >= 0"),
    ([{"type": "dial"}], "is not a table of type toggle, effort or budget_tokens"),
    ("toggle", "is not an array of tables"),
])
def test_reasoning_options_refused_whole(value, problem):
    from generator.importers.models_dev_client import reasoning_options

    ctx = Context(ImportReport("models.dev", "x"), "f.toml", "offering")
    assert reasoning_options(ctx, value) is None
    (skip,) = ctx.report.skips
    assert skip.input == "f.toml (reasoning_options)" and problem in skip.detail


def test_a_request_body_is_bounded_and_plain():
    from generator.importers.models_dev_client import MAX_DEPTH, request_body

    ctx = Context(ImportReport("models.dev", "x"), "f.toml", "offering")
    deep: dict = {"x": 1}
    for _ in range(MAX_DEPTH + 1):
        deep = {"x": deep}
    assert request_body(ctx, "provider.body", deep) is None
    assert request_body(ctx, "provider.body", {"a b": 1}) is None
    assert request_body(ctx, "provider.body", {"t": Decimal("0.5"), "n": Decimal("2"), "l": [True, "s"]}) == \
        {"t": 0.5, "n": 2, "l": [True, "s"]}
    details = [s.detail for s in ctx.report.skips]
    assert len(details) == 2 and details[0].endswith(f"is nested more than {MAX_DEPTH} deep; the field is left out")
    assert details[1] == ("{'a b': 1} has the key 'a b', which is not a plain name (letters, digits, '_', '.', '-'); "
                          "the field is left out")


def test_inheritance_does_not_depend_on_the_order_providers_are_read_in(tmp_path, monkeypatch):
    """issue 12: an offering's base_model_omit once deleted from the shared base, so offerings read later lost it."""
    from generator.importers import models_dev

    source = tmp_path / "md"
    (source / "models/lab").mkdir(parents=True)
    (source / "models/lab/m.toml").write_text('name = "M"\n[limit]\ncontext = 1000\ninput = 900\noutput = 100\n')
    for provider, omit in (("a", 'base_model_omit = ["limit.input"]\n'), ("b", "")):
        (source / f"providers/{provider}/models").mkdir(parents=True)
        (source / f"providers/{provider}/provider.toml").write_text(f'name = "{provider.upper()}"\n')
        (source / f"providers/{provider}/models/m.toml").write_text(f'base_model = "lab/m"\n{omit}')
    listed = models_dev._provider_folders
    results = []
    for order in (lambda found: found, lambda found: list(reversed(found))):
        monkeypatch.setattr(models_dev, "_provider_folders", lambda *args, o=order: o(listed(*args)))
        out = tmp_path / f"data{len(results)}"
        run_import("models.dev", source, out)
        results.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*.yaml")})
    assert results[0] == results[1]
    assert "max_input_tokens" not in doc(tmp_path / "data0", "providers/a/models/m.yaml")
    assert doc(tmp_path / "data0", "models/lab/m.yaml") and \
        doc(tmp_path / "data0", "providers/b/models/m.yaml")["max_input_tokens"] == 900
