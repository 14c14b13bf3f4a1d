"""The front line: dated control claims from events, and the line of contact they support.

Control is kept per place, as VIINA does: an event whose certainty is ``reported`` or
``claimed`` says which side holds a place from its date on:

* a capture ("Ukrainian forces entered Kherson") or a deployment or fortification
  ("Russia has deployed 40,000 soldiers on the western bank"): the actor's side holds it;
* a withdrawal: the side withdrawing holds where it goes ("to the left bank"), the other
  side holds where it left ("from Kherson");
* a raised flag: the flag's country holds the place.

A river bank (a gazetteer place of kind ``bank``) is held by whoever the latest claim on
it, or on a place inside it, names. Where the two banks of a river are held by different
sides, the river between them is the line of contact (DeepStateMap and ISW draw the same:
the line is the edge between held areas). Everything is dated: each feature carries
``valid_from`` and ``valid_to`` (the day before the claims change, or the last date the
articles report on).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .events import event_sources
from .model import Event, Place

#: Kinds too large to be held by one side on the strength of one sentence.
UNHELD_KINDS = frozenset({"country", "admin1", "admin2", "region", "river", "sea", "continent"})
FACTUAL = frozenset({"reported", "claimed"})
#: The event types that can say who holds a place (see ``_holder``).
CLAIM_TYPES = frozenset({"advance", "troop_presence", "fortification", "withdrawal", "flag_raised"})


@dataclass(frozen=True)
class ControlClaim:
    """``side`` (an ISO country code) holds ``place`` from ``date``, says ``event``."""

    place: Place
    side: str
    date: dt.date
    event: Event


def control_claims(
    events: Sequence[Event], sides: Sequence[str] | None = None
) -> list[ControlClaim]:
    """The control claims the events make, by date (see the module's rules).

    ``sides`` are the sides of all the events reported (their actors' countries) when
    ``events`` are only some of them.
    """
    if sides is None:
        sides = sorted({s for e in events for s in (e.actor1_side, e.actor2_side) if s})
    claims = []
    for event in events:
        place = event.place
        if (
            event.event_type not in CLAIM_TYPES
            or place is None
            or event.event_date is None
            or event.certainty not in FACTUAL
            or place.kind in UNHELD_KINDS
        ):
            continue
        side = _holder(event, sides)
        if side:
            claims.append(ControlClaim(place, side, event.event_date, event))
    return sorted(claims, key=lambda c: (c.date, c.event.article_id, c.event.quote_start))


def _holder(event: Event, sides: Sequence[str]) -> str | None:
    """The side ``event`` says holds its place."""
    actor = event.actor1_side
    kind = event.event_type
    if kind == "flag_raised":
        # "raised the national flag": the raising side's own flag.
        return event.sub_type if event.sub_type and len(event.sub_type) == 2 else actor
    if actor is None:
        return None
    if kind == "advance" and event.sub_type == "capture" and event.place_role in ("at", "to"):
        return actor
    if kind in ("troop_presence", "fortification") and event.place_role in ("at", "to"):
        return actor
    if kind == "withdrawal":
        if event.place_role == "to":
            return actor
        others = [s for s in sides if s != actor]
        return others[0] if len(others) == 1 else None
    return None


def frontline_features(
    events: Sequence[Event],
    banks: Sequence[Place],
    until: dt.date | None = None,
    sides: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """GeoJSON features of the front line: lines of contact, held banks and held places.

    ``banks`` are the gazetteer's places of kind ``bank`` with their areas; ``until`` is
    the last date the articles report on (the end of the latest interval); ``sides`` as
    for :func:`control_claims`.
    """
    from shapely.geometry import Point, mapping, shape

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

    Claims of one day that disagree are settled by the later one in the articles' order.
    """
    runs: list[tuple[dt.date, list[ControlClaim]]] = []
    for claim in claims:
        if runs and runs[-1][1][-1].side == claim.side:
            runs[-1][1].append(claim)
        elif runs and runs[-1][0] == claim.date:
            runs[-1] = (claim.date, [claim])
        else:
            runs.append((claim.date, [claim]))
    result = []
    for k, (start, group) in enumerate(runs):
        end = runs[k + 1][0] - dt.timedelta(days=1) if k + 1 < len(runs) else max(last, start)
        result.append((start, end, group))
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
