"""Events of Ukrainian and Russian articles, with the same types and fields as English.

For each sentence after the date line:

1. the triggers of ``triggers.tsv`` say which event types it reports;
2. its literal places, countries aside, go to the trigger nearest them; a region written
   after a place in it ("Авдіївки Донецької області") only locates the place; a sentence
   with triggers and no place takes the places of the sentence before it;
3. the certainty is read with ``cues.tsv``: a negation just before the trigger; an
   intention, order or purpose before it, or the trigger an infinitive or a future
   ("відвести", "повернемо"); doubt; a party to the war saying so;
4. the side is the nearest actor of a side before the trigger (else after it), else the
   side the trigger word implies (Ukrainian media "liberate" what Ukraine retakes);
5. the date is the date expression nearest the trigger (:mod:`.dates`), else the article's
   date at week precision (for what is expected: when it was said).

The same event told in several sentences becomes one (:func:`geomap.events.reports.merge_reports`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Final, NamedTuple

from ..articles import body_start
from ..dates import WEEK
from ..events.crossings import CROSSING_KINDS
from ..events.places import GEO_PRECISION
from ..events.reports import merge_reports
from ..events.tables import compile_pattern, read_table
from ..lexicon import SETTLEMENT_KINDS
from ..model import Article, Event, Mention
from ..text import lower_keeping_offsets, sentences
from . import TABLES
from .dates import find_dates_slavic
from .leading import indexed_alternation, leading_letters
from .morph import Analysis, analyses
from .recognize import _LIST_GAP, _WORD, names_axis, word_lists

#: Events whose place is a crossing or a dam when the sentence names one.
_CROSSING_EVENTS: Final = frozenset({"bridge_destroyed", "infrastructure_destroyed"})
#: How far before a trigger an intention governs it ("планує відвести", not "з метою
#: уникнення оточення, ухвалив рішення про виведення").
EXPECTED_REACH: Final = 40
#: Events of movement, which happen where the movement starts, not at its destination.
_MOVEMENTS: Final = frozenset({"withdrawal", "evacuation", "looting"})
#: Events whose participle reports them as a place's state: a mined field ("поля остаются
#: заминированными") is a report of mines, a flooded village of a flood; an occupied town
#: ("окупованого Сімферополя") is no report of its capture.
_STATES: Final = frozenset({"mines", "flooding"})
#: Places too large to be where an event happened.
_TOO_LARGE: Final = frozenset({"country", "continent"})


#: Where a trigger begins: where a word begins (every row's pattern begins with a word, as
#: its example shows), not at any word boundary as ``\b`` would have it: a search then
#: tries the rows at a word's start only, not at its end too, in about two thirds of the time.
_WORD_START: Final = r"(?<!\w)(?=\w)"


class Trigger(NamedTuple):
    start: int
    end: int
    event_type: str
    side: str | None


class _Row(NamedTuple):
    """A row of ``triggers.tsv``, compiled, with what its matches can begin with (in lower
    case; None: anything, see :func:`.leading.leading_letters`)."""

    event_type: str
    side: str | None
    pattern: re.Pattern[str]
    beginnings: frozenset[str] | None


class _Cue(NamedTuple):
    cue: str
    value: str
    pattern: re.Pattern[str]


@cache
def _triggers(lang: str, case_blind: bool = False) -> tuple[_Row, ...]:
    """The rows of ``triggers.tsv`` in ``lang``, compiled: in lower case, each with its
    beginnings, for a text in lower case (a search without ``re.I`` is two to three times
    as fast); ``case_blind``, for a text whose lower case is not as long as it (rare: made
    only when one is read)."""
    rows = []
    for row in read_table("triggers.tsv", TABLES):
        if row["lang"] != lang:
            continue
        source = row["pattern"] if case_blind else _lower_outside_escapes(row["pattern"])
        where = f"triggers.tsv: {row['example']}"
        pattern = compile_pattern(f"{_WORD_START}(?:{source})", where, re.I if case_blind else 0)
        beginnings = None if case_blind else leading_letters(source)
        rows.append(_Row(row["type"], row["side"] or None, pattern, beginnings))
    return tuple(rows)


#: A lower-case letter that begins an alternative of a pattern ("(?:губернатор|мер)").
_SENTENCE_CASE: Final = re.compile(r"(?:(?<=\(\?:)|(?<=\|))([а-яёіїєґ])")


def _either_case(letter: re.Match[str]) -> str:
    return f"[{letter[1].upper()}{letter[1]}]"


@cache
def _cues(lang: str, case_blind: bool = False) -> dict[str, tuple[_Cue, ...]]:
    """The rows of ``cues.tsv`` in ``lang``, compiled, as the trigger rows are: in lower case
    for a text in lower case (:func:`_searched`), or ``case_blind``. A party's keep their
    case ("мер" the mayor, not "мера") for the text as written, but a sentence may begin
    with one ("Губернатор сообщил"): a word's first letter may be a capital."""
    cues: dict[str, list[_Cue]] = {}
    for row in read_table("cues.tsv", TABLES):
        if row["lang"] == lang:
            written, flags = row["pattern"], 0
            if row["cue"] == "party":
                written = _SENTENCE_CASE.sub(_either_case, written)
            elif case_blind:
                flags = re.I
            else:
                written = _lower_outside_escapes(written)
            where = f"cues.tsv: {row['example']}"
            pattern = compile_pattern(rf"\b(?:{written})", where, flags)
            cues.setdefault(row["cue"], []).append(_Cue(row["cue"], row["value"], pattern))
    return {name: tuple(found) for name, found in cues.items()}


