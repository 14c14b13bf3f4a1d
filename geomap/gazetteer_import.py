"""Import users' own gazetteer data as layers that join the default index.

* a GeoNames dump (``allCountries.txt`` or a country file such as ``UA.txt``), optionally
  with ``alternateNamesV2.txt`` for more names;
* a vector layer (GeoJSON, Shapefile, GeoPackage... anything pyogrio reads), such as
  Natural Earth's rivers, with a field that holds the name.

Each import is compiled to its own index in :func:`geomap.datadir.imports_dir` and is
opened together with the default index by :meth:`geomap.gazetteer.Gazetteer.open`.
"""

from __future__ import annotations

from pathlib import Path

from .datadir import imports_dir
from .gazetteer import lookup_path


def imported_layers() -> list[Path]:
    """The imported layers, in name order."""
    folder = imports_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.sqlite") if lookup_path(p).is_file())
