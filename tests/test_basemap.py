from geomap.basemap import country_outlines


def test_outlines_within_bounds():
    names = {f["properties"]["name"] for f in country_outlines((30, 45, 35, 50))["features"]}
    assert "Ukraine" in names and "Brazil" not in names
