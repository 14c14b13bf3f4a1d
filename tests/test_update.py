"""`geomap update`: incremental, replacing, re-parsing, locked, and safe to kill."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import SEEDS

from geomap import pipeline
from geomap.articles import read_file
from geomap.errors import StoreError
from geomap.extract import find_spans
from geomap.output import STAT_CACHE
from geomap.pipeline import process, update
from geomap.store import Store

KILL_ARTICLES = 300
TOWNS = ["Kherson", "Mykolaiv", "Bilozerka", "Snihurivka", "Beryslav", "Nova Kakhovka"]


def write_articles(folder, count, start=0):
    """``count`` small dated articles, one file each, written by this test."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + count):
        town = TOWNS[number % len(TOWNS)]
        other = TOWNS[(number + 3) % len(TOWNS)]
        day = 1 + number % 28
        (folder / f"report_{number:04d}.txt").write_text(
            f" date 2022-11-{day:02d} \n\nUkrainian forces entered {town} on Nov. {day} while "
            f"Russian units withdrew to the left bank of the Dnipro. Officials in {other} said "
            f"two bridges near {town} were destroyed (report {number}).\n",
            encoding="utf-8",
        )


def outputs(folder):
    """Every file geomap wrote in ``folder`` (its sub-folders too), but the store and the
    stat cache (the times files were last seen)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix != ".sqlite" and p.name != STAT_CACHE
    }


def test_only_new_and_changed_articles_are_parsed(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    store = out / "geomap.sqlite"
    write_articles(sources, 3)
    first = update([sources], store, out, gazetteer)
    assert (first.articles, first.parsed, first.unchanged) == (3, 3, 0)
    before = outputs(out)

    again = update([sources], store, out, gazetteer)
    assert (again.parsed, again.unchanged) == (0, 3)
    assert outputs(out) == before  # byte-identical
    assert again.up_to_date and again.outputs == []  # and not even rewritten
    assert again.events == first.events

    (out / "index.html").unlink()  # a missing output is written again
    redrawn = update([sources], store, out, gazetteer)
    assert not redrawn.up_to_date and outputs(out) == before

    write_articles(sources, 1, start=3)
    added = update([sources], store, out, gazetteer)
    assert (added.parsed, added.unchanged) == (1, 3)
    events = [
        feature
        for partition in (out / "events").glob("2022-11-*.geojson")
        for feature in json.loads(partition.read_text())["features"]
    ]
    assert len({e["properties"]["article_id"] for e in events}) == 4


def test_an_edited_file_replaces_what_its_earlier_version_produced(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    store = out / "geomap.sqlite"
    write_articles(sources, 2)
    update([sources], store, out, gazetteer)
    edited = sources / "report_0000.txt"
    edited.write_text(edited.read_text().replace("Kherson", "Mykolaiv"), encoding="utf-8")
    summary = update([sources], store, out, gazetteer)
    assert (summary.parsed, summary.replaced, summary.unchanged) == (1, 1, 1)
    with Store(store) as opened:
        articles = list(opened.articles())
        assert len(articles) == 2
        names = {
            m.text
            for m in opened.mentions()
            if m.article_id in {a.id for a in articles if a.path.endswith("report_0000.txt")}
        }
    assert "Mykolaiv" in names and "Kherson" not in names


def test_reparse_redoes_articles_of_an_older_pipeline(tmp_path, gazetteer, monkeypatch):
    sources, out = tmp_path / "in", tmp_path / "out"
    store = out / "geomap.sqlite"
    write_articles(sources, 2)
    update([sources], store, out, gazetteer)
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", "next")
    noticed = update([sources], store, out, gazetteer)
    assert (noticed.parsed, noticed.stale, noticed.reparsed) == (0, 2, 0)
    # Sources are optional with --reparse: the stored text is parsed again.
    redone = update([], store, out, gazetteer, reparse=True)
    assert (redone.reparsed, redone.stale) == (2, 0)
    with Store(store) as opened:
        assert opened.stale("next", gazetteer.version, "gazetteer") == []


def test_control_claims_are_stored(tmp_path, gazetteer):
    out = tmp_path / "out"
    update([SEEDS], out / "geomap.sqlite", out, gazetteer)
    with Store(out / "geomap.sqlite") as opened:
        claims = opened.claims()
    assert ("2022-11-11", "geonames:706448", "UA") in {c[:3] for c in claims}


def test_a_second_updater_fails_clearly_or_waits(tmp_path, gazetteer):
    out = tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_articles(tmp_path / "in", 1)
    with Store(store_path) as holder, holder.updating():
        with pytest.raises(StoreError, match="is being updated by another geomap process"):
            update([tmp_path / "in"], store_path, out, gazetteer)
        # A real second process, too: it fails with one line and exit 1.
        result = subprocess.run(
            [sys.executable, "-m", "geomap", "update", str(tmp_path / "in"), "--out", str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1
        assert "is being updated" in result.stderr and "--wait" in result.stderr
    # Once the first is done, the update goes through.
    assert update([tmp_path / "in"], store_path, out, gazetteer).parsed == 1


def test_killing_an_update_loses_nothing_and_half_saves_nothing(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_articles(sources, KILL_ARTICLES)
    command = [sys.executable, "-m", "geomap", "update", str(sources), "--out", str(out), "-q"]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    saved = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        saved = _stored_count(store_path)
        if saved >= 20:
            break
        time.sleep(0.02)
    assert child.poll() is None, "the update finished before it could be killed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    db = sqlite3.connect(store_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    with Store(store_path) as opened:
        articles = list(opened.articles())
        mentions, events = opened.mentions(), opened.events()
    assert 20 <= len(articles) < KILL_ARTICLES
    # Every stored article has exactly what parsing it produces: nothing half-written.
    for article in articles:
        expected = process(article, gazetteer)
        assert sum(m.article_id == article.id for m in mentions) == len(expected.mentions)
        assert sum(e.article_id == article.id for e in events) == len(expected.events)

    # Running again finishes the job without duplicating anything.
    shutil.rmtree(out / "articles", ignore_errors=True)
    summary = update([sources], store_path, out, gazetteer)
    assert summary.unchanged == len(articles) and summary.parsed == KILL_ARTICLES - len(articles)
    with Store(store_path) as opened:
        assert len(list(opened.articles())) == KILL_ARTICLES


def _stored_count(path) -> int:
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.5)
        try:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_an_edited_file_is_recognised_from_another_working_directory(
    tmp_path, gazetteer, monkeypatch
):
    sources, out = tmp_path / "news" / "in", tmp_path / "out"
    write_articles(sources, 1)
    monkeypatch.chdir(tmp_path / "news")
    update(["in"], out / "geomap.sqlite", out, gazetteer)
    edited = sources / "report_0000.txt"
    edited.write_text(edited.read_text().replace("Kherson", "Beryslav"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    summary = update(["news/in"], out / "geomap.sqlite", out, gazetteer)
    assert (summary.parsed, summary.replaced) == (1, 1)
    with Store(out / "geomap.sqlite") as opened:
        assert [a.path for a in opened.articles()] == [str(edited.resolve())]


def test_writing_the_outputs_is_announced_only_when_it_happens(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    write_articles(sources, 2)
    heard: list[str] = []
    update([sources], out / "geomap.sqlite", out, gazetteer, stage=heard.append)
    assert len(heard) == 1 and "maps and GeoJSON" in heard[0]
    update([sources], out / "geomap.sqlite", out, gazetteer, stage=heard.append)
    assert len(heard) == 1  # nothing new: nothing written, nothing said


#: A child that updates, writing its outputs slowly (a pause after each file is replaced,
#: before the manifest records it), so a real kill -9 lands while they are being written.
#: It prints "writing" at the first file.
SLOW_WRITER = """
import sys, time
import geomap.output as output
real = output._atomic_write
def slow(target, *args):
    digest = real(target, *args)
    if not target.name.startswith(".geomap"):  # a file replaced, its manifest not yet saved
        print("writing", flush=True)
        time.sleep(0.3)
    return digest
