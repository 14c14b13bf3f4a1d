"""Who acts: armed forces, governments, officials and residents named in a sentence.

Three sources, one :class:`Actor` each with a side (the code events carry):

* ``actors.tsv``: forces named as such ("the RSF", "Hayat Tahrir al-Sham", "the IDF",
  "Wagner"), and the generic words ("the rebels", "government forces") that take the side
  of the article's named actor of their kind (:class:`ArticleActors`);
* a country's adjective before a force or official noun ("Russian troops", "Sudanese army",
  "Ukrainian officials"), from the gazetteer's demonyms;
* a country or capital that acts ("captured by Moscow", "Russia has deployed"), the
  metonyms of geoparsing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol, TypeVar

from ..model import Mention, Place
from .tables import compile_pattern, read_table

_FORCE_NOUNS = (
    r"forces|troops|soldiers|army|military|units|tanks|fighters|militants|servicemen|"
    r"paratroopers|marines|navy|air force|aviation|warplanes|jets|drones|artillery|patrols|"
    r"occupiers|commanders?|grouping|brigades?|battalions?|divisions?|defenders|garrison|"
    r"rebels|militias?|armed forces|special forces|sappers|infantry|"
    # what a side strikes or moves with: "Israeli airstrike", "US air strikes", "Russian advances"
    r"air ?strikes?|airstrikes?|strikes?|attacks?|shelling|bombardment|missiles?|rockets?|"
    r"aircraft|offensive|counteroffensive|advances?|assault|incursion|"
    # what a side holds: "Ukraine's main defensive strongholds"
    r"(?:[-\w]+ ){0,2}strongholds?|positions|bastions?"
)
_OFFICIAL_NOUNS = (
    r"officials?|government|authorit\w+|administration|ministry|minister|defen[cs]e "
    r"ministry|president|presidency|governor|mayor|intelligence|spokes\w+|prosecutors?|"
    r"police|general staff|command"
)
_FORCE_AFTER_DEMONYM = re.compile(
    rf"\A(?:[-\w]+ ){{0,3}}?(?:{_FORCE_NOUNS})\b|\A-(?:backed|led|controlled|held) "
    rf"(?:[-\w]+ ){{0,1}}?(?:{_FORCE_NOUNS})\b",
    re.I,
)
_OFFICIAL_AFTER_DEMONYM = re.compile(
    rf"\A(?:-(?:installed|appointed|backed) )?(?:[-\w]+ ){{0,2}}?(?:{_OFFICIAL_NOUNS})\b", re.I
)
#: Non-state fighters named by a country's adjective: not that state's forces.
_NON_STATE_AFTER_DEMONYM = re.compile(
    r"\A(?:[-\w]+ )?(?:rebels?|insurgents?|militants?|opposition|militias?|jihadists?|"
    r"separatists?|guerrillas?|partisans?)\b",
    re.I,
)
_RESIDENTS = re.compile(
    r"\b(?:residents|civilians|citizens|crowds|locals|inhabitants|villagers|townspeople)\b", re.I
)
#: An active verb after a name: its subject acts ("Russia has deployed", "Moscow might
#: stage", "Ukraine claiming"); a passive one ("Kyiv was shelled") leaves it a place.
SUBJECT_VERB = re.compile(
    r"\s+(?:(?:has|have|had)\s+(?!been\b)\w+ed|(?:is|was|has been)\s+\w+ing|"
    r"(?:will|would|might|may|could|must|should)\s+(?!be\b)[a-z]+|said|says|claim\w*|"
    r"announc\w*|warn\w*|den(?:y|ies|ied)|accus\w*|deploy\w*|launch\w*|withdr\w*|"
    r"retreat\w*|captur\w*|recaptur\w*|attack\w*|invad\w*|insist\w*|occupied|seized|struck|"
    r"hit|shelled|regained|retook|took|advanc\w*|pull\w*)\b"
)


@dataclass(frozen=True)
class Actor:
    """Who acts: a label ("Russian forces", "Rapid Support Forces", "residents"), the side
    (an ISO country code, or a non-state force's code), its kind (``state``,
    ``non-state`` or ``civilian``) and where its words are in the text."""

    label: str
    side: str | None
    start: int
    end: int
    kind: str = "state"


@dataclass(frozen=True)
class ActorRule:
    """One row of ``actors.tsv``; ``side`` is ``None`` for a generic word."""

    side: str | None
    kind: str
    label: str
    pattern: re.Pattern[str]
    example: str


@cache
def actor_rules() -> tuple[ActorRule, ...]:
    """The rows of ``actors.tsv``, compiled, in file order."""
    rules = []
    for number, row in enumerate(read_table("actors.tsv"), 1):
        where = f"actors.tsv row {number}"
        pattern = compile_pattern(rf"\b(?:{row['pattern']})", where)
        side = None if row["side"] == "-" else row["side"]
        rules.append(ActorRule(side, row["kind"], row["label"], pattern, row["example"]))
    return tuple(rules)


@cache
def non_state_names() -> dict[str, str]:
    """Non-state side code → the label of its first row ("RSF" → "Rapid Support Forces")."""
    labels: dict[str, str] = {}
    for rule in actor_rules():
        if rule.side and rule.kind == "non-state":
            labels.setdefault(rule.side, rule.label)
    return labels


@cache
def generic_labels(kind: str) -> frozenset[str]:
    """The labels of the generic rows of one ``kind`` ("rebels" for ``non-state``)."""
    return frozenset(r.label for r in actor_rules() if r.side is None and r.kind == kind)


def named_actors(text: str, start: int, end: int) -> list[Actor]:
    """The actors of ``actors.tsv`` named in ``text[start:end]`` (generic ones with no
    side yet), longest first where two overlap."""
    found: list[Actor] = []
    for rule in actor_rules():
        for match in rule.pattern.finditer(text, start, end):
            found.append(Actor(rule.label, rule.side, match.start(), match.end(), rule.kind))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[Actor] = []
    for actor in found:
        if kept and actor.start < kept[-1].end:
            continue
        if actor.side is not None and _BACKER.match(text, actor.end):
            continue  # "Rwanda-backed rebels", "Houthi-run television": not who acts
        kept.append(actor)
    return kept


_LED = re.compile(r"-led\s+\Z")
#: After a name, words that make it a backer or owner rather than the actor.
_BACKER = re.compile(
    r"[-‑](?:backed|run|owned|affiliated|allied|aligned|installed|appointed|supported|funded)\b"
)


class ArticleActors:
    """The actors of one article, and the sides of its generic words.

    "The rebels" is the non-state force named with them ("HTS-led rebels") or before them in
    their sentence, else the one the article names most; "the army" and
    "government forces" are the state where most of the article's places are, else the
    state force it names most. ``demonyms`` and ``acting`` are the article's demonym
    mentions and its names of countries and capitals; ``places`` its literal places.
    """

    def __init__(
        self,
        text: str,
        demonyms: Sequence[Mention],
        acting: Sequence[Mention],
        places: Sequence[Mention],
    ) -> None:
        self.text = text
        # in text order, so a sentence's are found by bisection (:func:`starting_in`)
        self.demonyms = sorted(demonyms, key=lambda m: m.start)
        self.acting = sorted(acting, key=lambda m: m.start)
        self.adjectives = _adjectives(self.demonyms)
        everyone = named_actors(text, 0, len(text))
        self.everyone = everyone
        self.named = [a for a in everyone if a.side is not None]
        self._named_by_end = {a.end: a for a in self.named}
        states: Counter[str] = Counter()
        non_state: Counter[str] = Counter()
        previous: Actor | None = None
        for actor in everyone:
            if actor.side is None:
                leader = self._leader(actor)
                if leader is None:
                    continue
                actor = leader
            elif (
                previous is not None
                and previous.side == actor.side
                and text[previous.end : actor.start] == " ("
            ):
                continue  # "Rapid Support Forces (RSF)": one mention
            previous = actor
            (states if actor.kind == "state" else non_state)[actor.side or ""] += 1
        for actor in self._demonym_actors(0, len(text)):
            if actor.side and actor.label.endswith("forces"):
                states[actor.side] += 1
        countries = Counter(m.place.country for m in places if m.place and m.place.country)
        self.home_state = _most_common(countries) or _most_common(states)
        self.non_state = _most_common(non_state)

    def in_sentence(self, start: int, end: int) -> list[Actor]:
        """Forces, officials, governments and residents of ``text[start:end]``, in text
        order, one per label and side."""
        found = []
        for actor in starting_in(self.everyone, start, end):
            if actor.end > end:
                continue
            if actor.side is None:
                leader = self._leader(actor)
                if leader is not None:
                    found = [a for a in found if a.start != leader.start]
                    actor = Actor(leader.label, leader.side, leader.start, actor.end, leader.kind)
            found.append(self._with_side(actor))
        taken = [(a.start, a.end) for a in found]
        for actor in [*self._demonym_actors(start, end), *self._acting(start, end)]:
            if not any(s <= actor.start < e for s, e in taken):
                found.append(actor)
        for match in _RESIDENTS.finditer(self.text, start, end):
            found.append(Actor("residents", None, match.start(), match.end(), "civilian"))
        found.sort(key=lambda a: a.start)
        unique: list[Actor] = []
        for actor in found:
            if not any(a.label == actor.label and a.side == actor.side for a in unique):
                unique.append(actor)
        return unique

    def _leader(self, generic: Actor) -> Actor | None:
        """The named force that leads a generic one: "HTS-led rebels" → HTS."""
        led = _LED.search(self.text, max(0, generic.start - 12), generic.start)
        return self._named_by_end.get(led.start()) if led else None

    def _with_side(self, actor: Actor) -> Actor:
        if actor.side is not None:
            return actor
        if actor.kind == "state":
            side = self.home_state
        else:
            sentence_start = max(
                self.text.rfind(". ", 0, actor.start), self.text.rfind("\n", 0, actor.start)
            )
            earlier = [
                a
                for a in self.named
                if a.kind == actor.kind and sentence_start < a.start and a.end <= actor.start
            ]
            side = earlier[-1].side if earlier else self.non_state
        return Actor(actor.label, side, actor.start, actor.end, actor.kind)

    def _demonym_actors(self, start: int, end: int) -> list[Actor]:
        text = self.text
        found = []
        for mention in starting_in(self.demonyms, start, end):
            place = mention.place
            if place is None:
                continue
            adjective = _adjective(mention.text)
            after = text[mention.end : min(end, mention.end + 40)]
            after = re.sub(r"\A['’]s\b", "", after).lstrip(" ")
            holds = re.match(r"\A[-‑](?:held|controlled|occupied)\b", text[mention.end : end])
            if _NON_STATE_AFTER_DEMONYM.match(after):
                continue  # "Syrian rebels" are not Syria's forces (the generic row finds them)
            if holds or adjective != re.sub(r"['’]s\Z", "", mention.text):
                label = f"{adjective} forces"  # "the Russian-held town", "the Russians"
            elif _OFFICIAL_AFTER_DEMONYM.match(after):
                label = f"{adjective} officials"
            elif _FORCE_AFTER_DEMONYM.match(after):
                label = f"{adjective} forces"
            else:
                continue
            found.append(Actor(label, place.country, mention.start, mention.end))
        return found

    def _acting(self, start: int, end: int) -> list[Actor]:
        text = self.text
        adjectives = self.adjectives
        found = []
        for mention in starting_in(self.acting, start, end):
            place = mention.place
            if place is None:
                continue
            after = text[mention.end : min(end, mention.end + 40)]
            agent = re.search(r"\w+ed\s+by\s+\Z", text[max(0, mention.start - 30) : mention.start])
            armed = re.match(rf"(?:['’]s)?\s+(?:[-\w]+\s+)?(?:{_FORCE_NOUNS})\b", after, re.I)
            if mention.role == "location" and not (acts(text, mention) or agent or armed):
                continue
            name = adjectives.get(place.country or "", place.name)
            label = f"{name} forces" if armed else f"{name} government"
            found.append(Actor(label, place.country, mention.start, mention.end))
        return found


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...


_Item = TypeVar("_Item", bound=_Spanned)


def starting_in(items: Sequence[_Item], start: int, end: int) -> list[_Item]:
    """The ``items`` (mentions, actors: in text order) that start in ``[start, end)``,
    found by bisection: a sentence costs its own items, not the article's."""
    low = bisect_left(items, start, key=lambda item: item.start)
    return list(items[low : bisect_left(items, end, lo=low, key=lambda item: item.start)])


