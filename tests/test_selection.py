import datetime as dt

import pytest

from geomap.errors import GeomapError
from geomap.model import Article, Event, Mention, Place
from geomap.selection import Selection, parse_bbox, parse_types

KHERSON = Place("g:1", "Kherson", "city", 32.61, 46.64, "UA")
KYIV = Place("g:2", "Kyiv", "city", 30.52, 50.45, "UA")
ARTICLES = {
    "a": Article("a", "x", dt.date(2022, 11, 3)),
    "b": Article("b", "y", dt.date(2022, 11, 22)),
}


def event(event_id, code, place, date, article="a"):
    return Event(event_id, code, article, "q", 0, 1, place, place.name, date, 1)


EVENTS = [
    event("1", "advance", KHERSON, dt.date(2022, 11, 11)),
    event("2", "withdrawal", KYIV, dt.date(2022, 4, 2)),
    event("3", "shelling", KHERSON, None, article="b"),  # background the text does not date
    event("4", "advance", KYIV, dt.date(2022, 11, 20), article="b"),
]


def test_dates_types_box_and_article():
    ids = lambda s: [e.event_id for e in s.events(EVENTS, ARTICLES)]  # noqa: E731
    assert ids(Selection()) == ["1", "2", "3", "4"]
    # an undated event is not known to fall in any window, whatever its article's date
    assert ids(Selection(since=dt.date(2022, 11, 1))) == ["1", "4"]
    assert ids(Selection(until=dt.date(2022, 11, 20))) == ["1", "2", "4"]
    assert ids(Selection(types=frozenset({"advance", "shelling"}))) == ["1", "3", "4"]
    assert ids(Selection(bbox=parse_bbox("31.5,46,34,47.5"))) == ["1", "3"]
    assert ids(Selection().for_article("b")) == ["3", "4"]


def test_mentions_follow_their_article_date():
    mentions = [Mention("a", 0, 1, "Kherson", KHERSON, 1.0), Mention("b", 0, 1, "Kyiv", KYIV, 1.0)]
    kept = Selection(since=dt.date(2022, 11, 10)).mentions(mentions, ARTICLES)
    assert [m.article_id for m in kept] == ["b"]


def test_bad_filters_say_what_is_wrong():
    with pytest.raises(GeomapError, match="unknown event type bogus"):
        Selection(types=parse_types(["advance,bogus"]))
    with pytest.raises(GeomapError, match="four numbers"):
        parse_bbox("1,2,3")
    with pytest.raises(GeomapError, match="WEST < EAST"):
        parse_bbox("34,46,31,47")
    with pytest.raises(GeomapError, match="after --until"):
        Selection(since=dt.date(2022, 12, 1), until=dt.date(2022, 11, 1))


def test_describe_names_the_bounds():
    text = Selection(since=dt.date(2022, 11, 1), types=frozenset({"advance"})).describe()
    assert text == "2022-11-01 to …; advance"
