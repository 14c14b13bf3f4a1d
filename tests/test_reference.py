"""Reference front lines: reading the areas, their sides and dates."""

import json

import pytest

from geomap.reference import ReferenceError, read_references, split_spec

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[32.3, 46.5], [32.9, 46.5], [32.9, 46.8], [32.3, 46.8], [32.3, 46.5]]],
}


def _write(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def _feature(geometry=SQUARE, **properties):
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def test_sides_and_dates_from_properties(tmp_path):
    path = _write(tmp_path / "isw.geojson", [_feature(side="ru", date="2022-11-15T00:00:00Z")])
    (area,) = read_references([str(path)])
    assert area["properties"] == {"side": "RU", "date": "2022-11-15", "source": "isw.geojson"}
    assert area["geometry"]["type"] == "Polygon"


def test_a_dated_series_of_files_and_a_side_given_after_the_name(tmp_path):
    first = _write(tmp_path / "front-20221110.geojson", [_feature(name="occupied")])
    second = _write(tmp_path / "front-2022-11-15.geojson", [_feature()])
    areas = read_references([f"{first}:RU", f"{second}:ru"])
    assert [(a["properties"]["date"], a["properties"]["side"]) for a in areas] == [
        ("2022-11-10", "RU"),
        ("2022-11-15", "RU"),
    ]


def test_points_and_lines_are_no_held_area(tmp_path):
    label = _feature({"type": "Point", "coordinates": [32.6, 46.6]}, side="RU")
    path = _write(tmp_path / "r.geojson", [label, _feature(held_by="RU")])
    assert len(read_references([str(path)])) == 1


@pytest.mark.parametrize(
    ("features", "message"),
    [
        ([_feature()], "does not say which side holds it"),
        ([_feature({"type": "Point", "coordinates": [1, 2]}, side="RU")], "no Polygon"),
        ([_feature(side="RU", date="15/11/2022")], "not a date"),
        ([_feature(side="Russia")], "no country code"),
        (["junk", _feature(side="RU")], "feature 1 is not a GeoJSON object"),
        ([_feature({"type": "Polygon", "coordinates": []}, side="RU")], "no Polygon"),
    ],
)
def test_bad_references_are_one_line(tmp_path, features, message):
    path = _write(tmp_path / "r.geojson", features)
    with pytest.raises(ReferenceError, match=message):
        read_references([str(path)])


def test_a_file_that_is_not_geojson(tmp_path):
    (tmp_path / "r.geojson").write_text("not json")
    with pytest.raises(ReferenceError, match="not GeoJSON"):
        read_references([str(tmp_path / "r.geojson")])
    with pytest.raises(ReferenceError, match="No such file"):
        read_references([str(tmp_path / "missing.geojson")])


def test_split_spec(tmp_path):
    assert split_spec("a/b.geojson:RU") == (tmp_path.__class__("a/b.geojson"), "RU")
    assert split_spec("a/b.geojson")[1] is None
    assert split_spec("C:x.geojson")[1] is None  # "x.geojson" is no side
