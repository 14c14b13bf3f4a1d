from geomap.text import sentences, starts_sentence, tokenize


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
