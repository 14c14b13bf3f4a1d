"""Watch folders (and feeds) for new or changed articles and update when they settle.

Polling (portable, no extra dependency): every ``interval`` seconds the article files'
sizes and modification times are compared with the last look. A change is acted on once
the files have stayed the same for ``debounce`` seconds, so a file still being copied, or
a batch arriving over several seconds, gives one update, not many. Each update is given
the files that changed since the last one that succeeded (all of them the first time), so
that its reading costs what arrived, not the whole folder. Feed addresses are read at
the start and every ``feed_interval`` seconds (politely: an unchanged feed costs its
server a 304).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .articles import source_files
from .errors import GeomapError

Snapshot = dict[str, tuple[int, int]]


def snapshot(sources: Sequence[str | Path]) -> Snapshot:
    """Per article file under ``sources``: its modification time (ns) and size."""
    found: Snapshot = {}
    for path in source_files(sources):
        try:
            stat = path.stat()
        except OSError:  # removed between listing and looking
            continue
        found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def watch(
    sources: Sequence[str | Path],
    on_change: Callable[[list[str]], None],
    *,
    interval: float = 2.0,
    debounce: float = 3.0,
    feed_interval: float = 300.0,
    say: Callable[[str], None] = lambda message: None,
    keep_going: Callable[[], bool] = lambda: True,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Call ``on_change`` with the article files that are new or changed, at the start
    (every file) and after every settled change, and with the feed addresses among
    ``sources`` at the start and every ``feed_interval`` seconds; return how many times it
    ran. Runs until ``keep_going`` says no (or Ctrl-C). A :class:`GeomapError` from
    ``on_change`` (a malformed article, say) is reported, its files are given again with
    the next change, and watching goes on (a feed that could not be reached is reported by
    the update and asked again at the next poll)."""
    from .sources import is_url

    addresses = [str(s) for s in sources if is_url(str(s))]
    folders = [s for s in sources if not is_url(str(s))]
    runs = 0
    handled: Snapshot | None = None
    pending: set[str] = set()  # files of an update that failed
    seen: Snapshot | None = None
    changed_at = clock()
    next_poll = clock()  # the feeds are read at the start
    told_empty = False
    while keep_going():
        current = snapshot(folders)
        if current != seen:
            seen, changed_at = current, clock()
        files: list[str] = []
        if current != handled and clock() - changed_at >= debounce:
            changed = {
                path for path, stamp in current.items() if (handled or {}).get(path) != stamp
            }
            handled = current
            files = sorted((changed | pending) & current.keys())
            if not current and folders and not addresses and not told_empty:
                say("no article files yet; waiting")
                told_empty = True
        due = bool(addresses) and clock() >= next_poll
        if due:
            next_poll = clock() + feed_interval
        if files or due:
            batch = files + (addresses if due else [])
            pending = set()
            runs += 1
            try:
                on_change(batch)
            except GeomapError as exc:
                pending = set(files)
                say(f"error: {exc}; watching on")
        sleep(interval)
    return runs