def _most_common(counts: Counter[str]) -> str | None:
    """The most counted key; of equals, the first counted (named first in the article)."""
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def can_act(place: Place | None) -> bool:
    """Whether a place can stand for a state: a country or a capital-sized city."""
    return place is not None and (
        place.kind == "country" or (place.kind == "city" and place.population >= 1_000_000)
    )


def acts(text: str, mention: Mention) -> bool:
    """Whether a country or a capital-sized city is the subject of an active verb."""
    return can_act(mention.place) and bool(SUBJECT_VERB.match(text, mention.end))


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


#: After an actor, words that make it the source of the sentence, not who acts in it: "...,
#: the Houthi media office said", "according to the RSF, which said".
_SPEAKS = re.compile(
    r"[\s-]*(?:[\w'’-]+\s+){0,3}?(?:said|says|reported|announced|claimed|told|stated|added|"
    r"media|TV|television|office|spokes\w+|statement)\b"
)
#: The label of the first-person row of ``actors.tsv`` ("we", "our forces").
FIRST_PERSON = "our forces"


def speaks(text: str, actor: Actor) -> bool:
    """Whether ``actor`` is the source of its sentence ("..., the Russian ministry said")."""
    return bool(_SPEAKS.match(text, actor.end))


_PASSIVE_AGENT = re.compile(
    r"\A\s*(?:,\s*)?(?:\w+\s+){0,3}?(?P<word>by|to)\s+"
    r"(?:what\s+[\w'’-]+\s+(?:\w+\s+)?call(?:ed|s)\s+)?(?:the\s+)?\Z",  # "by what he called"
    re.I,
)
#: Triggers after which "to X" names the taker ("fell to the rebels"); after others it names
#: a receiver ("surrendered to Russian forces": the actor is who surrendered).
_FALLS = re.compile(r"(?:fell|falls|fallen|falling|passed|handed)\b", re.I)


