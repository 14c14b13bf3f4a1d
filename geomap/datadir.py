"""One place that knows where geomap's data lives, and says how to fix it when it is missing.

* the hand-written gazetteer sources (``gazetteer/`` in a checkout, ``geomap/_gazetteer``
  in an installed wheel), or ``$GEOMAP_GAZETTEER_SOURCES``;
* the cache for the compiled gazetteer and offline map assets: ``$GEOMAP_DATA_DIR``, else
  ``$XDG_CACHE_HOME/geomap``, else ``~/.cache/geomap``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import GazetteerError

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder for geomap's compiled and downloaded data (created on demand)."""
    explicit = os.environ.get("GEOMAP_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser()
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home).expanduser() / "geomap"


def gazetteer_sources_dir() -> Path:
    """The folder of the project's hand-written gazetteer tables."""
    explicit = os.environ.get("GEOMAP_GAZETTEER_SOURCES")
    candidates = [Path(explicit)] if explicit else []
    candidates += [PACKAGE_DIR / "_gazetteer", PACKAGE_DIR.parent / "gazetteer"]
    for candidate in candidates:
        if (candidate / "features.geojson").is_file():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise GazetteerError(
        f"the gazetteer source tables were not found (looked in {looked}); "
        "reinstall geomap or set GEOMAP_GAZETTEER_SOURCES to the repository's gazetteer/ folder"
    )


def assets_dir() -> Path:
    """The folder where ``geomap assets install`` puts Leaflet and its plugins."""
    explicit = os.environ.get("GEOMAP_ASSETS_DIR")
    return Path(explicit).expanduser() if explicit else data_dir() / "assets"


def imports_dir() -> Path:
    """The folder of gazetteer layers made by ``geomap gazetteer import``."""
    return data_dir() / "imports"
