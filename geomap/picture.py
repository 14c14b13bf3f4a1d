"""Pictures of a map for reports: a PNG or PDF of a chosen view, taken by headless
Chromium from the map's own page (legend and attribution included).

The page is opened with its view in its address (``#view=W,S,E,N&print=1``, see
``geomap.js``): the search, zoom buttons, layer box and sliders are left out, the legend
kept open. Chromium's own command line takes the picture (``--screenshot``,
``--print-to-pdf``) once the page's scripts and data have run (a virtual time budget):
no browser driver is needed, only a Chromium, found by :func:`find_chromium`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

from .errors import OutputError

#: Where Chromium is looked for, in order, after ``$GEOMAP_CHROMIUM``.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Milliseconds of the page's own time given to its scripts and data before the picture.
SETTLE_MS = 20_000
#: Seconds a picture may take in all.
TIMEOUT = 180


def find_chromium() -> str:
    """The Chromium to take pictures with: ``$GEOMAP_CHROMIUM``, else the first of
    :data:`CHROMIUM_NAMES` on the path; raises :class:`OutputError` saying how to get one."""
    given = os.environ.get("GEOMAP_CHROMIUM")
    if given:
        if not (shutil.which(given) or Path(given).is_file()):
            raise OutputError(f"GEOMAP_CHROMIUM={given}: no such program")
        return given
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise OutputError(
        "pictures of the map need Chromium: install it (Debian: apt-get install chromium) or "
        "name it with GEOMAP_CHROMIUM=/path/to/chrome"
    )


def take_picture(
    page: Path,
    target: Path,
    *,
    size: tuple[int, int] = (1600, 1000),
    box: tuple[float, float, float, float] | None = None,
    chromium: str | None = None,
) -> Path:
    """Write a picture of the map ``page`` (an HTML file geomap wrote) to ``target``: a
    PDF when its name ends in ``.pdf``, else a PNG, ``size`` pixels (width, height),
    showing ``box`` (west, south, east, north) or the map's first view."""
    program = chromium or find_chromium()
    width, height = size
    view = {"print": "1", "size": f"{width}x{height}"}
    if box is not None:
        view["view"] = ",".join(f"{value:g}" for value in box)
    address = page.resolve().as_uri() + "#" + urllib.parse.urlencode(view, safe=",")
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    as_pdf = target.suffix.lower() == ".pdf"
    with tempfile.TemporaryDirectory(prefix="geomap-chromium-") as profile:
        command = [
            program,
            "--headless=new",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--virtual-time-budget={SETTLE_MS}",
            *(["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            *(
                [f"--print-to-pdf={target}", "--no-pdf-header-footer"]
                if as_pdf
                else [f"--screenshot={target}"]
            ),
            address,
        ]
        target.unlink(missing_ok=True)
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise OutputError(f"{target}: Chromium took over {TIMEOUT} s; no picture") from None
        except OSError as exc:
            raise OutputError(f"{program}: {exc.strerror or exc}") from None
    if result.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        problem = [line for line in result.stderr.splitlines() if line.strip()][-1:] or ["?"]
        raise OutputError(f"{target}: Chromium made no picture ({problem[0][:200]})")
    return target
