import dataclasses
import datetime as dt

import pytest

from geomap.model import Article, Event, Mention, Place

ROW = ("city:1", "Bilozerka", "city", 32.4, 46.63, "UA", "Kherson Oblast", 8000, None)


def test_place_is_a_frozen_dataclass_with_its_defaults():
    place = Place("city:1", "Bilozerka", "city", 32.4, 46.63)
    assert (place.country, place.admin1, place.population, place.geometry) == (None, None, 0, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "Kherson"  # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(Place)][:3] == ["id", "name", "kind"]


def test_place_from_a_gazetteer_row_equals_the_constructed_one():
    assert Place.from_row(ROW) == Place(*ROW)
    assert Place.from_row(ROW).admin1 == "Kherson Oblast"


def test_place_equality_and_hash_leave_the_geometry_out():
    line = {"type": "LineString", "coordinates": [[33.0, 46.0], [34.0, 47.0]]}
    plain, drawn = Place(*ROW), Place(*ROW[:8], geometry=line)
    assert plain == drawn and hash(plain) == hash(drawn)
    assert drawn.__geo_interface__["geometry"] == line
    assert plain.__geo_interface__["geometry"] == {"type": "Point", "coordinates": [32.4, 46.63]}


def test_replace_keeps_the_other_fields():
    moved = dataclasses.replace(Place(*ROW), lon=33.0)
    assert (moved.lon, moved.lat, moved.population) == (33.0, 46.63, 8000)


def test_mention_defaults_freeze_and_geo_interface():
    mention = Mention("a1", 10, 19, "Bilozerka", place=Place(*ROW), score=0.9)
    assert (mention.literal, mention.alternatives, mention.role) == (True, (), "location")
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.score = 1.0  # type: ignore[misc]
    feature = mention.__geo_interface__
    assert feature["properties"]["place_id"] == "city:1"
    assert feature["geometry"]["coordinates"] == [32.4, 46.63]
    unresolved = Mention("a1", 0, 4, "Xyzw")
    assert unresolved.place is None and unresolved.__geo_interface__["geometry"] is None
    assert dataclasses.replace(unresolved, role="metonym").role == "metonym"


def test_records_travel_between_processes_whole():
    # --workers and the Dask engine pickle records; compiled by mypyc, a frozen record
    # must be rebuilt from its fields (pickle's default sets them one by one, refused)
    import pickle

    place = Place("g:1", "Kherson", "city", 32.6, 46.6, "UA", geometry={"type": "Point"})
    records = [
        Article("a1", "Kherson.", dt.date(2022, 11, 11), title="t"),
        place,
        Mention("a1", 0, 7, "Kherson", place, 0.9, alternatives=(("g:2", 0.1),)),
        Event("e1", "advance", "a1", "Kherson.", 0, 8, place, certainty="claimed"),
    ]
    for record in records:
        copy = pickle.loads(pickle.dumps(record))
        assert copy == record and type(copy) is type(record)
    assert pickle.loads(pickle.dumps(place)).geometry == {"type": "Point"}
