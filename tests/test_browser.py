"""Open the offline seed map in headless Chromium, as a person would, with no network."""

from __future__ import annotations

import datetime as dt
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


def seeds_with(folder, extra):
    """``folder`` holding the seeds and the articles of ``extra`` (file name: text)."""
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory, gazetteer):
    """The offline map of the seeds plus a hostile article, and its stored events."""
    require_offline_assets()
    folder = seeds_with(tmp_path_factory.mktemp("articles"), {"hostile.txt": HOSTILE})
    out = tmp_path_factory.mktemp("map")
    run([folder], out, gazetteer, map_options=MapOptions(offline=True, per_article=True))
    with Store(out / "geomap.sqlite") as store:
        events = drawn_events(store.events())
    return out, events


def open_map(browser, path):
    """A page showing ``path`` on a large screen, refusing every request that would leave
    the machine."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
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
    # Every drawn event is a marker, but the reports of one event are one marker (the
    # same type at the same place: both seeds tell the February capture of Kherson);
    # statements start hidden.
    markers = page.evaluate("() => window.geomap.events.map(m => m.geomap)")
    kinds = {(e.event_type, e.place.id) for e in events}
    assert len(kinds) <= len(markers) < len(events)
    assert {(m["type"], m["name"]) for m in markers} == {
        (e.event_type, e.place.name) for e in events
    }
    assert len(shown) == sum(1 for m in markers if m["type"] != "statement")
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


def test_quotes_of_places_and_the_front_line_are_read_when_a_popup_opens(browser, seed_map):
    out, _ = seed_map
    page, problems = open_map(browser, out / "index.html")
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    assert not any("/data/details-" in url for url in requested)  # none read to open
    popup = page.locator(".leaflet-popup-content")
    reading = "() => !document.querySelector('.leaflet-popup-content').textContent"
    for kind, opening in (
        ("front", "l => l.geomap.front === 'held_place'"),
        ("place", "l => l.geomap && l.geomap.kind === 'place'"),
    ):
        source = "window.geomap.front.getLayers()" if kind == "front" else "layers"
        page.evaluate(
            "() => { const layers = []; window.geomap.map.eachLayer(l => layers.push(l));"
            f" {source}.find({opening}).openPopup(); }}"
        )
        popup.wait_for()
        page.wait_for_function(reading + ".includes('Reading the quotes')")
        # its quotes and the articles they are from, read from its tile's file
        assert popup.locator("q.geomap-quote").count() >= 1, kind
        assert popup.locator(".geomap-source").count() >= 1, kind
        assert any("/data/details-" in url for url in requested), kind
        page.evaluate("() => window.geomap.map.closePopup()")
        page.wait_for_function("() => !document.querySelector('.leaflet-popup-content')")
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


@pytest.fixture(scope="module")
def script_page(browser):
    """A blank page with geomap's map script, for its data functions."""
    from importlib import resources

    page = browser.new_page()
    code = resources.files("geomap").joinpath("static", "geomap.js").read_text("utf-8")
    page.add_script_tag(content=code)
    yield page
    page.close()


def assembled(page, *parts):
    """The tables the map's script makes of map data ``parts``."""
    return page.evaluate("parts => geomapAssemble(parts)", list(parts))


def test_tables_share_places_quotes_and_articles(script_page):
    from test_mapdata import sample

    from geomap.mapdata import map_data

    data = assembled(script_page, map_data(*sample()))
    fields = data["event_fields"]
    assert [t["code"] for t in data["types"]] == ["advance", "statement"]
    assert len(data["events"]) == 2  # the negated advance is not drawn
    assert data["not_drawn"] == 1
    first = dict(zip(fields, data["events"][0], strict=True))
    assert data["places"][first["place"]][:3] == [32.61, 46.64, "Kherson"]
    assert data["articles"][first["article"]]["label"] == "Day one"
    assert data["dates"] == ["2022-11-11"]
    # Places with a drawn event are not repeated as places without one.
    quiet = {data["places"][row[0]][2] for row in data["places_without_events"]}
    assert quiet == {"Bilozerka", "Ukraine"}


