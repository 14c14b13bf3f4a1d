"""Where an event happened: the literal places of a sentence, each with its role.

A place name in a sentence is an event's place unless it only frames the report:

* a dateline ("KYIV —", "BANGKOK:", "Khartoum, Jan 12 (IANS)", "(EL FASHER) —") says where
  the report was written;
* an apposition or a relative clause ("Bilozerka, a village near Kherson", "Hostomel, which
  lies 10 km from Kyiv") describes the place before it;
* a name used as an adjective ("the Moscow flag") or acting ("captured by Moscow", "Russia
  has deployed") is who, not where;
* a region or country that holds another place of the event ("Balakliia in the Kharkiv
  region") only says where that place is.

The role comes from the preposition before the name: ``from`` (withdrawn from), ``to``
(moved to), ``near`` (outside, 10 km from) or ``at``. A distance and bearing ("30 km south
of Izium") makes a point of its own at that distance, with the named place as its reference
(:func:`relative_place`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ..lexicon import SITE_KINDS as LEXICON_SITE_KINDS
from ..model import Mention, Place
from .actors import acts, can_act, starting_in

Located = tuple[Mention, str, int]  # a place mention, its role, its geo precision

#: ACLED-style geo precision by kind of place: 1 the place, 2 near it, 3 region, 4 country.
GEO_PRECISION = {
    "country": 4,
    "admin1": 3,
    "admin2": 3,
    "region": 3,
    "river": 2,
    "bank": 3,
    "reservoir": 2,
    "estuary": 2,
    "sea": 3,
}
#: Sites inside a town: named with it ("the Azovstal steelworks in Mariupol"), they are where.
SITE_KINDS = LEXICON_SITE_KINDS | {"building", "neighbourhood"}
_LOCATING = re.compile(r"\A(?:\s*,)?\s+(?:in|near|outside|of|at)\s+(?:the\s+)?\Z|\A\s*,\s*\Z", re.I)
#: Kinds that contain other places: named beside a place inside them, they only locate it.
CONTAINERS = ("country", "admin1", "admin2", "region")

#: The preposition nearest before a place name (at most three words before it).
_PREPOSITION_BEFORE = re.compile(
    r"\b(?P<word>from|out of|left|leaving|leave|fled|abandon\w*|near|outside|around|"
    r"outskirts of|close to|edge of|approaches to|(?:north|south|east|west)(?:east|west)? of|"
    r"km (?:from|of)|kilometers (?:from|of)|kilometres (?:from|of)|miles (?:from|of)|to|into|"
    r"towards?|onto|reached|reach|in|on|at|through|across|over|inside|within|by)\s+"
    r"(?:the\s+)?(?:(?![-\w]+ed\s|(?:took|retook|hit|struck|seized|won|left)\s)[-\w]+\s+){0,3}"
    # an Arabic article written onto the name ("in al-Mawasi", "from el-Fasher")
    r"(?:(?:al|el|ad|ar|as|an|ash|az)-)?\Z",
    re.I,
)
_ROLE_OF_PREPOSITION = {
    "from": "from",
    "out of": "from",
    "left": "from",
    "leaving": "from",
    "leave": "from",
    "fled": "from",
    "to": "to",
    "into": "to",
    "toward": "to",
    "towards": "to",
    "onto": "to",
    "reached": "to",
    "reach": "to",
    "by": "agent",
}
#: "to" and a short noun phrase before "in X": X is where the movement leads ("moved to a
#: humanitarian zone in al-Mawasi", "evacuated to shelters in Kharkiv").
_TO_A_PLACE_IN = re.compile(
    r"\b(?:to|into|towards?)\s+(?:an?\s+|the\s+)?(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*\s+\Z"
)
#: How far before "in" the "to" of :data:`_TO_A_PLACE_IN` may stand (characters).
_TO_REACH = 80
_NEAR_WORDS = re.compile(
    r"near|outside|around|outskirts|close|edge|approaches|north|south|east|west|km|kilomet|mile",
    re.I,
)
#: What follows a dateline's place: a country or state, a date, an agency, then a dash or
#: colon ("KYIV, Ukraine —", "Khartoum, Jan 12 (IANS)", "BANGKOK:").
_DATELINE_AFTER = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r",?\s*(?:\([^)]{1,30}\)\s*)?"
    r"(?:[-–—:]|\)\s*[-–—]|(?<=\))\s)"
)
#: What may stand on a dateline's line before its place: a date, an opening parenthesis.
_DATELINE_BEFORE = re.compile(r"\A\s*(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}\s*)?\(?\s*\Z")
#: "the Moscow flag", "the Kherson direction": a name used as an adjective.
_ATTRIBUTIVE_USE = re.compile(r"\s+(?P<word>[a-z]+)\b")
_NOT_NOUNS = frozenset(
    """
    and or but is was were are has have had will would could might may should can did does
    do on in at of to from for by with as after before since where which that who when while
    said says region oblast province district county city river bank area state governorate
    strip valley coast coastline border frontier peninsula enclave salient pocket outskirts
    suburbs front sector axis direction
    """.split()
)
#: Between a place and the next: an apposition or relative clause describing the first
#: ("Hostomel, which lies 10 km from Kyiv", "Wad Madani, some 189 km south of Khartoum").
_DESCRIPTION = re.compile(
    r"\A\s*,\s+(?:a|an|the|which|that|where|who|some|about|around|roughly|nearly|just|only|"
    r"less|more|located|situated|lying|\d)\b[^,;.]*(?:,\s*)?\Z|\A\s*\(\s*\Z",
    re.I,
)
#: After a name, a stretch of front named after it.
_FRONT_AFTER = re.compile(r"\s+(?:front|sector|axis|direction)\b")
#: After a name, the officials it titles: the speaker's jurisdiction, not where it happened.
_JURISDICTION_OF_SPEAKER = re.compile(
    r"\s+(?:(?:regional|city|local|military|health|civil|state)\s+){0,2}"
    r"(?:officials?|authorities|governor|mayor|ministry|police|administration|spokes\w+)\b"
)
#: Phrases whose places frame the report rather than locate the event: the start of a
#: period, the source, an actor's area of command (to the name, in one clause).
_FRAMING_PHRASE = re.compile(
    r"\b(?:since the (?:start|beginning|outbreak|onset) of|according to|responsible for|"
    r"in charge of|which (?:commands|oversees)|that (?:commands|oversees))\b[^,;:.()“”\"]*\Z",
    re.I,
)
#: A name that only locates the place after it: "the Kyiv suburb of Irpin".
_NEIGHBOUR_OF = re.compile(
    r"\s+(?:suburbs?|outskirts|district|neighbou?rhoods?|satellite town|exurb)\s+of\s+[A-Z]"
)
#: A region owning the place named next: "Darfur's Zamzam camp", "Ukraine's eastern Donetsk".
_OWNS_NEXT = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,2}")
#: "30 km south of", "10 kilometres from": a distance and bearing before a name.
_DISTANCE = re.compile(
    r"(?P<number>\d+(?:\.\d+)?|a few|several|some)\s*(?P<unit>km|kilomet(?:er|re)s?|miles?)"
    r"\s*(?:\([^)]{0,20}\)\s*)?(?:(?P<bearing>north|south|east|west|northeast|northwest|"
    r"southeast|southwest|north-east|north-west|south-east|south-west)\s+of|from|outside|"
    r"away from)\s+(?:the\s+)?(?:[-\w]+\s+){0,2}\Z",
    re.I,
)
_BEARINGS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}


def event_places(text: str, start: int, end: int, places: Sequence[Mention]) -> list[Located]:
    """The literal places of the sentence ``text[start:end]`` an event can happen at, with
    their roles and geo precision (``places``: the article's, in text order)."""
    inside = starting_in(places, start, end)
    # a river named inside "the left bank of the Dnipro" is part of the bank's name
    inside = [
        m
        for m in inside
        if not any(o is not m and o.start <= m.start and m.end <= o.end for o in inside)
    ]
    if any(m.place and m.place.kind not in ("country", "continent") for m in inside):
        # a country is where something happened only when nothing nearer is named
        inside = [m for m in inside if m.place and m.place.kind not in ("country", "continent")]
    located: list[Located] = []
    previous: Mention | None = None
    for number, mention in enumerate(inside):
        following = inside[number + 1] if number + 1 < len(inside) else None
        if (
            following is not None
            and mention.place is not None
            and mention.place.kind in CONTAINERS
            and _OWNS_NEXT.fullmatch(text, mention.end, following.start)
        ):
            previous = mention
            continue  # "Darfur's Zamzam camp": the region only says where the camp is
        between = text[previous.end : mention.start] if previous is not None else ""
        after_site = (
            previous is not None
            and previous.place is not None
            and (previous.place.kind in SITE_KINDS)
        )
        previous = mention
        if between and _DESCRIPTION.match(between):
            continue
        if after_site and _LOCATING.match(between):
            continue  # "the Antonov airport in Hostomel": the airport is where
        if is_dateline(text, mention) or _used_as_adjective(text, mention):
            continue
        if _JURISDICTION_OF_SPEAKER.match(text, mention.end):
            continue  # "Gaza health officials say", "Donetsk governor Filashkin": who speaks
        if _FRAMING_PHRASE.search(text, max(start, mention.start - 120), mention.start):
            continue  # "since the start of the clashes in North Darfur", "according to an
            # official in London", "the command responsible for forces in the Middle East"
        if re.match(r"\s+time\)", text[mention.end : mention.end + 7]):
            continue  # "(Kyiv time)": a clock, not a place
        if _NEIGHBOUR_OF.match(text, mention.end) or (
            re.search(r"\s(?:city|town)\Z", mention.text, re.I)
            and re.match(r"\s+of\s+[A-Z]", text[mention.end : mention.end + 6])
        ):
            continue  # "the Kyiv suburb of Irpin", "the Gaza city of Rafah": the suburb, the city
        if acts(text, mention) or _possessor(text, mention):
            continue  # "Moscow might stage a withdrawal", "Kyiv's soldiers": who, not where
        if mention.place is not None and mention.place.kind in CONTAINERS:
            referent = _described_town(text, mention, places)
            if referent is not None:
                # "Tigray's regional capital", "the biggest town in the Kursk region": the
                # town of that region the article names
                located.append((referent, "at", 1))
                continue
        if text[mention.end : mention.end + 1] in ("-", "‑") and re.match(
            r"[-‑](?:backed|led|held|controlled|based|installed|appointed|allied)\b",
            text[mention.end : mention.end + 14],
        ):
            continue  # "Rwanda-backed rebels", "Kyiv-controlled": a modifier
        role = "at"
        preposition = _last_match(
            _PREPOSITION_BEFORE, text, max(start, mention.start - 45), mention.start
        )
        if preposition:
            word = preposition.group("word").lower()
            role = _ROLE_OF_PREPOSITION.get(word, "near" if _NEAR_WORDS.match(word) else "at")
            reach = max(start, preposition.start() - _TO_REACH)  # not the whole clause again
            if word == "in" and _TO_A_PLACE_IN.search(text, reach, preposition.start()):
                role = "to"  # "to move to a humanitarian zone in al-Mawasi": where they went
        if role == "agent":
            continue  # "captured by Moscow": who did it, not where
        if _FRONT_AFTER.match(text, mention.end):
            role = "near"  # "the Vovchansk front", "the Kupiansk direction": fighting near it
        located.append((mention, role, 2 if role == "near" else 1))
    return _without_containers(located)


#: A town described by its region: "the key city in Gezira state", "the biggest town in
#: Russia's Kursk region" (before the region), "Tigray's regional capital" (after it).
_TOWN_OF_BEFORE = re.compile(
    r"\b(?:the|its|key|main|biggest|largest|second[- ]largest|third[- ]largest|regional|"
    r"provincial|administrative|strategic)\s+(?:[a-z-]+\s+)?(?:city|town|capital|port|hub)\s+"
    r"(?:in|of)\s+(?:the\s+)?(?:[\w-]+['’]s\s+)?(?:[a-z]+ern\s+)?\Z"
)
_TOWN_OF_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:regional\s+|provincial\s+|administrative\s+|state\s+)?capital\b"
)
#: What "the key city", "the regional capital" describe (not villages).
_CITY_KINDS = ("city", "town")


