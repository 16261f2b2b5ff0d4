"""Characters a regex cannot match without: one required non-ASCII class per alternative (for tests)."""
import re
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants as C
    import sre_parse


def required_characters(pattern: re.Pattern) -> set[str] | None:
    """A set of characters every match of *pattern* contains one of, or None if none can be named."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if pattern.flags & re.IGNORECASE:
        return None
    top = parsed.data
    alternatives = top[0][1][1] if len(top) == 1 and top[0][0] == C.BRANCH else [top]
    union: set[int] = set()
    for alternative in alternatives:
        sets = [s for s in _required(alternative) if s and min(s) >= 0x80]
        if not sets:
            return None
        union |= min(sets, key=len)
    return {chr(c) for c in union}


def _required(items) -> list[set[int]]:
    out = []
    for op, av in items:
        if op == C.LITERAL:
            out.append({av})
        elif op == C.IN:
            chars = _class(av)
            if chars is not None:
                out.append(chars)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            out += _required(av[2])
        elif op == C.SUBPATTERN:
            out += _required(av[-1])
    return out


def _class(items) -> set[int] | None:
    chars: set[int] = set()
    for op, av in items:
        if op == C.LITERAL:
            chars.add(av)
        elif op == C.RANGE:
            chars.update(range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY: not a plain set of characters
            return None
    return chars
