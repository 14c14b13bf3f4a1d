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
from collections.abc import Iterable, Mapping, Sequence
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


@dataclass(frozen=True)
class ClaimContext:
    """What an article's claims take from the rest of the corpus: every side its events
    name (``sides``), and each side's usual opponent (the side named most often in the
    same articles as it; ties by code)."""

    sides: tuple[str, ...]
    opponents: Mapping[str, str]


@dataclass(frozen=True)
class ArticleClaims:
    """The claims of one article's events, the sides they name (read as
    :func:`read_generic_rebels` reads them) and what they took from the
    :class:`ClaimContext` (``"sides"``, ``"opponent:XX"``): when that changes, the
    article's claims may too."""

    claims: list[ControlClaim]
    sides: frozenset[str]
    uses: frozenset[str]


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
    events = read_generic_rebels(events, non_state_rows(events))
    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_article[event.article_id].append(event)
    side_sets = [named_sides(group) for group in by_article.values()]
    context = ClaimContext(tuple(sides), usual_opponents(side_pairs(side_sets)))
    claims = [c for group in by_article.values() for c in article_claims(group, context).claims]
    return sorted(claims, key=claim_order)


def claim_order(claim: ControlClaim) -> tuple[dt.date, str, int]:
    """Claims in the order they count: by date, then as the articles tell them."""
    return (claim.date, claim.event.article_id, claim.event.quote_start)


def named_sides(events: Sequence[Event]) -> frozenset[str]:
    """The sides one article's events name."""
    return frozenset(s for e in events for s in (e.actor1_side, e.actor2_side) if s)


def side_pairs(side_sets: Iterable[frozenset[str]]) -> Counter[tuple[str, str]]:
    """How many articles name each ordered pair of sides together."""
    pairs: Counter[tuple[str, str]] = Counter()
    for names in side_sets:
        pairs.update((side, other) for side in names for other in names if other != side)
    return pairs


def usual_opponents(pairs: Mapping[tuple[str, str], int]) -> dict[str, str]:
    """Each side's usual opponent: the side named with it in most articles (ties by
    code)."""
    ranked = sorted((side, -count, other) for (side, other), count in pairs.items() if count)
    opponents: dict[str, str] = {}
    for side, _, other in ranked:
        opponents.setdefault(side, other)
    return opponents


def article_claims(events: Sequence[Event], context: ClaimContext) -> ArticleClaims:
    """The claims of one article's ``events`` (generic rebels already read), in the
    article's order."""
    named = named_sides(events)
    # an armed actor of no known side ("rebels") may be the opponent the article means
    unknown = any(
        label and not side and label != "residents"
        for event in events
        for label, side in ((event.actor1, event.actor1_side), (event.actor2, event.actor2_side))
    )
    withdrawing = {
        (e.quote_start, e.actor1_side, e.place.id if e.place else "")
        for e in events
        if e.event_type == "withdrawal" and e.certainty in FACTUAL and e.actor1_side
    }
    claims = []
    uses: set[str] = set()
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
            and (event.quote_start, event.actor1_side, place.id) in withdrawing
        ):
            continue  # "troops holed up in the plant surrendered": they leave, not hold (but
            # "left Hostomel but was digging in at Bucha" holds Bucha)
        sides = set(named)
        actor = event.actor1_side
        if actor and named == {actor} and not unknown:
            uses.add(f"opponent:{actor}")
            if actor in context.opponents:
                sides.add(context.opponents[actor])  # the article names no opponent
        if len(sides) > 1:
            opponents = sorted(sides)
        else:
            opponents = list(context.sides)
            if event.event_type == "withdrawal":
                uses.add("sides")
        side = _holder(event, opponents)
        if side:
            claims.append(ControlClaim(place, side, event.event_date, event))
    return ArticleClaims(claims, named, frozenset(uses))


#: How many days apart a generic "rebels" and the named force the corpus reads it as may be.
REBEL_WINDOW_DAYS = 31


#: One row per sentence naming a non-state force: ``(date, side, article id, quote start)``.
NamedRow = tuple[dt.date, str, str, int]


