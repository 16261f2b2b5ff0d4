"""The starmap importer on a hand-written fixture: one test per mapping rule and per skip reason."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.cli import main
from generator.importers import run_import, starmap
from generator.importers import starmap_map as s
from generator.importers.report import ImportReport
from generator.validation.validate import validate_catalog
from generator.validation.yaml_fast import load_bytes

TINY = Path(__file__).parent / "fixtures" / "starmap_tiny"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("starmap")
    return data_dir, run_import("starmap", TINY, data_dir, commit="abc1234")


def doc(data_dir: Path, rel: str) -> dict:
    data, problems = load_bytes((data_dir / rel).read_bytes(), rel)
    assert problems == []
    return data


def lines(report: ImportReport) -> set[str]:
    return {skip.format() for skip in report.skips}


def ctx() -> s.StarmapContext:
    return s.StarmapContext(ImportReport("starmap", "x"), "providers.yaml: p", "provider")


def test_fixture_validates_and_counts(imported):
    data_dir, report = imported
    assert validate_catalog(data_dir).errors == []
    assert {k: report.counts[k]["created"] for k in ("providers", "offerings", "models", "authors")} == {
        "providers": 5, "offerings": 6, "models": 2, "authors": 2}


# -- providers -------------------------------------------------------------------------

def test_provider_name_headquarters_status_page_documentation(imported):
    data = doc(imported[0], "providers/tiny-cloud/provider.yaml")
    assert (data["name"], data["headquarters"], data["status_page"]) == ("Tiny Cloud", "Testville, EU", "https://status.tiny.example")
    assert data["endpoints"]["documentation"] == "https://docs.tiny.example/"
    assert "description" not in data and "website" not in data  # prose is not imported; starmap has no website


def test_authentication_from_the_api_key_profile(imported):
    data = doc(imported[0], "providers/tiny-cloud/provider.yaml")
    assert data["authentication"] == {"api_key_required": True, "env": ["TINY_API_KEY", "TINY_TOKEN"],
                                      "header": "Authorization", "scheme": "Bearer"}


def test_direct_placement_has_no_scheme_and_another_way_in_means_no_key_required(imported):
    data = doc(imported[0], "providers/odd-host/provider.yaml")
    assert data["authentication"] == {"api_key_required": False, "env": ["ODD_KEY"], "header": "x-api-key"}


def test_models_api_shape_and_status_components_go_to_monitoring(imported):
    assert doc(imported[0], "providers/tiny-cloud/provider.yaml")["monitoring"] == {
        "models_api_shape": "openai", "health_components": [{"id": "abc", "name": "api"}]}


def test_a_shape_check_live_cannot_read_is_unmapped_and_a_bad_component_reported(imported):
    data_dir, report = imported
    assert "monitoring" not in doc(data_dir, "providers/odd-host/provider.yaml")
    assert report.unmapped["provider.catalog.endpoint.type"] == 1
    assert ("skipped providers.yaml: odd-host (inference.health_components[0]): invalid value: {'id': 'bad id!', "
            "'name': 'api'} is not a component with an id (letters, digits, - and _) and a name; the field is left "
            "out") in lines(report)


def test_unauthenticated_provider_requires_no_key(imported):
    assert doc(imported[0], "providers/local-run/provider.yaml")["authentication"] == {"api_key_required": False}


def test_url_templates_are_filled_from_credential_defaults(imported):
    endpoints = doc(imported[0], "providers/tiny-cloud/provider.yaml")["endpoints"]
    assert endpoints["base_url"] == "https://api.tiny.example"
    assert endpoints["models"] == "https://api.tiny.example/v1/models"


def test_inference_operations_become_endpoints(imported):
    endpoints = doc(imported[0], "providers/tiny-cloud/provider.yaml")["endpoints"]
    assert endpoints["chat_completions"] == "https://api.tiny.example/v1/chat/completions"
    assert endpoints["embeddings"] == "https://api.tiny.example/v1/embeddings"
    assert endpoints["health"] == "https://status.tiny.example/api/v2/summary.json"
    assert imported[1].unmapped["provider.inference.endpoints.rerank"] == 1


def test_anthropic_chat_operation_is_the_messages_api(imported):
    endpoints = doc(imported[0], "providers/odd-host/provider.yaml")["endpoints"]
    assert endpoints == {"base_url": "https://api.odd.example", "messages": "https://api.odd.example/v1/messages"}


def test_privacy_and_moderation(imported):
    data = doc(imported[0], "providers/tiny-cloud/provider.yaml")
    assert data["privacy"] == {"privacy_policy": "https://tiny.example/privacy", "terms_of_service": "https://tiny.example/terms",
                               "retains_user_data": True, "trains_on_user_data": False}
    assert data["moderation"] == {"requires_moderation": False, "content_moderated": True, "moderated_by": "tiny-cloud"}


def test_retention_type_and_whole_days(imported):
    assert doc(imported[0], "providers/tiny-cloud/provider.yaml")["retention"] == {"type": "fixed", "duration_days": 30}
    assert doc(imported[0], "providers/local-run/provider.yaml")["retention"] == {"type": "none", "duration_days": 0}
    assert doc(imported[0], "providers/forever-ai/provider.yaml")["retention"] == {"type": "indefinite"}
    assert imported[1].unmapped["provider.retention_policy.details"] == 1  # prose


@pytest.mark.parametrize("duration, days", [
    ("720h0m0s", 30), ("48h0m0s", 2), ("0s", 0), ("24h", 1), ("1440m", 1), ("86400s", 1), ("168h0m0.0s", 7),
])
def test_go_duration_becomes_whole_days(duration, days):
    assert s.duration_days(ctx(), "retention_policy.duration", duration) == days


@pytest.mark.parametrize("duration, why", [
    ("36h0m0s", "'36h0m0s' is not a whole number of days (129600 s)"),
    ("1h0m0.5s", "'1h0m0.5s' is not a whole number of days (3600.5 s)"),
    ("thirty days", "'thirty days' is not a Go duration such as 720h0m0s"),
    ("", "'' is not a Go duration such as 720h0m0s"),
    (720, "720 is not a Go duration such as 720h0m0s"),
])
def test_duration_that_is_not_whole_days_is_reported(duration, why):
    context = ctx()
    assert s.duration_days(context, "retention_policy.duration", duration) is None
    assert [k.format() for k in context.report.skips] == [
        f"skipped providers.yaml: p (retention_policy.duration): invalid value: {why}; the field is left out"]


def test_sdk_package_from_the_models_dev_extension(imported):
    assert doc(imported[0], "providers/tiny-cloud/provider.yaml")["sdk_package"] == "@ai-sdk/tiny"
    assert imported[1].unmapped["provider.extensions.models.dev.fields.api"] == 1


# -- authors and canonical models --------------------------------------------------------

def test_author_website_and_links(imported):
    assert doc(imported[0], "authors/tiny-lab.yaml") == {
        "id": "tiny-lab", "name": "Tiny Lab", "website": "https://lab.tiny.example",
        "links": [{"label": "Hugging Face", "url": "https://huggingface.co/tiny-lab"},
                  {"label": "GitHub", "url": "https://github.com/tiny-lab"},
                  {"label": "X (Twitter)", "url": "https://x.com/tinylab"}],
        "sources": [{"title": "starmap commit abc1234: authors.yaml: tiny-lab", "importer": "starmap",
                     "fields": ["id", "links", "name", "website"]}]}


def test_author_missing_from_authors_yaml_is_named_by_the_model_file(imported):
    assert doc(imported[0], "authors/other-lab.yaml")["name"] == "Other Lab"


def test_canonical_model_facts(imported):
    data = doc(imported[0], "models/tiny-lab/tiny-1.yaml")
    assert {k: data[k] for k in ("id", "name", "authors", "family", "release_date", "knowledge_cutoff", "open_weights")} == {
        "id": "tiny-lab/tiny-1", "name": "Tiny 1", "authors": ["tiny-lab"], "family": "tiny",
        "release_date": "2026-01-15", "knowledge_cutoff": "2025-06-01", "open_weights": True}
    assert data["modalities"]["input"] == {"text": True, "image": True, "audio": False, "video": False, "pdf": False}
    assert imported[1].unmapped["model.features.tool_calls"] == 1  # an offering's fact in our schema


# -- offerings -----------------------------------------------------------------------------

def test_offering_id_name_and_model_link(imported):
    data = doc(imported[0], "providers/tiny-cloud/models/tiny-1.yaml")
    assert (data["id"], data["name"], data["model"]) == ("tiny-1", "Tiny 1 (hosted)", "tiny-lab/tiny-1")


def test_offering_id_with_slash_gets_a_slugged_file(imported):
    assert doc(imported[0], "providers/tiny-cloud/models/org-embed-1~4eaed0abfd.yaml")["id"] == "org/Embed-1"


def test_prices_per_million_are_exact_decimals():
    batch = starmap.read(TINY)
    item = next(i for i in batch.items if i.rel == "providers/tiny-cloud/models/tiny-1.yaml")
    assert item.data["pricing"] == {
        "currency": "USD", "input": Decimal("0.35"), "output": Decimal("0.75"), "cached_input": Decimal("0.035"),
        "cache_write": Decimal("0.4375"), "reasoning": Decimal("1.1"),
        "tiers": [{"above_tokens": 200000, "input": Decimal("0.7"), "output": Decimal("1.5")}]}
    assert str(item.data["pricing"]["cached_input"]) == "0.035"
    assert batch.report.unmapped["offering.pricing.operations"] == 1


@pytest.mark.parametrize("value, exact", [(0.1, "0.1"), (1e-05, "0.00001"), (2, "2"), (0.234375, "0.234375"),
                                          (1.66667e-05, "0.0000166667")])
def test_price_keeps_the_written_number(value, exact):
    assert s.price(ctx(), "pricing.tokens.input.per_1m", value) == Decimal(exact)


def test_a_zero_price_is_kept_only_with_a_reason_to_be_free(imported):
    assert doc(imported[0], "providers/tiny-cloud/models/zero.yaml")["pricing"] == {"currency": "USD", "output": 0.5}
    assert doc(imported[0], "providers/tiny-cloud/models/tiny-1-free~126e2fa1cd.yaml")["pricing"] == {"currency": "USD", "input": 0}
    assert any(line.startswith("skipped providers/tiny-cloud/models/zero.yaml (pricing.tokens.input.per_1m): ")
               and "so the price is left unknown" in line for line in lines(imported[1]))
    assert [k.reason for k in imported[1].skips if "zero.yaml" in k.input] == ["unconfirmed-zero"]


def test_offering_limits_features_status_and_dates(imported):
    data = doc(imported[0], "providers/tiny-cloud/models/tiny-1.yaml")
    assert (data["context_window"], data["max_output_tokens"]) == (262144, 8192)
    assert "max_input_tokens" not in data  # starmap's 0 means unknown
    assert data["features"] == {"tool_calling": True, "tool_choice": False, "structured_outputs": True,
                                "reasoning": True, "streaming": True, "file_attachments": False, "temperature": True}
    assert (data["status"], data["release_date"], data["family"], data["open_weights"]) == ("preview", "2026-01-20", "tiny", True)


def test_null_is_unknown_not_false_and_not_reported(imported):
    assert "web_search" not in doc(imported[0], "providers/tiny-cloud/models/tiny-1.yaml")["features"]
    assert "release_date" not in doc(imported[0], "models/other-lab/embed-1.yaml")
    assert not any("embed-1.yaml (metadata" in line for line in lines(imported[1]))


def test_embedding_output_is_the_embedding_kind(imported):
    data = doc(imported[0], "providers/tiny-cloud/models/org-embed-1~4eaed0abfd.yaml")
    assert (data["kind"], data["status"], data["model"]) == ("embedding", "deprecated", "other-lab/embed-1")
    assert imported[1].unmapped["model.features.modalities.output.embedding"] == 1


def test_unknown_model_falls_back_to_authors(imported):
    data = doc(imported[0], "providers/tiny-cloud/models/bad-values.yaml")
    assert data["authors"] == ["tiny-lab"] and "model" not in data
    assert doc(imported[0], "providers/tiny-cloud/models/euro.yaml")["authors"] == ["tiny-lab"]  # known ones only


def test_provenance_names_commit_file_and_fields(imported):
    source = doc(imported[0], "providers/tiny-cloud/models/tiny-1.yaml")["sources"][0]
    assert source["title"] == "starmap commit abc1234: providers/tiny-cloud/models/tiny-1.yaml"
    assert source["importer"] == "starmap" and "pricing.input" in source["fields"]
    provider = doc(imported[0], "providers/tiny-cloud/provider.yaml")["sources"][0]
    assert provider["title"] == "starmap commit abc1234: providers.yaml: tiny-cloud"
    assert {"retention.duration_days", "privacy.trains_on_user_data"} <= set(provider["fields"])


# -- skips ----------------------------------------------------------------------------------

BAD = "skipped providers/tiny-cloud/models/bad-values.yaml"


@pytest.mark.parametrize("line", [
    "skipped providers.yaml: Bad_Id: id that cannot become a portable file name: id 'Bad_Id' is not a lowercase slug (a-z, 0-9, '.', '_', '-')",
    "skipped authors.yaml: Bad Author: id that cannot become a portable file name: id 'Bad Author' is not a lowercase slug (a-z, 0-9, '.', '_', '-')",
    "skipped providers.yaml: tiny-cloud (mystery): unknown key: `mystery` is not a starmap field; ignored",
    f"{BAD} (wibble): unknown key: `wibble` is not a starmap field; ignored",
    f"{BAD} (pricing.tokens.output.per_1k): unknown key: `pricing.tokens.output.per_1k` is not a starmap field; ignored",
    f"{BAD} (model): invalid value: 'nobody/ghost' names no model under authors/; the offering's authors are imported; the field is left out",
    f"{BAD} (limits.output_tokens): invalid value: 999999 is above limits.context_window 1000; the field is left out",
    f"{BAD} (pricing.tokens.input.per_1m): invalid value: -1 is not a price (a number >= 0); the field is left out",
    f"{BAD} (status): invalid value: 'gone' is not one of alpha, beta, preview, active, deprecated, retired; the field is left out",
    f"{BAD} (metadata.release_date): invalid value: 'soon' is not a date (YYYY, YYYY-MM or YYYY-MM-DD); the field is left out",
    f"{BAD} (features.tool_calls): invalid value: 'yes' is not true or false; the field is left out",
    f"{BAD} (features.modalities.output): invalid value: ['smell'] is not a list of text, image, audio, video, pdf; the field is left out",
    "skipped providers/tiny-cloud/models/euro.yaml (authors): invalid value: ['nobody-lab'] names no author of authors.yaml or authors/; the field is left out",
    "skipped providers/tiny-cloud/models/euro.yaml (pricing.currency): invalid value: 'euro' is not a three-letter currency code; no price is imported; the field is left out",
    "skipped providers/tiny-cloud/models/tiny-1.yaml (limits.input_tokens): invalid value: 0 is how starmap marks a limit it does not know; left unknown, not 0; the field is left out",
    "skipped providers/tiny-cloud/models/broken.yaml: not YAML: line 2, column 1: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)",
    "skipped providers/tiny-cloud/models/list.yaml: not YAML: line 1, column 1: the file must be a mapping of field names to values, not a list",
    "skipped providers/ghost-host/models/lost.yaml: holds no usable facts: its provider `ghost-host` is not in providers.yaml (or was skipped)",
    "skipped providers.yaml: odd-host (docs_url): invalid value: 'not a url' is not an absolute http(s) URL (templates such as ${VAR} are not URLs); the field is left out",
    "skipped providers.yaml: odd-host (catalog.endpoint.url): invalid value: 'https://{region}.odd.example/v1/models' is a URL template whose placeholders have no default; not a URL; the field is left out",
    "skipped providers.yaml: odd-host (privacy_policy.retains_data): invalid value: 'yes' is not true or false; the field is left out",
    "skipped providers.yaml: odd-host (retention_policy.duration): invalid value: '36h0m0s' is not a whole number of days (129600 s); the field is left out",
    "skipped providers.yaml: odd-host (governance_policy.moderated): invalid value: 'sometimes' is not true or false; the field is left out",
    "skipped providers.yaml: forever-ai (retention_policy.duration): invalid value: '0s' is given for an indefinite policy, which has no duration; the field is left out",
    "skipped providers.yaml: vague-ai (retention_policy.type): invalid value: 'sometimes' is not one of none, fixed, conditional, indefinite; the field is left out",
    "skipped providers.yaml: vague-ai (retention_policy.duration): invalid value: 'thirty days' is not a Go duration such as 720h0m0s; the field is left out",
])
def test_skip_is_reported_with_file_key_and_reason(imported, line):
    assert line in lines(imported[1])


def test_every_skip_is_one_of_the_expected(imported):
    assert len(imported[1].skips) == 28


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(TINY, folder)
    return folder


def test_links_are_reported_never_followed(tmp_path):
    folder = _copy(tmp_path)
    outside = tmp_path / "outside"
    (outside / "models").mkdir(parents=True)
    (outside / "secret.yaml").write_text("id: secret\n")
    os.symlink(outside / "secret.yaml", folder / "providers/tiny-cloud/models/secret.yaml")
    os.symlink(outside, folder / "providers/tiny-cloud/models/elsewhere")
    batch = starmap.read(folder)
    report = batch.report
    assert f"skipped providers/tiny-cloud/models/secret.yaml: broken symbolic link: symbolic link to {outside}/secret.yaml; " \
           "links are not followed" in lines(report)
    assert f"skipped providers/tiny-cloud/models/elsewhere: broken symbolic link: folder link to {outside} leads outside " \
           "the checkout; not followed" in lines(report)
    assert not any(i.data.get("id") == "secret" for i in batch.items)


def test_fifo_is_not_read(tmp_path):
    folder = _copy(tmp_path)
    os.mkfifo(folder / "providers/tiny-cloud/models/fifo.yaml")
    assert "skipped providers/tiny-cloud/models/fifo.yaml: cannot be read: not a regular file; not read" \
        in lines(starmap.read(folder).report)


def test_oversized_file_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(starmap, "MAX_MODEL_BYTES", 100)
    report = starmap.read(TINY).report
    assert any(line.startswith("skipped providers/tiny-cloud/models/tiny-1.yaml: over a size or depth limit: ")
               and line.endswith("larger than 0 MiB; refused unread") for line in lines(report))


def test_deep_nesting_is_reported_not_raised(tmp_path):
    folder = _copy(tmp_path)
    (folder / "providers/tiny-cloud/models/deep.yaml").write_text("id: " + "[" * 5000 + "]" * 5000 + "\n")
    assert any(line.startswith("skipped providers/tiny-cloud/models/deep.yaml: not YAML: ")
               for line in lines(starmap.read(folder).report))


def test_folder_without_providers_yaml_is_not_a_catalog(tmp_path, capsys):
    assert main(["import", "starmap", str(tmp_path), "--data", str(tmp_path / "d")]) == 1
    assert f"  {tmp_path}: not a starmap catalog (no providers.yaml)" in capsys.readouterr().out


# -- merge, CLI -------------------------------------------------------------------------------

def test_cli_dry_run_writes_nothing(tmp_path, capsys):
    assert main(["import", "starmap", str(TINY), "--data", str(tmp_path / "d"), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert not (tmp_path / "d").exists() and "create providers/tiny-cloud/provider.yaml" in out
    assert "offerings: 6 created, 0 updated, 0 unchanged, 3 skipped" in err and "dry run: nothing was written" in err


def test_fills_unknowns_only_unless_overwrite(tmp_path):
    (tmp_path / "providers/tiny-cloud").mkdir(parents=True)
    (tmp_path / "providers/tiny-cloud/provider.yaml").write_text("id: tiny-cloud\nname: Tiny Cloud\nheadquarters: Elsewhere\n")
    (tmp_path / "providers/tiny-cloud/models").mkdir()
    (tmp_path / "providers/tiny-cloud/models/tiny-1.yaml").write_text(
        "id: tiny-1\npricing:\n  currency: USD\n  input: 0.30\n")
    report = run_import("starmap", TINY, tmp_path)
    data = doc(tmp_path, "providers/tiny-cloud/provider.yaml")
    assert data["headquarters"] == "Elsewhere" and data["retention"]["duration_days"] == 30
    assert doc(tmp_path, "providers/tiny-cloud/models/tiny-1.yaml")["pricing"]["input"] == 0.3
    assert [(d.field, d.catalog, d.source) for d in report.disagreements] == [("pricing.input", "0.3", "0.35")]
    run_import("starmap", TINY, tmp_path, overwrite=True)
    assert doc(tmp_path, "providers/tiny-cloud/provider.yaml")["headquarters"] == "Testville, EU"


def test_reimport_changes_nothing(imported):
    report = run_import("starmap", TINY, imported[0], commit="abc1234")
    assert all(c["created"] == c["updated"] == 0 for c in report.counts.values())


# -- reading ----------------------------------------------------------------------------------

def test_ampersand_in_a_comment_keeps_the_fast_path_and_reads_the_same():
    from generator.validation.yaml_careful import careful_parse

    text = "id: x\n# Reasoning & Verbosity *\nfeatures:\n  reasoning: true\n  # a ! b\nname: A\n"
    assert starmap._commented(text) == careful_parse(text, "f")[0] == {
        "id": "x", "features": {"reasoning": True}, "name": "A"}


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n# & comment\n", "name: 'A & B'\n# & comment\n", "a: !!str 1\n# & comment\n", "a: 1\n"])
def test_anchors_tags_or_no_comment_take_the_careful_path(text):
    assert starmap._commented(text) is None


def test_a_provider_the_catalog_knows_under_another_id_is_imported_under_ours(tmp_path, monkeypatch):
    """starmap's moonshot-ai is models.dev's moonshotai: one provider, not two."""
    from generator.importers import run_import, starmap

    monkeypatch.setitem(starmap.OUR_IDS, "tiny-cloud", "tiny")
    run_import("starmap", TINY, tmp_path / "data")
    assert not (tmp_path / "data/providers/tiny-cloud").exists()
    assert doc(tmp_path / "data", "providers/tiny/provider.yaml")["name"] == "Tiny Cloud"
    assert list((tmp_path / "data/providers/tiny/models").glob("*.yaml"))  # its offerings came along
    assert starmap.OUR_IDS == {"moonshot-ai": "moonshotai", "google-ai-studio": "google", "azure-openai": "azure",
                               "tiny-cloud": "tiny"}


def test_a_provider_logo_is_imported_byte_for_byte(imported):
    data_dir, report = imported
    logo = (data_dir / "providers/tiny-cloud/logo.svg").read_bytes()
    assert logo == (TINY / "providers/tiny-cloud/logo.svg").read_bytes()
    assert report.counts["logos"]["created"] == 1


def test_authors_known_under_another_id_are_renamed_with_every_reference():
    """starmap's qwen/... is the catalog's alibaba/...: one canonical model, so offerings link to it."""
    from generator.importers import starmap_ids
    from generator.importers.items import Batch, Item

    batch = Batch("starmap", "starmap", ImportReport("starmap", "x"))
    batch.add(Item("author", "authors/qwen.yaml", {"id": "qwen", "name": "Qwen"}, "authors.yaml"))
    batch.add(Item("author", "authors/alibaba.yaml", {"id": "alibaba", "name": "Alibaba"}, "authors.yaml"))
    batch.add(Item("model", "models/qwen/qwen3-32b.yaml", {"id": "qwen/qwen3-32b", "name": "Qwen3 32B",
                                                            "authors": ["qwen", "alibaba"]}, "authors/qwen/m.yaml"))
    batch.add(Item("offering", "providers/p/models/q.yaml", {"id": "q", "model": "qwen/qwen3-32b"}, "o.yaml"))
    batch.add(Item("offering", "providers/p/models/r.yaml", {"id": "r", "authors": ["qwen"]}, "r.yaml"))
    starmap_ids.renamed(batch)
    assert sorted((i.rel, i.data.get("id")) for i in batch.items) == [
        ("authors/alibaba.yaml", "alibaba"), ("models/alibaba/qwen3-32b.yaml", "alibaba/qwen3-32b"),
        ("providers/p/models/q.yaml", "q"), ("providers/p/models/r.yaml", "r")]
    batch.items.sort(key=lambda i: i.rel)
    assert batch.items[0].data["name"] == "Alibaba"  # the author already under the catalog's id is kept
    assert batch.items[1].data["authors"] == ["alibaba"] and batch.items[2].data["model"] == "alibaba/qwen3-32b"
    assert batch.items[3].data["authors"] == ["alibaba"]
    (skip,) = batch.report.skips
    assert (skip.input, skip.reason) == ("authors.yaml", "duplicate")  # Qwen became alibaba, read already


def test_an_environment_variable_name_with_a_trailing_newline_is_refused():
    from generator.importers.starmap_provider import _api_key

    c = ctx()
    placement = {"kind": "header", "field": "k", "name": "Authorization", "scheme": "bearer"}
    assert "env" not in _api_key(c, {"placements": [placement]}, {"k": {"kind": "secret", "environment": ["KEY\n"]}})
    assert [x.detail for x in c.report.skips] == \
        ["['KEY\\n'] is not a list of environment variable names; the field is left out"]
