"""The gazetteer: from a place name to candidate places, read from compiled indexes.

A compiled index is two files: a SQLite database (``*.sqlite``: the records, for ``get``,
``info`` and rebuilding) and a lookup table beside it (``*.lookup``): an open-addressing hash
table from folded names to their places, memory-mapped, so opening costs milliseconds, memory
grows only with the pages read, and a lookup is a hash, a probe and a small unmarshal.

The default world index can be joined by imported layers (``geomap gazetteer import``); a
:class:`Gazetteer` answers from all of them. Candidate generation lives here; choosing among
candidates is :mod:`geomap.resolve`'s job.

>>> gaz = Gazetteer.open()                      # doctest: +SKIP
>>> [p.id for p in gaz.candidates("Kherson")]   # doctest: +SKIP
['geonames:706448', ...]
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import mmap
import sqlite3
import struct
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from .errors import GazetteerError
from .model import Place
from .names import fold

#: Bumped when the index layout changes; an index of another format is rebuilt.
INDEX_FORMAT: Final = 2

#: A lon/lat box: (west, south, east, north).
BBox = tuple[float, float, float, float]
PLACE_COLUMNS: Final = "id, name, kind, country, admin1, population, lon, lat, geometry"

LOOKUP_MAGIC: Final = b"GEOMAPLK"
#: magic, format, marshal version, slot count, place count; then the slots, then the records
LOOKUP_HEADER: Final = struct.Struct("<8sIIQQ")


#: The meta key of the lookup table's checksum (BLAKE2b), written when the index is built.
LOOKUP_CHECKSUM_KEY = "lookup_blake2b"


def file_checksum(path: str | Path) -> str:
    """The BLAKE2b of a file (about 0.2 s for the default lookup table)."""
    digest = hashlib.blake2b()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 22):
            digest.update(block)
    return digest.hexdigest()


def _checked(table: Path, expected: str | None) -> bool:
    """Whether the lookup table matches the checksum its index recorded. The full check
    runs once after each change of the file (its size, time or inode), remembered in a
    ``.checked`` file beside it, so opening stays quick; an index built before checksums
    (``expected`` is None) is taken as it is."""
    if expected is None:
        return True
    stat = table.stat()
    token = f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ino} {expected}"
    marker = table.with_suffix(".checked")
    try:
        if marker.read_text(encoding="ascii") == token:
            return True
    except (OSError, ValueError):  # missing, unreadable or garbled: check in full
        pass
    if file_checksum(table) != expected:
        return False
    with contextlib.suppress(OSError):  # a read-only data folder: check again next time
        marker.write_text(token, encoding="ascii")
    return True


@contextlib.contextmanager
def build_lock(index: Path, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock that makes a second geomap wait while the first builds the index
    (an advisory ``flock``, released by the system if the builder dies)."""
    import fcntl

    index.parent.mkdir(parents=True, exist_ok=True)
    with open(index.parent / ".build.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("another geomap is building the gazetteer; waiting for it ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def lookup_path(index: str | Path) -> Path:
    """The lookup table that belongs to the SQLite index ``index``."""
    return Path(index).with_suffix(".lookup")


def name_hash(key: str) -> int:
    """The 32-bit hash of a folded name that places it in the lookup table."""
    return zlib.crc32(key.encode("utf-8"))


class IndexLayer:
    """One compiled index (SQLite records plus the memory-mapped lookup table).

    Parameters
    ----------
    path : str or Path
        The SQLite file; its lookup table is :func:`lookup_path` of it.
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
            self.meta: dict[str, str] = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{self.path}: not a gazetteer index ({exc})") from None
        if self.meta.get("index_format") != str(INDEX_FORMAT):
            raise GazetteerError(
                f"{self.path}: index format {self.meta.get('index_format')} is not "
                f"{INDEX_FORMAT}; rebuild it with 'geomap gazetteer build'"
            )
        self._open_lookup()

    def _open_lookup(self) -> None:
        table = lookup_path(self.path)
        rebuild = "rebuild with 'geomap gazetteer build --force'"
        try:
            with open(table, "rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            raise GazetteerError(
                f"{table}: the lookup table is missing or unreadable ({exc}); {rebuild}"
            ) from None
        try:
            magic, fmt, marshal_version, slots, places = LOOKUP_HEADER.unpack_from(self._map, 0)
        except struct.error:
            raise GazetteerError(f"{table}: the lookup table is cut short; {rebuild}") from None
        if (magic, fmt, marshal_version) != (LOOKUP_MAGIC, INDEX_FORMAT, marshal.version):
            raise GazetteerError(f"{table}: written by another geomap or Python version; {rebuild}")
        records = LOOKUP_HEADER.size + 8 * slots
        if len(self._map) < records or not _checked(table, self.meta.get(LOOKUP_CHECKSUM_KEY)):
            raise GazetteerError(f"{table}: the lookup table is damaged; {rebuild}")
        self._mask = slots - 1
        view = memoryview(self._map)
        self._slots = view[LOOKUP_HEADER.size : records].cast("Q")
        self._records = view[records:]
        self._views = (view, self._slots, self._records)
        self.size = places

    def close(self) -> None:
        for view in reversed(self._views):
            view.release()  # an mmap with views on it cannot be closed
        self._map.close()
        self._db.close()

    def offsets(self, key: str) -> tuple[int, ...] | None:
        """Where the places filed under ``key`` are, or ``None`` when it is not a name.

        A slot holds a name's record offset (plus one; 0 is empty) in its high 32 bits
        and the name's hash in the low 32, so a probe reads one word.
        """
        wanted = name_hash(key)
        mask, slots = self._mask, self._slots
        slot = wanted & mask
        while True:
            entry = slots[slot]
            if not entry:
                return None
            if entry & 0xFFFFFFFF == wanted:
                # marshal reads one record and ignores the bytes after it: no copy, no size
                found_key, places = marshal.loads(self._records[(entry >> 32) - 1 :])
                if found_key == key:
                    return places
            slot = (slot + 1) & mask

    def has(self, key: str) -> bool:
        """Whether the folded name ``key`` is in this index."""
        return self.offsets(key) is not None

    def candidates(self, key: str) -> list[Place]:
        """The places called ``key`` (folded), most populous first."""
        return self.places_at(self.offsets(key))

    def places_at(self, offsets: tuple[int, ...] | None) -> list[Place]:
        """The places whose records are at ``offsets`` (as :meth:`offsets` found them)."""
        return [self._place(offset) for offset in offsets] if offsets else []

    def _place(self, offset: int) -> Place:
        row = marshal.loads(self._records[offset:])
        if row[8] is not None:
            row = (*row[:8], json.loads(row[8]))
        return Place.from_row(row)

    def get(self, place_id: str) -> Place | None:
        row = self._db.execute(
            f"SELECT {PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,)
        ).fetchone()
        return _place(row) if row else None

    def places_of_kind(self, kinds: Iterable[str]) -> list[Place]:
        """Every place of one of ``kinds``, by id (meant for the rare kinds: bridges, banks)."""
        wanted = sorted(set(kinds))
        marks = ",".join("?" * len(wanted))
        rows = self._db.execute(
            f"SELECT {PLACE_COLUMNS} FROM places WHERE kind IN ({marks}) ORDER BY id", wanted
        )
        return [_place(row) for row in rows]

    def places_in(
        self,
        bbox: BBox,
        kinds: Iterable[str],
        min_population: int,
        limit: int,
        with_geometry: bool = False,
    ) -> list[Place]:
        """Places of ``kinds`` whose point lies in ``bbox``, most populous first."""
        wanted = sorted(set(kinds))
        marks = ",".join("?" * len(wanted))
        west, south, east, north = bbox
        rows = self._db.execute(
            f"SELECT {PLACE_COLUMNS} FROM places WHERE kind IN ({marks}) "
            "AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ? AND population >= ? "
            + ("AND geometry IS NOT NULL " if with_geometry else "")
            + "ORDER BY population DESC, id LIMIT ?",
            [*wanted, west, east, south, north, min_population, limit],
        )
        return [_place(row) for row in rows]

    def info(self) -> dict[str, Any]:
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


class Gazetteer:
    """Candidate places by name, from one compiled index or several layered ones.

    Parameters
    ----------
    path : str or Path, or several
        The SQLite index (or indexes) written by :mod:`geomap.gazetteer_build`. With
        several, the first is the base and the others join it: a place id found in two
        layers is taken from the first.
    """

    def __init__(self, path: str | Path | Iterable[str | Path]) -> None:
        paths = [path] if isinstance(path, (str, Path)) else list(path)
        if not paths:
            raise GazetteerError("no gazetteer index given")
        self.layers = []
        try:
            for each in paths:
                self.layers.append(IndexLayer(each))
        except GazetteerError:
            self.close()
            raise
        self.path = self.layers[0].path
        self.meta = self.layers[0].meta
        self._cache: dict[str, tuple[Place, ...]] = {}
        self._known: dict[str, bool] = {}
        #: Where a single layer's places of a name are, found by has() for candidates().
        self._offsets: dict[str, tuple[int, ...]] = {}
        self._by_id: dict[str, Place | None] = {}
        self._by_kind: dict[tuple[str, ...], tuple[Place, ...]] = {}
        self._kinds: dict[str, frozenset[str]] = {}

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        progress: Callable[[str], None] | None = None,
        imports: bool = True,
    ) -> Gazetteer:
        """Open the index at ``path``, or the default one, building it on first use.

        Without ``path``, the layers imported with ``geomap gazetteer import`` join the
        default index (unless ``imports`` is False). ``progress`` receives one-line messages
        while a build runs (it takes under a minute).
        """
        if path is not None:
            return cls(path)
        from .gazetteer_build import build_gazetteer, default_index_path
        from .gazetteer_import import imported_layers

        index = default_index_path()
        if not index.is_file() or not lookup_path(index).is_file():
            say = progress or (lambda message: print(message, file=sys.stderr))
            with build_lock(index, say):
                # another geomap may have built it while this one waited
                if not index.is_file() or not lookup_path(index).is_file():
                    say(f"building the world gazetteer once, into {index} ...")
                    build_gazetteer(index, progress=say)
        return cls([index, *(imported_layers() if imports else ())])

    @property
    def version(self) -> str:
        """Identifies the indexes in use: changes when any layer is rebuilt or imported."""
        if len(self.layers) == 1:
            return self.meta.get("recipe", "unknown")
        digest = hashlib.sha256()
        for layer in self.layers:
            digest.update(f"{layer.meta.get('recipe', 'unknown')};".encode())
        return digest.hexdigest()[:12]

    def close(self) -> None:
        for layer in self.layers:
            layer.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def clear_cache(self) -> None:
        """Forget the lookups made so far (for benchmarks of cold lookups)."""
        self._cache.clear()
        self._known.clear()
        self._offsets.clear()
        self._by_id.clear()
        self._kinds.clear()

    def has(self, key: str) -> bool:
        """Whether a folded name ``key`` (see :func:`geomap.names.fold`) is in the index."""
        known = self._known.get(key)
        if known is None:
            if len(self.layers) == 1:
                offsets = self.layers[0].offsets(key)
                known = offsets is not None
                if offsets:
                    self._offsets[key] = offsets
            else:
                known = any(layer.has(key) for layer in self.layers)
            self._known[key] = known
        return known

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (folded), most populous first."""
        found = self._cache.get(name)  # recognition asks again by folded names: no folding
        if found is not None:
            return found
        key = fold(name)
        found = self._cache.get(key)
        if found is None:
            if len(self.layers) == 1:
                layer = self.layers[0]
                offsets = self._offsets.get(key)
                found = tuple(
                    layer.candidates(key) if offsets is None else layer.places_at(offsets)
                )
            else:
                merged: dict[str, Place] = {}
                for layer in self.layers:
                    for place in layer.candidates(key):
                        merged.setdefault(place.id, place)
                found = tuple(sorted(merged.values(), key=lambda p: (-p.population, p.id)))
            self._cache[key] = found
        return found

    def kinds(self, name: str) -> frozenset[str]:
        """The kinds of the places called ``name`` (folded): recognition asks it of every
        name it finds ("is it a demonym?")."""
        found = self._kinds.get(name)
        if found is None:
            found = self._kinds[name] = frozenset(place.kind for place in self.candidates(name))
        return found

    def get(self, place_id: str) -> Place | None:
        """The place with id ``place_id``, or ``None``."""
        if place_id in self._by_id:  # countries are looked up again for every demonym
            return self._by_id[place_id]
        found = None
        for layer in self.layers:
            found = layer.get(place_id)
            if found is not None:
                break
        self._by_id[place_id] = found
        return found

    def places_of_kind(self, *kinds: str) -> tuple[Place, ...]:
        """Every place of one of ``kinds`` in any layer (the first layer's record wins), by
        id: for the rare kinds (bridges, dams, banks), not for towns."""
        key = tuple(sorted(set(kinds)))
        found = self._by_kind.get(key)
        if found is None:
            merged: dict[str, Place] = {}
            for layer in self.layers:
                for place in layer.places_of_kind(key):
                    merged.setdefault(place.id, place)
            found = self._by_kind[key] = tuple(merged[k] for k in sorted(merged))
        return found

    def places_in(
        self,
        bbox: BBox,
        *kinds: str,
        min_population: int = 0,
        limit: int = 1000,
        with_geometry: bool = False,
    ) -> tuple[Place, ...]:
        """Up to ``limit`` places of ``kinds`` whose point lies in ``bbox`` (west, south,
        east, north), most populous first, from every layer (the first layer's record wins):
        the labels and shapes of an offline basemap. ``with_geometry`` keeps only places with
        a line or area."""
        merged: dict[str, Place] = {}
        for layer in self.layers:
            for place in layer.places_in(bbox, kinds, min_population, limit, with_geometry):
                merged.setdefault(place.id, place)
        ranked = sorted(merged.values(), key=lambda p: (-p.population, p.id))
        return tuple(ranked[:limit])

    def info(self) -> dict[str, Any]:
        """Sources, counts and build details of the index (and of each imported layer)."""
        info = self.layers[0].info()
        if len(self.layers) > 1:
            info["imported"] = {
                layer.path.stem: f"{layer.info()['places']:,} places from "
                f"{layer.meta.get('source', '?')}"
                for layer in self.layers[1:]
            }
        return info


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
