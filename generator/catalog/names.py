"""Model names as callers write them, resolved to one offering, saying which rule matched.

The rules, in order (the first that finds exactly one offering wins):

* ``reference``: ``provider/offering-id`` or an alias of it (``openrouter/openai/gpt-4o``
  is OpenRouter's offering ``openai/gpt-4o``);
* ``caller prefix``: a routing prefix callers put before a provider's own id
  (``gemini/``, ``bedrock/``, ``vertex_ai/`` ...: :data:`CALLER_PREFIXES`);
* ``canonical model``: a canonical model id served by exactly one offering;
* ``id``: a bare offering id or alias found at exactly one provider;
* ``snapshot``: an undated name whose only offering at that provider is one dated
  snapshot (``claude-sonnet-4-5`` -> ``claude-sonnet-4-5-20250929``);
* ``case``: any of these, ignoring case.

A name whose provider is known is looked up at that provider only: a name never
resolves to another provider's offering, nor a dated name to an undated one
(their prices may differ).  What does not resolve raises
:class:`~generator.catalog.lookup.UnknownName` with suggestions; a name several
offerings answer raises :class:`AmbiguousName` listing them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.catalog.catalog import Catalog
from generator.catalog.lookup import Suggestion, UnknownName, suggestions
from generator.model.records import Offering
from generator.validation.problems import CatalogError

CALLER_PREFIXES = {
    "gemini": "google", "vertex_ai": "google-vertex", "bedrock": "amazon-bedrock",
    "bedrock_converse": "amazon-bedrock", "together_ai": "togetherai", "fireworks_ai": "fireworks-ai",
    "azure_ai": "azure-ai", "mistralai": "mistral", "moonshot": "moonshotai", "novita": "novita-ai",
    "nvidia_nim": "nvidia", "dashscope": "alibaba", "cloudflare": "cloudflare-workers-ai",
    "text-completion-openai": "openai",
}
DATED = re.compile(r"^(?P<base>.+?)[-@](?P<date>20[0-9]{2}-?[01][0-9]-?[0-3][0-9]|[01][0-9][0-3][0-9])$")
MAX_LISTED = 8


class AmbiguousName(CatalogError):
    """A name several offerings answer to; ``refs`` lists them."""

    def __init__(self, name: str, refs: list[str]):
        shown = ", ".join(f"`{r}`" for r in refs[:MAX_LISTED]) + (" ..." if len(refs) > MAX_LISTED else "")
        super().__init__(f"`{name}` names {len(refs)} offerings: {shown}; give the provider "
                         "(PROVIDER/NAME or provider=...)")
        self.refs = refs


@dataclass(frozen=True)
class Resolution:
    offering: Offering
    rule: str  # reference, caller prefix, canonical model, id, snapshot; ", case" added when case was ignored
    name: str  # the name as given


def resolve(catalog: Catalog, name: str, provider: str | None = None) -> Resolution:
    """The offering *name* means (at *provider* when given), and the rule that found it."""
    text = name.strip()
    if provider is not None:
        pid = _provider_id(catalog, provider)
        if pid is None:
            raise UnknownName("provider", provider, suggestions(catalog, provider))
        return _at(catalog, pid, text, "id", name)
    head, sep, rest = text.partition("/")
    pid = _provider_id(catalog, head) if sep else None
    if pid is not None:
        rule = "reference" if pid == head or pid.lower() == head.lower() else "caller prefix"
        return _at(catalog, pid, rest, rule, name)
    found = _by_model(catalog, text)
    if found:
        return _one(found, "canonical model", name)
    found = [o for refs in _index(catalog)["bare"].get(text.lower(), {}).values() for o in refs]
    if found:
        exact = [o for o in found if text in (o.id, *o.aliases)]
        return _one(exact or found, "id" if exact else "id, case", name)
    raise UnknownName("offering", text, _suggest(catalog, text))


def _provider_id(catalog: Catalog, text: str) -> str | None:
    if text in catalog.providers:
        return text
    lowered = text.lower()
    for pid in (lowered, CALLER_PREFIXES.get(lowered)):
        if pid in catalog.providers:
            return pid
    return None


def _at(catalog: Catalog, pid: str, text: str, rule: str, name: str) -> Resolution:
    """*text* among the offerings of provider *pid*: exact, then ignoring case, then one dated snapshot."""
    table = _index(catalog)["by_provider"].get(pid, {})
    found = table.get(text.lower(), [])
    exact = [o for o in found if text in (o.id, *o.aliases)]
    if exact or found:
        return _one(exact or found, rule if exact else f"{rule}, case", name)
    dated = [o for key, offs in table.items() if (m := DATED.match(key)) and m["base"] == text.lower() for o in offs]
    if len(dated) == 1:
        return Resolution(dated[0], f"{rule}, snapshot", name)
    if len(dated) > 1:
        raise AmbiguousName(name, sorted(o.ref for o in dated))
    raise UnknownName("offering", f"{pid}/{text}", _suggest(catalog, text, pid))


def _one(found: list[Offering], rule: str, name: str) -> Resolution:
    refs = sorted({o.ref for o in found})
    if len(refs) > 1:
        raise AmbiguousName(name, refs)
    return Resolution(found[0], rule, name)


def _by_model(catalog: Catalog, text: str) -> list[Offering]:
    if "/" not in text:
        return []
    exact = catalog.offerings_of(text)
    if exact:
        return exact
    lowered = text.lower()
    return [o for model_id, offs in _index(catalog)["models"].items() if model_id == lowered for o in offs]


def _suggest(catalog: Catalog, text: str, pid: str | None = None) -> list[Suggestion]:
    """Close names; a dated name's undated offering first (named, never chosen: its price may differ)."""
    first = []
    if (m := DATED.match(text)) and pid:
        first = [o.ref for o in _index(catalog)["by_provider"].get(pid, {}).get(m["base"].lower(), [])]
    found = suggestions(catalog, f"{pid}/{text}" if pid else text, tuple(first))
    return found or suggestions(catalog, text)


def _index(catalog: Catalog) -> dict:
    """Lower-cased ids and aliases by provider, across providers, and canonical model ids; built once."""
    cached = catalog.__dict__.get("_names_index")
    if cached is not None:
        return cached
    by_provider: dict[str, dict[str, list[Offering]]] = {}
    bare: dict[str, dict[str, list[Offering]]] = {}
    models: dict[str, list[Offering]] = {}
    for o in catalog.offerings:
        for key in {n.lower() for n in (o.id, *o.aliases)}:
            by_provider.setdefault(o.provider_id, {}).setdefault(key, []).append(o)
            bare.setdefault(key, {}).setdefault(o.provider_id, []).append(o)
        if o.model_id:
            models.setdefault(o.model_id.lower(), []).append(o)
    index = {"by_provider": by_provider, "bare": bare, "models": models}
    catalog.__dict__["_names_index"] = index
    return index
