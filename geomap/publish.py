"""The outputs of a whole store, written in chunks from parts kept in the store.

An event with a place has a feature in the events layer and a record in the map; a place
mentioned has a feature in the places layer, a record in the map and, for rivers and
areas, a shape; the front line and the bridges have features by place, bank and bridge
(see :mod:`geomap.layers`). Each part is made once and stored, in a chunk:

- events by the day of their date (``2022-11-14``, or ``undated``), at most
  :data:`EVENTS_PER_CHUNK` a chunk: a busy day is in several (``2022-11-14-2``, ...),
  and new events go to its latest, so an update rewrites a few hundred events of each day
  it adds to, however many the store holds;
- places, the front line and bridges by country and square degree (``UA-N46-E032``): new
  reporting touches the squares of the places it names.

The store gives each chunk a new generation whenever one of its parts comes or goes
(:meth:`geomap.store.Store.chunks`), and a chunk's files are rewritten only when its
generation changed, so publishing after an update costs what the update touched:

- ``events/2022-11-14.geojson``, ``places/UA-N46-E032.geojson``,
  ``frontline/UA-N46-E032.geojson``, ``bridges/UA-N46-E032.geojson``: the layers, in
  partitions (the front line's dated to the last report: see :mod:`geomap.layers`);
- ``data/events-2022-11-14.js``, ``data/places-N40-E030.js`` (what is drawn of a
  ten-degree square's places, shapes, front line and bridges): the map's data, as scripts
  the page loads (from ``file://`` too): a day's stored records joined as they are with the
  articles they cite; a square's records each pointing to the details of its one-degree
  tile, ``data/details-UA-N46-E032.js`` (quotes and article rows, two thirds of the bytes),
  which the page reads when a popup first needs them;
- ``data/head.js``: what depends on the whole store: the sides and their colours, the
  drawn dates and the list of chunks; ``data/basemap.js`` when offline;
- ``index.html``: the page, the same whatever the data (written again only when the map
  options or geomap change).

The whole-store files (``events.geojson``, ``places.geojson``, ``frontline.geojson``,
``bridges.geojson``) cost what the store holds: written on request (``run`` asks for
them). The map's script joins the chunks and groups the reports of one event, as one
page of the same data would.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from .export import (
    collection_chunks,
    compact_json,
    export_files,
    feature_line,
    place_summaries,
)
from .frontline import Banks
from .layers import batches, bridge_lines, frontline_lines, layer_last_date, refresh_layers
from .mapdata import (
    LARGE_KINDS,
    QUOTES_PER_PLACE,
    UNDRAWN_CERTAINTY,
    area_features,
    cited_articles,
    event_record,
    heading_rows,
    map_head,
    map_part,
    mention_quotes,
    named_places,
    place_record,
)
from .model import Article, Event, Mention, Place
from .output import OutputDir
from .store import Store

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

#: How many events have their parts made at a time (a store's are all made again after
#: an upgrade; they are not held at once).
PARTS_BATCH = 20_000
#: The layers, each written in chunks (and whole on request); the front line and the
#: bridges are kept by key (see :mod:`geomap.layers`).
CHUNKED_LAYERS = ("events", "places", "frontline", "bridges")
KEYED_LAYERS = ("frontline", "bridges")
DATA_FOLDER = "data"
#: How many events a store's map loads on opening, the latest days first (one day at
#: least); earlier days load when the start date is moved back to them. Months of a busy
#: war's reporting; a browser draws about this many markers in a second.
INITIAL_RECORDS = 30_000
HEAD_NAME = f"{DATA_FOLDER}/head.js"
BASEMAP_NAME = f"{DATA_FOLDER}/basemap.js"
#: An offline basemap reaches to a grid of this many degrees around the events, so that
#: it is made again only when the events reach a new square.
BASEMAP_GRID = 5.0
#: What a country code in a chunk's name may be.
_COUNTRY_CODE = re.compile(r"[A-Za-z0-9]{1,3}")
#: Places (and the front line and bridges) are in chunks by country and by squares of
#: this many degrees: an update rewrites the squares it touched, a few places each.
TILE_DEGREES = 1
#: The map reads them from one file per larger square, whatever the countries in it (see
#: :func:`map_square`).
MAP_SQUARE_DEGREES = 10
#: At most this many events in one chunk: a busy day's events are in several, and an
#: update rewrites the latest of the days it adds to (a few hundred events each), however
#: many the store holds.
EVENTS_PER_CHUNK = 500

P = ParamSpec("P")
T = TypeVar("T")


def event_chunk(event: Event, article_date: dt.date | None = None) -> str:
    """The chunk of an event's parts: the day of its date, else of its article's (an
    undated report then loads with the dated ones of its time), else ``undated``."""
    date = event.event_date or article_date
    return date.isoformat() if date else "undated"


def place_chunk(place: Place | None) -> str:
    """The chunk of a place's parts: its country code (or ``other``) and the square of
    :data:`TILE_DEGREES` it lies in, named by its south-west corner (``UA-N46-E032``)."""
    code = place.country if place is not None else None
    country = code if code and _COUNTRY_CODE.fullmatch(code) else "other"
    if place is None or not (math.isfinite(place.lon) and math.isfinite(place.lat)):
        return country
    return f"{country}-{_square(place.lat, place.lon, TILE_DEGREES)}"


def _square(lat: float, lon: float, degrees: int) -> str:
    """The name of the square of ``degrees`` that holds ``(lat, lon)``, by its south-west
    corner (``N46-E032``)."""
    south = math.floor(lat / degrees) * degrees
    west = math.floor(lon / degrees) * degrees
    return f"{'S' if south < 0 else 'N'}{abs(south):02d}-{'W' if west < 0 else 'E'}{abs(west):03d}"


class _EventChunks:
    """Chunk names for new event parts: the day's (see :func:`event_chunk`), in chunks of
    :data:`EVENTS_PER_CHUNK` at most (``2022-11-14``, ``2022-11-14-2``, ...), new parts
    going to the day's latest."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._latest: dict[str, tuple[int, int]] = {}

    def __call__(self, day: str) -> str:
        if day not in self._latest:
            self._latest[day] = self._store.latest_chunk("events", day)
        number, parts = self._latest[day]
        if parts >= EVENTS_PER_CHUNK:
            number, parts = number + 1, 0
        self._latest[day] = (number, parts + 1)
        return day if number == 1 else f"{day}-{number}"


