import datetime as dt

from geomap.events import certainty_of, classify, extract_events
from geomap.extract import find_spans
from geomap.model import Article
from geomap.resolve import resolve


def events_of(gazetteer, text, date=dt.date(2022, 11, 11)):
    article = Article(id="a", text=text, date=date)
    mentions = resolve("a", find_spans(text, gazetteer), gazetteer)
    return extract_events(article, mentions)


def test_types_from_triggers():
    assert classify("Residents raised the Ukrainian flag in the square.").code == "flag_raised"
    assert classify("The Russian flag was removed from the building.").code == "flag_removed"
    assert classify("Retreating troops blew up the bridge.").code == "bridge_destroyed"
    assert classify("Thousands of mines were left behind.").code == "mines"
    assert classify("Troops withdrew across the river.").code == "withdrawal"
    assert classify("The mayor spoke to reporters.").code == "statement"


def test_certainty():
    assert certainty_of("There was no visible evidence of a withdrawal.") == "negated"
    assert certainty_of("Officials expected a pitched battle.") == "expected"
    assert certainty_of("The ministry said the move was complete.") == "claimed"
    assert certainty_of("Crowds greeted the soldiers.") == "reported"


def test_event_carries_place_date_quote_and_actor(gazetteer):
    text = "Intro.\nUkrainian forces entered Kherson on Friday, Ukraine's army reported."
    (event,) = events_of(gazetteer, text)
    assert event.event_type == "advance"
    assert event.place.name == "Kherson"  # the town, not the country of the same sentence
    assert event.event_date == dt.date(2022, 11, 11) and event.time_precision == 2
    assert text[event.quote_start : event.quote_end] == event.quote
    assert event.actor1 == "Ukrainian forces"
    assert event.certainty == "claimed"


def test_non_literal_places_make_no_event(gazetteer):
    assert events_of(gazetteer, "It was a victory for Kyiv.") == []
