"""Regenerate docs/map.png: the offline map of the seeds in headless Chromium.

python docs/screenshot.py [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from geomap.gazetteer import Gazetteer
from geomap.pipeline import MapOptions, run

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--out", default=str(ROOT / "docs" / "map.png"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, Gazetteer.open() as gazetteer:
        run([ROOT / "seeds"], tmp, gazetteer, map_options=MapOptions(offline=True))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto((Path(tmp) / "index.html").as_uri())
            page.wait_for_function("() => window.geomap !== undefined")
            # Show one popup: the destroyed bridge, the story's turning point.
            page.evaluate(
                "() => window.geomap.map.eachLayer(l => { if (l.geomap && l.geomap.kind === 'bridge')"
                " l.openPopup(); })"
            )
            page.wait_for_timeout(800)
            page.screenshot(path=args.out)
            browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
