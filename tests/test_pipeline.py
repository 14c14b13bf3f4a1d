import json

import pytest
from conftest import SEEDS

from geomap.errors import ArticleError, OutputExistsError
from geomap.pipeline import run


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


def test_second_run_parses_nothing_and_is_byte_identical(tmp_path, gazetteer):
    run([SEEDS], tmp_path, gazetteer)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.suffix != ".sqlite"}
    summary = run([SEEDS], tmp_path, gazetteer)
    assert summary.parsed == 0 and summary.unchanged == 2
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.suffix != ".sqlite"}
    assert before == after


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
