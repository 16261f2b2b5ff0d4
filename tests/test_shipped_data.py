from decimal import Decimal

from generator import load_catalog
from generator.validation.validate import validate_catalog

from .conftest import SHIPPED


def test_shipped_data_validates_clean():
    report = validate_catalog(SHIPPED)
    assert [p.format() for p in report.problems] == []
    assert len(report.documents) == 1 + 9 + 9 + 3


def test_shipped_cerebras_has_the_seed_facts():
    catalog = load_catalog(SHIPPED)
    cerebras = catalog.provider("cerebras")
    assert cerebras.headquarters == "Sunnyvale, CA, USA"
    assert cerebras.authentication.env == ("CEREBRAS_API_KEY",)
    assert [e.label for e in cerebras.endpoints] == ["Documentation", "Models API", "Chat Completions", "Health API"]
    assert cerebras.privacy.retains_user_data is False and cerebras.privacy.trains_on_user_data is False
    assert (cerebras.retention.type, cerebras.retention.duration_days) == ("none", 0)
    assert cerebras.moderation.content_moderated is True and cerebras.moderation.requires_moderation is False
    assert len(cerebras.offerings) == 9
    gpt = catalog.offering("cerebras/gpt-oss-120b")
    assert (gpt.price.input, gpt.price.output, gpt.context_window) == (Decimal("0.25"), Decimal("0.69"), 131072)
    assert gpt.features.reasoning is True and gpt.features.tool_calling is None


def test_shipped_authors_are_the_true_ones():
    catalog = load_catalog(SHIPPED)
    authors = {o.id: catalog.author_names(o) for o in catalog.provider("cerebras").offerings}
    assert authors["gpt-oss-120b"] == ["OpenAI"]
    assert {tuple(v) for k, v in authors.items() if k.startswith("llama")} == {("Meta",)}
    assert {tuple(v) for k, v in authors.items() if k.startswith("qwen")} == {("Alibaba Qwen Team",)}


def test_unknown_stays_unknown():
    llama = load_catalog(SHIPPED).offering("cerebras/llama-3.3-70b")
    assert llama.pricing is None and llama.context_window is None
    assert llama.features.streaming is True and llama.features.reasoning is None


def test_load_catalog_without_a_path_reads_the_shipped_export_of_data():
    """The package carries data/ as its JSON export (site/docs/api/catalog.json): the same catalog."""
    assert load_catalog() == load_catalog(SHIPPED)