def partition_name(layer: str, chunk: str) -> str:
    """The file of one chunk of a layer (``events/2022-11-14.geojson``)."""
    return f"{layer}/{chunk}.geojson"


def data_chunk_name(layer: str, chunk: str) -> str:
    """The map's data of one chunk of a layer (``data/events-2022-11-14.js``)."""
    return f"{DATA_FOLDER}/{layer}-{chunk}.js"


def detail_chunk_name(tile: str) -> str:
    """The quotes and article rows of one tile's places, front line and bridges, which the
    map reads when a popup opens (``data/details-UA-N46-E032.js``)."""
    return f"{DATA_FOLDER}/details-{tile}.js"


def chunk_output_name(name: str) -> bool:
    """Whether ``name`` (a file in an output folder) is one of a store's chunked outputs."""
    return name.startswith((f"{DATA_FOLDER}/", *(f"{layer}/" for layer in CHUNKED_LAYERS)))


@dataclass(frozen=True)
class StoreLayers:
    """The four layers of a store as GeoJSON feature lines, by layer name (``events``,
    ``places``, ``frontline``, ``bridges``), read from the store each time they are
    iterated (while it is open)."""

    lines: dict[str, Iterable[str]]

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
def code_version(suffixes: tuple[str, ...] = (".py", ".js", ".css", ".so")) -> str:
    """A hash of geomap's own files (those ending in ``suffixes``): a new version may
    make the same data differently."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in suffixes and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def parts_version() -> str:
    """The version of the code that makes the parts: geomap's Python (the map's script
    and style only read them)."""
    return code_version((".py", ".so"))


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
def store_layers(store: Store, banks: Sequence[Place]) -> StoreLayers:
    """The layers of everything ``store`` holds, making the parts that are missing first.
    ``banks`` are the gazetteer's river banks (for the front line)."""
    make_parts(store, Banks(banks))
    return _stored_layers(store)


def _stored_layers(store: Store) -> StoreLayers:
    """The layers of ``store`` as its parts hold them (made already)."""
    # read from the store when written: a store's events layer is hundreds of MB
    lines: dict[str, Iterable[str]] = {
        "events": StoredLines(lambda: (feature for feature, _ in store.event_parts())),
        "places": StoredLines(
            lambda: (feature for feature, _, _ in store.place_parts() if feature is not None)
        ),
        "frontline": StoredLines(lambda: frontline_lines(store)),
        "bridges": StoredLines(lambda: bridge_lines(store)),
    }
    return StoreLayers(lines)


