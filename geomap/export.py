"""Exports: GeoJSON (RFC 7946) of events and places, deterministic to the byte.

Coordinates are ``[lon, lat]`` in WGS84 with six decimals, there is no ``crs`` member,
properties are flat scalars with ISO 8601 dates, and features come one per line so a
regenerated file diffs cleanly.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .model import Article, Event, Mention, Place

COORDINATE_DECIMALS = 6


def feature_collection(features: Iterable[Mapping[str, Any]]) -> str:
    """A GeoJSON FeatureCollection as text, one feature per line."""
    lines = [
        json.dumps(_rounded(dict(f)), ensure_ascii=False, separators=(",", ":")) for f in features
    ]
    body = ",\n".join(lines)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if lines else "") + "]}\n"


def events_geojson(events: Sequence[Event]) -> str:
    """The events that have a place, as GeoJSON."""
    return feature_collection(e.__geo_interface__ for e in events if e.place is not None)


def frontline_geojson(
    events: Sequence[Event], banks: Sequence[Place], until: dt.date | None = None
) -> str:
    """Lines of contact, held areas and held places, each dated, as GeoJSON."""
    from .frontline import frontline_features

    return feature_collection(frontline_features(events, banks, until))


def bridges_geojson(events: Sequence[Event]) -> str:
    """Every bridge and dam reference with its status, as GeoJSON."""
    from .bridges import bridge_features

    return feature_collection(bridge_features(events))


def place_summaries(
    mentions: Sequence[Mention], articles: Mapping[str, Article]
) -> list[dict[str, Any]]:
    """One GeoJSON feature per resolved place, with how often and where it is mentioned.

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
        dates = sorted(a.date.isoformat() for i in article_ids if (a := articles.get(i)) and a.date)
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
    return feature_collection(place_summaries(mentions, articles))


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, COORDINATE_DECIMALS)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value
