"""The importers on the real corpora in ../shared (skipped where absent; CI has them).

Whole-corpus imports take seconds each, so each corpus is imported once per
module and the tests share the result.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections import Counter
from decimal import Decimal

import pytest

from tests import apidiff, modelsdev_schema
from tests.conftest import DATA, needs_corpus
from generator.catalog.load import catalog_from_report
from generator.importers import read_source, run_import
from generator.importers.litellm_providers import PROVIDERS, UNMAPPED_WHY
from generator.importers.starmap import OUR_IDS
from generator.outputs.exports import modelsdev
from generator.validation.validate import validate_catalog
from generator.validation.yaml_fast import load_bytes

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def models_dev_import(tmp_path_factory):
    source = needs_corpus("models.dev")
    data_dir = tmp_path_factory.mktemp("md") / "data"
    report = run_import("models.dev", source, data_dir, commit="f3fc692")
    return data_dir, report, source


@pytest.fixture(scope="module")
def both_into_shipped_data(tmp_path_factory):
    models_dev = needs_corpus("models.dev")
    litellm = needs_corpus("litellm", "model_prices_and_context_window.json")
    data_dir = tmp_path_factory.mktemp("both") / "data"
    shutil.copytree(DATA, data_dir)
    reports = [run_import("models.dev", models_dev, data_dir), run_import("litellm", litellm, data_dir)]
    return data_dir, reports


def test_models_dev_counts(models_dev_import):
    _, report, _ = models_dev_import
    assert report.counts["providers"]["created"] == 147
    assert report.counts["offerings"]["created"] == 5276
    assert report.counts["models"]["created"] == 231
    broken = [s for s in report.skips if s.reason == "broken-link"]
    assert len(broken) == 31 and all(s.kind == "offerings" for s in broken)
    assert report.counts["offerings"]["skipped"] == 31


def test_models_dev_catalog_validates_and_loads(models_dev_import):
    data_dir = models_dev_import[0]
    report = validate_catalog(data_dir)
    assert report.errors == []
    catalog = catalog_from_report(report, data_dir)
    assert len(catalog.offerings) == 5276 and len(catalog.models) == 231
    offering = catalog.offering("cerebras/gpt-oss-120b")
    assert offering.model_id == "openai/gpt-oss-120b"
    assert str(offering.price.input) == "0.35" and offering.context_window == 131072  # inherited limit.context
    assert offering.max_output_tokens == 40960  # the provider file's limit.output wins


def test_models_dev_logos_import_unless_refused(models_dev_import):
    """The corpus's 130 SVG files are 129 provider logos and providers/logo.svg, models.dev's stand-in
    for a provider without one (not a provider's logo: not imported).  Each provider logo is written
    byte for byte or reported with its reason."""
    data_dir, report, source = models_dev_import
    refused = {s.input: s.detail for s in report.skips if s.kind == "logos"}
    print(f"\nmodels.dev logos: {report.counts['logos']['created']} of 129 imported, {len(refused)} refused:")
    print("\n".join(f"  {k}: {v}" for k, v in sorted(refused.items())))
    assert len(list(source.glob("providers/*/logo.svg"))) == 129 and (source / "providers/logo.svg").is_file()
    assert (report.counts["logos"]["created"], len(refused)) == (124, 5)
    assert sum("<image> is not allowed" in d for d in refused.values()) == 3  # a bitmap, possibly remote
    assert "DTDForbidden" in refused["providers/hpc-ai/logo.svg"]
    assert "sodipodi" in refused["providers/regolo-ai/logo.svg"]  # editor metadata: refused, not rewritten
    written = sorted(data_dir.glob("providers/*/logo.svg"))
    assert len(written) == 124
    assert all(p.read_bytes() == (source / p.relative_to(data_dir)).read_bytes() for p in written)


def test_models_dev_reimport_changes_nothing(models_dev_import):
    data_dir, _, source = models_dev_import
    report = run_import("models.dev", source, data_dir, commit="f3fc692")
    assert {k: c["created"] + c["updated"] for k, c in report.counts.items()} == \
        {"providers": 0, "offerings": 0, "models": 0, "authors": 0, "logos": 0}
    assert report.counts["offerings"]["unchanged"] == 5276
    assert report.counts["logos"]["unchanged"] == 124


def test_litellm_catalog_validates(tmp_path):
    source = needs_corpus("litellm", "model_prices_and_context_window.json")
    report = run_import("litellm", source, tmp_path)
    assert validate_catalog(tmp_path).errors == []
    # issue 12: 75 entries of 9 providers once skipped as unmapped are now imported (2,404 -> 2,479);
    # the 73 left are ollama, lemonade, sagemaker, palm, chatgpt, codestral and the web search APIs
    # issue 17: Bedrock's 103 regional entries are regional prices of their model's offering (2,479 -> 2,376)
    assert report.counts["offerings"]["created"] == 2376
    assert sum(1 for s in report.skips if s.reason == "merged") == 103
    reasons = Counter(s.reason for s in report.skips)
    assert reasons["no-data"] == 1  # sample_spec
    assert reasons["unmapped-provider"] == 73
    # and 2 zeros kept: ids that say free (generator/importers/free.py); 288 were token prices, the other
    # 120 are costs per image, second, character ... and conditional prices (issue 17), also never taken as free
    assert reasons["unconfirmed-zero"] == 408
    # 2000000.0 is a whole number: grok-4-fast limits are kept (14 were dropped as invalid)
    grok, _ = load_bytes((tmp_path / "providers/xai/models/grok-4-fast-reasoning.yaml").read_bytes(), "x")
    assert grok["max_output_tokens"] == 2000000
    skipped_entries = sum(1 for s in report.skips if s.kind == "offerings")
    # 2,582 distinct keys plus one key written twice (JSON parsers keep the last silently): all accounted for
    assert report.counts["offerings"]["created"] + skipped_entries == 2583
    assert [s.input for s in report.skips if s.reason == "duplicate" and "JSON" in s.detail] == \
        ["vertex_ai/gemini-embedding-2-preview"]
    data, _ = load_bytes((tmp_path / "providers/cerebras/models/gpt-oss-120b.yaml").read_bytes(), "x")
    assert data["pricing"]["input"] == 0.35 and data["pricing"]["output"] == 0.75


def test_every_litellm_provider_is_mapped_or_explained():
    """The mapping table and its list of reasons cover LiteLLM's provider values exactly, so a new
    provider in LiteLLM fails here instead of being skipped with only the generic reason."""
    source = needs_corpus("litellm", "model_prices_and_context_window.json")
    entries = json.loads(source.read_text())
    values = {e["litellm_provider"] for k, e in entries.items() if isinstance(e, dict) and k != "sample_spec"}
    assert values - PROVIDERS.keys() == UNMAPPED_WHY.keys()


def _leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, path + (key,))
    else:
        yield path, node


def test_curated_cerebras_facts_survive_both_imports(both_into_shipped_data):
    data_dir, _ = both_into_shipped_data
    assert validate_catalog(data_dir).errors == []
    for original in sorted(DATA.rglob("*.yaml")):
        rel = original.relative_to(DATA).as_posix()
        before, _ = load_bytes((original).read_bytes(), rel)
        after, _ = load_bytes((data_dir / rel).read_bytes(), rel)
        for path, value in _leaves({k: v for k, v in before.items() if k != "sources"}):
            current = after
            for step in path:
                current = current[step]
            assert current == value, f"{rel}: {'.'.join(path)} changed from {value!r} to {current!r}"
        assert after.get("sources", [])[: len(before.get("sources", []))] == before.get("sources", [])


def test_disagreements_are_reported(both_into_shipped_data):
    _, reports = both_into_shipped_data
    for report in reports:
        found = {(d.file, d.field): (d.catalog, d.source) for d in report.disagreements}
        assert found[("providers/cerebras/models/gpt-oss-120b.yaml", "pricing.input")] == ("0.25", "0.35"), report.importer


def test_models_dev_catalog_builds_every_page_with_no_broken_link(models_dev_import, tmp_path):
    from generator.build.pipeline import build

    from .linkcheck import broken_links

    data_dir = models_dev_import[0]
    out = tmp_path / "docs"
    result = build(data_dir, out)
    assert not result.skipped and result.changes.created and not result.changes.updated
    pages = Counter(p.split("/")[0] for p in result.changes.created if p.endswith(".md"))
    offering_pages = [p for p in result.changes.created if p.startswith("providers/") and "/models/" in p]
    assert len(offering_pages) == 5276 and pages["models"] == 231 + 1  # one page per model, plus the index
    files = {path: (out / path).read_bytes() for path in result.changes.created}
    assert broken_links(files) == []
    assert (out / "api/catalog.json").stat().st_size > 1_000_000


# issue 12: every value where our api.json, built from the imported corpus, differs from the api.json models.dev's
# own build wrote from the same corpus (../shared/corpora/models.dev-api) is one the import report lists as left
# out, for a reason that holds (apidiff.HOLDING_REASONS).  The counts are printed as a table.


@pytest.fixture(scope="module")
def models_dev_catalog(models_dev_import):
    data_dir = models_dev_import[0]
    return catalog_from_report(validate_catalog(data_dir), data_dir)


def test_api_json_matches_models_dev_own_build(models_dev_import, models_dev_catalog):
    """Differential: our api.json against models.dev's, field by field, numbers by their exact text."""
    oracle = needs_corpus("models.dev-api", "api.json")
    ours = apidiff.parse(json.dumps(modelsdev.api_document(models_dev_catalog)))
    diff = apidiff.compare(ours, apidiff.parse(oracle.read_bytes()))
    print("\nour api.json against models.dev's own build (f3fc692)\n" + diff.table())
    assert apidiff.unexplained(diff, apidiff.reported_skips(models_dev_import[1].skips)) == []
    assert diff.instances, "the corpus holds values the report explains: a comparison finding none compared nothing"


def test_models_dev_own_api_json_passes_the_translated_schema_and_a_broken_copy_does_not():
    """The translation of models.dev's schema (tests/modelsdev_schema.py) accepts the real file and can fail."""
    oracle = json.loads(needs_corpus("models.dev-api", "api.json").read_bytes())
    assert modelsdev_schema.violations(oracle) == {}
    broken = copy.deepcopy(oracle)
    groq = broken["groq"]
    del groq["npm"]
    model = next(iter(groq["models"].values()))
    del model["release_date"]
    model["limit"]["output"] = -1
    model["modalities"]["input"].append("smell")
    found = modelsdev_schema.violations(broken)
    assert sorted(found) == ["groq", f"groq/{model['id']}"]
    assert len(found[f"groq/{model['id']}"]) == 3


def test_our_api_json_passes_models_dev_schema_except_where_the_report_explains(models_dev_import, models_dev_catalog):
    """Every model of our api.json has models.dev's required keys and types, save a value left out for a reason that holds."""
    ours = json.loads(json.dumps(modelsdev.api_document(models_dev_catalog)))
    found = modelsdev_schema.violations(ours)
    skips = apidiff.reported_skips(models_dev_import[1].skips)
    others = {}
    for where, problems in found.items():
        provider_id, _, model_id = where.partition("/")
        file = f"providers/{provider_id}/models/{model_id}.toml" if model_id else f"providers/{provider_id}/provider.toml"
        if all(_cost_left_out_as_unconfirmed_zero(p, file, skips) for p in problems):
            continue
        reasons = [d for (f, _), d in skips.items() if f == file]
        assert reasons and all(any(r in d for r in apidiff.HOLDING_REASONS.values()) for d in reasons), (where, problems)
        others[where] = problems
    assert len(others) <= 2, others  # a float artefact (cloudflare-ai-gateway) and an impossible date (scaleway)
    dropped = len(found) - len(others)
    print(f"\nmodels lacking cost.input or cost.output because a 0 was left out unconfirmed: {dropped}")
    assert dropped == 47  # e.g. azure/text-embedding-3-small (output 0): each matched to its report line above


_REQUIRED = re.compile(r"^[^/]+/models/.+/cost(/context_over_200k)?: \"(input|output)\" is a required property$")


def _cost_left_out_as_unconfirmed_zero(problem: str, file: str, skips: dict) -> bool:
    """True when *problem* is a missing ``cost.input``/``cost.output`` (also inside context_over_200k)
    that the report lists as an unconfirmed 0 of that very key."""
    match = _REQUIRED.match(problem)
    if not match:
        return False
    key = f"cost{'.context_over_200k' if match[1] else ''}.{match[2]}"
    return apidiff.HOLDING_REASONS["an unconfirmed price of 0"] in skips.get((file, key), "")


def _zeros(node) -> int:
    if isinstance(node, dict):
        return sum(_zeros(v) for v in node.values())
    if isinstance(node, list):
        return sum(_zeros(v) for v in node)
    return int(isinstance(node, Decimal) and node == 0)


def test_zero_prices_of_the_corpus_kept_as_free_or_left_unknown():
    """models.dev writes 0 for free and for unknown: a 0 is kept only with a reason (generator/importers/free.py)."""
    batch = read_source("models.dev", needs_corpus("models.dev"))
    kept = Counter()
    for item in batch.items:
        if item.kind == "offering":
            kept[item.rel.split("/")[1]] += _zeros(item.data.get("pricing", {})) + _zeros(item.data.get("experimental_modes", []))
    left = Counter(s.input.split("/")[1] for s in batch.report.skips if s.reason == "unconfirmed-zero")
    print(f"\nmodels.dev zero prices: {sum(kept.values())} kept as free, {sum(left.values())} left unknown "
          f"({len(left)} providers)")
    assert (sum(kept.values()), sum(left.values())) == (247, 984)
    assert +kept == Counter({"github-models": 110, "opencode": 53, "openrouter": 44, "zenmux": 12, "aihubmix": 10,
                             "kilo": 10, "lmstudio": 6, "llmgateway": 2})
    assert left["privatemode-ai"] == 10 and left["nvidia"] == 160


# -- starmap's embedded catalog (commit e7867540) --------------------------------------------

STARMAP_RETENTION = {  # providers.yaml at e7867540: privacy_policy and retention_policy, where given
    "anthropic": (True, False, {"type": "fixed", "duration_days": 30}),
    "cerebras": (False, False, {"type": "none", "duration_days": 0}),
    "deepseek": (True, True, {"type": "indefinite"}),
    "google": (True, False, {"type": "fixed", "duration_days": 2}),  # starmap's google-ai-studio
    "google-vertex": (True, False, {"type": "fixed", "duration_days": 2}),
    "groq": (False, False, {"type": "none", "duration_days": 0}),
    "moonshotai": (True, True, {"type": "indefinite"}),  # moonshot-ai; its duration 0s is reported, not imported
    "openai": (True, False, {"type": "conditional", "duration_days": 30}),
}


@pytest.fixture(scope="module")
def starmap_import(tmp_path_factory):
    source = needs_corpus("starmap", "catalog")
    data_dir = tmp_path_factory.mktemp("starmap") / "data"
    return data_dir, run_import("starmap", source, data_dir, commit="e7867540")


def test_starmap_catalog_counts_and_validates(starmap_import):
    data_dir, report = starmap_import
    assert {k: report.counts[k]["created"] for k in ("providers", "offerings", "models", "authors")} == {
        "providers": 15, "offerings": 613, "models": 591, "authors": 103}
    assert {k: c["skipped"] for k, c in report.counts.items() if c["skipped"]} == {"authors": 1}
    (duplicate,) = [skip for skip in report.skips if skip.reason == "duplicate"]
    assert duplicate.input == "authors.yaml: qwen"  # the catalog's alibaba, as models.dev files Qwen models
    assert {skip.reason for skip in report.skips} == {"invalid-value", "duplicate"}  # 0 limits, templated URLs ...
    assert validate_catalog(data_dir).errors == []


def test_starmap_privacy_and_retention_of_every_provider(starmap_import):
    data_dir = starmap_import[0]
    providers = sorted(p.name for p in (data_dir / "providers").iterdir())
    assert len(providers) == 15
    for provider in providers:
        data, problems = load_bytes((data_dir / "providers" / provider / "provider.yaml").read_bytes(), provider)
        starmap_id = {ours: theirs for theirs, ours in OUR_IDS.items()}.get(provider, provider)
        assert problems == [] and data["sources"][0]["title"] == f"starmap commit e7867540: providers.yaml: {starmap_id}"
        if provider not in STARMAP_RETENTION:
            assert "privacy" not in data and "retention" not in data, provider
            continue
        retains, trains, retention = STARMAP_RETENTION[provider]
        assert (data["privacy"]["retains_user_data"], data["privacy"]["trains_on_user_data"]) == (retains, trains)
        assert data["privacy"]["privacy_policy"].startswith("https://") and data["privacy"]["terms_of_service"]
        assert data["retention"] == retention, provider
        assert data["moderation"] == {"requires_moderation": False, "content_moderated": True, "moderated_by": provider}


def test_starmap_into_the_shipped_catalog_keeps_curated_facts(tmp_path):
    source = needs_corpus("starmap", "catalog")
    data_dir = tmp_path / "data"
    shutil.copytree(DATA, data_dir)
    before, _ = load_bytes((data_dir / "providers/cerebras/provider.yaml").read_bytes(), "cerebras")
    run_import("starmap", source, data_dir, commit="e7867540")
    after, _ = load_bytes((data_dir / "providers/cerebras/provider.yaml").read_bytes(), "cerebras")
    assert validate_catalog(data_dir).errors == []
    kept = dict(_leaves({k: v for k, v in after.items() if k != "sources"}))
    assert all(kept[path] == value for path, value in _leaves(before) if path[0] != "sources")
    assert after["sources"][-1]["importer"] == "starmap"  # it filled some unknowns, and says which
