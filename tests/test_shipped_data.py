"""The shipped catalog (data/): the curated seed facts, starmap, models.dev and LiteLLM, linked.

These tests read the real catalog of thousands of offerings, once per module.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from generator import load_catalog
from generator.validation.validate import validate_catalog

from .conftest import SHIPPED

IMPORTERS = {"models.dev", "starmap", "litellm", "link"}


@pytest.fixture(scope="module")
def shipped():
    return load_catalog(SHIPPED)


def test_shipped_data_validates_clean_without_a_warning():
    report = validate_catalog(SHIPPED)
    assert [p.format() for p in report.problems] == []
    assert len(report.documents) > 6000


def test_the_shipped_catalog_holds_every_source(shipped):
    assert len(shipped.providers) >= 149 and len(shipped.offerings) >= 5700 and len(shipped.models) >= 650
    assert len(shipped.provider("nano-gpt").offerings) > 100  # models.dev
    assert shipped.provider("moonshotai").retention.type is not None  # starmap's privacy facts
    known = [p.id for p in shipped.providers.values() if p.privacy.trains_on_user_data is not None]
    assert len(known) >= 8
    assert sum(1 for p in shipped.providers.values() if p.logo) >= 120


def test_the_curated_cerebras_facts_win(shipped):
    cerebras = shipped.provider("cerebras")
    assert cerebras.headquarters == "Sunnyvale, CA, USA"
    assert cerebras.authentication.env == ("CEREBRAS_API_KEY",)
    assert cerebras.privacy.retains_user_data is False and cerebras.privacy.trains_on_user_data is False
    assert (cerebras.retention.type, cerebras.retention.duration_days) == ("none", 0)
    gpt = shipped.offering("cerebras/gpt-oss-120b")
    assert gpt.context_window == 131072
    assert len(cerebras.offerings) > 9  # the seed's nine and what the sources add


def test_the_seed_price_and_the_later_models_dev_price_are_both_in_the_catalog(shipped):
    """Issue 14 §4: starmap's $0.25 of 2025-08-21 (the seed page) and models.dev's $0.35 of
    2026-06-11 are both true, each on its day."""
    gpt = shipped.offering("cerebras/gpt-oss-120b")
    on = {str(e.effective_from): (e.input, e.output, e.source) for e in (*gpt.pricing.history, gpt.pricing.current)}
    assert on["2025-08-21"][:2] == (Decimal("0.25"), Decimal("0.69")) and "starmap" in on["2025-08-21"][2]
    assert on["2026-06-11"] == (Decimal("0.35"), Decimal("0.75"),
                                "models.dev commit 78f8fb92fcfc16d2239728306d55dc0188bee7de")
    assert shipped.price("cerebras/gpt-oss-120b", input_tokens=10**6, at=date(2025, 9, 1)).amount == Decimal("0.25")
    assert shipped.price("cerebras/gpt-oss-120b", input_tokens=10**6).amount == Decimal("0.35")


def test_offerings_are_linked_to_their_canonical_models(shipped):
    serving = {o.provider_id for o in shipped.offerings_of("openai/gpt-oss-120b")}
    assert len(serving) >= 40 and {"cerebras", "deepinfra", "groq", "fireworks-ai"} <= serving
    linked = sum(1 for o in shipped.offerings if o.model_id)
    assert linked / len(shipped.offerings) > 0.65
    assert not (SHIPPED / "models/qwen").exists() and not (SHIPPED / "models/moonshot-ai").exists()  # one id each


def test_every_imported_fact_names_its_source(shipped):
    imported = [o for o in shipped.offerings if any(s.importer for s in o.sources)]
    assert len(imported) > 5700
    for offering in imported:
        for source in offering.sources:  # an imported source names its importer, input and fields
            assert source.importer is None or (source.importer in IMPORTERS and source.title and source.fields), \
                offering.ref


def test_load_catalog_without_a_path_reads_the_shipped_export_of_data(shipped):
    """The package carries data/ as its JSON export (site/docs/api/catalog.json): the same catalog."""
    packaged = load_catalog()
    assert packaged.offerings == shipped.offerings and packaged.models == shipped.models
    assert [replace(p, logo=None, offerings=[]) for p in packaged.providers.values()] == \
        [replace(p, logo=None, offerings=[]) for p in shipped.providers.values()]  # logos: paths, not files
