import datetime as dt

from geomap.mapdata import data_bounds, drawn_events, map_data
from geomap.model import Article, Event, Mention, Place

KHERSON = Place("g:1", "Kherson", "city", 32.61, 46.64, "UA", population=290000)
BILOZERKA = Place("g:2", "Bilozerka", "town", 32.44, 46.63, "UA")
UKRAINE = Place("g:3", "Ukraine", "country", 31.0, 49.0, "UA")
MOSCOW = Place("g:4", "Moscow", "city", 37.6, 55.75, "RU")
TEXT = "Ukrainian forces entered Kherson. Troops did not enter Bilozerka. Moscow spoke of Ukraine."


def event(code, place, start, certainty="reported", date=dt.date(2022, 11, 11)):
    return Event(
        f"e{start}",
        code,
        "a1",
        TEXT[start : start + 30],
        start,
        start + 30,
        place,
        place.name,
        date,
        1,
        certainty=certainty,
    )


def sample():
    articles = {"a1": Article("a1", TEXT, dt.date(2022, 11, 12), title="Day one")}
    mentions = [
        Mention("a1", 25, 32, "Kherson", KHERSON, 0.9),
        Mention("a1", 56, 65, "Bilozerka", BILOZERKA, 0.9),
        Mention("a1", 67, 73, "Moscow", MOSCOW, 0.9),
        Mention("a1", 83, 90, "Ukraine", UKRAINE, 0.9),
    ]
    events = [
        event("advance", KHERSON, 0),
        event("advance", BILOZERKA, 34, certainty="negated"),
        event("statement", MOSCOW, 67, date=None),
    ]
    return articles, mentions, events


def test_bounds_frame_the_events_not_the_countries():
    data = map_data(*sample())
    west, south, east, north = data_bounds(data)
    assert (west, east) == (32.61, 37.6) and (south, north) == (46.64, 55.75)
    articles, mentions, _ = sample()
    only_places = map_data(articles, mentions, [])
    assert data_bounds(only_places)[3] == 55.75  # Ukraine (a country) left out, Moscow kept


def test_drawn_events_need_a_place_and_a_fact():
    _, _, events = sample()
    assert [e.event_id for e in drawn_events(events)] == ["e0", "e67"]


def test_article_links_are_kept_only_for_web_addresses():
    articles = {"a1": Article("a1", TEXT, url="javascript:alert(1)")}
    data = map_data(articles, [], [event("advance", KHERSON, 0)])
    assert data["articles"]["a1"]["url"] is None


def test_a_part_cites_each_article_once_with_its_own_map():
    articles, mentions, events = sample()
    data = map_data(articles, mentions, events, article_maps={"a1": "articles/a1.html"})
    assert list(data["articles"]) == ["a1"]
    assert data["articles"]["a1"]["map"] == "articles/a1.html"
    assert [record[0] for record in data["events"]] == ["advance", "statement"]
    assert data["not_drawn"] == 1


def test_sides_are_named_states_and_non_state_forces():
    from geomap.mapdata import _country_name

    assert _country_name("UA") == "Ukraine"
    assert _country_name("RSF") == "Rapid Support Forces"
    assert _country_name("ISIS") == "Islamic State"  # not a country code


def test_every_event_type_has_a_colour_and_an_icon():
    from pathlib import Path

    from geomap.events import EVENT_TYPE_BY_CODE
    from geomap.mapdata import EVENT_COLOURS

    script = (Path(__file__).parent.parent / "geomap" / "static" / "geomap.js").read_text()
    for code in EVENT_TYPE_BY_CODE:
        assert code in EVENT_COLOURS, code
        assert f"    {code}:" in script, code
