"""Events of one article: triggers, places, actors, certainty and dates put together.

For each sentence after the date line:

1. the triggers of ``triggers.tsv`` (:mod:`.triggers`) say which event types it reports;
2. its literal places (:mod:`.places`) go to the trigger nearest them in their clause; a
   nominal trigger's object ("the recapture of Wad Madani") is its only place; a sentence
   that reports an event but names no place takes the places of the sentence before it;
3. the actors (:mod:`.actors`) are ordered for each trigger: a passive agent, then the
   nearest force before it in its clause;
4. the certainty and whether it is background (:mod:`.modality`) are read in the clause;
5. the date is the date expression nearest the trigger in its clause, then in the sentence
   (:mod:`geomap.dates`); background without a date of its own is undated; else the
   article's date at week precision. An event that happened is never dated after the article.

The same event told in several sentences becomes one event with its reports
(:func:`geomap.events.reports.merge_reports`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Sequence

from ..articles import body_start
from ..dates import DAY, WEEK, DateMention, find_dates
from ..lexicon import NUMBER_WORDS, SETTLEMENT_KINDS
from ..model import Article, Event, Mention
from ..text import sentences
from .actors import FIRST_PERSON, Actor, ArticleActors, for_trigger, speaks, starting_in
from .clauses import Clause, clause_at, clauses
from .crossings import CROSSING_KINDS, CrossingFinder, status, with_crossings
from .modality import ATTEMPT, certainty, is_background
from .places import GEO_PRECISION, Located, event_places, relative_place, without_nearby
from .reports import merge_reports
from .triggers import STATEMENT, EventType, Trigger, find_triggers, word_pattern


def extract_events(
    article: Article, mentions: Sequence[Mention], crossings: CrossingFinder | None = None
) -> list[Event]:
    """The events of one article, in text order, one per event and place.

    ``crossings`` resolves bridges described but not named; without it they stay unresolved.
    """
    text = article.text
    body = body_start(text)
    reference = article.date
    mentions = sorted(mentions, key=lambda m: m.start)
    crossings_named = _crossing_mentions(mentions)
    spans = [(max(s, body), e) for s, e in sentences(text) if e > body]
    places_in_text = sorted(
        (m for m in mentions if m.role == "location" and m.literal and m.place is not None),
        key=lambda m: m.start,
    )
    demonyms = [m for m in mentions if m.role == "demonym" and m.place is not None]
    acting = [
        m
        for m in mentions
        if m.place is not None
        and (m.role == "metonym" or (m.role == "location" and m.place.kind in ("country", "city")))
    ]
    cast = ArticleActors(text, demonyms, acting, places_in_text)
    events: list[Event] = []
    anchor: DateMention | None = None
    previous: tuple[int, list[Located]] | None = None  # the last sentence with places
    previous_actors: tuple[int, list[Actor], int] | None = None  # the last sentence with forces
    title_end = _title_end(text, body)
    for number, (start, end) in enumerate(spans):
        if start >= end:
            continue
        sentence = text[start:end]
        dates: list[DateMention] = []
        if reference is not None:
            dates = [
                _in_quotation(text, start, d, reference, anchor)
                for d in find_dates(text, start, end, reference, anchor)
                if not _in_dateline(text, d)
            ]
            if not dates and number + 1 < len(spans):
                dates = _fragment_dates(text, spans[number + 1], reference, anchor)
        explicit = [d for d in dates if d.explicit and d.precision == DAY]
        in_sentence = event_places(text, start, end, places_in_text)
        actors = cast.in_sentence(start, end)
        near = previous is not None and "\n" not in text[previous[0] : start]
        found = clauses(text, start, end)
        triggers = find_triggers(sentence, start, found)
        # "On Thursday, the flag was gone.": where the sentence before says
        carried = [(m, r, 2) for m, r, _ in previous[1] if r != "from"] if previous and near else []
        before = previous[1] if previous else []
        if triggers and not in_sentence:
            in_sentence = carried
        elif in_sentence:
            previous = (end, in_sentence)
        if any(a.side for a in actors):
            previous_actors = (end, actors, number)
        elif (
            triggers
            and previous_actors
            and (previous_actors[0] > title_end or start <= title_end)
            and number - previous_actors[2] <= 2
            and _ANAPHOR.search(sentence)
        ):
            # "They entered the city on Friday.", "The bombardment also destroyed homes.":
            # the forces of the sentence before (or the one before it; not the title's)
            actors = [
                *actors,
                *(
                    Actor(a.label, a.side, start, start, a.kind)
                    for a in previous_actors[1]
                    if a.side
                ),
            ]
        # "Its capture would...": the places of the last sentence that named one
        antecedent = (
            [(m, "at" if r in ("to", "from") else r, g) for m, r, g in before] if triggers else []
        )
        for trigger, places in _assign_places(text, found, triggers, in_sentence, antecedent):
            events.extend(
                _events_of(
                    article,
                    mentions,
                    crossings,
                    trigger,
                    places,
                    in_sentence,
                    actors,
                    dates,
                    anchor,
                    (start, end),
                    found,
                    carried,
                    crossings_named,
                )
            )
        if explicit:
            anchor = explicit[-1]
    return merge_reports(events, body_end=_title_end(text, body), reference=reference)


def _events_of(
    article: Article,
    mentions: Sequence[Mention],
    crossings: CrossingFinder | None,
    trigger: Trigger,
    places: list[Located],
    in_sentence: list[Located],
    actors: list[Actor],
    dates: list[DateMention],
    anchor: DateMention | None,
    sentence: tuple[int, int],
    found: list[Clause],
    carried: list[Located],
    crossings_named: Sequence[Mention] = (),
) -> list[Event]:
    """The events one trigger reports, one per place (``carried``: the places of the
    sentence before, where the trigger has none of its own; ``crossings_named``: the
    article's mentions of bridges and dams)."""
    text = article.text
    start, end = sentence
    reference = article.date
    event_type = trigger.event_type
    code = event_type.code
    clause = clause_at(found, trigger.start)
    sure = certainty(text, sentence, clause, (trigger.start, trigger.end), code, found)
    background = is_background(text, start, clause, trigger.start)
    date = _event_date(text, trigger, clause, dates, reference, anchor, background, sure, found)
    quantity = _quantity(text, start, end, trigger.start)
    sub_type = trigger.rule.sub_type if trigger.rule else None
    if code == "advance" and _ATTEMPTED.search(
        text, max(clause.start, trigger.start - 40), trigger.start
    ):
        sub_type = "advance"  # "tried to capture the town": an assault, not a capture
    place_list = without_nearby(list(places))
    if code == "evacuation":
        # "forced the displaced to flee toward Shaqra": a destination is not where it happened
        place_list = [p for p in place_list if p[1] != "to"]
    if not place_list:
        place_list = list(carried)
    quote = text[start:end]
    if code == "bridge_destroyed" or word_pattern("CROSSING").search(quote):
        place_list = with_crossings(text, start, end, place_list, in_sentence, mentions, crossings)
    if code == "bridge_destroyed":
        named = [p for p in place_list if p[0].place and p[0].place.kind in CROSSING_KINDS]
        if not named:
            # "the bridge had been attacked": the crossing the article names
            named = [(m, "at", 1) for m in _named_crossing(crossings_named, start)]
        place_list = named or [(m, "near", g) for m, _, g in place_list]
        sub_type = status(quote) or "destroyed"
    elif code in ("flag_raised", "flag_removed"):
        sub_type = _flag_country(text, trigger.start, trigger.end, actors, mentions)
    ordered = for_trigger(actors, text, clause.start, trigger.start, trigger.end)
    if ordered and ordered[0].label == FIRST_PERSON:
        # "'We will liberate Bucha,' the Ukrainian commander said": the speaker's forces
        speaker = next((a for a in actors if a.side and speaks(text, a)), None)
        if speaker is not None:
            ordered[0] = dataclasses.replace(ordered[0], side=speaker.side)
    armed = [a for a in ordered if a.kind != "civilian"] if code != "evacuation" else ordered
    ordered = armed or ordered
    result = []
    seen: set[str] = set()
    for mention, role, geo in place_list:
        place = mention.place
        assert place is not None
        if (code in _CONTROL_TYPES or sub_type == "held") and place.kind in (
            "country",
            "continent",
        ):
            continue  # a country is not taken, left or held by one sentence
        if place.kind in _WATER and code not in ("shelling", "troop_presence"):
            continue  # a sea is struck or patrolled, not captured or flooded
        relative = relative_place(text, start, mention)
        if relative is not None:
            place, role, geo = relative, "at", 2
        key = f"{place.id}|{role}"
        if key in seen:
            continue
        seen.add(key)
        place_sub_type = sub_type
        if place.kind in CROSSING_KINDS and code != "bridge_destroyed":
            place_sub_type = status(quote) or "mentioned"  # the bridge's status, for its layer
        result.append(
            Event(
                event_id=_event_id(article.id, start, place.id, code, role),
                event_type=code,
                article_id=article.id,
                quote=quote,
                quote_start=start,
                quote_end=end,
                place=place,
                place_name_as_written=mention.text,
                event_date=date.date if date else None,
                time_precision=date.precision if date else 3,
                geo_precision=max(geo, GEO_PRECISION.get(place.kind, 1)),
                certainty=sure,
                actor1=ordered[0].label if ordered else None,
                actor2=ordered[1].label if len(ordered) > 1 else None,
                source_url=article.url,
                sub_type=place_sub_type,
                place_role=role,
                actor1_side=ordered[0].side if ordered else None,
                actor2_side=ordered[1].side if len(ordered) > 1 else None,
                quantity=quantity[0] if quantity else None,
                quantity_text=quantity[1] if quantity else None,
            )
        )
    return result


def _crossing_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """The article's mentions of bridges and dams, in text order."""
    return [
        m
        for m in mentions
        if m.place is not None and m.place.kind in CROSSING_KINDS and m.role == "location"
    ]


def _named_crossing(named: Sequence[Mention], position: int) -> list[Mention]:
    """The crossing an unnamed "the bridge" means: the one the article names (``named``:
    its crossing mentions), when it names one (the last named before ``position``, else
    the first after)."""
    if len({m.place.id for m in named if m.place}) != 1:
        return []
    before = [m for m in named if m.start < position]
    return [before[-1] if before else named[0]]


_ATTEMPTED = re.compile(rf"\b(?:{ATTEMPT.pattern})\b(?:\s+(?:to\s+)?[\w'’-]+){{0,3}}\s+\Z", re.I)


#: Types that say who holds a place: a country is never their place.
_CONTROL_TYPES = frozenset(
    {"advance", "withdrawal", "troop_presence", "fortification", "flag_raised", "flag_removed"}
)


#: Open water: where ships are struck or deployed, nothing else.
_WATER = frozenset({"sea", "ocean", "gulf", "bay", "strait", "lake"})


def _event_date(
    text: str,
    trigger: Trigger,
    clause: Clause,
    dates: Sequence[DateMention],
    reference: dt.date | None,
    anchor: DateMention | None,
    background: bool,
    sure: str,
    found: list[Clause],
) -> DateMention | None:
    """The date of an event: a caption's own date, the nearest date in the trigger's
    clause, then in its sentence (never a bound: "since February"); background without
    one, or an event the sentence only bounds, is undated; else the article's week. A
    reported or claimed event is never after the article's date."""
    own = [
        d for d in _parenthetical_dates(text, trigger.start, reference, anchor) if not d.boundary
    ]
    # "By Sunday, troops retreated": an end bound dates what happened before it, to the week
    dates = [
        _by(d) if d.boundary and _BY_BEFORE.search(text, max(0, d.start - 8), d.start) else d
        for d in dates
    ]
    bounds = [d for d in dates if d.boundary or _after_since(text, d)]
    dates = [d for d in dates if d not in bounds]
    # a relative clause's date is its own verb's ("Russia, which invaded in February 2022")
    dates = [
        d
        for d in dates
        if clause.start <= d.start < clause.end or not _in_subordinate(d, found, text)
    ]
    in_clause = [d for d in dates if clause.start <= d.start < clause.end]
    if (background or (bounds and not dates)) and not in_clause and not own:
        return None  # "which it had seized", "captured since the invasion began in February"
    date = _nearest_date(own or in_clause or dates, trigger.start, trigger.end)
    if reference is None:
        return date
    if date is None:
        return DateMention(-1, -1, reference, WEEK)
    if sure in ("reported", "claimed") and date.date > reference:
        return DateMention(date.start, date.end, reference, WEEK)
    return date


def _assign_places(
    text: str,
    found: list[Clause],
    triggers: Sequence[Trigger],
    places: Sequence[Located],
    antecedent: Sequence[Located] = (),
) -> list[tuple[Trigger | _Statement, list[Located]]]:
    """Each trigger with its places: a nominal trigger's object ("the capture of Lyman"),
    or for one owned by a pronoun ("its capture") the ``antecedent`` places; else the
    places of its clause nearest it; a trigger whose clause names none shares the places
    of clauses without a trigger of their own (else the sentence's places but where people
    fled to). A place in a clause with a trigger goes to no trigger of another clause.

    A shared place keeps no "to" or "from": that preposition belongs to the verb the place
    is nearest ("moving into Kherson while Russian units pulled out": the withdrawal is
    not *to* Kherson). Without a trigger the sentence is a statement at its places.
    """
    if not places:
        # only a trigger whose place is named before ("Its capture would...") has one
        return [
            (trigger, owned)
            for trigger in triggers
            if (owned := _antecedent_places(text, trigger, antecedent))
        ]
    if not triggers:
        first = places[0][0].start
        return [(_Statement(first), list(places))]
    owned: dict[int, list[Located]] = {}
    for i, trigger in enumerate(triggers):
        objects = _objects(text, trigger, places)
        if objects:
            owned[i] = objects
        elif named_before := _antecedent_places(text, trigger, antecedent):
            owned[i] = named_before
    taken = {id(located) for group in owned.values() for located in group}
    trigger_clauses = [clause_at(found, t.start) for t in triggers]
    nearest: dict[int, list[Located]] = {i: [] for i in range(len(triggers))}
    orphans: list[Located] = []
    for located in places:
        if id(located) in taken:
            continue
        mention = located[0]
        place_clause = clause_at(found, mention.start)
        distances = [
            (max(0, trigger.start - mention.end, mention.start - trigger.end), i)
            for i, trigger in enumerate(triggers)
            if i not in owned and trigger_clauses[i] == place_clause
        ]
        if distances:
            nearest[min(distances)[1]].append(located)
        else:
            orphans.append(located)
    # where people fled to is no place of what made them flee
    refuges = {
        id(located)
        for i, trigger in enumerate(triggers)
        if trigger.event_type.code == "evacuation"
        for located in nearest[i]
        if located[1] == "to"
    }
    result: list[tuple[Trigger | _Statement, list[Located]]] = []
    for i, trigger in enumerate(triggers):
        if i in owned:
            result.append((trigger, owned[i]))
        elif nearest[i]:
            result.append((trigger, nearest[i]))
        else:
            # a trigger whose clause names no place: the places of the sentence's other
            # clauses that no trigger of their own claims, else the others' places but
            # refuges ("the shelling forced people to flee to Shaqra": the shelling is not
            # at Shaqra; with nothing left, the sentence before's places)
            shared = [
                (m, "at" if role in ("to", "from") else role, g)
                for m, role, g in orphans or [p for p in places if id(p) not in refuges]
            ]
            result.append((trigger, shared))
    return result


def _antecedent_places(text: str, trigger: Trigger, antecedent: Sequence[Located]) -> list[Located]:
    """The places named before that a trigger points back to: all of them for a pronoun
    owner ("Its capture would open the road"), the last town for a town not named ("left
    the war-scarred city"); else none."""
    if not text[trigger.start : trigger.end].endswith("ed") and _PRONOUN_OWNER.search(
        text, max(0, trigger.start - 16), trigger.start
    ):
        return list(antecedent)
    if _DEFINITE_TOWN.match(text, trigger.end) or (
        _DEFINITE_TOWN_END.search(text, trigger.start, trigger.end)
        and not re.match(r"\s+of\b|\s*,", text[trigger.end : trigger.end + 4])
    ):
        towns = [p for p in antecedent if p[0].place and p[0].place.kind in SETTLEMENT_KINDS]
        return towns[-1:]
    return []


class _Statement:
    """A sentence's place names when it reports no event."""

    def __init__(self, start: int) -> None:
        self.start = start
        self.end = start
        self.event_type: EventType = STATEMENT
        self.rule = None


#: Words that point back to the forces of a sentence before: pronouns, and a definite
#: force or strike ("the troops", "the bombardment").
_ANAPHOR = re.compile(
    r"\b(?i:they|it|its|their|them|his)\b|\b(?i:the) (?:troops|forces|soldiers|units|fighters|"
    r"bombardment|strikes?|attacks?|raids?|air raids|shelling|offensive|assault|operation)\b"
)
#: A trigger whose object is a town not named: "left the war-scarred city", "entered the town".
_DEFINITE_TOWN = re.compile(
    r"\s+(?:the|this)\s+(?:[\w-]+\s+)?(?:city|town|village|settlement)\b(?!\s+of\b|\s*,)"
)
_DEFINITE_TOWN_END = re.compile(
    r"\s(?:the|this)\s+(?:[\w-]+\s+)?(?:city|town|village|settlement)\Z"
)
#: A nominal trigger owned by a pronoun: "its capture", "its fall", "their withdrawal".
#: (One word between may be an adjective, "its eventual capture", not a subject: "its
#: forces captured".)
_PRONOUN_OWNER = re.compile(r"\b(?:its|their)\s+(?:[a-z]*[a-rt-z]\s+)?\Z", re.I)
#: A nominal trigger and its object: "the recapture of Wad Madani", "capture of the town
#: of Soledar".
_OBJECT_GAP = re.compile(r"\A\s+of\s+(?:the\s+)?(?:(?:[a-z][\w-]*\s+){0,3}of\s+)?\Z")
_COORDINATED = re.compile(r"\A(?:,\s*|\s+and\s+|,\s+and\s+)\Z")


def _objects(text: str, trigger: Trigger, places: Sequence[Located]) -> list[Located]:
    after = [p for p in places if p[0].start >= trigger.end]
    if not after:
        return []
    gap = text[trigger.end : after[0][0].start]
    if gap.strip() and not _OBJECT_GAP.match(gap):
        return []
    objects = [after[0]]
    for located in after[1:]:
        if not _COORDINATED.match(text[objects[-1][0].end : located[0].start]):
            break
        objects.append(located)
    return objects


def _title_end(text: str, body: int) -> int:
    """Where the article's first line (its title, in most sources) ends."""
    newline = text.find("\n", body)
    return newline if newline >= 0 else len(text)


#: A dateline's date: "Khartoum, Jan 12 (IANS)", "KYIV, Nov 3 —": when the report was filed.
_DATELINE_DATE = re.compile(r"[A-Z][\w .'’-]{1,40},?\s+\Z")
_AFTER_DATELINE_DATE = re.compile(r"\s*(?:\([^)]{1,30}\)|[-–—:])")


def _in_dateline(text: str, date: DateMention) -> bool:
    line_start = text.rfind("\n", 0, date.start) + 1
    return bool(
        _DATELINE_DATE.fullmatch(text, line_start, date.start)
        and _AFTER_DATELINE_DATE.match(text, date.end)
    )


#: Clauses that tell an event of their own, with its own date: relative clauses, and those
#: opened by "after" or "before" ("claimed the city after launching a
#: counteroffensive earlier this month"). (Others mostly share the main clause's time:
#: "entered Kherson on Nov. 11 as Russian forces withdrew".)
_SUBORDINATE = frozenset({"relative"})
_OTHER_TIME = frozenset({"after", "before"})


_BY_BEFORE = re.compile(r"\bby\s+\Z", re.I)


def _by(date: DateMention) -> DateMention:
    return DateMention(date.start, date.end, date.date, max(date.precision, WEEK))


def _in_subordinate(date: DateMention, found: list[Clause], text: str) -> bool:
    clause = clause_at(found, date.start)
    if clause.opener in _OTHER_TIME:
        # "the day after they invaded in February" anchors the main verb to that date
        return not _ANCHORING.search(text, max(0, clause.start - 20), clause.start)
    return clause.kind in _SUBORDINATE


_ANCHORING = re.compile(
    r"\b(?:day|days|week|weeks|month|months|hours?|shortly|soon|just|right|immediately)\s*\Z",
    re.I,
)


#: "since" and a noun phrase before a date; "since they were driven out in November" is a
#: clause, whose date is its own event's.
_SINCE_BEFORE = re.compile(
    r"\bsince\s+(?:the|its|their|his|her|a|an|this|that)\s+(?:[\w'’-]+\s+){0,4}\Z", re.I
)


def _after_since(text: str, date: DateMention) -> bool:
    """Whether a date ends a "since" phrase ("since the initial invasion in February"): the
    start of a period, not the date of what happened in it."""
    return date.start > 0 and bool(_SINCE_BEFORE.search(text, max(0, date.start - 60), date.start))


def _nearest_date(dates: Sequence[DateMention], start: int, end: int) -> DateMention | None:
    """The date nearest the trigger's words ``text[start:end]``."""
    if not dates:
        return None
    return min(dates, key=lambda d: (max(0, start - d.end, d.start - end), d.start))


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
_MONTH_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\Z"
)
_NUMBER_WORDS = NUMBER_WORDS | {"dozens": 24, "hundreds": 200, "thousands": 2000}


