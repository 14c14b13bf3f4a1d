"""Leaflet and its plugins for offline maps, taken from the npm registry.

``geomap assets install`` runs ``npm pack NAME@VERSION`` once per package of
:data:`PACKAGES` and unpacks each into the assets folder (see
:func:`geomap.datadir.assets_dir`); offline maps inline these files so they open from
``file://`` with no network, and online maps load the same versions from the jsDelivr CDN.
Nothing third-party is kept in the repository.
"""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .datadir import assets_dir
from .errors import AssetError


@dataclass(frozen=True)
class Package:
    """An npm package whose ``scripts`` and ``styles`` (paths inside it) a map loads."""

    name: str
    version: str
    scripts: tuple[str, ...]
    styles: tuple[str, ...]
    #: Data files geomap reads from it (an offline basemap's outlines).
    data: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        """Where the unpacked package lives."""
        return assets_dir() / f"{self.name}-{self.version}"

    def cdn_url(self, path: str) -> str:
        """The jsDelivr address of one of the package's files."""
        return f"https://cdn.jsdelivr.net/npm/{self.name}@{self.version}/{path}"

    def installed(self) -> bool:
        files = (*self.scripts, *self.styles, *self.data)
        return all((self.folder / p).is_file() for p in files)


LEAFLET = Package("leaflet", "1.9.4", ("dist/leaflet.js",), ("dist/leaflet.css",))
MARKERCLUSTER = Package(
    "leaflet.markercluster",
    "1.5.3",
    ("dist/leaflet.markercluster.js",),
    ("dist/MarkerCluster.css", "dist/MarkerCluster.Default.css"),
)
#: What a map loads, in load order (plugins after Leaflet).
PACKAGES = (LEAFLET, MARKERCLUSTER)
#: Natural Earth's countries at 1:10m and 1:50m as TopoJSON (public domain data; the
#: package is ISC), for the offline basemap's coasts and borders (see geomap.basemap);
#: without it an offline map draws coarser outlines.
WORLD_ATLAS = Package(
    "world-atlas", "2.0.2", (), (), data=("countries-10m.json", "countries-50m.json")
)
#: What ``geomap assets install`` fetches: the map's scripts and the basemap's data.
INSTALLED = (*PACKAGES, WORLD_ATLAS)
LEAFLET_VERSION = LEAFLET.version


def leaflet_dir() -> Path:
    """The unpacked Leaflet ``dist`` folder."""
    return LEAFLET.folder / "dist"


def installed() -> bool:
    """Whether every asset an offline map needs is present."""
    return all(package.installed() for package in PACKAGES)


def install(progress: Callable[[str], None] | None = None) -> Path:
    """Fetch the missing packages from the npm registry (needs ``npm``); return their folder."""
    say = progress or (lambda message: None)
    missing = [package for package in INSTALLED if not package.installed()]
    if not missing:
        return assets_dir()
    npm = shutil.which("npm")
    if npm is None:
        wanted = ", ".join(f"{p.name}-{p.version}" for p in missing)
        raise AssetError(
            "npm was not found; install Node.js (which brings npm), then run "
            "'geomap assets install' again, or set GEOMAP_ASSETS_DIR to a folder holding "
            f"the unpacked npm packages {wanted}"
        )
    for package in missing:
        _fetch(npm, package, say)
    return assets_dir()


def _fetch(npm: str, package: Package, say: Callable[[str], None]) -> None:
    spec = f"{package.name}@{package.version}"
    with tempfile.TemporaryDirectory() as tmp:
        say(f"fetching {spec} from the npm registry ...")
        result = subprocess.run(
            [npm, "pack", spec, "--pack-destination", tmp, "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
        tarballs = list(Path(tmp).glob("*.tgz"))
        if result.returncode != 0 or not tarballs:
            raise AssetError(f"npm pack {spec} failed: {result.stderr.strip()}")
        unpacked = Path(tmp) / "unpacked"
        with tarfile.open(tarballs[0]) as archive:
            archive.extractall(unpacked, filter="data")
        target = package.folder
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(unpacked / "package", target)
    say(f"installed {spec} in {target}")


def world_atlas(name: str) -> Path | None:
    """A file of the world-atlas package (``countries-10m.json``), when installed."""
    path = WORLD_ATLAS.folder / name
    return path if path.is_file() else None


def cdn_scripts() -> list[str]:
    """The CDN addresses of the packages' scripts, for maps that may use the network."""
    return [package.cdn_url(path) for package in PACKAGES for path in package.scripts]


def cdn_styles() -> list[str]:
    """The CDN addresses of the packages' stylesheets."""
    return [package.cdn_url(path) for package in PACKAGES for path in package.styles]


def check() -> None:
    """Raise :class:`AssetError` saying how to fix it unless every asset is installed."""
    for package in PACKAGES:
        for path in (*package.scripts, *package.styles):
            read(package, path)


def inline_images(package: Package, path: str) -> str:
    """A package's stylesheet with the images it refers to inlined as data URIs."""
    css = read(package, path)
    folder = (package.folder / path).parent

    def inline(match: re.Match[str]) -> str:
        image = folder / match.group(1)
        if not image.is_file():
            return match.group(0)
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)


def read(package: Package, path: str) -> str:
    """The text of one of a package's files, or :class:`AssetError` saying how to fix it."""
    file = package.folder / path
    if not file.is_file():
        raise AssetError(
            f"{file} is missing: offline maps need {package.name} {package.version}; run "
            "'geomap assets install' (uses npm) once"
        )
    return file.read_text(encoding="utf-8")
