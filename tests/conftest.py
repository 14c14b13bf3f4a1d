"""Shared fixtures: the real gazetteer (built once per machine), paths to sample data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def gazetteer():
    from geomap.gazetteer import Gazetteer

    gaz = Gazetteer.open(progress=lambda message: None)
    yield gaz
    gaz.close()


@pytest.fixture(scope="session")
def shared_seeds() -> list[Path]:
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip("../shared/seeds is absent (only developers and CI have it)")
    return sorted(folder.glob("*.txt"))


def require_offline_assets() -> None:
    """Skip without Leaflet installed, except in CI, where .ci/run installs it."""
    from geomap import assets

    if not assets.installed():
        if IN_CI:
            pytest.fail(
                "Leaflet assets are missing in CI: .ci/run must run 'geomap assets install'"
            )
        pytest.skip("offline assets not installed: run 'geomap assets install'")


def store_dump(path: Path) -> list[str]:
    """A store's whole content, as SQL statements (to compare two stores), but its
    identity (a random token each store has)."""
    import sqlite3

    db = sqlite3.connect(path)
    try:
        return [s for s in db.iterdump() if not s.startswith('INSERT INTO "store_identity"')]
    finally:
        db.close()


def output_files(folder: Path) -> dict[str, bytes]:
    """Every file written into ``folder`` (maps, layers, data), by name, but the store and
    geomap's bookkeeping (dot files)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".sqlite" not in path.name and not path.name.startswith(".")
    }


def save_parsed(store, path: Path, gazetteer) -> None:
    """Parse the articles of the file ``path`` and save them in ``store`` as they are,
    outputs not touched (as a stage of ``update`` would)."""
    from geomap.articles import read_file
    from geomap.pipeline import process

    for article in read_file(path):
        result = process(article, gazetteer)
        store.save(
            article,
            result.mentions,
            result.events,
            content_hash="x",
            pipeline_version="x",
            gazetteer_version="x",
        )
