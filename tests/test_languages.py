"""Ukrainian and Russian: language detection, morphology, place names, events.

Every text here is written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.articles import article_from_record
from geomap.errors import ArticleError
from geomap.events.tables import read_table
from geomap.languages import events as events_of_language
from geomap.languages import morph, recognize, streets
from geomap.languages.dates import find_dates_slavic
from geomap.languages.detect import LanguageError, checked_language, detect_language
from geomap.languages.events import find_triggers
from geomap.languages.morph import analyses, nominatives
from geomap.languages.recognize import _WORD, _people, find_spans_slavic, words_of
from geomap.languages.translit import transliterate
from geomap.model import Article
from geomap.pipeline import process


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Українські війська увійшли до Херсона після відступу окупантів.", "uk"),
        ("Российские войска покинули Херсон и отошли на левый берег.", "ru"),
        ("Ukrainian troops entered Kherson after the Russian withdrawal.", "en"),
        # an English report quoting Ukrainian is English
        ("The governor wrote «Херсон наш» and the crowd in the square cheered loudly.", "en"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_english_prose_needs_no_model_and_other_latin_languages_do() -> None:
    from geomap.languages import detect

    detect._identifier.cache_clear()
    english = (
        "The bridges over the river were destroyed after the army said that its troops had "
        "withdrawn from the town, which they had held for months."
    )
    assert detect_language(english) == "en"
    assert detect._identifier.cache_info().currsize == 0  # known by its words alone
    # the same report in French and in Dutch ("of" is Dutch too): the model says which
    french = (
        "Les ponts sur le fleuve ont été détruits après que l'armée a dit que ses troupes "
        "s'étaient retirées de la ville, qu'elles tenaient depuis des mois."
    )
    dutch = (
        "De bruggen over de rivier zijn vernield nadat het leger zei dat zijn troepen zich "
        "uit de stad hadden teruggetrokken, of dat ze die maanden hadden gehouden."
    )
    assert detect_language(french) == "fr"
    assert detect_language(dutch) == "nl"
    assert detect._identifier.cache_info().currsize == 1


def test_ukrainian_and_russian_are_told_by_their_letters_and_their_neighbours_are_not() -> None:
    from geomap.languages import detect

    detect._identifier.cache_clear()
    assert detect_language("Сили оборони звільнили село на лівому березі Дніпра.") == "uk"
    assert detect_language("Жители эвакуированы из сёл на левом берегу Днепра.") == "ru"
    assert detect._identifier.cache_info().currsize == 0  # by "і", "є"... and "ы", "э", "ё"
    # Belarusian writes "і" and "ы" (and "ў"), Bulgarian neither: the model says which
    assert detect_language("Жыхары вёскі былі эвакуяваныя ў горад на беразе ракі.") == "be"
    assert detect_language("Жителите на селото бяха евакуирани в града до реката.") == "bg"
    assert detect._identifier.cache_info().currsize == 1


def test_language_codes_are_checked() -> None:
    assert checked_language(" UK ") == "uk"
    with pytest.raises(LanguageError):
        checked_language("ukr")


def test_a_record_may_give_its_language() -> None:
    assert article_from_record({"text": "x", "lang": "RU"}).lang == "ru"
    with pytest.raises(ArticleError, match="lang"):
        article_from_record({"text": "x", "lang": "Ukrainian"})


def test_morphology_gives_the_nominative() -> None:
    assert analyses("Херсоні", "uk")[0].lemma == "херсон"
    assert "нова" in nominatives("Новій", "uk")
    assert nominatives("Каховської", "uk") == ("каховська",)
    assert analyses("Белгороде", "ru")[0].lemma == "белгород"


@pytest.mark.parametrize(
    ("words", "lang"),
    [
        ("Херсонської Новій Каховці Сумах Куп'янська Запоріжжям Роботиного", "uk"),
        ("Кримського мосту Донецькій Луганських Часовим Ярком", "uk"),
        ("Зеленопільськом Бериславщину Псевдокиєві Кам'янці-Дніпровській", "uk"),  # guessed
        ("Белгородской Курском Новой Каховке Херсонщине Запорожских ёлках", "ru"),
        # a prefix guessed before a word of the dictionary: unknown, then known
        ("Зюзюкаховці Гіперселі Суперселом", "uk"),
        ("Экоселе Квазидеревне", "ru"),
    ],
)
def test_inflection_chooses_the_form_pymorphy3_does(words: str, lang: str) -> None:
    # the choice is made once per paradigm slot: it must be pymorphy3's own, for every
    # reading of known and guessed words alike
    wanted_sets = [{"nomn"}, {"nomn", "sing"}, {"nomn", "femn"}, {"nomn", "plur"}, {"gent"}]
    for word in words.split():
        for parse in morph._parses(word.lower(), lang):
            for wanted in wanted_sets:
                inflected = parse.inflect(set(wanted))
                expected = inflected.word if inflected is not None else None
                assert morph._inflect(parse, frozenset(wanted), lang) == expected, (word, wanted)


def test_a_guessed_prefix_stays_before_the_inflected_word() -> None:
    readings = morph._parses("зюзюкаховці", "uk")
    prefixed = [
        r for r in readings if type(r.methods_stack[-1][0]).__name__ == "UnknownPrefixAnalyzer"
    ]
    assert prefixed, "pymorphy3 no longer guesses a prefix here: choose another word"
    assert {morph._inflect(r, frozenset({"nomn"}), "uk") for r in prefixed} == {"зюзюкаховка"}


def test_trigger_search_ignores_case_but_not_escapes() -> None:
    lowered = events_of_language._lower_outside_escapes(r"(?:ГЕС|\W)\S+Ab(?P<Place>X)(?P=Place)")
    assert lowered == r"(?:гес|\W)\S+ab(?P<Place>x)(?P=Place)"
    for sentence in ("Росіяни ЗРУЙНУВАЛИ міст.", "Окупанти підірвали ГЕС."):
        assert find_triggers(sentence, 0, len(sentence), "uk"), sentence
    # "İ" is two characters in lower case: the gap between "зруйнували" and "міст" (at most
    # 60 characters) would grow past it in the lower-cased text, so that text is not searched
    sentence = "Росіяни зруйнували " + "İ" * 35 + " міст."
    (trigger,) = find_triggers(sentence, 0, len(sentence), "uk")
    assert sentence[trigger.start : trigger.end].startswith("зруйнували")


def test_parts_of_speech_are_pymorphy3s() -> None:
    from pymorphy3.tagset import OpencorporaTag

    assert frozenset(OpencorporaTag.PARTS_OF_SPEECH) == morph._PARTS_OF_SPEECH
    assert type(analyses("Херсоні", "uk")[0].pos) is str  # not pymorphy3's checking subclass


def test_forms_of_the_word_lists_are_in_lower_case() -> None:
    # recognize.is_form_in looks a word written in lower case up as it is, without
    # lowering it: every form it is compared with must be in lower case
    for list_name, lang in recognize.word_lists():
        if lang in ("uk", "ru"):
            for form in recognize._forms_of_list(list_name, lang):
                assert form == form.lower(), (list_name, lang, form)


def test_a_word_knows_its_case_and_is_looked_up_as_any_string() -> None:
    # words_of reads each word's case once (Word.lower_case); the rules that use it must
    # answer as str.islower and is_form_in would
    text = "Херсонська ОБЛАСТЬ, області; Область мВС 2022 ß İstanbul Kyiv"
    forms = frozenset({"область", "області", "мвс", "kyiv"})
    for word in words_of(text):
        assert word.lower_case == word.text.islower(), word
        assert recognize.is_word_form_in(word, forms) == recognize.is_form_in(word.text, forms)
    assert [w.text for w in words_of(text) if recognize.is_word_form_in(w, forms)] == [
        "ОБЛАСТЬ",
        "області",
        "Область",
        "мВС",
        "Kyiv",
    ]


def test_street_cues_are_single_words() -> None:
    # streets._cue_words takes its cues from the text's words (recognize.words_of): a cue
    # that is not one word would never be found
    for lang in ("uk", "ru"):
        for form in streets._cue_forms(lang):
            assert recognize._WORD.fullmatch(form), (lang, form)
    text = "вул. Садова, 5вул. Лісова, вул-Шкільна, (вул) Миру"
    assert [w.text for w in streets._cue_words(text, 0, "uk")] == ["вул", "вул"]


def test_listed_words_keep_their_first_two_letters_in_every_form() -> None:
    # recognize._may_be_form_of leaves unanalysed a word that does not begin as a listed
    # lemma does: true of every form of every lemma of the lists it is asked of
    for list_name in ("nickname_noun", "lowercase_name"):
        for lang in ("uk", "ru"):
            for lemma in recognize.listed(list_name, lang):
                for parse in morph.analyzer(lang).parse(lemma):
                    if parse.normal_form != lemma:
                        continue
                    for form in parse.lexeme:
                        assert form.word.startswith(lemma[:2]), (list_name, lemma, form.word)


def _spans(gazetteer, text: str, lang: str) -> list[tuple[str, str, bool]]:
    return [(s.text, s.key, s.literal) for s in find_spans_slavic(text, gazetteer, lang)]


def test_inflected_names_are_found(gazetteer) -> None:
    text = (
        "Бої тривають під Бахмутом. У Херсоні відновили світло, а в Новій Каховці "
        "рівень води падає. Жителі Донецької області та Харківщини чекають на допомогу."
    )
    found = {t: k for t, k, _ in _spans(gazetteer, text, "uk")}
    assert found["Бахмутом"] == "бахмут"
    assert found["Херсоні"] == "херсон"
    assert found["Новій Каховці"] == "нова каховка"
    assert found["Донецької області"] == "донецька область"
    assert found["Харківщини"] == "харківщина"


def test_russian_names_and_regions(gazetteer) -> None:
    text = "Под Волчанском идут бои. В Курской области и в Запорожском регионе объявили тревогу."
    found = {t: k for t, k, _ in _spans(gazetteer, text, "ru")}
    assert found["Волчанском"] == "волчанск"
    assert found["Курской области"] == "курская область"
    assert found["Запорожском регионе"] == "запорожская область"


def test_common_words_and_people_are_no_places(gazetteer) -> None:
    text = (
        "По дорозі до міста нічого не сталося. Від ранку йде дощ. Усі чекають. "
        "Про це сказав Кирило Тимошенко."
    )
    assert _spans(gazetteer, text, "uk") == []


def test_a_pronoun_starting_a_sentence_is_no_country(gazetteer) -> None:
    # pymorphy3 lists seven cases of Togo before the pronoun "той": the pronoun is kept
    assert "NPRO" in {r.pos for r in analyses("Того", "uk")}
    assert _spans(gazetteer, "Того ж вечора вона повернулася додому.", "uk") == []
    assert _spans(gazetteer, "Того же вечера она вернулась.", "ru") == []
    elsewhere = "Делегація з Того прибула до Києва."
    assert [t for t, _, _ in _spans(gazetteer, elsewhere, "uk")] == ["Того", "Києва"]


def test_a_first_name_behind_five_common_readings_is_a_person(gazetteer) -> None:
    # five cases of "надія" (hope) come first; the woman's name is kept too
    assert any("Name" in r.grammemes for r in analyses("Надії", "uk"))
    assert _spans(gazetteer, "Це підтвердили у розслідуванні Надії Петрук.", "uk") == []
    assert [t for t, _, _ in _spans(gazetteer, "Вибухи лунали біля Надії.", "uk")] == ["Надії"]


def test_a_common_word_starting_a_sentence_needs_support(gazetteer) -> None:
    lone = "Лиман відомий своїми озерами."
    supported = "Лиман відомий своїми озерами. Вчора військові увійшли до Лимана."
    assert _spans(gazetteer, lone, "uk") == []
    assert [t for t, _, _ in _spans(gazetteer, supported, "uk")] == ["Лиман", "Лимана"]
    # a word the Russian dictionary knows only as a place name needs no support
    assert [t for t, _, _ in _spans(gazetteer, "Херсон снова под обстрелом.", "ru")] == ["Херсон"]
    assert _spans(gazetteer, "Деньги получило правительство.", "ru") == []


def test_a_town_starting_a_sentence_is_supported_by_its_region(gazetteer) -> None:
    # the oblast named, or a place named without ambiguity that lies in it
    by_oblast = "Бахмут знову обстріляли. Бої тривають по всій Донецькій області."
    by_place = "Ізюм знову без світла. Вибухи чули також у Куп'янську."
    assert [t for t, _, _ in _spans(gazetteer, by_oblast, "uk")] == ["Бахмут", "Донецькій області"]
    assert [t for t, _, _ in _spans(gazetteer, by_place, "uk")] == ["Ізюм", "Куп'янську"]
    # not a town of another oblast, nor a village, nor a word the text writes in lower case
    other_oblast = "Бахмут знову обстріляли. Тривога у Львівській області."
    village = "Перемога буде за нами. Бої тривають у Київській області."
    common = "Поділ на частини. Кожен поділу не підлягає. Новини з Києва."
    assert "Бахмут" not in [t for t, _, _ in _spans(gazetteer, other_oblast, "uk")]
    assert "Перемога" not in [t for t, _, _ in _spans(gazetteer, village, "uk")]
    assert "Поділ" not in [t for t, _, _ in _spans(gazetteer, common, "uk")]


def test_metonyms(gazetteer) -> None:
    text = "Москва заявила про переговори. Прапор України підняли над школою в Ізюмі."
    found = {t: literal for t, _, literal in _spans(gazetteer, text, "uk")}
    assert found == {"Москва": False, "України": False, "Ізюмі": True}


def test_an_owner_with_its_complement_starting_a_sentence_names_a_body(gazetteer) -> None:
    # a capital that only starts a sentence makes no name, but a complement does
    ministry = "Міністерство оборони України оголосило тендер."
    flag = "Прапор України знову над селищем."
    assert _roles(gazetteer, ministry, "uk") == {"України": "modifier"}
    assert _roles(gazetteer, flag, "uk") == {"України": "metonym"}
    army = "Армія сусідньої Росії відступила."  # an adjective completes no name
    assert _roles(gazetteer, army, "uk") == {"Росії": "metonym"}


def _roles(gazetteer, text: str, lang: str) -> dict[str, str]:
    """The role of each place name, by its text."""
    article = Article(id="x", text=text, lang=lang)
    return {m.text: m.role for m in process(article, gazetteer).mentions}


def test_places_in_names_of_bodies_are_modifiers(gazetteer) -> None:
    text = (
        "Позов розглянув Господарський суд Одеської області. Фахівці НАН України "
        "погодилися. Ухвалу виніс районний суд м. Миколаєва Миколаївської області. "
        "Збройні Сили України звільнили Снігурівку, а армія Росії відступила до Херсона."
    )
    assert _roles(gazetteer, text, "uk") == {
        "Одеської області": "modifier",
        "України": "modifier",
        "Миколаєва": "modifier",
        "Миколаївської області": "modifier",  # after a body's place, in its name too
        "Снігурівку": "location",
        "Росії": "metonym",  # the state acting, in lower case
        "Херсона": "location",
    }
    branch = (
        "Про це повідомило Головне управління ДСНС України у Херсонській області. "
        "Від початку вторгнення росії захисники України звільнили Херсон."
    )
    article = Article(id="b", text=branch, lang="uk")
    assert [(m.text, m.role) for m in process(article, gazetteer).mentions] == [
        ("України", "modifier"),
        ("Херсонській області", "modifier"),  # the branch's region, in the body's name
        ("росії", "metonym"),  # an invasion is the state's act
        ("України", "metonym"),  # the state's defenders
        ("Херсон", "location"),
    ]
    russian = "Арбитражный суд Москвы отклонил иск, а мэрия Курска закрыла школы в Курской области."
    assert _roles(gazetteer, russian, "ru") == {
        "Москвы": "modifier",
        "Курска": "modifier",
        "Курской области": "location",
    }


def test_places_in_quoted_names_are_modifiers_and_in_quoted_words_not(gazetteer) -> None:
    text = (
        "Контракт отримала компанія «Будівельник Херсона». "
        "«Ми повернулися до Херсона», — сказав командир."
    )
    article = Article(id="q", text=text, lang="uk")
    roles = [(m.text, m.role) for m in process(article, gazetteer).mentions]
    assert roles == [("Херсона", "modifier"), ("Херсона", "location")]


def test_an_adjective_of_a_body_is_no_place(gazetteer) -> None:
    text = "Хмельницький обласний суд і Генічеська РДА оскаржили рішення в Хмельницькому."
    assert [t for t, _, _ in _spans(gazetteer, text, "uk")] == ["Хмельницькому"]


def test_a_district_is_placed_at_its_seat(gazetteer) -> None:
    text = "Обстріляли села в Бериславському районі та Сватівського району."
    assert [(t, k) for t, k, _ in _spans(gazetteer, text, "uk")] == [
        ("Бериславському районі", "берислав"),
        ("Сватівського району", "сватове"),
    ]
    russian = "Дроны атаковали в Белгородском районе."
    assert [k for _, k, _ in _spans(gazetteer, russian, "ru")] == ["белгород"]
    # the first of two districts sharing their noun; an axis of the front is no district
    text = "Обстріли у Бериславському та Каховському районах і на Покровському напрямку."
    assert [k for _, k, _ in _spans(gazetteer, text, "uk")] == ["берислав", "каховка"]
    # axes sharing their noun are no places either ("Лиманському" is not Лиманське)
    text = "Бої тривають на Лиманському, Бахмутському та Мар'їнському напрямках."
    assert _spans(gazetteer, text, "uk") == []
    text = "Ворог атакував дронами Бериславську громаду."  # a hromada, by its seat
    assert [k for _, k, _ in _spans(gazetteer, text, "uk")] == ["берислав"]


def test_an_oblast_named_by_its_adjective_alone_in_a_list(gazetteer) -> None:
    text = "Евакуювали людей з Херсонської області – 40, з Миколаївської – 12 і з Одеської – 3."
    assert [k for _, k, _ in _spans(gazetteer, text, "uk")] == [
        "херсонська область",
        "миколаівська область",
        "одеська область",
    ]
    russian = "Учения прошли в Курской и Брянской областях."
    assert [k for _, k, _ in _spans(gazetteer, russian, "ru")] == [
        "курская область",
        "брянская область",
    ]
    # no region noun in the sentence: the adjective qualifies something else
    assert _spans(gazetteer, "Херсонська влада повідомила про обстріл.", "uk") == []


def test_abbreviations_of_places_do_not_end_sentences(gazetteer) -> None:
    text = "Газ подали до м. Снігурівка та с.\nНовопетрівка Миколаївської обл. вчора."
    assert [t for t, _, _ in _spans(gazetteer, text, "uk")] == [
        "Снігурівка",
        "Новопетрівка",
        "Миколаївської обл",
    ]


def test_a_two_word_town_is_not_a_person(gazetteer) -> None:
    text = "Жителі Білої Церкви зустріли гостей. Місто Біла Церква святкує."
    assert [k for _, k, _ in _spans(gazetteer, text, "uk")] == ["біла церква", "біла церква"]


def test_the_country_around_a_town_is_placed_at_the_town(gazetteer) -> None:
    text = "Бої тривають на Бахмутщині та на Куп'янщині, обстріли на Херсонщині."
    assert [k for _, k, _ in _spans(gazetteer, text, "uk")] == [
        "бахмут",
        "купянськ",
        "херсонщина",  # the oblast's own name, which the gazetteer holds
    ]


def test_a_settlement_named_after_naselenyi_punkt(gazetteer) -> None:
    text = "Российские войска заняли населенный пункт Кошарище."
    article = Article(id="p", text=text, lang="ru")
    assert [(m.text, m.place) for m in process(article, gazetteer).mentions] == [("Кошарище", None)]


def test_a_settlement_the_gazetteer_lacks_is_reported_unresolved(gazetteer) -> None:
    text = "Школу збудують у селі Вербівчик-Новий та в смт Кошарище Херсонської області."
    article = Article(id="v", text=text, lang="uk")
    found = [(m.text, m.place) for m in process(article, gazetteer).mentions]
    assert found[:2] == [("Вербівчик-Новий", None), ("Кошарище", None)]
    # an abbreviation of a unit or a year is no settlement's
    assert _spans(gazetteer, "Норма – 50 мг на 1 куб. м. Мясо птицы проверят.", "ru") == []
    assert _spans(gazetteer, "Сделка прошла в 2013 г. Сумму не раскрыли.", "ru") == []


def test_a_name_after_imeni_is_a_person(gazetteer) -> None:
    text = "Кафе стоїть у сквері імені Макарова, поруч із парком ім. Шевченка."
    assert [t for t, _, _ in _spans(gazetteer, text, "uk") if t != "Кафе"] == []
    # not after the noun "ім'я" ending a sentence
    text = "Річки я кличу на імена. Південний Буг тече повз."
    assert [t for t, _, _ in _spans(gazetteer, text, "uk")] == ["Південний Буг"]


def test_towns_in_iv_and_in_in_their_other_cases(gazetteer) -> None:
    # the locative "Миколаєві" is also the dative of the first name "Миколай"
    text = "Вибухи пролунали у Миколаєві та біля Очакова, квартири в Ірпіні подорожчали."
    assert [k for _, k, _ in _spans(gazetteer, text, "uk")] == ["миколаів", "очаків", "ірпінь"]


def test_a_town_in_iv_is_no_first_name_in_the_plural(gazetteer) -> None:
    # "Миколаїв" is also "of the Mykolais": a first name only in the plural is a town
    text = "Миколаїв знову під вогнем. Кирилом пишався батько."
    assert [k for _, k, _ in _spans(gazetteer, text, "uk")] == ["миколаів"]


def test_the_towns_of_a_route_written_as_one_word(gazetteer) -> None:
    text = "Ремонтують трасу Миронівка-Канів-Черкаси, а програму Польща-Україна закрили."
    assert [t for t, _, _ in _spans(gazetteer, text, "uk")] == ["Миронівка", "Канів", "Черкаси"]


def test_a_country_after_a_letter_is_no_person(gazetteer) -> None:
    text = "У групі В. Іспанія програла Чилі."
    assert [t for t, _, _ in _spans(gazetteer, text, "uk")][:1] == ["Іспанія"]


def test_a_surname_before_initials_is_a_person_in_every_form(gazetteer) -> None:
    text = "Договір уклали з мешканкою Попової С. Т. Попова скаржилася, а суд Поповою не займався."
    assert _spans(gazetteer, text, "uk") == []


def test_a_surname_written_in_capitals_is_still_the_person(gazetteer) -> None:
    text = "Владимир Королёв заявил о переговорах. Позже КОРОЛЁВА задержали в Москве."
    assert [span[0] for span in _spans(gazetteer, text, "ru")] == ["Москве"]


def test_metres_after_a_number_are_no_town(gazetteer) -> None:
    text = "Приміщення площею 169 кв м. Про це свідчить рішення суду."
    assert _spans(gazetteer, text, "uk") == []


def test_rivers_seas_and_spits_in_ukrainian_and_russian(gazetteer) -> None:
    text = (
        "Дрони атакували порт Ізмаїл на Дунаї, бої тривають на Осколі, а кораблі "
        "вийшли в Чорне море з Кінбурнської коси. Вибухи пролунали у Дніпрі."
    )
    article = Article(id="w", text=text, lang="uk")
    found = {m.text: (m.place.name, m.place.kind) for m in process(article, gazetteer).mentions}
    assert found["Дунаї"] == ("Danube", "river")  # "на" + locative: on the river
    assert found["Осколі"] == ("Oskil", "river")
    assert found["Чорне море"] == ("Black Sea", "sea")
    assert found["Кінбурнської коси"] == ("Kinburn Spit", "spit")
    assert found["Дніпрі"][1] == "city"  # "у Дніпрі": in the city
    russian = Article(id="r", text="Мост через Днестр и порты на Дунае.", lang="ru")
    names = [m.place.name for m in process(russian, gazetteer).mentions]
    assert names == ["Dniester", "Danube"]


def test_heads_and_adjectives_of_bodies_are_no_places(gazetteer) -> None:
    text = "За даними Генштабу, Сили оборони просунулися біля Роботиного."
    assert [t for t, _, _ in _spans(gazetteer, text, "uk")] == ["Роботиного"]  # not Celle
    russian = "Обстреляны несколько сел. Московский суд арестовал жителя Курска."
    assert [t for t, _, _ in _spans(gazetteer, russian, "ru")] == ["Курска"]


def test_an_island_of_kherson_by_its_ukrainian_name(gazetteer) -> None:
    text = "Найскладніша ситуація на острові Карантинний."
    assert [k for _, k, _ in _spans(gazetteer, text, "uk")] == ["карантиннии"]


def test_a_village_named_like_a_person_in_a_list_of_villages(gazetteer) -> None:
    text = "Під вогнем були Білозерка, Станіслав та Антонівка. Коли Станіслав прийшов, було тихо."
    found = [t for t, _, _ in _spans(gazetteer, text, "uk")]
    assert found == ["Білозерка", "Станіслав", "Антонівка"]  # not the man who came


def test_review_findings_stay_fixed(gazetteer) -> None:
    # a word ending as "-чина" names no village abroad; "-щина" only a neighbour's town
    assert _spans(gazetteer, "Величина збитків ще невідома.", "uk") == []
    assert _spans(gazetteer, "Про Ганщину говорили мало.", "uk") == []
    # a preposition of nearness places a name that may be a surname
    assert [t for t, _, _ in _spans(gazetteer, "Бои идут вблизи Макарова.", "ru")] == ["Макарова"]
    # "с." after "обл." is still a settlement's abbreviation
    text = "Суд Одеської обл. с. Кошарище оштрафував фірму."
    assert "Кошарище" in [t for t, _, _ in _spans(gazetteer, text, "uk")]
    # a woman's surname keeps its gender in the nominative (not the town Korolyov)
    assert nominatives("Королёвой", "ru") == ("королёва",)


def test_a_village_that_acts_as_a_person_is_a_character(gazetteer) -> None:
    story = "Ярка відчула втому. Мама покликала Ярку. Ярка швидко вибігла надвір."
    assert _spans(gazetteer, story, "uk") == []
    report = "Піски опинилися під обстрілом. Піски знову горять. Бої точаться в Пісках."
    assert {t for t, _, _ in _spans(gazetteer, report, "uk")} == {"Піски", "Пісках"}
    # a village never placed, but no living being's name: still a village
    report = "Тим часом Вербове знову обстріляли, а ввечері Вербове обстріляли вдруге."
    assert [t for t, _, _ in _spans(gazetteer, report, "uk")] == ["Вербове", "Вербове"]


def test_a_village_geonames_names_in_latin_only(gazetteer) -> None:
    # Yatskivka has no Cyrillic name in GeoNames: sought in Latin after a preposition of
    # place, then wherever the article writes it; never a first name
    text = "Яцьківку знову обстріляли. Бої точаться біля Яцьківки. Про це сказав Степан."
    assert [(t, k) for t, k, _ in _spans(gazetteer, text, "uk")] == [
        ("Яцьківку", "yatskivka"),
        ("Яцьківки", "yatskivka"),
    ]
    assert _spans(gazetteer, "Я розмовляв зі Степаном.", "uk") == []


def test_unit_names_in_quotes_are_no_places(gazetteer) -> None:
    text = "Бійці угруповання «Хортиця» утримують позиції біля Куп'янська."
    assert [t for t, _, _ in _spans(gazetteer, text, "uk")] == ["Куп'янська"]


def test_river_cue(gazetteer) -> None:
    (span,) = find_spans_slavic("Частина військ переправилася через Дніпро.", gazetteer, "uk")
    assert span.kinds == frozenset({"river"})


def test_lower_case_names_of_ukrainian_media(gazetteer) -> None:
    assert [t for t, _, _ in _spans(gazetteer, "Війська рф відійшли.", "uk")] == ["рф"]


def test_every_table_row_example_parses() -> None:
    lists = recognize.word_lists()
    assert ("owner", "uk") in lists and ("region_noun", "ru") in lists
    for row in read_table("triggers.tsv", recognize.TABLES):
        sentence = row["example"]
        found = find_triggers(sentence, 0, len(sentence), row["lang"])
        assert row["type"] in {t.event_type for t in found}, sentence
        assert re.compile(row["pattern"])


def test_dates() -> None:
    reference = dt.date(2022, 11, 12)  # a Saturday
    text = "11 листопада війська увійшли, у понеділок почали, вчора закінчили."
    found = [(d.date, d.precision) for d in find_dates_slavic(text, 0, len(text), "uk", reference)]
    assert found == [
        (dt.date(2022, 11, 11), 1),
        (dt.date(2022, 11, 7), 1),
        (dt.date(2022, 11, 11), 1),
    ]
    russian = "28 декабря обстреляли город"
    (late,) = find_dates_slavic(russian, 0, len(russian), "ru", dt.date(2023, 1, 3))
    assert late.date == dt.date(2022, 12, 28)  # the year that puts it before the article


def test_nights_and_weekends() -> None:
    monday = dt.date(2024, 3, 18)

    def dates(text: str, lang: str) -> list[tuple[dt.date, int]]:
        return [(d.date, d.precision) for d in find_dates_slavic(text, 0, len(text), lang, monday)]

    # a report of the night just past is of the day it is published
    assert dates("Вночі дрони атакували місто.", "uk") == [(monday, 1)]
    assert dates("Ночью беспилотники атаковали город.", "ru") == [(monday, 1)]
    # the night of a day named is that day's
    assert dates("9 марта ночью беспилотники атаковали.", "ru") == [(dt.date(2024, 3, 9), 1)]
    assert dates("У суботу вночі дрони атакували.", "uk") == [(dt.date(2024, 3, 16), 1)]
    # a weekend's count, within the week before
    assert dates("За выходные ВСУ выпустили 40 снарядов.", "ru") == [(dt.date(2024, 3, 17), 2)]
    assert dates("На вихідних ворог обстріляв громаду.", "uk") == [(dt.date(2024, 3, 17), 2)]


def test_months_alone_and_days_ago() -> None:
    reference = dt.date(2024, 5, 20)

    def dates(text: str, lang: str) -> list[tuple[dt.date, int]]:
        return [
            (d.date, d.precision) for d in find_dates_slavic(text, 0, len(text), lang, reference)
        ]

    # a month alone is its 15th at month precision, the latest such month up to the article
    assert dates("Наприкінці квітня ворог захопив село.", "uk") == [(dt.date(2024, 4, 15), 3)]
    assert dates("У червні ворог захопив село.", "uk") == [(dt.date(2023, 6, 15), 3)]
    assert dates("У травні ворог захопив село.", "uk") == [(dt.date(2024, 5, 15), 3)]
    assert dates("В марте 2022 года войска вошли в город.", "ru") == [(dt.date(2022, 3, 15), 3)]
    assert dates("Три дні тому ворог обстріляв місто.", "uk") == [(dt.date(2024, 5, 17), 1)]
    assert dates("Два дня назад противник отступил.", "ru") == [(dt.date(2024, 5, 18), 1)]
    assert dates("10 дней назад противник отступил.", "ru") == [(dt.date(2024, 5, 10), 1)]
    assert dates("У березні минулого року ворог відступив.", "uk") == [(dt.date(2023, 3, 15), 3)]
    # the middle of a month, not a Wednesday ("середа"); a year named is not capped
    assert dates("У середині квітня ворог відступив.", "uk") == [(dt.date(2024, 4, 15), 3)]
    assert dates("В среду противник отступил.", "ru") == [(dt.date(2024, 5, 15), 1)]
    assert dates("У березні 2025 року ворог відступить.", "uk") == [(dt.date(2025, 3, 15), 3)]
    # the units of a larger number are no count of days
    assert dates("Тридцять три дні тому ворог відступив.", "uk") == []
    # a month after a day is that day's ("5 березня"), not a month alone
    assert dates("5 березня ворог відступив.", "uk") == [(dt.date(2024, 3, 5), 1)]
    # weeks back, at a week's precision
    assert dates("Два тижні тому ворог відступив.", "uk") == [(dt.date(2024, 5, 6), 2)]
    assert dates("Две недели назад противник отступил.", "ru") == [(dt.date(2024, 5, 6), 2)]
    assert dates("Ще тиждень тому ворог наступав.", "uk") == [(dt.date(2024, 5, 13), 2)]
    assert dates("1 тиждень тому ворог наступав.", "uk") == [(dt.date(2024, 5, 13), 2)]


def test_days_of_reports_last_weekdays_and_figures() -> None:
    monday = dt.date(2024, 5, 20)

    def dates(text: str, lang: str, reference: dt.date | None = monday) -> list[dt.date]:
        return [d.date for d in find_dates_slavic(text, 0, len(text), lang, reference)]

    # a day's report is of the day it is published
    assert dates("За минулу добу ворог обстріляв громаду.", "uk") == [monday]
    assert dates("Минулої доби ворог обстріляв громаду.", "uk") == [monday]
    assert dates("За прошедшие сутки ВСУ обстреляли город.", "ru") == [monday]
    # "last" Monday on a Monday is a week before; Saturday the one before the article
    assert dates("У минулий понеділок ворог відступив.", "uk") == [dt.date(2024, 5, 13)]
    assert dates("Минулої суботи ворог відступив.", "uk") == [dt.date(2024, 5, 18)]
    assert dates("В минувшую субботу армия заняла село.", "ru") == [dt.date(2024, 5, 18)]
    assert dates("У понеділок ворог відступив.", "uk") == [monday]
    # a date in figures needs no article date; not a version number
    assert dates("15.05.2024 ворог обстріляв місто.", "uk", None) == [dt.date(2024, 5, 15)]
    assert dates("Вийшла версія 1.02.2024.1 програми.", "uk", None) == []
    assert dates("31.02.2024 нічого не сталося.", "uk", None) == []


def test_transliteration() -> None:
    assert transliterate("понятівка", "uk") == "poniativka"
    assert transliterate("придніпровське", "uk") == "prydniprovske"
    assert transliterate("московское", "ru") == "moskovskoye"


def _events(gazetteer, text: str, date: str, lang: str | None = None):
    article = Article(id="t", text=text, date=dt.date.fromisoformat(date), lang=lang)
    return process(article, gazetteer).events


def _typed_events(gazetteer, sentence: str, lang: str, date: str):
    """Each event of an article of one sentence under a date line, as its type, place's
    name and actor's side."""
    events = _events(gazetteer, f" date {date}\n\n{sentence}", date, lang)
    return [(e.event_type, e.place.name, e.actor1_side) for e in events]


