"""Publishing from stored parts, in chunks, gives what building everything in memory
gives; an update rewrites only the chunks it changed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from conftest import SEEDS, save_parsed

from geomap import publish
from geomap.export import export_files, export_layers
from geomap.frontline import Banks
from geomap.mapdata import RECORD_FIELDS, map_data
from geomap.output import OutputDir
from geomap.pipeline import MapOptions, update, write_outputs
from geomap.publish import make_parts, store_layers
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


def read_script(path):
    """The data of one of the map's data files (``geomapData(JSON.parse("{...}"));``)."""
    text = path.read_text("utf-8")
    assert text.startswith('geomapData(JSON.parse("') and text.endswith('"));\n')
    # a JSON string holding JSON (the page's JSON.parse reads it)
    return json.loads(json.loads(text[len("geomapData(JSON.parse(") : -4]))


def chunked_map(out):
    """What the map's page reads: the head and each chunk it lists, by file name, each
    square's records given back the quotes and articles of their tiles' details (which the
    page reads when a popup opens)."""
    head = read_script(out / "data" / "head.js")
    return head, {
        c["file"]: with_details(out, read_script(out / c["file"])) for c in head["chunks"]
    }


def with_details(out, part):
    """A square's part with what its records point to in their tiles' details put back."""
    tiles = [read_script(out / d["file"]) for d in part.pop("details", [])]
    for record in part.get("places", []):
        record[3] = tiles[record[3]]["places"][record[0][0]]
    for layer in ("frontline", "bridges"):
        for feature in part.get(layer, []):
            if "details" not in feature["properties"]:
                continue  # (a day's bridges carry their own)
            tile, position = feature["properties"].pop("details")
            quotes, articles = tiles[tile][layer][position]
            feature["properties"].update(quotes=quotes, articles=articles)
    if tiles:
        part["articles"] = {k: v for tile in tiles for k, v in tile["articles"].items()}
    return part


def shown(parts):
    """The drawn event records and the quiet places (place id, mentions, articles,
    quotes, names as written) of map data in parts, and the articles they cite, in no
    particular order."""
    events, places, articles = [], {}, {}
    for data in parts:
        events += [json.dumps(record) for record in data.get("events", [])]
        for key, mentions, count, quotes, written in data.get("places", []):
            places[key[0]] = (key, mentions, count, quotes, written)
        articles.update(data.get("articles", {}))
    return sorted(events), places, articles


def assert_same_as_reference(store, banks, out):
    """The files of the text formats, and what the chunked map shows, are the same as
    what is built in memory; returns the map's head and chunks."""
    layers = store_layers(store, banks)
    expected_layers, expected_data = reference(store, banks)
    for fmt in ("geojson", "geojsonl", "csv"):
        assert layers.files(fmt) == export_files(expected_layers, fmt)
    head, chunks = chunked_map(out)
    assert shown([head, *chunks.values()]) == shown([expected_data])
    for layer in ("sides", "not_drawn"):
        assert head[layer] == expected_data[layer]
    date_at = RECORD_FIELDS.index("date")
    assert head["dates"] == sorted({r[date_at] for r in expected_data["events"] if r[date_at]})
    for layer in ("frontline", "bridges"):
        drawn = [feature for data in chunks.values() for feature in data.get(layer, [])]
        for feature in drawn:  # an open end is dated by the map's script, as the head says
            if feature["properties"].get("valid_to", "") is None:
                feature["properties"]["valid_to"] = head["last"]
        assert sorted(map(json.dumps, drawn)) == sorted(map(json.dumps, expected_data[layer]))
    areas = [area for data in chunks.values() for area in data.get("areas", [])]
    assert sorted(map(json.dumps, areas)) == sorted(map(json.dumps, expected_data["areas"]))
    return head, chunks


