"""What keeps the built site small at scale (issue 15): each saving, on the fixture catalog's site.

Measured on the shipped catalog (some 6,700 pages, 5,730 of them offering pages); see the guide's
Performance page, section "Site size".
"""

from __future__ import annotations

import re

from generator.outputs.site.mkdocs_plugin import squeeze

from .sitebuild import shipped_site  # noqa: F401  (fixture)

OFFERING = "providers/cerebras/models/gpt-oss-120b.html"
# The path of each palette toggle's icon (site/mkdocs.yml): Material's moon-waning-crescent and brightness-5.
MOON = '<path d="M2 12a10 10 0 0 0 13 9.54 10 10 0 0 1 0-19.08A10 10 0 0 0 2 12"/>'
SUN = '<path d="M12 18a6 6 0 0 1-6-6 6 6 0 0 1 6-6 6 6 0 0 1 6 6 6 6 0 0 1-6 6m8-2.69L23.31 12'


def _pages(site):
    """Every page but 404.html, a theme template mkdocs writes without the page events."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_the_palette_toggles_draw_the_short_moon_and_sun(shipped_site):  # noqa: F811
    html = (shipped_site / OFFERING).read_text(encoding="utf-8")
    assert MOON in html and SUN in html
    assert "m17.75 4.09" not in html  # weather-night, 598 bytes on every page


def test_no_page_writes_the_svg_namespace_or_the_generator_meta(shipped_site):  # noqa: F811
    pages = _pages(shipped_site)
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<svg" in html, page
        assert 'xmlns="http://www.w3.org/2000/svg"' not in html, page
        assert '<meta name="generator"' not in html, page


def test_squeeze_drops_the_namespace_of_inline_svg_only_outside_preformatted_text():
    html = ('<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">'
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0"/></svg>'
            '<pre><code>&lt;svg xmlns="http://www.w3.org/2000/svg"&gt;\n<svg xmlns="http://www.w3.org/2000/svg"></code></pre>'
            '<p>xmlns="http://www.w3.org/2000/svg"</p>')
    assert squeeze(html) == ('<svg viewBox="0 0 24 24"><path d="M0 0"/></svg>'
                             '<pre><code>&lt;svg xmlns="http://www.w3.org/2000/svg"&gt;\n'
                             '<svg xmlns="http://www.w3.org/2000/svg"></code></pre>'
                             '<p>xmlns="http://www.w3.org/2000/svg"</p>')
