"""Certainty of a reported event: ``negated``, ``expected``, ``claimed`` or ``reported``.

After ISW's "assessed vs claimed" and PLOVER's contexts (negation, future, hypothetical):

* ``negated``: a negation frames the trigger in its clause ("did not withdraw", "denied
  capturing", "the bridge was not damaged");
* ``expected``: a modal, plan, goal, order, hope or condition frames it ("would allow Kyiv
  to advance", "trying to capture", "until the flag flies over", "its capture would open"),
  or the sentence is a question;
* ``claimed``: the sentence attributes it ("said", "according to", a headline's "Name: …")
  to a source that is not known to be neutral (witnesses, agencies, monitors, the UN);
* ``reported``: the outlet states it, or a neutral source does.

Whether the event is background (told in a relative clause or the past perfect, before the
time the article reports on) is read here too: :func:`is_background`.
"""

from __future__ import annotations

import re

from .clauses import Clause, clause_at, clauses

_NEGATION = re.compile(
    r"\b(?:not|never|denied|deny|denies|denying|fail\w* to|refused to|rejected|dismissed)\b|"
    r"n't\b|n’t\b",
    re.I,
)
#: Negating determiners count only with no comma between them and the trigger: "no sign of
#: troops withdrawing" is negated, "Without a fight, troops entered" is not.
_NEGATING_WORD = re.compile(r"\b(?:no|none|nor|neither|without)\b(?=[^,;]*\Z)", re.I)
#: Inside a trigger's own words, only a verb's negation negates it ("the bridge was not
#: damaged"; "the flag is no longer flying" is the flag's removal).
_VERB_NEGATION = re.compile(r"\b(?:not|never)\b|n't\b|n’t\b", re.I)
#: "could not independently verify", "has not confirmed": the event is unconfirmed, not denied.
_UNVERIFIED = re.compile(
    r"\b(?:(?:could|can|did|does|do|would|has|have|was|were)\s*)?(?:not|n't|n’t|unable to)\s+"
    r"(?:\w+ly\s+)?(?:be\s+)?(?:verif\w*|confirm\w*|"
    r"corroborat\w*)",
    re.I,
)
#: Lower-case modals only: "May" with a capital is the month.
_MODAL = re.compile(
    r"\b(?:would|will|shall|might|may|could|should|must|going to|about to|'ll|’ll)\b"
)
_EXPECTATION = re.compile(
    r"\b(?:expect\w*|plan(?:s|ned|ning)?|likely|intend\w*|threat\w*|hope\w*|hoping|soon|"
    r"possib\w*|prepar\w*|urg(?:e|es|ed|ing)|order\w*|fear\w*|warn\w*|aim\w* to|aims?|goal|attempt\w*|"
    r"tr(?:y|ies|ied|ying) to|seek\w* to|sought to|want\w* to|vow\w*|pledg\w*|promis\w*|"
    r"illusion|stag(?:e|ing) an?|false|prevent\w*|stop|ready to|if|unless|until|whether|"
    r"call\w* (?:on|for)|demand\w*|push\w* for|in order to|so as to|struggl\w* to)\b",
    re.I,
)
#: Words of an attempt: for an advance, the attack happened; its success is not told.
ATTEMPT = re.compile(r"attempt\w*|tr(?:y|ies|ied|ying) to|seek\w* to|sought to", re.I)
#: Words of an order or a call that, for an evacuation, are the event itself.
_ORDER = re.compile(
    r"\b(?:urg(?:e|es|ed|ing)|order\w*|call\w* (?:on|for)|told|advis\w*|forc\w*)\b", re.I
)
#: After a nominal trigger, a modal in its clause: "its capture would open the road".
_MODAL_AFTER = re.compile(r"\A[^,;.]{0,70}?\b(?:would|will|could|might|may)\b")
#: The same across an aside: "Its capture by Russia, which invaded in 2022, would compromise".
_MODAL_AFTER_ASIDE = re.compile(
    r"[^,;.]{0,40}?,\s*(?:which|who)\b[^;.]{0,100}?,\s*(?:\w+ly\s+)?(?:would|will|could|might|may)\b"
)
#: Verbs in lower case only: "the United States" states nothing.
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|saying|claim\w*|announc\w*|told|tells|stated|states|[Aa]ccording to|"
    r"alleg\w*|insist\w*|assert\w*|reported|reports|confirm\w*|declar\w*|added|adding|"
    r"wrote|posted|boasted|quoted|blam\w*|accus\w*|Claim\w*|Says)\b"
)
#: A headline's or lede's attribution: "Netanyahu: ...", "Mayor says ...".
_HEADLINE_SPEAKER = re.compile(r"\A[\"“]?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}:\s")
#: Sources that are not a party to a conflict: what they say is reported.
_NEUTRAL_SOURCE = re.compile(
    r"\b(?:(?i:witness\w*|eyewitness\w*|residents?|locals|villagers|analysts?|monitor\w*|"
    r"local (?:residents|people|sources|journalists)|"
    r"observers?|journalists?|reporters?|correspondents?|agenc(?:y|ies)|think tank|"
    r"human rights|aid (?:workers|groups?|agencies)|experts?|researchers?|satellite|"
    r"footage|videos?|images|photos?|news outlet|newspaper)|Reuters|AFP|Associated Press|AP|"
    r"BBC|CNN|Al Jazeera|ISW|Institute for the Study of War|DeepState|Syrian Observatory|"
    r"White Helmets|United Nations|UN|OCHA|Red Cross|MSF|Doctors Without Borders)\b"
)


