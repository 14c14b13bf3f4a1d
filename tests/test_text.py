import random
import re

from geomap.text import lower_keeping_offsets, sentences, starts_sentence, tokenize


def test_tokens_drop_possessive_s_and_flag_capitals():
    tokens = tokenize("Kherson's mayor met O'Brien.")
    assert [(t.text, t.capitalized) for t in tokens] == [
        ("Kherson", True),
        ("mayor", False),
        ("met", False),
        ("O'Brien", True),
    ]
    assert tokens[0].end == 7


def test_sentence_starts_agree_with_sentences():
    text = 'Troops left on Nov. 11. "Kherson is free," he said.\nResidents cheered! Then Mr. Lee spoke.'
    starts = {start for start, _ in sentences(text)}
    for token in tokenize(text):
        opening = token.start - 1 if text[token.start - 1 : token.start] == '"' else token.start
        assert starts_sentence(text, token.start) == (opening in starts), token.text
    assert starts_sentence(text, text.index("Kherson"))
    assert not starts_sentence(text, text.index("Lee"))


def test_elided_articles_before_capitals_count_as_capitalised():
    tokens = tokenize("Abidjan, Côte d'Ivoire")
    assert [t.capitalized for t in tokens] == [True, True, True]


def test_words_are_the_same_whether_the_text_is_in_ascii_or_not():
    # Text in ASCII (or made so by stand-ins for curly quotes and dashes) takes a faster
    # path than text with other letters: both must find the same words.
    text = "O’Brien’s “Kherson” — rock’n’roll in Côte d’Ivoire, l'Aquila and Bilozerka's edge"
    accented = tokenize(text)
    plain = tokenize(text.replace("Côte", "Cote"))
    assert [t.text for t in accented] == [
        "O’Brien",
        "Kherson",
        "rock’n’roll",
        "in",
        "Côte",
        "d’Ivoire",
        "l'Aquila",
        "and",
        "Bilozerka",
        "edge",
    ]
    assert [(t.start, t.end, t.capitalized) for t in plain] == [
        (t.start, t.end, t.capitalized) for t in accented
    ]
    assert [t.text for t in plain] == [t.text.replace("Côte", "Cote") for t in accented]
    assert accented.capitalized == [True, True, False, False, True, True, True, False, True, False]


def _reference_words(text):
    """Words as one plain regular expression defines them (the tokenizer's specification)."""
    pattern = re.compile(
        r"([^\W\d_]+(?:['’ʼ](?![sS](?![^\W\d_]))[^\W\d_]+)*)(?:['’ʼ][sS](?![^\W\d_]))?"
    )
    found = []
    for match in pattern.finditer(text):
        word = match.group(1)
        elided_capital = word[1:2] in ("'", "’") and word[2:3].isupper()
        found.append((*match.span(1), word, word[0].isupper() or elided_capital))
    return found


def test_words_match_their_specification_on_awkward_text():
    pieces = [
        "Kherson",
        "oblast",
        "O",
        "d",
        "l",
        "s",
        "S",
        "Aquila",
        "Ivoire",
        "ʼ",
        "’",
        "'",
        "‘",
        "“",
        "”",
        "—",
        "–",
        "…",
        "·",
        "é",
        "Côte",
        "Київ",
        "2AA",
        "_",
        "-",
        ".",
        ",",
        " ",
        " ",
        "\n",
        "\xa0",
        "€",
        "𝔸",
        "x",
        "²",
        "ß",
        "\x92",
    ]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert [tuple(t) for t in tokenize(text)] == _reference_words(text), repr(text)


def test_lower_case_only_where_offsets_stay() -> None:
    assert lower_keeping_offsets("Херсон ГЕС") == "херсон гес"
    assert lower_keeping_offsets("İzmir") is None  # "İ" lowers to two characters


def test_ukrainian_and_russian_abbreviations_and_initials_end_no_sentence():
    text = (
        "Окупанти обстріляли с. Антонівка та м. Херсон. Заявив В. Зеленський. Бої біля н. п. Нове."
    )
    assert [text[s:e] for s, e in sentences(text)] == [
        "Окупанти обстріляли с. Антонівка та м. Херсон.",
        "Заявив В. Зеленський.",
        "Бої біля н. п. Нове.",
    ]
    assert not starts_sentence(text, text.index("Антонівка"))
    assert starts_sentence(text, text.index("Заявив"))
    # after a number, a unit's or a year's abbreviation may end a sentence
    years = "Місто звільнили у 2022 р. Зараз Херсон відбудовують. Это было в 2014 г. Сейчас иначе."
    assert len(sentences(years)) == 4
    assert len(sentences("Війська просунулися на 2 км. Бої тривають.")) == 2


def test_the_sentence_abbreviations_hold_those_recognition_reads():
    # a place word's abbreviation that recognition reads must not end a sentence either
    from geomap.events.tables import read_table
    from geomap.languages import TABLES
    from geomap.text import _CYRILLIC_ABBREVIATIONS

    for row in read_table("abbreviations.tsv", TABLES):
        last = row["abbreviation"].split(".")[-1]
        if "-" not in last:  # "б-р" is one word with its hyphen, no full stop inside
            assert len(last) == 1 or last in _CYRILLIC_ABBREVIATIONS, row["abbreviation"]
