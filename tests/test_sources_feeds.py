"""RSS and Atom feeds, from files and from a local HTTP server started by the tests."""

import datetime as dt
import http.server
import threading
import time
from typing import ClassVar

import pytest

from geomap.articles import Note, Skipped, read_items
from geomap.errors import FetchError
from geomap.sources.feeds import Web, feed_articles, feed_url_items, html_text
from geomap.sources.fetch import USER_AGENT, Fetcher

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Front Line Daily</title><link>{base}/</link>
<item><title>Troops enter Kherson</title><link>{base}/kherson?utm_source=rss</link>
<guid isPermaLink="false">fld-1</guid><pubDate>Fri, 11 Nov 2022 23:30:00 +0200</pubDate>
<author>desk@example.org (Jane Reporter)</author>
<description>&lt;p&gt;Ukrainian soldiers entered &lt;b&gt;Kherson&lt;/b&gt; on Friday.&lt;/p&gt;
&lt;p&gt;Russian forces withdrew across the Dnipro.&lt;/p&gt;</description></item>
<item><title>Bridge destroyed</title><link>{base}/bridge</link>
<pubDate>Sat, 12 Nov 2022 08:00:00 +0000</pubDate>
<description>The Antonivskyi Bridge near Oleshky was destroyed.</description></item>
<item><title>Undatable</title><link>{base}/bad-date</link><pubDate>soon</pubDate>
<description>Shelling hit Nikopol.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Snihurivka retaken</title><id>tag:wire.example,2022:7</id>
<published>2022-11-10T23:30:00-05:00</published><updated>2022-11-12T10:00:00Z</updated>
<author><name>Bob Writer</name></author>
<content type="html">&lt;p&gt;Ukrainian forces entered Snihurivka.&lt;/p&gt;</content></entry>
</feed>"""

PAGE = """<html><head><title>Troops enter Kherson</title>
<link rel="canonical" href="{base}/kherson"></head><body><nav>Home | World</nav>
<article><h1>Troops enter Kherson</h1><p>Ukrainian soldiers entered the centre of Kherson
on Friday after Russian forces withdrew across the Dnipro river, residents said.</p>
<p>Officials in Mykolaiv said the advance continued toward Beryslav and that engineers
were clearing mines from the roads into the city.</p></article></body></html>"""


class _Site(http.server.BaseHTTPRequestHandler):
    """A news site: a feed with an ETag and Last-Modified, its pages, and failures."""

    requests: ClassVar[list] = []

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        self.requests.append((self.path, dict(self.headers)))
        if self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            self._send(RSS.format(base=base), "application/rss+xml", etag='"v1"')
        elif self.path == "/atom.xml":
            self._send(ATOM, "application/atom+xml")
        elif self.path == "/kherson":
            self._send(PAGE.format(base=base), "text/html")
        elif self.path == "/broken.xml":
            self._send("<html><body>Maintenance</body></html>", "text/html")
        else:
            self.send_response(404)
            self.end_headers()

    def _send(self, body, kind, etag=None):
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Last-Modified", "Sat, 12 Nov 2022 10:00:00 GMT")
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    yield from serving()


def serving():
    """The address of a :class:`_Site` served on loopback until the generator ends."""
    _Site.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _fast() -> Fetcher:
    return Fetcher(per_host_delay=0, timeout=5)


class _Memory:
    def __init__(self):
        self.states = {}

    def feed_state(self, url):
        return self.states.get(url)


def test_rss_items_are_articles_with_ids_dates_authors_and_plain_text(site):
    items = list(feed_articles(RSS.format(base=site).encode(), "feed.xml"))
    articles = [i for i in items if not isinstance(i, Skipped)]
    (bad,) = [i for i in items if isinstance(i, Skipped)]
    first, second = articles
    assert first.id == first.url == f"{site}/kherson"  # the link, without tracking
    assert first.date == dt.date(2022, 11, 11)  # as the feed wrote it, not in UTC
    assert first.author == "Jane Reporter"
    assert first.source == "Front Line Daily" and first.source_kind == "feed"
    assert first.text == (
        "Troops enter Kherson\n\nUkrainian soldiers entered Kherson on Friday.\n\n"
        "Russian forces withdrew across the Dnipro."
    )
    assert second.text.endswith("The Antonivskyi Bridge near Oleshky was destroyed.")
    assert bad.where == "feed.xml#3" and "not a date" in bad.reason


def test_atom_entries_take_their_published_date_and_content():
    (entry,) = feed_articles(ATOM.encode(), "atom.xml")
    assert entry.id == "tag:wire.example,2022:7"  # no link: the id
    assert entry.date == dt.date(2022, 11, 10)
    assert entry.author == "Bob Writer"
    assert entry.text.endswith("Ukrainian forces entered Snihurivka.")


def test_a_feed_file_is_read_from_a_folder_and_a_malformed_one_is_skipped(tmp_path):
    (tmp_path / "wire.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "broken.xml").write_text("<rss><channel><title>Cut off in the midd")
    (tmp_path / "cut.rss").write_text("<rss><channel><item><title>x</ti")
    (tmp_path / "notes.xml").write_text("<notes><note>not a feed</note></notes>")
    (article,) = read_items(tmp_path / "wire.atom")
    assert article.path == str(tmp_path / "wire.atom")
    for name in ("broken.xml", "notes.xml"):
        (skipped,) = read_items(tmp_path / name)
        assert isinstance(skipped, Skipped) and "not an RSS or Atom feed" in skipped.reason
    # a feed cut off part way: said once, and the item cut off too
    malformed, cut = read_items(tmp_path / "cut.rss")
    assert malformed.where.endswith("cut.rss") and "a malformed feed" in malformed.reason
    assert cut.where.endswith("cut.rss#1") and "no title or text" in cut.reason


def test_a_feed_cut_short_keeps_its_items_and_is_asked_for_in_full_the_next_time(site):
    web = Web(fetcher=_fast())
    rss = RSS.format(base=site)
    cut = rss[: rss.index("<item><title>Undatable")] + "<item><title>Lost"
    items = list(feed_articles(cut.encode(), f"{site}/feed.xml", None))
    assert isinstance(items[0], Skipped) and "a malformed feed" in items[0].reason
    assert len([i for i in items if not isinstance(i, (Skipped, Note))]) == 2
    assert web.answered == {}


def test_guids_that_are_no_uri_are_unique_within_their_feed_only():
    rss = RSS.format(base="https://wire.example").replace(
        "<link>https://wire.example/bridge</link>", ""
    )
    rss = rss.replace(
        "<title>Bridge destroyed</title>", "<title>Bridge destroyed</title><guid>17</guid>"
    )
    ids = [i.id for i in feed_articles(rss.encode(), "f") if not isinstance(i, (Skipped, Note))]
    assert ids == ["https://wire.example/kherson", "feed:https://wire.example/:17"]


def test_a_feed_that_names_a_local_file_is_not_read_from_it(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text(ATOM, encoding="utf-8")
    (item,) = feed_articles(str(secret).encode(), "https://evil.example/feed")
    assert isinstance(item, Skipped)  # the bytes are the feed: no feed at all


def test_a_feed_is_fetched_politely_and_asked_conditionally_the_next_time(site):
    web = Web(fetcher=_fast(), memory=_Memory())
    url = f"{site}/feed.xml"
    first = list(feed_url_items(url, web))
    assert sum(not isinstance(i, (Skipped, Note)) for i in first) == 2
    assert web.answered[url] == ('"v1"', "Sat, 12 Nov 2022 10:00:00 GMT")
    _, headers = _Site.requests[0]
    assert headers["User-Agent"] == USER_AGENT and "geomap" in USER_AGENT
    assert "If-None-Match" not in headers
    web.memory.states[url] = web.answered[url]  # as the store remembers it
    (note,) = feed_url_items(url, web)
    assert isinstance(note, Note) and "not changed" in note.message
    assert _Site.requests[-1][1]["If-None-Match"] == '"v1"'


def test_unreachable_and_failing_feeds_are_one_line_each(site):
    web = Web(fetcher=_fast())
    (missing,) = feed_url_items(f"{site}/gone.xml", web)
    assert isinstance(missing, Skipped) and "404" in missing.reason
    (broken,) = feed_url_items(f"{site}/broken.xml", web)
    assert isinstance(broken, Skipped) and "not an RSS or Atom feed" in broken.reason
    assert f"{site}/broken.xml" not in web.answered  # asked in full the next time
    (refused,) = feed_url_items("http://127.0.0.1:9/feed.xml", web)
    assert isinstance(refused, Skipped) and "cannot be reached" in refused.reason


def test_fetch_pages_reads_the_linked_page_and_not_those_already_stored(site):
    web = Web(fetcher=_fast(), known=lambda ids: {i for i in ids if i.endswith("/bridge")})
    items = list(feed_url_items(f"{site}/feed.xml", web, fetch_pages=True))
    articles = [i for i in items if not isinstance(i, (Skipped, Note))]
    (kherson,) = articles  # the bridge item is stored already: not fetched, not read
    assert "engineers" in kherson.text and "Home" not in kherson.text  # the page's text
    assert kherson.date == dt.date(2022, 11, 11)  # the feed's date; the page has none
    assert kherson.id == f"{site}/kherson"
    assert [p for p, _ in _Site.requests] == ["/feed.xml", "/kherson"]
    assert any(isinstance(i, Note) and "already stored" in i.message for i in items)


def test_a_page_that_cannot_be_fetched_leaves_the_feeds_text_with_a_note(site):
    rss = RSS.format(base=site).replace(f"{site}/kherson?utm_source=rss", f"{site}/gone")
    web = Web(fetcher=_fast())
    items = list(feed_articles(rss.encode(), "feed", web))
    (note, gone) = [
        i for i in items if getattr(i, "url", getattr(i, "where", "")).endswith("/gone")
    ]
    assert isinstance(note, Note) and "404" in note.message
    assert gone.text.startswith("Troops enter Kherson\n\nUkrainian soldiers")


def test_requests_to_one_host_wait_for_each_other():
    now = [0.0]
    slept = []
    fetcher = Fetcher(per_host_delay=1.5, clock=lambda: now[0], sleep=slept.append)
    fetcher._last_request["example.org"] = 0.0
    now[0] = 0.5
    fetcher._wait_for("example.org")
    fetcher._wait_for("other.example")
    assert slept == [1.0]


def test_only_web_addresses_are_fetched():
    with pytest.raises(FetchError, match="not an http"):
        Fetcher().get("file:///etc/passwd")


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."),
        ("Plain &amp; simple", "Plain & simple"),
        ("Line<br/>break<script>alert(1)</script>", "Line\nbreak"),
        ("", ""),
    ],
)
def test_html_text(fragment, text):
    assert html_text(fragment) == text


class _Broken(http.server.BaseHTTPRequestHandler):
    """A server that answers junk, an answer cut short, or a byte at a time."""

    def do_GET(self):
        if self.path == "/junk":
            self.wfile.write(b"SPAM SPAM SPAM\r\n\r\n")
        elif self.path == "/short":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"<rss>")
        elif self.path == "/slow":
            self.send_response(200)
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)

    def log_message(self, *args):
        pass


def test_broken_slow_and_short_answers_are_one_line_each():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Broken)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    fetcher = Fetcher(per_host_delay=0, timeout=5, total_timeout=1)
    try:
        for path, reason in [
            ("/junk", "a broken answer"),
            ("/short", "cut short"),
            ("/slow", "not read within 1 s"),
        ]:
            with pytest.raises(FetchError, match=reason):
                fetcher.get(base + path)
        with pytest.raises(FetchError, match="broken answer or address"):
            fetcher.get("http://example.org/a page")
    finally:
        server.shutdown()
        server.server_close()
