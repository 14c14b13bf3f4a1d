"""The data an HTML map reads: records the map's script turns into tables and layers.

A map's data is a list of parts (one embedded in the page, or a head and chunks beside
it: see :mod:`geomap.publish`), each holding records as geomap stores them: drawn events
(:func:`event_record`), places named (:func:`place_record`), shapes, the front line and
bridges, and the articles they cite by id. The map's script (``geomap/static/geomap.js``,
``assemble``) joins the parts, groups the reports of one event into one marker and builds
shared tables of places, quotes and articles, so that publishing a chunk is joining the
stored records, not rebuilding them. Nothing here is HTML: the script puts every string
into the page as text, never as markup, so article text cannot inject anything.
Coordinates are ``[lon, lat]``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .articles import article_name
from .basemap import round_geometry
from .bridges import bridge_features
from .events import EVENT_TYPE_BY_CODE, EVENT_TYPES, UNDRAWN_CERTAINTY
from .events.reports import DATE_WINDOW_DAYS
from .export import article_days, place_summaries
from .frontline import frontline_features
from .model import Article, ArticleHeading, Event, Mention, Place
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
#: The fields of an event's record, as stored (:func:`event_record`), and of an event's
#: row in the map's tables (places, quotes and articles as indexes; ``reports``: the other
#: reports of the same event, as quote and article indexes).
RECORD_FIELDS = (
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
    "side",
)
EVENT_FIELDS = (*RECORD_FIELDS[:-1], "reports")
#: How many of a front line or bridge feature's articles its popup lists.
LAYER_ARTICLES = 3
#: Kinds too large to frame a map by when smaller places are there.
LARGE_KINDS = frozenset({"country", "continent", "admin1", "region", "sea", "river"})


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
    """The data of a map of these articles, mentions and events, in one part (see
    :func:`map_part`; JSON-ready, in a deterministic order).

    ``layers`` are the export layers (:func:`geomap.export.export_layers`) of exactly these
    articles, mentions and events, when already made: their front line and bridges are
    reused, not recomputed.
    """
    drawn = drawn_events(events)
    named = named_places(mentions)
    place_by_id = {m.place.id: m.place for m in named if m.place}
    quotes_by_place = mention_quotes(named, articles)
    place_records = []
    for feature in place_summaries(named, article_days(articles)):
        place_id = feature["properties"]["place_id"]
        summary = feature["properties"]
        place_records.append(
            place_record(place_by_id[place_id], summary, quotes_by_place[place_id])
        )
    last = max((a.date for a in articles.values() if a.date), default=None)
    frontline = layers["frontline"] if layers else frontline_features(events, banks, last)
    event_sides = {s for e in drawn for s in (e.actor1_side, e.actor2_side) if s}
    return map_head() | map_part(
        events=[event_record(e) for e in drawn],
        places=place_records,
        areas=area_features([m.place for m in named if m.place is not None]),
        frontline=frontline,
        bridges=layers["bridges"] if layers else bridge_features(events),
        articles=articles,
        article_maps=article_maps,
        sides=frontline_sides(frontline) | event_sides,
        not_drawn=sum(1 for e in events if e.place is not None) - len(drawn),
        basemap=basemap,
        credits=credits,
    )


def named_places(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions a map shows as places: literal ones, demonyms left out."""
    return [m for m in mentions if m.literal and m.role != "demonym"]


def event_record(event: Event) -> list[Any]:
    """What the map shows of a drawn event, with its place, quote and article given in
    full (the map's script turns them into table indexes); JSON-ready."""
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


#: At most this many names as written are kept with a place for the map's search.
WRITTEN_NAMES_PER_PLACE = 8


