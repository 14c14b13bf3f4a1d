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
