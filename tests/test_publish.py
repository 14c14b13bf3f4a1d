"""Publishing from stored parts gives what building everything in memory gives."""

from __future__ import annotations

import json
import sqlite3

from conftest import SEEDS

from geomap import publish
from geomap.articles import read_file
from geomap.export import export_files, export_layers
from geomap.mapdata import map_data
from geomap.pipeline import process, update
from geomap.publish import make_parts, store_layers, store_map_data
from geomap.store import Store

REPORTS = {
    "bridges.txt": (
        " date 2022-11-12 \n\nRussian forces withdrew from Snihurivka to the left bank of the "
        "Dnipro. Two bridges near Beryslav were destroyed, officials in Mykolaiv said."
    ),
    "flags.txt": (
        " date 2022-11-14 \n\nUkrainian soldiers raised the national flag over Bilozerka. "
        "Russian troops did not destroy the Antonivskyi Bridge, the mayor of Kherson said."
    ),
    "river.txt": (
        " date 2022-11-15 \n\nBoats crossed the Dnieper near Nova Kakhovka, where Ukrainian "
        "officials reported shelling."
    ),
}


def write_reports(folder, reports):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")


def stored(store_path, query):
    with sqlite3.connect(store_path) as db:
        return dict(db.execute(query))


def reference(store, banks):
    """The export layers and the map's data, built from everything loaded at once."""
    articles = {a.id: a for a in store.articles()}
    mentions, events = store.mentions(), store.events()
    layers = export_layers(articles, mentions, events, banks)
    return layers, map_data(articles, mentions, events, banks=banks)


def assert_same_as_reference(store, banks):
    """The files of the text formats and the map's data are the same; returns the data."""
    layers = store_layers(store, banks)
    data = store_map_data(store, layers)
    expected_layers, expected_data = reference(store, banks)
    for fmt in ("geojson", "geojsonl", "csv"):
        assert layers.files(fmt) == export_files(expected_layers, fmt)
    assert json.dumps(data, sort_keys=True) == json.dumps(expected_data, sort_keys=True)
    return data


def test_stored_parts_give_the_same_outputs_after_every_change(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_reports(sources, REPORTS)
    for seed in SEEDS.glob("*.txt"):
        (sources / seed.name).write_bytes(seed.read_bytes())
    update([sources], store_path, out, gazetteer)
    banks = gazetteer.places_of_kind("bank")
    with Store(store_path) as store:
        data = assert_same_as_reference(store, banks)
        assert data["events"] and data["areas"]
        assert data["not_drawn"] >= 1  # the bridge not destroyed
        assert make_parts(store) == (0, 0)  # everything was made by the update

    # A new article naming a place already stored (Kherson) and one not yet named.
    write_reports(sources, {"new.txt": " date 2022-11-20 \n\nShelling hit Kherson and Odesa."})
    # An edited article: its old mentions (Nova Kakhovka) go, new ones come.
    write_reports(sources, {"river.txt": " date 2022-11-16 \n\nShelling hit Mykolaiv."})
    update([sources], store_path, out, gazetteer)
    with Store(store_path) as store:
        assert store.places_without_parts() == []
        names = {row[2] for row in assert_same_as_reference(store, banks)["places"]}
        assert "Odesa" in names and "Nova Kakhovka" not in names


def test_only_what_changed_has_its_parts_made_again(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_reports(sources, REPORTS)
    update([sources], store_path, out, gazetteer)
    events_before = stored(store_path, "SELECT event_id, feature FROM event_parts")
    write_reports(sources, {"more.txt": " date 2022-11-21 \n\nShelling hit Mykolaiv."})
    with Store(store_path) as store:
        for article in read_file(sources / "more.txt"):
            result = process(article, gazetteer)
            store.save(
                article,
                result.mentions,
                result.events,
                content_hash="x",
                pipeline_version="x",
                gazetteer_version="x",
            )
        stale = store.places_without_parts()
        assert len(stale) == 1  # Mykolaiv only
        assert make_parts(store) == (1, 1)  # one new event, one place
        after = stored(store_path, "SELECT event_id, feature FROM event_parts")
        assert {k: v for k, v in after.items() if k in events_before} == events_before
        assert_same_as_reference(store, banks := gazetteer.places_of_kind("bank"))

        # A place whose stored row changes (a rebuilt gazetteer moved it) is made again,
        # with the events at it.
        (place_id,) = stale
        with sqlite3.connect(store_path) as db:
            db.execute("UPDATE places SET lat = lat + 0.5 WHERE id = ?", (place_id,))
        assert store.places_without_parts() == [place_id]
        assert make_parts(store)[1] == 1
        assert_same_as_reference(store, banks)


def test_parts_made_by_another_geomap_version_are_made_again(tmp_path, gazetteer, monkeypatch):
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_reports(sources, REPORTS)
    update([sources], store_path, out, gazetteer)
    events = len(stored(store_path, "SELECT event_id, 1 FROM event_parts"))
    places = len(stored(store_path, "SELECT place_id, 1 FROM place_parts"))
    with Store(store_path) as store:
        assert make_parts(store) == (0, 0)
        monkeypatch.setattr(publish, "code_version", lambda: "another")
        assert make_parts(store) == (events, places)
        assert store.parts_version() == "another"
