"""The outputs of a whole store, assembled from parts kept in the store.

An event with a place has a feature in the events layer and a record in the map; a place
mentioned has a feature in the places layer, a record in the map and, for rivers and
areas, a shape. Each of these parts depends on one event or one place only, so it is made
once and stored (schema 5). After an update only the parts of new events and of places
whose mentions changed are made; the rest are read back in order, so publishing costs in
proportion to what changed (plus reading and writing the files). The front line and the
bridges depend on how events combine: they are recomputed, from the events that can
change them only (control claims and bridge reports).

The result is the same, byte for byte, as building everything in memory from the whole
store (:func:`geomap.export.export_layers`, :func:`geomap.mapdata.map_data`); the tests
check that after adding articles and changing one (which takes away what it named before).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from .bridges import bridge_features
from .events import CROSSING_KINDS
from .export import collection_chunks, export_files, feature_line, place_summaries
from .frontline import CLAIM_TYPES, ControlClaim, control_claims, frontline_features
from .mapdata import (
    QUOTES_PER_PLACE,
    UNDRAWN_CERTAINTY,
    area_features,
    assemble,
    event_record,
    mention_quotes,
    named_places,
    place_record,
)
from .model import Article, Event, Mention, Place
from .store import Store

#: The events that can change the front line or the bridge layer: their types, and the
#: kinds of place (crossings) any event at which is a bridge reference.
LAYER_EVENT_TYPES = CLAIM_TYPES | {"bridge_destroyed", "statement/held"}

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class StoreLayers:
    """The four layers of a store as GeoJSON feature lines, by layer name (``events``,
    ``places``, ``frontline``, ``bridges``), and the parts the overview map is made of."""

    lines: dict[str, Iterable[str]]
    frontline: list[dict[str, Any]]
    bridges: list[dict[str, Any]]
    #: JSON texts of the map's records of drawn events, of places and of areas named.
    event_records: list[str]
    place_records: list[str]
    areas: list[str]
    #: Events with a place: drawn, or not (reported as negated or expected).
    located_events: int

    def files(self, fmt: str) -> dict[str, bytes]:
        """The files of one export format (see :func:`geomap.export.export_files`)."""
        if fmt == "geojson":
            return {
                f"{n}.geojson": "".join(collection_chunks(x)).encode()
                for n, x in self.lines.items()
            }
        if fmt == "geojsonl":
            return {
                f"{n}.geojsonl": "".join(f + "\n" for f in x).encode()
                for n, x in self.lines.items()
            }
        return export_files({name: _json_list(x) for name, x in self.lines.items()}, fmt)


@functools.cache
def code_version() -> str:
    """A hash of geomap's own files: a new version may make the same data differently."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".js", ".css", ".so") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _without_cyclic_gc(function: Callable[P, T]) -> Callable[P, T]:
    """Run ``function`` with Python's cyclic garbage collector paused: publishing makes
    millions of small objects that live until it ends, and the collector would scan them
    again and again (a fifth of the time) to find no garbage."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> T:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


@_without_cyclic_gc
def store_layers(
    store: Store, banks: Sequence[Place], layer_events: Sequence[Event] | None = None
) -> StoreLayers:
    """The layers of everything ``store`` holds, making the parts that are missing first.
    ``banks`` are the gazetteer's river banks (for the front line); ``layer_events`` are
    the :func:`store_layer_events`, when already loaded."""
    make_parts(store)
    records: list[str] = []
    located = 0
    for _, record in store.event_parts():
        located += 1
        if record is not None:
            records.append(record)
    place_records, areas = [], []
    for _, record, area in store.place_parts():
        if record is not None:
            place_records.append(record)
        if area is not None:
            areas.append(area)
    if layer_events is None:
        layer_events = store_layer_events(store)
    frontline = frontline_features(layer_events, banks, store.last_date(), store.sides())
    bridges = bridge_features(layer_events)
    lines: dict[str, Iterable[str]] = {
        # read from the store again when written: a store's events layer is hundreds of
        # MB, not to be held while the map is made
        "events": StoredLines(lambda: (feature for feature, _ in store.event_parts())),
        "places": StoredLines(
            lambda: (feature for feature, _, _ in store.place_parts() if feature is not None)
        ),
        "frontline": [feature_line(f) for f in frontline],
        "bridges": [feature_line(f) for f in bridges],
    }
    return StoreLayers(
        lines, frontline, bridges, records, place_records, areas, located_events=located
    )


class StoredLines:
    """A layer's GeoJSON feature lines as the store keeps them, read anew each time they
    are iterated (while the store is open)."""

    def __init__(self, read: Callable[[], Iterable[str]]) -> None:
        self._read = read

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())


@_without_cyclic_gc
def store_map_data(
    store: Store, layers: StoreLayers, article_maps: dict[str, str] | None = None
) -> dict[str, Any]:
    """The overview map's data (see :func:`geomap.mapdata.assemble`; no basemap yet) of
    everything ``store`` holds, from its ``layers``; ``article_maps`` links popups to each
    article's own map."""
    event_records = _json_list(layers.event_records)
    return assemble(
        event_records,
        _json_list(layers.place_records),
        frontline=layers.frontline,
        bridges=layers.bridges,
        areas=_json_list(layers.areas),
        event_sides=set(store.sides(located=True, leave_out=UNDRAWN_CERTAINTY)),
        not_drawn=layers.located_events - len(event_records),
        articles={a.id: a for a in store.articles(with_text=False)},
        article_maps=article_maps,
    )


