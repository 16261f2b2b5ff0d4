"""Building the site: mkdocs --strict, offline assets, the CLI, Zensical, and serve."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.cli import main
from generator.outputs.site import builder

from .conftest import DATA, ROOT
from .sitebuild import shipped_site  # noqa: F401  (fixture)


def test_strict_build_writes_every_page_and_asset(shipped_site):  # noqa: F811
    for page in ("index.html", "all-models.html", "compare.html", "privacy.html", "api.html",
                 "data-format.html", "providers/index.html", "providers/cerebras/models/gpt-oss-120b.html",
                 "assets/tables.js", "assets/site.css", "search/search_index.json"):
        assert (shipped_site / page).is_file(), page


def test_navigation_lists_index_pages_only(shipped_site):  # noqa: F811
    """Model pages stay out of the sidebar: at scale a full navigation costs minutes and gigabytes."""
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-tabs"'):home.index("</nav>", home.index('<nav class="md-tabs"'))]
    assert "all-models.html" in nav and "privacy.html" in nav
    navs = re.findall(r"<nav\b.*?</nav>", home, re.S)
    assert navs and not any("gpt-oss-120b" in n for n in navs)  # the home page's content may list models


def test_built_pages_load_nothing_from_other_servers(shipped_site):  # noqa: F811
    for page in ("index.html", "all-models.html", "privacy.html"):
        html = (shipped_site / page).read_text(encoding="utf-8")
        external = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', html)
        assert [u for u in external if "rel=\"canonical\"" not in u] == [], page


def test_strict_build_fails_on_a_broken_link(shipped_site, tmp_path):  # noqa: F811
    docs = tmp_path / "docs"
    shutil.copytree(shipped_site.parent / "docs", docs)
    (docs / "privacy.md").write_text("# Privacy\n\n[gone](nowhere.md)\n", encoding="utf-8")
    with pytest.raises(builder.SiteBuildFailed, match="nowhere.md"):
        builder.build_site(docs, tmp_path / "build")


def test_build_output_has_no_end_of_life_notice(shipped_site, tmp_path):  # noqa: F811
    result = builder.build_site(shipped_site.parent / "docs", tmp_path / "build")
    assert "end of life" not in result.output
    assert "Documentation built" in result.output


def test_cli_site_build_regenerates_and_builds(tmp_path, capsys):
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")
    status = main(["site", "build", "--data", str(DATA), "--docs", str(tmp_path / "docs"),
                   "--out", str(tmp_path / "build")])
    assert status == 0, capsys.readouterr().err
    assert (tmp_path / "build" / "all-models.html").is_file()
    assert str(tmp_path / "build" / "index.html") in capsys.readouterr().out


def test_cli_site_build_reports_missing_docs(tmp_path, capsys):
    status = main(["site", "build", "--no-regenerate", "--docs", str(tmp_path / "none"), "--out", str(tmp_path / "b")])
    assert status == 1
    assert "isn't an existing directory" in capsys.readouterr().err


def test_zensical_builds_the_same_configuration(shipped_site, tmp_path):  # noqa: F811
    pytest.importorskip("zensical", reason="zensical is not installed: pip install '.[zensical]' to test Material's successor")
    docs = tmp_path / "docs"
    shutil.copytree(shipped_site.parent / "docs", docs)
    builder.build_with_zensical(docs, tmp_path / "build")
    for page in ("index.html", "all-models.html", "privacy.html", "providers/cerebras/models/gpt-oss-120b.html"):
        assert (tmp_path / "build" / page).is_file(), page
    assert 'id="pc-all-models"' in (tmp_path / "build" / "all-models.html").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


def _wait_for_log(path: Path, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in path.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.5)
    raise AssertionError(f"{path.name} did not say {text!r} within {seconds} s")


def test_serve_regenerates_the_page_when_data_or_an_override_template_changes(data_copy, tmp_path):
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")
    port = _free_port()
    (tmp_path / "templates").mkdir()
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "site", "serve", "--data", str(data_copy), "--docs", str(tmp_path / "docs"),
         "--templates", str(tmp_path / "templates"), "--addr", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        page = f"http://127.0.0.1:{port}/providers/cerebras/index.html"
        _wait_for(page, "Sunnyvale, CA, USA", 90)
        provider = data_copy / "providers" / "cerebras" / "provider.yaml"
        provider.write_text(provider.read_text().replace("Sunnyvale, CA, USA", "Palo Alto, CA, USA"))
        _wait_for(page, "Palo Alto, CA, USA", 90)
        override = tmp_path / "templates" / "partials" / "provider_privacy.md.j2"
        override.parent.mkdir()
        override.write_text("## Privacy (custom)\n\n")  # an override is used, and watched
        _wait_for(page, "Privacy (custom)", 90)
        override.write_text("{% if %}\n")  # half-typed: reported, and the server keeps serving
        _wait_for_log(tmp_path / "serve.log", "not regenerated: template error", 90)
        assert server.poll() is None
        _wait_for(page, "Privacy (custom)", 10)
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and the mkdocs process it started
        server.wait(20)
        log.close()


def test_offering_pages_are_indexed_by_title_and_overview(shipped_site):  # noqa: F811
    """The search index holds an offering page's title and Overview (its id), as one entry, and
    not its tables, which the provider's and canonical model's pages, indexed in full, repeat."""
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    page = "providers/cerebras/models/gpt-oss-120b.html"
    entries = [d for d in index["docs"] if d["location"].split("#")[0] == page]
    assert len(entries) == 1 and entries[0]["location"] == page
    assert entries[0]["title"] == "gpt-oss-120b — Cerebras"  # which provider's, among the same titles
    assert "Model ID: gpt-oss-120b" in entries[0]["text"] and "Provider: Cerebras" in entries[0]["text"]
    assert "N/A" not in entries[0]["text"] and "Pricing" not in entries[0]["text"]
    provider = [d["location"] for d in index["docs"] if d["location"].startswith("providers/cerebras/index.html")]
    assert len(provider) > 2, "pages other than offering pages are indexed section by section"


def test_built_html_has_no_indentation_outside_pre(shipped_site):  # noqa: F811
    html = (shipped_site / "providers" / "cerebras" / "models" / "gpt-oss-120b.html").read_text(encoding="utf-8")
    assert "\n " not in html and "\n\n" not in html
    assert "__tabbed_" not in html and "location.hash" not in html  # no content tabs on our pages
    assert "<pre" in (shipped_site / "api.html").read_text(encoding="utf-8")
    assert (shipped_site / "assets" / "javascripts" / "workers").is_dir()
    assert not list(shipped_site.rglob("*.map")) and not (shipped_site / "assets" / "javascripts" / "lunr").exists()


def test_squeeze_leaves_preformatted_text_alone():
    pytest.importorskip("material", reason="mkdocs-material is not installed (pip install '.[site]')")
    from generator.outputs.site.mkdocs_plugin import head_for_search, is_offering_page, squeeze

    html = ("<div>\n    <p>a</p>\n\n  <pre><code>x\n    y\n\n</code></pre>\n  <textarea>\n  t</textarea>\n"
            "  <span>b</span>\n  <a>c</a>\n</div>")
    assert squeeze(html) == ("<div><p>a</p>\n<pre><code>x\n    y\n\n</code></pre>\n<textarea>\n  t</textarea>\n"
                             "<span>b</span>\n<a>c</a>\n</div>")
    assert head_for_search('<h1>T</h1><h2 id="o">O</h2><p><strong>Model ID</strong>: x<br />\n'
                           '<strong>Kind</strong>: N/A<br />\n<strong>Status</strong>: N/A</p><h2 id="l">L</h2><table>') == \
        '<h1>T</h1><h2 id="o">O</h2><p><strong>Model ID</strong>: x<br />\n</p>'
    assert is_offering_page("providers/x/models/y~0123456789.md")
    assert not is_offering_page("providers/x/README.md") and not is_offering_page("models/openai/gpt.md")
