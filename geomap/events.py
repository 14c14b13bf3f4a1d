"""Events: what the sentences of an article report, attached to the places they name.

Each sentence that names a literal, resolved place yields one event per place: its type
comes from trigger words (a withdrawal, a raised flag, a destroyed bridge...), its
certainty from the sentence's framing (reported, claimed, expected, negated) and its actors
from the forces and people the sentence names. The date is the article's date, at week
precision, until a sentence gives its own.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Article, Event, Mention
from .text import sentences


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
    return re.compile("|".join(rf"\b{p}" for p in patterns), re.IGNORECASE)


#: Checked in this order; the first type whose triggers occur in a sentence is its type.
EVENT_TYPES: tuple[EventType, ...] = (
    EventType(
        "flag_removed",
        "Flag removed",
        "project extension",
        "",
        "017",
        re.compile(
            r"\bflags?\b.{0,80}\b(remov|taken down|took down|lowered|torn down|tore down|no longer)"
            r"|\b(remov|took down|tore down|lowered)\w*\b.{0,60}\bflags?\b|empty flagpole",
            re.IGNORECASE,
        ),
    ),
    EventType(
        "flag_raised",
        "Flag raised",
        "project extension",
        "",
        "017",
        re.compile(
            r"\b(rais|hoist|fly|flying|flew|planted|wav)\w*\b.{0,60}\bflags?\b"
            r"|\bflags?\b.{0,40}\b(raised|hoisted|flying|flew|went up)",
            re.IGNORECASE,
        ),
    ),
    EventType(
        "bridge_destroyed",
        "Bridge or dam destroyed",
        "ASSAULT / destroy",
        "Looting/property destruction",
        "1712",
        re.compile(
            r"\b(bridges?|dams?)\b.{0,80}\b(destroy|blew up|blown up|collaps|demolish|wreck|struck|damag)"
            r"|\b(destroy|blew up|blow up|blown up|demolish)\w*\b.{0,60}\b(bridges?|dams?)\b",
            re.IGNORECASE,
        ),
    ),
    EventType(
        "mines",
        "Mines and unexploded ordnance",
        "ASSAULT / explosives",
        "Remote explosive/landmine/IED",
        "1833",
        _words(
            "mines\\b", "mined\\b", "minefield", "landmine", "tripwire", "unexploded", "booby.trap"
        ),
    ),
    EventType(
        "withdrawal",
        "Withdrawal or retreat",
        "RETREAT / withdraw",
        "Non-violent transfer of territory",
        "0874",
        _words(
            "withdr[ae]w",
            "withdrawal",
            "withdrawing",
            "retreat",
            "pull(?:ed|ing)? (?:back|out)",
            "left the city",
            "abandon",
        ),
    ),
    EventType(
        "advance",
        "Advance or capture of territory",
        "ASSAULT / CONTROL",
        "Government regains territory",
        "192",
        _words(
            "advanc",
            "liberat",
            "recaptur",
            "retak",
            "reclaim",
            "captur",
            "seiz",
            "entered",
            "took control",
            "regain",
            "returning",
        ),
    ),
    EventType(
        "evacuation",
        "Evacuation or relocation",
        "project extension",
        "",
        "",
        _words("evacuat", "relocat"),
    ),
    EventType(
        "fortification",
        "Fortification",
        "MOBILIZE",
        "",
        "154",
        _words("fortif", "trench", "defensive (?:positions|lines)", "dug in", "digging in"),
    ),
    EventType(
        "troop_presence",
        "Troop presence or deployment",
        "MOBILIZE",
        "",
        "154",
        _words("deploy", "troops remain", "stationed", "garrison", "soldiers .{0,20}visible"),
    ),
    EventType(
        "shelling",
        "Shelling or strike",
        "ASSAULT / heavy-weapons",
        "Shelling/artillery/missile attack",
        "195",
        _words(
            "shell(?:ed|ing|s)\\b",
            "strikes?\\b",
            "missile",
            "bomb",
            "artillery",
            "rocket",
            "drone attack",
        ),
    ),
    EventType(
        "looting",
        "Looting or removal of property",
        "COERCE / seize",
        "Looting/property destruction",
        "",
        _words("loot", "plunder", "strip\\w* goods", "removing furniture", "taking anything"),
    ),
    EventType(
        "humanitarian",
        "Humanitarian conditions",
        "AID",
        "",
        "073",
        _words(
            "without (?:water|power|electricity|heating)", "humanitarian", "shortage", "stockpil"
        ),
    ),
)
STATEMENT = EventType("statement", "Statement or claim", "", "", "", re.compile(r"(?!x)x"))
EVENT_TYPE_BY_CODE = {t.code: t for t in (*EVENT_TYPES, STATEMENT)}

_NEGATION = re.compile(r"\b(no|not|never|none|nor)\b|n't\b|\bwithout evidence", re.IGNORECASE)
_EXPECTATION = re.compile(
    r"\b(would|will|expect\w*|might|may|could|plan\w*|likely|soon|hope\w*|intend\w*|threaten\w*)\b",
    re.IGNORECASE,
)
_CLAIM = re.compile(
    r"\b(said|says|say|claim\w*|announc\w*|according to|told|stated|report\w*|alleg\w*)\b",
    re.IGNORECASE,
)
_ACTORS = (
    (
        "Ukrainian forces",
        re.compile(r"\bUkrain\w*\s+(forces|troops|soldiers|army|military|armed forces)", re.I),
    ),
    (
        "Russian forces",
        re.compile(r"\bRussia\w*\s+(forces|troops|soldiers|army|military|units|tanks)", re.I),
    ),
    (
        "officials",
        re.compile(r"\bofficials?\b|\bminist(er|ry)\b|\bpresident\b|\badministration\b", re.I),
    ),
    ("residents", re.compile(r"\b(residents|civilians|citizens|crowds|locals|people)\b", re.I)),
)

#: ACLED-style geo precision by kind of place: 1 the place, 2 near it, 3 region, 4 country.
GEO_PRECISION = {
    "country": 4,
    "admin1": 3,
    "admin2": 3,
    "river": 2,
    "bank": 3,
    "reservoir": 2,
    "estuary": 2,
}


def extract_events(article: Article, mentions: Sequence[Mention]) -> list[Event]:
    """The events of one article, in text order."""
    events = []
    for start, end in sentences(article.text):
        in_sentence = [
            m
            for m in mentions
            if start <= m.start < end and m.role == "location" and m.place is not None
        ]
        if not in_sentence:
            continue
        # A sentence naming a town and its country happened in the town.
        specific = [m for m in in_sentence if m.place and m.place.kind != "country"]
        in_sentence = specific or in_sentence
        quote = article.text[start:end]
        event_type = classify(quote)
        certainty = certainty_of(quote)
        actors = actors_of(quote)
        seen: set[str] = set()
        for mention in in_sentence:
            place = mention.place
            assert place is not None
            if place.id in seen:
                continue
            seen.add(place.id)
            events.append(
                Event(
                    event_id=_event_id(article.id, start, place.id, event_type.code),
                    event_type=event_type.code,
                    article_id=article.id,
                    quote=quote,
                    quote_start=start,
                    quote_end=end,
                    place=place,
                    place_name_as_written=mention.text,
                    event_date=article.date,
                    time_precision=2 if article.date else 3,
                    geo_precision=GEO_PRECISION.get(place.kind, 1),
                    certainty=certainty,
                    actor1=actors[0] if actors else None,
                    actor2=actors[1] if len(actors) > 1 else None,
                    source_url=article.url,
                )
            )
    return events


def classify(sentence: str) -> EventType:
    """The first event type whose triggers occur in ``sentence``, else a statement."""
    for event_type in EVENT_TYPES:
        if event_type.triggers.search(sentence):
            return event_type
    return STATEMENT


def certainty_of(sentence: str) -> str:
    """``negated``, ``expected``, ``claimed`` or ``reported``, in that order of precedence."""
    if _NEGATION.search(sentence):
        return "negated"
    if _EXPECTATION.search(sentence):
        return "expected"
    if _CLAIM.search(sentence):
        return "claimed"
    return "reported"


def actors_of(sentence: str) -> list[str]:
    """Actors named in ``sentence``, in order of first appearance."""
    found = []
    for name, pattern in _ACTORS:
        match = pattern.search(sentence)
        if match:
            found.append((match.start(), name))
    return [name for _, name in sorted(found)]


def _event_id(article_id: str, start: int, place_id: str, code: str) -> str:
    raw = f"{article_id}|{start}|{place_id}|{code}".encode()
    return hashlib.sha256(raw).hexdigest()[:16]
