"""`--engine dask`: a real Dask cluster on loopback parses as one process does, in order.

The module's cluster is a ``dask scheduler`` and two ``dask worker`` processes (one thread
each), started as subprocesses on 127.0.0.1 and ended after the module's tests, also when
one fails. The workers import geomap (and this module, for its test recogniser) from this
checkout, as the tests do.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import IN_CI, ROOT, SEEDS, output_files, store_dump

from geomap import cluster, pipeline
from geomap.cli import cli
from geomap.errors import ArticleError
from geomap.extract import find_spans
from geomap.model import Article
from geomap.pipeline import update

FIXTURE = ROOT / "tests" / "data" / "cluster"
HAS_DISTRIBUTED = importlib.util.find_spec("distributed") is not None
NO_DISTRIBUTED = (
    "dask.distributed is not installed: pip install 'geomap[dask]' (CI installs it with the "
    "test extra)"
)


def require_distributed() -> None:
    """Skip without dask.distributed, except in CI, where the test extra installs it."""
    if not HAS_DISTRIBUTED:
        if IN_CI:
            pytest.fail(f"{NO_DISTRIBUTED}; test.sh must install it")
        pytest.skip(NO_DISTRIBUTED)


#: The workers import geomap from this checkout, and this module for :func:`poisoned`.
WORKER_ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), str(ROOT / "tests"), os.environ.get("PYTHONPATH")) if p
    ),
}


def _started(command: list[str], log: Path) -> subprocess.Popen:
    with open(log, "wb") as handle:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=WORKER_ENV,
            cwd=log.parent,
            start_new_session=True,  # its own process group: a nanny's worker ends with it
        )


def _stop(processes: list[subprocess.Popen]) -> None:
    """End each process's whole group: SIGTERM, and SIGKILL for what is left after 15 s."""
    for process in processes:
        _signal_group(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes:
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        while _signal_group(process.pid, 0) and time.monotonic() < deadline:
            time.sleep(0.1)  # the group's other processes (a nanny's worker) end too
        if _signal_group(process.pid, signal.SIGKILL):
            process.wait()


def _signal_group(group: int, number: int) -> bool:
    """Send ``number`` to the process group ``group``; whether it still had a process."""
    try:
        os.killpg(group, number)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory, gazetteer) -> Iterator[str]:
    """The address of a loopback scheduler with two single-threaded workers (the default
    gazetteer index is built first: the workers open it)."""
    require_distributed()
    folder = tmp_path_factory.mktemp("dask")
    file = folder / "scheduler.json"
    python = [sys.executable, "-m"]
    started: list[subprocess.Popen] = []
    try:
        started.append(
            _started(
                [
                    *python,
                    *("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0"),
                    *("--no-dashboard", "--scheduler-file", str(file)),
                ],
                folder / "scheduler.log",
            )
        )
        address = _address(file, started[0], folder / "scheduler.log")
        for n in range(2):
            started.append(
                _started(
                    [
                        *python,
                        *("distributed.cli.dask_worker", "--scheduler-file", str(file)),
                        *("--nthreads", "1", "--nworkers", "1", "--no-dashboard"),
                        *("--name", f"geomap-test-{n}", "--local-directory", str(folder)),
                    ],
                    folder / f"worker{n}.log",
                )
            )
        client = cluster.connect(address, timeout=60)
        try:
            client.wait_for_workers(2, timeout=60)
            client.get_task_stream()  # from now on the scheduler records where tasks ran
        finally:
            client.close()
        yield address
    finally:
        _stop(started[::-1])  # the workers, then the scheduler


