"""An offline basemap from data already on the machine, drawn instead of remote tiles.

* country outlines and coasts from Natural Earth, as the npm package ``world-atlas``
  holds them (fetched once by ``geomap assets install``): at 1:50m for the whole view,
  and at 1:10m (simplified to about 100 m) near the data, drawn from zoom
  :data:`DETAIL_ZOOM` on, where coastal towns must sit on land; without the package, the
  ``countryinfo`` package's outlines (johan's world.geo.json, about 1:50m);
* the gazetteer's own lines and areas in view (rivers, river banks, reservoirs, and any
  boundaries a user imported from Natural Earth or elsewhere);
* labels of the most populous towns in view, ranked so the map shows more as one zooms in.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .gazetteer import BBox, Gazetteer

#: Kinds drawn as shapes when the gazetteer has a line or area for them.
SHAPE_KINDS = (
    "river",
    "canal",
    "lake",
    "reservoir",
    "estuary",
    "bank",
    "sea",
    "admin1",
    "admin2",
    "region",
    "island",
)
LABEL_KINDS = ("city", "town", "village")
LABELS = 150
SHAPES_SCANNED = 100_000
COUNTRY_CREDIT = "Country outlines: world.geo.json (Natural Earth) via countryinfo"
NATURAL_EARTH_CREDIT = "Coasts and borders: Natural Earth (public domain) via world-atlas"
#: From this zoom on an offline map draws the detailed coasts (1:10m) instead of 1:50m.
DETAIL_ZOOM = 7
#: The detailed coasts are simplified to this many degrees (about 100 m): finer than the
#: 1:10m data's own quantisation (about 0.002 degrees), so nothing visible is lost.
DETAIL_TOLERANCE = 0.001


def _topology_features(
    path: Path, bounds: BBox | None, tolerance: float, clip: bool = False
) -> list[dict[str, Any]]:
    """The countries of a world-atlas TopoJSON file meeting ``bounds``, as GeoJSON
    features (``name``, ``iso``: its ISO 3166 alpha-2 code), simplified to ``tolerance``
    degrees; with ``clip``, cut to ``bounds`` (Russia's coasts at 1:10m are megabytes:
    only those near the data are drawn in detail)."""
    import shapely
    from shapely.geometry import box, mapping

    area = box(*bounds) if bounds else None
    features = []
    for number, (name, iso, outline) in enumerate(_outlines(path)):
        if area is not None and not outline.intersects(area):
            continue
        if clip and bounds is not None:
            outline = shapely.clip_by_rect(_valid(path, number), *bounds)
            if outline.geom_type == "GeometryCollection":  # (a clip's lines and points)
                outline = shapely.union_all(
                    [g for g in outline.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
                )
            if outline.is_empty or outline.geom_type not in ("Polygon", "MultiPolygon"):
                continue
        simple = outline.simplify(tolerance, preserve_topology=True)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "iso": iso},
                "geometry": round_geometry(mapping(simple), 4),
            }
        )
    features.sort(key=lambda f: (f["properties"]["iso"], f["properties"]["name"]))
    return features


@functools.cache
def _valid(path: Path, number: int) -> Any:
    """The outline of the ``number``-th country of :func:`_outlines`, a valid polygon:
    Russia's, across the antimeridian, is mended, or a clip of it would fill its whole
    rectangle (mended when first clipped: a tenth of a second each)."""
    import shapely

    outline = _outlines(path)[number][2]
    return outline if outline.is_valid else shapely.make_valid(outline)


@functools.cache
def _outlines(path: Path) -> list[tuple[str, str, Any]]:
    """The countries of a world-atlas TopoJSON file: name, ISO alpha-2 code and outline;
    decoded once per process."""
    from shapely.geometry import shape

    topology = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # delta-encoded, quantised positions
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indices:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part if not points else part[1:])
        return points

    outlines = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        by_type = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}
        rings = by_type.get(geometry.get("type"))
        if not rings:
            continue
        # (quantised, an islet's ring may close on fewer than four positions: left out)
        polygons = [[ring(r) for r in p] for p in rings]
        kept = [[r for r in p if len(r) >= 4] for p in polygons if len(p[0]) >= 4]
        if not kept:
            continue
        outline = shape({"type": "MultiPolygon", "coordinates": kept})
        name = (geometry.get("properties") or {}).get("name", "")
        outlines.append((name, _alpha2(str(geometry.get("id", ""))), outline))
    return outlines


@functools.cache
def _alpha2(numeric: str) -> str:
    """The ISO 3166 alpha-2 code of a numeric one (world-atlas keys countries by it), as
    countryinfo's outlines have it; empty when there is none (Kosovo, Northern Cyprus)."""
    import pycountry

    country = pycountry.countries.get(numeric=numeric.zfill(3)) if numeric.isdigit() else None
    return country.alpha_2 if country else ""


