"""Recognition: find the place names in an article's text.

Candidates are word n-grams that start (and end) with a capitalised word and whose folded
form is a name in the gazetteer; the longest match wins. Context then removes what is not a
place (sentence-initial common words, parts of person and organisation names) and marks
metonyms and comparisons as non-literal ("a victory for Kyiv", "the size of Belgium").
Bank phrases ("the left bank of the Dnieper River") become mentions of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import compress
from operator import not_
from typing import Any, Final, Protocol

from .lexicon import (
    ACTING_VERBS,
    AFTER_AGENT,
    AGENT_BEFORE_BY,
    AGENT_HYPHENATED,
    ATTACKS_BEFORE_AGAINST,
    ATTRIBUTIVE_FORCE_NOUNS,
    ATTRIBUTIVE_INSTITUTION_NOUNS,
    AUXILIARIES,
    BANK_SIDES,
    BE_FORMS,
    BODY_BEFORE_OF,
    BODY_NOUNS,
    COMPASS_WORDS,
    CONTRACTION_ENDINGS,
    DIRECTIONS,
    DISEASE_NOUNS,
    DIVISION_ABBREVIATIONS,
    FACILITY_NOUNS,
    FORCE_NOUNS,
    GENERIC_NAME_NOUNS,
    GEOGRAPHIC_PARTICIPLES,
    INSTITUTION_NOUNS,
    INSTITUTION_PLACES,
    KIND_WORDS,
    LANDFORM_NOUNS,
    LOCATIVE_PREPOSITIONS,
    METONYM_BEFORE_FOR,
    NAME_CONNECTORS,
    NEVER_PLACES,
    NOT_PLACE_NAMES,
    NOT_PLACE_PROPER_NOUNS,
    ORGANISATION_NOUNS,
    PARTY_BEFORE_FROM,
    PASSIVE_FOLLOWERS,
    PASSIVE_HEADLINE_VERBS,
    PERSON_TITLES,
    PHRASE_ENDS,
    POSTAL_ABBREVIATIONS,
    PUBLICATION_NOUNS,
    RECIPIENT_VERBS,
    RESIDENT_NOUNS,
    SAYING_VERBS,
    SETTLEMENT_KINDS,
    SITE_KINDS,
    SUBJECT_BLOCKERS,
    VERB_ADVERBS,
    common_surnames,
    given_names,
)
from .names import fold
from .text import Words, starts_sentence, tokenize

MAX_NAME_WORDS: Final = 6
#: Lower-case words a name may run through to a generic ending ("the Zaporizhzhia nuclear
#: power plant", "the Antonov airport", "Zamzam camp", "the Crimean bridges"): the
#: gazetteer's tables index such names of features (``gazetteer_build.GENERIC_FORMS``);
#: where the longer name is unknown, the name before them is matched as before.
FEATURE_TAIL_WORDS: Final = frozenset(
    """
    aerodrome air airbase airfield airport atomic automobile base border bridges camp camps
    checkpoint coke combine crossing displaced displacement factory field hydroelectric hydropower
    international metallurgical military mill nuclear peninsula persons plant point power rail
    railway refugee road sandspit spit station steel steelworks thermal works
    """.split()
)
#: Kinds of the tables' sites: their names end in generic nouns ("the Antonov airport", not
#: a building called after a person as "the Lincoln Center") and their abbreviations
#: ("ZNPP") are no organisation's.
_CONTRACTION: Final = re.compile(r"['’](\w+)$")
_SPACE_DIGIT: Final = re.compile(r" \d")
_AMPERSAND_AFTER: Final = re.compile(r" & [A-Z]")
_AMPERSAND_BEFORE: Final = re.compile(r"[A-Z][\w'’.]* & \Z")

#: What may stand between two words of one name: a space, a hyphen, an abbreviation's full
#: stop, a possessive ("People's Republic of China").
_GAP_OK: Final = re.compile(r"[ \t]?[-‐‑]?[ \t]?|\.[ \t]?|['’][sS][ \t]")
#: Bank phrases: "the left bank of the Dnipro", "the Dnieper's right bank". White space runs
#: and river names are bounded (at most 10 and 41 characters), so that a phrase reaches at
#: most _BANK_REACH characters around its "bank", and only those windows are searched.
_BANK: Final = re.compile(
    r"\b(?P<side>left|right|east|west|eastern|western|northern|southern|north|south)"
    r"(?:\s{0,10}\[[^\]]{1,20}\])?\s{1,10}(?:river)?banks?\b"
    r"(?:\s{1,10}of\s{1,10}(?:the\s{1,10})?"
    r"(?P<river>[A-Z\u0400-\u04FF][\w'’-]{0,40}(?:\s{1,10}[Rr]iver)?))?",
    re.IGNORECASE,
)
_POSSESSIVE_BANK: Final = re.compile(
    r"\b(?P<river>[A-Z\u0400-\u04FF][\w'’-]{0,40})(?:\s{1,10}[Rr]iver)?['’]s\s{1,10}"
    r"(?P<side>left|right|east|west|eastern|western|northern|southern)\s{1,10}bank\b"
)
#: Characters a bank phrase may hold before and after the start of its "bank" (at most 55
#: and 96 in the first pattern, 86 and 4 in the second).
_BANK_REACH: Final = (90, 100)


class NameIndex(Protocol):
    """What recognition needs of a gazetteer: is this folded name a known place name?"""

    def has(self, key: str) -> bool: ...

    def candidates(self, name: str) -> Sequence[Any]: ...

    def kinds(self, name: str) -> frozenset[str]: ...


#: Place kinds that a short all-capitals name ("US", "UK", "NSW", "DRC") may stand for.
_ACRONYM_KINDS: Final = frozenset({"country", "admin1", "continent", "demonym"})


_NO_KINDS: Final[frozenset[str]] = frozenset()
_SPAN_FIELDS: Final = (
    "start",
    "end",
    "text",
    "key",
    "kinds",
    "definite",
    "literal",
    "bank",
    "located",
    "doubtful",
    "modifier",
    "demonym",
    "within",
    "contains",
    "group",
)


class Span:
    """A recognised place name with the context clues resolution uses.

    ``kinds`` are place kinds the context favours (from a kind word such as "River" or
    "region" next to the name); ``definite`` is True after "the"; ``located``, the context
    says this is a location ("in Moore", "Moore, Okla.", "Moore County"); ``doubtful``, a
    common surname standing alone, kept only if the article places it somewhere;
    ``modifier``, the name modifies another ("Ohio" in "Ohio Department of Transportation");
    ``demonym``, a people's name ("Russian", "Americans"), kept apart from place names;
    ``within``, the folded name of the division or country written after it ("Athens, Ga.");
    ``contains``, for that division or country, the folded name of the place written before
    it; ``group``, the number of the list of names it is written in ("Ohio, Oregon and
    Utah"), counted from 0 in text order, ``None`` outside lists.

    Immutable (its attributes are ``Final``); :meth:`replace` makes a changed copy. A plain
    class rather than a frozen dataclass, whose generated ``__init__`` is interpreted even
    where this module is compiled, and cost a tenth of recognition.
    """

    __slots__ = _SPAN_FIELDS

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        key: str,
        kinds: frozenset[str] = _NO_KINDS,
        definite: bool = False,
        literal: bool = True,
        bank: bool = False,
        located: bool = False,
        doubtful: bool = False,
        modifier: bool = False,
        demonym: bool = False,
        within: str | None = None,
        contains: str | None = None,
        group: int | None = None,
    ) -> None:
        self.start: Final = start
        self.end: Final = end
        self.text: Final = text
        self.key: Final = key
        self.kinds: Final = kinds
        self.definite: Final = definite
        self.literal: Final = literal
        self.bank: Final = bank
        self.located: Final = located
        self.doubtful: Final = doubtful
        self.modifier: Final = modifier
        self.demonym: Final = demonym
        self.within: Final = within
        self.contains: Final = contains
        self.group: Final = group

    def fields(self) -> dict[str, Any]:
        """The attributes by name."""
        return {name: getattr(self, name) for name in _SPAN_FIELDS}

    def replace(self, **changes: Any) -> Span:
        """A copy with ``changes`` (attribute name → value)."""
        return Span(**{**self.fields(), **changes})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash(tuple(self.fields().values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.fields().items())
        return f"Span({shown})"


def find_spans(text: str, index: NameIndex) -> list[Span]:
    """Every place name in ``text`` known to ``index``, in text order."""
    words = tokenize(text)
    capitalized = words.capitalized
    lower_words = frozenset(compress(words.texts, map(not_, capitalized)))
    spans: list[Span] = []
    people: set[str] = set()  # surnames seen in full names: "Jones" after "Tom Jones"
    free = 0  # the first word not yet part of a name
    for i in compress(range(len(capitalized)), capitalized):
        if i < free:
            continue
        match = _longest_match(text, words, i, index)
        if match is None:
            if words.lowered[i] in NOT_PLACE_PROPER_NOUNS:
                free = _end_of_name(text, words, i) + 1  # "United Russia", "Federal Reserve"
            continue
        j, key = match
        span = _judge(text, words, i, j, key, index, people, lower_words)
        if span is not None:
            spans.append(span)
            if span.demonym:  # "European Union", "Indian Air Force": one name
                j = _end_of_name(text, words, j)
            elif span.modifier:  # "Tigray People's Liberation Front": no place after Tigray
                j = max(j, _body_noun_at(text, words, j + 1, FORCE_NOUNS, _FORCE_NAME_GAPS))
        free = j + 1
    spans = _one_sense_per_article(spans, people)
    spans.extend(_unknown_named_areas(text, spans, index))
    return place_context(text, spans, index)


_AFTER_COMMA: Final = re.compile(
    r",[ \t]*(?:(?P<stops>[A-Z][a-z]{0,4}\.(?:[ \t]?[A-Z][a-z]{0,2}\.)?)|(?P<postal>[A-Z]{2,3})\b(?!\.\w))"
)
_REGION_KINDS: Final = frozenset({"admin1", "country"})


def _place_region_pairs(text: str, spans: list[Span], index: NameIndex) -> list[Span]:
    """Read "Place, Region" pairs: "Athens, Ga.", "Dayton, OH", "Gori, Georgia".

    An abbreviation becomes a mention of its division; the place before the comma learns
    which division or country it lies in.
    """
    starts = {span.start: span for span in spans}
    list_sizes = Counter(span.group for span in spans if span.group is not None)
    contains: dict[int, str] = {}
    replaced: set[int] = set()
    out: list[Span] = []
    for span in spans:
        if span.demonym or text[span.end : span.end + 1] != ",":
            out.append(span)
            continue
        match = _AFTER_COMMA.match(text, span.end)
        region = _abbreviation_span(match, index) if match else None
        if region is None:
            following = _next_span(text, span.end, starts)
            # In a list of regions ("Georgia, Iraq, Iran"), a name is not in the next one.
            size = list_sizes[span.group] if span.group is not None else 1
            listed = size >= 3 and _names_a_region(index, span.key)
            if following is not None and not listed and _names_a_region(index, following.key):
                region = following
        if region is not None and region.key != span.key:
            span = span.replace(within=region.key, located=True)
            existing = starts.get(region.start)
            if existing is not None and existing.key == region.key:
                contains[region.start] = span.key
            else:
                if existing is not None:  # "Kan" read as a town; ", Kan." is Kansas
                    replaced.add(region.start)
                out.append(region.replace(contains=span.key))
        out.append(span)
    return [
        s.replace(contains=contains[s.start]) if s.start in contains else s
        for s in out
        if s.start not in replaced or s.contains
    ]


def _next_span(text: str, end: int, starts: dict[int, Span]) -> Span | None:
    position = end + 1
    while position < len(text) and text[position] in " \t":
        position += 1
    return starts.get(position) if text[end : end + 1] == "," else None


def _names_a_region(index: NameIndex, key: str) -> bool:
    return _has_kind(index, key, _REGION_KINDS)


def _abbreviation_span(match: re.Match[str], index: NameIndex) -> Span | None:
    group = "stops" if match.group("stops") else "postal"
    table = DIVISION_ABBREVIATIONS if group == "stops" else POSTAL_ABBREVIATIONS
    written = match.group(group)
    found = table.get("".join(ch for ch in written.lower() if ch.isalpha()))
    if found is None:
        return None
    country, name = found
    for key in (fold(name), fold(f"{name} state"), fold(f"{name} province")):
        if any(p.kind == "admin1" and p.country == country for p in index.candidates(key)):
            start = match.start(group)
            return Span(start, match.end(group), written, key, frozenset({"admin1"}), located=True)
    return None


def _in_name_of_body(text: str, words: Words, i: int) -> bool:
    """Whether word ``i`` ends a name such as "Corrections Corporation of America"."""
    return (
        i >= 2
        and words.texts[i - 1] == "of"
        and words.capitalized[i - 2]
        and text[words.ends[i - 2] : words.starts[i]] == " of "
    )


#: Kind words that make a capitalised name before them a place ("Neches River", "Readington
#: Township"), for names the gazetteer lacks.
_AREA_WORDS: Final = (
    "County",
    "Parish",
    "Township",
    "Raion",
    "Oblast",
    "Province",
    "River",
    "Lake",
    "Island",
    "Mountains",
    "Valley",
)
_NAMED_AREA: Final = re.compile(
    # Written to start with a capital, not with the look-behind: the search then skips
    # ahead to capitals alone, twice as fast.
    r"((?:[A-Z](?<![\w'’-][A-Z])[\w'’-]+ )(?:[A-Z][\w'’-]+ ){0,2})"
    rf"({'|'.join(_AREA_WORDS)})\b"
)
#: Any of the kind words, anywhere: one search finds the first, three times as fast as a
#: ``str.find`` for each.
_AREA_WORD: Final = re.compile("|".join(_AREA_WORDS))


def _unknown_named_areas(text: str, spans: list[Span], index: NameIndex) -> list[Span]:
    """Spans for "X County", "X River"... that the gazetteer does not know: they are places
    all the same, reported unresolved (and listed by ``geomap unresolved``)."""
    first_kind_word = _AREA_WORD.search(text)
    if first_kind_word is None:
        return []
    first = first_kind_word.start()
    # A match holds at most three spaces before its kind word: start four spaces before
    # the first kind word, where no match can begin (the same matches, found sooner).
    scan_from = first
    for _ in range(4):
        scan_from = text.rfind(" ", 0, scan_from) if scan_from > 0 else -1
    taken = [(s.start, s.end) for s in spans]
    found = []
    for match in _NAMED_AREA.finditer(text, max(0, scan_from + 1)):
        start, end = match.span()
        for word in match.group(1).split():  # "The Neches River": the name starts later
            lowered = word.lower()
            if not (lowered in NEVER_PLACES or lowered in NOT_PLACE_PROPER_NOUNS):
                break
            start += len(word) + 1
        if start >= match.start(2) or text[start:end].split()[0].lower() in COMPASS_WORDS:
            continue
        if any(a < end and start < b for a, b in taken):
            continue
        key = fold(text[start:end])
        if index.has(key):
            continue
        kind = match.group(2).lower()
        found.append(Span(start, end, text[start:end], key, KIND_WORDS.get(kind, frozenset())))
    return found


def _end_of_name(text: str, words: Words, k: int) -> int:
    """The last word of the capitalised run that word ``k`` starts."""
    capitalized, starts, ends = words.capitalized, words.starts, words.ends
    while k + 1 < len(capitalized) and capitalized[k + 1] and text[ends[k] : starts[k + 1]] == " ":
        k += 1
    return k


def _one_sense_per_article(spans: list[Span], people: set[str]) -> list[Span]:
    """Drop lone surnames: names the article uses for a person, and doubtful ones it never
    places anywhere ("Jones said" with no "in Jones" in the whole article)."""
    located = {span.key for span in spans if span.located}
    return [
        span
        for span in spans
        if (span.key not in people or span.located or " " in span.key)
        and (not span.doubtful or span.key in located)
    ]


def _longest_match(text: str, words: Words, i: int, index: NameIndex) -> tuple[int, str] | None:
    """The last word and the folded name of the longest known name that word ``i`` starts."""
    capitalized, lowered = words.capitalized, words.lowered
    if not capitalized[i]:
        return None
    following = i + 1
    if following == len(capitalized) or (
        not capitalized[following]
        and lowered[following] not in NAME_CONNECTORS
        and lowered[following] not in KIND_WORDS
        and lowered[following] not in FEATURE_TAIL_WORDS
    ):  # a name of one word, as about half of them are: no run to walk
        key = fold(words.texts[i])
        return (i, key) if key and index.has(key) else None
    starts, ends = words.starts, words.ends
    last = i
    # A lower-case word in the run other than a connector ends the names it may be in.
    inner_limit = limit = min(len(capitalized) - 1, i + MAX_NAME_WORDS - 1)
    while last < limit:
        following = last + 1
        if not capitalized[following]:
            word = lowered[following]
            if word not in NAME_CONNECTORS and word not in FEATURE_TAIL_WORDS:
                if word not in KIND_WORDS:
                    break  # a name holds no other lower-case word
                inner_limit = min(inner_limit, following)
        gap_start = ends[last]
        one_space = gap_start + 1 == starts[following] and text[gap_start] == " "
        if not (one_space or _GAP_OK.fullmatch(text, gap_start, starts[following])):
            break
        last = following
    for j in range(min(last, inner_limit), i - 1, -1):
        if j > i and not (
            capitalized[j] or lowered[j] in KIND_WORDS or lowered[j] in FEATURE_TAIL_WORDS
        ):
            continue
        key = fold(text[starts[i] : ends[j]])
        if key and index.has(key):
            return j, key
    return None


def _judge(
    text: str,
    words: Words,
    i: int,
    j: int,
    key: str,
    index: NameIndex,
    people: set[str],
    lower_words: frozenset[str],
) -> Span | None:
    """Keep or drop the match words ``i`` to ``j`` and read its context.

    Surnames found in full names ("Tom Jones") are added to ``people``, so that a later
    "Jones" alone is not taken for a place either.
    """
    texts, lowered_texts, capitalized = words.texts, words.lowered, words.capitalized
    start, end = words.starts[i], words.ends[j]
    has_before, has_after = i > 0, j + 1 < len(texts)
    before_text = texts[i - 1] if has_before else ""
    before_lower = lowered_texts[i - 1] if has_before else ""
    before_capitalized = has_before and capitalized[i - 1]
    after_text = texts[j + 1] if has_after else ""
    after_lower = lowered_texts[j + 1] if has_after else ""
    after_capitalized = has_after and capitalized[j + 1]
    single = i == j
    word = texts[i]
    shouting = word.isupper() and len(word) >= 2
    adjacent_before = has_before and text[words.ends[i - 1] : start] == " "
    adjacent_after = has_after and text[end : words.starts[j + 1]] == " "

    lowered = lowered_texts[i]
    if (
        single
        and not shouting
        and (
            lowered in NEVER_PLACES
            or lowered in GENERIC_NAME_NOUNS
            or lowered in NOT_PLACE_PROPER_NOUNS
            or lowered in KIND_WORDS  # "Village" alone
        )
    ):
        return None
    if (
        single
        and lowered in LANDFORM_NOUNS
        and adjacent_before
        and before_capitalized
        and before_lower not in ("a", "an", "the")
    ):
        return None  # "Mahim Bay", "Central Plateau": the end of a name not in the gazetteer
    if key == "america" and _in_name_of_body(text, words, i):
        return None  # "Future Farmers of America", "Bank of America"
    if after_text == "Day" and text[end : end + 1] in "'’":
        return None  # "St. Patrick's Day", "Columbus's Day": a feast
    if after_lower in DISEASE_NOUNS:
        return None  # "Marburg virus", "Reston ebolavirus": a germ named after a place
    if single and (lowered in DIRECTIONS or lowered in COMPASS_WORDS or key in people):
        return None
    if single and lowered in PERSON_TITLES and not shouting:
        return None  # "Sen." and "Rev." before a name
    if single and lowered in PUBLICATION_NOUNS and adjacent_before and before_capitalized:
        people.add(key)  # so that "the Herald" alone later is not a place either
        return None  # "Tribune" of "Sudan Tribune": the end of a newspaper's name
    if lowered == "the" and all(w in KIND_WORDS for w in lowered_texts[i + 1 : j + 1]):
        return None  # "The city": a kind word, no name
    if text[end : end + 1] == "$":
        return None  # "US$460": a currency
    # (The searches are costly over a window and rarely needed: look for their marks first.)
    ampersand_before = text.find("&", max(0, start - 40), start) >= 0
    if _AMPERSAND_AFTER.match(text, end) or (
        ampersand_before and _AMPERSAND_BEFORE.search(text, max(0, start - 40), start)
    ):
        return None  # "Stevens & Wilkinson": a firm
    if not single or not word.isalpha():
        apostrophe = _CONTRACTION.search(text, start, end)
        if apostrophe and apostrophe.group(1).lower() in CONTRACTION_ENDINGS:
            return None  # "We're", "I've"
    if (
        single
        and shouting
        and len(word) <= 4
        and not _names_an_area(index, key)
        and not _has_kind(index, key, SITE_KINDS)  # "ZNPP"
    ):
        return None  # "FDA", "HIV": organisations and diseases, not villages
    the_before = before_lower == "the"
    if (
        not single
        and (the_before or lowered == "the")
        and lowered_texts[j].rstrip(".") in GENERIC_NAME_NOUNS
        and not _has_kind(index, key, SITE_KINDS)  # "the Antonov airport"
    ):
        return None  # "the Lincoln Center", "The Center for ...": a building or a body
    if key in NOT_PLACE_NAMES:
        return None  # "Red Cross": an organisation, not the village of its name
    if (
        single
        and not shouting
        and _in_name_of_body(text, words, i)
        and _used_in_lower_case(lower_words, word)
        and not _is_well_known(index, key)
    ):
        return None  # "Institute for the Study of War": a word of a name, not War, W.Va.
    if "demonym" in index.kinds(key):
        return Span(start, end, text[start:end], key, literal=False, demonym=True)
    other_half = _hyphenated_with(text, words, i, j)
    if (
        other_half is not None
        and len(other_half) > 1  # "D-Columbus": a party and a place
        and not _names_an_area(index, fold(other_half))
    ):
        return None  # "Wal" and "Mart" of "Wal-Mart"; but "Egyptian-US relations"
    if before_lower.rstrip(".") in PERSON_TITLES and adjacent_before:
        if single:
            people.add(key)
        return None
    if (
        single
        and adjacent_after
        and after_capitalized
        and lowered in given_names()
        and (
            after_lower in common_surnames()
            or after_lower in given_names()
            or not (_starts_place(text, words, j + 1, index) or _is_division(index, key))
        )
        and not _is_name_noun(after_text)
        and not _country_not_a_name(index, fold(after_text))  # "Taco Bell Canada"
    ):
        people.add(fold(after_text))
        return None  # "Scott Peebles", "Roy Jones": a person, whatever the surname names
    if (
        single
        and adjacent_before
        and before_capitalized
        and before_lower in given_names()
        and not starts_sentence(text, start)
        and not _country_not_a_name(index, key)  # "Bell Canada"; but "Michael Jordan"
    ) or (single and _after_initial(text, words, i)):
        people.add(key)
        return None  # "Roy Jones", "Tyrise M. Bell"
    if single and _SPACE_DIGIT.match(text, end) and not _is_well_known(index, key):
        return None  # "Section 2AA", "Area 51": a name with a number
    modifier = False
    if adjacent_after and after_capitalized:
        after_word = after_lower.rstrip(".")
        if after_word in PUBLICATION_NOUNS:
            return None  # "New York Times"
        if after_word in FACILITY_NOUNS:
            person = single and (lowered in common_surnames() or lowered in given_names())
            if person and not _names_a_body(text, words, j + 2):
                return None  # "Jones Street", "Lincoln Center": named after a person
            modifier = True  # "Dublin Community Center", "Florida Highway Patrol"
        part_of_name = (
            not modifier and after_word not in KIND_WORDS and after_word not in NEVER_PLACES
        )
        if part_of_name and _names_a_body(text, words, j + 1):
            modifier = True  # "Ohio Department of Development", "DeKalb Police"
        elif part_of_name and not _starts_place(text, words, j + 1, index):
            named_area = not single and lowered_texts[j] in KIND_WORDS  # "Walker County Fair"
            if not (named_area or _is_well_known(index, key)):
                return None  # "Scott Varner": a person
            modifier = True  # "Texas Instruments"
    if (
        single
        and adjacent_before
        and before_capitalized
        and (
            not starts_sentence(text, words.starts[i - 1])
            or not _used_in_lower_case(lower_words, before_text)
        )
        and before_lower not in NEVER_PLACES
        and before_lower not in DIRECTIONS
        and not index.has(fold(before_text))
        and not shouting
        and not _is_well_known(index, key)
    ):
        people.add(key)  # "Tom Jones"; but "Rethinking Egypt", "Former US"
        return None
    if (
        single
        and not shouting
        and _used_in_lower_case(lower_words, word)
        and (starts_sentence(text, start) or _in_title_case(text, words, i))
    ):
        return None  # "Man" in "Grand Jury Indicts Man": capitalised as a headline word

    span = describe(text, words, i, j, key, modifier=modifier, index=index)
    person_name = single and (lowered in common_surnames() or lowered in given_names())
    unplaced = not shouting and not span.located
    if person_name and unplaced and not _is_prominent(index, key):
        return span.replace(doubtful=True)  # "Walker said", "Kristina"
    return span


def describe(
    text: str,
    words: Words,
    i: int,
    j: int,
    key: str,
    *,
    modifier: bool = False,
    index: NameIndex | None = None,
) -> Span:
    """The span of words ``i`` to ``j`` (folded name ``key``) with what its context says:
    kind words, "the", metonymy, a locative preposition before it. ``index`` tells which
    names may stand for a state (see :func:`_is_literal`)."""
    lowered, starts, ends = words.lowered, words.starts, words.ends
    start, end = starts[i], ends[j]
    before = lowered[i - 1] if i > 0 else ""
    after = lowered[j + 1] if j + 1 < len(lowered) else ""
    adjacent_before = i > 0 and text[ends[i - 1] : start] == " "
    adjacent_after = j + 1 < len(lowered) and text[end : starts[j + 1]] == " "
    kinds: frozenset[str] = frozenset()
    if adjacent_after and after in KIND_WORDS and fold(text[start : ends[j + 1]]) != key:
        kinds = KIND_WORDS[after]
    if i != j and lowered[j] in KIND_WORDS:
        kinds = KIND_WORDS[lowered[j]]
    definite = before == "the" and lowered[i] != "the"
    body = _body_before_of(text, words, i)
    # "Armed Forces of Ukraine": part of a body's name, a modifier as "Ohio" of "Ohio
    # Department of Transportation" is; "the government of Sudan" is that state's.
    modifier = modifier or body == _BODY_NAME
    literal = (
        body != _BODY
        and key not in INSTITUTION_PLACES
        and _is_literal(text, words, i, j, index, key)
    )
    possessive = text[end : end + 2] in ("'s", "’s")
    located = bool(kinds) or (
        adjacent_before
        and before in LOCATIVE_PREPOSITIONS
        and not possessive  # "into Bell's back" places Bell's back, not Bell
    )
    return Span(
        start=start,
        end=end,
        text=text[start:end],
        key=key,
        kinds=kinds,
        definite=definite,
        literal=literal,
        located=located,
        modifier=modifier,
    )


def place_context(text: str, spans: list[Span], index: NameIndex) -> list[Span]:
    """What every recogniser's spans go through: lists of names, "Place, Region" pairs,
    then bank phrases."""
    spans = _lists(text, sorted(spans, key=lambda s: (s.start, -s.end)))
    spans = _place_region_pairs(text, spans, index)
    spans.extend(_bank_spans(text, index))
    return sorted(spans, key=lambda s: (s.start, -s.end))


#: What joins the names of a list: "Ohio, Oregon", "Ohio and Utah", "Ohio, and Utah".
_LIST_JOIN: Final = re.compile(r"(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)")
#: A kind word that introduces a list or a name: "the states of Bihar and Assam".
_KIND_BEFORE: Final = re.compile(
    r"\b(?P<kind>[a-z]+?)(?:s|ies)?[ \t]+of[ \t]+(?:the[ \t]+)?$", re.IGNORECASE
)
#: A plural kind word after a list: "Mashonaland West and Midlands provinces".
_KINDS_AFTER: Final = re.compile(r"[ \t]+(?P<kind>[a-z]+?)(?:s|ies)\b", re.IGNORECASE)
#: Kind words that may introduce a list or follow it, in the singular (see KIND_WORDS).
_LIST_KIND_WORDS: Final = frozenset(
    {"state", "province", "region", "county", "district", "oblast", "island", "city"}
)


def _kinds_of_word(stem: str) -> frozenset[str]:
    """The kinds a kind word says, given what is left of it without its plural ending
    ("state", "province", "count" of "counties", "countr" of "countries")."""
    for word in (stem.lower(), stem.lower() + "y"):
        if word == "country":
            return frozenset({"country"})
        if word == "city":  # "the City of Paris" may be a town of 10,000
            return SETTLEMENT_KINDS
        if word in _LIST_KIND_WORDS:
            return KIND_WORDS[word]
    return frozenset()


def _lists(text: str, spans: list[Span]) -> list[Span]:
    """Mark names written as a list ("Arizona, Georgia and Utah") with the list they are in,
    and give them the kind a kind word before or after the list says ("the provinces of
    Manicaland and Midlands", "the Manicaland and Midlands provinces", "the state of
    Washington")."""
    groups: list[list[int]] = []
    for k, span in enumerate(spans):
        previous = spans[k - 1] if k else None
        if (
            previous is not None
            and not span.demonym
            and not previous.demonym
            and previous.end <= span.start
            and _LIST_JOIN.fullmatch(text, previous.end, span.start)
        ):
            groups[-1].append(k)
        else:
            groups.append([k])
    out = list(spans)
    number = 0
    for members in groups:
        first, last = spans[members[0]], spans[members[-1]]
        kinds: frozenset[str] = frozenset()
        reach = max(0, first.start - 40)
        # The search tries every position of its reach: skip it where no "of" can end one.
        before = (
            _KIND_BEFORE.search(text, reach, first.start)
            if "of" in text[reach : first.start].lower()
            else None
        )
        if before:
            kinds = _kinds_of_word(before.group("kind"))
        after = _KINDS_AFTER.match(text, last.end) if not kinds and len(members) > 1 else None
        if after:
            kinds = _kinds_of_word(after.group("kind"))
        in_list = len(members) > 1
        for k in members:
            span = spans[k]
            changes: dict[str, Any] = {}
            if kinds and not span.kinds:
                changes.update(kinds=kinds, located=True)
            if in_list:
                changes["group"] = number
            if changes:
                out[k] = span.replace(**changes)
        number += in_list
    return out


#: Words either side of a word that say whether it stands in a headline in title case.
_TITLE_REACH: Final = 4


def _in_title_case(text: str, words: Words, i: int) -> bool:
    """Whether word ``i`` is in a run of words written in title case (a headline)."""
    texts, starts, ends = words.texts, words.starts, words.ends
    near = [
        k
        for k in range(max(0, i - _TITLE_REACH), min(len(texts), i + _TITLE_REACH + 1))
        if len(texts[k]) > 3 and "\n" not in text[min(ends[k], ends[i]) : max(starts[k], starts[i])]
    ]
    return len(near) >= 4 and sum(words.capitalized[k] for k in near) >= 0.8 * len(near)


def _after_initial(text: str, words: Words, i: int) -> bool:
    """Whether word ``i`` follows a name and an initial ("Tyrise M. Bell", "G. B. Hall")."""
    if i < 2:
        return False
    starts, ends, capitalized = words.starts, words.ends, words.capitalized
    return (
        len(words.texts[i - 1]) == 1
        and capitalized[i - 1]
        and text[ends[i - 1] : starts[i]] == ". "
        and capitalized[i - 2]
        and text[ends[i - 2] : starts[i - 1]] in (" ", ". ")
    )


def _is_name_noun(word: str) -> bool:
    """Whether ``word`` is a noun that ends names of places, bodies or buildings."""
    lowered = word.lower().rstrip(".")
    return lowered in KIND_WORDS or lowered in GENERIC_NAME_NOUNS or lowered in PUBLICATION_NOUNS


#: How many capitalised words after a place name may come before the noun of a body.
_BODY_REACH: Final = 4
_SPACE: Final = frozenset({" "})
#: What may stand between the words of an armed group's name ("People's Liberation Front").
_FORCE_NAME_GAPS: Final = frozenset({" ", "'s ", "’s "})


def _names_a_body(text: str, words: Words, k: int) -> bool:
    """Whether the capitalised words from word ``k`` name an organisation of a place
    ("Police", "City Council", "Alcoholic Beverage Commission")."""
    return _body_noun_at(text, words, k, ORGANISATION_NOUNS, _SPACE) >= 0


def _body_noun_at(
    text: str, words: Words, k: int, nouns: frozenset[str], gaps: frozenset[str]
) -> int:
    """The word of ``nouns`` that ends the name of a body in the capitalised words from
    word ``k`` on, joined by ``gaps`` ("City Council", "People's Liberation Front"), -1 if
    none does."""
    count = len(words.texts)
    for n in range(k, min(k + _BODY_REACH, count)):
        if words.lowered[n] in nouns:
            return n
        gap = text[words.ends[n] : words.starts[n + 1]] if n + 1 < count else ""
        if not words.capitalized[n] or gap not in gaps:
            return -1
    return -1


#: A town this large is known by its name even where a surname is spelled the same.
_PROMINENT_POPULATION: Final = 50_000


def _is_prominent(index: NameIndex, key: str) -> bool:
    return any(
        place.kind in _ACRONYM_KINDS or place.population >= _PROMINENT_POPULATION
        for place in index.candidates(key)
    )


def _is_well_known(index: NameIndex, key: str) -> bool:
    """Whether ``key`` names a country ("US"), or is the own name (not a variant: "Drug" is
    not Durg) of a first-level division or a big city."""
    return any(
        place.kind in ("country", "continent")
        or (
            fold(place.name) == key
            and (place.kind == "admin1" or place.population >= _PROMINENT_POPULATION)
        )
        for place in index.candidates(key)
    )


#: A first-level division this populous is known by name ("Georgia Educators" is about the
#: state), where a small one is not (a parish called Michael).
_KNOWN_DIVISION_POPULATION: Final = 1_000_000


def _is_division(index: NameIndex, key: str) -> bool:
    """Whether ``key`` is the own name of a country or large first-level division."""
    return any(
        fold(p.name) == key
        and (
            p.kind == "country"
            or (p.kind == "admin1" and p.population >= _KNOWN_DIVISION_POPULATION)
        )
        for p in index.candidates(key)
    )


def _country_not_a_name(index: NameIndex, key: str) -> bool:
    """Whether ``key`` names a country and is no given name ("Canada", not "Jordan")."""
    return key not in given_names() and "country" in index.kinds(key)


def _has_kind(index: NameIndex, key: str, kinds: frozenset[str]) -> bool:
    """Whether some place called ``key`` is of one of ``kinds``."""
    return not kinds.isdisjoint(index.kinds(key))


def _names_an_area(index: NameIndex, key: str) -> bool:
    return _has_kind(index, key, _ACRONYM_KINDS)


def _hyphenated_with(text: str, words: Words, i: int, j: int) -> str | None:
    """The other capitalised half when words ``i`` to ``j`` are half of a hyphenated name
    ("Wal-Mart")."""
    starts, ends, capitalized = words.starts, words.ends, words.capitalized
    k = j + 1  # the word after, then the word before
    if (
        k < len(starts)
        and capitalized[k]
        and starts[k] == ends[j] + 1
        and text[ends[j]] in _HYPHENS
    ):
        return words.texts[k]
    k = i - 1
    if k >= 0 and capitalized[k] and ends[k] == starts[i] - 1 and text[ends[k]] in _HYPHENS:
        return words.texts[k]
    return None


_HYPHENS: Final = "-‐‑"


def _used_in_lower_case(lower_words: frozenset[str], word: str) -> bool:
    """Whether ``word`` also appears in lower case in the text (so it is a common word)."""
    lower = word.lower()
    return lower != word and lower in lower_words


def _starts_place(text: str, words: Words, k: int, index: NameIndex) -> bool:
    return _longest_match(text, words, k, index) is not None


#: A city this populous, named as the one who acts, is taken for the government it is the
#: seat of ("Kyiv has decided", "Moscow wants"): most capitals are this big, and a smaller
#: town rarely captures or announces anything.
_SEAT_POPULATION: Final = 500_000
#: How many words after a name (or its "'s") may stand before the noun that makes it an
#: institution's ("Russia's Federal Security Service").
_NOUN_REACH: Final = 4
#: How many auxiliaries and adverbs may stand between a subject and its verb ("Russia has
#: not yet formally announced").
_VERB_REACH: Final = 4
_RELATIVE_PRONOUNS: Final = frozenset({"that", "which", "who", "whom"})
_ATTRIBUTIVE_NOUNS: Final = ATTRIBUTIVE_FORCE_NOUNS | ATTRIBUTIVE_INSTITUTION_NOUNS
#: Words just before a name that may make it a party (see :func:`_addressed`).
_PARTY_MARKERS: Final = frozenset({"to", "from", "against"})
_CONJUNCTIONS: Final = frozenset({"and", "or"})
_DETERMINERS: Final = frozenset({"the", "both", "either"})
#: Verbs that agree with two subjects only: after "Russia and Ukraine" they make both act.
_PLURAL_VERBS: Final = frozenset(
    {"are", "aren't", "do", "don't", "have", "haven't", "say", "were", "weren't"}
)
#: What may follow a name and a possessive "'s" before the words it owns (a quotation mark
#: opens "Ukraine's “terrorist regime”").
_POSSESSIVE_GAPS: Final = frozenset({"'s ", "’s ", "'s “", "’s “", "'s \"", '’s "'})


def _is_literal(
    text: str, words: Words, i: int, j: int, index: NameIndex | None = None, key: str = ""
) -> bool:
    """False for metonyms and comparisons: "a victory for Kyiv", "Moscow said", "the size of
    X", "Russia has recaptured", "Kyiv's soldiers", "US officials", "Iran-backed".

    With ``index``, the rules for a state acting apply only to names of countries and of
    cities big enough to be a seat of government (see :func:`_stands_for_a_state`).
    """
    lowered = words.lowered
    before = lowered[max(0, i - 3) : i]
    previous = before[-1] if before else ""
    has_after = j + 1 < len(lowered)
    after = lowered[j + 1] if has_after else ""
    end = words.ends[j]
    gap = text[end : words.starts[j + 1]] if has_after else ""
    possessive = gap[:2] in ("'s", "’s")
    if previous == "for" and set(before[:-1]) & METONYM_BEFORE_FOR:
        return False
    if before[-2:] == ["size", "of"] or before[-3:-1] == ["size", "of"]:
        return False
    if previous in ("by", "both", "the") and _is_agent(text, words, i, j):
        return False  # "captured by Moscow.", "denounced by Kyiv and its allies"
    if after == "time" and not possessive:
        return False
    if after in SAYING_VERBS and gap[:1] == " ":
        # "Moscow said"; but in "officials in Kharkiv Oblast said" the officials speak.
        return previous in LOCATIVE_PREPOSITIONS
    if possessive:
        return not (gap in _POSSESSIVE_GAPS and _head_noun(text, words, j + 1, INSTITUTION_NOUNS))
    if gap in _HYPHENS and after in AGENT_HYPHENATED:
        return False  # "Iran-backed militias", "a Russia-installed governor"
    if after not in PHRASE_ENDS and (
        gap == " " or (gap == ". " and "." in text[words.starts[i] : end])
    ):  # "US officials", "U.S. officials"; but not "...in the US. Officials said"
        head = _head_noun(text, words, j + 1, _ATTRIBUTIVE_NOUNS)
        if head in ATTRIBUTIVE_FORCE_NOUNS or (head and _stands_for_a_state(index, key)):
            return False  # "the Bakhmut garrison", "US officials"
    if (previous in _PARTY_MARKERS or previous in RECIPIENT_VERBS) and _addressed(
        words, i, j, index, key
    ):
        return False  # "thanks to Ukraine", "handing Russia its victory"
    return not (gap == " " and _may_start_a_verb(after) and _acts(text, words, i, j, index, key))


def _may_start_a_verb(word: str) -> bool:
    """Whether ``word`` may begin what a subject does: a verb of acting or saying, an
    auxiliary, an adverb ("also", "illegally", "didn’t"), or "and" before another subject."""
    return (
        word in _CONJUNCTIONS
        or word in ACTING_VERBS
        or word in SAYING_VERBS
        or word in AUXILIARIES
        or word in VERB_ADVERBS
        or word.endswith("’t")
        or _is_ly_adverb(word)
    )


def _is_ly_adverb(word: str) -> bool:
    """Whether ``word`` is an adverb in -ly ("illegally"), not a verb ("reply", "supply")."""
    return len(word) > 4 and word.endswith("ly") and word not in ACTING_VERBS


def _stands_for_a_state(index: NameIndex | None, key: str, country_only: bool = False) -> bool:
    """Whether ``key`` may name a state as a party: a country or, unless ``country_only``, a
    city of a seat of government's size. Without an index (another recogniser found the
    name), any name may."""
    if index is None:
        return True
    return any(
        place.kind == "country"
        or (not country_only and place.kind == "city" and place.population >= _SEAT_POPULATION)
        for place in index.candidates(key)
    )


def _head_noun(text: str, words: Words, k: int, nouns: frozenset[str]) -> str:
    """The one of ``nouns`` that heads the few words from word ``k`` on, joined by spaces
    or hyphens, before a word that ends the phrase or a kind word ("region", "city"); ""
    if none does."""
    lowered, starts, ends = words.lowered, words.starts, words.ends
    count = len(lowered)
    for n in range(k, min(k + _NOUN_REACH, count)):
        word = lowered[n]
        if word in nouns:
            return word
        if word in PHRASE_ENDS or word in KIND_WORDS:
            return ""
        if n + 1 < count and text[ends[n] : starts[n + 1]] not in (" ", "-"):
            return ""
    return ""


def _hyphenated_agent(text: str, words: Words, j: int) -> bool:
    """Whether the name ends in "-backed", "-led", "-installed"...: a state acting."""
    end = words.ends[j]
    return (
        j + 1 < len(words.starts)
        and words.starts[j + 1] == end + 1
        and text[end] in _HYPHENS
        and words.lowered[j + 1] in AGENT_HYPHENATED
    )


_NO_BODY: Final = 0
_BODY: Final = 1  # "the government of Sudan"
_BODY_NAME: Final = 2  # "Armed Forces of Ukraine"


def _body_before_of(text: str, words: Words, i: int) -> int:
    """Whether the name ends "X of [the] Name" where X is a body: _BODY_NAME when X is
    capitalised ("Armed Forces of Ukraine", "Security Service of Ukraine"), _BODY when not
    ("the government of Sudan", "the hands of Syria"), else _NO_BODY."""
    lowered = words.lowered
    k = i - 1
    if k >= 1 and lowered[k] == "the":
        k -= 1
    if k < 1 or lowered[k] != "of":
        return _NO_BODY
    head = lowered[k - 1]
    capitalised = words.capitalized[k - 1]
    if not (head in BODY_BEFORE_OF or (capitalised and head in BODY_NOUNS)):
        return _NO_BODY
    if text[words.ends[k - 1] : words.starts[i]] not in (" of ", " of the "):
        return _NO_BODY
    return _BODY_NAME if capitalised else _BODY


def _is_agent(text: str, words: Words, i: int, j: int) -> bool:
    """Whether "by" before the name makes it the agent of a deed: "captured by Moscow.",
    "raids by Damascus on the town", "denounced by both Kyiv and its allies"."""
    lowered = words.lowered
    k = i - 1  # "by", or "both" or "the" after it
    if k >= 0 and lowered[k] in ("both", "the"):
        k -= 1
    if k < 1 or lowered[k] != "by":
        return False
    deed = lowered[k - 1]
    if deed in GEOGRAPHIC_PARTICIPLES or not (deed.endswith("ed") or deed in AGENT_BEFORE_BY):
        return False
    end = words.ends[j]
    if text[end : end + 1] in (",", ".", ";", ":", "", ")"):
        return True
    return j + 1 < len(lowered) and lowered[j + 1] in AFTER_AGENT and text[end] == " "


def _addressed(words: Words, i: int, j: int, index: NameIndex | None, key: str) -> bool:
    """Whether the name is a party someone deals with rather than a place: "thanks to
    Ukraine", "according to Damascus", "handing Russia its victory", "no comment from Khartoum",
    "the war against Russia"."""
    if i == 0:
        return False
    lowered = words.lowered
    previous = lowered[i - 1]
    two_before = lowered[i - 2] if i >= 2 else ""
    if previous == "to":
        party = two_before in ("thanks", "according")
    elif previous == "from":
        party = two_before in PARTY_BEFORE_FROM
    elif previous == "against":
        party = two_before not in ATTACKS_BEFORE_AGAINST
        return party and _stands_for_a_state(index, key, country_only=True)
    else:
        following = lowered[j + 1] if j + 1 < len(lowered) else ""
        party = previous in RECIPIENT_VERBS and following not in RESIDENT_NOUNS
    return party and _stands_for_a_state(index, key)


#: How many words a name joined to another by "and" may have ("the United States").
_NAME_REACH: Final = 4


def _after_name(text: str, words: Words, k: int) -> int:
    """The word after the capitalised name (with an optional "the") that starts at word
    ``k``, joined by single spaces; -1 if no name starts there."""
    count = len(words.lowered)
    if k < count and words.lowered[k] == "the":
        k += 1
    start = k
    while k < count and words.capitalized[k] and k - start < _NAME_REACH:
        k += 1
    if k == start or k >= count or text[words.ends[k - 1] : words.starts[k]] != " ":
        return -1
    return k


def _acts(text: str, words: Words, i: int, j: int, index: NameIndex | None, key: str) -> bool:
    """Whether the name is the subject of a verb of acting or saying ("Russia has
    recaptured", "Damascus quietly annexed", "Ukraine would be delivering"), and so
    stands for a government; not after a preposition ("the war in Ukraine has killed"),
    nor in the passive ("Kyiv was shelled", "Kharkiv shelled overnight")."""
    lowered, starts, ends = words.lowered, words.starts, words.ends
    count = len(lowered)
    n = j + 1
    if n >= count or text[ends[j] : starts[n]] != " ":
        return False
    if lowered[n] in _CONJUNCTIONS:  # "Russia and Ukraine have agreed": the verb is further
        n = _after_name(text, words, n + 1)
        if n < 0 or lowered[n].replace("’", "'") not in _PLURAL_VERBS:
            return False  # "troops entered Kyiv and Russia announced": Kyiv is the object
    the_before = i > 0 and lowered[i - 1] == "the"
    k = i - 1  # the word before the name and its determiners ("in both the United States")
    while k >= 0 and lowered[k] in _DETERMINERS and text[ends[k] : starts[k + 1]] == " ":
        k -= 1
    previous = lowered[k] if k >= 0 else ""
    if previous in SUBJECT_BLOCKERS and text[ends[k] : starts[k + 1]] == " ":
        return False
    auxiliary = be_form = False
    for _ in range(_VERB_REACH):
        word = lowered[n].replace("’", "'")
        if word in AUXILIARIES:
            auxiliary = True
            be_form = word in BE_FORMS
        elif not (word in VERB_ADVERBS or _is_ly_adverb(word)):
            break
        n += 1
        if n >= count or text[ends[n - 1] : starts[n]] != " ":
            return False
    verb = lowered[n]
    if be_form and not verb.endswith("ing"):
        return False  # "Kyiv was shelled", "Kyiv has been hit"; but "Russia is pushing"
    if verb not in ACTING_VERBS and verb not in SAYING_VERBS:
        return False
    if lowered[n + 1 : n + 3] == ["to", "be"]:
        return False  # "Kyiv continues to be shelled"
    if not auxiliary and verb in PASSIVE_HEADLINE_VERBS and previous not in _RELATIVE_PRONOUNS:
        following = lowered[n + 1] if n + 1 < count else ""
        gap = text[ends[n] : starts[n + 1]] if n + 1 < count else ""
        if gap != " " or following in PASSIVE_FOLLOWERS or following.endswith("ly"):
            return False  # "Kharkiv shelled overnight", "Aleppo captured by rebels"
    return _stands_for_a_state(index, key, country_only=the_before)  # "the US has said"


#: "ban" in every case: a text without any of them holds no "bank" in any case.
_BAN_IN_ANY_CASE: Final = tuple(b + a + n for b in "bB" for a in "aA" for n in "nN")


def _bank_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` around its "bank"s (in any case) where bank phrases may be:
    the case-blind search of a whole text was slow."""
    if not any(ban in text for ban in _BAN_IN_ANY_CASE):
        return []  # known sooner than by lowering the text (slow when it is not ASCII)
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter lowered to two ("İ"): offsets differ
        return [(0, len(text))] if "bank" in lowered else []
    before, after = _BANK_REACH
    windows: list[tuple[int, int]] = []
    at = lowered.find("bank")
    while at >= 0:
        start, end = max(0, at - before), min(len(text), at + after)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
        at = lowered.find("bank", at + 4)
    return windows


def _bank_spans(text: str, index: NameIndex) -> list[Span]:
    windows = _bank_windows(text)
    spans: list[Span] = []
    for pattern in (_BANK, _POSSESSIVE_BANK):
        for match in (m for start, end in windows for m in pattern.finditer(text, start, end)):
            side = match.group("side").lower()
            if side not in BANK_SIDES:
                continue
            if (
                match.group("side")[0].isupper()
                and "Bank" in match.group()
                and not match.group("river")
            ):
                continue  # "West Bank": a territory's name, not a river bank
            river = match.group("river")
            key = None
            if river:
                river_key = fold(river).removesuffix(" river")
                if index.has(f"{side} bank {river_key}"):
                    key = f"{side} bank {river_key}"
            if key is None and index.has(f"{side} bank"):
                key = f"{side} bank"
            if key is None:
                continue
            end = match.end() if key != f"{side} bank" or not river else match.start("river")
            start, end = match.start(), end
            while end > start and not text[end - 1].isalnum():
                end -= 1
            if key == f"{side} bank" and river:
                end = _strip_of_the(text, start, end)
            spans.append(Span(start, end, text[start:end], key, frozenset({"bank"}), bank=True))
    # "the Dnipro's right bank" holds "right bank": one phrase, the longer reading
    return [
        span
        for span in spans
        if not any(
            other.start <= span.start
            and span.end <= other.end
            and other.end - other.start > span.end - span.start
            for other in spans
        )
    ]


def _strip_of_the(text: str, start: int, end: int) -> int:
    trimmed = re.sub(r"\s+of(\s+the)?\s*\Z", "", text[start:end])
    return start + len(trimmed)