def _address(file: Path, process: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            return json.loads(file.read_text())["address"]
        except (OSError, ValueError, KeyError):  # not written yet, or half written
            time.sleep(0.1)
    pytest.fail(f"the Dask scheduler did not start: {log.read_text()[-2000:]}")


def written(out: Path) -> list[bytes | list[str]]:
    """The bytes of every output in ``out`` (whatever its layout; by name), and its
    store's content."""
    return [name.encode() + b"\n" + data for name, data in output_files(out).items()] + [
        store_dump(out / "geomap.sqlite")
    ]


def tasks_by_worker(address: str, since: float) -> dict[str, int]:
    client = cluster.connect(address)
    try:
        stream = client.get_task_stream(start=since)
    finally:
        client.close()
    counts: dict[str, int] = {}
    for task in stream:
        if str(task["key"]).startswith("_parse_chunk"):
            counts[task["worker"]] = counts.get(task["worker"], 0) + 1
    return counts


def test_update_and_run_on_the_cluster_write_what_one_process_writes(tmp_path, scheduler):
    sources = [str(SEEDS), str(FIXTURE)]
    engines = {
        "local": ["--workers", "1"],
        "dask": ["--engine", "dask", "--scheduler", scheduler],
    }
    made = {}
    began = time.time()
    for name, engine in engines.items():
        for command in ("update", "run"):
            out = tmp_path / name / command
            result = CliRunner().invoke(cli, [command, *sources, "--out", str(out), *engine, "-q"])
            assert result.exit_code == 0, result.output
        made[name] = written(tmp_path / name / "update") + written(tmp_path / name / "run")
    assert made["dask"] == made["local"]
    # the fixture was parsed (its dam is a place named)
    assert any(b'"Kakhovka Dam"' in output for output in made["dask"] if isinstance(output, bytes))
    # the articles were shared by both workers
    assert len(tasks_by_worker(scheduler, began)) == 2


def test_results_come_in_order_a_bounded_window_ahead(gazetteer, scheduler):
    taken = 0
    articles = [Article(id=f"a{n:03d}", text=f"Shelling hit Kherson ({n}).") for n in range(60)]

    def counted() -> Iterator[Article]:
        nonlocal taken
        for article in articles:
            taken += 1
            yield article

    parsed = cluster.parse_all(counted(), gazetteer, scheduler=scheduler, chunksize=5)
    with closing(parsed) as results:
        first = next(results)
        # two chunks per worker thread in flight (of 1, 2, 4 and 5 articles)
        assert taken <= cluster.CHUNKS_PER_THREAD * 2 * 5
        ids = [first.article.id, *(result.article.id for result in results)]
    assert ids == [article.id for article in articles]


def test_progress_is_told_as_articles_are_saved(tmp_path, gazetteer, scheduler):
    heard: list[tuple[int, int]] = []
    summary = update(
        [FIXTURE],
        tmp_path / "geomap.sqlite",
        tmp_path,
        gazetteer,
        scheduler=scheduler,
        progress=lambda done, total, name: heard.append((done, total)),
    )
    assert summary.parsed == 13 and heard == [(n, 13) for n in range(1, 14)]


def poisoned(text: str, index):
    """A recogniser that fails on the article saying POISON (run on the workers)."""
    if "POISON" in text:
        raise ArticleError("cannot parse the poisoned article")
    return find_spans(text, index)


def test_an_article_that_fails_on_a_worker_is_one_line_after_those_before_it(
    tmp_path, gazetteer, scheduler
):
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    texts = [f"Shelling hit Kherson ({n})." for n in range(12)]
    texts[5] = "POISON in Kherson."
    feed.write_text(
        "".join(json.dumps({"id": f"a{n:02d}", "text": t}) + "\n" for n, t in enumerate(texts)),
        encoding="utf-8",
    )
    dumps = []
    for engine in ({"workers": 1}, {"scheduler": scheduler}):
        out = tmp_path / str(len(dumps))
        with pytest.raises(ArticleError) as caught:
            update(
                [feed.parent], out / "geomap.sqlite", out, gazetteer, recognize=poisoned, **engine
            )
        assert str(caught.value) == "cannot parse the poisoned article"  # the CLI's one line
        dumps.append(store_dump(out / "geomap.sqlite"))
    assert dumps[0] == dumps[1]
    assert sum(line.startswith('INSERT INTO "articles"') for line in dumps[1]) == 5


def slowly(text: str, index):
    """The gazetteer recogniser, a twentieth of a second slower (run on the workers)."""
    time.sleep(0.05)
    return find_spans(text, index)


def test_a_worker_killed_mid_run_costs_nothing(gazetteer, scheduler):
    articles = [Article(id=f"k{n:03d}", text=f"Shelling hit Kherson ({n}).") for n in range(120)]
    client = cluster.connect(scheduler)
    try:
        pids = client.run(os.getpid)
        parsed = cluster.parse_all(articles, gazetteer, slowly, scheduler, chunksize=8)
        with closing(parsed) as results:
            got = [next(results)]
            os.kill(sorted(pids.values())[0], signal.SIGKILL)  # its nanny starts another
            got += list(results)  # Dask runs the lost worker's chunks again elsewhere
        assert [r.article.id for r in got] == [a.id for a in articles]
        here = [pipeline.process(article, gazetteer, find_spans) for article in articles]
        assert [(r.mentions, r.events) for r in got] == [(r.mentions, r.events) for r in here]
        client.wait_for_workers(2, timeout=60)  # for the next tests
        assert set(client.run(os.getpid).values()) != set(pids.values())
    finally:
        client.close()


def test_the_workers_are_checked_before_the_first_task(gazetteer, scheduler):
    client = cluster.connect(scheduler)
    try:
        cluster.check_workers(client, cluster.setup_of(gazetteer), scheduler)
        other = replace(cluster.setup_of(gazetteer), gazetteer="not-this-one")
        with pytest.raises(cluster.ClusterError) as caught:
            cluster.check_workers(client, other, scheduler)
    finally:
        client.close()
    message = str(caught.value)
    assert message.startswith("the Dask worker tcp://127.0.0.1:")
    assert "has another gazetteer than the client" in message and "\n" not in message
    assert message.endswith(" (and 1 more worker)")


def test_an_unreachable_scheduler_is_one_line_and_exit_code_1(tmp_path):
    require_distributed()
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "geomap", "update", str(SEEDS), "--out", str(tmp_path)),
            *("--engine", "dask", "--scheduler", address),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**WORKER_ENV, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: cannot reach the Dask scheduler at {address} (")
    assert "'dask scheduler'" in done.stderr and done.stderr.count("\n") == 1


def test_a_scheduler_without_workers_is_one_line():
    require_distributed()
    from distributed import LocalCluster

    with (
        LocalCluster(n_workers=0, processes=False, dashboard_address="127.0.0.1:0") as empty,
        pytest.raises(cluster.ClusterError, match="has no workers") as caught,
    ):
        cluster.connect(empty.scheduler_address, timeout=0.5)
    assert f"'dask worker {empty.scheduler_address}'" in str(caught.value)


@pytest.mark.parametrize("address", ["foo:bar", "tcp://host", "http://host:8786"])
def test_a_malformed_address_is_refused_at_the_call(gazetteer, address):
    require_distributed()
    with pytest.raises(cluster.ClusterError, match="is not a Dask scheduler address"):
        cluster.parse_all([], gazetteer, scheduler=address)


def test_without_distributed_the_error_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    result = CliRunner().invoke(
        cli,
        [
            *("update", str(FIXTURE), "--out", str(tmp_path)),
            *("--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "-q"),
        ],
    )
    assert result.exit_code == 1
    assert (
        result.stderr == "Error: --engine dask needs dask.distributed: pip install 'geomap[dask]'\n"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--engine", "dask"], "--engine dask needs --scheduler tcp://HOST:PORT"),
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler is for --engine dask"),
        (
            ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"],
            "--workers is for --engine local",
        ),
        (["--engine", "spark"], "'spark' is not one of 'local', 'dask'"),
    ],
)
@pytest.mark.parametrize("command", ["update", "run", "parse"])
def test_engine_usage_errors(tmp_path, command, options, message):
    out = [] if command == "parse" else ["--out", str(tmp_path)]
    result = CliRunner().invoke(cli, [command, str(FIXTURE), *out, *options])
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize("command", ["update", "run", "parse"])
def test_engine_help_explains_both_with_an_example(command):
    shown = CliRunner().invoke(cli, [command, "--help"]).output
    assert "--engine [local|dask]" in shown and "--scheduler tcp://HOST:PORT" in shown
    assert "--engine dask --scheduler tcp://" in " ".join(shown.split())


#: The worker named in the errors of the worker-side checks run here.
WORKER = "tcp://127.0.0.1:1"


def test_a_worker_opens_its_own_default_gazetteer_or_says_why_not(gazetteer, tmp_path, monkeypatch):
    setup = cluster.setup_of(gazetteer)
    assert setup.default  # the tests run on the default index
    opened = cluster._open_for(setup, WORKER)
    assert opened.version == gazetteer.version
    opened.close()
    monkeypatch.setenv("GEOMAP_DATA_DIR", str(tmp_path))  # a machine with no index built
    with pytest.raises(cluster.ClusterError) as caught:
        cluster._open_for(setup, WORKER)
    message = str(caught.value)
    assert "no gazetteer index here; run 'geomap gazetteer build'" in message
    assert str(tmp_path) in message and "GEOMAP_DATA_DIR" in message


def test_a_worker_with_another_gazetteer_or_geomap_refuses(gazetteer, tmp_path):
    setup = cluster.setup_of(gazetteer)
    with pytest.raises(cluster.ClusterError, match="has another gazetteer than the client"):
        cluster._open_for(replace(setup, gazetteer="0ther"), WORKER)
    with pytest.raises(cluster.ClusterError, match=r"runs geomap .*, the client geomap 9\.9"):
        cluster._open_for(replace(setup, geomap="9.9 (pipeline 1)"), WORKER)
    missing = str(tmp_path / "gazetteer.sqlite")
    with pytest.raises(cluster.ClusterError, match="--gazetteer path") as caught:
        cluster._open_for(replace(setup, paths=(missing,), default=False), WORKER)
    assert missing in str(caught.value)


def test_a_worker_opens_the_gazetteer_once(gazetteer, monkeypatch):
    setup = cluster.setup_of(gazetteer)
    monkeypatch.setattr(cluster, "_opened", {})
    first = cluster.worker_gazetteer(setup)
    assert cluster.worker_gazetteer(setup) is first
    first.close()
