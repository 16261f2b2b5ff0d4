"""When a price of 0 from a source is believed: the offering is free, or the price is unknown.

models.dev writes 0 both for a free offering and for a price it does not know (Privatemode
AI's paid gpt-oss-120b reads as free and would rank cheapest), and LiteLLM does the same.  So
an imported 0 is kept only with a stated reason:

* the offering's id or name says so (``:free``, ``-free``, ``(free)``), as OpenRouter, Kilo or
  OpenCode name their free variants;
* the provider is documented as free: :data:`FREE_PROVIDERS`, each entry with the page that
  says so (reviewed by hand; add one only with such a page);
* another source states it: the merge fills unknowns only and never removes a value, so a 0
  already in the catalog (curated, or imported with one of the reasons above) stays whatever
  a later import leaves out.  An importer does not confirm a 0 on its own.

Any other 0 is left unknown and reported (``unconfirmed-zero``).
"""

from __future__ import annotations

import re

# provider id (ours) -> the page documenting that its use carries no per-token price
FREE_PROVIDERS = {
    "github-models": "https://docs.github.com/en/github-models/use-github-models/prototyping-with-ai-models",
    "lmstudio": "https://lmstudio.ai/",  # runs models on the user's own machine; the app is free to use
}
_SAYS_FREE = re.compile(r"(:free|-free|\(free\))(?![a-z0-9])", re.I)
UNCONFIRMED = ("0 is written by the source both for a free offering and for a price it does not know; "
               "neither the id nor the name says free (':free', '-free', '(free)') and the provider is not "
               "documented as free (generator/importers/free.py), so the price is left unknown")


def free_reason(provider_id: str, offering_id: str, name=None) -> str | None:
    """Why a 0 price of this offering means free, or None when nothing says so."""
    for shown, value in (("id", offering_id), ("name", name)):
        if isinstance(value, str) and _SAYS_FREE.search(value):
            return f"its {shown} says free"
    if provider_id in FREE_PROVIDERS:
        return f"the provider is documented as free ({FREE_PROVIDERS[provider_id]})"
    return None