def test_an_event_several_articles_tell_is_one_marker_with_every_report(script_page):
    import datetime as dt

    from geomap.mapdata import map_head, map_part
    from geomap.model import Event, Place

    town = Place("g:1", "Homs", "city", 36.72, 34.73, "SY")

    def told(article, day, side="HTS", certainty="reported"):
        return Event(
            f"{article}-{day}",
            "advance",
            article,
            f"Rebels took Homs ({article}).",
            0,
            1,
            town,
            "Homs",
            dt.date(2024, 12, day),
            1,
            certainty=certainty,
            actor1_side=side,
        )

    from geomap.mapdata import event_record

    events = [
        told("a", 7),
        told("b", 8, certainty="claimed"),  # a claim of the same capture a day later
        told("c", 8, side="SY"),  # another side: another event
        told("d", 28),  # three weeks later: another event
        told("e", 7, certainty="expected"),  # what was expected is not what happened
    ]
    records = [event_record(e) for e in events]
    # in two parts (two chunks of a store): grouped as one
    data = assembled(
        script_page, map_head() | map_part(events=records[:1]), map_part(events=records[1:])
    )
    assert len(data["events"]) == 4
    (first, *_) = data["events"]
    reports = first[data["event_fields"].index("reports")]
    assert [data["quotes"][q] for q, _ in reports] == ["Rebels took Homs (b)."]
    assert [data["articles"][a]["id"] for _, a in reports] == ["b"]
    assert data["types"][0]["count"] == 4


def test_a_large_store_opens_on_its_latest_months_and_loads_earlier_ones_on_demand(
    browser, tmp_path, gazetteer, monkeypatch
):
    from geomap import publish
    from geomap.pipeline import update

    require_offline_assets()
    sources = tmp_path / "in"
    sources.mkdir()
    for month, town in (
        ("09", "Kupiansk"),
        ("10", "Izium"),
        ("11", "Snihurivka"),
        ("11", "Kherson"),
    ):
        (sources / f"{month}-{town}.txt").write_text(
            f" date 2022-{month}-12 \n\nUkrainian forces entered {town} on Monday, officials said.\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(publish, "INITIAL_RECORDS", 1)  # one day's worth at first
    monkeypatch.setattr(publish, "EVENTS_PER_CHUNK", 1)  # that day in two chunks
    out = tmp_path / "out"
    update([sources], out / "geomap.sqlite", out, gazetteer, map_options=MapOptions(offline=True))
    page, problems = open_map(browser, out / "index.html")
    names = "() => window.geomap.events.map(m => m.geomap.name)"
    assert sorted(page.evaluate(names)) == ["Kherson", "Snihurivka"]  # the whole day
    assert page.evaluate("() => window.geomap.loadedFrom") == "2022-11-07"  # "on Monday"
    # the sliders span every month; the hint says what is loaded
    assert page.evaluate("() => window.geomap.dates.length") >= 3
    assert "move the start date earlier" in page.locator(".geomap-partial").inner_text()
    slider = page.locator("input.geomap-from")
    slider.fill("0")
    slider.dispatch_event("change")
    page.wait_for_function("() => window.geomap.loadedFrom === null")
    assert sorted(page.evaluate(names)) == ["Izyum", "Kherson", "Kupyansk", "Snihurivka"]
    # the dates chosen are kept: the start date stays where it was moved
    assert page.evaluate("() => window.geomap.state.from") == 0
    assert page.locator(".geomap-partial").count() == 0
    assert problems == []


# ---- the map a reader uses: search, first view, empty states, small screens ----------

SCREENS = os.environ.get("GEOMAP_SCREENSHOTS")  # a folder to keep each state's picture in


def _screenshot(page, name):
    if SCREENS:
        os.makedirs(SCREENS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENS, name + ".png"))