def non_state_rows(events: Iterable[Event]) -> dict[str, list[NamedRow]]:
    """Per country, the :data:`NamedRow` of the ``events`` whose actor is a named
    non-state force, by date."""
    non_state = set(non_state_names())
    named: dict[str, list[NamedRow]] = defaultdict(list)
    for e in events:
        if e.actor1_side in non_state and e.place and e.place.country and e.event_date:
            named[e.place.country].append(
                (e.event_date, e.actor1_side, e.article_id, e.quote_start)
            )
    for rows in named.values():
        rows.sort()
    return named


def reads_generic_rebels(event: Event) -> bool:
    """Whether ``event``'s actor is a generic non-state actor of no side ("the rebels"),
    read as the force the corpus names there (:func:`read_generic_rebels`)."""
    place = event.place
    return bool(
        place
        and place.country
        and event.event_date
        and event.actor1 in generic_labels("non-state")
        and event.actor1_side is None
    )


def read_generic_rebels(
    events: Sequence[Event], named: Mapping[str, Sequence[NamedRow]]
) -> list[Event]:
    """``events`` with a generic non-state actor of no side ("the rebels", in an article
    that names no group) read as the non-state force the corpus names most in events in
    the same country within :data:`REBEL_WINDOW_DAYS` (counted once per sentence), when one
    is named strictly most ("Syrian rebels took Aleppo" beside other articles' "HTS-led
    rebels entered Hama"). ``named``: the corpus's :func:`non_state_rows` (of those
    countries and dates at least)."""
    result = []
    read: dict[tuple[str, dt.date], str | None] = {}  # one count per country and day
    for event in events:
        if reads_generic_rebels(event):
            place, date = event.place, event.event_date
            assert place is not None and place.country and date is not None
            key = (place.country, date)
            if key not in read:
                rows = named.get(place.country)
                read[key] = _most_named(rows, date) if rows else None
            if read[key]:
                event = replace(event, actor1_side=read[key])
        result.append(event)
    return result


def rebel_window(date: dt.date) -> tuple[dt.date, dt.date]:
    """The dates within :data:`REBEL_WINDOW_DAYS` of ``date`` (within the calendar)."""
    window = dt.timedelta(days=REBEL_WINDOW_DAYS)
    low = date - window if date > dt.date.min + window else dt.date.min
    high = date + window if date < dt.date.max - window else dt.date.max
    return low, high


def _most_named(rows: Sequence[tuple[dt.date, str, str, int]], date: dt.date) -> str | None:
    """The side named in strictly most of the sentences ``rows`` (sorted by date) within
    :data:`REBEL_WINDOW_DAYS` of ``date``, or None."""
    low_date, high_date = rebel_window(date)
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


class Banks:
    """The gazetteer's river banks (places of kind ``bank`` with their areas): which holds
    a place, and which face each other across a river."""

    def __init__(self, banks: Sequence[Place]) -> None:
        from shapely.geometry import shape

        self.areas = {b.id: shape(b.geometry) for b in banks if b.geometry}
        self.by_id = {b.id: b for b in banks if b.id in self.areas}
        self.pairs = _opposite_banks(self.areas)
        self.key = ";".join(sorted(f"{b.id}:{b.geometry}" for b in self.by_id.values()))

    def bank_of(self, place: Place) -> str | None:
        """The id of the bank ``place`` is (or lies in), if any."""
        from shapely.geometry import Point

        if place.id in self.areas:
            return place.id
        point = Point(place.lon, place.lat)
        for bank_id in sorted(self.areas):
            if self.areas[bank_id].contains(point):
                return bank_id
        return None


def frontline_features(
    events: Sequence[Event],
    banks: Sequence[Place] | Banks,
    until: dt.date | None = None,
    sides: Sequence[str] | None = None,
    claims: Sequence[ControlClaim] | None = None,
) -> list[dict[str, Any]]:
    """GeoJSON features of the front line: lines of contact, held banks and held places.

    ``banks`` are the gazetteer's places of kind ``bank`` with their areas; ``until`` is
    the last date the articles report on (the end of the latest interval; never before
    the latest claim); ``sides`` as for :func:`control_claims`; ``claims``, the events'
    control claims when already made.
    """
    if claims is None:
        claims = control_claims(events, sides)
    if not claims:
        return []
    if not isinstance(banks, Banks):
        banks = Banks(banks)
    by_place: dict[str, list[ControlClaim]] = {}
    by_bank: dict[str, list[ControlClaim]] = {}
    for claim in claims:
        by_place.setdefault(claim.place.id, []).append(claim)
        bank = banks.bank_of(claim.place)
        if bank:
            by_bank.setdefault(bank, []).append(claim)
    features = [
        feature
        for pair in banks.pairs
        for feature in contact_features(
            banks, pair, by_bank.get(pair[0], []), by_bank.get(pair[1], [])
        )
    ]
    for bank_id in sorted(by_bank):
        features += held_area_features(banks, bank_id, by_bank[bank_id])
    for place_id in sorted(by_place):
        if place_id not in banks.areas:
            features += held_place_features(by_place[place_id])
    last = max(until or dt.date.min, max(c.date for c in claims))
    return [close_open_end(feature, last) for feature in features]