def _searched(text: str, lang: str) -> tuple[str, dict[str, tuple[_Cue, ...]]]:
    """The text the cues are sought in, its lower case where as long as it, and the cues
    compiled for it (a party's are sought in ``text`` as written)."""
    lowered = _lowered(text)
    return (text, _cues(lang, case_blind=True)) if lowered is None else (lowered, _cues(lang))


@cache
def _any_trigger(lang: str, flags: int = 0) -> re.Pattern[str]:
    """One pattern for all of a language's triggers, its letters in lower case, for a text
    in lower case: most sentences have none, and one search says so where each row's would
    be tried in turn. The rows are indexed by the letters they begin with
    (:func:`.leading.indexed_alternation`): at a word only those its letters choose are
    tried (the search took a tenth of a Ukrainian first pass, trying every row at every
    word; indexed, two fifths of that)."""
    rows = [row.pattern.pattern.removeprefix(_WORD_START) for row in _triggers(lang)]
    return re.compile(indexed_alternation(rows), flags)


#: What of a pattern must keep its case: escapes (``\\W`` is not ``\\w``), named escapes,
#: group names. (A letter written as an escape, ``\\u0413``, must be written in lower case.)
_KEEPS_CASE: Final = re.compile(r"(\\N\{[^}]*\}|\\.|\(\?P<\w+>|\(\?P=\w+\))")


def _lower_outside_escapes(pattern: str) -> str:
    """``pattern`` in lower case but for what must keep its case (:data:`_KEEPS_CASE`)."""
    parts = _KEEPS_CASE.split(pattern)
    return "".join(part if k % 2 else part.lower() for k, part in enumerate(parts))


@lru_cache(maxsize=1)
def _lowered(text: str) -> str | None:
    """``text`` in lower case (:func:`lower_keeping_offsets`), made once for the article's
    sentences: the one asked last is kept."""
    return lower_keeping_offsets(text)


