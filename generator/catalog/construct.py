"""Turn validated documents into typed catalog objects (:mod:`generator.model.records`).

Runs only on a catalog without errors, so it trusts the schema: required
fields exist and types are right.  Offerings inherit their canonical model's
facts here, their own fields winning.

There is no hand mapping: each class is read field by field as its declaration
says (:mod:`generator.model.declare`): the YAML key (``key``), whether an offering
inherits the fact (``inherit``), the field that gives a missing one (``fallback``),
and the field's type (money becomes an exact Decimal, dates ``date``, lists
tuples, nested objects their dataclass).  A field added to a record is read
without touching this module.  As in :mod:`generator.model.codec`, one
straight-line reader per class is generated at import, so reading 5,000
offerings costs what the hand mapping did.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from decimal import Decimal

from generator.model import records as m
from generator.model.codec import default_expression, default_names, kind_of
from generator.model.declare import SELF
from generator.model.layout import offering_filename

ENDPOINT_LABELS = {
    "documentation": "Documentation",
    "base_url": "Base URL",
    "models": "Models API",
    "chat_completions": "Chat Completions",
    "completions": "Completions",
    "responses": "Responses API",
    "messages": "Messages API",
    "embeddings": "Embeddings",
    "images": "Image Generation",
    "speech": "Speech",
    "transcriptions": "Transcriptions",
    "health": "Health API",
}


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def money(value) -> Decimal | None:
    """A price as an exact Decimal: YAML's 0.25 becomes Decimal('0.25')."""
    if value is None:
        return None
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def modalities(data) -> m.Modalities:
    data = data or {}
    return m.Modalities(dict(data.get("input", {})), dict(data.get("output", {})))


def _endpoints(data: dict) -> tuple[m.Endpoint, ...]:
    """The YAML's endpoint object as the record's ordered list, each with its label."""
    known = [m.Endpoint(key, label, data[key]) for key, label in ENDPOINT_LABELS.items() if key in data]
    other = [m.Endpoint("other", e["label"], e["url"]) for e in data.get("other", ())]
    return tuple(known + other)


SPECIAL = {(m.Provider, "endpoints"): _endpoints}  # the one field whose YAML shape is not the record's


def build(cls, data: dict, base=None, **extra):
    """An instance of *cls* from its YAML mapping; *base* gives inherited facts, *extra* the implied ones."""
    return _READERS[cls](data, base, extra)


_VALUE = {"plain": "v", "money": "money(v)", "date": "day(v)", "strs": "tuple(v)", "modalities": "modalities(v)",
          "objs": "tuple(read_{c}(x, None, NONE) for x in v)", "obj": "read_{c}(v, None, NONE)"}


def _source(cls) -> str:
    """``read_X(data, base, extra)``: straight-line code, one block per field, like the JSON codec's."""
    hints = typing.get_type_hints(cls, vars(m))
    lines = [f"def read_{cls.__name__}(data, base, extra):", "    get = data.get"]
    for i, field in enumerate(dataclasses.fields(cls)):
        lines += [f"    {line}" for line in _field_source(cls, field, hints[field.name], f"f{i}")]
    arguments = ", ".join(f"f{i}" for i in range(len(dataclasses.fields(cls))))
    return "\n".join(lines + [f"    return {cls.__name__}({arguments})"])


def _field_source(cls, field: dataclasses.Field, hint, target: str) -> list[str]:
    name, meta = field.name, field.metadata
    key, missing = meta.get("key", name), default_expression(cls, field)
    if key is None:  # supplied by the loader: the provider id, the file stem, the logo
        return [f"{target} = extra[{name!r}]" if missing is None else f"{target} = extra.get({name!r}) or {missing}"]
    kind, inner = kind_of(hint)
    value = f"special_{cls.__name__}_{name}(v)" if (cls, name) in SPECIAL else _VALUE[kind].format(
        c=inner.__name__ if inner else "")
    if meta.get("fallback"):
        missing = f"data[{meta['fallback']!r}]"
    elif missing is None:
        return [f"v = {'data' if key == SELF else f'data[{key!r}]'}", f"{target} = {value}"]
    elif meta.get("inherit"):
        missing = f"{missing} if base is None else base.{name}"
    empty = "not v" if kind == "obj" else "v is None"  # an empty nested mapping is no fact (``pricing: {}``)
    lines = [f"v = {_getter(key)}", f"{target} = ({missing}) if {empty} else {value}"]
    if meta.get("inherit") and kind == "modalities":  # the offering's own, over the base's per modality
        lines.append(f"if base is not None and v is not None: {target} = {target}.merged_over(base.modalities)")
    return lines


def _getter(key: str) -> str:
    if key == SELF:
        return "data"
    if "." in key:
        outer, inner = key.split(".", 1)
        return f"get({outer!r}, NONE).get({inner!r})"
    return f"get({key!r})"


def _compile() -> dict:
    namespace = {"money": money, "day": day, "modalities": modalities, "NONE": {}, **default_names(m.DECLARED),
                 **{cls.__name__: cls for cls in m.DECLARED}}
    namespace.update({f"special_{cls.__name__}_{name}": read for (cls, name), read in SPECIAL.items()})
    for cls in m.DECLARED:
        exec(_source(cls), namespace)  # noqa: S102 (generated from our own declarations)
    return {cls: namespace[f"read_{cls.__name__}"] for cls in m.DECLARED}


_READERS = _compile()


# The loader's entry points, one per kind of file.

def author(data: dict) -> m.Author:
    return build(m.Author, data)


def canonical_model(data: dict) -> m.CanonicalModel:
    return build(m.CanonicalModel, data)


def provider(data: dict, logo: str | None) -> m.Provider:
    return build(m.Provider, data, logo=logo)


def offering(provider_id: str, data: dict, canonical: m.CanonicalModel | None) -> m.Offering:
    """An offering of *provider_id*, inheriting what its file leaves out from *canonical*."""
    return build(m.Offering, data, canonical, provider_id=provider_id, file_stem=offering_filename(data["id"]))
