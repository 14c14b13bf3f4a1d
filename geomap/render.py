"""Render the interactive HTML map (Folium/Leaflet) of places and events.

The one place in geomap where coordinates turn into Leaflet's ``[lat, lon]``. Article text
is escaped before it reaches HTML. Element ids are numbered in tree order instead of
Folium's random ones, so the same input renders to the same bytes. With ``offline=True``
Leaflet is inlined (see :mod:`geomap.assets`) and no tiles are requested.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .events import EVENT_TYPE_BY_CODE
from .export import place_summaries
from .model import Article, Event, Mention
from .text import sentences

ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0), ISO 3166 (pycountry), '
    "countryinfo and geomap's tables; map by geomap"
)
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
    "looting": "#fdb863",
    "humanitarian": "#35978f",
    "statement": "#878787",
}
PLACE_COLOUR = "#3366cc"
QUOTES_PER_POPUP = 6
_ASSET_PREFIX = "geomap-asset:"


def render_map(
    articles: Mapping[str, Article],
    mentions: Sequence[Mention],
    events: Sequence[Event],
    *,
    offline: bool = False,
    title: str = "geomap",
) -> str:
    """The HTML of a map of ``mentions`` and ``events`` (``articles`` by id, for quotes)."""
    import folium

    places = place_summaries([m for m in mentions if m.literal], articles)
    fmap = folium.Map(
        location=[48.0, 31.0],
        zoom_start=5,
        tiles=None,
        control_scale=True,
        prefer_canvas=True,
    )
    if offline:
        fmap.default_js = [("leaflet", _ASSET_PREFIX + "leaflet.js")]
        fmap.default_css = [("leaflet_css", _ASSET_PREFIX + "leaflet.css")]
    else:
        fmap.default_js = [
            ("leaflet", f"https://cdn.jsdelivr.net/npm/leaflet@{_leaflet()}/dist/leaflet.js")
        ]
        fmap.default_css = [
            ("leaflet_css", f"https://cdn.jsdelivr.net/npm/leaflet@{_leaflet()}/dist/leaflet.css")
        ]
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", control=False).add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(f"<title>{html.escape(title)}</title>"))

    if offline:
        _add_country_outlines(fmap, places)
    _add_geometries(fmap, mentions)
    _add_places(fmap, places, mentions, articles)
    _add_events(fmap, events, articles)
    folium.LayerControl(collapsed=False).add_to(fmap)
    _Attribution(ATTRIBUTION).add_to(fmap)

    bounds = _bounds(_view_points(places))
    if bounds:
        fmap.fit_bounds(bounds, padding=(30, 30), max_zoom=10)
    _number_ids(fmap)
    page = fmap.get_root().render()
    if offline:
        page = _inline_assets(page)
    return page


def _view_points(places: list[dict[str, Any]]) -> list[Sequence[float]]:
    """Points the view fits: the places, without countries when anything smaller is there."""
    smaller = [f for f in places if f["properties"]["kind"] != "country"]
    return [f["geometry"]["coordinates"] for f in (smaller or places)]


def _add_country_outlines(fmap: Any, places: list[dict[str, Any]]) -> None:
    """Grey country outlines on a pale sea: the offline stand-in for tiles."""
    import folium

    from .basemap import country_outlines

    points = _view_points(places)
    bounds = None
    if points:
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        margin = 15.0
        bounds = (
            min(lons) - margin,
            max(-85.0, min(lats) - margin),
            max(lons) + margin,
            min(85.0, max(lats) + margin),
        )
    fmap.get_root().header.add_child(
        folium.Element("<style>.leaflet-container{background:#dbe8f2 !important}</style>")
    )
    folium.GeoJson(
        country_outlines(bounds),
        name="Countries",
        control=False,
        style_function=lambda f: {
            "color": "#9a9a9a",
            "weight": 1,
            "fillColor": "#f4f1ea",
            "fillOpacity": 1,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(fmap)


def _add_places(
    fmap: Any,
    places: list[dict[str, Any]],
    mentions: Sequence[Mention],
    articles: Mapping[str, Article],
) -> None:
    import folium

    quotes = _mention_quotes(mentions, articles)
    features = []
    for feature in places:
        props = feature["properties"]
        props = {
            "name": props["name"],
            "mentions": props["mentions"],
            "radius": min(4 + 2 * props["mentions"] ** 0.5, 16),
            "popup": _place_popup(props, quotes.get(props["place_id"], [])),
        }
        features.append({**feature, "properties": props})
    layer = folium.FeatureGroup(name=f"Places mentioned ({len(features)})")
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="places",
        marker=folium.CircleMarker(radius=6, weight=2, fill=True, fill_opacity=0.7),
        style_function=lambda f: {
            "color": PLACE_COLOUR,
            "fillColor": PLACE_COLOUR,
            "radius": f["properties"]["radius"],
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "mentions"], aliases=["", "mentions"]),
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False, max_width=420),
    ).add_to(layer)
    layer.add_to(fmap)


def _add_events(fmap: Any, events: Sequence[Event], articles: Mapping[str, Article]) -> None:
    import folium

    drawn = [
        e for e in events if e.place is not None and e.certainty not in ("negated", "expected")
    ]
    by_type: dict[str, list[Event]] = defaultdict(list)
    for event in drawn:
        by_type[event.event_type].append(event)
    for code in sorted(by_type, key=lambda c: (c == "statement", c)):
        group = by_type[code]
        label = EVENT_TYPE_BY_CODE[code].label if code in EVENT_TYPE_BY_CODE else code
        colour = EVENT_COLOURS.get(code, "#444444")
        features = []
        for event in group:
            feature = event.__geo_interface__
            feature["properties"] = {
                "type": label,
                "place": event.place.name if event.place else "",
                "popup": _event_popup(event, label, articles.get(event.article_id)),
            }
            features.append(feature)
        layer = folium.FeatureGroup(
            name=f"Events: {label} ({len(group)})", show=code != "statement"
        )
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name=f"events-{code}",
            marker=folium.CircleMarker(radius=5, weight=1, fill=True, fill_opacity=0.9),
            style_function=lambda f, colour=colour: {"color": "#222222", "fillColor": colour},
            tooltip=folium.GeoJsonTooltip(fields=["type", "place"], aliases=["", ""]),
            popup=folium.GeoJsonPopup(fields=["popup"], labels=False, max_width=420),
        ).add_to(layer)
        layer.add_to(fmap)


def _add_geometries(fmap: Any, mentions: Sequence[Mention]) -> None:
    """Rivers, banks and other line or area places, drawn under the markers."""
    import folium

    shapes = {}
    for mention in mentions:
        place = mention.place
        if place is not None and place.geometry and mention.literal:
            shapes[place.id] = place
    if not shapes:
        return
    features = [
        {
            "type": "Feature",
            "geometry": dict(place.geometry),
            "properties": {"name": place.name, "kind": place.kind},
        }
        for _, place in sorted(shapes.items())
        if place.geometry
    ]
    layer = folium.FeatureGroup(name="Rivers and areas")
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="areas",
        style_function=lambda f: (
            {"color": "#4a90d9", "weight": 4, "opacity": 0.8}
            if f["properties"]["kind"] == "river"
            else {"color": "#999999", "weight": 1, "fillOpacity": 0.08, "dashArray": "4 4"}
        ),
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(layer)
    layer.add_to(fmap)


def _mention_quotes(
    mentions: Sequence[Mention], articles: Mapping[str, Article]
) -> dict[str, list[tuple[Article, str]]]:
    """Per place id, the sentences (with their article) that mention it."""
    spans_by_article: dict[str, list[tuple[int, int]]] = {}
    quotes: dict[str, list[tuple[Article, str]]] = defaultdict(list)
    for mention in mentions:
        article = articles.get(mention.article_id)
        if mention.place is None or not mention.literal or article is None:
            continue
        spans = spans_by_article.setdefault(article.id, sentences(article.text))
        for start, end in spans:
            if start <= mention.start < end:
                quote = article.text[start:end]
                if (article, quote) not in quotes[mention.place.id]:
                    quotes[mention.place.id].append((article, quote))
                break
    return quotes


def article_label(article: Article | None) -> str:
    """How an article is named in a popup: title, else file name, else id; with its date."""
    if article is None:
        return "unknown article"
    name = article.title or (Path(article.path).name if article.path else article.id)
    return f"{name} ({article.date.isoformat()})" if article.date else name


def _article_link(article: Article | None) -> str:
    label = html.escape(article_label(article))
    if article is not None and article.url and article.url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(article.url, quote=True)}" target="_blank" rel="noopener">{label}</a>'
    return label


def _place_popup(props: Mapping[str, Any], quotes: list[tuple[Article, str]]) -> str:
    head = (
        f"<b>{html.escape(props['name'])}</b> <small>{html.escape(props['kind'] or '')}"
        f"{', ' + html.escape(props['country']) if props.get('country') else ''}</small><br>"
        f"<small>{props['mentions']} mention(s) in {props['articles']} article(s)</small>"
    )
    items = "".join(
        f"<li><q class='geomap-quote'>{html.escape(_clip(quote))}</q><br><small>{_article_link(article)}</small></li>"
        for article, quote in quotes[:QUOTES_PER_POPUP]
    )
    more = (
        f"<small>and {len(quotes) - QUOTES_PER_POPUP} more</small>"
        if len(quotes) > QUOTES_PER_POPUP
        else ""
    )
    return f"{head}<ul style='padding-left:1.1em;margin:4px 0'>{items}</ul>{more}"


def _event_popup(event: Event, label: str, article: Article | None) -> str:
    place = event.place
    rows = [
        (
            "Date",
            f"{event.event_date.isoformat() if event.event_date else 'unknown'}"
            f" ({_TIME_PRECISION.get(event.time_precision, '')})",
        ),
        (
            "Place",
            f"{event.place_name_as_written or ''} → {place.name if place else ''}"
            f" ({place.kind if place else ''})",
        ),
        ("Actors", ", ".join(a for a in (event.actor1, event.actor2) if a) or "not named"),
        ("Certainty", event.certainty),
    ]
    table = "".join(
        f"<tr><th style='text-align:left;padding-right:6px'>{k}</th><td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return (
        f"<b>{html.escape(label)}</b><table>{table}</table>"
        f"<q class='geomap-quote'>{html.escape(_clip(event.quote))}</q><br>"
        f"<small>{_article_link(article)}</small>"
    )


_TIME_PRECISION = {1: "day", 2: "within a week", 3: "month"}


def _clip(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounds(points: Sequence[Sequence[float]]) -> list[list[float]] | None:
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _leaflet() -> str:
    from .assets import LEAFLET_VERSION

    return LEAFLET_VERSION


def _walk(element: Any) -> Iterator[Any]:
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


def _number_ids(fmap: Any) -> None:
    """Replace Folium's random element ids with their order in the tree."""
    root = fmap.get_root()
    for number, element in enumerate(_walk(root)):
        element._id = f"{number:05d}"
    for element in _walk(root):
        element._children = type(element._children)(
            (child.get_name(), child) for child in element._children.values()
        )


def _inline_assets(page: str) -> str:
    from . import assets

    js = assets.leaflet_js().replace("</script", "<\\/script")
    css = assets.leaflet_css()
    page = page.replace(
        f'<script src="{_ASSET_PREFIX}leaflet.js"></script>', f"<script>{js}</script>"
    )
    return page.replace(
        f'<link rel="stylesheet" href="{_ASSET_PREFIX}leaflet.css"/>', f"<style>{css}</style>"
    )


class _Attribution:
    """Adds a line to the map's attribution control (credits for the data shown)."""

    def __new__(cls, text: str) -> Any:
        from branca.element import MacroElement
        from jinja2 import Template

        element = MacroElement()
        element._name = "Attribution"
        element._template = Template(
            "{% macro script(this, kwargs) %}"
            "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});"
            "{% endmacro %}"
        )
        element.text = text
        return element
