"""Place names in Ukrainian and Russian text, in any case form.

English names are matched as written; Slavic names are inflected ("у Херсоні", "під
Бахмутом", "Донецької області"), so each capitalised word is put back in the nominative
with its morphology (:mod:`.morph`) and the nominatives are looked up in the gazetteer, which
holds the Cyrillic names of GeoNames and of geomap's own tables. Offsets stay those of the
words as written.

The rules, each small:

- a run of capitalised words (at most four, one space apart) is tried longest first, each
  word in the form written and in its nominatives of the same gender ("Новій Каховці" →
  "нова каховка"); an adjective before a region noun makes a region ("Донецької області");
- a word that starts a sentence is a name only if it can be a noun and cannot be a
  function word ("По", "Від", "Усі" are not towns); a word that can only be a personal
  name, or only an adjective in another form than written, is none either (an adjective
  after "село" is: "у селі Садовому");
- the words of ``words.tsv`` give context: a region noun, a river cue ("через Дніпро" is
  the river), an owner ("армія Росії": the state acting), names written in lower case;
- a country or capital before a verb acts ("Москва заявила"), as do names of government
  buildings ("у Кремлі"): they are metonyms, not locations;
- a place inside a body's name is a modifier ("Господарського суду Одеської області",
  "Збройні Сили України", «Вугілля України»);
- a name that is all of a quotation («Азов», «Хортиця») names a unit or outlet;
- names made from names: a district by its adjective is placed at its seat ("Обухівського
  району"), the country around a town at the town ("на Бахмутщині"), an oblast's adjective
  alone at its oblast beside a region noun ("з Хмельницької – 12"), a route's towns
  ("Миронівка-Канів"); a settlement after its noun that the gazetteer lacks is reported
  unresolved, one it names in Latin only is sought so ("біля Роботиного");
- people and story characters are no places ("Поповою С. Т.", "Ярка відчула").

Streets and sites are read by :mod:`.streets`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache
from itertools import product
from typing import Final

from ..events.tables import read_table
from ..extract import NameIndex, Span
from ..lexicon import SETTLEMENT_KINDS as _SETTLEMENT_KINDS
from ..names import fold
from . import TABLES
from .morph import Analysis, agreeing, analyses, nominatives, noun_forms
from .translit import transliterate

#: A word: letters, joined by apostrophes and hyphens ("Кам'янка-Дніпровська").
_WORD: Final = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
_SPACES: Final = re.compile(r"[ \u00a0]+")
#: An initial before a surname: "Н. Кан", "В.В. Путин".
_INITIAL: Final = re.compile(r"(?:^|\s)[А-ЯЁІЇЄҐ]\.\s?(?:[А-ЯЁІЇЄҐ]\.\s?)?$")
#: Initials after a surname: "Поповою С. Т.", "Попова С.Т.".
_INITIALS_AFTER: Final = re.compile(r" [А-ЯЁІЇЄҐ]\. ?[А-ЯЁІЇЄҐ]\.")
#: Characters that may stand between a sentence's end and its first word.
_OPENERS: Final = " \t\r\n«\"„“'(—–-*•"
_SENTENCE_ENDS: Final = ".!?…:;\n"
#: Parts of speech a name never has (pymorphy3 tags).
_FUNCTION_POS: Final = frozenset(
    {"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED", "ADVB", "NUMR", "VERB", "INFN", "GRND", "COMP"}
)
_ADJECTIVAL: Final = frozenset({"ADJF", "PRTF", "ADJS", "PRTS"})
_PERSONAL: Final = frozenset({"Name", "Surn", "Patr"})
_TOWN_KINDS: Final = frozenset({"city", "town"})
_STATE_KINDS: Final = frozenset({"country", "city"})
_REGION_KINDS: Final = frozenset({"country", "admin1", "region"})
#: Kinds of the sites an abbreviation may name: power plants and dams ("ЗАЕС", "ДніпроГЕС").
_ABBREVIATED_SITE_KINDS: Final = frozenset({"power station", "dam"})
#: Kinds of places prominent enough to start a sentence under a name that is also a word.
_LARGE_KINDS: Final = _REGION_KINDS | {"city", "continent"}
#: Kinds of places a word in capitals names (a dateline: "ХЕРСОН, 11 листопада").
_DATELINE_KINDS: Final = _LARGE_KINDS | {"town"}
MAX_WORDS: Final = 4
#: A village's name that can name a living being and is a verb's subject this often in an
#: article, and never after a preposition of place ("у", "біля"), is a person's there: a
#: story's character ("Ярка відчула... Ярка знала"). Towns and larger places act as
#: metonyms instead.
CHARACTER_ACTS: Final = 2
#: Languages whose pymorphy3 dictionary marks place names (``Geox``): Russian's
#: (OpenCorpora) does, Ukrainian's does not.
GEOGRAPHIC_DICTIONARIES: Final = frozenset({"ru"})
#: All-capital words this short are abbreviations, most of them of organisations.
SHORT_ABBREVIATION: Final = 4


class Word:
    """A word of a text as written, at offsets ``[start, end)``, and whether it is written
    in ``lower_case`` (``str.islower``); immutable.

    A plain class: the ``__init__`` a dataclass generates, like a ``NamedTuple``'s
    ``__new__``, is interpreted even where this module is compiled (measured: 0.4 µs a
    word, a twentieth of the first reading of the development texts), and every word of
    every text is one. The case is read once: the rules ask it of every word four times,
    and mypyc calls ``islower`` as any method, by name (asking it once cut 5.6% of the
    first reading's instructions)."""

    __slots__ = ("end", "lower_case", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start: Final = start
        self.end: Final = end
        self.text: Final = text
        self.lower_case: Final = text.islower()

    def __repr__(self) -> str:
        return f"Word({self.start}, {self.end}, {self.text!r})"


@lru_cache(maxsize=1)
def words_of(text: str, start: int = 0) -> list[Word]:
    """The words of ``text`` from offset ``start``, in text order. Kept for the text read
    last, which the street finder reads after the recogniser: the list is shared, not to
    be changed."""
    words = []
    end = start
    for piece in text[start:].split():
        # most pieces between spaces are one word and nothing else ("Херсоні"), which
        # ``isalpha`` says in C; the others ("Херсоні,", "Кам'янка-Дніпровська", "2022")
        # are read by the pattern: a third of the time of reading the whole text by it
        for written in (piece,) if piece.isalpha() else _WORD.findall(piece):
            # a word begins at the first letter after the word before, so its first
            # occurrence from there is the word
            begin = text.find(written, end)
            end = begin + len(written)
            words.append(Word(begin, end, written))
    return words


@cache
def word_lists() -> dict[tuple[str, str], frozenset[str]]:
    """``words.tsv`` as ``{(list, lang): lemmas}``."""
    lists: dict[tuple[str, str], set[str]] = {}
    for row in read_table("words.tsv", TABLES):
        lists.setdefault((row["list"], row["lang"]), set()).add(row["lemma"])
    return {key: frozenset(words) for key, words in lists.items()}


def listed(name: str, lang: str) -> frozenset[str]:
    """The lemmas of list ``name`` of ``words.tsv`` in ``lang``."""
    return word_lists().get((name, lang), frozenset())


def find_spans_slavic(text: str, index: NameIndex, lang: str, start: int = 0) -> list[Span]:
    """The place names of a Ukrainian (``uk``) or Russian (``ru``) text, in text order,
    from offset ``start`` (after a date line)."""
    # English words and Latin names quoted are left to the English rules
    words = [word for word in words_of(text, start) if not word.text.isascii()]
    people = _people(text, words, lang, index)
    region_forms = _forms_of_list("region_noun", lang)
    region_nouns = [w for w in words if is_word_form_in(w, region_forms)]
    # words the text writes in lower case: a common word, where it starts a sentence too
    lower_words = frozenset(w.text for w in words if w.lower_case)
    spans: list[Span] = []
    unsure: list[Span] = []  # a common word starting a sentence, unless named elsewhere
    last_modifier = -1  # the last word of the last name found, if it was a modifier
    # per name: how often it is a verb's subject, how often after a preposition of place
    usage: dict[str, list[int]] = {}
    # a word in lower case starts a name only as a listed one ("росії"): a set says so,
    # cheaper than the cached call that reads the others
    lowercase_names = _forms_of_list("lowercase_name", lang)
    starts = [
        k
        for k, w in enumerate(words)
        if w.text not in people
        and (w.text in lowercase_names if w.lower_case else _may_start_name(w.text, lang))
    ]
    free = 0  # the first word that is no part of a name found
    previous: Span | None = None  # the last name found, if a settlement's may follow it
    for i in starts:
        if i < free:
            continue
        word = words[i]
        found = _longest_name(text, words, i, index, lang, start, lower_words, region_nouns)
        # listed right after a settlement that goes on a list (see below)
        in_list = previous is not None and _list_member_before(text, words, i) == free - 1
        if found is None and previous is not None and in_list:
            found = _listed_settlement(text, words, i, previous, index, lang)
        if found is None:
            spans.extend(_route_parts(word, index, lang))
            continue
        j, key, kinds, sure = found
        if j == i and _heads_a_name(text, words, i, lang):
            continue  # "у Республіці Башкортостан": the republic is the name after it
        # a place right after a body's place is part of that body's name too ("суду м.
        # Маріуполя Донецької області")
        modifier = _modifier(text, words, i, j, last_modifier, lang)
        span = _words_span(
            text,
            words,
            i,
            j,
            key,
            kinds,
            literal=_is_literal(text, words, i, j, key, index, lang),
            modifier=modifier,
        )
        (spans if sure else unsure).append(span)
        # a list goes on from a settlement the text plainly places: a town, one after a
        # preposition of place or a settlement noun, or one listed after such a place (not
        # "Неба і Землі", a village in GeoNames beside a common word)
        anchors_list = (
            sure
            and not modifier
            and "admin1" not in kinds
            and bool((kinds | index.kinds(key)) & _SETTLEMENT_KINDS)
            and (
                in_list
                or bool(index.kinds(key) & _TOWN_KINDS)
                or _after_place_word(words, i, lang)
                or _after_settlement_word(text, words, i, lang)
            )
        )
        if anchors_list:
            spans.extend(_listed_before(text, words, i, free, span, index, lang))
        previous = span if anchors_list else None
        last_modifier = j if modifier else -1
        uses = usage.setdefault(key, [0, 0])
        readings = analyses(words[i].text, lang)
        # only a word that can name a living being acts as a character ("ярка", a ewe),
        # not "Роботине обстрілюють", a village the army shells
        animate = any(r.grammemes & {"anim", "Name", "Surn"} for r in readings)
        uses[0] += animate and _acts(text, words, i, j, readings, lang)
        uses[1] += _placed(words, i, lang)
        free = j + 1
    characters = {
        key
        for key, (acting, placed) in usage.items()
        if acting >= CHARACTER_ACTS and not placed and not index.kinds(key) & _DATELINE_KINDS
    }
    spans.extend(_latin_elsewhere(text, words, spans, index, lang))
    kept = sorted(
        [*spans, *_corroborated(unsure, spans, index, lower_words, lang)], key=lambda s: s.start
    )
    return _placed_in_divisions(
        text, _lists(text, [span for span in kept if span.key not in characters]), index, lang
    )


#: Kinds of places a common word starting a sentence is taken for when the article names
#: their oblast, state or province: towns, not the many villages named "Воля" or "Перемога".
_CORROBORATED_KINDS: Final = frozenset({"city", "town"})


def _corroborated(
    unsure: list[Span],
    spans: list[Span],
    index: NameIndex,
    lower_words: frozenset[str],
    lang: str,
) -> list[Span]:
    """The names among ``unsure`` (words the dictionary knows as common words, starting a
    sentence) that the article bears out: it names the place elsewhere too, or a town of
    that name lies in a first-level division the article names, or in which a place it
    names without ambiguity lies ("Бахмут знову обстріляли." beside "Донецька область";
    "Ізюм без світла." beside "Куп'янськ", a town of the same oblast)."""
    if not unsure:
        return []
    named = {span.key for span in spans}
    regions: set[str] = set()
    for key in named:
        places = index.candidates(key)
        regions.update(
            place.admin1
            for place in places
            if place.admin1 and (place.kind == "admin1" or len(places) == 1)
        )
    return [
        span
        for span in unsure
        if span.key in named
        or (
            any(
                place.kind in _CORROBORATED_KINDS and place.admin1 in regions
                for place in index.candidates(span.key)
            )
            and not _lemma_written_lower(span.text, lower_words, lang)
            # a living being is a common word's subject there ("Гірник розповів")
            and not any("anim" in r.grammemes for r in analyses(span.text, lang))
        )
    ]


def _lemma_written_lower(word: str, lower_words: frozenset[str], lang: str) -> bool:
    """Whether the text writes some form of ``word``'s lemmas in lower case: a common word
    there ("Поділ на частини." in a text that writes "поділу" too: a division, not Kyiv's
    Podil)."""
    lemmas = {r.lemma for r in analyses(word, lang)}
    stem = word.lower()[:3]  # the forms of a lemma share their first letters, mostly
    return any(
        r.lemma in lemmas
        for form in lower_words
        if form.startswith(stem)
        for r in analyses(form, lang)
    )


def _latin_elsewhere(
    text: str, words: list[Word], spans: list[Span], index: NameIndex, lang: str
) -> list[Span]:
    """The other mentions of a village found by its Latin spelling after a preposition
    ("біля Роботиного"), where no preposition stands ("Роботине знову обстріляли"): one
    name, one sense in an article."""
    latin = {span.key for span in spans if span.key.isascii()}
    if not latin:
        return []
    taken = {w for span in spans for w in range(span.start, span.end)}
    found = []
    for word in words:
        if word.start in taken or not _capitalised(word.text):
            continue
        key = _known_in_latin([word.text], index, lang)
        if key in latin:
            found.append(Span(word.start, word.end, word.text, key))
    return found


#: What stands between the names of a list: "Миколаївка, Ольгівка і Тягинка".
LIST_CONJUNCTIONS: Final = ("і", "й", "та", "и", "або", "или", "а також", "а также")
_LIST_GAP: Final = re.compile(rf"\s*(?:,|;)?\s*(?:(?:{'|'.join(LIST_CONJUNCTIONS)})\s+)?", re.I)


#: What stands between a place and the division it lies in: nothing but a space (the
#: genitive, "Іванівки Харківської області"), a comma, or "в"/"у" ("Старица в Харьковской
#: области").
_DIVISION_GAP: Final = re.compile(r"\s|,\s|\s\(|\s(?:в|у|во)\s", re.I)
_LIST_AFTER_COLON: Final = re.compile(r"\s*:\s*")


def _placed_in_divisions(text: str, spans: list[Span], index: NameIndex, lang: str) -> list[Span]:
    """The first-level division written after a place, or after a list of places, or after
    settlements' noun before a colon that opens a list, as their ``within`` ("Старица и
    Букреевка в Харьковской области", "населені пункти Херсонщини: Антонівка, Садове"):
    resolution keeps them in it, or leaves a village the gazetteer lacks unresolved rather
    than at a namesake in another oblast."""
    within: dict[int, str] = {}
    for k in range(len(spans) - 1):
        division, listed_first = spans[k], spans[k + 1]
        if (
            division.modifier
            or not _LIST_AFTER_COLON.fullmatch(text[division.end : listed_first.start])
            or not _after_settlements_noun(text, division.start, lang)
            or not index.kinds(division.key) & {"admin1"}
        ):
            continue
        for j in range(k + 1, len(spans)):
            if j > k + 1 and (listed_first.group is None or spans[j].group != listed_first.group):
                break
            if "admin1" not in spans[j].kinds:
                within[j] = division.key
    for k in range(1, len(spans)):
        place, division = spans[k - 1], spans[k]
        division_kinds = index.kinds(division.key)
        if (
            # read as a division here, or one by every reading ("Донецкой Народной
            # Республики", "Херсонщини")
            not ("admin1" in division.kinds or division_kinds == {"admin1"})
            or "admin1" in place.kinds
            or place.modifier
            or not _DIVISION_GAP.fullmatch(text[place.end : division.start])
            or not division_kinds & {"admin1"}
        ):
            continue
        within[k - 1] = division.key
        first = k - 1
        # back through the list, to its start or to a division or a place placed already
        # ("Іванівку Донецької області, Петрівку Харківської області"; after a colon)
        while (
            place.group is not None
            and first
            and spans[first - 1].group == place.group
            and "admin1" not in spans[first - 1].kinds
            and first - 1 not in within
        ):
            first -= 1
            within[first] = division.key
    # one sense per article: a name placed once is placed wherever it stands alone (the
    # headline's "село Сокол" is the body's "Сокол Донецкой Народной Республики")
    divisions_of: dict[str, set[str]] = {}
    for k, division_key in within.items():
        divisions_of.setdefault(spans[k].key, set()).add(division_key)
    # (a name placed in two divisions is placed by neither elsewhere)
    placed = {key: next(iter(found)) for key, found in divisions_of.items() if len(found) == 1}
    return [
        span.replace(within=within.get(k) or placed[span.key])
        if k in within or (span.key in placed and "admin1" not in span.kinds)
        else span
        for k, span in enumerate(spans)
    ]


_LAST_WORD: Final = re.compile(r"([^\W\d_]+)\s*\Z")


def _in_case_of_first_name(
    readings: tuple[Analysis, ...], next_readings: tuple[Analysis, ...]
) -> bool:
    """Whether a word read only as a first name ("Сергея") is followed by a word in one of
    its cases (the surname "Суровикина", which the dictionary knows as "Суровикино"'s
    genitive); not a first name that is also a common word ("Надія Миколаєва": hope)."""
    if not readings or not all("Name" in r.grammemes for r in readings):
        return False
    cases = {case for r in readings for case in r.grammemes & _CASES}
    return any(r.grammemes & cases for r in next_readings)


def _heads_a_name(text: str, words: list[Word], i: int, lang: str) -> bool:
    """Whether word ``i`` is a noun that begins a place's official name before the name
    proper (``name_head`` of ``words.tsv``: "Республіці Башкортостан"), not a place named
    so (a village Respublika)."""
    k = i + 1
    return (
        k < len(words)
        and _capitalised(words[k].text)
        and _joined(text, words[i], words[k])
        and any(r.lemma in listed("name_head", lang) for r in analyses(words[i].text, lang))
    )


def _after_settlements_noun(text: str, start: int, lang: str) -> bool:
    """Whether a settlement noun ("населені пункти", "села") stands right before ``start``:
    "Новини Харківщини: Бахмут..." is a headline, not a list of the oblast's villages."""
    found = _LAST_WORD.search(text, max(0, start - 40), start)
    return found is not None and _is_noun_of(found.group(1), lang, "settlement_noun")


def _lists(text: str, spans: list[Span]) -> list[Span]:
    """Number the lists of names (``Span.group``): villages evacuated together lie together,
    and resolution keeps them near each other."""
    grouped: list[Span] = []
    group = -1
    for k, span in enumerate(spans):
        previous = spans[k - 1] if k else None
        joined = previous is not None and _LIST_GAP.fullmatch(text[previous.end : span.start])
        following = spans[k + 1] if k + 1 < len(spans) else None
        joins_next = following is not None and _LIST_GAP.fullmatch(text[span.end : following.start])
        if joined:
            grouped.append(span.replace(group=group))
        elif joins_next:
            group += 1
            grouped.append(span.replace(group=group))
        else:
            grouped.append(span)
    return grouped


def _people(text: str, words: list[Word], lang: str, index: NameIndex) -> set[str]:
    """The words of people's names: a first name and the capitalised words after it
    ("Барак Обама", "Василий Шумов"), a word after an initial ("Н. Кан") or a call sign
    ("с позывным Куса"), and every other
    form of those words in the article (one sense per article: "Кан заявил"); not two words
    the gazetteer knows together ("Біла Церква", "Білої Церкви")."""
    found: set[str] = set()
    nicknames = listed("nickname_noun", lang)
    capitals = [k for k, word in enumerate(words) if not word.lower_case and word.text[0].isupper()]
    for k in capitals:
        word = words[k]
        if word.text.isupper():
            continue
        gap = text[words[k - 1].end : word.start] if k else ""
        # right before it: "імені Шевченка", or abbreviated, "ім. Шевченка" (not "імена. Буг")
        adjacent = gap == " " or (gap == ". " and len(words[k - 1].text) <= 3)
        before = words[k - 1].text if k else ""
        cue = (
            analyses(before, lang)
            if adjacent and _may_be_form_of(before, "nickname_noun", lang)
            else ()
        )
        if any(r.lemma in nicknames for r in cue) and not any(r.pos == "NPRO" for r in cue):
            found.add(word.text)  # "с позывным Куса", "парк імені Шевченка" (not "им", them)
            continue
        # an initial's full stop stands within three characters (a cheap test before
        # the search: most capitalised words have none)
        after_initial = (
            text.find(".", max(0, word.start - 3), word.start) >= 0
            and _INITIAL.search(text, max(0, word.start - 8), word.start) is not None
        )
        before_initials = (
            text.startswith(".", word.end + 2) and _INITIALS_AFTER.match(text, word.end) is not None
        )
        if (after_initial or before_initials) and not _names_region(word.text, lang, index):
            # "Н. Кан", "Поповою С. Т."; not "Група В. Іспанія": a group's letter
            found.add(word.text)
            continue
        following = words[k + 1] if k + 1 < len(words) else None
        if (
            following is None
            or not following.text[0].isupper()
            or not _joined(text, word, following)
        ):
            continue
        readings = analyses(word.text, lang)
        first_name = _can_be_first_name(readings)
        # an animate noun capitalised only as a sentence's first word is no name ("Жителі")
        animate = any("anim" in r.grammemes for r in readings) and not starts_sentence(
            text, word.start, 0
        )
        if first_name or animate:
            next_readings = analyses(following.text, lang)
            surname = any(r.grammemes & {"Surn", "Patr"} for r in next_readings)
            if (
                # "Владимир Королёв": a surname that is also a town's name; "Сергея
                # Суровикина": a word the dictionary knows only as a town's, after a word
                # that can only be a first name, in its case
                (
                    surname
                    or not any("Geox" in r.grammemes for r in next_readings)
                    or _in_case_of_first_name(readings, next_readings)
                )
                and not _names_region(following.text, lang, index)  # "Слава Україні"
                # "в Энгельсе Саратовской области": a region's adjective, not a surname
                and not (k + 2 < len(words) and _is_region_noun(words[k + 2].text, lang))
                and _known_nominative([word.text, following.text], index, lang) is None
                and (first_name or surname or any(not r.known for r in next_readings))
            ):
                found.update((word.text, following.text))
    # other forms of a surname ("Кана" after "Наото Кан", "Попова" after "Поповою С. Т.")
    surnames = {
        w.lower()[:-1]
        for w in found
        if len(w) > 4 and any("Surn" in r.grammemes for r in analyses(w, lang))
    }
    lemmas = {
        r.lemma for w in found for r in analyses(w, lang) if "Surn" in r.grammemes and len(w) > 4
    }
    if surnames or lemmas:
        # a surname's forms begin with its lemma's letter, but for the letters pymorphy3
        # reads one for another ("Ёлкина" as "ёлкин", "Гонтаря" as "ґонтар"): the other
        # words are not analysed
        initials = {_first_letter(lemma) for lemma in lemmas}
        found.update(
            w.text
            for w in (words[k] for k in capitals)
            if w.text.lower()[:-1] in surnames
            or (
                _first_letter(w.text) in initials
                and any("Surn" in r.grammemes and r.lemma in lemmas for r in analyses(w.text, lang))
            )
        )
    return found


#: Letters pymorphy3 reads as others (its ``CHAR_SUBSTITUTES``: Russian "е" as "ё",
#: Ukrainian "г" as "ґ"), each with the one both are compared as.
_SUBSTITUTED_LETTERS: Final = str.maketrans({"ё": "е", "ґ": "г"})


def _first_letter(word: str) -> str:
    return word[0].lower().translate(_SUBSTITUTED_LETTERS)


def _names_region(word: str, lang: str, index: NameIndex) -> bool:
    """Whether some nominative of ``word`` names a country or a first-level division."""
    return any(index.kinds(key) & _REGION_KINDS for key in _folded_forms(word, lang))


@lru_cache(maxsize=100_000)
def _may_start_name(word: str, lang: str) -> bool:
    if word[0].isupper():
        # a capital inside a part that is not all capitals: an abbreviation with an
        # ending ("МИДа"), a company's form ("ПрАТ"); not a name of capitalised parts
        # ("Санкт-Петербурге", "РБК-Україна")
        return not any(
            not part.isupper() and any(ch.isupper() for ch in part[1:]) for part in word.split("-")
        )
    # a form of a listed name, known without analysing the word ("росії")
    return _is_noun_of(word, lang, "lowercase_name")


def _may_be_form_of(word: str, list_name: str, lang: str) -> bool:
    """Whether ``word`` begins as a lemma of list ``list_name`` does, so that a word that
    does not is not analysed: the forms of the listed words keep their first two letters
    (a test checks it of every row)."""
    return word.lower().startswith(_beginnings(list_name, lang))


@cache
def _beginnings(list_name: str, lang: str) -> tuple[str, ...]:
    return tuple(sorted({lemma[:2] for lemma in listed(list_name, lang)}))


def _longest_name(
    text: str,
    words: list[Word],
    i: int,
    index: NameIndex,
    lang: str,
    text_start: int,
    lower_words: frozenset[str],
    region_nouns: list[Word],
) -> tuple[int, str, frozenset[str], bool] | None:
    """``(last word, key, kinds, sure)`` of the longest name starting at word ``i``; not
    ``sure`` for a word the dictionary knows, starting a sentence ("Херсон під загрозою",
    but "Деньги получило"): a name only if the article names it elsewhere too
    (``region_nouns``: the text's region nouns)."""
    last = i
    while (
        last + 1 < len(words)
        and last + 1 - i < MAX_WORDS
        and _joined(text, words[last], words[last + 1])
        and (words[last + 1].text[0].isupper() or _closes_name(words[last + 1].text, lang))
    ):
        last += 1
        if not words[last].text[0].isupper():
            break  # a region or feature noun closes the name
    first_of_sentence = starts_sentence(text, words[i].start, text_start)
    for j in range(last, i - 1, -1):
        run = [w.text for w in words[i : j + 1]]
        region = len(run) > 1 and _is_region_noun(run[-1], lang)
        district = len(run) == 2 and _is_noun_of(run[-1], lang, "district_noun")
        closed = len(run) > 1 and (region or _closes_name(run[-1], lang))
        if len(run) > 1 and not closed and not all(w[0].isupper() for w in run):
            continue
        if len(run) == 1:
            # an adjective is read as its oblast before any village of its form ("Курская")
            elided = _elided_region(text, words, i, index, lang, region_nouns)
            if elided is not None:
                return j, *elided, True
            if first_of_sentence and run[0].lower() in lower_words:
                continue  # "Того вечора" when the text also writes "того": not Togo
        town = _town_of_district(text, words, j, index, lang) if district else None
        if town is not None:
            return j + 1, town, _SETTLEMENT_KINDS, True  # "Шевченківському районі Харкова"
        key = _known_nominative(run, index, lang)
        if key is None and _after_place_word(words, i, lang):
            key = _known_in_latin(run, index, lang)
        if key is None and region:
            key = _as_oblast(run, index, lang)
        if key is None and district:
            key = _district_seat(run[0], index, lang)
            if key is not None:
                return j, key, _SETTLEMENT_KINDS, True
        if key is None and _names_town_feature(run, lang):
            key = _district_seat(run[0], index, lang)
            if key is not None:  # "Кураховського водосховища": at Kurakhove
                return j, key, _SETTLEMENT_KINDS, True
        if len(run) == 1 and _capitalised(run[0]) and key is None:
            key = _area_seat(run[0], index, lang)  # then read as any name is
        if key is None:
            continue
        sure = True
        if len(run) == 1:
            if not _may_be_name(text, words, i, key, index, lang, first_of_sentence):
                continue
            sure = not (first_of_sentence and _common_word(run[0], key, index, lang))
        if _whole_quotation(text, words[i].start, words[j].end):
            return None
        if len(run) == 1 and (division := _region_by_its_name(words, i, key, index, lang)):
            return j, division, frozenset({"admin1"}), True
        kinds = frozenset({"admin1"}) if region else _context_kinds(words, i, key, index, lang)
        return j, key, kinds, sure
    if _after_settlement_word(text, words, i, lang) or _near_unknown_place(text, words, i, lang):
        return _unknown_settlement(text, words, i, lang)
    return None


def _near_unknown_place(text: str, words: list[Word], i: int, lang: str) -> bool:
    """Whether word ``i`` is a place the gazetteer lacks, named after a preposition of
    nearness ("поблизу Синьківки", "около Малой Локни"): a capitalised noun in the genitive
    (or an adjective agreeing with one), no person's name, no head of a body's name ("біля
    Верховної Ради")."""
    if i == 0 or words[i].start - words[i - 1].end != 1:
        return False
    if words[i - 1].text.lower() not in listed("genitive_nearness", lang):
        return False
    word = words[i].text
    if not _capitalised(word) or len(word) < 3 or word.isupper():
        return False
    head = _unknown_settlement(text, words, i, lang)[0]  # "около Малой Локни"
    if head == i and i + 1 < len(words) and _joined(text, words[i], words[i + 1]):
        following = words[i + 1].text
        if not following[0].isupper() and any(r.pos == "NOUN" for r in analyses(following, lang)):
            return False  # "біля Головного управління": an adjective of a body's noun
    for k in range(i, head + 1):
        readings = analyses(words[k].text, lang)
        if not readings or _reads_as_person(readings) or _heads_body_name(words[k].text, lang):
            return False  # "біля Петренка", "поблизу Олени"
    # a noun that is no surname ("біля Нескучного", "поблизу Сонцедолинського": a village
    # named as an adjective has a neuter noun's reading, "біля Зеленського" none)
    readings = analyses(words[head].text, lang)
    return any(
        r.pos == "NOUN" and "gent" in r.grammemes and not r.grammemes & _PERSONAL for r in readings
    ) or not any(r.known for r in readings)


def _town_of_district(
    text: str, words: list[Word], j: int, index: NameIndex, lang: str
) -> str | None:
    """The key of the settlement whose name, in the genitive, follows the district noun at
    word ``j`` ("у Шевченківському районі Харкова", "Київський район Одеси"): the district
    is a part of that town, named with it, not the district of a town its adjective is made
    from, which may lie in another oblast (a Shevchenkove, a Kyivskyi)."""
    k = j + 1
    if k >= len(words) or not _joined(text, words[j], words[k]):
        return None
    following = words[k].text
    if following.lower() in _OF_THE_CITY:
        # "в Киевском районе города": a district of the town the text named before
        return _town_before(words, j - 1, index, lang)
    if not _capitalised(following) or not any(
        r.pos == "NOUN" and "gent" in r.grammemes for r in analyses(following, lang)
    ):
        return None  # "Льговский район Курской области": an oblast's adjective, no town
    if k + 1 < len(words) and _is_region_noun(words[k + 1].text, lang):
        return None
    key = _known_nominative([following], index, lang)
    return key if key is not None and index.kinds(key) & _SETTLEMENT_KINDS else None


#: "Of the city" after a district noun: the district is one of the town named before.
_OF_THE_CITY: Final = frozenset({"міста", "города"})


def _town_before(words: list[Word], j: int, index: NameIndex, lang: str) -> str | None:
    """The key of the last settlement named before word ``j`` (within 300 words)."""
    for k in range(j - 1, max(-1, j - 301), -1):
        if _capitalised(words[k].text):
            key = _known_nominative([words[k].text], index, lang)
            if key is not None and index.kinds(key) & _SETTLEMENT_KINDS:
                return key
    return None


def _elided_region(
    text: str, words: list[Word], i: int, index: NameIndex, lang: str, region_nouns: list[Word]
) -> tuple[str, frozenset[str]] | None:
    """``(key, kinds)`` of the oblast or the district's seat that a capitalised adjective
    names, its region or district noun left out (:func:`_elided_oblast`,
    :func:`_elided_district`), or None."""
    if not _capitalised(words[i].text):
        return None
    oblast = _elided_oblast(text, words, i, index, lang, region_nouns)
    if oblast is not None:
        return oblast, frozenset({"admin1"})
    seat = _elided_district(text, words, i, index, lang)
    if seat is not None:
        return seat, _SETTLEMENT_KINDS
    return None


def _after_settlement_word(text: str, words: list[Word], i: int, lang: str) -> bool:
    """Whether a settlement noun ("село", "смт") or its abbreviation ("с.", "м.") stands right
    before word ``i``."""
    if i == 0 or not _capitalised(words[i].text) or len(words[i].text) < 3:
        return False
    before, gap = words[i - 1], text[words[i - 1].end : words[i].start]
    written = before.text
    settlement = abbreviations("settlement")
    if (
        written not in settlement
        and i > 1
        and gap.startswith(".")
        and text[words[i - 2].end : before.start] in (".", ". ")
    ):
        written = f"{words[i - 2].text}.{written}"  # "н.п.", "н. п."
    if written in settlement:
        if gap == " ":
            after = before.text in abbreviations("settlement", bare=True)  # "смт Іванівка"
        else:
            after = gap.strip() == "." and _abbreviation_before(text, before.end)
    else:
        after = gap == " " and _after_place_word(words, i, lang, prepositions=False)
    # "170 м. Від": no function word (asked last: most words stand after no such noun)
    return after and not any(r.pos in _FUNCTION_POS for r in analyses(words[i].text, lang))


def _unknown_settlement(
    text: str, words: list[Word], i: int, lang: str
) -> tuple[int, str, frozenset[str], bool]:
    """A settlement the gazetteer does not hold, named after its noun ("у селі Романків", "с.
    Нова Дофіновка"): reported as written, unresolved, rather than left out."""
    j = i
    if (
        i + 1 < len(words)
        and _joined(text, words[i], words[i + 1])
        and _capitalised(words[i + 1].text)
    ):
        adjectives = [r.grammemes for r in analyses(words[i].text, lang) if r.pos in _ADJECTIVAL]
        following = analyses(words[i + 1].text, lang)
        nouns = [r.grammemes for r in following if r.pos == "NOUN"]
        # "Нова Дофіновка"; "Малой Локни", a name the dictionary does not know at all
        if adjectives and (agrees(adjectives, nouns) or not any(r.known for r in following)):
            j = i + 1
    # the name after its noun is written in the nominative ("у селі Романків")
    return j, fold(text[words[i].start : words[j].end]), _SETTLEMENT_KINDS, True


def _route_parts(word: Word, index: NameIndex, lang: str) -> list[Span]:
    """The towns of a route written as one hyphenated word ("траса Київ-Харків",
    "Миронівка-Канів-Софіївка"): every part a capitalised name of a settlement."""
    parts = word.text.split("-")
    if len(parts) < 2 or not all(part[:1].isupper() for part in parts):
        return []
    spans = []
    offset = word.start
    for part in parts:
        key = _known_nominative([part], index, lang) if len(part) > 2 else None
        if key is None or not index.kinds(key) & _SETTLEMENT_KINDS:
            return []  # "Ай-Петрі" is a mountain; "Польща-Білорусь-Україна" a programme
        spans.append(Span(offset, offset + len(part), part, key))
        offset += len(part) + 1
    return spans


def _joined(text: str, left: Word, right: Word) -> bool:
    between = text[left.end : right.start]
    return between in (" ", "\u00a0")


def _closes_name(word: str, lang: str) -> bool:
    """A lower-case noun that ends a name: a region or district noun, or a feature's
    ("Кримський міст", "Каховське водосховище")."""
    return (
        _is_region_noun(word, lang)
        or _is_noun_of(word, lang, "district_noun")
        or _is_noun_of(word, lang, "feature_noun")
        or _is_noun_of(word, lang, "town_feature")
    )


def _is_region_noun(word: str, lang: str) -> bool:
    return _is_noun_of(word, lang, "region_noun")


def _is_noun_of(word: str, lang: str, list_name: str) -> bool:
    """Whether ``word`` is a form of a noun the list ``list_name`` of ``words.tsv`` holds."""
    return is_form_in(word, _forms_of_list(list_name, lang))


def is_form_in(word: str, forms: frozenset[str]) -> bool:
    """Whether ``word`` in lower case is one of ``forms``: most words are written so, and
    putting one in lower case makes a new string (measured: half the cost of asking it of
    every word of a text)."""
    return word in forms or (not word.islower() and word.lower() in forms)


def is_word_form_in(word: Word, forms: frozenset[str]) -> bool:
    """:func:`is_form_in` for a word of :func:`words_of`, whose case is known."""
    return word.text in forms or (not word.lower_case and word.text.lower() in forms)


@cache
def _forms_of_list(list_name: str, lang: str) -> frozenset[str]:
    return noun_forms(listed(list_name, lang), lang)


@lru_cache(maxsize=100_000)
def _word_forms(word: str, lang: str) -> tuple[str, ...]:
    """The forms a word of a name may have in the nominative: as written, then its readings'
    nominatives (same gender and number) and lemmas."""
    forms = [word.lower()]
    if "-" in word:  # "Кам'янці-Дніпровській": each part in its own nominative
        parts = [_word_forms(part, lang)[:3] for part in word.split("-")]
        forms.extend("-".join(combination) for combination in product(*parts))
        return tuple(dict.fromkeys(forms))[:6]
    forms.extend(nominatives(word, lang))
    forms.extend(r.lemma for r in analyses(word, lang) if r.pos == "NOUN" or r.pos is None)
    forms = list(dict.fromkeys(forms))[:5]
    forms.extend(_alternated(forms[0], lang))
    return tuple(forms)


#: Per language, oblique endings the dictionary does not read back to a name's nominative,
#: each with the nominative's ending. Ukrainian town names in -ів/-їв write -ов-/-єв- in
#: their other cases ("Миколаїв", "у Миколаєві"), which the dictionary may read as another
#: word's ("Миколай"), and those in -інь write -ін-/-ен- ("Ірпінь", "в Ірпіні", "Ірпеня");
#: a possessive in -ів/-ов before a noun declines as an adjective ("Часів Яр", "Часового
#: Яру"; "Часов Яр", "Часовым Яром"), which the dictionary reads as another adjective
#: ("часовий", of a clock).
_ALTERNATIONS: Final = {
    "uk": (
        ("єві", "їв"),
        ("єва", "їв"),
        ("євом", "їв"),
        ("єву", "їв"),
        ("ові", "ів"),
        ("ова", "ів"),
        ("овом", "ів"),
        ("ового", "ів"),
        ("овому", "ів"),
        ("овим", "ів"),
        ("овім", "ів"),
        ("іні", "інь"),
        ("ені", "інь"),
        ("еня", "інь"),
    ),
    "ru": (
        # a town named by a neuter adjective, in another case ("в Каменском", "у
        # Уманского"), which the dictionary reads as a surname or a masculine town
        ("ском", "ское"),
        ("ского", "ское"),
        ("скому", "ское"),
        ("ским", "ское"),
        ("цком", "цкое"),
        ("цкого", "цкое"),
        ("цкому", "цкое"),
        ("цким", "цкое"),
        ("ова", "ов"),
        ("ову", "ов"),
        ("овым", "ов"),
        ("овом", "ов"),
    ),
}


def _alternated(form: str, lang: str) -> list[str]:
    for oblique, nominative in _ALTERNATIONS.get(lang, ()):
        if form.endswith(oblique) and len(form) > len(oblique) + 2:
            return [form[: -len(oblique)] + nominative]
    return []


@lru_cache(maxsize=100_000)
def _folded_forms(word: str, lang: str) -> tuple[str, ...]:
    """:func:`_word_forms` folded, each key once: a name of several words folds to its
    words' keys joined (:func:`_joined_keys`), so a run's combinations are not folded again."""
    return tuple(dict.fromkeys(fold(form) for form in _word_forms(word, lang)))


def _joined_keys(keys: tuple[str, ...]) -> str:
    """The key of a name whose words have the keys ``keys``, as :func:`fold` of the name
    written out would give it (a word that folds to nothing, a lone "ʼ", leaves no space)."""
    return " ".join(key for key in keys if key)


def _known_nominative(run: list[str], index: NameIndex, lang: str) -> str | None:
    """The folded name the gazetteer knows for a run of words in some case."""
    options = [_folded_forms(word, lang) for word in run]
    for combination in product(*options):
        key = _joined_keys(combination)
        if index.has(key):
            return key
    return None


#: Ukraine and its neighbours, whose places these languages' articles mostly name; GeoNames
#: names many of their villages in Latin only.
_UKRAINE_AND_NEIGHBOURS: Final = frozenset({"UA", "RU", "BY", "MD"})


def _known_in_latin(run: list[str], index: NameIndex, lang: str) -> str | None:
    """The Latin key of a settlement of Ukraine or its neighbours that GeoNames names in
    Latin only ("біля Роботиного" → "robotyne"). Asked only after a preposition of place or
    a settlement noun: a common word or a surname spelt in Latin may be a village somewhere
    ("Мельник"); never for a word that can be a person's name ("зі Степаном")."""
    if any(r.grammemes & _PERSONAL for word in run for r in analyses(word, lang)):
        return None
    options = [_folded_forms(word, lang) for word in run]
    for combination in product(*options):
        latin = transliterate(_joined_keys(combination), lang)
        if latin.isascii() and _settlement_nearby(latin, index):
            return latin
    return None


def _as_oblast(run: list[str], index: NameIndex, lang: str) -> str | None:
    """An adjective with another region noun, read as the oblast it names ("Запорожском
    регионе" → "запорожская область")."""
    if len(run) != 2:
        return None
    for adjective in agreeing(run[0], lang, "femn", False):
        key = fold(f"{adjective} область")
        if index.has(key):
            return key
        if lang == "uk":  # a Russian oblast in Ukrainian, known by its Russian name
            for russian in _russian_spellings(adjective):
                key = fold(f"{russian} область")
                if index.has(key):
                    return key
    return None


#: Ukrainian letters and their Russian spelling, for the adjectives of Russian oblasts.
_RUSSIAN_LETTERS: Final = str.maketrans({"і": "и", "и": "ы", "є": "е", "ї": "и", "ґ": "г"})
#: Ukrainian endings of an oblast's adjective and their Russian spellings ("Саратовська" →
#: "саратовская", "Липецька" → "липецкая", "Воронезька" → "воронежская", "Калузька" →
#: "калужская", "Оренбурзька" → "оренбургская").
_RUSSIAN_ENDINGS: Final = {
    "цька": ("цкая",),
    "зька": ("жская", "гская", "зская"),
    "ська": ("ская",),
}


def _russian_spellings(adjective: str) -> tuple[str, ...]:
    """The Russian spellings a Ukrainian oblast adjective may stand for: the gazetteer
    names Russia's oblasts in Russian ("Саратовська область" is "Саратовская область")."""
    for ending, endings in _RUSSIAN_ENDINGS.items():
        if adjective.endswith(ending):
            stem = adjective[: -len(ending)].translate(_RUSSIAN_LETTERS)
            return tuple(stem + russian for russian in endings)
    return ()


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


#: How far from a region noun an adjective may stand and still be read with it: "з
#: Чернівецької області – 14, з Хмельницької – 12".
ELIDED_REACH: Final = 120


#: The grammemes of which an adjective standing for an oblast's name has one.
_OBLAST_AGREEMENT: Final = frozenset({"femn", "plur"})


def _elided_oblast(
    text: str, words: list[Word], i: int, index: NameIndex, lang: str, region_nouns: list[Word]
) -> str | None:
    """An adjective whose region noun is left out, as in a list, read as its oblast ("з
    Хмельницької – 12 і з Тернопільської", "Псковской и Белгородской областях"): one of
    ``region_nouns`` must stand within :data:`ELIDED_REACH` characters, in the same
    sentence."""
    word = words[i]
    low, high = word.start - ELIDED_REACH, word.end + ELIDED_REACH
    near = [
        w
        for w in _words_between(region_nouns, low, high)
        if w is not word and not _ends_sentence_between(text, w, word)
    ]
    if not near:
        return None
    readings = analyses(word.text, lang)
    # an oblast's adjective is feminine, or plural before a plural noun: "Ивановского" in
    # "в районах Часова Яра и Ивановского" is a village's name, not Ivanovo Oblast's
    if not any(r.pos in _ADJECTIVAL and r.grammemes & _OBLAST_AGREEMENT for r in readings):
        return None
    if _qualifies_next(text, words, i, readings, lang):
        return None  # "Хмельницької міської ради"
    adjectives = agreeing(word.text, lang, "femn", False) + agreeing(word.text, lang, None, True)
    for adjective in adjectives:
        key = fold(f"{adjective} область")
        if index.has(key):
            return key
    return None


def _elided_district(
    text: str, words: list[Word], i: int, index: NameIndex, lang: str
) -> str | None:
    """An adjective whose district noun is left out in a coordination, read as the seat ("у
    Бериславському та Каховському районах" → "берислав")."""
    head = _elided_head(text, words, i, lang)
    if head is None or not _is_noun_of(head.text, lang, "district_noun"):
        return None
    return _district_seat(words[i].text, index, lang)


def _elided_head(text: str, words: list[Word], i: int, lang: str) -> Word | None:
    """The plural noun that closes a coordination of capitalised adjectives begun by word
    ``i`` ("Лиманському, Бахмутському та Мар'їнському напрямках" → "напрямках"), in the
    adjective's case, or None."""
    if i + 1 == len(words) or not (
        words[i + 1].text in _CONJUNCTIONS or _capitalised(words[i + 1].text)
    ):
        return None  # no coordination (the loop's first step would say so): no analysis
    adjectives = [r.grammemes for r in analyses(words[i].text, lang) if r.pos in _ADJECTIVAL]
    if not adjectives:
        return None
    for k in range(i + 1, min(len(words), i + 10)):
        word = words[k]
        if not _LIST_GAP.fullmatch(text, words[k - 1].end, word.start):
            return None
        if word.text in _CONJUNCTIONS:
            continue
        if _capitalised(word.text):
            if not any(r.pos in _ADJECTIVAL for r in analyses(word.text, lang)):
                return None
            continue
        if k == i + 1:
            return None  # right after it, the noun it qualifies: _qualifies_next's case
        readings = analyses(word.text, lang)
        cases = {c for a in adjectives for c in a & _CASES}
        plural = [r for r in readings if r.pos == "NOUN" and "plur" in r.grammemes]
        return word if any(r.grammemes & cases for r in plural) else None
    return None


def _words_between(words: list[Word], low: int, high: int) -> list[Word]:
    """The words starting between offsets ``low`` and ``high`` (``words`` in text order)."""
    first = bisect_left(words, low, key=lambda w: w.start)
    last = bisect_right(words, high, key=lambda w: w.start)
    return words[first:last]


def _ends_sentence_between(text: str, one: Word, other: Word) -> bool:
    left, right = (one, other) if one.start <= other.start else (other, one)
    return sentence_end_between(text, left.end, right.start)


#: A sentence's end: not the full stop of an abbreviation ("м. Київ", "Київської обл. –"),
#: but one after a number ("на вул. Садовій, 12. У Херсоні").
_SENTENCE_END: Final = re.compile(r"[!?\n]|(?:(?<=[а-яёіїєґ]{4})|(?<=\d))\.\s+[А-ЯЁІЇЄҐ]")


def sentence_end_between(text: str, start: int, end: int) -> bool:
    """Whether a sentence ends between offsets ``start`` and ``end``."""
    return start < end and _SENTENCE_END.search(text, start, end) is not None


#: Endings of the adjective of a district ("Обухівський район") and what its seat's name
#: may end in instead ("Обухів"): the adjective's ending is cut off and each of these tried.
_SEAT_ENDINGS: Final = {
    "ський": ("ськ", "", "а", "и", "е", "о", "ь", "ка", "на", "ні"),
    "цький": ("цьк", "к", "ка", "ці", "ць"),
    "зький": ("з", "зьк", "г"),
    "ский": ("ск", "", "а", "и", "е", "о", "ь", "ка", "на", "ны"),
    "цкий": ("цк", "к", "ка", "ц"),
}


def _names_town_feature(run: list[str], lang: str) -> bool:
    """Whether ``run`` is a town's adjective and a feature named after the town
    (``town_feature`` of ``words.tsv``: "Кураховського водосховища"), not after a river
    (``river_adjective``: "Дніпровського водосховища" is no reservoir at Dnipro)."""
    return (
        len(run) == 2
        and _TOWN_ADJECTIVE.search(run[0]) is not None
        and _is_noun_of(run[1], lang, "town_feature")
        and not any(
            a in listed("river_adjective", lang) for a in agreeing(run[0], lang, "masc", False)
        )
    )


def _district_seat(adjective_form: str, index: NameIndex, lang: str) -> str | None:
    """The seat of a district named by its adjective ("Обухівського району" → "обухів",
    "Кремінському районі" → "кремінна", "Белгородском районе" → "белгород",
    "Великописарівська громада" → "велика писарівка"): the district is placed at its seat,
    which the gazetteer holds and the district is not.

    Where the adjective fits the names of several settlements ("Краснопільська громада":
    Краснопілля or Краснопіль), the most populous bears it: a hromada's or a district's
    seat is a town, its namesakes mostly hamlets."""
    for adjective in agreeing(adjective_form, lang, "masc", False):
        names = _seat_names(adjective)
        if not names:
            continue
        # a seat of two words written as one adjective ("Новокаховський": Нова Каховка)
        for prefix, first_words in _COMPOUND_PREFIXES.get(lang, ()):
            if adjective.startswith(prefix) and len(adjective) > len(prefix) + 5:
                rest = _seat_names(adjective[len(prefix) :])
                names += [f"{first} {name}" for name in rest for first in first_words]
        seats = [
            key
            for key in dict.fromkeys(fold(name) for name in names)
            if len(key) > 3 and index.kinds(key) & _SETTLEMENT_KINDS
        ]
        if len(seats) > 1:
            return max(seats, key=lambda key: _largest_settlement(key, index))
        if seats:
            return seats[0]
    return None


#: The first words of names written as one adjective with the rest ("Великописарівський" for
#: Велика Писарівка, "Верхнерогачикский" for Верхний Рогачик), in each gender.
_COMPOUND_PREFIXES: Final = {
    "uk": (
        ("велико", ("великий", "велика", "велике")),
        ("мало", ("малий", "мала", "мале")),
        ("ново", ("новий", "нова", "нове")),
        ("старо", ("старий", "стара", "старе")),
        ("верхньо", ("верхній", "верхня", "верхнє")),
        ("нижньо", ("нижній", "нижня", "нижнє")),
    ),
    "ru": (
        ("велико", ("великий", "великая", "великое")),
        ("мало", ("малый", "малая", "малое")),
        ("ново", ("новый", "новая", "новое")),
        ("старо", ("старый", "старая", "старое")),
        ("верхне", ("верхний", "верхняя", "верхнее")),
        ("нижне", ("нижний", "нижняя", "нижнее")),
    ),
}


def _seat_names(adjective: str) -> list[str]:
    """The names a district's adjective in the masculine nominative may be made from, by
    :data:`_SEAT_ENDINGS` and the stem's alternations."""
    names: list[str] = []
    for ending, replacements in _SEAT_ENDINGS.items():
        if not adjective.endswith(ending):
            continue
        stem = adjective[: -len(ending)]
        stems = [stem]
        if stem.endswith(("ів", "ов")):
            stems.append(stem[:-2])  # "Сватівський" → "Сватове", "Ратнівський" → "Ратне"
            replacements = (*replacements, "ове", "еве", "ово")
        if stem.endswith(("ян", "ан")):
            stems.append(stem[:-2])  # "Попаснянський" → "Попасна", "Суджанский" → "Суджа"
        if stem.endswith("й"):
            stems.append(stem[:-1] + "я")  # "Балаклійський" → "Балаклія"
        if stem.endswith("ль"):
            stems.append(stem[:-1] + "ля")  # "Білопільський" → "Білопілля"
        names.extend(base + replacement for base in stems for replacement in replacements)
    return names


def _largest_settlement(key: str, index: NameIndex) -> int:
    """The population of the most populous settlement called ``key`` in Ukraine or its
    neighbours, whose districts and hromadas these are ("Карлівський район" is Karlivka's,
    not the larger Karlovo's in Bulgaria)."""
    return max(
        (
            p.population or 0
            for p in index.candidates(key)
            if p.kind in _SETTLEMENT_KINDS and p.country in _UKRAINE_AND_NEIGHBOURS
        ),
        default=-1,  # below a namesake there of unknown population (0)
    )


#: Endings of the name of the country around a town ("Бахмутщина", "Донеччина") and what
#: the town's name may end in instead ("Бахмут", "Донецьк").
_AREA_ENDINGS: Final = {
    "ччина": ("цьк", "ця", "к", "ч"),
    "щина": ("ськ", "", "ш", "а", "е", "и", "і", "ів", "ка"),
}


def _area_seat(word: str, index: NameIndex, lang: str) -> str | None:
    """The town a country's name is made from ("на Бахмутщині" → "бахмут", "Куп'янщину" →
    "куп'янськ", "Калущині" → "калуш"), for the areas the gazetteer does not hold (it holds
    the oblasts': "Херсонщина")."""
    for form in _word_forms(word, lang):
        for ending, replacements in _AREA_ENDINGS.items():
            if not form.endswith(ending):
                continue
            stem = form[: -len(ending)]
            stems = [stem, stem[:-1] + "я"] if stem.endswith("й") else [stem]
            for base in stems:
                for replacement in replacements:
                    key = fold(base + replacement)
                    if len(key) > 3 and _settlement_nearby(key, index):
                        return key
            break
    return None


def _settlement_nearby(key: str, index: NameIndex) -> bool:
    """Whether ``key`` names a settlement of Ukraine or its neighbours ("-щина" names are
    theirs: "Ганщина" is no Ghana's)."""
    return bool(index.kinds(key) & _SETTLEMENT_KINDS) and any(
        getattr(p, "country", None) in _UKRAINE_AND_NEIGHBOURS for p in index.candidates(key)
    )


def starts_sentence(text: str, start: int, text_start: int) -> bool:
    """Whether the word at ``start`` begins a sentence, a line or a quotation (not after an
    abbreviation of a place word: "м. Київ")."""
    k = start - 1
    line_break = False
    while k >= text_start and text[k] in _OPENERS:
        if text[k] in "«„“":  # a quotation starts with a capital too
            return True
        line_break = line_break or text[k] == "\n"
        k -= 1
    if k >= text_start and text[k] == "." and _abbreviation_before(text, k):
        return False  # "до м. Снігурівка", "вул. Лесі Українки", "смт.\nДимер"
    return line_break or k < text_start or text[k] in _SENTENCE_ENDS


def _abbreviation_before(text: str, stop: int) -> bool:
    """Whether the word ending at ``stop`` (a full stop) is an abbreviation of a place word,
    not of a unit or a year after a number ("50 куб. м.", "2013 г.")."""
    begin, written = _written_abbreviation(text, stop)
    if written not in _place_abbreviations():
        return False
    before = text[max(0, begin - 6) : begin].split()
    last = before[-1] if before else ""
    # "50 куб. м.", "169 кв м.", "2013 г.": a unit or a year
    return not (last[-1:].isdigit() or last.rstrip(".") in abbreviations("unit"))


def _written_abbreviation(text: str, stop: int) -> tuple[int, str]:
    """Where the abbreviation whose full stop is at ``stop`` begins, and its letters; a first
    part joined to it by a full stop is part of it when the table has both ("н.п.", "н. п."
    → "н.п", a settlement)."""
    begin = stop
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    written = text[begin:stop]
    joint = begin - 1 if begin > 0 and text[begin - 1] == " " else begin
    if joint > 1 and text[joint - 1] == ".":
        first = joint - 1
        while first > 0 and text[first - 1].isalpha():
            first -= 1
        joined = f"{text[first : joint - 1]}.{written}"
        if first < joint - 1 and joined in _place_abbreviations():
            return first, joined
    return begin, written


def _may_be_name(
    text: str,
    words: list[Word],
    i: int,
    key: str,
    index: NameIndex,
    lang: str,
    first_of_sentence: bool,
) -> bool:
    """Whether one word found in the gazetteer is used as a name here."""
    word = words[i].text
    if word.isupper() and len(word) > 1:
        # "РФ", "США", "ДНР", a dateline "МОСКВА"; a short one names a state or region, a
        # longer one a town at least, not a village that shares the letters of an
        # organisation ("МИД", "СИБУР")
        wanted = _REGION_KINDS if len(word) <= SHORT_ABBREVIATION else _DATELINE_KINDS
        # or a site geomap's tables name by its abbreviation ("ЗАЕС", "ЗАЭС")
        return bool(index.kinds(key) & (wanted | _ABBREVIATED_SITE_KINDS))
    if word.islower():
        return True  # a name written in lower case on purpose ("рф"), from the table
    if len(word) <= 2:
        return False  # "По", "До", "Ой": short words the gazetteer has as foreign villages
    readings = analyses(word, lang)
    if not readings:
        return True
    if _heads_body_name(word, lang):
        return False  # "Сили оборони", "Рада": the head of a body's name is no place
    if _before_axis_noun(text, words, i, lang):
        return False  # "на Купянском направлении": the axis of a front, not the town
    if not _after_place_word(words, i, lang, prepositions=False) and (
        _qualifies_next(text, words, i, readings, lang)
        or _elided_head(text, words, i, lang) is not None
    ):
        # "Московский суд", "Головне управління", "Нова пошта": its noun's; "на
        # Лиманському та Бахмутському напрямках": the noun shared by both
        return False
    if first_of_sentence and any(r.pos == "NPRO" or "Apro" in r.grammemes for r in readings):
        return False  # a pronoun first, even where a place is called so too: "Того же вечера"
    geographic = any("Geox" in r.grammemes for r in readings)
    if geographic:
        return True
    if first_of_sentence and any(r.pos in _FUNCTION_POS for r in readings):
        return False  # "Від", "Усі", "Такой"
    if (
        lang in GEOGRAPHIC_DICTIONARIES
        and all(r.known for r in readings)
        and not _after_place_word(words, i, lang)
        and not _after_capture_noun(words, i, lang)
        and not (not first_of_sentence and _adjectival_name_as_written(word, key, readings))
        and (
            first_of_sentence
            or _after_capital(text, words, i, lang)
            or not _town(key, index)
            or any(_names_a_person(r) for r in readings)  # "министр Иванов"
        )
    ):
        # the dictionary knows the word and marks no reading geographic: a common word
        # capitalised in a body's name ("Совета Европы", "Государственной Думы"), unless it
        # is where something is ("в Лимане"), an adjective standing alone inside a sentence,
        # its letters the name's ("заняли Первомайское": no noun after it for it to
        # qualify), or a town's name, no person's, inside a sentence and not after another
        # capital ("покинули Изюм", "Жители Бучи": raisins and a commotion to the
        # dictionary)
        return False
    if all(r.pos in _FUNCTION_POS for r in readings):
        return False
    if _after_agreeing_capital(text, words, i, readings, lang) and not (
        index.kinds(key) & (_REGION_KINDS | {"continent"})
    ):
        return False  # "Збройні Сили": a word of a longer name; "Західна Україна" is Ukraine
    personal = [_names_a_person(r) for r in readings]
    first_name = _can_be_first_name(readings)
    if (
        (all(personal) or first_name)
        and not _after_place_word(words, i, lang)
        and not _listed_after_settlement(text, words, i, index, lang)
        and not _after_capture_noun(words, i, lang)
    ):
        # "Кирилом", "дядьку Павлові": people; "у Макарові", "после взятия Димитрова" towns
        return False
    if _after_place_word(words, i, lang, prepositions=False):
        return True  # "село Садове", "у селі Садовому"
    if all(r.pos in _ADJECTIVAL for r in readings):
        return _adjectival_name_as_written(word, key, readings)
    return True


#: A town's adjective: "-ськ-", "-цьк-", "-зьк-" (Russian "-ск-", "-цк-") and an ending.
_TOWN_ADJECTIVE: Final = re.compile(
    r"(?:(?:сь|ць|зь)к(?:ий|а|е|ого|ої|ій|ому|у|ою|і|их|ім|ими)"
    r"|[сц]к(?:ий|ая|ое|ого|ой|ому|ую|им|ом|ие|их|ими))\Z"
)


def _after_capital(text: str, words: list[Word], i: int, lang: str) -> bool:
    """Whether word ``i`` follows a capitalised word of a name of several words ("Совета
    Европы", "Государственной Думы"): one inside the sentence, or a body's noun starting it;
    not a common word that starts it ("Жители Изюма")."""
    if i == 0 or not _joined(text, words[i - 1], words[i]):
        return False
    before = words[i - 1].text
    return _capitalised(before) and (
        not starts_sentence(text, words[i - 1].start, 0) or _heads_body_name(before, lang)
    )


def _heads_body_name(word: str, lang: str) -> bool:
    """Whether ``word`` is a form of an owner's or an institution's noun, which heads a
    body's name ("Сили оборони", "Совет Европы")."""
    return _is_noun_of(word, lang, "owner") or _is_noun_of(word, lang, "institution")


def _town(key: str, index: NameIndex) -> bool:
    """Whether some place called ``key`` is a city or a town (not only villages: "Победа",
    "Правда", "Мир" are villages' names too)."""
    return bool(index.kinds(key) & _CORROBORATED_KINDS)


def _before_axis_noun(text: str, words: list[Word], i: int, lang: str) -> bool:
    """Whether word ``i`` is written as a town's adjective (:data:`_TOWN_ADJECTIVE`) and a
    front's axis noun (``axis_noun``) follows it in the locative, as an axis is named ("на
    Купянском направлении"), right after it or after adjectives coordinated with it ("на
    Харьковском и Купянском направлениях"); not a town before another case of such a noun
    ("под Курском участок трассы", "в Європі ділянка")."""
    if not _TOWN_ADJECTIVE.search(words[i].text):
        return False
    for k in range(i + 1, min(len(words), i + 5)):
        if not _joined(text, words[k - 1], words[k]):
            return False
        word = words[k]
        if is_word_form_in(word, _forms_of_list("axis_noun", lang)):
            return any("loct" in r.grammemes for r in analyses(word.text, lang))
        if word.text not in _CONJUNCTIONS and not _capitalised(word.text):
            return False
    return False


def names_axis(text: str, start: int, end: int, lang: str) -> bool:
    """Whether ``text[start:end]`` names a front's axis by a town's adjective ("На
    Куп'янському напрямку", "на Купянском направлении")."""
    sentence = text[start:end]
    words = words_of(sentence)
    return any(
        _capitalised(word.text) and _before_axis_noun(sentence, words, k, lang)
        for k, word in enumerate(words)
    )


def _adjectival_name_as_written(word: str, key: str, readings: tuple[Analysis, ...]) -> bool:
    """Whether ``word``, every reading of it an adjective's, is written as the name ``key``
    is ("Садове", "Первомайское"): a settlement named by an adjective, not an adjective of a
    body's or a thing's name in another case ("Первомайского района")."""
    return all(r.pos in _ADJECTIVAL for r in readings) and fold(word) == key


def _after_capture_noun(words: list[Word], i: int, lang: str) -> bool:
    """Whether a noun of fighting said only of places stands right before word ``i``
    ("штурм Авдіївки", "после взятия Димитрова")."""
    if i == 0 or words[i].start - words[i - 1].end != 1:
        return False
    return _is_noun_of(words[i - 1].text, lang, "capture_noun")


def _names_a_person(reading: Analysis) -> bool:
    """Whether a reading is a person's name; not a first name in the plural, which a town
    named in the plural reads as ("по Алешкам", "у Алешек": Oleshky, not the Alyoshkas)."""
    grammemes = reading.grammemes
    return bool(grammemes & _PERSONAL) and not (
        "plur" in grammemes and "Name" in grammemes and not grammemes & {"Surn", "Patr"}
    )


def _reads_as_person(readings: tuple[Analysis, ...]) -> bool:
    """Whether a word the gazetteer lacks is read first as a person's name, or can be a first
    name ("біля Петренка", "поблизу Олени"; not "Сонцедолинського", whose surname reading
    comes after its village's)."""
    return bool(readings[0].grammemes & _PERSONAL) or _can_be_first_name(readings)


def _can_be_first_name(readings: tuple[Analysis, ...]) -> bool:
    """Whether a reading is a first name in the singular: a first name in the plural is rare,
    but a town in -ів/-їв reads as one ("Миколаїв": "of the Mykolais")."""
    return any("Name" in r.grammemes and "plur" not in r.grammemes for r in readings)


#: Grammemes an adjective shares with the noun it qualifies.
_AGREEMENT: Final = frozenset({"masc", "femn", "neut", "plur"})
_CASES: Final = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})


