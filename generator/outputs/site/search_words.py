"""Search text in words where the pages show marks and feature emoji.

The generated Markdown keeps its emoji (the seed's page is reproduced byte for byte) and the
site's script turns them into icons with accessible names.  The search index is built from the
HTML, so without this its text would hold the bare emoji: results shown as empty boxes in a
browser without an emoji font, and "reasoning" not finding a model whose page says it with 🧠.
Here a feature emoji becomes the title of the span around it (``<span title="Tool Calling">🔧
</span>`` reads "Tool Calling"), and a mark the name the script gives its icon, unless the words
after it already say it (the legend "✅ supported").  The emoji that decorate a heading beside
words that say it ("🔗 API Endpoints") are dropped, as the script hides their icons.
"""

from __future__ import annotations

import re

from generator.present.format import MARKS

MARK_WORDS = {MARKS[True]: "Supported", MARKS[False]: "Not supported", MARKS[None]: "Unknown"}
DECORATION = ("🔗", "🔒", "⏱", "🛡")  # the icons assets/pages.js hides (its kind "deco")

# A span with a title around nothing but symbols (no letter, digit or tag): a feature icon.
_TITLED_ICON = re.compile(r'<span title="([^"<>]*)">[^\w\s<>]{1,4}</span>')
_NAMED_MARK = re.compile("|".join(f"{re.escape(mark)}\ufe0f? ?(?=(?i:{re.escape(word)}))"
                                  for mark, word in MARK_WORDS.items()))
_MARK = re.compile(f"({'|'.join(map(re.escape, MARK_WORDS))})\ufe0f?")
_DECORATION = re.compile(f"(?:{'|'.join(DECORATION)})\ufe0f? ?")


def marks_as_words(html: str) -> str:
    """*html* with its feature icons' titles and its marks' names in place of the emoji."""
    if "<span title=" in html:
        html = _TITLED_ICON.sub(r"<span>\1</span>", html)
    if any(mark in html for mark in MARK_WORDS):
        html = _MARK.sub(lambda found: MARK_WORDS[found.group(1)], _NAMED_MARK.sub("", html))
    if any(emoji in html for emoji in DECORATION):
        html = _DECORATION.sub("", html)
    return html
