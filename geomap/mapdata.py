"""The data an HTML map embeds: compact tables the map's script turns into layers.

Events are rows (field names in ``event_fields``) that point into shared tables of places,
quotes and articles, so 10,000 events fit in a few megabytes. Nothing here is HTML: the
map's script puts every string into the page as text, never as markup, so article text
cannot inject anything. Coordinates are ``[lon, lat]``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .articles import article_label
from .basemap import round_geometry
from .bridges import bridge_features
from .events import EVENT_TYPE_BY_CODE, EVENT_TYPES
from .events.reports import same_window
from .export import place_summaries
from .frontline import frontline_features
from .model import Article, Event, Mention, Place
from .text import sentences

#: One colour per event type (ColorBrewer-like, distinguishable on a pale basemap).
EVENT_COLOURS = {
    "advance": "#1a9850",
    "withdrawal": "#d73027",
    "flag_raised": "#2166ac",
    "flag_removed": "#b2182b",
    "bridge_destroyed": "#7f3b08",
    "infrastructure_destroyed": "#b35806",
    "mines": "#542788",
    "evacuation": "#e08214",
    "fortification": "#8c510a",
    "troop_presence": "#c51b7d",
    "shelling": "#e31a1c",
    "looting": "#a6761d",
    "humanitarian": "#35978f",
    "flooding": "#4393c3",
    "statement": "#878787",
}
#: Colours of the sides holding ground, given in the order of their ISO codes.
SIDE_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
BRIDGE_STATUSES = ("destroyed", "damaged", "intact", "mentioned")
#: What a popup shows of the articles' text: whole sentences, clipped.
QUOTE_LIMIT = 320
QUOTES_PER_PLACE = 5
EVENT_FIELDS = (
    "type",
    "place",
    "date",
    "precision",
    "written",
    "actors",
    "certainty",
    "quote",
    "article",
    "sub_type",
    "role",
    "reports",
)
#: Kinds too large to frame a map by when smaller places are there.
LARGE_KINDS = frozenset({"country", "continent", "admin1", "region", "sea", "river"})
#: Reports of what did not happen or has not happened yet are not drawn as events.
UNDRAWN_CERTAINTY = frozenset({"negated", "expected"})


class _Table:
    """Strings or records stored once and referred to by index."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}
        self.rows: list[Any] = []

    def add(self, key: Any, row: Any = None) -> int:
        found = self.index.get(key)
        if found is None:
            found = self.index[key] = len(self.rows)
            self.rows.append(key if row is None else row)
        return found


def drawn_events(events: Sequence[Event]) -> list[Event]:
    """The events a map draws: those with a place, reported as having happened."""
    return [e for e in events if e.place is not None and e.certainty not in UNDRAWN_CERTAINTY]


