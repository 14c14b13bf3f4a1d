"""`geomap update` on 10,000 synthetic articles, then again with 100 new ones.

The articles are made from the gazetteer: towns of every continent with their region,
in sentences that report advances, withdrawals, shelling and destroyed bridges, dated over
a year, 1,000 per JSON Lines file. The issue asks that the second run cost in proportion
to the 100 new articles, not the 10,000 stored: the figures split each run into parsing
(new articles only) and publishing (maps and GeoJSON of the whole store). Publishing reuses
the parts of the outputs kept in the store (see geomap/publish.py) and makes only those of
the new articles; the last line publishes the same store once more with the kept parts
dropped, which is what the second run's publishing would cost without them.

    python benchmarks/update_bench.py [--articles 10000] [--new 100] [--offline]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from geomap.gazetteer import Gazetteer
from geomap.output import OutputDir
from geomap.pipeline import MapOptions, update, write_outputs
from geomap.publish import code_version
from geomap.store import Store

TEMPLATES = (
    "Government forces entered {a} on {day}, officials in {region} said.",
    "Rebel units withdrew from {a} towards {b} after a week of fighting.",
    "Shelling hit {a} overnight; residents of {b} reported power cuts.",
    "Two bridges near {a} were destroyed, cutting the road to {b}.",
    "Aid agencies said food was running short in {b}.",
    "Police in {a} said the situation was calm on {day}.",
)


def articles(gazetteer: Gazetteer, count: int, start: int, seed: int = 11):
    """``count`` JSON Lines records, ids from ``start``."""
    rng = random.Random(seed + start)
    world = (-180.0, -60.0, 180.0, 75.0)
    towns = list(gazetteer.places_in(world, "city", "town", min_population=20_000, limit=20_000))
    first_day = dt.date(2022, 1, 1)
    for number in range(start, start + count):
        a, b = rng.sample(towns, 2)
        day = first_day + dt.timedelta(days=rng.randrange(365))
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


def timed_update(sources: Path, store: Path, out: Path, gazetteer: Gazetteer, offline: bool):
    marks: list[float] = []
    began = time.perf_counter()
    summary = update(
        [sources],
        store,
        out,
        gazetteer,
        progress=lambda done, total, name: marks.append(time.perf_counter()),
        map_options=MapOptions(offline=offline),
    )
    total = time.perf_counter() - began
    parsed_by = (marks[-1] - began) if marks else 0.0
    return summary, total, parsed_by


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--offline", action="store_true")
    args = parser.parse_args()
    with Gazetteer.open() as gazetteer, tempfile.TemporaryDirectory() as tmp:
        feed, out = Path(tmp) / "feed", Path(tmp) / "out"
        store = out / "geomap.sqlite"
        write_feed(feed, articles(gazetteer, args.articles, 0))
        print(
            f"{'run':<24}{'articles':>9}{'parsed':>8}{'total s':>9}{'parse s':>9}{'publish s':>10}"
        )
        for label, extra in (("first", 0), ("second (+new)", args.new), ("third (nothing new)", 0)):
            if extra:
                write_feed(feed, articles(gazetteer, extra, args.articles))
            summary, total, parsed_by = timed_update(feed, store, out, gazetteer, args.offline)
            print(
                f"{label:<24}{summary.articles:>9,}{summary.parsed:>8,}{total:>9.1f}"
                f"{parsed_by:>9.1f}{total - parsed_by:>10.1f}"
            )
        with Store(store) as opened:
            opened.drop_parts(code_version())
            began = time.perf_counter()
            write_outputs(
                opened, OutputDir(out, overwrite=True), gazetteer, MapOptions(args.offline)
            )
            again = time.perf_counter() - began
        print(f"{'publish, parts dropped':<24}{'':>9}{'':>8}{again:>9.1f}{'':>9}{again:>10.1f}")
        size = store.stat().st_size / 1e6
        html = (out / "index.html").stat().st_size / 1e6
        print(f"store {size:.1f} MB; {summary.events:,} events; map {html:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
