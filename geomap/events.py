"""Events: what the sentences of an article report, attached to places and dates.

A sentence yields one event per event type its trigger words name (a withdrawal, a raised
flag, a destroyed bridge...) and per literal place it names, or a plain ``statement`` when
it names places but no event. For each event:

* the places are the sentence's literal, resolved place names nearest to that type's
  trigger, each with its role (``at``, ``from``, ``to``, ``near``); places in an apposition
  ("Bilozerka, a town outside Kherson") only describe another one;
* the certainty is read around the trigger: ``negated`` ("no visible evidence of a
  withdrawal"), ``expected`` (future, hoped, ordered, feared: "would move to the east bank"),
  ``claimed`` (a party to the conflict says so) or ``reported``;
* the actors are the forces, officials and residents the sentence names, nearest to the
  trigger first, with the country a force belongs to (from the demonym: "Russian units");
* the date is the date expression nearest the trigger (see :mod:`geomap.dates`), else the
  article's date at week precision;
* a bridge described rather than named ("the only bridge that connected Kherson city to
  the eastern bank") is looked up among the gazetteer's bridges near the places named.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .articles import body_start
from .dates import DAY, WEEK, DateMention, find_dates
from .lexicon import NUMBER_WORDS
from .model import Article, Event, Mention, Place
from .resolve import distance_km
from .text import sentences

#: Gazetteer kinds of crossings, which a described bridge resolves to.
CROSSING_KINDS = ("bridge", "dam")


@dataclass(frozen=True)
class EventType:
    """An event type and its place in the PLOVER/ACLED/CAMEO vocabularies."""

    code: str
    label: str
    plover: str
    acled: str
    cameo: str
    triggers: re.Pattern[str]


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(rf"\b(?:{p})" for p in patterns), re.IGNORECASE)


_FLAG = r"(?:flags?|tricolou?r|banners?|standards?)"
_CROSSING = r"(?:bridges?|footbridges?|dams?|crossings?|overpass\w*|viaducts?)"
_RUIN = r"(?:destroy\w*|blew up|blown up|blow(?:ing|s)? up|collaps\w*|demolish\w*|wreck\w*|downed)"

#: Every type whose triggers occur in a sentence is reported; a sentence with none is a
#: statement. Triggers name the happening itself, in any tense.
EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "flag_removed",
        "Flag removed",
        "project extension",
        "",
        "017",
        _words(
            rf"{_FLAG}\b[^.;]{{0,60}}\b(?:remov\w*|taken down|took down|lowered|torn down|"
            r"tore down|(?:was|is) (?:gone|no longer))",
            rf"(?:remov\w*|t(?:ook|aking|ake) down|t(?:ore|earing|ear) down|lower\w*)\b"
            rf"[^.;]{{0,40}}\b{_FLAG}\b",
            r"empty flagpoles?",
            rf"without (?:its|a|the|their) (?:\w+ )?{_FLAG}",
        ),
    ),
    EventType(
        "flag_raised",
        "Flag raised",
        "project extension",
        "",
        "017",
        _words(
            rf"(?:rais|hoist|plant|unfurl)\w*\b[^.;]{{0,60}}\b{_FLAG}\b",
            rf"{_FLAG}\b[^.;]{{0,40}}\b(?:raised|hoisted|(?:is|was|were|are) flying|flew|went up)",
        ),
    ),
    EventType(
        "bridge_destroyed",
        "Bridge or dam destroyed",
        "ASSAULT / destroy",
        "Looting/property destruction",
        "1712",
        _words(
            rf"{_CROSSING}\b[^.;]{{0,90}}\b(?:{_RUIN}|damag\w*|struck|hit|breach\w*)",
            rf"(?:{_RUIN}|damag\w*|breach\w*)\b[^.;]{{0,60}}\b{_CROSSING}\b",
        ),
    ),
    EventType(
        "infrastructure_destroyed",
        "Other infrastructure destroyed",
        "ASSAULT / destroy",
        "Looting/property destruction",
        "1712",
        _words(
            rf"(?:infrastructure|power (?:plant|station|lines?)|substations?|railways?|"
            rf"pipelines?|roads?|(?:tele)?communications? towers?|water (?:supply|station))"
            rf"\b[^.;]{{0,50}}\b(?:{_RUIN}|damag\w*)",
            rf"(?:{_RUIN}|damag\w*)\b[^.;]{{0,40}}\b(?:infrastructure|power (?:plant|station)|"
            r"substations?|railways?|pipelines?|(?:tele)?communications? towers?)",
        ),
    ),
    EventType(
        "mines",
        "Mines and unexploded ordnance",
        "ASSAULT / explosives",
        "Remote explosive/landmine/IED",
        "1833",
        _words(
            r"(?:land)?mines\b",
            r"mined\b",
            r"minefields?",
            r"landmine",
            r"tripwires?",
            r"unexploded",
            r"booby.trap\w*",
            r"explosive devices?",
            r"demining",
        ),
    ),
    EventType(
        "withdrawal",
        "Withdrawal or retreat",
        "RETREAT / withdraw",
        "Non-violent transfer of territory",
        "0874",
        _words(
            r"withdr[ae]w\w*",
            r"withdrawals?",
            r"retreat\w*",
            r"pull(?:ed|ing|s)? (?:back|out)",
            r"pullbacks?",
            r"pullouts?",
            r"abandon\w*",
            r"evacuation of (?:troops|forces|soldiers|units)",
            r"(?:left|leave|leaving|fled|flee\w*) the (?:city|town|village|area|region)",
            # forces moving across a river to its other bank pull back behind it
            r"(?:move|moved|moving|movement)(?: of [\w\s-]{0,30}(?:units|troops|forces|soldiers))?"
            r"[^.;]{0,10} to the (?:left|right|east|west|eastern|western|other|opposite) bank",
        ),
    ),
    EventType(
        "advance",
        "Advance or capture of territory",
        "ASSAULT / CONTROL",
        "Government regains territory",
        "192",
        _words(
            r"advanc\w*",
            r"liberat\w*",
            r"recaptur\w*",
            r"retak\w*",
            r"retook",
            r"reclaim\w*",
            r"captur\w*",
            r"seiz\w*",
            r"entered",
            r"(?:took|taken|take|taking|gained|seized|in) control",
            r"regain\w*",
            r"returning",
            r"(?:took|taken|take|taking) back",
            r"occup(?:ied|y|ying)",
            r"(?:moving|moved|pushed|pushing|swept|rolled) into",
        ),
    ),
    EventType(
        "evacuation",
        "Evacuation or relocation",
        "project extension",
        "",
        "",
        _words(
            r"evacuat\w*",
            r"relocat\w*",
            r"deport\w*",
            r"(?:urg\w*|told|order\w*|call\w* on|advis\w*) (?:people|residents|civilians|everyone)"
            r" to (?:leave|flee|move)",
            r"(?:residents|civilians|people|thousands) (?:fled|have fled|left|are leaving)",
        ),
    ),
    EventType(
        "fortification",
        "Fortification",
        "MOBILIZE",
        "",
        "154",
        _words(
            r"fortif\w*",
            r"trench\w*",
            r"defensive (?:positions|lines)",
            r"dug in",
            r"digging in",
            r"dragon's teeth",
        ),
    ),
    EventType(
        "troop_presence",
        "Troop presence or deployment",
        "MOBILIZE",
        "",
        "154",
        _words(
            r"deploy\w*",
            r"(?:troops|forces|soldiers|units) (?:(?:have|has|had) )?(?:remain\w*|stay\w*|were seen|"
            r"are stationed)",
            r"stationed",
            r"garrison\w*",
            r"reinforc\w*",
            r"checkpoints?",
            r"patrols",
        ),
    ),
    EventType(
        "shelling",
        "Shelling or strike",
        "ASSAULT / heavy-weapons",
        "Shelling/artillery/missile attack",
        "195",
        _words(
            r"shell(?:ed|ing)\b",
            r"(?:air|missile|drone|rocket) ?strikes?",
            r"struck",
            r"missiles?",
            r"bomb(?:ed|ing|s|ard\w*)\b",
            r"artillery",
            r"rockets?",
            r"drone attacks?",
            r"airstrikes?",
        ),
    ),
    EventType(
        "looting",
        "Looting or removal of property",
        "COERCE / seize",
        "Looting/property destruction",
        "",
        _words(
            r"loot\w*",
            r"plunder\w*",
            r"pillag\w*",
            r"strip\w* (?:\w+ )?goods",
            r"(?:carrying|carried|taking|took) (?:off|away) (?:anything|everything|goods|property)",
            r"removing (?:furniture|equipment|property)",
            r"taking anything",
        ),
    ),
    EventType(
        "humanitarian",
        "Humanitarian conditions",
        "AID",
        "",
        "073",
        _words(
            r"without (?:water|power|electricity|heating|heat|food|internet)",
            r"humanitarian",
            r"shortages?",
            r"stockpil\w*",
            r"stocking up",
            r"aid (?:convoys?|deliveries)",
            r"blackouts?",
        ),
    ),
)
STATEMENT = EventType("statement", "Statement or claim", "", "", "", re.compile(r"(?!x)x"))
EVENT_TYPE_BY_CODE = {t.code: t for t in (*EVENT_TYPES, STATEMENT)}

#: Trigger words that describe an actor ("retreating troops") or date another happening
#: ("before their retreat") rather than report the event.
_ATTRIBUTIVE = re.compile(
    r"(?:\w+ing|\w+ed) (?:\w+ )?(?:troops|forces|soldiers|units|army|columns)\b", re.I
)
#: "in liberated Kherson", "newly liberated areas": a participle describing a place.
_PARTICIPLE_BEFORE_NAME = re.compile(
    r"\b(?:in|over|of|the|a|newly|recently|once|from|to)\s+\w+ed\s+(?:[A-Z]|areas|territor)"
)
_TEMPORAL_REFERENCE = re.compile(
    r"\b(?:before|after|prior to|since|despite|ahead of|following|during) (?:the |their |its |"
    r"his |a )?(?:\w+ )?(?:announcement of (?:the |their |a )?)?(?:\w+ )?\Z",
    re.I,
)
_CAPTURE = re.compile(
    r"liberat|recaptur|retak|retook|reclaim|captur|seiz|entered|control|regain|took back|"
    r"taken back|taking back|advanc\w* through|swept into|occup",
    re.I,
)

_NEGATION = re.compile(
    r"\b(?:no|not|never|none|nor|neither|without|denied|deny|denies|fail\w* to)\b|n't\b", re.I
)
_EXPECTATION = re.compile(
    r"\b(?:would|will|shall|might|may|could|should|expect\w*|plan\w*|likely|intend\w*|"
    r"threat\w*|hope\w*|hoping|soon|going to|possib\w*|prepar\w*|urg\w*|order\w*|"
    r"fear\w*|warn\w*|aim\w* to|attempt\w*|tr(?:y|ied|ying) to|illusion|stage|false|"
    r"prevent\w*|stop|ready to|if|whether|call\w* (?:on|for))\b|'ll\b",
    re.I,
)
#: What ends the stretch of sentence before a trigger that frames it.
_CLAUSE_BREAK = re.compile(
    r"[;:]|,\s(?:but|while|as|and|although|though|whereas|yet)\b|\s(?:as|while|but|"
    r"after|when|because|although|though|whereas)\s",
    re.I,
)
_CLAIM_VERB = re.compile(
    r"\b(?:said|says|say|saying|claim\w*|announc\w*|told|tells|stated|states|according to|"
    r"alleg\w*|insist\w*|assert\w*|report(?:ed|s)?|confirm\w*|declar\w*)\b",
    re.I,
)
#: Speakers that are a party to a conflict: their statements are claims.
_PARTY = re.compile(
    r"\b(?:minist\w*|military|officials?|government|president|spokes\w*|commander\w*|"
    r"governor|mayor|authorit\w*|army|intelligence|general staff|kremlin|forces|command|"
    r"administration|head of)\b",
    re.I,
)

_FORCE_NOUNS = (
    r"forces|troops|soldiers|army|military|units|tanks|fighters|militants|servicemen|"
    r"paratroopers|marines|navy|air force|artillery|patrols|occupiers|commanders?"
)
_OFFICIAL_NOUNS = (
    r"officials?|government|authorit\w+|administration|ministry|minister|defen[cs]e "
    r"ministry|president|governor|mayor|intelligence|spokes\w+|prosecutors?|police"
)
_FORCE_AFTER_DEMONYM = re.compile(
    rf"\A(?:[-\w]+ ){{0,2}}?(?:{_FORCE_NOUNS})\b|\A-(?:backed|led|controlled) "
    rf"(?:[-\w]+ ){{0,1}}?(?:{_FORCE_NOUNS})\b",
    re.I,
)
_OFFICIAL_AFTER_DEMONYM = re.compile(
    rf"\A(?:-(?:installed|appointed|backed) )?(?:[-\w]+ ){{0,2}}?(?:{_OFFICIAL_NOUNS})\b", re.I
)
_RESIDENTS = re.compile(
    r"\b(?:residents|civilians|citizens|crowds|locals|inhabitants|villagers|townspeople)\b", re.I
)

_QUANTITY = re.compile(
    r"\b(?P<text>(?:(?:at least|about|around|an estimated|some|more than|over|nearly|almost|"
    r"roughly|up to|dozens of|hundreds of|thousands of)\s+)*"
    r"(?P<number>\d[\d,.]*(?:\s+(?:thousand|million))?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|dozens|hundreds|thousands)\s+(?:[-\w]+\s+){0,2}?"
    r"(?P<unit>troops|soldiers|bridges|mines|towns|villages|settlements|people|civilians|"
    r"residents|buildings|tanks|vehicles|shells|missiles|drones|dead|killed|wounded|"
    r"kilometers|kilometres|miles|square kilometers))\b",
    re.I,
)
_NUMBER_WORDS = NUMBER_WORDS | {"dozens": 24, "hundreds": 200, "thousands": 2000}

#: The preposition nearest before a place name (at most three words before it) gives the
#: place's role in the event.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?P<word>from|out of|left|leaving|leave|fled|abandon\w*|near|outside|around|"
    r"outskirts of|close to|edge of|approaches to|(?:north|south|east|west)(?:east|west)? of|"
    r"km (?:from|of)|kilometers (?:from|of)|miles (?:from|of)|to|into|towards?|onto|reached|"
    r"reach|in|on|at|through|across|over|inside|within|by)\s+(?:the\s+)?(?:[-\w]+\s+){0,3}\Z",
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
_NEAR_WORDS = re.compile(
    r"near|outside|around|outskirts|close|edge|approaches|north|south|east|west|km|kilomet|mile",
    re.I,
)
#: "Kyiv, Ukraine – ...": a dateline at the start of a paragraph says where the report was
#: written, not where anything happened.
_DATELINE_AFTER = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([^)]{1,30}\)\s*)?[-–—]"
)
#: "the Moscow flag", "the Kherson direction": a name used as an adjective.
_ATTRIBUTIVE_USE = re.compile(r"\s+(?P<word>[a-z]+)\b")
_NOT_NOUNS = frozenset(
    """
    and or but is was were are has have had will would could might may should can did does
    do on in at of to from for by with as after before since where which that who when while
    said says region oblast province district county city river bank area
    """.split()
)
_APPOSITION = re.compile(r"\A\s*,\s+(?:a|an|the)\b[^,;.]*\Z", re.I)
_DESCRIBED_CROSSING = re.compile(
    r"\b(?P<what>(?:the |a )?(?:only |main |key |last |(?:road|rail(?:way)?|highway|car|"
    r"pedestrian|road and rail) )*(?:bridge|dam|crossing))\b(?! over\w* \w+ (?:bridges|crossings))"
    r"[^.;]{0,60}?\b(?:connect\w*|link\w*|across|over|between|spann\w*)\b",
    re.I,
)
_STATUS = (
    ("destroyed", re.compile(rf"\b(?:{_RUIN})", re.I)),
    ("damaged", re.compile(r"\b(?:damag\w*|struck|hit|breach\w*|shell\w*)\b", re.I)),
    ("intact", re.compile(r"\b(?:intact|undamaged|reopen\w*|repaired|still stand\w*)\b", re.I)),
)


@dataclass(frozen=True)
class Actor:
    """Who acts: a label ("Russian forces", "officials", "residents"), the country a force
    or official belongs to (ISO code) and where the words are in the text."""

    label: str
    side: str | None
    start: int


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


def extract_events(
    article: Article, mentions: Sequence[Mention], crossings: CrossingFinder | None = None
) -> list[Event]:
    """The events of one article, in text order.

    ``crossings`` resolves bridges described but not named; without it they stay unresolved.
    """
    text = article.text
    body = body_start(text)
    reference = article.date
    spans = [(max(s, body), e) for s, e in sentences(text) if e > body]
    places_in_text = [
        m for m in mentions if m.role == "location" and m.literal and m.place is not None
    ]
    demonyms = [m for m in mentions if m.role == "demonym" and m.place is not None]
    acting = [
        m
        for m in mentions
        if m.place is not None
        and (m.role == "metonym" or (m.role == "location" and m.place.kind in ("country", "city")))
    ]
    events: list[Event] = []
    anchor: DateMention | None = None
    previous: tuple[int, list[Located]] | None = None  # the last sentence with places
    for number, (start, end) in enumerate(spans):
        if start >= end:
            continue
        sentence = text[start:end]
        dates: list[DateMention] = []
        if reference is not None:
            dates = [
                _in_quotation(text, start, d, reference, anchor)
                for d in find_dates(text, start, end, reference, anchor)
            ]
            if not dates and number + 1 < len(spans):
                dates = _fragment_dates(text, spans[number + 1], reference, anchor)
        explicit = [d for d in dates if d.explicit and d.precision == DAY]
        in_sentence = _event_places(text, start, end, places_in_text)
        actors = _actors(text, start, end, demonyms, acting)
        triggers = _triggers(sentence, start)
        if triggers and not in_sentence and previous and "\n" not in text[previous[0] : start]:
            # "On Thursday, the flag was gone.": where the sentence before says
            in_sentence = [(m, role, 2) for m, role, _ in previous[1] if role != "from"]
        elif in_sentence:
            previous = (end, in_sentence)
        by_type = _assign_places(triggers, in_sentence)
        for event_type, trigger_start, trigger_end, places in by_type:
            before = _clause_before(text, start, trigger_start)
            certainty = _certainty(text, start, end, before, trigger_start, trigger_end)
            date = _nearest_date(
                _parenthetical_dates(text, trigger_start, reference, anchor) or dates,
                trigger_start,
            )
            quantity = _quantity(text, start, end, trigger_start)
            place_list = list(places)
            sub_type = _sub_type(event_type.code, text[trigger_start : trigger_end + 12])
            if event_type.code == "bridge_destroyed" or _CROSSING_WORD.search(sentence):
                place_list = _with_crossings(
                    text, start, end, place_list, in_sentence, mentions, crossings
                )
            if event_type.code == "bridge_destroyed":
                named = [p for p in place_list if p[0].place and p[0].place.kind in CROSSING_KINDS]
                place_list = named or [(m, "near", g) for m, _, g in place_list]
                sub_type = _status(sentence) or "destroyed"
            elif event_type.code in ("flag_raised", "flag_removed"):
                sub_type = _flag_country(text, trigger_start, trigger_end, demonyms, acting)
            ordered = _actors_by_nearness(actors, trigger_start)
            seen: set[str] = set()
            for mention, role, geo in place_list:
                place = mention.place
                assert place is not None
                key = f"{place.id}|{role}"
                if key in seen:
                    continue
                seen.add(key)
                if place.kind in CROSSING_KINDS and event_type.code != "bridge_destroyed":
                    sub_type = _status(sentence) or "mentioned"
                events.append(
                    Event(
                        event_id=_event_id(article.id, start, place.id, event_type.code, role),
                        event_type=event_type.code,
                        article_id=article.id,
                        quote=sentence,
                        quote_start=start,
                        quote_end=end,
                        place=place,
                        place_name_as_written=mention.text,
                        event_date=date.date if date else reference,
                        time_precision=date.precision if date else (WEEK if reference else 3),
                        geo_precision=max(geo, GEO_PRECISION.get(place.kind, 1)),
                        certainty=certainty,
                        actor1=ordered[0].label if ordered else None,
                        actor2=ordered[1].label if len(ordered) > 1 else None,
                        source_url=article.url,
                        sub_type=sub_type,
                        place_role=role,
                        actor1_side=ordered[0].side if ordered else None,
                        actor2_side=ordered[1].side if len(ordered) > 1 else None,
                        quantity=quantity[0] if quantity else None,
                        quantity_text=quantity[1] if quantity else None,
                    )
                )
        if explicit:
            anchor = explicit[-1]
    return events


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
_CROSSING_WORD = re.compile(rf"\b{_CROSSING}\b", re.I)

Located = tuple[Mention, str, int]  # a place mention, its role, its geo precision


def _event_places(text: str, start: int, end: int, places: Sequence[Mention]) -> list[Located]:
    """The literal places of a sentence an event can happen at, with their roles."""
    inside = [m for m in places if start <= m.start < end]
    # a river named inside "the left bank of the Dnipro" is part of the bank's name
    inside = [
        m
        for m in inside
        if not any(o is not m and o.start <= m.start and m.end <= o.end for o in inside)
    ]
    if any(m.place and m.place.kind != "country" for m in inside):
        inside = [m for m in inside if m.place and m.place.kind != "country"]
    located: list[Located] = []
    previous_end: int | None = None
    for mention in inside:
        between = text[previous_end : mention.start] if previous_end is not None else ""
        previous_end = mention.end
        if between and _APPOSITION.match(between):
            continue
        if _is_dateline(text, mention) or _used_as_adjective(text, mention):
            continue
        if _acts(text, mention):
            continue  # "Moscow might stage a withdrawal": who acts, not where
        role = "at"
        preposition = _last_match(
            _PREPOSITION_BEFORE, text, max(start, mention.start - 45), mention.start
        )
        if preposition:
            word = preposition.group("word").lower()
            role = _ROLE_OF_PREPOSITION.get(word, "near" if _NEAR_WORDS.match(word) else "at")
        if role == "agent":
            continue  # "captured by Moscow": who did it, not where
        located.append((mention, role, 2 if role == "near" else 1))
    return located


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The match of ``pattern`` in ``text[start:end]`` that starts last."""
    found = None
    while (match := pattern.search(text, start, end)) is not None:
        found, start = match, match.start() + 1
    return found


