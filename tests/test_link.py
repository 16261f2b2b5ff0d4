"""The rules that propose an offering's canonical model (generator.importers.link): each rule links
the provider's form it is for, and no rule links a different model."""

from __future__ import annotations

import pytest

from generator.importers.link import Resolver, forms, key

MODELS = {
    "openai/gpt-oss-120b": "GPT OSS 120B", "openai/gpt-oss-safeguard-120b": "GPT OSS Safeguard 120B",
    "openai/gpt-4o-mini": "GPT-4o mini", "openai/gpt-4o": "GPT-4o", "openai/gpt-4o-2024-08-06": "GPT-4o (2024-08-06)",
    "meta/llama-3.3-70b-instruct": "Llama-3.3-70B-Instruct", "deepseek/deepseek-r1": "DeepSeek-R1",
    "alibaba/qwen3-max": "Qwen3 Max", "alibaba/qwen3-32b": "Qwen3 32B", "zhipuai/glm-4.6": "GLM-4.6",
    "zhipuai/glm-5": "GLM-5", "zhipuai/glm-5-turbo": "GLM-5-Turbo", "anthropic/claude-opus-4-5-20251101": "Claude Opus 4.5",
    "minimax/MiniMax-M2.5": "MiniMax-M2.5", "xai/grok-4": "Grok 4",
}
OFFERINGS = ["openai/gpt-4o-mini-2024-07-18", "qwen3-max-2025-09-23", "qwen3-max-2026-01-23"]


@pytest.fixture(scope="module")
def resolver():
    return Resolver(MODELS, OFFERINGS)


def linked(resolver, offering_id, name=None):
    proposal = resolver.propose(offering_id, name)
    return (proposal.model, proposal.variant) if proposal.status == "linked" else proposal.status


def test_key_ignores_case_separators_and_the_break_before_a_number():
    assert key("Llama3.3_70B Instruct") == key("llama-3.3-70b-instruct") == "llama-3-3-70b-instruct"
    assert key("claude-opus-4.5") == key("claude-opus-4-5")
    assert key("gpt-oss-120b") != key("gpt-oss-20b")


@pytest.mark.parametrize("offering_id, rule", [
    ("openai/gpt-oss-120b", "path"),                             # an organisation before the name
    ("accounts/fireworks/models/gpt-oss-120b", "path"),          # Fireworks' account path
    ("@cf/openai/gpt-oss-120b", "path"),                         # Cloudflare Workers AI
    ("openai.gpt-oss-120b", "vendor-dot"),                       # Bedrock
    ("openai.gpt-oss-120b-1:0", "version-tag"),                  # Bedrock's version
    ("gpt-oss:120b", "size-tag"),                                # Ollama
    ("openai/gpt-oss-120b-maas", "platform-suffix"),             # Vertex model-as-a-service
    ("openai-gpt-oss-120b", "org-prefix"),                       # DigitalOcean, Venice
    ("databricks-gpt-oss-120b", "org-prefix"),                   # Databricks
    ("hf:openai/gpt-oss-120b", "scheme"),                        # Synthetic
    ("GPT-OSS-120B", None),                                      # casing alone
])
def test_each_provider_form_of_gpt_oss_120b_is_linked_by_its_rule(resolver, offering_id, rule):
    proposal = resolver.propose(offering_id)
    assert (proposal.status, proposal.model, proposal.variant) == ("linked", "openai/gpt-oss-120b", None)
    assert rule is None or rule in proposal.rules


def test_a_region_before_the_vendor_is_peeled(resolver):
    assert linked(resolver, "us.anthropic.claude-opus-4-5-20251101-v1:0") == ("anthropic/claude-opus-4-5-20251101", None)
    assert linked(resolver, "claude-opus-4-5@20251101") == ("anthropic/claude-opus-4-5-20251101", None)  # Vertex


