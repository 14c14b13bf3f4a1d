from geomap.extract import find_spans


def texts(gazetteer, text):
    return [(s.text, s.literal) for s in find_spans(text, gazetteer)]


def test_finds_places_and_skips_people_and_organisations(gazetteer):
    text = (
        "Ivor Prickett for The New York Times reported from Kherson. "
        "Anna Lukinova and President Lincoln were not in Paris."
    )
    found = [t for t, _ in texts(gazetteer, text)]
    assert "Kherson" in found and "Paris" in found
    assert "New York" not in found and "Anna" not in found and "Lincoln" not in found


def test_no_place_inside_a_newspaper_name(gazetteer):
    found = [t for t, _ in texts(gazetteer, "A reporter for Komsomolskaya Pravda filmed it.")]
    assert found == []


def test_metonyms_and_comparisons_are_not_literal(gazetteer):
    spans = dict(
        texts(
            gazetteer,
            "It was a major victory for Kyiv, across an area the size of "
            "Belgium, at 0500 Moscow time. Troops entered Kherson.",
        )
    )
    assert spans == {"Kyiv": False, "Belgium": False, "Moscow": False, "Kherson": True}


def test_kind_word_and_bank_phrases(gazetteer):
    spans = find_spans("They moved to the left bank of the Dnieper River near Kherson.", gazetteer)
    by_text = {s.text: s for s in spans}
    assert "left bank of the Dnieper River" in by_text
    assert by_text["left bank of the Dnieper River"].bank
    assert by_text["Dnieper River"].key == "dnieper river"


def test_bank_phrases_anywhere_in_a_long_text(gazetteer):
    # Only the stretches around each "bank" are searched: phrases at the very start, far
    # apart, in capitals, after a possessive or in text whose lowering changes its length
    # ("İ") are all found; the West Bank is a territory, not a river bank.
    filler = " Officials met to discuss the bridges and the harvest." * 12
    text = (
        "Left bank of the Dnipro came first."
        + filler
        + " Troops held the Dnipro's right bank."
        + filler
        + " Shelling hit the LEFT BANK on Sunday. Talks on the West Bank went on."
    )
    for written in (text, text.replace("Officials", "İOfficials")):
        banks = [s.text for s in find_spans(written, gazetteer) if s.bank]
        assert banks == ["Left bank of the Dnipro", "Dnipro's right bank", "LEFT BANK"]


def test_sentence_initial_common_word_is_not_a_place(gazetteer):
    found = [t for t, _ in texts(gazetteer, "May brought rain to Odesa. Nice weather, she said.")]
    assert "May" not in found and "Odesa" in found


def test_street_and_building_names_are_not_places(gazetteer):
    text = "He lives on Jones Street near the Lincoln Center in Dallas. The Street was closed."
    found = [t for t, _ in texts(gazetteer, text)]
    assert found == ["Dallas"]


def test_a_surname_seen_in_a_full_name_stays_a_person(gazetteer):
    text = "Mike Jones arrived in Denver on Monday. Later, Jones met officials in Denver."
    found = [t for t, _ in texts(gazetteer, text)]
    assert found == ["Denver", "Denver"]


def test_short_capitals_must_name_an_area(gazetteer):
    text = "The FDA tested for HIV in the US and the UK."
    found = [t for t, _ in texts(gazetteer, text)]
    assert found == ["US", "UK"]


def test_contractions_and_hyphenated_names(gazetteer):
    text = "We're told I've seen the Wal-Mart in Houston."
    found = [t for t, _ in texts(gazetteer, text)]
    assert found == ["Houston"]


def test_ukrainian_leaders_names_are_not_places(gazetteer):
    text = "President Volodymyr Zelenskyy visited Kherson. Zelensky said Kherson was free."
    found = [t for t, _ in texts(gazetteer, text)]
    assert found == ["Kherson", "Kherson"]


def test_given_name_makes_the_next_word_a_surname(gazetteer):
    # Roy (Utah) and Jones (Oklahoma) are both towns; together they are a man.
    found = [
        t for t, _ in texts(gazetteer, "The Rev. Roy Jones spoke. Later Jones left for Tulsa.")
    ]
    assert found == ["Tulsa"]


def test_lone_common_surname_needs_a_place_in_the_article(gazetteer):
    unplaced = [t for t, _ in texts(gazetteer, "Walker said the budget was late. Walker left.")]
    assert unplaced == []
    placed = [
        t for t, _ in texts(gazetteer, "A storm hit homes in Walker. Walker has 2,000 people.")
    ]
    assert placed == ["Walker", "Walker"]
    # A large city is known by name even when a surname is spelled the same.
    assert [t for t, _ in texts(gazetteer, "Houston reported no snow.")] == ["Houston"]


def test_titles_compass_words_and_bare_kind_words_are_not_places(gazetteer):
    text = "Sen. Harkin spoke. Northeast of the dam, The city was quiet."
    assert texts(gazetteer, text) == []