def _quantity(text: str, start: int, end: int, trigger: int) -> tuple[int, str] | None:
    """The count nearest the trigger ("at least seven bridges" → 7), with its words."""
    best: tuple[int, int, str] | None = None
    for match in _QUANTITY.finditer(text, start, end):
        number = _number(match.group("number"))
        if number is None or _MONTH_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "on June 6, flooding villages": a day, not a count
        distance = max(0, trigger - match.end(), match.start() - trigger - 1)
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


def _flag_country(
    text: str, start: int, end: int, actors: Sequence[Actor], mentions: Sequence[Mention]
) -> str | None:
    """The side whose flag a flag trigger names ("the Ukrainian flag", "Ukraine's flag",
    "the State Flag of Ukraine", "the RSF banner"), or ``None``."""
    flag = word_pattern("FLAG").search(text, start, end)
    if flag is None:
        return None
    # the names within reach of the flag word (the mentions are in text order)
    near = starting_in(mentions, flag.start() - 80, flag.end() + 40)
    namers = [
        (m.start, m.end, m.place.country)
        for m in near
        if m.place is not None
        and m.role in ("demonym", "metonym", "location")
        and m.place.kind in ("demonym", "country", "city")
    ]
    namers += [(a.start, a.end, a.side) for a in actors if a.side]
    for name_start, name_end, side in sorted(namers):
        if side is None:
            continue
        before = 0 <= flag.start() - name_end <= 25 and "," not in text[name_end : flag.start()]
        after = 0 <= name_start - flag.end() <= 12 and text[flag.end() : name_start].strip() in (
            "of",
            "of the",
        )
        if before or after:
            return side
    return None


def _event_id(article_id: str, start: int, place_id: str, code: str, role: str) -> str:
    raw = f"{article_id}|{start}|{place_id}|{code}|{role}".encode()
    return hashlib.sha256(raw).hexdigest()[:16]