def _acts(text: str, mention: Mention) -> bool:
    """Whether a country or a capital-sized city is the subject of an active verb."""
    place = mention.place
    if place is None or not (
        place.kind == "country" or (place.kind == "city" and place.population >= 1_000_000)
    ):
        return False
    return bool(_SUBJECT_VERB.match(text, mention.end))


def _is_dateline(text: str, mention: Mention) -> bool:
    line_start = text.rfind("\n", 0, mention.start) + 1
    return not text[line_start : mention.start].strip() and bool(
        _DATELINE_AFTER.match(text, mention.end)
    )


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


def _triggers(sentence: str, offset: int) -> list[tuple[EventType, int, int]]:
    """``(type, start, end)`` of each event type's first real trigger in the sentence."""
    found = []
    for event_type in EVENT_TYPES:
        for match in event_type.triggers.finditer(sentence):
            if _ATTRIBUTIVE.match(sentence, match.start()) or _PARTICIPLE_BEFORE_NAME.search(
                sentence[max(0, match.start() - 20) : match.end() + 2]
            ):
                continue
            if _TEMPORAL_REFERENCE.search(sentence[max(0, match.start() - 50) : match.start()]):
                continue
            found.append((event_type, offset + match.start(), offset + match.end()))
            break
    return found


def _assign_places(
    triggers: Sequence[tuple[EventType, int, int]], places: Sequence[Located]
) -> list[tuple[EventType, int, int, list[Located]]]:
    """Each type with the places nearest its trigger; a type nearest to none shares them all.

    A shared place keeps no "to" or "from": that preposition belongs to the verb the place
    is nearest ("moving into Kherson while Russian units pulled out": the withdrawal is
    not *to* Kherson). Without a trigger the sentence is a statement at its places.
    """
    if not places:
        return []
    if not triggers:
        first = places[0][0].start
        return [(STATEMENT, first, first, list(places))]
    nearest: dict[int, list[Located]] = {i: [] for i in range(len(triggers))}
    for located in places:
        mention = located[0]
        distances = [
            (_gap(mention.start, mention.end, t_start, t_end), i)
            for i, (_, t_start, t_end) in enumerate(triggers)
        ]
        nearest[min(distances)[1]].append(located)
    shared = [
        (mention, "at" if role in ("to", "from") else role, precision)
        for mention, role, precision in places
    ]
    return [
        (event_type, t_start, t_end, nearest[i] or shared)
        for i, (event_type, t_start, t_end) in enumerate(triggers)
    ]


