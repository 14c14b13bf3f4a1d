"""Machine instructions per article for geoparsing, counted by valgrind: a speed figure that
does not drift with the machine.

Usage: python benchmarks/geoparse_instructions.py [--corpora DIR] [--articles N]

Wall-clock speed on a shared machine drifts by a fifth from one minute to the next, too much
to tell whether a change of a few per cent helped. Instructions counted by valgrind's
cachegrind repeat to within 0.1%: this script parses the first N LGL articles (cold: caches
emptied) in two passes under valgrind, subtracts a run that only loads (gazetteer, corpus,
lexicons), and prints instructions per article for the geomap that ``import geomap`` finds
(run it with the interpreter of the build to measure: compiled or pure Python). Needs
valgrind (``apt-get install valgrind``); a run takes about half a minute.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSES = 2
#: Articles parsed before counting, so that lexicons loaded on first use are not counted.
WARM_UP = 20


def _parse(corpus: Path, articles: int, passes: int) -> None:
    from geomap.evaluate import read_corpus
    from geomap.gazetteer import Gazetteer
    from geomap.pipeline import mentions_of
    from geomap.resolve import clear_cache

    gazetteer = Gazetteer.open()
    texts = [item.article for item in read_corpus(corpus)][:articles]
    for article in texts[:WARM_UP]:
        mentions_of(article, gazetteer)
    for _ in range(passes):
        gazetteer.clear_cache()
        clear_cache()
        for article in texts:
            mentions_of(article, gazetteer)


def _count(corpus: Path, articles: int, passes: int) -> int:
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        str(passes),
        "--corpora",
        str(corpus.parent),
        "--articles",
        str(articles),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        sys.exit(f"valgrind printed no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--articles", type=int, default=300, help="LGL articles per pass")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    corpus = Path(args.corpora) / "lgl.xml"
    if not corpus.is_file():
        sys.exit(f"{corpus} not found (the corpora live in ../shared/corpora)")
    if args.child is not None:
        _parse(corpus, args.articles, args.child)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind not found: apt-get install valgrind")
    import geomap.model
    from geomap.gazetteer import Gazetteer

    Gazetteer.open().close()  # built first if need be, not under valgrind
    build = "compiled (mypyc)" if geomap.model.COMPILED else "pure Python"
    loading = _count(corpus, args.articles, 0)
    parsing = _count(corpus, args.articles, PASSES)
    per_article = (parsing - loading) / (PASSES * args.articles)
    print(f"{build}: {per_article / 1e6:.2f} million instructions per LGL article (cold)")


if __name__ == "__main__":
    main()
