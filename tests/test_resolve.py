from geomap.extract import find_spans
from geomap.resolve import distance_km, resolve


def resolved(gazetteer, text):
    return {m.text: m for m in resolve("t", find_spans(text, gazetteer), gazetteer)}


def test_context_picks_the_river_over_the_city(gazetteer):
    by = resolved(gazetteer, "Russian troops crossed the Dnipro near Kherson.")
    assert by["Dnipro"].place.kind == "river"
    # A river's point is moved to the stretch nearest the article's other places.
    assert distance_km((by["Dnipro"].place.lon, by["Dnipro"].place.lat), (32.61, 46.64)) < 30
    city = resolved(gazetteer, "Missiles hit Dnipro and Zaporizhzhia overnight.")
    assert city["Dnipro"].place.kind == "city"


def test_document_focus_prefers_the_articles_country(gazetteer):
    by = resolved(
        gazetteer, "Fighting near Kharkiv and Izium. Residents of Moscow in Ukraine fled."
    )
    assert by["Moscow"].place.country in ("RU", "UA")
    us = resolved(
        gazetteer,
        "Storms crossed the United States. In Paris, near Dallas and Sherman, roads closed.",
    )
    assert us["Paris"].place.country == "US"


def test_bare_bank_resolves_only_near_the_story(gazetteer):
    near = resolved(gazetteer, "In Kherson, troops left the right bank.")
    assert near["right bank"].place.id == "geomap:dnipro-right-bank-south"
    far = resolved(gazetteer, "In Chicago, joggers used the east bank.")
    assert far["east bank"].place is None


def test_scores_and_alternatives(gazetteer):
    by = resolved(gazetteer, "Officials in Moscow and Kherson spoke.")
    assert 0.0 < by["Moscow"].score <= 1.0
    assert by["Moscow"].alternatives


def test_roles_and_demonyms_resolve_to_their_country(gazetteer):
    by = resolved(gazetteer, "Russian troops left. The Texas Fire Service said Moscow said no.")
    assert by["Russian"].role == "demonym" and by["Russian"].place.kind == "country"
    assert by["Russian"].place.country == "RU"
    assert by["Texas"].role == "modifier" and by["Texas"].place.kind == "admin1"
    assert by["Moscow"].role == "metonym" and not by["Moscow"].literal


def test_countries_sit_at_the_centre_of_their_main_landmass(gazetteer):
    us = resolved(gazetteer, "Flights to the United States resumed.")["United States"].place
    assert distance_km((us.lon, us.lat), (-98.58, 39.83)) < 50


def test_counties_and_raions_are_places(gazetteer):
    by = resolved(gazetteer, "Deputies in Hall County searched Gainesville.")
    hall = by["Hall County"].place
    assert hall.kind == "admin2" and hall.country == "US"
    raion = resolved(gazetteer, "Shelling hit the Khersonskyi district.")["Khersonskyi district"]
    assert raion.place.kind == "admin2" and raion.place.admin1.startswith("Kherson")


def test_place_region_pairs_pick_the_namesake_in_that_region(gazetteer):
    by = resolved(gazetteer, "Officers in Athens, Ga., met. Talks in Gori, Georgia, ended.")
    assert (by["Athens"].place.country, by["Athens"].place.admin1) == ("US", "Georgia")
    assert by["Ga."].place.kind == "admin1"
    assert by["Gori"].place.country == "GE"
    assert by["Georgia"].place.kind == "country"


def test_a_place_outside_the_division_written_beside_it_is_left_unresolved(gazetteer):
    # no Ivanivka of Kharkiv Oblast in the gazetteer: not one hundreds of kilometres away
    by = resolved(gazetteer, "Fighting went on near Ivanivka, Kharkiv Oblast, all day.")
    assert by["Ivanivka"].place is None
    assert by["Kharkiv Oblast"].place.kind == "admin1"
    by = resolved(gazetteer, "Fighting went on near Ivanivka, Kherson Oblast, all day.")
    assert by["Ivanivka"].place.admin1 == "Kherson Oblast"
    # a city with a division of its own lies in the one around it
    by = resolved(gazetteer, "Drones struck Sevastopol, Crimea, at night.")
    assert by["Sevastopol"].place.name == "Sevastopol"
    # a list, not a city in the division after it
    by = resolved(gazetteer, "Attacks on Kherson, Zaporizhzhia Oblast and Dnipro went on.")
    assert by["Kherson"].place.name == "Kherson"