def _gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, b_start - a_end, a_start - b_end)


def _clause_before(text: str, sentence_start: int, position: int) -> str:
    """The words of the trigger's clause before it."""
    before = text[sentence_start:position]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def _certainty(
    text: str, start: int, end: int, before: str, trigger_start: int, trigger_end: int
) -> str:
    """``negated``, ``expected``, ``claimed`` or ``reported``, in that order of precedence."""
    after = text[trigger_end : min(end, trigger_end + 25)]
    if _NEGATION.search(before[-90:]):
        return "negated"
    if _EXPECTATION.search(before[-70:]) or re.match(r"\s*(?:would|will|soon)\b", after):
        return "expected"
    sentence = text[start:end]
    if _CLAIM_VERB.search(sentence) and _PARTY.search(sentence):
        return "claimed"
    return "reported"


def certainty_of(sentence: str) -> str:
    """The certainty of a whole sentence as one statement (see :func:`extract_events`)."""
    return _certainty(sentence, 0, len(sentence), sentence, len(sentence), len(sentence))


def classify(sentence: str) -> EventType:
    """The first event type whose triggers occur in ``sentence``, else a statement."""
    found = _triggers(sentence, 0)
    return min(found, key=lambda t: t[1])[0] if found else STATEMENT


def _sub_type(code: str, trigger: str) -> str | None:
    if code == "advance":
        return "capture" if _CAPTURE.search(trigger) else "advance"
    return None


