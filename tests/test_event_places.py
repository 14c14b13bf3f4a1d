"""Where an event happened: datelines, descriptions, containers, relative locations."""

import datetime as dt

from geomap.events import extract_events
from geomap.events.places import relative_place
from geomap.extract import find_spans
from geomap.model import Article
from geomap.resolve import distance_km, resolve


def events_of(gazetteer, text, date=dt.date(2024, 1, 12)):
    article = Article(id="a", text=text, date=date)
    mentions = resolve("a", find_spans(text, gazetteer), gazetteer)
    return [e for e in extract_events(article, mentions) if e.event_type != "statement"]


def places_of(events, event_type):
    return sorted(e.place.name for e in events if e.event_type == event_type)


def test_datelines_are_where_the_report_was_written(gazetteer):
    for dateline in ("KHARTOUM, Jan 12 (IANS) ", "BANGKOK: ", "KYIV — ", "AMMAN, (Reuters) – "):
        found = events_of(gazetteer, dateline + "Government troops recaptured Wad Madani.")
        assert places_of(found, "advance") == ["Wad Medani"], dateline


def test_a_dateline_date_does_not_date_the_event(gazetteer):
    text = "Khartoum, Jan 12 (IANS) The army recaptured Wad Madani on Saturday morning."
    (event,) = events_of(gazetteer, text, dt.date(2025, 1, 12))
    assert event.event_date == dt.date(2025, 1, 11)


def test_descriptions_and_containers_only_locate(gazetteer):
    text = "Rebels captured Hostomel, which lies 10 kilometres from Kyiv, in the Kyiv region."
    assert places_of(events_of(gazetteer, text), "advance") == ["Hostomel"]
    text = "Russian forces captured Vuhledar in Ukraine's Donetsk region."
    assert places_of(events_of(gazetteer, text), "advance") == ["Vuhledar"]


def test_possessors_and_modifiers_are_sides_not_places(gazetteer):
    text = "Kyiv's soldiers pressed on and retook Izium from Rwanda-backed units."
    assert places_of(events_of(gazetteer, text), "advance") == ["Izyum"]


def test_a_distance_and_bearing_make_a_point_of_their_own(gazetteer):
    text = "Shelling hit a village 30 km south of Kharkiv."
    (event,) = events_of(gazetteer, text)
    assert event.place.kind == "point" and event.place.name == "30 km south of Kharkiv"
    assert event.geo_precision == 2
    kharkiv = gazetteer.candidates("Kharkiv")[0]
    assert abs(distance_km((event.place.lon, event.place.lat), (kharkiv.lon, kharkiv.lat)) - 30) < 1
    assert event.place.lat < kharkiv.lat


def test_relative_place_needs_a_bearing():
    from geomap.model import Mention, Place

    town = Place("t", "Town", "town", 30.0, 50.0)
    text = "fighting 10 km from Town"
    mention = Mention(
        article_id="a", start=text.index("Town"), end=len(text), text="Town", place=town
    )
    assert relative_place(text, 0, mention) is None
    text = "fighting 10 km north-east of Town"
    mention = Mention(
        article_id="a", start=text.index("Town"), end=len(text), text="Town", place=town
    )
    point = relative_place(text, 0, mention)
    assert point is not None and point.lat > 50.0 and point.lon > 30.0


def test_a_destination_is_not_where_people_fled_from(gazetteer):
    text = "Shelling hit Kramatorsk. It forced thousands to flee toward Dnipro and Pavlohrad."
    found = events_of(gazetteer, text, dt.date(2024, 5, 2))
    evacuation = [e for e in found if e.event_type == "evacuation"]
    assert [e.place.name for e in evacuation] == ["Kramatorsk"]
    assert evacuation[0].geo_precision == 2  # from the sentence before


def test_a_lower_case_geographic_noun_keeps_the_name_a_place(gazetteer):
    text = "A brigade continues to operate in the Gaza strip, the army said."
    (event,) = events_of(gazetteer, text, dt.date(2024, 4, 7))
    assert (event.event_type, event.place.name) == ("troop_presence", "Gaza")


def test_each_place_of_a_trigger_keeps_its_own_sub_type(gazetteer):
    text = "Ukrainian forces captured the Antonivskyi Bridge and Kherson on Friday."
    found = events_of(gazetteer, text, dt.date(2022, 11, 12))
    by_place = {e.place.name: e.sub_type for e in found if e.event_type == "advance"}
    assert by_place["Kherson"] == "capture"