def _described_town(text: str, mention: Mention, places: Sequence[Mention]) -> Mention | None:
    """The mention of the town the words around a region's name describe, when the
    article names exactly one town of that region (the nearest mention of it), else None."""
    region = mention.place
    if region is None or not (
        _TOWN_OF_BEFORE.search(text, max(0, mention.start - 70), mention.start)
        or _TOWN_OF_AFTER.match(text, mention.end)
    ):
        return None
    towns = [
        m
        for m in places
        if m.place is not None and m.place.kind in _CITY_KINDS and _holds_any(region, [m.place])
    ]
    if len({m.place.id for m in towns if m.place}) != 1:
        return None
    return min(towns, key=lambda m: abs(m.start - mention.start))


def without_nearby(places: list[Located]) -> list[Located]:
    """An event's places without those only near it when it has places it happened at
    ("shelled the camp near El Fasher": the camp)."""
    return [p for p in places if p[1] != "near"] or places


def _possessor(text: str, mention: Mention) -> bool:
    """Whether a country or capital-sized city owns what follows ("Kyiv's soldiers",
    "Moscow's belt"): a side, not a place. ("Ukraine's Donetsk region" names a region,
    which is the place; the country goes as its container.)"""
    return can_act(mention.place) and text[mention.end : mention.end + 2] in ("'s", "’s")