def _nearest_date(dates: Sequence[DateMention], position: int) -> DateMention | None:
    """The date nearest the trigger, preferring those that date an event to bounds."""
    usable = [d for d in dates if not d.boundary] or list(dates)
    if not usable:
        return None
    return min(usable, key=lambda d: (abs(d.start - position), d.start))


def _fragment_dates(
    text: str, span: tuple[int, int], reference: dt.date, anchor: DateMention | None
) -> list[DateMention]:
    """The date of a following fragment that is only a date ("... Kherson. November 14, 2022)")."""
    start, end = span
    found = find_dates(text, start, end, reference, anchor)
    rest = text[start:end]
    for d in reversed(found):
        rest = rest[: d.start - start] + rest[d.end - start :]
    if found and len(re.findall(r"[^\W\d_]+", rest)) <= 2 and found[0].explicit:
        return found[:1]
    return []


def _parenthetical_dates(
    text: str, position: int, reference: dt.date | None, anchor: DateMention | None
) -> list[DateMention]:
    """The dates inside the parentheses around ``position`` (a photo caption's own date)."""
    opening = text.rfind("(", max(0, position - 400), position)
    if reference is None or opening < 0 or ")" in text[opening:position]:
        return []
    closing = text.find(")", position, position + 400)
    if closing < 0:
        return []
    return find_dates(text, opening, closing, reference, anchor)