def _first_event(gazetteer, sentence: str, lang: str, date: str):
    """The first event of an article of one sentence under a date line."""
    return _events(gazetteer, f" date {date}\n\n{sentence}", date, lang)[0]


def test_a_division_before_a_colon_places_the_list_after_it(gazetteer) -> None:
    text = "Під вогнем були населені пункти Херсонщини: Антонівка, Понятівка та Херсон."
    mentions = process(Article(id="t", text=text, lang="uk"), gazetteer).mentions
    found = {m.text: m.place.admin1 if m.place else None for m in mentions}
    # the gazetteer's only Poniativka lies in Odesa Oblast: not that one
    assert found == {
        "Херсонщини": "Kherson Oblast",
        "Антонівка": "Kherson Oblast",
        "Понятівка": None,
        "Херсон": "Kherson Oblast",
    }


def test_a_headline_region_before_a_colon_places_nothing(gazetteer) -> None:
    text = "Новини Харківщини: Бахмут, Покровськ і Мирноград знову під обстрілом."
    mentions = process(Article(id="t", text=text, lang="uk"), gazetteer).mentions
    assert {m.text: m.place.name for m in mentions}["Бахмут"] == "Bakhmut"


def test_a_division_in_a_list_places_nothing_else(gazetteer) -> None:
    def places(text: str) -> dict[str, str | None]:
        mentions = process(Article(id="t", text=text, lang="uk"), gazetteer).mentions
        return {m.text: m.place.name if m.place else None for m in mentions}

    # a list of a city and an oblast: the city is no namesake in the oblast
    found = places("Росія обстріляла Херсон, Запорізьку область та Дніпро.")
    assert found["Херсон"] == "Kherson"
    # each oblast places the places before it, not those of the oblast before
    found = places("Обстріляли Іванівку Донецької області, Петрівку Харківської області.")
    assert found["Донецької області"] == "Donetsk Oblast"
    assert found["Іванівку"] is not None