def find_triggers(text: str, start: int, end: int, lang: str) -> list[Trigger]:
    """The event triggers of ``text[start:end]``, in text order (one per type and word).

    The one search for all rows finds the words where some row matches; each row is tried
    at those words only (the ones it can begin with), its matches not overlapping, as a
    search for it alone would find them: the rows are tried at a sentence's few trigger
    words, not each over the whole sentence."""
    lowered = _lowered(text)
    if lowered is None:
        searched, any_trigger = text, _any_trigger(lang, re.I)
        triggers = _triggers(lang, case_blind=True)
    else:
        searched, any_trigger, triggers = lowered, _any_trigger(lang), _triggers(lang)
    starts = [match.start() for match in any_trigger.finditer(searched, start, end)]
    if not starts:
        return []
    found: dict[tuple[int, str], Trigger] = {}
    for row in triggers:
        free = start  # where the row's last match ended
        for position in starts:
            if position < free or not _may_begin(row, searched, position):
                continue
            match = row.pattern.match(searched, position, end)
            if match is None:
                continue
            free = match.end()
            if row.event_type not in _STATES and _describes(match.group(), lang):
                continue
            key = (position, row.event_type)
            found.setdefault(key, Trigger(position, match.end(), row.event_type, row.side))
    told = sorted(found.values())
    if any(t.event_type == "bridge_destroyed" for t in told):
        told = _without_a_dam_s_plant(told, searched, start, end)
    people_leaving = [t for t in told if t.event_type == "evacuation"]
    if people_leaving:
        # residents leaving are no forces withdrawing ("Жители Алешек покидают город")
        told = [
            t
            for t in told
            if t.event_type != "withdrawal"
            or not any(e.start <= t.start < e.end for e in people_leaving)
        ]
    return told


#: A dam named with its power plant ("греблю Каховської ГЕС", "плотина Каховской ГЭС"): a
#: dam destroyed (a crossing, as in English), not a plant too.
_DAM_OF_PLANT: Final = re.compile(
    r"(?:гребл|дамб|плотин)\w*\s+(?:[\w'’ʼ«»-]+\s+)?(?:гес|гаес|гідроелектростанц|гэс|гаэс|гидроэлектростанц)\w*",
    re.I,
)


def _without_a_dam_s_plant(
    triggers: list[Trigger], searched: str, start: int, end: int
) -> list[Trigger]:
    """``triggers`` without the damage to a power plant where the sentence names a dam with
    its plant and a dam's destruction covers the same words ("підірвали греблю Каховської
    ГЕС": one dam destroyed; "пошкодив дамбу і підстанцію" keeps both)."""
    phrases = [(m.start(), m.end()) for m in _DAM_OF_PLANT.finditer(searched, start, end)]
    dams = [t for t in triggers if t.event_type == "bridge_destroyed"]

    def covers(trigger: Trigger, phrase: tuple[int, int]) -> bool:
        return trigger.start < phrase[1] and phrase[0] < trigger.end

    return [
        t
        for t in triggers
        if not (
            t.event_type == "infrastructure_destroyed"
            and any(
                covers(t, phrase) and any(covers(d, phrase) for d in dams) for phrase in phrases
            )
        )
    ]


def _may_begin(row: _Row, searched: str, position: int) -> bool:
    """Whether ``row`` can match at ``position`` by its beginnings (any row can where they
    are unknown, as in a text not put in lower case)."""
    beginnings = row.beginnings
    return (
        beginnings is None
        or searched[position : position + 2] in beginnings
        or searched[position : position + 1] in beginnings
    )


def _describes(words: str, lang: str) -> bool:
    """Whether a trigger is a full participle or adjective, which describes a place rather
    than tells a happening ("окупованого Сімферополя", "освобожденных территорий")."""
    readings = _first_word_readings(words, lang)
    # a participle (Ukrainian's dictionary tags it an adjective with a voice)
    return bool(readings) and all(
        r.pos == "PRTF" or (r.pos == "ADJF" and r.grammemes & {"pssv", "actv"}) for r in readings
    )


