"""`geomap.parallel`: several workers give what one process gives, in order, and stop cleanly."""

from __future__ import annotations

import concurrent.futures
import gc
import json
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, output_files, store_dump

from geomap import parallel, pipeline
from geomap.articles import scan_sources
from geomap.errors import ArticleError
from geomap.model import Article
from geomap.parallel import WorkerError, parse_all
from geomap.pipeline import (
    MAP_NAME,
    ReadOptions,
    RunSummary,
    iter_results,
    parse_record,
    read_sources,
    run,
    update,
)

FIXTURE = ROOT / "tests" / "data" / "workers"


def fixture_articles() -> list[Article]:
    files, _ = scan_sources([SEEDS, FIXTURE])
    return [a for _, found, _ in read_sources(files, RunSummary(), ReadOptions()) for a in found]


def small_articles(count: int) -> list[Article]:
    return [
        Article(id=f"a{n:03d}", text=f"Ukrainian forces entered Kherson (report {n}).")
        for n in range(count)
    ]


def records(results) -> list[bytes]:
    """Each result as the bytes of its parse record and of its pickled events."""
    return [
        json.dumps(parse_record(r), ensure_ascii=False).encode() + pickle.dumps(r.events)
        for r in results
    ]


def no_children_left() -> bool:
    return multiprocessing.active_children() == []


def test_two_workers_give_what_one_gives_in_the_same_order(gazetteer):
    articles = fixture_articles()
    assert len(articles) == 17
    one = list(parse_all(articles, gazetteer, workers=1))
    two = list(parse_all(articles, gazetteer, workers=2, chunksize=2))
    assert [r.article.id for r in two] == [a.id for a in articles]
    assert records(two) == records(one)
    assert any(r.events for r in two) and any(r.mentions for r in two)
    assert no_children_left()


@pytest.mark.parametrize("workers", [1, 2])
def test_without_events_the_mentions_are_the_same_and_no_events_are_made(gazetteer, workers):
    articles = fixture_articles()
    full = list(parse_all(articles, gazetteer, workers=1))
    bare = list(parse_all(articles, gazetteer, workers=workers, chunksize=2, events=False))
    assert [parse_record(r) for r in bare] == [parse_record(r) for r in full]
    assert not any(r.events for r in bare) and any(r.events for r in full)


@pytest.mark.parametrize("chunksize", [1, 3, 50])
def test_order_is_kept_for_any_chunk_size(gazetteer, chunksize):
    articles = small_articles(23)
    ids = [r.article.id for r in parse_all(articles, gazetteer, workers=2, chunksize=chunksize)]
    assert ids == [a.id for a in articles]


def test_articles_are_read_a_bounded_window_ahead(gazetteer):
    taken = 0

    def counted():
        nonlocal taken
        for article in small_articles(200):
            taken += 1
            yield article

    with closing(parse_all(counted(), gazetteer, workers=2, chunksize=3)) as results:
        next(results)
        # two chunks per worker in flight, and the first chunk's other results in hand
        assert taken <= 2 * parallel.CHUNKS_PER_WORKER * 3 + 3
        assert sum(1 for _ in results) == 199
    assert no_children_left()


def test_one_worker_parses_in_this_process(gazetteer, monkeypatch):
    monkeypatch.setattr(
        concurrent.futures, "ProcessPoolExecutor", lambda *a, **k: pytest.fail("a pool was started")
    )
    assert len(list(parse_all(small_articles(3), gazetteer, workers=1))) == 3


@pytest.fixture
def threshold():
    """Python's collection thresholds as the test found them, put back after it."""
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_a_batch_collects_young_objects_less_and_puts_the_threshold_back(gazetteer, threshold):
    gc.set_threshold(700, 10, 10)
    seen = []
    for _ in parse_all(small_articles(2), gazetteer, workers=1):
        seen.append(gc.get_threshold())
    assert seen == [(parallel.YOUNG_COLLECTION_THRESHOLD, 10, 10)] * 2
    assert gc.get_threshold() == (700, 10, 10)
    # a batch left before its end (closed) puts it back too
    with closing(parse_all(small_articles(3), gazetteer, workers=1)) as results:
        next(results)
    assert gc.get_threshold() == (700, 10, 10)