def test_a_preposition_does_not_reach_over_a_verb(gazetteer):
    (event,) = events_of(
        gazetteer, "Troops from two brigades entered Kherson.", dt.date(2022, 11, 12)
    )
    assert event.place_role == "at"


def test_two_bearings_are_two_points(gazetteer):
    text = "Shelling hit a village 30 km north of Kharkiv and a town 30 km northeast of Kharkiv."
    names = sorted(e.place.name for e in events_of(gazetteer, text))
    assert names == ["30 km north of Kharkiv", "30 km northeast of Kharkiv"]


def test_striking_a_deal_is_no_strike(gazetteer):
    found = events_of(
        gazetteer, "Turkey struck a deal with Russia over grain from Odesa.", dt.date(2022, 7, 22)
    )
    assert [e.event_type for e in found] == []


def test_a_foothold_across_a_river_is_an_advance_not_a_capture(gazetteer):
    text = "Ukrainian marines established a foothold in Krynky on the left bank of the Dnipro."
    found = events_of(gazetteer, text, dt.date(2023, 11, 20))
    assert {(e.event_type, e.sub_type) for e in found} == {("advance", "advance")}
    assert "Krynky" in {e.place.name for e in found}


def test_a_region_owning_the_next_place_only_locates_it(gazetteer):
    found = events_of(gazetteer, "Drones struck Darfur's El Fasher on Sunday.", dt.date(2024, 6, 3))
    assert places_of(found, "shelling") == ["El Fasher"]


def test_a_town_described_by_its_region_is_the_town_the_article_names(gazetteer):
    text = (
        " date 2025-01-12 Army retakes key city in Gezira state\n\n"
        "The army entered Wad Madani on Saturday after a week of fighting."
    )
    article = Article(id="a", text=text, date=dt.date(2025, 1, 12))
    mentions = resolve("a", find_spans(text, gazetteer), gazetteer)
    found = [e for e in extract_events(article, mentions) if e.event_type != "statement"]
    assert places_of(found, "advance") == ["Wad Medani"]


def test_framing_phrases_name_no_event_place(gazetteer):
    found = events_of(
        gazetteer,
        "Missiles hit Sumy on Friday, the heaviest strike since the start of the war in the "
        "Kharkiv region, according to an official in Kyiv.",
        dt.date(2024, 3, 9),
    )
    assert places_of(found, "shelling") == ["Sumy"]


def test_officials_titled_by_a_place_speak_for_it(gazetteer):
    found = events_of(
        gazetteer,
        "An airstrike hit a school in Khan Younis, Gaza health officials said.",
        dt.date(2024, 5, 1),
    )
    assert places_of(found, "shelling") == ["Khān Yūnis"]


def test_the_city_of_a_region_is_that_city(gazetteer):
    found = events_of(
        gazetteer, "A strike hit the southern Gaza city of Rafah.", dt.date(2024, 5, 1)
    )
    assert places_of(found, "shelling") == ["Rafaḩ"]


def test_a_front_named_after_a_town_is_fighting_near_it(gazetteer):
    found = events_of(
        gazetteer, "Troops attempted to storm the Vovchansk front at dawn.", dt.date(2024, 5, 11)
    )
    (event,) = [e for e in found if e.event_type == "advance"]
    assert (event.place.name, event.place_role) == ("Vovchansk", "near")
    # an attempt happened; whether it took the place is not said
    assert (event.sub_type, event.certainty) == ("advance", "reported")


def test_a_place_in_a_phrase_led_by_to_is_where_the_movement_goes(gazetteer):
    import datetime as dt

    from geomap.events import extract_events
    from geomap.extract import find_spans
    from geomap.model import Article
    from geomap.resolve import resolve

    def events(text):
        article = Article(id="a", text=text, date=dt.date(2024, 5, 7))
        return extract_events(article, resolve("a", find_spans(text, gazetteer), gazetteer))

    # an evacuation happens where it starts: a shelter's town is none
    moved = events("Civilians were evacuated to shelters in Kharkiv.")
    assert [(e.place.name, e.place_role) for e in moved if e.place_role == "at"] == []
    # "in" after a verb of its own is where; an Arabic article may be written onto the name
    assert [(e.event_type, e.place_role) for e in events("Shelling hit a school in Kherson.")] == [
        ("shelling", "at")
    ]
    assert [e.place_role for e in events("Airstrikes hit homes in al-Mawasi.")] == ["at"]