def extract_events_slavic(article: Article, mentions: Sequence[Mention], lang: str) -> list[Event]:
    """The events of a Ukrainian (``uk``) or Russian (``ru``) article, in text order."""
    text = article.text
    body = body_start(text)
    places = sorted(
        (
            m
            for m in mentions
            if m.role == "location"
            and m.literal
            and m.place is not None
            and m.place.kind not in _TOO_LARGE
        ),
        key=lambda m: m.start,
    )
    bodies = [
        m
        for m in mentions
        if m.role == "modifier" and m.place is not None and m.place.kind in SETTLEMENT_KINDS
    ]
    # where the text names a place the gazetteer lacks ("населенного пункта Балаган")
    unplaced = [m for m in mentions if m.role == "location" and m.literal and not m.place]
    events: list[Event] = []
    previous: list[Mention] = []
    for start, end in sentences(text):
        start = max(start, body)
        if start >= end:
            continue
        # else a town named in a body's name where the body's building stands ("над
        # зданием администрации Купянска подняли флаг")
        here = [m for m in places if start <= m.start < end] or [
            m for m in bodies if start <= m.start < end
        ]
        # an event at a place the gazetteer lacks is near the places the text named last (an
        # article keeps to one area), unless the sentence names a front's axis, a sector
        # that may lie far from them ("На Куп'янському напрямку ... поблизу Синьківки")
        named = next((m.text for m in unplaced if start <= m.start < end), None)
        near = not here and named is not None
        if near and names_axis(text, start, end, lang):
            previous = []
            continue
        # an event needs a place: of this sentence, else of the one before
        triggers = find_triggers(text, start, end, lang) if here or previous else []
        if not triggers:
            previous = _story_places(text, here) or previous
            continue
        dates = find_dates_slavic(text, start, end, lang, article.date)
        assigned = _assign(text, here, triggers) if here else {t: list(previous) for t in triggers}
        claimed = _claimed(text, start, end, lang)
        actors = _actors(text, start, end, lang)
        for trigger, located in assigned.items():
            certainty = _certainty(text, start, trigger, lang, claimed)
            if certainty != "negated" and _denied(text, start, end, trigger, lang):
                certainty = "negated"
            side, actor = _side(text, start, trigger, actors, lang)
            if side is None and trigger.event_type == "flag_raised":
                side = _flag_side(text, start, end, lang)
            date, precision = _date(dates, trigger, certainty, article.date)
            borrowed = not here
            if trigger.event_type in _MOVEMENTS:
                left = [m for m in located if not _destination(text, m, lang)]
                if not left and here and previous:
                    # told only by where they went ("відійшли на лівий берег"): from the
                    # place the sentence before named
                    left, borrowed = list(previous), True
                located = left
            for mention in _without_locators(located, trigger.event_type):
                place = mention.place
                assert place is not None
                events.append(
                    Event(
                        event_id=_event_id(article.id, start, place.id, trigger.event_type, near),
                        event_type=trigger.event_type,
                        article_id=article.id,
                        quote=text[start:end],
                        quote_start=start,
                        quote_end=end,
                        place=place,
                        # near a place: the name the text gives where it happened
                        place_name_as_written=named if near else mention.text,
                        event_date=date,
                        time_precision=precision,
                        # a sentence's own place, else one named before: near it, as in
                        # English
                        geo_precision=max(GEO_PRECISION.get(place.kind, 1), 2 if borrowed else 1),
                        place_role="near" if near else "at",
                        certainty=certainty,
                        actor1=actor,
                        actor1_side=side,
                        source_url=article.url,
                    )
                )
        previous = _story_places(text, here) or previous
    title_end = text.find("\n", body)
    body_end = title_end if title_end > 0 else body
    # an event near a place (at a village the gazetteer lacks) is no report of one at it
    return sorted(
        merge_reports([e for e in events if e.place_role != "near"], body_end, article.date)
        + merge_reports([e for e in events if e.place_role == "near"], body_end, article.date),
        key=lambda e: (e.quote_start, e.event_id),
    )


#: A direction before a place: the place is where a road or a retreat leads, not where the
#: story is ("вирватися у напрямку Кремінної", "отступили в сторону Купянска").
_TOWARDS: Final = re.compile(
    r"(?:(?:у|в)\s+(?:напрямку|напрямі|направлении|сторону|бік)|в\s+сторону)\s+$", re.I
)


