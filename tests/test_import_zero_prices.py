"""A price of 0 from models.dev or LiteLLM is kept as free only with a stated reason
(generator/importers/free.py); any other 0 is left unknown and reported."""

from __future__ import annotations

import json
from pathlib import Path

from generator.importers import run_import
from generator.model.layout import offering_path
from generator.importers.free import FREE_PROVIDERS, UNCONFIRMED, free_reason
from generator.validation.validate import validate_catalog
from generator.validation.yaml_fast import load_bytes


def doc(data_dir: Path, rel: str) -> dict:
    data, problems = load_bytes((data_dir / rel).read_bytes(), rel)
    assert problems == []
    return data


def _tree(root: Path, provider: str, offerings: dict[str, str]) -> Path:
    (root / f"providers/{provider}/models").mkdir(parents=True)
    (root / f"providers/{provider}/provider.toml").write_text(f'name = "{provider}"\n')
    for offering, body in offerings.items():
        path = root / f"providers/{provider}/models/{offering}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    return root


def _lines(report) -> list[str]:
    return [s.format() for s in report.skips if s.reason == "unconfirmed-zero"]


def test_a_paid_offering_priced_0_is_left_unknown_and_reported(tmp_path):
    # models.dev f3fc692: providers/privatemode-ai/models/gpt-oss-120b.toml is paid but reads as free
    source = _tree(tmp_path / "md", "privatemode-ai", {
        "gpt-oss-120b": 'name = "gpt-oss-120b"\n[cost]\ninput = 0\noutput = 0\n',
        "priced": 'name = "Priced"\n[cost]\ninput = 1.5\noutput = 0\ncache_read = 0.25\n'})
    report = run_import("models.dev", source, tmp_path / "data")
    assert _lines(report) == [
        f"skipped providers/privatemode-ai/models/gpt-oss-120b.toml (cost.input): unconfirmed price of 0: {UNCONFIRMED}",
        f"skipped providers/privatemode-ai/models/gpt-oss-120b.toml (cost.output): unconfirmed price of 0: {UNCONFIRMED}",
        f"skipped providers/privatemode-ai/models/priced.toml (cost.output): unconfirmed price of 0: {UNCONFIRMED}"]
    assert "pricing" not in doc(tmp_path / "data", "providers/privatemode-ai/models/gpt-oss-120b.yaml")
    assert doc(tmp_path / "data", "providers/privatemode-ai/models/priced.yaml")["pricing"] == {
        "currency": "USD", "input": 1.5, "cached_input": 0.25}
    assert validate_catalog(tmp_path / "data").errors == []


def test_a_zero_in_a_tier_or_an_experimental_mode_needs_a_reason_too(tmp_path):
    source = _tree(tmp_path / "md", "acme", {"tiered": (
        '[cost]\ninput = 1\noutput = 2\n[cost.context_over_200k]\ninput = 0\noutput = 4\n'
        '[experimental.modes.fast]\ncost = { input = 0, output = 3 }\n')})
    report = run_import("models.dev", source, tmp_path / "data")
    assert [s.input for s in report.skips if s.reason == "unconfirmed-zero"] == [
        "providers/acme/models/tiered.toml (cost.context_over_200k.input)",
        "providers/acme/models/tiered.toml (experimental.modes.fast.cost.input)"]


def test_an_id_or_name_that_says_free_keeps_the_0(tmp_path):
    free = '[cost]\ninput = 0\noutput = 0\n'
    source = _tree(tmp_path / "md", "router", {
        "lab/model:free": free, "model-free": free, "named": f'name = "Model (free)"\n{free}',
        "freeform": free})
    report = run_import("models.dev", source, tmp_path / "data")
    for rel in ("lab/model:free", "model-free", "named"):
        assert doc(tmp_path / "data", offering_path("router", rel))["pricing"] == \
            {"currency": "USD", "input": 0, "output": 0}, rel
    assert [s.input for s in report.skips] == ["providers/router/models/freeform.toml (cost.input)",
                                                "providers/router/models/freeform.toml (cost.output)"]


def test_a_provider_documented_as_free_keeps_the_0(tmp_path):
    assert all(url.startswith("https://") for url in FREE_PROVIDERS.values())
    source = _tree(tmp_path / "md", "github-models", {"gpt-4o": '[cost]\ninput = 0\noutput = 0\n'})
    report = run_import("models.dev", source, tmp_path / "data")
    assert report.skips == []
    assert doc(tmp_path / "data", "providers/github-models/models/gpt-4o.yaml")["pricing"]["input"] == 0
    assert free_reason("github-models", "x") == f"the provider is documented as free ({FREE_PROVIDERS['github-models']})"
    assert free_reason("acme", "x", "X (free)") == "its name says free"
    assert free_reason("acme", "free-x", "Freedom") is None


def test_a_0_another_source_gave_stays_when_a_later_import_leaves_its_own_out(tmp_path):
    # the second-source rule: the merge fills unknowns only, so the catalog's 0 is never removed
    data_dir = tmp_path / "data"
    run_import("models.dev", _tree(tmp_path / "a", "acme", {"m-free": '[cost]\ninput = 0\noutput = 0\n'}), data_dir)
    (data_dir / "providers/acme/models/m.yaml").write_text(
        "id: m\npricing:\n  currency: USD\n  input: 0\n")
    report = run_import("models.dev", _tree(tmp_path / "b", "acme", {"m": '[cost]\ninput = 0\noutput = 0.5\n'}),
                        data_dir)
    assert [s.input for s in report.skips] == ["providers/acme/models/m.toml (cost.input)"]
    assert doc(data_dir, "providers/acme/models/m.yaml")["pricing"] == {"currency": "USD", "input": 0, "output": 0.5}


def test_litellm_zero_needs_a_reason(tmp_path):
    source = tmp_path / "prices.json"
    source.write_text(json.dumps({
        "paid-model": {"litellm_provider": "groq", "mode": "chat", "input_cost_per_token": 0,
                       "output_cost_per_token": 1e-06},
        "openrouter/lab/model:free": {"litellm_provider": "openrouter", "mode": "chat", "input_cost_per_token": 0,
                                      "output_cost_per_token": 0}}))
    report = run_import("litellm", source, tmp_path / "data")
    assert _lines(report) == [f"skipped paid-model (input_cost_per_token): unconfirmed price of 0: {UNCONFIRMED}"]
    assert doc(tmp_path / "data", "providers/groq/models/paid-model.yaml")["pricing"] == {"currency": "USD", "output": 1}
    assert doc(tmp_path / "data", offering_path("openrouter", "lab/model:free"))["pricing"] == \
        {"currency": "USD", "input": 0, "output": 0}
