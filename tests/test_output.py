import pytest

from geomap.errors import OutputError, OutputExistsError
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


def test_names_that_leave_the_folder_are_refused(tmp_path):
    out = OutputDir(tmp_path / "out")
    for name in ("../x.html", "articles/../../x.html", "/tmp/x.html"):
        with pytest.raises(OutputError, match="outside"):
            out.write(name, "x")
    assert not (tmp_path / "x.html").exists()


def test_a_full_disk_is_one_clear_line(tmp_path, monkeypatch):
    import errno

    import geomap.output as output

    def full(target, *args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "_atomic_write", full)
    with pytest.raises(OutputError, match="the disk is full"):
        OutputDir(tmp_path).write("map.html", "x")


def test_temporary_files_a_crash_left_are_removed(tmp_path):
    # what a write killed half-way leaves: its journal line and its temporary file
    (tmp_path / ".geomap-journal").write_text("map.html -\n", encoding="utf-8")
    (tmp_path / ".map.html.k3x_9q2a.tmp").write_bytes(b"half")
    (tmp_path / ".map.html.my notes.tmp").write_bytes(b"a user's")  # not geomap's naming
    OutputDir(tmp_path).write("map.html", "whole")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == [
        ".map.html.my notes.tmp"
    ]


def test_a_journal_naming_files_outside_the_folder_touches_nothing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / ".secret.abcd1234.tmp"
    outside.write_bytes(b"not geomap's")
    (out / ".geomap-journal").write_text("../secret -\n", encoding="utf-8")
    OutputDir(out).write("map.html", "x")
    assert outside.exists()
