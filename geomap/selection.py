"""Which part of a store a map shows: dates, event types, an area, some articles.

A :class:`Selection` is what ``geomap map --since/--until/--type/--bbox`` ask for. Events
are kept by their own date (undated events by their article's date); place mentions by
their article's date. With no bounds set, everything is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .errors import SelectionError
from .events import EVENT_TYPE_BY_CODE
from .model import Article, Event, Mention, Place

BBox = tuple[float, float, float, float]


#: Every event type code a filter accepts.
TYPE_CODES = tuple(EVENT_TYPE_BY_CODE)


@dataclass(frozen=True)
class Selection:
    """Bounds on what a map shows; ``None`` or empty means unbounded."""

    since: dt.date | None = None
    until: dt.date | None = None
    types: frozenset[str] = frozenset()
    bbox: BBox | None = None
    article_ids: frozenset[str] | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.types) - set(TYPE_CODES))
        if unknown:
            raise SelectionError(
                f"unknown event type {', '.join(unknown)}; known: {', '.join(TYPE_CODES)}"
            )
        if self.since and self.until and self.since > self.until:
            raise SelectionError(f"--since {self.since} is after --until {self.until}")

    @property
    def is_everything(self) -> bool:
        return self == Selection()

    def describe(self) -> str:
        """A short human description, for titles ("" when unbounded)."""
        parts = []
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        if self.types:
            parts.append(", ".join(sorted(self.types)))
        if self.bbox:
            parts.append("in " + ",".join(f"{v:g}" for v in self.bbox))
        return "; ".join(parts)

    def _dated(self, date: dt.date | None) -> bool:
        if date is None:
            return not (self.since or self.until)
        return (self.since is None or date >= self.since) and (
            self.until is None or date <= self.until
        )

    def _inside(self, place: Place | None) -> bool:
        if self.bbox is None:
            return True
        if place is None:
            return False
        west, south, east, north = self.bbox
        return west <= place.lon <= east and south <= place.lat <= north

    def _article(self, article_id: str) -> bool:
        return self.article_ids is None or article_id in self.article_ids

    def events(
        self, events: Sequence[Event], articles: Mapping[str, Article] | None = None
    ) -> list[Event]:
        """The events inside every bound. An undated event (background the text does not
        date) is outside any date bound. ``articles`` is accepted for symmetry with
        :meth:`mentions`."""
        kept = []
        for event in events:
            if (
                self._article(event.article_id)
                and (not self.types or event.event_type in self.types)
                and self._dated(event.event_date)
                and self._inside(event.place)
            ):
                kept.append(event)
        return kept

    def mentions(
        self, mentions: Sequence[Mention], articles: Mapping[str, Article]
    ) -> list[Mention]:
        """The mentions of articles inside the date bounds, at places inside the box."""
        kept = []
        for mention in mentions:
            article = articles.get(mention.article_id)
            if (
                self._article(mention.article_id)
                and self._dated(article.date if article else None)
                and self._inside(mention.place)
            ):
                kept.append(mention)
        return kept

    def for_article(self, article_id: str) -> Selection:
        """The same bounds, narrowed to one article."""
        return Selection(self.since, self.until, self.types, self.bbox, frozenset({article_id}))


def parse_bbox(text: str) -> BBox:
    """``"W,S,E,N"`` in degrees → a box, checked."""
    parts = text.replace(" ", "").split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise SelectionError(
            f"--bbox {text!r}: expected four numbers WEST,SOUTH,EAST,NORTH, e.g. 31.5,46,34,47.5"
        ) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise SelectionError(
            f"--bbox {text!r}: need -180 <= WEST < EAST <= 180 and -90 <= SOUTH < NORTH <= 90"
        )
    return west, south, east, north


def parse_types(values: Collection[str]) -> frozenset[str]:
    """Event type codes from ``--type`` values (each may be comma-separated)."""
    return frozenset(code.strip() for value in values for code in value.split(",") if code.strip())