def certainty(
    text: str,
    sentence: tuple[int, int],
    clause: Clause,
    trigger: tuple[int, int],
    event_type: str = "",
    found: list[Clause] | None = None,
) -> str:
    """The certainty of the event whose trigger is ``text[trigger[0]:trigger[1]]``;
    ``found`` are the sentence's clauses when the caller has them."""
    start, end = sentence
    t_start, t_end = trigger
    before = _UNVERIFIED.sub(" ", text[clause.start : t_start])
    inside = text[t_start:t_end]
    after = text[t_end : clause.end]
    window = before[-90:]
    if _NEGATION.search(window) or _NEGATING_WORD.search(window) or _VERB_NEGATION.search(inside):
        return "negated"
    if re.match(r"\s*(?:was|were|is|are|has|have|had)?\s*(?:not|never)\b", after):
        return "negated"
    if _expected(before[-80:], after, event_type, clause):
        return "expected"
    subject = len(text[clause.start : t_start].split()) <= 2  # "Its capture", "The fall"
    if subject and _MODAL_AFTER_ASIDE.match(text, t_end, end):
        return "expected"
    if text[start:end].rstrip().endswith("?"):
        return "expected"
    if _attributed_to_party(text, sentence, clause, found or clauses(text, start, end)):
        return "claimed"
    return "reported"


def _expected(before: str, after: str, event_type: str, clause: Clause) -> bool:
    if clause.kind == "conditional":
        return True
    if _MODAL.search(before) or _MODAL_AFTER.match(after):
        return True
    found = next(reversed(list(_EXPECTATION.finditer(before))), None)  # the nearest
    if found and event_type == "evacuation" and _ORDER.fullmatch(found.group()):
        return False  # "ordered families to evacuate": the order is the evacuation
    if found and event_type == "advance" and ATTEMPT.fullmatch(found.group()):
        return False  # "attempted to storm the town": the assault happened (its outcome is
        # not said: the caller makes it an advance, not a capture)
    if found and _COPULA.search(before, found.end()):
        return False  # "one of its attempts to ease the pressure was the incursion": it was
    return bool(found)


#: A verb of being between an expectation and the trigger: the expectation frames another verb.
_COPULA = re.compile(r"\b(?:was|were|is|are)\b(?! (?:to|due|about|set|going|expected|likely)\b)")


def _attributed_to_party(
    text: str, sentence: tuple[int, int], clause: Clause, found: list[Clause]
) -> bool:
    """Whether the sentence attributes the trigger's clause to a party (not a neutral
    source): an attribution in that clause, or in the sentence's first or last clause
    ("The army said that...", "..., the ministry said."), not in an aside between others
    ("X still live there, officials say, while the army advances")."""
    start, end = sentence
    if _HEADLINE_SPEAKER.match(text, start, end):
        return True
    scope = {found[0], found[-1], clause}
    for attribution in _ATTRIBUTION.finditer(text, start, end):
        home = clause_at(found, attribution.start())
        if home not in scope:
            continue
        if home != clause and _aside(text, home.start, attribution):
            continue  # ", officials say," attributes the words before it, not other clauses
        return not _NEUTRAL_SOURCE.search(_speaker(text, start, end, attribution))
    return False


#: An attribution set between commas after what it attributes: "X still live there,
#: officials say, while the army advances" (from the comma before it).
_ASIDE_ATTRIBUTION = re.compile(r",\s+(?:[\w'’-]+\s+){0,3}(?:say|says|said)\s*\Z")


def _aside(text: str, clause_start: int, attribution: re.Match[str]) -> bool:
    """Whether ``attribution`` stands between commas after words of its clause."""
    if text[attribution.end() : attribution.end() + 1] != ",":
        return False
    comma = text.rfind(",", clause_start, attribution.start())
    return comma > clause_start and bool(
        _ASIDE_ATTRIBUTION.match(text, comma, attribution.end())
        and re.search(r"\w", text[clause_start:comma])
    )


def _speaker(text: str, start: int, end: int, attribution: re.Match[str]) -> str:
    """The words that name who speaks: before the verb ("witnesses said"), after it only
    where the subject follows it at the end of its clause (", said the ministry.",
    "according to Reuters"), never a told recipient ("told Reuters") nor the reported
    content ("said missiles hit homes")."""
    verb = attribution.group().lower()
    before = text[max(start, attribution.start() - 60) : attribution.start()]
    after = text[attribution.end() : min(end, attribution.end() + 40)]
    if verb == "according to":
        return after
    if verb.startswith(("told", "tell")):
        return before
    inverted = re.match(r"\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+\s*(?:[.;]|\Z)", after)
    if re.search(r"[,\"”]\s*\Z", before) and inverted:
        return before[-20:] + " " + inverted.group()
    return before


_PAST_PERFECT = re.compile(r"\b(?:had|'d|’d)\s+(?:\w+ly\s+)?(?:been\s+)?\Z", re.I)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|announc\w*|claim\w*|report\w*|confirm\w*|told|added|stated)\b", re.I
)


def is_background(text: str, sentence_start: int, clause: Clause, trigger_start: int) -> bool:
    """Whether the trigger tells of something before the time the article reports on.

    A relative clause ("Snake Island, which Russia occupied on the first day") or the past
    perfect outside reported speech ("Russia had destroyed the island's infrastructure")
    tells background; "the mayor said troops had retaken the city" is news told by a speaker.
    """
    before = text[clause.start : trigger_start]
    if clause.kind == "relative" and not re.search(r"\b(?:is|are|now|currently)\b", before):
        return True
    if _PAST_PERFECT.search(text[max(sentence_start, trigger_start - 20) : trigger_start]):
        return not _SPEECH_BEFORE.search(text[sentence_start:trigger_start])
    return False
