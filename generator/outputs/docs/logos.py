"""Provider logos: the provider's own ``logo.svg`` (only plain drawing), or a generated monogram.

The seed's provider page always shows ``./logo.svg``, so every provider gets
one and no image link breaks.  The monogram is a pure function of the
provider's id and name: same input, same bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.model.records import Provider
from generator.validation import svg
from generator.validation.problems import InvalidCatalog, Problem

_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"})
_PALETTE = ("#1f77b4", "#2a9d8f", "#6a4c93", "#d1495b", "#00798c", "#8d6a9f", "#3d5a80", "#b5651d")


def logo_bytes(provider: Provider) -> bytes:
    """The provider's logo file as it is, else its monogram SVG.

    The bytes copied are checked again (:mod:`generator.validation.svg`): validation refused a
    logo with a script, but a catalog read back from JSON was never validated, and a file can
    change between validation and this copy.
    """
    if not provider.logo:
        return monogram_svg(provider.id, provider.name)
    raw = Path(provider.logo).read_bytes()
    refused = svg.refusal(raw)
    if refused is not None:
        problem = Problem(provider.logo, refused.line, refused.column, "", f"logo refused: {refused.message}")
        raise InvalidCatalog([problem])
    return raw


def initials(name: str) -> str:
    """The first letters of the first two words (one letter for a one-word name); ``?`` when none."""
    words = [w for w in name.replace("-", " ").replace("_", " ").split() if w[0].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def monogram_svg(provider_id: str, name: str) -> bytes:
    colour = _PALETTE[hashlib.sha256(provider_id.encode("utf-8")).digest()[0] % len(_PALETTE)]
    label = initials(name).translate(_XML)
    title = f"{name} (generated monogram)".translate(_XML)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" role="img">'
        f"<title>{title}</title>"
        f'<rect width="64" height="64" rx="12" fill="{colour}"/>'
        '<text x="32" y="32" dy=".35em" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="26" font-weight="bold" fill="#ffffff">{label}</text></svg>\n'
    )
    return svg.encode("utf-8")