def test_stored_parts_give_the_same_outputs_after_every_change(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_reports(sources, REPORTS)
    for seed in SEEDS.glob("*.txt"):
        (sources / seed.name).write_bytes(seed.read_bytes())
    update([sources], store_path, out, gazetteer)
    banks = gazetteer.places_of_kind("bank")
    with Store(store_path) as store:
        head, chunks = assert_same_as_reference(store, banks, out)
        assert any(data.get("events") for data in chunks.values())
        assert any(data.get("areas") for data in chunks.values())
        assert head["not_drawn"] >= 1  # the bridge not destroyed
        assert make_parts(store, Banks(banks)) == (0, 0)  # everything was made by the update

    # A new article naming a place already stored (Kherson) and one not yet named.
    write_reports(sources, {"new.txt": " date 2022-11-20 \n\nShelling hit Kherson and Odesa."})
    # An edited article: its old mentions (Nova Kakhovka) go, new ones come.
    write_reports(sources, {"river.txt": " date 2022-11-16 \n\nShelling hit Mykolaiv."})
    update([sources], store_path, out, gazetteer)
    with Store(store_path) as store:
        assert store.places_without_parts() == []
        _, chunks = assert_same_as_reference(store, banks, out)
        names = {record[0][3] for data in chunks.values() for record in data.get("places", [])}
        assert "Odesa" in names and "Nova Kakhovka" not in names


def test_only_what_changed_has_its_parts_made_again(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_reports(sources, REPORTS)
    update([sources], store_path, out, gazetteer)
    events_before = stored(store_path, "SELECT event_id, feature FROM event_parts")
    write_reports(sources, {"more.txt": " date 2022-11-21 \n\nShelling hit Mykolaiv."})
    with Store(store_path) as store:
        save_parsed(store, sources / "more.txt", gazetteer)
        stale = store.places_without_parts()
        assert len(stale) == 1  # Mykolaiv only
        assert make_parts(store, Banks(gazetteer.places_of_kind("bank"))) == (
            1,
            1,
        )  # one new event, one place
        after = stored(store_path, "SELECT event_id, feature FROM event_parts")
        assert {k: v for k, v in after.items() if k in events_before} == events_before
        write_outputs(store, OutputDir(out), gazetteer, MapOptions())
        assert_same_as_reference(store, banks := gazetteer.places_of_kind("bank"), out)

        # A place whose stored row changes (a rebuilt gazetteer moved it) is made again,
        # with the events at it.
        (place_id,) = stale
        with sqlite3.connect(store_path) as db:
            db.execute("UPDATE places SET lat = lat + 0.5 WHERE id = ?", (place_id,))
        assert store.places_without_parts() == [place_id]
        assert make_parts(store, Banks(gazetteer.places_of_kind("bank")))[1] == 1
        write_outputs(store, OutputDir(out), gazetteer, MapOptions())
        assert_same_as_reference(store, banks, out)


def test_parts_made_by_another_geomap_version_are_made_again(tmp_path, gazetteer, monkeypatch):
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_reports(sources, REPORTS)
    update([sources], store_path, out, gazetteer)
    events = len(stored(store_path, "SELECT event_id, 1 FROM event_parts"))
    places = len(stored(store_path, "SELECT place_id, 1 FROM place_parts"))
    with Store(store_path) as store:
        assert make_parts(store, Banks(gazetteer.places_of_kind("bank"))) == (0, 0)
        monkeypatch.setattr(publish, "parts_version", lambda: "another")
        assert make_parts(store, Banks(gazetteer.places_of_kind("bank"))) == (events, places)
        assert store.parts_version() == "another"


LATER = {
    "december.txt": " date 2022-12-03 \n\nShelling hit Balti overnight, officials in Chisinau said."
}


def chunk_files(out):
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for folder in ("events", "places", "frontline", "bridges", "data")
        for p in sorted((out / folder).glob("*"))
    }


def test_an_update_rewrites_only_the_chunks_it_changed(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_reports(sources, REPORTS)
    update([sources], store_path, out, gazetteer)
    before = chunk_files(out)
    assert any(name.startswith("events/2022-11-") for name in before)
    # a report of unnamed bridges is kept by its day (a named bridge: by its square)
    assert any(name.startswith("bridges/2022-11-") for name in before)
    assert "data/head.js" in before
    assert {"places/UA-N46-E032.geojson", "data/places-N40-E030.js"} <= set(before)  # Kherson
    times = {name: (out / name).stat().st_mtime_ns for name in before}

    # A report of another month, in another country: its own chunks, and the head.
    write_reports(sources, LATER)
    summary = update([sources], store_path, out, gazetteer)
    written = {p.relative_to(out).as_posix() for p in summary.outputs}
    after = chunk_files(out)
    december = {name for name in after if "2022-12-0" in name}
    assert {Path(name).suffix for name in december} == {".geojson", ".js"}
    # the squares of the places it names, and the front line, held until a later date now
    others = written - december - {"data/head.js"}
    assert {
        "places/MD-N47-E027.geojson",
        "data/places-N40-E020.js",
        "data/details-MD-N47-E027.js",  # (its quotes and article rows)
    } <= others  # Balti
    assert all(
        name.startswith(("places/MD-", "data/places-N40-E020", "data/details-MD-", "frontline/"))
        for name in others
    ), others
    for name in before:
        if name != "data/head.js" and not name.startswith("frontline/"):
            assert after[name] == before[name]
            assert (out / name).stat().st_mtime_ns == times[name]  # not even rewritten
    head = read_script(out / "data" / "head.js")
    assert december & {c["file"] for c in head["chunks"]}

    # The same articles published from scratch give the same files, whatever their order.
    fresh = tmp_path / "fresh"
    update([sources], fresh / "geomap.sqlite", fresh, gazetteer)
    assert chunk_files(fresh) == after
    assert (fresh / "index.html").read_bytes() == (out / "index.html").read_bytes()

    # Its report moved to November: the December chunk is gone, files and all.
    write_reports(sources, {"december.txt": LATER["december.txt"].replace("2022-12", "2022-11")})
    update([sources], store_path, out, gazetteer)
    assert not any((out / name).exists() for name in december)
    head = read_script(out / "data" / "head.js")
    assert not december & {c["file"] for c in head["chunks"]}

    # A chunk file removed by hand comes back with the next update, new articles or not;
    # an update does not look at the chunks it does not touch one by one (a listing of
    # the folders tells the ones removed)
    kept = chunk_files(out)
    for name in ("data/places-N40-E030.js", "places/UA-N46-E032.geojson"):
        (out / name).unlink()
    update([sources], store_path, out, gazetteer)
    assert chunk_files(out) == kept


def test_whole_layers_are_written_on_request_and_never_left_stale(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_reports(sources, REPORTS)
    update([sources], store_path, out, gazetteer, map_options=MapOptions(combined=True))
    with Store(store_path) as store:
        expected = store_layers(store, gazetteer.places_of_kind("bank")).files("geojson")
    for layer in ("events", "places"):
        assert (out / f"{layer}.geojson").read_bytes() == expected[f"{layer}.geojson"]
    # an update without them removes the whole layers it would leave behind the store
    write_reports(sources, LATER)
    update([sources], store_path, out, gazetteer)
    assert not (out / "events.geojson").exists() and not (out / "places.geojson").exists()
    # a file the user changed is theirs: left where it is
    update([sources], store_path, out, gazetteer, map_options=MapOptions(combined=True))
    (out / "places.geojson").write_text("{}", encoding="utf-8")
    write_reports(sources, {"more.txt": " date 2022-11-21 \n\nShelling hit Mykolaiv."})
    update([sources], store_path, out, gazetteer)
    assert not (out / "events.geojson").exists()
    assert (out / "places.geojson").read_text(encoding="utf-8") == "{}"


def test_a_busy_day_is_in_several_chunks_and_an_update_adds_to_its_latest(
    tmp_path, gazetteer, monkeypatch
):
    monkeypatch.setattr(publish, "EVENTS_PER_CHUNK", 2)
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    towns = ["Kherson", "Mykolaiv", "Odesa", "Nikopol"]
    write_reports(
        sources,
        {f"{town}.txt": f" date 2022-11-20 \n\nShelling hit {town} overnight." for town in towns},
    )
    update([sources], store_path, out, gazetteer)
    day = {name for name in chunk_files(out) if name.startswith("events/2022-11-20")}
    assert day == {"events/2022-11-20.geojson", "events/2022-11-20-2.geojson"}

    write_reports(sources, {"later.txt": " date 2022-11-20 \n\nShelling hit Kryvyi Rih."})
    summary = update([sources], store_path, out, gazetteer)
    written = {p.relative_to(out).as_posix() for p in summary.outputs}
    assert {n for n in written if "2022-11-20" in n} == {
        "events/2022-11-20-3.geojson",
        "data/events-2022-11-20-3.js",
    }
    with Store(store_path) as store:
        head, _ = assert_same_as_reference(store, gazetteer.places_of_kind("bank"), out)
    listed = [c for c in head["chunks"] if c["day"] == "2022-11-20"]
    assert sorted(c["records"] for c in listed) == [1, 2, 2]


def test_places_are_in_chunks_by_country_and_square_named_by_its_corner():
    from geomap.model import Place

    los_angeles = Place("a", "Los Angeles", "city", -118.24, 34.05, "US")
    assert publish.place_chunk(los_angeles) == "US-N34-W119"
    assert publish.map_square("US-N34-W119") == "N30-W120"
    near_null_island = Place("b", "B", "city", -0.5, -0.5, None)
    assert publish.place_chunk(near_null_island) == "other-S01-W001"
    assert publish.map_square("other-S01-W001") == "S10-W010"
    assert publish.place_chunk(Place("c", "C", "city", 32.6, 46.6, "UA")) == "UA-N46-E032"
    assert publish.map_square("UA-N46-E032") == "N40-E030"
    assert publish.map_square("RU-N47-E039") == "N40-E030"  # one file for both countries
    assert publish.map_square("2022-11-14") == "2022-11-14"  # not a square