def _in_quotation(
    text: str, start: int, date: DateMention, reference: dt.date, anchor: DateMention | None
) -> DateMention:
    """``date`` as its speaker meant it: "this morning" inside a quotation is the morning of
    the last explicit date before it, not of the article."""
    if date.explicit or anchor is None or anchor.precision != DAY:
        return date
    if not _quoted(text, start, date.start):
        return date
    return find_dates(text, date.start, date.end, anchor.date, anchor)[0]


def _quoted(text: str, sentence_start: int, position: int) -> bool:
    """Whether ``position`` lies inside a quotation opened in or before this sentence."""
    stretch = text[max(0, sentence_start - 400) : position]
    straight = stretch.count('"') % 2 == 1
    curly = stretch.rfind("“") > stretch.rfind("”")
    return straight or curly


def _actors(
    text: str, start: int, end: int, demonyms: Sequence[Mention], others: Sequence[Mention]
) -> list[Actor]:
    """Forces, officials, governments and residents the sentence names, in text order.

    ``others`` are the article's metonyms ("captured by Moscow") and countries named as the
    subject of a verb ("Russia has deployed"), which act as their government.
    """
    adjectives = _adjectives(demonyms)
    found: list[Actor] = []
    for mention in demonyms:
        if not start <= mention.start < end:
            continue
        place = mention.place
        assert place is not None
        adjective = _adjective(mention.text)
        after = text[mention.end : min(end, mention.end + 40)]
        after = re.sub(r"\A['’]s\b", "", after).lstrip(" ")
        if adjective != re.sub(r"['’]s\Z", "", mention.text):  # "the Russians"
            found.append(Actor(f"{adjective} forces", place.country, mention.start))
        elif _OFFICIAL_AFTER_DEMONYM.match(after):
            found.append(Actor(f"{adjective} officials", place.country, mention.start))
        elif _FORCE_AFTER_DEMONYM.match(after):
            found.append(Actor(f"{adjective} forces", place.country, mention.start))
    for mention in others:
        place = mention.place
        if not (start <= mention.start < end and place is not None):
            continue
        after = text[mention.end : min(end, mention.end + 40)]
        agent = re.search(r"\w+ed\s+by\s+\Z", text[max(0, mention.start - 30) : mention.start])
        if mention.role == "location" and not (_acts(text, mention) or agent):
            continue
        name = adjectives.get(place.country or "", place.name)
        if re.match(rf"['’]s\s+(?:[-\w]+\s+)?(?:{_FORCE_NOUNS})\b", after, re.I):
            found.append(Actor(f"{name} forces", place.country, mention.start))
        else:
            found.append(Actor(f"{name} government", place.country, mention.start))
    for match in _RESIDENTS.finditer(text, start, end):
        found.append(Actor("residents", None, match.start()))
    found.sort(key=lambda a: a.start)
    unique: list[Actor] = []
    for actor in found:
        if not any(a.label == actor.label for a in unique):
            unique.append(actor)
    return unique


