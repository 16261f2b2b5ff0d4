"""Propose the canonical model an offering serves, from its id alone, by exact rules.

A provider names a model in its own way: ``openai/gpt-oss-120b``,
``accounts/fireworks/models/gpt-oss-120b``, ``@cf/openai/gpt-oss-120b``,
``openai.gpt-oss-120b-1:0``, ``gpt-oss:120b``, ``openai/gpt-oss-120b:free``,
``openai/gpt-oss-120b-maas``.  :func:`forms` peels those forms off the id, each
step a named rule, and :class:`Resolver` looks the results up among the
canonical models' names.  The comparison is exact after :func:`key` (case,
separators, ``llama3.3`` = ``llama-3.3``, ``3.5`` = ``3-5``): nothing is fuzzy, so
a different size (``gpt-oss-20b``), a fine-tune, a distill
(``deepseek-r1-distill-qwen-32b``) or an added word (``-vision``, ``-turbo``,
``-thinking``, ``-instruct``) never reaches another model's name.

Only these suffixes are peeled, because they never name another model:

* quantisations (``-fp8``, ``-int4``, ``-awq`` ... :data:`QUANTISATIONS`) and a
  free tier (``:free``, ``-free``), a confidential-computing deployment (``-tee``,
  ``TEE/``): the offering is linked and marked with that *variant*;
* Vertex's ``-maas``, Bedrock's version ``-v1:0`` / ``-1:0``: linked, no variant;
* a full date (``-2025-04-14``, ``-20250514``) only for OpenAI's and Anthropic's
  models (whose undated name is an alias of a snapshot), when the catalog has the
  undated model, no dated model of that name and its offerings show one date only.  A short ``-0528`` or ``-2411`` names another release and is never peeled.

``-turbo``, ``-fast``, ``-highspeed`` stay: at OpenAI, Alibaba, Zhipu, Moonshot and
MiniMax they name other models.  An id whose forms reach two models is ambiguous
and not linked.  The display name never links (names are loose: io.net lists
DeepSeek-R1-0528 as "DeepSeek R1"); it only suggests a model for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUANTISATIONS = ("fp8", "fp4", "nvfp4", "mxfp4", "int4", "int8", "awq", "gptq", "bf16", "fp16", "fp8-dynamic",
                 "w4a16", "w8a8", "gguf")
TIER_SUFFIXES = {"free": "free", "tee": "tee"}  # suffix -> variant
SERVING_SUFFIXES = ("maas",)  # how a platform names any model it hosts: no variant
# Organisations whose name a provider puts before a model's: "openai-gpt-oss-120b", "openai.gpt-oss-120b".
ORGS = ("openai", "meta", "meta-llama", "deepseek", "deepseek-ai", "google", "anthropic", "mistral", "mistralai",
        "qwen", "alibaba", "moonshotai", "moonshot", "minimax", "minimaxai", "zai", "zai-org", "z-ai", "zhipuai",
        "nvidia", "cohere", "xai", "amazon", "databricks", "snowflake", "xiaomi", "stepfun", "tencent")
# Authors whose undated name is an alias of a dated snapshot (gpt-4o-mini = gpt-4o-mini-2024-07-18); elsewhere
# (qwen-plus) the undated name moves to newer releases, so a dated id is not linked to it.
SNAPSHOT_AUTHORS = ("openai", "anthropic")
REGIONS = ("us", "eu", "apac", "global", "jp", "au", "ca", "us-gov")
_BEDROCK_VERSION = re.compile(r"(?:-v\d+)?(?:-\d+)?:\d+$")
_SIZE_TAG = re.compile(r"^\d+(?:\.\d+)?[bmt]$")  # ollama's gpt-oss:120b
_FULL_DATE = re.compile(r"-(?:20\d\d-\d\d-\d\d|20\d\d\d\d\d\d)$")
_SEPARATORS = re.compile(r"[\s_.@\-]+")  # @: Vertex writes claude-opus-4-5@20251101
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)")


def key(text: str) -> str:
    """*text* as names are compared: lower case, one kind of separator, a break between a word and
    a number (``Llama3.3_70B`` -> ``llama-3-3-70b``)."""
    text = _LETTER_DIGIT.sub("-", text.strip().lower())
    return _SEPARATORS.sub("-", text).strip("-")


@dataclass(frozen=True)
class Form:
    """One reading of an offering id: the name it gives, the variant it marks, the rules used."""

    name: str
    variant: str | None = None
    rules: tuple[str, ...] = ()
    dated: bool = False  # a full date was peeled: only valid for a model without dated siblings

    def then(self, name: str, rule: str, variant: str | None = None, dated: bool = False) -> "Form":
        if variant and self.variant and variant != self.variant:
            variant = f"{variant}-{self.variant}"  # peeled from the right: what is peeled later stands left
        return Form(name, variant or self.variant, self.rules + (rule,), dated or self.dated)


def forms(offering_id: str) -> list[Form]:
    """Every reading of *offering_id*: the plain last path segment first, then each with a
    provider's prefix or suffix peeled (a tag the rules do not know gives no reading)."""
    start = _tagged(Form(offering_id.strip().lower()))
    if start is None:
        return []
    found = [start.then(start.name.rsplit("/", 1)[-1], "path") if "/" in start.name else start]
    if "/" in start.name and start.name.split("/", 1)[0] == "tee":
        found[0] = found[0].then(found[0].name, "tee-prefix", "tee")
    for step in (_vendor_dot, _org_prefix, _suffixes, _full_date):
        found += [new for form in found for new in step(form) if new not in found]
    return found


