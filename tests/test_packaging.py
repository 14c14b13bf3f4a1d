import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_built_package_carries_the_gazetteer_tables_and_the_map_script(tmp_path):
    # A regular install finds its tables in geomap/_gazetteer (see geomap.datadir).
    env = {**os.environ, "GEOMAP_PURE_PYTHON": "1"}
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(tmp_path)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    tables = sorted(p.name for p in (tmp_path / "geomap" / "_gazetteer").iterdir())
    assert "features.geojson" in tables and "aliases.tsv" in tables
    assert (tmp_path / "geomap" / "extract.py").is_file()
    assert (tmp_path / "geomap" / "static" / "geomap.js").is_file()
    assert (tmp_path / "geomap" / "static" / "geomap.css").is_file()