def test_a_division_after_a_place_or_a_list_keeps_them_in_it(gazetteer) -> None:
    def places(text: str) -> dict[str, str | None]:
        mentions = process(Article(id="t", text=text, lang="uk"), gazetteer).mentions
        return {m.text: m.place.admin1 if m.place else None for m in mentions}

    found = places("Бої тривали біля Садового та Іванівки Херсонської області.")
    assert found == {
        "Садового": "Kherson Oblast",
        "Іванівки": "Kherson Oblast",
        "Херсонської області": "Kherson Oblast",
    }
    # the gazetteer knows no Ivanivka of Kharkiv Oblast: none elsewhere either
    assert places("Бої тривали біля Іванівки Харківської області.")["Іванівки"] is None
    assert places("Село Іванівка, Донецька область, знову під обстрілом.")["Іванівка"] == (
        "Donetsk Oblast"
    )


def test_an_oblast_called_by_its_citys_name_after_na(gazetteer) -> None:
    def kinds(text: str, lang: str) -> list[tuple[str, str]]:
        mentions = process(Article(id="t", text=text, lang=lang), gazetteer).mentions
        return [(m.text, m.place.kind) for m in mentions if m.place]

    assert kinds("На Запоріжжі ворог обстріляв десять сіл.", "uk") == [("Запоріжжі", "admin1")]
    assert kinds("У Запоріжжі пролунали вибухи.", "uk") == [("Запоріжжі", "city")]
    # Russian writes the locative as the accusative ("Ракеты летят на Запорожье"): the city
    assert kinds("Ракеты летят на Запорожье.", "ru") == [("Запорожье", "city")]
    assert kinds("В Запорожье прогремели взрывы.", "ru") == [("Запорожье", "city")]
    # a city whose oblast has a name of its own: "на Харківщині"
    assert kinds("Ворог наступає на Харків.", "uk") == [("Харків", "city")]


def test_a_possessive_declines_as_an_adjective(gazetteer) -> None:
    # "Часів Яр", "Часов Яр": the dictionary reads "Часового", "Часовым" as "часовий"
    assert _spans(gazetteer, "Бої точаться біля Часового Яру.", "uk") == [
        ("Часового Яру", "часів яр", True)
    ]
    assert _spans(gazetteer, "Ситуація у Часовому Ярі складна.", "uk")[0][1] == "часів яр"
    assert _spans(gazetteer, "Над Часовым Яром подняли флаг.", "ru")[0][1] == "часов яр"
    assert _spans(gazetteer, "Бои у Часова Яра не стихают.", "ru")[0][1] == "часов яр"


def test_a_name_as_written_beats_an_old_latin_spelling_of_another_place(gazetteer) -> None:
    # GeoNames spells Kreminna "Kremennaya" and so an old name of a village near Donetsk,
    # where the article's other places pull
    text = "Бои идут у Авдеевки и Горловки. Российские войска не покидали Кременную."
    mentions = process(Article(id="t", text=text, lang="ru"), gazetteer).mentions
    assert {m.text: m.place.name for m in mentions}["Кременную"] == "Kreminna"
    # a village GeoNames names in Latin only is still found by its Latin name
    found = process(Article(id="t", text="Бої тривають біля Роботиного.", lang="uk"), gazetteer)
    assert [m.place.name for m in found.mentions] == ["Robotyne"]


def test_the_last_of_coordinated_adjectives_shares_the_plural_noun(gazetteer) -> None:
    # front axes, not the villages Pokrovske or Toretske
    assert _spans(gazetteer, "Бої тривають на Торецькому та Покровському напрямках.", "uk") == []
    assert _spans(gazetteer, "Бои идут на Торецком и Покровском направлениях.", "ru") == []
    # regions and district seats keep their names
    found = _spans(gazetteer, "У Харківській та Сумській областях оголосили тривогу.", "uk")
    assert [key for _, key, _ in found] == ["харківська область", "сумська область"]


def test_the_name_after_a_settlements_outskirts_is_a_settlement(gazetteer) -> None:
    def places(text: str, lang: str) -> list[tuple[str, str | None]]:
        mentions = process(Article(id="t", text=text, lang=lang), gazetteer).mentions
        return [(m.text, m.place.name if m.place else None) for m in mentions]

    assert places("Бої тривають на околиці Покровська.", "uk") == [("Покровська", "Pokrovsk")]
    # a village the gazetteer lacks is reported as written, unresolved
    assert places("Войска закрепились на западной окраине Бердычей.", "ru") == [("Бердычей", None)]


def test_a_disease_named_after_a_place_is_no_location(gazetteer) -> None:
    text = "Птахи на фермі під Києвом заразилися вірусом Ньюкасла."
    mentions = process(Article(id="t", text=text, lang="uk"), gazetteer).mentions
    assert [(m.text, m.role) for m in mentions] == [
        ("Києвом", "location"),
        ("Ньюкасла", "modifier"),
    ]


def test_a_ministry_named_by_its_state_is_no_location(gazetteer) -> None:
    for text, lang in (
        ("Про це повідомили в Міноборони РФ.", "uk"),
        ("Об этом сообщили в Минобороны России.", "ru"),
    ):
        mentions = process(Article(id="t", text=text, lang=lang), gazetteer).mentions
        assert [m.role for m in mentions] != ["location"], text
        assert mentions and mentions[0].place.name == "Russia"


def test_ukrainian_events(gazetteer) -> None:
    text = (
        " date 2022-11-12\n\n"
        "Сили оборони звільнили Снігурівку на Миколаївщині у п'ятницю, 11 листопада. "
        "Над сільрадою підняли український прапор."
    )
    events = {
        (e.event_type, e.place.name, e.event_date, e.certainty, e.actor1_side)
        for e in _events(gazetteer, text, "2022-11-12")
    }
    assert ("advance", "Snihurivka", dt.date(2022, 11, 11), "reported", "UA") in events
    assert any(e[0] == "flag_raised" and e[1] == "Snihurivka" for e in events)
    # a strike named by "удар" in any case
    strike = " date 2024-02-18\n\nВнаслідок удару по Херсону пошкоджено багатоповерхівку."
    assert [(e.event_type, e.place.name) for e in _events(gazetteer, strike, "2024-02-18")] == [
        ("shelling", "Kherson")
    ]


def test_russian_claims_and_expectations(gazetteer) -> None:
    text = (
        " date 2023-05-20\n\n"
        "Минобороны России сообщило, что российские войска вошли в Марьинку. "
        "Генерал предложил отвести войска от Херсона."
    )
    events = {
        (e.event_type, e.place.name, e.certainty, e.actor1_side)
        for e in _events(gazetteer, text, "2023-05-20")
    }
    assert ("advance", "Mar'yinka", "claimed", "RU") in events
    assert ("withdrawal", "Kherson", "expected", None) in events


def test_participles_describe_places(gazetteer) -> None:
    text = " date 2023-05-20\n\nДо тимчасово окупованого Мелітополя приїхала делегація."
    assert _events(gazetteer, text, "2023-05-20") == ()


def test_the_language_is_detected_and_kept(gazetteer) -> None:
    from geomap.pipeline import parse_record

    result = process(Article(id="a", text="Українські війська увійшли до Херсона."), gazetteer)
    assert result.article.lang == "uk"
    record = parse_record(result)
    assert [m["place"]["name"] for m in record["mentions"]] == ["Kherson"]
    json.dumps(record)


