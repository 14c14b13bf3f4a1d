"""Open the offline seed map in headless Chromium, as a person would, with no network."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import IN_CI, SEEDS, require_offline_assets

from geomap.pipeline import run

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("GEOMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

MARKERS_JS = """
() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const found = [];
  map.eachLayer(layer => {
    if (layer instanceof L.CircleMarker && layer.feature) {
      const ll = layer.getLatLng();
      found.push({lat: ll.lat, lon: ll.lng, props: layer.feature.properties});
    }
  });
  return found;
}
"""


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install chromium")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_offline_seed_map_shows_the_story(browser, tmp_path, gazetteer):
    require_offline_assets()
    run([SEEDS], tmp_path, gazetteer, offline=True)
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
    )
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_function("() => Object.values(window).some(v => v instanceof L.Map)")

    markers = page.evaluate(MARKERS_JS)
    assert errors == [] and requests == []

    places = {m["props"].get("name"): m for m in markers if "mentions" in m["props"]}
    assert {"Kherson", "Bilozerka", "Dnipro"} <= set(places)
    assert (
        abs(places["Kherson"]["lat"] - 46.64) < 0.05
        and abs(places["Kherson"]["lon"] - 32.61) < 0.05
    )
    assert (
        abs(places["Bilozerka"]["lat"] - 46.63) < 0.05
        and abs(places["Bilozerka"]["lon"] - 32.44) < 0.05
    )
    # The river's marker sits on its lower course, by Kherson.
    assert (
        abs(places["Dnipro"]["lat"] - 46.62) < 0.1 and abs(places["Dnipro"]["lon"] - 32.62) < 0.15
    )
    assert any(m["props"].get("type") == "Flag raised" for m in markers)

    # Open Bilozerka's popup: the quote is shown as text.
    page.evaluate("""() => {
      const map = Object.values(window).find(v => v instanceof L.Map);
      map.eachLayer(l => { if (l.feature && l.feature.properties.name === 'Bilozerka'
                                && l.feature.properties.mentions) l.fire('click', {latlng: l.getLatLng()}, true); });
    }""")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "raised the Ukrainian flag" in popup.inner_text()
    page.screenshot(path=str(tmp_path / "map.png"))
    assert (tmp_path / "map.png").stat().st_size > 10_000