def place_record(
    place: Place, summary: Mapping[str, Any], quotes: Sequence[tuple[str, str]]
) -> list[Any]:
    """What the map shows of a place named (``summary``: its properties in the places
    layer of the literal mentions; ``quotes``: (article id, sentence) pairs naming it),
    with the names the articles wrote it by, when not its own (the map's search finds it
    by them: "Antonivskyi", "Kherson city")."""
    written = [n for n in summary["names_as_written"].split("; ") if n and n != place.name]
    return [
        _place_key(place),
        summary["mentions"],
        summary["articles"],
        [[_clip(quote), article_id] for article_id, quote in quotes[:QUOTES_PER_PLACE]],
        written[:WRITTEN_NAMES_PER_PLACE],
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


def map_part(
    *,
    events: Sequence[Any] = (),
    places: Sequence[Any] = (),
    areas: Sequence[Mapping[str, Any]] = (),
    frontline: Sequence[Mapping[str, Any]] = (),
    bridges: Sequence[Mapping[str, Any]] = (),
    articles: Mapping[str, Article] | None = None,
    article_maps: Mapping[str, str] | None = None,
    sides: Sequence[str] = (),
    not_drawn: int = 0,
    basemap: Mapping[str, Any] | None = None,
    credits: Sequence[str] = (),
) -> dict[str, Any]:
    """One part of a map's data (JSON-ready): the records of drawn events
    (:func:`event_record`) and of places named (:func:`place_record`), the shapes of the
    places named (:func:`area_features`), front line and bridge features (as the layers
    give them), the rows of the ``articles`` they cite (with each article's own map from
    ``article_maps``), the ``sides`` holding ground or acting, how many located events are
    not drawn, and the basemap with its credits. The first part of a map also says how its
    script reads the records (:func:`map_head`)."""
    frontline = [layer_record(f) for f in frontline]
    bridges = [layer_record(f) for f in bridges]
    return {
        "events": list(events),
        "places": list(places),
        "areas": list(areas),
        "frontline": frontline,
        "bridges": bridges,
        "articles": article_rows(
            cited_articles(events, places, [*frontline, *bridges]), articles or {}, article_maps
        ),
        "sides": side_table(sides),
        "not_drawn": not_drawn,
        "basemap": dict(basemap) if basemap else None,
        "credits": list(credits),
    }


def map_head() -> dict[str, Any]:
    """What the map's script needs to read the records: their fields, the event types
    (in the order the legend lists them), the bridge statuses and the window within which
    two reports may date one event (:func:`geomap.events.reports.same_window`)."""
    return {
        "event_fields": list(EVENT_FIELDS),
        "record_fields": list(RECORD_FIELDS),
        "types": [
            {"code": t.code, "label": t.label, "colour": EVENT_COLOURS.get(t.code, "#444444")}
            for t in (*EVENT_TYPES, EVENT_TYPE_BY_CODE["statement"])
        ],
        "bridge_statuses": list(BRIDGE_STATUSES),
        "date_window_days": DATE_WINDOW_DAYS,
    }


def cited_articles(
    events: Sequence[Any], places: Sequence[Any], features: Sequence[Mapping[str, Any]]
) -> list[str]:
    """The ids of the articles that event and place records and layer features cite."""
    cited = dict.fromkeys(record[RECORD_FIELDS.index("article")] for record in events)
    cited.update(dict.fromkeys(article for place in places for _, article in place[3]))
    cited.update(dict.fromkeys(a for f in features for a in f["properties"]["articles"]))
    return list(cited)


def article_rows(
    article_ids: Sequence[str],
    articles: Mapping[str, Article],
    article_maps: Mapping[str, str] | None = None,
) -> dict[str, dict[str, Any]]:
    """What a popup shows of each article, by id."""
    headings = {i: ArticleHeading.of(a) for i, a in articles.items()}
    return heading_rows(article_ids, headings, article_maps)


def heading_rows(
    article_ids: Sequence[str],
    headings: Mapping[str, ArticleHeading],
    article_maps: Mapping[str, str] | None = None,
) -> dict[str, dict[str, Any]]:
    """:func:`article_rows` from the articles' headings (see
    :meth:`geomap.store.Store.article_headings`)."""
    rows = {}
    for article_id in article_ids:
        row = _article_row(article_id, headings.get(article_id))
        row["map"] = (article_maps or {}).get(article_id)
        rows[article_id] = row
    return rows


def side_table(sides: Iterable[str]) -> dict[str, dict[str, str]]:
    """Each side's name and colour (colours given in the order of the sides' codes)."""
    return {
        side: {"label": _country_name(side), "colour": SIDE_COLOURS[i % len(SIDE_COLOURS)]}
        for i, side in enumerate(sorted(set(sides)))
    }


def frontline_sides(frontline: Sequence[Mapping[str, Any]]) -> set[str]:
    """The sides the front line's features give ground to."""
    return {
        side
        for f in frontline
        if f["properties"]["side"]
        for side in f["properties"]["side"].split("/")
    }


def data_bounds(data: Mapping[str, Any]) -> tuple[float, float, float, float] | None:
    """The box (west, south, east, north) a map of ``data`` (one part: :func:`map_data`)
    shows: where the events are (and the bridges), else every place; large areas only
    when nothing smaller is there (the map's script fits its view the same way)."""
    at = RECORD_FIELDS.index("place")
    chosen = list({r[at][0]: r[at] for r in data["events"]}.values())
    chosen = chosen or [record[0] for record in data["places"]]
    smaller = [key for key in chosen if key[4] not in LARGE_KINDS]
    points = [(key[1], key[2]) for key in (smaller or chosen)]
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


def _article_row(article_id: str, heading: ArticleHeading | None) -> dict[str, Any]:
    if heading is None:
        return {"id": article_id, "label": article_id, "date": None, "url": None}
    url = heading.url
    return {
        "id": article_id,
        "label": article_name(heading.title, heading.path, article_id),
        "date": heading.date,
        "url": url if url and url.startswith(("http://", "https://")) else None,
    }


def layer_record(feature: Mapping[str, Any]) -> dict[str, Any]:
    """A front line or bridge feature for the map: rounded, its quotes clipped (three at
    most) and its first :data:`LAYER_ARTICLES` articles listed by id (a place held for
    months may have thousands)."""
    props = dict(feature["properties"])
    quote_text = props.pop("quotes", "") or ""
    props["quotes"] = [_clip(q) for q in quote_text.split(" | ") if q][:3]
    # the popup lists the first few (see geomap.js); all are in the GeoJSON layer
    articles = [a for a in (props.pop("article_ids", "") or "").split(";") if a]
    props["articles"] = articles[:LAYER_ARTICLES]
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
