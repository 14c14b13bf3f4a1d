"""The language of an article, offline: py3langid (a compact naive Bayes model over byte
n-grams, 97 languages) on the article's text.

Chosen by ``benchmarks/langs_bench.py --detectors``: on single sentences of Ukrainian,
Russian and English news it was right 99.2% of the time at 0.47 ms a sentence; lingua,
as accurate (99.0%), took fourteen times as long and weighs 96 MB; fasttext-langdetect
downloads its model at first use, which an offline machine cannot. Most texts need no
model at all: English prose is known by its commonest words, Ukrainian and Russian by
their letters (``english.tsv``, ``letters.tsv``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Final

from ..errors import GeomapError
from ..events.tables import read_table
from . import TABLES

#: The part of a long article read: the language of its first pages is its language.
SAMPLE_CHARS: Final = 600
_NOT_PROSE: Final = re.compile(r"https?://\S+|www\.\S+|[@#]\w+|\d+")
#: The probability below which a text in Latin script is taken as English.
LATIN_CONFIDENCE: Final = 0.5
_CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
_LATIN: Final = re.compile(r"[A-Za-z]")
#: Runs of letters of either script, counted by their lengths: a list of runs is a fifth
#: as long as one of letters.
_CYRILLIC_RUN: Final = re.compile(r"[\u0400-\u04ff]+")
_LATIN_RUN: Final = re.compile(r"[A-Za-z]+")
_WORD: Final = re.compile(r"[a-z]+")
#: The Cyrillic letters (of the Unicode block) that neither Russian nor Ukrainian writes.
_OTHER_CYRILLIC: Final = frozenset(
    chr(c) for c in range(0x0400, 0x0500) if chr(c).islower()
) - frozenset("абвгдеєжзиіїйклмнопрстуфхцчшщьюяґёъыэ")
#: How many of a Latin text's words (and what share) must be English's commonest for the
#: text to be English without the model.
ENGLISH_HITS: Final = 4
ENGLISH_SHARE: Final = 0.08


class LanguageError(GeomapError):
    """A language code geomap does not know."""


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid.langid as langid

    return langid.LanguageIdentifier.from_modelpath(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The words of ``english.tsv``: frequent in English, rare in other Latin-script text."""
    return frozenset(row["word"] for row in read_table("english.tsv", TABLES))


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s main language (``"en"`` when it has no letters).

    An English report quoting Ukrainian is English: the model weighs the whole text, and
    the quotation is the smaller part. Plain English prose is known by its commonest words
    (``english.tsv``) without the model, which takes longer to load than a batch of
    articles takes to read.
    """
    sample = _NOT_PROSE.sub(" ", text[:SAMPLE_CHARS])
    cyrillic = sum(map(len, _CYRILLIC_RUN.findall(sample)))
    latin = sum(map(len, _LATIN_RUN.findall(sample)))
    if cyrillic == 0 and latin == 0:
        return "en"
    # the main script decides; words in the other (a quotation, a name) are left out
    if cyrillic > latin:
        cyrillic_sample = _LATIN.sub(" ", sample) if latin else sample
        return _by_letters(cyrillic_sample) or _classify(cyrillic_sample, CYRILLIC_LANGUAGES)
    latin_sample = _CYRILLIC.sub(" ", sample)
    if _plainly_english(latin_sample):
        return "en"
    code, probability = _identifier().classify(latin_sample)
    # a few Latin words fit many languages: English, the language geomap reads, unless sure
    return str(code) if probability >= LATIN_CONFIDENCE else "en"


@lru_cache(maxsize=1)
def language_letters() -> dict[str, str]:
    """The letters of ``letters.tsv``, each with the one language (uk or ru) it marks."""
    return {row["letter"]: row["lang"] for row in read_table("letters.tsv", TABLES)}


@lru_cache(maxsize=1)
def _letter_searches() -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """A search for a letter neither alphabet has, and one for each language's letters
    (``letters.tsv``): a scan in C, where a set of the sample's letters made a string of
    each."""
    by_language: dict[str, list[str]] = {}
    for letter, lang in language_letters().items():
        by_language.setdefault(lang, []).append(letter)
    other = re.compile(f"[{re.escape(''.join(sorted(_OTHER_CYRILLIC)))}]")
    searches = tuple(
        (lang, re.compile(f"[{re.escape(''.join(sorted(letters)))}]"))
        for lang, letters in sorted(by_language.items())
    )
    return other, searches


def _by_letters(sample: str) -> str | None:
    """``uk`` or ``ru`` when ``sample`` writes the letters of that language only (see
    ``letters.tsv``) and none that neither alphabet has; else ``None``."""
    lowered = sample.lower()
    other, searches = _letter_searches()
    if other.search(lowered):
        return None
    marked = [lang for lang, search in searches if search.search(lowered)]
    return marked[0] if len(marked) == 1 else None


def _plainly_english(sample: str) -> bool:
    """Whether at least :data:`ENGLISH_SHARE` of ``sample``'s words, and
    :data:`ENGLISH_HITS` of them at least, are English's commonest (English prose has about
    a fifth; a sentence in another language, a name or two)."""
    words = _WORD.findall(sample.lower())
    common = english_words()
    hits = sum(word in common for word in words)
    return hits >= ENGLISH_HITS and hits >= ENGLISH_SHARE * len(words)


def _classify(sample: str, among: frozenset[str]) -> str:
    for code, _score in _identifier().rank(sample):
        if code in among:
            return str(code)
    return "ru"


#: Languages written in Cyrillic that py3langid knows.
CYRILLIC_LANGUAGES: Final = frozenset({"uk", "ru", "be", "bg", "mk", "sr", "kk", "ky", "mn"})


def checked_language(code: str) -> str:
    """``code`` in lower case, if it looks like an ISO 639-1 code; else :class:`LanguageError`."""
    lowered = code.strip().lower()
    if not re.fullmatch(r"[a-z]{2}", lowered):
        raise LanguageError(f"{code!r} is no language code: give two letters, as en, uk or ru")
    return lowered