def store_layer_events(store: Store) -> list[Event]:
    """The stored events that can change the front line or the bridge layer."""
    return store.events(types=LAYER_EVENT_TYPES, place_kinds=CROSSING_KINDS)


def store_claims(store: Store, layer_events: Sequence[Event]) -> list[ControlClaim]:
    """The control claims of everything ``store`` holds, from its
    :func:`store_layer_events` (and the sides of all its events)."""
    return control_claims(layer_events, store.sides())


def make_parts(store: Store) -> tuple[int, int]:
    """Make and store the parts that are missing or stale (all of them when another
    geomap version made the stored ones); returns how many events and places had theirs
    made."""
    version = code_version()
    if store.parts_version() != version:
        store.drop_parts(version)
    events = store.events_without_parts()
    store.save_event_parts(_event_parts(event) for event in events)
    place_ids = store.places_without_parts()
    if place_ids:
        store.save_place_parts(place_ids, _place_parts(store, place_ids))
    return len(events), len(place_ids)


def _event_parts(event: Event) -> tuple[str, str, str | None]:
    drawn = event.certainty not in UNDRAWN_CERTAINTY
    record = _json(event_record(event)) if drawn else None
    return event.event_id, feature_line(event.__geo_interface__), record


def _place_parts(
    store: Store, place_ids: Sequence[str]
) -> list[tuple[str, str | None, str | None, str | None]]:
    """``(place id, feature, map record, area)`` of the places of ``place_ids`` (all
    ``None`` for a place no longer mentioned or named only as a demonym), made as :func:`geomap.mapdata.map_data` and
    :func:`geomap.export.place_summaries` make them from all mentions."""
    by_place: dict[str, list[Mention]] = defaultdict(list)
    for mention in store.mentions(place_ids=place_ids):
        assert mention.place is not None
        by_place[mention.place.id].append(mention)
    # A place's quotes come from the first articles naming it: only those are read whole.
    quoted: set[str] = set()
    for group in by_place.values():
        firsts = dict.fromkeys(m.article_id for m in named_places(group))
        quoted.update(list(firsts)[:QUOTES_PER_PLACE])
    named_in = {m.article_id for group in by_place.values() for m in group}
    articles: dict[str, Article] = store.articles_by_id(named_in - quoted, with_text=False)
    articles.update(store.articles_by_id(quoted))
    parts = []
    for place_id in place_ids:
        group = by_place.get(place_id, [])
        features = place_summaries(group, articles)
        named = named_places(group)
        record = area = None
        if named:
            place = named[-1].place
            assert place is not None
            [summary] = place_summaries(named, articles)
            quotes = mention_quotes(named, articles)[place_id]
            record = _json(place_record(place, summary["properties"], quotes))
            shapes = area_features([place])
            area = _json(shapes[0]) if shapes else None
        feature = feature_line(features[0]) if features else None
        parts.append((place_id, feature, record, area))
    return parts


def _json_list(texts: Iterable[str]) -> list[Any]:
    """The values of JSON ``texts``, parsed at once (much faster than one by one)."""
    return json.loads("[" + ",".join(texts) + "]")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