def test_natasha_reads_russian_and_leaves_the_rest_to_the_defaults(gazetteer) -> None:
    pytest.importorskip(
        "natasha", reason="--ner natasha needs natasha (pip install 'geomap[natasha]')"
    )
    from geomap.ner import recognizer

    natasha = recognizer("natasha")
    russian = Article(
        id="r", text="Глава МИД России прилетел в Белгород, где обстреляли Соборную площадь."
    )
    found = {
        m.text: (m.role, m.place.name if m.place else None)
        for m in process(russian, gazetteer, natasha).mentions
    }
    assert found["России"] == ("modifier", "Russia")  # part of the ministry's name
    assert found["Белгород"] == ("location", "Belgorod")
    ukrainian = Article(id="u", text="Українські війська увійшли до Херсона.")
    (mention,) = process(ukrainian, gazetteer, natasha).mentions
    assert (mention.text, mention.place.name) == ("Херсона", "Kherson")


def test_natasha_missing_is_a_clear_error(monkeypatch) -> None:
    import sys

    from geomap.ner import RecognizerError, recognizer

    monkeypatch.setitem(sys.modules, "natasha", None)  # import natasha raises ImportError
    with pytest.raises(RecognizerError, match="geomap\\[natasha\\]"):
        recognizer("natasha")


def test_a_movement_happens_where_it_starts(gazetteer) -> None:
    text = " date 2022-11-10\n\nКомандування вирішило відвести війська з Херсона на лівий берег Дніпра."
    places = {(e.event_type, e.place.name) for e in _events(gazetteer, text, "2022-11-10")}
    assert places == {("withdrawal", "Kherson")}


def test_an_infinitive_that_happened_is_no_expectation(gazetteer) -> None:
    text = " date 2023-05-20\n\nВоенным удалось отбросить противника от Кременной."
    (event,) = _events(gazetteer, text, "2023-05-20")
    assert (event.event_type, event.certainty) == ("advance", "reported")


def test_a_call_sign_is_no_place(gazetteer) -> None:
    text = "Об этом рассказал командир с позывным Куба."
    assert _spans(gazetteer, text, "ru") == []


def test_russian_common_words_in_names_of_bodies(gazetteer) -> None:
    text = "Решение Совета Европы обсудили в Санкт-Петербурге. Владимир Королёв прилетел в Лиман."
    found = [t for t, _, _ in _spans(gazetteer, text, "ru")]
    assert found == ["Европы", "Санкт-Петербурге", "Лиман"]  # not "Совета", not the man


def test_common_words_of_the_text_and_company_forms(gazetteer) -> None:
    text = "Того вечора ми пішли додому. Після того ПрАТ «Світанок» відкрило Головне управління."
    assert _spans(gazetteer, text, "uk") == []


def test_us_states_and_island_countries_in_ukrainian_and_russian(gazetteer) -> None:
    text = "Вона переїхала з Каліфорнії до Північної Кароліни. Офшор на Кайманових островах."
    found = {t: k for t, k, _ in _spans(gazetteer, text, "uk")}
    assert found == {
        "Каліфорнії": "каліфорнія",
        "Північної Кароліни": "північна кароліна",
        "Кайманових островах": "каиманові острови",
    }
    assert gazetteer.candidates("каліфорнія")[0].name == "California"  # not California City
    russian = "Компания зарегистрирована на Сейшельских островах. Япония ждёт Курилы."
    assert [t for t, _, _ in _spans(gazetteer, russian, "ru")] == [
        "Сейшельских островах",
        "Япония",
        "Курилы",
    ]


def test_former_states(gazetteer) -> None:
    text = "У часи СРСР місто входило до УРСР, а ще раніше було в Російській імперії."
    found = {t: k for t, k, _ in _spans(gazetteer, text, "uk")}
    assert found == {"СРСР": "срср", "УРСР": "урср", "Російській імперії": "росіиська імперія"}
    russian = "После распада Советского Союза завод закрыли."
    assert [t for t, _, _ in _spans(gazetteer, russian, "ru")] == ["Советского Союза"]
    assert gazetteer.candidates("срср")[0].name == "Soviet Union"


def test_a_surname_after_a_noun_of_fighting_is_the_place(gazetteer) -> None:
    # Dimitrov is Myrnohrad's former name and a Russian surname
    text = "После взятия Димитрова войска двинулись на запад."
    assert [(t, k) for t, k, _ in _spans(gazetteer, text, "ru")] == [("Димитрова", "димитров")]
    # a person freed, a minister of defence: no noun said of places only
    assert _spans(gazetteer, "Адвокаты добивались освобождения Соколова.", "ru") == []
    assert _spans(gazetteer, "Заместитель министра обороны Иванов арестован.", "ru") == []
    assert _spans(gazetteer, "Адвокаты видели Димитрова вчера.", "ru") == []


def _trigger_types(text: str, lang: str) -> set[str]:
    """The event types the triggers of ``lang`` find in ``text``."""
    return {t.event_type for t in find_triggers(text, 0, len(text), lang)}


def test_explosions_heard_are_a_strike_but_gas_and_explosives_are_not() -> None:
    assert _trigger_types("Вночі у Харкові пролунали вибухи.", "uk") == {"shelling"}
    assert _trigger_types("Ночью в Белгороде прогремели взрывы.", "ru") == {"shelling"}
    assert "shelling" not in _trigger_types("У будинку стався вибух газу.", "uk")
    assert "shelling" not in _trigger_types("Поліція вилучила вибухівку.", "uk")
    assert "shelling" not in _trigger_types("Полиция нашла взрывчатку.", "ru")


def test_a_place_taken_back_is_an_advance_but_an_attack_repelled_is_not() -> None:
    assert _trigger_types("Десантники відбили село біля траси.", "uk") == {"advance"}
    assert _trigger_types("Бригада відбила у ворога два села.", "uk") == {"advance"}
    assert _trigger_types("Сили оборони відбили Андріївку, наступ триває.", "uk") == {"advance"}
    assert _trigger_types("Сили оборони відбили 12 ворожих атак біля села.", "uk") == set()
    assert _trigger_types("ЗСУ відбили Роботине після атаки.", "uk") == {"advance"}
    assert _trigger_types("Захисники відбили 12 атак поблизу міста.", "uk") == set()
    assert _trigger_types("Оборонці відбили ворожий штурм.", "uk") == set()
    assert _trigger_types("Бійці відбивали всі спроби наступу.", "uk") == set()


def test_withdrawals_in_every_number_and_aspect() -> None:
    assert _trigger_types("Батальйон відійшов на нові позиції.", "uk") == {"withdrawal"}
    assert _trigger_types("Командир відвів бійців з висоти.", "uk") == {"withdrawal"}
    assert _trigger_types("Армія відвела війська за річку.", "uk") == {"withdrawal"}
    assert _trigger_types("Бригада залишила позиції біля села.", "uk") == {"withdrawal"}
    assert _trigger_types("Родина залишилась у місті під окупацією.", "uk") == set()  # stayed
    assert _trigger_types("Війська поступово покидають місто.", "uk") == {"withdrawal"}
    assert _trigger_types("Подразделения отошли на запасные позиции.", "ru") == {"withdrawal"}
    assert _trigger_types("Противник отвел часть сил от реки.", "ru") == {"withdrawal"}
    assert _trigger_types("Войска не покидали город.", "ru") == {"withdrawal"}
    assert _trigger_types("Отход войск начался ночью.", "ru") == {"withdrawal"}
    assert _trigger_types("Завод перерабатывает отходы.", "ru") == set()


def test_taking_a_place_drone_attacks_strikes_and_blown_bridges() -> None:
    assert _trigger_types("Российская армия заняла поселок у реки.", "ru") == {"advance"}
    assert _trigger_types("Війська зайняли село після бою.", "uk") == {"advance"}
    # positions, a defence, a place in a table: no place taken
    assert _trigger_types("Подразделения заняли позиции у реки.", "ru") == set()
    assert _trigger_types("Команда заняла первое место.", "ru") == set()
    assert _trigger_types("Бійці зайняли оборону.", "uk") == set()
    assert _trigger_types("Ремонт зайняв два тижні.", "uk") == set()
    assert _trigger_types("Росіяни зайняли Часів Яр.", "uk") == {"advance"}  # not "час", time
    assert _trigger_types("Войска заняли Часов Яр.", "ru") == {"advance"}
    assert _trigger_types("Ночью беспилотники атаковали город.", "ru") == {"shelling"}
    assert _trigger_types("Вночі дрони атакували місто.", "uk") == {"shelling"}
    assert _trigger_types("В результате удара пострадали 12 человек.", "ru") == {"shelling"}
    assert _trigger_types("Внаслідок удару загинули люди.", "uk") == {"shelling"}
    assert _trigger_types("Военные взорвали мост через реку.", "ru") == {"bridge_destroyed"}
    assert _trigger_types("Під ворожим вогнем перебували три села.", "uk") == {"shelling"}
    assert _trigger_types("Под огнем противника оказались три села.", "ru") == {"shelling"}
    assert _trigger_types("Міністр опинився під вогнем критики.", "uk") == set()
    assert _trigger_types("Під ударом опинилася економіка міста.", "uk") == set()  # at risk
    assert _trigger_types("Внаслідок удару блискавки згоріла хата.", "uk") == set()
    assert _trigger_types("Мостовая разрушена после дождя.", "ru") == set()
    # "міст" (a bridge) whole: "місто" is a town
    assert _trigger_types("Місто зруйновано вщент.", "uk") == set()
    assert _trigger_types("Окупанти підірвали міст у селі.", "uk") == {"bridge_destroyed"}


#: Characters that make words and break them: letters of both scripts, the apostrophes and
#: the hyphen inside words, digits and the underscore (no letters), a combining accent.
_WORD_CHARACTERS = "абвїйʼ'’-Кк_7 .\n\u0301xY"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_WORD_CHARACTERS, max_size=60), start=st.integers(0, 60))
def test_words_are_found_again_at_their_own_offsets(text: str, start: int) -> None:
    # the words are found by their letters, then found again in the text: the offsets are
    # those of the pattern's own matches, from any offset, with any word repeated
    expected = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start)]
    assert [(w.start, w.end, w.text) for w in words_of(text, start)] == expected


def test_words_repeated_and_glued_to_digits_keep_their_offsets() -> None:
    text = "км 5км, км-км: Кам'янка-Дніпровська й кам'янка"
    assert [(w.start, w.text) for w in words_of(text)] == [
        (0, "км"),
        (4, "км"),
        (8, "км-км"),
        (15, "Кам'янка-Дніпровська"),
        (36, "й"),
        (38, "кам'янка"),
    ]


def test_a_word_that_folds_to_nothing_leaves_no_gap_in_a_name(gazetteer) -> None:
    # a run's key is its words' keys joined: a lone apostrophe ("ʼ" is a letter) folds to
    # nothing, as in the name written out, and the name is still known
    known = recognize._known_nominative
    assert known(["Новій", "Каховці"], gazetteer, "uk") == "нова каховка"
    assert known(["Новій", "ʼ", "Каховці"], gazetteer, "uk") == "нова каховка"


def test_other_forms_of_a_surname_are_the_person_in_letters_read_for_others(gazetteer) -> None:
    # pymorphy3 reads Ukrainian "г" as "ґ" and Russian "е" as "ё": the surname's other
    # forms are found whichever letter the text writes
    def people(text: str, lang: str) -> set[str]:
        return _people(text, words_of(text), lang, gazetteer)

    assert {"Гонтар", "Гонтаря"} <= people(
        "Міністр Віктор Гонтар заявив про це. Гонтаря підтримали депутати.", "uk"
    )
    assert {"Ёлкин", "Елкина"} <= people(
        "Министр Иван Ёлкин выступил вчера. Елкина поддержали депутаты.", "ru"
    )


def test_a_place_that_undergoes_or_is_acted_on_is_where_not_who(gazetteer) -> None:
    # a verb of what befalls a place, or one that cannot agree with the name: literal
    literal = [
        ("Нікополь зазнав обстрілу з артилерії.", "uk"),
        ("Одеса прокинулася від вибухів.", "uk"),
        ("Херсон знову потрапив під обстріл.", "uk"),
        ("Харків атакували дрони.", "uk"),  # plural verb: the drones attacked it
        ("Ночью Киев подвергся ракетной атаке.", "ru"),
        ("Белгород пострадал от обстрела.", "ru"),
    ]
    for text, lang in literal:
        assert [literal for _, _, literal in _spans(gazetteer, text, lang)] == [True], text
    # a state acting, its verb agreeing with it, is still a metonym
    acting = [
        ("Москва заявила про переговори.", "uk"),
        ("Київ вимагає від окупантів піти.", "uk"),
        ("Вашингтон пообещал помощь.", "ru"),
    ]
    for text, lang in acting:
        assert [literal for _, _, literal in _spans(gazetteer, text, lang)] == [False], text


def test_a_verb_agrees_with_its_subject() -> None:
    masculine = frozenset({"NOUN", "inan", "masc", "nomn"})
    feminine = frozenset({"NOUN", "inan", "femn", "nomn"})
    plural = frozenset({"NOUN", "Pltm", "inan", "nomn", "plur"})
    said = frozenset({"VERB", "femn", "past", "perf"})
    attacked = frozenset({"VERB", "past", "perf", "plur"})
    demands = frozenset({"3per", "VERB", "impf", "pres", "sing"})
    infinitive = frozenset({"VERB", "impf", "infn"})
    assert recognize._agrees_with_subject(said, [feminine])
    assert not recognize._agrees_with_subject(said, [masculine])
    assert not recognize._agrees_with_subject(attacked, [masculine])
    assert recognize._agrees_with_subject(attacked, [plural])
    assert recognize._agrees_with_subject(demands, [masculine, plural])
    assert not recognize._agrees_with_subject(demands, [plural])
    assert not recognize._agrees_with_subject(infinitive, [masculine])
    assert recognize._agrees_with_subject(said, [])  # an abbreviation: no reading


def test_an_adjectival_village_standing_alone_is_a_place_in_russian(gazetteer) -> None:
    # the Russian dictionary knows "первомайское" as an adjective: alone inside a sentence,
    # written as the name is, it names the village
    found = _spans(gazetteer, "Войска заняли Первомайское и вышли к трассе.", "ru")
    assert [(t, k) for t, k, _ in found] == [("Первомайское", "первомаиское")]
    # an adjective of a body's name, or one qualifying a noun after it, does not
    assert _spans(gazetteer, "Первомайское отделение банка закрыто.", "ru") == []