def country_outlines(bounds: BBox | None = None, digits: int = 3) -> dict[str, Any]:
    """A FeatureCollection of country outlines, those meeting ``bounds`` (lon/lat) only.

    Features carry ``name`` and ``iso`` properties and come sorted by ISO code;
    coordinates are rounded to ``digits`` decimals (the outlines are no finer than that).
    """
    import countryinfo
    from shapely.geometry import box, shape

    area = box(*bounds) if bounds else None
    features = []
    for entry in countryinfo.all_countries():
        info = entry.info()
        iso = (info.get("ISO") or {}).get("alpha2")
        collection = info.get("geoJSON") or {}
        for feature in collection.get("features", []):
            geometry = feature.get("geometry")
            if not geometry or not iso:
                continue
            if area is not None and not shape(geometry).intersects(area):
                continue
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": info.get("name", ""), "iso": iso},
                    "geometry": round_geometry(geometry, digits),
                }
            )
    features.sort(key=lambda f: (f["properties"]["iso"], f["properties"]["name"]))
    return {"type": "FeatureCollection", "features": features}


def offline_basemap(bounds: BBox, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Everything an offline map draws under its data, for the area ``bounds``.

    Returns ``{"countries": FeatureCollection, "shapes": FeatureCollection, "labels":
    [[lon, lat, name], ...] most populous first, "credits": [...]}``.
    """
    shapes: list[dict[str, Any]] = []
    labels: list[list[Any]] = []
    if gazetteer is not None:
        from shapely.geometry import box, shape

        area = box(*bounds)
        # By their shape, not their point: a river's point may lie far from where it is seen.
        everywhere = (-180.0, -90.0, 180.0, 90.0)
        for place in gazetteer.places_in(
            everywhere, *SHAPE_KINDS, with_geometry=True, limit=SHAPES_SCANNED
        ):
            assert place.geometry is not None
            if not shape(place.geometry).intersects(area):
                continue
            shapes.append(
                {
                    "type": "Feature",
                    "properties": {"name": place.name, "kind": place.kind},
                    "geometry": round_geometry(place.geometry, 4),
                }
            )
        for place in gazetteer.places_in(bounds, *LABEL_KINDS, min_population=1, limit=LABELS):
            labels.append([round(place.lon, 4), round(place.lat, 4), place.name])
    shapes.sort(key=lambda f: (f["properties"]["kind"], f["properties"]["name"]))
    return {
        **natural_earth(bounds),
        "shapes": {"type": "FeatureCollection", "features": shapes},
        "labels": labels,
    }


def natural_earth(bounds: BBox) -> dict[str, Any]:
    """The outlines an offline map draws for ``bounds``: ``countries`` (1:50m) and, near
    the data, ``coasts`` (1:10m, drawn from zoom ``detail_zoom`` on) from world-atlas when
    installed; else the coarser outlines of countryinfo, and no ``coasts``."""
    from .assets import world_atlas

    coarse, detailed = world_atlas("countries-50m.json"), world_atlas("countries-10m.json")
    if coarse is None or detailed is None:
        return {"countries": country_outlines(bounds), "credits": [COUNTRY_CREDIT]}
    return {
        "countries": {
            "type": "FeatureCollection",
            "features": _topology_features(coarse, bounds, 0.01),
        },
        "coasts": {
            "type": "FeatureCollection",
            "features": _topology_features(
                detailed, _grown(bounds, 1.0), DETAIL_TOLERANCE, clip=True
            ),
        },
        "detail_zoom": DETAIL_ZOOM,
        "credits": [NATURAL_EARTH_CREDIT],
    }


def _grown(bounds: BBox, margin: float) -> BBox:
    west, south, east, north = bounds
    return (west - margin, south - margin, east + margin, north + margin)


def round_geometry(geometry: Any, digits: int) -> Any:
    """A GeoJSON geometry with its coordinates rounded (smaller maps, same picture)."""

    def walk(value: Any) -> Any:
        if isinstance(value, (int, float)):
            return round(float(value), digits)
        return [walk(v) for v in value]

    if geometry.get("type") == "GeometryCollection":
        return {
            "type": "GeometryCollection",
            "geometries": [round_geometry(g, digits) for g in geometry["geometries"]],
        }
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}
