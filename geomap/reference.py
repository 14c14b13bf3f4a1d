"""A reference front line: areas each side holds as a source the analyst trusts draws them
(DeepStateMap's or ISW's daily polygons, saved as GeoJSON), for the map to draw beside
what the articles say and to mark the control claims that contradict it.

A reference is a GeoJSON file of Polygon or MultiPolygon features, each an area held by
one side: its ``side`` (or ``held_by``, ``controlled_by``) property, else the side given
after the file's name (``--reference occupied.geojson:RU``). A dated series is one file
with a ``date`` (or ``valid_from``, ``day``) property per feature, or one file per date,
named by it (``front-2022-11-15.geojson``); an undated area holds at every date. The map
draws each file's areas as of the date sliders' end date: those of the latest date on or
before it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .basemap import round_geometry
from .errors import GeomapError
from .sources.common import item_date

SIDE_KEYS = ("side", "held_by", "controlled_by")
DATE_KEYS = ("date", "valid_from", "day")
_DATE_IN_NAME = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_SIDE = re.compile(r"[A-Za-z]{2,3}")


class ReferenceError(GeomapError):
    """A reference front line that cannot be read."""


def split_spec(spec: str) -> tuple[Path, str | None]:
    """``FILE`` or ``FILE:SIDE`` (a country code: the side the file's areas are held by)."""
    path, _, side = spec.rpartition(":")
    if path and _SIDE.fullmatch(side) and not Path(spec).exists():
        return Path(path), side.upper()
    return Path(spec), None


def read_references(specs: Sequence[str]) -> list[dict[str, Any]]:
    """The areas of the reference files ``specs`` (see :func:`split_spec`), as GeoJSON
    features with ``side``, ``date`` (ISO, or ``None``) and ``source`` (the file's name)."""
    features: list[dict[str, Any]] = []
    for spec in specs:
        path, given_side = split_spec(spec)
        features += _areas(path, given_side)
    return features


def _areas(path: Path, given_side: str | None) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReferenceError(f"{path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReferenceError(f"{path}: not GeoJSON ({type(exc).__name__})") from None
    items = data.get("features") if isinstance(data, dict) else None
    if isinstance(data, dict) and data.get("type") == "Feature":
        items = [data]
    if not isinstance(items, list):
        raise ReferenceError(f"{path}: not a GeoJSON FeatureCollection")
    named = _DATE_IN_NAME.search(path.stem)
    file_date = _date(named.group(0), str(path)) if named else None
    areas = []
    for number, feature in enumerate(items, start=1):
        if not isinstance(feature, dict):
            raise ReferenceError(f"{path}: feature {number} is not a GeoJSON object")
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue  # points and lines (labels, arrows) are no held area
        if not _has_rings(geometry):
            continue  # an empty polygon holds nothing
        properties = {str(k).lower(): v for k, v in ((feature.get("properties") or {}).items())}
        side = next((str(properties[k]) for k in SIDE_KEYS if properties.get(k)), given_side)
        if side and not _SIDE.fullmatch(side):
            raise ReferenceError(
                f"{path}: feature {number}: side {side[:30]!r} is no country code (RU, UA...), "
                "as the articles' sides are"
            )
        if not side:
            raise ReferenceError(
                f"{path}: feature {number} does not say which side holds it: give each a "
                f"'side' property (a country code), or the side after the file's name: "
                f"--reference {path}:RU"
            )
        raw_date = next((properties[k] for k in DATE_KEYS if properties.get(k)), None)
        date = _date(raw_date, f"{path}: feature {number}") if raw_date else file_date
        areas.append(
            {
                "type": "Feature",
                "geometry": round_geometry(geometry, 4),
                "properties": {
                    "side": side.upper(),
                    "date": date.isoformat() if date else None,
                    "source": path.name,
                },
            }
        )
    if not areas:
        raise ReferenceError(f"{path}: no Polygon or MultiPolygon feature: no held area")
    return areas


def _has_rings(geometry: dict[str, Any]) -> bool:
    """Whether a Polygon or MultiPolygon has an outer ring of four positions or more."""
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    try:
        return any(len(polygon[0]) >= 4 and len(polygon[0][0]) >= 2 for polygon in polygons)
    except (TypeError, IndexError, KeyError):
        return False


def _date(value: object, where: str) -> dt.date:
    text = str(value)
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if compact:
        text = "-".join(compact.groups())
    try:
        found = item_date(text, where)
    except GeomapError as exc:
        raise ReferenceError(str(exc)) from None
    if found is None:
        raise ReferenceError(f"{where}: an empty date")
    return found
