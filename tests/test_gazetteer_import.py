"""Importers: GeoNames dumps and vector layers become layers that join the default index.

The files in tests/data are written for these tests in the real formats (GeoNames' 19-column
dump and 10-column alternateNamesV2; GeoJSON). Place ids 9000000x are made up; 706448 is
Kherson's real GeoNames id, to check that the default record wins over an imported one.
"""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import ROOT, SHARED

from geomap.cli import cli
from geomap.errors import GazetteerError
from geomap.gazetteer import Gazetteer, lookup_path
from geomap.gazetteer_import import import_geonames, import_vector

DATA = ROOT / "tests" / "data"
DUMP = DATA / "geonames_UA_sample.txt"
ALTERNATES = DATA / "geonames_alternate_names_sample.txt"


@pytest.fixture(scope="module")
def geonames_layer(tmp_path_factory):
    dest = tmp_path_factory.mktemp("layers") / "UA.sqlite"
    return import_geonames(DUMP, alternate_names=ALTERNATES, dest=dest)


@pytest.fixture
def joined(gazetteer, geonames_layer):
    gaz = Gazetteer([gazetteer.path, geonames_layer])
    yield gaz
    gaz.close()


def test_geonames_dump_places_kinds_and_admin1(geonames_layer):
    with Gazetteer(geonames_layer) as layer:
        village = layer.candidates("Posad-Pokrovske")[0]
        assert (village.kind, village.country, village.admin1) == (
            "village",
            "UA",
            "Kherson Oblast",
        )
        assert (village.lon, village.lat) == (32.91667, 46.98333)
        assert layer.candidates("Antonivskyi Mist")[0].kind == "bridge"
        assert layer.candidates("Karantynnyi Island")[0].kind == "island"
        oblast = layer.candidates("Kherson region")[0]
        assert (oblast.kind, oblast.id) == ("admin1", "geonames:90000002")
        assert layer.candidates("Khersonska oblast")[0].id == oblast.id


def test_alternate_names_join_and_codes_are_skipped(geonames_layer):
    with Gazetteer(geonames_layer) as layer:
        assert layer.candidates("Посад-Покровське")[0].id == "geonames:90000001"
        assert layer.candidates("Karantinny Island")[0].id == "geonames:90000003"
        assert layer.candidates("Antonovsky Most")[0].kind == "bridge"
        assert layer.candidates("73000") == ()
        assert layer.candidates("Nowhereville") == ()  # its place is not in the dump
        assert not layer.has("https en wikipedia org wiki posad pokrovske")


def test_imported_places_join_the_default_ones(joined, gazetteer):
    assert joined.candidates("Posad-Pokrovske")[0].id == "geonames:90000001"
    assert joined.candidates("Kyiv")[0].id == gazetteer.candidates("Kyiv")[0].id
    khersons = [p for p in joined.candidates("Kherson") if p.id == "geonames:706448"]
    assert len(khersons) == 1
    assert khersons[0] == gazetteer.get("geonames:706448")  # the default record wins
    assert joined.version != gazetteer.version
    assert "UA" in joined.info()["imported"]


def test_feature_classes_and_population_filters(tmp_path):
    path = import_geonames(
        DUMP, feature_classes="P", min_population=1000, dest=tmp_path / "P.sqlite"
    )
    with Gazetteer(path) as layer:
        assert layer.has("posad pokrovske")
        assert not layer.has("pravdyne")  # 900 people
        assert not layer.has("antonivskyi mist")  # class S


def test_bad_dump_is_a_clear_error_and_leaves_nothing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("this is not\ta GeoNames dump\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad.txt:1: 2 columns"):
        import_geonames(bad, dest=tmp_path / "bad.sqlite")
    assert not list(tmp_path.glob("bad.sqlite*"))


def test_vector_layer_merges_parts_and_reads_name_fields(tmp_path):
    path = import_vector(
        DATA / "vector_sample.geojson", kind_field="featurecla", dest=tmp_path / "v.sqlite"
    )
    with Gazetteer(path) as layer:
        (river,) = layer.candidates("Testa River")
        assert river.kind == "river"  # "River" and "Lake Centerline" parts are one river
        assert river.geometry["type"] == "LineString"
        assert len(river.geometry["coordinates"]) == 3
        assert 10.0 < river.lon < 11.0
        lake = layer.candidates("Lake Placeholder")[0]
        assert lake.kind == "lake" and lake.geometry["type"] == "Polygon"
        assert layer.info()["places"] == 2  # the unnamed feature is skipped


def test_vector_layer_unknown_field_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match=r"no field 'nom'.*name_en"):
        import_vector(DATA / "vector_sample.geojson", name_field="nom", dest=tmp_path / "x.sqlite")


def test_natural_earth_rivers(tmp_path):
    rivers = SHARED / "reference" / "ne_10m_rivers_lake_centerlines.json"
    if not rivers.is_file():
        pytest.skip("../shared/reference is absent (only developers and CI have it)")
    path = import_vector(rivers, kind_field="featurecla", dest=tmp_path / "ne.sqlite")
    with Gazetteer(path) as layer:
        (dnipro,) = layer.candidates("Dnieper")
        assert dnipro.kind == "river" and dnipro.name == "Dnipro"
        assert "LineString" in dnipro.geometry["type"]
        assert layer.candidates("Danube")[0].kind == "river"
        assert layer.info()["places"] > 1000