def test_search_finds_places_by_the_start_of_any_word_and_lists_the_matches(browser, seed_map):
    out, _ = seed_map
    page, problems = open_map(browser, out / "index.html")
    search = page.locator(".geomap-search input")
    # a word of the name: the bridge is found, shown close
    search.fill("antonivskyi")
    search.press("Enter")
    page.locator(".leaflet-popup-content").wait_for()
    assert "Antonivskyi" in page.locator(".leaflet-popup-content").inner_text()
    assert page.evaluate("() => window.geomap.map.getZoom()") >= 13
    # the start of a name several places share: they are listed, with their kind
    search.fill("kher")
    search.press("Enter")
    names = page.locator(".geomap-results button").all_inner_texts()
    assert len(names) >= 2 and all("kher" in n.lower() for n in names)
    assert any("city" in n or "admin1" in n for n in names)
    _screenshot(page, "search-list")
    page.locator(".geomap-results button").first.click()
    page.locator(".leaflet-popup-content").wait_for()
    # a name no place has: said, and the last popup closed
    search.fill("Atlantis")
    search.press("Enter")
    assert (
        "No place on this map begins with"
        in page.locator(".geomap-search .geomap-hint").inner_text()
    )
    # (a closed popup fades out for 200 ms)
    page.wait_for_function("() => !document.querySelector('.leaflet-popup-content')", timeout=3000)
    page.wait_for_timeout(3500)  # and no late look of the earlier search opens it again
    assert page.locator(".leaflet-popup-content").count() == 0
    assert page.evaluate("() => window.geomap.find('kherson').length") >= 2
    assert problems == []


@pytest.fixture(scope="module")
def stray_map(tmp_path_factory, gazetteer):
    """Reporting from one front, and one report from far away."""
    require_offline_assets()
    far = " date 2022-11-13\nShelling hit Vladivostok overnight, officials said.\n"
    folder = seeds_with(tmp_path_factory.mktemp("stray"), {"far.txt": far})
    out = tmp_path_factory.mktemp("stray-map")
    run([folder], out, gazetteer, map_options=MapOptions(offline=True))
    return out


def test_the_first_view_is_where_most_events_are_not_the_far_one(browser, stray_map):
    page, problems = open_map(browser, stray_map / "index.html")
    bounds = page.evaluate(
        "() => { const b = window.geomap.map.getBounds(); "
        "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"
    )
    west, south, east, north = bounds
    assert west < 32.6 < east and south < 46.6 < north  # Kherson in view
    assert east < 100  # Vladivostok (131.9 E) is not
    names = page.evaluate("() => window.geomap.events.map(m => m.geomap.name)")
    assert "Vladivostok" in names  # its marker is there, out of view
    _screenshot(page, "first-view")
    assert problems == []


def test_a_map_whose_filters_leave_nothing_says_so(browser, seed_map, gazetteer, tmp_path):
    from geomap.pipeline import render_store
    from geomap.selection import Selection

    out, _ = seed_map
    since = Selection(since=dt.date(2030, 1, 1))
    render_store(
        out / "geomap.sqlite", tmp_path, gazetteer, MapOptions(offline=True, selection=since)
    )
    page, problems = open_map(browser, tmp_path / "index.html")
    note = page.locator(".geomap-empty")
    note.wait_for()
    assert "Nothing to show" in note.inner_text() and "--since" in note.inner_text()
    assert page.locator(".leaflet-control-layers").count() == 0  # no empty layer box
    _screenshot(page, "empty")
    assert problems == []


def test_types_unticked_leaving_no_event_say_so(browser, seed_map):
    out, _ = seed_map
    page, _ = open_map(browser, out / "index.html")
    labels = page.locator(".leaflet-control-layers-overlays label")
    for number in range(labels.count()):  # every type unticked in the layer box
        label = labels.nth(number)
        text = label.inner_text().strip()
        not_a_type = text.startswith(("Rivers", "Front line", "Bridges (", "Places without"))
        if not not_a_type and label.locator("input").is_checked():
            label.click()
    assert "No event of the types shown" in page.locator(".geomap-empty").inner_text()
    page.locator(".leaflet-control-layers-overlays label", has_text="Advance").click()
    assert page.locator(".geomap-empty").count() == 0  # ticking one again: the note goes


def test_an_online_map_without_network_says_what_to_do(browser, seed_map, gazetteer, tmp_path):
    from geomap.pipeline import render_store

    out, _ = seed_map
    render_store(out / "geomap.sqlite", tmp_path, gazetteer, MapOptions(offline=False))
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )
    page.goto((tmp_path / "index.html").as_uri())
    fallback = page.locator("#geomap-fallback")
    assert fallback.is_visible()
    assert "--offline" in fallback.inner_text()
    _screenshot(page, "no-network")