def test_batches_in_threads_put_the_threshold_back_when_the_last_ends(threshold):
    gc.set_threshold(500, 5, 5)
    raised = (parallel.YOUNG_COLLECTION_THRESHOLD, 5, 5)
    first, second = parallel.young_objects_collected_less(), parallel.young_objects_collected_less()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first to start ends first: the other still runs
    assert gc.get_threshold() == raised
    second.__exit__(None, None, None)
    assert gc.get_threshold() == (500, 5, 5)


def test_collection_turned_off_stays_off_in_a_batch(threshold):
    gc.set_threshold(0)
    with parallel.young_objects_collected_less():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold()[0] == 0


def frozen_while_parsing(monkeypatch) -> list[int]:
    """How many objects are set aside from the collector while each article is parsed."""
    import geomap.pipeline

    counts: list[int] = []
    parse = geomap.pipeline.process

    def counting(*args, **options):
        counts.append(gc.get_freeze_count())
        return parse(*args, **options)

    monkeypatch.setattr(geomap.pipeline, "process", counting)
    return counts


def test_older_objects_are_set_aside_while_an_article_is_parsed(gazetteer, monkeypatch):
    counts = frozen_while_parsing(monkeypatch)
    between = [gc.get_freeze_count() for _ in parse_all(small_articles(2), gazetteer, workers=1)]
    assert len(counts) == 2 and all(count > 1000 for count in counts)
    assert between == [0, 0]  # handed back between articles: the caller's code is as before
    assert gc.get_freeze_count() == 0


def test_a_batch_dropped_unfinished_in_a_reference_cycle_is_collected(gazetteer, threshold):
    gc.set_threshold(700, 10, 10)

    class Holder:
        pass

    holder = Holder()
    holder.me = holder  # a cycle only the collector frees
    holder.results = parse_all(small_articles(3), gazetteer, workers=1)
    next(holder.results)
    del holder
    gc.collect()
    assert parallel._batches == 0
    assert gc.get_threshold() == (700, 10, 10)


