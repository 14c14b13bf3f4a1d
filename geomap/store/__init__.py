"""The store: one SQLite file (or a PostgreSQL database with PostGIS, see
:mod:`geomap.store.postgis`) holding articles and what the pipeline made of them.

Each article is saved in one transaction together with its mentions and events, replacing
what an earlier version of the same article produced, so an interrupted run leaves the
store as it was before or after an article. The schema is versioned (``PRAGMA
user_version``, or the table ``geomap_schema`` in PostgreSQL); newer versions migrate
older stores forward, never the other way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..articles import text_hash
from ..errors import StoreError
from ..events import CROSSING_KINDS
from ..model import Article, ArticleHeading, Event, Mention, Place
from . import postgis
from .schema import (
    ARTICLE_COLUMNS_9,
    ARTICLE_COLUMNS_10,
    COUNTS,
    DRAWN,
    EVENT_COLUMNS_3,
    EVENT_COLUMNS_6,
    FEEDS,
    INDEXES,
    LAYERS,
    OWN_TABLES,
    PARTS,
    SCHEMA,
    SCHEMA_VERSION,
    SOURCE_KIND_9,
    TABLES,
)


class Store:
    """An open store.

    Parameters
    ----------
    location : str or Path
        The SQLite file, created (with its folder) when missing; or the URL of a
        PostgreSQL database with PostGIS (``postgresql://USER@HOST/DB``), where the store's
        tables are created when missing (unless ``create`` is false: then a database
        without a store is an error).
    """

    def __init__(self, location: str | Path, *, create: bool = True) -> None:
        #: the SQLite file (``None`` for a database)
        self.path: Path | None = None
        #: where the store is, as messages show it (a URL without its password)
        self.location = str(location)
        self._pg: postgis.Connection | None = None
        # sqlite3.Connection, or the PostgreSQL connection that takes the same SQL
        self._db: Any
        if postgis.is_url(location):
            self._open_postgres(str(location), create)
        else:
            self._open_sqlite(Path(location))

    def _open_postgres(self, url: str, create: bool) -> None:
        self._pg = self._db = postgis.Connection(url)
        self.location = self._pg.location
        try:
            version, tables = self._pg.version(), self._pg.tables()
            if (version == 0 and tables & OWN_TABLES) or (version > 0 and not tables >= OWN_TABLES):
                raise StoreError(
                    f"{self.location}: tables that geomap did not make "
                    f"({', '.join(sorted(tables & OWN_TABLES))}); geomap leaves them untouched: "
                    "choose another database, or a schema of its own (add "
                    "?options=-csearch_path%3DSCHEMA,public to the URL)"
                )
            if version == 0 and not create:
                raise StoreError(
                    f"no geomap store in {self.location}; make one with "
                    f"'geomap update SOURCES --store {self.location} --out DIR'"
                )
            # indexes added since the store was made (SQLite's are made on every open)
            missing = set(re.findall(r"CREATE INDEX IF NOT EXISTS (\w+)", INDEXES))
            missing -= self._pg.indexes()
            if version != SCHEMA_VERSION or missing:
                # one client creates or migrates it; another opening it meanwhile waits,
                # then finds it made (an update in progress does not hold this lock)
                self._pg.lock(wait=True, which=postgis.SCHEMA_LOCK)
                try:
                    self._check_version(self._pg.version())
                finally:
                    self._pg.unlock(postgis.SCHEMA_LOCK)
        except BaseException:
            self.close()
            raise

    def _open_sqlite(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                row[0]
                for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: not a geomap store ({exc}); choose another --store or --out"
            ) from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc.strerror})") from None
        if (version == 0 and tables) or (version > 0 and not tables >= OWN_TABLES):
            self._db.close()
            raise StoreError(
                f"{self.path}: a SQLite database that geomap did not make (tables: "
                f"{', '.join(sorted(tables)[:5]) or 'none'}); geomap leaves it untouched: "
                "choose another --store or --out"
            )
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            # Write-ahead logging: a commit per article costs little, readers never block
            # the writer, and a killed process still leaves whole transactions only.
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from None
        self._check_version(version)

    def _check_version(self, version: int) -> None:
        """Migrate a store of an older schema; create the indexes it lacks."""
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.location}: store schema {version} is newer than this geomap knows "
                f"({SCHEMA_VERSION}); upgrade geomap"
            )
        if version < SCHEMA_VERSION:
            self._migrate(version)
        for statement in INDEXES.strip().split(";"):
            self._db.execute(statement)

    def _create(self, script: str) -> None:
        """Run the statements of ``script`` inside the caller's transaction (executescript()
        would commit), each ending where SQLite says it is complete (triggers hold ";")."""
        statement = ""
        for line in script.strip().splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                self._db.execute(statement)
                statement = ""
        if statement.strip():
            self._db.execute(statement)

    def _migrate(self, version: int) -> None:
        with self._transaction():
            if version < 1:
                self._create(SCHEMA)
            elif version < 2:
                # 2: mentions say how the name is used; older rows were all place names.
                self._db.execute(
                    "ALTER TABLE mentions ADD COLUMN role TEXT NOT NULL DEFAULT 'location'"
                )
                self._db.execute("UPDATE mentions SET role = 'metonym' WHERE literal = 0")
            if 1 <= version < 9:
                # 9: articles say who wrote them and what they were read from (first:
                # the steps below read articles)
                self._add_columns("articles", ARTICLE_COLUMNS_9)
                self._db.execute(SOURCE_KIND_9)
            if 1 <= version < 10:
                # 10: articles say their language
                self._add_columns("articles", ARTICLE_COLUMNS_10)
            if 1 <= version < 3:
                # 3: events say how they involve their place, which side acts, how many
                for column in EVENT_COLUMNS_3:
                    self._db.execute(f"ALTER TABLE events ADD COLUMN {column}")
            if 1 <= version < 4:
                self._migrate_to_4()
            if 1 <= version < 6:
                self._add_columns("events", EVENT_COLUMNS_6)
            if 5 <= version < 7:
                # 7: parts belong to chunks; they are derived, so made again, not converted
                for table in ("event_parts", "place_parts", "parts_made_by"):
                    self._db.execute(f"DROP TABLE {table}")
            # 5: the parts of the outputs (nothing to convert: they are made when needed)
            self._create(PARTS)
            if 4 <= version < 8:
                # 8: claims say which bank they fall in, event parts their date; made
                # again with the layers' parts
                self._add_columns("control_claims", ("bank TEXT",))
                self._db.execute("DELETE FROM control_claims")
                self._add_columns("event_parts", ("date TEXT",))
                self._db.execute("DELETE FROM parts_made_by")
            self._create(LAYERS)
            self._create(FEEDS)
            if self._db.execute("SELECT count(*) FROM store_identity").fetchone()[0] == 0:
                # tells this store's outputs from another's (see digest)
                self._db.execute("INSERT INTO store_identity VALUES (?)", (os.urandom(16).hex(),))
            if 1 <= version < 8:
                for table in ("side_events", "part_counts"):
                    self._db.execute(f"DELETE FROM {table}")
                for statement in COUNTS.strip().split(";"):
                    self._db.execute(statement)
                self._db.execute(
                    "INSERT INTO side_events SELECT side, drawn, count(*) FROM ("
                    f"SELECT actor1_side AS side, {DRAWN.format(row='events')} AS drawn "
                    f"FROM events UNION ALL SELECT actor2_side, {DRAWN.format(row='events')} "
                    "FROM events) AS named WHERE side IS NOT NULL GROUP BY side, drawn"
                )
            if self._pg is not None:
                self._pg.add_geometry()
                self._pg.set_version(SCHEMA_VERSION)
            else:
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _add_columns(self, table: str, columns: Sequence[str]) -> None:
        """Add the ``columns`` (``"name TYPE ..."``) that ``table`` lacks."""
        if self._pg is not None:
            have = self._pg.columns(table)
        else:
            have = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
        for column in columns:
            if column.split()[0] not in have:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")

    def _migrate_to_4(self) -> None:
        """4: articles keep a hash of their text alone (is it new or changed?) and their
        recogniser (was it parsed as asked?); control claims get a table."""
        db = self._db
        db.execute("ALTER TABLE articles ADD COLUMN text_hash TEXT")
        db.execute("ALTER TABLE articles ADD COLUMN recognizer TEXT NOT NULL DEFAULT 'gazetteer'")
        for statement in filter(str.strip, SCHEMA.split(";")):
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
        SQLite's own locks and released by the system if the process dies; in PostgreSQL
        an advisory lock of the session, released if the connection goes.)"""
        busy = StoreError(
            f"{self.location} is being updated by another geomap process; wait for it "
            "to finish (or pass --wait to queue behind it)"
        )
        if self._pg is not None:
            if not self._pg.lock(wait):
                raise busy
            try:
                yield
            finally:
                self._pg.unlock()
            return
        handle = open(str(self.path), "rb")  # noqa: SIM115 (held until the block ends)
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise busy from None
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
                "pipeline_version, gazetteer_version, text_hash, recognizer, author, "
                "source_kind, lang) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                    article.author,
                    article.source_kind,
                    article.lang,
                ),
            )
            places = {m.place.id: m.place for m in mentions if m.place}
            places.update({e.place.id: e.place for e in events if e.place})
            # the last of a repeated key wins, as a replacing insert would have it
            mentions = list({(m.start, m.end): m for m in mentions}.values())
            events = list({e.event_id: e for e in events}.values())
            db.executemany(
                # An upsert, not REPLACE: replacing would delete the row first and make
                # SQLite check every mention and event that refers to the place.
                f"INSERT INTO places ({_PLACE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET "
                "name = excluded.name, kind = excluded.kind, country = excluded.country, "
                "admin1 = excluded.admin1, population = excluded.population, "
                "lon = excluded.lon, lat = excluded.lat, geometry = excluded.geometry",
                (_place_row(p) for p in places.values()),
            )
            db.executemany(
                f"INSERT INTO mentions ({_MENTION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
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
                f"INSERT INTO events ({_EVENT_COLUMNS}) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                        e.report_count,
                        e.report_quotes,
                    )
                    for e in events
                ),
            )

    def text_hashes(
        self, article_ids: Collection[str] | None = None
    ) -> dict[str, tuple[str | None, str | None]]:
        """Per stored article id (all, or those of ``article_ids`` that are stored), its
        text hash and its path."""
        where, parameters = "", ()
        if article_ids is not None:
            where = "WHERE id IN (SELECT value FROM json_each(?))"
            parameters = (json.dumps(list(article_ids)),)
        rows = self._db.execute(f"SELECT id, text_hash, path FROM articles {where}", parameters)
        return {article_id: (digest, path) for article_id, digest, path in rows}

    def text_lengths(self, article_ids: Collection[str]) -> dict[str, tuple[str | None, int]]:
        """Per stored article of ``article_ids``: the kind of source it was read from and
        the length of its text (which of two accounts of one story is the fuller)."""
        rows = self._db.execute(
            "SELECT id, source_kind, length(text) FROM articles "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(article_ids)),),
        )
        return {article_id: (kind, length) for article_id, kind, length in rows}

    def content_hashes(self) -> dict[str, str]:
        """Per stored article id, the hash of what parsed it (see ``pipeline.content_hash``)."""
        return dict(self._db.execute("SELECT id, hash FROM articles"))

    def article_count(self) -> int:
        """How many articles the store holds."""
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article_paths(self) -> dict[str, str | None]:
        """Per stored article id, the file it was read from."""
        return dict(self._db.execute("SELECT id, path FROM articles"))

    def stale(self, pipeline_version: str, gazetteer_version: str, recognizer: str) -> list[str]:
        """Ids of the articles parsed by another pipeline, gazetteer or recogniser."""
        # (sorted here: SQLite then reads the index on what parsed them, not the articles)
        rows = self._db.execute(
            "SELECT id FROM articles WHERE NOT (pipeline_version = ? AND "
            "gazetteer_version = ? AND recognizer = ?)",
            (pipeline_version, gazetteer_version, recognizer),
        )
        return sorted(row[0] for row in rows)

    def article(self, article_id: str) -> Article | None:
        """The stored article ``article_id``, or ``None``."""
        return next(self._articles("WHERE id = ?", (article_id,)), None)

    def claims(self) -> list[tuple[str, str, str, str]]:
        """Stored control claims as ``(date, place_id, side, event_id)``, by date."""
        rows = self._db.execute(
            "SELECT date, place_id, side, event_id FROM control_claims "
            "ORDER BY date, place_id, event_id"
        )
        return [tuple(row) for row in rows]

    def feed_state(self, url: str) -> tuple[str | None, str | None] | None:
        """What the feed at ``url`` answered last: its ``(ETag, Last-Modified)`` (for a
        conditional request), or ``None`` when it was never read into this store."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def save_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember what the feed at ``url`` answered (see :meth:`feed_state`)."""
        checked = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self._transaction():
            self._db.execute(
                "INSERT INTO feeds (url, etag, last_modified, checked) VALUES (?,?,?,?) "
                "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, checked = excluded.checked",
                (url, etag, last_modified, checked),
            )

    def digest(self, article_ids: Collection[str] | None = None) -> str:
        """A SHA-256 that changes whenever an article is added, removed or parsed again:
        of the store's identity and how many times articles came or went (all), or of the
        ids and content hashes of ``article_ids``."""
        digest = hashlib.sha256()
        if article_ids is None:
            token = self._db.execute("SELECT token FROM store_identity").fetchone()[0]
            digest.update(f"{token}\x1f{self._count('article changes')}".encode())
            return digest.hexdigest()
        for article_id, content in self._db.execute("SELECT id, hash FROM articles ORDER BY id"):
            if article_id in article_ids:
                digest.update(f"{article_id}\x1f{content}\n".encode())
        return digest.hexdigest()

    def _count(self, name: str) -> int:
        row = self._db.execute("SELECT parts FROM part_counts WHERE name = ?", (name,)).fetchone()
        return row[0] if row else 0

    def counts(self, article_ids: Collection[str] | None = None) -> tuple[int, int, int]:
        """``(place mentions, resolved mentions, events)`` of all articles or of
        ``article_ids``."""
        if article_ids is None:
            return tuple(self._count(n) for n in ("mentions", "resolved mentions", "events"))
        where, parameters = "", ()
        if article_ids is not None:
            where = "AND article_id IN (SELECT value FROM json_each(?))"
            parameters = (json.dumps(sorted(article_ids)),)
        mentions, resolved = self._db.execute(
            "SELECT COUNT(*), COUNT(place_id) FROM mentions WHERE role != 'demonym' " + where,
            parameters,
        ).fetchone()
        events = self._db.execute(
            "SELECT COUNT(*) FROM events WHERE true " + where, parameters
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
            "store": self.location,
            "size_bytes": (
                self._pg.size(TABLES) if self._pg else Path(self.location).stat().st_size
            ),
            "schema_version": SCHEMA_VERSION,
            "articles": one("SELECT COUNT(*) FROM articles"),
            "undated_articles": one("SELECT COUNT(*) FROM articles WHERE date IS NULL"),
            "articles_by_source_kind": dict(
                db.execute(
                    "SELECT COALESCE(source_kind, 'unknown') AS kind, COUNT(*) FROM articles "
                    "GROUP BY kind ORDER BY COUNT(*) DESC, kind"
                )
            ),
            "articles_by_language": dict(
                db.execute(
                    "SELECT COALESCE(lang, 'unknown') AS language, COUNT(*) FROM articles "
                    "GROUP BY language ORDER BY COUNT(*) DESC, language"
                )
            ),
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
                    "FROM articles GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3"
                )
            ],
        }

    def unresolved(self, limit: int | None = None) -> list[tuple[str, int, int]]:
        """Names found that resolved to no place: ``(name, mentions, articles)``, most
        frequent first (what to add to the gazetteer)."""
        rows = self._db.execute(
            "SELECT text, COUNT(*), COUNT(DISTINCT article_id) FROM mentions "
            "WHERE place_id IS NULL AND role != 'demonym' GROUP BY text "
            "ORDER BY COUNT(*) DESC, text" + ("" if limit is None else " LIMIT ?"),
            () if limit is None else (limit,),
        )
        return [(name, count, articles) for name, count, articles in rows]

    def articles(self, *, with_text: bool = True) -> Iterator[Article]:
        """Stored articles, ordered by date then id (their text empty unless ``with_text``)."""
        return self._articles("ORDER BY date IS NULL, date, id", with_text=with_text)

    def articles_by_id(
        self, article_ids: Collection[str], *, with_text: bool = True
    ) -> dict[str, Article]:
        """The stored articles among ``article_ids``, by id (their text empty unless
        ``with_text``)."""
        found = self._articles(*_where(id=article_ids), with_text=with_text)
        return {article.id: article for article in found}

    def article_headings(self, article_ids: Collection[str]) -> dict[str, ArticleHeading]:
        """The headings of the stored articles among ``article_ids``, by id."""
        where, parameters = _where(id=article_ids)
        rows = self._db.execute(
            f"SELECT id, date, title, url, path FROM articles {where}", parameters
        )
        return {row[0]: ArticleHeading._make(row) for row in rows}

    def article_days(self, article_ids: Collection[str]) -> dict[str, str | None]:
        """The ISO date of each dated article among ``article_ids``, by id (what a
        place's summary needs of the many articles naming it)."""
        where, parameters = _where(id=article_ids)
        # the dated ones (an undated one has no day to give): so asked, the index
        # articles_day answers alone, without reading the articles' rows
        query = f"SELECT id, date FROM articles {where} AND date >= ''"
        return dict(self._db.execute(query, parameters))

    def last_date(self) -> dt.date | None:
        """The date of the latest dated article."""
        last = self._db.execute("SELECT MAX(date) FROM articles").fetchone()[0]
        return dt.date.fromisoformat(last) if last else None

    def _articles(
        self, clause: str, parameters: Sequence[Any] = (), with_text: bool = True
    ) -> Iterator[Article]:
        text = "text" if with_text else "''"
        rows = self._db.execute(
            f"SELECT id, {text}, date, title, url, source, path, author, source_kind, lang "
            f"FROM articles {clause}",
            parameters,
        )
        for article_id, text, date, title, url, source, path, author, kind, lang in rows:
            yield Article(
                id=article_id,
                text=text,
                date=dt.date.fromisoformat(date) if date else None,
                title=title,
                url=url,
                source=source,
                path=path,
                author=author,
                source_kind=kind,
                lang=lang,
            )

    def _places(self, place_ids: Collection[str] | None = None) -> dict[str, Place]:
        where, parameters = _where(id=place_ids)
        rows = self._db.execute(
            "SELECT id, name, kind, country, admin1, population, lon, lat, geometry "
            f"FROM places {where}",
            parameters,
        )
        return {row[0]: _place_from_row(row) for row in rows}

    def mentions(
        self,
        *,
        place_ids: Collection[str] | None = None,
        article_ids: Collection[str] | None = None,
        alternatives: bool = True,
    ) -> list[Mention]:
        """Stored mentions (all, or those of ``place_ids`` or of ``article_ids``), ordered
        by article and offset; without their other candidates unless ``alternatives``
        (a summary of many mentions needs none)."""
        where, parameters = _where(place_id=place_ids, article_id=article_ids)
        # (without them, the index mentions_by_place answers a place's mentions alone)
        others = "alternatives" if alternatives else "'[]'"
        rows = self._db.execute(
            'SELECT article_id, start, "end", text, literal, score, place_id, lon, lat, '
            f'{others}, role FROM mentions {where} ORDER BY article_id, start, "end"',
            parameters,
        ).fetchall()
        places = self._places(None if not where else {row[6] for row in rows if row[6]})
        return [
            Mention(
                article_id=article_id,
                start=start,
                end=end,
                text=text,
                place=_at(places.get(place_id), lon, lat),
                score=score,
                literal=bool(literal),
                alternatives=tuple((a, s) for a, s in json.loads(others_json)),
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
                others_json,
                role,
            ) in rows
        ]

    def events(
        self,
        *,
        types: Collection[str] | None = None,
        place_kinds: Collection[str] | None = None,
        article_ids: Collection[str] | None = None,
        place_ids: Collection[str] | None = None,
    ) -> list[Event]:
        """Stored events, ordered by date, article and position: all of them, or those of
        ``article_ids``, or those of one of ``types`` (a type, or ``type/sub_type``) or at a
        place of one of ``place_kinds``."""
        if types is not None or place_kinds is not None:
            return self._events(
                "WHERE event_type IN (SELECT value FROM json_each(?)) "
                "OR event_type || '/' || sub_type IN (SELECT value FROM json_each(?)) "
                "OR place_id IN "
                "(SELECT id FROM places WHERE kind IN (SELECT value FROM json_each(?)))",
                (
                    json.dumps(sorted(types or ())),
                    json.dumps(sorted(types or ())),
                    json.dumps(sorted(place_kinds or ())),
                ),
            )
        return self._events(*_where(article_id=article_ids, place_id=place_ids))

    def _events(self, where: str, parameters: Sequence[Any] = ()) -> list[Event]:
        rows = self._db.execute(
            "SELECT event_id, event_type, article_id, quote, quote_start, quote_end, place_id, "
            "lon, lat, place_name_as_written, event_date, time_precision, geo_precision, "
            "certainty, actor1, actor2, source_url, sub_type, place_role, actor1_side, actor2_side, "
            "quantity, quantity_text, report_count, report_quotes "
            f"FROM events {where} ORDER BY {_EVENT_ORDER}",
            parameters,
        ).fetchall()
        places = self._places(None if not where else {row[6] for row in rows if row[6]})
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
                report_count,
                report_quotes,
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
                    report_count=report_count,
                    report_quotes=report_quotes,
                )
            )
        return events

    def sides(self, *, drawn: bool = False) -> list[str]:
        """The sides (country codes) events' actors belong to: of all events, or of those
        the map draws (``drawn``: with a place, not negated or expected)."""
        rows = self._db.execute(
            "SELECT DISTINCT side FROM side_events WHERE events > 0 "
            + ("AND drawn = 1 ORDER BY side" if drawn else "ORDER BY side")
        )
        return [side for (side,) in rows]

    # Parts of the outputs (see geomap.publish and PARTS).

    def parts_version(self) -> str | None:
        """The geomap version that made the stored parts, if any."""
        row = self._db.execute("SELECT version FROM parts_made_by").fetchone()
        return row[0] if row else None

    def drop_parts(self, version: str) -> None:
        """Forget every stored part; parts made from now on are ``version``'s."""
        with self._transaction() as db:
            for table in ("event_parts", "place_parts", "stale_places", "parts_made_by"):
                db.execute(f"DELETE FROM {table}")
            db.execute("INSERT INTO parts_made_by VALUES (?)", (version,))
            # every part is to be made: the triggers mark what changes from now on
            db.execute(
                "INSERT INTO stale_places SELECT DISTINCT place_id FROM mentions "
                "WHERE place_id IS NOT NULL"
            )
            db.execute(
                "INSERT OR IGNORE INTO unmade_events SELECT event_id FROM events "
                "WHERE place_id IS NOT NULL"
            )
        self.forget_claims()

    def event_ids_without_parts(self) -> list[str]:
        """The ids of the events with a place whose parts are not stored (a trigger
        queues each new event, and each whose parts went while it stays)."""
        rows = self._db.execute("SELECT event_id FROM unmade_events ORDER BY event_id")
        return [event_id for (event_id,) in rows]

    def events_by_id(self, event_ids: Collection[str]) -> list[Event]:
        """The events of ``event_ids`` (those stored), in the events' order."""
        return self._events(*_where(event_id=event_ids))

    def save_event_parts(
        self, parts: Iterable[tuple[str, str, str | None, str, str | None]]
    ) -> None:
        """Store ``(event id, feature, map record, chunk, date)`` parts."""
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO event_parts (event_id, feature, map_record, chunk, date) "
                "VALUES (?,?,?,?,?)",
                parts,
            )

    def event_parts(self, chunk: str | None = None) -> Iterator[tuple[str, str | None]]:
        """``(feature, map record)`` of every event with a place (or those of one
        ``chunk``), in the events' order."""
        where, parameters = ("WHERE p.chunk = ? ", (chunk,)) if chunk is not None else ("", ())
        return self._db.execute(
            "SELECT p.feature, p.map_record FROM events JOIN event_parts p USING (event_id) "
            f"{where}ORDER BY {_EVENT_ORDER}",
            parameters,
        )

    def event_map_records(self, chunk: str) -> Iterator[tuple[str, str]]:
        """``(article id, map record)`` of the drawn events of one ``chunk``, in the
        events' order."""
        return self._db.execute(
            "SELECT article_id, p.map_record FROM events JOIN event_parts p USING (event_id) "
            f"WHERE p.chunk = ? AND p.map_record IS NOT NULL ORDER BY {_EVENT_ORDER}",
            (chunk,),
        )

    def places_without_parts(self) -> list[str]:
        """Ids of the places whose parts are stale or missing (and of places no longer
        mentioned whose parts are to go)."""
        rows = self._db.execute("SELECT place_id FROM stale_places ORDER BY 1")
        return [place_id for (place_id,) in rows]

    def save_place_parts(
        self,
        place_ids: Collection[str],
        parts: Iterable[tuple[str, str | None, str | None, str | None, str]],
    ) -> None:
        """Replace the parts of ``place_ids`` by ``(place id, feature, map record, area,
        chunk)`` ``parts`` and mark them fresh."""
        ids = [(place_id,) for place_id in place_ids]
        with self._transaction() as db:
            db.executemany("DELETE FROM place_parts WHERE place_id = ?", ids)
            db.executemany("DELETE FROM stale_places WHERE place_id = ?", ids)
            db.executemany("INSERT INTO place_parts VALUES (?,?,?,?,?)", parts)

    def place_parts(
        self, chunk: str | None = None
    ) -> Iterator[tuple[str | None, str | None, str | None]]:
        """``(feature, map record, area)`` of every place with parts (or those of one
        ``chunk``), by place id (``None`` where a place has no such part)."""
        where, parameters = ("WHERE chunk = ? ", (chunk,)) if chunk is not None else ("", ())
        return self._db.execute(
            f"SELECT feature, map_record, area FROM place_parts {where}ORDER BY place_id",
            parameters,
        )

    def chunks(self, layer: str) -> dict[str, tuple[int, int]]:
        """``(parts, generation)`` of each chunk of ``layer`` (``events``, ``places``)
        that ever had parts, by chunk: a chunk's generation changes whenever its parts do."""
        rows = self._db.execute(
            "SELECT chunk, parts, generation FROM chunks WHERE layer = ? ORDER BY chunk",
            (layer,),
        )
        return {chunk: (parts, generation) for chunk, parts, generation in rows}

    def latest_chunk(self, layer: str, name: str) -> tuple[int, int]:
        """The number of the latest of ``layer``'s chunks ``name``, ``name-2``, ... (1 for
        ``name`` itself, or when there is none) and how many parts it holds."""
        rows = self._db.execute(
            "SELECT chunk, parts FROM chunks WHERE layer = ? AND (chunk = ? OR chunk LIKE ?)",
            (layer, name, name + "-%"),
        )
        numbered = [(1 if c == name else int(c[len(name) + 1 :]), parts) for c, parts in rows]
        return max(numbered, default=(1, 0))

    def drawn_dates(self) -> list[str]:
        """The dates (ISO) of the drawn events, in order."""
        rows = self._db.execute("SELECT date FROM drawn_days WHERE events > 0 ORDER BY date")
        return [date for (date,) in rows]

    def undrawn_events(self) -> int:
        """How many events with a place have parts but no map record (not drawn)."""
        return self._count("undrawn events")

    def drawn_bounds(
        self, large_kinds: Collection[str]
    ) -> tuple[float, float, float, float] | None:
        """The box (west, south, east, north) of the places of the drawn events, leaving
        out places of ``large_kinds`` unless there are no others; ``None`` when no event
        is drawn."""
        marks = ",".join("?" * len(large_kinds))
        for where in (f"AND pl.kind NOT IN ({marks})", ""):
            row = self._db.execute(
                "SELECT min(pl.lon), min(pl.lat), max(pl.lon), max(pl.lat) FROM places pl "
                "WHERE pl.id IN (SELECT e.place_id FROM events e JOIN event_parts p "
                f"USING (event_id) WHERE p.map_record IS NOT NULL) {where}",
                tuple(large_kinds) if where else (),
            ).fetchone()
            if row[0] is not None:
                return row
        return None

    # Claims and the layers made of them (see geomap.layers and LAYERS).

    def articles_without_claims(self) -> list[str]:
        """The ids of the articles whose control claims are not made."""
        rows = self._db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM claimed_articles) "
            "ORDER BY id"
        )
        return [article_id for (article_id,) in rows]

    def take_side_changes(self) -> list[tuple[str, dt.date, str]]:
        """``(country, date, side)`` of the events with a side, a date and a place that
        came or went since this was last asked; forgets them."""
        with self._transaction() as db:
            rows = db.execute(
                "SELECT DISTINCT p.country, c.date, c.side FROM side_changes c "
                "JOIN places p ON p.id = c.place_id WHERE p.country IS NOT NULL"
            ).fetchall()
            db.execute("DELETE FROM side_changes")
        return [(country, dt.date.fromisoformat(date), side) for country, date, side in rows]

    def articles_with_actors(
        self, country: str, low: dt.date, high: dt.date, labels: Collection[str]
    ) -> set[str]:
        """The articles with an event between ``low`` and ``high`` in ``country`` whose
        actor is one of ``labels``, of no side."""
        rows = self._db.execute(
            "SELECT DISTINCT e.article_id FROM events e JOIN places p ON p.id = e.place_id "
            "WHERE e.actor1 IN (SELECT value FROM json_each(?)) AND e.actor1_side IS NULL "
            "AND e.event_date BETWEEN ? AND ? AND p.country = ?",
            (json.dumps(sorted(labels)), low.isoformat(), high.isoformat(), country),
        )
        return {article_id for (article_id,) in rows}

    def named_rows(
        self, country: str, low: dt.date, high: dt.date, sides: Collection[str]
    ) -> list[tuple[dt.date, str, str, int]]:
        """``(date, side, article id, quote start)`` of the events between ``low`` and
        ``high`` in ``country`` whose actor is of one of ``sides``, by date."""
        rows = self._db.execute(
            "SELECT e.event_date, e.actor1_side, e.article_id, e.quote_start FROM events e "
            "JOIN places p ON p.id = e.place_id "
            "WHERE e.actor1_side IN (SELECT value FROM json_each(?)) "
            "AND e.event_date BETWEEN ? AND ? AND p.country = ?",
            (json.dumps(sorted(sides)), low.isoformat(), high.isoformat(), country),
        )
        return sorted((dt.date.fromisoformat(d), s, a, q) for d, s, a, q in rows)

    def save_article_sides(self, sides: Iterable[tuple[str, Collection[str]]]) -> None:
        """Keep the sides each article's events name (``(article id, sides)``)."""
        with self._transaction() as db:
            for article_id, names in sides:
                have = {
                    s
                    for (s,) in db.execute(
                        "SELECT side FROM article_sides WHERE article_id = ?", (article_id,)
                    )
                }
                if have == set(names):
                    continue
                db.execute("DELETE FROM article_sides WHERE article_id = ?", (article_id,))
                db.executemany(
                    "INSERT INTO article_sides VALUES (?, ?)",
                    [(article_id, side) for side in sorted(names)],
                )

    def side_pairs(self) -> dict[tuple[str, str], int]:
        """How many articles name each ordered pair of sides together."""
        rows = self._db.execute("SELECT side, other, articles FROM side_pairs WHERE articles > 0")
        return {(side, other): count for side, other, count in rows}

    def claim_context(self) -> dict[str, Any] | None:
        """The context the stored claims were made in (see :meth:`save_claims`)."""
        row = self._db.execute("SELECT context FROM claim_context").fetchone()
        return json.loads(row[0]) if row else None

    def articles_using(self, uses: Collection[str]) -> set[str]:
        """The articles whose claims took one of ``uses`` from their context."""
        rows = self._db.execute(
            "SELECT DISTINCT article_id FROM claim_uses "
            "WHERE use IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(uses)),),
        )
        return {article_id for (article_id,) in rows}

    def save_claims(
        self,
        claims: Iterable[
            tuple[str, Sequence[tuple[str, str, str, str, str | None]], Collection[str]]
        ],
    ) -> None:
        """Store the control claims of articles: ``(article id, claims, uses)``, each claim
        ``(event id, place id, side, date, bank)``; an article's claims are replaced only
        when they changed (so that the layer features they make are not made again)."""
        with self._transaction() as db:
            for article_id, rows, uses in claims:
                have = set(
                    db.execute(
                        "SELECT event_id, place_id, side, date, bank FROM control_claims "
                        "WHERE article_id = ?",
                        (article_id,),
                    )
                )
                if have != set(rows):
                    db.execute("DELETE FROM control_claims WHERE article_id = ?", (article_id,))
                    db.executemany(
                        "INSERT INTO control_claims (event_id, place_id, side, date, bank, "
                        "article_id) VALUES (?,?,?,?,?,?)",
                        [(*row, article_id) for row in rows],
                    )
                db.execute("DELETE FROM claim_uses WHERE article_id = ?", (article_id,))
                db.executemany(
                    "INSERT INTO claim_uses VALUES (?, ?)", [(article_id, u) for u in sorted(uses)]
                )
                db.execute("INSERT OR IGNORE INTO claimed_articles VALUES (?)", (article_id,))

    def save_claim_context(self, context: dict[str, Any]) -> None:
        """Remember the context the stored claims were made in."""
        with self._transaction() as db:
            db.execute("DELETE FROM claim_context")
            db.execute("INSERT INTO claim_context VALUES (?)", (json.dumps(context),))

    def forget_claims(self) -> None:
        """Forget every claim and layer feature made, so that all are made again: every
        bridge report is marked to be drawn again."""
        with self._transaction() as db:
            for table in (
                "control_claims",
                "claimed_articles",
                "article_sides",
                "side_pairs",
                "claim_uses",
                "claim_context",
                "side_changes",
                "layer_parts",
                "stale_layer_keys",
            ):
                db.execute(f"DELETE FROM {table}")
            db.execute(
                "INSERT OR IGNORE INTO stale_layer_keys "
                "SELECT 'bridges', 'place:' || place_id FROM events "
                "WHERE place_id IN (SELECT id FROM places WHERE kind IN "
                "(SELECT value FROM json_each(?)))",
                (json.dumps(sorted(CROSSING_KINDS)),),
            )
            db.execute(
                "INSERT OR IGNORE INTO stale_layer_keys SELECT 'bridges', 'event:' || event_id "
                "FROM events WHERE event_type = 'bridge_destroyed' AND place_id IS NOT NULL"
            )

    def claims_of(
        self, *, place_ids: Collection[str] | None = None, bank: str | None = None
    ) -> list[tuple[str, str]]:
        """``(event id, side)`` of the stored claims on ``place_ids`` or in ``bank``."""
        if bank is not None:
            rows = self._db.execute(
                "SELECT event_id, side FROM control_claims WHERE bank = ?", (bank,)
            )
        else:
            where, parameters = _where(place_id=place_ids)
            rows = self._db.execute(
                f"SELECT event_id, side FROM control_claims {where}", parameters
            )
        return [tuple(row) for row in rows]

    def layer_sides(self, layer: str) -> set[str]:
        """The sides ``layer``'s features give ground to."""
        rows = self._db.execute("SELECT DISTINCT sides FROM layer_parts WHERE layer = ?", (layer,))
        return {side for (sides,) in rows for side in sides.split()}

    def last_claim_date(self) -> dt.date | None:
        """The date of the latest stored claim."""
        last = self._db.execute("SELECT MAX(date) FROM control_claims").fetchone()[0]
        return dt.date.fromisoformat(last) if last else None

    def stale_layer_keys(self, layer: str) -> list[str]:
        """The keys of ``layer``'s features a change touched since they were made."""
        rows = self._db.execute(
            "SELECT key FROM stale_layer_keys WHERE layer = ? ORDER BY key", (layer,)
        )
        return [key for (key,) in rows]

    def save_layer_parts(
        self, layer: str, keys: Collection[str], parts: Mapping[str, tuple[str, ...]]
    ) -> None:
        """Make the features of ``keys`` (stale keys of ``layer``) ``parts``: ``(sort key,
        chunk, features, map records, sides)`` by key (a key without parts has none any
        more); marks them made."""
        with self._transaction() as db:
            for key in keys:
                new = parts.get(key)
                old = db.execute(
                    "SELECT sort_key, chunk, features, map_records, sides FROM layer_parts "
                    "WHERE layer = ? AND key = ?",
                    (layer, key),
                ).fetchone()
                if old != new:
                    db.execute("DELETE FROM layer_parts WHERE layer = ? AND key = ?", (layer, key))
                    if new is not None:
                        db.execute(
                            "INSERT INTO layer_parts VALUES (?,?,?,?,?,?,?)", (layer, key, *new)
                        )
                db.execute("DELETE FROM stale_layer_keys WHERE layer = ? AND key = ?", (layer, key))

    def layer_parts(self, layer: str, chunk: str | None = None) -> Iterator[tuple[str, str]]:
        """``(features, map records)`` of ``layer``'s parts (all, or one ``chunk``'s), in
        the layer's order: each is the comma-joined JSON of one key's features."""
        where, parameters = ("AND chunk = ? ", (layer, chunk)) if chunk else ("", (layer,))
        return self._db.execute(
            "SELECT features, map_records FROM layer_parts WHERE layer = ? "
            f"{where}ORDER BY sort_key",
            parameters,
        )


