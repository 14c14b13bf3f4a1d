import datetime as dt

from geomap.bridges import bridge_features
from geomap.events import CROSSING_KINDS, CrossingFinder, extract_events
from geomap.extract import find_spans
from geomap.model import Article
from geomap.resolve import resolve


def features(gazetteer, text):
    article = Article(id="a", text=text, date=dt.date(2022, 11, 12))
    mentions = resolve("a", find_spans(text, gazetteer), gazetteer)
    finder = CrossingFinder(gazetteer.places_of_kind(*CROSSING_KINDS))
    return bridge_features(extract_events(article, mentions, finder))


def test_named_bridge_with_status_and_unnamed_bridges_with_count(gazetteer):
    text = (
        "Retreating troops blew up the Antonivskyi Bridge on Nov. 11. "
        "Two bridges near Kherson were also destroyed. The Kakhovka Dam is intact."
    )
    found = {f["properties"]["name"]: f["properties"] for f in features(gazetteer, text)}
    antonivskyi = found["Antonivskyi Bridge"]
    assert antonivskyi["status"] == "destroyed" and antonivskyi["status_date"] == "2022-11-11"
    assert antonivskyi["identified_by"] == "name" and antonivskyi["article_ids"] == "a"
    assert found["bridges near Kherson"]["count"] == 2
    assert found["Kakhovka Dam"]["status"] == "intact"


def test_hypothetical_destruction_is_not_drawn(gazetteer):
    assert features(gazetteer, "They might blow up the Antonivskyi Bridge.") == []