def test_cli_import_lookup_info_remove(tmp_path, gazetteer, monkeypatch):
    # A data folder of its own that reuses the built default index (no 30 s rebuild).
    for source in (gazetteer.path, lookup_path(gazetteer.path)):
        os.symlink(source, tmp_path / source.name)
    monkeypatch.setenv("GEOMAP_DATA_DIR", str(tmp_path))
    runner = CliRunner()
    result = runner.invoke(
        cli, ["gazetteer", "import", str(DUMP), "--alternate-names", str(ALTERNATES)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "imports" / "geonames_UA_sample.sqlite").is_file()
    looked = runner.invoke(cli, ["gazetteer", "lookup", "Posad-Pokrovske", "--format", "json"])
    assert json.loads(looked.output)[0]["id"] == "geonames:90000001"
    again = runner.invoke(cli, ["gazetteer", "import", str(DUMP)])
    assert again.exit_code == 1 and "--replace" in again.output
    info = runner.invoke(cli, ["gazetteer", "info"])
    assert "geonames_UA_sample" in info.output
    removed = runner.invoke(cli, ["gazetteer", "remove", "geonames_UA_sample"])
    assert removed.exit_code == 0
    looked = runner.invoke(cli, ["gazetteer", "lookup", "Posad-Pokrovske", "--format", "json"])
    assert json.loads(looked.output) == []


def test_zipped_dump_as_geonames_serves_it(tmp_path):
    import zipfile

    archive = tmp_path / "UA.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(DUMP, "UA.txt")
        z.writestr("readme.txt", "not data")
    with Gazetteer(import_geonames(archive, dest=tmp_path / "UA.sqlite")) as layer:
        assert layer.has("posad pokrovske")


def test_dump_that_is_not_utf8_is_a_clear_error(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(DUMP.read_bytes() + "Kh\xe9rson\n".encode("latin-1"))
    with pytest.raises(GazetteerError, match=r"latin1.txt:\d+: not UTF-8"):
        import_geonames(bad, dest=tmp_path / "l.sqlite")


def test_compiled_layers_are_byte_identical_across_builds(tmp_path):
    first = import_geonames(DUMP, alternate_names=ALTERNATES, dest=tmp_path / "a" / "UA.sqlite")
    second = import_geonames(DUMP, alternate_names=ALTERNATES, dest=tmp_path / "b" / "UA.sqlite")
    assert first.read_bytes() == second.read_bytes()
    assert lookup_path(first).read_bytes() == lookup_path(second).read_bytes()


def test_coordinates_off_the_globe_are_skipped_and_reported(tmp_path):
    good = DUMP.read_text(encoding="utf-8").splitlines()[0].split("\t")
    rows = []
    for number, (lat, lon) in enumerate([("1e10", "33.0"), ("46.6", "1e308"), ("nan", "33.0")]):
        row = list(good)
        row[0], row[1], row[2], row[4], row[5] = f"9100000{number}", f"Bad{number}", "", lat, lon
        rows.append("\t".join(row))
    dump = tmp_path / "XX.txt"
    dump.write_text("\n".join([*rows, "\t".join(good)]) + "\n", encoding="utf-8")
    said: list[str] = []
    path = import_geonames(dump, dest=tmp_path / "XX.sqlite", progress=said.append)
    with Gazetteer(path) as layer:
        assert layer.info()["places"] == 1 and not layer.has("bad0")
    assert any("skipped 3 lines" in line and "lines 1, 2, 3" in line for line in said)


def test_vector_features_without_name_geometry_or_sense_are_reported(tmp_path):
    bow_tie = [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]  # self-intersecting
    features = [
        {
            "type": "Feature",
            "properties": {"name": "Bow Tie"},
            "geometry": {"type": "Polygon", "coordinates": bow_tie},
        },
        {
            "type": "Feature",
            "properties": {"name": "Far Away"},
            "geometry": {"type": "Point", "coordinates": [1e308, 10]},
        },
        {"type": "Feature", "properties": {"name": "Nowhere"}, "geometry": None},
        {
            "type": "Feature",
            "properties": {"name": None},
            "geometry": {"type": "Point", "coordinates": [1, 1]},
        },
        {
            "type": "Feature",
            "properties": {"name": "Fine"},
            "geometry": {"type": "Point", "coordinates": [1, 1]},
        },
    ]
    source = tmp_path / "odd.geojson"
    source.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    said: list[str] = []
    path = import_vector(source, dest=tmp_path / "odd.sqlite", progress=said.append)
    with Gazetteer(path) as layer:
        assert layer.info()["places"] == 2  # the bow tie, made valid, and Fine
        (tie,) = layer.candidates("bow tie")
        assert -90 <= tie.lat <= 90 and -180 <= tie.lon <= 180
    text = "\n".join(said)
    assert "1 feature of odd.geojson: no name" in text and "no geometry" in text
    assert "not on the globe" in text
