"""Tokens and sentences with their character offsets, shared by the stages that read text."""

from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon import MONTH_ABBREVIATIONS

#: A word, and after it the possessive "'s" it does not include.
_WORD = re.compile(r"([^\W\d_]+(?:['’ʼ](?![sS](?![^\W\d_]))[^\W\d_]+)*)(?:['’ʼ][sS](?![^\W\d_]))?")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\u0400-\u04FF])|\n\s*\n|\n")
_ABBREVIATIONS = MONTH_ABBREVIATIONS | frozenset(
    """
    a capt co col corp dr e etc ft gen gov i inc jr k lt ltd mr mrs ms mt no prof rep s sen
    sgt sr st u vs
    """.split()
)


class Token(NamedTuple):
    """A word, its ``[start, end)`` code point span in the text, and whether it starts with
    a capital letter."""

    start: int
    end: int
    text: str
    capitalized: bool


def tokenize(text: str) -> list[Token]:
    """Words (letters, with inner apostrophes) of ``text``; a possessive ``'s`` is cut off."""
    # tuple.__new__ skips NamedTuple's argument handling, and the test for an elided
    # article before a capital ("d'Ivoire", "l'Aquila") is written out: tokenising is the
    # recogniser's largest cost, paid for every word of every article.
    return [
        tuple.__new__(
            Token,
            (
                start,
                end,
                word,
                word[0].isupper() or (word[1:2] in ("'", "’") and word[2:3].isupper()),
            ),
        )
        for match in _WORD.finditer(text)
        for (start, end), word in ((match.span(1), match.group(1)),)
    ]


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


_OPENERS = "\"'“‘(["
_CLOSERS = "\"'”’)]"


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
    word = re.search(r"([^\W\d_]+)\Z", text[max(0, dot - 12) : dot])
    return word is not None and word.group(1).lower() in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
