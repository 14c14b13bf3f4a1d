"""Parsing throughput with ``--workers``: articles/s, words/s and memory for 1 and 2 workers,
and for ``--engine dask`` with 2 workers on this machine.

Each figure is one whole command, ``python -m geomap parse SOURCES --workers N -q`` (and
``geomap update``), run in a fresh process on this checkout, the median of ``--runs`` runs
taken in turn (1, 2, 1, 2, ...) after one warm-up, so that a shared machine's drift falls
on both alike. The corpora are written as JSON Lines into a temporary folder:

- ``lgl``: the LGL news articles of ``../shared/corpora/lgl.xml`` (read there, never
  copied into the project), ``--lgl-repeat`` times over with distinct ids;
- ``synthetic``: ``--synthetic`` short articles from ``update_bench.articles()``.

Before each run it waits (``--settle``, up to 60 s) for other processes to leave the cores
idle, and it reports the cores they kept busy during the run anyway ("others"): on a shared
machine a neighbour's load slows a run by as much, and 2 workers most of all.

Memory is read from ``/proc`` every 0.1 s for the command and its worker processes: the
peak RSS of each process (``VmHWM``) and their sum, and the peak of the summed PSS
(``smaps_rollup``), which shares each page among the processes that map it: RSS counts
the gazetteer's memory-mapped pages and the pages a forked worker shares with its parent
once per process. The outputs of every N are checked to be the same bytes.

With dask.distributed installed (``pip install 'geomap[dask]'``), the same commands run
with ``--engine dask`` on a loopback cluster (a ``dask scheduler`` and ``--dask-workers``
``dask worker`` processes of one thread each, started anew before each run and not timed,
as a cluster would already be running). Its memory is the client's (the command), each
worker process's, and the total with the scheduler and the workers' nannies; its CPU
seconds add the cluster's, read from ``/proc`` before and after the run.

With spaCy and ``en_core_web_sm`` installed (or ``--spacy-model PATH``), ``parse --ner
spacy`` is timed on the first ``--spacy-articles`` LGL articles for the ratio to the
gazetteer recogniser; otherwise the table says why it was skipped.

    python benchmarks/throughput.py [--runs 3] [--workers 1,2] [--lgl-repeat 3]
                                    [--synthetic 3000] [--commands parse,update]
                                    [--dask-workers 2]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LGL = ROOT.parent / "shared" / "corpora" / "lgl.xml"
OUTPUTS = ("events.geojson", "places.geojson", "frontline.geojson", "bridges.geojson")


@dataclass
class Corpus:
    name: str
    folder: Path
    articles: int
    words: int


@dataclass
class Memory:
    """Peak RSS per process (kB, from VmHWM) and the peak of the summed PSS (kB)."""

    root: int = 0
    rss: dict[int, int] = field(default_factory=dict)
    pss_total: int = 0
    #: The parsing processes, where the others are not all of them (a Dask cluster's).
    workers: set[int] = field(default_factory=set)


@dataclass
class Run:
    seconds: float
    memory: Memory
    digest: str
    #: CPU time that processes other than this benchmark's used meanwhile, per second
    #: (in cores): a neighbour's load, which slows the run by as much.
    others: float
    #: CPU seconds of the command and its workers.
    cpu: float


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (median)")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--lgl", type=Path, default=LGL, help="the LGL corpus [../shared]")
    parser.add_argument("--lgl-repeat", type=int, default=3, help="LGL passes (0: none)")
    parser.add_argument("--synthetic", type=int, default=3000, help="synthetic articles")
    parser.add_argument("--commands", default="parse,update", help="parse and/or update")
    parser.add_argument(
        "--settle",
        type=float,
        default=60,
        help="before each run, wait up to this many seconds for other processes to leave "
        "the cores idle (a shared machine)",
    )
    parser.add_argument("--spacy-articles", type=int, default=100)
    parser.add_argument("--spacy-model", default="en_core_web_sm")
    parser.add_argument(
        "--dask-workers", type=int, default=2, help="workers of the Dask engine (0: not run)"
    )
    args = parser.parse_args()
    counts: list[int | str] = [int(n) for n in args.workers.split(",")]
    local = list(counts)
    if args.dask_workers and importlib.util.find_spec("distributed") is None:
        print("dask: skipped (dask.distributed is not installed: pip install 'geomap[dask]')")
    elif args.dask_workers:
        DaskCluster.size = args.dask_workers
        counts.append(DASK)
    commands = args.commands.split(",")
    print(f"machine: {os.cpu_count()} cores, usable {len(os.sched_getaffinity(0))}; ", end="")
    print(f"python {sys.version.split()[0]}; {args.runs} runs each, median")
    with tempfile.TemporaryDirectory(prefix="geomap-throughput-") as tmp:
        corpora = make_corpora(Path(tmp), args)
        rows = []
        for corpus in corpora:
            for command in commands:
                runs = timed(corpus, command, counts, args.runs, Path(tmp), settle=args.settle)
                rows += table_rows(corpus, command, runs, counts)
        spacy_row = spacy_rows(corpora, args, local, Path(tmp))
    print_table(rows + spacy_row)
    return 0


def make_corpora(tmp: Path, args: argparse.Namespace) -> list[Corpus]:
    corpora = []
    if args.lgl_repeat and args.lgl.is_file():
        from geomap.evaluate import read_corpus

        texts = [(g.article.id, g.article.text) for g in read_corpus(args.lgl)]
        records = [
            {"id": f"{doc}-{n}", "text": text}
            for n in range(args.lgl_repeat)
            for doc, text in texts
        ]
        corpora.append(write_corpus(tmp / "lgl", "lgl", records))
    elif args.lgl_repeat:
        print(f"lgl: skipped ({args.lgl} is absent: only developers and CI have ../shared)")
    if args.synthetic:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from update_bench import articles

        from geomap.gazetteer import Gazetteer

        with Gazetteer.open() as gazetteer:
            records = list(articles(gazetteer, args.synthetic, 0))
        corpora.append(write_corpus(tmp / "synthetic", "synthetic", records))
    return corpora


def write_corpus(folder: Path, name: str, records: list[dict]) -> Corpus:
    folder.mkdir(parents=True)
    with open(folder / f"{name}.jsonl", "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    words = sum(len(re.findall(r"\w+", record["text"])) for record in records)
    return Corpus(name, folder, len(records), words)


def command_line(
    command: str, source: Path, workers: int | str, out: Path, extra: list[str]
) -> list:
    engine = ["--workers", str(workers)]
    if workers == DASK:
        engine = ["--engine", "dask", "--scheduler", DaskCluster.running.address]
    line = [sys.executable, "-m", "geomap", command, str(source), *engine, "-q"]
    if command != "parse":
        line += ["--out", str(out)]
    return line + extra


def timed(
    corpus: Corpus,
    command: str,
    counts: list[int | str],
    runs: int,
    tmp: Path,
    extra: list[str] = (),
    settle: float = 0,
) -> dict[int | str, list[Run]]:
    """``runs`` runs of ``command`` for each worker count, in turn, after a warm-up."""
    results: dict[int | str, list[Run]] = {n: [] for n in counts}
    run_one(corpus, command, counts[0], tmp, list(extra))  # the page cache, the .pyc files
    for _ in range(runs):
        for n in counts:
            wait_for_idle_cores(settle)
            results[n].append(run_one(corpus, command, n, tmp, list(extra)))
    digests = {run.digest for n in counts for run in results[n]}
    if len(digests) != 1:
        sys.exit(f"{corpus.name} {command}: the outputs differ between worker counts!")
    return results


def run_one(corpus: Corpus, command: str, workers: int | str, tmp: Path, extra: list[str]) -> Run:
    if workers != DASK:
        return run_command(corpus, command, workers, tmp, extra)
    with DaskCluster(tmp / "dask") as cluster:
        return run_command(corpus, command, workers, tmp, extra, cluster)


def run_command(
    corpus: Corpus,
    command: str,
    workers: int | str,
    tmp: Path,
    extra: list[str],
    cluster: DaskCluster | None = None,
) -> Run:
    out = tmp / "out"
    if out.exists():
        import shutil

        shutil.rmtree(out)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    stdout_path = tmp / "stdout.jsonl"
    with open(stdout_path, "wb") as stdout:
        busy, mine, theirs = machine_busy(), own_cpu(), children_cpu()
        remote = cluster.cpu() if cluster else 0.0
        began = time.perf_counter()
        child = subprocess.Popen(
            command_line(command, corpus.folder, workers, out, extra),
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=env,
        )
        sampler = Sampler(child.pid, cluster.roots if cluster else ())
        if cluster:
            sampler.memory.workers = cluster.workers()
        sampler.start()
        _, stderr = child.communicate()
        seconds = time.perf_counter() - began
        sampler.stop()
        remote = (cluster.cpu() if cluster else 0.0) - remote
        others = max(0.0, (machine_busy() - busy) - (own_cpu() - mine) - remote) / seconds
        cpu = children_cpu() - theirs + remote
    print(
        f"  {corpus.name}: {' '.join([command, engine_label(workers), *extra])}: "
        f"{seconds:.2f} s, {cpu:.2f} s CPU (others used {others:.2f} cores)",
        file=sys.stderr,
        flush=True,
    )
    if child.returncode != 0:
        sys.exit(f"{command} failed ({child.returncode}): {stderr.decode()[-2000:]}")
    digest = hashlib.sha256()
    for path in [stdout_path, *(out / name for name in OUTPUTS)]:
        if path.exists():
            digest.update(path.read_bytes())
    return Run(seconds, sampler.memory, digest.hexdigest(), others, cpu)


def wait_for_idle_cores(limit: float) -> None:
    """Wait, up to ``limit`` seconds, until other processes use under a tenth of a core."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        busy, mine = machine_busy(), own_cpu()
        time.sleep(2)
        if (machine_busy() - busy) - (own_cpu() - mine) < 0.2:
            return


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since it started (/proc/stat)."""
    fields = [int(x) for x in _read("/proc/stat").split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    """CPU seconds of this benchmark and of the commands it ran (and their workers)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime + children_cpu()


