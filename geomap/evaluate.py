"""Geoparsing evaluation on annotated corpora, measured the way the field does.

Reads the LGL/TR-News format (``<article><text>`` with ``<toponym>``: ``<start>``, ``<end>``,
``<gaztag>`` with ``<lat>``/``<lon>``) and the GeoVirus format (``<location>``: ``<start>``,
``<end>``, ``<lat>``, ``<lon>``, ``<name>``; its offsets are sometimes one character off, so a
gold span is moved onto its name when the name is found within a few characters).

Metrics (after Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation"):

* recognition precision, recall and F1, with exact and with overlap span matching, each gold
  and each predicted span matched at most once;
* on overlap-matched gold toponyms with coordinates: acc@161 (share within 161 km), mean and
  median error in km, and AUC (mean of ln(1+km)/ln(20039); an unresolved prediction counts
  20,039 km, half the Earth's circumference);
* end to end: a prediction is right when it overlaps a gold toponym with coordinates and lies
  within 161 km of it; predictions that overlap only gold toponyms without coordinates are
  left out; F1@161 from those.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GeomapError
from .model import Article, Event, Mention
from .resolve import distance_km

ACCURACY_KM = 161.0
HALF_EARTH_KM = 20039.0
#: How far a GeoVirus gold span may be moved to land on its name.
_SHIFT = 3


class CorpusError(GeomapError):
    """An evaluation corpus that cannot be read."""


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    article: Article
    toponyms: tuple[GoldToponym, ...]


@dataclass
class Scores:
    """Counts and errors accumulated over a corpus; the metrics are properties."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    exact_matched: int = 0
    overlap_matched: int = 0
    errors_km: list[float] = field(default_factory=list)
    e2e_gold: int = 0
    e2e_predicted: int = 0
    e2e_correct: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        def ratio(a: float, b: float) -> float:
            return a / b if b else 0.0

        exact_p, exact_r = (
            ratio(self.exact_matched, self.predicted),
            ratio(self.exact_matched, self.gold),
        )
        over_p, over_r = (
            ratio(self.overlap_matched, self.predicted),
            ratio(self.overlap_matched, self.gold),
        )
        e2e_p, e2e_r = (
            ratio(self.e2e_correct, self.e2e_predicted),
            ratio(self.e2e_correct, self.e2e_gold),
        )
        errors = self.errors_km
        return {
            "articles": self.articles,
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": {"precision": exact_p, "recall": exact_r, "f1": _f1(exact_p, exact_r)},
            "overlap": {"precision": over_p, "recall": over_r, "f1": _f1(over_p, over_r)},
            "resolution": {
                "matched_with_coordinates": len(errors),
                "acc161": ratio(sum(e <= ACCURACY_KM for e in errors), len(errors)),
                "mean_km": statistics.fmean(errors) if errors else 0.0,
                "median_km": statistics.median(errors) if errors else 0.0,
                "auc": statistics.fmean(math.log1p(e) / math.log(HALF_EARTH_KM) for e in errors)
                if errors
                else 0.0,
            },
            "end_to_end": {
                "precision": e2e_p,
                "recall": e2e_r,
                "f1": _f1(e2e_p, e2e_r),
            },
            "seconds": self.seconds,
            "docs_per_second": ratio(self.articles, self.seconds),
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def read_corpus(path: str | Path) -> list[GoldArticle]:
    """Read an LGL/TR-News or GeoVirus XML corpus."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise CorpusError(f"{path}: cannot read the corpus ({exc})") from None
    articles = []
    for number, node in enumerate(root.iter("article"), start=1):
        text = node.findtext("text") or ""
        article_id = node.get("docid") or f"{path.stem}-{number}"
        article = Article(id=article_id, text=text, title=node.findtext("title"))
        if node.find("toponyms") is not None:
            toponyms = tuple(_lgl_toponyms(node))
        elif node.find("locations") is not None:
            toponyms = tuple(_geovirus_locations(node, text))
        else:
            toponyms = ()
        articles.append(GoldArticle(article, toponyms))
    if not articles:
        raise CorpusError(f"{path}: no <article> elements (expected LGL/TR-News or GeoVirus XML)")
    return articles


def _lgl_toponyms(node: ET.Element) -> Iterator[GoldToponym]:
    for toponym in node.iter("toponym"):
        start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
        tag = toponym.find("gaztag")
        lat = lon = None
        if tag is not None and tag.findtext("lat") and tag.findtext("lon"):
            lat, lon = float(tag.findtext("lat")), float(tag.findtext("lon"))
        yield GoldToponym(start, end, toponym.findtext("phrase") or "", lat, lon)


def _geovirus_locations(node: ET.Element, text: str) -> Iterator[GoldToponym]:
    for location in node.iter("location"):
        start, end = int(location.findtext("start")), int(location.findtext("end"))
        name = (location.findtext("name") or "").strip()
        if name and text[start:end] != name:
            for shift in sorted(range(-_SHIFT, _SHIFT + 1), key=abs):
                if text[start + shift : start + shift + len(name)] == name:
                    start, end = start + shift, start + shift + len(name)
                    break
        lat, lon = location.findtext("lat"), location.findtext("lon")
        yield GoldToponym(
            start, end, name, float(lat) if lat else None, float(lon) if lon else None
        )


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _match(
    gold: Sequence[GoldToponym], predicted: Sequence[Mention], exact: bool
) -> dict[int, int]:
    """One-to-one matching, gold index → predicted index, greedy in text order."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for g_index, g in enumerate(gold):
        for p_index, p in enumerate(predicted):
            if p_index in used:
                continue
            if (
                (p.start, p.end) == (g.start, g.end)
                if exact
                else _overlaps(p.start, p.end, g.start, g.end)
            ):
                pairs[g_index] = p_index
                used.add(p_index)
                break
    return pairs


def score_article(
    scores: Scores, gold: Sequence[GoldToponym], predicted: Sequence[Mention]
) -> None:
    """Add one article's gold toponyms and predicted mentions to ``scores``."""
    scores.articles += 1
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    scores.exact_matched += len(_match(gold, predicted, exact=True))
    overlap = _match(gold, predicted, exact=False)
    scores.overlap_matched += len(overlap)
    for g_index, p_index in overlap.items():
        g, p = gold[g_index], predicted[p_index]
        if g.lat is None:
            continue
        if p.place is None:
            scores.errors_km.append(HALF_EARTH_KM)
        else:
            scores.errors_km.append(distance_km((p.place.lon, p.place.lat), (g.lon, g.lat)))
    # End to end: every gold toponym with coordinates, every prediction not overlapping
    # only gold without coordinates.
    located = [g for g in gold if g.lat is not None]
    scores.e2e_gold += len(located)
    unlocated = [g for g in gold if g.lat is None]
    counted = [
        p
        for p in predicted
        if not (
            any(_overlaps(p.start, p.end, g.start, g.end) for g in unlocated)
            and not any(_overlaps(p.start, p.end, g.start, g.end) for g in located)
        )
    ]
    scores.e2e_predicted += len(counted)
    right = [p for p in counted if p.place is not None]
    e2e_pairs = _match(located, right, exact=False)
    scores.e2e_correct += sum(
        distance_km((right[p].place.lon, right[p].place.lat), (located[g].lon, located[g].lat))
        <= ACCURACY_KM
        for g, p in e2e_pairs.items()
    )


#: The mention roles scored by default: every use of a place name the corpora annotate as
#: a toponym (as places, inside other names, as metonyms); demonyms only when asked.
DEFAULT_ROLES = ("location", "modifier", "metonym")


def evaluate(
    corpus: Iterable[GoldArticle],
    parse: Callable[[Article], Sequence[Mention]],
    roles: Collection[str] = DEFAULT_ROLES,
) -> Scores:
    """Score ``parse`` (article → mentions) on ``corpus``, counting mentions whose role is in
    ``roles`` (see :class:`geomap.model.Mention`); timing covers parsing only."""
    scores = Scores()
    for item in corpus:
        started = time.perf_counter()
        mentions = parse(item.article)
        scores.seconds += time.perf_counter() - started
        score_article(scores, item.toponyms, [m for m in mentions if m.role in roles])
    return scores


@dataclass(frozen=True)
class GoldEvent:
    """One event a person marked in an article: type, place id, date (``YYYY-MM-DD``, a
    month ``YYYY-MM``, or ``None`` when the text gives none) and certainty."""

    article: str
    event_type: str
    place_id: str
    date: str | None
    certainty: str


@dataclass
class EventScores:
    """Event extraction against gold: type and place one-to-one, then date and certainty
    on the matched pairs. Statements are not scored (they are not events)."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    dated: int = 0
    date_right: int = 0
    certainty_right: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "predicted": self.predicted,
            "gold": self.gold,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "date_accuracy": round(self.date_right / self.dated, 3) if self.dated else 0.0,
            "certainty_accuracy": round(self.certainty_right / self.matched, 3)
            if self.matched
            else 0.0,
        }


def read_gold_events(path: str | Path) -> list[GoldEvent]:
    """Gold events from a JSON Lines file (``file``, ``type``, ``place``, ``date``,
    ``certainty`` per line)."""
    import json

    events = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            events.append(
                GoldEvent(row["file"], row["type"], row["place"], row["date"], row["certainty"])
            )
        except (ValueError, KeyError) as exc:
            raise CorpusError(f"{path}:{number}: not a gold event ({exc})") from None
    return events


def score_events(predicted: dict[str, list[Event]], gold: Sequence[GoldEvent]) -> EventScores:
    """Score ``predicted`` events (by article key, as in the gold's ``file``) against gold."""
    scores = EventScores()
    gold_by_article: dict[str, list[GoldEvent]] = {}
    for item in gold:
        gold_by_article.setdefault(item.article, []).append(item)
    for article in sorted(set(predicted) | set(gold_by_article)):
        found = [e for e in predicted.get(article, []) if e.event_type != "statement"]
        wanted = list(gold_by_article.get(article, []))
        scores.predicted += len(found)
        scores.gold += len(wanted)
        for event in sorted(found, key=lambda e: (e.quote_start, e.event_id)):
            place_id = event.place.id if event.place else None
            same = [g for g in wanted if (g.event_type, g.place_id) == (event.event_type, place_id)]
            if not same:
                continue
            date = event.event_date.isoformat() if event.event_date else ""
            # prefer the gold event this one also dates right
            best = next((g for g in same if g.date and date.startswith(g.date)), same[0])
            wanted.remove(best)
            scores.matched += 1
            scores.certainty_right += best.certainty == event.certainty
            if best.date:
                scores.dated += 1
                scores.date_right += date.startswith(best.date)
    return scores
