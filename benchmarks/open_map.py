"""How long a store's map takes to open in Chromium, and to redraw after a date change.

Draws the store's overview map with ``geomap map STORE --out OUT --offline`` (unless OUT
already holds one) and opens ``OUT/index.html`` from disk in headless Chromium, with every
request off the machine refused, ``--runs`` times in a fresh page each. "ready" is from
navigation until the map's script has drawn the data it loads on opening (the latest
months, see geomap/publish.py); "redraw" is one move of the end date.

    python benchmarks/open_map.py STORE OUT [--runs 3] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    if not (args.out / "index.html").exists():
        began = time.perf_counter()
        command = [sys.executable, "-m", "geomap", "map", str(args.store)]
        subprocess.run([*command, "--out", str(args.out), "--offline", "-q"], check=True)
        print(f"drawn in {time.perf_counter() - began:.1f} s")
    size = sum(p.stat().st_size for p in (args.out / "data").glob("*.js")) / 1e6
    from playwright.sync_api import sync_playwright

    ready, redraw = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        for _ in range(args.runs):
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(("file:", "data:"))
                    else route.abort()
                ),
            )
            began = time.perf_counter()
            page.goto((args.out / "index.html").resolve().as_uri())
            page.wait_for_function("() => window.geomap !== undefined", timeout=600_000)
            ready.append(time.perf_counter() - began)
            loaded = page.evaluate("() => window.geomap.events.length")
            began = time.perf_counter()
            page.evaluate(
                "() => { const s = window.geomap.state; s.to = Math.max(s.from, s.to - 1);"
                " window.geomap.refresh(); }"
            )
            redraw.append(time.perf_counter() - began)
            page.close()
        browser.close()
    print(
        f"data {size:.1f} MB; {loaded:,} event markers loaded on opening; "
        f"ready median {statistics.median(ready):.2f} s ({' '.join(f'{r:.2f}' for r in ready)}); "
        f"redraw median {statistics.median(redraw):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