class StoredLines:
    """A layer's GeoJSON feature lines as the store keeps them, read anew each time they
    are iterated (while the store is open)."""

    def __init__(self, read: Callable[[], Iterable[str]]) -> None:
        self._read = read

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())


@dataclass(frozen=True)
class Publishing:
    """How to publish a store: ``base`` is the fingerprint of everything but the data
    (map options, gazetteer, geomap's code); ``pages`` links popups to each article's own
    map; ``geojson`` writes the layers, ``combined`` also the whole-store
    ``events.geojson`` and ``places.geojson``."""

    base: str
    offline: bool = False
    #: The map's title (the page shows it once its data is read), and the page's own.
    title: str = "geomap"
    page_title: str = "geomap"
    pages: Mapping[str, str] | None = None
    geojson: bool = True
    combined: bool = False
    #: A reference front line's areas, drawn beside the articles' (geomap.reference).
    reference: Sequence[Mapping[str, Any]] = ()


@_without_cyclic_gc
def publish_store(
    store: Store,
    out: OutputDir,
    gazetteer: Gazetteer,
    how: Publishing,
) -> list[Path]:
    """Write the outputs of everything ``store`` holds into ``out`` (see the module):
    only the chunks whose generation changed, the head, the whole layers; returns the
    files written."""
    from .render import render_shell

    make_parts(store, Banks(gazetteer.places_of_kind("bank")))
    written: list[Path] = []
    wanted: set[str] = set()
    present = out.files()  # (what is there: a chunk nothing touched is not looked at)

    def put(name: str, data: bytes | str | Iterable[str]) -> None:
        """Write ``name``; count it as written when its bytes changed."""
        wanted.add(name)
        before = out.recorded(name) if (out.path / name).is_file() else None
        target = out.write(name, data)
        if out.recorded(name) != before:
            written.append(target)

    def write(name: str, fingerprint: str, make: Callable[..., Any], *args: Any, **kw: Any) -> None:
        """Write ``make(*args)`` to ``name`` unless it holds what ``fingerprint`` made."""
        wanted.add(name)
        key = ":" + name
        if not out.made_from(fingerprint, name, key, present):
            out.unmark(key)
            put(name, make(*args, **kw))
            out.mark(fingerprint, key)

    listed = []
    last = layer_last_date(store)
    # the map reads the places, front line and bridges of a larger square from one file
    squares: dict[str, dict[str, int]] = defaultdict(dict)
    with out.deferred():
        for layer in CHUNKED_LAYERS:
            for chunk, (parts, generation) in store.chunks(layer).items():
                if not parts:
                    continue
                fingerprint = _digest(how.base, layer, chunk, str(generation))
                if how.geojson:
                    # the front line's open ends are dated to the last report (see
                    # geomap.layers): its files change with that date too
                    dated = _digest(fingerprint, str(last)) if layer == "frontline" else fingerprint
                    features = functools.partial(_chunk_features, store, layer, chunk, last)
                    write(partition_name(layer, chunk), dated, collection_chunks_of, features)
                by_day = chunk[:1].isdigit() or chunk.startswith("undated")
                if not by_day:
                    squares[map_square(chunk)][f"{layer}/{chunk}"] = generation
                    continue
                name = data_chunk_name(layer, chunk)
                write(name, fingerprint, _chunk_script, store, [(layer, chunk)], how)
                day = chunk[:10] if chunk[:1].isdigit() else None
                listed.append((name, day, parts if layer == "events" else 0))
        for square, generations in sorted(squares.items()):
            # each tile's quotes and article rows in a file of its own, read when a popup
            # opens: an update rewrites the tiles it touched and its squares' drawn parts
            by_tile: dict[str, dict[str, int]] = defaultdict(dict)
            for key, generation in generations.items():
                by_tile[key.split("/", 1)[1]][key] = generation
            versions = {}
            for tile, tile_generations in sorted(by_tile.items()):
                name = detail_chunk_name(tile)
                fingerprint = _digest(how.base, "details", tile, json.dumps(tile_generations))
                chunks = [tuple(key.split("/", 1)) for key in sorted(tile_generations)]
                write(name, fingerprint, _detail_script, store, chunks, how)
                versions[tile] = out.recorded(name)[:16]
            name = data_chunk_name("places", square)
            fingerprint = _digest(how.base, "square", square, json.dumps(generations))
            chunks = [tuple(key.split("/", 1)) for key in sorted(generations)]
            write(name, fingerprint, _square_script, store, chunks, versions)
            listed.append((name, None, 0))
        if how.offline:
            bounds = _on_grid(store.drawn_bounds(LARGE_KINDS))
            fingerprint = _digest(how.base, "basemap", json.dumps(bounds))
            write(BASEMAP_NAME, fingerprint, _basemap_script, bounds, gazetteer)
            listed.append((BASEMAP_NAME, None, 0))
        head = _head(store, last)
        # each chunk named with its content's hash, so that a browser never shows one it
        # cached before (and the head is the same whatever order the articles came in)
        head["chunks"] = [
            {"file": name, "version": out.recorded(name)[:16], "day": day, "records": parts}
            for name, day, parts in listed
        ]
        head["title"] = how.title
        head["dates"] = store.drawn_dates()
        head["initial_records"] = INITIAL_RECORDS
        if how.reference:
            head["reference"] = list(how.reference)
        put(HEAD_NAME, _script_pieces(head))
        page = functools.partial(render_shell, HEAD_NAME, offline=how.offline)
        write("index.html", _digest(how.base, "page"), page, title=how.page_title)
        if how.combined and how.geojson:
            layers = _stored_layers(store)  # (their parts made above)
            for layer in CHUNKED_LAYERS:
                put(f"{layer}.geojson", collection_chunks(layers.lines[layer]))
        # chunks gone from the store, and whole-store layers this publishing did not renew
        for name in out.names():
            if name not in wanted and (
                chunk_output_name(name) or name in {f"{x}.geojson" for x in CHUNKED_LAYERS}
            ):
                out.remove(name)
    return written


