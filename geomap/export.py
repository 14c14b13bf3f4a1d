"""Exports: GeoJSON (RFC 7946), GeoJSON Lines, GeoPackage and CSV of the four layers.

The layers are events, places, the front line and bridges. GeoJSON coordinates are
``[lon, lat]`` in WGS84 with six decimals, polygons follow the right-hand rule (exterior
rings counter-clockwise), there is no ``crs`` member, properties are flat scalars with ISO
8601 dates, and features come one per line so a regenerated file diffs cleanly. CSV has
``lon``/``lat`` columns (a representative point for lines and areas, with their shape as
``wkt``). The GeoPackage is written by geopandas/pyogrio, one layer per kind.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from .model import Article, Event, Mention, Place

COORDINATE_DECIMALS = 6


EXPORT_FORMATS = ("geojson", "geojsonl", "gpkg", "csv")
GEOPACKAGE_NAME = "geomap.gpkg"


def feature_collection(features: Iterable[Mapping[str, Any]]) -> str:
    """A GeoJSON FeatureCollection as text, one feature per line."""
    return collection_of_lines([feature_line(f) for f in features])


def collection_of_lines(lines: Sequence[str]) -> str:
    """A GeoJSON FeatureCollection of features already written (:func:`feature_line`)."""
    return "".join(collection_chunks(lines))


def collection_chunks(lines: Iterable[str]) -> Iterator[str]:
    """:func:`collection_of_lines` in pieces, to be written without joining them first (a
    store's events layer is hundreds of MB)."""
    yield '{"type":"FeatureCollection","features":[\n'
    some = False
    for line in lines:
        yield ",\n" + line if some else line
        some = True
    yield ("\n" if some else "") + "]}\n"


def events_geojson(events: Sequence[Event]) -> str:
    """The events that have a place, as GeoJSON."""
    return feature_collection(e.__geo_interface__ for e in events if e.place is not None)


def place_summaries(
    mentions: Sequence[Mention], days: Mapping[str, str | None]
) -> list[dict[str, Any]]:
    """One GeoJSON feature per resolved place, with how often and where it is mentioned
    (``days``: the articles' ISO dates, by id: see :func:`article_days`).

    Demonyms ("Russian") are not mentions of a place: they are left out.
    """
    by_place: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.place is not None and mention.role != "demonym":
            by_place[mention.place.id].append(mention)
    features = []
    for place_id in sorted(by_place):
        group = by_place[place_id]
        literal = [m for m in group if m.literal]
        shown = (literal or group)[0]
        place = shown.place
        assert place is not None
        article_ids = sorted({m.article_id for m in group})
        dates = sorted(day for i in article_ids if (day := days.get(i)))
        features.append(
            {
                "type": "Feature",
                "id": place_id,
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "place_id": place_id,
                    "name": place.name,
                    "kind": place.kind,
                    "country": place.country,
                    "admin1": place.admin1,
                    "names_as_written": "; ".join(sorted({m.text for m in group})),
                    "mentions": len(group),
                    "literal_mentions": len(literal),
                    "articles": len(article_ids),
                    "article_ids": ";".join(article_ids),
                    "first_date": dates[0] if dates else None,
                    "last_date": dates[-1] if dates else None,
                    "score": max(m.score for m in group),
                    "lon": place.lon,
                    "lat": place.lat,
                },
            }
        )
    return features


def places_geojson(mentions: Sequence[Mention], articles: Mapping[str, Article]) -> str:
    """The places mentioned, one feature each, as GeoJSON."""
    return feature_collection(place_summaries(mentions, article_days(articles)))


def article_days(articles: Mapping[str, Article]) -> dict[str, str | None]:
    """Each article's ISO date, by id."""
    return {
        i: article.date.isoformat() if article.date else None for i, article in articles.items()
    }


def feature_line(feature: Mapping[str, Any]) -> str:
    """One GeoJSON feature as a line of JSON: rounded, right-hand rings, no spaces."""
    clean = dict(feature)
    clean["geometry"] = _rounded(_right_hand(clean.get("geometry")))
    # Properties are flat (see the module's notes): only their floats need rounding.
    properties = clean.get("properties")
    if properties:
        clean["properties"] = {
            k: round(v, COORDINATE_DECIMALS) if type(v) is float else v
            for k, v in properties.items()
        }
    return compact_json(clean)


