"""Resolution: choose one place for each recognised name, using the whole article.

Every candidate gets a score from

* a prior: the kind of place (countries and curated features above settlements) and its
  population, which informs but does not decide;
* the name's context: a kind word ("Dnipro River", "Kherson region") or "the" before it;
* the article's focus: the countries its unambiguous names and country names point to;
* spatial coherence: closeness to the places already resolved with confidence.

A mention's ``score`` is the winner's share of the softmax over its candidates; runner-ups
are kept in ``alternatives``. A line or area place (a river, a bank) is given the point of
its geometry nearest to the article's other places, so "the Dnipro" in a Kherson story sits
at Kherson.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Final, NamedTuple, Protocol

from .extract import Span
from .lexicon import DIVISION_FORMS, FEATURE_KINDS, SETTLEMENT_KINDS, WATER_KINDS
from .model import DEMONYM_PREFIX, Mention, Place
from .names import fold

#: Prior weight per kind of place; hand-curated features outrank namesake villages.
KIND_PRIOR: Final = {
    "continent": 3.0,
    "country": 3.0,
    "admin1": 2.0,
    "admin2": 1.0,
    "river": 2.5,
    "bank": 2.5,
    "reservoir": 2.5,
    "estuary": 2.5,
    "bridge": 2.5,
    "dam": 2.5,
    "region": 2.5,
    "sea": 2.5,
    "island": 2.5,
}
#: People assumed for islands and regions whose tables give none: a named island or region
#: of the world is no smaller than a large town ("northern Luzon" is the island).
UNCOUNTED_AREA_PEOPLE: Final = {"island": 1_000_000, "region": 1_000_000, "sea": 1_000_000}
MAX_CANDIDATES: Final = 20
#: Score for a candidate inside the region written after it ("Athens, Ga.").
INSIDE_BONUS: Final = 5.0
#: Cost of matching a town by a variant name rather than its own ("Maryville" is also an old
#: name of Beeville, Texas). Names of areas and features are all their usual names.
VARIANT_PENALTY: Final = 1.0
#: How many candidates per name may vote for a division, what each other name adds to a
#: candidate in a shared division, and the most other names that count.
SUPPORT_CANDIDATES: Final = 10
SUPPORT_WEIGHT: Final = 0.5
SUPPORT_CAP: Final = 3
#: Weight of the article's first-level division focus (local news keeps to one state).
DIVISION_WEIGHT: Final = 3.0
FAR_KM: Final = 400.0
#: Degrees of latitude beyond which two points are surely more than FAR_KM apart (a degree
#: of latitude is 111.2 km everywhere; the margin keeps rounding out of it).
_FAR_DEGREES: Final = FAR_KM / 111.0 + 0.1
NEAR_KM: Final = 120.0
#: A bare "the left bank" resolves only to a bank this close to the article's places.
BANK_REACH_KM: Final = 300.0
#: How far from the point of a division written beside a name a place filed under another
#: division may lie and still be the place meant: a division's point lies among its towns,
#: and a town near its border may be filed under the neighbour ("Sevastopol, Crimea").
OUTSIDE_DIVISION_KM: Final = 120.0
#: Score for a candidate of the kind and country most names of its list are
#: ("Arizona, Georgia and Utah": Georgia the state).
LIST_BONUS: Final = 2.0


class CandidateSource(Protocol):
    """What resolution needs of a gazetteer."""

    def candidates(self, name: str) -> Sequence[Place]: ...

    def get(self, place_id: str) -> Place | None: ...


def prior(place: Place) -> float:
    """Context-free plausibility of ``place`` as the referent of its name."""
    return _facts(place).prior


class _Facts(NamedTuple):
    """What resolution reads of a place again and again, worked out once per place."""

    prior: float
    #: The folded own name.
    key: str
    #: The country and folded first-level division a place lies in (None for countries).
    division: tuple[str, str] | None


def _facts(place: Place) -> _Facts:
    found = _FACTS.get(place.id)
    if found is None:
        population = place.population or UNCOUNTED_AREA_PEOPLE.get(place.kind, 0)
        found = _FACTS[place.id] = _Facts(
            KIND_PRIOR.get(place.kind, 0.0) + math.log10(max(population, 0) + 10) / 1.25,
            fold(place.name),
            None
            if place.kind in ("country", "continent", "demonym") or not place.admin1
            else (place.country or "", fold(place.admin1)),
        )
    return found


_FACTS: Final[dict[str, _Facts]] = {}


def clear_cache() -> None:
    """Forget what was worked out of the places seen so far (for benchmarks)."""
    _FACTS.clear()


def rank_by_prior(places: Sequence[Place]) -> list[Place]:
    """``places`` best first by :func:`prior` (ties by id, for a stable order)."""
    return sorted(places, key=_prior_order)


def _prior_order(place: Place) -> tuple[float, str]:
    return -_facts(place).prior, place.id


#: The least share of an article's country focus its language's home country has: as much
#: as a namesake twice as populous weighs, less than an article's names that all point to
#: another country.
HOME_FOCUS: Final = 0.5


def resolve(
    article_id: str,
    spans: Sequence[Span],
    gazetteer: CandidateSource,
    home: str | None = None,
    owners_vote: bool = True,
) -> list[Mention]:
    """Resolve every span of one article to a :class:`Mention`.

    ``home`` is the country the article's language is written in (see
    :data:`geomap.languages.HOME_COUNTRIES`), which has at least :data:`HOME_FOCUS` of the
    article's country focus: Ukrainian "Росія вдарила по Токмаку" is Tokmak in
    Zaporizhzhia, not the larger Tokmok in Kyrgyzstan, whose Russian name it shares.

    Without ``owners_vote`` a country named as a body's owner says nothing of where the
    article's places are: war reporting names the belligerents' forces in every sentence
    ("ВС РФ нанесли удар по ... Волчанске" is Vovchansk in Kharkiv Oblast, not Volchansk in
    the Urals). English keeps the vote: "Ohio Department of Transportation" sets a local
    story in Ohio (without it LGL's acc@161 fell 0.001).
    """
    ranked: dict[tuple[str, bool, bool, bool, str | None], list[Place]] = {}
    candidate_lists = []
    for span in spans:
        division_meant = "admin1" in span.kinds
        asked = (span.key, span.demonym, span.bank, division_meant, span.within)
        found = ranked.get(asked)
        if found is None:
            found = rank_by_prior(
                [p for p in gazetteer.candidates(span.key) if _may_be(span, p)]
                + (_divisions_named(span.key, gazetteer) if division_meant else [])
            )
            if span.within:  # before the cut: the namesake inside may rank low
                found = _not_outside_division(span.within, found, gazetteer)
            found = ranked[asked] = found[:MAX_CANDIDATES]
        candidate_lists.append(found)
    focus = _country_focus(spans, candidate_lists, owners_vote)
    if home is not None:
        focus[home] = max(focus.get(home, 0.0), HOME_FOCUS)
    regions = [
        _pair_fits(span, cands, gazetteer)
        for span, cands in zip(spans, candidate_lists, strict=False)
    ]
    support = _division_support(spans, candidate_lists)
    # A name repeated with the same context gets the same answer: score it once. The
    # scores from what is known before the first pass are kept for the second.
    first_cache: dict[tuple, tuple[Place | None, float, tuple[tuple[str, float], ...]]] = {}
    base_scores: dict[tuple, tuple[list[Place], _Weighed]] = {}
    first_pass = []
    for span, cands, inside in zip(spans, candidate_lists, regions, strict=False):
        signature = _signature(span)
        if signature not in first_cache:
            base = _base_scores(span, cands, focus, inside)
            base_scores[signature] = cands, base
            first_cache[signature] = _best(span, cands, base, None, support, runner_ups=False)
        first_pass.append(first_cache[signature])
    anchor = _anchor(first_pass)
    town_anchor = _anchor(first_pass, towns_first=True)
    list_anchors = _list_anchors(spans, first_pass)
    divisions = _division_focus(first_pass)
    list_kinds = _list_majorities(spans, first_pass)
    listed = [list_kinds.get(span.group) if span.group is not None else None for span in spans]
    for k, span in enumerate(spans):
        # A list of states names Washington the state, which "Washington" alone is not.
        kind = listed[k]
        if (
            kind is not None
            and kind[0] == "admin1"
            and not any(p.kind == "admin1" for p in candidate_lists[k])
        ):
            candidate_lists[k] = candidate_lists[k] + _divisions_named(span.key, gazetteer)
    for key, count in support.items():
        divisions[key] = divisions.get(key, 0.0) + count
    mentions = []
    cache: dict[tuple, tuple[Place | None, float, tuple[tuple[str, float], ...]]] = {}
    for k, (span, cands, inside, in_list) in enumerate(
        zip(spans, candidate_lists, regions, listed, strict=False)
    ):
        signature = _signature(span)
        listmates = list_anchors.get(k)
        if signature not in cache:
            kept = base_scores.get(signature)
            base = (
                kept[1]
                if kept is not None and kept[0] is cands
                else _base_scores(span, cands, focus, inside)
            )
            near = listmates or anchor
            cache[signature] = _best(span, cands, base, near, divisions, in_list)
        best, score, alternatives = cache[signature]
        if best is not None and listmates is not None and _strays(best, listmates, anchor):
            # a village far from the towns listed with it and from the article's is a
            # namesake of one the gazetteer lacks ("Стрілечу та Борисівку" in a report on
            # Vovchansk: not the Borysivka 500 km away)
            best, score = None, 0.0
        if best is not None and town_anchor is not None and best.geometry:
            best = _nearest_point(best, town_anchor, strict=span.key.endswith(" bank"))
        if best is not None and best.kind == "demonym":
            best = gazetteer.get(best.id.removeprefix(DEMONYM_PREFIX)) or best
        mentions.append(
            Mention(
                article_id=article_id,
                start=span.start,
                end=span.end,
                text=span.text,
                place=best,
                score=round(score, 4),
                literal=span.literal,
                alternatives=alternatives,
                role=_role(span),
            )
        )
    return mentions


def _signature(span: Span) -> tuple:
    """What resolution reads of a span: equal signatures resolve alike."""
    return (
        span.key,
        span.kinds,
        span.definite,
        span.within,
        span.contains,
        span.demonym,
        span.bank,
        span.literal,
        span.group,
    )


def _divisions_named(key: str, gazetteer: CandidateSource) -> list[Place]:
    """The first-level divisions called ``key`` when the context says a division is meant,
    though the bare name is left to a city ("the state of Washington")."""
    found: dict[str, Place] = {}
    for form in DIVISION_FORMS:
        for place in gazetteer.candidates(form.format(name=key)):
            if place.kind == "admin1":
                found.setdefault(place.id, place)
    return list(found.values())


def _kind_class(place: Place) -> tuple[str, str]:
    """What a list's names have in common: the kind (settlements as one) and the country."""
    kind = "settlement" if place.kind in SETTLEMENT_KINDS else place.kind
    return kind, place.country or ""


def _list_majorities(
    spans: Sequence[Span], picks: Sequence[tuple[Place | None, float, object]]
) -> dict[int, tuple[str, str]]:
    """Per list of names, the kind and country most of its names were first resolved to
    with confidence, where most of them agree."""
    votes: dict[int, Counter[tuple[str, str]]] = {}
    for span, (place, score, _) in zip(spans, picks, strict=False):
        if span.group is not None and place is not None and score >= 0.6:
            votes.setdefault(span.group, Counter())[_kind_class(place)] += 1
    found = {}
    for group, counts in votes.items():
        (common, count), total = counts.most_common(1)[0], sum(counts.values())
        if count >= 2 and 2 * count > total:
            found[group] = common
    return found


def _division_key(place: Place) -> tuple[str, str] | None:
    return _facts(place).division


def _pair_fits(
    span: Span, candidates: Sequence[Place], gazetteer: CandidateSource
) -> frozenset[str]:
    """Ids of the candidates that fit a "Place, Region" pair the span is part of."""
    if span.within:
        return _containing(candidates, gazetteer.candidates(span.within))
    if span.contains:
        places = gazetteer.candidates(span.contains)
        return frozenset(r.id for r in candidates if _containing(places, [r]))
    return frozenset()


def _not_outside_division(
    within: str, candidates: list[Place], gazetteer: CandidateSource
) -> list[Place]:
    """``candidates`` without those the first-level division written beside the name rules
    out: filed under another division and far from this one. A village the gazetteer lacks
    ("Іванівки Харківської області") is then left unresolved, not put at a namesake
    hundreds of kilometres away. Only where every reading of the written name is a
    division ("TBILISI, Georgia" may mean the country), and not for a name that is a city's:
    "Kherson, Zaporizhzhia Oblast and Dnipro" is a list, not Kherson in that oblast."""
    divisions = gazetteer.candidates(within)
    if not divisions or any(r.kind != "admin1" for r in divisions):
        return candidates
    if any(c.kind == "city" for c in candidates):
        return candidates
    keys = {_division_key(r) for r in divisions}
    return [
        c
        for c in candidates
        if _division_key(c) is None
        or _division_key(c) in keys
        or any(
            distance_km((c.lon, c.lat), (r.lon, r.lat)) <= OUTSIDE_DIVISION_KM for r in divisions
        )
    ]


def _containing(candidates: Sequence[Place], regions: Sequence[Place]) -> frozenset[str]:
    """Ids of the candidates that lie in one of ``regions`` (a "Place, Region" pair)."""
    countries = {r.country for r in regions if r.kind == "country"}
    divisions = {_division_key(r) for r in regions if r.kind == "admin1"}
    return frozenset(
        c.id
        for c in candidates
        if c.country in countries or (_division_key(c) in divisions and c.kind != "admin1")
    )


def _division_support(
    spans: Sequence[Span], candidate_lists: Sequence[Sequence[Place]]
) -> dict[tuple[str, str], float]:
    """For each first-level division, how many of the article's different names could lie in
    it, as a score: ambiguous names that can share a division usually do ("Gainesville" and
    "Hall County" are both in Georgia)."""
    names_per_division: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for span, cands in zip(spans, candidate_lists, strict=False):
        if span.demonym or not span.literal:
            continue
        for place in cands[:SUPPORT_CANDIDATES]:
            key = _division_key(place)
            if key is not None:
                names_per_division[key].add(span.key)
    return {
        key: SUPPORT_WEIGHT * min(len(names) - 1, SUPPORT_CAP) / DIVISION_WEIGHT
        for key, names in names_per_division.items()
        if len(names) > 1
    }


def _division_focus(
    picks: Sequence[tuple[Place | None, float, object]],
) -> dict[tuple[str, str], float]:
    """Share of the article's confident places per first-level division."""
    votes: Counter[tuple[str, str]] = Counter()
    for place, score, _ in picks:
        if place is not None and score >= 0.6:
            key = _division_key(place)
            if key is not None:
                votes[key] += 1
    total = sum(votes.values())
    return {key: count / total for key, count in votes.items()} if total >= 2 else {}


def _may_be(span: Span, place: Place) -> bool:
    """Demonyms only for demonyms; banks only for bank phrases (not "the West Bank")."""
    if (place.kind == "demonym") != span.demonym:
        return False
    return span.bank or place.kind != "bank"


def _role(span: Span) -> str:
    if span.demonym:
        return "demonym"
    if span.modifier:  # "Ukraine" in "Armed Forces of Ukraine", literal or not
        return "modifier"
    return "location" if span.literal else "metonym"


def _context_score(span: Span, place: Place) -> float:
    score = 0.0
    if span.kinds:
        score += 3.0 if place.kind in span.kinds else -1.0
    if not span.definite and not span.kinds and place.kind in WATER_KINDS:
        score -= 1.0  # English names rivers and seas with "the": bare "Dnipro" is the city
    if span.definite:
        if place.kind in WATER_KINDS or place.kind in FEATURE_KINDS:
            score += 2.0
        elif place.kind in SETTLEMENT_KINDS:
            score -= 0.5
    return score


class _Weighed(NamedTuple):
    """Candidates' scores from what does not change between the passes of resolution, and
    the first-level division of each, which the second pass reads."""

    scores: list[float]
    divisions: list[tuple[str, str] | None]


#: What :func:`_base_scores` gives for a lone candidate (not a bank, which must be near
#: the article's places), and :func:`_best` takes without weighing.
_UNWEIGHED: Final = _Weighed([0.0], [None])


def _base_scores(
    span: Span, candidates: Sequence[Place], focus: dict[str, float], inside: frozenset[str]
) -> _Weighed:
    """Each candidate's score from its prior, the name's context, the article's country focus
    and a "Place, Region" pair: what does not change between the passes of resolution."""
    if len(candidates) == 1 and candidates[0].kind != "bank":
        return _UNWEIGHED
    facts = [_facts(place) for place in candidates]
    # Variants cost only where some town bears the name as its own ("Mykolaiv" is a
    # transliteration of Mykolayiv's name, and of no other town's own name either).
    own_name_used = any(
        p.kind in SETTLEMENT_KINDS and f.key == span.key
        for p, f in zip(candidates, facts, strict=False)
    )
    scores = []
    for place, fact in zip(candidates, facts, strict=False):
        score = fact.prior + _context_score(span, place)
        if own_name_used and place.kind in SETTLEMENT_KINDS and fact.key != span.key:
            score -= VARIANT_PENALTY  # another town's name, or an old or foreign one
        score += 2.0 * focus.get(place.country or "", 0.0)
        if place.id in inside:
            score += INSIDE_BONUS
        scores.append(score)
    return _Weighed(scores, [fact.division for fact in facts])


def _best(
    span: Span,
    candidates: Sequence[Place],
    base: _Weighed,
    anchor: tuple[float, float] | None,
    divisions: dict[tuple[str, str], float],
    listed: tuple[str, str] | None = None,
    runner_ups: bool = True,
) -> tuple[Place | None, float, tuple[tuple[str, float], ...]]:
    """The best candidate, its share of the softmax and (with ``runner_ups``) the runner-ups,
    adding to the ``base`` scores the division focus, closeness to ``anchor`` and a list's
    kind."""
    if not candidates:
        return None, 0.0, ()
    if base is _UNWEIGHED:  # a lone candidate (a third of all names): nothing to weigh
        return candidates[0], 1.0, ()
    # (negated score, id, position): sorted, the best first and ties by id
    ranked: list[tuple[float, str, int]] = []
    for k, (place, score, division) in enumerate(
        zip(candidates, base.scores, base.divisions, strict=False)
    ):
        if listed is not None and _kind_class(place) == listed:
            score += LIST_BONUS
        if divisions and division is not None:
            score += DIVISION_WEIGHT * divisions.get(division, 0.0)
        # Far in latitude alone is far: most namesakes lie on other continents.
        if (
            anchor is not None
            and place.kind != "country"
            and (place.geometry or abs(place.lat - anchor[1]) < _FAR_DEGREES)
        ):
            km = distance_km(anchor, _point_near(place, anchor))
            score += 1.5 if km <= NEAR_KM else 0.75 if km <= FAR_KM else 0.0
        ranked.append((-score, place.id, k))
    ranked.sort()
    top = ranked[0][0]
    shares = [math.exp(top - negated) for negated, _, _ in ranked]
    total = sum(shares)
    best = candidates[ranked[0][2]]
    if best.kind == "bank" and span.key.endswith(" bank"):
        reach = (
            anchor is not None and distance_km(anchor, _point_near(best, anchor)) <= BANK_REACH_KM
        )
        if not reach:
            return (
                None,
                0.0,
                tuple((place_id, round(-negated, 3)) for negated, place_id, _ in ranked[:3]),
            )
    if not runner_ups:  # the first pass reads the best alone: no rounding for nothing
        return best, 1.0 / total, ()
    alternatives = tuple(
        (place_id, round(share / total, 4))
        for (_, place_id, _), share in zip(ranked[1:4], shares[1:4], strict=False)
    )
    return best, 1.0 / total, alternatives


def _country_focus(
    spans: Sequence[Span], candidate_lists: Sequence[Sequence[Place]], owners_vote: bool = True
) -> dict[str, float]:
    """Share of the article's evidence per country code; without ``owners_vote``, not the
    countries named as the owners of bodies (``Span.modifier``)."""
    votes: Counter[str] = Counter()
    for span, cands in zip(spans, candidate_lists, strict=False):
        if not cands or (not span.literal and cands[0].kind not in ("country", "demonym")):
            continue
        if span.modifier and not owners_vote:
            continue
        top = cands[0]
        if top.kind == "demonym" and top.country:
            votes[top.country] += 1
        elif top.kind == "country" and top.country:
            if not _also_a_division(top, cands):
                votes[top.country] += 2
        elif len({p.country for p in cands}) == 1 and top.country:
            votes[top.country] += 1
    total = sum(votes.values())
    return {code: count / total for code, count in votes.items()} if total else {}


def _also_a_division(country: Place, candidates: Sequence[Place]) -> bool:
    """Whether a country's name is as likely a first-level division's ("Georgia"): such
    a name says nothing of the article's country until it is resolved."""
    return any(p.kind == "admin1" and prior(p) >= prior(country) - 1.0 for p in candidates[1:])


#: Kinds too large (or not places at all) to say where an article's story happens.
_NOT_ANCHORS: Final = frozenset({"country", "continent", "demonym", "bank"})
#: Areas sit at their centre, far from the towns a story is about: a river is drawn near the
#: article's towns rather than near them.
_AREA_KINDS: Final = frozenset({"admin1", "admin2", "region", "sea"})


def _anchor(
    picks: Sequence[tuple[Place | None, float, object]], towns_first: bool = False
) -> tuple[float, float] | None:
    """Median point of the confidently resolved places of the article; with ``towns_first``,
    of its settlements and features only, when it names any."""
    confident = [
        p
        for p, score, _ in picks
        if p is not None and score >= 0.6 and p.kind not in _NOT_ANCHORS and not p.geometry
    ]
    points = [(p.lon, p.lat) for p in confident if not towns_first or p.kind not in _AREA_KINDS]
    points = points or [(p.lon, p.lat) for p in confident]
    if not points:
        return None
    lons = sorted(x for x, _ in points)
    lats = sorted(y for _, y in points)
    return lons[len(lons) // 2], lats[len(lats) // 2]


def _list_anchors(
    spans: Sequence[Span], picks: Sequence[tuple[Place | None, float, object]]
) -> dict[int, tuple[float, float]]:
    """Per name in a list (``Span.group``), the median point of the other towns and features
    of its list resolved with confidence: the places of one list lie together ("near
    Petropavlivka and Kivsharivka": the Petropavlivka near Kivsharivka, not a larger
    namesake 150 km away), closer than the article's places do when a report covers a whole
    front."""
    members: dict[int, list[int]] = defaultdict(list)
    for k, span in enumerate(spans):
        if span.group is not None:
            members[span.group].append(k)
    anchors = {}
    for listed in members.values():
        towns = [k for k in listed if _is_town(picks[k][0])]
        for k in listed:
            found = _anchor([picks[other] for other in towns if other != k])
            if found is not None:
                anchors[k] = found
    return anchors


def _is_town(place: Place | None) -> bool:
    """Whether ``place`` is a town or feature, not an area (nor nothing)."""
    return place is not None and place.kind not in _AREA_KINDS


def _strays(
    place: Place, listmates: tuple[float, float], anchor: tuple[float, float] | None
) -> bool:
    """Whether ``place`` is a village farther than :data:`FAR_KM` from the towns listed
    with it and from the article's places (``anchor``)."""
    point = (place.lon, place.lat)
    return (
        place.kind == "village"
        and distance_km(listmates, point) > FAR_KM
        and (anchor is None or distance_km(anchor, point) > FAR_KM)
    )


def _point_near(place: Place, anchor: tuple[float, float]) -> tuple[float, float]:
    if not place.geometry:
        return place.lon, place.lat
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    nearest = nearest_points(_shape(place), Point(anchor))[0]
    return nearest.x, nearest.y


_SHAPES: Final[dict[str, Any]] = {}


def _shape(place: Place) -> Any:
    """The shapely geometry of ``place``, parsed once per process (rivers recur in every story)."""
    found = _SHAPES.get(place.id)
    if found is None:
        from shapely.geometry import shape

        found = _SHAPES[place.id] = shape(place.geometry)
    return found


def _nearest_point(place: Place, anchor: tuple[float, float], strict: bool) -> Place:
    """``place`` with its point moved to the part of its geometry nearest ``anchor``."""
    if place.geometry and place.geometry.get("type") in ("LineString", "MultiLineString"):
        lon, lat = _point_near(place, anchor)
        if strict or distance_km(anchor, (lon, lat)) <= FAR_KM:
            return replace(place, lon=round(lon, 5), lat=round(lat, 5))
    return place


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two ``(lon, lat)`` points."""
    lat1, lat2 = math.radians(a[1]), math.radians(b[1])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(b[0] - a[0]) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
