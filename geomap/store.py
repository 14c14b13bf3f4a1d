"""The store: one SQLite file holding articles and what the pipeline made of them.

Each article is saved in one transaction together with its mentions and events, replacing
what an earlier version of the same article produced, so an interrupted run leaves the
store as it was before or after an article. The schema is versioned (``PRAGMA
user_version``); newer versions migrate older stores forward, never the other way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .articles import text_hash
from .errors import StoreError
from .model import Article, Event, Mention, Place

if TYPE_CHECKING:
    from .frontline import ControlClaim

SCHEMA_VERSION = 4

_SCHEMA = """
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
    recognizer TEXT NOT NULL DEFAULT 'gazetteer'
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
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    literal INTEGER NOT NULL,
    score REAL NOT NULL,
    place_id TEXT REFERENCES places(id),
    lon REAL,
    lat REAL,
    alternatives TEXT NOT NULL DEFAULT '[]',
    role TEXT NOT NULL DEFAULT 'location',
    PRIMARY KEY (article_id, start, end)
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
    quantity_text TEXT
);
CREATE TABLE IF NOT EXISTS control_claims (
    event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    place_id TEXT NOT NULL REFERENCES places(id),
    side TEXT NOT NULL,
    date TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, place_id)
);
CREATE INDEX IF NOT EXISTS mentions_place ON mentions(place_id);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
"""

#: Indexes on every column a foreign key refers from, so that deleting an article (or
#: event) finds its dependent rows without scanning whole tables. Created when missing.
_INDEXES = """
CREATE INDEX IF NOT EXISTS events_place ON events(place_id);
CREATE INDEX IF NOT EXISTS claims_article ON control_claims(article_id);
CREATE INDEX IF NOT EXISTS claims_place ON control_claims(place_id)
"""


_EVENT_COLUMNS_3 = (
    "sub_type TEXT",
    "place_role TEXT NOT NULL DEFAULT 'at'",
    "actor1_side TEXT",
    "actor2_side TEXT",
    "quantity INTEGER",
    "quantity_text TEXT",
)


class Store:
    """An open store.

    Parameters
    ----------
    path : str or Path
        The SQLite file; created (with its folder) when missing.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = ON")
            # Write-ahead logging: a commit per article costs little, readers never block
            # the writer, and a killed process still leaves whole transactions only.
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from None
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema {version} is newer than this geomap knows "
                f"({SCHEMA_VERSION}); upgrade geomap"
            )
        if version < SCHEMA_VERSION:
            self._migrate(version)
        for statement in _INDEXES.strip().split(";"):
            self._db.execute(statement)

    def _migrate(self, version: int) -> None:
        with self._transaction():
            if version < 1:
                # executescript() would commit; run the statements inside this transaction.
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    self._db.execute(statement)
            elif version < 2:
                # 2: mentions say how the name is used; older rows were all place names.
                self._db.execute(
                    "ALTER TABLE mentions ADD COLUMN role TEXT NOT NULL DEFAULT 'location'"
                )
                self._db.execute("UPDATE mentions SET role = 'metonym' WHERE literal = 0")
            if 1 <= version < 3:
                # 3: events say how they involve their place, which side acts, how many
                for column in _EVENT_COLUMNS_3:
                    self._db.execute(f"ALTER TABLE events ADD COLUMN {column}")
            if 1 <= version < 4:
                self._migrate_to_4()
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _migrate_to_4(self) -> None:
        """4: articles keep a hash of their text alone (is it new or changed?) and their
        recogniser (was it parsed as asked?); control claims get a table."""
        db = self._db
        db.execute("ALTER TABLE articles ADD COLUMN text_hash TEXT")
        db.execute("ALTER TABLE articles ADD COLUMN recognizer TEXT NOT NULL DEFAULT 'gazetteer'")
        for statement in filter(str.strip, _SCHEMA.split(";")):
            if "control_claims" in statement or "articles_path" in statement:
                db.execute(statement)
        hashes = [(text_hash(article), article.id) for article in self.articles()]
        db.executemany("UPDATE articles SET text_hash = ? WHERE id = ?", hashes)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def updating(self, wait: bool = False) -> Iterator[None]:
        """Hold the store's update lock while updating, so two processes never interleave
        their updates: the second fails at once with a clear message, or with ``wait``
        queues behind the first. (An advisory ``flock`` on the store file, independent of
        SQLite's own locks and released by the system if the process dies.)"""
        handle = open(self.path, "rb")  # noqa: SIM115 (held until the block ends)
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise StoreError(
                    f"{self.path} is being updated by another geomap process; wait for it "
                    "to finish (or pass --wait to queue behind it)"
                ) from None
            yield
        finally:
            handle.close()  # releases the lock

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def article_hash(self, article_id: str) -> str | None:
        """The content hash stored for ``article_id``, or ``None`` when it is not stored."""
        row = self._db.execute("SELECT hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def save(
        self,
        article: Article,
        mentions: Sequence[Mention],
        events: Sequence[Event],
        *,
        content_hash: str,
        pipeline_version: str,
        gazetteer_version: str,
        recognizer: str = "gazetteer",
        replaces: Sequence[str] = (),
    ) -> None:
        """Store ``article`` with its mentions and events, replacing its earlier results
        and the articles ``replaces`` names (an edited file's earlier version), in one
        transaction."""
        with self._transaction():
            db = self._db
            db.executemany(
                "DELETE FROM articles WHERE id = ?", [(i,) for i in {article.id, *replaces}]
            )
            db.execute(
                "INSERT INTO articles (id, hash, date, title, url, source, path, text, "
                "pipeline_version, gazetteer_version, text_hash, recognizer) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id,
                    content_hash,
                    article.date.isoformat() if article.date else None,
                    article.title,
                    article.url,
                    article.source,
                    article.path,
                    article.text,
                    pipeline_version,
                    gazetteer_version,
                    text_hash(article),
                    recognizer,
                ),
            )
            places = {m.place.id: m.place for m in mentions if m.place}
            places.update({e.place.id: e.place for e in events if e.place})
            db.executemany(
                # An upsert, not REPLACE: replacing would delete the row first and make
                # SQLite check every mention and event that refers to the place.
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "name = excluded.name, kind = excluded.kind, country = excluded.country, "
                "admin1 = excluded.admin1, population = excluded.population, "
                "lon = excluded.lon, lat = excluded.lat, geometry = excluded.geometry",
                (_place_row(p) for p in places.values()),
            )
            db.executemany(
                "INSERT OR REPLACE INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (
                        m.article_id,
                        m.start,
                        m.end,
                        m.text,
                        int(m.literal),
                        m.score,
                        m.place.id if m.place else None,
                        m.place.lon if m.place else None,
                        m.place.lat if m.place else None,
                        json.dumps([list(a) for a in m.alternatives]),
                        m.role,
                    )
                    for m in mentions
                ),
            )
            db.executemany(
                "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (
                        e.event_id,
                        e.article_id,
                        e.event_type,
                        e.event_date.isoformat() if e.event_date else None,
                        e.time_precision,
                        e.geo_precision,
                        e.certainty,
                        e.actor1,
                        e.actor2,
                        e.place.id if e.place else None,
                        e.place_name_as_written,
                        e.place.lon if e.place else None,
                        e.place.lat if e.place else None,
                        e.quote,
                        e.quote_start,
                        e.quote_end,
                        e.source_url,
                        e.sub_type,
                        e.place_role,
                        e.actor1_side,
                        e.actor2_side,
                        e.quantity,
                        e.quantity_text,
                    )
                    for e in events
                ),
            )

    def text_hashes(self) -> dict[str, tuple[str | None, str | None]]:
        """Per stored article id, its text hash and its path (one query for all)."""
        rows = self._db.execute("SELECT id, text_hash, path FROM articles")
        return {article_id: (digest, path) for article_id, digest, path in rows}

    def content_hashes(self) -> dict[str, str]:
        """Per stored article id, the hash of what parsed it (see ``pipeline.content_hash``)."""
        return dict(self._db.execute("SELECT id, hash FROM articles"))

    def article_paths(self) -> dict[str, str | None]:
        """Per stored article id, the file it was read from."""
        return dict(self._db.execute("SELECT id, path FROM articles"))

    def stale(self, pipeline_version: str, gazetteer_version: str, recognizer: str) -> list[str]:
        """Ids of the articles parsed by another pipeline, gazetteer or recogniser."""
        rows = self._db.execute(
            "SELECT id FROM articles WHERE pipeline_version != ? OR gazetteer_version != ? "
            "OR recognizer != ? ORDER BY id",
            (pipeline_version, gazetteer_version, recognizer),
        )
        return [row[0] for row in rows]

    def article(self, article_id: str) -> Article | None:
        """The stored article ``article_id``, or ``None``."""
        return next(self._articles("WHERE id = ?", (article_id,)), None)

    def replace_claims(self, claims: Sequence[ControlClaim]) -> None:
        """Store the control claims the stored events make (they are derived from all of
        them, so they are replaced as a whole)."""
        with self._transaction():
            self._db.execute("DELETE FROM control_claims")
            self._db.executemany(
                "INSERT OR REPLACE INTO control_claims VALUES (?,?,?,?,?)",
                (
                    (c.event.event_id, c.place.id, c.side, c.date.isoformat(), c.event.article_id)
                    for c in claims
                ),
            )

    def claims(self) -> list[tuple[str, str, str, str]]:
        """Stored control claims as ``(date, place_id, side, event_id)``, by date."""
        rows = self._db.execute(
            "SELECT date, place_id, side, event_id FROM control_claims "
            "ORDER BY date, place_id, event_id"
        )
        return [tuple(row) for row in rows]

    def digest(self, article_ids: Collection[str] | None = None) -> str:
        """A SHA-256 of the stored articles' ids and content hashes (all, or ``article_ids``):
        it changes whenever an article is added, removed or parsed differently."""
        digest = hashlib.sha256()
        for article_id, content in self._db.execute("SELECT id, hash FROM articles ORDER BY id"):
            if article_ids is None or article_id in article_ids:
                digest.update(f"{article_id}\x1f{content}\n".encode())
        return digest.hexdigest()

    def counts(self, article_ids: Collection[str] | None = None) -> tuple[int, int, int]:
        """``(place mentions, resolved mentions, events)`` of all articles or of
        ``article_ids``."""
        where, parameters = "", ()
        if article_ids is not None:
            where = "AND article_id IN (SELECT value FROM json_each(?))"
            parameters = (json.dumps(sorted(article_ids)),)
        mentions, resolved = self._db.execute(
            "SELECT COUNT(*), COUNT(place_id) FROM mentions WHERE role != 'demonym' " + where,
            parameters,
        ).fetchone()
        events = self._db.execute(
            "SELECT COUNT(*) FROM events WHERE 1 " + where, parameters
        ).fetchone()[0]
        return mentions, resolved, events

    def stats(self) -> dict[str, Any]:
        """A summary of what the store holds (see ``geomap stats``)."""
        db = self._db

        def one(sql: str) -> Any:
            return db.execute(sql).fetchone()[0]

        first, last = db.execute("SELECT MIN(date), MAX(date) FROM articles").fetchone()
        names = "FROM mentions WHERE role != 'demonym'"
        return {
            "store": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "schema_version": SCHEMA_VERSION,
            "articles": one("SELECT COUNT(*) FROM articles"),
            "undated_articles": one("SELECT COUNT(*) FROM articles WHERE date IS NULL"),
            "first_date": first,
            "last_date": last,
            "mentions": one(f"SELECT COUNT(*) {names}"),
            "resolved": one(f"SELECT COUNT(*) {names} AND place_id IS NOT NULL"),
            "unresolved": one(f"SELECT COUNT(*) {names} AND place_id IS NULL"),
            "unresolved_names": one(f"SELECT COUNT(DISTINCT text) {names} AND place_id IS NULL"),
            "places": one(f"SELECT COUNT(DISTINCT place_id) {names}"),
            "events": one("SELECT COUNT(*) FROM events"),
            "events_by_type": dict(
                db.execute(
                    "SELECT event_type, COUNT(*) FROM events GROUP BY event_type "
                    "ORDER BY COUNT(*) DESC, event_type"
                )
            ),
            "events_by_certainty": dict(
                db.execute(
                    "SELECT certainty, COUNT(*) FROM events GROUP BY certainty ORDER BY certainty"
                )
            ),
            "events_by_date": dict(
                db.execute(
                    "SELECT COALESCE(event_date, 'undated'), COUNT(*) FROM events "
                    "GROUP BY event_date ORDER BY event_date IS NULL, event_date"
                )
            ),
            "control_claims": one("SELECT COUNT(*) FROM control_claims"),
            "parsed_by": [
                {"pipeline": p, "gazetteer": g, "recognizer": r, "articles": n}
                for p, g, r, n in db.execute(
                    "SELECT pipeline_version, gazetteer_version, recognizer, COUNT(*) "
                    "FROM articles GROUP BY 1, 2, 3 ORDER BY 4 DESC"
                )
            ],
        }

    def unresolved(self, limit: int | None = None) -> list[tuple[str, int, int]]:
        """Names found that resolved to no place: ``(name, mentions, articles)``, most
        frequent first (what to add to the gazetteer)."""
        rows = self._db.execute(
            "SELECT text, COUNT(*), COUNT(DISTINCT article_id) FROM mentions "
            "WHERE place_id IS NULL AND role != 'demonym' GROUP BY text "
            "ORDER BY COUNT(*) DESC, text LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [(name, count, articles) for name, count, articles in rows]

    def articles(self) -> Iterator[Article]:
        """Stored articles, ordered by date then id."""
        return self._articles("ORDER BY date IS NULL, date, id")

    def _articles(self, clause: str, parameters: Sequence[Any] = ()) -> Iterator[Article]:
        rows = self._db.execute(
            f"SELECT id, text, date, title, url, source, path FROM articles {clause}", parameters
        )
        for article_id, text, date, title, url, source, path in rows:
            yield Article(
                id=article_id,
                text=text,
                date=dt.date.fromisoformat(date) if date else None,
                title=title,
                url=url,
                source=source,
                path=path,
            )

    def _places(self) -> dict[str, Place]:
        rows = self._db.execute(
            "SELECT id, name, kind, country, admin1, population, lon, lat, geometry FROM places"
        )
        return {row[0]: _place_from_row(row) for row in rows}

    def mentions(self) -> list[Mention]:
        """Stored mentions, ordered by article and offset."""
        places = self._places()
        rows = self._db.execute(
            "SELECT article_id, start, end, text, literal, score, place_id, lon, lat, "
            "alternatives, role FROM mentions ORDER BY article_id, start, end"
        )
        return [
            Mention(
                article_id=article_id,
                start=start,
                end=end,
                text=text,
                place=_at(places.get(place_id), lon, lat),
                score=score,
                literal=bool(literal),
                alternatives=tuple((a, s) for a, s in json.loads(alternatives)),
                role=role,
            )
            for (
                article_id,
                start,
                end,
                text,
                literal,
                score,
                place_id,
                lon,
                lat,
                alternatives,
                role,
            ) in rows
        ]

    def events(self) -> list[Event]:
        """Stored events, ordered by date, article and position."""
        places = self._places()
        rows = self._db.execute(
            "SELECT event_id, event_type, article_id, quote, quote_start, quote_end, place_id, "
            "lon, lat, place_name_as_written, event_date, time_precision, geo_precision, "
            "certainty, actor1, actor2, source_url, sub_type, place_role, actor1_side, actor2_side, "
            "quantity, quantity_text FROM events "
            "ORDER BY event_date IS NULL, event_date, article_id, quote_start, event_id"
        )
        events = []
        for row in rows:
            (
                event_id,
                event_type,
                article_id,
                quote,
                qs,
                qe,
                place_id,
                lon,
                lat,
                written,
                date,
                time_precision,
                geo_precision,
                certainty,
                actor1,
                actor2,
                url,
                sub_type,
                place_role,
                actor1_side,
                actor2_side,
                quantity,
                quantity_text,
            ) = row
            events.append(
                Event(
                    event_id=event_id,
                    event_type=event_type,
                    article_id=article_id,
                    quote=quote,
                    quote_start=qs,
                    quote_end=qe,
                    place=_at(places.get(place_id), lon, lat),
                    place_name_as_written=written,
                    event_date=dt.date.fromisoformat(date) if date else None,
                    time_precision=time_precision,
                    geo_precision=geo_precision,
                    certainty=certainty,
                    actor1=actor1,
                    actor2=actor2,
                    source_url=url,
                    sub_type=sub_type,
                    place_role=place_role,
                    actor1_side=actor1_side,
                    actor2_side=actor2_side,
                    quantity=quantity,
                    quantity_text=quantity_text,
                )
            )
        return events


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any exception."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> sqlite3.Connection:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the store is busy or locked ({exc})") from None
        return self._db

    def __exit__(self, exc_type: type[BaseException] | None, *rest: Any) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")


def _place_row(place: Place) -> tuple[Any, ...]:
    geometry = json.dumps(place.geometry, separators=(",", ":")) if place.geometry else None
    return (
        place.id,
        place.name,
        place.kind,
        place.country,
        place.admin1,
        place.population,
        place.lon,
        place.lat,
        geometry,
    )


def _place_from_row(row: tuple[Any, ...]) -> Place:
    place_id, name, kind, country, admin1, population, lon, lat, geometry = row
    return Place(
        place_id,
        name,
        kind,
        lon,
        lat,
        country,
        admin1,
        population,
        json.loads(geometry) if geometry else None,
    )


def _at(place: Place | None, lon: float | None, lat: float | None) -> Place | None:
    """``place`` at the point this mention or event was given (a river's nearest point)."""
    if place is None or lon is None or lat is None or (place.lon, place.lat) == (lon, lat):
        return place
    return replace(place, lon=lon, lat=lat)
