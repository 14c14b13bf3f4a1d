"""The small immutable records that flow through the pipeline.

Coordinates are ``(lon, lat)`` in WGS84 everywhere. Each record with a location implements
``__geo_interface__`` so shapely, geopandas and other GIS tools can read it directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

#: Whether this module was compiled by mypyc (see setup.py).
COMPILED = not __file__.endswith(".py")


def _rebuilt(record: Any) -> tuple[Any, ...]:
    """How pickle rebuilds a record: by calling its class with its fields. Compiled by
    mypyc, a frozen record is not rebuilt by pickle's default (which sets each field, and a
    frozen class refuses), and ``--workers`` and the Dask engine send records between
    processes."""
    from dataclasses import fields

    return (type(record), tuple(getattr(record, f.name) for f in fields(record)))


@dataclass(frozen=True)
class Article:
    """One news article as read from a source.

    ``text`` is exactly what was read (for a dated text file, the whole file, date line
    included), so character offsets of mentions index into it directly.
    """

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    #: Who wrote it, as the source says (a page's byline, a feed item's author).
    author: str | None = None
    #: What it was read from: ``text``, ``jsonl``, ``html``, ``feed``, ``telegram``,
    #: ``csv``, ``tsv`` or ``parquet`` (see :mod:`geomap.sources`).
    source_kind: str | None = None
    #: Its language (ISO 639-1: ``en``, ``uk``, ``ru``...), as given or as detected.
    lang: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt(self)


class ArticleHeading(NamedTuple):
    """What a list of sources shows of an article (its ISO date, title, address and file):
    read for the tens of thousands of articles a map's data cites, where making whole
    :class:`Article` objects took a third of the time."""

    id: str
    date: str | None
    title: str | None
    url: str | None
    path: str | None

    @classmethod
    def of(cls, article: Article) -> ArticleHeading:
        date = article.date.isoformat() if article.date else None
        return cls(article.id, date, article.title, article.url, article.path)


@dataclass(frozen=True)
class Place:
    """A gazetteer record: a named place with a representative point.

    ``geometry`` is an optional GeoJSON geometry mapping (a river as a line, a bank as an
    area); ``lon``/``lat`` is always a representative point.
    """

    id: str
    name: str
    kind: str
    lon: float
    lat: float
    country: str | None = None
    admin1: str | None = None
    population: int = 0
    geometry: Mapping[str, Any] | None = field(default=None, compare=False, hash=False, repr=False)

    def __init__(
        self,
        id: str,
        name: str,
        kind: str,
        lon: float,
        lat: float,
        country: str | None = None,
        admin1: str | None = None,
        population: int = 0,
        geometry: Mapping[str, Any] | None = None,
    ) -> None:
        # Written out, not left to the dataclass: its __init__ sets each field through
        # object.__setattr__, which cost more than the rest of a gazetteer lookup. Compiled,
        # the fields are a native class's slots; in Python, the instance's dict.
        if COMPILED:
            self.id = id  # type: ignore[misc]
            self.name = name  # type: ignore[misc]
            self.kind = kind  # type: ignore[misc]
            self.lon = lon  # type: ignore[misc]
            self.lat = lat  # type: ignore[misc]
            self.country = country  # type: ignore[misc]
            self.admin1 = admin1  # type: ignore[misc]
            self.population = population  # type: ignore[misc]
            self.geometry = geometry  # type: ignore[misc]
        else:
            self.__dict__.update(
                id=id,
                name=name,
                kind=kind,
                lon=lon,
                lat=lat,
                country=country,
                admin1=admin1,
                population=population,
                geometry=geometry,
            )

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt(self)

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Place:
        """A place from a row of all nine fields in order (the gazetteer's records)."""
        return cls(*row)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": dict(self.geometry) if self.geometry else point(self.lon, self.lat),
            "properties": {
                "place_id": self.id,
                "name": self.name,
                "kind": self.kind,
                "country": self.country,
                "admin1": self.admin1,
                "population": self.population,
                "lon": self.lon,
                "lat": self.lat,
            },
        }


#: Prefix of the ids of the gazetteer's demonym records: "demonym:" + the country's id.
DEMONYM_PREFIX = "demonym:"

#: How a mention uses its place name (see :class:`Mention`).
MENTION_ROLES = ("location", "modifier", "metonym", "demonym")


