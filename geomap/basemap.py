"""An offline basemap from data already on the machine, drawn instead of remote tiles.

* country outlines from the ``countryinfo`` package (johan's world.geo.json, derived from
  Natural Earth; about 1:50m, enough to see where things are);
* the gazetteer's own lines and areas in view (rivers, river banks, reservoirs, and any
  boundaries a user imported from Natural Earth or elsewhere);
* labels of the most populous towns in view, ranked so the map shows more as one zooms in.
"""

from __future__ import annotations

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
        "countries": country_outlines(bounds),
        "shapes": {"type": "FeatureCollection", "features": shapes},
        "labels": labels,
        "credits": [COUNTRY_CREDIT],
    }


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
