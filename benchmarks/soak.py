"""Soak: many articles through ``geomap update`` in batches, as a newsroom's backfill.

Each batch of new synthetic articles (``update_bench``'s generator: gazetteer towns
worldwide, four event sentences each, dated over 2022) arrives in a folder of its own and
is added to one store by ``geomap update BATCH_FOLDER`` in a fresh process, which reports
its wall time, its parsing time and its peak RSS. Memory must stay flat from batch to
batch. Publishing rewrites the chunks a batch touched: with articles dated over a year and
towns drawn worldwide, that is every day and most countries, so publishing grows with
the store here; the front line and bridges are recomputed from all control claims.

    python benchmarks/soak.py [--batches 10] [--size 5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def one_batch(feed: Path, out: Path) -> dict[str, float]:
    """Run one update (in this process) and measure it."""
    from geomap.gazetteer import Gazetteer
    from geomap.pipeline import update

    marks: list[float] = []
    with Gazetteer.open() as gazetteer:
        began = time.perf_counter()
        summary = update(
            [feed],
            out / "geomap.sqlite",
            out,
            gazetteer,
            progress=lambda done, total, name: marks.append(time.perf_counter()),
        )
        total = time.perf_counter() - began
    from geomap.store import Store

    with Store(out / "geomap.sqlite") as store:
        stored = len(store.article_paths())
    return {
        "stored": stored,
        "parsed": summary.parsed,
        "seconds": round(total, 1),
        "parse_seconds": round((marks[-1] - began) if marks else 0.0, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "events": summary.events,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="keep the feed and outputs here")
    parser.add_argument("--one", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_batch(*args.one)))
        return
    sys.path.insert(0, str(HERE))
    from update_bench import articles, write_feed

    from geomap.gazetteer import Gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        feed, out = root / "feed", root / "out"
        print(
            f"{'batch':>5} {'stored':>8} {'new':>6} {'total s':>8} {'parse s':>8} "
            f"{'publish s':>9} {'ms/new article':>14} {'peak MB':>8} {'store MB':>9}"
        )
        for batch in range(args.batches):
            folder = feed / f"batch_{batch:03d}"
            with Gazetteer.open() as gazetteer:
                write_feed(folder, articles(gazetteer, args.size, batch * args.size))
            row = json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--one", str(folder), str(out)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            store_mb = (out / "geomap.sqlite").stat().st_size / 1e6
            print(
                f"{batch + 1:>5} {row['stored']:>8,} {row['parsed']:>6,} {row['seconds']:>8} "
                f"{row['parse_seconds']:>8} {row['seconds'] - row['parse_seconds']:>9.1f} "
                f"{1000 * row['seconds'] / max(1, row['parsed']):>14.1f} "
                f"{row['peak_rss_mb']:>8} {store_mb:>9.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
