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