def _story_places(text: str, here: list[Mention]) -> list[Mention]:
    """The places of a sentence that a later sentence with none may mean: not one named
    only as a direction (``_TOWARDS``), nor one listed after it ("у напрямку
    Новопрокопівки та Вербового")."""
    kept = []
    direction_end = -1  # where the last place named as a direction ends
    for mention in here:
        if _TOWARDS.search(text, max(0, mention.start - 25), mention.start) or (
            direction_end >= 0 and _LIST_GAP.fullmatch(text, direction_end, mention.start)
        ):
            direction_end = mention.end
        else:
            kept.append(mention)
            direction_end = -1
    return kept


def _assign(
    text: str, here: list[Mention], triggers: list[Trigger]
) -> dict[Trigger, list[Mention]]:
    """Each place to the trigger nearest it in its clause ("евакуюють ... з сіл А, Б і В":
    all to the one trigger; "захватили А и Б, однако ВСУ удерживают позиции у В": Б is
    captured, not held), else nearest it at all; a trigger nearest none shares the
    sentence's places, as in English ("увійшли в Куп'янськ і підняли прапор": the flag was
    raised in Kupiansk too)."""
    assigned: dict[Trigger, list[Mention]] = {t: [] for t in triggers}
    for mention in here:
        same_clause = [t for t in triggers if not _contrast_between(text, t, mention)]
        nearest = min(same_clause or triggers, key=lambda t: _distance(t, mention))
        assigned[nearest].append(mention)
    return {t: found or list(here) for t, found in assigned.items()}


def _contrast_between(text: str, trigger: Trigger, mention: Mention) -> bool:
    """Whether a clause of contrast begins between ``trigger`` and ``mention``."""
    low, high = (
        (trigger.end, mention.start)
        if mention.start >= trigger.end
        else (mention.end, trigger.start)
    )
    return low < high and _CONTRAST.search(text, low, high) is not None


def _distance(trigger: Trigger, mention: Mention) -> int:
    if mention.start >= trigger.end:
        return mention.start - trigger.end
    return max(0, trigger.start - mention.end)


def _without_locators(located: list[Mention], event_type: str) -> list[Mention]:
    """Places without the regions that only locate another of them ("Авдіївки Донецької
    області": the event is at Avdiivka), without a river beside a place on it ("від Кринок
    на лівому березі Дніпра": a river's point lies hundreds of kilometres away), and, for a
    crossing destroyed, without the towns that locate the crossing ("на Кримському мосту в
    Керчі"); one mention per place."""
    if event_type in _CROSSING_EVENTS:
        crossings = [m for m in located if m.place and m.place.kind in CROSSING_KINDS]
        located = crossings or located
    on_land = [m for m in located if m.place and m.place.kind != "river"]
    located = on_land or located
    admin1_named = {m.place.admin1 for m in located if m.place and m.place.kind != "admin1"}
    kept: dict[str, Mention] = {}
    for mention in located:
        place = mention.place
        assert place is not None
        if place.kind == "admin1" and place.name in admin1_named:
            continue
        kept.setdefault(place.id, mention)
    return list(kept.values())


def _destination(text: str, mention: Mention, lang: str) -> bool:
    """Whether a place is where a movement goes: after "до" ("вивезли до Сімферополя"), or
    after "на", "в", "за" with the accusative ("отвести войска на левый берег Днепра"),
    within three words."""
    lists = word_lists()
    toward = lists.get(("toward_preposition", lang), frozenset())
    into = lists.get(("into_preposition", lang), frozenset())
    before = text[max(0, mention.start - 40) : mention.start]
    clause = re.split(r"[.!?;\n]", before)[-1]  # the mention's own sentence
    words = _WORD.findall(clause)[-4:]
    for k in range(len(words) - 1, -1, -1):
        word = words[k].lower()
        if word in toward:
            return True
        if word in into:
            following = words[k + 1] if k + 1 < len(words) else mention.text.split()[0]
            cases = {g for r in analyses(following, lang) for g in r.grammemes}
            return "accs" in cases and not cases & {"loct", "loc2", "ablt", "gent", "datv"}
    return False


