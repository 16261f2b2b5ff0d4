"""The seed's provider page, byte for byte, and the shipped data's version of it."""

from pathlib import Path

from generator import load_catalog
from generator.outputs.docs.render import render_docs

from .conftest import DATA, ROOT

SEED_CATALOG = ROOT / "tests" / "fixtures" / "seed-catalog"
GOLDEN = ROOT / "tests" / "golden" / "cerebras-provider-page.md"
PAGE = "providers/cerebras/README.md"
MOJIBAKE = ("ğŸ", "â€", "Ã")


def test_seed_catalog_renders_the_seed_page_byte_for_byte(update_golden):
    page = render_docs(load_catalog(SEED_CATALOG))[PAGE]
    if update_golden:
        GOLDEN.write_bytes(page)
    assert page == GOLDEN.read_bytes()


def test_golden_is_the_seed(request):
    seed = ROOT.parent / "shared" / "seed" / "cerebras-provider-page.utf8.md"
    if not seed.exists():
        import pytest
        pytest.skip(f"{seed} is absent (../shared lives beside the repository in CI)")
    assert GOLDEN.read_bytes() == seed.read_bytes()


def test_shipped_data_renders_the_seed_page_with_the_true_authors():
    page = render_docs(load_catalog(DATA))[PAGE].decode("utf-8").splitlines()
    golden = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert len(page) == len(golden)
    authors = {}
    for ours, seed in zip(page, golden):
        if seed.startswith("| [") and "| Cerebras |" in seed:
            cells = ours.split(" | ")
            authors[cells[0].split("](")[0][3:]] = cells[1]
            assert ours.replace(f"| {cells[1]} |", "| Cerebras |", 1) == seed
        else:
            assert ours == seed
    assert authors["gpt-oss-120b"] == "OpenAI"
    assert {authors[k] for k in authors if k.startswith("llama")} == {"Meta"}
    assert {authors[k] for k in authors if k.startswith("qwen")} == {"Alibaba Qwen Team"}


def test_no_output_holds_mojibake_and_all_is_utf8():
    for catalog in (DATA, SEED_CATALOG):
        for path, data in render_docs(load_catalog(catalog)).items():
            text = data.decode("utf-8")  # raises on invalid UTF-8
            assert not any(bad in text for bad in MOJIBAKE), path
            assert "🔗" in text or path != PAGE
