"""Bedrock's regional prices, which LiteLLM writes as entries of their own, as regional rates of one offering.

``bedrock/eu-central-1/anthropic.claude-v2:1`` prices the model of ``anthropic.claude-v2:1`` in
that region.  Its costs become items of the base entry's ``pricing.conditional`` with
``region: eu-central-1`` (a flat rate, a tier as ``above_tokens``, a conditional rate with its own
conditions too), and the regional entry itself is reported as merged, not made an offering of its
own.  Entries below a region that are not one model (``bedrock/us-east-1/1-month-commitment/...``,
a price per hour of reserved throughput) are not regional prices and stay as they are.
"""

from __future__ import annotations

import re

from generator.importers.litellm_costs import pricing
from generator.importers.models_dev_map import Context
from generator.model.vocabulary import PRICE_FIELDS

REGIONAL = re.compile(r"^(?P<prefix>bedrock|bedrock_converse)/"
                      r"(?P<region>(?:us|eu|ap|sa|ca|me|af|il|mx)(?:-gov)?-[a-z]+-[0-9])/(?P<model>[^/]+)$")


def regional(entries: dict) -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    """``base key -> [(region, regional key)]`` and ``regional key -> base key``, for regional entries
    whose base entry is in the file too (a regional entry without one stays an entry of its own)."""
    by_base: dict[str, list[tuple[str, str]]] = {}
    base_of: dict[str, str] = {}
    for key in sorted(entries):
        if not (match := REGIONAL.match(key)):
            continue
        # the entry that gives the offering: of `bedrock/MODEL` and `MODEL`, the first read (sorted)
        base = min((b for b in (match["model"], f"{match['prefix']}/{match['model']}") if b in entries), default=None)
        if base is not None and isinstance(entries[key], dict) and isinstance(entries[base], dict):
            by_base.setdefault(base, []).append((match["region"], key))
            base_of[key] = base
    return by_base, base_of


def region_items(ctx: Context, region: str, raw: dict) -> list[dict]:
    """The costs of one regional entry as conditional items stating *region*."""
    found = pricing(ctx, raw)
    items = [{"unit": unit, "rate": found[unit], "region": region} for unit in PRICE_FIELDS if unit in found]
    for tier in found.get("tiers", ()):
        items += [{"unit": unit, "rate": tier[unit], "region": region, "above_tokens": tier["above_tokens"]}
                  for unit in PRICE_FIELDS if unit in tier]
    items += [{**item, "region": region} for item in found.get("conditional", ())]
    return items
