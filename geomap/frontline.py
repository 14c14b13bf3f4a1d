"""The front line: dated control claims from events, weighed, and the line of contact.

Control is kept per place, as VIINA does: an event whose certainty is ``reported`` or
``claimed`` and that has a date says which side holds a place from that date on:

* a capture ("Ukrainian forces entered Kherson", "Hama fell to the rebels"), a deployment,
  a fortification or a statement of who holds it ("the RSF-held town", "the group controls
  the airport"): the actor's side;
* a withdrawal: the side withdrawing holds where it goes ("to the left bank"); where it
  left goes to its opponent in that article (the one other side its events name);
* a raised flag: the flag's side.

Attacks, shelling, visits, advances towards a place, encircled troops and anything expected,
denied or undated never say who holds a place. Claims are weighed: each counts its reports,
times 1 when the outlet states it and 0.6 when a party claims it, times 1, 0.7 or 0.5 for a
date to the day, week or month. Claims of one day that disagree are settled by weight; a
later claim for another side changes the holder only when the claims against the holder add
up to half the weight of those behind it, so one claimed sentence does not flip a place
several reports hold.

A river bank (a gazetteer place of kind ``bank``) is held by whoever the latest claim on
it, or on a place inside it, names. Where the two banks of a river are held by different
sides, the river between them is the line of contact (DeepStateMap and ISW draw the same:
the line is the edge between held areas). Everything is dated: each feature carries
``valid_from`` and ``valid_to`` (the day before the holder changes, or the last date the
articles report on) and lists its evidence (``claims``, ``article_ids``, ``event_ids``,
``quotes``).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .events import event_sources
from .events.actors import generic_labels, non_state_names
from .model import Event, Place

#: Kinds too large to be held by one side on the strength of one sentence.
UNHELD_KINDS = frozenset(
    {"country", "admin1", "admin2", "region", "river", "sea", "continent", "point"}
)
FACTUAL = frozenset({"reported", "claimed"})
#: The event types that can say who holds a place (see ``_holder``).
CLAIM_TYPES = frozenset({"advance", "troop_presence", "fortification", "withdrawal", "flag_raised"})
_CERTAINTY_WEIGHT = {"reported": 1.0, "claimed": 0.6}
_PRECISION_WEIGHT = {1: 1.0, 2: 0.7, 3: 0.5}


def is_claim(event: Event) -> bool:
    """Whether ``event`` may say who holds its place: an event of :data:`CLAIM_TYPES`, or a
    statement of who holds it ("the rebel-held town")."""
    return event.event_type in CLAIM_TYPES or (
        event.event_type == "statement" and event.sub_type == "held"
    )


@dataclass(frozen=True)
class ControlClaim:
    """``side`` (an ISO country code or a non-state force's code) holds ``place`` from
    ``date``, says ``event``."""

    place: Place
    side: str
    date: dt.date
    event: Event

    @property
    def weight(self) -> float:
        """How much the claim counts (see the module)."""
        event = self.event
        return (
            event.report_count
            * _CERTAINTY_WEIGHT.get(event.certainty, 0.0)
            * _PRECISION_WEIGHT.get(event.time_precision, 0.5)
        )


def control_claims(
    events: Sequence[Event], sides: Sequence[str] | None = None
) -> list[ControlClaim]:
    """The control claims the events make, by date (see the module's rules).

    A withdrawal's place goes to the withdrawing side's opponent in the same article; when
    the article names none (and no armed actor of unknown side), to the side most often
    named with it in the other articles;
    ``sides`` (all the sides the reported events name) is the last fallback, when the whole
    corpus names exactly two sides.
    """
    if sides is None:
        sides = sorted({s for e in events for s in (e.actor1_side, e.actor2_side) if s})
    events = _with_corpus_rebels(events)
    by_article: dict[str, set[str]] = defaultdict(set)
    unknown: set[str] = set()  # articles with an armed actor of no known side ("rebels")
    for event in events:
        for side in (event.actor1_side, event.actor2_side):
            if side:
                by_article[event.article_id].add(side)
        for label, side in ((event.actor1, event.actor1_side), (event.actor2, event.actor2_side)):
            if label and not side and label != "residents":
                unknown.add(event.article_id)
    # a side's usual opponent: the side named most often in the same articles as it
    together: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for names in by_article.values():
        for side in names:
            for other in names - {side}:
                together[side][other] += 1
    withdrawing = {
        (e.article_id, e.quote_start, e.actor1_side, e.place.id if e.place else "")
        for e in events
        if e.event_type == "withdrawal" and e.certainty in FACTUAL and e.actor1_side
    }
    claims = []
    for event in events:
        place = event.place
        if (
            not is_claim(event)
            or place is None
            or event.event_date is None
            or event.certainty not in FACTUAL
            or place.kind in UNHELD_KINDS
        ):
            continue
        if (
            event.event_type in ("troop_presence", "fortification")
            and (event.article_id, event.quote_start, event.actor1_side, place.id) in withdrawing
        ):
            continue  # "troops holed up in the plant surrendered": they leave, not hold (but
            # "left Hostomel but was digging in at Bucha" holds Bucha)
        named = set(by_article[event.article_id])
        actor = event.actor1_side
        if actor and named == {actor} and together[actor] and event.article_id not in unknown:
            ranked = sorted(together[actor].items(), key=lambda item: (-item[1], item[0]))
            named.add(ranked[0][0])  # the article names no opponent: the usual one
        opponents = sorted(named) if len(named) > 1 else list(sides)
        side = _holder(event, opponents)
        if side:
            claims.append(ControlClaim(place, side, event.event_date, event))
    return sorted(claims, key=lambda c: (c.date, c.event.article_id, c.event.quote_start))


#: How many days apart a generic "rebels" and the named force the corpus reads it as may be.
REBEL_WINDOW_DAYS = 31


def _with_corpus_rebels(events: Sequence[Event]) -> list[Event]:
    """``events`` with a generic non-state actor of no side ("the rebels", in an article
    that names no group) read as the non-state force the corpus names most in events in
    the same country within :data:`REBEL_WINDOW_DAYS` (counted once per sentence), when one
    is named strictly most ("Syrian rebels took Aleppo" beside other articles' "HTS-led
    rebels entered Hama")."""
    generic = generic_labels("non-state")
    non_state = set(non_state_names())
    # per country, the sentences that name a non-state force, by date
    named: dict[str, list[tuple[dt.date, str, str, int]]] = defaultdict(list)
    for e in events:
        if e.actor1_side in non_state and e.place and e.place.country and e.event_date:
            named[e.place.country].append(
                (e.event_date, e.actor1_side, e.article_id, e.quote_start)
            )
    for rows in named.values():
        rows.sort()
    result = []
    read: dict[tuple[str, dt.date], str | None] = {}  # one count per country and day
    for event in events:
        place, date = event.place, event.event_date
        rows = named.get(place.country or "") if place and date else None
        if rows and place and date and event.actor1 in generic and event.actor1_side is None:
            key = (place.country or "", date)
            if key not in read:
                read[key] = _most_named(rows, date)
            if read[key]:
                event = replace(event, actor1_side=read[key])
        result.append(event)
    return result


def _most_named(rows: Sequence[tuple[dt.date, str, str, int]], date: dt.date) -> str | None:
    """The side named in strictly most of the sentences ``rows`` (sorted by date) within
    :data:`REBEL_WINDOW_DAYS` of ``date``, or None."""
    window = dt.timedelta(days=REBEL_WINDOW_DAYS)
    low_date = date - window if date > dt.date.min + window else dt.date.min
    high_date = date + window if date < dt.date.max - window else dt.date.max
    low = bisect_left(rows, (low_date,))
    high = bisect_right(rows, (high_date, "\uffff"))
    ranked = Counter(side for _, side, _, _ in set(rows[low:high])).most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _holder(event: Event, sides: Sequence[str]) -> str | None:
    """The side ``event`` says holds its place."""
    actor = event.actor1_side
    kind = event.event_type
    if kind == "flag_raised":
        # "raised the national flag": the raising side's own flag.
        return event.sub_type or actor
    if actor is None:
        return None
    if kind == "advance" and event.sub_type == "capture" and event.place_role in ("at", "to"):
        return actor
    if kind == "troop_presence" and event.sub_type == "encircled":
        return None
    if kind in ("troop_presence", "fortification", "statement") and event.place_role in (
        "at",
        "to",
    ):
        return actor
    if kind == "withdrawal":
        if event.place_role == "to":
            return actor
        if event.actor2_side and event.actor2_side != actor:
            return event.actor2_side
        others = [s for s in sides if s != actor]
        return others[0] if len(others) == 1 else None
    return None


def frontline_features(
    events: Sequence[Event],
    banks: Sequence[Place],
    until: dt.date | None = None,
    sides: Sequence[str] | None = None,
    claims: Sequence[ControlClaim] | None = None,
) -> list[dict[str, Any]]:
    """GeoJSON features of the front line: lines of contact, held banks and held places.

    ``banks`` are the gazetteer's places of kind ``bank`` with their areas; ``until`` is
    the last date the articles report on (the end of the latest interval); ``sides`` as
    for :func:`control_claims`; ``claims``, the events' control claims when already made.
    """
    from shapely.geometry import Point, mapping, shape

    if claims is None:
        claims = control_claims(events, sides)
    if not claims:
        return []
    last = until or max(c.date for c in claims)
    areas = {b.id: shape(b.geometry) for b in banks if b.geometry}
    bank_by_id = {b.id: b for b in banks if b.id in areas}

    def bank_of(place: Place) -> str | None:
        if place.id in areas:
            return place.id
        point = Point(place.lon, place.lat)
        for bank_id in sorted(areas):
            if areas[bank_id].contains(point):
                return bank_id
        return None

    features: list[dict[str, Any]] = []
    by_place: dict[str, list[ControlClaim]] = {}
    by_bank: dict[str, list[ControlClaim]] = {}
    for claim in claims:
        by_place.setdefault(claim.place.id, []).append(claim)
        bank = bank_of(claim.place)
        if bank:
            by_bank.setdefault(bank, []).append(claim)

    bank_intervals = {bank: _intervals(group, last) for bank, group in by_bank.items()}
    for left_id, right_id in _opposite_banks(areas):
        left, right = bank_intervals.get(left_id, []), bank_intervals.get(right_id, [])
        for start, end, left_claims, right_claims in _overlaps(left, right):
            left_side, right_side = left_claims[-1].side, right_claims[-1].side
            if left_side == right_side:
                continue
            line = areas[left_id].boundary.intersection(areas[right_id].boundary)
            behind = [*left_claims, *right_claims]
            features.append(
                _feature(
                    mapping(line),
                    "line_of_contact",
                    f"{bank_by_id[left_id].name} / {bank_by_id[right_id].name}",
                    f"{left_side}/{right_side}",
                    start,
                    end,
                    last,
                    behind,
                )
            )
    for bank_id in sorted(bank_intervals):
        for start, end, group in bank_intervals[bank_id]:
            bank = bank_by_id[bank_id]
            features.append(
                _feature(
                    mapping(areas[bank_id]),
                    "held_area",
                    bank.name,
                    group[-1].side,
                    start,
                    end,
                    last,
                    group,
                )
            )
    for place_id in sorted(by_place):
        if place_id in areas:
            continue
        for start, end, group in _intervals(by_place[place_id], last):
            place = group[-1].place
            features.append(
                _feature(
                    {"type": "Point", "coordinates": [place.lon, place.lat]},
                    "held_place",
                    place.name,
                    group[-1].side,
                    start,
                    end,
                    last,
                    group,
                    place_id=place.id,
                )
            )
    return features


def _intervals(
    claims: Sequence[ControlClaim], last: dt.date
) -> list[tuple[dt.date, dt.date, list[ControlClaim]]]:
    """Runs of one holder: ``(valid_from, valid_to, the claims behind it)``.

    Claims of one day are settled by weight (ties by the later one in the articles'
    order); a later claim for another side starts a new run only when the claims against
    the holder since its last support weigh half as much as the run (see the module).
    """
    days: list[tuple[dt.date, str, list[ControlClaim]]] = []
    for date in sorted({c.date for c in claims}):
        of_day = [c for c in claims if c.date == date]
        weights: dict[str, float] = defaultdict(float)
        for claim in of_day:
            weights[claim.side] += claim.weight
        latest = {c.side: k for k, c in enumerate(of_day)}
        side = max(weights, key=lambda s: (weights[s], latest[s]))
        days.append((date, side, of_day))
    runs: list[tuple[dt.date, str, list[ControlClaim]]] = []
    pending: list[tuple[dt.date, str, list[ControlClaim]]] = []
    for date, side, of_day in days:
        if not runs:
            runs.append((date, side, list(of_day)))
            continue
        start, holder, behind = runs[-1]
        if side == holder:
            behind.extend(of_day)
            pending.clear()
            continue
        pending.append((date, side, of_day))
        against = sum(
            c.weight for _, s, group in pending if s == side for c in group if c.side == side
        )
        support = sum(c.weight for c in behind if c.side == holder)
        if against >= 0.5 * support:
            first = next(d for d, s, _ in pending if s == side)
            evidence = [c for _, s, group in pending if s == side for c in group]
            runs.append((first, side, evidence))
            pending.clear()
    result = []
    for k, (start, side, group) in enumerate(runs):
        end = runs[k + 1][0] - dt.timedelta(days=1) if k + 1 < len(runs) else max(last, start)
        kept = [c for c in group if c.side == side] or group
        result.append((start, end, kept))
    return result


def _overlaps(
    left: Sequence[tuple[dt.date, dt.date, list[ControlClaim]]],
    right: Sequence[tuple[dt.date, dt.date, list[ControlClaim]]],
) -> list[tuple[dt.date, dt.date, list[ControlClaim], list[ControlClaim]]]:
    found = []
    for l_start, l_end, l_claims in left:
        for r_start, r_end, r_claims in right:
            start, end = max(l_start, r_start), min(l_end, r_end)
            if start <= end:
                found.append((start, end, l_claims, r_claims))
    return found


def _opposite_banks(areas: dict[str, Any]) -> list[tuple[str, str]]:
    """Pairs of bank areas that share an edge (a river between them), by id."""
    ids = sorted(areas)
    pairs = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            shared = areas[a].boundary.intersection(areas[b].boundary)
            if shared.length > 0:
                pairs.append((a, b))
    return pairs


def _feature(
    geometry: dict[str, Any],
    kind: str,
    name: str,
    side: str,
    start: dt.date,
    end: dt.date,
    last: dt.date,
    claims: Sequence[ControlClaim],
    place_id: str | None = None,
) -> dict[str, Any]:
    events = [c.event for c in claims]
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "kind": kind,
            "name": name,
            "side": side,
            "place_id": place_id,
            "valid_from": start.isoformat(),
            "valid_to": end.isoformat(),
            "open_ended": end == last,
            "claims": len(claims),
            **event_sources(events),
        },
    }
