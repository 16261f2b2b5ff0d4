"""What keeps the built site small at scale (issue 15): each saving, on the fixture catalog's site.

Measured on the shipped catalog (some 6,700 pages, 5,730 of them offering pages); see the guide's
Performance page, section "Site size".
"""

from __future__ import annotations

import json

from generator.outputs.site import shell
from generator.outputs.site.mkdocs_plugin import squeeze

from .sitebuild import shipped_site  # noqa: F401  (fixture)

OFFERING = "providers/cerebras/models/gpt-oss-120b.html"
# The path of each palette toggle's icon (site/mkdocs.yml): Material's moon-waning-crescent and brightness-5.
MOON = '<path d="M2 12a10 10 0 0 0 13 9.54 10 10 0 0 1 0-19.08A10 10 0 0 0 2 12"/>'
SUN = '<path d="M12 18a6 6 0 0 1-6-6 6 6 0 0 1 6-6 6 6 0 0 1 6 6 6 6 0 0 1-6 6m8-2.69L23.31 12'


def _pages(site):
    """Every page but 404.html, a theme template mkdocs writes without the page events."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


SHELL_BUDGET = 10_240  # bytes of an offering page outside its <article>: 13.3 kB before issue 15's savings


def _scripted_part(site, asset: str) -> str:
    """The HTML the script *asset* puts in its place."""
    code = (site / asset).read_text(encoding="utf-8")
    prefix = '(function(s){s.insertAdjacentHTML("afterend",'
    assert code.startswith(prefix) and code.endswith(");s.remove()})(document.currentScript);\n")
    return json.loads(code[len(prefix):code.rindex(");s.remove()")])


def test_the_palette_toggles_draw_the_short_moon_and_sun(shipped_site):  # noqa: F811
    palette = _scripted_part(shipped_site, "assets/palette-form.js")
    assert MOON in palette and SUN in palette
    assert "m17.75 4.09" not in palette  # weather-night, 598 bytes


def test_an_offering_pages_shell_keeps_within_its_budget(shipped_site):  # noqa: F811
    html = (shipped_site / OFFERING).read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    assert len(html.encode()) - len(article.encode()) <= SHELL_BUDGET


def test_the_search_dialog_and_palette_are_scripts_put_where_the_theme_wrote_them(shipped_site):  # noqa: F811
    """Each page loads the two scripts where the parts were: before the palette's own script and
    in the header, ahead of the theme's bundle, which then finds them as it would."""
    dialog = _scripted_part(shipped_site, "assets/search-dialog.js")
    palette = _scripted_part(shipped_site, "assets/palette-form.js")
    assert dialog.startswith(shell.SCRIPTED[0][2]) and dialog.endswith("</div>")
    assert 'data-md-component="search-query"' in dialog and "__palette_1" in palette
    for page in _pages(shipped_site):
        html = page.read_text(encoding="utf-8")
        prefix = "../" * len(page.relative_to(shipped_site).parts[:-1])
        assert 'data-md-component="search"' not in html and 'data-md-component="palette"' not in html, page
        search = html.index(f'<script src="{prefix}assets/search-dialog.js"></script>')
        form = html.index(f'<script src="{prefix}assets/palette-form.js"></script>')
        assert form < html.index("var palette=__md_get") < search < html.index("</header>") < html.index("bundle."), page


def test_a_part_unlike_the_first_pages_stays_in_its_page():
    scripted = shell.Scripted()
    opening = shell.SCRIPTED[0][2]
    first = f"<nav>{opening}<div><div>a</div></div>\n  </div><p>after</p></nav>"
    assert scripted.cut(first, "x/y.html") == '<nav><script src="../assets/search-dialog.js"></script><p>after</p></nav>'
    assert scripted.cut(first.replace("\n  ", " "), "y.html") == '<nav><script src="assets/search-dialog.js"></script><p>after</p></nav>'
    other = first.replace(">a<", ">b<")
    assert scripted.cut(other, "y.html") == other
    assert scripted.cut(f"<nav>{opening}<div></nav>", "y.html") == f"<nav>{opening}<div></nav>"  # never closed


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
