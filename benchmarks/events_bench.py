"""Event extraction against gold events: the project's seeds, and the events development set.

    python benchmarks/events_bench.py [--gold tests/data/seed_events.gold.jsonl] [SEEDS_DIR]
                                      [--no-dev] [--errors]

1. The project's own seed articles against ``tests/data/seed_events.gold.jsonl``: precision,
   recall and F1 on event type and place (one-to-one), the share of matched events dated
   right (gold dates only) and of certainties right.
2. When ``../shared/events-dev`` is there (developers and CI have it): its scorer on this
   checkout (38 real articles from 11 theatres: events, dates, certainty, acting side,
   control, literal-only geoparsing), its per-type table and the SUMMARY line. These are
   development figures: the rules were written against these articles.
3. When ``../shared/seeds`` is there: the events found in the real seed articles, for reading.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from geomap.articles import read_file
from geomap.evaluate import read_gold_events, score_events
from geomap.gazetteer import Gazetteer
from geomap.pipeline import process

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", default=ROOT / "seeds", type=Path)
    parser.add_argument("--gold", default=ROOT / "tests/data/seed_events.gold.jsonl", type=Path)
    parser.add_argument("--no-dev", action="store_true", help="skip ../shared/events-dev")
    parser.add_argument("--errors", action="store_true", help="list events-dev errors too")
    args = parser.parse_args()
    gazetteer = Gazetteer.open()
    started = time.perf_counter()
    predicted = {
        path.name: [e for a in read_file(path) for e in process(a, gazetteer).events]
        for path in sorted(args.seeds.glob("*.txt"))
    }
    elapsed = time.perf_counter() - started
    scores = score_events(predicted, read_gold_events(args.gold))
    print("seeds (tests/data/seed_events.gold.jsonl):")
    print(json.dumps({**scores.as_dict(), "seconds": round(elapsed, 3)}, indent=2))
    scorer = SHARED / "events-dev" / "score.py"
    if not args.no_dev and scorer.is_file():
        print("\nevents-dev (development figures, in-sample):", flush=True)
        command = [sys.executable, str(scorer), "--geomap", str(ROOT)]
        if args.errors:
            command.append("--errors")
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        lines = output.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("TOTAL"))
        print("\n".join(lines[start:] if not args.errors else lines))
    real = SHARED / "seeds"
    if real.is_dir():
        print("\nreal seeds (../shared/seeds):")
        for path in sorted(real.glob("*.txt")):
            for article in read_file(path):
                for e in process(article, gazetteer).events:
                    if e.event_type == "statement":
                        continue
                    place = e.place.name if e.place else "-"
                    print(
                        f"  {e.event_date} p{e.time_precision} {e.event_type:16} "
                        f"{place[:32]:32} {e.place_role:4} {e.certainty:8} "
                        f"{e.actor1_side or '-':5} x{e.report_count}"
                    )


if __name__ == "__main__":
    main()
