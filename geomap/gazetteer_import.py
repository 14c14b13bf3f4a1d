"""Import users' own gazetteer data as layers that join the default index.

* a GeoNames dump (``allCountries.txt``, a country file such as ``UA.txt``, or the ``.zip``
  GeoNames serves them in), optionally with ``alternateNamesV2.txt`` for more names;
* a vector layer (GeoJSON, Shapefile, GeoPackage: anything pyogrio reads), such as
  Natural Earth's rivers, with a field that holds the name.

Each import is compiled to its own index in :func:`geomap.datadir.imports_dir` and is
opened together with the default index by :meth:`geomap.gazetteer.Gazetteer.open`; a place
id present in both (a GeoNames city) is taken from the default index.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .datadir import imports_dir
from .errors import GazetteerError
from .gazetteer import lookup_path
from .gazetteer_build import (
    ADJECTIVAL_COUNTRIES,
    IndexWriter,
    PlaceRecord,
    adjectival_forms,
    admin1_names,
    settlement_kind,
)
from .names import fold, slug

Progress = Callable[[str], None]

#: GeoNames feature codes (class.code, or class alone) to geomap kinds; the rest keep
#: their class name ("spot", "terrain"...).
GEONAMES_KINDS = {
    "A.ADM1": "admin1",
    "A.ADM2": "admin2",
    "A.ADM3": "admin3",
    "A.ADM4": "admin3",
    "A.ADM5": "admin3",
    "A.PCLI": "country",
    "A.PCLD": "country",
    "A.PCLIX": "country",
    "A.PCLS": "country",
    "A.PCLF": "country",
    "H.STM": "river",
    "H.STMI": "river",
    "H.STMS": "river",
    "H.STMA": "river",
    "H.STMX": "river",
    "H.RSV": "reservoir",
    "H.RSVT": "reservoir",
    "H.ESTY": "estuary",
    "H.LK": "lake",
    "H.LKS": "lake",
    "H.CNL": "canal",
    "S.BDG": "bridge",
    "S.DAM": "dam",
    "S.DAMSB": "dam",
    "S.AIRP": "airport",
    "S.AIRB": "airport",
    "S.PS": "power station",
    "S.PSH": "power station",
    "S.PSN": "power station",
    "T.ISL": "island",
    "T.PEN": "peninsula",
    "L.RGN": "region",
    "A": "admin",
    "H": "water",
    "L": "area",
    "R": "road",
    "S": "site",
    "T": "terrain",
    "U": "undersea",
    "V": "vegetation",
}
#: Alternate-name "languages" that are codes or links, not names.
SKIPPED_NAME_TYPES = frozenset(
    {"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "tcid", "fr_1793"}
)
#: Kind values of vector layers (lower case) to geomap kinds.
VECTOR_KINDS = {"lake centerline": "river", "stream": "river", "reservoir": "reservoir"}

_LAYER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def imported_layers() -> list[Path]:
    """The imported layers, in name order."""
    folder = imports_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.sqlite") if lookup_path(p).is_file())


def layer_path(name: str) -> Path:
    """Where the imported layer called ``name`` lives."""
    if not _LAYER_NAME.match(name):
        raise GazetteerError(
            f"{name!r} is not a usable layer name (letters, digits, '.', '_', '-'; up to 64)"
        )
    return imports_dir() / f"{name}.sqlite"


def remove_layer(name: str) -> Path:
    """Delete the imported layer ``name``; an error when there is none."""
    path = layer_path(name)
    if not path.is_file():
        known = ", ".join(p.stem for p in imported_layers()) or "none"
        raise GazetteerError(f"no imported layer {name!r} (imported: {known})")
    lookup_path(path).unlink(missing_ok=True)
    path.unlink()
    return path


def _target(name: str, replace: bool) -> Path:
    path = layer_path(name)
    if path.exists() and not replace:
        raise GazetteerError(
            f"an imported layer {name!r} exists ({path}); pass --replace to rebuild it "
            "or --name to import under another name"
        )
    return path


# --- GeoNames dumps ---------------------------------------------------------------------


def import_geonames(
    dump: str | Path,
    name: str | None = None,
    alternate_names: str | Path | None = None,
    feature_classes: str = "PAHLSTRUV",
    min_population: int = 0,
    replace: bool = False,
    dest: str | Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Compile a GeoNames dump into an imported layer and return its index path.

    Parameters
    ----------
    dump : path
        ``allCountries.txt``, a country file (``UA.txt``) or the ``.zip`` holding it.
    name : str, optional
        The layer's name (default: the dump's file name without suffix, e.g. ``UA``).
    alternate_names : path, optional
        ``alternateNamesV2.txt`` (or ``alternateNames.txt``, or their ``.zip``); names of
        places not in the dump are ignored, as are links, postcodes and airport codes.
    feature_classes : str
        GeoNames feature classes to keep (``P`` populated places, ``A`` divisions, ``H``
        water, ``S`` buildings and bridges, ``T`` terrain, ``L`` areas, ``R`` roads...).
    min_population : int
        Populated places (class ``P``) smaller than this are left out.
    replace : bool
        Rebuild a layer of the same name instead of refusing to.
    dest : path, optional
        Write the index here instead of the imports folder (for tests and tools).
    """
    dump = Path(dump)
    say = progress or (lambda message: None)
    target = Path(dest) if dest else _target(name or _stem(dump), replace)
    wanted_classes = frozenset(feature_classes.upper())
    with IndexWriter(target) as writer:
        admin1_rows: dict[tuple[str, str], str] = {}
        pending_admin1: list[tuple[str, str, str]] = []  # (place id, country, admin1 code)
        count = 0
        off_the_map: list[int] = []
        for number, line in _lines(dump):
            record = _geonames_record(line, dump, number)
            if record is None:
                continue
            record, feature_class, admin1_code = record
            if not _on_the_globe(record.lon, record.lat):
                off_the_map.append(number)
                continue
            if record.kind == "admin1" and record.country:
                admin1_rows[(record.country, admin1_code)] = record.name
            if feature_class not in wanted_classes:
                continue
            if feature_class == "P" and record.population < min_population:
                continue
            if writer.add(record):
                count += 1
                if record.country and admin1_code and record.kind != "admin1":
                    pending_admin1.append((record.id, record.country, admin1_code))
            if number % 500_000 == 0:
                say(f"  {number:,} lines read, {count:,} places kept")
        if off_the_map:
            lines = ", ".join(map(str, off_the_map[:5])) + (", ..." if len(off_the_map) > 5 else "")
            say(
                f"skipped {len(off_the_map):,} lines whose coordinates are not on the globe "
                f"(latitude -90..90, longitude -180..180): {dump.name} lines {lines}"
            )
        if not count:
            raise GazetteerError(f"{dump}: no GeoNames places found (is this a GeoNames dump?)")
        say(f"{count:,} places from {dump.name}")
        writer.db.executemany(
            "UPDATE places SET admin1 = ? WHERE id = ?",
            (
                (admin1_rows[(country, code)], place_id)
                for place_id, country, code in pending_admin1
                if (country, code) in admin1_rows
            ),
        )
        if alternate_names:
            added = _add_alternate_names(writer, Path(alternate_names), say)
            say(f"{added:,} alternate names from {Path(alternate_names).name}")
        meta = {"recipe": f"import:{_file_signature(dump, alternate_names)}", "source": str(dump)}
        return writer.finish(meta)


