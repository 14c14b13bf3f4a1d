"""Morphology of Ukrainian and Russian words: pymorphy3 and its two dictionaries.

A word's analyses ("Херсоні" → херсон, a masculine noun in the locative) let recognition put
an inflected name back in the nominative the gazetteer knows, and let the event rules read
case and part of speech. The analysers load lazily (0.1 s each) and answers are cached per
word form, which news repeats.
"""

from __future__ import annotations

import importlib
from functools import cache, lru_cache
from typing import Any, Final

from ..errors import GeomapError

#: Grammemes of readings whose lemma may have another gender than the form (a woman's
#: surname has the man's as its lemma).
_GENDERED_LEMMAS: Final = frozenset({"Surn", "Patr", "Name"})
#: pymorphy3's methods that read a word by a paradigm of the dictionary: its own, or one
#: guessed from the word's ending (with ``KnownSuffixAnalyzer``).
_PARADIGM_METHODS: Final = frozenset({"DictionaryAnalyzer", "FakeDictionary"})
#: pymorphy3's guesses that keep the paradigm's forms: by the word's ending, and by a
#: prefix before a word it knows ("кампо|санто", "пра|нд|еллі"), which it keeps on every
#: form.
_FORM_KEEPING_GUESSES: Final = frozenset(
    {"KnownSuffixAnalyzer", "KnownPrefixAnalyzer", "UnknownPrefixAnalyzer"}
)
#: pymorphy3's parts of speech (``OpencorporaTag.PARTS_OF_SPEECH``, the same for both
#: languages).
_PARTS_OF_SPEECH: Final = frozenset(
    "NOUN ADJF ADJS COMP VERB INFN PRTF PRTS GRND NUMR ADVB NPRO PRED PREP CONJ PRCL INTJ".split()
)
#: pymorphy3's analysers of numbers, punctuation, Roman numerals and Latin words.
_SHAPE_UNITS: Final = frozenset(
    {"NumberAnalyzer", "PunctuationAnalyzer", "RomanNumberAnalyzer", "LatinAnalyzer"}
)
#: The languages morphology is read for (ISO 639-1).
MORPH_LANGUAGES: Final = ("uk", "ru")


class MorphologyError(GeomapError):
    """pymorphy3 or one of its dictionaries is missing."""


class Analysis:
    """One reading of a word form: its lemma, part of speech, grammemes and ``known``,
    whether the dictionary lists the word (else it was guessed from its ending); immutable.

    A plain class: a ``NamedTuple``'s ``__new__`` is interpreted even where this module is
    compiled, and each new word form has a few readings."""

    __slots__ = ("grammemes", "known", "lemma", "pos")

    def __init__(self, lemma: str, pos: str | None, grammemes: frozenset[str], known: bool) -> None:
        self.lemma: Final = lemma
        self.pos: Final = pos
        self.grammemes: Final = grammemes
        self.known: Final = known

    def __repr__(self) -> str:
        return f"Analysis({self.lemma!r}, {self.pos!r}, {sorted(self.grammemes)}, {self.known})"


@cache
def analyzer(lang: str) -> Any:
    """The pymorphy3 analyser of ``lang`` (``uk`` or ``ru``)."""
    if lang not in MORPH_LANGUAGES:
        raise MorphologyError(f"no morphology for language {lang!r}")
    try:
        import pymorphy3
    except ImportError as exc:  # a broken install: pymorphy3 is a dependency
        raise MorphologyError(
            "pymorphy3 is not installed; reinstall geomap (pip install geomap)"
        ) from exc
    try:
        return pymorphy3.MorphAnalyzer(lang=lang, units=_units_for_letters(lang))
    except (ValueError, OSError) as exc:
        raise MorphologyError(
            f"pymorphy3's dictionary for {lang!r} is missing: pip install pymorphy3-dicts-{lang}"
        ) from exc


def _units_for_letters(lang: str) -> list[Any]:
    """pymorphy3's analysers for ``lang`` without those of numbers, punctuation, Roman
    numerals and Latin words (:data:`_SHAPE_UNITS`): geomap analyses words of letters, never
    one all in ASCII, and Ukrainian's defaults try Roman numerals and Latin on every word. A
    Latin word with other letters ("Łódź") is then read as unknown, not as Latin: no rule
    reads either."""
    defaults = importlib.import_module(f"pymorphy3.lang.{lang}").DEFAULT_UNITS
    kept: list[Any] = []
    for item in defaults:
        group = item if isinstance(item, (list, tuple)) else [item]
        group = [unit for unit in group if type(unit).__name__ not in _SHAPE_UNITS]
        if group:
            kept.append(list(group) if isinstance(item, (list, tuple)) else group[0])
    return kept