def _head(store: Store, last: dt.date | None) -> dict[str, Any]:
    """The map's data that depends on the whole store (see the module)."""
    event_sides = store.sides(drawn=True)
    sides = store.layer_sides("frontline") | set(event_sides)
    head = map_head() | map_part(sides=sorted(sides), not_drawn=store.undrawn_events())
    head["last"] = last.isoformat() if last else None
    return head


def collection_chunks_of(features: Callable[[], Iterable[str]]) -> Iterator[str]:
    """:func:`geomap.export.collection_chunks` of the lines ``features()`` gives (read
    when written)."""
    return collection_chunks(features())


def _chunk_features(store: Store, layer: str, chunk: str, last: dt.date | None) -> Iterator[str]:
    if layer == "events":
        return (feature for feature, _ in store.event_parts(chunk))
    if layer == "frontline":
        return frontline_lines(store, chunk, last)
    if layer == "bridges":
        return bridge_lines(store, chunk)
    return (feature for feature, _, _ in store.place_parts(chunk) if feature is not None)


def map_square(chunk: str) -> str:
    """The map's file for a square's chunk (``UA-N46-E032``): the square of
    :data:`MAP_SQUARE_DEGREES` it lies in (``N40-E030``), of every country: the page
    loads at most a few hundred files (each costs a browser a few milliseconds beyond
    its bytes), however many countries the articles name."""
    match = re.fullmatch(r".+-([NS])(\d+)-([EW])(\d+)", chunk)
    if not match:
        return chunk
    ns, lat, ew, lon = match.groups()
    south, west = int(lat) * (-1 if ns == "S" else 1), int(lon) * (-1 if ew == "W" else 1)
    return _square(south, west, MAP_SQUARE_DEGREES)


def _chunk_script(
    store: Store, chunks: Sequence[tuple[str, str]], how: Publishing
) -> Iterator[str]:
    """The map's data of chunks of a day (``(layer, chunk)``: its drawn events, or its
    bridges) as a script: the stored records joined as they are, and the rows of the
    articles they cite (see :func:`geomap.mapdata.map_part`). Squares are written by
    :func:`_square_script`."""
    parts: dict[str, list[str]] = defaultdict(list)
    cited: list[str] = []
    for layer, chunk in chunks:
        if layer == "events":
            rows = list(store.event_map_records(chunk))
            cited += dict.fromkeys(article_id for article_id, _ in rows)
            parts["events"] += [record for _, record in rows]
        else:
            assert layer in KEYED_LAYERS, layer
            records = [records for _, records in store.layer_parts(layer, chunk)]
            cited += cited_articles([], [], _json_list(records))
            parts[layer] += records
    cited = list(dict.fromkeys(cited))
    articles = heading_rows(cited, store.article_headings(cited), how.pages)
    pieces = ["{"]
    for name, texts in parts.items():
        pieces += [f'"{name}":[', *_joined(texts), "],"]
    pieces.append(f'"articles":{compact_json(articles)}}}')
    yield from _data_script(pieces)