_CONJUNCTIONS: Final = frozenset(c for c in LIST_CONJUNCTIONS if " " not in c)


def _words_span(
    text: str,
    words: list[Word],
    i: int,
    j: int,
    key: str,
    kinds: frozenset[str],
    literal: bool = True,
    modifier: bool = False,
) -> Span:
    """The span of words ``i`` to ``j``, named ``key``."""
    start, end = words[i].start, words[j].end
    return Span(start, end, text[start:end], key, kinds=kinds, literal=literal, modifier=modifier)


def _list_member_before(text: str, words: list[Word], i: int) -> int | None:
    """The last word of the list member before word ``i``, where a comma or a conjunction
    joins the two ("Білозерка, Станіслав", "Макарівки та Нескучного"); else None."""
    k = i - 1
    conjunction = k >= 0 and words[k].text in _CONJUNCTIONS
    if conjunction:
        k -= 1
    if k < 0 or not _capitalised(words[k].text):
        return None
    gap = text[words[k].end : words[i].start]
    if not _LIST_GAP.fullmatch(gap) or not (conjunction or "," in gap):
        return None
    return k


def _listed_after_settlement(
    text: str, words: list[Word], i: int, index: NameIndex, lang: str
) -> bool:
    """Whether word ``i`` follows a settlement's name in a list ("Білозерка, Станіслав,
    Антонівка", "Голой Пристани и Алешек"): a village named like a person is a village
    there."""
    k = _list_member_before(text, words, i)
    if k is None or starts_sentence(text, words[k].start, 0):
        return False
    runs = [[words[k].text]]
    if k > 0 and _capitalised(words[k - 1].text) and _joined(text, words[k - 1], words[k]):
        runs.append([words[k - 1].text, words[k].text])  # "Голой Пристани"
    for run in runs:
        key = _known_nominative(run, index, lang)
        if key is not None and index.kinds(key) & _SETTLEMENT_KINDS:
            return True
    return False


