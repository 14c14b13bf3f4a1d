import datetime as dt
import json
import re

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


def embedded_data(page):
    found = re.search(r'<script type="application/json" id="geomap-data">(.*?)</script>', page)
    assert found
    return json.loads(found.group(1))


def test_render_is_deterministic_and_article_text_is_only_data():
    page = render_map(*sample())
    assert page == render_map(*sample())
    # Article text never appears as markup: "<" is escaped inside the embedded JSON.
    assert "<script>alert" not in page
    assert "\\u003cscript\\u003ealert" in page
    data = embedded_data(page)
    assert [record[data["record_fields"].index("quote")] for record in data["events"]] == [EVIL]
    assert "GeoNames" in page
    assert "tile.openstreetmap.org" in page
    assert "leaflet.markercluster@1.5.3" in page


def test_title_is_escaped():
    page = render_map(*sample(), title="<b>Kherson</b> & more")
    assert "<title>&lt;b&gt;Kherson&lt;/b&gt; &amp; more</title>" in page


def test_offline_page_needs_no_network(gazetteer):
    require_offline_assets()
    page = render_map(*sample(), offline=True, gazetteer=gazetteer)
    assert "<script src=" not in page
    assert '<link rel="stylesheet" href="http' not in page
    assert "tile.openstreetmap.org" not in page
    assert "L.MarkerClusterGroup" in page  # the plugin is inlined
    basemap = embedded_data(page)["basemap"]
    countries = {f["properties"]["iso"] for f in basemap["countries"]["features"]}
    assert "UA" in countries
    # Town labels near the data, most populous first: Kyiv is in view of Testville.
    assert basemap["labels"][0][2] == "Kyiv"
    assert any(f["properties"]["name"] == "Dnipro" for f in basemap["shapes"]["features"])


def test_template_syntax_in_articles_is_text_not_code():
    # Folium renders its elements with Jinja: article text must never be a template.
    articles, mentions, events = sample()
    text = "Troops entered Testville {{ 6*7 }} {% if true %}yes{% endif %}."
    articles = {"a1": Article("a1", text, dt.date(2022, 11, 11))}
    events = [Event("e1", "advance", "a1", text, 0, len(text), PLACE, "Testville")]
    page = render_map(articles, mentions, events, title="{{ 7*7 }}")
    data = embedded_data(page)
    assert [record[data["record_fields"].index("quote")] for record in data["events"]] == [text]
    assert "<title>{{ 7*7 }}</title>" in page
    assert "Testville 42" not in page.split('id="geomap-data">')[1].split("</script>")[0]
