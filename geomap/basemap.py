"""An offline basemap: country outlines from the ``countryinfo`` package.

Used instead of remote tiles when a map is rendered with ``offline=True``. The outlines
are coarse (about 1:50m), enough to see where things are without a network.
"""

from __future__ import annotations

from typing import Any


def country_outlines(bounds: tuple[float, float, float, float] | None = None) -> dict[str, Any]:
    """A FeatureCollection of country outlines, those meeting ``bounds`` (lon/lat) only.

    Features carry ``name`` and ``iso`` properties and come sorted by ISO code.
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
                    "geometry": geometry,
                }
            )
    features.sort(key=lambda f: (f["properties"]["iso"], f["properties"]["name"]))
    return {"type": "FeatureCollection", "features": features}