def test_local_news_keeps_to_its_state(gazetteer):
    text = (
        "Deputies from Hall County and Flowery Branch searched Gainesville and Oakwood "
        "after the storm."
    )
    by = resolved(gazetteer, text)
    assert by["Gainesville"].place.admin1 == "Georgia"


def test_regions_and_seas_from_the_projects_table(gazetteer):
    by = resolved(
        gazetteer,
        "Settlers in the West Bank and ships in the Mediterranean. Floods hit NSW. "
        "Talks on the Middle East resumed.",
    )
    assert by["West Bank"].place.country == "PS"
    assert by["Mediterranean"].place.kind == "sea"
    assert by["NSW"].place.name == "New South Wales"
    assert by["Middle East"].place.kind == "region"


def test_ambiguous_names_that_can_share_a_division_do(gazetteer):
    by = resolved(gazetteer, "Officials from Gainesville and Hall County met on Monday.")
    assert by["Gainesville"].place.admin1 == by["Hall County"].place.admin1 == "Georgia"


def test_front_line_towns_and_oblasts(gazetteer):
    text = (
        "Fighting continued near Bakhmut and Soledar. Officials in Kharkiv Oblast said Izium "
        "had power again. In Mykolaiv, residents queued for water."
    )
    by = resolved(gazetteer, text)
    assert by["Kharkiv Oblast"].place.kind == "admin1" and by["Kharkiv Oblast"].literal
    assert by["Bakhmut"].place.admin1 == "Donetsk Oblast"
    assert by["Izium"].place.admin1 == "Kharkiv Oblast"


def test_unknown_named_areas_are_reported_unresolved(gazetteer):
    by = resolved(gazetteer, "The Zorbanic River flooded Qwertyville Township near Kherson.")
    assert by["Zorbanic River"].place is None and by["Qwertyville Township"].place is None
    assert by["Kherson"].place is not None


def test_a_state_named_like_a_smaller_town_is_the_state(gazetteer):
    # Oregon, Ohio (20,000 people) does not take the state's name; Kherson keeps its own.
    assert resolved(gazetteer, "Fires burned in Oregon.")["Oregon"].place.kind == "admin1"
    assert resolved(gazetteer, "Floods hit Bihar again.")["Bihar"].place.kind == "admin1"
    assert resolved(gazetteer, "Troops entered Kherson.")["Kherson"].place.kind != "admin1"


def test_lists_of_names_share_a_kind(gazetteer):
    text = (
        "Cases were reported in Arizona, California, Colorado, Georgia, Illinois, Missouri, "
        "New York, Ohio, Oregon, Utah, Washington and Wisconsin."
    )
    by = resolved(gazetteer, text)
    for name in ("Georgia", "Illinois", "New York", "Oregon", "Washington"):
        assert (by[name].place.kind, by[name].place.country) == ("admin1", "US"), name
    # In a list of countries, "Iraq, Iran" is not a town of Iraq inside Iran.
    countries = resolved(gazetteer, "Armenia, Azerbaijan, Georgia, Iraq, Iran, and Syria agreed.")
    assert countries["Iraq"].place.kind == "country"
    assert countries["Georgia"].place.country == "GE"


