"""The front line and the bridge layer of a store, made again only where something changed.

Both layers depend on how events combine, across articles: a place's holder on every claim
on it, a bank's on every claim in it, a bridge's status on every report of it. They are
kept in the store as parts by key (a place, a bank, a pair of banks, a bridge, a report
of unnamed bridges; see ``_LAYERS`` in :mod:`geomap.store`), each made from the claims or
reports of its key alone, so that an update remakes the keys its articles touched:

1. **Claims** (:func:`refresh_claims`). An article's control claims follow from its own
   events and a context drawn from the corpus (:class:`geomap.frontline.ClaimContext`:
   every side named, each side's usual opponent; and the named non-state forces near its
   generic "rebels"). The claims of the articles an update brings are made; so are those
   of stored articles whose context changed: near a named force that came or went, or
   that took a usual opponent (or the list of sides) that is no longer what it was.
2. **Features** (:func:`refresh_frontline`, :func:`refresh_bridges`): store triggers mark
   the keys a changed claim or bridge report touches; only those are made again, from
   their own claims or reports, by the functions that make the whole layers in memory
   (:func:`geomap.frontline.frontline_features`, :func:`geomap.bridges.bridge_features`),
   so both ways give the same features.

The latest holder of a place holds "until the last date the articles report on", which
moves with every new day: a part keeps that end open (``"valid_to":null``), and the
whole layer is dated when written (:func:`frontline_lines`); the map dates it as it reads
the part.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .bridges import bridge_parts
from .events.actors import generic_labels, non_state_names
from .export import compact_json, feature_line
from .frontline import (
    Banks,
    ClaimContext,
    ControlClaim,
    article_claims,
    contact_features,
    held_area_features,
    held_place_features,
    named_sides,
    read_generic_rebels,
    reads_generic_rebels,
    rebel_window,
    usual_opponents,
)
from .mapdata import layer_record
from .model import Event, Place
from .store import Store

#: How many articles (or places) have their claims (or features) made at a time: all of
#: a store's are made again after an upgrade, and not held at once.
BATCH = 2_000
#: What an open end reads as in a stored feature (see the module).
OPEN_END = '"valid_to":null'


def refresh_layers(store: Store, banks: Banks) -> None:
    """Bring the store's claims, front line and bridge parts up to date."""
    refresh_claims(store, banks)
    refresh_frontline(store, banks)
    refresh_bridges(store)


def refresh_claims(store: Store, banks: Banks) -> int:
    """Make the control claims of the articles that have none or whose context changed
    (all of them when the gazetteer's banks changed); returns how many articles had
    theirs made."""
    banks_key = hashlib.sha256(banks.key.encode()).hexdigest()[:16]
    stored = store.claim_context()
    if stored is None or stored.get("banks") != banks_key:
        store.forget_claims()
        stored = None
    dirty = set(store.articles_without_claims())
    # generic "rebels" whose reading may change: near a named force that came or went
    non_state, generic = set(non_state_names()), generic_labels("non-state")
    for country, date, side in store.take_side_changes():
        if side in non_state:
            dirty |= store.articles_with_actors(country, *rebel_window(date), generic)
    for batch in batches(sorted(dirty)):
        store.save_article_sides(
            (article_id, named_sides(events))
            for article_id, events in _read_articles(store, batch).items()
        )
    context = ClaimContext(tuple(store.sides()), usual_opponents(store.side_pairs()))
    if stored is not None:
        dirty |= store.articles_using(_changed_uses(stored, context))
    for batch in batches(sorted(dirty)):
        made = []
        for article_id, events in _read_articles(store, batch).items():
            claims = article_claims(events, context)
            rows = [
                (c.event.event_id, c.place.id, c.side, c.date.isoformat(), banks.bank_of(c.place))
                for c in claims.claims
            ]
            made.append((article_id, rows, claims.uses))
        store.save_claims(made)
    store.save_claim_context(
        {"banks": banks_key, "sides": list(context.sides), "opponents": dict(context.opponents)}
    )
    return len(dirty)


def _changed_uses(stored: dict[str, Any], context: ClaimContext) -> set[str]:
    """What of the claims' context differs from the ``stored`` one (as ``claim_uses``)."""
    uses = {"sides"} if stored["sides"] != list(context.sides) else set()
    old, new = stored["opponents"], context.opponents
    uses.update(f"opponent:{side}" for side in {*old, *new} if old.get(side) != new.get(side))
    return uses


def _read_articles(store: Store, article_ids: Sequence[str]) -> dict[str, list[Event]]:
    """The events of ``article_ids`` by article (every id, with or without events), their
    generic rebels read against the named forces the store holds near them."""
    events = store.events(article_ids=article_ids)
    windows: dict[str, list[dt.date]] = defaultdict(list)
    for event in events:
        if reads_generic_rebels(event):
            assert event.place is not None and event.place.country and event.event_date
            windows[event.place.country].append(event.event_date)
    sides = non_state_names()
    named = {
        country: store.named_rows(
            country, rebel_window(min(dates))[0], rebel_window(max(dates))[1], sides
        )
        for country, dates in windows.items()
    }
    by_article: dict[str, list[Event]] = {article_id: [] for article_id in article_ids}
    for event in read_generic_rebels(events, named):
        by_article[event.article_id].append(event)
    return by_article