@lru_cache(maxsize=1_000)
def _parses(lowered: str, lang: str) -> tuple[Any, ...]:
    """pymorphy3's five best parses of a lower-case word form and the first of each other
    kind (:func:`_kind_of_reading`: the pronoun "той" after seven cases of "Того"), parsed
    once for :func:`analyses`, :func:`nominatives` and :func:`agreeing` alike (which ask
    soon after). A small cache: the callers keep what they make of the parses, and each
    parse is a few objects that Python's garbage collector walks for as long as they are
    kept (keeping 10,000 words doubled the objects a first pass leaves, and the collector's
    time, for 2% fewer parses)."""
    parses = analyzer(lang).parse(lowered)
    kept = parses[:5]
    if len(parses) > 5:
        seen = {_kind_of_reading(parse.tag.grammemes) for parse in kept}
        for parse in parses[5:]:
            kind = _kind_of_reading(parse.tag.grammemes)
            if kind not in seen:
                seen.add(kind)
                kept.append(parse)
    return tuple(kept)


def _kind_of_reading(grammemes: frozenset[str]) -> tuple[str | None, frozenset[str]]:
    """A reading's part of speech and whether it names a person (and how): a reading of
    another kind than the five best is kept ("Надії", a woman's name, after five cases of
    "надія", hope)."""
    return _part_of_speech(grammemes), grammemes & _GENDERED_LEMMAS


@lru_cache(maxsize=200_000)
def analyses(word: str, lang: str) -> tuple[Analysis, ...]:
    """The readings of ``word`` (any case), best first: at most five, and the first of
    each other part of speech or kind of personal name."""
    found = []
    seen = set()
    for parse in _parses(word.lower(), lang):
        grammemes = parse.tag.grammemes
        pos = _part_of_speech(grammemes)
        key = (parse.normal_form, pos, grammemes)
        if key not in seen:
            seen.add(key)
            known = type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
            found.append(Analysis(parse.normal_form, pos, grammemes, known))
    return tuple(found)


@cache
def _part_of_speech(grammemes: frozenset[str]) -> str | None:
    """The part of speech among a tag's ``grammemes``, as a plain string: pymorphy3's
    ``tag.POS`` is a subclass of ``str`` that checks every comparison in Python, and the
    rules compare parts of speech often. Cached: a language has a few thousand tags, and
    intersecting sets for every reading of every word took a sixteenth of the first pass."""
    for pos in grammemes & _PARTS_OF_SPEECH:
        return pos
    return None


@lru_cache(maxsize=100_000)
def nominatives(word: str, lang: str) -> tuple[str, ...]:
    """The nominatives of ``word``'s noun and adjective readings, each of the reading's own
    gender and number ("Новій" → "нова", "Каховці" → "каховка"). Asked only of the words
    of candidate names: inflecting is most of morphology's cost."""
    return _inflected(word, lang, ("NOUN", "ADJF", "PRTF"), frozenset({"nomn"}))


@lru_cache(maxsize=50_000)
def agreeing(word: str, lang: str, gender: str | None, plural: bool) -> tuple[str, ...]:
    """The nominative forms of adjective ``word`` that agree with a head noun of ``gender``
    ("Донецької" before "область" → "донецька"; "Часовим" before "Яр" → "часовий")."""
    wanted = {"nomn", "plur"} if plural else {"nomn", *([gender] if gender else [])}
    return _inflected(word, lang, ("ADJF", "PRTF", "NUMR"), frozenset(wanted))


