"""Every kind of source through one path: a folder of pages, feeds, a Telegram export and
a table; feeds at addresses (a local server) updated twice; ``--feeds``; ``stats``."""

import http.server
import json
import threading
from typing import ClassVar

import pytest
from click.testing import CliRunner
from test_sources_feeds import RSS, _Site, serving
from test_sources_pages import JSON_LD_PAGE

from geomap.cli import cli
from geomap.store import Store

TELEGRAM = {
    "name": "Front Watch",
    "type": "public_channel",
    "id": 1001,
    "username": "frontwatch",
    "messages": [
        {
            "id": 7,
            "type": "message",
            "date": "2022-11-11T10:22:33",
            "text": ["Ukrainian troops entered ", {"type": "bold", "text": "Snihurivka"}, "."],
        },
        {"id": 8, "type": "message", "date": "2022-11-11T11:00:00", "photo": "p.jpg", "text": ""},
        {"id": 9, "type": "service", "date": "2022-11-11T12:00:00", "action": "pin_message"},
    ],
}
CSV = (
    "story_id,body,published\n"
    'c1,"Shelling hit Nikopol overnight, officials said.",2022-11-12\n'
    "c2,Mines were found on the road to Beryslav.,not a date\n"
)


@pytest.fixture
def site():
    yield from serving()


def _invoke(*args):
    return CliRunner().invoke(cli, [*map(str, args)], catch_exceptions=False)


def test_a_folder_of_every_kind_is_read_in_one_update(tmp_path, gazetteer):
    news = tmp_path / "news"
    news.mkdir()
    (news / "kherson.html").write_text(JSON_LD_PAGE, encoding="utf-8")
    (news / "wire.rss").write_text(RSS.format(base="https://wire.example"), encoding="utf-8")
    (news / "result.json").write_text(json.dumps(TELEGRAM), encoding="utf-8")
    (news / "export.csv").write_text(CSV, encoding="utf-8")
    (news / "notes.docx").write_bytes(b"PK\x03\x04")
    out = tmp_path / "maps"
    result = _invoke(
        "update",
        news,
        "--out",
        out,
        "--id-column",
        "story_id",
        "--text-column",
        "body",
        "--date-column",
        "published",
    )
    assert result.exit_code == 1  # two bad items: reported, the rest stored
    assert "skipped" in result.output and "not a date" in result.output
    assert "html 1 source: 1 article;" in result.output
    assert "media only" in result.output
    with Store(out / "geomap.sqlite") as store:
        kinds = store.stats()["articles_by_source_kind"]
        assert kinds == {"feed": 2, "csv": 1, "html": 1, "telegram": 1}
        article = store.articles_by_id(["telegram:frontwatch:7"])["telegram:frontwatch:7"]
        assert article.url == "https://t.me/frontwatch/7"
        assert {m.text for m in store.mentions(article_ids=[article.id])} >= {"Snihurivka"}
    stats = _invoke("stats", out)
    assert "from     feed 2, csv 1, html 1, telegram 1" in stats.output


def test_feeds_at_addresses_are_asked_conditionally_and_stored_once(tmp_path, site, gazetteer):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the wire\n{site}/feed.xml  # RSS\n\n{site}/atom.xml\n")
    page = tmp_path / "saved.html"
    # the page an item links to, saved by hand: the same article (its canonical address)
    canonical = "https://News.Example.org/2022/11/11/kherson?utm_source=x"
    page.write_text(JSON_LD_PAGE.replace(canonical, f"{site}/kherson"))
    out = tmp_path / "maps"
    first = _invoke("update", page, "--feeds", feeds, "--out", out)
    assert first.exit_code == 1  # the feed's undatable item
    assert f"note {site}/feed.xml: {site}/kherson was read before" in first.output
    with Store(out / "geomap.sqlite") as store:
        ids = set(store.articles_by_id([f"{site}/kherson", f"{site}/bridge"]))
        assert ids == {f"{site}/kherson", f"{site}/bridge"}
        # the RSS items (the first is the page saved), the Atom entry
        assert store.stats()["articles"] == 3
        assert store.feed_state(f"{site}/feed.xml") == ('"v1"', "Sat, 12 Nov 2022 10:00:00 GMT")
    second = _invoke("update", f"{site}/feed.xml", "--out", out)
    assert second.exit_code == 0, second.output
    assert "not changed since it was last read" in second.output
    assert _Site.requests[-1][1]["If-None-Match"] == '"v1"'


def test_an_unreachable_feed_is_reported_and_the_rest_goes_on(tmp_path, gazetteer):
    (tmp_path / "a.txt").write_text(" date 2022-11-11\nUkrainian troops entered Kherson.")
    out = tmp_path / "maps"
    result = _invoke("update", tmp_path / "a.txt", "http://127.0.0.1:9/feed.xml", "--out", out)
    assert result.exit_code == 1
    assert "skipped http://127.0.0.1:9/feed.xml: cannot be reached" in result.output
    with Store(out / "geomap.sqlite") as store:
        assert store.stats()["articles"] == 1


