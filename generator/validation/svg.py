"""A provider's ``logo.svg``: refused unless it is plain drawing.

The build copies a logo byte for byte into the docs and the site, where a reader may open it
on its own; an SVG opened so runs its ``<script>`` elements and ``on*`` handlers, loads what
its links and stylesheets name, and shows what ``<foreignObject>`` holds.  A hand-curated
catalog can keep its logos clean, so a logo is refused rather than rewritten: it may hold only
the SVG elements and attributes listed here, links only to ``#fragments`` of itself, and no
DTD, entity, processing instruction, ``@import`` or ``url()`` leading elsewhere.

The parser is defusedxml's (DTDs and entities are refused before anything expands: no
billion laughs, no external entity), and the first thing refused is reported with its line
and column.
"""

from __future__ import annotations

import re

from generator.validation.problems import Problem

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
XML = "{http://www.w3.org/XML/1998/namespace}"
ELEMENTS = frozenset("""
    svg g defs symbol use title desc metadata switch path rect circle ellipse line polyline polygon
    text tspan textPath linearGradient radialGradient stop clipPath mask pattern marker style
    filter feBlend feColorMatrix feComponentTransfer feComposite feDiffuseLighting feDisplacementMap
    feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge
    feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence
""".split())
ATTRIBUTES = frozenset("""
    id class style lang tabindex role aria-label aria-labelledby aria-describedby aria-hidden
    version baseProfile width height x y x1 y1 x2 y2 cx cy r rx ry fx fy fr d points pathLength
    viewBox preserveAspectRatio transform gradientTransform gradientUnits patternTransform
    patternUnits patternContentUnits clipPathUnits maskUnits maskContentUnits spreadMethod offset
    markerWidth markerHeight markerUnits refX refY orient requiredFeatures systemLanguage
    fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit
    stroke-dasharray stroke-dashoffset stroke-opacity opacity color display visibility overflow
    clip clip-path clip-rule mask filter marker-start marker-mid marker-end stop-color stop-opacity
    color-interpolation color-interpolation-filters color-rendering shape-rendering text-rendering
    image-rendering vector-effect paint-order isolation mix-blend-mode flood-color flood-opacity
    lighting-color font-family font-size font-size-adjust font-stretch font-style font-variant
    font-weight text-anchor text-decoration dominant-baseline alignment-baseline baseline-shift
    letter-spacing word-spacing writing-mode direction unicode-bidi dx dy rotate textLength
    lengthAdjust startOffset method spacing side filterUnits primitiveUnits result in in2 mode
    type values tableValues slope intercept amplitude exponent k1 k2 k3 k4 operator radius
    stdDeviation edgeMode baseFrequency numOctaves seed stitchTiles scale xChannelSelector
    yChannelSelector surfaceScale diffuseConstant specularConstant specularExponent kernelUnitLength
    enable-background azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle media
""".split())
LINKS = frozenset({"href", XLINK + "href"})
KEPT_XML = frozenset({XML + "space", XML + "lang"})
_ELSEWHERE = re.compile(r"url\s*\(\s*(?!['\"]?#)|@import|expression\s*\(|javascript:", re.I)


class Refused(Exception):
    """The first thing in a logo that is not plain drawing, with its 1-based line and column."""

    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def refusal(raw: bytes) -> Refused | None:
    """Why the SVG *raw* may not be published as a logo; None when it may.

    defusedxml is imported here, when a catalog has a logo: 7 ms that a catalog without one
    (and every no-op build) does not pay.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser, ParseError

    parser = DefusedXMLParser(target=_Checker(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.target.expat = parser.parser
    try:
        parser.feed(raw)
        parser.close()
    except Refused as refused:
        return refused
    except ParseError as error:
        line, column = error.position
        return Refused(line, column + 1, f"not well-formed XML ({_reason(error)})")
    except DefusedXmlException as error:
        return _at(parser.parser, f"{type(error).__name__}: a logo holds no DTD or entities")
    return None


def _reason(error) -> str:
    return str(error).split(":", 1)[0]


def _at(expat, message: str) -> Refused:
    return Refused(expat.CurrentLineNumber, expat.CurrentColumnNumber + 1, message)


class _Checker:
    """An ElementTree parser target that refuses, at its position, what a logo may not hold."""

    expat = None  # the expat parser, for positions

    def __init__(self):
        self.depth = 0
        self.in_style = False
        self.style: list[str] = []
        self.style_at: Refused | None = None

    def start(self, tag: str, attrib: dict) -> None:
        if self.depth == 0 and tag == "svg":
            raise _at(self.expat, 'the root <svg> lacks xmlns="http://www.w3.org/2000/svg" (browsers do not '
                                  "draw it as SVG)")
        if self.depth == 0 and tag != SVG + "svg":
            raise _at(self.expat, f"the root element is <{_short(tag)}>, not an SVG <svg>")
        if not tag.startswith(SVG) or tag[len(SVG):] not in ELEMENTS:
            raise _at(self.expat, f"<{_short(tag)}> is not allowed in a logo (scripts, foreign content "
                                  "and images are refused; only SVG drawing elements are kept)")
        for name, value in attrib.items():
            self._attribute(tag, name, value)
        self.depth += 1
        if tag == SVG + "style":
            self.in_style, self.style_at = True, _at(self.expat, "<style> loads or runs something (@import, "
                                                                 "url() to another file); only url(#fragment) is allowed")

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name in LINKS:
            if not value.startswith("#"):
                raise _at(self.expat, f"<{_short(tag)} {_short(name)}> leads outside the logo ({value!r}); "
                                      "only #fragment links are allowed")
        elif name not in ATTRIBUTES and name not in KEPT_XML:
            raise _at(self.expat, f"attribute {_short(name)!r} of <{_short(tag)}> is not allowed in a logo")
        if _ELSEWHERE.search(value):
            raise _at(self.expat, f"attribute {_short(name)!r} of <{_short(tag)}> loads or runs something "
                                  f"({value!r}); only url(#fragment) is allowed")

    def end(self, tag: str) -> None:
        self.depth -= 1
        if self.in_style and _ELSEWHERE.search("".join(self.style)):
            raise self.style_at  # where the <style> starts
        self.in_style, self.style = False, []

    def data(self, text: str) -> None:
        if self.in_style:
            self.style.append(text)  # checked whole at its end: the parser may hand it over in pieces

    def pi(self, target: str, text: str) -> None:
        raise _at(self.expat, f"processing instruction <?{target}?> is not allowed in a logo")

    def close(self) -> None:
        return None


def _short(name: str) -> str:
    """A tag or attribute name without the SVG namespace, other namespaces kept."""
    return name[len(SVG):] if name.startswith(SVG) else name


MAX_LOGO_BYTES = 2**20  # a logo is a few kB; a larger one is refused before it is parsed


def logo_problems(path: str, shown: str) -> list[Problem]:
    """The problem with the logo at *path* (named *shown* in messages), as a list: empty when it
    may be published."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_LOGO_BYTES + 1)
    except OSError as error:
        return [Problem(shown, 1, 1, "", f"cannot read the logo: {error.strerror or error}")]
    if len(raw) > MAX_LOGO_BYTES:
        return [Problem(shown, 1, 1, "", f"logo larger than {MAX_LOGO_BYTES // 2**10} KiB; a logo is a few kB")]
    refused = refusal(raw)
    if refused is None:
        return []
    return [Problem(shown, refused.line, refused.column, "", f"logo refused: {refused.message}")]
