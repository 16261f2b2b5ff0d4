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
    assert counts["offerings"] == {"created": 7, "skipped": 3}
    assert counts["models"] == {"created": 1, "skipped": 1}
    assert counts["authors"] == {"created": 1}


def test_provider_fields(imported):
    provider = doc(imported[0], "providers/acme/provider.yaml")
    assert provider["name"] == "Acme Inference"
    assert provider["authentication"] == {"env": ["ACME_API_KEY"]}
    assert provider["endpoints"] == {"documentation": "https://docs.acme.example/models",
                                     "base_url": "https://api.acme.example/v1"}
    assert imported[1].unmapped["provider.npm"] == 2


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
    assert skips(report, "unknown-key") == ["providers/acme/models/unknown-key.toml (colour)",
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
    assert files == again and len(files) == 18


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
