"""Watching folders: updates once changes settle, keeps going after bad input, Ctrl-C stops."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

from test_update import write_articles

from geomap.errors import ArticleError
from geomap.store import Store
from geomap.watch import snapshot, watch


class FakeTime:
    """A clock that advances only when the watcher sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_changes_are_acted_on_once_they_settle(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    fake = FakeTime()
    calls: list[float] = []
    messages: list[str] = []
    steps = iter(range(100))

    def keep_going() -> bool:
        step = next(steps)
        if step == 3:
            write_articles(folder, 1)  # first article arrives
        if step in (20, 21, 22):
            write_articles(folder, 1, start=step)  # a batch over three looks
        return step < 60

    runs = watch(
        [folder],
        lambda files: calls.append((fake.now, files)),
        interval=1.0,
        debounce=3.0,
        say=messages.append,
        keep_going=keep_going,
        clock=fake.clock,
        sleep=fake.sleep,
    )
    # Once after the first file settled, once after the batch settled: not per file.
    assert runs == 2 and len(calls) == 2
    assert calls[1][0] >= 22 + 3
    # each time the files that came since the last update, not the whole folder
    assert [len(files) for _, files in calls] == [1, 3]
    assert messages == []  # the empty folder never settled before the first file came
    assert len(snapshot([folder])) == 4


def test_a_failing_update_is_reported_and_watching_goes_on(tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 1)
    fake = FakeTime()
    messages: list[str] = []
    steps = iter(range(30))

    given: list[list[str]] = []

    def fail(files: list[str]) -> None:
        given.append(files)
        raise ArticleError("bad.jsonl:1: not JSON")

    def keep_going() -> bool:
        step = next(steps)
        if step == 10:
            write_articles(folder, 1, start=1)
        return step < 25

    runs = watch(
        [folder],
        fail,
        interval=1.0,
        debounce=2.0,
        say=messages.append,
        keep_going=keep_going,
        clock=fake.clock,
        sleep=fake.sleep,
    )
    assert runs == 2
    assert messages == ["error: bad.jsonl:1: not JSON; watching on"] * 2
    # the files of the failed update are given again with the next one
    assert [len(files) for files in given] == [1, 2]


def test_watch_command_updates_when_articles_arrive(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    write_articles(folder, 1)
    command = [
        sys.executable,
        "-m",
        "geomap",
        "watch",
        str(folder),
        "--out",
        str(out),
        "--interval",
        "0.1",
        "--debounce",
        "0.3",
    ]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(child.stderr), daemon=True)
    reader.start()
    try:
        assert _wait_for(lambda: any("updated: 1 new" in line for line in lines)), lines
        # a bad file does not hold back the good ones that arrive with it
        (folder / "latin1.txt").write_bytes("Entr\u00e9e \u00e0 Kherson.".encode("latin-1"))
        write_articles(folder, 2, start=1)
        assert _wait_for(lambda: any("updated: 2 new" in line for line in lines)), lines
    finally:
        child.send_signal(signal.SIGINT)
        child.wait(timeout=60)
        reader.join(timeout=10)
    assert child.returncode == 0, lines
    assert "updated: 2 new or changed, 0 unchanged" in "".join(lines)  # only what arrived is read
    assert sum("skipped" in line and "latin1.txt: not UTF-8" in line for line in lines) == 1
    assert lines[-1].strip() == "stopped"
    assert _articles(out) == 3


def _articles(out) -> int:
    path = out / "geomap.sqlite"
    if not (out / "index.html").exists() or not path.exists():
        return 0
    with Store(path) as store:
        return len(list(store.articles()))


def _wait_for(condition, seconds: float = 90.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_feeds_are_read_at_the_start_and_every_feed_interval_with_the_folders(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    fake = FakeTime()
    calls: list[tuple[float, list[str]]] = []
    steps = iter(range(100))

    def keep_going() -> bool:
        step = next(steps)
        if step == 5:
            write_articles(folder, 1)
        return step < 25

    feed = "https://example.org/feed.xml"
    runs = watch(
        [folder, feed],
        lambda files: calls.append((fake.now, files)),
        interval=1.0,
        debounce=3.0,
        feed_interval=10.0,
        keep_going=keep_going,
        clock=fake.clock,
        sleep=fake.sleep,
    )
    assert runs == len(calls) == 4
    # the feed at once, the file once it settled, then the feed every 10 s, alone
    assert [files == [feed] for _, files in calls] == [True, False, True, True]
    assert [now for now, _ in calls][::2] == [0.0, 10.0]
    assert calls[1][1][0].endswith(".txt")
