"""Ukrainian and Russian: recognition, end to end, events, speed and language detection.

    python benchmarks/langs_bench.py [--shared ../shared] [--runs 3] [--detectors]

Development figures (in-sample): the development splits in ``../shared`` are read by path,
never copied. It runs

- ``langs-dev/score.py`` on the NER corpora (NER-UK, factRuEval-2016): location recognition
  overlap F1 and the share of matched names resolved (NER-UK without geomap's modifiers,
  which it does not mark as places; the figure with every role is shown beside it);
- ``langnews-dev/score.py`` on the real uk/ru war news: end-to-end F1@161 and events F1;
- speed over the two NER corpora, medians of ``--runs`` fresh processes on one core:
  ``geomap parse --workers 1`` as a command (start-up included), and in process, by
  ``geomap.parallel.parse_all``, a first pass (every word form new to the process; the
  models loaded before) and a second over the same articles (forms cached), in articles/s
  and words/s, with the peak RSS: as ``geomap parse`` parses (place names only, "parse
  first"...) and as ``geomap run`` and ``update`` do (events too, "first"...);
- with ``--natasha``, the same for Russian with ``--ner natasha`` (natasha installed);
- with ``--detectors``, the language detectors on single sentences of the three languages
  (Ukrainian and Russian from the NER corpora, English from events-dev): accuracy and time
  (lingua is measured only when installed).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUMMARY = re.compile(r"^SUMMARY .*$", re.M)
OVERLAP_F1 = re.compile(r"overlap_f1=[\d.]+")
#: Corpora that do not mark places inside names of bodies ("Господарський суд Одеської
#: області": no place in NER-UK, by its guide); geomap gives such places the role
#: "modifier", so they are left out of the score there. factRuEval marks them ("мэрия
#: Москвы"): every role counts.
MODIFIERS_UNMARKED = ("uk",)


def run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return done.stdout


def ner_scores(
    shared: Path, work: Path, ner: list[str], langs: tuple[str, ...] = ("uk", "ru")
) -> dict[str, str]:
    lines = {}
    for lang in langs:
        corpus = shared / "langs-dev" / f"{lang}.dev.jsonl"
        given = work / f"{lang}.in.jsonl"
        run([sys.executable, str(shared / "langs-dev" / "to_input.py"), str(corpus), str(given)])
        predicted = work / f"{lang}.out.jsonl"
        predicted.write_text(run(["geomap", "parse", str(given), "--format", "jsonl", *ner]))
        scorer = [
            sys.executable,
            str(shared / "langs-dev" / "score.py"),
            str(corpus),
            str(predicted),
        ]
        if lang in MODIFIERS_UNMARKED:
            line = SUMMARY.findall(run([*scorer, "--roles", "location,metonym"]))[-1]
            every = SUMMARY.findall(run(scorer))[-1]
            overlap = OVERLAP_F1.search(every)
            shown = overlap.group() if overlap else every
            lines[lang] = f"{line} (roles location,metonym; every role: {shown})"
        else:
            lines[lang] = SUMMARY.findall(run(scorer))[-1]
    return lines


def news_score(shared: Path, geomap: str = "geomap") -> str:
    out = run([sys.executable, str(shared / "langnews-dev" / "score.py"), "--geomap", geomap])
    return SUMMARY.findall(out)[-1]


#: The scorer runs ``geomap parse`` and ``geomap run``: this stand-in adds ``--ner natasha``.
NATASHA_GEOMAP = """#!/bin/sh
command="$1"; shift
case "$command" in parse|run) exec geomap "$command" "$@" --ner natasha;; esac
exec geomap "$command" "$@"
"""


def natasha(shared: Path, work: Path, runs: int) -> None:
    """natasha's NER for Russian against the rules: the NER corpus, the war news, speed."""
    (line,) = ner_scores(shared, work, ["--ner", "natasha"], ("ru",)).values()
    print(f"NER ru, --ner natasha: {line}")
    stand_in = work / "geomap-natasha"
    stand_in.write_text(NATASHA_GEOMAP)
    stand_in.chmod(0o755)
    print(f"news, --ner natasha (Russian articles): {news_score(shared, str(stand_in))}")
    given = work / "ru.in.jsonl"
    children = [
        json.loads(run([sys.executable, __file__, "--child", str(given), "--child-ner", "natasha"]))
        for _ in range(runs)
    ]
    shown = ", ".join(
        f"{key} {statistics.median(c[key] for c in children):,.0f}" for key in children[0]
    )
    print(f"speed ru, --ner natasha (one core, medians of {runs}): {shown}")


