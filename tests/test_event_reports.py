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


def test_a_country_beside_one_of_its_towns_is_the_same_event(gazetteer):
    text = "US warplanes struck Yemen overnight. The strikes hit Hodeidah port, officials said."
    (event,) = events_of(gazetteer, text, dt.date(2024, 10, 4))
    assert (event.event_type, event.place.name, event.report_count) == (
        "shelling",
        "Al Ḩudaydah",
        2,
    )


def test_a_town_beside_its_site_is_the_same_event(gazetteer):
    text = (
        "Russian troops took Hostomel on Thursday.\n"
        "The Antonov airport in Hostomel was captured after a day of fighting."
    )
    (event,) = events_of(gazetteer, text, dt.date(2022, 2, 25))
    assert (event.event_type, event.place.kind, event.report_count) == ("advance", "airport", 2)


def test_a_withdrawal_takes_the_day_of_the_other_side_s_capture(gazetteer):
    text = (
        "Rebels ousted the army from Hama yesterday.\n"
        "The army said the rebels had entered Hama and that it was redeploying outside the city."
    )
    found = events_of(gazetteer, text, dt.date(2024, 12, 6))
    (withdrawal,) = [e for e in found if e.event_type == "withdrawal"]
    assert (withdrawal.event_date, withdrawal.time_precision) == (dt.date(2024, 12, 5), 1)


def test_reports_of_one_capture_take_the_earliest_day(gazetteer):
    # the announcement is on Monday; the city fell the night before
    text = (
        "Troops retook Irpin, the mayor announced on Monday.\n"
        "He told reporters on Monday that Irpin was freed the night before."
    )
    (event,) = events_of(gazetteer, text, dt.date(2022, 3, 29))
    assert (event.event_type, event.event_date) == ("advance", dt.date(2022, 3, 27))


def test_merging_grows_with_the_events_not_their_square(monkeypatch):
    # a long article telling 400 strikes on 400 towns: no town is compared with every other
    import geomap.events.reports as reports
    from geomap.model import Event, Place

    calls = []
    real = reports._holds
    monkeypatch.setattr(reports, "_holds", lambda *a: calls.append(1) or real(*a))
    events = [
        Event(
            event_id=f"e{i}",
            event_type="shelling",
            article_id="long",
            quote=f"Shells hit town {i}.",
            quote_start=i * 20,
            quote_end=i * 20 + 18,
            place=Place(f"town:{i}", f"Town {i}", "town", 30 + i / 100, 48.0, "UA"),
            event_date=dt.date(2024, 1, 1),
            time_precision=1,
        )
        for i in range(400)
    ]
    assert len(reports.merge_reports(events)) == 400
    assert len(calls) < 400
