"""Property-based tests (hypothesis): arbitrary Unicode through the readers, the recogniser
and resolver, the events and the exporters. Nothing crashes, offsets slice the text
exactly, and every export reads back with its features."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.articles import Skipped, read_items
from geomap.export import export_files, export_layers
from geomap.model import Article
from geomap.pipeline import process

#: Words that make the recogniser and the event rules work, beside arbitrary text:
#: places, triggers, dates, right-to-left script, combining marks, joiners, controls.
FRAGMENTS = [
    "Kherson",
    " Kyiv ",
    "Ukrainian forces captured ",
    " on Nov. 11, ",
    " the bridge was destroyed. ",
    "Russian troops withdrew from Izium. ",
    " date 2022-11-11\n",
    "خرسون",  # Arabic script, right to left
    "\u05d7\u05e8\u05e1\u05d5\u05df",  # Hebrew
    "e\u0301\u0308",  # combining marks
    "\u200d\u200c\u2060",  # zero-width joiner, non-joiner, word joiner
    "\u202e",  # right-to-left override
    "\x00\x07\x1b",  # control characters
    "\u2028\u2029\u0085\r\n\r",  # line and paragraph separators, newlines
    "a" * 3000,  # a very long token
    "\U0001f1fa\U0001f1e6",  # a flag emoji (two code points)
]
TEXT = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    ),
    max_size=25,
).map("".join)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
def test_json_lines_read_back_every_text_exactly(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("jsonl") / "feed.jsonl"
    lines = [json.dumps({"id": str(i), "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_items(path))
    assert len(items) == len(texts)
    for item, text in zip(items, texts, strict=True):
        if isinstance(item, Skipped):
            assert not text.strip() and item.reason == "empty article"
        else:  # (a NUL is read as U+FFFD, in place)
            assert item.text == text.replace("\x00", "\ufffd")


@SETTINGS
@given(text=TEXT)
def test_text_files_read_as_python_reads_them_or_say_why(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("text") / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    (item,) = read_items(path)
    with open(path, encoding="utf-8") as handle:
        expected = handle.read()
    if isinstance(item, Skipped):
        assert item.where == str(path) and item.reason
    else:
        assert item.text == expected.replace("\x00", "\ufffd")


@SETTINGS
@given(text=TEXT)
def test_recognition_and_events_slice_the_text_exactly(gazetteer, text):
    article = Article(id="a", text=text, date=dt.date(2022, 11, 12))
    result = process(article, gazetteer)
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
    for event in result.events:
        assert text[event.quote_start : event.quote_end] == event.quote


@settings(SETTINGS, max_examples=15)
@given(text=TEXT)
def test_every_export_reads_back(gazetteer, tmp_path_factory, text):
    import geopandas

    article = Article(id="a\u202e#1", text=text, date=dt.date(2022, 11, 12), title=text[:30])
    result = process(article, gazetteer)
    layers = export_layers({article.id: article}, result.mentions, result.events, banks=[])
    for fmt in ("geojson", "geojsonl", "csv", "gpkg"):
        files = export_files(layers, fmt)
        for name, features in layers.items():
            if fmt == "geojson":
                read = json.loads(files[f"{name}.geojson"])["features"]
            elif fmt == "geojsonl":
                read = [json.loads(line) for line in files[f"{name}.geojsonl"].splitlines()]
            elif fmt == "csv":
                read = list(csv.DictReader(io.StringIO(files[f"{name}.csv"].decode("utf-8"))))
            else:
                if not features:
                    continue
                path = tmp_path_factory.mktemp("gpkg") / "geomap.gpkg"
                path.write_bytes(files["geomap.gpkg"])
                read = geopandas.read_file(path, layer=name)
            assert len(read) == len(features), (fmt, name)
