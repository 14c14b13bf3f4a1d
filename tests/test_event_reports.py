"""One event from many reports."""

import datetime as dt

from geomap.events import extract_events
from geomap.extract import find_spans
from geomap.model import Article
from geomap.resolve import resolve


def events_of(gazetteer, text, date=dt.date(2024, 12, 8)):
    article = Article(id="a", text=text, date=date)
    mentions = resolve("a", find_spans(text, gazetteer), gazetteer)
    return [e for e in extract_events(article, mentions) if e.event_type != "statement"]


def test_the_title_lede_and_quote_of_one_capture_are_one_event(gazetteer):
    text = (
        "Rebels seize Homs\n\n"
        "Rebels seized Homs on Saturday after government troops pulled out.\n"
        '"Homs has been liberated," a rebel commander said.'
    )
    found = events_of(gazetteer, text)
    (capture,) = [e for e in found if e.event_type == "advance"]
    assert capture.report_count == 3
    assert capture.event_date == dt.date(2024, 12, 7)  # the body's "on Saturday"
    assert capture.quote.startswith("Rebels seized Homs on Saturday")  # the body, not the title
    assert "liberated" in capture.report_quotes


def test_captures_months_apart_stay_two_events(gazetteer):
    text = (
        "Russian forces captured Kherson in March 2022.\n"
        "Ukrainian forces retook Kherson on Nov. 11, 2022."
    )
    found = events_of(gazetteer, text, dt.date(2022, 11, 22))
    assert len([e for e in found if e.event_type == "advance"]) == 2


def test_a_later_mention_of_a_dated_event_joins_it(gazetteer):
    text = (
        "The Kakhovka dam was blown up on June 6, flooding villages downstream. "
        "Kyiv blamed Moscow for the destruction of the dam."
    )
    found = events_of(gazetteer, text, dt.date(2023, 11, 20))
    (dam,) = [e for e in found if e.event_type == "bridge_destroyed"]
    assert dam.report_count == 2 and dam.event_date == dt.date(2023, 6, 6)
    # one side's blame does not make the outlet's statement name an actor
    assert dam.certainty == "reported" and dam.actor1_side is None