@dataclass(frozen=True)
class Mention:
    """A place name found in an article, with the place it resolved to (or ``None``).

    ``start``/``end`` are Unicode code point offsets into ``Article.text``.
    ``literal`` is False for metonyms and comparisons ("a victory for Kyiv").
    ``alternatives`` holds runner-up ``(place_id, score)`` pairs, best first.
    ``role`` says how the text uses the name, one of :data:`MENTION_ROLES`: ``"location"``
    (where something is), ``"modifier"`` (part of another name: "Ohio" in "Ohio Department
    of Transportation"), ``"metonym"`` (non-literal: "Moscow said", "the size of Belgium")
    or ``"demonym"`` ("Russian", resolved to its country, kept apart from place names).
    """

    article_id: str
    start: int
    end: int
    text: str
    place: Place | None = None
    score: float = 0.0
    literal: bool = True
    alternatives: tuple[tuple[str, float], ...] = ()
    role: str = "location"

    def __init__(
        self,
        article_id: str,
        start: int,
        end: int,
        text: str,
        place: Place | None = None,
        score: float = 0.0,
        literal: bool = True,
        alternatives: tuple[tuple[str, float], ...] = (),
        role: str = "location",
    ) -> None:
        # Written out for speed, as Place.__init__ is.
        if COMPILED:
            self.article_id = article_id  # type: ignore[misc]
            self.start = start  # type: ignore[misc]
            self.end = end  # type: ignore[misc]
            self.text = text  # type: ignore[misc]
            self.place = place  # type: ignore[misc]
            self.score = score  # type: ignore[misc]
            self.literal = literal  # type: ignore[misc]
            self.alternatives = alternatives  # type: ignore[misc]
            self.role = role  # type: ignore[misc]
        else:
            self.__dict__.update(
                article_id=article_id,
                start=start,
                end=end,
                text=text,
                place=place,
                score=score,
                literal=literal,
                alternatives=alternatives,
                role=role,
            )

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt(self)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        geometry = point(self.place.lon, self.place.lat) if self.place else None
        return {
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "article_id": self.article_id,
                "start": self.start,
                "end": self.end,
                "text": self.text,
                "literal": self.literal,
                "role": self.role,
                "score": self.score,
                "place_id": self.place.id if self.place else None,
                "place_name": self.place.name if self.place else None,
            },
        }


@dataclass(frozen=True)
class Event:
    """Something reported to have happened at a place, with the quote it came from.

    Field names follow ACLED/UCDP conventions (see the README's event table):
    ``time_precision`` 1 day, 2 week, 3 month; ``geo_precision`` 1 the place itself,
    2 near it, 3 a region's centre, 4 a country. ``place_role`` says how the event involves
    its place: ``at``, ``from`` (withdrawn from), ``to`` (moved to) or ``near``.
    ``actor1_side``/``actor2_side`` are the ISO country codes the actors belong to, when
    known; ``sub_type`` refines the type (``capture`` vs ``advance``; a bridge's status:
    ``destroyed``, ``damaged``, ``intact``); ``quantity`` is the count the quote gives
    ("at least seven bridges" → 7, with ``quantity_text``). ``report_count`` is how many
    sentences of the article tell the event, ``report_quotes`` the others' quotes
    (" | "-separated).
    """

    event_id: str
    event_type: str
    article_id: str
    quote: str
    quote_start: int
    quote_end: int
    place: Place | None = None
    place_name_as_written: str | None = None
    event_date: dt.date | None = None
    time_precision: int = 3
    geo_precision: int = 1
    certainty: str = "reported"
    actor1: str | None = None
    actor2: str | None = None
    source_url: str | None = None
    sub_type: str | None = None
    place_role: str = "at"
    actor1_side: str | None = None
    actor2_side: str | None = None
    quantity: int | None = None
    quantity_text: str | None = None
    report_count: int = 1
    report_quotes: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt(self)

    @property
    def negated(self) -> bool:
        return self.certainty == "negated"

    def properties(self) -> dict[str, Any]:
        """Flat, scalar properties as written to GeoJSON and other exports."""
        place = self.place
        return {
            "event_id": self.event_id,
            "event_type": self.event_type,
            "sub_type": self.sub_type,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "certainty": self.certainty,
            "negated": self.negated,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "actor1_side": self.actor1_side,
            "actor2_side": self.actor2_side,
            "place_role": self.place_role,
            "place_id": place.id if place else None,
            "place_name": place.name if place else None,
            "place_name_as_written": self.place_name_as_written,
            "place_kind": place.kind if place else None,
            "admin1": place.admin1 if place else None,
            "country": place.country if place else None,
            "lon": place.lon if place else None,
            "lat": place.lat if place else None,
            "geo_precision": self.geo_precision,
            "quantity": self.quantity,
            "quantity_text": self.quantity_text,
            "article_id": self.article_id,
            "source_url": self.source_url,
            "quote": self.quote,
            "quote_start": self.quote_start,
            "quote_end": self.quote_end,
            "report_count": self.report_count,
            "report_quotes": self.report_quotes,
        }

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        place = self.place
        return {
            "type": "Feature",
            "id": self.event_id,
            "geometry": point(place.lon, place.lat) if place else None,
            "properties": self.properties(),
        }


def point(lon: float, lat: float) -> dict[str, Any]:
    """A GeoJSON Point for ``(lon, lat)``."""
    return {"type": "Point", "coordinates": [lon, lat]}
