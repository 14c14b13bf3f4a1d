"""Name folding shared by the gazetteer index and the recogniser.

Both sides fold with :func:`fold`, so variants in case, diacritics, apostrophes and
hyphenation meet on one key: ``"Dar'ivka"``, ``"Darivka"`` and ``"DARIVKA"`` all fold to
``"darivka"``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

_APOSTROPHES: Final = re.compile(r"['’‘ʼʻ`´″”“\"]")
_SEPARATORS: Final = re.compile(r"[\s\-‐‑‒–—_.,;:/()]+")


_ASCII_FOLD: Final = str.maketrans({**{c: None for c in "'`\""}, **{c: " " for c in "-_.,;:/()"}})


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Fold a name to its index key: no case, no diacritics, no apostrophes.

    Hyphens, dots and runs of white space become one space, so ``"U.S."`` folds to
    ``"u s"`` and ``"Nova-Kakhovka"`` to ``"nova kakhovka"``.
    """
    if name.isascii():  # the common case, several times faster than the general one
        lowered = name.lower()
        if lowered.isalpha():
            return lowered
        if lowered.replace(" ", "").isalnum():
            return " ".join(lowered.split())
        return " ".join(lowered.translate(_ASCII_FOLD).split())
    if (
        name.isalpha()  # no separators, apostrophes but two letters, or combining marks
        and "ʼ" not in name
        and "ʻ" not in name
        and unicodedata.is_normalized("NFKD", name)
    ):
        return name.casefold()  # a word with nothing to strip ("Херсоні"), most of them
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = _APOSTROPHES.sub("", stripped.casefold())
    return _SEPARATORS.sub(" ", lowered).strip()


def slug(name: str) -> str:
    """A folded name as an id part: ``"Kharkivs’ka Oblast’"`` → ``"kharkivska-oblast"``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "x"