def test_a_laptop_screen_folds_the_layer_box_and_the_legend(browser, seed_map):
    out, _ = seed_map
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto((out / "index.html").as_uri())
    page.wait_for_function("() => window.geomap !== undefined")
    assert page.locator(".leaflet-control-layers").count() == 1
    assert page.locator(".leaflet-control-layers-expanded").count() == 0
    assert page.locator("details.geomap-legend").get_attribute("open") is None
    page.locator("details.geomap-legend summary").click()
    assert page.locator("details.geomap-legend").get_attribute("open") is not None
    page.locator(".leaflet-control-layers").hover()  # the layer box opens on demand
    assert page.locator(".leaflet-control-layers-expanded").count() == 1
    _screenshot(page, "laptop-screen")


def test_play_steps_the_end_date_through_the_days_with_the_front_line(browser, seed_map):
    out, _ = seed_map
    page, problems = open_map(browser, out / "index.html")
    dates = page.evaluate("() => window.geomap.dates")
    start = max(i for i, d in enumerate(dates) if d < "2022-11-09")
    page.locator("input.geomap-from").fill(str(start))
    page.locator("input.geomap-until").fill(str(start))
    front_js = "() => JSON.stringify(window.geomap.front.getLayers().map(l => l.geomap))"
    front_then = page.evaluate(front_js)
    page.locator("button.geomap-play").click()
    page.wait_for_function(f"() => window.geomap.state.to >= {start + 2}", timeout=10_000)
    assert page.locator("button.geomap-play").inner_text().endswith("Pause")
    assert page.locator("input.geomap-until").input_value() == str(
        page.evaluate("() => window.geomap.state.to")
    )
    page.wait_for_function(f"() => window.geomap.state.to === {len(dates) - 1}", timeout=20_000)
    assert page.locator("button.geomap-play").inner_text().endswith("Play")  # stopped at the end
    # the front line was drawn as of each day: as of the last, not as before Kherson fell
    assert page.evaluate(front_js) != front_then
    # pausing stops it where it is
    page.locator("input.geomap-until").fill(str(start))
    page.locator("button.geomap-play").click()
    page.wait_for_function(f"() => window.geomap.state.to > {start}", timeout=10_000)
    page.locator("button.geomap-play").click()
    stopped = page.evaluate("() => window.geomap.state.to")
    page.wait_for_timeout(1500)
    assert page.evaluate("() => window.geomap.state.to") == stopped
    _screenshot(page, "play")
    assert problems == []


def test_a_reference_front_line_is_drawn_as_of_the_end_date_with_its_contradictions(
    browser, tmp_path_factory, gazetteer
):
    require_offline_assets()
    folder = tmp_path_factory.mktemp("reference")
    # the Russian-held area as a reference drew it on 15 November, over Kherson, which the
    # seeds say Ukraine holds from the 11th
    square = [[32.3, 46.5], [32.9, 46.5], [32.9, 46.8], [32.3, 46.8], [32.3, 46.5]]
    # (a file's name is text: shown, never markup)
    reference = folder / "front-2022-11-15 <img src=x onerror=document.title='pwned'>.geojson"
    reference.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Polygon", "coordinates": [square]},
                    }
                ],
            }
        )
    )
    out = tmp_path_factory.mktemp("reference-map")
    options = MapOptions(offline=True, references=(f"{reference}:RU",))
    run([SEEDS], out, gazetteer, map_options=options)
    page, problems = open_map(browser, out / "index.html")
    found = page.evaluate("() => window.geomap.contradictions()")
    assert "Kherson" in {c["name"] for c in found}
    assert all(c["side"] == "UA" and c["reference_side"] == "RU" for c in found)
    assert page.evaluate("() => window.geomap.reference.getLayers().length") == 1
    assert page.locator(".leaflet-control-layers img").count() == 0
    assert "onerror" in page.locator(".leaflet-control-layers").inner_text()
    assert page.title() != "pwned"
    _screenshot(page, "reference")
    # before the reference's date it has nothing to say
    dates = page.evaluate("() => window.geomap.dates")
    before = max(i for i, d in enumerate(dates) if d < "2022-11-15")
    page.locator("input.geomap-until").fill(str(before))
    assert page.evaluate("() => window.geomap.reference.getLayers().length") == 0
    assert page.evaluate("() => window.geomap.contradictions()") == []
    assert problems == []