def test_a_district_of_a_town_is_placed_in_that_town(gazetteer) -> None:
    # "Шевченківський район" of Kharkiv is not the district of a Shevchenkove elsewhere
    for text, lang, name, town in [
        ("У Шевченківському районі Харкова пошкоджено будинок.", "uk", "районі Харкова", "Kharkiv"),
        ("Ворог обстріляв Київський район Одеси.", "uk", "Київський район Одеси", "Odesa"),
        ("В Шевченковском районе Киева повреждены дома.", "ru", "районе Киева", "Kyiv"),
    ]:
        mentions = process(Article(id="t", text=text, lang=lang), gazetteer).mentions
        assert [(m.text.endswith(name), m.place.name) for m in mentions] == [(True, town)], text
    # a district of an oblast keeps its seat; a town in "-а" makes its adjective in "-анский"
    found = _spans(gazetteer, "Эвакуация жителей Суджанского района продолжается.", "ru")
    assert [k for _, k, _ in found] == ["суджа"]
    # seats in "-ія" and "-ець", the first of two adjectives sharing the noun
    text = "Обстріляли Балаклійську та Марганецьку громади."
    assert [k for _, k, _ in _spans(gazetteer, text, "uk")] == ["балаклія", "марганець"]


def test_flooding_troops_and_air_strikes_in_both_languages() -> None:
    assert _trigger_types("Вода затопила десятки сіл.", "uk") == {"flooding"}
    # a threat of flooding is none; the people taken out are evacuated
    assert _trigger_types("Через загрозу затоплення людей вивозять.", "uk") == {"evacuation"}
    assert "flooding" not in _trigger_types("Росіяни затопили баржу біля мосту.", "uk")
    assert _trigger_types("Из-за угрозы подтопления жителей вывозят.", "ru") == {"evacuation"}
    assert _trigger_types("Противник перебросил к городу резервы.", "ru") == {"troop_presence"}
    assert _trigger_types("Ворог облаштував блокпост.", "uk") == {"troop_presence"}
    assert _trigger_types("Над містом ППО збила три ракети.", "uk") == {"shelling"}
    assert _trigger_types("Город подвергся массированной атаке.", "ru") == {"shelling"}


def test_a_place_coming_under_control_is_an_advance_and_mining_is_mines() -> None:
    assert _trigger_types("Село перейшло під контроль ЗСУ.", "uk") == {"advance"}
    assert _trigger_types("Под контролем армии оказались два села.", "ru") == {"advance"}
    assert _trigger_types("Город остается под контролем Украины.", "ru") == set()
    assert _trigger_types("Ворог мінував підступи до села.", "uk") == {"mines"}


def test_strikes_told_as_their_weapon_their_target_hit_or_their_result() -> None:
    # regional administrations list the places "under strikes"
    assert _trigger_types("Під ударами опинилися Нікополь і Марганець.", "uk") == {"shelling"}
    assert _trigger_types("Под обстрелом оказался центр города.", "ru") == {"shelling"}
    assert _trigger_types("Под ударом оказалась экономика страны.", "ru") == set()  # at risk
    assert _trigger_types("Ворог атакував громаду КАБами.", "uk") == {"shelling"}
    assert _trigger_types("По городу ударили ФАБ-500.", "ru") == {"shelling"}
    assert _trigger_types("Уразили командний пункт біля селища.", "uk") == {"shelling"}
    assert _trigger_types("Поражены позиции противника у села.", "ru") == {"shelling"}
    assert _trigger_types("Я был поражен тем, что увидел в городе.", "ru") == set()
    assert _trigger_types("Команда потерпела поражение в Москве.", "ru") == set()
    assert _trigger_types("Внаслідок обстрілу загинула жінка.", "uk") == {"shelling"}
    assert _trigger_types("В результате атаки загорелся склад.", "ru") == {"shelling"}
    assert _trigger_types("Дрон скинув гранату на позицію.", "uk") == {"shelling"}
    # gaining ground
    assert _trigger_types("Штурмовики зачистили село від ворога.", "uk") == {"advance"}
    assert _trigger_types("Противник вклинился в оборону у поселка.", "ru") == {"advance"}
    assert _trigger_types("Депутати відкинули пропозицію уряду.", "uk") == set()


def test_villages_listed_beside_a_placed_settlement_are_places(gazetteer) -> None:
    def names(text: str, lang: str = "uk") -> dict[str, str]:
        return {t: k for t, k, _ in _spans(gazetteer, text, lang)}

    # not in the gazetteer: reported as written, unresolved
    assert names("Бої тривають біля Макарівки та Сонцедолинського.") == {
        "Макарівки": "макарівка",
        "Сонцедолинського": "сонцедолинського",
    }
    # in the gazetteer in Latin spelling only (GeoNames has no Cyrillic name for Yatskivka)
    assert names("Ворог атакував поблизу населених пунктів Очеретине та Яцьківка.") == {
        "Очеретине": "очеретине",
        "Яцьківка": "yatskivka",
    }
    # a name that reads as a person's (Алёшка) is a town in a list of towns
    russian = names("Объявлена эвакуация жителей Голой Пристани и Алешек.", "ru")
    assert russian["Алешек"] == "алешки"
    # before a town as well as after it, two words agreeing as one name
    found = names("Під ударами були Херсон, Кучерівка, Петропавлівка та Лісна Стінка.")
    assert list(found) == ["Херсон", "Кучерівка", "Петропавлівка", "Лісна Стінка"]
    # not people, bodies, or a common word beside a village GeoNames has (Nebo)
    assert "Олена" not in names("У Херсоні та Миколаєві, Олена Петрівна каже правду.")
    assert "МВС" not in names("Обстріляли Херсон, МВС повідомило про жертви.")
    assert "Землі" not in names("Це вічна суперечність Неба і Землі.")


def test_an_event_at_a_village_the_gazetteer_lacks(gazetteer) -> None:
    def located(text: str) -> list[tuple[str, str, int]]:
        events = _events(gazetteer, " date 2024-03-14\n\n" + text, "2024-03-14", "uk")
        return [(e.event_type, e.place.name, e.geo_precision) for e in events]

    # a village after a preposition of nearness is a place, though the gazetteer lacks it
    spans = _spans(gazetteer, "Бої тривають поблизу Сонцедолинського.", "uk")
    assert spans == [("Сонцедолинського", "сонцедолинського", True)]
    assert _spans(gazetteer, "Мітинг пройшов біля Верховної Ради.", "uk") == []
    # a preposition starting its sentence; a village before its oblast
    first = _spans(gazetteer, "Біля Сонцедолинського тривають бої.", "uk")
    assert [t for t, _, _ in first] == ["Сонцедолинського"]
    with_oblast = "Бої тривають поблизу Сонцедолинського Харківської області."
    found = [t for t, _, _ in _spans(gazetteer, with_oblast, "uk")]
    assert found == ["Сонцедолинського", "Харківської області"]
    # the event is near the place the article named last, says it is only near, and keeps
    # the name the text gave; it is no report of the event at that place
    text = (
        " date 2024-03-14\n\nВорог захопив Мирноград. Окупанти захопили населений пункт "
        "Сонцедолинське."
    )
    events = _events(gazetteer, text, "2024-03-14", "uk")
    assert [(e.place.name, e.place_role, e.place_name_as_written) for e in events] == [
        ("Myrnohrad", "at", "Мирноград"),
        ("Myrnohrad", "near", "Сонцедолинське"),
    ]
    assert located(
        "Ворог завдав авіаудару по Мирнограду. Окупанти захопили населений пункт Сонцедолинське."
    ) == [("shelling", "Myrnohrad", 1), ("advance", "Myrnohrad", 2)]
    # unless the sentence is on another front's axis: then it is nowhere known
    assert located(
        "Ворог завдав авіаудару по Мирнограду. На Куп'янському напрямку росіяни "
        "просунулися поблизу Сонцедолинського."
    ) == [("shelling", "Myrnohrad", 1)]


def _literal(gazetteer, text: str, lang: str) -> dict[str, bool]:
    """Whether each place name of ``text`` is literal, by its text."""
    return {t: is_literal for t, _, is_literal in _spans(gazetteer, text, lang)}


def test_a_state_speaking_after_its_verb_or_beside_another_is_a_metonym(gazetteer) -> None:
    def literal(text: str, lang: str) -> dict[str, bool]:
        return _literal(gazetteer, text, lang)

    assert literal("Войска заняли несколько сел, утверждает Киев.", "ru") == {"Киев": False}
    assert literal("Москва же заявила о победе.", "ru") == {"Москва": False}
    assert literal("Переговорів не буде, — заявила Москва.", "uk") == {"Москва": False}
    assert literal("Киев и Москва обвиняют друг друга.", "ru") == {
        "Киев": False,
        "Москва": False,
    }
    # a verb of another kind, or the name not closing the clause: the place itself
    assert literal("Россия атакует Киев.", "ru")["Киев"] is True
    # a conjunction joins another verb, and a genitive is no subject
    assert literal("Президент відвідав Харків і зустрівся з військовими.", "uk") == {"Харків": True}
    residents = literal("Жителі Херсона та Миколаєва отримали допомогу.", "uk")
    assert residents == {"Херсона": True, "Миколаєва": True}
    assert literal("Войска вошли в Киев и Харьков.", "ru") == {"Киев": True, "Харьков": True}


def test_where_unnamed_officials_speak_is_the_state_speaking(gazetteer) -> None:
    def literal(text: str, lang: str) -> dict[str, bool]:
        return _literal(gazetteer, text, lang)

    assert literal("В Киеве опровергли эти сведения.", "ru") == {"Киеве": False}
    assert literal("У Москві вже заявили про удар.", "uk") == {"Москві": False}
    assert literal("Во Франции считают, что переговоры нужны.", "ru") == {"Франции": False}
    # what happens there, a speaker named, a verb of another kind: the place itself
    assert literal("В Киеве прошли протесты.", "ru") == {"Киеве": True}
    assert literal("В Белгороде жители заявили о взрывах.", "ru") == {"Белгороде": True}
    assert literal("У Харкові обстріляли школу.", "uk") == {"Харкові": True}


def test_the_actor_is_no_relative_clause_s_and_a_shore_is_the_river_s(gazetteer) -> None:
    text = (
        " date 2023-10-18\n\nУкраїнські артилеристи знищили переправу, яку російські "
        "війська навели через Оскіл біля Куп'янська."
    )
    (event,) = _events(gazetteer, text, "2023-10-18", "uk")
    assert (event.event_type, event.actor1_side) == ("bridge_destroyed", "UA")
    russian = " date 2023-10-18\n\nВзорван мост, который российские военные построили у Изюма."
    (event,) = _events(gazetteer, russian, "2023-10-18", "ru")
    assert event.actor1_side is None
    # "узбережжя Дніпра" is the river's shore, not the city of Dnipro
    shore = " date 2023-10-18\n\nОкупанти мінують узбережжя Дніпра біля Олешок."
    assert [e.place.name for e in _events(gazetteer, shore, "2023-10-18", "uk")] == ["Oleshky"]


def test_front_line_villages_that_cities500_lacks(gazetteer) -> None:
    # geomap's table (gazetteer/settlements.geojson), in both languages and any case
    text = " date 2023-06-12\n\nСили оборони звільнили Нескучне та Сторожеве."
    events = _events(gazetteer, text, "2023-06-12", "uk")
    assert {(e.event_type, e.place.name, e.place.admin1) for e in events} == {
        ("advance", "Neskuchne", "Donetsk Oblast"),
        ("advance", "Storozheve", "Donetsk Oblast"),
    }
    russian = _spans(gazetteer, "Бои идут у Синьковки и Тоненького.", "ru")
    assert [key for _, key, _ in russian] == ["синьковка", "тоненькое"]


def test_a_plant_by_its_abbreviation_a_coast_and_russian_towns_spelt_in_ukrainian(
    gazetteer,
) -> None:
    def places(text: str, lang: str) -> list[str | None]:
        mentions = process(Article(id="t", text=text, lang=lang), gazetteer).mentions
        return [m.place.name if m.place else None for m in mentions]

    assert places("МАГАТЭ обеспокоено ситуацией на ЗАЭС.", "ru") == [
        "Zaporizhzhia Nuclear Power Plant"
    ]
    assert places("Бої тривають у Приазов'ї.", "uk") == ["Pryazovia"]
    assert places("Дрони атакували Новоросійськ і Міллерово.", "uk") == [
        "Novorossiysk",
        "Millerovo",
    ]


def test_a_village_placed_in_a_division_once_is_placed_in_it_throughout(gazetteer) -> None:
    # the gazetteer's Sokols lie in Russia; the one meant is in the division the body names
    # (written as a republic's full name, which is a division by every reading)
    text = (
        " date 2024-07-05 Войска освободили село Сокол\n\n"
        "Подразделения освободили населенный пункт Сокол Донецкой Народной Республики."
    )
    mentions = process(Article(id="t", text=text, lang="ru"), gazetteer).mentions
    placed = {(m.text, m.place.country if m.place else None) for m in mentions}
    assert placed == {("Сокол", None), ("Донецкой Народной Республики", "UA")}
    events = _events(gazetteer, text, "2024-07-05")
    assert {(e.event_type, e.place.name) for e in events} == {("advance", "Donetsk Oblast")}


def test_taking_a_place_and_the_utilities_people_live_by() -> None:
    assert _trigger_types("Бойцы полностью взяли город после штурма.", "ru") == {"advance"}
    assert _trigger_types("После взятия Бахмута противник наступает.", "ru") == {"advance"}
    assert _trigger_types("Штурмовики взяли село після тижня боїв.", "uk") == {"advance"}
    assert _trigger_types("Полицейские взяли его под стражу.", "ru") == set()
    assert _trigger_types("Жители взяли с собой документы.", "ru") == set()
    assert _trigger_types("Росіяни взяли в полон двох бійців.", "uk") == set()
    assert _trigger_types("Депутати взяли участь у засіданні.", "uk") == set()
    assert _trigger_types("Спартак взял кубок в Москве.", "ru") == set()
    assert _trigger_types("Компания объявила о захвате рынка.", "ru") == set()
    assert _trigger_types("Окупанти знищили електропідстанцію.", "uk") == {
        "infrastructure_destroyed"
    }
    assert _trigger_types("Вибух пошкодив газогін і телевежу.", "uk") == {
        "infrastructure_destroyed"
    }
    assert "infrastructure_destroyed" in _trigger_types("Удар повредил ЛЭП и водопровод.", "ru")


def test_an_adjective_before_a_noun_it_agrees_with_is_one_name(gazetteer) -> None:
    # the Red Cross is no village called Chervone
    text = "До Ізюма прибула гуманітарна допомога від Червоного Хреста."
    assert [t for t, _, _ in _spans(gazetteer, text, "uk")] == ["Ізюма"]
    both = "Бої біля Нової Каховки та Великої Олександрівки."
    assert [t for t, _, _ in _spans(gazetteer, both, "uk")] == [
        "Нової Каховки",
        "Великої Олександрівки",
    ]