def test_parse_dump_text_shows_the_text_offsets_refer_to(tmp_path, gazetteer):
    page = tmp_path / "kherson.html"
    page.write_text(JSON_LD_PAGE, encoding="utf-8")
    dumped = _invoke("parse", page, "--dump-text", "-q").output
    parsed = json.loads(_invoke("parse", page, "-q").output)
    text = dumped.split("\n", 1)[1].rstrip("\n")
    assert dumped.startswith("== https://news.example.org/2022/11/11/kherson Troops enter")
    assert parsed["mentions"]
    for mention in parsed["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]


def test_a_feeds_file_with_a_line_that_is_no_address_is_refused(tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/feed.xml\nexample.org/other\n")
    result = CliRunner().invoke(cli, ["parse", "--feeds", str(feeds)])
    assert result.exit_code == 1
    assert "feeds.txt:2: 'example.org/other' is not an http(s) address" in result.output


def test_sources_are_needed(tmp_path):
    result = CliRunner().invoke(cli, ["parse"])
    assert result.exit_code == 2 and "give SOURCES" in result.output


def test_a_feeds_summary_does_not_replace_the_saved_page_of_its_story(tmp_path, site, gazetteer):
    canonical = "https://News.Example.org/2022/11/11/kherson?utm_source=x"
    page = tmp_path / "saved" / "kherson.html"
    page.parent.mkdir()
    page.write_text(JSON_LD_PAGE.replace(canonical, f"{site}/kherson"), encoding="utf-8")
    out = tmp_path / "maps"
    _invoke("update", page.parent, "--out", out, "-q")
    with Store(out / "geomap.sqlite") as store:
        saved = store.articles_by_id([f"{site}/kherson"])[f"{site}/kherson"]
    feed = _invoke("update", f"{site}/feed.xml", "--out", out)
    assert "the fuller text stored (html) is kept" in feed.output
    again = _invoke("update", page.parent, "--out", out)
    assert "1 unchanged" in again.output
    with Store(out / "geomap.sqlite") as store:
        assert store.articles_by_id([f"{site}/kherson"])[f"{site}/kherson"] == saved


def test_ids_given_by_two_kinds_of_source_clash_unless_they_are_addresses(tmp_path, gazetteer):
    (tmp_path / "a.csv").write_text("id,text\n1,Shelling hit Nikopol overnight.\n")
    (tmp_path / "b.jsonl").write_text('{"id": "1", "text": "Fighting went on near Idlib."}\n')
    result = _invoke("update", tmp_path / "a.csv", tmp_path / "b.jsonl", "--out", tmp_path / "m")
    assert result.exit_code == 1
    assert "id '1' was read before" in result.output


def test_folders_hold_other_json_and_xml_and_geomaps_own_maps(tmp_path, gazetteer):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text(" date 2022-11-11\nUkrainian troops entered Kherson.")
    (news / "settings.json").write_text('{"theme": "dark"}')
    (news / "corpus.xml").write_text("<articles><article>Kyiv</article></articles>")
    first = _invoke("update", news, "--out", news / "maps", "-v")
    assert first.exit_code == 0, first.output
    again = _invoke("update", news, "--out", news / "maps", "-v")
    assert again.exit_code == 0, again.output  # its own map in news/maps is not an article
    assert "settings.json: not an article file" in again.output
    assert "index.html: not an article file" in again.output


def test_a_telegram_channel_named_on_the_command_line_gives_its_links(tmp_path, gazetteer):
    export = {k: v for k, v in TELEGRAM.items() if k != "username"}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    plain = json.loads(_invoke("parse", path, "-q").output)
    named = json.loads(_invoke("parse", path, "--telegram-channel", "@frontwatch", "-q").output)
    assert plain["id"] == "telegram:1001:7" and named["id"] == "telegram:frontwatch:7"


def test_update_reparse_needs_no_sources(tmp_path, gazetteer):
    (tmp_path / "a.txt").write_text(" date 2022-11-11\nUkrainian troops entered Kherson.")
    _invoke("update", tmp_path / "a.txt", "--out", tmp_path / "m", "-q")
    assert _invoke("update", "--reparse", "--out", tmp_path / "m", "-q").exit_code == 0


def test_fetch_pages_works_for_feed_files_in_parse(tmp_path, site, gazetteer):
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS.format(base=site), encoding="utf-8")
    dumped = _invoke("parse", feed, "--fetch-pages", "--dump-text", "-q").output
    assert "engineers" in dumped  # the page's text, not the feed's summary


class _Flaky(http.server.BaseHTTPRequestHandler):
    """A feed that answers once, then fails."""

    answered: ClassVar[list] = []

    def do_GET(self):
        if self.answered:
            self.send_response(503)
            self.end_headers()
            return
        self.answered.append(self.path)
        body = RSS.format(base="https://wire.example").replace("<pubDate>soon</pubDate>", "")
        body = body.encode()
        self.send_response(200)
        self.send_header("ETag", '"f1"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_feed_read_only_by_stricts_first_pass_is_not_marked_read(tmp_path, gazetteer):
    _Flaky.answered = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/feed.xml"
    try:
        out = tmp_path / "maps"
        # the first pass reads the feed; the second finds it failing: nothing is stored
        result = _invoke("update", url, "--strict", "--out", out)
        assert result.exit_code == 1 and "503" in result.output
        with Store(out / "geomap.sqlite") as store:
            assert store.stats()["articles"] == 0
            assert store.feed_state(url) is None  # asked for in full the next time
    finally:
        server.shutdown()
        server.server_close()
