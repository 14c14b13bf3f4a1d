"""The PostgreSQL/PostGIS store: the same tables, the same results and the same outputs as
the SQLite store, real geometry for GIS tools, and one update at a time among a team's
clients. Needs a PostgreSQL server with PostGIS (the fixture starts a throw-away one)."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import SEEDS, output_files

from geomap.errors import StoreError
from geomap.pipeline import update
from geomap.store import Store
from geomap.store.postgis import shown, translate
from geomap.store.schema import TABLES

#: Two analysts' batches of articles (written for these tests), dated by their first line.
BATCHES = {
    "north": {
        "lyman.txt": (
            "2022-10-02",
            "Ukrainian troops entered Lyman on Saturday after Russian forces withdrew from the "
            "town, the defence ministry said.",
        ),
        "izium.txt": (
            "2022-09-11",
            "Russian forces abandoned Izium on Saturday. Ukrainian soldiers raised the flag "
            "over the town hall.",
        ),
    },
    "south": {
        "bridge.txt": (
            "2022-11-12",
            "Retreating troops blew up the Antonivskyi Bridge over the Dnipro on Friday.",
        ),
        "kherson.txt": (
            "2022-11-11",
            "Ukrainian forces entered Kherson on Friday as Russian troops withdrew across the "
            "Dnipro to the left bank.",
        ),
    },
}


def write(folder, batch, edits=None):
    folder.mkdir(parents=True, exist_ok=True)
    for name, (date, text) in BATCHES[batch].items():
        body = (edits or {}).get(name, text)
        (folder / name).write_text(f" date {date} \n\n{body}", encoding="utf-8")
    return folder


def rows(store: Store) -> dict[str, list[tuple]]:
    """Every table's rows (the columns a SQLite store has; sorted), but the store's
    identity and the chunks' generations (numbers that only need to grow)."""
    dumped = {}
    for table in TABLES:
        if table == "store_identity":
            continue
        columns = _columns(table)
        found = store._db.execute(f"SELECT {', '.join(columns)} FROM {table}")
        dumped[table] = sorted((tuple(row) for row in found), key=repr)
        if table == "chunks":
            dumped[table] = [row[:3] for row in dumped[table]]
    return dumped


@functools.cache
def _columns(table: str) -> list[str]:
    """A table's columns as a new SQLite store makes them."""
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "new.sqlite") as store:
        return [f'"{row[1]}"' for row in store._db.execute(f"PRAGMA table_info({table})")]


def both(postgis_url, tmp_path, sources, gazetteer):
    """Update a SQLite store and a PostgreSQL one from ``sources``; their outputs."""
    for name, store in (("sqlite", tmp_path / "sqlite" / "geomap.sqlite"), ("pg", postgis_url)):
        update(sources, store, tmp_path / name, gazetteer)
    return output_files(tmp_path / "sqlite"), output_files(tmp_path / "pg")


def test_same_rows_and_outputs_as_sqlite_as_articles_come_and_change(
    postgis_url, tmp_path, gazetteer
):
    sources = [SEEDS, write(tmp_path / "in", "north"), write(tmp_path / "in", "south")]
    lite, pg = both(postgis_url, tmp_path, sources, gazetteer)
    assert lite == pg
    assert any(name.startswith("frontline/") for name in pg)
    assert any(name.startswith("bridges/") for name in pg)
    with Store(tmp_path / "sqlite" / "geomap.sqlite") as a, Store(postgis_url) as b:
        assert rows(a) == rows(b)
        assert a.stats() | {"store": "", "size_bytes": 0} == b.stats() | {
            "store": "",
            "size_bytes": 0,
        }
        assert b.stats()["control_claims"] > 0

    # an article edited (its events and claims replaced), another's place gone
    write(
        tmp_path / "in",
        "north",
        {"lyman.txt": "Shelling hit Lyman on Saturday.", "izium.txt": "It rained on Saturday."},
    )
    lite, pg = both(postgis_url, tmp_path, sources, gazetteer)
    assert lite == pg
    with Store(tmp_path / "sqlite" / "geomap.sqlite") as a, Store(postgis_url) as b:
        assert rows(a) == rows(b)
        assert not b._db.execute("SELECT 1 FROM mentions WHERE text = 'Izium'").fetchall()

    # the whole layers and a GeoPackage from either store are the same bytes
    for name, store in (("sqlite", tmp_path / "sqlite"), ("pg", postgis_url)):
        done = _geomap(
            "export",
            str(store),
            "-f",
            "geojson",
            "-f",
            "gpkg",
            "-f",
            "csv",
            "--out",
            str(tmp_path / f"export-{name}"),
        )
        assert done.returncode == 0, done.stderr
    assert output_files(tmp_path / "export-sqlite") == output_files(tmp_path / "export-pg")