def test_military_reports_words_for_strikes_and_resettlement() -> None:
    assert _trigger_types("Нанесено поражение живой силе противника.", "ru") == {"shelling"}
    assert _trigger_types("Уничтожен склад боеприпасов у поселка.", "ru") == {"shelling"}
    assert _trigger_types("Знищено командний пункт ворога.", "uk") == {"shelling"}
    assert _trigger_types("Объявлено о переселении жителей правобережья.", "ru") == {"evacuation"}
    assert _trigger_types("Почалося переселення мешканців з прифронтових сіл.", "uk") == {
        "evacuation"
    }


def test_the_actor_is_a_subject_and_a_possibility_is_expected(gazetteer) -> None:
    def first(text: str, lang: str):
        return _first_event(gazetteer, text, lang, "2024-01-15")

    # the side that can be the verb's subject, not the enemy whose line was broken
    event = first(
        "Українські військові прорвали оборону ворога біля Роботиного і просуваються.", "uk"
    )
    assert (event.event_type, event.actor1_side) == ("advance", "UA")
    # a side after the trigger that is its object is the target's, not the actor's
    event = first("Нанесено поражение живой силе противника у Торецка.", "ru")
    assert (event.event_type, event.actor1_side) == ("shelling", None)
    event = first("Подразделения группировки «Юг» нанесли удар по Торецку.", "ru")
    assert event.actor1_side == "RU"
    # a side a preposition's noun governs is the target's; a passive's agent is the actor
    event = first("Нанесены удары по пунктам дислокации ВСУ у Купянска.", "ru")
    assert event.actor1_side is None
    event = first("Купянск освобожден подразделениями ВС РФ.", "ru")
    assert event.actor1_side == "RU"
    # a possibility considered is not done
    event = first("Власти рассматривают возможность эвакуации жителей Шебекино.", "ru")
    assert (event.event_type, event.certainty) == ("evacuation", "expected")


def test_offensives_captures_a_party_first_and_a_body_s_building(gazetteer) -> None:
    assert _trigger_types("Окупанти наступають на Куп'янськ з півночі.", "uk") == {"advance"}
    assert _trigger_types("Наступного дня в місті було тихо.", "uk") == set()
    assert _trigger_types("Наступила ночь, в городе было тихо.", "ru") == set()
    assert _trigger_types("Российские войска не смогли взять город.", "ru") == {"advance"}
    assert _trigger_types("Киев опроверг сообщения о захвате села.", "ru") == {"advance"}

    def first(text: str, lang: str):
        return _first_event(gazetteer, text, lang, "2024-03-10")

    # a party's word starting the sentence is still a party's ("мер" keeps its case)
    event = first("Губернатор сообщил, что беспилотники атаковали Белгород.", "ru")
    assert (event.event_type, event.certainty) == ("shelling", "claimed")
    # a town named in a body's name, where nothing else places the event
    event = first("Над зданием администрации Купянска подняли российский флаг.", "ru")
    assert (event.event_type, event.place.name) == ("flag_raised", "Kupyansk")


def test_damage_in_daily_reports_and_forces_holding_a_place() -> None:
    assert _trigger_types("Пошкоджено вісім приватних будинків і школу.", "uk") == {"shelling"}
    assert _trigger_types("Повреждены три жилых дома и автомобиль.", "ru") == {"shelling"}
    assert _trigger_types("Окупанти утримують північну частину міста.", "uk") == {"troop_presence"}
    assert _trigger_types("Противник удерживает северную часть города.", "ru") == {"troop_presence"}
    assert _trigger_types("Бойовики утримують заручників у будівлі.", "uk") == set()
    assert _trigger_types("Банк удерживает ставку на прежнем уровне.", "ru") == set()


def test_exclusions_keep_to_whole_words_and_names_stay_triggers() -> None:
    # abbreviations of bombs are whole words: not the cabinet, not a factory
    assert _trigger_types("Кабмін ухвалив рішення про виплати.", "uk") == set()
    assert _trigger_types("Фабрика закрылась на ремонт.", "ru") == set()
    assert _trigger_types("Удар ФАБ-500 пришелся на окраину.", "ru") == {"shelling"}
    # what is not taken is named by whole words: a town beginning so is still taken
    assert _trigger_types("Войска взяли Курск после штурма.", "ru") == {"advance"}
    assert _trigger_types("ЗСУ взяли Балаклію без бою.", "uk") == {"advance"}
    assert _trigger_types("Противник удерживает центр города.", "ru") == {"troop_presence"}
    # a season coming, an attempt repelled, power seized, minutes: no event
    assert _trigger_types("Наступає зима, і в місті холодно.", "uk") == set()
    assert _trigger_types("Попытку наступления на город отразили.", "ru") == set()
    assert _trigger_types("Хунта захватила власть в стране.", "ru") == set()
    assert _trigger_types("Выпустили заявление за пять минут.", "ru") == set()


def test_a_place_under_attack_is_where_the_strike_was(gazetteer) -> None:
    text = " date 2024-03-10\n\nНочью Киев подвергся массированной ракетной атаке."
    assert [(e.event_type, e.place.name) for e in _events(gazetteer, text, "2024-03-10")] == [
        ("shelling", "Kyiv")
    ]
    # a demand is what is asked for, not done
    demand = " date 2024-03-10\n\nКиїв вимагає від окупантів залишити Енергодар."
    (event,) = _events(gazetteer, demand, "2024-03-10")
    assert (event.event_type, event.certainty) == ("withdrawal", "expected")


def test_a_place_after_an_abbreviated_settlement_word_is_the_event_s(gazetteer) -> None:
    # "с." and "м." end no sentence: the strike is on the place named after them
    text = " date 2024-01-10\n\nОкупанти обстріляли с. Антонівка та м. Херсон."
    events = {(e.event_type, e.place.name) for e in _events(gazetteer, text, "2024-01-10")}
    assert events == {("shelling", "Antonivka"), ("shelling", "Kherson")}
    # "н.п." and "н. п.": a settlement, its two letters abbreviated
    for written in ("н.п.", "н. п."):
        found = _spans(gazetteer, f"Сили оборони звільнили {written} Андріївка.", "uk")
        assert [t for t, _, _ in found] == ["Андріївка"], written


def test_a_trigger_nearest_no_place_shares_its_sentence_s(gazetteer) -> None:
    text = " date 2022-09-11\n\nЗахисники увійшли в Куп'янськ і підняли прапор над міськрадою."
    events = {(e.event_type, e.place.name) for e in _events(gazetteer, text, "2022-09-11")}
    assert events == {("advance", "Kupyansk"), ("flag_raised", "Kupyansk")}


def test_forces_fleeing_withdraw_and_people_fleeing_evacuate(gazetteer) -> None:
    assert _trigger_types("Окупанти в паніці тікають з міста.", "uk") == {"withdrawal"}
    assert _trigger_types("Противник в панике бежал из села.", "ru") == {"withdrawal"}
    assert _trigger_types("Тисячі мешканців виїхали з міста.", "uk") == {"evacuation"}
    assert _trigger_types("Жители уезжают из приграничных сел.", "ru") == {"evacuation"}
    # the actor the trigger's words begin with is its side
    text = " date 2022-09-11\n\nРосіяни в паніці тікають з Ізюма, кидаючи техніку."
    (event,) = _events(gazetteer, text, "2022-09-11")
    assert (event.event_type, event.place.name, event.actor1_side) == ("withdrawal", "Izyum", "RU")


def test_private_forces_are_a_side_and_their_commanders_a_party(gazetteer) -> None:
    text = (
        " date 2023-05-21\n\n"
        "Пригожин заявил, что бойцы ЧВК «Вагнер» полностью взяли под контроль Бахмут."
    )
    (event,) = _events(gazetteer, text, "2023-05-21")
    assert (event.event_type, event.certainty, event.actor1_side) == ("advance", "claimed", "RU")


def test_a_front_s_axis_named_by_a_town_s_adjective_is_no_place(gazetteer) -> None:
    # "Купянском" is also the town's instrumental; before an axis noun it is the axis's
    for text, lang in [
        ("На Купянском направлении противник атаковал.", "ru"),
        ("На Харьковском и Купянском направлениях противник атаковал.", "ru"),
        ("На Бахмутській ділянці фронту тривають бої.", "uk"),
    ]:
        assert _spans(gazetteer, text, lang) == [], text
    # the town itself, and a noun that is not a town's adjective before such a noun
    assert [t for t, _, _ in _spans(gazetteer, "Бои под Купянском продолжаются.", "ru")] == [
        "Купянском"
    ]
    assert [t for t, _, _ in _spans(gazetteer, "Єдина в Європі ділянка степу.", "uk")] == ["Європі"]


def test_a_russian_town_that_is_also_a_common_word_standing_alone_is_the_town(gazetteer) -> None:
    # raisins, a commotion, happiness to the dictionary: towns inside a sentence
    for written, key in [("Изюм", "изюм"), ("Бучу", "буча"), ("Счастье", "счастье")]:
        found = _spans(gazetteer, f"Войска покинули {written} вчера.", "ru")
        assert [(t, k) for t, k, _ in found] == [(written, key)], written
    # after a common word starting the sentence too; with the oblast after it too
    assert [t for t, _, _ in _spans(gazetteer, "Жители Изюма вернулись.", "ru")] == ["Изюма"]
    text = "Покинули Изюм Харьковской области."
    assert [t for t, _, _ in _spans(gazetteer, text, "ru")] == ["Изюм", "Харьковской области"]
    # a common word after another capital is a body's name; a village's name is no town's
    assert _spans(gazetteer, "Депутаты Государственной Думы приняли закон.", "ru") == []
    assert _spans(gazetteer, "Депутаты Думы приняли закон.", "ru") == []
    assert _spans(gazetteer, "Мы говорили про Победу вчера.", "ru") == []


def test_a_river_beside_a_place_on_it_is_not_where_the_event_was(gazetteer) -> None:
    text = " date 2024-03-05\n\nРосійські підрозділи відступили від Кринок на лівому березі Дніпра."
    events = [(e.event_type, e.place.name) for e in _events(gazetteer, text, "2024-03-05")]
    assert events == [("withdrawal", "Krynky")]


def test_a_side_named_as_the_speaking_staff_s_is_no_actor(gazetteer) -> None:
    text = (
        " date 2024-03-05\n\nПід вогнем перебували Вовчанськ та Оріхів, повідомили у Генштабі ЗСУ."
    )
    assert {e.actor1_side for e in _events(gazetteer, text, "2024-03-05")} == {None}
    acting = " date 2024-03-05\n\nЗСУ звільнили Кліщіївку, повідомили у Генштабі."
    assert {e.actor1_side for e in _events(gazetteer, acting, "2024-03-05")} == {"UA"}


def test_what_the_review_of_stop_39_found(gazetteer) -> None:
    # an oblast's adjective after a district is no town the district belongs to
    found = _spans(gazetteer, "Льговский район Курской области обстреляли.", "ru")
    assert [k for _, k, _ in found] == ["льгов", "курская область"]
    # a town before another case of an axis noun stays the town
    for text in ("В Курске участок дороги закрыт.", "Под Москвой участок трассы закрыт."):
        assert len(_spans(gazetteer, text, "ru")) == 1, text
    # names joined by a conjunction are the plural verb's subject: states acting
    text = "Франція та Німеччина заявили про допомогу."
    assert {t: literal for t, _, literal in _spans(gazetteer, text, "uk")}["Німеччина"] is False
    # a metaphor's future is no strike; a private force in quotation marks is a side
    assert _trigger_types("Санкції вдарять по економіці.", "uk") == set()
    wagner = " date 2023-05-21\n\nБойцы «Вагнера» полностью взяли под контроль Бахмут."
    assert {e.actor1_side for e in _events(gazetteer, wagner, "2023-05-21")} == {"RU"}


def test_a_flag_raised_by_no_one_named_is_its_side_s(gazetteer) -> None:
    def flag(sentence: str, lang: str) -> tuple[str, str | None]:
        event = _first_event(gazetteer, sentence, lang, "2022-11-12")
        return event.event_type, event.actor1_side

    assert flag("У Херсоні підняли синьо-жовтий прапор.", "uk") == ("flag_raised", "UA")
    assert flag("Над Изюмом подняли российский триколор.", "ru") == ("flag_raised", "RU")
    assert flag("Над Херсоном снова развевается флаг Украины.", "ru") == ("flag_raised", "UA")
    # an actor named is the side: occupiers hanging a Ukrainian flag upside down
    assert flag("Окупанти вивісили український прапор у Мелітополі.", "uk") == (
        "flag_raised",
        "RU",
    )
    # a flag of no side named: no side
    assert flag("Над ратушею Ізюма підняли прапор.", "uk") == ("flag_raised", None)


def test_people_taken_out_are_evacuated_and_strikes_are_counted_in_the_plural(gazetteer):
    def kinds(sentence: str, lang: str) -> list[tuple[str, str]]:
        text = f" date 2022-11-09\n\n{sentence}"
        return [(e.event_type, e.place.name) for e in _events(gazetteer, text, "2022-11-09", lang)]

    assert kinds("Из Херсонской области вывезены 115 тысяч мирных жителей.", "ru") == [
        ("evacuation", "Kherson Oblast")
    ]
    assert kinds("З Херсонщини вивезли двадцять тисяч людей.", "uk") == [
        ("evacuation", "Kherson Oblast")
    ]
    # goods taken away are no evacuation: looting, as in Ukrainian
    assert kinds("Из Мариуполя вывезли зерно.", "ru") == [("looting", "Mariupol")]
    assert kinds("Движение закрыто после ударов по Антоновскому мосту.", "ru") == [
        ("shelling", "Antonivskyi Bridge")
    ]
    assert kinds("Рух зупинили після ударів по Антонівському мосту.", "uk") == [
        ("shelling", "Antonivskyi Bridge")
    ]


def test_a_surname_the_dictionary_knows_as_a_town_is_a_person_after_a_first_name(gazetteer):
    text = (
        "Шойгу принял предложение командующего Сергея Суровикина. По словам "
        "Суровикина, отвод войск займет несколько дней. Бои идут у Суровикино."
    )
    # the surname, and its other forms in the article; the village itself stays a place
    assert [t for t, _, _ in _spans(gazetteer, text, "ru")] == ["Суровикино"]


