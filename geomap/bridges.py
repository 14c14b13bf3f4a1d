"""Bridge references: every bridge or dam the articles name or describe, with its status.

A feature per crossing of the gazetteer that events refer to (named, "the Antonivskyi
Bridge", or described, "the only bridge that connected Kherson city to the eastern bank"),
with its latest reported status (``destroyed``, ``damaged``, ``intact`` or ``mentioned``),
dates and sources; and a feature per report of bridges destroyed that names none of them
("at least seven bridges"), at the place it is reported near, with the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .events import CROSSING_KINDS, event_sources
from .model import Event, Place

#: How much a status says, for choosing what one day's reports add up to.
_STATUS_WEIGHT = {"destroyed": 3, "damaged": 2, "intact": 1, "mentioned": 0}


def bridge_features(events: Sequence[Event]) -> list[dict[str, Any]]:
    """GeoJSON features of the bridge references among ``events`` (facts only: negated and
    expected reports are left out)."""
    return [feature for _, _, _, feature in sorted(bridge_parts(events), key=lambda p: p[1])]


def bridge_parts(events: Sequence[Event]) -> list[tuple[str, str, Place, dict[str, Any]]]:
    """The features of :func:`bridge_features` with what keeps them apart in a store:
    ``(key, sort key, place, feature)``, keyed ``place:ID`` for a crossing of the
    gazetteer (made from all its reports) and ``event:ID`` for a report of unnamed
    bridges; in no order."""
    named: dict[str, list[Event]] = {}
    unnamed: list[Event] = []
    for event in events:
        place = event.place
        if place is None or event.certainty in ("negated", "expected"):
            continue
        if place.kind in CROSSING_KINDS:
            named.setdefault(place.id, []).append(event)
        elif event.event_type == "bridge_destroyed":
            unnamed.append(event)
    parts = []
    for place_id, reports in named.items():
        group = sorted(reports, key=_order)
        place = group[0].place
        assert place is not None
        counts = [e.quantity for e in group if e.quantity]
        latest = max(group, key=lambda e: (_order(e), _STATUS_WEIGHT.get(_status(e), 0)))
        feature = _feature(
            place.lon,
            place.lat,
            {
                "bridge_id": place_id,
                "name": place.name,
                "kind": place.kind,
                "status": _status(latest),
                "status_date": _date(latest),
                "identified_by": "name" if latest.geo_precision == 1 else "description",
                "count": max(counts) if counts else None,
            },
            group,
        )
        parts.append((f"place:{place_id}", f"0\x1f{place_id}", place, feature))
    for event in unnamed:
        place = event.place
        assert place is not None
        feature = _feature(
            place.lon,
            place.lat,
            {
                "bridge_id": None,
                "name": f"bridges near {place.name}",
                "kind": "bridge",
                "status": event.sub_type or "destroyed",
                "status_date": _date(event),
                "identified_by": None,
                "count": event.quantity,
            },
            [event],
        )
        date, article_id, quote_start = _order(event)
        order = f"1\x1f{date}\x1f{article_id}\x1f{quote_start:012d}\x1f{event.event_id}"
        parts.append((f"event:{event.event_id}", order, place, feature))
    return parts


def _status(event: Event) -> str:
    if event.event_type == "bridge_destroyed":
        return event.sub_type or "destroyed"
    return event.sub_type if event.sub_type in _STATUS_WEIGHT else "mentioned"


def _date(event: Event) -> str | None:
    return event.event_date.isoformat() if event.event_date else None


def _order(event: Event) -> tuple[str, str, int]:
    return (_date(event) or "", event.article_id, event.quote_start)


def _feature(
    lon: float, lat: float, properties: dict[str, Any], events: Sequence[Event]
) -> dict[str, Any]:
    dates = sorted(d for e in events if (d := _date(e)))
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            **properties,
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "references": len(events),
            **event_sources(events),
        },
    }
