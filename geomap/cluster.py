"""Parsing articles on a Dask cluster (``--engine dask``), results in input order.

:func:`parse_all` maps :func:`geomap.pipeline.process` over articles as
:func:`geomap.parallel.parse_all` does, but on the workers of a running dask.distributed
cluster (``pip install 'geomap[dask]'``): the articles are sent in chunks, one task each,
and Dask's scheduler places the tasks on its workers. The caller stays the only writer of
the store: it takes each article's result in the order the articles came, with a bounded
number of chunks in flight, so a backfill of any size holds only a few chunks' results.

A worker may be on another machine, with its own geomap and gazetteer. Each task carries
what the client parses with (:class:`Setup`: geomap's version, the gazetteer's version and
where it is); a worker process opens that gazetteer once, at its first task, keeps it for
the next ones, and refuses to parse (a one-line :class:`ClusterError`) when its geomap or
gazetteer is not the client's, since the results would then differ from a run here.
"""

from __future__ import annotations

import threading
import traceback
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import CancelledError
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import GazetteerError, GeomapError
from .extract import find_spans
from .model import Article
from .parallel import _Chunk, _Failure, _picklable, _Reader, _RemoteTraceback

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .ner import Recognizer
    from .pipeline import ArticleResult

#: Articles in one task, at most: a task's round trip (client, scheduler, worker and back)
#: costs a few milliseconds, a short article two or three. The first chunks are smaller
#: (1, 2, 4, ...), so that a short batch is still shared by the workers.
CHUNKSIZE = 64
#: Chunks in flight per worker thread: one parsing, one waiting, so that no worker idles
#: while the client saves a result.
CHUNKS_PER_THREAD = 2


class ClusterError(GeomapError):
    """The Dask cluster cannot be reached or used, or one of its workers cannot parse as
    this process would (another geomap, another or no gazetteer)."""


@dataclass(frozen=True)
class Setup:
    """What a worker needs to parse as the client would; sent with every task.

    ``paths`` are the client's gazetteer layers. With ``default``, they are the client's
    default index and imported layers, which live in each machine's own data folder
    (``GEOMAP_DATA_DIR``): a worker then opens its own default ones. ``gazetteer`` and
    ``geomap`` are the versions a worker's must equal.
    """

    paths: tuple[str, ...]
    default: bool
    gazetteer: str
    geomap: str


def setup_of(gazetteer: Gazetteer) -> Setup:
    """The :class:`Setup` of this process parsing with ``gazetteer``."""
    from .gazetteer_build import default_index_path
    from .gazetteer_import import imported_layers

    paths = tuple(str(layer.path) for layer in gazetteer.layers)
    default = paths == tuple(str(p) for p in (default_index_path(), *imported_layers()))
    return Setup(paths, default, gazetteer.version, geomap_version())


def geomap_version() -> str:
    """geomap's release and the version of its parsing rules, which a worker must share."""
    from .pipeline import PIPELINE_VERSION

    return f"{__version__} (pipeline {PIPELINE_VERSION})"


def parse_all(
    articles: Iterable[Article],
    gazetteer: Gazetteer,
    recognize: Recognizer = find_spans,
    scheduler: str = "",
    *,
    chunksize: int = CHUNKSIZE,
    events: bool = True,
) -> Generator[ArticleResult, None, None]:
    """:func:`geomap.pipeline.process` of each of ``articles`` on the Dask cluster whose
    scheduler is at ``scheduler`` (``tcp://HOST:PORT``), in the articles' order.

    Connects at the first article (nothing to parse, no connection), then keeps up to
    ``CHUNKS_PER_THREAD`` chunks of up to ``chunksize`` articles per worker thread in
    flight, reading ``articles`` as results are taken. An error in parsing an article is
    raised after the results of the articles before it, as in one process; so is an error
    in reading ``articles``. Close the iterator (or exhaust it) to cancel what is still
    queued and disconnect: ``contextlib.closing`` does it on any way out. With ``events``
    false, no events are extracted (``geomap parse``).
    """
    address = checked_address(scheduler)  # said at the call, not at the first article
    return _on_cluster(articles, gazetteer, recognize, address, chunksize, events)


def checked_address(scheduler: str) -> str:
    """``scheduler`` if Dask can read it as an address (``tcp://HOST:PORT``)."""
    distributed = _distributed()
    try:
        scheme, location = distributed.comm.parse_address(scheduler)
        distributed.comm.parse_host_port(location)
        distributed.comm.registry.get_backend(scheme)
    except (ValueError, TypeError) as exc:
        raise ClusterError(
            f"{scheduler!r} is not a Dask scheduler address ({exc}): give it as "
            "tcp://HOST:PORT, as 'dask scheduler' prints it"
        ) from None
    return scheduler


