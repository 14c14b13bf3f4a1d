"""Open the offline seed map in headless Chromium, as a person would, with no network."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import IN_CI, SEEDS, require_offline_assets

from geomap.mapdata import drawn_events
from geomap.pipeline import MapOptions, run
from geomap.store import Store

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
# An article whose text tries to inject markup; the popup must show it as text.
HOSTILE = (
    " date 2022-11-12 \n\n"
    "Ukrainian forces entered Snihurivka <img src=x onerror=\"document.title='pwned'\"> "
    "on Friday, officials said.\n"
)
SHOWN_EVENTS_JS = """() => window.geomap.cluster.getLayers().map(m => m.geomap)"""


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


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory, gazetteer):
    """The offline map of the seeds plus a hostile article, and its stored events."""
    require_offline_assets()
    folder = tmp_path_factory.mktemp("articles")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("map")
    run([folder], out, gazetteer, map_options=MapOptions(offline=True, per_article=True))
    with Store(out / "geomap.sqlite") as store:
        events = drawn_events(store.events())
    return out, events


def open_map(browser, path):
    """A page showing ``path``, refusing every request that would leave the machine."""
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:"))
            else (problems.append("network: " + route.request.url), route.abort())
        ),
    )
    page.goto(path.as_uri())
    page.wait_for_function("() => window.geomap !== undefined")
    return page, problems


def test_offline_seed_map_shows_the_story(browser, seed_map):
    out, events = seed_map
    page, problems = open_map(browser, out / "index.html")
    shown = page.evaluate(SHOWN_EVENTS_JS)
    # Every drawn event is a marker (one per event group: the same event told by several
    # articles in one month is one marker); statements start hidden.
    from geomap.mapdata import _event_groups, event_record
    from geomap.publish import event_chunk

    with Store(out / "geomap.sqlite") as store:
        dates = {a.id: a.date for a in store.articles(with_text=False)}
    by_chunk = {}
    for event in events:
        by_chunk.setdefault(event_chunk(event, dates[event.article_id]), []).append(event)
    groups = [
        chunk[m[0]]
        for chunk in by_chunk.values()
        for m in _event_groups([event_record(e) for e in chunk])
    ]
    assert len(groups) < len(events)  # both seeds tell the February capture of Kherson
    assert page.evaluate("() => window.geomap.events.length") == len(groups)
    assert len(shown) == sum(1 for e in groups if e.event_type != "statement")
    types = {m["type"] for m in shown}
    assert {"advance", "withdrawal", "bridge_destroyed", "flag_raised", "mines"} <= types

    # The front line, the bridges and the places without events are drawn.
    front = page.evaluate("() => window.geomap.front.getLayers().map(l => l.geomap)")
    assert any(f["front"] == "line_of_contact" for f in front)
    bridges = page.evaluate(
        "() => { const out = []; window.geomap.map.eachLayer(l => { if (l.geomap && "
        "l.geomap.kind === 'bridge') out.push(l.geomap); }); return out; }"
    )
    assert any(b["name"].startswith("Antonivskyi") and b["status"] == "destroyed" for b in bridges)

    # Unticking a type in the layer control removes exactly its markers.
    flags = sum(1 for m in shown if m["type"] == "flag_raised")
    page.locator(".leaflet-control-layers-overlays label", has_text="Flag raised").click()
    after = page.evaluate(SHOWN_EVENTS_JS)
    assert len(after) == len(shown) - flags and all(m["type"] != "flag_raised" for m in after)
    page.locator(".leaflet-control-layers-overlays label", has_text="Flag raised").click()
    assert len(page.evaluate(SHOWN_EVENTS_JS)) == len(shown)

    # The date filter: an end date before the liberation shows fewer events, the front
    # line of that day, and the label says so.
    dates = json.loads(page.evaluate("() => JSON.stringify(window.geomap.dates)"))
    early = max(i for i, d in enumerate(dates) if d < "2022-11-11")
    page.locator("input.geomap-until").fill(str(early))
    earlier = page.evaluate(SHOWN_EVENTS_JS)
    assert 0 < len(earlier) < len(shown)
    assert all(m["date"] is None or m["date"] <= dates[early] for m in earlier)
    assert page.evaluate("() => window.geomap.front.getLayers().length") > 0
    page.locator("input.geomap-until").fill(str(len(dates) - 1))

    # Search finds a place and opens its popup.
    search = page.locator(".geomap-search input")
    search.fill("Bilozerka")
    search.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Bilozerka" in popup.inner_text()
    assert "flag" in popup.inner_text().lower()

    page.screenshot(path=str(out / "map.png"))
    assert (out / "map.png").stat().st_size > 20_000
    assert problems == []


def test_popup_shows_hostile_article_text_as_text(browser, seed_map):
    out, _ = seed_map
    page, problems = open_map(browser, out / "index.html")
    page.evaluate(
        "() => { const m = window.geomap.events.find(m => m.geomap.name === 'Snihurivka');"
        " window.geomap.reveal(m); }"
    )
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "<img src=x onerror=" in popup.inner_text()
    assert popup.locator("img").count() == 0
    assert page.title() != "pwned"
    assert problems == []


def test_article_map_links_back_and_shows_only_its_article(browser, seed_map):
    out, _ = seed_map
    article_maps = sorted((out / "articles").glob("*.html"))
    assert [p.name for p in article_maps] == [
        "001-kherson-liberated.html",
        "002-kherson-flag-removed.html",
        "hostile.html",
    ]
    page, problems = open_map(browser, out / "articles" / "hostile.html")
    assert page.evaluate("() => window.geomap.events.map(m => m.geomap.name)") == ["Snihurivka"]
    assert page.title() == "hostile.txt (2022-11-12)"
    assert problems == []
