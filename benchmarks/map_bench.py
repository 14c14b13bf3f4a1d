"""Time and size of the HTML map for 100, 1,000 and 10,000 events; load time in Chromium.

Events are synthetic: real towns from the gazetteer (within a box, default eastern and
southern Ukraine), every event type, dates over three months, a sentence of ~200
characters each and one article per ten events. The figures asked for: 10,000 events in
under 5 s and under 5 MB, and a map that stays responsive.

    python benchmarks/map_bench.py [--sizes 100,1000,10000] [--offline] [--no-browser]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from geomap.events import EVENT_TYPE_BY_CODE
from geomap.gazetteer import Gazetteer
from geomap.model import Article, Event, Mention
from geomap.render import render_map

CHROMIUM = "/usr/bin/chromium"
SIDES = (("Ukrainian forces", "UA"), ("Russian forces", "RU"))


def synthetic(gazetteer: Gazetteer, count: int, bbox: tuple[float, ...], seed: int = 7):
    """``count`` events at real towns, with their articles and mentions."""
    rng = random.Random(seed)
    towns = list(gazetteer.places_in(bbox, "city", "town", "village", limit=3000))
    codes = sorted(EVENT_TYPE_BY_CODE)
    start = dt.date(2022, 9, 1)
    articles: dict[str, Article] = {}
    mentions: list[Mention] = []
    events: list[Event] = []
    for number in range(count):
        article_id = f"a{number // 10:05d}"
        place = rng.choice(towns)
        code = codes[number % len(codes)]
        actor, side = rng.choice(SIDES)
        day = start + dt.timedelta(days=rng.randrange(90))
        quote = (
            f"On {day:%d %B}, {actor} reported {EVENT_TYPE_BY_CODE[code].label.lower()} in "
            f"{place.name} after a night of heavy fighting, local officials said on Telegram, "
            f"adding that details would follow (report {number})."
        )
        if article_id not in articles:
            articles[article_id] = Article(
                article_id, quote, day, title=f"Report {article_id}", url="https://example.org/"
            )
        mentions.append(Mention(article_id, 0, len(place.name), place.name, place, 0.9))
        events.append(
            Event(
                f"e{number}",
                code,
                article_id,
                quote,
                0,
                len(quote),
                place,
                place.name,
                day,
                1,
                actor1=actor,
                actor1_side=side,
            )
        )
    return articles, mentions, events


def load_in_browser(page_path: Path) -> tuple[float, float]:
    """Seconds until the map's script has drawn everything, and to redraw after a filter."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
        )
        began = time.perf_counter()
        page.goto(page_path.as_uri())
        page.wait_for_function("() => window.geomap !== undefined", timeout=120_000)
        loaded = time.perf_counter() - began
        redraw = page.evaluate(
            "() => { const t = performance.now(); window.geomap.state.to = 0; window.geomap.refresh();"
            " window.geomap.state.to = window.geomap.dates.length - 1; window.geomap.refresh();"
            " return (performance.now() - t) / 1000; }"
        )
        browser.close()
    return loaded, redraw


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--bbox", default="30,44.5,40,51", help="W,S,E,N of the towns used")
    parser.add_argument("--offline", action="store_true", help="inline assets and basemap")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timing")
    args = parser.parse_args()
    bbox = tuple(float(v) for v in args.bbox.split(","))
    # Online maps load Leaflet from a CDN, which this machine may not reach: only offline
    # maps are opened in the browser.
    browser = args.offline and not args.no_browser and Path(CHROMIUM).exists()
    with Gazetteer.open() as gazetteer, tempfile.TemporaryDirectory() as tmp:
        print(f"{'events':>7} {'render s':>9} {'HTML MB':>8} {'load s':>7} {'redraw s':>9}")
        for size in (int(s) for s in args.sizes.split(",")):
            articles, mentions, events = synthetic(gazetteer, size, bbox)
            began = time.perf_counter()
            page = render_map(articles, mentions, events, gazetteer=gazetteer, offline=args.offline)
            seconds = time.perf_counter() - began
            path = Path(tmp) / f"map{size}.html"
            path.write_text(page, encoding="utf-8")
            megabytes = path.stat().st_size / 1e6
            loaded = redraw = float("nan")
            if browser:
                loaded, redraw = load_in_browser(path)
            print(f"{size:>7} {seconds:>9.2f} {megabytes:>8.2f} {loaded:>7.2f} {redraw:>9.2f}")
    if not browser:
        print("(load times measured only with --offline and Chromium at /usr/bin/chromium)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