def test_a_long_batch_is_collected_in_full_now_and_then(gazetteer, monkeypatch):
    monkeypatch.setattr(parallel, "FULL_COLLECTION_ARTICLES", 2)
    monkeypatch.setattr(parallel, "_parsed", 0)
    full = []

    def seen(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(phase)

    gc.callbacks.append(seen)
    try:
        assert len(list(parse_all(small_articles(5), gazetteer, workers=1))) == 5
    finally:
        gc.callbacks.remove(seen)
    assert len(full) == 2  # after the second and the fourth article


def test_objects_someone_else_set_aside_stay_so(gazetteer, monkeypatch):
    counts = frozen_while_parsing(monkeypatch)
    kept = [[k] for k in range(100)]
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        for _ in parse_all(small_articles(2), gazetteer, workers=1):
            # theirs, not handed back between articles
            assert gc.get_freeze_count() > 0
        # nothing of the batch's added while parsing (handing it back would hand back theirs)
        assert all(count <= before for count in counts)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    del kept


def test_collection_turned_off_sets_nothing_aside(gazetteer, monkeypatch):
    counts = frozen_while_parsing(monkeypatch)
    gc.disable()
    try:
        assert len(list(parse_all(small_articles(2), gazetteer, workers=1))) == 2
    finally:
        gc.enable()
    assert counts == [0, 0]


def test_nothing_to_parse_starts_no_pool(gazetteer, monkeypatch):
    monkeypatch.setattr(
        concurrent.futures, "ProcessPoolExecutor", lambda *a, **k: pytest.fail("a pool was started")
    )
    assert list(parse_all([], gazetteer, workers=2)) == []


@pytest.mark.parametrize("workers", [0, -3])
def test_fewer_than_one_worker_is_refused_at_the_call(gazetteer, workers):
    with pytest.raises(WorkerError, match="--workers must be 1 or more"):
        parse_all(small_articles(1), gazetteer, workers=workers)


def failing_process(real):
    """``process``, except that article ``a005`` raises as a parsing bug would."""

    def process(article, gazetteer, recognize, **options):
        if article.id == "a005":
            raise ArticleError(f"cannot parse {article.id}")
        return real(article, gazetteer, recognize, **options)

    return process


@pytest.mark.parametrize("workers", [1, 2])
def test_an_error_in_a_worker_is_raised_after_the_articles_before_it(
    gazetteer, monkeypatch, workers
):
    # Forked workers inherit the patched function, as they inherit the rest of the parent.
    monkeypatch.setattr(pipeline, "process", failing_process(pipeline.process))
    seen = []
    with pytest.raises(ArticleError, match=r"^cannot parse a005$") as raised:
        for result in parse_all(small_articles(12), gazetteer, workers=workers, chunksize=3):
            seen.append(result.article.id)
    assert seen == ["a000", "a001", "a002", "a003", "a004"]
    if workers > 1:  # the worker's own traceback is kept as the cause
        assert "in a worker process" in str(raised.value.__cause__)
    assert no_children_left()


def test_a_worker_that_dies_is_one_clear_error(gazetteer, monkeypatch):
    real = pipeline.process

    def dying(article, gazetteer, recognize, **options):
        if article.id == "a004":
            os._exit(9)  # as the out-of-memory killer would end it
        return real(article, gazetteer, recognize, **options)

    monkeypatch.setattr(pipeline, "process", dying)
    with pytest.raises(WorkerError, match="a worker process died while parsing"):
        list(parse_all(small_articles(12), gazetteer, workers=2, chunksize=2))
    assert no_children_left()


def test_a_reading_error_comes_after_the_results_of_what_was_read(gazetteer):
    def articles():
        yield from small_articles(5)
        raise ArticleError("bad item (--strict stops at the first bad item)")

    for workers in (1, 2):
        seen = []
        with pytest.raises(ArticleError, match="bad item"):
            for result in parse_all(articles(), gazetteer, workers=workers, chunksize=2):
                seen.append(result.article.id)
        assert seen == [f"a{n:03d}" for n in range(5)]


def test_workers_started_by_spawn_give_the_same(gazetteer):
    """Where a system cannot fork, each worker opens the gazetteer from its files and
    receives the recogniser pickled: the results are the same."""
    articles = fixture_articles()[:6]
    spawned = parse_all(articles, gazetteer, workers=2, chunksize=2, start_method="spawn")
    assert records(spawned) == records(parse_all(articles, gazetteer))


def test_bad_items_are_skipped_alike(tmp_path, gazetteer):
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"x{n}", "text": f"Shelling hit Kherson ({n})."}) for n in range(6)]
    lines.insert(3, "{not json")
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summaries, outputs = [], []
    for workers in (1, 2):
        summary = RunSummary()
        outputs.append(records(iter_results([feed], gazetteer, summary=summary, workers=workers)))
        summaries.append(summary)
    assert outputs[0] == outputs[1] and len(outputs[0]) == 6
    one, two = summaries
    assert [str(s) for s in one.skipped] == [str(s) for s in two.skipped] and one.skipped
    assert (one.articles, one.undated) == (two.articles, two.undated) == (6, 6)


def test_update_and_run_with_two_workers_write_the_same_bytes(tmp_path, gazetteer):
    made = {}
    for workers in (1, 2):
        out = tmp_path / f"update{workers}"
        heard = []
        summary = update(
            [SEEDS, FIXTURE],
            out / "geomap.sqlite",
            out,
            gazetteer,
            workers=workers,
            progress=lambda done, total, name, heard=heard: heard.append((done, total)),
        )
        assert summary.parsed == 17 and heard == [(n, 17) for n in range(1, 18)]
        ran = tmp_path / f"run{workers}"
        assert run([SEEDS, FIXTURE], ran, gazetteer, workers=workers).parsed == 17
        made[workers] = [output_files(folder) for folder in (out, ran)]
        made[workers] += [store_dump(folder / "geomap.sqlite") for folder in (out, ran)]
    assert made[1] == made[2]
    assert MAP_NAME in made[2][0] and any(name.endswith(".geojson") for name in made[2][0])
    assert no_children_left()


