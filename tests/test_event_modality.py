"""Certainty and background of an event, read in the trigger's clause."""

from geomap.events.clauses import clause_at, clauses
from geomap.events.modality import certainty, is_background


def certainty_at(sentence: str, trigger: str, event_type: str = "advance") -> str:
    start = sentence.index(trigger)
    found = clauses(sentence, 0, len(sentence))
    clause = clause_at(found, start)
    return certainty(
        sentence, (0, len(sentence)), clause, (start, start + len(trigger)), event_type
    )


def background_at(sentence: str, trigger: str) -> bool:
    start = sentence.index(trigger)
    return is_background(sentence, 0, clause_at(clauses(sentence, 0, len(sentence)), start), start)


def test_plans_conditions_goals_and_questions_are_expected():
    assert (
        certainty_at(
            "Taking control of the town would allow the army to cut supply lines.", "Taking control"
        )
        == "expected"
    )
    assert certainty_at("Its capture would open the road to the coast.", "capture") == "expected"
    assert certainty_at("The rebels hope to capture the airport.", "capture") == "expected"
    assert (
        certainty_at("Fighting will go on until the flag flies over the city hall.", "flag flies")
        == "expected"
    )
    assert certainty_at("Will the army retake the bridge?", "retake") == "expected"
    # a month called May is not the modal
    assert (
        certainty_at("On 12 May, monitors said troops occupied six villages.", "occupied")
        == "reported"
    )


def test_an_attempted_assault_happened():
    # its outcome is not told: the event stage makes it an advance, not a capture
    sentence = "The rebels are trying to capture the airport."
    assert certainty_at(sentence, "capture", "advance") == "reported"
    assert certainty_at("Troops attempted to storm the village at dawn.", "storm", "advance") == (
        "reported"
    )
    assert certainty_at(sentence, "capture", "shelling") == "expected"


def test_an_order_to_evacuate_is_the_evacuation_itself():
    sentence = "Authorities ordered families with children to evacuate the town."
    assert certainty_at(sentence, "evacuate", "evacuation") == "reported"
    assert certainty_at(sentence, "evacuate", "advance") == "expected"


def test_denials_and_negations_but_not_unverified_claims():
    assert (
        certainty_at("The ministry denied that its troops withdrew from the port.", "withdrew")
        == "negated"
    )
    assert (
        certainty_at("The railway part of the bridge was not damaged.", "bridge was not damaged")
        == "negated"
    )
    assert (
        certainty_at(
            "An official could not independently verify that troops entered the town.", "entered"
        )
        == "reported"
    )


def test_parties_claim_and_neutral_sources_report():
    assert certainty_at("The army said it had recaptured the bridge.", "recaptured") == "claimed"
    assert certainty_at("Commander Yusuf: our forces entered the city", "entered") == "claimed"
    assert certainty_at("Witnesses said militias looted the market.", "looted") == "reported"
    assert certainty_at("Rebels entered the city at dawn.", "entered") == "reported"


def test_relative_clauses_and_the_past_perfect_tell_background():
    assert background_at(
        "The island, which the navy occupied on the first day, is bare.", "occupied"
    )
    assert background_at("The rebels had seized the base long before.", "seized")
    # reported speech in the past perfect is news told by a speaker
    assert not background_at("The mayor said troops had retaken the city.", "retaken")
    assert not background_at("Troops retook the city on Friday.", "retook")


def test_the_speaker_decides_not_any_word_of_the_sentence():
    # the town's residents are not who speaks; the ministry is
    assert (
        certainty_at("The ministry said that drones hit the town of 30,000 residents.", "hit")
        == "claimed"
    )
    # an agency told something is the recipient, not the source
    assert (
        certainty_at("The army retook the bridge, a rebel spokesman told Reuters.", "retook")
        == "claimed"
    )
    assert certainty_at("The army retook the bridge, according to Reuters.", "retook") == "reported"


def test_words_that_only_look_like_modality():
    # "planes" and "plant" are no plans; a negation in an aside negates nothing
    assert (
        certainty_at("Russian planes struck the town at dawn.", "struck", "shelling") == "reported"
    )
    assert certainty_at("The power plant was struck overnight.", "struck", "shelling") == "reported"
    assert certainty_at("Without a fight, rebels entered the city.", "entered") == "reported"
    assert certainty_at("There was no sign of troops withdrawing.", "withdrawing") == "negated"
    # the trigger's own words: the flag no longer flying is its removal, not a denial
    assert (
        certainty_at(
            "The flag is no longer flying over the hall.", "flag is no longer", "flag_removed"
        )
        == "reported"
    )
    # the reported content is not the speaker
    assert (
        certainty_at("The ministry said missiles hit homes and residents fled.", "hit", "shelling")
        == "claimed"
    )


def test_a_country_named_states_is_no_attribution():
    sentence = "The United States military struck Hodeidah and Sanaa."
    assert certainty_at(sentence, "struck", "shelling") == "reported"


def test_an_expectation_framing_another_verb_leaves_the_event_reported():
    sentence = "One of its attempts to ease the pressure was the incursion into the Kursk region."
    assert certainty_at(sentence, "incursion") == "reported"


def test_a_nominal_subject_before_an_aside_and_a_modal_is_expected():
    sentence = "Its capture by the army, which has tried for months, would cut the road."
    assert certainty_at(sentence, "capture") == "expected"


def test_an_aside_between_commas_returns_to_the_main_clause():
    sentence = "Snake Island, which the navy held for a year, was shelled on Friday."
    found = clauses(sentence, 0, len(sentence))
    assert [(sentence[c.start : c.end], c.kind) for c in found] == [
        ("Snake Island", "main"),
        ("which the navy held for a year", "relative"),
        ("was shelled on Friday.", "main"),
    ]


def test_an_aside_attribution_covers_only_the_words_before_it():
    sentence = "Some 50,000 people still live in the town, officials say, while the army advances."
    assert certainty_at(sentence, "advances") == "reported"
    sentence = "The army advanced on the town, military officials said."
    assert certainty_at(sentence, "advanced") == "claimed"
