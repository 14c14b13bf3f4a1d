"""Event types and their trigger words, read from ``types.tsv`` and ``triggers.tsv``.

A trigger is a row of ``triggers.tsv``: a pattern, the event type (and sub-type) it names,
an example sentence and the reason it exists. :func:`find_triggers` returns, for each event
type, the first trigger of a sentence that reports a happening rather than describing an
actor ("retreating troops") or dating something else ("before their retreat").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..errors import TableError
from .clauses import Clause, clause_at, clauses
from .tables import compile_pattern, read_table


@dataclass(frozen=True)
class EventType:
    """An event type and its place in the PLOVER/ACLED/CAMEO vocabularies."""

    code: str
    label: str
    plover: str
    acled: str
    cameo: str
    definition: str = ""


@dataclass(frozen=True)
class TriggerRule:
    """One row of ``triggers.tsv``."""

    event_type: EventType
    sub_type: str | None
    pattern: re.Pattern[str]
    example: str
    why: str


@dataclass(frozen=True)
class Trigger:
    """A trigger found in a text: its rule and where its words are."""

    rule: TriggerRule
    start: int
    end: int

    @property
    def event_type(self) -> EventType:
        return self.rule.event_type


def _event_types() -> tuple[EventType, ...]:
    return tuple(
        EventType(
            row["code"], row["label"], row["plover"], row["acled"], row["cameo"], row["definition"]
        )
        for row in read_table("types.tsv")
    )


#: Every event type, in the legend's order; ``statement`` is the type of a sentence that
#: names places but reports none of them.
EVENT_TYPES: tuple[EventType, ...] = _event_types()
STATEMENT = EventType("statement", "Statement or claim", "", "", "", "a sentence about places")
EVENT_TYPE_BY_CODE = {t.code: t for t in (*EVENT_TYPES, STATEMENT)}

_MACRO = re.compile(r"\{([A-Z]+)\}")


@cache
def _read_triggers() -> tuple[dict[str, str], tuple[TriggerRule, ...]]:
    """The named pieces of pattern and the rows of ``triggers.tsv``, compiled."""
    macros: dict[str, str] = {}
    rules = []
    for number, row in enumerate(read_table("triggers.tsv"), 1):
        where = f"triggers.tsv row {number}"

        def expand(match: re.Match[str], where: str = where) -> str:
            if match.group(1) not in macros:
                raise TableError(f"{where}: {{{match.group(1)}}} is not defined above it")
            return macros[match.group(1)]

        pattern = _MACRO.sub(expand, row["pattern"])
        if row["type"].startswith("@"):
            macros[row["type"][1:]] = pattern
            continue
        event_type = EVENT_TYPE_BY_CODE.get(row["type"])
        if event_type is None:
            raise TableError(f"{where}: unknown event type {row['type']!r}")
        compiled = compile_pattern(rf"\b(?:{pattern})", where, re.IGNORECASE)
        rules.append(
            TriggerRule(event_type, row["sub_type"] or None, compiled, row["example"], row["why"])
        )
    return macros, tuple(rules)


def trigger_rules() -> tuple[TriggerRule, ...]:
    """The rows of ``triggers.tsv``, compiled, in file order."""
    return _read_triggers()[1]


@cache
def word_pattern(name: str) -> re.Pattern[str]:
    """A named piece of ``triggers.tsv`` (``FLAG``, ``CROSSING``, ``RUIN``...) as a
    case-blind whole-word pattern, for the rules that need the same words."""
    return re.compile(rf"\b(?:{_read_triggers()[0][name]})", re.IGNORECASE)


#: A trigger word that describes an actor: "retreating troops", "by advancing units" (at
#: the start of a noun phrase; "was redeploying troops" is a verb).
_ATTRIBUTIVE = re.compile(
    r"(?:\w+ing|\w+ed) (?:\w+ )?(?:troops|forces|soldiers|units|army|columns|fighters)\b", re.I
)
_NOUN_PHRASE_START = re.compile(
    r"(?:\A|[,;:(“\"]|\b(?:the|a|an|its|their|his|her|of|by|with|and|among|for|from|to|"
    r"as|against|on|at)\b)\s*\Z",
    re.I,
)
#: "in liberated Kherson", "newly liberated areas": a participle describing a place.
_PARTICIPLE_BEFORE = re.compile(
    r"\b(?:in|over|of|the|a|newly|recently|once|from|to|above|all|other)\s+"
    r"(?:first\s+|[a-z]+ly\s+)?\Z"
)
_PLACE_AFTER_PARTICIPLE = re.compile(
    r"\s+(?:[A-Z]|(?:areas?|territor\w*|city|town|village|port|capital|settlements?|regions?|"
    r"districts?|cities|towns|villages)\b)"
)
#: "before their retreat", "since the capture of": the trigger dates another happening.
#: ("since they seized Bakhmut" is a clause: an event of its own.)
_TEMPORAL_REFERENCE = re.compile(
    r"(?:\b(?:before|prior to|despite|ahead of|during) (?:the |their |its |his |a )?"
    r"|\bsince (?:the |their |its |his |a |an ))"
    r"(?:\w+ )?(?:announcement of (?:the |their |a )?)?(?:\w+ )?\Z",
    re.I,
)
#: "withdrew to avoid being encircled", "to prevent a breakthrough": what did not happen.
_AVERTED = re.compile(
    r"\b(?:to|in order to|so as to|trying to) (?:avoid|prevent|escape)(?: being)? \Z", re.I
)
#: A word of a name, not a verb or noun of the sentence: "the Tigray People's Liberation
#: Front" (trigger words all capitalised inside a sentence in lower case).
_NAME_WORD = re.compile(r"[A-Z]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def find_triggers(
    sentence: str, offset: int = 0, found: list[Clause] | None = None
) -> list[Trigger]:
    """The real triggers of ``sentence``, by type order, then position: the first of each
    row's matches, and of each type's further ones those that stand apart from it ("the
    capture of Lyman would allow Kyiv to advance into the Luhansk region": two advances).

    ``offset`` is where the sentence starts in its text; the triggers' positions are in
    the text, and so are those of ``found``, the sentence's clauses when the caller has
    them.
    """
    matches: dict[str, list[Trigger]] = {}
    in_prose: bool | None = None  # read at the first capitalised trigger
    for rule in trigger_rules():
        for match in rule.pattern.finditer(sentence):
            if not _reports_happening(sentence, match):
                continue
            if _capitalised(match.group()) and _inside_name(sentence, match.start()):
                if in_prose is None:
                    in_prose = _in_prose(sentence)
                if in_prose:
                    continue  # "the Tigray People's Liberation Front"
            trigger = Trigger(rule, offset + match.start(), offset + match.end())
            matches.setdefault(rule.event_type.code, []).append(trigger)
    by_type: dict[str, list[Trigger]] = {}
    parts = found
    for code, found in matches.items():
        kept = by_type.setdefault(code, [])
        for trigger in sorted(found, key=lambda t: t.start):  # stable: earlier rows first
            near = [
                t for t in kept if t.start - _APART < trigger.end and trigger.start < t.end + _APART
            ]
            if near:
                # near triggers of one type are one event, unless in clauses of their own
                # or parted by a comma and a name ("a strike hit Dhamar, and air raids")
                parts = parts or [
                    Clause(c.start + offset, c.end + offset, c.opener)
                    for c in clauses(sentence, 0, len(sentence))
                ]
                own = clause_at(parts, trigger.start)
                if any(
                    clause_at(parts, t.start) == own
                    and not _PARTED.search(sentence, t.end - offset, trigger.start - offset)
                    for t in near
                ):
                    continue
            kept.append(trigger)
    order = {t.code: i for i, t in enumerate((*EVENT_TYPES, STATEMENT))}
    found = [t for triggers in by_type.values() for t in triggers]
    specific = [t for t in found if t.event_type.code in _WITHIN.values()]
    found = [
        t
        for t in found
        if not any(
            _WITHIN.get(t.event_type.code) == s.event_type.code
            and s.start < t.end
            and t.start < s.end
            for s in specific
        )
    ]
    return sorted(found, key=lambda t: (order[t.event_type.code], t.start))


#: A comma, then a name: what parts two near triggers' events ("hit Dhamar, and air raids").
_PARTED = re.compile(r"[,;].*?\b[A-Z]|\b[A-Z][^,;]*[,;]")
#: A general type whose trigger overlaps a specific one's tells the same happening: "the
#: railway part of the bridge was not damaged", "drones struck the bridge" are the bridge's.
_WITHIN = {"infrastructure_destroyed": "bridge_destroyed", "shelling": "bridge_destroyed"}
#: How far apart two triggers of one type must be to be two events, in characters.
_APART = 30


def _reports_happening(sentence: str, match: re.Match[str]) -> bool:
    """Whether a trigger's words report its happening (not an actor's description or
    another event's date)."""
    start = match.start()
    if _ATTRIBUTIVE.match(sentence, start) and _NOUN_PHRASE_START.search(
        sentence[max(0, start - 12) : start]
    ):
        return False
    prefix = re.search(r"[\w-]*\Z", sentence[max(0, start - 12) : start])  # "de-" occupied
    word_start = start - len(prefix.group()) if prefix else start
    if (
        match.group().endswith("ed")
        and " " not in match.group()  # a participle is one word ("residents fled" is none)
        and _PARTICIPLE_BEFORE.search(sentence[max(0, word_start - 30) : word_start])
        and _PLACE_AFTER_PARTICIPLE.match(sentence, match.end())
    ):
        return False
    if _AVERTED.search(sentence[max(0, start - 30) : start]):
        return False
    return not _TEMPORAL_REFERENCE.search(sentence[max(0, start - 50) : start])


def _capitalised(words: str) -> bool:
    """Whether every word of a trigger starts with a capital letter."""
    return all(_NAME_WORD.match(w) for w in words.split())


def _inside_name(sentence: str, start: int) -> bool:
    """Whether a capitalised trigger at ``start`` of a sentence in prose is a word of a
    name: not the sentence's first word."""
    window = max(0, start - 20)
    before = sentence[window:start].rstrip(" \"“‘'(")
    if not before:
        return window > 0  # only quotes and spaces for 20 characters: inside the sentence
    return before[-1] not in ".:!?—–-\n"


def _in_prose(sentence: str) -> bool:
    """Whether the sentence has words in lower case (it is not a headline in title case,
    whose capitalised words are no names)."""
    return any(w.islower() and len(w) > 3 for w in _WORD.findall(sentence))


def classify(sentence: str) -> EventType:
    """The first event type whose triggers occur in ``sentence``, else a statement."""
    found = find_triggers(sentence)
    return min(found, key=lambda t: t.start).event_type if found else STATEMENT
