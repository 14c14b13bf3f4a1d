"""Build hooks: ship the gazetteer tables inside the package, and compile geomap's hot
modules with mypyc when possible.

The tables in ``gazetteer/`` are copied to ``geomap/_gazetteer/`` in a built package, where
``geomap.datadir`` finds them (an editable install reads ``gazetteer/`` itself).

The recogniser and resolver run for every word of every article; compiled, they parse about
1.5 times as many articles per second (the Ukrainian and Russian rules, about 1.2 times). A
plain ``pip install .`` compiles them (mypy is a build requirement; a C compiler is needed).
Editable installs (``pip install -e .``) and ``GEOMAP_PURE_PYTHON=1`` keep pure Python, so
that edits to the sources take effect; if compiling fails, the pure-Python package is
installed and works the same.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: Modules on the per-word path, type-checked clean for mypyc.
COMPILED = [
    "geomap/model.py",
    "geomap/text.py",
    "geomap/names.py",
    "geomap/lexicon.py",
    "geomap/extract.py",
    "geomap/resolve.py",
    "geomap/gazetteer.py",
    "geomap/languages/morph.py",
    "geomap/languages/recognize.py",
    "geomap/languages/streets.py",
    "geomap/languages/events.py",
    "geomap/languages/dates.py",
    "geomap/languages/translit.py",
    "geomap/languages/detect.py",
]


#: The setup.py commands that build a wheel or extensions; metadata and editable builds
#: (``dist_info``, ``editable_wheel``) skip mypyc's minute of analysis.
_BUILD_COMMANDS = {"bdist_wheel", "build", "build_ext", "install"}


def _compiled_modules() -> list:
    building = bool(_BUILD_COMMANDS.intersection(sys.argv[1:]))
    if not building or os.environ.get("GEOMAP_PURE_PYTHON") == "1":
        return []
    try:
        from mypyc.build import mypycify

        return mypycify(
            ["--ignore-missing-imports", "--follow-imports=silent", *COMPILED], opt_level="3"
        )
    except Exception as exc:  # no mypyc or no compiler: pure Python works the same
        print(f"geomap: installing without compiled modules ({exc})", file=sys.stderr)
        return []


class BuildWithTables(build_py):
    """build_py that also copies gazetteer/*.geojson and *.tsv into geomap/_gazetteer."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "geomap" / "_gazetteer"
        target.mkdir(parents=True, exist_ok=True)
        for table in sorted(Path("gazetteer").iterdir()):
            if table.suffix in (".geojson", ".tsv"):
                shutil.copyfile(table, target / table.name)


setup(ext_modules=_compiled_modules(), cmdclass={"build_py": BuildWithTables})
