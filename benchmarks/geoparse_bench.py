"""Geoparsing accuracy and speed on the LGL and GeoVirus corpora (from ../shared/corpora).

Usage: python benchmarks/geoparse_bench.py [--corpora DIR] [--repeat N] [--demonyms]
                                          [--ner spacy --ner-model NAME]

For each corpus, in one process: load the gazetteer (timed apart), parse every article end to
end from raw text (recognition and resolution), score with geomap.evaluate, and report the
metrics, articles per second (best and median of N passes, caches cleared between passes)
and peak RSS. The best pass is the figure to compare: a shared machine's speed drifts by a
fifth or more from one second to the next, and a slow pass measures the neighbours.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--repeat", type=int, default=5, help="timed passes per corpus")
    parser.add_argument("--demonyms", action="store_true", help="score demonyms too (as LGL)")
    parser.add_argument("--ner", default="gazetteer", choices=["gazetteer", "spacy"])
    parser.add_argument("--ner-model", default=None, help="spaCy pipeline for --ner spacy")
    args = parser.parse_args()
    folder = Path(args.corpora)
    files = [folder / "lgl.xml", folder / "GeoVirus.xml"]
    if not all(f.is_file() for f in files):
        sys.exit(f"corpora not found in {folder} (they live in ../shared/corpora)")

    from geomap.evaluate import DEFAULT_ROLES, evaluate, read_corpus
    from geomap.gazetteer import Gazetteer
    from geomap.ner import recognizer
    from geomap.pipeline import mentions_of
    from geomap.resolve import clear_cache as clear_resolution_cache

    recognize = recognizer(args.ner, args.ner_model)
    roles = (*DEFAULT_ROLES, "demonym") if args.demonyms else DEFAULT_ROLES

    started = time.perf_counter()
    gaz = Gazetteer.open()
    import geomap.extract

    compiled = not geomap.extract.__file__.endswith(".py")
    print(
        f"gazetteer load: {time.perf_counter() - started:.3f} s; recogniser: {args.ner}; "
        f"modules: {'compiled (mypyc)' if compiled else 'pure Python'}"
    )
    print(
        f"{'corpus':<10} {'recF1 ex':>8} {'recF1 ov':>8} {'acc161':>7} {'AUC':>6} "
        f"{'medkm':>7} {'e2e P':>6} {'e2e R':>6} {'e2e F1':>6} {'docs/s':>7} {'median':>7}"
    )
    for path in files:
        corpus = read_corpus(path)
        best = None
        speeds = []
        for _ in range(args.repeat):
            gaz.clear_cache()
            clear_resolution_cache()
            scores = evaluate(
                corpus, lambda a: mentions_of(a, gaz, recognize), roles=roles
            ).as_dict()
            speeds.append(scores["docs_per_second"])
            if best is None or scores["docs_per_second"] > best["docs_per_second"]:
                best = scores
        r, e = best["resolution"], best["end_to_end"]
        words = sum(len(item.article.text.split()) for item in corpus) / len(corpus)
        print(
            f"{path.stem:<10} {best['exact']['f1']:8.3f} {best['overlap']['f1']:8.3f} "
            f"{r['acc161']:7.3f} {r['auc']:6.3f} {r['median_km']:7.1f} "
            f"{e['precision']:6.3f} {e['recall']:6.3f} {e['f1']:6.3f} "
            f"{best['docs_per_second']:7.0f} {statistics.median(speeds):7.0f}   "
            f"({words:.0f} words/article)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
