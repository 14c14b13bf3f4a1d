"""One event from many reports.

News repeats itself: the title, the lede and a quotation tell the same capture. Events of
one article with the same type, place and kind of certainty (what happened, what is
expected, what is denied), dates within a few days and sides that agree are one event,
with ``report_count`` and the other reports' quotes, as the JRC clusters news-derived
conflict events by type, place, time window and actors. Across articles each event keeps
its own article, quote and date; the map draws the events that tell the same happening as
one marker (the map's script groups them with this module's :func:`same_window`).

The event kept is the first report in the article's body (a title's words are terse and
often attributed to nobody); its date is the most precise date any report gives; its actor
is its own, or when it names none the first of a report as sure as it that names one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from ..lexicon import SETTLEMENT_KINDS
from ..model import Event, Place
from ..resolve import distance_km

#: Certainties that may tell of the same happening.
_CERTAINTY_GROUP = {"reported": "fact", "claimed": "fact", "expected": "expected", "negated": "no"}


def report_key(event: Event) -> tuple[str, ...]:
    """What makes two events of one article the same event."""
    place = event.place.id if event.place else ""
    status = event.sub_type or "" if event.event_type == "bridge_destroyed" else ""
    return (
        event.article_id,
        event.event_type,
        place,
        _CERTAINTY_GROUP.get(event.certainty, event.certainty),
        status,
    )


#: Reports of one event may date it this many days apart ("on Friday" and "this week").
DATE_WINDOW_DAYS = 3


def merge_reports(
    events: Sequence[Event], body_end: int = 0, reference: dt.date | None = None
) -> list[Event]:
    """``events`` with the reports of one event merged (see the module), in text order.

    Reports merge when they share :func:`report_key`, their dates lie within
    :data:`DATE_WINDOW_DAYS` (an undated report may join any, and so may one that only has
    the article's date, ``reference``, at week precision: "the destruction of the dam"
    after "the dam was blown up on June 6") and their acting sides agree (or one is
    unknown). Statements are not merged: each is a sentence naming a place. The kept
    report is the first after ``body_end`` (the end of the title).
    """
    groups: list[tuple[tuple[str, ...], list[Event]]] = []
    by_key: dict[tuple[str, ...], list[list[Event]]] = defaultdict(list)
    merged: list[Event] = []
    for event in events:
        if event.event_type == "statement":
            merged.append(event)
            continue
        key = report_key(event)
        for group in by_key[key]:
            if any(_compatible(event, other, reference) for other in group):
                group.append(event)
                break
        else:
            groups.append((key, [event]))
            by_key[key].append(groups[-1][1])
    groups = _fold_places(groups, reference)
    for _, group in groups:
        merged.append(_one_event(group, body_end))
    merged = _dated_by_counterpart(merged, reference)
    return sorted(merged, key=lambda e: (e.quote_start, e.event_id))


def _dated_by_counterpart(events: list[Event], reference: dt.date | None) -> list[Event]:
    """A withdrawal dated only by the article takes the day of the capture of its place
    by the other side, and the reverse: one happening seen from both sides ("Rebels ousted
    the army from Hama yesterday." ... "The army said it was redeploying outside the city.");
    a capture so dated takes the day its side's flag was raised over the place."""
    if reference is None:
        return events
    days = {}
    for event in events:
        kind = _hand_over(event)
        if kind and event.time_precision == 1 and event.place is not None:
            days.setdefault((kind, event.place.id), event)
    result = []
    for event in events:
        dated = _counterpart(event, days)
        if (
            dated is not None
            and event.event_date == reference
            and event.time_precision == 2
            and same_window(dated.event_date, 1, event.event_date, 2)
        ):
            event = dataclasses.replace(
                event, event_date=dated.event_date, time_precision=dated.time_precision
            )
        result.append(event)
    return result


def _counterpart(event: Event, days: dict[tuple[str, str], Event]) -> Event | None:
    """The report dated to the day that tells ``event``'s happening from the other side:
    for a withdrawal the other side's capture of its place; for a capture the other side's
    withdrawal, else the taker's own flag raised over the place."""
    kind = _hand_over(event)
    if kind is None or event.place is None:
        return None
    place_id, side = event.place.id, event.actor1_side

    def other_side(found: Event | None) -> Event | None:
        same_side = found is not None and found.actor1_side and found.actor1_side == side
        return None if same_side else found

    if kind == "withdrawal":
        return other_side(days.get(("capture", place_id)))
    if kind == "capture":
        flag = days.get(("flag", place_id))
        own_flag = flag if flag is not None and flag.sub_type in (None, side) else None
        return other_side(days.get(("withdrawal", place_id))) or own_flag
    return None


def _hand_over(event: Event) -> str | None:
    """``capture`` or ``withdrawal`` for an event that hands a place over, as a fact."""
    if _CERTAINTY_GROUP.get(event.certainty) != "fact":
        return None
    if event.event_type == "withdrawal":
        return "withdrawal"
    if event.event_type == "advance" and event.sub_type == "capture":
        return "capture"
    if event.event_type == "flag_raised":
        return "flag"
    return None


#: Places that hold a country's towns: an event there beside the same event at a town of
#: the country is that event told less precisely ("US strikes in Yemen", then Sanaa).
#: (Not regions: "an offensive in Karabakh" and the capture of its capital are two events.)
_WIDE_KINDS = frozenset({"country", "continent"})
#: Sites inside a town: "Hostomel airport captured" and "Russian troops took Hostomel".
_SITE_KINDS = frozenset(
    {"facility", "camp", "airport", "power station", "building", "neighbourhood"}
)
#: How far a site may lie from the town it is named with, in km.
SITE_TOWN_KM = 10.0


def _fold_places(
    groups: list[tuple[tuple[str, ...], list[Event]]], reference: dt.date | None
) -> list[tuple[tuple[str, ...], list[Event]]]:
    """Groups at a wider place (a country holding a town of another group, a town around
    a site of another group) folded into that group, which keeps its place. Only groups of
    one article, type and kind of certainty are compared, and a town only with the sites
    among them: the work grows with the events, not with their square."""
    buckets: dict[tuple[str, ...], list[list[Event]]] = defaultdict(list)
    for key, group in groups:
        buckets[key[:2] + key[3:]].append(group)
    sites = {
        bucket: [g for g in members if g[0].place and g[0].place.kind in _SITE_KINDS]
        for bucket, members in buckets.items()
    }
    folded: set[int] = set()
    for key, group in groups:
        place = group[0].place
        bucket = key[:2] + key[3:]
        if place is None or place.kind not in _WIDE_KINDS | SETTLEMENT_KINDS:
            continue
        candidates = sites[bucket] if place.kind in SETTLEMENT_KINDS else buckets[bucket]
        for other in candidates:
            inner = other[0].place
            if other is group or id(other) in folded or inner is None:
                continue
            if not _holds(place, inner):
                continue
            if any(_compatible(a, b, reference) for a in group for b in other):
                # the group's first report stays first: its place is the event's
                other[1:] = sorted([*other[1:], *group], key=lambda e: e.quote_start)
                folded.add(id(group))
                break
    return [(key, group) for key, group in groups if id(group) not in folded]


def _holds(wide: Place, inner: Place) -> bool:
    """Whether an event at ``wide`` may be an event at ``inner`` told less precisely."""
    if wide.kind in _WIDE_KINDS:
        return inner.kind not in _WIDE_KINDS and inner.country == wide.country is not None
    if wide.kind in SETTLEMENT_KINDS and inner.kind in _SITE_KINDS:
        return distance_km((wide.lon, wide.lat), (inner.lon, inner.lat)) <= SITE_TOWN_KM
    return False


def _compatible(a: Event, b: Event, reference: dt.date | None = None) -> bool:
    """Whether two reports may tell the same event: dates close, sides not at odds."""

    def date_of(event: Event) -> dt.date | None:
        defaulted = event.event_date == reference and event.time_precision == 2
        return None if defaulted else event.event_date

    return same_window(date_of(a), a.time_precision, date_of(b), b.time_precision) and not (
        a.actor1_side and b.actor1_side and a.actor1_side != b.actor1_side
    )


def same_window(a: dt.date | None, a_precision: int, b: dt.date | None, b_precision: int) -> bool:
    """Whether two dates (with their ACLED precisions) may date one event: within
    :data:`DATE_WINDOW_DAYS`, a week when either is only known to the week, the same month
    when both are; an undated report may be any date."""
    if a is None or b is None:
        return True
    if min(a_precision, b_precision) >= 3:
        return (a.year, a.month) == (b.year, b.month)
    window = 7 if max(a_precision, b_precision) >= 2 else DATE_WINDOW_DAYS
    return abs((a - b).days) <= window


def _one_event(reports: Sequence[Event], body_end: int) -> Event:
    if len(reports) == 1:
        return reports[0]
    in_body = [r for r in reports if r.quote_start >= body_end] or list(reports)
    # the group's own place (a folded wider place is only a report of it)
    place = reports[0].place
    kept = next((r for r in in_body if r.place == place), in_body[0])
    dated = [r for r in reports if r.event_date is not None]
    # the most precise date; of equally precise ones the earliest: a report dates the
    # happening or its telling ("announced Monday" that the town "fell the night prior")
    # (an advance on a town dates no capture of it)
    best_date = (
        min(dated, key=lambda r: (r.time_precision, r.sub_type != kept.sub_type, r.event_date))
        if dated
        else None
    )
    # an actor from a report as sure as the kept one: a side's claim ("Kyiv blamed Moscow")
    # does not name the actor of what the outlet states
    as_sure = [r for r in reports if r.certainty in (kept.certainty, "reported")]
    with_actor = next((r for r in as_sure if r.actor1_side), None) or next(
        (r for r in as_sure if r.actor1), None
    )
    changes: dict[str, object] = {
        "report_count": sum(r.report_count for r in reports),
        "report_quotes": " | ".join(
            dict.fromkeys(r.quote for r in reports if r.quote != kept.quote)
        ),
    }
    if best_date is not None and best_date is not kept:
        changes.update(event_date=best_date.event_date, time_precision=best_date.time_precision)
    if kept.event_type == "advance" and any(r.sub_type == "capture" for r in reports):
        changes["sub_type"] = "capture"  # "advances, saying it captured the town": taken
    if with_actor is not None and not kept.actor1:
        changes.update(
            actor1=with_actor.actor1,
            actor1_side=with_actor.actor1_side,
            actor2=with_actor.actor2,
            actor2_side=with_actor.actor2_side,
        )
    return dataclasses.replace(kept, **changes)
