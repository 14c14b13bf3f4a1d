"""Parsing articles in several processes (``--workers N``), results in input order.

:func:`parse_all` maps :func:`geomap.pipeline.process` over articles with a
:class:`concurrent.futures.ProcessPoolExecutor`. The workers are forked where the system
can fork (Linux, macOS), so they start in milliseconds with the parent's modules and
recogniser already loaded (a spaCy model is loaded once, by the parent, and shared
copy-on-write, as spaCy's own ``nlp.pipe(n_process=...)`` does). Each worker opens the
gazetteer again from its files: its SQLite connection is its own (a connection must not be
used across a fork), and the lookup tables are memory-mapped files, so every process reads
the same pages of the page cache. Where only ``spawn`` exists, the recogniser is pickled
to each worker (a spaCy pipeline pickles: each worker then holds a copy).

The caller (the parent) stays the only writer: it receives each article's result in the
order the articles came, a chunk at a time, with a bounded number of chunks in flight, so
a batch of any size holds only a few dozen results in memory.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sysconfig
import threading
import traceback
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import GeomapError
from .extract import find_spans
from .model import Article, Event, Mention

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .gazetteer import Gazetteer
    from .ner import Recognizer
    from .pipeline import ArticleResult

#: Articles sent to a worker at once, at most: a round trip through the pool costs about a
#: millisecond of CPU (threads, pipes, pickling), a short article two or three. The first
#: chunks are smaller (1, 2, 4, ...), so that a short batch is still shared by the workers.
CHUNKSIZE = 16
#: Chunks in flight per worker: one parsing, one waiting, so no worker idles while the
#: parent saves a result.
CHUNKS_PER_WORKER = 2
#: Allocations between two collections of Python's youngest generation while a batch is
#: parsed (Python's default is 700). Parsing keeps an article's words, readings and spans
#: alive for thousands of allocations: at the default they survive into the older
#: generations, which fill and are then collected whole, walking every word analysis the
#: process has cached. On a first pass over new Ukrainian words
#: (``benchmarks/langs_bench.py``) that walking took about a sixth of the time.
YOUNG_COLLECTION_THRESHOLD = 10_000
#: Articles after which a batch has the collector walk every object (``gc.collect``): with
#: the objects older than each article set aside while it is parsed
#: (:func:`_older_objects_set_aside`) no collection may run for a whole batch, and the few
#: reference cycles parsing makes (96 objects in 240 development articles, English,
#: Ukrainian and broken ones) would wait for its end.
FULL_COLLECTION_ARTICLES = 10_000
#: ``gc.freeze`` is a constant-time move where the interpreter has its global lock; without
#: it (free-threaded builds) it walks the whole heap.
_FREEZING_IS_CHEAP = not sysconfig.get_config_var("Py_GIL_DISABLED")


class WorkerError(GeomapError):
    """A bad ``--workers`` value, or a worker process that died."""


def default_workers() -> int:
    """The number of cores this process may run on (its CPU affinity where the system
    tells it, else all of the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no sched_getaffinity (macOS)
        return os.cpu_count() or 1


def parse_all(
    articles: Iterable[Article],
    gazetteer: Gazetteer,
    recognize: Recognizer = find_spans,
    workers: int = 1,
    *,
    chunksize: int = CHUNKSIZE,
    start_method: str | None = None,
    events: bool = True,
) -> Generator[ArticleResult, None, None]:
    """:func:`geomap.pipeline.process` of each of ``articles``, in their order.

    With ``workers`` 1, each article is parsed here, in this process, as it is reached.
    With more, ``workers`` processes parse chunks of up to ``chunksize`` articles; the
    articles are read from ``articles`` as the results are taken, at most
    ``CHUNKS_PER_WORKER`` chunks per worker ahead. An error in parsing an article is raised here after the
    results of the articles before it, as it would be in one process; so is an error in
    reading ``articles``. Close the iterator (or exhaust it) to stop the workers:
    ``contextlib.closing`` does it on any way out. ``start_method`` is for tests
    (default: ``fork`` where the system has it, else ``spawn``). With ``events`` false,
    no events are extracted (``geomap parse``).
    """
    if workers < 1:  # said at the call, not at the first article
        raise WorkerError(f"--workers must be 1 or more, not {workers}")
    if workers == 1:
        return _here(articles, gazetteer, recognize, events)
    return _parallel(articles, gazetteer, recognize, workers, chunksize, start_method, events)


def _here(
    articles: Iterable[Article], gazetteer: Gazetteer, recognize: Recognizer, events: bool
) -> Generator[ArticleResult, None, None]:
    with young_objects_collected_less():
        for article in articles:
            yield _parse_one(article, gazetteer, recognize, events)


_batches = 0  # batches being parsed in this process (in threads); the default is back at 0
_default_threshold: tuple[int, int, int] = gc.get_threshold()
_threshold_lock = threading.Lock()
_parsed = 0  # articles parsed in this process (the pace of full collections)
#: Whether this process's batches set older objects aside (:func:`_older_objects_set_aside`),
#: decided when the first batch running starts: asking Python how many objects are set
#: aside walks them, which for a server that froze its heap would cost every article.
_setting_aside = False


@contextmanager
def young_objects_collected_less() -> Iterator[None]:
    """Python's youngest generation collected every :data:`YOUNG_COLLECTION_THRESHOLD`
    allocations for the time of the block (a batch of articles), and as before after the
    last block running ends. A process with automatic collection turned off is left so."""
    global _batches, _default_threshold
    with _threshold_lock:
        if _batches == 0:
            _default_threshold = gc.get_threshold()
            _collect_young_objects_less()
        _batches += 1
    try:
        yield
    finally:
        with _threshold_lock:
            _batches -= 1
            if _batches == 0:
                gc.set_threshold(*_default_threshold)


def _collect_young_objects_less() -> None:
    global _setting_aside
    young, *older = gc.get_threshold()
    if young:  # 0: automatic collection turned off, left so
        gc.set_threshold(max(young, YOUNG_COLLECTION_THRESHOLD), *older)
    # objects something else set aside (a server about to fork) are not ours to hand back
    _setting_aside = _FREEZING_IS_CHEAP and bool(young) and gc.get_freeze_count() == 0


def _parse_one(
    article: Article, gazetteer: Gazetteer, recognize: Recognizer, events: bool = True
) -> ArticleResult:
    """:func:`geomap.pipeline.process` of ``article`` with the older objects set aside, and
    every :data:`FULL_COLLECTION_ARTICLES` articles of this process a full collection."""
    from .pipeline import process

    global _parsed
    with _older_objects_set_aside():
        result = process(article, gazetteer, recognize, events=events)
    _parsed += 1
    if _parsed % FULL_COLLECTION_ARTICLES == 0 and gc.isenabled():
        gc.collect()
    return result


@contextmanager
def _older_objects_set_aside() -> Iterator[None]:
    """For the time of the block (one article parsed), every object alive before it set
    aside from the collector (``gc.freeze``), and handed back after it (``gc.unfreeze``,
    into the oldest generation). What the articles before left alive, the new entries of the
    morphology's and the gazetteer's caches above all, was walked by each young collection
    and again by the older generations', and nothing was found to free: parsing makes next
    to no reference cycles. That walking was 5-7% of a first pass over new Ukrainian words
    (the collector's own callbacks timed it). Between articles nothing is set aside, so a
    batch dropped unfinished is collected as before. Nothing is set aside where collection is
    off, or where something else had set objects aside when the batch started
    (:data:`_setting_aside`)."""
    setting_aside = _setting_aside and gc.isenabled()
    if setting_aside:
        gc.freeze()
    try:
        yield
    finally:
        if setting_aside:
            gc.unfreeze()


def _parallel(
    articles: Iterable[Article],
    gazetteer: Gazetteer,
    recognize: Recognizer,
    workers: int,
    chunksize: int,
    start_method: str | None,
    events: bool,
) -> Generator[ArticleResult, None, None]:
    # here, not at the top: a command that parses in its own process (--workers 1, the
    # most common) starts without them (15 ms)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .pipeline import ArticleResult

    reader = _Reader(articles)
    executor: ProcessPoolExecutor | None = None  # started at the first chunk
    # each chunk's articles stay here: a worker sends back what it made of them, not them
    pending: deque[tuple[list[Article], Future[_Chunk]]] = deque()
    handed = 0  # results handed on, to say where a dead worker stopped
    size = 1
    try:
        while True:
            while len(pending) < workers * CHUNKS_PER_WORKER and (chunk := reader.take(size)):
                size = min(2 * size, chunksize)
                if executor is None:
                    executor = ProcessPoolExecutor(
                        workers,
                        mp_context=multiprocessing.get_context(start_method or _start_method()),
                        initializer=_start_worker,
                        initargs=(
                            tuple(str(layer.path) for layer in gazetteer.layers),
                            recognize,
                            events,
                        ),
                    )
                pending.append((chunk, executor.submit(_parse_chunk, chunk)))
            if not pending:
                break
            sent, future = pending.popleft()
            parsed = future.result()
            for article, (mentions, events) in zip(sent, parsed.results, strict=False):
                yield ArticleResult(article, mentions, events)
            handed += len(parsed.results)
            if parsed.failure is not None:
                raise parsed.failure.error from _RemoteTraceback(parsed.failure.trace)
    except BrokenProcessPool:  # from submit() or result(), whichever notices first
        raise WorkerError(
            "a worker process died while parsing (out of memory, or killed): the first "
            f"{handed} articles were processed, none after; run again, perhaps with fewer "
            "--workers"
        ) from None
    finally:
        if executor is not None:
            # Running chunks finish (the workers ignore Ctrl-C), the others are dropped;
            # then the workers exit: none outlives the call.
            executor.shutdown(wait=True, cancel_futures=True)
    if reader.error is not None:
        raise reader.error


class _Reader:
    """Articles taken a chunk at a time; an error in reading them is kept (in
    :attr:`error`) to be raised after the results of the articles read before it."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self._articles = iter(articles)
        self.error: Exception | None = None
        self.done = False

    def take(self, count: int) -> list[Article]:
        taken: list[Article] = []
        while len(taken) < count and not self.done:
            try:
                taken.append(next(self._articles))
            except StopIteration:
                self.done = True
            except Exception as exc:
                self.error, self.done = exc, True
        return taken


def _start_method() -> str:
    import multiprocessing

    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


@dataclass(frozen=True)
class _Failure:
    """An exception raised in a worker, with its traceback as text."""

    error: Exception
    trace: str


@dataclass(frozen=True)
class _Chunk:
    """A worker's results for one chunk (the mentions and events of each article; the
    parent has the articles): those of the articles parsed before a failure, if any."""

    results: list[tuple[tuple[Mention, ...], tuple[Event, ...]]]
    failure: _Failure | None = None


class _RemoteTraceback(Exception):
    """Shows the worker's traceback as the cause of an error raised again here."""

    def __init__(self, trace: str) -> None:
        super().__init__(trace)
        self.trace = trace

    def __str__(self) -> str:
        return f"\n(in a worker process)\n{self.trace}"


