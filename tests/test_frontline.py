import datetime as dt
import json

from geomap.events import CROSSING_KINDS, CrossingFinder, extract_events
from geomap.extract import find_spans
from geomap.frontline import control_claims, frontline_features
from geomap.model import Article
from geomap.resolve import resolve

NOV_3 = "Russia has deployed 40,000 soldiers on the western bank of the Dnipro, where Kherson lies."
NOV_11 = (
    "Ukrainian forces entered Kherson on Nov. 11. The Russian military said its units "
    "had completed the move to the left bank of the Dnipro on Nov. 11."
)


def events(gazetteer, text, date):
    article = Article(id=str(date), text=text, date=date)
    mentions = resolve(article.id, find_spans(text, gazetteer), gazetteer)
    finder = CrossingFinder(gazetteer.places_of_kind(*CROSSING_KINDS))
    return extract_events(article, mentions, finder)


def test_claims_and_line_of_contact_from_the_day_the_banks_split(gazetteer):
    found = events(gazetteer, NOV_3, dt.date(2022, 11, 3)) + events(
        gazetteer, NOV_11, dt.date(2022, 11, 12)
    )
    claims = {(c.place.name, c.side, c.date.isoformat()) for c in control_claims(found)}
    assert ("Kherson", "UA", "2022-11-11") in claims
    assert ("Right (west) bank of the lower Dnipro", "RU", "2022-11-03") in claims
    features = frontline_features(found, gazetteer.places_of_kind("bank"), dt.date(2022, 11, 12))
    (line,) = [f for f in features if f["properties"]["kind"] == "line_of_contact"]
    props = line["properties"]
    assert (props["valid_from"], props["valid_to"], props["open_ended"]) == (
        "2022-11-11",
        "2022-11-12",
        True,
    )
    assert sorted(props["side"].split("/")) == ["RU", "UA"]
    assert line["geometry"]["type"] in ("LineString", "MultiLineString")
    held = {
        (f["properties"]["name"], f["properties"]["side"], f["properties"]["valid_from"])
        for f in features
        if f["properties"]["kind"] == "held_area"
    }
    assert ("Right (west) bank of the lower Dnipro", "RU", "2022-11-03") in held
    assert ("Right (west) bank of the lower Dnipro", "UA", "2022-11-11") in held
    json.dumps(features)  # flat and serialisable


def test_expected_and_negated_events_claim_nothing(gazetteer):
    text = "Russian forces would most likely move to the east bank of the Dnipro."
    assert control_claims(events(gazetteer, text, dt.date(2022, 11, 3))) == []
    assert frontline_features([], gazetteer.places_of_kind("bank")) == []


def test_a_withdrawal_beside_an_advance_hands_the_place_to_the_advancing_side(gazetteer):
    text = (
        "Ukrainian troops started moving into the city of Melitopol on Nov. 11 while Russian "
        "units pulled out."
    )
    claims = control_claims(events(gazetteer, text, dt.date(2022, 11, 12)))
    assert {(c.place.name, c.side) for c in claims} == {("Melitopol", "UA")}


def test_a_national_flag_belongs_to_the_side_raising_it(gazetteer):
    text = "On Nov. 14 Ukrainian soldiers raised the national flag over Izium."
    claims = control_claims(events(gazetteer, text, dt.date(2022, 11, 15)))
    assert [(c.place.name, c.side) for c in claims] == [("Izyum", "UA")]


def _event(article, place, event_type, side, day, certainty="reported", sub_type=None, **kw):
    from geomap.model import Event

    return Event(
        event_id=f"{article}-{place.id}-{day}-{event_type}",
        event_type=event_type,
        article_id=article,
        quote=f"{event_type} at {place.name}",
        quote_start=kw.pop("quote_start", day),
        quote_end=0,
        place=place,
        event_date=dt.date(2024, 12, day),
        time_precision=1,
        certainty=certainty,
        actor1_side=side,
        sub_type=sub_type,
        **kw,
    )