def test_institution_names_are_not_literal(gazetteer):
    spans = dict(texts(gazetteer, "The White House spoke of Berlin."))
    assert spans == {"White House": False, "Berlin": True}


def test_place_names_inside_organisation_names_are_modifiers(gazetteer):
    spans = {
        s.text: s
        for s in find_spans(
            "The Ohio Department of Transportation and DeKalb Police met. "
            "The New York Times paid US$460 to Scott Varner.",
            gazetteer,
        )
    }
    assert spans["Ohio"].modifier and spans["DeKalb"].modifier
    assert set(spans) == {"Ohio", "DeKalb"}


def test_demonyms_are_kept_apart(gazetteer):
    spans = {s.text: s for s in find_spans("Russian and Egyptian-US talks in Cairo.", gazetteer)}
    assert spans["Russian"].demonym and spans["Egyptian"].demonym
    assert not spans["US"].demonym and not spans["Cairo"].demonym


def test_agents_and_plural_setbacks_are_metonyms(gazetteer):
    spans = dict(
        texts(
            gazetteer,
            "Kherson was captured by Moscow. It was one of the biggest setbacks for Moscow.",
        )
    )
    assert spans == {"Kherson": True, "Moscow": False}


def test_place_region_pairs(gazetteer):
    spans = {
        s.text: s
        for s in find_spans(
            "Officers in Athens, Ga., and Dayton, OH, met in Gori, Georgia.", gazetteer
        )
    }
    assert spans["Athens"].within == "georgia" and spans["Ga."].kinds == {"admin1"}
    assert spans["Dayton"].within == "ohio" and spans["OH"].key == "ohio"
    assert spans["Gori"].within == "georgia" and "Georgia" in spans


def test_institutions_germs_and_demonym_led_names_are_not_places(gazetteer):
    text = (
        "The European Union and the Indian Air Force sent aid. Hamas and the Federal "
        "Minister spoke of the Marburg virus. Rethinking Egypt-US relations, D-Columbus."
    )
    spans = {s.text: s for s in find_spans(text, gazetteer)}
    assert {"Union", "Air", "Hamas", "Federal", "Marburg"}.isdisjoint(spans)
    assert spans["Indian"].demonym
    assert {"Egypt", "US", "Columbus"} <= set(spans)


def test_initials_numbers_feasts_and_possessives(gazetteer):
    text = (
        "Officer Eggers shot Tyrise M. Bell. The Section 2AA title went to Scott West. "
        "St. Patrick's Day parades went on. He pressed a gun into Walker's back."
    )
    found = [t for t, _ in texts(gazetteer, text)]
    assert {"Bell", "Section", "Patrick", "Walker"}.isdisjoint(found)


def test_country_after_a_given_name_in_a_company_name(gazetteer):
    found = [
        t for t, _ in texts(gazetteer, "Taco Bell Canada recalled onions. Michael Jordan won.")
    ]
    assert found == ["Canada"]


def test_places_inside_names_of_fairs_buildings_and_bodies(gazetteer):
    text = (
        "The Walker County Fair opened. The Florida Highway Patrol closed roads near the "
        "Dublin Community Center. He was represented by Rochester attorney Michael York."
    )
    spans = {s.text: s for s in find_spans(text, gazetteer)}
    assert spans["Walker County"].modifier and spans["Florida"].modifier
    assert spans["Dublin"].modifier
    assert spans["Rochester"].literal  # not the agent "represented by" a government


def test_firms_and_small_divisions_named_like_people(gazetteer):
    text = "Stevens & Wilkinson sued the city. Michael Eneramo scored for the team in Cairo."
    assert [t for t, _ in texts(gazetteer, text)] == ["Cairo"]


def test_possessives_and_french_connectors_inside_names(gazetteer):
    found = {
        s.text for s in find_spans("The People's Republic of China and Port-au-Prince.", gazetteer)
    }
    assert {"People's Republic of China", "Port-au-Prince"} <= found


def test_lists_are_marked_and_take_the_kind_word_around_them(gazetteer):
    spans = find_spans("the counties of Kent and Essex, then Paris", gazetteer)
    by = {s.text: s for s in spans}
    assert by["Kent"].group == by["Essex"].group is not None
    assert "admin2" in by["Kent"].kinds and "admin2" in by["Essex"].kinds
    assert by["Paris"].group is None  # ", then" does not continue a list


def test_a_landform_noun_ending_an_unknown_name_is_no_place(gazetteer):
    # "Bay" is a region of Somalia and "Plateau" a state of Nigeria, but not here.
    found = {
        s.text
        for s in find_spans("Waters flowed into Mahim Bay and the Central Plateau.", gazetteer)
    }
    assert "Bay" not in found and "Plateau" not in found
    assert "Delta" in {s.text for s in find_spans("A Delta police officer spoke.", gazetteer)}


