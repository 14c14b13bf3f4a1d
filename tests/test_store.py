import datetime as dt
import sqlite3
from dataclasses import replace

import pytest

from geomap.articles import text_hash
from geomap.errors import StoreError
from geomap.model import Article, Event, Mention, Place
from geomap.store import SCHEMA_VERSION, Store

PLACE = Place("geonames:1", "Testville", "town", 30.5, 50.4, "UA", None, 1000)


def sample(text="Testville news."):
    article = Article("a1", text, dt.date(2022, 11, 1), path="a.txt")
    mention = Mention("a1", 0, 9, "Testville", PLACE, 0.9, True, (("geonames:2", 0.1),))
    event = Event(
        "e1", "statement", "a1", text, 0, len(text), PLACE, "Testville", dt.date(2022, 11, 1), 2
    )
    return article, [mention], [event]


def test_round_trip(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        article, mentions, events = sample()
        store.save(
            article, mentions, events, content_hash="h", pipeline_version="1", gazetteer_version="g"
        )
        assert store.article_hash("a1") == "h"
        assert list(store.articles()) == [article]
        assert store.mentions() == mentions
        assert store.events() == events


def test_a_place_summary_reads_indexes_not_the_articles_rows(tmp_path):
    """What a place's summary reads of its mentions and of the articles naming it comes
    from two indexes alone: in a large store, reading the rows themselves went page by page
    (seconds with a cold disk cache)."""
    with Store(tmp_path / "s.sqlite") as store:
        article, mentions, events = sample()
        store.save(
            article, mentions, events, content_hash="h", pipeline_version="1", gazetteer_version="g"
        )
        undated = Article("a2", "Testville again.", None, path="b.txt")
        store.save(undated, [], [], content_hash="h2", pipeline_version="1", gazetteer_version="g")
        assert store.article_days({"a1", "a2", "a3"}) == {"a1": "2022-11-01"}
        plain = [replace(m, alternatives=()) for m in mentions]
        assert store.mentions(place_ids={PLACE.id}, alternatives=False) == plain
        queries = _queries(store, lambda: store.article_days({"a1"}))
        queries += _queries(store, lambda: store.mentions(place_ids={"x"}, alternatives=False))
        plans = [
            row[-1]
            for sql, parameters in queries
            for row in store._db.execute("EXPLAIN QUERY PLAN " + sql, parameters)
        ]
    assert any("COVERING INDEX articles_day" in plan for plan in plans), plans
    assert any("COVERING INDEX mentions_by_place" in plan for plan in plans), plans


def _queries(store, call):
    """The SELECT statements ``call`` runs on ``store``, with their parameters."""
    seen: list[tuple[str, tuple]] = []
    execute = store._db.execute

    class Spy:  # (a sqlite3 connection's methods cannot be replaced one by one)
        def __getattr__(self, name):
            return getattr(store._db, name)

        def execute(self, sql, parameters=()):
            if sql.lstrip().upper().startswith("SELECT"):
                seen.append((sql, parameters))
            return execute(sql, parameters)

    real, store._db = store._db, Spy()
    try:
        call()
    finally:
        store._db = real
    return seen


def test_saving_again_replaces_not_duplicates(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        for digest in ("h1", "h2"):
            store.save(*sample(), content_hash=digest, pipeline_version="1", gazetteer_version="g")
        assert len(store.mentions()) == 1 and len(store.events()) == 1
        assert store.article_hash("a1") == "h2"


def test_failed_save_leaves_store_unchanged(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        store.save(*sample(), content_hash="h1", pipeline_version="1", gazetteer_version="g")
        article, _mentions, events = sample("Changed text.")
        # An unserialisable value fails the save after the article row was replaced.
        broken = [Mention("a1", 0, 9, "Testville", PLACE, 0.9, True, (("x", {1}),))]
        with pytest.raises(TypeError):
            store.save(
                article,
                broken,
                events,
                content_hash="h2",
                pipeline_version="1",
                gazetteer_version="g",
            )
        assert store.article_hash("a1") == "h1"
        assert next(store.articles()).text == "Testville news."
        assert len(store.mentions()) == 1


def test_schema_version_and_newer_store_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_version_1_store_is_migrated_with_roles(tmp_path):

    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    # The schema as version 1 wrote it: mentions had no role column.
    db.executescript(_schema_2().replace("    role TEXT NOT NULL DEFAULT 'location',\n", ""))
    db.execute("INSERT INTO articles VALUES ('a','h',NULL,NULL,NULL,NULL,NULL,'In Kyiv.','1','g')")
    db.execute("INSERT INTO mentions VALUES ('a',3,7,'Kyiv',0,1.0,NULL,NULL,NULL,'[]')")
    db.execute("INSERT INTO mentions VALUES ('a',0,2,'In',1,1.0,NULL,NULL,NULL,'[]')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Store(path) as migrated:
        roles = {m.text: m.role for m in migrated.mentions()}
    assert roles == {"Kyiv": "metonym", "In": "location"}
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def _schema_3() -> str:
    """The schema as version 3 wrote it: no text hash or recogniser per article, no claims
    (nor the reports of schema 6)."""
    from geomap.store import schema as store_schema

    schema = store_schema.SCHEMA.replace(
        "    quantity_text TEXT,\n    report_count INTEGER NOT NULL DEFAULT 1,\n"
        "    report_quotes TEXT\n",
        "    quantity_text TEXT\n",
    ).replace(
        "    gazetteer_version TEXT NOT NULL,\n    text_hash TEXT,\n"
        "    recognizer TEXT NOT NULL DEFAULT 'gazetteer',\n    author TEXT,\n"
        "    source_kind TEXT,\n    lang TEXT\n",
        "    gazetteer_version TEXT NOT NULL\n",
    )
    statements = [s for s in schema.split(";") if "control_claims" not in s]
    schema = ";".join(s for s in statements if "articles_path" not in s)
    assert "text_hash" not in schema and "control_claims" not in schema
    return schema


def _schema_2() -> str:
    """The schema as version 2 wrote it: events had no role, side or quantity columns."""
    from geomap.store import schema as store_schema

    schema = _schema_3().replace("    source_url TEXT,\n", "    source_url TEXT\n")
    for column in store_schema.EVENT_COLUMNS_3:
        schema = schema.replace(f"    {column},\n", "").replace(f"    {column}\n", "")
    assert "quantity_text" not in schema
    return schema


def test_version_3_store_is_migrated_with_text_hashes(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(_schema_3())
    db.execute(
        "INSERT INTO articles VALUES ('a','h','2022-11-11',NULL,NULL,NULL,'x.txt','In Kyiv.','1','g')"
    )
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    with Store(path) as migrated:
        (article,) = migrated.articles()
        assert migrated.text_hashes() == {"a": (text_hash(article), "x.txt")}
        assert migrated.stale("1", "g", "gazetteer") == []
        assert migrated.stale("2", "g", "gazetteer") == ["a"]
        assert migrated.claims() == []
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_version_2_store_is_migrated_with_event_columns(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(_schema_2())
    db.execute("INSERT INTO articles VALUES ('a','h',NULL,NULL,NULL,NULL,NULL,'In Kyiv.','1','g')")
    db.execute(
        "INSERT INTO events VALUES ('e','a','statement',NULL,3,1,'reported',NULL,NULL,NULL,"
        "'Kyiv',NULL,NULL,'In Kyiv.',0,8,NULL)"
    )
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with Store(path) as migrated:
        (event,) = migrated.events()
    assert event.place_role == "at" and event.quantity is None and event.quote == "In Kyiv."
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_stats_and_unresolved_names(tmp_path):
    article, mentions, events = sample()
    unknown = [
        Mention("a1", 10, 14, "news", None, 0.1),
        Mention("a1", 20, 24, "news", None, 0.1),
        Mention("a1", 30, 35, "Zorgo", None, 0.1),
    ]
    with Store(tmp_path / "s.sqlite") as store:
        store.save(
            article,
            [*mentions, *unknown],
            events,
            content_hash="h",
            pipeline_version="1",
            gazetteer_version="g",
        )
        stats = store.stats()
        assert stats["articles"] == 1 and stats["mentions"] == len(mentions) + 3
        assert stats["unresolved"] == 3 and stats["unresolved_names"] == 2
        assert stats["events_by_type"] == {e.event_type: 1 for e in events}
        assert store.unresolved() == [("news", 2, 1), ("Zorgo", 1, 1)]
        assert store.unresolved(limit=1) == [("news", 2, 1)]


def _current_store(path):
    """A store of the current schema holding the sample article, for downgrading by hand."""
    article, mentions, events = sample()
    with Store(path) as store:
        store.save(
            article, mentions, events, content_hash="h", pipeline_version="1", gazetteer_version="g"
        )
    return article, mentions, events


def test_version_4_store_gets_the_parts_tables_and_their_triggers(tmp_path):
    path = tmp_path / "s.sqlite"
    article, mentions, events = _current_store(path)
    db = sqlite3.connect(path)
    for name in ("mention_added", "mention_removed", "place_changed"):
        db.execute(f"DROP TRIGGER {name}")
    for table in ("event_parts", "place_parts", "stale_places", "parts_made_by"):
        db.execute(f"DROP TABLE {table}")
    db.execute("PRAGMA user_version = 4")
    db.commit()
    db.close()
    with Store(path) as migrated:
        assert migrated.parts_version() is None
        migrated.drop_parts("this geomap")  # as the first publish does: all to be made
        assert migrated.places_without_parts() == ["geonames:1"]
        assert migrated.event_ids_without_parts() == ["e1"]
        migrated.save_place_parts(["geonames:1"], [("geonames:1", "{}", None, None, "UA")])
        assert migrated.places_without_parts() == []
        # Saving the article again marks its place stale (the triggers exist again).
        migrated.save(
            article,
            mentions,
            events,
            content_hash="h2",
            pipeline_version="1",
            gazetteer_version="g",
        )
        assert migrated.places_without_parts() == ["geonames:1"]
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_version_5_store_gets_report_columns(tmp_path):
    path = tmp_path / "s.sqlite"
    _current_store(path)
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE events DROP COLUMN report_count")
    db.execute("ALTER TABLE events DROP COLUMN report_quotes")
    db.execute("PRAGMA user_version = 5")
    db.commit()
    db.close()
    with Store(path) as migrated:
        (event,) = migrated.events()
        assert (event.event_id, event.report_count, event.report_quotes) == ("e1", 1, None)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_version_6_store_has_its_parts_made_again_in_chunks(tmp_path):
    path = tmp_path / "s.sqlite"
    _current_store(path)
    db = sqlite3.connect(path)
    for name in ("event", "place"):
        for change in ("added", "gone"):
            db.execute(f"DROP TRIGGER {name}_{change}")
    db.execute("DROP TABLE event_parts")
    db.execute("DROP TABLE place_parts")
    db.execute("DROP TABLE chunks")
    # the parts as schema 6 kept them, with no chunk
    db.execute(
        "CREATE TABLE event_parts (event_id TEXT PRIMARY KEY, feature TEXT, map_record TEXT)"
    )
    db.execute(
        "CREATE TABLE place_parts (place_id TEXT PRIMARY KEY, feature TEXT, map_record TEXT, area TEXT)"
    )
    db.execute("INSERT INTO event_parts VALUES ('e1', '{}', NULL)")
    db.execute("INSERT INTO place_parts VALUES ('geonames:1', '{}', NULL, NULL)")
    db.execute("INSERT INTO parts_made_by VALUES ('an older geomap')")
    db.execute("PRAGMA user_version = 6")
    db.commit()
    db.close()
    with Store(path) as migrated:
        assert migrated.parts_version() is None
        assert migrated.event_ids_without_parts() == ["e1"]
        assert migrated.places_without_parts() == ["geonames:1"]
        migrated.save_event_parts([("e1", "{}", None, "2022-11", None)])
        migrated.save_place_parts(["geonames:1"], [("geonames:1", "{}", None, None, "UA")])
        assert migrated.chunks("events") == {"2022-11": (1, 1)}
        assert migrated.chunks("places") == {"UA": (1, 2)}
        # a chunk's generation moves on when one of its parts goes
        migrated.save_place_parts(["geonames:1"], [])
        assert migrated.chunks("places") == {"UA": (0, 3)}


def test_version_7_store_counts_its_sides_and_makes_its_claims_again(tmp_path):
    from dataclasses import replace

    path = tmp_path / "s.sqlite"
    article, mentions, [event] = sample()
    acting = replace(event, actor1_side="UA", actor2_side="RU")
    expected = replace(event, event_id="e2", actor1_side="MD", certainty="expected")
    with Store(path) as store:
        store.save(
            article,
            mentions,
            [acting, expected],
            content_hash="h",
            pipeline_version="1",
            gazetteer_version="g",
        )
        assert store.sides() == ["MD", "RU", "UA"]
        assert store.sides(drawn=True) == ["RU", "UA"]  # an expected event is not drawn
    db = sqlite3.connect(path)
    # schema 7 had none of the tables and triggers of the layers
    for (trigger,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'events_row_%' "
        "OR name LIKE 'claim_%' OR name LIKE '%side%' OR name LIKE '%drawn%' "
        "OR name LIKE 'layer_part_%')"
    ).fetchall():
        db.execute(f"DROP TRIGGER {trigger}")
    for table in ("side_events", "claimed_articles", "layer_parts", "drawn_days", "part_counts"):
        db.execute(f"DROP TABLE {table}")
    db.execute("INSERT INTO parts_made_by VALUES ('an older geomap')")
    db.execute("PRAGMA user_version = 7")
    db.commit()
    db.close()
    with Store(path) as migrated:
        assert migrated.sides() == ["MD", "RU", "UA"]
        assert migrated.sides(drawn=True) == ["RU", "UA"]
        assert migrated.parts_version() is None  # every part made again
        assert migrated.articles_without_claims() == ["a1"]


def test_a_database_geomap_did_not_make_is_left_untouched(tmp_path):
    import hashlib
    import sqlite3

    from geomap.errors import StoreError

    foreign = tmp_path / "geomap.sqlite"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.execute("INSERT INTO notes VALUES ('keep me')")
    db.commit()
    db.close()
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="did not make"):
        Store(foreign)
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before
    assert not (tmp_path / "geomap.sqlite-wal").exists()
    # nor is a file that is no database at all
    other = tmp_path / "notes.sqlite"
    other.write_text("not a database, just text\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a geomap store"):
        Store(other)


def test_running_counts_and_digest_follow_every_save_and_replacement(tmp_path):
    from dataclasses import replace

    with Store(tmp_path / "s.sqlite") as store:
        digests = {store.digest()}
        article, mentions, events = sample()
        unresolved = replace(mentions[0], start=10, end=14, text="news", place=None)
        for kept in ([*mentions, unresolved], mentions, mentions):
            store.save(
                article, kept, events, content_hash="h", pipeline_version="1", gazetteer_version="g"
            )
            other = replace(article, id="a2")
            store.save(
                other,
                [replace(m, article_id="a2") for m in kept],
                [replace(e, event_id="e2", article_id="a2") for e in events],
                content_hash="h",
                pipeline_version="1",
                gazetteer_version="g",
            )
            # the running counts, and the counts of the articles named, agree
            assert store.counts() == store.counts({"a1", "a2"})
            digests.add(store.digest())
        assert store.counts() == (2, 2, 2)
        assert len(digests) == 4  # every save is seen


def test_version_8_store_learns_authors_and_what_its_articles_came_from(tmp_path):
    path = tmp_path / "s.sqlite"
    _current_store(path)
    with Store(path) as store:
        store.save(
            Article("j1", "In Testville.", path="/feeds/batch.JSONL"),
            [],
            [],
            content_hash="h",
            pipeline_version="1",
            gazetteer_version="g",
        )
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE articles DROP COLUMN author")
    db.execute("ALTER TABLE articles DROP COLUMN source_kind")
    db.execute("DROP TABLE feeds")
    db.execute("PRAGMA user_version = 8")
    db.commit()
    db.close()
    with Store(path) as migrated:
        kinds = {a.id: a.source_kind for a in migrated.articles()}
        assert kinds == {"a1": "text", "j1": "jsonl"}
        assert migrated.stats()["articles_by_source_kind"] == {"jsonl": 1, "text": 1}
        assert migrated.feed_state("https://example.org/feed.xml") is None
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_articles_keep_their_author_and_source_kind(tmp_path):
    article = Article("p1", "In Testville.", author="A. Writer", source_kind="html")
    with Store(tmp_path / "s.sqlite") as store:
        store.save(article, [], [], content_hash="h", pipeline_version="1", gazetteer_version="g")
        assert store.articles_by_id(["p1"])["p1"] == article
        assert store.stats()["articles_by_source_kind"] == {"html": 1}
