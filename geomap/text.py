"""Tokens and sentences with their character offsets, shared by the stages that read text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import accumulate
from operator import itemgetter
from typing import Final, NamedTuple

from .lexicon import MONTH_ABBREVIATIONS

#: A word: letters, with inner apostrophes ("O'Brien"); then the possessive "'s" after it
#: (an empty group when there is none). ("ʼ" is a letter.)
_WORD: Final = re.compile(
    r"([^\W\d_]+(?:['’](?![sS](?![^\W\d_]))[^\W\d_]+)*)((?:['’][sS](?![^\W\d_]))?)"
)
#: The same for text in ASCII: a plain class is several times faster.
_ASCII_WORD: Final = re.compile(
    r"([A-Za-z]+(?:'(?![sS](?![A-Za-z]))[A-Za-z]+)*)((?:'[sS](?![A-Za-z]))?)"
)
#: Stand-ins of the same class (apostrophe, or neither letter nor apostrophe) for the
#: characters that keep most news text out of ASCII; words are found in the copy.
#: ("ʼ" is no such character: it is a letter, and stays one.)
_ASCII_STAND_INS: Final = (
    ("’", "'"),
    *((char, " ") for char in "‘“”–—…•·′″€£\xa0\x85\x91\x92\x93\x94\x96\x97"),
)
_CURLY_APOSTROPHE: Final = re.compile(r"’")
#: The apostrophe of an elided article before a name ("d'Ivoire", "l'Aquila"), or any
#: other apostrophe before a letter: searched for on its own, it is found fast.
_ELIDED: Final = re.compile(r"['’](?=[^\W\d_])")
_SENTENCE_END: Final = re.compile(
    r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\u0400-\u04FF])|\n\s*\n|\n"
)
_ABBREVIATIONS: Final = MONTH_ABBREVIATIONS | frozenset(
    """
    a capt co col corp dr e etc ft gen gov i inc jr k lt ltd mr mrs ms mt no prof rep s sen
    sgt sr st u vs
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
        # gap, word, possessive, gap, word, possessive, ..., gap
        parts = (_WORD if plain is None else _ASCII_WORD).split(plain or text)
        offsets = list(accumulate(map(len, parts)))
        texts: list[str] = parts[1::3]
        starts: list[int] = offsets[0:-1:3]
        ends: list[int] = offsets[1::3]
        if plain is not None and plain is not text:  # words with curly apostrophes as written
            for match in _CURLY_APOSTROPHE.finditer(text):
                k = bisect_right(starts, match.start()) - 1
                if k >= 0 and ends[k] > match.start():
                    texts[k] = text[starts[k] : ends[k]]
        capitalized: list[bool] = list(map(str.isupper, map(_FIRST_LETTER, texts)))
        for match in _ELIDED.finditer(text):
            k = bisect_left(starts, match.start() - 1)  # a one-letter word part before it
            if (
                k < len(starts)
                and starts[k] == match.start() - 1
                and ends[k] > match.end()  # not a possessive after a one-letter word
                and text[match.end()].isupper()
            ):
                capitalized[k] = True
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


def _ascii_stand_in(text: str) -> str | None:
    """``text`` in ASCII, with stand-ins for its apostrophes and punctuation, or ``None``
    when it holds other letters or symbols."""
    if text.isascii():
        return text
    for char, stand_in in _ASCII_STAND_INS:
        if char in text:
            text = text.replace(char, stand_in)
    return text if text.isascii() else None


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
    return word is not None and word.group().lower() in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
