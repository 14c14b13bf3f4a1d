"""Streets, squares and parks in Ukrainian and Russian text, placed at their settlement."""

from __future__ import annotations

from geomap.events.tables import read_table
from geomap.languages import TABLES
from geomap.languages.recognize import find_spans_slavic
from geomap.languages.streets import find_streets
from geomap.model import Article
from geomap.pipeline import process


def _streets(gazetteer, text: str, lang: str = "uk") -> list[tuple[str, str | None]]:
    """(text, place name) of the mentions of ``text``, streets and places alike."""
    article = Article(id="s", text=text, lang=lang)
    return [
        (m.text, m.place.name if m.place else None) for m in process(article, gazetteer).mentions
    ]


def test_a_street_is_placed_at_the_town_named_in_its_sentence(gazetteer) -> None:
    text = "Снаряд влучив у будинок на вул. Перекопській, 12 у Херсоні."
    assert _streets(gazetteer, text) == [
        ("вул. Перекопській, 12", "Kherson"),
        ("Херсоні", "Kherson"),
    ]


def test_the_town_before_a_street_with_a_comma_is_its_town(gazetteer) -> None:
    text = "Адреса штабу: м. Миколаїв, просп. Центральний, 5. Інших адрес немає."
    assert _streets(gazetteer, text) == [
        ("Миколаїв", "Mykolayiv"),
        ("просп. Центральний, 5", "Mykolayiv"),  # not a village Tsentralnyi near Mykolaivka
    ]


def test_a_list_of_streets_lies_in_one_town(gazetteer) -> None:
    text = "Ремонтують вулиці Садову, Лісову та Б. Хмельницького в Ізюмі, а в Харкові – ні."
    found = _streets(gazetteer, text)
    assert found[:3] == [
        ("вулиці Садову", "Izyum"),
        ("Лісову", "Izyum"),
        ("Б. Хмельницького", "Izyum"),
    ]


def test_an_adjective_before_the_noun_names_a_street(gazetteer) -> None:
    text = "Ми вийшли на Чумацьку вулицю, а потім до Стрийського парку у Львові."
    assert _streets(gazetteer, text) == [
        ("Чумацьку вулицю", "Lviv"),
        ("Стрийського парку", "Lviv"),
        ("Львові", "Lviv"),
    ]


def test_a_russian_square_and_street(gazetteer) -> None:
    text = "Снаряд упал на Соборной площади Белгорода, осколки долетели до ул. Попова."
    assert _streets(gazetteer, text, "ru") == [
        ("Соборной площади", "Belgorod"),
        ("Белгорода", "Belgorod"),
        ("ул. Попова", "Belgorod"),
    ]


def test_streets_of_a_town_and_a_town_named_street(gazetteer) -> None:
    # "вулиці Херсона" are Kherson's streets; "вул. Горького" is a street, not Gorky
    text = "Вулиці Херсона порожні. Ремонт на вул. Горького в Києві."
    assert _streets(gazetteer, text) == [
        ("Херсона", "Kherson"),
        ("вул. Горького", "Kyiv"),
        ("Києві", "Kyiv"),
    ]


def test_a_square_named_by_a_common_word_that_a_village_bears_too(gazetteer) -> None:
    # "Свободи" is a village's name in the gazetteer, and the name of squares everywhere
    text = "Президент відвідав Херсон. На площі Свободи він виступив перед людьми."
    assert _streets(gazetteer, text) == [("Херсон", "Kherson"), ("площі Свободи", "Kherson")]
    russian = "В Белгороде на площади Победы прошел митинг."
    assert _streets(gazetteer, russian, "ru") == [
        ("Белгороде", "Belgorod"),
        ("площади Победы", "Belgorod"),
    ]


def test_no_street_without_a_name_and_none_from_an_area(gazetteer) -> None:
    text = "На вулиці було холодно. Загальна площа ділянки 2 га, площею 5 соток."
    assert _streets(gazetteer, text) == []
    # a full stop after the noun ends its sentence: the next capital names no street
    assert _streets(gazetteer, "Ми вийшли на вулицю. Навколо було тихо.") == []