def close_open_end(feature: dict[str, Any], last: dt.date) -> dict[str, Any]:
    """``feature`` with its open end (the holder of its latest interval, still holding)
    dated ``last``: the last date the articles report on."""
    if feature["properties"]["valid_to"] is not None:
        return feature
    return {**feature, "properties": {**feature["properties"], "valid_to": last.isoformat()}}


def contact_features(
    banks: Banks,
    pair: tuple[str, str],
    left_claims: Sequence[ControlClaim],
    right_claims: Sequence[ControlClaim],
) -> list[dict[str, Any]]:
    """The line of contact between the banks ``pair`` (ids) while different sides hold
    them, from the claims on each (in order; open ended: see :func:`close_open_end`)."""
    from shapely.geometry import mapping

    left_id, right_id = pair
    left, right = _intervals(left_claims), _intervals(right_claims)
    features = []
    for start, end, left_group, right_group in _overlaps(left, right):
        left_side, right_side = left_group[-1].side, right_group[-1].side
        if left_side == right_side:
            continue
        line = banks.areas[left_id].boundary.intersection(banks.areas[right_id].boundary)
        features.append(
            _feature(
                mapping(line),
                "line_of_contact",
                f"{banks.by_id[left_id].name} / {banks.by_id[right_id].name}",
                f"{left_side}/{right_side}",
                start,
                end,
                [*left_group, *right_group],
            )
        )
    return features


def held_area_features(
    banks: Banks, bank_id: str, claims: Sequence[ControlClaim]
) -> list[dict[str, Any]]:
    """Who holds the bank ``bank_id`` when, from the claims on it and on the places in it
    (in order; open ended)."""
    from shapely.geometry import mapping

    bank = banks.by_id[bank_id]
    return [
        _feature(
            mapping(banks.areas[bank_id]), "held_area", bank.name, group[-1].side, start, end, group
        )
        for start, end, group in _intervals(claims)
    ]


def held_place_features(claims: Sequence[ControlClaim]) -> list[dict[str, Any]]:
    """Who holds one place when, from its claims (in order; open ended)."""
    features = []
    for start, end, group in _intervals(claims):
        place = group[-1].place
        features.append(
            _feature(
                {"type": "Point", "coordinates": [place.lon, place.lat]},
                "held_place",
                place.name,
                group[-1].side,
                start,
                end,
                group,
                place_id=place.id,
            )
        )
    return features


def _intervals(
    claims: Sequence[ControlClaim],
) -> list[tuple[dt.date, dt.date | None, list[ControlClaim]]]:
    """Runs of one holder: ``(valid_from, valid_to, the claims behind it)``; the latest
    run's ``valid_to`` is ``None`` (it holds still).

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
        end = runs[k + 1][0] - dt.timedelta(days=1) if k + 1 < len(runs) else None
        kept = [c for c in group if c.side == side] or group
        result.append((start, end, kept))
    return result


def _overlaps(
    left: Sequence[tuple[dt.date, dt.date | None, list[ControlClaim]]],
    right: Sequence[tuple[dt.date, dt.date | None, list[ControlClaim]]],
) -> list[tuple[dt.date, dt.date | None, list[ControlClaim], list[ControlClaim]]]:
    """The spans where a run of each holds at once (an open end: still holding)."""
    found = []
    for l_start, l_end, l_claims in left:
        for r_start, r_end, r_claims in right:
            start = max(l_start, r_start)
            ends = [e for e in (l_end, r_end) if e is not None]
            end = min(ends) if ends else None
            if end is None or start <= end:
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
    end: dt.date | None,
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
            "valid_to": end.isoformat() if end else None,
            "open_ended": end is None,
            "claims": len(claims),
            **event_sources(events),
        },
    }
