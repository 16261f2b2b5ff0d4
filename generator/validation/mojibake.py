"""Text that looks like UTF-8 read in another encoding (the seed's `ğŸ”—` for 🔗), found by ftfy.

ftfy takes a tenth of a second to import, which on a large catalog is a tenth
of the whole validation, so it is imported only for text that could match its
test at all: every pattern of ftfy's badness test needs at least one of the
characters below (tests/test_mojibake.py derives them from the installed
ftfy's own regex and fails if this list no longer covers them).
"""

from __future__ import annotations

MARKERS = frozenset(
    "\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"
    "\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"
    "\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xae\xaf\xb0\xb1"
    "\xb2\xb3\xb5\xb6\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf\xc0\xc1\xc2\xc3"
    "\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf\xd0\xd1\xd2\xd3"
    "\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xdf\xe0\xe1\xe2\xe3\xe4"
    "\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef\xf0\xf1\xf2\xf3\xf4"
    "\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\u0100\u0101\u0102\u0103\u0104\u0105\u0106\u0107"
    "\u010c\u010d\u010e\u010f\u0110\u0111\u0112\u0113\u0116\u0117\u0118\u0119\u011a\u011b\u011e\u011f"
    "\u0122\u0123\u012a\u012b\u012f\u0130\u0136\u0137\u0139\u013a\u013b\u013c\u013d\u013e\u0141\u0142"
    "\u0143\u0145\u0147\u014c\u0150\u0152\u0153\u0155\u0158\u015a\u015b\u015e\u015f\u0160\u0161\u0162"
    "\u0164\u0165\u016a\u016e\u0170\u0172\u0178\u0179\u017a\u017b\u017c\u017d\u017e\u0192\u02c6\u02c7"
    "\u02d8\u02db\u02dc\u02dd\u0384\u0385\u0392\u0393\u039e\u039f\u03b2\u0412\u0413\u0420\u0421\u0432"
    "\u0490\u0491\u2018\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2030\u2039\u203a\u2044\u20a7\u20ac"
    "\u2116\u2122\u2202\u2206\u220f\u2211\u221a\u221e\u2229\u222b\u2248\u2260\u2261\u2264\u2265\u2310"
    "\u2502\u250c\u2510\u2518\u251c\u2524\u252c\u253c\u2550\u2551\u2552\u2553\u2554\u2555\u2556\u2557"
    "\u2558\u2559\u255a\u255b\u255c\u255d\u255e\u255f\u2560\u2561\u2562\u2563\u2564\u2565\u2566\u2567"
    "\u2568\u2569\u256a\u256b\u256c\u2580\u2584\u2588\u258c\u2590\u2591\u2592\u2593\u25ca\uf8ff\ufb01"
    "\ufb02\ufffd"
)


def mis_decoded(text: str) -> str | None:
    """None when *text* looks fine; else what it probably should read (itself when ftfy cannot tell)."""
    if MARKERS.isdisjoint(text):
        return None
    import ftfy

    if not ftfy.badness.is_bad(text):
        return None
    return ftfy.fix_text(text)
