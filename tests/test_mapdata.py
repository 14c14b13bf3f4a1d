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


def test_tables_share_places_quotes_and_articles():
    data = map_data(*sample())
    fields = data["event_fields"]
    assert [t["code"] for t in data["types"]] == ["advance", "statement"]
    assert len(data["events"]) == 2  # the negated advance is not drawn
    assert data["not_drawn"] == 1
    first = dict(zip(fields, data["events"][0], strict=True))
    assert data["places"][first["place"]][:3] == [32.61, 46.64, "Kherson"]
    assert data["articles"][first["article"]]["label"] == "Day one"
    assert data["dates"] == ["2022-11-11"]
    # Places with a drawn event are not repeated as places without one.
    quiet = {data["places"][row[0]][2] for row in data["places_without_events"]}
    assert quiet == {"Bilozerka", "Ukraine"}


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
    assert data["articles"][0]["url"] is None


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


def test_an_event_several_articles_tell_is_one_marker_with_every_report():
    import datetime as dt

    from geomap.mapdata import _event_groups, assemble, event_record

    town = Place("g:1", "Homs", "city", 36.72, 34.73, "SY")

    def told(article, day, side="HTS", certainty="reported"):
        return Event(
            f"{article}-{day}",
            "advance",
            article,
            f"Rebels took Homs ({article}).",
            0,
            1,
            town,
            "Homs",
            dt.date(2024, 12, day),
            1,
            certainty=certainty,
            actor1_side=side,
        )

    events = [
        told("a", 7),
        told("b", 8, certainty="claimed"),  # a claim of the same capture a day later
        told("c", 8, side="SY"),  # another side: another event
        told("d", 28),  # three weeks later: another event
        told("e", 7, certainty="expected"),  # what was expected is not what happened
    ]
    records = [event_record(e) for e in events]
    assert _event_groups(records) == [[0, 1], [2], [3], [4]]
    # the popup of the first lists the other article's report
    data = assemble(
        records, [], frontline=[], bridges=[], areas=[], event_sides=set(), not_drawn=0, articles={}
    )
    (first, *_) = data["events"]
    reports = first[data["event_fields"].index("reports")]
    assert [data["quotes"][q] for q, _ in reports] == ["Rebels took Homs (b)."]
    assert data["types"][0]["count"] == 4
