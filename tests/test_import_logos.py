"""Provider logos imported from a source folder (generator/importers/logos.py): a good logo is
written byte for byte where the catalog has none; a hostile one is reported and never written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.importers import logos, run_import
from generator.importers.items import Batch
from generator.importers.report import ImportReport
from generator.validation.validate import validate_catalog
from generator.validation.yaml_fast import load_bytes

GOOD = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><defs><linearGradient id="g">'
        b'<stop offset="0" stop-color="#000"/></linearGradient></defs>\n<path d="M0 0h24v24H0z" fill="url(#g)"/></svg>\n')
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'
BOMB = ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>')
KEEPS = "; the provider keeps its monogram"


def _source(root: Path, logo: bytes | None = GOOD, provider: str = "acme") -> Path:
    (root / f"providers/{provider}/models").mkdir(parents=True)
    (root / f"providers/{provider}/provider.toml").write_text('name = "Acme"\n')
    if logo is not None:
        (root / f"providers/{provider}/logo.svg").write_bytes(logo)
    return root


def _lines(report) -> list[str]:
    return [s.format() for s in report.skips]


def test_a_good_logo_is_written_byte_for_byte_and_credited(tmp_path):
    data_dir = tmp_path / "data"
    report = run_import("models.dev", _source(tmp_path / "md"), data_dir, commit="abc1234")
    assert (data_dir / "providers/acme/logo.svg").read_bytes() == GOOD
    assert report.counts["logos"]["created"] == 1 and report.skips == []
    provider, _ = load_bytes((data_dir / "providers/acme/provider.yaml").read_bytes(), "x")
    assert provider["sources"] == [{"title": "models.dev commit abc1234: providers/acme/provider.toml",
                                    "importer": "models.dev", "fields": ["id", "logo", "name"]}]
    assert validate_catalog(data_dir).errors == []
    again = run_import("models.dev", tmp_path / "md", data_dir, commit="abc1234")
    assert again.counts["logos"]["unchanged"] == 1 and again.counts["providers"]["unchanged"] == 1


def test_a_curated_logo_wins_and_the_import_says_so(tmp_path):
    data_dir = tmp_path / "data"
    (data_dir / "providers/acme").mkdir(parents=True)
    curated = GOOD.replace(b"#000", b"#123")
    (data_dir / "providers/acme/logo.svg").write_bytes(curated)
    report = run_import("models.dev", _source(tmp_path / "md"), data_dir)
    assert _lines(report) == ["skipped providers/acme/logo.svg: the catalog keeps its own: providers/acme/logo.svg "
                              "exists and differs; an import never replaces a logo in the catalog (a curated logo wins)"]
    assert (data_dir / "providers/acme/logo.svg").read_bytes() == curated
    provider, _ = load_bytes((data_dir / "providers/acme/provider.yaml").read_bytes(), "x")
    assert "logo" not in provider["sources"][0]["fields"]


def test_dry_run_writes_no_logo(tmp_path):
    shown: list[str] = []
    report = run_import("models.dev", _source(tmp_path / "md"), tmp_path / "data", dry_run=True, echo=shown.append)
    assert "create providers/acme/logo.svg: from providers/acme/logo.svg" in shown
    assert report.counts["logos"]["created"] == 1 and not (tmp_path / "data").exists()


@pytest.mark.parametrize("body, line", [
    (SVG.format("<script>alert(1)</script>"),
     "line 1, column 84: <script> is not allowed in a logo (scripts, foreign content and images are refused; "
     "only SVG drawing elements are kept)"),
    (SVG.format('<path onload="alert(1)" d="M0 0"/>'),
     "line 1, column 84: attribute 'onload' of <path> is not allowed in a logo"),
    (SVG.format("<foreignObject><div>hi</div></foreignObject>"),
     "line 1, column 84: <foreignObject> is not allowed in a logo (scripts, foreign content and images are refused; "
     "only SVG drawing elements are kept)"),
    (SVG.format('<use href="https://evil.example/sprite.svg#a"/>'),
     "line 1, column 84: <use href> leads outside the logo ('https://evil.example/sprite.svg#a'); "
     "only #fragment links are allowed"),
    (SVG.format('<path fill="javascript:alert(1)" d="M0 0"/>'),
     "line 1, column 84: attribute 'fill' of <path> loads or runs something ('javascript:alert(1)'); "
     "only url(#fragment) is allowed"),
    (SVG.format('<use xlink:href="http://evil.example/a.svg#x"/>'),
     "line 1, column 84: <use {http://www.w3.org/1999/xlink}href> leads outside the logo "
     "('http://evil.example/a.svg#x'); only #fragment links are allowed"),
    (BOMB, "line 2, column 15: DTDForbidden: a logo holds no DTD or entities"),
])
def test_a_hostile_logo_is_refused_with_its_reason(tmp_path, body, line):
    data_dir = tmp_path / "data"
    report = run_import("models.dev", _source(tmp_path / "md", body.encode()), data_dir)
    assert _lines(report) == [f"skipped providers/acme/logo.svg: invalid value: logo refused at {line}{KEEPS}"]
    assert not (data_dir / "providers/acme/logo.svg").exists()
    assert (data_dir / "providers/acme/provider.yaml").exists() and report.counts["logos"]["skipped"] == 1


def test_a_huge_logo_is_refused_before_it_is_parsed(tmp_path):
    huge = GOOD[:-7] + b"<desc>" + b"x" * logos.MAX_BYTES + b"</desc></svg>\n"
    report = run_import("models.dev", _source(tmp_path / "md", huge), tmp_path / "data")
    assert _lines(report) == ["skipped providers/acme/logo.svg: over a size or depth limit: larger than 1024 KiB; "
                              f"a logo is a few kB{KEEPS}"]


def test_a_link_out_of_the_source_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside.svg"
    outside.write_bytes(GOOD)
    source = _source(tmp_path / "md", None)
    os.symlink(outside, source / "providers/acme/logo.svg")
    report = run_import("models.dev", source, tmp_path / "data")
    assert _lines(report) == ["skipped providers/acme/logo.svg: broken symbolic link: a link leading outside the "
                              f"source folder; not followed{KEEPS}"]
    assert not (tmp_path / "data/providers/acme/logo.svg").exists()


def test_a_logo_that_is_not_a_regular_file_is_not_read(tmp_path):
    source = _source(tmp_path / "md", None)
    os.mkfifo(source / "providers/acme/logo.svg")  # opening it to read would wait for a writer
    report = run_import("models.dev", source, tmp_path / "data")
    assert _lines(report) == [f"skipped providers/acme/logo.svg: cannot be read: not a regular file{KEEPS}"]


def test_another_importer_offers_a_logo_with_path_id_and_batch(tmp_path):
    # the call the starmap importer makes: a logo of a provider it adds, from its own catalog folder
    from generator.importers.items import Item
    from generator.importers.merge import apply

    (tmp_path / "catalog/providers/acme").mkdir(parents=True)
    (tmp_path / "catalog/providers/acme/logo.svg").write_bytes(GOOD)
    (tmp_path / "catalog/providers/evil").mkdir()
    (tmp_path / "catalog/providers/evil/logo.svg").write_bytes(SVG.format("<script/>").encode())
    batch = Batch("litellm", "another catalog", ImportReport("litellm", "catalog"))  # an importer validation knows
    for provider_id in ("acme", "evil"):
        batch.add(Item("provider", f"providers/{provider_id}/provider.yaml", {"id": provider_id, "name": provider_id}, "x"))
    root = tmp_path / "catalog"
    assert logos.offer(root / "providers/acme/logo.svg", "acme", batch, root, "providers/acme/logo.svg")
    assert not logos.offer(root / "providers/evil/logo.svg", "evil", batch, root)
    assert not logos.offer(root / "providers/acme/logo.svg", "../acme", batch, root)
    apply(batch, tmp_path / "data")
    assert (tmp_path / "data/providers/acme/logo.svg").read_bytes() == GOOD
    assert not (tmp_path / "data/providers/evil/logo.svg").exists()
    assert [s.reason for s in batch.report.skips] == ["invalid-value", "bad-id"]


def test_no_logo_without_its_provider_file(tmp_path):
    from generator.importers.items import Item
    from generator.importers.merge import apply

    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog/logo.svg").write_bytes(GOOD)
    batch = Batch("litellm", "another catalog", ImportReport("litellm", "catalog"))
    batch.add(Item("provider", "providers/acme/provider.yaml", {"id": "acme"}, "x"))
    assert logos.offer(tmp_path / "catalog/logo.svg", "acme", batch, shown="logo.svg")
    apply(batch, tmp_path / "data")
    assert [s.format() for s in batch.report.skips if s.kind == "logos"] == [
        "skipped logo.svg: holds no usable facts: its provider file providers/acme/provider.yaml was not written "
        "(see the report); the logo is not written either"]
    assert not (tmp_path / "data/providers/acme/logo.svg").exists()
