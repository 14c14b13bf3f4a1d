"""Tokens and sentences with their character offsets, shared by the stages that read text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import MONTH_ABBREVIATIONS

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’ʼ][sS]\Z")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\u0400-\u04FF])|\n\s*\n|\n")
_ABBREVIATIONS = MONTH_ABBREVIATIONS | frozenset(
    """
    a capt co col corp dr e etc ft gen gov i inc jr k lt ltd mr mrs ms mt no prof rep s sen
    sgt sr st u vs
    """.split()
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word and its ``[start, end)`` code point span in the text."""

    start: int
    end: int
    text: str

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """Words (letters, with inner apostrophes) of ``text``; a possessive ``'s`` is cut off."""
    tokens = []
    for match in _WORD.finditer(text):
        start, end, word = match.start(), match.end(), match.group()
        possessive = _POSSESSIVE.search(word)
        if possessive and len(word) > 2:
            end -= 2
            word = word[:-2]
        tokens.append(Token(start, end, word))
    return tokens


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


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([^\W\d_]+)\Z", text[max(0, dot - 12) : dot])
    return bool(word) and word.group(1).lower() in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
