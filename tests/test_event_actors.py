"""Who acts, on which side: named forces, demonyms, governments and generic words."""

import datetime as dt

from geomap.events import extract_events
from geomap.extract import find_spans
from geomap.model import Article
from geomap.resolve import resolve


def events_of(gazetteer, text, date=dt.date(2024, 12, 8)):
    article = Article(id="a", text=text, date=date)
    mentions = resolve("a", find_spans(text, gazetteer), gazetteer)
    return [e for e in extract_events(article, mentions) if e.event_type != "statement"]


def side_of(events, event_type, place):
    (event,) = [e for e in events if e.event_type == event_type and e.place.name == place]
    return event.actor1_side


def test_non_state_forces_have_a_side_of_their_own(gazetteer):
    found = events_of(gazetteer, "The RSF shelled El Fasher for a third day on Friday.")
    assert side_of(found, "shelling", "El Fasher") == "RSF"
    found = events_of(gazetteer, "M23 fighters entered Goma on Sunday night.")
    assert side_of(found, "advance", "Goma") == "M23"


def test_a_generic_word_takes_the_side_of_the_force_the_article_names(gazetteer):
    text = (
        "Hayat Tahrir al-Sham launched its offensive last week.\n"
        "On Saturday the rebels captured Hama after government forces withdrew from Hama."
    )
    found = events_of(gazetteer, text)
    assert side_of(found, "advance", "Ḩamāh") == "HTS"
    assert side_of(found, "withdrawal", "Ḩamāh") == "SY"  # the state of the article's places


def test_led_forces_and_backers(gazetteer):
    found = events_of(gazetteer, "HTS-led rebels entered Damascus early on Sunday.")
    assert side_of(found, "advance", "Damascus") == "HTS"
    # a country's adjective before "rebels" is not that country's army
    found = events_of(gazetteer, "Syrian rebels seized Aleppo.")
    assert side_of(found, "advance", "Aleppo") is None  # the article names no group


def test_a_passive_agent_is_the_actor(gazetteer):
    found = events_of(
        gazetteer, "Irpin was retaken by the Ukrainian army on Monday.", dt.date(2022, 3, 28)
    )
    assert side_of(found, "advance", "Irpin") == "UA"
    found = events_of(gazetteer, "Lashio fell to the MNDAA on Saturday.", dt.date(2024, 8, 3))
    assert side_of(found, "advance", "Lashio") == "MNDAA"


def test_a_side_named_by_its_weapons(gazetteer):
    found = events_of(gazetteer, "An Israeli airstrike hit a camp in Rafah.", dt.date(2024, 5, 27))
    assert side_of(found, "shelling", "Rafah") == "IL"


def test_who_holds_a_place_and_who_only_reports(gazetteer):
    article = Article(
        id="a",
        text="Buses arrived in the Russian-held town of Novoazovsk.",
        date=dt.date(2022, 5, 17),
    )
    mentions = resolve("a", find_spans(article.text, gazetteer), gazetteer)
    found = extract_events(article, mentions)
    # who holds a place is a statement (evidence for the front line), not an event
    assert side_of(found, "statement", "Novoazovs'k") == "RU"
    assert [e.sub_type for e in found if e.event_type == "statement"] == ["held"]
    # the source of a sentence is not who acts in it
    found = events_of(
        gazetteer, "A strike hit Dhamar, the Houthi media office said.", dt.date(2024, 10, 4)
    )
    assert side_of(found, "shelling", "Dhamār") is None


def test_to_names_the_taker_only_after_a_fall(gazetteer):
    found = events_of(
        gazetteer,
        "Ukrainian fighters surrendered to Russian forces in Mariupol.",
        dt.date(2022, 5, 17),
    )
    assert side_of(found, "withdrawal", "Mariupol") == "UA"


def test_a_definite_strike_or_force_takes_the_forces_of_the_sentence_before(gazetteer):
    text = (
        "The RSF shelled El Fasher on Monday. The bombardment destroyed dozens of homes "
        "in the city."
    )
    found = events_of(gazetteer, text, dt.date(2024, 6, 4))
    assert side_of(found, "infrastructure_destroyed", "El Fasher") == "RSF"


def test_we_are_the_speaker_s_forces(gazetteer):
    # the speaker named with a side: theirs
    found = events_of(
        gazetteer,
        '"We have taken Soledar," the Russian defence ministry said.',
        dt.date(2023, 1, 13),
    )
    assert side_of(found, "advance", "Soledar") == "RU"
    # no speaker's side: the article's state (where its places are)
    text = (
        "Ukrainian forces retook Irpin on Sunday. "
        '"We will liberate Bucha next," the mayor of Irpin said.'
    )
    found = events_of(gazetteer, text, dt.date(2022, 3, 28))
    assert side_of(found, "advance", "Bucha") == "UA"
