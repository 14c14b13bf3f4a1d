import datetime as dt
import json

import pytest
from conftest import SEEDS
from test_render import embedded_data

from geomap.errors import ArticleError, OutputExistsError, StoreError
from geomap.pipeline import MapOptions, render_store, run
from geomap.selection import Selection


def test_run_on_project_seeds_writes_map_and_exports(tmp_path, gazetteer):
    summary = run([SEEDS], tmp_path, gazetteer)
    assert summary.articles == 2 and summary.parsed == 2
    names = {
        f["properties"]["name"]
        for f in json.loads((tmp_path / "places.geojson").read_text())["features"]
    }
    assert {"Kherson", "Bilozerka", "Dnipro", "Antonivskyi Bridge"} <= names
    events = json.loads((tmp_path / "events.geojson").read_text())["features"]
    types = {(e["properties"]["event_type"], e["properties"]["place_name"]) for e in events}
    assert ("flag_raised", "Bilozerka") in types
    assert any(t == "bridge_destroyed" for t, _ in types)
    assert (tmp_path / "index.html").stat().st_size > 10_000
    bridges = json.loads((tmp_path / "bridges.geojson").read_text())["features"]
    assert {b["properties"]["bridge_id"] for b in bridges} == {"geomap:antonivskyi-road-bridge"}
    frontline = json.loads((tmp_path / "frontline.geojson").read_text())["features"]
    kinds = {f["properties"]["kind"] for f in frontline}
    assert {"line_of_contact", "held_area", "held_place"} <= kinds


def test_real_seeds_yield_what_the_events_issue_asks(tmp_path, gazetteer, shared_seeds):
    """Issue 5's 'done when' on the real seed articles (read from ../shared, not copied)."""
    run(shared_seeds, tmp_path, gazetteer)
    events = [
        f["properties"] for f in json.loads((tmp_path / "events.geojson").read_text())["features"]
    ]

    def found(event_type, place_id, date=None, **extra):
        return [
            e
            for e in events
            if e["event_type"] == event_type
            and e["place_id"] == place_id
            and (date is None or e["event_date"] == date)
            and all(e[k] == v for k, v in extra.items())
        ]

    left_bank, kherson = "geomap:dnipro-left-bank-south", "geonames:706448"
    assert found("withdrawal", left_bank, "2022-11-11", place_role="to", actor1_side="RU")
    assert found("flag_raised", kherson, "2022-11-14", certainty="reported")
    assert found("flag_removed", kherson, "2022-11-03")
    assert found("bridge_destroyed", "geomap:antonivskyi-road-bridge", sub_type="destroyed")
    assert found("mines", kherson)
    assert all(e["quote"] and e["article_id"] for e in events)
    frontline = json.loads((tmp_path / "frontline.geojson").read_text())["features"]
    (line,) = [f["properties"] for f in frontline if f["properties"]["kind"] == "line_of_contact"]
    assert line["valid_from"] == "2022-11-11" and sorted(line["side"].split("/")) == ["RU", "UA"]


def test_second_run_parses_nothing_and_is_byte_identical(tmp_path, gazetteer):
    run([SEEDS], tmp_path, gazetteer)

    def files():
        return {
            p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".sqlite"
        }

    before = files()
    summary = run([SEEDS], tmp_path, gazetteer)
    assert summary.parsed == 0 and summary.unchanged == 2
    assert files() == before


def test_user_file_stops_run_before_any_work(tmp_path, gazetteer):
    (tmp_path / "index.html").write_text("my own page")
    with pytest.raises(OutputExistsError):
        run([SEEDS], tmp_path, gazetteer)
    assert (tmp_path / "index.html").read_text() == "my own page"
    assert not (tmp_path / "geomap.sqlite").exists()


def test_empty_source_is_an_error(tmp_path, gazetteer):
    (tmp_path / "in").mkdir()
    with pytest.raises(ArticleError, match="no articles found"):
        run([tmp_path / "in"], tmp_path / "out", gazetteer)


def test_maps_from_the_store_with_filters_and_one_per_article(tmp_path, gazetteer):
    run([SEEDS], tmp_path / "run", gazetteer)
    options = MapOptions(
        selection=Selection(since=dt.date(2022, 11, 10), types=frozenset({"advance"})),
        per_article=True,
    )
    written = render_store(tmp_path / "run", tmp_path / "maps", gazetteer, options)
    assert [p.relative_to(tmp_path / "maps").as_posix() for p in written] == [
        "index.html",
        "articles/001-kherson-liberated.html",
        "articles/002-kherson-flag-removed.html",
    ]
    data = embedded_data(written[0].read_text())
    assert {record[0] for record in data["events"]} == {"advance"}
    dates = {record[data["record_fields"].index("date")] for record in data["events"]}
    assert dates and all(d >= "2022-11-10" for d in dates)
    assert all(row["map"].startswith("articles/") for row in data["articles"].values())
    # Same store, same options: same bytes; the article maps are not even drawn again.
    before = [p.read_bytes() for p in written]
    again = render_store(tmp_path / "run", tmp_path / "maps", gazetteer, options)
    assert again == written[:1]
    assert [p.read_bytes() for p in written] == before
    # A changed article map is drawn again (here: one deleted by hand).
    written[1].unlink()
    assert render_store(tmp_path / "run", tmp_path / "maps", gazetteer, options) == written[:2]
    assert [p.read_bytes() for p in written] == before


def test_maps_need_a_store(tmp_path, gazetteer):
    with pytest.raises(StoreError, match="no store at"):
        render_store(tmp_path, tmp_path / "maps", gazetteer, MapOptions())


def test_the_words_of_a_date_line_are_no_place(gazetteer):
    # "Date" is a town in Japan; on a date line it is the word date
    from geomap.articles import parse_text
    from geomap.pipeline import mentions_of

    for line in ("Date: 2023-06-06", "Date: 6 June 2023", " date 2023-06-06 Kherson at dawn"):
        article = parse_text(f"{line}\nTroops entered Izium.")
        names = [m.text for m in mentions_of(article, gazetteer)]
        assert "Date" not in names and "Izium" in names, line
        assert article.date.isoformat() == "2023-06-06"
    # the caption after the date on its line is still read
    assert "Kherson" in [m.text for m in mentions_of(article, gazetteer)]