def test_a_mined_or_flooded_place_is_a_report_and_people_leave_by_any_word_order(gazetteer):
    def kinds(sentence: str, lang: str) -> list[tuple[str, str]]:
        text = f" date 2023-02-02\n\n{sentence}"
        return [(e.event_type, e.place.name) for e in _events(gazetteer, text, "2023-02-02", lang)]

    assert kinds("Поля у Берислава остаются заминированными.", "ru") == [("mines", "Beryslav")]
    assert kinds("Біля Берислава трактор підірвався на міні.", "uk") == [("mines", "Beryslav")]
    assert kinds("В Каховке тракторист подорвался на мине.", "ru") == [("mines", "Kakhovka")]
    assert kinds("Затоплені села біля Херсона.", "uk") == [("flooding", "Kherson")]
    # an occupied or liberated place described is still no report of its capture
    assert kinds("Жители освобожденных сел Херсонской области получили помощь.", "ru") == []
    assert kinds("Из Купянского района выехали около пяти тысяч человек.", "ru") == [
        ("evacuation", "Kupyansk")
    ]
    assert kinds("У Новій Каховці окупанти розграбували склади.", "uk") == [
        ("looting", "Nova Kakhovka")
    ]


def test_a_clause_of_contrast_has_its_own_actor_and_leaders_speak_for_a_side(gazetteer):
    def first(sentence: str, lang: str) -> tuple[str, str | None, str]:
        event = _first_event(gazetteer, sentence, lang, "2024-06-07")
        return event.event_type, event.actor1_side, event.certainty

    claim = "Росія заявила про захоплення Кринок, але ЗСУ це спростували."
    assert first(claim, "uk") == ("advance", "RU", "claimed")
    # the subject after the trigger in its own clause still acts
    assert first("З Кринок відійшли українські військові.", "uk")[:2] == ("withdrawal", "UA")
    assert first("Противник отступил из Крынок, сообщил Пушилин.", "ru") == (
        "withdrawal",
        "UA",
        "claimed",
    )
    assert first("Украинские военные не смогли прорваться к Работино.", "ru") == (
        "advance",
        "UA",
        "negated",
    )


def test_an_assault_advances_unless_repelled_and_the_enemy_is_russia_in_ukrainian(gazetteer):
    def found(sentence: str, lang: str) -> list[tuple[str, str, str | None]]:
        return _typed_events(gazetteer, sentence, lang, "2024-05-12")

    assert found("Противник штурмує позиції біля Вовчанська.", "uk") == [
        ("advance", "Vovchansk", "RU")
    ]
    assert found("Российские войска штурмуют Часов Яр.", "ru") == [("advance", "Chasiv Yar", "RU")]
    assert found("Сили оборони відбили штурм Вовчанська.", "uk") == []
    assert found("ВСУ отразили штурм Работино.", "ru") == []


def test_a_withdrawal_told_by_where_they_went_is_from_the_place_before(gazetteer) -> None:
    def found(text: str, lang: str) -> list[tuple[str, str, int]]:
        article = f" date 2022-11-11\n\n{text}"
        events = _events(gazetteer, article, "2022-11-11", lang)
        return [(e.event_type, e.place.name, e.geo_precision) for e in events]

    text = "Бои шли за Херсон. Российские войска отошли на левый берег Днепра."
    assert found(text, "ru") == [("withdrawal", "Kherson", 2)]
    # with no place before, the destination alone is no place of the withdrawal
    assert found("Російські війська відійшли на лівий берег Дніпра.", "uk") == []
    assert found("Жителів Бахмута вивезли до Дніпра.", "uk") == [("evacuation", "Bakhmut", 1)]


def test_a_place_named_as_a_direction_is_not_where_the_next_sentence_happens(gazetteer):
    text = (
        " date 2022-10-02\n\nЗСУ звільнили Лиман. Частина окупантів змогла вирватися у "
        "напрямку Кремінної. На в'їзді до міста бійці встановили український прапор."
    )
    events = _events(gazetteer, text, "2022-10-02", "uk")
    flags = [(e.place.name, e.geo_precision) for e in events if e.event_type == "flag_raised"]
    assert flags == [("Lyman", 2)]


def test_a_district_of_the_city_is_in_the_town_named_before(gazetteer) -> None:
    text = "В Донецке пострадали три человека. Повреждены дома в Киевском районе города."
    found = {t: k for t, k, _ in _spans(gazetteer, text, "ru")}
    assert found == {"Донецке": "донецк", "Киевском районе города": "донецк"}
    ukrainian = "У Харкові вибухи. Пошкоджено будинки в Шевченківському районі міста."
    assert [k for _, k, _ in _spans(gazetteer, ukrainian, "uk")] == ["харків", "харків"]


def test_whose_control_a_place_comes_under_is_the_side_and_forces_placed_are_present(gazetteer):
    def first(sentence: str, lang: str) -> tuple[str, str | None]:
        event = _first_event(gazetteer, sentence, lang, "2022-05-20")
        return event.event_type, event.actor1_side

    mariupol = "Территория Мариуполя полностью перешла под контроль российских войск."
    assert first(mariupol, "ru") == ("advance", "RU")
    assert first("Село Роботине перейшло під контроль ЗСУ.", "uk") == ("advance", "UA")
    occupied = "Під контролем окупантів опинилися ще два села біля Бахмута."
    assert first(occupied, "uk") == ("advance", "RU")
    placed = "Российские военные разместили технику на территории станции в Энергодаре."
    assert first(placed, "ru") == ("troop_presence", "RU")


def test_russian_oblasts_written_in_ukrainian_and_a_town_before_its_oblast(gazetteer) -> None:
    def places(text: str, lang: str) -> list[tuple[str, str | None]]:
        mentions = process(Article(id="x", text=text, lang=lang), gazetteer).mentions
        return [(m.text, m.place.name if m.place else None) for m in mentions]

    assert places("Вибухи пролунали в Енгельсі Саратовської області.", "uk") == [
        ("Енгельсі", "Engels"),
        ("Саратовської області", "Saratov Oblast"),
    ]
    assert places("Дрони атакували Воронезьку, Липецьку та Калузьку області.", "uk") == [
        ("Воронезьку", "Voronezh Oblast"),
        ("Липецьку", "Lipetsk Oblast"),
        ("Калузьку області", "Kaluga Oblast"),
    ]
    # a town that reads as a surname before an oblast's adjective is no person
    assert places("Взрывы прогремели в Энгельсе Саратовской области.", "ru") == [
        ("Энгельсе", "Engels"),
        ("Саратовской области", "Saratov Oblast"),
    ]


def test_a_republic_named_after_its_noun_is_the_name_not_a_village_respublika(gazetteer) -> None:
    keys = [k for _, k, _ in _spans(gazetteer, "У Республіці Башкортостан впав дрон.", "uk")]
    assert keys == ["башкортостан"]
    # the whole name where the gazetteer holds it, and the village named so, stay found
    whole = _spans(gazetteer, "В Республике Татарстан упал дрон.", "ru")
    assert [k for _, k, _ in whole] == ["республика татарстан"]
    assert [t for t, _, _ in _spans(gazetteer, "Село Республіка обстріляли.", "uk")] == [
        "Республіка"
    ]


def test_an_offensive_in_an_area_advances_and_a_side_s_command_is_that_side(gazetteer):
    def found(sentence: str, lang: str) -> list[tuple[str, str, str | None]]:
        return _typed_events(gazetteer, sentence, lang, "2024-10-03")

    assert found("Ворог продовжує наступ у районі Селидового.", "uk") == [
        ("advance", "Selydove", "RU")
    ]
    assert found("Российские войска ведут наступление в районе Курахово.", "ru") == [
        ("advance", "Kurakhove", "RU")
    ]
    assert found("Сили оборони відбили наступ у районі Селидового.", "uk") == []
    assert found("Украинское командование подтвердило отход из Угледара.", "ru") == [
        ("withdrawal", "Vuhledar", "UA")
    ]


def test_ukrainian_outlets_in_russian_name_sides_their_way(gazetteer) -> None:
    def found(sentence: str) -> list[tuple[str, str, str | None]]:
        return _typed_events(gazetteer, sentence, "ru", "2023-09-17")

    assert found("ВСУ освободили Клещеевку.") == [("advance", "Klishchiivka", "UA")]
    assert found("Рашисты ударили по Никополю дронами.") == [("shelling", "Nikopol", "RU")]
    assert found("Силы обороны Украины продвинулись у Работино.") == [("advance", "Robotyne", "UA")]
    assert found("Украинские военные отбили у врага Андреевку.")[0][::2] == ("advance", "UA")
    assert found("ВСУ отбили атаку у Андреевки.") == []


def test_a_side_s_weapons_act_for_it_and_defences_are_built(gazetteer) -> None:
    def found(sentence: str, lang: str) -> list[tuple[str, str, str | None]]:
        return _typed_events(gazetteer, sentence, lang, "2024-05-10")

    # the trigger begins inside the actor's words ("дрони атакували")
    assert found("Ворожі дрони атакували Суми.", "uk") == [("shelling", "Sumy", "RU")]
    assert found("Российские беспилотники атаковали Харьков.", "ru") == [
        ("shelling", "Kharkiv", "RU")
    ]
    assert found("Шахеди атакували Одесу.", "uk") == [("shelling", "Odesa", "RU")]
    # a word beginning like a weapon's name is none ("Кабінет", not "КАБи")
    assert found("Кабінет міністрів оголосив евакуацію з Балаклії.", "uk") == [
        ("evacuation", "Balakliya", None)
    ]
    assert found("Росіяни зводять нові лінії оборони біля Токмака.", "uk") == [
        ("fortification", "Tokmak", "RU")
    ]
    assert found("Войска возводят оборонительные рубежи у Джанкоя.", "ru")[0][0] == "fortification"
    # a line of defence broken through is no building
    assert "fortification" not in {
        t for t, _, _ in found("ЗСУ прорвали першу лінію оборони біля Роботиного.", "uk")
    }


def test_a_town_named_in_the_plural_is_no_first_name(gazetteer) -> None:
    # the dictionary reads "Алешкам" as the plural of the name Алёшка
    assert [t for t, _, _ in _spans(gazetteer, "Военные ударили по Алешкам.", "ru")] == ["Алешкам"]
    assert [t for t, _, _ in _spans(gazetteer, "Бои идут у Алешек.", "ru")] == ["Алешек"]
    # a surname in the plural is still people ("у Петренків": at the Petrenkos')
    assert _spans(gazetteer, "Ми були в гостях у Петренків.", "uk") == []


def test_a_ukrainian_article_s_namesakes_are_ukraine_s(gazetteer) -> None:
    # Tokmok (Kyrgyzstan, written "Токмак" too) is larger, but a Ukrainian article naming
    # no country is about Ukraine; an article that names Kyrgyzstan is not
    text = "Колона рухалася до Токмака."
    (mention,) = process(Article(id="t", text=text, lang="uk"), gazetteer).mentions
    assert (mention.place.name, mention.place.country) == ("Tokmak", "UA")
    text = "У Киргизстані колона рухалася до Токмака."
    mentions = process(Article(id="t", text=text, lang="uk"), gazetteer).mentions
    assert [m.place.country for m in mentions] == ["KG", "KG"]


def test_a_hromada_s_adjective_names_its_largest_namesake(gazetteer) -> None:
    # "-пільська" is made from "-пілля" and from "-піль": the hromada's seat is the town
    assert _spans(gazetteer, "У Білопільській громаді обстріл.", "uk")[0][1] == "білопілля"
    assert _spans(gazetteer, "Краснопільська громада: обстріл.", "uk")[0][1] == "краснопілля"
    assert _spans(gazetteer, "У Тернопільському районі тихо.", "uk")[0][1] == "тернопіль"
    # a seat of two words, written as one adjective; each of a list of hromadas
    text = "Ворог обстріляв Краснопільську, Білопільську та Великописарівську громади."
    assert [key for _, key, _ in _spans(gazetteer, text, "uk")] == [
        "краснопілля",
        "білопілля",
        "велика писарівка",
    ]
    assert (
        _spans(gazetteer, "В Верхнерогачикском районе бои.", "ru")[0][1] == "верхнии рогачик"
    )  # keys fold "й" to "и"


def test_an_adjective_standing_for_an_oblast_agrees_with_it(gazetteer) -> None:
    # "районах" is a region noun, but "Ивановского" cannot qualify "область"
    text = "Бои в районах Часова Яра и Ивановского."
    assert [key for _, key, _ in _spans(gazetteer, text, "ru")] == ["часов яр", "ивановское"]
    text = "Беспилотники сбиты над Белгородской и Курской областями."
    assert [key for _, key, _ in _spans(gazetteer, text, "ru")] == [
        "белгородская область",
        "курская область",
    ]


def test_drones_downed_and_people_taken_away_in_other_forms(gazetteer) -> None:
    def found(sentence: str, lang: str) -> list[str]:
        return [t for t, _, _ in _typed_events(gazetteer, sentence, lang, "2024-05-10")]

    assert found("Сбиты 25 беспилотных летательных аппаратов над Курской областью.", "ru") == [
        "shelling"
    ]
    assert found("Над Сумами збито три безпілотні літальні апарати.", "uk") == ["shelling"]
    assert found("Из Волчанска продолжают вывозить жителей.", "ru") == ["evacuation"]
    assert found("З Вовчанська продовжують вивозити мешканців.", "uk") == ["evacuation"]


def test_a_dam_is_a_crossing_and_a_feature_named_after_a_town_is_placed_there(gazetteer):
    def found(sentence: str, lang: str) -> list[tuple[str, str, str | None]]:
        return _typed_events(gazetteer, sentence, lang, "2024-10-28")

    # a reservoir the gazetteer lacks, named by its town's adjective, is at the town
    assert found("Окупанти підірвали дамбу біля Кураховського водосховища.", "uk") == [
        ("bridge_destroyed", "Kurakhove", "RU")
    ]
    # a dam is destroyed, as in English; its power plant is not a second event
    assert found("Оккупанты взорвали плотину Каховской ГЭС.", "ru") == [
        ("bridge_destroyed", "Kakhovka Dam", "RU")
    ]
    # a bridge and a substation are two
    assert sorted(
        t for t, _, _ in found("Ракета разрушила мост и подстанцию в Херсоне.", "ru")
    ) == [
        "bridge_destroyed",
        "infrastructure_destroyed",
    ]
    # no town's adjective: no place ("Центрального", not a village Tsentralne)
    assert _spans(gazetteer, "Біля Центрального водосховища тихо.", "uk") == []


