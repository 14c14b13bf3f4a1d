"""Tokens and sentences with their character offsets, shared by the stages that read text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate
from operator import itemgetter
from typing import Final, NamedTuple

from .lexicon import MONTH_ABBREVIATIONS

#: A run of letters. A word is one run, or several joined by single apostrophes
#: ("O'Brien", "don't"); an apostrophe and a lone "s" after a word are its possessive, not a
#: word. Runs are split apart by a plain class, and the few apostrophes mended after: the
#: whole word in one pattern took twice as long. ("ʼ" is a letter.)
_LETTERS: Final = re.compile(r"([^\W\d_]+)")
#: The same for text in ASCII: a plain class is several times faster.
_ASCII_LETTERS: Final = re.compile(r"([A-Za-z]+)")
_POSSESSIVE_S: Final = ("s", "S")
#: Stand-ins of the same class (apostrophe, or neither letter nor apostrophe) for the
#: characters that keep most news text out of ASCII; words are found in the copy.
#: ("ʼ" is no such character: it is a letter, and stays one.)
_ASCII_STAND_INS: Final = (
    ("’", "'"),
    *((char, " ") for char in "‘“”–—…•·′″€£\xa0\x85\x91\x92\x93\x94\x96\x97"),
)
#: What may close a sentence after its full stop, before the next sentence's first letter.
_AFTER_STOP: Final = r"[.!?]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\u0400-\u04FF])"
#: A sentence's end: a full stop, "!" or "?" before a capital or a digit, or a line break.
#: Each alternative begins with its own character, so that a search skips to the next of
#: them ("[.!?]+" before one alternative would have it try every position: twice as slow).
_SENTENCE_END: Final = re.compile(
    "|".join(re.escape(mark) + _AFTER_STOP for mark in ".!?") + r"|\n\s*\n|\n"
)
_ABBREVIATIONS: Final = MONTH_ABBREVIATIONS | frozenset(
    """
    a capt co col corp dr e etc ft gen gov i inc jr k lt ltd mr mrs ms mt no prof rep s sen
    sgt sr st u vs
    """.split()
)
#: Ukrainian and Russian abbreviations a full stop ends no sentence after: those of places,
#: streets and units that ``languages/abbreviations.tsv`` lists for recognition (a test
#: checks it), "н. п." (a settlement), "ім." (named after). One Cyrillic letter is always
#: taken as an initial or an abbreviation ("В. Зеленський", "с. Антонівка").
_CYRILLIC_ABBREVIATIONS: Final = frozenset(
    """
    смт пгт ст пос обл оз вул просп пров пл бул ул пер пр наб кв куб км тис млн ім им
    """.split()
)
_FIRST_LETTER: Final = itemgetter(0)
_LAST_WORD: Final = re.compile(r"[^\W\d_]+\Z")


class Token(NamedTuple):
    """A word, its ``[start, end)`` code point span in the text, and whether it starts with
    a capital letter."""

    start: int
    end: int
    text: str
    capitalized: bool


class Words:
    """The words of a text as parallel lists: ``starts[k]``, ``ends[k]``, ``texts[k]``,
    ``lowered[k]`` (in lower case) and ``capitalized[k]`` describe word ``k``.

    Lists rather than an object per word: recognition reads a few words around each
    capitalised one, and making an object for each of the others was most of its cost.
    Indexing gives a :class:`Token`, for convenience.
    """

    def __init__(self, text: str) -> None:
        plain = _ascii_stand_in(text)
        # gap, letters, gap, letters, ..., gap
        if plain is None:
            parts = _LETTERS.split(text)
            joined = _join_at_apostrophes(parts, "'", "’")
        else:
            parts = _ASCII_LETTERS.split(plain)
            joined = _join_at_apostrophes(parts, "'")
        offsets = list(accumulate(map(len, parts)))
        texts: list[str] = parts[1::2]
        starts: list[int] = offsets[0:-1:2]
        ends: list[int] = offsets[1::2]
        capitalized: list[bool] = list(map(str.isupper, map(_FIRST_LETTER, texts)))
        as_written = plain is not None and plain is not text  # curly apostrophes were replaced
        for part in joined:
            k = part // 2  # parts hold a gap before each word
            if as_written:
                texts[k] = text[starts[k] : ends[k]]
            word = texts[k]
            if word[1] in "'’" and word[2].isupper():
                capitalized[k] = True  # after an elided article: "d'Ivoire", "l'Aquila"
        self.starts = starts
        self.ends = ends
        self.texts = texts
        self.lowered: list[str] = list(map(str.lower, texts))
        self.capitalized = capitalized

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, k: int) -> Token:
        return Token(self.starts[k], self.ends[k], self.texts[k], self.capitalized[k])

    def __iter__(self) -> Iterator[Token]:
        return map(Token, self.starts, self.ends, self.texts, self.capitalized)


def _join_at_apostrophes(parts: list[str], *apostrophes: str) -> list[int]:
    """Mend the runs of letters ``parts`` (gap, letters, gap, ..., gap) into words, in place:
    a gap of one apostrophe joins the letters around it into one word, unless the letters
    after it are a lone "s", a possessive, which becomes part of the next gap. Returns
    where in ``parts`` the joined words are."""
    gaps = []
    for apostrophe in apostrophes:
        at = 0
        while True:
            try:
                at = parts.index(apostrophe, at + 1)  # letters are never an apostrophe
            except ValueError:
                break
            if at + 1 < len(parts):  # not the last gap, after the last word
                gaps.append(at)
    if len(apostrophes) > 1:
        gaps.sort()
    joined: list[int] = []
    removed = 0  # left to right, as a word joined or a possessive cut changes what follows
    for at in gaps:
        at -= removed
        gap = parts[at]
        if len(gap) != 1:
            continue  # the gap took a possessive "s" in: "a's's"
        following = parts[at + 1]
        if following in _POSSESSIVE_S:
            parts[at : at + 3] = [gap + following + parts[at + 2]]
        else:
            parts[at - 1 : at + 2] = [parts[at - 1] + gap + following]
            if not joined or joined[-1] != at - 1:  # "a'b'c" is one word
                joined.append(at - 1)
        removed += 2
    return joined


def _ascii_stand_in(text: str) -> str | None:
    """``text`` in ASCII, with stand-ins for its apostrophes and punctuation, or ``None``
    when it holds other letters or symbols."""
    if text.isascii():
        return text
    for char, stand_in in _ASCII_STAND_INS:
        if char in text:
            text = text.replace(char, stand_in)
    return text if text.isascii() else None


def lower_keeping_offsets(text: str) -> str | None:
    """``text`` in lower case, or None when that would move offsets (a letter whose lower
    case is longer: "İ"). A search of the lower-cased text without ``re.I`` is two to three
    times as fast as one with it."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def tokenize(text: str) -> Words:
    """Words (letters, with inner apostrophes) of ``text``; a possessive ``'s`` is cut off."""
    return Words(text)


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text``, white space trimmed."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _ends_with_abbreviation(text, match.start()):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