#: An active verb after a name: its subject acts ("Russia has deployed", "Moscow might
#: stage", "Ukraine claiming"); a passive one ("Kyiv was shelled") leaves it a place.
_SUBJECT_VERB = re.compile(
    r"\s+(?:(?:has|have|had)\s+(?!been\b)\w+ed|(?:will|would|might|may|could|must|should)"
    r"\s+(?!be\b)[a-z]+|said|says|claim\w*|announc\w*|warn\w*|den(?:y|ies|ied)|accus\w*|"
    r"deploy\w*|launch\w*|withdr\w*|retreat\w*|captur\w*|attack\w*|invad\w*|insist\w*)\b"
)


def _adjective(word: str) -> str:
    """The adjective of a demonym as written: "Russians" → "Russian", "Ukraine's" → "Ukraine"."""
    word = re.sub(r"['’]s\Z", "", word)
    if word.endswith("s") and word[:-1].endswith(("an", "i", "ese")):
        return word[:-1]
    return word


def _adjectives(demonyms: Sequence[Mention]) -> dict[str, str]:
    """Country code → the adjective the article uses for it ("RU" → "Russian")."""
    found: dict[str, str] = {}
    for mention in demonyms:
        if mention.place and mention.place.country:
            found.setdefault(mention.place.country, _adjective(mention.text))
    return found


