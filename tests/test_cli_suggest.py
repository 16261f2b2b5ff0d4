"""Unknown names get suggestions across providers, offerings and canonical models
(generator.catalog.lookup), in price, show and list alike."""

from __future__ import annotations

import pytest

from generator import UnknownReference, load_catalog
from generator.catalog import lookup

from .clihelp import R, run
from .conftest import DATA
from .exporthelp import RICH


@pytest.fixture(scope="module")
def rich():
    return load_catalog(RICH)


def test_suggestions_cover_every_kind(rich):
    found = lookup.suggestions(rich, "big")  # a substring of names of two kinds
    assert [(s.name, s.kind) for s in found] == [
        ("acme/big-model", "model"), ("beta/big-model", "offering"), ("beta/us.acme.big:0", "offering")]
    assert [(s.name, s.kind) for s in lookup.suggestions(rich, "alhpa")] == [("alpha", "provider")]
    assert [s.name for s in lookup.suggestions(rich, "QWQ-LATEST")] == ["alpha/Qwen/QwQ-32B"]  # an alias, any case
    assert lookup.suggestions(rich, "zz") == []


def test_a_model_named_without_its_author_leads_the_offerings_that_serve_it(rich):
    """At corpus scale `gpt-oss-120b` is the bare id of dozens of offerings: the model must not be crowded out."""
    assert [s.name for s in lookup.suggestions(rich, "small")] == ["beta-labs/small"]
    assert [s.name for s in lookup.suggestions(rich, "big-model")][:2] == ["acme/big-model", "beta/big-model"]


def test_a_bare_model_name_finds_the_model_and_its_offering(capsys):
    status, out, err = run(capsys, "price", "gpt-oss-120b", "--data", str(DATA), "--input", "1M")
    assert status == 2 and out == ""
    assert err.strip() == ("error: unknown offering or model `gpt-oss-120b`; did you mean "
                           "`openai/gpt-oss-120b` (model), `cerebras/gpt-oss-120b` (offering)?")


def test_show_suggests_across_kinds(capsys):
    status, _, err = run(capsys, "show", "gpt-oss-120b", "--data", str(DATA))
    assert status == 2 and "unknown offering `gpt-oss-120b`; did you mean `openai/gpt-oss-120b` (model), " \
                           "`cerebras/gpt-oss-120b` (offering)?" in err
    status, _, err = run(capsys, "show", "alhpa/mystery", *R)
    assert status == 2 and "unknown provider `alhpa`; did you mean `alpha` (provider), `alpha/mystery` (offering)?" in err


def test_list_suggests_for_an_unknown_provider_or_model(capsys):
    status, out, err = run(capsys, "list", "models", *R, "--model", "big-model")
    assert status == 2 and out == ""
    assert "unknown model `big-model`; did you mean `acme/big-model` (model), `beta/big-model` (offering)" in err
    status, _, err = run(capsys, "list", "providers", *R, "--provider", "gama")
    assert status == 2 and "unknown provider `gama`; did you mean `gamma` (provider)?" in err


def test_nothing_close_says_so(capsys, rich):
    status, _, err = run(capsys, "price", "zz/qq", *R)
    assert status == 2 and "unknown offering or model `zz/qq`; nothing close is known" in err
    with pytest.raises(UnknownReference) as caught:
        lookup.offering_or_model(rich, "acme/big-modle")
    assert caught.value.suggestions[0] == "acme/big-model"