def children_cpu() -> float:
    """CPU seconds of the commands this benchmark ran, with their workers (all reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Sampler(threading.Thread):
    """Reads the memory of a process and its descendants every ``interval`` seconds (and of
    the ``others`` and their descendants: a Dask cluster's processes)."""

    def __init__(self, root: int, others: tuple[int, ...] = (), interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root, self.others, self.interval = root, others, interval
        self.memory = Memory(root)
        self._done = threading.Event()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        while not self._done.is_set():
            pss = 0
            for pid in [p for root in (self.root, *self.others) for p in descendants(root)]:
                status = _read(f"/proc/{pid}/status")
                hwm = re.search(r"VmHWM:\s+(\d+)", status)
                if hwm:
                    self.memory.rss[pid] = max(self.memory.rss.get(pid, 0), int(hwm.group(1)))
                rollup = re.search(r"^Pss:\s+(\d+)", _read(f"/proc/{pid}/smaps_rollup"), re.M)
                pss += int(rollup.group(1)) if rollup else 0
            self.memory.pss_total = max(self.memory.pss_total, pss)
            self._done.wait(self.interval)


def descendants(root: int) -> list[int]:
    """``root`` and every process below it (by each process's parent in /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _read(f"/proc/{entry}/stat")
            if stat:  # "pid (name) state ppid ...": the name may hold spaces
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _read(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            return handle.read()
    except OSError:  # the process ended between the listing and the read
        return ""


def table_rows(
    corpus: Corpus, command: str, runs: dict[int | str, list[Run]], counts: list[int | str]
):
    base = statistics.median(r.seconds for r in runs[counts[0]])
    base_rss = statistics.median(sum(r.memory.rss.values()) for r in runs[counts[0]])
    base_pss = statistics.median(r.memory.pss_total for r in runs[counts[0]])
    rows = []
    for n in counts:
        seconds = statistics.median(r.seconds for r in runs[n])
        parent = statistics.median(r.memory.rss.get(r.memory.root, 0) for r in runs[n])
        workers = statistics.median(
            max(
                [
                    v
                    for pid, v in r.memory.rss.items()
                    if (pid in r.memory.workers if r.memory.workers else pid != r.memory.root)
                ]
                or [0]
            )
            for r in runs[n]
        )
        rss = statistics.median(sum(r.memory.rss.values()) for r in runs[n])
        pss = statistics.median(r.memory.pss_total for r in runs[n])
        rows.append(
            {
                "corpus": f"{corpus.name} ({corpus.articles:,})",
                "command": command,
                "workers": f"dask {DaskCluster.size}" if n == DASK else n,
                "s": f"{seconds:.2f}",
                "cpu s": f"{statistics.median(r.cpu for r in runs[n]):.2f}",
                "art/s": f"{corpus.articles / seconds:,.0f}",
                "words/s": f"{corpus.words / seconds:,.0f}",
                "speed-up": f"{base / seconds:.2f}x",
                "parent RSS": f"{parent / 1024:.0f}",
                "worker RSS": f"{workers / 1024:.0f}" if n == DASK or n > 1 else "-",
                "total RSS": f"{rss / 1024:.0f} ({rss / base_rss:.2f}x)",
                "total PSS": f"{pss / 1024:.0f} ({pss / base_pss:.2f}x)",
                "range s": f"{min(r.seconds for r in runs[n]):.2f}-{max(r.seconds for r in runs[n]):.2f}",
                "others": f"{statistics.median(r.others for r in runs[n]):.2f}",
            }
        )
    return rows


def spacy_rows(corpora: list[Corpus], args: argparse.Namespace, counts: list[int | str], tmp: Path):
    """``parse --ner spacy`` on the first LGL articles, beside the gazetteer recogniser."""
    model = args.spacy_model
    why = None
    if importlib.util.find_spec("spacy") is None:
        why = "spaCy is not installed (pip install 'geomap[spacy]')"
    elif not Path(model).exists() and importlib.util.find_spec(model) is None:
        why = f"the spaCy model {model!r} is not installed (python -m spacy download {model})"
    lgl = next((c for c in corpora if c.name == "lgl"), None)
    if why is None and lgl is None:
        why = "the LGL corpus is absent"
    if why:
        print(f"spaCy pipeline: skipped: {why}")
        return []
    records = [json.loads(line) for line in (lgl.folder / "lgl.jsonl").open(encoding="utf-8")]
    subset = write_corpus(tmp / "lgl-spacy", "lgl-spacy", records[: args.spacy_articles])
    rows = []
    for label, extra in (
        ("gazetteer", []),
        (f"spacy {model}", ["--ner", "spacy", "--ner-model", model]),
    ):
        runs = timed(subset, "parse", counts, args.runs, tmp, extra, settle=args.settle)
        for row in table_rows(subset, "parse", runs, counts):
            row["command"] = f"parse ({label})"
            rows.append(row)
    return rows


def print_table(rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(str(row[c]).ljust(widths[c]) for c in columns))
    print(
        "memory in MB; total RSS sums each process's peak, total PSS is the peak of the sum; "
        "others: the cores that other processes kept busy meanwhile (median)"
    )
    if any(str(row["workers"]).startswith("dask") for row in rows):
        print(
            "dask: parent RSS is the client (the command), worker RSS the largest Dask worker "
            "process; the totals and CPU seconds add the scheduler and the workers' nannies"
        )


#: The entry of the worker counts that stands for ``--engine dask``.
DASK = "dask"


def engine_label(workers: int | str) -> str:
    if workers == DASK:
        return f"--engine dask ({DaskCluster.size} workers)"
    return f"--workers {workers}"


class DaskCluster:
    """A Dask scheduler and :attr:`size` single-threaded workers on 127.0.0.1, each started
    in a process group of its own and ended with it (a context manager)."""

    size = 2
    #: The cluster of the run in progress, whose address the command is given.
    running: DaskCluster

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.processes: list[subprocess.Popen] = []
        self.address = ""

    def __enter__(self) -> DaskCluster:
        import shutil

        from geomap.cluster import connect

        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        file = self.folder / "scheduler.json"
        try:
            self._start("scheduler", "distributed.cli.dask_scheduler", "--host", "127.0.0.1")
            deadline = time.monotonic() + 60
            while not self.address:
                try:
                    self.address = json.loads(file.read_text())["address"]
                except (OSError, ValueError, KeyError):
                    if time.monotonic() > deadline or self.processes[0].poll() is not None:
                        sys.exit(f"the Dask scheduler did not start: see {self.folder}")
                    time.sleep(0.1)
            for n in range(self.size):
                self._start(f"worker{n}", "distributed.cli.dask_worker", "--nthreads", "1")
            client = connect(self.address, timeout=60)
            try:
                client.wait_for_workers(self.size, timeout=60)
            finally:
                client.close()
        except BaseException:
            self.__exit__()
            raise
        DaskCluster.running = self
        return self

    def _start(self, name: str, module: str, *args: str) -> None:
        if module.endswith("worker"):
            args = (*args, "--nworkers", "1", "--no-dashboard")
            args = (*args, "--scheduler-file", str(self.folder / "scheduler.json"))
            args = (*args, "--local-directory", str(self.folder))
        else:
            file = self.folder / "scheduler.json"
            args = (*args, "--port", "0", "--no-dashboard", "--scheduler-file", str(file))
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        }
        with open(self.folder / f"{name}.log", "wb") as log:
            self.processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", module, *args],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=env,
                    start_new_session=True,
                )
            )

    @property
    def roots(self) -> tuple[int, ...]:
        return tuple(process.pid for process in self.processes)

    def workers(self) -> set[int]:
        """The worker processes (a nanny's child started by multiprocessing)."""
        return {
            pid
            for root in self.roots[1:]
            for pid in descendants(root)
            if b"spawn_main" in _read_bytes(f"/proc/{pid}/cmdline")
        }

    def cpu(self) -> float:
        """CPU seconds of the cluster's processes so far (and of their reaped children)."""
        total = 0
        for pid in [p for root in self.roots for p in descendants(root)]:
            stat = _read(f"/proc/{pid}/stat")
            if stat:  # utime, stime, cutime, cstime: fields 14-17, after "pid (name)"
                total += sum(int(x) for x in stat.rsplit(")", 1)[1].split()[11:15])
        return total / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc_info: object) -> None:
        import signal

        def signal_group(group: int, number: int) -> bool:
            try:
                os.killpg(group, number)
            except ProcessLookupError:
                return False
            return True

        for process in reversed(self.processes):  # the workers, then the scheduler
            signal_group(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in reversed(self.processes):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            while signal_group(process.pid, 0) and time.monotonic() < deadline:
                time.sleep(0.1)  # a nanny's worker process ends with it
            if signal_group(process.pid, signal.SIGKILL):
                process.wait()
        self.processes = []


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


if __name__ == "__main__":
    sys.exit(main())
