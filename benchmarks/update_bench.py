"""What adding 100 new articles costs as the store grows: 2,000, 20,000, 200,000 stored.

The articles are made from the gazetteer: towns of every continent with their region, in
sentences that report advances, withdrawals, shelling and destroyed bridges, dated over
2022, 1,000 per JSON Lines file. The store is grown to each size with ``geomap update``,
then ``--new`` articles (new reporting: dated in the last fortnight of the year, naming
towns anywhere as the stored ones do, or in the box ``--new-in``: one war's reporting)
are added by ``geomap update NEW.jsonl --out OUT`` in a fresh process, ``--repeat``
times; the table gives the median wall time and peak RSS of those processes, how many
files they wrote and how many bytes. Publishing writes only the chunks an update touched
(see geomap/publish.py): the latest chunk of each day the new events fall on, the drawn
parts of the ten-degree squares of the places the new articles name, and the quotes and
article rows of their one-degree tiles (towns drawn worldwide touch most squares and a few
hundred tiles; one war's, a few squares); the claims and front line features are made for
the new articles and the places they touch (geomap/layers.py).

    python benchmarks/update_bench.py [--sizes 2000,20000,200000] [--new 100] [--repeat 3]
        [--keep DIR] [--offline] [--new-in 22,44,41,53] [--store postgresql://...]

With ``--keep DIR`` the grown store is kept in DIR (``DIR/feed``, ``DIR/out``) and grown
further, not rebuilt, by the next run: growing to 200,000 takes about half an hour here.
With ``--store URL`` the store is that PostgreSQL database (see geomap/store/postgis.py);
the outputs stay in DIR/out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geomap.gazetteer import Gazetteer
from geomap.store import Store

TEMPLATES = (
    "Government forces entered {a} on {day}, officials in {region} said.",
    "Rebel units withdrew from {a} towards {b} after a week of fighting.",
    "Shelling hit {a} overnight; residents of {b} reported power cuts.",
    "Two bridges near {a} were destroyed, cutting the road to {b}.",
    "Aid agencies said food was running short in {b}.",
    "Police in {a} said the situation was calm on {day}.",
)
#: New reporting is dated after what is stored: the last fortnight of 2022.
NEW_FROM = dt.date(2022, 12, 18)


WORLD = (-180.0, -60.0, 180.0, 75.0)


def articles(
    gazetteer: Gazetteer,
    count: int,
    start: int,
    seed: int = 11,
    new: bool = False,
    box: tuple[float, float, float, float] = WORLD,
):
    """``count`` JSON Lines records, ids from ``start``, naming towns in ``box`` (west,
    south, east, north); dated over 2022, or with ``new`` in its last fortnight."""
    rng = random.Random(seed + start)
    towns = list(gazetteer.places_in(box, "city", "town", min_population=20_000, limit=20_000))
    first_day, days = (NEW_FROM, 14) if new else (dt.date(2022, 1, 1), 365)
    for number in range(start, start + count):
        a, b = rng.sample(towns, 2)
        day = first_day + dt.timedelta(days=rng.randrange(days))
        sentences = [
            template.format(
                a=a.name, b=b.name, region=a.admin1 or a.name, day=f"{day:%B} {day.day}"
            )
            for template in rng.sample(TEMPLATES, 4)
        ]
        yield {
            "id": f"synthetic-{number:06d}",
            "date": day.isoformat(),
            "title": f"Report {number}",
            "text": " ".join(sentences),
        }


def write_feed(folder: Path, records, per_file: int = 1000) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    batch: list[str] = []
    files = len(list(folder.glob("*.jsonl")))
    for record in records:
        batch.append(json.dumps(record))
        if len(batch) == per_file:
            (folder / f"feed_{files:04d}.jsonl").write_text("\n".join(batch) + "\n")
            files, batch = files + 1, []
    if batch:
        (folder / f"feed_{files:04d}.jsonl").write_text("\n".join(batch) + "\n")


def geomap_update(
    sources: list[Path], out: Path, offline: bool, store: str | None = None
) -> dict[str, float]:
    """``geomap update SOURCES --out OUT [--store STORE]`` in a fresh process: its wall
    time, peak RSS, and the files and bytes it wrote."""
    before = _files(out)
    command = [sys.executable, "-m", "geomap", "update", *map(str, sources), "--out", str(out)]
    command += ["--store", store] if store else []
    command += ["-q", "--wait"] + (["--offline"] if offline else [])
    began = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    if status:
        raise SystemExit(f"geomap update failed: {process.stderr.read().decode()}")
    after = _files(out)
    changed = [name for name, stamp in after.items() if before.get(name) != stamp]
    return {
        "seconds": seconds,
        "peak_mb": usage.ru_maxrss / 1024,
        "files": len(changed),
        "mb_written": sum(after[name][0] for name in changed) / 1e6,
    }


def _files(out: Path) -> dict[str, tuple[int, int]]:
    """(size, modification time) of the outputs in ``out`` (not the store)."""
    if not out.is_dir():
        return {}
    return {
        str(p.relative_to(out)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file() and ".sqlite" not in p.name and not p.name.startswith(".")
    }


def stored(out: Path, url: str | None = None) -> tuple[int, float]:
    """How many articles the store holds, and its size in MB."""
    path = out / "geomap.sqlite"
    if not url and not path.exists():
        return 0, 0.0
    with Store(url or path) as store:
        return store.article_count(), store.stats()["size_bytes"] / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000,200000")
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the grown store here (and reuse it)")
    parser.add_argument("--offline", action="store_true")
    parser.add_argument("--store", help="a PostgreSQL store's URL instead of OUT/geomap.sqlite")
    parser.add_argument(
        "--new-in",
        default=",".join(map(str, WORLD)),
        help="west,south,east,north: the new articles name towns in this box (default: the "
        "world; 22,44,41,53 is Ukraine: new reporting of one war)",
    )
    args = parser.parse_args()
    box = tuple(float(x) for x in args.new_in.split(","))
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        feed, out, new = root / "feed", root / "out", root / "new"
        print(
            f"{'stored':>8} {'grown in s':>10} {'add':>4} {'median s':>9} {'runs s':>16} "
            f"{'peak MB':>8} {'files':>6} {'MB written':>10} {'store MB':>9}",
            flush=True,
        )
        for size in sizes:
            have, _ = stored(out, args.store)
            grown = 0.0
            if have < size:
                in_feed = sum(len(f.read_text().splitlines()) for f in feed.glob("*.jsonl"))
                with Gazetteer.open() as gazetteer:
                    write_feed(feed, articles(gazetteer, size - have, in_feed))
                began = time.perf_counter()
                geomap_update([feed], out, args.offline, args.store)
                grown = time.perf_counter() - began
            # a store kept from an earlier run may hold parts another geomap made: made
            # again here, by an update with nothing new, not counted
            geomap_update([sorted(feed.glob("*.jsonl"))[0]], out, args.offline, args.store)
            runs = []
            for _ in range(args.repeat):
                with Gazetteer.open() as gazetteer:
                    first = 1_000_000 + len(list(new.glob("*.jsonl"))) * args.new
                    batch = new / f"new_{first}.jsonl"
                    new.mkdir(parents=True, exist_ok=True)
                    batch.write_text(
                        "".join(
                            json.dumps(r) + "\n"
                            for r in articles(gazetteer, args.new, first, new=True, box=box)
                        )
                    )
                runs.append(geomap_update([batch], out, args.offline, args.store))
            seconds = [run["seconds"] for run in runs]
            count, store_mb = stored(out, args.store)
            print(
                f"{count - args.new * args.repeat:>8,} {grown:>10.0f} {args.new:>4} "
                f"{statistics.median(seconds):>9.2f} "
                f"{' '.join(f'{s:.1f}' for s in seconds):>16} "
                f"{statistics.median(r['peak_mb'] for r in runs):>8.0f} "
                f"{statistics.median(r['files'] for r in runs):>6.0f} "
                f"{statistics.median(r['mb_written'] for r in runs):>10.1f} {store_mb:>9.0f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
