"""Measure the compiled gazetteer: open time, memory, and candidate lookup speed.

Usage: python benchmarks/gazetteer_bench.py [--names N] [--runs R]

Each run is a fresh Python process, so the open time and RSS are a cold start of the index
(files may be in the OS page cache). Lookups are measured cold (first time a name is asked
in the process) and warm (cached), over names drawn at random from the index itself (any
script) plus names that are not places, and separately over ASCII names only (what English
news asks). This machine's timings vary by tens of percent between runs, so the median and
the best of R runs are printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, random, resource, sqlite3, sys, time
t0 = time.perf_counter()
from geomap.gazetteer import Gazetteer
from geomap.gazetteer_build import default_index_path
path = default_index_path()
t1 = time.perf_counter()
gaz = Gazetteer(path)
t2 = time.perf_counter()
rss_open = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
db = sqlite3.connect(path)
all_keys = [k for (k,) in db.execute("SELECT key FROM names")]
random.seed(int(sys.argv[2]))
count = int(sys.argv[1])
names = random.sample(all_keys, count) + [f"notaplace{i}" for i in range(count // 4)]
random.shuffle(names)
ascii_names = random.sample([k for k in all_keys if k.isascii()], count)
del all_keys
t3 = time.perf_counter()
for name in names:
    gaz.candidates(name)
t4 = time.perf_counter()
for name in names:
    gaz.candidates(name)
t5 = time.perf_counter()
for name in ascii_names:
    gaz.candidates(name)
t5b = time.perf_counter()
has_names = [n + "x" for n in names]
t6 = time.perf_counter()
for name in has_names:
    gaz.has(name)
t7 = time.perf_counter()
print(json.dumps({
    "index": str(path),
    "import_s": round(t1 - t0, 4),
    "open_s": round(t2 - t1, 4),
    "rss_after_open_mb": round(rss_open, 1),
    "lookups": len(names),
    "candidates_cold_us": round((t4 - t3) / len(names) * 1e6, 2),
    "candidates_warm_us": round((t5 - t4) / len(names) * 1e6, 2),
    "candidates_ascii_cold_us": round((t5b - t5) / len(ascii_names) * 1e6, 2),
    "has_cold_us": round((t7 - t6) / len(names) * 1e6, 2),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=20000, help="names to look up per run")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes to run")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "geomap", "gazetteer", "build", "-q"], check=True)
    runs = []
    for seed in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(args.names), str(seed)],
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(out.stdout))
    print(f"{'':>26}  {'median':>10} {'best':>10}")
    for key, value in runs[0].items():
        if isinstance(value, str):
            print(f"{key:>26}: {value}")
            continue
        values = sorted(run[key] for run in runs)
        print(f"{key:>26}: {statistics.median(values):>10} {values[0]:>10}")


if __name__ == "__main__":
    main()