def _certainty(text: str, sentence_start: int, trigger: Trigger, lang: str, claimed: bool) -> str:
    """The trigger's certainty, from the words just before it, else the sentence's
    (``claimed``, :func:`_claimed`)."""
    searched, cues = _searched(text, lang)
    before = searched[sentence_start : trigger.start]
    if any(c.pattern.search(before[-20:]) for c in cues.get("negated", ())):
        return "negated"
    if any(c.pattern.search(before[-20:]) for c in cues.get("possible", ())):
        return "claimed"
    near = before[-EXPECTED_REACH:]
    if any(c.pattern.search(near) for c in cues.get("expected", ())):
        return "expected"
    achieved = any(c.pattern.search(near) for c in cues.get("achieved", ()))
    if not achieved and _not_done(text[trigger.start : trigger.end], lang):
        return "expected"
    return "claimed" if claimed else "reported"


def _denied(text: str, start: int, end: int, trigger: Trigger, lang: str) -> bool:
    """Whether the trigger's clause in the sentence ``text[start:end]`` calls the report
    false ("не відповідає дійсності", "опровергли"); not a denial after a contrast, which
    answers another's claim ("..., але ЗСУ це спростували": the claim stays a claim)."""
    searched, cues = _searched(text, lang)
    denials = cues.get("denied", ())
    if not any(c.pattern.search(searched, start, end) for c in denials):
        return False  # most sentences: no clause to find
    before = [m.end() for m in _CONTRAST.finditer(text, start, trigger.start)]
    # after the trigger, a relative clause is another's ("..., что ранее отрицали"), unless
    # it is the denial itself, of all that came before ("..., що не відповідає дійсності")
    ends = [found.start() for found in [_CONTRAST.search(text, trigger.end, end)] if found]
    relative = _RELATIVE_CLAUSE.search(text, trigger.end, end)
    # the clause is the denial when it begins with it, the writer's verdict ("..., що не
    # відповідає дійсності"); a side's denial in it answers a claim, which stays a claim
    # ("..., що ЗСУ спростували", as "..., але ЗСУ це спростували")
    if relative is not None and not any(
        c.pattern.match(searched, relative.end() + 1, end) for c in denials
    ):
        ends.append(relative.start())
    low, high = (before[-1] if before else start), min(ends, default=end)
    return any(c.pattern.search(searched, low, high) for c in denials)