def test_places_events_and_claims_have_geometry_for_gis(postgis_url, tmp_path, gazetteer):
    update([write(tmp_path / "in", "south")], postgis_url, tmp_path / "out", gazetteer)
    with Store(postgis_url) as store:
        db = store._db
        columns = set(db.execute("SELECT f_table_name, srid, type FROM geometry_columns"))
        assert {("places", 4326, "POINT"), ("events", 4326, "POINT")} <= columns
        assert ("claims_layer", 4326, "POINT") in columns
        kherson = db.execute(
            "SELECT lon, lat, ST_X(geom), ST_Y(geom) FROM places WHERE name = 'Kherson'"
        ).fetchone()
        assert kherson[:2] == kherson[2:]
        # the river's course is a real line, found by a spatial query around Kherson
        near = {
            name
            for (name,) in db.execute(
                "SELECT name FROM places WHERE shape IS NOT NULL AND ST_Intersects(shape, "
                "ST_Buffer(ST_SetSRID(ST_MakePoint(32.6, 46.6), 4326), 0.5))"
            )
        }
        assert "Dnipro" in near
        indexed = {
            n
            for (n,) in db.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gist%'")
        }
        assert {"places_geom", "places_shape", "events_geom", "mentions_geom"} <= indexed
        claims = db.execute("SELECT count(*), count(geom) FROM claims_layer").fetchone()
        assert claims[0] == claims[1] == store.stats()["control_claims"] > 0


def test_one_update_at_a_time_the_second_fails_or_waits(postgis_url):
    with Store(postgis_url) as first, Store(postgis_url) as second:
        with first.updating():
            busy = "being updated by another geomap process"
            with pytest.raises(StoreError, match=busy), second.updating():
                pass
            waited = []

            def queue():
                with second.updating(wait=True):
                    waited.append(time.monotonic())

            thread = threading.Thread(target=queue)
            thread.start()
            time.sleep(0.5)
            assert not waited  # still queued behind the first
            released = time.monotonic()
        thread.join(10)
        assert waited and waited[0] >= released


def test_opening_and_reading_a_store_do_not_wait_for_an_update(postgis_url):
    with Store(postgis_url) as first, first.updating():
        began = time.monotonic()
        with Store(postgis_url) as second:
            assert second.stats()["articles"] == 0
        assert time.monotonic() - began < 5
        done = _geomap("stats", postgis_url)
        assert done.returncode == 0, done.stderr


def test_stores_in_two_schemas_of_one_database_are_apart(postgis_url, tmp_path, gazetteer):
    import psycopg

    with psycopg.connect(postgis_url, autocommit=True) as db:
        db.execute("CREATE SCHEMA north")
        db.execute("CREATE SCHEMA south")
    north, south = (
        f"{postgis_url}?options=-csearch_path%3D{schema},public" for schema in ("north", "south")
    )
    update([write(tmp_path / "south", "south")], south, tmp_path / "out-south", gazetteer)
    # a store already in one schema: another schema gets its own (PostGIS where it is)
    update([write(tmp_path / "north", "north")], north, tmp_path / "out-north", gazetteer)
    with Store(north) as a, Store(south) as b, a.updating():
        with b.updating():  # each schema's updates have their own lock
            assert a.article_count() == b.article_count() == 2
        titles = {x.path.rsplit("/", 1)[-1] for x in a.articles(with_text=False)}
        assert titles == {"lyman.txt", "izium.txt"}
    # an edit made with another search path (psql's, QGIS's) keeps the store's counts
    with psycopg.connect(postgis_url, autocommit=True) as db:
        db.execute("DELETE FROM north.articles WHERE path LIKE '%lyman.txt'")
        changes = "SELECT parts FROM {}.part_counts WHERE name = 'article changes'"
        assert db.execute(changes.format("north")).fetchone() == (3,)  # two added, one gone
        assert db.execute(changes.format("south")).fetchone() == (2,)


