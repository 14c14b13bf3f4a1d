import csv
import datetime as dt

import pytest

from geomap.articles import Skipped, content_id
from geomap.model import Article
from geomap.sources.tables import Columns, find_columns, table_items


def _write_csv(path, rows, delimiter=",", encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def _split(items):
    articles = [item for item in items if isinstance(item, Article)]
    skipped = [item for item in items if isinstance(item, Skipped)]
    return articles, skipped


def test_csv_rows_are_articles(tmp_path):
    path = _write_csv(
        tmp_path / "news.csv",
        [
            ["id", "date", "title", "url", "source", "author", "text", "notes"],
            [
                "a1",
                "2022-11-11",
                "Kherson",
                "https://example.org/1",
                "Desk",
                "Iryna",
                "Ukrainian forces entered Kherson.",
                "x",
            ],
            ["", "", "", "", "", "", "Shelling near Nikopol overnight.", ""],
        ],
    )
    first, second = table_items(path)
    assert (first.id, first.date, first.title, first.url) == (
        "a1",
        dt.date(2022, 11, 11),
        "Kherson",
        "https://example.org/1",
    )
    assert (first.source, first.author, first.source_kind, first.path) == (
        "Desk",
        "Iryna",
        "csv",
        str(path),
    )
    assert second.id == content_id("Shelling near Nikopol overnight.")
    assert (second.date, second.title, second.url, second.source, second.author) == (None,) * 5


def test_other_text_column_and_case_insensitive_header(tmp_path):
    path = _write_csv(
        tmp_path / "posts.csv",
        [
            ["Body", "PUBLISHED", " Headline "],
            ["Ukrainian forces entered Snihurivka on 10 November.", "2022-11-10", "Snihurivka"],
        ],
    )
    columns = Columns(text="body", date="published", title="headline")
    (article,) = table_items(path, columns)
    assert article.text == "Ukrainian forces entered Snihurivka on 10 November."
    assert (article.date, article.title) == (dt.date(2022, 11, 10), "Snihurivka")


def test_exact_column_name_wins_over_other_case():
    assert find_columns(["TEXT", "text"], Columns()) == {"text": 1}
    assert find_columns(["Text", "Id"], Columns(id=None)) == {"text": 0}
    assert find_columns(["body"], Columns()) is None


def test_bom_and_quoted_multiline_fields(tmp_path):
    path = _write_csv(
        tmp_path / "bom.csv",
        [
            ["text", "date"],
            ['Kyiv said:\n"Lyman is ours."\r\nMore later.', "2022-10-01"],
            ["Kupiansk, then Izium.", "2022-09-10"],
        ],
        encoding="utf-8-sig",
    )
    first, second = table_items(path)
    assert first.text == 'Kyiv said:\n"Lyman is ours."\r\nMore later.'
    assert second.text == "Kupiansk, then Izium."
    assert second.date == dt.date(2022, 9, 10)


def test_semicolon_csv_and_tsv(tmp_path):
    semi = _write_csv(
        tmp_path / "semi.csv",
        [["text", "date"], ["Kherson, Mykolaiv; and Odesa.", "2022-11-12"]],
        delimiter=";",
    )
    (article,) = table_items(semi)
    assert (article.text, article.date) == ("Kherson, Mykolaiv; and Odesa.", dt.date(2022, 11, 12))
    for name in ("news.tsv", "news.tab"):
        tsv = _write_csv(
            tmp_path / name,
            [["date", "text"], ["2022-11-13", "Troops crossed,\tthen\nwaited."]],
            "\t",
        )
        (article,) = table_items(tsv)
        assert article.text == "Troops crossed,\tthen\nwaited."
        assert article.source_kind == "tsv"


def test_single_column_csv(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("text\nPower returned to Beryslav.\n", encoding="utf-8")
    (article,) = table_items(path)
    assert article.text == "Power returned to Beryslav."


def test_bad_rows_are_skipped_and_the_rest_read(tmp_path):
    path = _write_csv(
        tmp_path / "mixed.csv",
        [
            ["text", "date"],
            ["Fighting near Bakhmut.", "03/04/2022"],
            ["", "2022-11-11"],
            ["Too", "many", "fields"],
            [],
            ["Calm in Odesa.", "Fri, 11 Nov 2022 09:30:00 +0200"],
        ],
    )
    articles, skipped = _split(list(table_items(path)))
    assert [(a.text, a.date) for a in articles] == [("Calm in Odesa.", dt.date(2022, 11, 11))]
    assert [item.where for item in skipped] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not a date" in skipped[0].reason
    assert skipped[1].reason == "empty article"
    assert skipped[2].reason == "3 fields where the header has 2"


def test_row_numbers_count_records_not_lines(tmp_path):
    path = _write_csv(
        tmp_path / "rows.csv",
        [["text", "date"], ["A long\nreport\nfrom Lyman.", "2022-10-01"], ["Svatove", "soon"]],
    )
    first, second = table_items(path)
    assert first.text == "A long\nreport\nfrom Lyman."
    assert second == Skipped(f"{path}:3", second.reason)  # line 5 of the file


def test_missing_text_column_names_the_columns(tmp_path):
    path = _write_csv(tmp_path / "no_text.csv", [["a", "b", "c"], ["1", "2", "3"]])
    assert list(table_items(path)) == [
        Skipped(str(path), "no column 'text' (columns: a, b, c); name it with --text-column")
    ]


def test_huge_field_is_read_and_oversized_text_skipped(tmp_path):
    big = "Kherson was liberated. " * 20_000  # 460,000 bytes: over csv's default limit
    path = _write_csv(tmp_path / "big.csv", [["text"], [big], ["Then Snihurivka."]])
    first, second = table_items(path)
    assert first.text == big and second.text == "Then Snihurivka."
    articles, skipped = _split(list(table_items(path, max_bytes=200_000)))
    assert [a.text for a in articles] == ["Then Snihurivka."]
    assert skipped[0].where == f"{path}:2" and "over the limit" in skipped[0].reason
    # a line far beyond the limit is not loaded: reading stops there
    articles, skipped = _split(list(table_items(path, max_bytes=1000)))
    assert articles == []
    assert skipped[0].where == f"{path}:2" and "line 2 is over 4,000 bytes" in skipped[0].reason


def test_bad_utf8_names_the_line_and_stops(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("text\nKyiv and Lviv.\nCaf\u00e9 in Kharkiv.\nOdesa.\n".encode("latin-1"))
    articles, skipped = _split(list(table_items(path)))
    assert [a.text for a in articles] == ["Kyiv and Lviv."]
    assert skipped[0].where == f"{path}:3"
    assert "not UTF-8 text (line 3, byte 3" in skipped[0].reason


def test_nul_and_empty_files(tmp_path):
    path = _write_csv(tmp_path / "nul.csv", [["text", "title"], ["Izium\x00 retaken.", "I\x00"]])
    (article,) = table_items(path)
    assert (article.text, article.title) == ("Izium\ufffd retaken.", "I\ufffd")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    (item,) = table_items(empty)
    assert isinstance(item, Skipped) and item.where == str(empty)
    (item,) = table_items(tmp_path / "missing.csv")
    assert isinstance(item, Skipped)


def test_parquet_round_trip(tmp_path):
    pa = pytest.importorskip("pyarrow", reason="pyarrow is an optional dependency")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(
        {
            "Text": ["Ukrainian forces entered Kherson.", "", "Shelling near Nikopol."],
            "id": [101, 102, None],
            "date": ["2022-11-11", None, "not a date"],
            "url": ["https://example.org/k", None, None],
        }
    )
    path = tmp_path / "news.parquet"
    pq.write_table(table, path, row_group_size=2)
    articles, skipped = _split(list(table_items(path)))
    (article,) = articles
    assert (article.id, article.text, article.date, article.url) == (
        "101",
        "Ukrainian forces entered Kherson.",
        dt.date(2022, 11, 11),
        "https://example.org/k",
    )
    assert (article.source_kind, article.path, article.title) == ("parquet", str(path), None)
    assert [item.where for item in skipped] == [f"{path}:2", f"{path}:3"]
    assert skipped[0].reason == "empty article"
    assert "not a date" in skipped[1].reason


def test_parquet_date_and_timestamp_columns(tmp_path):
    pa = pytest.importorskip("pyarrow", reason="pyarrow is an optional dependency")
    pq = pytest.importorskip("pyarrow.parquet")
    late = dt.datetime(2022, 11, 10, 23, 30, tzinfo=dt.timezone.utc)  # 11 November in Kyiv
    table = pa.table(
        {
            "text": ["Kherson.", "Snihurivka.", "Lyman."],
            "date": pa.array([late, late, None], pa.timestamp("ns", tz="Europe/Kyiv")),
            "day": pa.array([dt.date(2022, 10, 1)] * 3, pa.date32()),
        }
    )
    path = tmp_path / "stamps.parquet"
    pq.write_table(table, path)
    dates = [article.date for article in table_items(path)]
    assert dates == [dt.date(2022, 11, 11), dt.date(2022, 11, 11), None]
    (first, *_) = table_items(path, Columns(date="day"))
    assert first.date == dt.date(2022, 10, 1)


def test_parquet_missing_text_column_and_bad_file(tmp_path):
    pa = pytest.importorskip("pyarrow", reason="pyarrow is an optional dependency")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "cols.parquet"
    pq.write_table(pa.table({"body": ["x"], "when": ["2022-01-01"]}), path)
    assert list(table_items(path)) == [
        Skipped(str(path), "no column 'text' (columns: body, when); name it with --text-column")
    ]
    (article,) = table_items(path, Columns(text="body", date="when"))
    assert article.date == dt.date(2022, 1, 1)
    fake = tmp_path / "fake.parquet"
    fake.write_text("text\nnot parquet\n", encoding="utf-8")
    (item,) = table_items(fake)
    assert isinstance(item, Skipped) and "not a Parquet file" in item.reason


def test_parquet_without_pyarrow(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    path = tmp_path / "x.parquet"
    path.write_bytes(b"PAR1")
    assert list(table_items(path)) == [
        Skipped(str(path), "reading Parquet needs pyarrow: pip install 'geomap[parquet]'")
    ]


def test_malformed_csv_stops_where_it_breaks(tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b"text\r\nKyiv.\r\nLviv\rand Lutsk.\r\nOdesa.\r\n")
    articles, skipped = _split(list(table_items(path)))
    assert [a.text for a in articles] == ["Kyiv."]
    (item,) = skipped
    assert item.where == f"{path}:3" and "carriage return" in item.reason