def _listed_settlement(
    text: str, words: list[Word], i: int, neighbour: Span, index: NameIndex, lang: str
) -> tuple[int, str, frozenset[str], bool] | None:
    """A settlement listed beside another one (``neighbour``) in the same case, which the
    gazetteer holds under a name that reads as a person's ("Голой Пристани и Алешек"), in
    Latin spelling only ("Очеретине, Новобахмутівка та Бердичі"), or not at all ("біля
    Макарівки та Нескучного", "Кучерівка, Петропавлівка та Лісна Стінка"): the last is
    reported as written, unresolved, as after a settlement noun. Not a person, an
    abbreviation, a word of no name's part of speech, nor a word in another case than its
    neighbour ("у Херсоні та Миколаєві, Олена Петрівна", "Херсон, МВС")."""
    word = words[i].text
    if not _capitalised(word) or len(word) < 3 or word.isupper():
        return None
    readings = analyses(word, lang)
    if not readings or all(r.pos in _FUNCTION_POS for r in readings):
        return None
    if _heads_body_name(word, lang):
        return None  # "Херсон і Верховна Рада"
    neighbour_cases = {
        g for r in analyses(neighbour.text.split()[-1], lang) for g in r.grammemes & _CASES
    }
    j, written, kinds, sure = _unknown_settlement(text, words, i, lang)
    last = analyses(words[j].text, lang)
    if not neighbour_cases & {g for r in last if r.pos not in _FUNCTION_POS for g in r.grammemes}:
        return None
    run = [w.text for w in words[i : j + 1]]
    key = _known_nominative(run, index, lang)
    if key is not None and index.kinds(key) & _SETTLEMENT_KINDS:
        return j, key, kinds, sure
    if j == i and _reads_as_person(readings):
        return None  # a single word read first as a person's name ("Лісна Стінка" is not)
    return j, _known_in_latin(run, index, lang) or written, kinds, sure