@pytest.mark.parametrize("offering_id, variant", [
    ("openai/gpt-oss-120b:free", "free"), ("gpt-oss-120b-free", "free"), ("TEE/gpt-oss-120b", "tee"),
    ("gpt-oss-120b-tee", "tee"), ("Qwen/Qwen3-32B-FP8", "fp8"), ("qwen3-32b-int4", "int4"), ("qwen3-32b-awq", "awq"),
    ("cortecs/Qwen3-32B-FP8-Dynamic", "fp8-dynamic"), ("qwen3-32b-fp8:free", "fp8-free"),
])
def test_quantisations_and_tiers_are_linked_as_variants(resolver, offering_id, variant):
    model = "openai/gpt-oss-120b" if "gpt-oss" in offering_id else "alibaba/qwen3-32b"
    assert linked(resolver, offering_id) == (model, variant)


def test_a_full_date_is_peeled_for_a_snapshot_alias_only(resolver):
    assert linked(resolver, "openai/gpt-4o-mini-2024-07-18") == ("openai/gpt-4o-mini", None)
    assert linked(resolver, "gpt-4o-2024-11-20") == "unlinked"          # gpt-4o has dated models of its own
    assert linked(resolver, "qwen3-max-2025-09-23") == "unlinked"       # Qwen's undated name moves on
    assert Resolver(MODELS, OFFERINGS + ["gpt-4o-mini-2025-01-01"]).propose("gpt-4o-mini-2024-07-18").status == \
        "unlinked"                                                      # two snapshots seen: not the same model


@pytest.mark.parametrize("offering_id", [
    "gpt-oss-20b", "openai/gpt-oss-20b:free", "gpt-oss:20b",            # another size
    "gpt-oss-safeguard-20b",                                            # a fine-tune, another size
    "deepseek-r1-distill-qwen-32b", "deepseek-r1-distill-llama-70b",    # distills
    "deepseek-r1-0528",                                                 # a later release: short dates stay
    "huihui-ai/Llama-3.3-70B-Instruct-abliterated",                     # a fine-tune
    "GLM-4.6-Derestricted-v5", "shisa-v2-llama3.3-70b",                 # fine-tunes
    "glm-4.6v", "qwen3-32b-vision",                                     # vision models
    "glm-4.6-turbo", "grok-4-fast", "minimax-m2.5-highspeed",           # -turbo, -fast, -highspeed name other models
    "llama-3.3-70b", "llama-3.3-70b-versatile",                         # -instruct is never dropped
    "moonshotai/kimi-k2.5:thinking", "glm-4.6:thinking",                # a mode tag the rules do not know
    "qwen3-32b-2507", "gpt-oss-120b-high-throughput",
])
def test_a_different_model_is_never_linked(resolver, offering_id):
    assert linked(resolver, offering_id) == "unlinked"


def test_the_safeguard_model_is_not_gpt_oss(resolver):
    assert linked(resolver, "openai.gpt-oss-safeguard-120b") == ("openai/gpt-oss-safeguard-120b", None)


def test_glm_5_turbo_is_its_own_model_not_glm_5(resolver):
    assert linked(resolver, "z-ai/glm-5-turbo") == ("zhipuai/glm-5-turbo", None)


def test_two_candidates_are_ambiguous_and_not_linked():
    resolver = Resolver({"alibaba/qwen3.5-27b": "Qwen3.5 27B", "other/qwen3-5-27b": "Qwen3 5 27B"})
    proposal = resolver.propose("qwen/Qwen3.5-27B")
    assert (proposal.status, proposal.model, proposal.candidates) == (
        "ambiguous", None, ("alibaba/qwen3.5-27b", "other/qwen3-5-27b"))


def test_a_display_name_only_suggests(resolver):
    proposal = resolver.propose("deepseek-ai/DeepSeek-R1-0528", "DeepSeek R1")
    assert (proposal.status, proposal.model, proposal.suggested) == ("unlinked", None, "deepseek/deepseek-r1")


def test_an_unknown_tag_gives_no_reading():
    assert forms("kimi-k2.5:thinking") == []
    assert [f.name for f in forms("openai/gpt-oss-120b:free")][:1] == ["gpt-oss-120b"]
