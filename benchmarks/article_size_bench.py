"""Parsing time and memory against one article's length: every stage must be linear.

One article is made of synthetic sentences (``update_bench``'s, from gazetteer towns
worldwide: advances, withdrawals, shelling, bridges, dates, officials), 100 KB to 1.6 MB,
and parsed (recognition, resolution, events) in a fresh process per size, which prints its
time and peak RSS. A linear pipeline keeps the seconds per 100 KB flat. The default
``--max-article-bytes`` (5 MB) skips anything larger.

    python benchmarks/article_size_bench.py [--sizes 100,200,400,800,1600]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def one(size_kb: int) -> dict[str, float]:
    """Make and parse one article of ``size_kb`` KB (run in a child process)."""
    sys.path.insert(0, str(HERE))
    import datetime as dt

    from update_bench import articles

    from geomap.gazetteer import Gazetteer
    from geomap.model import Article
    from geomap.pipeline import process

    gazetteer = Gazetteer.open()
    parts, size = [], 0
    for record in articles(gazetteer, 100_000, 0):
        parts.append(record["text"])
        size += len(record["text"]) + 2
        if size >= size_kb * 1000:
            break
    text = "\n\n".join(parts)[: size_kb * 1000]
    article = Article(id="long", text=text, date=dt.date(2022, 12, 31))
    started = time.perf_counter()
    result = process(article, gazetteer)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "kb": size_kb,
        "seconds": round(seconds, 2),
        "seconds_per_100kb": round(seconds / size_kb * 100, 3),
        "mentions": len(result.mentions),
        "events": len(result.events),
        "peak_rss_mb": round(peak, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200,400,800,1600")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    print(f"{'KB':>6} {'seconds':>8} {'s/100KB':>8} {'mentions':>9} {'events':>7} {'peak MB':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        output = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        row = json.loads(output)
        print(
            f"{row['kb']:>6} {row['seconds']:>8} {row['seconds_per_100kb']:>8} "
            f"{row['mentions']:>9} {row['events']:>7} {row['peak_rss_mb']:>8}"
        )


if __name__ == "__main__":
    main()
