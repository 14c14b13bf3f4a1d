import pytest

from geomap.errors import GazetteerError
from geomap.gazetteer import Gazetteer
from geomap.resolve import rank_by_prior


def best(gazetteer, name):
    return rank_by_prior(gazetteer.candidates(name))[0]


def test_world_cities_and_countries(gazetteer):
    assert best(gazetteer, "Kherson").id == "geonames:706448"
    assert best(gazetteer, "Kiev").name == "Kyiv"
    assert best(gazetteer, "Ukraine").kind == "country"
    assert best(gazetteer, "Buenos Aires").country == "AR"
    assert best(gazetteer, "Nairobi").country == "KE"
    assert best(gazetteer, "U.S.").country == "US"


def test_project_features(gazetteer):
    river = best(gazetteer, "Dnieper River")
    assert (river.id, river.kind) == ("geomap:dnipro", "river")
    assert river.geometry["type"] == "LineString"
    assert best(gazetteer, "Antonivsky Bridge").kind == "bridge"
    assert best(gazetteer, "Nova Kakhovka Dam").kind == "dam"
    bank = best(gazetteer, "left bank dnieper")
    assert bank.id == "geomap:dnipro-left-bank-south"


def test_apostrophes_and_case(gazetteer):
    assert best(gazetteer, "DAR'IVKA").name == "Darivka"


def test_unknown_name_has_no_candidates(gazetteer):
    assert gazetteer.candidates("Zzyzxqplace") == ()
    assert not gazetteer.has("zzyzxqplace")


def test_info_counts(gazetteer):
    info = gazetteer.info()
    assert info["places"] > 200_000
    assert info["kinds"]["country"] > 200
    assert "GeoNames" in info["attribution"]


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="geomap gazetteer build"):
        Gazetteer(tmp_path / "none.sqlite")


def test_ukrainian_adjectival_forms(gazetteer):
    assert best(gazetteer, "Bilozerska").name == "Bilozerka"
    assert best(gazetteer, "Odeska").name == "Odesa"


def test_adjectival_forms_rule():
    from geomap.gazetteer_build import adjectival_forms

    assert {"Bilozerska", "Bilozerske"} <= adjectival_forms("Bilozerka")
    assert "Zelenskyy" not in adjectival_forms("Zelena")  # a surname, not a place
    assert "Khersonska" in adjectival_forms("Kherson")
    assert adjectival_forms("Nova Kakhovka") == set()


def test_first_level_divisions(gazetteer):
    oblast = best(gazetteer, "Kherson region")
    assert (oblast.kind, oblast.name, oblast.country) == ("admin1", "Kherson Oblast", "UA")
    assert best(gazetteer, "Khersonska").id == oblast.id
    assert best(gazetteer, "Херсонська область").id == oblast.id  # ISO 3166-2, translated
    assert best(gazetteer, "Kherson").kind in ("city", "town")  # the bare name stays the city
    assert best(gazetteer, "Kherson").admin1 == "Kherson Oblast"
    assert best(gazetteer, "Texas").kind == "admin1"
    # "New York" is the state (as LGL and GeoVirus annotate it); the city is "New York City".
    assert best(gazetteer, "New York").kind == "admin1"
    assert best(gazetteer, "New York City").kind == "city"
    assert best(gazetteer, "Kiev").name == "Kyiv"  # another spelling of the city's own name


def test_place_from_row_equals_the_constructor():
    from geomap.model import Place

    row = ("x:1", "Kherson", "city", 32.6, 46.6, "UA", "Kherson Oblast", 300000, None)
    fast = Place.from_row(row)
    assert fast == Place(*row)
    assert fast.population == 300000 and fast.geometry is None
    assert [f.name for f in __import__("dataclasses").fields(Place)] == [
        "id",
        "name",
        "kind",
        "lon",
        "lat",
        "country",
        "admin1",
        "population",
        "geometry",
    ]


def test_second_level_provinces_answer_to_their_name(gazetteer):
    # GeoNames calls them "Province of Pangasinan"; news writes "Pangasinan".
    province = best(gazetteer, "Pangasinan")
    assert (province.kind, province.country) == ("admin2", "PH")
    assert best(gazetteer, "Pangasinan Province").id == province.id


def test_a_town_filed_under_the_wrong_division_does_not_move_it():
    from geomap.gazetteer_build import _area_point

    towns = [(118 + dx / 4, 33 + dy / 4) for dx in range(5) for dy in range(5)]
    assert _area_point([*towns, (100.0, 29.0)]) == _area_point(towns)  # 1,800 km away


def test_a_division_code_names_the_division_most_of_its_towns_are_in():
    from geomap.gazetteer_build import PlaceRecord, _states_of_codes

    def town(n, code, country="UA"):
        return PlaceRecord(f"t{n}", f"T{n}", "town", 0.0, 0.0, "test", country, admin1_code=code)

    towns = [town(1, "08"), town(2, "08"), town(3, "08"), town(4, "09"), town(5, "09")]
    own = {"t1": "Kherson", "t2": "Kherson", "t3": "Mykolaiv", "t4": "Khmelnytskyi", "t5": "Kyiv"}
    # one town filed under a neighbour is outvoted; a code with no majority says nothing
    assert _states_of_codes(towns, own) == {("UA", "08"): "Kherson"}


def test_a_village_far_from_every_town_has_its_division(gazetteer):
    # Sadove (GeoNames 694952, 683 people) lies more than 10 km from every town of
    # cities1000: its division comes from its GeoNames admin1 code
    villages = [p for p in gazetteer.candidates("Sadove") if p.country == "UA"]
    south_of_the_dnipro = [p for p in villages if abs(p.lat - 46.357) < 0.01]
    assert [p.admin1 for p in south_of_the_dnipro] == ["Kherson Oblast"]
    assert all(p.admin1 for p in villages)