def test_names_the_gazetteer_lacks_are_found_by_their_kind_word(gazetteer):
    # The search for "X County" starts just before the first kind word: a long text before
    # it, and several kind words, must not change what is found.
    opening = "The council met on Monday and talked about roads and schools for hours. " * 20
    text = opening + "Crews from Zorvath Falls Township and Quillby County reached Brenmoor Lake."
    unknown = [s for s in find_spans(text, gazetteer) if not gazetteer.has(s.key)]
    assert [(s.text, s.start) for s in unknown] == [
        ("Zorvath Falls Township", text.index("Zorvath")),
        ("Quillby County", text.index("Quillby")),
        ("Brenmoor Lake", text.index("Brenmoor")),
    ]
    assert [s.text for s in find_spans("No kind word here at all.", gazetteer)] == []


def literal_by_text(gazetteer, text):
    """Each name's literal readings in text order (a name written twice has two)."""
    found: dict[str, list[bool]] = {}
    for span in find_spans(text, gazetteer):
        found.setdefault(span.text, []).append(span.literal and not span.modifier)
    return found


def test_a_state_acting_or_speaking_is_a_metonym(gazetteer):
    text = (
        "Syria has rejected the offer and Damascus is sending more troops north. "
        "Sudan recaptures the town, which Ethiopia occupied in 2020. "
        "Baku quietly annexed the valley. Israel didn’t reply. Russia and Ukraine have "
        "agreed. Fighting in Syria has killed many."
    )
    found = literal_by_text(gazetteer, text)
    assert found["Syria"] == [False, True]  # the second is where fighting happened
    assert found["Damascus"] == found["Sudan"] == found["Ethiopia"] == [False]
    assert found["Baku"] == found["Israel"] == found["Russia"] == found["Ukraine"] == [False]


def test_a_place_acted_on_stays_a_place(gazetteer):
    text = (
        "Khartoum was shelled overnight and Kyiv has been hit again. Aleppo captured by "
        "rebels. Kharkiv shelled overnight. Russian troops withdrew from Kherson. Troops "
        "entered Mariupol and Israel announced it. The town is bordered by Russia to the east. "
        "Sumy was hit hardest, followed by Odesa."
    )
    found = literal_by_text(gazetteer, text)
    for name in ("Khartoum", "Kyiv", "Aleppo", "Kharkiv", "Kherson", "Mariupol", "Russia", "Odesa"):
        assert found[name] == [True], name


def test_institutions_and_forces_of_a_state_are_metonyms(gazetteer):
    text = (
        "Israel's phased withdrawal was confirmed by US officials. Kyiv's soldiers and "
        "the Bakhmut garrison held out. Azerbaijan's presidency spoke. It lies in "
        "Russia's Belgorod region. Springfield officials met."
    )
    found = literal_by_text(gazetteer, text)
    assert found["Israel"] == found["US"] == found["Kyiv"] == [False]
    assert found["Bakhmut"] == found["Azerbaijan"] == [False]
    # A country's part is a place; a town's own officials say where the story is.
    assert found["Russia"] == found["Springfield"] == [True]


def test_names_inside_the_names_of_bodies_are_modifiers(gazetteer):
    text = (
        "The Armed Forces of Ukraine reached Kupiansk, the Security Service of Ukraine said. "
        "The Tigray People's Liberation Front left Mekelle. The Azov Battalion held the "
        "plant. The town council of Bucha met. The government of Sudan denied it."
    )
    spans = find_spans(text, gazetteer)
    by_text = {s.text: s for s in spans}
    assert [s.modifier for s in spans if s.text == "Ukraine"] == [True, True]
    assert by_text["Tigray"].modifier and by_text["Azov"].modifier
    assert {"Liberation", "Front", "Battalion"}.isdisjoint(by_text)  # no village there
    assert by_text["Bucha"].literal and not by_text["Bucha"].modifier  # a town's own council
    assert not by_text["Sudan"].literal  # the state's government
    assert by_text["Kupiansk"].literal and by_text["Mekelle"].literal


def test_agents_backers_and_parties_are_metonyms(gazetteer):
    text = (
        "The Rwanda-backed rebels took Goma, a UK-based charity said. The vote was "
        "denounced by both Kyiv and its allies. There was no comment from Moscow, thanks to "
        "Ukraine, and the war against Russia went on, handing Iran a victory. According "
        "to Yemen, the mayor of Irpin spoke of the invasion of Georgia."
    )
    found = literal_by_text(gazetteer, text)
    for name in ("Rwanda", "Kyiv", "Moscow", "Ukraine", "Russia", "Iran", "Yemen"):
        assert found[name] == [False], name
    for name in ("Goma", "UK", "Irpin", "Georgia"):
        assert found[name] == [True], name


def test_a_newspapers_name_holds_no_place(gazetteer):
    found = [t for t, _ in texts(gazetteer, "The Sudan Tribune reported calm in El Obeid.")]
    assert found == ["El Obeid"]
