"""catalog.json, models.json and providers/<id>.json: schema-valid, exact, deterministic, round-tripping."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from generator import Catalog, load_catalog
from generator.outputs.exports import SCHEMA_VERSION, export_files, write_exports
from generator.catalog.json_read import ContentHashMismatch, UnsupportedSchemaVersion, catalog_from_document
from generator.catalog.seal import content_hash
from generator.outputs.exports.schemas import errors

from .exporthelp import CATALOGS, RICH, documents, kind_of


@pytest.mark.parametrize("name", CATALOGS)
def test_every_export_validates_against_its_schema(name):
    docs = documents(CATALOGS[name])
    exports = [p for p in docs if not p.endswith(".schema.json")]
    assert {"api/catalog.json", "api/models.json", "api/api.json"} <= set(exports)
    for path in exports:
        assert errors(kind_of(path), docs[path]) == [], path
        if "content_hash" in docs[path]:
            assert docs[path]["content_hash"] == content_hash(docs[path]), path


def test_schema_rejects_what_the_conventions_forbid():
    doc = documents(RICH)["api/catalog.json"]
    offering = doc["providers"][0]["offerings"][0]
    for field, bad in (("context_window", None), ("pricing", {"current": {"currency": "USD", "input": 0.1}})):
        broken = json.loads(json.dumps(doc))
        broken["providers"][0]["offerings"][0][field] = bad
        assert errors("catalog.json", broken), f"{field}={bad!r} must be invalid (null/float)"
    offering["surprise"] = 1
    assert any("surprise" in e for e in errors("catalog.json", doc))


@pytest.mark.parametrize("name", CATALOGS)
def test_round_trip_is_exact(name, tmp_path):
    catalog = load_catalog(CATALOGS[name])
    path = tmp_path / "catalog.json"
    path.write_bytes(export_files(catalog)["api/catalog.json"])
    again = Catalog.from_json(path, data_dir=catalog.data_dir)
    assert again == catalog
    assert Catalog(data_dir=tmp_path / "a") == Catalog(data_dir=tmp_path / "b")  # where it was read from is not content
    assert list(again.providers) == list(catalog.providers)
    assert [o.ref for o in again.offerings] == [o.ref for o in catalog.offerings]
    assert export_files(again) == export_files(catalog)


def test_round_trip_keeps_the_hard_cases():
    catalog = load_catalog(RICH)
    again = catalog_from_document(documents(RICH)["api/catalog.json"], RICH)
    qwq = again.offering("alpha/Qwen/QwQ-32B")
    assert again.offering("alpha/qwq") is qwq  # aliases survive
    assert qwq.pricing.current.tiers[1].input == Decimal("0.4") and qwq.pricing.current.tiers[1].output is None
    assert [p.effective_from.isoformat() for p in qwq.pricing.history] == ["2024-01-01", "2024-06-01"]
    assert qwq.rate_limits[0].tokens_per_day == 100000 and qwq.rate_limits[0].tokens_per_minute is None
    assert qwq.features.tool_choice is None and qwq.features.structured_outputs is False
    assert qwq.modalities.output == {"text": True, "image": False, "audio": False}
    assert again.offering("alpha/claude@2024:1").price.currency == "EUR"
    assert again.offering("beta/us.acme.big:0").price.output is None
    assert again.offering("alpha/free-embed").price.input == 0
    assert again.providers["alpha"].logo == str(RICH / "providers/alpha/logo.svg")
    assert catalog.offering("alpha/mystery") == again.offering("alpha/mystery")


def test_unknown_is_an_absent_key_never_null():
    text = export_files(load_catalog(RICH))["api/catalog.json"].decode()
    assert re.search(r"[:\[,]null[,\]}]", text) is None and "json_null" in text  # an effort level is a word
    mystery = next(o for o in json.loads(text)["providers"][0]["offerings"] if o["id"] == "mystery")
    assert mystery == {"id": "mystery", "name": "mystery", "file_stem": "mystery"}


def test_money_is_an_exact_decimal_string():
    doc = documents(RICH)["api/catalog.json"]
    qwq = doc["providers"][0]["offerings"][0]
    assert qwq["id"] == "Qwen/QwQ-32B"
    assert qwq["pricing"]["current"]["input"] == "0.1" and qwq["pricing"]["current"]["cache_write"] == "0.125"
    assert qwq["pricing"]["history"][0]["input"] == "1"
    free = next(o for o in doc["providers"][0]["offerings"] if o["id"] == "free-embed")
    assert free["pricing"]["current"]["input"] == "0"
    row = next(r for r in documents(RICH)["api/models.json"]["offerings"] if r["offering"] == "Qwen/QwQ-32B")
    assert (row["price_input"], row["price_cached_input"], row["price_tiers"]) == ("0.1", "0.03", 2)


def test_output_is_deterministic_and_sorted():
    first, second = export_files(load_catalog(RICH)), export_files(load_catalog(RICH))
    assert first == second
    doc = json.loads(first["api/catalog.json"])
    for key in ("authors", "models", "providers"):
        ids = [item["id"] for item in doc[key]]
        assert ids == sorted(ids)
    assert doc["schema_version"] == SCHEMA_VERSION and list(doc) == ["content_hash", "authors", "models", "providers",
                                                                     "schema_version"]
    offering = doc["providers"][0]["offerings"][0]
    assert list(offering) == sorted(offering)


def test_content_hash_covers_the_content_and_is_checked(tmp_path):
    doc = documents(RICH)["api/catalog.json"]
    assert doc["content_hash"] == content_hash(doc)
    doc["providers"][0]["name"] = "Changed"
    assert content_hash(doc) != doc["content_hash"]
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ContentHashMismatch, match="altered"):
        Catalog.from_json(path)


def test_minified_export_is_its_canonical_form_and_tampering_is_caught(tmp_path):
    raw = export_files(load_catalog(RICH))["api/catalog.json"]
    doc = json.loads(raw)
    without_hash = {k: v for k, v in doc.items() if k != "content_hash"}
    canonical = json.dumps(without_hash, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert raw == b'{"content_hash":"' + doc["content_hash"].encode() + b'",' + canonical[1:] + b"\n"
    path = tmp_path / "catalog.json"
    path.write_bytes(raw.replace(b'"0.125"', b'"0.126"'))
    with pytest.raises(ContentHashMismatch):
        Catalog.from_json(path)
    from generator.catalog.json_read import catalog_from_json  # verify=False reads it anyway
    assert catalog_from_json(path, verify=False).offering("alpha/Qwen/QwQ-32B").price.cache_write == Decimal("0.126")


def test_a_pretty_export_reads_back_and_verifies(tmp_path):
    catalog = load_catalog(RICH)
    path = tmp_path / "catalog.json"
    path.write_bytes(export_files(catalog, pretty=True)["api/catalog.json"])
    assert Catalog.from_json(path, data_dir=RICH) == catalog


def test_pretty_and_minified_hold_the_same_document():
    catalog = load_catalog(RICH)
    minified = export_files(catalog)
    pretty = export_files(catalog, pretty=True)
    for path in minified:
        assert json.loads(minified[path]) == json.loads(pretty[path])
    assert b"\n  " in pretty["api/catalog.json"] and b"\n" not in minified["api/catalog.json"][:-1]


def test_a_future_major_version_is_refused():
    doc = documents(RICH)["api/catalog.json"]
    later = f"{int(SCHEMA_VERSION.split('.')[0]) + 1}.0.0"
    doc["schema_version"] = later
    with pytest.raises(UnsupportedSchemaVersion, match=later):
        catalog_from_document(doc)
    assert errors("catalog.json", doc)


def test_provider_files_hold_one_provider_each():
    docs = documents(RICH)
    alpha = docs["api/providers/alpha.json"]
    assert alpha["provider"] == docs["api/catalog.json"]["providers"][0]
    assert alpha["provider"]["logo"] == "providers/alpha/logo.svg"
    assert "offerings" not in docs["api/providers/gamma.json"]["provider"]


def test_models_rows_are_flat_and_carry_privacy():
    rows = documents(RICH)["api/models.json"]["offerings"]
    assert [r["ref"] for r in rows] == [o.ref for o in load_catalog(RICH).offerings]
    for row in rows:
        assert all(not isinstance(v, dict) for v in row.values())
    big = next(r for r in rows if r["ref"] == "beta/big-model")
    assert big["provider_trains_on_user_data"] is True and "provider_retains_user_data" not in big
    assert big["input_image"] is True and big["tool_calling"] is False and "streaming" not in big


def test_write_exports_is_atomic_and_skips_unchanged(tmp_path):
    catalog = load_catalog(RICH)
    sizes = write_exports(catalog, tmp_path)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == sorted(sizes) and not list(tmp_path.rglob(".*.tmp"))
    stamp = (tmp_path / "api/catalog.json").stat().st_mtime_ns
    stale = tmp_path / "api/providers/gone.json"
    stale.write_text("{}")
    write_exports(catalog, tmp_path)
    assert (tmp_path / "api/catalog.json").stat().st_mtime_ns == stamp
    assert not stale.exists() and (tmp_path / "api/providers/alpha.json").exists()


def test_the_rich_fixture_sets_every_field_so_the_round_trip_covers_it():
    """Each dataclass field holds a non-default value somewhere in the rich catalog."""
    import dataclasses
    from generator.model.codec import CLASSES

    seen: dict[type, set[str]] = {cls: set() for cls in CLASSES}

    def visit(obj):
        if isinstance(obj, (list, tuple)):
            for item in obj:
                visit(item)
        elif type(obj) in seen:
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
                if value != default:
                    seen[type(obj)].add(f.name)
                visit(value)

    catalog = load_catalog(RICH)
    visit(list(catalog.authors.values()) + list(catalog.models.values()) + list(catalog.providers.values()))
    missing = {cls.__name__: sorted({f.name for f in dataclasses.fields(cls)} - names) for cls, names in seen.items()}
    assert {k: v for k, v in missing.items() if v} == {}


def test_files_that_are_not_a_catalog_get_a_clear_error(tmp_path):
    from generator.catalog.json_read import InvalidExport
    path = tmp_path / "catalog.json"
    path.write_text("{not json")
    with pytest.raises(InvalidExport, match="not JSON"):
        Catalog.from_json(path)
    path.write_bytes(export_files(load_catalog(RICH))["api/models.json"])
    with pytest.raises(InvalidExport, match="not a valid catalog.json: .*\"authors\" is a required property"):
        Catalog.from_json(path)
    path.write_text("[1, 2]")
    with pytest.raises(UnsupportedSchemaVersion):
        Catalog.from_json(path)


def test_bytes_do_not_depend_on_where_the_data_is_read_from(monkeypatch, tmp_path):
    import shutil
    from .conftest import ROOT
    monkeypatch.chdir(ROOT)
    relative = export_files(load_catalog("tests/fixtures/rich"))
    shutil.copytree(RICH, tmp_path / "elsewhere")
    assert export_files(load_catalog(tmp_path / "elsewhere")) == relative == export_files(load_catalog(RICH))
