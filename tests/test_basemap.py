from geomap.basemap import country_outlines


def test_outlines_within_bounds():
    names = {f["properties"]["name"] for f in country_outlines((30, 45, 35, 50))["features"]}
    assert "Ukraine" in names and "Brazil" not in names


import pytest  # noqa: E402
from conftest import IN_CI  # noqa: E402
from shapely.geometry import Point, shape  # noqa: E402

from geomap import basemap  # noqa: E402
from geomap.assets import WORLD_ATLAS  # noqa: E402

# Towns on the Black Sea coast that the coarser outlines put in the sea, and sea beside them.
COAST_TOWNS = {"Odesa": (30.733, 46.477), "Ochakiv": (31.541, 46.612), "Skadovsk": (32.911, 46.116)}
SEA = [(31.2, 45.8), (33.0, 45.9), (31.9, 46.55)]  # the open sea, Karkinit Bay, the estuary


@pytest.fixture
def world_atlas():
    if not WORLD_ATLAS.installed():
        if IN_CI:
            pytest.fail("world-atlas is missing in CI: test.sh runs 'geomap assets install'")
        pytest.skip("world-atlas is not installed (geomap assets install)")


def _land(collection):
    return [shape(f["geometry"]) for f in collection["features"]]


def test_the_detailed_coasts_put_coastal_towns_on_land_and_the_sea_in_the_sea(world_atlas):
    drawn = basemap.natural_earth((29.5, 45.0, 35.0, 48.0))
    coasts = _land(drawn["coasts"])
    # on land, or (Ochakiv, at the tip of a cape: 1:10m rounds capes) within 1.5 km of it,
    # where the coarser outlines put Skadovsk and Ochakiv 1 and 6 km out at sea
    for town, (lon, lat) in COAST_TOWNS.items():
        assert min(c.distance(Point(lon, lat)) for c in coasts) * 111_000 < 1_500, town
    for town in ("Odesa", "Skadovsk"):
        assert any(c.contains(Point(*COAST_TOWNS[town])) for c in coasts), town
    for lon, lat in SEA:
        assert not any(c.contains(Point(lon, lat)) for c in coasts)
    assert drawn["detail_zoom"] == basemap.DETAIL_ZOOM
    assert "Natural Earth" in drawn["credits"][0]
    # cut to the data's surroundings: no detailed Vladivostok in a map of Kherson
    west, south, east, north = (
        min(c.bounds[0] for c in coasts),
        min(c.bounds[1] for c in coasts),
        max(c.bounds[2] for c in coasts),
        max(c.bounds[3] for c in coasts),
    )
    assert west >= 28.4 and east <= 36.1 and south >= 43.9 and north <= 49.1
    names = {f["properties"]["name"] for f in drawn["countries"]["features"]}
    assert {"Ukraine", "Moldova"} <= names


def test_without_world_atlas_the_coarser_outlines_are_drawn(monkeypatch):
    import geomap.assets

    monkeypatch.setattr(geomap.assets, "world_atlas", lambda name: None)
    drawn = basemap.natural_earth((29.5, 45.0, 35.0, 48.0))
    assert "coasts" not in drawn
    assert drawn["credits"] == [basemap.COUNTRY_CREDIT]
    assert "Ukraine" in {f["properties"]["name"] for f in drawn["countries"]["features"]}