def _listed_before(
    text: str, words: list[Word], i: int, free: int, span: Span, index: NameIndex, lang: str
) -> list[Span]:
    """Settlements listed before the settlement ``span`` (starting at word ``i``) that were
    not found on their own ("Кучерівка, Петропавлівка"), back to the list's start or to a
    word already read as part of a name (before ``free``)."""
    found: list[Span] = []
    while (k := _list_member_before(text, words, i)) is not None and k >= free:
        first = k
        if (
            k - 1 >= free
            and _capitalised(words[k - 1].text)
            and _joined(text, words[k - 1], words[k])
        ):
            first = k - 1  # "Лісна Стінка, Петропавлівка"
        listed = _listed_settlement(text, words, first, span, index, lang)
        if listed is None and first < k:
            first, listed = k, _listed_settlement(text, words, k, span, index, lang)
        if listed is None or listed[0] != k:
            break
        _, key, kinds, _ = listed
        span = _words_span(text, words, first, k, key, kinds)
        found.append(span)
        i = first
    return found


def _qualifies_next(
    text: str, words: list[Word], i: int, readings: tuple[Analysis, ...], lang: str
) -> bool:
    """Whether word ``i`` can be an adjective agreeing with the lower-case noun after it,
    other agreeing adjectives between ("Жовтневого районного суду"), or with a body's
    abbreviation right after it ("Генічеська РДА", "Донецьке ТОВ"); the last of
    coordinated adjectives, with the plural noun they share ("на Торецькому та Покровському
    напрямках")."""
    adjectives = [a.grammemes for a in readings if a.pos in _ADJECTIVAL]
    if not adjectives:
        return False
    coordinated = i > 0 and (
        words[i - 1].text in _CONJUNCTIONS or text[words[i - 1].end : words[i].start] == ", "
    )
    if coordinated and i + 1 < len(words) and _joined(text, words[i], words[i + 1]):
        cases = {c for a in adjectives for c in a & _CASES}
        shared = analyses(words[i + 1].text, lang) if words[i + 1].lower_case else ()
        if any(r.pos == "NOUN" and "plur" in r.grammemes and r.grammemes & cases for r in shared):
            return True
    for k in range(i + 1, min(len(words), i + 4)):
        if not _joined(text, words[k - 1], words[k]):
            return False
        following = words[k].text
        if following.isupper() and len(following) > 1:
            return k == i + 1  # an abbreviation names a body
        if not following.islower():
            # "Червоного Хреста": with a capitalised noun it agrees with, one name the
            # gazetteer lacks (a longer name it holds was sought first: "Нової Каховки")
            return (
                k == i + 1
                # an adjective (or a surname made as one: "Червоний"), no common noun
                and all(r.pos in _ADJECTIVAL or r.grammemes & _PERSONAL for r in readings)
                and agrees(
                    adjectives,
                    [r.grammemes for r in analyses(following, lang) if r.pos == "NOUN"],
                )
            )
        readings_after = analyses(following, lang)
        if any(r.pos in ("CONJ", "PREP") for r in readings_after):
            return False  # "Псковской и Белгородской": "и" is no noun here
        nouns = [r.grammemes for r in readings_after if r.pos == "NOUN"]
        others = [r.grammemes for r in readings_after if r.pos in _ADJECTIVAL]
        if agrees(adjectives, nouns):
            return True
        if not agrees(adjectives, others):
            return False
    return False