def _without_containers(located: list[Located]) -> list[Located]:
    """Drop countries and regions that hold another of the places ("Balakliia in the
    Kharkiv region": the town is where it happened)."""
    specific = [m.place for m, _, _ in located if m.place and m.place.kind not in CONTAINERS]
    if not specific:
        return located
    kept = []
    for mention, role, precision in located:
        place = mention.place
        if place is not None and place.kind in CONTAINERS and _holds_any(place, specific):
            continue
        kept.append((mention, role, precision))
    return kept


def _holds_any(container: Place, places: Sequence[Place]) -> bool:
    if container.kind == "country":
        return any(p.country == container.country for p in places)
    name = _core_name(container.name)
    return any(
        p.country == container.country and p.admin1 is not None and _core_name(p.admin1) == name
        for p in places
    )


_DIVISION_WORDS = re.compile(
    r"\b(?:oblast|region|province|state|governorate|county|district|prefecture)\b", re.I
)


def _core_name(name: str) -> str:
    """A division's name without its kind word: "Kharkiv Oblast" → "kharkiv"."""
    return " ".join(_DIVISION_WORDS.sub(" ", name.lower()).split())


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The match of ``pattern`` in ``text[start:end]`` that starts last."""
    found = None
    while (match := pattern.search(text, start, end)) is not None:
        found, start = match, match.start() + 1
    return found


def is_dateline(text: str, mention: Mention) -> bool:
    """Whether the name opens a line as a dateline ("KYIV —", "Khartoum, Jan 12 (IANS)")."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    if not _DATELINE_BEFORE.match(text[line_start : mention.start]):
        return False
    return bool(_DATELINE_AFTER.match(text, mention.end))