def for_trigger(
    actors: Sequence[Actor], text: str, clause_start: int, trigger_start: int, trigger_end: int
) -> list[Actor]:
    """Actors ordered for a trigger: a passive agent ("retaken by the Ukrainian army",
    "fell to the rebels") first, then the actors before the trigger in its clause, nearest
    first (its subject, even when its side is unknown), then the nearest force before it in
    the sentence, then those after it."""
    agents = [
        a
        for a in actors
        if a.start >= trigger_end
        and a.start - trigger_end <= 40
        and (agent := _PASSIVE_AGENT.match(text[trigger_end : a.start])) is not None
        and (agent.group("word").lower() == "by" or _FALLS.match(text, trigger_start))
        and a.kind != "civilian"
    ]
    before = sorted((a for a in actors if a.start < trigger_start), key=lambda a: -a.start)
    in_clause = [a for a in before if a.start >= clause_start]
    after = sorted(
        (a for a in actors if a.start >= trigger_start and a not in agents and not speaks(text, a)),
        key=lambda a: a.start,
    )
    rest = sorted((a for a in before if a not in in_clause), key=lambda a: a.side is None)
    ordered = [*agents[:1], *in_clause, *rest, *after]
    unique: list[Actor] = []
    for actor in ordered:
        if actor not in unique:
            unique.append(actor)
    return unique