def _square_script(
    store: Store, chunks: Sequence[tuple[str, str]], versions: Mapping[str, str]
) -> Iterator[str]:
    """The map's data of a square's chunks (``(layer, tile)``) as a script: what is drawn
    of its places, shapes, front line and bridges, each record pointing to its tile's
    details (``versions``: each tile's file version) instead of carrying its quotes and
    articles (see :func:`_detail_script`)."""
    tiles = sorted(versions)
    at = {tile: number for number, tile in enumerate(tiles)}
    parts: dict[str, list[Any]] = defaultdict(list)
    for layer, tile in chunks:
        if layer in KEYED_LAYERS:
            features = _json_list(records for _, records in store.layer_parts(layer, tile))
            for position, feature in enumerate(features):
                properties = feature["properties"]
                del properties["quotes"], properties["articles"]
                properties["details"] = [at[tile], position]
            parts[layer] += features
        else:
            place_rows = list(store.place_parts(tile))
            records = _json_list(record for _, record, _ in place_rows if record)
            parts["places"] += [
                [key, mentions, count, at[tile], written]
                for key, mentions, count, _, written in records
            ]
            parts["areas"] += _json_list(area for _, _, area in place_rows if area)
    details = [{"file": detail_chunk_name(tile), "version": versions[tile]} for tile in tiles]
    return _data_script([compact_json({**parts, "details": details})])


def _detail_script(store: Store, chunks: Sequence[tuple[str, str]], how: Publishing) -> str:
    """The details of one tile's chunks (``(layer, tile)``) as a script: each place's
    quotes by place id, each front line and bridge feature's quotes and articles in the
    order :func:`_square_script` lists them, and the rows of the articles they cite."""
    places: dict[str, Any] = {}
    layers: dict[str, list[Any]] = {}
    cited: list[str] = []
    for layer, tile in chunks:
        if layer in KEYED_LAYERS:
            features = _json_list(records for _, records in store.layer_parts(layer, tile))
            layers[layer] = [
                [f["properties"]["quotes"], f["properties"]["articles"]] for f in features
            ]
            cited += [article for f in features for article in f["properties"]["articles"]]
        else:
            for key, _, _, quotes, _ in _json_list(r for _, r, _ in store.place_parts(tile) if r):
                places[key[0]] = quotes
                cited += [article for _, article in quotes]
    cited = list(dict.fromkeys(cited))
    articles = heading_rows(cited, store.article_headings(cited), how.pages)
    return _script({"places": places, **layers, "articles": articles})


def _joined(texts: Iterable[str]) -> Iterator[str]:
    """``texts`` separated by commas, in pieces."""
    for number, text in enumerate(texts):
        yield "," + text if number else text


def _basemap_script(bounds: tuple[float, float, float, float] | None, gazetteer: Gazetteer) -> str:
    """The offline basemap around ``bounds``, as a part of the map's data."""
    from .render import offline_basemap_data

    basemap = offline_basemap_data(bounds, gazetteer)
    return _script({"basemap": basemap, "credits": basemap["credits"]})


def _on_grid(
    bounds: tuple[float, float, float, float] | None,
) -> tuple[float, float, float, float] | None:
    """``bounds`` grown to whole squares of :data:`BASEMAP_GRID` degrees."""
    if bounds is None:
        return None
    import math

    west, south, east, north = bounds
    step = BASEMAP_GRID
    return (
        math.floor(west / step) * step,
        math.floor(south / step) * step,
        math.ceil(east / step) * step,
        math.ceil(north / step) * step,
    )


def _data_script(json_pieces: Iterable[str]) -> Iterator[str]:
    """A data file the map's page loads as a script (see ``geomap.js``), in pieces: the
    JSON given in pieces, as one string for ``JSON.parse`` (Chromium reads tens of MB of
    it in about a third less time than the same data written as a script's literal)."""
    yield 'geomapData(JSON.parse("'
    for piece in json_pieces:
        yield json.dumps(piece, ensure_ascii=False)[1:-1]
    yield '"));\n'