def speed(work: Path, runs: int) -> dict[str, dict[str, float]]:
    """Per language, medians over ``runs`` fresh processes: the command's articles/s
    (start-up included), and in process the first pass (each word form analysed for the
    first time) and a second pass over the same articles (forms cached), with words/s and
    the peak RSS."""
    figures = {}
    for lang in ("uk", "ru"):
        given = work / f"{lang}.in.jsonl"
        count = sum(1 for line in given.open(encoding="utf-8") if line.strip())
        times, children = [], []
        parsing: list[dict[str, float]] = []
        for _ in range(runs):
            started = time.perf_counter()
            run(["geomap", "parse", str(given), "--format", "jsonl", "--workers", "1", "-q"])
            times.append(time.perf_counter() - started)
            child_command = [sys.executable, __file__, "--child", str(given)]
            parsing.append(json.loads(run([*child_command, "--child-no-events"])))
            children.append(json.loads(run(child_command)))
        figures[lang] = {
            "command": count / statistics.median(times),
            **{
                f"parse {key}": statistics.median(c[key] for c in parsing)
                for key in parsing[0]
                if "articles/s" in key
            },
            **{key: statistics.median(c[key] for c in children) for key in children[0]},
        }
    return figures


def child(path: Path, ner: str, events: bool = True) -> None:
    """In a fresh process: parse the articles of ``path`` twice, in process, one core,
    with their events (as ``geomap run`` parses) or without (as ``geomap parse`` does)."""
    import resource

    from geomap.gazetteer import Gazetteer
    from geomap.model import Article
    from geomap.ner import recognizer
    from geomap.parallel import parse_all
    from geomap.pipeline import process

    gazetteer = Gazetteer.open()
    recognize = recognizer(ner)
    # what a process loads once (the detector's model, both analysers, shapely for a
    # river's line) is not parsing
    warm_up = (
        "Війська увійшли до Херсона.",
        "Войска вошли в Херсон.",
        "Бої на Дніпрі біля Херсона.",
    )
    for text in warm_up:
        process(Article(id="warm-up", text=text), gazetteer, recognize)
    articles = [
        Article(id=d["id"], text=d["text"]) for d in map(json.loads, path.open(encoding="utf-8"))
    ]
    words = sum(len(a.text.split()) for a in articles)
    figures = {}
    for name in ("first", "second"):
        started = time.perf_counter()
        for _ in parse_all(articles, gazetteer, recognize, events=events):  # one core
            pass
        seconds = time.perf_counter() - started
        figures[f"{name} articles/s"] = len(articles) / seconds
        figures[f"{name} words/s"] = words / seconds
    figures["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["words/article"] = words / len(articles)
    print(json.dumps(figures))


def sentences(shared: Path, per_language: int) -> list[tuple[str, str]]:
    random.seed(1)

    def split(text: str) -> list[str]:
        return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if 20 <= len(s.strip()) <= 200]

    samples: list[tuple[str, str]] = []
    for lang in ("uk", "ru"):
        path = shared / "langs-dev" / f"{lang}.dev.jsonl"
        found = [s for line in path.open(encoding="utf-8") for s in split(json.loads(line)["text"])]
        samples += [(lang, s) for s in random.sample(found, min(per_language, len(found)))]
    english = [
        s
        for p in sorted((shared / "events-dev" / "articles").iterdir())
        for s in split(p.read_text(encoding="utf-8"))
    ]
    samples += [("en", s) for s in random.sample(english, min(per_language, len(english)))]
    return samples


def detectors(shared: Path) -> None:
    from geomap.languages.detect import detect_language

    samples = sentences(shared, 500)
    candidates = {"geomap (py3langid)": detect_language}
    try:
        from lingua import Language, LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_all_languages().build()
        codes = {Language.ENGLISH: "en", Language.UKRAINIAN: "uk", Language.RUSSIAN: "ru"}
        candidates["lingua"] = lambda text: codes.get(detector.detect_language_of(text), "?")
    except ImportError:
        print("lingua: not installed (pip install lingua-language-detector to compare)")
    for name, detect in candidates.items():
        started = time.perf_counter()
        right = sum(detect(text) == lang for lang, text in samples)
        took = time.perf_counter() - started
        per = {
            lang: sum(detect(t) == lang for l2, t in samples if l2 == lang)
            / sum(1 for l2, _ in samples if l2 == lang)
            for lang in ("uk", "ru", "en")
        }
        shown = ", ".join(f"{lang} {share:.3f}" for lang, share in per.items())
        print(
            f"{name}: {right / len(samples):.3f} of {len(samples)} sentences ({shown}); "
            f"{1000 * took / len(samples):.2f} ms a sentence"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--detectors", action="store_true")
    parser.add_argument(
        "--natasha", action="store_true", help="also measure --ner natasha (Russian)"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-ner", default="gazetteer", help=argparse.SUPPRESS)
    parser.add_argument("--child-no-events", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.child_ner, events=not args.child_no_events)
        return 0
    if not (args.shared / "langs-dev").is_dir():
        print(f"no development material at {args.shared} (give --shared)", file=sys.stderr)
        return 2
    print("development figures (in-sample)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for lang, line in ner_scores(args.shared, work, []).items():
            print(f"NER {lang}: {line}")
        print(f"news: {news_score(args.shared)}")
        for lang, figures in speed(work, args.runs).items():
            shown = ", ".join(f"{key} {value:,.0f}" for key, value in figures.items())
            print(f"speed {lang} (one core, medians of {args.runs}): {shown}")
        if args.natasha:
            natasha(args.shared, work, args.runs)
    if args.detectors:
        detectors(args.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