def _tagged(form: Form) -> Form | None:
    """The id without its ``:tag``: Bedrock's version, a size (``gpt-oss:120b``), ``:free``."""
    name = form.name
    if _BEDROCK_VERSION.search(name):
        return form.then(_BEDROCK_VERSION.sub("", name), "version-tag")
    if ":" not in name:
        return form
    base, tag = name.rsplit(":", 1)
    if "/" in tag:  # a scheme before the name: synthetic's hf:openai/gpt-oss-120b
        return form.then(tag, "scheme")
    if tag == "free":
        return form.then(base, "free-tag", "free")
    if _SIZE_TAG.match(tag):
        return form.then(f"{base}-{tag}", "size-tag")
    return None  # :thinking, :1024 ... a mode or budget of the offering, not a model's name


def _vendor_dot(form: Form):
    """Bedrock's ``openai.gpt-oss-120b`` and ``us.anthropic.claude-...``: the name after the vendor;
    ``deepseek.r1`` also as ``deepseek-r1``."""
    parts = form.name.split(".")
    if len(parts) > 2 and parts[0] in REGIONS:
        parts = parts[1:]
    if len(parts) >= 2 and parts[0] in ORGS and parts[1][:1].isalpha():
        rest = ".".join(parts[1:])
        yield form.then(rest, "vendor-dot")
        yield form.then(f"{parts[0]}-{rest}", "vendor-dot")


def _org_prefix(form: Form):
    """``openai-gpt-oss-120b``, ``databricks-gpt-oss-120b``: the name after an organisation's."""
    for org in ORGS:
        if form.name.startswith(org + "-") and len(form.name) > len(org) + 1:
            yield form.then(form.name[len(org) + 1:], "org-prefix")


def _suffixes(form: Form):
    """The name without a quantisation, tier or platform suffix, repeatedly (``-fp8-dynamic``)."""
    name, current = form.name, form
    while True:
        peeled = _peel_one(name)
        if peeled is None:
            return
        name, rule, variant = peeled
        current = current.then(name, rule, variant)
        yield current


def _peel_one(name: str):
    for suffix in sorted(QUANTISATIONS, key=len, reverse=True):
        if name.endswith("-" + suffix):
            return name[: -len(suffix) - 1], "quantisation", suffix
    for suffix, variant in TIER_SUFFIXES.items():
        if name.endswith("-" + suffix):
            return name[: -len(suffix) - 1], "tier", variant
    for suffix in SERVING_SUFFIXES:
        if name.endswith("-" + suffix):
            return name[: -len(suffix) - 1], "platform-suffix", None
    return None


def _full_date(form: Form):
    if _FULL_DATE.search(form.name):
        yield form.then(_FULL_DATE.sub("", form.name), "full-date", dated=True)


@dataclass(frozen=True)
class Proposal:
    """What the rules say of one offering: *status* linked (to *model*), ambiguous (between
    *candidates*) or unlinked (with *suggested*, a model the display name names, for review)."""

    status: str
    model: str | None = None
    variant: str | None = None
    rules: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    suggested: str | None = None


class Resolver:
    """The canonical models by :func:`key` of their name part (``openai/gpt-oss-120b`` under
    ``gpt-oss-120b``) and of their display name (for suggestions only)."""

    def __init__(self, models: dict[str, str | None], offering_ids=()):
        """*models*: canonical model id -> display name (None when it has none); *offering_ids*: every
        offering id of the catalog, for the dates each name is seen with."""
        self.dates: dict[str, set[str]] = {}
        for offering_id in offering_ids:
            for form in forms(offering_id):
                if form.dated:
                    self.dates.setdefault(key(form.name), set()).add(offering_id.lower())
        self.by_key: dict[str, set[str]] = {}
        self.by_name: dict[str, set[str]] = {}
        for model_id, name in models.items():
            self.by_key.setdefault(key(model_id.split("/", 1)[-1]), set()).add(model_id)
            if name:
                self.by_name.setdefault(_name_key(name), set()).add(model_id)
        self.dated = {k for k in self.by_key if _FULL_DATE.search(k)}  # key() keeps the date's form

    def propose(self, offering_id: str, name: str | None = None) -> Proposal:
        """The model every reading of *offering_id* that names one agrees on; *name* only suggests."""
        found: dict[str, Form] = {}
        for form in forms(offering_id):
            name_key = key(form.name)
            if form.dated and not self._one_snapshot(name_key):
                continue
            for model in sorted(self.by_key.get(name_key, ())):
                if form.dated and model.split("/", 1)[0] not in SNAPSHOT_AUTHORS:
                    continue
                found.setdefault(model, form)
        if len(found) == 1:
            (model, form), = found.items()
            return Proposal("linked", model, form.variant, form.rules)
        if found:
            return Proposal("ambiguous", candidates=tuple(sorted(found)))
        named = self.by_name.get(_name_key(name or "")) or set()
        return Proposal("unlinked", suggested=min(named) if len(named) == 1 else None)

    def _one_snapshot(self, name_key: str) -> bool:
        """Whether a dated id may stand for the undated model: the catalog has no dated model of that
        name and its offerings show one date only (qwen3-max-2025-09-23 and -2026-01-23 differ)."""
        dates = {_FULL_DATE.search(i.split(":")[0]) for i in self.dates.get(name_key, ())}
        seen = {d.group().replace("-", "") for d in dates if d}
        return len(seen) <= 1 and not any(k.startswith(name_key + "-") for k in self.dated)


def _name_key(name: str) -> str:
    """A display name as compared: without a router's "Vendor: " prefix and a "(free)" note."""
    name = name.split(": ", 1)[-1]
    return key(re.sub(r"\((?:free|latest)\)", "", name, flags=re.I))