def _script(data: Mapping[str, Any]) -> str:
    """:func:`_data_script` of ``data``."""
    return "".join(_data_script([compact_json(data)]))


def _script_pieces(data: Mapping[str, Any]) -> Iterator[str]:
    """:func:`_script`, in pieces: a list is encoded an item at a time (a large head is
    not held whole as text)."""

    def pieces() -> Iterator[str]:
        yield "{"
        for number, (key, value) in enumerate(data.items()):
            yield ("," if number else "") + compact_json(key) + ":"
            if isinstance(value, list):
                yield "["
                yield from _joined(compact_json(item) for item in value)
                yield "]"
            else:
                yield compact_json(value)
        yield "}"

    yield from _data_script(pieces())


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def make_parts(store: Store, banks: Banks) -> tuple[int, int]:
    """Make and store the parts that are missing or stale (all of them when another
    geomap version made the stored ones), the front line's and the bridges' too (with the
    gazetteer's ``banks``); returns how many events and places had theirs made."""
    version = parts_version()
    if store.parts_version() != version:
        store.drop_parts(version)
    # in batches: after an upgrade every part of the store is made again
    event_ids = store.event_ids_without_parts()
    chunk_of = _EventChunks(store)
    for batch in batches(event_ids, PARTS_BATCH):
        events = store.events_by_id(batch)
        articles = store.articles_by_id({e.article_id for e in events}, with_text=False)
        parts = [
            _event_parts(event, getattr(articles.get(event.article_id), "date", None))
            for event in sorted(events, key=lambda e: e.event_id)
        ]
        store.save_event_parts((*part[:3], chunk_of(part[3]), part[4]) for part in parts)
    place_ids = store.places_without_parts()
    for batch in batches(place_ids, PARTS_BATCH // 10):
        store.save_place_parts(batch, _place_parts(store, batch))
    refresh_layers(store, banks)
    return len(event_ids), len(place_ids)


def _event_parts(
    event: Event, article_date: dt.date | None
) -> tuple[str, str, str | None, str, str | None]:
    drawn = event.certainty not in UNDRAWN_CERTAINTY
    record = compact_json(event_record(event)) if drawn else None
    chunk = event_chunk(event, article_date)
    date = event.event_date.isoformat() if event.event_date else None
    return event.event_id, feature_line(event.__geo_interface__), record, chunk, date


def _place_parts(
    store: Store, place_ids: Sequence[str]
) -> list[tuple[str, str | None, str | None, str | None, str]]:
    """``(place id, feature, map record, area, chunk)`` of the places of ``place_ids``
    still mentioned (the three parts ``None`` for a place named only as a demonym), made
    as :func:`geomap.mapdata.map_data` and :func:`geomap.export.place_summaries` make them
    from all mentions."""
    by_place: dict[str, list[Mention]] = defaultdict(list)
    for mention in store.mentions(place_ids=place_ids, alternatives=False):
        assert mention.place is not None
        by_place[mention.place.id].append(mention)
    # A place's quotes come from the first articles naming it: only those are read whole.
    quoted: set[str] = set()
    for group in by_place.values():
        firsts = dict.fromkeys(m.article_id for m in named_places(group))
        quoted.update(list(firsts)[:QUOTES_PER_PLACE])
    # of the others, only the dates are needed (a place in many articles names thousands)
    days = store.article_days({m.article_id for group in by_place.values() for m in group})
    texts: dict[str, Article] = store.articles_by_id(quoted)
    parts = []
    for place_id in place_ids:
        group = by_place.get(place_id, [])
        if not group:
            continue  # no longer mentioned: its parts go
        features = place_summaries(group, days)
        named = named_places(group)
        record = area = None
        if named:
            place = named[-1].place
            assert place is not None
            [summary] = place_summaries(named, days)
            quotes = mention_quotes(named, texts)[place_id]
            record = compact_json(place_record(place, summary["properties"], quotes))
            shapes = area_features([place])
            area = compact_json(shapes[0]) if shapes else None
        feature = feature_line(features[0]) if features else None
        parts.append((place_id, feature, record, area, place_chunk(group[0].place)))
    return parts


def _json_list(texts: Iterable[str]) -> list[Any]:
    """The values of JSON ``texts``, parsed at once (much faster than one by one)."""
    return json.loads("[" + ",".join(texts) + "]")