_OPENERS: Final = "\"'“‘(["
_CLOSERS: Final = "\"'”’)]"


def starts_sentence(text: str, position: int) -> bool:
    """Whether the word at ``position`` begins a sentence, as :func:`sentences` splits them."""
    k = position
    while k > 0 and text[k - 1] in _OPENERS:
        k -= 1
    space_end = k
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k == 0 or "\n" in text[k:space_end]:
        return True
    if k == space_end:
        return False
    while k > 0 and text[k - 1] in _CLOSERS:
        k -= 1
    if k == 0 or text[k - 1] not in ".!?":
        return False
    first_mark = k - 1
    while first_mark > 0 and text[first_mark - 1] in ".!?":
        first_mark -= 1
    return not (text[first_mark] == "." and _ends_with_abbreviation(text, first_mark))


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    word = _LAST_WORD.search(text, max(0, dot - 12), dot)
    if word is None:
        return False
    lowered = word.group().lower()
    if lowered in _ABBREVIATIONS:
        return True
    if "\u0400" <= lowered[0] <= "\u04ff":
        # after a number it is a unit's or a year's, which may end one ("у 2022 р. Зараз")
        before = text[max(0, word.start() - 3) : word.start()].rstrip()
        if before[-1:].isdigit():
            return False
        return len(lowered) == 1 or lowered in _CYRILLIC_ABBREVIATIONS
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
