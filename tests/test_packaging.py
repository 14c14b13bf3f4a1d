import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_built_package_carries_the_tables_and_the_map_script(tmp_path):
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
    # the event stage's knowledge tables travel with it
    for table in ("types.tsv", "triggers.tsv", "actors.tsv"):
        assert (tmp_path / "geomap" / "events" / table).is_file(), table


def test_compiled_modules_pass_mypyc_type_checks(tmp_path):
    # A regular install compiles these modules with mypyc, which refuses code that does
    # not type-check: an editable install (as in development) would never notice.
    import re

    modules = re.findall(r'"(geomap/[\w/]+\.py)"', (ROOT / "setup.py").read_text())
    assert {"geomap/extract.py", "geomap/languages/recognize.py"} <= set(modules)
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--ignore-missing-imports",
            "--follow-imports=silent",
            "--cache-dir",
            str(tmp_path),
            *modules,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
