"""Streets, squares, parks and other sites in Ukrainian and Russian text, placed at their
settlement.

Local reporting names where a shell fell by its street ("на вулиці Перекопській у Херсоні",
"на Соборной площади Белгорода"); the gazetteer holds no streets, so a street is located as
ACLED codes a place smaller than a town: at the town it is in (the nearest settlement named
in its sentence, else the last one named before it, else the article's commonest one), or
left unresolved when the article names none.

A street is written in three ways, each read by a small rule:

- its noun, then its name and perhaps a house number: "вул. Межигірська, 14", "вулиці
  Волкова", "просп. Свободи, 7", "парку ім. Т. Шевченка"; a list may follow ("вул. Горького,
  Якубовського, Соборна"), as after a plural noun ("ремонт вулиць: Різдвяна, Ярославська");
- an adjective, then its noun: "Чумацьку вулицю", "Столичного шосе", "Стрийський парк";
- the nouns are the ``street_noun`` and ``site_noun`` rows of ``words.tsv`` (with the
  abbreviations of street nouns): a bridge, market, station, cemetery or lake the gazetteer
  lacks is read the same way ("Маякського мосту", "ринок «Привоз»"); one it holds is left to
  the place-name rules ("Антонівський міст").

"вулиці Херсона" (the streets of Kherson) is the town, not a street: a name that is a town's,
as the place-name rules found it, is left to them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Final

from ..extract import Span
from ..lexicon import SETTLEMENT_KINDS
from ..model import Mention
from ..names import fold
from .morph import analyses, noun_forms
from .recognize import (
    LIST_CONJUNCTIONS,
    Word,
    abbreviations,
    agrees,
    is_word_form_in,
    listed,
    sentence_end_between,
    starts_sentence,
    words_of,
)

_CAPITAL: Final = r"[А-ЯЁІЇЄҐ]"
_LETTERS: Final = r"[а-яёіїєґ'’ʼ-]"
#: One street's name: "ім." perhaps, initials perhaps, an ordinal perhaps ("1-й"), then one
#: to three capitalised words.
_NAME: Final = re.compile(
    rf"(?:(?:ім\.|імені|им\.|имени)\s+)?(?:{_CAPITAL}\.\s?){{0,2}}(?:\d+-{_LETTERS}+\s+)?"
    rf"{_CAPITAL}{_LETTERS}+(?:\s{_CAPITAL}{_LETTERS}+){{0,2}}"
    rf"|«{_CAPITAL}[^«»\n]{{1,40}}»"  # a quoted name: "пляж «Ланжерон»"
    rf"|\d+(?:-|\s)(?:років|річчя|лет|летия)\s{_CAPITAL}{_LETTERS}+"  # "30 років Перемоги"
)
#: A house number after a name: ", 14", ", 4 / 6", ", 17-23", " буд. 1А" (not "30 років").
_NUMBER: Final = re.compile(
    r"(?:,\s*|\s)(?:буд\.\s*)?\d+[А-Яа-яA-Za-z]?(?:\s*[-‐/]\s*\d+[А-Яа-яA-Za-z]?)?"
    r"(?![\d\w]|\s+(?:років|лет|річчя|роки))"
)
#: The last word before a position (searched in a short stretch ending there).
_LAST_WORD: Final = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*$")
#: What stands between a street noun and the name: a space, a line break, a stray full stop.
_GAP: Final = re.compile(r"[ \u00a0]+")
_ABBREVIATION_GAP: Final = re.compile(r"\.?[ \u00a0\n]+")
#: What stands between the names of a list of streets.
_SEPARATOR: Final = re.compile(
    rf"\s*[,;]\s*|\s+(?:{'|'.join(c for c in LIST_CONJUNCTIONS if ' ' not in c)})\s+"
)


def find_streets(text: str, lang: str, places: Sequence[Span], start: int = 0) -> list[Span]:
    """The streets of ``text`` (from offset ``start``), as spans of kind ``"street"`` whose
    key is the folded name as written; none that is all one of ``places`` ("вулиці
    Херсона")."""
    place_at = {(s.start, s.end) for s in places}
    found: list[Span] = []
    taken_until = -1
    for word in _cue_words(text, start, lang):
        if word.start < taken_until:
            continue
        cue = _cue_end(text, word, lang)
        if cue is None:
            continue
        # after "вул." a town's name is the street's ("вул. Горького"); after "вулиці" it
        # may be the town whose streets they are ("вулиці Херсона")
        abbreviated = word.text.lower() in abbreviations("street")
        named = _named_after(text, cue, set() if abbreviated else place_at, abbreviated, lang)
        if named:
            # "вул. Садова" is one name; "вулиць: Садова, Лісова" a noun before a list
            first_start, first_end = named[0]
            if not _plural(word, lang) and not text.startswith(":", word.end):
                first_start = word.start
            found.append(_street(text, first_start, first_end, word.start))
            found.extend(_street(text, s, e, word.start) for s, e in named[1:])
            taken_until = named[-1][1]
        else:
            before = _word_before(text, word.start, start)
            if (
                before is not None
                and before.start >= taken_until  # "вул. Столичне шосе" is found already
                and not any(a < word.end and before.start < b for a, b in place_at)
                and _adjective_before(text, before, word, lang)
            ):  # not a name the gazetteer holds: "Антонівського мосту" is that bridge
                found.append(_street(text, before.start, word.end))
    return found


def _cue_words(text: str, start: int, lang: str) -> Iterator[Word]:
    """The words of ``text`` from ``start`` that are a street or site noun or an
    abbreviation, in some case, as written between other characters than letters, digits,
    apostrophes and hyphens ("вул", not "вул-" or "5вул"): :func:`_cue_end` reads them."""
    forms = _cue_forms(lang)
    for word in words_of(text, start):
        if is_word_form_in(word, forms) and not (
            _joins(text, word.start - 1) or _joins(text, word.end)
        ):
            yield word


@cache
def _cue_forms(lang: str) -> frozenset[str]:
    """What :func:`_cue_end` may read as a cue, in lower case."""
    return _site_forms(lang) | {form.lower() for form in abbreviations("street")}


def _joins(text: str, position: int) -> bool:
    """Whether the character at ``position`` would join a word to its neighbour: a letter,
    a digit, "_", an apostrophe or a hyphen (outside the text, none)."""
    if not 0 <= position < len(text):
        return False
    char = text[position]
    return char.isalnum() or char in "_'’ʼ-"


def _word_before(text: str, position: int, start: int) -> Word | None:
    """The word right before ``position``, one space between."""
    if position - 1 < start or text[position - 1] != " ":
        return None
    match = _LAST_WORD.search(text, max(start, position - 40), position - 1)
    return Word(match.start(), match.end(), match.group()) if match else None


def _plural(word: Word, lang: str) -> bool:
    readings = analyses(word.text, lang)
    return bool(readings) and all("plur" in r.grammemes for r in readings)


def _street(text: str, start: int, end: int, group: int | None = None) -> Span:
    """A street's span; ``group`` numbers the streets of one list, which lie in one town."""
    key = fold(text[start:end])
    return Span(start, end, text[start:end], key, kinds=frozenset({"street"}), group=group)


def _cue_end(text: str, word: Word, lang: str) -> int | None:
    """Where the street or site noun ``word`` ends, with its full stop if abbreviated, or
    None when it is no such noun (or an abbreviation without its full stop that may be
    another word)."""
    lowered = word.text.lower()
    if lowered in abbreviations("street"):
        if text.startswith(".", word.end):
            return word.end + 1
        return word.end if lowered in abbreviations("street", bare=True) else None
    if lowered not in _site_forms(lang) or not (word.lower_case or word.text.istitle()):
        return None
    return word.end + (1 if text.startswith(":", word.end) else 0)


@cache
def _site_forms(lang: str) -> frozenset[str]:
    """Every form of the street and site nouns ("міст", "мосту", "мостом")."""
    return noun_forms(listed("street_noun", lang) | listed("site_noun", lang), lang)


def _names_streets(name: str, lang: str) -> bool:
    """Whether ``name`` is one word that names streets in many towns ("Свободи", "Мира")."""
    common = listed("street_name", lang)
    return " " not in name and any(r.lemma in common for r in analyses(name, lang))


def _named_after(
    text: str, cue: int, place_at: set[tuple[int, int]], abbreviated: bool, lang: str
) -> list[tuple[int, int]]:
    """The (start, end) of each street named after a street noun ending at ``cue``: the
    first, and those of a list after it. Only an abbreviation may stand before a line break
    or a second full stop ("вул..\nСадова"); a noun's full stop ends its sentence. A town's
    name is the town whose streets they are ("вулиці Херсона"), unless it is a word that
    names streets everywhere (``street_name`` of ``words.tsv``: "площі Свободи")."""
    named: list[tuple[int, int]] = []
    gap = (_ABBREVIATION_GAP if abbreviated else _GAP).match(text, cue)
    if gap is None:
        return named
    position = gap.end()
    while True:
        name = _NAME.match(text, position)
        if name is None:
            break
        if (
            not named
            and (name.start(), name.end()) in place_at
            and not _names_streets(name.group(), lang)
        ):
            break  # "вулиці Херсона": the town's streets (in a list, a street's name)
        end = name.end()
        number = _NUMBER.match(text, end)
        if number is not None:
            end = number.end()
        named.append((name.start(), end))
        if number is not None:
            break  # "вул. Грушевського, 4, Інститут...": an address ends with its number
        separator = _SEPARATOR.match(text, end)
        if separator is None or not _NAME.match(text, separator.end()):
            break
        position = separator.end()
    return named


def _adjective_before(text: str, before: Word, noun: Word, lang: str) -> bool:
    """Whether ``before`` is a capitalised adjective agreeing with the street noun ``noun``
    ("Чумацьку вулицю"), not one capitalised as a sentence's first word ("Загальна площа")."""
    if not before.text[0].isupper() or before.text.isupper():
        return False
    if starts_sentence(text, before.start, 0):
        return False
    adjectives = [r.grammemes for r in analyses(before.text, lang) if r.pos == "ADJF"]
    return agrees(adjectives, [r.grammemes for r in analyses(noun.text, lang)])


def locate_streets(
    article_id: str, text: str, streets: Sequence[Span], places: Sequence[Mention]
) -> list[Mention]:
    """Mentions of ``streets``, each placed at the settlement named nearest it in its
    sentence, else at the last one named before it (a report stays in its town), else at
    the article's commonest, else unresolved."""
    settlements = sorted(
        (
            m
            for m in places
            if m.place is not None and m.place.kind in SETTLEMENT_KINDS and m.literal
        ),
        key=lambda m: m.start,
    )
    ends = [m.end for m in settlements]
    counts = Counter(_place_id(m) for m in settlements)
    commonest = max(settlements, key=lambda m: (counts[_place_id(m)], -m.start), default=None)
    extents: dict[int | None, tuple[int, int]] = {}
    for street in streets:
        if street.group is not None:
            first, last = extents.get(street.group, (street.start, street.end))
            extents[street.group] = (min(first, street.start), max(last, street.end))
    located = []
    for street in streets:
        start, end = extents.get(street.group, (street.start, street.end))
        last_before = bisect_right(ends, start) - 1
        fallback = settlements[last_before] if last_before >= 0 else commonest
        near = _in_sentence(text, settlements, last_before, start, end)
        best = min(near, key=lambda m: _distance(m, start, end), default=fallback)
        located.append(
            Mention(
                article_id,
                street.start,
                street.end,
                street.text,
                place=best.place if best is not None else None,
                score=best.score if best is not None else 0.0,
            )
        )
    return located


def _place_id(mention: Mention) -> str | None:
    return mention.place.id if mention.place is not None else None


def _in_sentence(
    text: str, settlements: list[Mention], last_before: int, start: int, end: int
) -> list[Mention]:
    """The ``settlements`` (in text order) of the sentence of the street at ``start:end``,
    in text order: sought outwards from it, each way until a sentence ends between
    (``last_before``: the index of the last one before the street), so that the work is that
    of the sentence, not of the article."""
    found = []
    for k in range(last_before, -1, -1):
        if sentence_end_between(text, settlements[k].end, start):
            break
        found.append(settlements[k])
    found.reverse()  # in text order, as the nearest is chosen by min(): ties go to the first
    for k in range(last_before + 1, len(settlements)):
        if sentence_end_between(text, end, settlements[k].start):
            break
        found.append(settlements[k])
    return found


def _distance(settlement: Mention, start: int, end: int) -> int:
    """How far a settlement stands from a street (or list of streets) at ``start:end``: one
    after it counts closer ("вул. Щорса, Садова в смт Димер"), as addresses say the town
    after the street or before it with a comma ("м. Київ, вул. Садова")."""
    if settlement.start >= end:
        return (settlement.start - end) // 3
    return start - settlement.end
