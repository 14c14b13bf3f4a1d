import pytest

from geomap.errors import OutputExistsError
from geomap.output import OutputDir


def test_rewrites_own_files_but_not_users(tmp_path):
    out = OutputDir(tmp_path)
    out.write("map.html", "one")
    OutputDir(tmp_path).write("map.html", "two")  # geomap's own, unchanged since: fine
    assert (tmp_path / "map.html").read_text() == "two"
    (tmp_path / "map.html").write_text("edited by a user")
    with pytest.raises(OutputExistsError, match="--overwrite"):
        OutputDir(tmp_path).write("map.html", "three")
    assert (tmp_path / "map.html").read_text() == "edited by a user"
    OutputDir(tmp_path, overwrite=True).write("map.html", "three")
    assert (tmp_path / "map.html").read_text() == "three"


def test_foreign_file_is_protected(tmp_path):
    (tmp_path / "events.geojson").write_text("mine")
    with pytest.raises(OutputExistsError):
        OutputDir(tmp_path).check("events.geojson")