#: The columns the store writes, named (a PostgreSQL store has generated geometry columns
#: after them, and a column a later schema adds comes after those).
_PLACE_COLUMNS = "id, name, kind, country, admin1, population, lon, lat, geometry"
_MENTION_COLUMNS = (
    'article_id, start, "end", text, literal, score, place_id, lon, lat, alternatives, role'
)
_EVENT_COLUMNS = (
    "event_id, article_id, event_type, event_date, time_precision, geo_precision, certainty, "
    "actor1, actor2, place_id, place_name_as_written, lon, lat, quote, quote_start, quote_end, "
    "source_url, sub_type, place_role, actor1_side, actor2_side, quantity, quantity_text, "
    "report_count, report_quotes"
)


def _where(**columns: Collection[str] | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause keeping the rows whose column is among the values given for it
    (``None``: any value), with its parameters."""
    tests, parameters = [], []
    for column, values in columns.items():
        if values is not None:
            tests.append(f"{column} IN (SELECT value FROM json_each(?))")
            parameters.append(json.dumps(sorted(values)))
    return ("WHERE " + " AND ".join(tests) if tests else ""), tuple(parameters)


_EVENT_ORDER = "event_date IS NULL, event_date, article_id, quote_start, event_id"


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any exception."""

    def __init__(self, db: Any) -> None:
        self._db = db

    def __enter__(self) -> Any:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the store is busy or locked ({exc})") from None
        return self._db

    def __exit__(self, exc_type: type[BaseException] | None, *rest: Any) -> None:
        if exc_type is None:
            self._db.execute("COMMIT")
            return
        # the error that stopped the transaction is the one to tell (a lost connection
        # cannot roll back, but its transaction is gone with it)
        with contextlib.suppress(StoreError, sqlite3.Error):
            self._db.execute("ROLLBACK")


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
