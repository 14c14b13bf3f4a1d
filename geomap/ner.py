"""Recognisers: what finds the place names of a text before resolution.

``gazetteer`` (the default) matches gazetteer names over word boundaries and filters them
with context rules (:mod:`geomap.extract`; in Ukrainian and Russian,
:mod:`geomap.languages.recognize`); it needs no model. ``natasha`` reads Russian articles
with natasha's news NER (an optional extra); the others keep their default. ``spacy`` takes the place
entities of a spaCy pipeline the user has installed (``GPE``, ``LOC``, ``FAC``; ``NORP`` as
demonyms), so names the gazetteer lacks are still reported, unresolved. Both hand their spans
to the same context step ("Place, Region" pairs, river banks) and to the same resolver.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import GeomapError
from .extract import NameIndex, Span, describe, find_spans, place_context
from .names import fold
from .text import tokenize

RECOGNIZERS = ("gazetteer", "spacy", "natasha")
#: spaCy entity labels taken as place names, and the one taken as demonyms.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DEMONYM_LABEL = "NORP"

Recognizer = Callable[[str, NameIndex], list[Span]]


class RecognizerError(GeomapError):
    """A recogniser that cannot be set up (unknown name, spaCy or its model missing)."""


def recognizer(name: str = "gazetteer", model: str | None = None) -> Recognizer:
    """The recogniser called ``name``; ``model`` is the spaCy pipeline for ``"spacy"``."""
    if name == "gazetteer":
        return find_spans
    if name == "spacy":
        return SpacyRecognizer(load_spacy(model or "en_core_web_sm"))
    if name == "natasha":
        return NatashaRecognizer()
    raise RecognizerError(f"unknown recogniser {name!r}; choose one of {', '.join(RECOGNIZERS)}")


def load_spacy(model: str) -> Any:
    """Load the spaCy pipeline ``model`` (a package name or a folder), or say how to get it."""
    try:
        import spacy
    except ImportError:
        raise RecognizerError(
            "--ner spacy needs spaCy: pip install 'geomap[spacy]' (or pip install spacy)"
        ) from None
    try:
        return spacy.load(model, disable=["lemmatizer"])
    except OSError as exc:
        raise RecognizerError(
            f"cannot load the spaCy model {model!r} ({exc}); install one with "
            f"'python -m spacy download {model}' or pass a folder with --ner-model"
        ) from None


class SpacyRecognizer:
    """Place spans from the entities of a spaCy pipeline ``nlp``."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def __call__(self, text: str, index: NameIndex) -> list[Span]:
        words = tokenize(text)
        by_start = {start: n for n, start in enumerate(words.starts)}
        by_end = {end: n for n, end in enumerate(words.ends)}
        spans = []
        for entity in self.nlp(text).ents:
            if entity.label_ not in PLACE_LABELS and entity.label_ != DEMONYM_LABEL:
                continue
            start, end = _trim_article(text, entity.start_char, entity.end_char)
            end = _trim_possessive(text, start, end)
            i, j = by_start.get(start), by_end.get(end)
            if i is None or j is None or j < i:
                continue  # an entity that does not fall on word boundaries
            span = describe(text, words, i, j, fold(text[start:end]))
            if entity.label_ == DEMONYM_LABEL:
                span = Span(span.start, span.end, span.text, span.key, literal=False, demonym=True)
            spans.append(span)
        return place_context(text, spans, index)


class NatashaRecognizer:
    """Place spans of Russian text from natasha's news NER (slovnet, its model in its
    package: no download), the ``LOC`` entities; the rules of
    :mod:`geomap.languages.recognize` give them their nominative, kind and role. Russian
    only (:attr:`languages`): other articles are read by their language's default."""

    languages = frozenset({"ru"})

    def __init__(self) -> None:
        try:
            from natasha import NewsEmbedding, NewsNERTagger, Segmenter
        except ImportError:
            raise RecognizerError(
                "--ner natasha needs natasha: pip install 'geomap[natasha]' (or pip install natasha)"
            ) from None
        self.segmenter = Segmenter()
        self.tagger = NewsNERTagger(NewsEmbedding())

    def __call__(self, text: str, index: NameIndex) -> list[Span]:
        from natasha import Doc

        from .languages.recognize import spans_of_ranges

        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_ner(self.tagger)
        ranges = [(span.start, span.stop) for span in doc.spans if span.type == "LOC"]
        return spans_of_ranges(text, ranges, index, "ru")


def _trim_article(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the " that spaCy includes in some entities ("the Dnipro")."""
    if text[start:end].lower().startswith("the ") and end - start > 4:
        start += 4
    return start, end


def _trim_possessive(text: str, start: int, end: int) -> int:
    return end - 2 if text[start:end].endswith(("'s", "’s")) and end - start > 2 else end