def _town(name="Hama"):
    from geomap.model import Place

    return Place(f"test:{name.lower()}", name, "city", 36.75, 35.13, "SY")


def test_a_withdrawal_hands_the_place_to_the_opponent_in_its_article():
    town = _town()
    found = [
        _event("a", town, "withdrawal", "SY", 5, place_role="from"),
        _event("a", _town("Homs"), "advance", "HTS", 7, sub_type="advance"),
        _event("b", _town("Goma"), "advance", "M23", 7, sub_type="capture"),
    ]
    claims = control_claims(found)
    assert [(c.place.name, c.side) for c in claims] == [("Hama", "HTS"), ("Goma", "M23")]


def test_encircled_troops_and_attacks_hold_nothing():
    town = _town()
    found = [
        _event("a", town, "troop_presence", "RU", 5, sub_type="encircled"),
        _event("a", town, "shelling", "UA", 5),
        _event("a", town, "advance", "UA", 5, sub_type="advance"),
    ]
    assert control_claims(found) == []


def test_one_claimed_sentence_does_not_flip_a_place_several_reports_hold():
    town = _town()
    held = _event("a", town, "advance", "HTS", 5, sub_type="capture", report_count=3)
    claim = _event("b", town, "advance", "SY", 7, certainty="claimed", sub_type="capture")
    features = frontline_features([held, claim], [], dt.date(2024, 12, 9))
    (place,) = [f["properties"] for f in features if f["properties"]["kind"] == "held_place"]
    assert (place["side"], place["valid_from"], place["valid_to"]) == (
        "HTS",
        "2024-12-05",
        "2024-12-09",
    )
    # three independent reports of the retaking do flip it, and the interval lists them
    retaken = [
        _event(x, town, "advance", "SY", 7, sub_type="capture", quote_start=k)
        for k, x in enumerate("bcd")
    ]
    features = frontline_features([held, *retaken], [], dt.date(2024, 12, 9))
    runs = [f["properties"] for f in features if f["properties"]["kind"] == "held_place"]
    assert [(r["side"], r["valid_from"], r["valid_to"]) for r in runs] == [
        ("HTS", "2024-12-05", "2024-12-06"),
        ("SY", "2024-12-07", "2024-12-09"),
    ]
    assert runs[1]["claims"] == 3 and runs[1]["article_ids"] == "b;c;d"


def test_generic_rebels_are_the_group_the_corpus_names_most_there(gazetteer):
    named = events(gazetteer, "HTS-led rebels entered Hama on Thursday.", dt.date(2024, 12, 6))
    generic = events(gazetteer, "Rebels captured Homs on Saturday.", dt.date(2024, 12, 8))
    claims = control_claims([*named, *generic])
    assert ("Homs", "HTS") in {(c.place.name, c.side) for c in claims}
    # a tie between two named groups leaves the rebels of no side
    other = events(gazetteer, "SNA fighters captured Manbij on Friday.", dt.date(2024, 12, 7))
    claims = control_claims([*named, *generic, *other])
    assert "Homs" not in {c.place.name for c in claims}


def test_a_withdrawal_does_not_unhold_another_place_of_its_sentence(gazetteer):
    text = "He said Russian forces had left Hostomel but were digging in at Bucha."
    claims = control_claims(events(gazetteer, text, dt.date(2022, 4, 1)))
    assert ("Bucha", "RU") in {(c.place.name, c.side) for c in claims}


def test_dates_at_the_edge_of_the_calendar_do_not_break_the_reading_of_rebels(gazetteer):
    named = events(gazetteer, "RSF fighters entered El Fasher on Thursday.", dt.date(1, 1, 8))
    generic = events(gazetteer, "The rebels captured Kutum on Friday.", dt.date(1, 1, 10))
    late = events(gazetteer, "The rebels captured Kutum on Friday.", dt.date(9999, 12, 30))
    claims = control_claims([*named, *generic, *late])  # no OverflowError
    assert ("Kutum", "RSF") in {(c.place.name, c.side) for c in claims}