def map_data(
    articles: Mapping[str, Article],
    mentions: Sequence[Mention],
    events: Sequence[Event],
    *,
    banks: Sequence[Place] = (),
    basemap: Mapping[str, Any] | None = None,
    credits: Sequence[str] = (),
    article_maps: Mapping[str, str] | None = None,
    layers: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> dict[str, Any]:
    """Everything the map's script needs, as JSON-ready values (deterministic order).

    ``layers`` are the export layers (:func:`geomap.export.export_layers`) of exactly these
    articles, mentions and events, when already made: their front line and bridges are
    reused, not recomputed.
    """
    drawn = drawn_events(events)
    named = named_places(mentions)
    place_by_id = {m.place.id: m.place for m in named if m.place}
    quotes_by_place = mention_quotes(named, articles)
    place_records = []
    for feature in place_summaries(named, articles):
        place_id = feature["properties"]["place_id"]
        summary = feature["properties"]
        place_records.append(
            place_record(place_by_id[place_id], summary, quotes_by_place[place_id])
        )
    last = max((a.date for a in articles.values() if a.date), default=None)
    return assemble(
        [event_record(e) for e in drawn],
        place_records,
        frontline=layers["frontline"] if layers else frontline_features(events, banks, last),
        bridges=layers["bridges"] if layers else bridge_features(events),
        areas=area_features([m.place for m in named if m.place is not None]),
        event_sides={s for e in drawn for s in (e.actor1_side, e.actor2_side) if s},
        not_drawn=sum(1 for e in events if e.place is not None) - len(drawn),
        articles=articles,
        article_maps=article_maps,
        basemap=basemap,
        credits=credits,
    )


def named_places(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions a map shows as places: literal ones, demonyms left out."""
    return [m for m in mentions if m.literal and m.role != "demonym"]


def event_record(event: Event) -> list[Any]:
    """What the map shows of a drawn event, with its place, quote and article given in
    full (:func:`assemble` turns them into table indexes); JSON-ready."""
    assert event.place is not None
    return [
        event.event_type,
        _place_key(event.place),
        event.event_date.isoformat() if event.event_date else None,
        event.time_precision,
        event.place_name_as_written or "",
        ", ".join(a for a in (event.actor1, event.actor2) if a),
        event.certainty,
        _clip(event.quote),
        event.article_id,
        event.sub_type or "",
        event.place_role,
        event.actor1_side,
    ]


def _event_groups(event_records: Sequence[Sequence[Any]]) -> list[list[int]]:
    """The records that tell one event, by index, in the records' order: the same type at
    the same place, with the same kind of certainty, dates in one window and sides that
    agree (:func:`geomap.events.reports.same_window`). The map draws each group as one
    marker whose popup gives every report, so an event several articles tell is not
    several markers. Grouping the whole store's records each time keeps the map the same
    whatever order the articles arrived in."""
    groups: list[list[int]] = []
    open_groups: dict[tuple[Any, ...], list[list[int]]] = defaultdict(list)
    for index, record in enumerate(event_records):
        code, place, date, precision, certainty, side = (
            record[0],
            record[1],
            record[2],
            record[3],
            record[6],
            record[-1],
        )
        key = (code, place[0], certainty in ("reported", "claimed") or certainty)
        day = dt.date.fromisoformat(date) if date else None
        for members in open_groups[key]:
            first = event_records[members[0]]
            first_day = dt.date.fromisoformat(first[2]) if first[2] else None
            if same_window(day, precision, first_day, first[3]) and (
                not side or not first[-1] or side == first[-1]
            ):
                members.append(index)
                break
        else:
            members = [index]
            groups.append(members)
            open_groups[key].append(members)
    return groups


def place_record(
    place: Place, summary: Mapping[str, Any], quotes: Sequence[tuple[str, str]]
) -> list[Any]:
    """What the map shows of a place named (``summary``: its properties in the places
    layer of the literal mentions; ``quotes``: (article id, sentence) pairs naming it)."""
    return [
        _place_key(place),
        summary["mentions"],
        summary["articles"],
        [[_clip(quote), article_id] for article_id, quote in quotes[:QUOTES_PER_PLACE]],
    ]


def _place_key(place: Place) -> list[Any]:
    return [
        place.id,
        round(place.lon, 5),
        round(place.lat, 5),
        place.name,
        place.kind,
        place.country,
    ]


def assemble(
    event_records: Sequence[Sequence[Any]],
    place_records: Sequence[Sequence[Any]],
    *,
    frontline: Sequence[Mapping[str, Any]],
    bridges: Sequence[Mapping[str, Any]],
    areas: Sequence[Mapping[str, Any]],
    event_sides: set[str],
    not_drawn: int,
    articles: Mapping[str, Article],
    article_maps: Mapping[str, str] | None = None,
    basemap: Mapping[str, Any] | None = None,
    credits: Sequence[str] = (),
) -> dict[str, Any]:
    """The map's data from its parts: drawn events (:func:`event_record`), places named
    (:func:`place_record`; those with an event are left out), the front line and bridge
    layers, the shapes of the places named (:func:`area_features`), the sides the drawn events'
    actors belong to and how many located events are not drawn."""
    places = _Table()
    quotes = _Table()
    article_rows = _Table()

    def place_index(key: Sequence[Any]) -> int:
        return places.add(key[0], list(key[1:]))

    def article_index(article_id: str) -> int:
        row = _article_row(article_id, articles.get(article_id))
        row["map"] = (article_maps or {}).get(article_id)
        return article_rows.add(article_id, row)

    groups = _event_groups(event_records)
    leaders = [event_records[members[0]] for members in groups]
    type_counts = Counter(record[0] for record in leaders)
    listed = (*EVENT_TYPES, EVENT_TYPE_BY_CODE["statement"])
    types = [
        {
            "code": t.code,
            "label": t.label,
            "colour": EVENT_COLOURS.get(t.code, "#444444"),
            "count": type_counts[t.code],
        }
        for t in listed
        if type_counts[t.code]
    ]
    type_index = {t["code"]: i for i, t in enumerate(types)}
    event_rows = []
    for members in groups:
        (
            code,
            place,
            date,
            precision,
            written,
            actors,
            certainty,
            quote,
            article,
            sub_type,
            role,
            _side,
        ) = event_records[members[0]]
        reports = [
            [quotes.add(event_records[k][7]), article_index(event_records[k][8])]
            for k in members[1:]
        ]
        event_rows.append(
            [
                type_index[code],
                place_index(place),
                date,
                precision,
                written,
                actors,
                certainty,
                quotes.add(quote),
                article_index(article),
                sub_type,
                role,
                reports,
            ]
        )
    with_events = {record[1][0] for record in event_records}
    place_rows = [
        [
            place_index(place),
            mentions,
            article_count,
            [[quotes.add(quote), article_index(article)] for quote, article in place_quotes],
        ]
        for place, mentions, article_count, place_quotes in place_records
        if place[0] not in with_events
    ]
    dates = {record[2] for record in event_records if record[2]}
    frontline = [_layer_feature(f, quotes, article_index) for f in frontline]
    bridges = [_layer_feature(f, quotes, article_index) for f in bridges]
    for feature in frontline:
        dates.add(feature["properties"]["valid_from"])
    sides = sorted(
        {
            side
            for f in frontline
            for side in f["properties"]["side"].split("/")
            if f["properties"]["side"]
        }
        | event_sides
    )
    return {
        "event_fields": list(EVENT_FIELDS),
        "type_order": [t.code for t in listed],
        "types": types,
        "events": event_rows,
        "places": places.rows,
        "place_ids": list(places.index),
        "places_without_events": place_rows,
        "quotes": quotes.rows,
        "articles": article_rows.rows,
        "frontline": frontline,
        "bridges": bridges,
        "bridge_statuses": list(BRIDGE_STATUSES),
        "areas": list(areas),
        "sides": {
            side: {"label": _country_name(side), "colour": SIDE_COLOURS[i % len(SIDE_COLOURS)]}
            for i, side in enumerate(sides)
        },
        "dates": sorted(dates),
        "not_drawn": not_drawn,
        "basemap": dict(basemap) if basemap else None,
        "credits": list(credits),
    }


def data_bounds(data: Mapping[str, Any]) -> tuple[float, float, float, float] | None:
    """The box (west, south, east, north) a map fits on opening: where the events are
    (and the bridges), else every place; large areas only when nothing smaller is there."""
    places = data["places"]
    fields = data["event_fields"]
    at_events = {row[fields.index("place")] for row in data["events"]}
    chosen = [places[i] for i in sorted(at_events)] or list(places)
    smaller = [p for p in chosen if p[3] not in LARGE_KINDS]
    points = [(p[0], p[1]) for p in (smaller or chosen)]
    points += [
        tuple(f["geometry"]["coordinates"])
        for f in data["bridges"]
        if f["geometry"]["type"] == "Point"
    ]
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _article_row(article_id: str, article: Article | None) -> dict[str, Any]:
    label = article_label(article, with_date=False) if article is not None else article_id
    url = article.url if article is not None else None
    return {
        "id": article_id,
        "label": label,
        "date": article.date.isoformat() if article is not None and article.date else None,
        "url": url if url and url.startswith(("http://", "https://")) else None,
    }


def _layer_feature(
    feature: Mapping[str, Any], quotes: _Table, article_index: Callable[[str], int]
) -> dict[str, Any]:
    """A front line or bridge feature for the map: rounded, its quotes and articles indexed."""
    props = dict(feature["properties"])
    quote_text = props.pop("quotes", "") or ""
    props["quotes"] = [quotes.add(_clip(q)) for q in quote_text.split(" | ") if q][:3]
    props["articles"] = [
        article_index(a) for a in (props.pop("article_ids", "") or "").split(";") if a
    ]
    props.pop("event_ids", None)
    return {
        "type": "Feature",
        "geometry": round_geometry(feature["geometry"], 5),
        "properties": props,
    }


def area_features(places: Sequence[Place]) -> list[dict[str, Any]]:
    """Rivers, banks and other line or area places among ``places``, once each by id."""
    shapes = {place.id: place for place in places if place.geometry}
    return [
        {
            "type": "Feature",
            "geometry": round_geometry(place.geometry, 5),
            "properties": {"name": place.name, "kind": place.kind},
        }
        for _, place in sorted(shapes.items())
        if place.geometry
    ]


def mention_quotes(
    mentions: Sequence[Mention], articles: Mapping[str, Article]
) -> dict[str, list[tuple[str, str]]]:
    """Per place id, the (article id, sentence) pairs that mention it, in text order."""
    spans_by_article: dict[str, list[tuple[int, int]]] = {}
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for mention in mentions:
        article = articles.get(mention.article_id)
        if mention.place is None or article is None:
            continue
        spans = spans_by_article.get(article.id)
        if spans is None:
            spans = spans_by_article[article.id] = sentences(article.text)
        for start, end in spans:
            if start <= mention.start < end:
                pair = (article.id, article.text[start:end])
                if pair not in found[mention.place.id]:
                    found[mention.place.id].append(pair)
                break
    return found


def _country_name(code: str) -> str:
    """A side's name: a non-state force's ("Rapid Support Forces"), else its country's."""
    import pycountry

    from .events.actors import non_state_names

    if code in non_state_names():
        return non_state_names()[code]
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return getattr(country, "common_name", None) or (country.name if country else code)


def _clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