def _actors_by_nearness(actors: Sequence[Actor], trigger: int) -> list[Actor]:
    """Actors ordered for a trigger: the nearest before it (its subject) first, then the
    nearest after it (an agent: "destroyed by Russian forces"), then the rest."""
    before = sorted((a for a in actors if a.start < trigger), key=lambda a: -a.start)
    after = sorted((a for a in actors if a.start >= trigger), key=lambda a: a.start)
    forces_first = sorted(before, key=lambda a: a.side is None)  # stable: nearest force first
    return forces_first + after


def _quantity(text: str, start: int, end: int, trigger: int) -> tuple[int, str] | None:
    """The count nearest the trigger ("at least seven bridges" → 7), with its words."""
    best: tuple[int, int, str] | None = None
    for match in _QUANTITY.finditer(text, start, end):
        number = _number(match.group("number"))
        if number is None:
            continue
        distance = _gap(match.start(), match.end(), trigger, trigger + 1)
        if best is None or distance < best[0]:
            best = (distance, number, match.group("text"))
    return (best[1], best[2]) if best else None


def _number(word: str) -> int | None:
    word = word.lower().replace(",", "")
    scale = 1
    if word.endswith(" thousand"):
        word, scale = word[: -len(" thousand")].strip(), 1000
    elif word.endswith(" million"):
        word, scale = word[: -len(" million")].strip(), 1_000_000
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word] * scale
    try:
        return int(float(word) * scale)
    except ValueError:
        return None


