"""Shared fixtures: the real gazetteer (built once per machine), paths to sample data."""

from __future__ import annotations

import os
import shutil
import subprocess
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


class PostgresServer:
    """A throw-away PostgreSQL cluster (with PostGIS) in a temporary folder, listening on
    a free loopback port; each test takes a new database of it."""

    def __init__(self, bindir: Path) -> None:
        import socket
        import tempfile

        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="geomap-postgres-"))
        # the server refuses to run as root: it runs as the postgres user then
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.folder, "postgres")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._run(
            "initdb", "-D", self.folder / "data", "-U", "geomap", "--auth=trust", "-E", "UTF8"
        )
        self._run(
            "pg_ctl",
            "-D",
            self.folder / "data",
            "-l",
            self.folder / "log",
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )
        self.databases = 0

    def _run(self, program: str, *args: object) -> None:
        command = [*self.as_user, str(self.bindir / program), *map(str, args)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{program} failed: {done.stdout}{done.stderr}")

    def url(self, database: str) -> str:
        return f"postgresql://geomap@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        self.databases += 1
        name = f"store{self.databases}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", self.folder / "data", "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def _postgres_bindir() -> tuple[Path | None, str]:
    """The folder of the newest PostgreSQL server programs with PostGIS beside them, or
    why there is none."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "psycopg is not installed (pip install 'geomap[postgis]')"
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if not found:
        return None, "no PostgreSQL server here (apt-get install postgresql postgis)"
    bindir = found[-1].parent
    share = subprocess.run(
        [str(bindir / "pg_config"), "--sharedir"], capture_output=True, text=True
    ).stdout.strip()
    if not (Path(share) / "extension" / "postgis.control").is_file():
        return None, f"PostGIS is not installed for {bindir} (apt-get install postgis)"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return None, "running as root without runuser: the server cannot be started"
    return bindir, ""


@pytest.fixture(scope="session")
def postgres_server():
    bindir, why = _postgres_bindir()
    if bindir is None:
        if IN_CI and os.geteuid() == 0 and shutil.which("apt-get"):
            pytest.fail(f"{why}: test.sh installs it in CI")
        pytest.skip(why)
    server = PostgresServer(bindir)
    yield server
    server.stop()


@pytest.fixture
def postgis_url(postgres_server) -> str:
    """The URL of a new, empty database of the test server."""
    return postgres_server.new_database()
