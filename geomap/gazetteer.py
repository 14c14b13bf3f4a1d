"""The gazetteer: from a place name to candidate places, read from a compiled index.

The index is one SQLite file (built once by :mod:`geomap.gazetteer_build`), so opening it
costs milliseconds and almost no memory; lookups go through an in-memory cache. Candidate
generation lives here; choosing among candidates is :mod:`geomap.resolve`'s job.

>>> gaz = Gazetteer.open()                      # doctest: +SKIP
>>> [p.id for p in gaz.candidates("Kherson")]   # doctest: +SKIP
['geonames:706448', ...]
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import GazetteerError
from .model import Place
from .names import fold

#: Bumped when the index layout changes; an index of another format is rebuilt.
INDEX_FORMAT = 1

_PLACE_COLUMNS = "id, name, kind, country, admin1, population, lon, lat, geometry"


class Gazetteer:
    """A read-only view of a compiled gazetteer index.

    Parameters
    ----------
    path : str or Path
        The SQLite index written by :func:`geomap.gazetteer_build.build_gazetteer`.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise GazetteerError(
                f"{self.path}: no gazetteer index here; run 'geomap gazetteer build' to make one"
            )
        try:
            self._db = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
            # Map the file into memory: lookups then read pages without system calls.
            self._db.execute("PRAGMA mmap_size = 1073741824")
            self._db.execute("PRAGMA cache_size = -65536")
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{self.path}: not a gazetteer index ({exc})") from None
        if meta.get("index_format") != str(INDEX_FORMAT):
            raise GazetteerError(
                f"{self.path}: index format {meta.get('index_format')} is not {INDEX_FORMAT}; "
                "rebuild it with 'geomap gazetteer build'"
            )
        self.meta = meta
        self._cache: dict[str, tuple[Place, ...]] = {}
        self._known: dict[str, bool] = {}

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> Gazetteer:
        """Open the index at ``path``, or the default one, building it on first use.

        ``progress`` receives one-line messages while a build runs (it takes a minute).
        """
        if path is not None:
            return cls(path)
        from .gazetteer_build import build_gazetteer, default_index_path

        index = default_index_path()
        if not index.is_file():
            say = progress or (lambda message: print(message, file=sys.stderr))
            say(f"building the world gazetteer once, into {index} ...")
            build_gazetteer(index, progress=say)
        return cls(index)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def has(self, key: str) -> bool:
        """Whether a folded name ``key`` (see :func:`geomap.names.fold`) is in the index."""
        known = self._known.get(key)
        if known is None:
            row = self._db.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone()
            known = self._known[key] = row is not None
        return known

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (folded), most populous first."""
        key = fold(name)
        found = self._cache.get(key)
        if found is None:
            rows = self._db.execute(
                f"SELECT {_PLACE_COLUMNS} FROM names JOIN places ON places.rowid = names.place "
                "WHERE names.key = ? ORDER BY places.population DESC, places.id",
                (key,),
            ).fetchall()
            found = self._cache[key] = tuple(_place(row) for row in rows)
        return found

    def get(self, place_id: str) -> Place | None:
        """The place with id ``place_id``, or ``None``."""
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,)
        ).fetchone()
        return _place(row) if row else None

    def info(self) -> dict[str, Any]:
        """Sources, counts and build details of the index."""
        counts = dict(self._db.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind"))
        sources = dict(self._db.execute("SELECT source, COUNT(*) FROM places GROUP BY source"))
        names = self._db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return {
            "path": str(self.path),
            "places": sum(counts.values()),
            "names": names,
            "kinds": dict(sorted(counts.items())),
            "sources": dict(sorted(sources.items())),
            **{key: value for key, value in sorted(self.meta.items())},
        }


def _place(row: tuple[Any, ...]) -> Place:
    place_id, name, kind, country, admin1, population, lon, lat, geometry = row
    return Place(
        id=place_id,
        name=name,
        kind=kind,
        lon=lon,
        lat=lat,
        country=country,
        admin1=admin1,
        population=population or 0,
        geometry=json.loads(geometry) if geometry else None,
    )