def test_jiangsu_sits_in_eastern_china(gazetteer):
    from geomap.resolve import distance_km

    jiangsu = best(gazetteer, "Jiangsu")
    assert distance_km((jiangsu.lon, jiangsu.lat), (119.5, 33.0)) < 150


def test_sites_answer_to_their_stems_with_every_generic_ending(gazetteer):
    from geomap.resolve import distance_km

    plant = best(gazetteer, "Zaporizhzhia NPP")
    assert (plant.id, plant.kind) == ("geomap:zaporizhzhia-npp", "power station")
    for name in ("Zaporozhye nuclear power station", "ZNPP", "Enerhodar nuclear plant"):
        assert best(gazetteer, name).id == plant.id, name
    # The stem alone stays the city; "Azovstal" and "Zamzam" name no town, so they are names.
    assert best(gazetteer, "Zaporizhzhia").kind == "city"
    assert best(gazetteer, "Azovstal").kind == "facility"
    assert best(gazetteer, "Zamzam").kind == "camp"
    assert best(gazetteer, "Kherson airfield").id == "geomap:kherson-airport"
    assert best(gazetteer, "Kakhovka HPP").id == "geomap:kakhovka-dam"
    assert best(gazetteer, "Crimean bridges").id == "geomap:kerch-bridge"
    assert best(gazetteer, "Zmiinyi Island").id == "geomap:snake-island"
    # A village of the front that cities500 lacks, a few km south-east of Izium.
    village = best(gazetteer, "Kapytolivka")
    assert village.kind == "village"
    assert distance_km((village.lon, village.lat), (37.28, 49.21)) < 10


def test_generic_endings_are_words_recognition_runs_through():
    from geomap.extract import FEATURE_TAIL_WORDS
    from geomap.gazetteer_build import GENERIC_FORMS
    from geomap.lexicon import KIND_WORDS, NAME_CONNECTORS

    for forms in GENERIC_FORMS.values():
        for form in forms:
            for word in form.format("X").split()[1:]:
                if word.islower():
                    assert word in FEATURE_TAIL_WORDS or word in KIND_WORDS, form
                    assert word not in NAME_CONNECTORS, form


def test_an_unknown_generic_sort_is_an_error():
    from geomap.gazetteer_build import generic_names

    assert "Snake Island" in generic_names(["Snake"], "island")
    assert generic_names([], None) == set()
    with pytest.raises(GazetteerError, match="unknown generic"):
        generic_names(["Snake"], "isle")


def _small_index(tmp_path):
    from geomap.gazetteer_build import PlaceRecord, write_index

    records = [
        PlaceRecord(f"t:{i}", f"Town{i}", "town", 30.0 + i / 10, 48.0, "test", "UA")
        for i in range(50)
    ]
    return write_index(tmp_path / "small.sqlite", records, {"recipe": "test"})


@pytest.mark.parametrize("damage", ["cut", "flip"])
def test_a_damaged_lookup_table_is_one_clear_error(tmp_path, damage):
    from geomap.gazetteer import lookup_path

    index = _small_index(tmp_path)
    assert Gazetteer(index).candidates("town7")[0].name == "Town7"
    table = lookup_path(index)
    data = bytearray(table.read_bytes())
    if damage == "cut":
        data = data[: len(data) // 2]
    else:
        data[len(data) - 20] ^= 0xFF  # one byte of a record: no size or header changes
    table.write_bytes(bytes(data))
    with pytest.raises(GazetteerError, match="gazetteer build --force"):
        Gazetteer(index)


#: A geomap whose build is quick and slow at once: a tiny index after a second, each build
#: logged; run twice at the same time on an empty data folder.
BUILDER = """
import sys, time
import geomap.gazetteer_build as build
def fake(dest, progress=None):
    time.sleep(1.0)
    with open(sys.argv[1], "a") as log:
        log.write("built\\n")
    return build.write_index(dest, [build.PlaceRecord("t:1", "Town", "town", 30, 48, "t")], {})
build.build_gazetteer = fake
from geomap.gazetteer import Gazetteer
print(Gazetteer.open(imports=False).candidates("town")[0].name)
"""


def test_two_first_runs_build_the_gazetteer_once(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "GEOMAP_DATA_DIR": str(tmp_path / "data")}
    log = tmp_path / "builds.log"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", BUILDER, str(log)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["Town", "Town"]
    assert log.read_text().count("built") == 1
    assert any("waiting for it" in err for _, err in outputs)


def test_a_corrected_population_sets_the_kind_too(tmp_path):
    from geomap.gazetteer_build import PlaceRecord, apply_populations

    records = {"t:1": PlaceRecord("t:1", "Portton", "town", 30.0, 46.0, "test", "UA", None, 60_000)}
    table = tmp_path / "populations.tsv"
    table.write_text("# a comment\nt:1\t250000\tthe census, not the source's figure\n")
    apply_populations(records, table)
    assert (records["t:1"].population, records["t:1"].kind) == (250_000, "city")
    table.write_text("t:1\tmany\tno number\n")
    with pytest.raises(GazetteerError, match=r"populations\.tsv:1: expected target, population"):
        apply_populations(records, table)


def test_kherson_has_its_official_population(gazetteer):
    # cities500 gives 66,000, a quarter of the 2022 estimate: gazetteer/populations.tsv
    kherson = gazetteer.candidates("kherson")[0]
    assert (kherson.name, kherson.kind) == ("Kherson", "city")
    assert kherson.population > 250_000
