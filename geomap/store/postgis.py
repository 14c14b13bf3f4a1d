"""The PostgreSQL/PostGIS back end of the store, for a team sharing one store.

``Store("postgresql://USER@HOST/DB")`` keeps the same tables as a SQLite store, in the
database's current schema, read and written by the same code: the store's SQL is written
once (see :mod:`geomap.store.schema`) and :func:`translate` rewrites the few things
PostgreSQL says differently. On top of them the places, mentions and events get real
geometry columns (``geom``, SRID 4326, generated from the coordinates the store keeps;
``shape`` for a place's outline or course) with GiST indexes, and ``claims_layer`` is a
view of the control claims with their places' points, so that QGIS opens them directly.

Updates hold a session-level advisory lock of the store's schema, the counterpart of the
SQLite store's ``flock``: a second update fails at once with a clear message, or waits
with ``--wait``; a crashed client's lock goes with its connection. (Creating or migrating
a store takes another lock of the schema, so that two clients opening a new store at once
do not both create it.) Each article is saved in its own transaction, so readers (and
other analysts' maps) see whole articles only. The triggers run with the search path the
store was made with, so that an edit from QGIS or psql keeps the store's counts.

Needs PostgreSQL 14 or later, psycopg 3 (``pip install 'geomap[postgis]'``) and the
PostGIS extension in the database (``CREATE EXTENSION postgis``, which geomap runs when it
may).
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..errors import StoreError

URL_PREFIXES = ("postgresql://", "postgres://")

#: The advisory locks of a store, per schema: its updates, and its creation or migration.
UPDATE_LOCK = "geomap update "
SCHEMA_LOCK = "geomap schema "

#: What PostGIS adds to a new store: geometry generated from the stored coordinates, and
#: their spatial indexes. (``{postgis}``: the schema PostGIS is installed in, which need
#: not be on the search path.)
_POINT = (
    "{postgis}.geometry(Point, 4326) GENERATED ALWAYS AS "
    "({postgis}.ST_SetSRID({postgis}.ST_MakePoint(lon, lat), 4326)) STORED"
)
GEOMETRY = (
    f"ALTER TABLE places ADD COLUMN IF NOT EXISTS geom {_POINT}",
    "ALTER TABLE places ADD COLUMN IF NOT EXISTS shape {postgis}.geometry(Geometry, 4326) "
    "GENERATED ALWAYS AS ({postgis}.ST_SetSRID({postgis}.ST_GeomFromGeoJSON(geometry), 4326)) "
    "STORED",
    f"ALTER TABLE mentions ADD COLUMN IF NOT EXISTS geom {_POINT}",
    f"ALTER TABLE events ADD COLUMN IF NOT EXISTS geom {_POINT}",
    "CREATE INDEX IF NOT EXISTS places_geom ON places USING gist (geom)",
    "CREATE INDEX IF NOT EXISTS places_shape ON places USING gist (shape)",
    "CREATE INDEX IF NOT EXISTS mentions_geom ON mentions USING gist (geom)",
    "CREATE INDEX IF NOT EXISTS events_geom ON events USING gist (geom)",
    "CREATE OR REPLACE VIEW claims_layer AS SELECT c.event_id, c.place_id, p.name, c.side, "
    "c.date, c.article_id, c.bank, p.geom FROM control_claims c JOIN places p "
    "ON p.id = c.place_id",
)


def is_url(location: object) -> bool:
    """Whether ``location`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(location, str) and location.lower().startswith(URL_PREFIXES)


def shown(url: str) -> str:
    """``url`` without its password (given after the user, or as a parameter), for
    messages (anything else as it is)."""
    if not is_url(url):
        return url
    parts = urlsplit(url)
    if parts.password is not None:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        parts = parts._replace(netloc=netloc)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(key == "password" for key, _ in query):
        hidden = [(key, "***" if key == "password" else value) for key, value in query]
        parts = parts._replace(query=urlencode(hidden, safe="*,"))
    return urlunsplit(parts)


class Connection:
    """A psycopg connection that takes the store's SQL (see :func:`translate`) and turns
    the driver's errors into :class:`StoreError`."""

    def __init__(self, url: str) -> None:
        self.location = shown(url)
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                f"{self.location}: a PostgreSQL store needs psycopg: pip install 'geomap[postgis]'"
            ) from None
        self._error = psycopg.Error
        self._in_transaction = psycopg.pq.TransactionStatus.INTRANS
        try:
            # keepalives: a client gone silent (its machine off) is noticed, and its
            # update lock released, in minutes
            self._conn = psycopg.connect(
                url, autocommit=True, connect_timeout=10, keepalives=1, keepalives_idle=60
            )
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot connect ({_first_line(exc)})") from None

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        """Run one statement of the store's SQL; the cursor holds its whole result."""
        *before, last = translate(sql)
        if last == "BEGIN" and self._conn.info.transaction_status == self._in_transaction:
            # as SQLite does: PostgreSQL would warn and go on in the outer transaction
            raise StoreError(f"{self.location}: a transaction within a transaction")
        try:
            for statement in before:
                self._conn.execute(statement, ())
            return self._conn.execute(last, tuple(parameters))
        except self._error as exc:
            raise self._failed(exc) from None

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        (statement,) = translate(sql)
        try:
            with self._conn.cursor() as cursor:
                cursor.executemany(statement, [tuple(row) for row in rows])
        except self._error as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: Exception) -> StoreError:
        return StoreError(
            f"{self.location}: the store could not be read or written ({_first_line(exc)})"
        )

    def close(self) -> None:
        self._conn.close()

    @property
    def closed(self) -> bool:
        return bool(self._conn.closed)

    def version(self) -> int:
        """The store's schema version (0: no geomap store in the current schema)."""
        table = "quote_ident(current_schema()) || '.geomap_schema'"
        if self.execute(f"SELECT to_regclass({table})").fetchone()[0] is None:
            return 0
        row = self.execute("SELECT version FROM geomap_schema").fetchone()
        return row[0] if row else 0

    def set_version(self, version: int) -> None:
        self.execute("CREATE TABLE IF NOT EXISTS geomap_schema (version INTEGER NOT NULL)")
        self.execute("DELETE FROM geomap_schema")
        self.execute("INSERT INTO geomap_schema VALUES (?)", (version,))

    def tables(self) -> set[str]:
        """The tables of the database's current schema."""
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
        return {name for (name,) in rows}

    def indexes(self) -> set[str]:
        """The indexes of the database's current schema."""
        rows = self.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        return {name for (name,) in rows}

    def columns(self, table: str) -> set[str]:
        rows = self.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ?",
            (table,),
        )
        return {name for (name,) in rows}

    def size(self, tables: Iterable[str]) -> int:
        """Bytes the store's tables take (with their indexes)."""
        return sum(
            self.execute("SELECT pg_total_relation_size(to_regclass(?))", (table,)).fetchone()[0]
            or 0
            for table in sorted(tables)
        )

    def add_geometry(self) -> None:
        """Enable PostGIS (when this user may) and add the geometry columns."""
        if self._postgis_schema() is None:
            try:
                self._conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            except self._error as exc:
                raise StoreError(
                    f"{self.location}: PostGIS is not enabled in this database and geomap "
                    f"may not enable it ({_first_line(exc)}); ask its administrator to run "
                    "CREATE EXTENSION postgis, or install PostGIS (apt-get install postgis)"
                ) from None
        postgis = '"' + str(self._postgis_schema()).replace('"', '""') + '"'
        for statement in GEOMETRY:
            self.execute(statement.replace("{postgis}", postgis))

    def _postgis_schema(self) -> str | None:
        row = self.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
            "ON n.oid = e.extnamespace WHERE e.extname = 'postgis'"
        ).fetchone()
        return row[0] if row else None

    def lock(self, wait: bool, which: str = UPDATE_LOCK) -> bool:
        """Take the store's lock ``which`` (``wait``: until it is free); whether it was
        taken."""
        function = "pg_advisory_lock" if wait else "pg_try_advisory_lock"
        row = self.execute(f"SELECT {function}(hashtext(? || current_schema()))", (which,))
        return wait or bool(row.fetchone()[0])

    def unlock(self, which: str = UPDATE_LOCK) -> None:
        """Release the lock ``which`` (nothing to do when the connection is gone: its
        locks went with it)."""
        if not self.closed:
            with contextlib.suppress(StoreError):
                self.execute("SELECT pg_advisory_unlock(hashtext(? || current_schema()))", (which,))


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


_TRIGGER = re.compile(
    r"CREATE TRIGGER IF NOT EXISTS (?P<name>\w+) (?P<timing>BEFORE|AFTER) "
    r"(?P<verb>INSERT|UPDATE|DELETE) ON (?P<table>\w+)\s+(?:WHEN (?P<when>.*?)\s+)?"
    r"BEGIN\s(?P<body>.*)\bEND;?$",
    re.S,
)
_OR_IGNORE = re.compile(r"INSERT OR IGNORE INTO (.*?)\s*;?\s*$", re.S)
_TYPES = {
    r"\bTEXT\b": 'TEXT COLLATE "C"',
    r"\bREAL\b": "DOUBLE PRECISION",
    r"\bINTEGER\b": "BIGINT",
}


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> tuple[str, ...]:
    """The PostgreSQL statements (with ``%s`` placeholders) that do what the store's
    SQLite ``sql`` does.

    - ``?`` placeholders become ``%s`` (and a literal ``%`` is doubled);
    - ``INSERT OR IGNORE`` becomes ``ON CONFLICT DO NOTHING``;
    - ``json_each(?)`` (a JSON array of values) becomes ``json_array_elements_text``;
    - ``IS NOT`` between a trigger's rows becomes ``IS DISTINCT FROM``;
    - ``BEGIN IMMEDIATE`` becomes ``BEGIN`` (the update lock keeps writers apart);
    - in ``CREATE TABLE``, text compares byte by byte (``COLLATE "C"``, as SQLite does:
      the same order, so the same output), and ``REAL`` and ``INTEGER`` are 8 bytes, as
      in SQLite;
    - a trigger becomes a PL/pgSQL function (run with the search path it was made with)
      and a row trigger that calls it.
    """
    text = sql.strip().rstrip(";").strip()
    if text == "BEGIN IMMEDIATE":
        return ("BEGIN",)
    trigger = _TRIGGER.match(text + ";")
    if trigger:
        return _trigger(**trigger.groupdict())
    if text.startswith("CREATE TABLE"):
        for pattern, replacement in _TYPES.items():
            text = re.sub(pattern, replacement, text)
    return (_placeholders(_statement(text)),)


def _statement(sql: str) -> str:
    sql = sql.replace("json_each(?)", "json_array_elements_text(CAST(? AS json))")
    sql = re.sub(r"\bIS NOT (NEW|OLD)\.", r"IS DISTINCT FROM \1.", sql)
    ignore = _OR_IGNORE.match(sql.strip())
    if ignore:
        sql = f"INSERT INTO {ignore[1]} ON CONFLICT DO NOTHING"
    return sql


def _placeholders(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


def _trigger(
    name: str, timing: str, verb: str, table: str, when: str | None, body: str
) -> tuple[str, ...]:
    statements = [_statement(s.strip()) for s in body.split(";") if s.strip()]
    # a BEFORE trigger's result is the row to go on with: the one given, unchanged
    row = "OLD" if verb == "DELETE" else "NEW"
    function = (
        f"CREATE OR REPLACE FUNCTION geomap_{name}() RETURNS trigger LANGUAGE plpgsql "
        "SET search_path FROM CURRENT AS $$\n"
        "BEGIN\n" + "".join(f"    {s};\n" for s in statements) + f"    RETURN {row};\nEND\n$$"
    )
    condition = f" WHEN ({_statement(when)})" if when else ""
    trigger = (
        f"CREATE OR REPLACE TRIGGER {name} {timing} {verb} ON {table} FOR EACH ROW"
        f"{condition} EXECUTE FUNCTION geomap_{name}()"
    )
    return _placeholders(function), _placeholders(trigger)
