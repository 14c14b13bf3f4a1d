import json

import pytest
from click.testing import CliRunner

from geomap.cli import cli
from geomap.ner import RecognizerError, SpacyRecognizer, recognizer

spacy = pytest.importorskip("spacy", reason="spaCy is not installed (pip install 'geomap[spacy]')")

TEXT = (
    "Russian troops left the Dnipro's right bank. Ukrainian forces entered Kherson, "
    "and the Zorbania Valley stayed quiet."
)


def ruler_pipeline():
    """A real spaCy pipeline without a downloaded model: an entity ruler with our patterns."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "NORP", "pattern": "Russian"},
            {"label": "LOC", "pattern": "the Dnipro"},
            {"label": "GPE", "pattern": "Kherson"},
            {"label": "LOC", "pattern": "Zorbania Valley"},
            {"label": "ORG", "pattern": "Ukrainian forces"},
        ]
    )
    return nlp


def test_spacy_entities_become_spans(gazetteer):
    spans = {s.text: s for s in SpacyRecognizer(ruler_pipeline())(TEXT, gazetteer)}
    assert spans["Russian"].demonym
    # "the" and the possessive are trimmed; the bank phrase is read as with the default.
    assert spans["Dnipro"].key == "dnipro" and spans["Dnipro"].definite
    assert spans["Kherson"].literal and not spans["Kherson"].demonym
    # A name the gazetteer lacks is still a span; resolution leaves it unresolved.
    assert "Zorbania Valley" in spans
    assert "Ukrainian forces" not in spans


def test_cli_parse_with_a_spacy_pipeline_folder(tmp_path, gazetteer):
    model = tmp_path / "model"
    ruler_pipeline().to_disk(model)
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["parse", str(article), "--ner", "spacy", "--ner-model", str(model), "-q"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    by_text = {m["text"]: m for m in record["mentions"]}
    assert by_text["Kherson"]["place"]["country"] == "UA"
    assert by_text["Zorbania Valley"]["place"] is None
    assert [d["text"] for d in record["demonyms"]] == ["Russian"]


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(RecognizerError, match="cannot load the spaCy model"):
        recognizer("spacy", str(tmp_path / "no-such-model"))
    result = CliRunner().invoke(
        cli, ["parse", __file__, "--ner", "spacy", "--ner-model", str(tmp_path / "none")]
    )
    assert result.exit_code == 1 and "cannot load the spaCy model" in result.output
