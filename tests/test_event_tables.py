"""The knowledge tables of the event stage: every row works on its own example."""

import re

import pytest

from geomap.errors import TableError
from geomap.events.actors import actor_rules, named_actors
from geomap.events.tables import compile_pattern, read_table
from geomap.events.triggers import EVENT_TYPES, classify, find_triggers, trigger_rules


@pytest.mark.parametrize("rule", trigger_rules(), ids=lambda r: r.example[:40])
def test_every_trigger_row_fires_on_its_example(rule):
    assert rule.pattern.search(rule.example), "the pattern does not match its own example"
    found = {t.event_type.code for t in find_triggers(rule.example)}
    assert rule.event_type.code in found
    assert rule.why


@pytest.mark.parametrize("rule", actor_rules(), ids=lambda r: r.label)
def test_every_actor_row_finds_its_actor_in_its_example(rule):
    found = named_actors(rule.example, 0, len(rule.example))
    assert any(a.label == rule.label and a.side == rule.side for a in found)


def test_every_event_type_has_triggers_and_a_definition():
    with_triggers = {r.event_type.code for r in trigger_rules()}
    for event_type in EVENT_TYPES:
        assert event_type.code in with_triggers
        assert event_type.definition


def test_tables_have_their_header_and_no_seed_fitted_rows():
    triggers = read_table("triggers.tsv")
    assert set(triggers[0]) == {"type", "sub_type", "pattern", "example", "why"}
    patterns = " ".join(row["pattern"] for row in triggers)
    # phrases fitted to two seed articles, not general war reporting (issue 17)
    for fitted in ("empty flagpole", "removing furniture", "stocking up", "taking anything"):
        assert fitted not in patterns


def test_a_bad_pattern_is_a_table_error_that_names_the_row():
    with pytest.raises(TableError, match=r"triggers\.tsv row 7"):
        compile_pattern("(unclosed", "triggers.tsv row 7")
    assert compile_pattern("a|b", "x").match("b")


def test_no_trigger_pattern_backtracks_badly():
    """Every row on a long adversarial text of its own words stays fast (nested repeats
    that can match one text in many ways take exponential time)."""
    import time

    for rule in trigger_rules():
        words = re.findall(r"[a-z']+", rule.example.lower())
        text = " ".join(words * (5000 // (len(" ".join(words)) + 1) + 1))[:5000]
        started = time.perf_counter()
        list(rule.pattern.finditer(text))
        assert time.perf_counter() - started < 0.5, rule.example


def kinds(sentence):
    return [(t.event_type.code, sentence[t.start : t.end]) for t in find_triggers(sentence)]


def test_trigger_words_inside_a_name_report_nothing():
    assert kinds("A spokesman for the Arakan Liberation Party said talks went well.") == []
    # a headline in title case keeps its words
    assert [k for k, _ in kinds("Rebels Recapture Town After Army Withdrawal")] == [
        "withdrawal",
        "advance",
    ]


def test_what_did_not_happen_or_dates_another_event_reports_nothing():
    assert [k for k, _ in kinds("The troops withdrew to avoid being encircled.")] == ["withdrawal"]
    assert kinds("It was the largest gain since the offensive in the south last year.") == []


def test_two_near_triggers_parted_by_a_name_are_two_events():
    found = kinds("A strike hit Dhamar province, and air raids took place in Bayda.")
    assert [k for k, _ in found] == ["shelling", "shelling"]


def test_who_holds_a_place_is_a_statement_and_a_fresh_hold_a_capture():
    assert kinds("The group controls the southern districts.") == [("statement", "controls")]
    assert classify("The town is now under rebel control.").code == "advance"