def _after_agreeing_capital(
    text: str, words: list[Word], i: int, readings: tuple[Analysis, ...], lang: str
) -> bool:
    """Whether a capitalised adjective agreeing with word ``i`` stands right before it: the
    two are one name, and the gazetteer did not know it."""
    if i == 0 or not _joined(text, words[i - 1], words[i]) or not words[i - 1].text[0].isupper():
        return False
    adjectives = [r.grammemes for r in analyses(words[i - 1].text, lang) if r.pos in _ADJECTIVAL]
    return agrees(adjectives, [r.grammemes for r in readings if r.pos == "NOUN"])


def agrees(adjectives: list[frozenset[str]], others: list[frozenset[str]]) -> bool:
    """Whether some adjective reading (grammemes) agrees with some other reading in gender
    or number and in case."""
    return any(
        (a & _AGREEMENT) & other and (a & _CASES) & other for a in adjectives for other in others
    )


def _common_word(word: str, key: str, index: NameIndex, lang: str) -> bool:
    """A word the dictionary knows as a common word or a small place ("Деньги", "Доля",
    "Херсон" in the Ukrainian dictionary), not a country, region, large city or river
    ("Дунай, сага..."), nor one whose every known reading the dictionary marks geographic
    (Russian's: "Херсон снова под обстрелом"; "Орёл" is an eagle too)."""
    known = [r for r in analyses(word, lang) if r.known]
    common = any("Geox" not in r.grammemes for r in known)
    return common and not index.kinds(key) & (_LARGE_KINDS | {"river"})


