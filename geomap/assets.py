"""Leaflet's JavaScript and CSS for offline maps, taken from the npm registry.

``geomap assets install`` runs ``npm pack leaflet@VERSION`` once and unpacks the package
into the assets folder (see :func:`geomap.datadir.assets_dir`); offline maps inline these
files so they open from ``file://`` with no network. Nothing third-party is kept in the
repository.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from .datadir import assets_dir
from .errors import AssetError

LEAFLET_VERSION = "1.9.4"


def leaflet_dir() -> Path:
    """The unpacked Leaflet ``dist`` folder."""
    return assets_dir() / f"leaflet-{LEAFLET_VERSION}" / "dist"


def installed() -> bool:
    """Whether the assets an offline map needs are present."""
    folder = leaflet_dir()
    return (folder / "leaflet.js").is_file() and (folder / "leaflet.css").is_file()


def install(progress: Callable[[str], None] | None = None) -> Path:
    """Fetch Leaflet from the npm registry (needs ``npm``) and return its ``dist`` folder."""
    say = progress or (lambda message: None)
    if installed():
        return leaflet_dir()
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError(
            "npm was not found; install Node.js (which brings npm), then run "
            "'geomap assets install' again, or set GEOMAP_ASSETS_DIR to a folder holding "
            f"leaflet-{LEAFLET_VERSION}/dist"
        )
    target = leaflet_dir().parent
    with tempfile.TemporaryDirectory() as tmp:
        say(f"fetching leaflet@{LEAFLET_VERSION} from the npm registry ...")
        result = subprocess.run(
            [npm, "pack", f"leaflet@{LEAFLET_VERSION}", "--pack-destination", tmp, "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
        tarballs = list(Path(tmp).glob("leaflet-*.tgz"))
        if result.returncode != 0 or not tarballs:
            raise AssetError(f"npm pack leaflet@{LEAFLET_VERSION} failed: {result.stderr.strip()}")
        unpacked = Path(tmp) / "unpacked"
        with tarfile.open(tarballs[0]) as archive:
            archive.extractall(unpacked, filter="data")
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(unpacked / "package", target)
    say(f"installed Leaflet {LEAFLET_VERSION} in {target}")
    return leaflet_dir()


def leaflet_js() -> str:
    """Leaflet's JavaScript, ready to inline."""
    return _read("leaflet.js")


def leaflet_css() -> str:
    """Leaflet's CSS with its images inlined as data URIs."""
    css = _read("leaflet.css")
    folder = leaflet_dir()

    def inline(match: re.Match[str]) -> str:
        image = folder / match.group(1)
        if not image.is_file():
            return match.group(0)
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)


def _read(name: str) -> str:
    path = leaflet_dir() / name
    if not path.is_file():
        raise AssetError(
            f"{path} is missing: offline maps need Leaflet; run 'geomap assets install' "
            "(uses npm) once"
        )
    return path.read_text(encoding="utf-8")