def _geonames_record(line: str, dump: Path, number: int) -> tuple[PlaceRecord, str, str] | None:
    if not line.strip() or line.startswith("#"):
        return None
    cols = line.rstrip("\n").split("\t")
    if len(cols) < 15:
        raise GazetteerError(
            f"{dump}:{number}: {len(cols)} columns, a GeoNames dump line has 19 "
            "(geonameid, name, asciiname, alternatenames, latitude, longitude, ...)"
        )
    try:
        geonameid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
        population = int(cols[14] or 0)
    except ValueError as exc:
        raise GazetteerError(f"{dump}:{number}: not a GeoNames dump line ({exc})") from None
    feature_class, feature_code, country = cols[6], cols[7], cols[8] or None
    kind = GEONAMES_KINDS.get(f"{feature_class}.{feature_code}") or (
        settlement_kind(population)
        if feature_class == "P"
        else GEONAMES_KINDS.get(feature_class, "place")
    )
    name = cols[1]
    names = {name, cols[2], *(n for n in cols[3].split(",") if n and not n.isdigit())}
    if kind == "admin1" and country:
        base = re.sub(r"\s+(Oblast|Oblast'|Region|Province|Krai|Kray)$", "", name, flags=re.I)
        names |= admin1_names(base, country, bare=False)
    elif feature_class == "P" and country in ADJECTIVAL_COUNTRIES and population >= 1000:
        names |= adjectival_forms(name)
    record = PlaceRecord(
        id=f"geonames:{geonameid}",
        name=name,
        kind=kind,
        lon=lon,
        lat=lat,
        source=f"geonames-dump:{dump.name}",
        country=country,
        admin1=name if kind == "admin1" else None,
        population=population,
        names=names - {""},
    )
    return record, feature_class, cols[10]