def connect(scheduler: str, timeout: float | None = None) -> Any:
    """A :class:`distributed.Client` of the scheduler at ``scheduler``, once it has a worker.

    ``timeout`` (seconds) bounds the wait for the scheduler, then for a first worker;
    by default, Dask's ``distributed.comm.timeouts.connect`` (30 s unless configured, e.g.
    by ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s``).
    """
    distributed = _distributed()
    if timeout is None:
        import dask.config
        from dask.utils import parse_timedelta

        timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
    try:
        client = distributed.Client(scheduler, timeout=timeout, set_as_default=False)
    except OSError as exc:  # refused, timed out, name not found (TimeoutError is an OSError)
        raise ClusterError(
            f"cannot reach the Dask scheduler at {scheduler} ({exc}): check the address, or "
            f"start a scheduler there ('dask scheduler') and workers ('dask worker {scheduler}')"
        ) from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        client.close()
        raise ClusterError(
            f"the Dask scheduler at {scheduler} has no workers (none joined in {timeout:g} s): "
            f"start some with 'dask worker {scheduler}'"
        ) from None
    return client


def check_workers(client: Any, setup: Setup, scheduler: str) -> None:
    """Raise a :class:`ClusterError` naming a worker of ``client`` that cannot parse as this
    process would: it lacks geomap (or this version of it), or the gazetteer. Each worker
    opens its gazetteer here, ahead of its first task; a worker that joins later is checked
    at its first task."""
    import importlib.util

    # A worker without geomap.cluster could not even read a task (Dask drops such a worker
    # and its data, and says only that the work was lost): ask with the standard library.
    found = client.run(importlib.util.find_spec, __name__, on_error="return")
    lacking = sorted(worker for worker, spec in found.items() if not hasattr(spec, "origin"))
    if lacking:
        raise ClusterError(
            f"the Dask worker {lacking[0]}{_and_more(lacking)} of {scheduler} cannot import "
            f"{__name__}: install geomap {setup.geomap.split()[0]}, the same version as here, "
            "where the workers run"
        )
    ready = client.run(_prepare, setup, on_error="return")
    failed = sorted(worker for worker, error in ready.items() if error is not None)
    if failed:
        error = ready[failed[0]]
        if not isinstance(error, str):  # it could not even run the check
            error = (
                f"the Dask worker {failed[0]} could not run geomap's check ({error}): its "
                "geomap is another version (or was loaded before an upgrade); install this "
                "version there and restart the workers"
            )
        raise ClusterError(f"{error}{_and_more(failed)}")


def _and_more(workers: list[str]) -> str:
    """Says how many workers besides the first of ``workers`` (which an error names)."""
    more = len(workers) - 1
    return f" (and {more} more worker{'s' * (more > 1)})" if more else ""


def _distributed() -> Any:
    try:
        import distributed
        import distributed.comm
    except ImportError:
        raise ClusterError(
            "--engine dask needs dask.distributed: pip install 'geomap[dask]'"
        ) from None
    return distributed


def _on_cluster(
    articles: Iterable[Article],
    gazetteer: Gazetteer,
    recognize: Recognizer,
    scheduler: str,
    chunksize: int,
    events: bool,
) -> Generator[ArticleResult, None, None]:
    reader = _Reader(articles)
    client: Any = None  # connected at the first chunk
    pending: deque[Any] = deque()  # the futures of the chunks in flight, in input order
    window = 1
    recognizer: Any = None
    handed = 0  # results handed on, to say where a failure stopped
    size = 1
    try:
        while True:
            while len(pending) < window and (chunk := reader.take(size)):
                size = min(2 * size, chunksize)
                if client is None:
                    setup = setup_of(gazetteer)
                    client = connect(scheduler)
                    check_workers(client, setup, scheduler)
                    window = CHUNKS_PER_THREAD * max(1, sum(client.nthreads().values()))
                    # sent to each worker once, not with every task (a spaCy pipeline is
                    # megabytes); a worker that joins later fetches it from another
                    recognizer = client.scatter(recognize, broadcast=True, hash=False)
                pending.append(
                    client.submit(_parse_chunk, setup, recognizer, chunk, events, pure=False)
                )
            if not pending:
                break
            try:
                parsed = pending.popleft().result()
            except (Exception, CancelledError) as exc:  # the task itself never raises
                raise _cluster_failure(exc, scheduler, handed) from None
            yield from parsed.results
            handed += len(parsed.results)
            if parsed.failure is not None:
                raise parsed.failure.error from _RemoteTraceback(parsed.failure.trace)
    finally:
        if client is not None:
            try:
                client.cancel(list(pending))  # the queued chunks are not parsed for nothing
            finally:
                client.close()
    if reader.error is not None:
        raise reader.error