def test_what_sqlite_keeps_postgresql_keeps(postgis_url, tmp_path, gazetteer):
    # a number over 32 bits, a NUL character (which PostgreSQL refuses in text)
    feed = tmp_path / "odd.jsonl"
    feed.write_text(
        json.dumps(
            {
                "id": "big",
                "date": "2022-11-11",
                "text": "Shelling in Kherson killed 3000 million people, the ministry claimed.",
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "nul",
                "date": "2022-11-11",
                "title": "A\u0000B",
                "text": "Russian troops left Kherson.\u0000",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    lite, pg = both(postgis_url, tmp_path, [feed], gazetteer)
    assert lite == pg
    with Store(tmp_path / "sqlite" / "geomap.sqlite") as a, Store(postgis_url) as b:
        assert rows(a) == rows(b)
        assert b.article("nul").title == "A\ufffdB"
        quantities = {e.quantity for e in b.events()}
    assert 3_000_000_000 in quantities


def test_two_analysts_updating_at_once_give_what_one_after_the_other_gives(
    postgis_url, tmp_path, gazetteer
):
    north, south = write(tmp_path / "north", "north"), write(tmp_path / "south", "south")
    clients = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "geomap",
                "update",
                str(folder),
                "--store",
                postgis_url,
                "--out",
                str(tmp_path / f"maps-{folder.name}"),
                "--wait",
                "-q",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (north, south)
    ]
    for client in clients:
        assert client.wait(300) == 0, client.stderr.read()
    alone = tmp_path / "alone" / "geomap.sqlite"
    update([north], alone, tmp_path / "alone", gazetteer)
    update([south], alone, tmp_path / "alone", gazetteer)
    with Store(alone) as a, Store(postgis_url) as b:
        assert rows(a) == rows(b)
        assert b.article_count() == 4


def test_an_index_added_by_a_later_geomap_is_made_on_opening(postgis_url):
    import psycopg

    Store(postgis_url).close()
    with psycopg.connect(postgis_url, autocommit=True) as db:
        db.execute("DROP INDEX articles_parsed_by")
    with Store(postgis_url) as store:
        assert "articles_parsed_by" in store._pg.indexes()


def test_a_database_with_other_tables_named_alike_is_left_alone(postgis_url):
    import psycopg

    with psycopg.connect(postgis_url, autocommit=True) as db:
        db.execute("CREATE TABLE articles (title text)")
        db.execute("INSERT INTO articles VALUES ('theirs')")
    with pytest.raises(StoreError, match="tables that geomap did not make"):
        Store(postgis_url)
    with psycopg.connect(postgis_url) as db:
        assert db.execute("SELECT title FROM articles").fetchall() == [("theirs",)]
        assert db.execute("SELECT to_regclass('events')").fetchone() == (None,)


def test_the_commands_take_a_database_url(postgis_url, postgres_server, tmp_path):
    done = _geomap(
        "update",
        str(write(tmp_path / "in", "south")),
        "--store",
        postgis_url,
        "--out",
        str(tmp_path / "maps"),
        "-q",
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "maps" / "index.html").is_file()
    assert not (tmp_path / "maps" / "geomap.sqlite").exists()
    stats = _geomap("stats", postgis_url)
    assert stats.returncode == 0 and "articles   2 " in stats.stdout
    assert postgis_url in stats.stdout
    done = _geomap("map", postgis_url, "--out", str(tmp_path / "again"), "-q")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "again" / "index.html").is_file()
    # a database without a store is not made into one by a reading command
    empty = postgres_server.new_database()
    done = _geomap("stats", empty)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"Error: no geomap store in {empty}; make one with 'geomap update SOURCES "
        f"--store {empty} --out DIR'"
    )


def test_an_unreachable_database_is_one_line_and_hides_the_password():
    done = _geomap("stats", "postgresql://analyst:s3cret@127.0.0.1:1/news")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "cannot connect" in done.stderr and "s3cret" not in done.stderr
    assert "postgresql://analyst:***@127.0.0.1:1/news" in done.stderr


def test_shown_hides_only_the_password():
    assert shown("postgresql://a:pw@h:5/db") == "postgresql://a:***@h:5/db"
    assert shown("postgresql://a@h/db?sslmode=require") == "postgresql://a@h/db?sslmode=require"
    assert shown("postgresql://a@h/db?password=pw&sslmode=require") == (
        "postgresql://a@h/db?password=***&sslmode=require"
    )
    assert shown("maps/geomap.sqlite") == "maps/geomap.sqlite"


def test_translate_rewrites_what_postgresql_says_otherwise():
    assert translate("SELECT id FROM t WHERE a = ? AND b LIKE ?") == (
        "SELECT id FROM t WHERE a = %s AND b LIKE %s",
    )
    assert translate("INSERT OR IGNORE INTO t VALUES (?)") == (
        "INSERT INTO t VALUES (%s) ON CONFLICT DO NOTHING",
    )
    assert translate("SELECT 1 WHERE x IN (SELECT value FROM json_each(?))") == (
        "SELECT 1 WHERE x IN (SELECT value FROM json_array_elements_text(CAST(%s AS json)))",
    )
    assert translate("CREATE TABLE IF NOT EXISTS t (a TEXT, b REAL)") == (
        'CREATE TABLE IF NOT EXISTS t (a TEXT COLLATE "C", b DOUBLE PRECISION)',
    )
    assert translate("BEGIN IMMEDIATE") == ("BEGIN",)


def test_a_trigger_becomes_a_function_and_a_row_trigger():
    function, trigger = translate(
        "CREATE TRIGGER IF NOT EXISTS gone BEFORE DELETE ON t WHEN OLD.a IS NOT NEW.a BEGIN\n"
        "    INSERT OR IGNORE INTO log VALUES (OLD.a);\n"
        "    UPDATE n SET k = k - 1;\nEND;"
    )
    assert function == (
        "CREATE OR REPLACE FUNCTION geomap_gone() RETURNS trigger LANGUAGE plpgsql "
        "SET search_path FROM CURRENT AS $$\n"
        "BEGIN\n"
        "    INSERT INTO log VALUES (OLD.a) ON CONFLICT DO NOTHING;\n"
        "    UPDATE n SET k = k - 1;\n"
        "    RETURN OLD;\n"  # a BEFORE DELETE trigger that returned NULL would cancel it
        "END\n$$"
    )
    assert trigger == (
        "CREATE OR REPLACE TRIGGER gone BEFORE DELETE ON t FOR EACH ROW "
        "WHEN (OLD.a IS DISTINCT FROM NEW.a) EXECUTE FUNCTION geomap_gone()"
    )


def _geomap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=300
    )
