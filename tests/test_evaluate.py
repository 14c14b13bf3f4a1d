"""Evaluation: corpus readers and metrics, on tiny corpora written for these tests."""

from __future__ import annotations

import pytest

from geomap.evaluate import CorpusError, Scores, read_corpus, score_article
from geomap.model import Mention, Place

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><title>t</title>
<text><![CDATA[Fire in Alexandria. Crews from Paris helped.]]></text>
<toponyms count="2">
 <toponym><start>8</start><end>18</end><phrase>Alexandria</phrase>
  <gaztag geonameid="4314550"><name>Alexandria</name><lat>31.3113</lat><lon>-92.4451</lon></gaztag>
 </toponym>
 <toponym><start>31</start><end>36</end><phrase>Paris</phrase></toponym>
</toponyms></article></articles>"""

GEOVIRUS = """<articles><article><source>x</source>
<text>Cases rose in Pandi, Bulacan on Sunday.</text>
<locations>
 <location><name>Pandi</name><start>14</start><end>19</end><lat>14.87</lat><lon>120.95</lon></location>
 <location><name>Bulacan</name><start>22</start><end>29</end><lat>15</lat><lon>121.08</lon></location>
</locations></article></articles>"""


def place(lon, lat):
    return Place("x", "x", "city", lon, lat)


def test_read_lgl_and_geovirus(tmp_path):
    (tmp_path / "lgl.xml").write_text(LGL, encoding="utf-8")
    (article,) = read_corpus(tmp_path / "lgl.xml")
    assert article.article.id == "7"
    first, second = article.toponyms
    assert article.article.text[first.start : first.end] == "Alexandria"
    assert (first.lat, first.lon) == (31.3113, -92.4451)
    assert second.lat is None  # no gaztag: a toponym without coordinates
    (tmp_path / "gv.xml").write_text(GEOVIRUS, encoding="utf-8")
    (article,) = read_corpus(tmp_path / "gv.xml")
    pandi, bulacan = article.toponyms
    assert article.article.text[pandi.start : pandi.end] == "Pandi"
    assert article.article.text[bulacan.start : bulacan.end] == "Bulacan"  # moved back by one


def test_not_a_corpus_is_a_clear_error(tmp_path):
    (tmp_path / "x.xml").write_text("<html></html>", encoding="utf-8")
    with pytest.raises(CorpusError, match="no <article>"):
        read_corpus(tmp_path / "x.xml")


def test_metrics(tmp_path):
    (tmp_path / "lgl.xml").write_text(LGL, encoding="utf-8")
    (article,) = read_corpus(tmp_path / "lgl.xml")
    predicted = [
        Mention("7", 8, 18, "Alexandria", place(-92.4, 31.3)),  # exact, right place
        Mention("7", 31, 36, "Paris", place(2.35, 48.85)),  # gold has no coordinates
        Mention("7", 0, 4, "Fire", None),  # a false positive
    ]
    scores = Scores()
    score_article(scores, article.toponyms, predicted)
    result = scores.as_dict()
    assert result["exact"]["precision"] == pytest.approx(2 / 3)
    assert result["exact"]["recall"] == 1.0
    assert result["resolution"]["matched_with_coordinates"] == 1
    assert result["resolution"]["acc161"] == 1.0
    # "Paris" overlaps only gold without coordinates: left out of end-to-end precision.
    assert result["end_to_end"]["precision"] == 0.5
    assert result["end_to_end"]["recall"] == 1.0


def test_wrong_place_and_unresolved_count_as_errors():
    from geomap.evaluate import GoldToponym

    gold = [GoldToponym(0, 5, "Paris", 48.85, 2.35), GoldToponym(10, 15, "Lyon", 45.76, 4.83)]
    predicted = [
        Mention("a", 0, 5, "Paris", place(-95.55, 33.66)),  # Paris, Texas
        Mention("a", 10, 15, "Lyon", None),
    ]
    scores = Scores()
    score_article(scores, gold, predicted)
    result = scores.as_dict()
    assert result["resolution"]["acc161"] == 0.0
    assert result["resolution"]["median_km"] > 7000
    assert result["end_to_end"]["f1"] == 0.0


def test_roles_decide_what_is_scored(tmp_path):
    from geomap.evaluate import evaluate

    (tmp_path / "lgl.xml").write_text(LGL, encoding="utf-8")
    corpus = read_corpus(tmp_path / "lgl.xml")

    def parse(article):
        return [
            Mention("7", 8, 18, "Alexandria", place(-92.4, 31.3), role="modifier"),
            Mention("7", 0, 4, "Fire", None, literal=False, role="demonym"),
            Mention("7", 31, 36, "Paris", None, literal=False, role="metonym"),
        ]

    assert evaluate(corpus, parse).predicted == 2  # demonyms are kept apart
    assert evaluate(corpus, parse, roles=("location", "modifier")).predicted == 1
    assert evaluate(corpus, parse, roles=("location", "modifier", "demonym")).predicted == 2
