"""Measure the compiled gazetteer: open time, memory, and candidate lookup speed.

Usage: python benchmarks/gazetteer_bench.py [--names N]

Each figure is measured in a fresh Python process, so the open time and RSS are a cold
start of the index (files may be in the OS page cache). Lookups are measured cold (first
time a name is asked) and warm (cached), over names drawn from the index itself plus
names that are not places.
"""

from __future__ import annotations

import argparse
import json
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
random.seed(7)
names = random.sample(all_keys, int(sys.argv[1])) + [f"notaplace{i}" for i in range(int(sys.argv[1]) // 4)]
random.shuffle(names)
del all_keys
t3 = time.perf_counter()
for name in names:
    gaz.candidates(name)
t4 = time.perf_counter()
for name in names:
    gaz.candidates(name)
t5 = time.perf_counter()
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
    "has_cold_us": round((t7 - t6) / len(names) * 1e6, 2),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=20000, help="names to look up")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "geomap", "gazetteer", "build", "-q"], check=True)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(args.names)], check=True, capture_output=True, text=True
    )
    figures = json.loads(out.stdout)
    for key, value in figures.items():
        print(f"{key:>22}: {value}")


if __name__ == "__main__":
    main()