def _claimed(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the sentence ``text[start:end]`` is a claim: doubted, or a party's words."""
    searched, cues = _searched(text, lang)
    if any(c.pattern.search(searched, start, end) for c in cues.get("hedge", ())):
        return True
    says = any(c.pattern.search(searched, start, end) for c in cues.get("saying", ()))
    return says and any(c.pattern.search(text, start, end) for c in cues.get("party", ()))


def _not_done(words: str, lang: str) -> bool:
    """Whether the trigger's first word is an infinitive or a future ("відвести",
    "повернемо"): the event is yet to happen."""
    verbs = [r for r in _first_word_readings(words, lang) if r.pos in ("VERB", "INFN")]
    return bool(verbs) and all(r.pos == "INFN" or "futr" in r.grammemes for r in verbs)


def _first_word_readings(words: str, lang: str) -> tuple[Analysis, ...]:
    first = words.split(maxsplit=1)
    return analyses(first[0], lang) if first else ()


#: A trigger that ends with control ("перешла под контроль "), the controller after it.
_CONTROL_OF: Final = re.compile(r"[^.;!?]*контрол\w*\s+", re.I)
#: A comma and a conjunction of contrast: a clause of its own begins ("Росія заявила про
#: захоплення Кринок, але ЗСУ це спростували": who denies did not capture).
_CONTRAST: Final = re.compile(
    r",\s*(?:але|а(?!\s+(?:також|также|саме|именно)(?!\w))|проте|однак|однако|но|зато|хоча|хоч|хотя"
    r"|втім|впрочем|тоді як|тогда как)(?!\w)",
    re.I,
)
#: "From the side of" right before an actor: the agent of what the sentence tells ("обстрел
#: со стороны ВСУ", "обстріл з боку окупантів"), though a noun governs it.
_BY_SIDE: Final = re.compile(r"(?<!\w)(?:со стороны|з боку|зі сторони)\s+\Z", re.I)
#: The verbs of air defence downing weapons, which begin a strike's trigger ("збили двадцять
#: дронів", "сбиты 25 беспилотников"); not destroying, said of strikes on the ground too
#: ("знищили російську ракетну установку").
_DOWNING: Final = re.compile(
    r"(?:збил|збит|перехопил|перехоплен|сбил|сбит|перехват|перехвач)", re.I
)
#: The relative pronouns ("який", "которую").
_RELATIVE_WORDS: Final = (
    r"як(?:ий|а|е|і|ого|ої|ому|ій|у|ою|ім|ими|им|их)"
    r"|котор(?:ый|ая|ое|ые|ого|ой|ом|ому|ую|ым|ыми|ых)"
)
#: A relative pronoun opening a clause of its own.
_RELATIVE_PRONOUN: Final = re.compile(rf"(?<!\w)(?:{_RELATIVE_WORDS})(?!\w)", re.I)
#: A comma and a relative word: a clause of its own ("..., що", "..., которые").
_RELATIVE_CLAUSE: Final = re.compile(rf",\s*(?:що|что|де|где|{_RELATIVE_WORDS})(?!\w)", re.I)


class _Actor(NamedTuple):
    """A side's actor named in a sentence ("ЗСУ", "окупанти"): where, which side, and whether
    it can be a verb's subject."""

    start: int
    end: int
    side: str
    subject: bool


def _actors(text: str, start: int, end: int, lang: str) -> list[_Actor]:
    """The actors of the sentence ``text[start:end]``, read once for all its triggers; not
    a side named as a speaking body's ("повідомили у Генштабі ЗСУ": the staff of the side
    that speaks)."""
    searched, cues = _searched(text, lang)
    sources = {
        match.end()
        for cue in cues.get("party", ())
        for match in cue.pattern.finditer(text, start, end)
    }
    return [
        _Actor(
            match.start(),
            match.end(),
            cue.value,
            _may_be_subject(text[match.start() : match.end()], lang),
        )
        for cue in cues.get("side", ())
        for match in cue.pattern.finditer(searched, start, end)
        if match.start() - 1 not in sources or text[match.start() - 1] != " "
    ]


def _side(
    text: str, start: int, trigger: Trigger, actors: list[_Actor], lang: str
) -> tuple[str | None, str | None]:
    """``(side, actor as written)`` of the trigger's actor: the nearest before it that can
    be a subject (else the nearest before it), one the trigger's own words begin with
    ("Окупанти в паніці тікають"), else the nearest subject after it."""
    # an actor the trigger's words begin inside is before it ("Російські дрони атакували":
    # the trigger is "дрони атакували")
    before = [a for a in actors if a.start < trigger.start and a.end <= trigger.end]
    # a subject before an object or possessor ("українські військові прорвали оборону
    # ворога і просуваються")
    before = [a for a in before if a.subject] or before
    own = [a for a in actors if a.start == trigger.start]
    # after it, only a subject, and not one of a relative clause ("знищили переправу, яку
    # російські війська навели": those who built it) or of a clause of contrast ("..., але
    # ЗСУ це спростували"): an object's side is the target's
    # ("нанесли поражение живой силе противника", "по пунктам дислокации ВСУ")
    # one whose control a place comes under controls it ("перешла под контроль российских
    # войск", "Під контролем окупантів опинилися")
    controller = [
        a
        for a in actors
        if a.start > trigger.start and _CONTROL_OF.fullmatch(text, trigger.start, a.start)
    ]
    if controller:
        return controller[0].side, text[controller[0].start : controller[0].end]
    # fire "со стороны ВСУ", "з боку окупантів" is that side's, whoever else is named
    by_side = [
        a
        for a in actors
        if a.start >= trigger.end and _BY_SIDE.search(text, max(start, a.start - 16), a.start)
    ]
    if by_side:
        return by_side[0].side, text[by_side[0].start : by_side[0].end]
    if trigger.event_type == "shelling" and _DOWNING.match(text, trigger.start):
        # air defence downing drones or missiles: the strike is the side of the weapons it
        # names ("ППО збила російські ракети"), not of the defenders ("Сили оборони збили")
        inside = [a for a in actors if trigger.start < a.start and a.end <= trigger.end]
        if inside:
            return inside[0].side, text[inside[0].start : inside[0].end]
        return trigger.side, None
    after = [
        a
        for a in actors
        if a.start >= trigger.end
        and a.subject
        and not _governed(text, start, a.start, lang)
        and not _RELATIVE_PRONOUN.search(text, trigger.end, a.start)
        and not _CONTRAST.search(text, trigger.end, a.start)
    ]
    chosen = max(before) if before else own[0] if own else min(after) if after else None
    if chosen is not None:
        return chosen.side, text[chosen.start : chosen.end]
    return trigger.side, None


def _flag_side(text: str, start: int, end: int, lang: str) -> str | None:
    """The side whose flag the sentence ``text[start:end]`` names ("синьо-жовтий прапор",
    "российский триколор"), if one: a flag raised by no actor named is its side's."""
    searched, cues = _searched(text, lang)
    for cue in cues.get("flag", ()):
        if cue.pattern.search(searched, start, end):
            return cue.value
    return None


def _may_be_subject(actor: str, lang: str) -> bool:
    """Whether an actor as written can be a verb's subject: its first word an abbreviation
    ("ЗСУ") or in the nominative ("українські військові"; not "ворога", "Сил оборони")."""
    first = actor.split(maxsplit=1)[0]
    if first.isupper():
        return True
    readings = analyses(first, lang)
    return not readings or any("nomn" in r.grammemes for r in readings)


#: Cases of a noun another word depends on ("дислокации ВСУ", "позиціях ЗСУ").
#: Not the instrumental: a passive's agent is the actor ("освобождено подразделениями ВСУ").
_OBLIQUE_CASES: Final = frozenset({"gent", "datv", "loct", "loc2", "gen2"})


def _governed(text: str, start: int, at: int, lang: str) -> bool:
    """Whether the word before ``at`` (within the sentence from ``start``) is a preposition
    or a noun in an oblique case, which the actor named at ``at`` then depends on: a target's or an owner's
    side ("по пунктам дислокации ВСУ", "по позиціях ЗСУ"), not a subject after its verb."""
    before = _WORD.findall(text, max(start, at - 40), at)
    if not before:
        return False
    return any(
        r.pos == "PREP" or (r.pos == "NOUN" and r.grammemes & _OBLIQUE_CASES)
        for r in analyses(before[-1], lang)
    )


def _date(
    dates: Sequence[tuple[int, int, dt.date, int]],
    trigger: Trigger,
    certainty: str,
    reference: dt.date | None,
) -> tuple[dt.date | None, int]:
    if dates:
        nearest = min(dates, key=lambda d: abs(d[0] - trigger.start))
        date, precision = nearest[2], nearest[3]
        if reference is not None and date > reference and certainty != "expected":
            return reference, WEEK  # what happened is never dated after the article
        return date, precision
    if reference is None:
        return None, 3
    return reference, WEEK  # expected: when it was said


def _event_id(article_id: str, start: int, place_id: str, code: str, near: bool) -> str:
    raw = f"{article_id}|{start}|{place_id}|{code}|{'near' if near else 'at'}".encode()
    return hashlib.sha256(raw).hexdigest()[:16]
