import datetime as dt

from conftest import require_offline_assets

from geomap.model import Article, Event, Mention, Place
from geomap.render import render_map

PLACE = Place("geonames:1", "Testville", "town", 30.5, 50.4, "UA")
EVIL = "Troops entered Testville <script>alert('x')</script> & more."


def sample():
    article = Article("a1", EVIL, dt.date(2022, 11, 11), url="https://example.org/a")
    mention = Mention("a1", 15, 24, "Testville", PLACE, 0.9)
    event = Event(
        "e1", "advance", "a1", EVIL, 0, len(EVIL), PLACE, "Testville", dt.date(2022, 11, 11), 2
    )
    return {"a1": article}, [mention], [event]


def test_render_is_deterministic_and_escapes_article_text():
    page = render_map(*sample())
    assert page == render_map(*sample())
    assert "<script>alert" not in page
    # Escaped as HTML entities, then JSON-escaped by Folium inside the embedded data.
    assert "\\u0026lt;script\\u0026gt;alert" in page
    assert "GeoNames" in page
    assert "tile.openstreetmap.org" in page


def test_offline_page_needs_no_network():
    require_offline_assets()
    page = render_map(*sample(), offline=True)
    assert "<script src=" not in page
    assert '<link rel="stylesheet" href="http' not in page
    assert "tile.openstreetmap.org" not in page
    assert "L.map(" in page or "L.map" in page