#: A worker's gazetteer files, recogniser and whether it extracts events (set when it
#: starts), then the opened gazetteer and recogniser.
_recipe: tuple[tuple[str, ...], Recognizer, bool] | None = None
_opened: tuple[Gazetteer, Recognizer] | None = None


def _start_worker(paths: tuple[str, ...], recognize: Recognizer, events: bool = True) -> None:
    global _recipe, _opened
    # Ctrl-C reaches the whole process group: the parent stops the pool, and a worker
    # that died of it mid-chunk would only add a trace of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _collect_young_objects_less()  # a worker only parses: for its life, as a batch does
    _recipe, _opened = (paths, recognize, events), None


def _exit_with_parent() -> None:
    """End this worker as soon as its parent is gone (killed with SIGKILL, say): a worker
    waiting for work would otherwise wait forever, holding what it inherited (the store's
    update lock among them)."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's end of the pipe closes: it has exited
        os._exit(1)

    threading.Thread(target=watch, name="geomap-exit-with-parent", daemon=True).start()


def _parse_chunk(articles: list[Article]) -> _Chunk:
    """In a worker: the results of ``articles``, up to the first that fails."""
    global _opened
    results: list[tuple[tuple[Mention, ...], tuple[Event, ...]]] = []
    try:
        assert _recipe is not None, "the worker was not started by parse_all"
        paths, recognize, events = _recipe
        if _opened is None:
            from .gazetteer import Gazetteer

            _opened = (Gazetteer(list(paths)), recognize)
        gazetteer, recognize = _opened
        for article in articles:
            result = _parse_one(article, gazetteer, recognize, events)
            results.append((result.mentions, result.events))
    except Exception as exc:
        return _Chunk(results, _Failure(_picklable(exc), traceback.format_exc()))
    return _Chunk(results)


def _picklable(exc: Exception) -> Exception:
    """``exc``, or where it cannot be sent to the parent, an error saying what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return WorkerError(f"{type(exc).__name__}: {exc}")
    return exc