def _inflected(
    word: str, lang: str, parts_of_speech: tuple[str, ...], wanted: frozenset[str]
) -> tuple[str, ...]:
    """``word``'s readings of ``parts_of_speech`` put in the grammemes ``wanted``, each
    form once."""
    forms: list[str] = []
    for parse in _parses(word.lower(), lang):
        grammemes = parse.tag.grammemes
        pos = _part_of_speech(grammemes)
        if pos not in parts_of_speech:
            continue
        if wanted <= grammemes:
            form = parse.word  # already so ("Херсон", "Нова")
        elif (
            wanted == {"nomn"}
            and pos == "NOUN"
            and "plur" not in grammemes
            and not grammemes & _GENDERED_LEMMAS
        ):
            # a singular noun's nominative is its lemma: no inflecting (Ukrainian tags carry
            # no "sing"); not a surname's, whose lemma is the man's ("Королёвой")
            form = parse.normal_form
        else:
            # Ukrainian adjectives carry no number in the singular: try without it first
            form = _inflect(parse, wanted, lang) or _inflect(parse, wanted | {"sing"}, lang)
        if form is not None and form not in forms:
            forms.append(form)
    return tuple(forms)


def _inflect(parse: Any, wanted: frozenset[str], lang: str) -> str | None:
    """``parse``'s word in the grammemes ``wanted``, as pymorphy3's ``Parse.inflect`` gives it.
    pymorphy3 builds the word's whole lexeme to choose one form; the choice for a word of
    the dictionary, or guessed by its ending, depends only on its paradigm and its place in
    it, so it is made once per place (:func:`_paradigm_change`) and applied to the word's
    stem. A prefix pymorphy3 guessed stays in front ("кампо" of "кампосанто")."""
    (method, *found), *guesses = parse.methods_stack
    known = found[0] if found else ""
    if (
        type(method).__name__ not in _PARADIGM_METHODS
        or any(type(guess[0]).__name__ not in _FORM_KEEPING_GUESSES for guess in guesses)
        or not parse.word.endswith(known)
    ):
        # a word guessed otherwise (by its hyphen): pymorphy3's own way
        inflected = parse.inflect(set(wanted))
        return inflected.word if inflected is not None else None
    _, paradigm, place = found
    change = _paradigm_change(lang, paradigm, place, wanted)
    if change is None:
        return None
    prefix_written, suffix_written, prefix, suffix = change
    guessed = parse.word[: len(parse.word) - len(known)]
    stem = known[prefix_written : len(known) - suffix_written]
    return guessed + prefix + stem + suffix


@lru_cache(maxsize=20_000)
def _paradigm_change(
    lang: str, paradigm: int, place: int, wanted: frozenset[str]
) -> tuple[int, int, str, str] | None:
    """How the form at ``place`` of ``paradigm`` becomes the form pymorphy3 would inflect it
    to: the lengths of its prefix and suffix, and the new prefix and suffix (None: no form
    has ``wanted``). The choice is pymorphy3's: of the forms with every grammeme wanted
    (else wanted with rare cases made common), the first most similar to the form's own
    grammemes updated with those wanted."""
    morph = analyzer(lang)
    forms = _paradigm_forms(lang, paradigm)
    own_prefix, own_tag, own_suffix = forms[place]
    possible = [form for form in forms if wanted <= form[1].grammemes]
    if not possible:
        wanted = morph.TagClass.fix_rare_cases(wanted)
        possible = [form for form in forms if wanted <= form[1].grammemes]
    if not possible:
        return None
    target = own_tag.updated_grammemes(wanted)
    prefix, _, suffix = max(
        possible,
        key=lambda form: len(target & form[1].grammemes) - 0.1 * len(target ^ form[1].grammemes),
    )
    return len(own_prefix), len(own_suffix), prefix, suffix


@lru_cache(maxsize=5_000)
def _paradigm_forms(lang: str, paradigm: int) -> tuple[tuple[str, Any, str], ...]:
    """The (prefix, tag, suffix) of each form of ``paradigm``: words of one paradigm recur
    at different places in it."""
    return tuple(analyzer(lang).dictionary.build_paradigm_info(paradigm))


@cache
def noun_forms(lemmas: frozenset[str], lang: str) -> frozenset[str]:
    """Every form of the nouns ``lemmas`` ("міст": "мосту", "мостом", "мости"...), so that a
    word is known as one of them by a set look-up, without analysing it."""
    forms = set(lemmas)
    for lemma in lemmas:
        for parse in analyzer(lang).parse(lemma):
            same = parse.normal_form.replace("ё", "е") == lemma.replace("ё", "е")
            if same and parse.tag.POS == "NOUN":
                forms.update(form.word for form in parse.lexeme)
    # Russian is mostly printed without "ё": "в поселке"
    return frozenset(forms | {form.replace("ё", "е") for form in forms})