output._atomic_write = slow
from geomap.cli import cli
cli(["update", sys.argv[1], "--out", sys.argv[2], "-q", "--per-article"])
"""


def test_killing_an_update_while_it_writes_the_outputs_leaves_no_false_alarm(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    write_articles(sources, 4)
    assert update([sources], out / "geomap.sqlite", out, gazetteer).parsed == 4
    write_articles(sources, 4, start=4)  # new articles: every output changes
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(sources), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "writing"
    os.kill(child.pid, signal.SIGKILL)  # the first file replaced, the manifest not saved
    child.wait()
    # the next update is not fooled by geomap's own half-written state, and cleans up
    result = subprocess.run(
        [sys.executable, "-m", "geomap", "update", str(sources), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not list(out.rglob("*.tmp")) and not (out / ".geomap-journal").exists()
    events = [
        feature
        for partition in (out / "events").glob("*.geojson")
        for feature in json.loads(partition.read_text(encoding="utf-8"))["features"]
    ]
    assert len({f["properties"]["article_id"] for f in events}) == 8


def test_an_update_that_waited_sees_what_the_first_one_wrote(tmp_path, gazetteer):
    sources, out = tmp_path / "in", tmp_path / "out"
    store_path = out / "geomap.sqlite"
    write_articles(sources, 2)
    update([sources], store_path, out, gazetteer)
    write_articles(sources, 1, start=2)
    with Store(store_path) as holder, holder.updating():
        waiting = subprocess.Popen(
            [sys.executable, "-m", "geomap", "update", str(sources), "--out", str(out), "--wait"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)  # it has read the folder's manifest and waits for the lock
        assert waiting.poll() is None
        # meanwhile the holder (another update) stores an article and writes the outputs
        write_articles(tmp_path / "other", 1, start=3)
        (article,) = read_file(tmp_path / "other" / "report_0003.txt")
        result = pipeline.process(article, gazetteer, find_spans)
        pipeline._save(holder, result, gazetteer.version, "gazetteer")
        pipeline.write_outputs(holder, pipeline.OutputDir(out), gazetteer, pipeline.MapOptions())
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "was not written by geomap" not in err


def test_article_pages_stay_inside_the_output_folder(tmp_path):
    from click.testing import CliRunner

    from geomap.cli import cli

    ids = ["/../../../ab", "../escape", "a#b?c%d", "same-prefix-000001", "same-prefix-000002"]
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text(
        "\n".join(
            json.dumps({"id": i, "date": "2022-11-11", "text": f"Troops entered Kherson ({n})."})
            for n, i in enumerate(ids)
        ),
        encoding="utf-8",
    )
    precious = tmp_path / "ab.html"
    precious.write_text("mine", encoding="utf-8")
    out = tmp_path / "maps" / "out"
    before = {p for p in tmp_path.rglob("*") if out not in p.parents}
    result = CliRunner().invoke(
        cli, ["run", str(feed.parent), "--out", str(out), "--per-article", "-q"]
    )
    assert result.exit_code == 0, result.output
    after = {p for p in tmp_path.rglob("*") if out not in p.parents and p not in (out, out.parent)}
    assert after == before and precious.read_text(encoding="utf-8") == "mine"
    pages = sorted(p.name for p in (out / "articles").iterdir())
    assert len(pages) == len(ids)  # one page each, none shared
    assert all(re.fullmatch(r"[a-z0-9-]+\.html", name) for name in pages)


def test_the_same_file_by_another_path_is_one_article(tmp_path, gazetteer, monkeypatch):
    news, out = tmp_path / "news", tmp_path / "out"
    write_articles(news, 2)
    monkeypatch.chdir(tmp_path)
    pipeline.run(["news"], "out", gazetteer)  # a relative path, as typed
    edited = news / "report_0000.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Kherson", "Mykolaiv"), "utf-8")
    monkeypatch.chdir(news)  # another folder, an absolute path
    summary = update([news.resolve()], out / "geomap.sqlite", out, gazetteer)
    assert (summary.parsed, summary.replaced, summary.unchanged) == (1, 1, 1)
    with Store(out / "geomap.sqlite") as store:
        assert len(list(store.articles())) == 2


def test_an_id_read_twice_is_kept_once_and_a_clash_is_reported(tmp_path, gazetteer):
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    rows = [
        {"id": "x", "date": "2022-11-11", "text": "Troops entered Kherson."},
        {"id": "x", "date": "2022-11-11", "text": "Troops entered Kherson."},
        {"id": "x", "date": "2022-11-11", "text": "Troops left Kherson."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    summary = update([feed.parent], out / "geomap.sqlite", out, gazetteer)
    assert (summary.articles, summary.parsed, summary.duplicates) == (1, 1, 1)
    (clash,) = summary.skipped
    assert "'x' was read before" in clash.reason
    with Store(out / "geomap.sqlite") as store:
        (article,) = store.articles()
    assert article.text == "Troops entered Kherson."


def test_a_feed_with_a_bad_line_never_drops_its_stored_articles(tmp_path, gazetteer):
    feed = tmp_path / "in" / "feed.ndjson"
    feed.parent.mkdir()
    rows = [
        {"id": "a", "date": "2022-11-11", "text": "Troops entered Kherson."},
        {"id": "b", "date": "2022-11-12", "text": "Shelling hit Izium."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    update([feed.parent], out / "geomap.sqlite", out, gazetteer)
    # a is edited, b is cut short: the file now yields one article and one bad line
    rows[0]["text"] = "Troops entered Mykolaiv."
    feed.write_text(json.dumps(rows[0]) + "\n" + json.dumps(rows[1])[:20], encoding="utf-8")
    summary = update([feed.parent], out / "geomap.sqlite", out, gazetteer)
    assert (summary.parsed, summary.replaced, len(summary.skipped)) == (1, 0, 1)
    with Store(out / "geomap.sqlite") as store:
        assert {a.id for a in store.articles()} == {"a", "b"}


def test_a_write_cut_short_never_leaves_the_folder_up_to_date(tmp_path, gazetteer, monkeypatch):
    from geomap.output import OutputDir

    sources, out = tmp_path / "in", tmp_path / "out"
    write_articles(sources, 2)
    store = out / "geomap.sqlite"
    update([sources], store, out, gazetteer, map_options=pipeline.MapOptions(title="AAA"))

    def cut(self, fingerprint, key=""):
        raise KeyboardInterrupt  # killed after the files, before the fingerprint

    with monkeypatch.context() as patched:
        patched.setattr(OutputDir, "mark", cut)
        with pytest.raises(KeyboardInterrupt):
            update([sources], store, out, gazetteer, map_options=pipeline.MapOptions(title="BBB"))
    summary = update([sources], store, out, gazetteer, map_options=pipeline.MapOptions(title="AAA"))
    assert not summary.up_to_date
    assert "AAA" in (out / "index.html").read_text(encoding="utf-8")