def _after_place_word(words: list[Word], i: int, lang: str, prepositions: bool = True) -> bool:
    """Whether a settlement noun ("село") or, with ``prepositions``, a preposition of place
    ("у", "під") stands before word ``i``."""
    if i == 0 or words[i].start - words[i - 1].end != 1:
        return False  # one character between, not ". ": "...несколько сел. Московский суд"
    before = words[i - 1].text.lower()
    if prepositions and (
        before in listed("place_preposition", lang) or before in listed("near_preposition", lang)
    ):
        return True
    if prepositions and before in listed("owner_or_place_preposition", lang):
        # "у Синьковки" (near the village), not "у Иванова" (Ivanov's)
        return not any(r.grammemes & _PERSONAL for r in analyses(words[i].text, lang))
    return _is_noun_of(before, lang, "settlement_noun")


#: The longest quoted name of a company, outlet or party, in words: a longer quotation is
#: somebody's words.
QUOTED_NAME_WORDS: Final = 6
_QUOTES: Final = {"«": "»", "„": "“"}


def _in_quoted_name(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the name is part of a quoted name with other words, a company's, an outlet's
    or a party's («Вугілля України», «Наші гроші. Львів»): a short quotation without a verb,
    which somebody's words would have («Ми повернулися до Херсона»)."""
    for opening, closing in _QUOTES.items():
        left = text.rfind(opening, max(0, start - 60), start)
        if left < 0 or closing in text[left:start]:
            continue
        right = text.find(closing, end, end + 60)
        if right < 0:
            continue
        inner = _WORD.findall(text, left + 1, right)
        if len(inner) <= 1 or len(inner) > QUOTED_NAME_WORDS or text[right - 1] in "!?…":
            return False
        return not any(r.pos in ("VERB", "INFN") for word in inner for r in analyses(word, lang))
    return False


def _placed(words: list[Word], i: int, lang: str) -> bool:
    """Whether word ``i`` is used as a place: after a settlement noun, in the locative
    after a preposition ("у Макарові", "на Херсонщині"), or after a preposition of nearness
    ("біля Макарова"); "на Ярку", "до Ярки" may be a person's."""
    if not _after_place_word(words, i, lang):
        return False
    before = words[i - 1].text.lower()
    if before not in listed("place_preposition", lang) or before in listed(
        "near_preposition", lang
    ):
        return True
    cases = {case for r in analyses(words[i].text, lang) for case in r.grammemes & _CASES}
    return "loct" in cases and "accs" not in cases  # "на Ярку" may be "onto a ravine" too


def _whole_quotation(text: str, start: int, end: int) -> bool:
    before, after = text[start - 1 : start], text[end : end + 1]
    return (before, after) in (("«", "»"), ('"', '"'), ("„", "“"), ("“", "”"))


def _region_by_its_name(
    words: list[Word], i: int, key: str, index: NameIndex, lang: str
) -> str | None:
    """The key of the oblast called by its city's name, after "на" with the locative ("на
    Запоріжжі"; ``region_by_its_name`` in words.tsv): the first-level division of the
    largest city of that name. None elsewhere ("у Запоріжжі" is the city)."""
    if not i or words[i - 1].text.lower() != "на":
        return None
    if key not in {fold(lemma) for lemma in listed("region_by_its_name", lang)}:
        return None
    if not any("loct" in r.grammemes for r in analyses(words[i].text, lang)):
        return None
    cities = [p for p in index.candidates(key) if p.kind == "city" and p.admin1]
    if not cities:
        return None
    division = fold(max(cities, key=lambda p: p.population).admin1)
    return division if "admin1" in index.kinds(division) else None


def _context_kinds(
    words: list[Word], i: int, key: str, index: NameIndex, lang: str
) -> frozenset[str]:
    """``{"river"}`` when a river cue stands in the three words before a river's name, or
    "на" before its locative: one is "на Дунаї", "на Дніпрі" (on the river), but "у Дніпрі"
    (in the city)."""
    if "river" not in index.kinds(key):
        return frozenset()
    cues = listed("river_cue", lang)
    for k in range(max(0, i - 3), i):
        if any(r.lemma in cues for r in analyses(words[k].text, lang)):
            return frozenset({"river"})
    if i and words[i - 1].text.lower() == "на":
        cases = {c for r in analyses(words[i].text, lang) for c in r.grammemes & _CASES}
        if "loct" in cases and "accs" not in cases:
            return frozenset({"river"})
    return frozenset()


def _is_literal(
    text: str, words: list[Word], i: int, j: int, key: str, index: NameIndex, lang: str
) -> bool:
    """False for a state acting or owning ("Москва заявила", "армія Росії") and for a
    government building ("у Кремлі")."""
    kinds = index.kinds(key)
    if "building" in kinds:
        return False
    readings = analyses(words[i].text, lang)
    if _owner_before(text, words, i, readings, lang) == _OWNER:
        return False
    return not (kinds & _STATE_KINDS and _acts(text, words, i, j, readings, lang))


def _modifier(text: str, words: list[Word], i: int, j: int, last_modifier: int, lang: str) -> bool:
    """Whether the name of words ``i`` to ``j`` is part of a body's name (``last_modifier``:
    the last word of the previous name, if that was one)."""
    return (
        _in_body_name(text, words, i, lang)
        or _after_body_place(text, words, i, last_modifier, lang)
        or _in_quoted_name(text, words[i].start, words[j].end, lang)
    )


def _after_body_place(text: str, words: list[Word], i: int, last_modifier: int, lang: str) -> bool:
    """Whether the name follows a place of a body's name, right after it or after a branch
    preposition ("у", "в"; Russian "по"): "суду м. Маріуполя Донецької області", "Головне
    управління ДСНС України у Харківській області"."""
    if last_modifier < 0:
        return False
    if last_modifier == i - 1:
        return _joined(text, words[i - 1], words[i])
    between = words[last_modifier + 1 : i]
    return (
        len(between) == 1
        and between[0].text.lower() in listed("branch_preposition", lang)
        and _joined(text, words[last_modifier], between[0])
        and _joined(text, between[0], words[i])
    )


def _in_body_name(text: str, words: list[Word], i: int, lang: str) -> bool:
    """Whether the name completes a body's name, as "Ohio" in "Ohio Department of
    Transportation": a modifier, neither where something is nor a state acting."""
    readings = analyses(words[i].text, lang)
    return _owner_before(text, words, i, readings, lang) == _BODY_NAME


@cache
def abbreviations(kind: str, bare: bool = False) -> frozenset[str]:
    """The abbreviations of ``abbreviations.tsv`` of ``kind`` ("settlement", "street",
    "area", "unit"); with ``bare``, only those that need no full stop ("смт Іванівка")."""
    return frozenset(
        row["abbreviation"]
        for row in read_table("abbreviations.tsv", TABLES)
        if row["kind"] == kind and (row["bare"] == "yes" or not bare)
    )


@cache
def _place_abbreviations() -> frozenset[str]:
    """Abbreviations after which a capital does not start a sentence ("вул. Садова",
    "Київської обл. Бровари")."""
    return abbreviations("settlement") | abbreviations("street") | abbreviations("area")


_NO_OWNER: Final = 0
_OWNER: Final = 1  # "армія Росії": the state acting or owning
_BODY_NAME: Final = 2  # "Господарський суд Одеської області", "Збройні Сили України"


def _owner_before(
    text: str, words: list[Word], i: int, readings: tuple[Analysis, ...], lang: str
) -> int:
    """What owns a genitive (or, after "Слава", dative) name, with only words between:

    - ``_BODY_NAME``: an institution ("Господарського суду Одеської області", "Міністерство
      охорони здоров'я України"), an owner written with a capital, as a body's name is
      ("Збройні Сили України"), or an abbreviation right before ("НАН України");
    - ``_OWNER``: an owner in lower case, the state acting ("армія Росії", "уряд України");
    - ``_NO_OWNER``: none, or a word first that is no genitive ("війська від Херсона": where
      they are; "армія відступила до Херсона").
    """
    if not any(r.grammemes & {"gent", "datv"} for r in readings) and not words[i].text.isupper():
        return _NO_OWNER
    owners = listed("owner", lang)
    institutions = listed("institution", lang)
    for k in range(i - 1, max(-1, i - 5), -1):
        before = words[k].text
        gap = text[words[k].end : words[k + 1].start]
        if k == i - 1 and before in abbreviations("settlement") and gap in (". ", " "):
            continue  # "Господарського суду м. Києва"
        if not _SPACES.fullmatch(gap):
            return _NO_OWNER
        if k == i - 1 and before.isupper() and len(before) > 1:
            return _BODY_NAME  # an abbreviation is a body's name ("ДСНС України")
        readings = analyses(before, lang)
        lemmas = {r.lemma for r in readings}
        if lemmas & institutions:
            return _BODY_NAME
        if lemmas & owners:
            # a capital that only starts a sentence does not make a name ("Прапор України"),
            # unless words complete the owner's name ("Міністерство оборони України")
            completed = k < i - 1 and not any(
                r.pos in _ADJECTIVAL for w in words[k + 1 : i] for r in analyses(w.text, lang)
            )  # by nouns, not an adjective ("Армія сусідньої Росії")
            capitalised = before[0].isupper() and (
                completed or not starts_sentence(text, words[k].start, 0)
            )
            return _BODY_NAME if capitalised else _OWNER
        if not any("gent" in r.grammemes for r in readings) or before.lower() in listed(
            "place_preposition", lang
        ):
            return _NO_OWNER  # "армія відступила до Херсона": only genitives chain
    return _NO_OWNER


def _acts(
    text: str, words: list[Word], i: int, j: int, readings: tuple[Analysis, ...], lang: str
) -> bool:
    """A nominative name, after no preposition, before a verb it is the subject of (one
    particle or adverb may stand between): "Москва заявила", "Київ не погодився"; not a verb
    of another number or gender ("Харків атакували": others attacked it) nor one of what a
    place undergoes ("Нікополь зазнав обстрілу", ``undergoing_verb`` of ``words.tsv``)."""
    if _voiced_from(text, words, i, j, readings, lang):
        return True
    subjects = [r.grammemes for r in readings if "nomn" in r.grammemes]
    if not subjects and not words[i].text.isupper():
        return False
    if _says_before(text, words, i, j, subjects, lang):
        return True
    if i > 0 and any(r.pos == "PREP" for r in analyses(words[i - 1].text, lang)):
        return False
    # "Франція та Німеччина заявили": a name joined to another is a plural subject
    joined = (
        i > 1
        and words[i - 1].text in _CONJUNCTIONS
        and _capitalised(words[i - 2].text)
        # the name before it a subject too ("Жителі Херсона та Миколаєва" are no subjects)
        and any("nomn" in r.grammemes for r in analyses(words[i - 2].text, lang))
    )
    first = j + 1
    if (
        first + 1 < len(words)
        and words[first].text in _CONJUNCTIONS
        and _capitalised(words[first + 1].text)
    ):
        joined, first = True, first + 2  # "Киев и Москва обвиняют": the verb after both
    for k in range(first, min(len(words), first + 2)):
        if not _SPACES.fullmatch(text, words[k - 1].end, words[k].start):
            return False
        following = analyses(words[k].text, lang)
        verbs = [r for r in following if r.pos == "VERB"]
        if verbs:
            undergoing = listed("undergoing_verb", lang)
            return any(
                r.lemma not in undergoing
                and (
                    _agrees_with_subject(r.grammemes, subjects)
                    or (joined and "plur" in r.grammemes)
                )
                for r in verbs
            )
        if words[k].text in _CONJUNCTIONS or not any(r.pos in ("PRCL", "ADVB") for r in following):
            return False  # "Харків і зустрівся": "і" joins another verb, not a particle
    return False


#: What may close the clause a speaker's name ends ("..., утверждает Киев.", "заявила Москва,").
_CLAUSE_END: Final = re.compile(r"[ \t]*\n|\s*(?:[.,;:!?)»\"”]|[—–]\s|\Z)")


#: Prepositions of "in" before a locative: "В Киеве заявили", "У Москві заперечили".
_IN: Final = frozenset({"в", "во", "у"})
#: A verb of an unnamed "they": third person, or past (which has no person).
_THIRD_PERSON_OR_PAST: Final = frozenset({"3per", "past"})


def _voiced_from(
    text: str, words: list[Word], i: int, j: int, readings: tuple[Analysis, ...], lang: str
) -> bool:
    """Whether the name at words ``i``..``j`` is where an unnamed "they" say something, in
    the locative right before a plural verb of saying with no subject of its own ("В Киеве
    опровергли", "У Москві заявили"; one particle or adverb may stand between): the
    government speaking, as "Москва заявила" is."""
    if i == 0 or words[i - 1].text.lower() not in _IN:
        return False
    if not any("loct" in r.grammemes for r in readings):
        return False
    saying = listed("saying_verb", lang)
    # or right after such a verb, closing the clause ("что ранее отрицали в Киеве.")
    if (
        i >= 2
        and _SPACES.fullmatch(text, words[i - 2].end, words[i - 1].start)
        and _CLAUSE_END.match(text, words[j].end)
        and _says_in_plural(words[i - 2].text, saying, lang)
    ):
        return True
    for k in range(j + 1, min(len(words), j + 3)):
        if not _SPACES.fullmatch(text, words[k - 1].end, words[k].start):
            return False
        if _says_in_plural(words[k].text, saying, lang):
            return True
        # a particle or adverb between ("уже", "вже": which Ukrainian's dictionary lacks)
        if not any(r.pos in ("PRCL", "ADVB", None) for r in analyses(words[k].text, lang)):
            return False
    return False


def _says_in_plural(word: str, saying: frozenset[str], lang: str) -> bool:
    """Whether ``word`` is a verb of ``saying`` in the plural, of the third person or past:
    "they" say, with no subject named."""
    return any(
        r.pos == "VERB"
        and r.lemma in saying
        and "plur" in r.grammemes
        and bool(r.grammemes & _THIRD_PERSON_OR_PAST)
        for r in analyses(word, lang)
    )


def _says_before(
    text: str, words: list[Word], i: int, j: int, subjects: list[frozenset[str]], lang: str
) -> bool:
    """Whether the name at words ``i``..``j`` is the subject of a verb of saying right before
    it, closing the clause ("Село освобождено, утверждает Киев."): the state speaking."""
    if i == 0 or not _SPACES.fullmatch(text, words[i - 1].end, words[i].start):
        return False
    if not _CLAUSE_END.match(text, words[j].end):
        return False
    saying = listed("saying_verb", lang)
    return any(
        r.pos == "VERB" and r.lemma in saying and _agrees_with_subject(r.grammemes, subjects)
        for r in analyses(words[i - 1].text, lang)
    )


_GENDERS: Final = frozenset({"masc", "femn", "neut"})


def _agrees_with_subject(verb: frozenset[str], subjects: list[frozenset[str]]) -> bool:
    """Whether a finite verb's reading (grammemes) agrees with one of a name's nominative
    readings ``subjects`` in person, number and, in the past, gender ("Одеса прокинулася",
    "Суми готуються"; not "Херсон обстріляли"). A name with no nominative reading (an
    abbreviation: "РФ") agrees with any finite verb."""
    if "infn" in verb or verb & {"1per", "2per"}:
        return False  # Ukrainian infinitives are read as verbs too ("знаходитися")
    if not subjects:
        return True
    for subject in subjects:
        if "plur" in verb or "plur" in subject:
            if "plur" in verb and "plur" in subject:
                return True
            continue
        gender = verb & _GENDERS
        if not gender or not subject & _GENDERS or gender & subject:
            return True
    return False


def spans_of_ranges(
    text: str, ranges: list[tuple[int, int]], index: NameIndex, lang: str
) -> list[Span]:
    """Spans for the place names a model found at ``ranges`` (``[start, end)`` offsets),
    read as the rules read theirs: the nominative the gazetteer knows as the key (else the
    name as written, reported unresolved), a region noun's kind, the river cue, the
    metonymy rules. A range that does not fall on word boundaries is left out."""
    words = words_of(text)
    by_start = {w.start: k for k, w in enumerate(words)}
    by_end = {w.end: k for k, w in enumerate(words)}
    spans = []
    last_modifier = -1  # the last word of the last name, if it was part of a body's
    for start, end in ranges:
        i, j = by_start.get(start), by_end.get(end)
        if i is None or j is None or j < i:
            continue
        run = [w.text for w in words[i : j + 1]]
        region = len(run) > 1 and _is_region_noun(run[-1], lang)
        key = _known_nominative(run, index, lang) or (
            _as_oblast(run, index, lang) if region else None
        )
        if key is None:
            spans.append(Span(start, end, text[start:end], fold(text[start:end])))
            continue
        kinds = frozenset({"admin1"}) if region else _context_kinds(words, i, key, index, lang)
        literal = _is_literal(text, words, i, j, key, index, lang)
        modifier = _modifier(text, words, i, j, last_modifier, lang)
        last_modifier = j if modifier else -1
        spans.append(
            Span(start, end, text[start:end], key, kinds=kinds, literal=literal, modifier=modifier)
        )
    return spans