def test_kind_words_before_and_after_a_list(gazetteer):
    by = resolved(gazetteer, "It was found in the state of Washington last year.")
    assert by["Washington"].place.kind == "admin1"
    zimbabwe = resolved(
        gazetteer, "Cholera spread in the Mashonaland West, Manicaland and Midlands provinces."
    )
    assert zimbabwe["Midlands"].place.country == "ZW"
    india = resolved(gazetteer, "Floods hit the Indian states of Bihar and Uttar Pradesh.")
    assert india["Bihar"].place.kind == india["Uttar Pradesh"].place.kind == "admin1"


def test_a_name_of_both_a_country_and_a_state_does_not_set_the_articles_country(gazetteer):
    by = resolved(gazetteer, "ATLANTA - Georgia authorities charged the group in Atlanta.")
    assert (by["Georgia"].place.kind, by["Georgia"].place.country) == ("admin1", "US")
    abroad = resolved(gazetteer, "Russian troops entered Georgia near Tbilisi.")
    assert abroad["Georgia"].place.country == "GE"


def _km(place, lon, lat):
    return distance_km((place.lon, place.lat), (lon, lat))


def test_named_sites_resolve_to_the_site_not_the_town_of_their_name(gazetteer):
    by = resolved(
        gazetteer,
        "Shelling again cut the Zaporizhzhia nuclear power plant from the grid, and the "
        "ZNPP ran on diesel. Paratroopers landed at the Antonov airport near Kyiv.",
    )
    plant = by["Zaporizhzhia nuclear power plant"].place
    assert plant.kind == "power station" and _km(plant, 34.59, 47.51) < 5
    assert by["ZNPP"].place.id == plant.id
    airport = by["Antonov airport"].place
    assert airport.kind == "airport" and _km(airport, 30.19, 50.60) < 5
    more = resolved(
        gazetteer,
        "Marines held out in the Azovstal steel works for weeks. Drones struck Zamzam camp "
        "south of El Fasher. Ukraine retook Snake Island in the Black Sea.",
    )
    assert _km(more["Azovstal steel works"].place, 37.60, 47.10) < 5
    assert more["Zamzam camp"].place.kind == "camp"
    assert _km(more["Zamzam camp"].place, 25.30, 13.50) < 10
    assert _km(more["Snake Island"].place, 30.20, 45.26) < 5
    town = resolved(gazetteer, "Residents of Zaporizhzhia heard explosions overnight.")
    assert town["Zaporizhzhia"].place.kind == "city"


def test_bridge_variants_and_front_villages(gazetteer):
    by = resolved(
        gazetteer, "A truck bomb damaged the Crimean bridges; the Kerch road bridge reopened."
    )
    assert by["Crimean bridges"].place.id == by["Kerch road bridge"].place.id
    assert by["Crimean bridges"].place.kind == "bridge"
    villages = resolved(gazetteer, "Soldiers entered Kapytolivka and Robotyne this week.")
    assert _km(villages["Kapytolivka"].place, 37.28, 49.21) < 10  # by Izium
    assert _km(villages["Robotyne"].place, 35.84, 47.45) < 5  # south of Orikhiv


def test_organisations_and_weapons_are_not_places(gazetteer):
    text = (
        "The Red Cross evacuated civilians. The Institute for the Study of War said the war "
        "had moved east. The Center for Defense Strategies agreed. Troops fired Grad rockets "
        "and a Neptune missile, and Wagner fighters withdrew from Bakhmut. Vladimir Putin "
        "called it a victory. Fighters of Hayat Tahrir al-Sham and Ahrar al-Sham held out."
    )
    names = set(resolved(gazetteer, text))
    assert names == {"Bakhmut"}
    city = resolved(gazetteer, "Drones hit Vladimir overnight.")["Vladimir"].place
    assert (city.kind, city.country) == ("city", "RU")


def test_crossings_straits_and_spellings_of_front_villages(gazetteer):
    by = resolved(
        gazetteer,
        "Lorries queued at the Rafah crossing while tankers waited in the Kerch Strait. "
        "Ukrainian units entered Oskol, east of Izium.",
    )
    assert by["Rafah crossing"].place.kind == "crossing"
    assert _km(by["Rafah crossing"].place, 34.26, 31.25) < 5
    assert by["Kerch Strait"].place.kind == "strait"
    assert _km(by["Kerch Strait"].place, 36.55, 45.3) < 30
    oskil = by["Oskol"].place  # GeoNames' Oskil, not a namesake
    assert oskil.country == "UA" and _km(oskil, 37.28, 49.21) < 20


