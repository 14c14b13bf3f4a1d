"""A sentence as clauses: where the clause around a word starts and ends, and what opens it.

Rules, not a parser: a clause ends at a semicolon, a colon, a dash, or a comma or space
before a conjunction or subordinator ("…, but", " after ", ", which"). That is enough to keep
the words that frame a trigger ("would", "denied", "which … had") apart from the rest of a
long sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words that open a clause of their own, and what kind of clause each opens.
SUBORDINATORS = {
    "which": "relative",
    "who": "relative",
    "whom": "relative",
    "where": "relative",
    "that": "complement",
    "after": "temporal",
    "before": "temporal",
    "since": "temporal",
    "until": "conditional",
    "unless": "conditional",
    "if": "conditional",
    "when": "temporal",
    "while": "contrast",
    "whereas": "contrast",
    "although": "contrast",
    "though": "contrast",
    "because": "cause",
    "as": "temporal",
    "amid": "circumstance",
    "but": "coordinate",
    "and": "coordinate",
    "yet": "coordinate",
}

_BREAK = re.compile(
    r"[;:]\s|\s[–—]\s|\s-\s|,\s+(?=(?:but|while|as|although|though|whereas|yet|which|who|"
    r"whom|where|when|after|before|since|until|if|unless|because|amid)\b)|"
    r"\s(?=(?:as|while|but|after|when|because|although|though|whereas|since|until|unless|"
    r"amid|which|where)\s)",
    re.I,
)


@dataclass(frozen=True)
class Clause:
    """A clause's span in the text and the word that opens it ("" for a main clause)."""

    start: int
    end: int
    opener: str

    @property
    def kind(self) -> str:
        """``main``, ``relative``, ``temporal``, ``conditional``, ``complement``, ..."""
        return SUBORDINATORS.get(self.opener, "main")


def clauses(text: str, start: int, end: int) -> list[Clause]:
    """The clauses of the sentence ``text[start:end]``, in order."""
    found = []
    at = start
    for match in _BREAK.finditer(text, start, end):
        if match.end() <= at:
            continue
        found.append((at, match.start()))
        at = match.end()
    found.append((at, end))
    result = []
    for c_start, c_end in found:
        first = re.match(r"\s*([A-Za-z]+)", text[c_start:c_end])
        opener = first.group(1).lower() if first else ""
        opener = opener if opener in SUBORDINATORS else ""
        aside = _ASIDE_END.search(text, c_start, c_end) if opener in ("which", "who") else None
        if aside and text[:c_start].rstrip().endswith(","):
            # "Snake Island, which Russia occupied on the first day, achieved fame": the
            # main clause goes on after the aside's closing comma
            result.append(Clause(c_start, aside.start(), opener))
            result.append(Clause(aside.end(), c_end, ""))
            continue
        result.append(Clause(c_start, c_end, opener))
    return result


#: The comma that closes an aside, before the main clause's verb or modal goes on.
_ASIDE_END = re.compile(r",\s+(?=[a-z])")


def clause_at(found: list[Clause], position: int) -> Clause:
    """The clause of ``found`` that holds ``position`` (the last one before it)."""
    chosen = found[0]
    for clause in found:
        if clause.start <= position:
            chosen = clause
    return chosen