def compact_json(value: Any) -> str:
    """``value`` as JSON with no spaces, non-ASCII kept as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _right_hand(geometry: Mapping[str, Any] | None) -> Any:
    """Polygons with counter-clockwise exterior rings and clockwise holes (RFC 7946 3.1.6)."""
    if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return geometry
    from shapely.geometry import MultiPolygon, mapping, shape
    from shapely.geometry.polygon import orient

    shaped = shape(geometry)
    if isinstance(shaped, MultiPolygon):
        shaped = MultiPolygon([orient(p, sign=1.0) for p in shaped.geoms])
    else:
        shaped = orient(shaped, sign=1.0)
    return json.loads(json.dumps(mapping(shaped)))


def export_layers(
    articles: Mapping[str, Article],
    mentions: Sequence[Mention],
    events: Sequence[Event],
    banks: Sequence[Place],
) -> dict[str, list[dict[str, Any]]]:
    """The four layers as GeoJSON features: ``events``, ``places``, ``frontline``,
    ``bridges``."""
    from .bridges import bridge_features
    from .frontline import frontline_features

    last = max((a.date for a in articles.values() if a.date), default=None)
    return {
        "events": [e.__geo_interface__ for e in events if e.place is not None],
        "places": place_summaries(mentions, article_days(articles)),
        "frontline": frontline_features(events, banks, last),
        "bridges": bridge_features(events),
    }


def export_files(layers: Mapping[str, Sequence[Mapping[str, Any]]], fmt: str) -> dict[str, bytes]:
    """The files of one export format, by file name."""
    if fmt == "geojson":
        return {f"{name}.geojson": feature_collection(f).encode() for name, f in layers.items()}
    if fmt == "geojsonl":
        return {
            f"{name}.geojsonl": "".join(feature_line(x) + "\n" for x in f).encode()
            for name, f in layers.items()
        }
    if fmt == "csv":
        return {f"{name}.csv": _csv(f).encode() for name, f in layers.items()}
    if fmt == "gpkg":
        return {GEOPACKAGE_NAME: _geopackage(layers)}
    raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")


def _csv(features: Sequence[Mapping[str, Any]]) -> str:
    import csv
    import io

    from shapely.geometry import shape

    columns: dict[str, None] = {}
    rows = []
    for feature in features:
        props = dict(feature["properties"])
        geometry = _right_hand(feature["geometry"])  # the same rings as in GeoJSON
        row = {k: v for k, v in props.items() if k not in ("lon", "lat")}
        if geometry["type"] == "Point":
            lon, lat = geometry["coordinates"][:2]
            wkt = ""
        else:
            shaped = shape(geometry)
            point = shaped.representative_point()
            lon, lat, wkt = point.x, point.y, shaped.wkt
        row.update(lon=round(lon, COORDINATE_DECIMALS), lat=round(lat, COORDINATE_DECIMALS))
        row["wkt"] = wkt
        columns.update(dict.fromkeys(row))
        rows.append(row)
    buffer = io.StringIO()
    order = [c for c in columns if c not in ("lon", "lat", "wkt")] + ["lon", "lat", "wkt"]
    # RFC 4180's CRLF: with it the csv module quotes a field holding a lone "\r" (article
    # text may), which a reader would take for the end of the row
    writer = csv.DictWriter(buffer, fieldnames=order, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _spreadsheet_safe(row.get(k)) for k in order})
    return buffer.getvalue()


#: What a spreadsheet reads as a formula at the start of a cell (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text: article text starting with "=" (a
    quote such as "=HYPERLINK(...)") gets a leading apostrophe, as OWASP advises; numbers
    are left as they are."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _geopackage(layers: Mapping[str, Sequence[Mapping[str, Any]]]) -> bytes:
    """A GeoPackage with one layer per non-empty layer (an empty one has no geometry type)."""
    import tempfile
    from pathlib import Path

    import geopandas
    import pyogrio

    # GDAL stamps each layer with the time of writing; the latest date the layers report
    # instead, so that the same layers give the same bytes
    dates = [
        value
        for features in layers.values()
        for feature in features
        for key, value in feature["properties"].items()
        if "date" in key and isinstance(value, str) and _ISO_DATE.fullmatch(value)
    ]
    stamp = f"{max(dates, default='2000-01-01')}T00:00:00.000Z"
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / GEOPACKAGE_NAME
            for name, features in layers.items():
                if not features:
                    continue
                oriented = [{**f, "geometry": _right_hand(f["geometry"])} for f in features]
                frame = geopandas.GeoDataFrame.from_features(oriented, crs="EPSG:4326")
                frame.to_file(path, layer=name, driver="GPKG", engine="pyogrio")
            return path.read_bytes() if path.exists() else b""
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, COORDINATE_DECIMALS)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value