def test_a_failing_update_keeps_what_was_saved_before_the_error(tmp_path, gazetteer, monkeypatch):
    monkeypatch.setattr(pipeline, "process", failing_process(pipeline.process))
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text(
        "".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in small_articles(12)),
        encoding="utf-8",
    )
    dumps = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        with pytest.raises(ArticleError, match="cannot parse a005"):
            update([feed.parent], out / "geomap.sqlite", out, gazetteer, workers=workers)
        dumps.append(store_dump(out / "geomap.sqlite"))
    assert dumps[0] == dumps[1]
    assert sum(line.startswith('INSERT INTO "articles"') for line in dumps[0]) == 5
    assert no_children_left()
    # the lock was released: the next update of the same store finishes the job
    monkeypatch.undo()
    out = tmp_path / "out2"
    summary = update([feed.parent], out / "geomap.sqlite", out, gazetteer, workers=2)
    assert (summary.parsed, summary.unchanged) == (7, 5)


def test_spacy_recognizer_works_in_workers(tmp_path, gazetteer):
    spacy = pytest.importorskip("spacy", reason="spaCy is not installed")
    from geomap.ner import SpacyRecognizer

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "GPE", "pattern": "Kherson"}, {"label": "NORP", "pattern": "Russian"}]
    )
    recognize = SpacyRecognizer(nlp)
    articles = fixture_articles()
    two = records(parse_all(articles, gazetteer, recognize, workers=2, chunksize=3))
    assert two == records(parse_all(articles, gazetteer, recognize))


#: A parent that parses slowly with two workers, says the workers' pids and waits to be
#: killed (by SIGKILL) or interrupted (by Ctrl-C, SIGINT to its whole process group).
SLOW_PARENT = """
import multiprocessing, sys, time
from geomap import pipeline
from geomap.gazetteer import Gazetteer
from geomap.model import Article
from geomap.parallel import parse_all
real = pipeline.process
def slow(article, gazetteer, recognize, **options):
    time.sleep(0.2)
    return real(article, gazetteer, recognize, **options)
pipeline.process = slow
articles = [Article(id=str(n), text="Shelling hit Kherson.") for n in range(1000)]
results = parse_all(articles, Gazetteer.open(), workers=2, chunksize=1)
next(results)
print(*[p.pid for p in multiprocessing.active_children()], flush=True)
for _ in results:
    pass
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start_slow_parent():
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_PARENT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    workers = [int(pid) for pid in child.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    return child, workers


def _gone(pids, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


def _reap(workers: list[int]) -> None:
    """Kill the workers a failed test left."""
    for pid in workers:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_do_not_outlive_a_killed_parent():
    child, workers = _start_slow_parent()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    try:
        assert _gone(workers), "orphaned workers"
    finally:
        _reap(workers)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_ctrl_c_stops_the_parent_and_its_workers_quietly():
    child, workers = _start_slow_parent()
    os.killpg(child.pid, signal.SIGINT)  # what Ctrl-C sends: to every process of the group
    _, stderr = child.communicate(timeout=30)
    try:
        assert _gone(workers), "orphaned workers"
    finally:
        _reap(workers)
    assert child.returncode != 0
    # One trace, the parent's: the workers ignore Ctrl-C and leave when the pool stops.
    assert stderr.count("KeyboardInterrupt") == 1, textwrap.shorten(stderr, 2000)


def test_default_workers_are_the_usable_cores():
    expected = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert parallel.default_workers() == expected >= 1
