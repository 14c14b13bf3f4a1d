"""Pictures of the map for reports, taken by headless Chromium."""

from __future__ import annotations

import os
import shutil
import struct

import pytest
from click.testing import CliRunner
from conftest import IN_CI, SEEDS, require_offline_assets

from geomap.cli import cli
from geomap.errors import OutputError
from geomap.picture import find_chromium, take_picture
from geomap.pipeline import MapOptions, run

CHROMIUM = os.environ.get("GEOMAP_CHROMIUM", "/usr/bin/chromium")
KHERSON_BOX = (32.0, 46.3, 33.8, 47.2)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, gazetteer):
    if not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install chromium")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    require_offline_assets()
    out = tmp_path_factory.mktemp("seed-map")
    run([SEEDS], out, gazetteer, map_options=MapOptions(offline=True))
    return out


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_a_png_and_a_pdf_of_a_chosen_view(seed_store, tmp_path):
    png = take_picture(
        seed_store / "index.html", tmp_path / "k.png", size=(900, 600), box=KHERSON_BOX
    )
    assert png_size(png) == (900, 600)
    assert png.stat().st_size > 30_000  # a map, not a blank page
    pdf = take_picture(seed_store / "index.html", tmp_path / "k.pdf", size=(900, 600))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_geomap_map_png_from_a_store(seed_store, tmp_path, gazetteer):
    target = tmp_path / "pictures" / "kherson.png"
    args = ["map", str(seed_store), "--png", str(target), "--bbox", "32,46.3,33.8,47.2"]
    result = CliRunner().invoke(cli, [*args, "--size", "800x500", "-q"])
    assert result.exit_code == 0, result.output
    assert png_size(target) == (800, 500)
    assert not (tmp_path / "pictures" / "index.html").exists()  # the picture alone
    again = CliRunner().invoke(cli, [*args, "-q"])
    assert again.exit_code == 1 and "--overwrite" in again.output
    for size in ("large", "00x10", "20000x100"):
        bad = CliRunner().invoke(cli, [*args, "--overwrite", "--size", size])
        assert bad.exit_code == 2 and "WIDTHxHEIGHT" in bad.output
    wrong = CliRunner().invoke(cli, ["map", str(seed_store), "--pdf", str(tmp_path / "x.png")])
    assert wrong.exit_code == 2 and "must end in .pdf" in wrong.output


def test_without_chromium_the_error_says_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.setenv("GEOMAP_CHROMIUM", str(tmp_path / "no-such-chrome"))
    with pytest.raises(OutputError, match="no such program"):
        find_chromium()
    monkeypatch.delenv("GEOMAP_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OutputError, match="apt-get install chromium"):
        find_chromium()


def test_print_mode_shows_the_view_and_the_legend_not_the_controls(seed_store):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        view = ",".join(map(str, KHERSON_BOX))
        page.goto((seed_store / "index.html").as_uri() + f"#view={view}&print=1")
        page.wait_for_function("() => document.documentElement.dataset.geomapReady === '1'")
        west, south, east, north = page.evaluate(
            "() => { const b = window.geomap.map.getBounds(); "
            "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
        )
        assert west <= 32.0 and east >= 33.8 and south <= 46.3 and north >= 47.2
        assert east - west < 4  # the box, not the world
        assert not page.locator(".geomap-search").is_visible()
        assert not page.locator(".leaflet-control-layers").is_visible()
        assert page.locator("details.geomap-legend").get_attribute("open") is not None
        assert page.locator(".leaflet-control-attribution").is_visible()
        browser.close()
