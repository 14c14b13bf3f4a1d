import json

import click
import pytest
from click.testing import CliRunner
from conftest import SEEDS

from geomap.cli import cli


def all_commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize("path", list(all_commands(cli)), ids=" ".join)
def test_every_command_has_help(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    command = cli
    for name in path:
        command = command.commands[name]
    assert command.help and len(command.help) > 20


def test_parse_jsonl_offsets_slice_the_real_seeds(shared_seeds):
    result = CliRunner().invoke(cli, ["parse", *map(str, shared_seeds), "--format", "jsonl", "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == len(shared_seeds)
    for record, path in zip(records, shared_seeds, strict=False):
        text = path.read_text(encoding="utf-8")
        assert record["mentions"]
        for mention in record["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
        for demonym in record["demonyms"]:
            assert text[demonym["start"] : demonym["end"]] == demonym["text"]
            assert demonym["role"] == "demonym" and demonym["place"]["kind"] == "country"
        assert set(record) == {"id", "date", "mentions", "demonyms"}
        assert set(record["mentions"][0]) == {
            "start",
            "end",
            "text",
            "literal",
            "role",
            "score",
            "place",
        }
    assert any(d["text"] == "Russian" for r in records for d in r["demonyms"])


def test_parse_real_seeds_finds_the_story(shared_seeds):
    result = CliRunner().invoke(cli, ["parse", *map(str, shared_seeds), "-q"])
    places = {
        m["place"]["id"]
        for line in result.output.splitlines()
        for m in json.loads(line)["mentions"]
        if m["place"]
    }
    assert {"geonames:706448", "geomap:dnipro", "geomap:dnipro-left-bank-south"} <= places
    assert "geonames:712508" in places  # Bilozerka, written "Bilozerska"
    names = [m["text"] for line in result.output.splitlines() for m in json.loads(line)["mentions"]]
    assert not any("Komsomolskaya" in n or "Pravda" in n for n in names)


def test_parse_jsonl_input_keeps_ids(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "story-1", "text": "Shelling hit Kharkiv."}) + "\n")
    result = CliRunner().invoke(cli, ["parse", str(source), "-q"])
    record = json.loads(result.output)
    assert record["id"] == "story-1"
    assert record["mentions"][0]["place"]["name"] == "Kharkiv"


def test_run_and_refusal_to_overwrite(tmp_path):
    out = tmp_path / "maps"
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    (out / "events.geojson").write_text("edited")
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 1
    assert "--overwrite" in result.output and len(result.output.strip().splitlines()) == 1


def test_bad_input_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n")
    result = CliRunner().invoke(cli, ["parse", str(bad), "-q"])
    assert result.exit_code == 1
    assert "bad.jsonl:1" in result.output and "Traceback" not in result.output


def test_gazetteer_lookup_json():
    result = CliRunner().invoke(cli, ["gazetteer", "lookup", "Kherson", "--format", "json"])
    rows = json.loads(result.output)
    assert rows[0]["id"] == "geonames:706448"
    assert set(rows[0]) == {"id", "name", "kind", "country", "admin1", "population", "lat", "lon"}


def test_python_dash_m_and_import_is_light():
    import subprocess
    import sys

    heavy = "('folium', 'shapely', 'geopandas', 'sqlite3')"
    code = f"import sys, geomap; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    help_run = subprocess.run(
        [sys.executable, "-m", "geomap", "--help"], capture_output=True, text=True
    )
    assert help_run.returncode == 0 and "geomap run" in help_run.stdout


def test_parsing_files_loads_no_fetcher_pool_maps_or_event_rules(tmp_path):
    """Only a command given an address fetches, one with workers starts a pool, one that
    writes maps loads them, one that stores events compiles their rules: parsing files in
    one process starts without them."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("Troops entered Kherson on 11 November 2022.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Війська увійшли до Херсона 11 листопада.\n", encoding="utf-8")
    heavy = (
        "http.client",
        "concurrent.futures.process",
        "geomap.publish",
        "geomap.events.extract",
        "geomap.events.crossings",
        "geomap.languages.events",
    )
    code = (
        "import sys; from geomap.cli import main\n"
        "sys.argv = ['geomap', 'parse', sys.argv[1], '--workers', '1']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(*sorted(m for m in {heavy} if m in sys.modules) or ['none loaded'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert "Kherson" in done.stdout and "Херсона" in done.stdout
    assert done.stdout.strip().endswith("none loaded")


def test_map_command_filters_and_rejects_bad_filters(tmp_path):
    out = tmp_path / "maps"
    assert CliRunner().invoke(cli, ["run", str(SEEDS), "--out", str(out), "-q"]).exit_code == 0
    result = CliRunner().invoke(cli, ["map", str(out), "--out", str(tmp_path / "m"), "--type", "x"])
    assert result.exit_code == 2 and "unknown event type x" in result.output
    result = CliRunner().invoke(cli, ["map", str(out), "--bbox", "1,2", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "four numbers" in result.output
    args = ["map", str(out), "--out", str(tmp_path / "m"), "--type", "mines", "--per-article"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m" / "index.html").is_file()
    assert len(list((tmp_path / "m" / "articles").glob("*.html"))) == 2


def test_update_stats_unresolved_and_export(tmp_path):
    out = tmp_path / "maps"
    runner = CliRunner()
    assert runner.invoke(cli, ["update", "--out", str(out)]).exit_code == 2  # nothing to do
    result = runner.invoke(cli, ["update", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 articles read: 2 new or changed, 0 unchanged" in result.output
    result = runner.invoke(cli, ["update", str(SEEDS), "--out", str(out)])
    assert "0 new or changed, 2 unchanged" in result.output

    stats = json.loads(runner.invoke(cli, ["stats", str(out), "--format", "json"]).output)
    assert stats["articles"] == 2 and stats["events"] > 0 and stats["control_claims"] > 0
    text = runner.invoke(cli, ["stats", str(out)]).output
    assert "articles   2 (2022-11-03 to 2022-11-22" in text
    result = runner.invoke(cli, ["unresolved", str(out), "--format", "tsv"])
    assert result.exit_code == 0 and result.output.startswith("name\tmentions\tarticles")

    result = runner.invoke(cli, ["export", str(out), "-f", "gpkg", "-f", "csv", "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "geomap.gpkg").stat().st_size > 0 and (out / "events.csv").is_file()
    result = runner.invoke(cli, ["stats", str(tmp_path / "nowhere")])
    assert result.exit_code == 2  # no such path
    result = runner.invoke(cli, ["stats", str(tmp_path)])
    assert result.exit_code == 1 and "no store at" in result.output


def test_a_batch_goes_on_past_bad_items_and_says_which(tmp_path):
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "good.txt").write_text(
        " date 2022-11-11\n\nUkrainian forces entered Kherson on Friday.\n", encoding="utf-8"
    )
    (sources / "latin1.txt").write_bytes(
        "Les forces sont entr\u00e9es \u00e0 Kherson.".encode("latin-1")
    )
    (sources / "feed.jsonl").write_text(
        '{not json\n{"id": "ok", "date": "2022-11-12", "text": "Shelling hit Izium."}\n',
        encoding="utf-8",
    )
    (sources / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(sources), "--out", str(out), "-q"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"skipped {sources / 'latin1.txt'}: not UTF-8" in result.output
    assert f"skipped {sources / 'feed.jsonl'}:1: not valid JSON" in result.output
    assert "2 items skipped" in result.output
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["place_name"] for f in events} >= {"Kherson", "Izyum"}
    # other files are counted, and listed on demand
    result = CliRunner().invoke(cli, ["update", str(sources), "--out", str(out), "--verbose"])
    assert f"not read: {sources / 'photo.jpg'}: not an article file" in result.output
    # --strict stops at the first bad item before storing anything
    strict = tmp_path / "strict"
    result = CliRunner().invoke(cli, ["run", str(sources), "--out", str(strict), "--strict"])
    assert result.exit_code == 1 and "--strict" in result.output
    assert not (strict / "geomap.sqlite").exists()


def test_unwritable_outputs_are_one_line_before_anything_is_stored(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--out", str(blocker / "maps"), "-q"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "cannot write" in result.output or "Not a directory" in result.output
    # articles/ that cannot be a folder: the maps fail in one line
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles").write_text("in the way", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--out", str(out), "--per-article", "-q"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "articles" in result.output


def test_a_full_disk_while_storing_is_one_line(tmp_path, monkeypatch):
    import sqlite3

    from geomap.store import Store

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "save", full)
    result = CliRunner().invoke(cli, ["run", str(SEEDS), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "disk is full" in result.output and "run the same command again" in result.output


WORKERS_FIXTURE = SEEDS.parent / "tests" / "data" / "workers"


@pytest.mark.parametrize("command", ["parse", "run", "update", "watch"])
def test_workers_option_is_documented(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert "--workers N" in result.output and "usable cores" in result.output


@pytest.mark.parametrize("value", ["0", "-2"])
def test_fewer_than_one_worker_is_refused(value):
    result = CliRunner().invoke(cli, ["parse", str(SEEDS), "--workers", value])
    assert result.exit_code == 2
    assert f"Invalid value for '--workers': {value} is not in the range x>=1" in result.output


def test_parse_with_two_workers_prints_the_same_bytes():
    sources = [str(SEEDS), str(WORKERS_FIXTURE)]
    printed = [
        CliRunner().invoke(cli, ["parse", *sources, "--workers", n, "-q"]) for n in ("1", "2")
    ]
    assert all(r.exit_code == 0 for r in printed), printed[1].output
    assert printed[0].stdout_bytes == printed[1].stdout_bytes
    assert len(printed[1].stdout.splitlines()) == 17


def test_parse_strict_stops_alike_with_workers(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"id": f"x{n}", "text": f"Shelling hit Kherson ({n})."}) for n in range(9)]
    (folder / "a.jsonl").write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    # a file is read whole before its articles are parsed: the bad item is in the next one
    (folder / "b.jsonl").write_text("\n".join([*lines[6:], "{not json"]) + "\n", encoding="utf-8")
    results = [
        CliRunner().invoke(cli, ["parse", str(folder), "--strict", "--workers", n, "-q"])
        for n in ("1", "2")
    ]
    assert [r.exit_code for r in results] == [1, 1]
    assert results[0].stdout == results[1].stdout and len(results[0].stdout.splitlines()) == 6
    assert results[0].stderr == results[1].stderr and "--strict stops" in results[1].stderr


def test_an_error_in_a_worker_is_one_line(monkeypatch, tmp_path):
    from geomap import pipeline
    from geomap.errors import ArticleError

    real = pipeline.process

    def failing(article, gazetteer, recognize, **options):
        if article.id == "w05":
            raise ArticleError("cannot parse w05")
        return real(article, gazetteer, recognize, **options)

    monkeypatch.setattr(pipeline, "process", failing)  # forked workers inherit it
    result = CliRunner().invoke(
        cli, ["update", str(WORKERS_FIXTURE), "--out", str(tmp_path), "--workers", "2", "-q"]
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: cannot parse w05\n"
