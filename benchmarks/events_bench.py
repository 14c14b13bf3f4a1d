"""Event extraction against the gold events of the project's seed articles.

    python benchmarks/events_bench.py [--gold tests/data/seed_events.gold.jsonl] [SEEDS_DIR]

Prints precision, recall and F1 on event type and place (one-to-one), the share of matched
events dated right (gold dates only) and of certainties right; then, when ../shared/seeds is
there, the events the pipeline finds in the real seed articles, for reading.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from geomap.articles import read_file
from geomap.evaluate import read_gold_events, score_events
from geomap.gazetteer import Gazetteer
from geomap.pipeline import process

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", default=ROOT / "seeds", type=Path)
    parser.add_argument("--gold", default=ROOT / "tests/data/seed_events.gold.jsonl", type=Path)
    args = parser.parse_args()
    gazetteer = Gazetteer.open()
    started = time.perf_counter()
    predicted = {
        path.name: [e for a in read_file(path) for e in process(a, gazetteer).events]
        for path in sorted(args.seeds.glob("*.txt"))
    }
    elapsed = time.perf_counter() - started
    scores = score_events(predicted, read_gold_events(args.gold))
    print(json.dumps({**scores.as_dict(), "seconds": round(elapsed, 3)}, indent=2))
    shared = ROOT.parent / "shared" / "seeds"
    if shared.is_dir():
        print("\nreal seeds (../shared/seeds):")
        for path in sorted(shared.glob("*.txt")):
            for article in read_file(path):
                for e in process(article, gazetteer).events:
                    if e.event_type == "statement":
                        continue
                    place = e.place.name if e.place else "-"
                    print(
                        f"  {e.event_date} p{e.time_precision} {e.event_type:16} "
                        f"{place[:32]:32} {e.place_role:4} {e.certainty:8} {e.actor1 or '-'}"
                    )


if __name__ == "__main__":
    main()
