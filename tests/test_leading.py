"""The index of trigger patterns by their first letters (geomap.languages.leading)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.events.tables import read_table
from geomap.languages import TABLES
from geomap.languages.events import (
    _WORD_START,
    _any_trigger,
    _describes,
    _triggers,
    find_triggers,
)
from geomap.languages.leading import indexed_alternation, leading_letters


def test_leading_letters_of_literals_groups_and_repeats() -> None:
    assert leading_letters(r"(?:затопи|підтопл)\w*") == {"за", "пі"}
    assert leading_letters(r"(?<!загрозу )вод[аи]") == {"во"}  # a look-behind matches nothing
    assert leading_letters(r"(?:у|в) місто") == {"у ", "в "}
    assert leading_letters(r"[аб]?в") == {"ав", "бв", "в"}  # optional: a match may end sooner
    assert leading_letters(r"(?:ab)+c", 3) == {"abc", "aba"}
    # what the syntax does not tell: any beginning
    assert leading_letters(r"\w+ удар") is None
    assert leading_letters(r"[^а]б") is None
    assert leading_letters(r"а(?:б|\w)") == {"а"}  # the first letter known, the second not


def _plain(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(rf"{_WORD_START}(?:{'|'.join(patterns)})")


def test_an_indexed_alternation_finds_where_any_pattern_does() -> None:
    patterns = [r"обстріл\w*", r"(?:у|в) місто", r"\w+ удар", r"о"]
    indexed = re.compile(indexed_alternation(patterns))
    plain = _plain(patterns)
    for text in ["Обстріли тривають", "увійшли в місто", "ракетний удар", "о", "вогонь", ""]:
        lowered = text.lower()
        assert (indexed.search(lowered) is None) == (plain.search(lowered) is None), text
    # only at a word's start, as the patterns are
    assert indexed.search("наобстріл") is None
    # one that may begin with no letter is tried at every word, where it begins
    quoted = re.compile(indexed_alternation([r"«?удар\w*", r"удар\w*"]))
    assert [m.start() for m in quoted.finditer("по «ударах")] == [4]
    # a named group is not copied into several branches
    named = re.compile(indexed_alternation([r"(?P<x>а|б)в", r"(?P<y>в)г"]))
    assert named.search("бв") and named.search("вг") and not named.search("гг")
    assert leading_letters(r"(?i:а)б") is None  # its own flags: either case


#: Words of the trigger examples and a few others, from which texts are drawn.
_WORDS = sorted(
    {
        word.lower()
        for row in read_table("triggers.tsv", TABLES)
        for word in re.findall(r"[\w'’ʼ-]+", row["example"])
    }
    | {"загрозу", "угрозы", "під", "над", "ні", "не", "с", "в", "у", "і", "й"}
)


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=14),
    separators=st.lists(st.sampled_from([" ", ", ", ". ", "  ", "-", "\n"]), max_size=14),
    cut=st.integers(min_value=0, max_value=200),
    lang=st.sampled_from(["uk", "ru"]),
)
def test_the_trigger_gate_agrees_with_trying_every_row(
    words: list[str], separators: list[str], cut: int, lang: str
) -> None:
    text = "".join(w + s for w, s in zip(words, separators + [" "] * len(words), strict=False))
    rows = [row.pattern.pattern.removeprefix(_WORD_START) for row in _triggers(lang)]
    plain = _plain(rows)
    gate = _any_trigger(lang)
    start = min(cut % 7, len(text))
    end = max(start, len(text) - cut // 7)
    assert (gate.search(text, start, end) is None) == (plain.search(text, start, end) is None)


def _triggers_by_every_row(
    text: str, lang: str, start: int, end: int
) -> list[tuple[int, int, str]]:
    """The triggers as searching every row, case-blind, over ``text[start:end]`` finds
    them."""
    found = {}
    for row in _triggers(lang, case_blind=True):
        for match in row.pattern.finditer(text, start, end):
            if not _describes(match.group(), lang):
                found.setdefault((match.start(), row.event_type), match.end())
    return sorted((first, last, kind) for (first, kind), last in found.items())


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=16),
    separators=st.lists(st.sampled_from([" ", ", ", " і ", " и ", "  ", "-"]), max_size=16),
    lang=st.sampled_from(["uk", "ru"]),
    case=st.sampled_from(["lower", "title", "upper", "İ"]),
    cut=st.integers(min_value=0, max_value=400),
)
def test_triggers_tried_where_the_index_says_are_those_of_every_row(
    words: list[str], separators: list[str], lang: str, case: str, cut: int
) -> None:
    text = "".join(w + s for w, s in zip(words, separators + [" "] * len(words), strict=False))
    # any case, and "İ", whose lower case is longer: the case-blind rows read that text
    text = {"title": text.title(), "upper": text.upper(), "İ": "İ " + text}.get(case, text)
    start = min(cut % 9, len(text))
    end = max(start, len(text) - cut // 9)
    found = [(t.start, t.end, t.event_type) for t in find_triggers(text, start, end, lang)]
    assert found == _triggers_by_every_row(text, lang, start, end)
