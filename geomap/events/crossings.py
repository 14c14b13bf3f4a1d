"""Bridges and dams: their status in a sentence, and crossings described rather than named.

"The only road bridge that connected Kherson city to the eastern bank of the Dnipro" names
no bridge; :class:`CrossingFinder` looks for the gazetteer's crossing over a river the
sentence names, nearest the towns it names, of the kind it says (road or rail, bridge or dam).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Mention, Place
from ..resolve import distance_km
from .places import Located
from .triggers import word_pattern

#: Gazetteer kinds of crossings, which a described bridge resolves to.
CROSSING_KINDS = ("bridge", "dam")

_DESCRIBED_CROSSING = re.compile(
    r"\b(?P<what>(?:the |a )?(?:only |main |key |last |(?:road|rail(?:way)?|highway|car|"
    r"pedestrian|road and rail) )*(?:bridge|dam|crossing))\b(?! over\w* \w+ (?:bridges|crossings))"
    r"[^.;]{0,60}?\b(?:connect\w*|link\w*|across|over|between|spann\w*)\b",
    re.I,
)
_INTACT = re.compile(
    r"\b(?:intact|undamaged|reopen\w*|repaired|still stand\w*|"
    r"not (?:been )?(?:damaged|destroyed|hit))\b",
    re.I,
)
_DAMAGED = re.compile(r"\b(?:damag\w*|struck|hit|breach\w*|shell\w*|attack\w*|explo\w*)\b", re.I)


def status(sentence: str) -> str | None:
    """A crossing's status as the sentence tells it: ``intact``, ``destroyed`` (the ruin
    words of ``triggers.tsv``) or ``damaged``."""
    for name, pattern in (
        ("intact", _INTACT),
        ("destroyed", word_pattern("RUIN")),
        ("damaged", _DAMAGED),
    ):
        if pattern.search(sentence):
            return name
    return None


class CrossingFinder:
    """Looks up bridges and dams near a point, for descriptions that name none.

    ``crossings`` are the gazetteer's places of :data:`CROSSING_KINDS` (see
    :meth:`geomap.gazetteer.Gazetteer.places_of_kind`).
    """

    def __init__(self, crossings: Sequence[Place]) -> None:
        self.crossings = tuple(crossings)

    def described(
        self, description: str, anchors: Sequence[Place], rivers: Sequence[Place]
    ) -> Place | None:
        """The crossing a description such as "the only road bridge that connected Kherson
        to the eastern bank of the Dnipro" most likely means: one over a river the sentence
        names (when it names one), nearest the towns it names, of the kind it says."""
        if not anchors:
            return None
        wanted_kind = "dam" if re.search(r"\bdam\b", description, re.I) else "bridge"
        rail = bool(re.search(r"\brail", description, re.I))
        best: tuple[float, str] | None = None
        chosen = None
        for crossing in self.crossings:
            if crossing.kind != wanted_kind:
                continue
            if rivers and not any(_near_line(crossing, river) for river in rivers):
                continue
            if rail != ("rail" in crossing.name.lower()):
                continue
            km = min(
                distance_km((crossing.lon, crossing.lat), (anchor.lon, anchor.lat))
                for anchor in anchors
            )
            if km > 40:
                continue
            if best is None or (km, crossing.id) < best:
                best, chosen = (km, crossing.id), crossing
        return chosen


def with_crossings(
    text: str,
    start: int,
    end: int,
    located: list[Located],
    in_sentence: Sequence[Located],
    mentions: Sequence[Mention],
    crossings: CrossingFinder | None,
) -> list[Located]:
    """``located`` plus the crossing a description in the sentence points at."""
    if crossings is None:
        return located
    match = _DESCRIBED_CROSSING.search(text, start, end)
    if not match:
        return located
    anchors = [
        m.place
        for m, _, _ in in_sentence
        if m.place and m.place.kind not in ("country", "admin1", "bank", "river", "region")
    ]
    rivers = [
        m.place
        for m in mentions
        if start <= m.start < end and m.place is not None and m.place.kind == "river"
    ]
    crossing = crossings.described(match.group(0), anchors, rivers)
    if crossing is None or any(m.place and m.place.id == crossing.id for m, _, _ in located):
        return located
    described = Mention(
        article_id="",
        start=match.start("what"),
        end=match.end("what"),
        text=match.group("what"),
        place=crossing,
    )
    return [*located, (described, "at", 2)]


def _near_line(place: Place, river: Place, degrees: float = 0.03) -> bool:
    """Whether ``place`` lies within about 3 km of ``river``'s line (or point)."""
    geometry = river.geometry
    if not geometry:
        return distance_km((place.lon, place.lat), (river.lon, river.lat)) < 5
    from shapely.geometry import Point, shape

    return bool(shape(geometry).distance(Point(place.lon, place.lat)) <= degrees)