def refresh_frontline(store: Store, banks: Banks) -> None:
    """Make again the front line's features that changed claims touched: the places', the
    banks' and the lines of contact of those banks."""
    keys = store.stale_layer_keys("frontline")
    if not keys:
        return
    parts: dict[str, tuple[str, str, str, str, str]] = {}
    places = [key.removeprefix("place:") for key in keys if key.startswith("place:")]
    for batch in batches(places):
        by_place: dict[str, list[ControlClaim]] = defaultdict(list)
        for claim in _claims(store, store.claims_of(place_ids=batch)):
            by_place[claim.place.id].append(claim)
        for place_id, claims in by_place.items():
            if place_id not in banks.areas:  # a bank is drawn as a held area
                place = claims[-1].place
                features = held_place_features(claims)
                parts[f"place:{place_id}"] = _part(f"2\x1f{place_id}", place, features)
    changed = {key.removeprefix("bank:") for key in keys if key.startswith("bank:")}
    changed &= set(banks.by_id)
    pairs = [pair for pair in banks.pairs if changed & set(pair)]
    in_bank = {
        bank: _claims(store, store.claims_of(bank=bank)) for bank in sorted(changed.union(*pairs))
    }
    for bank in sorted(changed):
        features = held_area_features(banks, bank, in_bank[bank])
        parts[f"bank:{bank}"] = _part(f"1\x1f{bank}", banks.by_id[bank], features)
    contacts = []
    for left, right in pairs:
        key = f"contact:{left}/{right}"
        features = contact_features(banks, (left, right), in_bank[left], in_bank[right])
        parts[key] = _part(f"0\x1f{left}\x1f{right}", banks.by_id[left], features)
        contacts.append(key)
    store.save_layer_parts("frontline", [*keys, *contacts], _made(parts))


def refresh_bridges(store: Store) -> None:
    """Make again the bridge features that changed reports touched."""
    keys = store.stale_layer_keys("bridges")
    if not keys:
        return
    parts: dict[str, tuple[str, str, str, str, str]] = {}
    places = [key.removeprefix("place:") for key in keys if key.startswith("place:")]
    reports = [key.removeprefix("event:") for key in keys if key.startswith("event:")]
    for batch in batches(places):
        for key, sort_key, place, feature in bridge_parts(store.events(place_ids=batch)):
            parts[key] = _part(sort_key, place, [feature])
    for batch in batches(reports):
        for key, sort_key, place, feature in bridge_parts(store.events_by_id(batch)):
            # a report of unnamed bridges is a feature of its own, as an event is: kept
            # with its day's (a square would gather them all, years of them)
            day = feature["properties"]["status_date"] or "undated"
            parts.setdefault(key, _part(sort_key, place, [feature], day))
    store.save_layer_parts("bridges", keys, _made(parts))


def _claims(store: Store, rows: Sequence[tuple[str, str]]) -> list[ControlClaim]:
    """The stored claims ``(event id, side)`` with their events, in the order they count
    (:func:`geomap.frontline.claim_order`, then by event)."""
    events = {e.event_id: e for e in store.events_by_id([event_id for event_id, _ in rows])}
    claims = []
    for event_id, side in rows:
        event = events[event_id]
        assert event.place is not None and event.event_date is not None
        claims.append(ControlClaim(event.place, side, event.event_date, event))
    return sorted(
        claims, key=lambda c: (c.date, c.event.article_id, c.event.quote_start, c.event.event_id)
    )


def _part(
    sort_key: str, place: Place, features: Sequence[dict[str, Any]], chunk: str | None = None
) -> tuple[str, str, str, str, str] | None:
    """A layer part: ``(sort key, chunk, features, map records, sides)`` (``None`` for
    no features); its chunk is the square of ``place`` unless ``chunk`` is given."""
    from .publish import place_chunk

    if not features:
        return None
    sides = sorted(
        {s for f in features for s in (f["properties"].get("side") or "").split("/") if s}
    )
    return (
        sort_key,
        chunk or place_chunk(place),
        "\n".join(feature_line(f) for f in features),
        ",".join(compact_json(layer_record(f)) for f in features),
        " ".join(sides),
    )


def _made(
    parts: dict[str, tuple[str, str, str, str, str] | None],
) -> dict[str, tuple[str, str, str, str, str]]:
    return {key: part for key, part in parts.items() if part is not None}


def frontline_lines(
    store: Store, chunk: str | None = None, last: dt.date | None = None
) -> Iterator[str]:
    """The front line's features (all, or one ``chunk``'s) as GeoJSON lines, in order,
    their open ends dated (see the module; ``last``: the :func:`layer_last_date`, when
    known)."""
    last = last or layer_last_date(store)
    closed = f'"valid_to":"{last.isoformat()}"' if last else OPEN_END
    for features, _ in store.layer_parts("frontline", chunk):
        for line in features.split("\n"):
            yield line.replace(OPEN_END, closed, 1)


def bridge_lines(store: Store, chunk: str | None = None) -> Iterator[str]:
    """The bridge layer's features (all, or one ``chunk``'s) as GeoJSON lines, in order."""
    for features, _ in store.layer_parts("bridges", chunk):
        yield from features.split("\n")


def layer_last_date(store: Store) -> dt.date | None:
    """The last date the articles report on: the latest article's, or the latest claim's
    when later (see :func:`geomap.frontline.frontline_features`)."""
    dates = [d for d in (store.last_date(), store.last_claim_date()) if d]
    return max(dates) if dates else None


def batches(items: Sequence[str], size: int = BATCH) -> Iterable[Sequence[str]]:
    """``items`` a ``size`` at a time."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