def _used_as_adjective(text: str, mention: Mention) -> bool:
    """Whether the name is used as an adjective: "the Moscow flag", "the Kherson direction"."""
    if not re.search(r"\bthe\s+\Z", text[max(0, mention.start - 5) : mention.start], re.I):
        return False
    if mention.place is None or mention.place.kind in ("bank", "river", "bridge", "dam"):
        return False
    if any(word[:1].islower() for word in mention.text.split()):
        return False  # "the left bank of the Dnipro early that morning"
    after = _ATTRIBUTIVE_USE.match(text, mention.end)
    return (
        bool(after)
        and after.group("word") not in _NOT_NOUNS
        and not after.group("word").endswith("ly")
    )


def relative_place(text: str, sentence_start: int, mention: Mention) -> Place | None:
    """The point a distance and bearing before ``mention`` name ("30 km south of Izium"),
    or ``None``. Its id and name say how it was made; the named place is its reference."""
    place = mention.place
    if place is None:
        return None
    match = _DISTANCE.search(text, max(sentence_start, mention.start - 60), mention.start)
    if match is None:
        return None
    number = match.group("number")
    try:
        distance = float(number)
    except ValueError:
        distance = 5.0  # "a few", "several", "some" kilometres
    if match.group("unit").lower().startswith("mile"):
        distance *= 1.609
    bearing_word = (match.group("bearing") or "").lower().replace("-", "")
    bearing = _BEARINGS.get(bearing_word)
    if bearing is None:
        return None  # "10 km from X": the direction is unknown; X itself, near
    lon, lat = _destination(place.lon, place.lat, bearing, distance)
    km = f"{distance:g}"
    return Place(
        id=f"{place.id}@{km}km-{bearing_word}",
        name=f"{km} km {bearing_word} of {place.name}",
        kind="point",
        lon=round(lon, 5),
        lat=round(lat, 5),
        country=place.country,
        admin1=place.admin1,
    )


def _destination(lon: float, lat: float, bearing: float, km: float) -> tuple[float, float]:
    """The point ``km`` away from (lon, lat) on ``bearing`` degrees (a sphere)."""
    radius = 6371.0
    angle = km / radius
    phi1, lam1, theta = math.radians(lat), math.radians(lon), math.radians(bearing)
    phi2 = math.asin(
        math.sin(phi1) * math.cos(angle) + math.cos(phi1) * math.sin(angle) * math.cos(theta)
    )
    lam2 = lam1 + math.atan2(
        math.sin(theta) * math.sin(angle) * math.cos(phi1),
        math.cos(angle) - math.sin(phi1) * math.sin(phi2),
    )
    return math.degrees(lam2), math.degrees(phi2)
