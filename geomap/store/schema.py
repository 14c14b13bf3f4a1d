"""The store's tables, indexes and triggers, in the SQL both back ends read.

Written in SQLite's dialect, kept to what PostgreSQL also understands once
:func:`geomap.store.postgis.translate` has rewritten the few differences (placeholders,
``INSERT OR IGNORE``, ``json_each``, triggers as functions): conflict clauses name their
target, subqueries in FROM have an alias, booleans stored as integers are cast, and the
column ``end`` is quoted.
"""

from __future__ import annotations

import re

from ..events import CROSSING_KINDS, UNDRAWN_CERTAINTY

SCHEMA_VERSION = 10

#: Tables every geomap store has: a database without them is someone else's.
OWN_TABLES = frozenset({"articles", "places", "mentions", "events"})

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    date TEXT,
    title TEXT,
    url TEXT,
    source TEXT,
    path TEXT,
    text TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    gazetteer_version TEXT NOT NULL,
    text_hash TEXT,
    recognizer TEXT NOT NULL DEFAULT 'gazetteer',
    author TEXT,
    source_kind TEXT,
    lang TEXT
);
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    geometry TEXT
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    literal INTEGER NOT NULL,
    score REAL NOT NULL,
    place_id TEXT REFERENCES places(id),
    lon REAL,
    lat REAL,
    alternatives TEXT NOT NULL DEFAULT '[]',
    role TEXT NOT NULL DEFAULT 'location',
    PRIMARY KEY (article_id, start, "end")
);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL,
    event_date TEXT,
    time_precision INTEGER NOT NULL,
    geo_precision INTEGER NOT NULL,
    certainty TEXT NOT NULL,
    actor1 TEXT,
    actor2 TEXT,
    place_id TEXT REFERENCES places(id),
    place_name_as_written TEXT,
    lon REAL,
    lat REAL,
    quote TEXT NOT NULL,
    quote_start INTEGER NOT NULL,
    quote_end INTEGER NOT NULL,
    source_url TEXT,
    sub_type TEXT,
    place_role TEXT NOT NULL DEFAULT 'at',
    actor1_side TEXT,
    actor2_side TEXT,
    quantity INTEGER,
    quantity_text TEXT,
    report_count INTEGER NOT NULL DEFAULT 1,
    report_quotes TEXT
);
CREATE TABLE IF NOT EXISTS control_claims (
    event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    place_id TEXT NOT NULL REFERENCES places(id),
    side TEXT NOT NULL,
    date TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    bank TEXT,
    PRIMARY KEY (event_id, place_id)
);
CREATE INDEX IF NOT EXISTS mentions_place ON mentions(place_id);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
"""

#: Indexes on every column a foreign key refers from, so that deleting an article (or
#: event) finds its dependent rows without scanning whole tables, on the events' order,
#: and on what parsed each article (an update asks which articles another version parsed:
#: read from the index, not from the articles' texts). Created when missing.
#:
#: ``mentions_by_place`` and ``articles_day`` hold, side by side, what the summary of a
#: place reads of its mentions and of the articles naming it (see
#: :meth:`Store.mentions` without alternatives and :meth:`Store.article_days`): in a large
#: store these are thousands of rows spread over the tables' pages, which a cold disk cache
#: read one page at a time (1.7 s and 1.4 s of an update at 200,000 articles).
INDEXES = """
CREATE INDEX IF NOT EXISTS mentions_by_place ON mentions(
    place_id, article_id, start, "end", text, literal, score, lon, lat, role
);
CREATE INDEX IF NOT EXISTS articles_day ON articles(id, date);
CREATE INDEX IF NOT EXISTS events_place ON events(place_id);
CREATE INDEX IF NOT EXISTS claims_article ON control_claims(article_id);
CREATE INDEX IF NOT EXISTS claims_place ON control_claims(place_id);
CREATE INDEX IF NOT EXISTS articles_date ON articles(date);
CREATE INDEX IF NOT EXISTS chunks_generation ON chunks(generation);
CREATE INDEX IF NOT EXISTS events_order ON events(
    (event_date IS NULL), event_date, article_id, quote_start, event_id
);
CREATE INDEX IF NOT EXISTS articles_parsed_by ON articles(
    pipeline_version, gazetteer_version, recognizer, id
)
"""


#: Schema 5: parts of the outputs made from each event and each place, kept so that
#: publishing after an update recomputes only what the update touched (see
#: :mod:`geomap.publish`). They are derived data, a cache beside the domain tables above:
#: triggers mark a place's parts stale when its mentions or its row change, an event's
#: parts go with the event, and all of them are dropped when another geomap version made
#: them. (The triggers test for an existing row instead of saying OR IGNORE: an outer
#: statement's conflict clause would override it.)
#: Schema 7: each part belongs to a chunk of the outputs (events by day, places by
#: country); ``chunks`` counts each chunk's parts and gives it a new generation whenever
#: a part comes or goes, so that publishing rewrites only the chunks that changed.
#: Generations only grow (the highest plus one), across dropped parts too.
PARTS = """
CREATE TABLE IF NOT EXISTS event_parts (
    event_id TEXT PRIMARY KEY REFERENCES events(event_id) ON DELETE CASCADE,
    feature TEXT NOT NULL,
    map_record TEXT,
    chunk TEXT NOT NULL,
    date TEXT
);
CREATE TABLE IF NOT EXISTS place_parts (
    place_id TEXT PRIMARY KEY,
    feature TEXT,
    map_record TEXT,
    area TEXT,
    chunk TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_parts_chunk ON event_parts(chunk);
CREATE INDEX IF NOT EXISTS place_parts_chunk ON place_parts(chunk, place_id);
CREATE TABLE IF NOT EXISTS chunks (
    layer TEXT NOT NULL,
    chunk TEXT NOT NULL,
    parts INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    PRIMARY KEY (layer, chunk)
);
CREATE TABLE IF NOT EXISTS stale_places (place_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS parts_made_by (version TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS mention_added AFTER INSERT ON mentions
WHEN NEW.place_id IS NOT NULL BEGIN
    INSERT INTO stale_places SELECT NEW.place_id
    WHERE NOT EXISTS (SELECT 1 FROM stale_places WHERE place_id = NEW.place_id);
END;
CREATE TRIGGER IF NOT EXISTS mention_removed AFTER DELETE ON mentions
WHEN OLD.place_id IS NOT NULL BEGIN
    INSERT INTO stale_places SELECT OLD.place_id
    WHERE NOT EXISTS (SELECT 1 FROM stale_places WHERE place_id = OLD.place_id);
END;
CREATE TRIGGER IF NOT EXISTS place_changed AFTER UPDATE ON places
WHEN OLD.name IS NOT NEW.name OR OLD.kind IS NOT NEW.kind OR OLD.country IS NOT NEW.country
    OR OLD.admin1 IS NOT NEW.admin1 OR OLD.lon IS NOT NEW.lon OR OLD.lat IS NOT NEW.lat
    OR OLD.geometry IS NOT NEW.geometry BEGIN
    INSERT INTO stale_places SELECT NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM stale_places WHERE place_id = NEW.id);
    DELETE FROM event_parts WHERE event_id IN (SELECT event_id FROM events WHERE place_id = NEW.id);
END;
""" + "".join(
    f"""
CREATE TRIGGER IF NOT EXISTS {table}_{change} AFTER {event} ON {table}_parts BEGIN
    UPDATE chunks SET parts = parts {sign} 1,
        generation = (SELECT max(generation) FROM chunks) + 1
    WHERE layer = '{table}s' AND chunk = {row}.chunk;
    INSERT INTO chunks SELECT '{table}s', {row}.chunk, {int(sign == "+")},
        (SELECT coalesce(max(generation), 0) + 1 FROM chunks)
    WHERE NOT EXISTS (SELECT 1 FROM chunks WHERE layer = '{table}s' AND chunk = {row}.chunk);
END;"""
    for table in ("event", "place")
    for change, event, sign, row in (
        ("added", "INSERT", "+", "NEW"),
        ("gone", "DELETE", "-", "OLD"),
    )
)


#: Schema 8: the front line and the bridges kept like the other layers, so that an update
#: recomputes the claims of the articles it brings and the features of the places they
#: touch (see :mod:`geomap.layers`). An article's claims depend on its own events and on
#: a context drawn from the whole corpus (every side named; each side's usual opponent,
#: counted in ``side_pairs`` from ``article_sides``; the named non-state forces near its
#: generic "rebels"): ``claimed_articles`` lists the articles whose claims are made,
#: ``claim_uses`` what of the context each took, ``side_changes`` the sides of events that
#: came or went since the claims were last made. Triggers mark the layer features a
#: changed claim or bridge report touches (``stale_layer_keys``); ``layer_parts`` holds
#: the features by key (``place:ID``, ``bank:ID``, ``contact:ID/ID``, ``event:ID``), in
#: chunks counted in ``chunks`` as the other parts are. (``article_side_gone`` fires before
#: the row goes: an article's sides deleted by one statement then see each other go in
#: both back ends, where PostgreSQL runs AFTER row triggers only at the statement's end.)
CROSSING_LIST = ", ".join(f"'{kind}'" for kind in sorted(CROSSING_KINDS))
UNDRAWN_LIST = ", ".join(f"'{certainty}'" for certainty in sorted(UNDRAWN_CERTAINTY))
#: Whether an event (a row of ``events``) is drawn on the map.
DRAWN = (
    "CAST(({row}.place_id IS NOT NULL AND {row}.certainty NOT IN ("
    + UNDRAWN_LIST
    + ")) AS INTEGER)"
)
LAYERS = """
CREATE TABLE IF NOT EXISTS claimed_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS article_sides (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    side TEXT NOT NULL,
    PRIMARY KEY (article_id, side)
);
CREATE TABLE IF NOT EXISTS side_pairs (
    side TEXT NOT NULL,
    other TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (side, other)
);
CREATE TABLE IF NOT EXISTS claim_uses (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    use TEXT NOT NULL,
    PRIMARY KEY (article_id, use)
);
CREATE INDEX IF NOT EXISTS claim_uses_use ON claim_uses(use);
CREATE TABLE IF NOT EXISTS claim_context (context TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS drawn_days (date TEXT PRIMARY KEY, events INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS part_counts (name TEXT PRIMARY KEY, parts INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS store_identity (token TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS unmade_events (
    event_id TEXT PRIMARY KEY REFERENCES events(event_id) ON DELETE CASCADE
);
CREATE TRIGGER IF NOT EXISTS event_to_make AFTER INSERT ON events
WHEN NEW.place_id IS NOT NULL BEGIN
    INSERT OR IGNORE INTO unmade_events VALUES (NEW.event_id);
END;
CREATE TRIGGER IF NOT EXISTS event_part_made AFTER INSERT ON event_parts BEGIN
    DELETE FROM unmade_events WHERE event_id = NEW.event_id;
END;
CREATE TRIGGER IF NOT EXISTS event_part_unmade AFTER DELETE ON event_parts BEGIN
    INSERT OR IGNORE INTO unmade_events SELECT OLD.event_id
    WHERE EXISTS (SELECT 1 FROM events WHERE event_id = OLD.event_id);
END;
CREATE TRIGGER IF NOT EXISTS article_counted AFTER INSERT ON articles BEGIN
    INSERT INTO part_counts VALUES ('article changes', 1)
    ON CONFLICT (name) DO UPDATE SET parts = part_counts.parts + 1;
END;
CREATE TRIGGER IF NOT EXISTS article_uncounted AFTER DELETE ON articles BEGIN
    INSERT INTO part_counts VALUES ('article changes', 1)
    ON CONFLICT (name) DO UPDATE SET parts = part_counts.parts + 1;
END;
CREATE TRIGGER IF NOT EXISTS undrawn_event_added AFTER INSERT ON event_parts
WHEN NEW.map_record IS NULL BEGIN
    INSERT INTO part_counts VALUES ('undrawn events', 1)
    ON CONFLICT (name) DO UPDATE SET parts = part_counts.parts + 1;
END;
CREATE TRIGGER IF NOT EXISTS undrawn_event_gone AFTER DELETE ON event_parts
WHEN OLD.map_record IS NULL BEGIN
    UPDATE part_counts SET parts = parts - 1 WHERE name = 'undrawn events';
END;
CREATE TABLE IF NOT EXISTS side_events (
    side TEXT NOT NULL,
    drawn INTEGER NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (side, drawn)
);
CREATE TRIGGER IF NOT EXISTS drawn_event_added AFTER INSERT ON event_parts
WHEN NEW.map_record IS NOT NULL AND NEW.date IS NOT NULL BEGIN
    INSERT INTO drawn_days VALUES (NEW.date, 1)
    ON CONFLICT (date) DO UPDATE SET events = drawn_days.events + 1;
END;
CREATE TRIGGER IF NOT EXISTS drawn_event_gone AFTER DELETE ON event_parts
WHEN OLD.map_record IS NOT NULL AND OLD.date IS NOT NULL BEGIN
    UPDATE drawn_days SET events = events - 1 WHERE date = OLD.date;
END;
CREATE TABLE IF NOT EXISTS side_changes (place_id TEXT, date TEXT, side TEXT);
CREATE TABLE IF NOT EXISTS layer_parts (
    layer TEXT NOT NULL,
    key TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    chunk TEXT NOT NULL,
    features TEXT NOT NULL,
    map_records TEXT NOT NULL,
    sides TEXT NOT NULL,
    PRIMARY KEY (layer, key)
);
CREATE INDEX IF NOT EXISTS layer_parts_chunk ON layer_parts(layer, chunk, sort_key);
CREATE TABLE IF NOT EXISTS stale_layer_keys (
    layer TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (layer, key)
);
CREATE INDEX IF NOT EXISTS claims_bank ON control_claims(bank);
CREATE INDEX IF NOT EXISTS events_named_side ON events(actor1_side, event_date);
CREATE INDEX IF NOT EXISTS events_actor_date ON events(actor1, event_date);
CREATE TRIGGER IF NOT EXISTS article_side_added AFTER INSERT ON article_sides BEGIN
    INSERT INTO side_pairs SELECT NEW.side, side, 1 FROM article_sides
    WHERE article_id = NEW.article_id AND side != NEW.side
    ON CONFLICT (side, other) DO UPDATE SET articles = side_pairs.articles + 1;
    INSERT INTO side_pairs SELECT side, NEW.side, 1 FROM article_sides
    WHERE article_id = NEW.article_id AND side != NEW.side
    ON CONFLICT (side, other) DO UPDATE SET articles = side_pairs.articles + 1;
END;
CREATE TRIGGER IF NOT EXISTS article_side_gone BEFORE DELETE ON article_sides BEGIN
    UPDATE side_pairs SET articles = articles - 1
    WHERE (side = OLD.side AND other IN
            (SELECT side FROM article_sides WHERE article_id = OLD.article_id))
        OR (other = OLD.side AND side IN
            (SELECT side FROM article_sides WHERE article_id = OLD.article_id));
END;
CREATE TRIGGER IF NOT EXISTS claim_added AFTER INSERT ON control_claims BEGIN
    INSERT OR IGNORE INTO stale_layer_keys VALUES ('frontline', 'place:' || NEW.place_id);
    INSERT OR IGNORE INTO stale_layer_keys SELECT 'frontline', 'bank:' || NEW.bank
    WHERE NEW.bank IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS claim_gone AFTER DELETE ON control_claims BEGIN
    INSERT OR IGNORE INTO stale_layer_keys VALUES ('frontline', 'place:' || OLD.place_id);
    INSERT OR IGNORE INTO stale_layer_keys SELECT 'frontline', 'bank:' || OLD.bank
    WHERE OLD.bank IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS layer_part_added AFTER INSERT ON layer_parts BEGIN
    UPDATE chunks SET parts = parts + 1,
        generation = (SELECT max(generation) FROM chunks) + 1
    WHERE layer = NEW.layer AND chunk = NEW.chunk;
    INSERT INTO chunks SELECT NEW.layer, NEW.chunk, 1,
        (SELECT coalesce(max(generation), 0) + 1 FROM chunks)
    WHERE NOT EXISTS (SELECT 1 FROM chunks WHERE layer = NEW.layer AND chunk = NEW.chunk);
END;
CREATE TRIGGER IF NOT EXISTS layer_part_gone AFTER DELETE ON layer_parts BEGIN
    UPDATE chunks SET parts = parts - 1,
        generation = (SELECT max(generation) FROM chunks) + 1
    WHERE layer = OLD.layer AND chunk = OLD.chunk;
END;
""" + "".join(
    f"""
CREATE TRIGGER IF NOT EXISTS events_row_{change} AFTER {verb} ON events BEGIN
    INSERT INTO side_changes SELECT {row}.place_id, {row}.event_date, {row}.actor1_side
    WHERE {row}.actor1_side IS NOT NULL AND {row}.event_date IS NOT NULL
        AND {row}.place_id IS NOT NULL;
    INSERT OR IGNORE INTO stale_layer_keys SELECT 'bridges', 'place:' || {row}.place_id
    WHERE (SELECT kind FROM places WHERE id = {row}.place_id) IN ({CROSSING_LIST});
    INSERT OR IGNORE INTO stale_layer_keys SELECT 'bridges', 'event:' || {row}.event_id
    WHERE {row}.event_type = 'bridge_destroyed' AND {row}.place_id IS NOT NULL;
    INSERT INTO side_events SELECT side, {DRAWN.format(row=row)}, {sign}count(*)
    FROM (SELECT {row}.actor1_side AS side UNION ALL SELECT {row}.actor2_side) AS named
    WHERE side IS NOT NULL GROUP BY side
    ON CONFLICT (side, drawn) DO UPDATE SET events = side_events.events + excluded.events;
    INSERT INTO part_counts VALUES ('events', {sign}1)
    ON CONFLICT (name) DO UPDATE SET parts = part_counts.parts {sign} 1;
END;
CREATE TRIGGER IF NOT EXISTS mention_{change}_counted AFTER {verb} ON mentions
WHEN {row}.role != 'demonym' BEGIN
    INSERT INTO part_counts SELECT name, {sign}1 FROM (SELECT 'mentions' AS name
        UNION ALL SELECT 'resolved mentions' WHERE {row}.place_id IS NOT NULL) AS counted
    WHERE true ON CONFLICT (name) DO UPDATE SET parts = part_counts.parts {sign} 1;
END;"""
    for change, verb, row, sign in (
        ("added", "INSERT", "NEW", "+"),
        ("gone", "DELETE", "OLD", "-"),
    )
)
#: The counts the triggers keep, as counted from the tables (for a store migrated to 8).
COUNTS = """
INSERT INTO part_counts SELECT 'mentions', count(*) FROM mentions WHERE role != 'demonym';
INSERT INTO part_counts SELECT 'resolved mentions', count(*) FROM mentions
WHERE role != 'demonym' AND place_id IS NOT NULL;
INSERT INTO part_counts SELECT 'events', count(*) FROM events;
INSERT INTO part_counts SELECT 'article changes', count(*) FROM articles
"""

EVENT_COLUMNS_3 = (
    "sub_type TEXT",
    "place_role TEXT NOT NULL DEFAULT 'at'",
    "actor1_side TEXT",
    "actor2_side TEXT",
    "quantity INTEGER",
    "quantity_text TEXT",
)
#: Schema 6: an event told in several sentences is one event with its reports.
EVENT_COLUMNS_6 = ("report_count INTEGER NOT NULL DEFAULT 1", "report_quotes TEXT")

#: Schema 9: articles say who wrote them and what kind of source they came from.
ARTICLE_COLUMNS_9 = ("author TEXT", "source_kind TEXT")
#: Schema 10: articles say what language they were read in (NULL before: English).
ARTICLE_COLUMNS_10 = ("lang TEXT",)
#: What a store's articles from before schema 9 were read from, told by their file.
SOURCE_KIND_9 = """
UPDATE articles SET source_kind = CASE
    WHEN lower(path) LIKE '%.jsonl' OR lower(path) LIKE '%.ndjson' THEN 'jsonl'
    WHEN path IS NOT NULL THEN 'text'
END WHERE source_kind IS NULL
"""
#: The feeds a store follows: what each answered last, for a polite conditional request
#: (ETag, Last-Modified) the next time (see geomap.sources.feeds). Made with schema 9.
FEEDS = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked TEXT NOT NULL
);
"""

#: Every table of a store, as made now.
TABLES = tuple(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", SCHEMA + PARTS + LAYERS + FEEDS))
