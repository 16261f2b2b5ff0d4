"""Set what a models API serves beside the provider's offerings in the catalog."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.live.shapes import Served
from generator.model.records import Offering


@dataclass(frozen=True, slots=True)
class Disagreement:
    offering: str   # the offering's id
    field: str      # context_window, max_input_tokens, pricing.input, pricing.output
    catalog: str
    served: str


@dataclass(slots=True)
class Comparison:
    new: list[str] = field(default_factory=list)        # served, not in the catalog
    gone: list[str] = field(default_factory=list)       # in the catalog (not retired), not served
    confirmed: list[str] = field(default_factory=list)  # offering ids the API serves
    disagreements: list[Disagreement] = field(default_factory=list)


def compare(offerings: list[Offering], served: list[Served]) -> Comparison:
    """What the API's *served* list says of *offerings*: an offering is served under its id or any
    alias.  A fact is compared only where both the catalog and the API state it."""
    by_name = {name: offering for offering in offerings for name in (offering.id, *offering.aliases)}
    answer = {item.id: item for item in served}
    result = Comparison(new=sorted(name for name in answer if name not in by_name))
    for offering in offerings:
        item = next((answer[name] for name in (offering.id, *offering.aliases) if name in answer), None)
        if item is None:
            if offering.status != "retired":
                result.gone.append(offering.id)
            continue
        result.confirmed.append(offering.id)
        result.disagreements.extend(_differences(offering, item))
    return result


def _differences(offering: Offering, item: Served) -> list[Disagreement]:
    price = offering.pricing.current if offering.pricing and offering.pricing.current.currency == "USD" else None
    pairs = (
        ("context_window", offering.context_window, item.context_window),
        ("max_input_tokens", offering.max_input_tokens, item.max_input_tokens),
        ("pricing.input", price.input if price else None, item.input),
        ("pricing.output", price.output if price else None, item.output),
    )
    return [Disagreement(offering.id, name, _text(ours), _text(theirs))
            for name, ours, theirs in pairs if ours is not None and theirs is not None and ours != theirs]


def _text(value) -> str:
    return format(value, "f") if not isinstance(value, int) else str(value)
