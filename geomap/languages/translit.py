"""Cyrillic names in the Latin spelling GeoNames gives the places of Ukraine and Russia.

GeoNames lists many villages under their Latin name alone ("Poniativka"), or gives the
Cyrillic name to one namesake and not another. A Ukrainian or Russian name is therefore also
looked up transliterated, Ukrainian by the national system of 2010 (KMU), Russian by
BGN/PCGN, as GeoNames writes them. Keys are folded (:func:`geomap.names.fold`), which has
already made "й" an "и" and "ї" an "і": the rules below read them back from their places
(an "и" after a vowel was a "й").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Final

from ..model import Place
from ..names import fold

_COMMON: Final = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "",
    "ъ": "", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
#: Per language: (letters, letters at a word's start).
_LETTERS: Final = {
    "uk": (
        {**_COMMON, "г": "h", "ґ": "g", "и": "y", "і": "i", "є": "ie", "ю": "iu", "я": "ia"},
        {"є": "ye", "ю": "yu", "я": "ya", "і": "i"},
    ),
    "ru": (
        {**_COMMON, "г": "g", "и": "i", "ы": "y", "э": "e", "ю": "yu", "я": "ya", "і": "i"},
        {"е": "ye"},
    ),
}
_VOWELS: Final = set("аеєиіїоуюяыэ")


@lru_cache(maxsize=50_000)
def transliterate(key: str, lang: str) -> str:
    """The Latin spelling of a folded Cyrillic key (``"понятівка"`` → ``"poniativka"``)."""
    letters, initial = _LETTERS[lang]
    out = []
    for k, ch in enumerate(key):
        before = key[k - 1] if k else " "
        if ch == "и" and before in _VOWELS:
            out.append("i" if lang == "uk" else "y")  # it was a "й": "Придніпровский"
        elif ch == "е" and lang == "ru" and before in _VOWELS:
            out.append("ye")  # "Московское" → "Moskovskoye"
        elif before == " " and ch in initial:
            out.append(initial[ch])
        elif ch == "г" and before == "з" and lang == "uk":
            out.append("gh")  # "Згурівка" → "Zghurivka", not "Zhurivka"
        else:
            out.append(letters.get(ch, ch))
    return "".join(out)


class TransliteratingIndex:
    """A gazetteer, for resolution (:class:`geomap.resolve.CandidateSource`), that also
    answers a Cyrillic name's Latin spelling (see the module)."""

    def __init__(self, gazetteer: Any, lang: str) -> None:
        self.gazetteer = gazetteer
        self.lang = lang

    def _keys(self, key: str) -> tuple[str, ...]:
        latin = transliterate(key, self.lang)
        return (key,) if latin == key or not latin.isascii() else (key, latin)

    def candidates(self, name: str) -> Sequence[Place]:
        """The places called ``name``, and those called so in Latin: by their own name, or
        by another Latin name where the Cyrillic name is nobody's. Once the name as written
        is known, a place that answers only to an old or variant Latin spelling of it is
        not the one meant ("Кременную" is Kreminna, not the Oleksandrivka once spelt
        Kremennaya)."""
        found = {place.id: place for place in self.gazetteer.candidates(name)}
        known = bool(found)
        for key in self._keys(name)[1:]:
            for place in self.gazetteer.candidates(key):
                if not known or fold(place.name) == key:
                    found.setdefault(place.id, place)
        return tuple(found.values())

    def get(self, place_id: str) -> Place | None:
        return self.gazetteer.get(place_id)