def test_forces_driven_out_reaching_approaches_and_the_side_from_which_fire_came(gazetteer):
    def found(sentence: str, lang: str) -> list[tuple[str, str, str | None]]:
        return _typed_events(gazetteer, sentence, lang, "2023-09-17")

    assert found("ЗСУ вибили окупантів з Кліщіївки.", "uk") == [("advance", "Klishchiivka", "UA")]
    assert found("ВСУ выбили российских военных из Клещеевки.", "ru") == [
        ("advance", "Klishchiivka", "UA")
    ]
    # windows blown out are no forces driven out
    assert found("Вибухова хвиля вибила шибки у будинках Херсона.", "uk") == []
    assert found("Взрывной волной выбиты стекла в домах Херсона.", "ru") == []
    # reaching a town's approaches is an advance; leaving the town a withdrawal
    assert [t for t, _, _ in found("Підрозділи вийшли на підступи до Куп'янська.", "uk")] == [
        "advance"
    ]
    assert [t for t, _, _ in found("Підрозділи вийшли з Куп'янська.", "uk")] == ["withdrawal"]
    # "со стороны", "з боку": who fired, though a noun governs the actor
    assert found("В Горловке в результате обстрела со стороны ВСУ погибла женщина.", "ru") == [
        ("shelling", "Horlivka", "UA")
    ]
    assert found("Росіяни скерували ударні дрони на Кривий Ріг.", "uk")[0][::2] == (
        "shelling",
        "RU",
    )


def test_power_plants_and_bridges_have_their_ukrainian_and_russian_names(gazetteer) -> None:
    for text, lang, name in [
        ("ВСУ атаковали Курскую АЭС дронами.", "ru", "Kursk Nuclear Power Plant"),
        ("Обстріл пошкодив Дніпровську ГЕС.", "uk", "Dnipro Hydroelectric Station"),
        ("Удар по Чонгарскому мосту.", "ru", "Chonhar Bridge"),
    ]:
        mentions = process(Article(id="t", text=text, lang=lang), gazetteer).mentions
        assert [m.place.name for m in mentions if m.place] == [name], text


def test_people_freed_or_dismissed_are_no_liberation_and_lacks_are_humanitarian(gazetteer):
    def found(sentence: str, lang: str) -> list[str]:
        return [t for t, _, _ in _typed_events(gazetteer, sentence, lang, "2024-05-10")]

    assert found("Президент звільнив з посади командувача угруповання на Донеччині.", "uk") == []
    assert found("Полонених звільнили без втрат біля Бахмута.", "uk") == []
    assert found("Путин освободил от должности губернатора Курской области.", "ru") == []
    assert found("Под Бахмутом освободили заложников.", "ru") == []
    assert found("Сили оборони звільнили Роботине.", "uk") == ["advance"]
    # cut off from water, gas or power, as English "without water" and "power cuts"
    assert found("В Николаеве третьи сутки нет воды.", "ru") == ["humanitarian"]
    assert found("Мешканці Вовчанська залишилися без газу, води та світла.", "uk") == [
        "humanitarian"
    ]
    assert sorted(found("Через обстріл у Харкові знеструмлено 200 тисяч абонентів.", "uk")) == [
        "humanitarian",
        "shelling",
    ]


def test_an_advance_stopped_is_none(gazetteer) -> None:
    def found(sentence: str, lang: str) -> list[str]:
        return [t for t, _, _ in _typed_events(gazetteer, sentence, lang, "2024-08-07")]

    assert found("Продвижение противника у Курчатова остановлено.", "ru") == []
    assert found("Сили оборони зупинили просування ворога біля Вовчанська.", "uk") == []
    assert found("Ворог просунувся біля Вовчанська.", "uk") == ["advance"]


def test_a_report_called_false_is_negated_and_a_possibility_is_a_claim(gazetteer) -> None:
    def certainty(sentence: str, lang: str) -> list[tuple[str, str, str]]:
        events = _events(gazetteer, f" date 2024-05-10\n\n{sentence}", "2024-05-10", lang)
        return [(e.event_type, e.place.name, e.certainty) for e in events]

    assert certainty(
        "Інформація про захоплення Роботиного не відповідає дійсності, заявили в ЗСУ.", "uk"
    ) == [("advance", "Robotyne", "negated")]
    assert certainty("В Генштабе опровергли информацию о захвате Работино.", "ru") == [
        ("advance", "Robotyne", "negated")
    ]
    # a denial after a contrast answers another's claim, which stays a claim
    assert certainty("Росія заявила про захоплення Кліщіївки, проте ЗСУ це заперечують.", "uk") == [
        ("advance", "Klishchiivka", "claimed")
    ]
    # and one in a relative clause is another's too; the capital it is voiced from no place
    assert certainty("Российские войска заняли Угледар, что ранее отрицали в Киеве.", "ru") == [
        ("advance", "Vuhledar", "reported")
    ]
    assert certainty("Ворог міг відійти з Кринок.", "uk") == [("withdrawal", "Krynky", "claimed")]
    assert certainty("Ворог відійшов з Кринок, припускають аналітики.", "uk") == [
        ("withdrawal", "Krynky", "claimed")
    ]
    # "could" elsewhere in the sentence is no doubt of the strike; "could not" negates (the
    # people who could not leave their shelters read as a withdrawal, negated, too)
    assert certainty("Люди не могли вийти з укриттів через обстріл Херсона.", "uk") == [
        ("withdrawal", "Kherson", "negated"),
        ("shelling", "Kherson", "reported"),
    ]
    assert certainty("Ворог міг би вже відійти з Кринок.", "uk") == [
        ("withdrawal", "Krynky", "claimed")
    ]
    # a side's denial in a relative clause answers the claim, as after a contrast
    assert certainty("Росія заявила про захоплення Кринок, що ЗСУ спростували.", "uk") == [
        ("advance", "Krynky", "claimed")
    ]
    assert certainty("Ворог не міг прорватися до Покровська.", "uk") == [
        ("advance", "Pokrovsk", "negated")
    ]
    # a denial framing another clause, by a participle, denies nothing of the event
    assert certainty("Окупанти обстріляли Херсон, поширюючи фейки про ЗСУ.", "uk") == [
        ("shelling", "Kherson", "reported")
    ]
    assert certainty("Российские войска заняли Угледар, хотя в Киеве это отрицали.", "ru") == [
        ("advance", "Vuhledar", "reported")
    ]
    # a relative clause that is the denial denies
    assert certainty("Росія заявила про захоплення Кринок, що не відповідає дійсності.", "uk") == [
        ("advance", "Krynky", "negated")
    ]
    assert certainty("Не исключено, что ВСУ покинули Работино.", "ru") == [
        ("withdrawal", "Robotyne", "claimed")
    ]
    assert certainty("Российская армия не смогла взять Угледар.", "ru") == [
        ("advance", "Vuhledar", "negated")
    ]


def test_the_reviewed_limits_of_stop_42_s_rules(gazetteer) -> None:
    def found(sentence: str, lang: str) -> list[tuple[str, str, str | None]]:
        return _typed_events(gazetteer, sentence, lang, "2024-05-10")

    # the home country weighs though the article names another as an actor
    assert found("Росія вдарила по Токмаку.", "uk") == [("shelling", "Tokmak", "RU")]
    # a district's seat is sought among Ukraine's and its neighbours' towns
    assert _spans(gazetteer, "У Карлівському районі тихо.", "uk")[0][1] == "карлівка"
    # a dam named with its plant is one event, the noun first too; a dam and a substation two
    assert found("Плотина Каховской ГЭС разрушена.", "ru") == [
        ("bridge_destroyed", "Kakhovka Dam", None)
    ]
    assert sorted(t for t, _, _ in found("Удар пошкодив дамбу і підстанцію в Херсоні.", "uk")) == [
        "bridge_destroyed",
        "infrastructure_destroyed",
        "shelling",
    ]
    assert found("Окупанти атакували позиції ЗСУ поблизу греблі в Кринках.", "uk") == []
    # air defence downing weapons: the weapons' side, not the defenders'
    assert found("Українська ППО збила російські ракети над Києвом.", "uk") == [
        ("shelling", "Kyiv", "RU")
    ]
    assert found("Сили оборони збили 20 дронів над Києвом.", "uk") == [("shelling", "Kyiv", None)]
    # fire "со стороны" a side is that side's, though another side is named before
    assert found("Российские военные сообщили об обстреле Горловки со стороны ВСУ.", "ru") == [
        ("shelling", "Horlivka", "UA")
    ]
    # no strike, defences or advance where nothing is sent at a place, built or driven out
    assert found("У Львові запустили виробництво дронів.", "uk") == []
    assert found("Германия направила в Киев ракеты для Patriot.", "ru") == []
    assert found("Ворог посилив атаки на лінію оборони біля Покровська.", "uk") == []
    assert found("Противник усилил давление на линию обороны у Покровска.", "ru") == []
    assert found("Дрони вибили військову техніку ворога біля Кринок.", "uk") == []
    assert found("З-під завалів у Харкові звільнили двох людей.", "uk") == []
    # a place freed from occupation or control is liberated
    assert found("ЗСУ звільнили Кліщіївку з-під окупації.", "uk") == [
        ("advance", "Klishchiivka", "UA")
    ]


def test_features_named_after_towns_and_rivers(gazetteer) -> None:
    for row in read_table("words.tsv", recognize.TABLES):
        if row["list"] not in ("town_feature", "river_adjective"):
            continue
        text = f"{row['example']}."
        mentions = process(Article(id="t", text=text, lang=row["lang"]), gazetteer).mentions
        places = [m.place for m in mentions if m.place is not None]
        # a feature named after a town is at the town; one named after a river is no place
        assert len(places) == (row["list"] == "town_feature"), text


def test_a_clause_of_contrast_keeps_its_places_and_a_direction_s_list_is_no_story(gazetteer):
    text = (
        " date 2024-05-12\n\nОккупанты захватили Стрелечье, Красное, Пильную и Борисовку, "
        "однако ВСУ удерживают позиции у Липцев."
    )
    found = {(e.event_type, e.place.name) for e in _events(gazetteer, text, "2024-05-12", "ru")}
    assert ("troop_presence", "Lyptsi") in found
    assert not any(t == "troop_presence" and p != "Lyptsi" for t, p in found)
    text = (
        " date 2023-08-28\n\nСили оборони звільнили Роботине. ЗСУ продовжують наступ у "
        "напрямку Новопрокопівки та Вербового. Окупанти перед відступом замінували будинки."
    )
    events = _events(gazetteer, text, "2023-08-28", "uk")
    assert {e.place.name for e in events if e.event_type == "mines"} == {"Robotyne"}
    # onto a town's outskirts, or bursting into it, is an advance
    assert _typed_events(
        gazetteer, "Российские войска зашли на северные окраины Волчанска.", "ru", "2024-05-12"
    ) == [("advance", "Vovchansk", "RU")]


def test_residents_leaving_are_evacuated_not_withdrawing(gazetteer) -> None:
    def found(sentence: str, lang: str) -> list[str]:
        return [t for t, _, _ in _typed_events(gazetteer, sentence, lang, "2024-05-10")]

    assert found("Жители Алешек массово покидают город.", "ru") == ["evacuation"]
    assert found("Мешканці Куп'янська залишають місто.", "uk") == ["evacuation"]
    assert found("Российские войска покинули Херсон.", "ru") == ["withdrawal"]


def test_positions_and_headquarters_set_up_are_troop_presence(gazetteer) -> None:
    def found(sentence: str, lang: str) -> list[tuple[str, str, str | None]]:
        return _typed_events(gazetteer, sentence, lang, "2024-05-10")

    assert found("Окупанти облаштували вогневі позиції у дворах Енергодара.", "uk") == [
        ("troop_presence", "Enerhodar", "RU")
    ]
    assert found("Окупанти розмістили штаб у школі в Олешках.", "uk") == [
        ("troop_presence", "Oleshky", "RU")
    ]
    assert found("Оккупанты оборудовали огневые позиции во дворах Энергодара.", "ru") == [
        ("troop_presence", "Enerhodar", "RU")
    ]


def test_a_belligerent_named_as_an_owner_is_no_setting(gazetteer) -> None:
    # "РФ" in "ВС РФ" owns the forces: the town is Vovchansk, not Volchansk in the Urals
    text = "ВС РФ нанесли удар по пункту временной дислокации ВСУ в Волчанске."
    mentions = process(Article(id="t", text=text, lang="ru"), gazetteer).mentions
    assert [(m.text, m.place.country) for m in mentions if m.role == "location"] == [
        ("Волчанске", "UA")
    ]


def test_going_on_is_no_intention(gazetteer) -> None:
    def found(sentence: str, lang: str) -> list[tuple[str, str, str]]:
        events = _events(gazetteer, f" date 2024-10-20\n\n{sentence}", "2024-10-20", lang)
        return [(e.event_type, e.place.name, e.certainty) for e in events]

    assert found("Українські підрозділи продовжують утримувати позиції в районі Суджі.", "uk") == [
        ("troop_presence", "Sudzha", "reported")
    ]
    assert found("ВСУ продолжают удерживать позиции у Липцов.", "ru") == [
        ("troop_presence", "Lyptsi", "reported")
    ]
    assert found("Окупанти планують утримувати Токмак.", "uk") == [
        ("troop_presence", "Tokmak", "expected")
    ]


def test_the_second_review_s_sentences(gazetteer) -> None:
    def found(sentence: str, lang: str) -> list[tuple[str, str, str | None]]:
        return _typed_events(gazetteer, sentence, lang, "2024-05-10")

    # a state is an actor in the nominative, not as a place or an owner
    assert found("У Росії дрони атакували Кіровськ.", "uk")[0][2] is None
    assert found("Президент України повідомив про обстріл Херсона.", "uk")[0][2] is None
    # equipment and volunteers' forces are no troops
    assert found("Партнери передали Харкову обладнання та техніку для енергетиків.", "uk") == []
    assert found("В Белгороде оборудовали пункты обогрева силами волонтеров.", "ru") == []
    # forces that evacuate civilians and then leave withdraw; so do those who killed people
    assert "withdrawal" in {
        t for t, _, _ in found("ЗСУ евакуювали цивільних і залишили Вугледар.", "uk")
    }
    assert found("Окупанти розстріляли людей і покинули Бучу.", "uk") == [
        ("withdrawal", "Bucha", "RU")
    ]
    # "а також" adds to the list, it opens no clause of contrast
    text = "Окупанти обстріляли Херсон, а також Берислав і Тягинку."
    assert sorted(p for t, p, _ in found(text, "uk") if t == "shelling") == [
        "Beryslav",
        "Kherson",
        "Tiahynka",
    ]
    # destroying weapons on the ground is the destroyer's strike
    assert found("ЗСУ знищили російську ракетну установку біля Токмака.", "uk") == [
        ("shelling", "Tokmak", "UA")
    ]
    # the place's preposition before the weapons
    assert found("Окупанти запустили по Одесі десять ударних дронів.", "uk") == [
        ("shelling", "Odesa", "RU")
    ]
    assert [t for t, _, _ in found("Підрозділи вийшли на околиці Куп'янська.", "uk")] == ["advance"]