def _add_alternate_names(writer: IndexWriter, path: Path, say: Progress) -> int:
    """Add the names of an alternateNames file to places already in ``writer``."""
    added = 0
    ids = {
        int(place_id.split(":", 1)[1])
        for (place_id,) in writer.db.execute("SELECT id FROM places")
        if place_id.startswith("geonames:")
    }
    for number, line in _lines(path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4:
            if line.strip():
                raise GazetteerError(
                    f"{path}:{number}: not an alternateNames line (alternateNameId, "
                    "geonameid, isolanguage, alternate name, ...)"
                )
            continue
        try:
            geonameid = int(cols[1])
        except ValueError:
            raise GazetteerError(f"{path}:{number}: no geonameid in column 2") from None
        if geonameid not in ids or cols[2] in SKIPPED_NAME_TYPES or not cols[3].strip():
            continue
        if writer.add_names(f"geonames:{geonameid}", [cols[3]]):
            added += 1
        if number % 2_000_000 == 0:
            say(f"  {number:,} alternate-name lines read")
    return added


# --- vector layers ----------------------------------------------------------------------


def import_vector(
    source: str | Path,
    name: str | None = None,
    name_field: str = "name",
    alt_name_fields: Iterable[str] | None = None,
    kind: str | None = None,
    kind_field: str | None = None,
    id_field: str | None = None,
    country: str | None = None,
    replace: bool = False,
    dest: str | Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Compile a vector layer (GeoJSON, Shapefile, ...) into an imported layer.

    Features with the same id (``id_field``), or else the same name and kind, become one
    place whose geometry is their union: Natural Earth splits a river at lakes, and the
    resolver wants the whole river.

    Parameters
    ----------
    name_field : str
        The field with each feature's name; features without one are skipped.
    alt_name_fields : iterable of str, optional
        More name fields. By default every other text field whose name starts with
        ``name`` (``name_en``, ``name_alt``...).
    kind, kind_field : str, optional
        One kind for every feature ("river"), or a field holding it (Natural Earth's
        ``featurecla``); default "feature".
    id_field : str, optional
        A field with stable ids; by default ids are made from the names.
    country : str, optional
        ISO 3166 alpha-2 code for every feature.
    """
    import geopandas as gpd
    import pandas as pd
    import shapely
    from shapely.geometry import mapping

    source = Path(source)
    say = progress or (lambda message: None)
    layer = name or _stem(source)
    target = Path(dest) if dest else _target(layer, replace)
    try:
        frame = gpd.read_file(source)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise GazetteerError(f"{source}: cannot read it as a vector layer ({exc})") from None
    fields = [c for c in frame.columns if c != frame.geometry.name]
    for wanted in (name_field, kind_field, id_field):
        if wanted and wanted not in fields:
            raise GazetteerError(
                f"{source}: no field {wanted!r}; its fields are {', '.join(fields)}"
            )
    if alt_name_fields is None:
        alt_name_fields = [
            c
            for c in fields
            if c != name_field
            and c.lower().startswith("name")
            and (frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c]))
        ]
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    groups: dict[str, dict] = {}
    skipped: Counter[str] = Counter()
    for row in frame.itertuples(index=False):
        values = row._asdict()
        title = _text(values.get(name_field))
        geometry = values.get(frame.geometry.name)
        if not title:
            skipped[f"no name in {name_field!r}"] += 1
            continue
        if geometry is None or geometry.is_empty:
            skipped["no geometry"] += 1
            continue
        if not _geometry_on_the_globe(geometry):
            skipped["coordinates not on the globe (or not numbers)"] += 1
            continue
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry)  # a self-intersecting ring, a bow tie
        feature_kind = kind or _vector_kind(values.get(kind_field) if kind_field else None)
        key = _text(values.get(id_field)) if id_field else f"{fold(title)}|{feature_kind}"
        group = groups.setdefault(
            key, {"name": title, "kind": feature_kind, "names": set(), "parts": []}
        )
        group["names"].add(title)
        group["names"].update(
            part.strip()
            for field in alt_name_fields
            for part in re.split(r"[;|]", _text(values.get(field)))
            if part.strip()
        )
        group["parts"].append(geometry)
    for reason, number in sorted(skipped.items()):
        say(f"skipped {number:,} feature{'s' * (number != 1)} of {source.name}: {reason}")
    if not groups:
        raise GazetteerError(f"{source}: no feature has a name in field {name_field!r}")
    with IndexWriter(target) as writer:
        for key, group in sorted(groups.items()):
            try:
                merged = shapely.union_all(group["parts"])
            except shapely.errors.GEOSException as exc:
                say(f"skipped {group['name']!r} of {source.name}: its geometry is broken ({exc})")
                continue
            if merged.geom_type == "MultiLineString":
                merged = shapely.line_merge(merged)
            merged = shapely.set_precision(merged, 1e-6)
            point = _representative(merged)
            place_key = slug(key)
            writer.add(
                PlaceRecord(
                    id=f"{layer}:{place_key}",
                    name=group["name"],
                    kind=group["kind"],
                    lon=point.x,
                    lat=point.y,
                    source=f"import:{source.name}",
                    country=country,
                    geometry=None if merged.geom_type == "Point" else mapping(merged),
                    names=group["names"],
                )
            )
        say(f"{len(groups):,} places from {source.name}")
        meta = {"recipe": f"import:{_file_signature(source)}", "source": str(source)}
        return writer.finish(meta)


def _on_the_globe(lon: float, lat: float) -> bool:
    """Whether a point is a real place: finite, latitude -90..90, longitude -180..180."""
    return math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90


def _geometry_on_the_globe(geometry: Any) -> bool:
    """Whether every coordinate of ``geometry`` is on the globe (its bounds say so)."""
    west, south, east, north = geometry.bounds
    return _on_the_globe(west, south) and _on_the_globe(east, north)


def _representative(geometry):
    """A point on the geometry: the middle of a line, a point inside an area."""
    if geometry.geom_type in ("LineString", "MultiLineString"):
        return geometry.interpolate(0.5, normalized=True)
    return geometry.representative_point()


def _vector_kind(value: object) -> str:
    text = _text(value).lower()
    if not text:
        return "feature"
    return VECTOR_KINDS.get(text, text)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return ""
    return str(value).strip()


# --- files ------------------------------------------------------------------------------


def _stem(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem) or "layer"


@contextlib.contextmanager
def _open_text(path: Path) -> Iterator[IO[str]]:
    """Open a text file, or the one ``.txt`` inside a ``.zip`` (as GeoNames serves them)."""
    if not path.is_file():
        raise GazetteerError(f"{path}: no such file")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and "readme" not in m]
            if len(members) != 1:
                raise GazetteerError(f"{path}: expected one data .txt inside, found {members}")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8")
        return
    with open(path, encoding="utf-8") as handle:
        yield handle


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The numbered lines of a UTF-8 text file (or zipped one), with a clear decode error."""
    with _open_text(path) as handle:
        number = 0
        try:
            for number, line in enumerate(handle, start=1):
                yield number, line
        except UnicodeDecodeError as exc:
            raise GazetteerError(f"{path}:{number + 1}: not UTF-8 text ({exc.reason})") from None


def _file_signature(*paths: str | Path | None) -> str:
    """Changes when any of ``paths`` changes (name, size, modification time)."""
    parts = []
    for path in paths:
        if path:
            stat = Path(path).stat()
            parts.append(f"{Path(path).name}:{stat.st_size}:{int(stat.st_mtime)}")
    return ";".join(parts)
