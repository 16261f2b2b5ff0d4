"""The mojibake warning imports ftfy only for text that could fail its test."""

from __future__ import annotations

import subprocess
import sys

from generator.validation.mojibake import MARKERS, mis_decoded

from .regexchars import required_characters


def test_markers_cover_every_character_ftfys_test_needs():
    import ftfy.badness

    needed = required_characters(ftfy.badness.BADNESS_RE)
    assert needed is not None, "ftfy's badness regex changed shape: derive MARKERS again"
    assert needed <= MARKERS, f"add to MARKERS: {''.join(sorted(needed - MARKERS))!r}"


def test_the_seeds_mojibake_is_still_found_and_fixed():
    assert mis_decoded("ğŸ”— Link") == "🔗 Link"
    assert mis_decoded("CafÃ©") == "Café"
    assert mis_decoded("Café") is None and mis_decoded("Preview – Thinking") is None


def test_text_without_a_marker_never_imports_ftfy():
    probe = ("import sys; from generator.validation.mojibake import mis_decoded; "
             "assert mis_decoded('Preview – Thinking 🔗 模型') is None; print('ftfy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