_FLAG_WORD = re.compile(rf"\b{_FLAG}\b", re.I)


def _flag_country(
    text: str, start: int, end: int, demonyms: Sequence[Mention], names: Sequence[Mention]
) -> str | None:
    """The ISO code of the country whose flag a flag trigger names ("the Ukrainian flag",
    "Ukraine's flag", "the State Flag of Ukraine"), or ``None``."""
    flag = _FLAG_WORD.search(text, start, end)
    if flag is None:
        return None
    for mention in (*demonyms, *names):
        place = mention.place
        if place is None:
            continue
        before = 0 <= flag.start() - mention.end <= 25
        after = (
            0 <= mention.start - flag.end() <= 5
            and text[flag.end() : mention.start].strip() == "of"
        )
        if before or after:
            return place.country
    return None


def _status(sentence: str) -> str | None:
    for status, pattern in _STATUS:
        if pattern.search(sentence):
            return status
    return None


def _with_crossings(
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


def event_sources(events: Sequence[Event]) -> dict[str, str]:
    """The flat properties that name the articles, events and quotes behind a map feature."""
    return {
        "article_ids": ";".join(sorted({e.article_id for e in events})),
        "event_ids": ";".join(e.event_id for e in events),
        "quotes": " | ".join(dict.fromkeys(e.quote for e in events)),
    }


def _event_id(article_id: str, start: int, place_id: str, code: str, role: str) -> str:
    raw = f"{article_id}|{start}|{place_id}|{code}|{role}".encode()
    return hashlib.sha256(raw).hexdigest()[:16]
