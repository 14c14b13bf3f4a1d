"""Render the interactive HTML map (Folium/Leaflet) of events, front line, bridges, places.

Folium builds the page (Leaflet map, tiles, scale bar, fit to data); geomap's own script
(``geomap/static/geomap.js``) draws the layers from the compact data of
:mod:`geomap.mapdata`, embedded as JSON: clustered event markers with an icon per type, a
date filter that also moves the front line, a legend, a layer control and a place search.
This is the one place where coordinates become Leaflet's ``[lat, lon]``. Article text only
reaches the page as JSON data that the script inserts as text. Element ids are numbered in
tree order instead of Folium's random ones, so the same input renders to the same bytes.
With ``offline=True`` Leaflet and its plugins are inlined (see :mod:`geomap.assets`) and a
basemap from local data (:mod:`geomap.basemap`) replaces the tiles.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from .mapdata import data_bounds, map_data
from .model import Article, Event, Mention, Place

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0), ISO 3166 (pycountry), '
    "countryinfo and geomap's tables; map by geomap"
)
_ASSET_PREFIX = "geomap-asset:"
_VERBATIM = "<!--geomap-verbatim:{}-->"
#: How far beyond the data an offline basemap reaches, in degrees.
COUNTRY_MARGIN = 15.0
DETAIL_MARGIN = 3.0


def render_map(
    articles: Mapping[str, Article],
    mentions: Sequence[Mention],
    events: Sequence[Event],
    *,
    banks: Sequence[Place] = (),
    gazetteer: Gazetteer | None = None,
    offline: bool = False,
    title: str = "geomap",
    article_maps: Mapping[str, str] | None = None,
    layers: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    reference: Sequence[Mapping[str, Any]] = (),
) -> str:
    """The HTML of a map of ``mentions`` and ``events`` (``articles`` by id, for quotes),
    with a ``reference`` front line's areas (see :mod:`geomap.reference`).

    ``banks`` (the gazetteer's river banks) let the front line be drawn as areas; with
    ``offline``, ``gazetteer`` adds its rivers, areas and town labels to the basemap;
    ``article_maps`` (relative links by article id) lets popups link each article's map;
    ``layers``, the export layers of the same data when already made, are reused.
    """
    data = map_data(
        articles, mentions, events, banks=banks, article_maps=article_maps, layers=layers
    )
    if reference:
        data["reference"] = list(reference)
    return render_page(data, gazetteer=gazetteer, offline=offline, title=title)


def render_page(
    data: dict[str, Any],
    *,
    gazetteer: Gazetteer | None = None,
    offline: bool = False,
    title: str = "geomap",
) -> str:
    """The HTML of a map of ``data`` (see :func:`geomap.mapdata.map_data`), embedded in
    the page; with ``offline``, its basemap is added here."""
    if offline:
        data["basemap"] = offline_basemap_data(data_bounds(data), gazetteer)
        data["credits"] = data["basemap"]["credits"]
    return _page(data, offline, title)


#: What an online map says while (or when) its scripts cannot be loaded.
FALLBACK_NOTICE = (
    '<div id="geomap-fallback" role="status">Loading the map… If this stays, its scripts '
    "(Leaflet, from the jsDelivr network) could not be loaded: is there a network? For a map "
    "that needs none, draw it again with <code>--offline</code> (for example <code>geomap map "
    "maps --offline</code>).</div>"
)


def render_shell(head: str, *, offline: bool = False, title: str = "geomap") -> str:
    """The HTML of a map whose data the page loads from beside it: ``head`` (a relative
    address) is a script giving the data's head, which lists the chunks (see
    :mod:`geomap.publish`). The page is the same whatever the data, so it is written once."""
    return _page({"head": head}, offline, title)


def offline_basemap_data(
    bounds: tuple[float, float, float, float] | None, gazetteer: Gazetteer | None
) -> dict[str, Any]:
    """The offline basemap around ``bounds`` (countries, and with ``gazetteer`` its
    rivers, areas and town labels nearer by)."""
    from .basemap import offline_basemap

    basemap = offline_basemap(_grown(bounds, COUNTRY_MARGIN), None)
    if gazetteer is not None:
        detail = offline_basemap(_grown(bounds, DETAIL_MARGIN), gazetteer)
        basemap["shapes"] = detail["shapes"]
        basemap["labels"] = detail["labels"]
    return basemap


def _page(data: dict[str, Any], offline: bool, title: str) -> str:
    import folium

    fmap = folium.Map(
        location=[48.0, 31.0],
        zoom_start=5,
        tiles=None,
        control_scale=True,
        prefer_canvas=True,
    )
    _use_assets(fmap, offline)
    if not offline:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", control=False).add_to(fmap)
    root = fmap.get_root()
    # Folium elements are Jinja templates: text from articles (the title, the data) must
    # not be one, or "{{ ... }}" in an article would run. It goes in after rendering.
    verbatim = {
        "title": f"<title>{html.escape(title)}</title>",
        "style": f"<style>{_static('geomap.css')}</style>",
        "data": f'<script type="application/json" id="geomap-data">{_json_for_html(data)}</script>',
    }
    # (how a folder read for articles knows its maps: geomap.articles skips them)
    root.header.add_child(folium.Element('<meta name="generator" content="geomap">'))
    root.header.add_child(folium.Element(_VERBATIM.format("title")))
    # shown until geomap's script runs: a page whose Leaflet cannot be loaded (an online
    # map with no network) says so instead of staying white
    if not offline:
        root.html.add_child(folium.Element(FALLBACK_NOTICE))
    root.header.add_child(folium.Element(_VERBATIM.format("style")))
    root.html.add_child(folium.Element(_VERBATIM.format("data")))
    _attribution(ATTRIBUTION).add_to(fmap)
    _start_script(offline).add_to(fmap)
    _number_ids(fmap)
    page = root.render()
    # What replaces a marker holds no "<!--" (escaped), so no marker is replaced twice.
    for name, text in verbatim.items():
        page = page.replace(_VERBATIM.format(name), text, 1)
    if offline:
        page = _inline_assets(page)
    return page


def _grown(
    bounds: tuple[float, float, float, float] | None, margin: float
) -> tuple[float, float, float, float]:
    if bounds is None:
        return (-180.0, -85.0, 180.0, 85.0)
    west, south, east, north = bounds
    return (
        max(-180.0, west - margin),
        max(-85.0, south - margin),
        min(180.0, east + margin),
        min(85.0, north + margin),
    )


def _use_assets(fmap: Any, offline: bool) -> None:
    """Leaflet and its plugins: placeholders to inline when offline, else CDN addresses."""
    from . import assets

    if offline:
        fmap.default_js = [
            (f"{p.name}:{path}", f"{_ASSET_PREFIX}{p.name}/{path}")
            for p in assets.PACKAGES
            for path in p.scripts
        ]
        fmap.default_css = [
            (f"{p.name}:{path}", f"{_ASSET_PREFIX}{p.name}/{path}")
            for p in assets.PACKAGES
            for path in p.styles
        ]
    else:
        fmap.default_js = [(url, url) for url in assets.cdn_scripts()]
        fmap.default_css = [(url, url) for url in assets.cdn_styles()]


def _inline_assets(page: str) -> str:
    from . import assets

    for package in assets.PACKAGES:
        for path in package.scripts:
            tag = f'<script src="{_ASSET_PREFIX}{package.name}/{path}"></script>'
            code = assets.read(package, path).replace("</script", "<\\/script")
            page = page.replace(tag, f"<script>{code}</script>")
        for path in package.styles:
            tag = f'<link rel="stylesheet" href="{_ASSET_PREFIX}{package.name}/{path}"/>'
            page = page.replace(tag, f"<style>{assets.inline_images(package, path)}</style>")
    return page


def _static(name: str) -> str:
    return resources.files("geomap").joinpath("static", name).read_text(encoding="utf-8")


def _json_for_html(data: Any) -> str:
    """JSON that cannot close its ``<script>`` element or start markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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


def _macro(name: str, script: str, **values: Any) -> Any:
    """A Folium element that runs ``script`` (a Jinja template) after the map is made."""
    from branca.element import MacroElement
    from jinja2 import Template

    element = MacroElement()
    element._name = name
    element._template = Template("{% macro script(this, kwargs) %}" + script + "{% endmacro %}")
    for key, value in values.items():
        setattr(element, key, value)
    return element


def _attribution(text: str) -> Any:
    """A line in the map's attribution control (credits for the data shown)."""
    return _macro(
        "Attribution",
        "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});",
        text=text,
    )


def _start_script(offline: bool) -> Any:
    """geomap's script, started on the map with the embedded data."""
    return _macro(
        "GeomapStart",
        "{{ this.code }}\n"
        "{% if this.offline %}{{ this._parent.get_name() }}.getContainer()"
        ".classList.add('geomap-offline');{% endif %}\n"
        "geomapStart({{ this._parent.get_name() }}, "
        "JSON.parse(document.getElementById('geomap-data').textContent));",
        code=_static("geomap.js"),
        offline=offline,
    )
