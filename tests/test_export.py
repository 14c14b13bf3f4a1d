import datetime as dt
import json

from geomap.export import events_geojson, feature_collection, places_geojson
from geomap.model import Article, Event, Mention, Place

PLACE = Place("geonames:1", "Testville", "town", 30.1234567891, 50.4, "UA")


def test_events_geojson_is_rfc7946_with_flat_properties():
    event = Event(
        "e1", "advance", "a1", "Quote.", 0, 6, PLACE, "Testville", dt.date(2022, 11, 11), 1
    )
    data = json.loads(events_geojson([event, Event("e2", "statement", "a1", "No place.", 7, 16)]))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    (feature,) = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [30.123457, 50.4]}
    props = feature["properties"]
    assert props["event_date"] == "2022-11-11"
    assert all(not isinstance(v, (dict, list)) for v in props.values())


def test_places_geojson_counts_mentions():
    articles = {"a1": Article("a1", "x", dt.date(2022, 11, 1))}
    mentions = [
        Mention("a1", 0, 1, "T", PLACE),
        Mention("a1", 5, 6, "Testville", PLACE),
        Mention("a1", 9, 10, "Nowhere"),
        Mention("a1", 12, 20, "Testvillean", PLACE, literal=False, role="demonym"),
    ]
    (feature,) = json.loads(places_geojson(mentions, articles))["features"]
    assert feature["properties"]["mentions"] == 2
    assert feature["properties"]["names_as_written"] == "T; Testville"


def test_output_is_deterministic_and_one_feature_per_line():
    features = [{"type": "Feature", "geometry": None, "properties": {"n": i}} for i in range(3)]
    text = feature_collection(features)
    assert text == feature_collection(features)
    lines = text.splitlines()
    assert len(lines) == 5 and all(line.startswith('{"type":"Feature"') for line in lines[1:4])