def _cluster_failure(exc: BaseException, scheduler: str, handed: int) -> ClusterError:
    """A one-line error for a chunk that the cluster could not parse (as opposed to an
    article that failed to parse, which the chunk's result carries)."""
    from distributed.scheduler import KilledWorker

    done = f"the first {handed} articles were processed, none after"
    if isinstance(exc, KilledWorker):
        return ClusterError(
            f"Dask workers kept dying while parsing (out of memory, or killed): {done}; "
            "run again, perhaps with more memory per worker"
        )
    if isinstance(exc, CancelledError):
        return ClusterError(
            f"the Dask scheduler at {scheduler} dropped the work (it stopped, or the "
            f"connection was lost): {done}; run again"
        )
    if isinstance(exc, ImportError):  # the task's code could not be loaded on the worker
        return ClusterError(
            f"a Dask worker could not load geomap ({exc}): install geomap, the same version "
            f"as here, where the workers run; {done}"
        )
    return ClusterError(f"the Dask cluster failed to parse ({type(exc).__name__}: {exc}); {done}")


#: In a worker process: the gazetteers opened for the setups seen, and who may open one.
_opened: dict[Setup, Gazetteer] = {}
_opening = threading.Lock()


def _parse_chunk(
    setup: Setup, recognize: Recognizer, articles: list[Article], events: bool = True
) -> _Chunk:
    """In a worker: the results of ``articles``, up to the first that fails."""
    from .pipeline import process

    results: list[ArticleResult] = []
    try:
        gazetteer = worker_gazetteer(setup)
        for article in articles:
            results.append(process(article, gazetteer, recognize, events=events))
    except Exception as exc:
        return _Chunk(results, _Failure(_picklable(exc), traceback.format_exc()))
    return _Chunk(results)


def _prepare(setup: Setup, dask_worker: Any = None) -> str | None:
    """In a worker, before the first task: what stops it parsing for ``setup``, if anything
    (``client.run`` passes the worker as ``dask_worker``)."""
    try:
        worker_gazetteer(setup, str(dask_worker.address) if dask_worker else None)
    except GeomapError as exc:
        return str(exc)
    return None


def worker_gazetteer(setup: Setup, address: str | None = None) -> Gazetteer:
    """The gazetteer for ``setup`` in this process, opened at the first call and kept
    (a worker's threads share it: it is read-only). ``address`` names this worker in an
    error (default: the worker running the current task)."""
    with _opening:
        gazetteer = _opened.get(setup)
        if gazetteer is None:
            gazetteer = _opened[setup] = _open_for(setup, address or _worker_address())
    return gazetteer


def _open_for(setup: Setup, address: str) -> Gazetteer:
    """Open ``setup``'s gazetteer here, or say why the worker at ``address`` (this
    process) cannot parse as the client."""
    from .gazetteer import Gazetteer

    where = f"the Dask worker {address}"
    if geomap_version() != setup.geomap:
        raise ClusterError(
            f"{where} runs geomap {geomap_version()}, the client geomap {setup.geomap}: "
            "install the same version on the workers as where geomap is run"
        )
    share = "or set GEOMAP_DATA_DIR for the workers to a shared folder that holds it"
    if setup.default:
        from .gazetteer_build import default_index_path
        from .gazetteer_import import imported_layers

        paths = [default_index_path(), *imported_layers()]
    else:
        paths = [Path(path) for path in setup.paths]
        share = "or make the client's --gazetteer path reach the same file there"
    try:
        gazetteer = Gazetteer(paths)
    except GazetteerError as exc:
        raise ClusterError(f"{where}: {exc} (on the worker's machine), {share}") from None
    if gazetteer.version != setup.gazetteer:
        gazetteer.close()
        raise ClusterError(
            f"{where} has another gazetteer than the client ({paths[0]}: version "
            f"{gazetteer.version}, not {setup.gazetteer}): build it there with the same "
            f"geomap and imports ('geomap gazetteer build'), {share}"
        )
    return gazetteer


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):  # not in a task on a Dask worker (a test, say)
        return "(not in a task)"