def test_a_street_in_an_article_without_a_town_is_unresolved(gazetteer) -> None:
    assert _streets(gazetteer, "Обстріляли вул. Садову, 3.") == [("вул. Садову, 3", None)]


def test_a_site_the_gazetteer_lacks_is_placed_at_its_settlement(gazetteer) -> None:
    text = "Ділянка лежить за 170 м від Маякського мосту біля села Маяки Одеської області."
    found = _streets(gazetteer, text)
    assert found[0] == ("Маякського мосту", "Mayaky")
    text = "Кафе стоїть на пляжі «Ланжерон» в Одесі."
    assert ("пляжі «Ланжерон»", "Odesa") in _streets(gazetteer, text)


def test_a_site_the_gazetteer_holds_stays_that_place(gazetteer) -> None:
    article = Article(id="b", text="Бої точаться біля Антонівського мосту.", lang="uk")
    (mention,) = process(article, gazetteer).mentions
    assert (mention.place.name, mention.place.kind) == ("Antonivskyi Bridge", "bridge")


def test_streets_named_by_a_number_and_written_without_a_full_stop(gazetteer) -> None:
    text = "Ремонт на вул 30 років Перемоги та на вул Садовій, 7 у Полтаві."
    assert _streets(gazetteer, text) == [
        ("вул 30 років Перемоги", "Poltava"),
        ("вул Садовій, 7", "Poltava"),
        ("Полтаві", "Poltava"),
    ]


def test_a_street_in_a_sentence_without_a_town_is_in_the_last_town_named(gazetteer) -> None:
    text = (
        "Обстріляли Велику Олександрівку. У Херсоні снаряд влучив у будинок. "
        "Евакуація триває з Корабельного мікрорайону."
    )
    assert _streets(gazetteer, text)[-1] == ("Корабельного мікрорайону", "Kherson")


def test_an_inflected_hyphenated_abbreviation(gazetteer) -> None:
    text = "В Белгороде повреждены дома на пр-те Богдана Хмельницкого."
    assert ("пр-те Богдана Хмельницкого", "Belgorod") in _streets(gazetteer, text, "ru")


def test_in_a_long_article_each_street_is_in_its_own_sentences_town(gazetteer) -> None:
    # the towns of a street's sentence are sought outwards from it, not among all the
    # article's towns: the answer must be the same as when every town was weighed
    towns = [("Херсоні", "Kherson"), ("Миколаєві", "Mykolayiv"), ("Одесі", "Odesa")]
    sentences = [
        f"У {towns[k % 3][0]} пошкоджено будинок на вул. Садовій, {k + 1}." for k in range(60)
    ]
    found = [m for m in _streets(gazetteer, " ".join(sentences)) if m[0].startswith("вул.")]
    assert found == [(f"вул. Садовій, {k + 1}", towns[k % 3][1]) for k in range(60)]


def test_every_abbreviation_row_example_reads_as_its_kind(gazetteer) -> None:
    rows = read_table("abbreviations.tsv", TABLES)
    assert {row["kind"] for row in rows} == {"settlement", "street", "area", "unit"}
    for row in rows:
        example, written = row["example"], row["abbreviation"]
        assert f"{written}." in example or f"{written} " in example, row
        assert row["bare"] in ("yes", "no"), row
        if row["kind"] == "street":
            starts = [s.text for s in find_streets(example, "uk", [])]
            assert starts and starts[0].startswith(written), row
            # written without its full stop, only a bare abbreviation still names a street
            bare = [s.text for s in find_streets(example.replace(f"{written}.", written), "uk", [])]
            assert any(s.startswith(f"{written} ") for s in bare) == (row["bare"] == "yes"), row
        elif row["kind"] == "settlement":
            # the name after the abbreviation is a settlement's, not a sentence's first word
            found = [s.text for s in find_spans_slavic(example, gazetteer, "uk")]
            assert found == [example.split()[-1]], row


def test_a_letter_whose_lower_case_is_longer_moves_no_street(gazetteer) -> None:
    text = "İİ Снаряд влучив у будинок на вул. Садовій, 5 у Херсоні."
    assert ("вул. Садовій, 5", "Kherson") in _streets(gazetteer, text)