def test_quarters_of_gaza_and_divisions_as_news_writes_them(gazetteer):
    by = resolved(
        gazetteer,
        "Tanks pushed into Shejaiya in Gaza City while strikes hit Tal al-Sultan in Rafah. "
        "Rebels advanced in North Kivu; the army shelled villages in Karen State.",
    )
    assert _km(by["Shejaiya"].place, 34.47, 31.50) < 5  # Gaza City, not a namesake
    assert _km(by["Tal al-Sultan"].place, 34.24, 31.30) < 5  # western Rafah
    assert (by["North Kivu"].place.kind, by["North Kivu"].place.country) == ("admin1", "CD")
    assert (by["Karen State"].place.kind, by["Karen State"].place.country) == ("admin1", "MM")


def test_sentence_initial_common_words_of_war_news_are_not_places(gazetteer):
    text = (
        "Marines landed at dawn. Grain exports resumed. Tass reported the strike, and "
        "Ukrainska Pravda denied it. Drone debris fell on a school. Convoy routes closed. "
        "Border guards fired flares near Sumy."
    )
    assert set(resolved(gazetteer, text)) == {"Sumy"}


def test_government_buildings_are_metonyms_with_a_place(gazetteer):
    by = resolved(
        gazetteer, "The Kremlin said the Crimean Peninsula was safe; the Pentagon disagreed."
    )
    assert by["Kremlin"].role == "metonym"
    assert _km(by["Kremlin"].place, 37.62, 55.75) < 3
    assert by["Crimean Peninsula"].place.id == "admin1:UA:crimea"
    assert by["Pentagon"].place.country == "US"


def test_roles_of_states_acting_bodies_and_places_acted_on(gazetteer):
    by = resolved(
        gazetteer,
        "Russia has recaptured the village, the Armed Forces of Ukraine said. "
        "Russian troops withdrew from Kherson.",
    )
    assert by["Russia"].role == "metonym" and by["Russia"].place.country == "RU"
    assert by["Ukraine"].role == "modifier" and by["Ukraine"].place.kind == "country"
    assert by["Kherson"].role == "location" and by["Kherson"].literal
    forces = resolved(gazetteer, "The Israel Defense Forces said Gaza City was hit.")
    assert forces["Israel"].role == "modifier"
    assert forces["Gaza City"].role == "location"


def test_a_list_of_names_keeps_together_where_the_article_ranges_wide(gazetteer):
    text = (
        "Russian troops shelled Kherson, Mykolaiv and Beryslav overnight. In the north-east, "
        "fighting went on near Petropavlivka and Kivsharivka."
    )
    by = resolved(gazetteer, text)
    petropavlivka, kivsharivka = by["Petropavlivka"].place, by["Kivsharivka"].place
    # the Petropavlivka beside Kivsharivka, not its larger namesake 150 km south
    assert (
        distance_km((petropavlivka.lon, petropavlivka.lat), (kivsharivka.lon, kivsharivka.lat)) < 30
    )


def test_a_listed_village_far_from_its_list_and_the_story_is_left_unresolved(gazetteer):
    # the gazetteer's only Borysivka lies 500 km away, by Odesa: a namesake of the village
    # beside Strilecha, which it lacks
    text = "Shelling hit Vovchansk. Russian troops captured Strilecha and Borysivka."
    by = resolved(gazetteer, text)
    assert by["Strilecha"].place is not None and by["Borysivka"].place is None
    # alone, or listed with towns near it, the same village is found
    alone = resolved(gazetteer, "Shelling hit Borysivka and Izmail in Odesa Oblast.")
    assert alone["Borysivka"].place is not None
