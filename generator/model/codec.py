"""Fast encoders and decoders between catalog dataclasses and JSON objects.

For each dataclass of :mod:`generator.model.records` one encoder and one decoder are
generated from its field types: straight-line code with no per-field
dispatch, so exporting or reading 5,000 offerings takes a fraction of a
second.  Because they are derived from the dataclasses, a field added there is
exported and read back without touching this module (the round-trip tests
prove it).  Conventions: see :mod:`.encode`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from decimal import Decimal

from generator.model import records as m

CLASSES = m.DECLARED


def _coded(field: dataclasses.Field) -> bool:
    """False for a field left to the caller: implied by nesting (``export``) or written apart (``codec``)."""
    return field.metadata.get("export", True) and field.metadata.get("codec", True)


def kind_of(hint) -> tuple[str, type | None]:
    """What a field holds: plain, money, date, strs, objs, obj or modalities (and the dataclass)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return kind_of(args[0])
    if typing.get_origin(hint) is tuple:
        return ("objs", args[0]) if dataclasses.is_dataclass(args[0]) else ("strs", None)
    if hint is m.Modalities:
        return "modalities", None
    if dataclasses.is_dataclass(hint):
        return "obj", hint
    return {Decimal: "money", date: "date"}.get(hint, "plain"), None


def _fields(cls) -> list[tuple[str, str, type | None]]:
    hints = typing.get_type_hints(cls, vars(m))
    return [(f.name, *kind_of(hints[f.name])) for f in dataclasses.fields(cls) if _coded(f)]


_ENCODE = {
    "plain": "out[{k!r}] = v", "money": "out[{k!r}] = format(v, 'f')", "date": "out[{k!r}] = v.isoformat()",
    "strs": "out[{k!r}] = list(v)", "objs": "out[{k!r}] = [encode_{c}(x) for x in v]",
    "obj": "e = encode_{c}(v)\n        if e: out[{k!r}] = e", "modalities": "e = modalities(v)\n        if e: out[{k!r}] = e",
}
_DECODE = {
    "plain": "v", "money": "Decimal(v)", "date": "fromisoformat(v)", "strs": "tuple(v)",
    "objs": "tuple(decode_{c}(x) for x in v)", "obj": "decode_{c}(v)", "modalities": "decode_modalities(v)",
}


def _encoder_source(cls) -> str:
    """An empty list is left out, unless the field's default is None: then None is unknown and () a fact."""
    lines = [f"def encode_{cls.__name__}(obj):", "    out = {}"]
    unknown_is_none = {f.name for f in dataclasses.fields(cls) if f.default is None}
    for name, kind, inner in _fields(cls):
        test = "if v:" if kind in ("strs", "objs") and name not in unknown_is_none else "if v is not None:"
        body = _ENCODE[kind].format(k=name, c=inner.__name__ if inner else "")
        lines += [f"    v = obj.{name}", f"    {test}", f"        {body}"]
    return "\n".join(lines + ["    return out"])


def _decoder_source(cls) -> str:
    """``decode_X(data, **extra)``: every field passed positionally, converted when present.

    A required field missing from *data* raises KeyError; an optional one gets
    its dataclass default; *extra* supplies the fields the JSON leaves implied.
    """
    name = cls.__name__
    kinds = {field: (kind, inner) for field, kind, inner in _fields(cls)}
    lines = [f"def decode_{name}(data, **extra):", "    get = data.get"]
    arguments = []
    for field in dataclasses.fields(cls):
        default = default_expression(cls, field)
        if field.name not in kinds:
            arguments.append(f"extra[{field.name!r}]" if default is None else f"extra.get({field.name!r}) or {default}")
            continue
        kind, inner = kinds[field.name]
        value = _DECODE[kind].format(c=inner.__name__ if inner else "")
        if default is None:
            lines += [f"    v = data[{field.name!r}]", f"    required_{field.name} = {value}"]
            arguments.append(f"required_{field.name}")
        else:
            arguments.append(f"{default} if (v := get({field.name!r})) is None else {value}")
    return "\n".join(lines + [f"    return {name}(", *(f"        {a}," for a in arguments), "    )"])


def default_expression(cls, field: dataclasses.Field) -> str | None:
    """The expression giving the field's default (a fresh one from a factory) in code generated with
    :func:`default_names` in its namespace; None when the field is required."""
    if field.default is not dataclasses.MISSING:
        return f"DEFAULT_{cls.__name__}_{field.name}"
    if field.default_factory is not dataclasses.MISSING:
        return f"FACTORY_{cls.__name__}_{field.name}()"
    return None


def default_names(classes) -> dict:
    """The names :func:`default_expression` refers to, for every field of *classes*."""
    names = {}
    for cls in classes:
        for field in dataclasses.fields(cls):
            names[f"DEFAULT_{cls.__name__}_{field.name}"] = field.default
            names[f"FACTORY_{cls.__name__}_{field.name}"] = field.default_factory
    return names


def encode_modalities(value: m.Modalities) -> dict:
    """Only the directions with a known modality, each as lists that keep the data file's order
    (a JSON object's keys are sorted in the exports, a list's items are not)."""
    out = {}
    for direction in ("input", "output"):
        known = getattr(value, direction)
        if known:
            out[direction] = {key: items for key, flag in (("supported", True), ("unsupported", False))
                              if (items := [name for name, ok in known.items() if ok is flag])}
    return out


def decode_modalities(data: dict) -> m.Modalities:
    return m.Modalities(*({**dict.fromkeys(data.get(d, {}).get("supported", ()), True),
                           **dict.fromkeys(data.get(d, {}).get("unsupported", ()), False)} for d in ("input", "output")))


def _compile() -> dict:
    namespace = {"Decimal": Decimal, "fromisoformat": date.fromisoformat, "modalities": encode_modalities,
                 "decode_modalities": decode_modalities, **{cls.__name__: cls for cls in CLASSES}, **default_names(CLASSES)}
    for cls in CLASSES:
        exec(_encoder_source(cls) + "\n\n" + _decoder_source(cls), namespace)  # noqa: S102 (generated from our own dataclasses)
    return namespace


_NAMESPACE = _compile()
ENCODERS = {cls: _NAMESPACE[f"encode_{cls.__name__}"] for cls in CLASSES}
DECODERS = {cls: _NAMESPACE[f"decode_{cls.__name__}"] for cls in CLASSES}
