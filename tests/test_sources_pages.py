"""Saved web pages: the article's text and metadata, boilerplate left out."""

import datetime as dt

import pytest

from geomap.articles import Skipped, read_items
from geomap.sources.pages import canonical_url, page_article

BODY = (
    "<p>Ukrainian soldiers entered the centre of Kherson on Friday after Russian forces "
    "withdrew across the Dnipro river, residents told reporters by telephone.</p>"
    "<p>The Antonivskyi Bridge was destroyed overnight, cutting the last road crossing to "
    "the left bank of the river near Oleshky.</p>"
    "<p>Officials in Mykolaiv said the advance continued toward Snihurivka and Beryslav, "
    "and that mines were being cleared from the roads into the city.</p>"
)
BOILERPLATE = (
    '<nav><a href="/">Home</a> <a href="/world">World news from Lisbon</a></nav>'
    '<div class="cookie-banner"><p>We use cookies to improve your visit. Accept all '
    "cookies?</p></div>"
)
RELATED = (
    '<aside class="related"><h2>Related</h2><ul><li><a href="/b">Grain ships leave '
    'Odesa</a></li><li><a href="/c">Floods in Valencia</a></li></ul></aside>'
    '<section class="comments"><h3>Comments</h3><p>Great news, greetings from Lviv! '
    "(posted by a reader)</p></section>"
)


def _page(head: str, article: str, wrapper: str = "article") -> str:
    return (
        f"<!doctype html><html><head>{head}</head><body>{BOILERPLATE}<main>"
        f"<{wrapper}>{article}</{wrapper}>{RELATED}</main>"
        "<footer><p>Copyright the Daily Example, Brussels</p></footer></body></html>"
    )


JSON_LD_PAGE = _page(
    "<title>Troops enter Kherson | Daily Example</title>"
    '<link rel="canonical" href="https://News.Example.org/2022/11/11/kherson?utm_source=x">'
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
    '"NewsArticle", "headline": "Troops enter Kherson", "datePublished": '
    '"2022-11-11T14:05:00+02:00", "author": {"@type": "Person", "name": "Jane Reporter"}, '
    '"publisher": {"@type": "Organization", "name": "Daily Example"}}</script>',
    f"<h1>Troops enter Kherson</h1>{BODY}",
)
OPENGRAPH_PAGE = _page(
    "<title>Bridge destroyed</title>"
    '<meta property="og:title" content="Antonivskyi Bridge destroyed">'
    '<meta property="og:url" content="https://example.net/news/bridge">'
    '<meta property="og:site_name" content="Example Net">'
    '<meta property="article:published_time" content="2022-11-12T08:00:00Z">'
    '<meta name="author" content="Ivan Writer">',
    f"<h1>Antonivskyi Bridge destroyed</h1>{BODY}",
    wrapper="div",
)
BARE_PAGE = (
    "<html><head><title>Report</title></head><body><div id=menu><a href=/>Home</a></div>"
    f"<div class=content>{BODY}</div></body></html>"
)


def test_a_news_page_with_json_ld_gives_text_and_metadata():
    article = page_article(JSON_LD_PAGE, "page.html", path="page.html")
    assert article.id == article.url == "https://news.example.org/2022/11/11/kherson"
    assert article.title == "Troops enter Kherson"
    assert article.author == "Jane Reporter"
    assert article.date == dt.date(2022, 11, 11)
    assert article.source == "Daily Example"
    assert article.source_kind == "html"
    assert "Antonivskyi Bridge was destroyed" in article.text
    assert "Snihurivka and Beryslav" in article.text
    for boilerplate in ("cookies", "Lisbon", "Valencia", "Odesa", "Lviv", "Brussels"):
        assert boilerplate not in article.text


def test_opengraph_tags_are_read_when_there_is_no_json_ld():
    article = page_article(OPENGRAPH_PAGE, "og.html")
    assert article.url == "https://example.net/news/bridge"
    assert article.title == "Antonivskyi Bridge destroyed"
    assert article.author == "Ivan Writer"
    assert article.date == dt.date(2022, 11, 12)
    assert "Kherson" in article.text and "cookies" not in article.text


def test_a_page_without_metadata_still_gives_its_text_keyed_by_a_hash():
    article = page_article(BARE_PAGE, "bare.html")
    assert article.url is None
    assert len(article.id) == 16  # a content hash
    assert "Antonivskyi Bridge" in article.text
    assert "Home" not in article.text.split("\n")[0]


def test_the_address_it_was_fetched_from_names_a_page_without_a_canonical_one():
    article = page_article(BARE_PAGE, "x", url="https://example.com/a#top")
    assert article.id == article.url == "https://example.com/a"


def test_saved_pages_are_read_from_folders_and_a_page_with_no_article_is_skipped(tmp_path):
    (tmp_path / "kherson.html").write_text(JSON_LD_PAGE, encoding="utf-8")
    (tmp_path / "app.htm").write_text(
        "<html><head><title>App</title></head><body><div id=app></div>"
        "<script>render()</script></body></html>"
    )
    items = {
        type(item).__name__: item
        for path in sorted(tmp_path.iterdir())
        for item in read_items(path)
    }
    assert isinstance(items["Skipped"], Skipped)
    assert "no article text" in items["Skipped"].reason
    assert items["Article"].path == str(tmp_path / "kherson.html")


def test_a_page_in_another_encoding_is_read_by_its_declared_charset(tmp_path):
    page = JSON_LD_PAGE.replace("<head>", '<head><meta charset="windows-1251">')
    page = page.replace("Kherson on Friday", "Kherson (Херсон) on Friday")
    path = tmp_path / "cp1251.html"
    path.write_bytes(page.encode("windows-1251"))
    (article,) = read_items(path)
    assert "Херсон" in article.text


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("HTTPS://Example.ORG/a/b?id=3&utm_medium=rss#c", "https://example.org/a/b?id=3"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/x?fbclid=abc", "https://example.org/x"),
        ("ftp://example.org/x", None),
        ("", None),
    ],
)
def test_canonical_url(given, canonical):
    assert canonical_url(given) == canonical
