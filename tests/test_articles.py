import datetime as dt
import json

import pytest

from geomap.articles import content_id, read_articles, read_file, source_files
from geomap.errors import ArticleError


def test_dated_text_keeps_whole_file_and_reads_date(tmp_path):
    path = tmp_path / "a.txt"
    text = " date 2022-11-11 Caption here.\n\nBody about Kherson.\n"
    path.write_text(text, encoding="utf-8")
    (article,) = read_file(path)
    assert article.text == text
    assert article.date == dt.date(2022, 11, 11)
    assert article.id == content_id(text)
    assert article.text.index("Kherson") == text.index("Kherson")


def test_plain_text_has_no_date(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("News from Odesa.", encoding="utf-8")
    (article,) = read_file(path)
    assert article.date is None and article.text == "News from Odesa."


def test_jsonl_keeps_given_id_and_metadata(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [
        {"id": "x1", "text": "In Lviv.", "date": "2023-01-02T10:00:00", "url": "https://e.org/1"},
        {"text": "No id here."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    first, second = read_file(path)
    assert (first.id, first.date, first.url) == ("x1", dt.date(2023, 1, 2), "https://e.org/1")
    assert second.id == content_id("No id here.")


def test_bad_jsonl_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok"}\n{"text": 5}\n', encoding="utf-8")
    with pytest.raises(ArticleError, match=r"bad.jsonl:2"):
        list(read_file(path))


def test_bad_date_is_a_clear_error(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(" date 2022-13-45 text", encoding="utf-8")
    with pytest.raises(ArticleError, match="not a date"):
        list(read_file(path))


def test_folder_is_read_recursively_in_order_skipping_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / ".hidden" / "c.txt").write_text("C", encoding="utf-8")
    (tmp_path / "notes.md").write_text("M", encoding="utf-8")
    assert [p.name for p in source_files([tmp_path])] == ["a.txt", "b.txt"]
    assert [a.text for a in read_articles([tmp_path])] == ["A", "B"]


def test_missing_path_and_non_utf8_are_errors(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        source_files([tmp_path / "nope"])
    path = tmp_path / "latin1.txt"
    path.write_bytes("Kyïv".encode("latin-1"))
    with pytest.raises(ArticleError, match="not UTF-8"):
        list(read_file(path))


def items_of(path):
    from geomap.articles import Skipped, read_items

    return [
        (type(i) is Skipped, str(i) if type(i) is Skipped else i.text) for i in read_items(path)
    ]


def test_a_bad_item_is_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        json.dumps({"id": "a", "text": "Troops entered Kherson."}),
        "{not json",
        json.dumps({"id": "b", "text": "  "}),
        json.dumps({"id": "c", "date": "2022-13-45", "text": "Shelling hit Kupiansk."}),
        json.dumps({"id": "d", "text": "Shelling hit Izium."}),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = items_of(path)
    assert [text for bad, text in found if not bad] == [
        "Troops entered Kherson.",
        "Shelling hit Izium.",
    ]
    problems = [text for bad, text in found if bad]
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in problems] == ["2", "3", "4"]
    assert "not valid JSON" in problems[0] and "empty article" in problems[1]
    # the strict reader stops at the first
    with pytest.raises(ArticleError, match=r"feed.jsonl:2: not valid JSON"):
        list(read_file(path))


def test_json_lines_are_split_on_newlines_only(tmp_path):
    path = tmp_path / "feed.jsonl"
    texts = [
        "Troops entered Kherson.\u2028Residents cheered.",
        "Shelling hit Izium.\u0085Later.\u2029",
    ]
    path.write_text(
        "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts), encoding="utf-8"
    )
    assert [a.text for a in read_file(path)] == texts


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty article"),
        (b" date 2022-11-11\n\n  \n", "empty article"),
        (b" date 2022-11-1x\nTroops entered Izium.", "is not a date line"),
        (b"Date: yesterday\nTroops entered Izium.", "is not a date line"),
        ("Les forces sont entr\u00e9es".encode("latin-1"), "Latin-1"),
        ("Kherson".encode("utf-16"), "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ],
)
def test_what_cannot_be_an_article_says_why(tmp_path, content, reason):
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    ((bad, text),) = items_of(path)
    assert bad and reason in text and text.startswith(str(path))


def test_a_date_line_may_carry_a_colon_and_capitals(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Date: 2023-06-06\nThe dam was destroyed.", encoding="utf-8")
    (article,) = read_file(path)
    assert article.date == dt.date(2023, 6, 6)


def test_an_article_over_the_size_limit_is_skipped(tmp_path):
    from geomap.articles import Skipped, read_items

    path = tmp_path / "big.txt"
    path.write_text("Kherson. " * 200, encoding="utf-8")
    (item,) = read_items(path, max_bytes=1000)
    assert isinstance(item, Skipped) and "over the limit of 1,000" in item.reason
    (item,) = read_items(path, max_bytes=10_000)
    assert not isinstance(item, Skipped)


def test_other_files_in_a_folder_are_listed(tmp_path):
    from geomap.articles import scan_sources

    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04")
    files, others = scan_sources([tmp_path])
    assert [p.name for p in files] == ["a.txt"]
    assert [o.where for o in others] == [str(tmp_path / "report.docx")]


def test_json_that_python_refuses_to_read_is_one_bad_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        '{"text": "x", "id": ' + "1" * 5000 + "}",  # beyond Python's digit limit
        "[" * 100_000,  # nesting beyond the recursion limit
        '{"text": "Troops entered Kherson."}',
    ]
    # and a line that is not UTF-8 before the last
    path.write_bytes("\n".join(rows[:2]).encode() + b"\n\xff\xfe bad\n" + rows[2].encode())
    found = items_of(path)
    assert [bad for bad, _ in found] == [True, True, True, False]
    assert found[-1][1] == "Troops entered Kherson."


@pytest.mark.parametrize(
    ("first_line", "date"),
    [
        ("date 2022-03-01T10:00Z", dt.date(2022, 3, 1)),
        ("Date 2022-03-01, Kyiv", dt.date(2022, 3, 1)),
        ("Date: 12 March 2022", dt.date(2022, 3, 12)),  # in words, as texts write dates
        ("Date: March 12, 2022", dt.date(2022, 3, 12)),
    ],
)
def test_date_lines_with_a_time_or_words_after_the_date(tmp_path, first_line, date):
    path = tmp_path / "a.txt"
    path.write_text(f"{first_line}\nTroops entered Izium.", encoding="utf-8")
    (article,) = read_file(path)
    assert article.date == date


def test_a_text_file_over_the_limit_is_not_even_read(tmp_path, monkeypatch):
    import geomap.articles as articles

    path = tmp_path / "huge.txt"
    path.write_text("x" * 5000, encoding="utf-8")
    monkeypatch.setattr(articles, "_read_utf8", lambda p: pytest.fail("read"))
    (item,) = articles.read_items(path, max_bytes=1000)
    assert "over the limit" in item.reason


def test_a_nul_character_becomes_the_replacement_character_in_place(tmp_path):
    # never meant in news; PostgreSQL refuses it in text: every store gets U+FFFD instead
    feed = tmp_path / "feed.jsonl"
    record = {"id": "a\u0000b", "title": "T\u0000", "text": "Kyiv\u0000 and Lviv."}
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / "plain.txt").write_text(" date 2022-11-11 \n\nOdesa\u0000 port.", encoding="utf-8")
    (article,) = read_file(feed)
    assert (article.id, article.title, article.text) == (
        "a\ufffdb",
        "T\ufffd",
        "Kyiv\ufffd and Lviv.",
    )
    (plain,) = read_file(tmp_path / "plain.txt")
    assert plain.text.endswith("Odesa\ufffd port.") and "\u0000" not in plain.text
