"""Dates in article text, resolved against the article's date.

Explicit dates ("Nov. 11", "November 14, 2022", "14 November", "In December 2023"),
weekdays ("on Thursday", "late on Saturday"), deictic words ("yesterday", "this morning"),
relative periods ("last week", "over the weekend", "earlier this year") and anchored ones
("the day after", "a day earlier", "the night prior") become a :class:`DateMention` with a
time precision in the manner of ACLED: 1 the day, 2 the week, 3 the month (coded to its 15th).

The rules, each with its reason:

* Month names and abbreviations are whole words ("Mariupol", "Nova Kakhovka", "Augusta" hold
  none). An abbreviation, or "May", is a month only beside a day or a year ("Mar Elias" and
  "Jan Kowalski" are names, "may" is a verb); a full name alone needs a leading word such as
  "in", "since" or "last", and is a name before a capitalised word ("August Landmesser").
* Past tense is assumed, as news reports what has happened: a date without a year, a bare
  weekday or month is the latest one on or before the reference date, never after it.
  "last May" is the latest May before the reference's month, "next"/"coming" the first one
  after. A year written is kept as written.
* A plan is dated forward only when the text says so: "next"/"coming" just before, or "will",
  "is due to", "plans to" earlier in the clause, give the coming one; "would" or
  "from"/"starting" just before give the occurrence nearest the reference, either way
  ("would withdraw from May 25" in an article of May 20 is five days on, not a year back).
  A reporting verb after the modal cancels it ("“We will hold,” he said on Friday").
* A month-precision date is the month's 15th, but never after the reference ("since early
  January" in an article of January 12 is January 12). A year alone ("in 2022", found on
  request only) is coded to July 1 at month precision, the coarsest ACLED code ("early" and
  "late 2022" to February and November 15); "earlier this year" to the middle of the year
  so far, likewise.
* "since <date>", "since the invasion began in <date>" and "until/by <date>" bound a period
  rather than date an event: ``boundary``.
* Anchored phrases count from the nearest day-precise date before them in the same span
  ("told reporters on Monday that the town fell the night prior" is Sunday), else from
  ``anchor``; backward ones ("a day earlier") fall back on the reference, forward ones
  ("two days later") need an anchor and stop at the reference. With an object ("the day
  before the vote") they count from the object, which has no date here.

Relative words, for an article of Monday 2024-03-11:

==============================  ===========  =====  =======================================
phrase                          date         prec.  why
==============================  ===========  =====  =======================================
yesterday / today               03-10/03-11  day    the reference is the writer's "now"
on Saturday, late on Saturday   03-09        day    latest such weekday on or before it
on Monday                       03-11        day    the reference's own weekday is that day
next Friday, will ... on Friday 03-15        day    only a stated plan looks forward
over the weekend                03-09        week   the Saturday of the weekend just past
this week                       03-11        week   the week so far ends at the reference
last week                       03-04        week   a day inside the previous week
earlier this month              03-11        month  the 15th, but not after the reference
last month                      02-15        month  the previous month, coded to its 15th
earlier this year               02-05        month  the middle of January 1 .. reference
three days ago                  03-08        day    counted back from the reference
the day before, the night prior anchor - 1   day    a night is dated by its evening
a day earlier, 2 days before    anchor - n   day    no anchor: counted from the reference
the next day, two days later    anchor + n   day    no anchor: no date
the same day, that day          anchor       day    the date just named
==============================  ===========  =====  =======================================
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import NUMBER_WORDS

#: ACLED time precision codes.
DAY, WEEK, MONTH = 1, 2, 3

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH_SHORT = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9}
_MONTH_SHORT |= {"sept": 9, "oct": 10, "nov": 11, "dec": 12}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = NUMBER_WORDS | {"a": 1, "an": 1, "several": 3, "few": 3, "couple of": 2}

# Word-bounded: "Mar" must not open "Mariupol" nor "Nov" "Nova Kakhovka", "August" "Augusta".
_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\b))"
)
# A month alone: full names only ("May" included), after a word that makes it a time.
_BARE_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b)"
)
_MONTH_LEAD = (
    r"(?P<lead>(?i:(?:in|since|until|till|by|during|through|throughout|from|to|of|before|after"
    r"|last|next|coming|this|early|late|mid|the|the\s+end\s+of|the\s+beginning\s+of)\s+"
    r"|mid-))"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_COUNT = (
    r"(?P<count>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few|couple of)"
)
_PART_OF_DAY = r"(?:\s+(?:night|morning|afternoon|evening))?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("iso", rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
        ("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?"),
        ("month_year", rf"\b(?:{_MONTH_LEAD})?{_MONTH},?\s+{_YEAR}\b"),
        # a capitalised word after a bare month makes it a name ("August Landmesser", "the
        # March of Dimes")
        ("month", rf"\b{_MONTH_LEAD}{_BARE_MONTH}(?!\s+(?:of\s+(?:the\s+)?)?[A-Z][a-z])"),
        (
            "year",
            rf"(?i:\b(?:in|since|during|until|till|by|throughout|early|late)\s+|\bmid-){_YEAR}\b"
            r"(?!\s*[-–]\s*\d|\s+(?:people|troops|soldiers|civilians|km|kilometres|miles))",
        ),
        ("this_year", r"(?i)\b(?:earlier|so\s+far)\s+this\s+year\b"),
        (
            "weekday",
            r"\b(?P<part>(?i:late|early)\s+(?i:on\s+)?)?"
            r"(?P<which>(?i:last|this|next|on|coming|past)\s+)?"
            rf"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b{_PART_OF_DAY}",
        ),
        (
            "weekend",
            r"(?i)\b(?:(?:over|during|at|on)\s+the|(?P<which>this|last|past))\s+weekend\b",
        ),
        (
            "deictic",
            r"(?i)\b(?P<word>yesterday|today|tonight|this (?:morning|afternoon|evening))\b",
        ),
        ("ago", rf"(?i)\b{_COUNT}\s+(?P<unit>days?|weeks?|months?)\s+ago\b"),
        (
            "period",
            # "the next day" is anchored, not a period
            r"(?i)\b(?P<lead>last|this|past|previous|(?<!\bthe\s)(?:next|coming)|over the past"
            r"|in the past|for the past|for|in recent)\s+(?:"
            rf"{_COUNT}\s+)?(?P<unit>days?|weeks?|months?)\b",
        ),
    )
)

# "before"/"after"/"prior" count from a date only where the phrase ends; with an object they
# count from it: "the day before the vote", "a day after it withdrew", "the night prior to".
_NO_OBJECT = r"(?=\s*(?:[,.;:)—–]|$)|\s+(?:and|but|when|while|as|with|in|at|near|on)\b)"
# Anchored phrases, resolved after the others so that a date earlier in the span can anchor
# them.
_ANCHORED = re.compile(
    r"(?i)\b(?:"
    rf"the\s+(?P<rel>day|night|week|month)\s+(?P<dir>after|before|prior){_NO_OBJECT}"
    r"|the\s+(?P<which>next|following|previous|preceding)\s+"
    r"(?P<next>day|week|month|morning|night|evening)"
    rf"|{_COUNT}\s+(?P<unit>days?|nights?|weeks?)\s+"
    rf"(?P<dir2>later|earlier|previously|(?:after|before|prior){_NO_OBJECT})"
    r"|(?:that|the\s+same)\s+(?P<same>day|night|morning|evening)"
    r")\b"
)
_SINCE = re.compile(
    r"(?i)\b(?:since|until|till|before|after|by)\s+(?:the\s+)?(?:(?:early|late)\s+(?:on\s+)?)?$"
)
# "since the invasion began in February": the date bounds the period, it dates no event here
_SINCE_BEGAN = re.compile(
    r"(?i)\bsince\s+(?:[\w'’-]+\s+){0,6}?(?:began|begun|started|erupted|broke\s+out"
    r"|launched|was\s+launched)\s+(?:in\s+|on\s+)?$"
)
# A plan: these words earlier in the clause date it forward. "will" and its kin give the
# coming occurrence; "would" (reported plans, conditionals) the nearer one.
_WILL = re.compile(
    r"(?i)(?:\b(?:will|won['’]t|shall)\b|['’]ll\b"
    r"|\b(?:is|are)\s+(?:due|scheduled|expected|planned|(?:set|going)\s+to)\b"
    r"|\b(?:plans?|intends?)\s+to\b)"
)
_WOULD = re.compile(
    r"(?i)\b(?:would|wouldn['’]t|(?:was|were)\s+(?:due|set|scheduled|expected|going)\s+to"
    r"|planned\s+to|intended\s+to|vowed\s+to|promised\s+to)\b"
)
# ... unless a report comes between: "“We will win,” he said on Friday".
_REPORTED = re.compile(
    r"(?i)\b(?:said|says|told|tells|announced|reported|added|stated|claimed|confirmed|wrote)\b"
)
_FROM = re.compile(r"(?i)\b(?:from|starting|beginning|as\s+of)\s+(?:on\s+)?$")
_NEXT = re.compile(r"(?i)\b(?:next|coming|upcoming)\s+$")


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``[start, end)`` of the text, resolved.

    ``precision`` is 1 (day), 2 (week) or 3 (month). ``explicit`` is True for calendar
    dates, which can anchor the relative expressions that follow them. ``boundary`` is True
    when the date bounds a period ("since February") rather than dating what happened.
    """

    start: int
    end: int
    date: dt.date
    precision: int
    explicit: bool = False
    boundary: bool = False


# Where a date's clause places it: "past" (the default: on or before the reference), "last"
# (before the reference's month), "near" (a reported plan: the nearest occurrence), "future"
# (a plan: on or after the reference), "next" (next/coming: strictly after it).
_Tense = str


def find_dates(
    text: str,
    start: int,
    end: int,
    reference: dt.date,
    anchor: DateMention | None = None,
    *,
    years: bool = False,
) -> list[DateMention]:
    """The date expressions in ``text[start:end]``, in text order.

    ``reference`` is the date deictic words refer to (the article's date, or for words in
    a quotation the date the quotation was given); ``anchor`` is the last explicit date
    before this span, which "the day after" counts from when the span has none before it.
    A year alone ("in 2014") is found only with ``years``: in news it is nearly always
    background ("Crimea, annexed in 2014"), and taken as the nearest date of a sentence it
    would date the sentence's event years back.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return not any(s < match.end() and match.start() < e for s, e in taken)

    def add(match: re.Match[str], resolved: tuple[dt.date, int, bool] | None) -> None:
        if resolved is None:
            return
        day, precision, explicit = resolved
        before = text[max(0, match.start() - 80) : match.start()]
        boundary = bool(_SINCE.search(before[-24:]) or _SINCE_BEGAN.search(_clause(before)))
        boundary = boundary or match.group(0).lower().startswith(("since", "until", "by "))
        found.append(DateMention(match.start(), match.end(), day, precision, explicit, boundary))
        taken.append(match.span())

    for name, pattern in _PATTERNS:
        if name == "year" and not years:
            continue
        for match in pattern.finditer(text, start, end):
            if free(match):
                tense = _tense(_clause(text[max(start, match.start() - 160) : match.start()]))
                add(match, _resolve(name, match, reference, tense))
    for match in _ANCHORED.finditer(text, start, end):
        if free(match):
            earlier = [d for d in found if d.end <= match.start() and d.precision == DAY]
            base = max(earlier, key=lambda d: d.start) if earlier else anchor
            add(match, _resolve_anchored(match, base, reference))
    return sorted(found, key=lambda d: d.start)


def _clause(before: str) -> str:
    """The part of ``before`` after its last clause-ending mark (a closing quotation mark
    too: the words quoted are another speaker's clause)."""
    cut = max(before.rfind(mark) for mark in ".;!?\n”")
    return before[cut + 1 :]


def _tense(clause: str) -> _Tense:
    """How the clause before a date places it: see the module docstring."""
    if _NEXT.search(clause):
        return "next"
    if _FROM.search(clause):
        return "near"
    for pattern, tense in ((_WILL, "future"), (_WOULD, "near")):
        modals = list(pattern.finditer(clause))
        if modals and not _REPORTED.search(clause, modals[-1].end()):
            return tense
    return "past"


def _resolve(
    name: str, match: re.Match[str], reference: dt.date, tense: _Tense
) -> tuple[dt.date, int, bool] | None:
    groups = match.groupdict()
    lead = (groups.get("lead") or groups.get("which") or "").strip().lower()
    if lead in ("next", "coming"):
        tense = "next"
    try:
        if name == "iso":
            return dt.date(int(groups["year"]), int(groups["m"]), int(groups["d"])), DAY, True
        if name in ("month_day", "day_month"):
            month = _month(groups["month"])
            year = int(groups["year"]) if groups.get("year") else None
            return _day_of(reference, month, int(groups["day"]), year, tense), DAY, True
        if name in ("month_year", "month"):
            month = _month(groups["month"])
            year = int(groups["year"]) if groups.get("year") else None
            if year is None and lead == "last":
                tense = "last"
            return _month_of(reference, month, year, tense), MONTH, True
        if name == "year":  # "early 2022" in its February, "late 2022" in its November
            part = match.group(0)[:3].lower()
            month, day = {"ear": (2, 15), "lat": (11, 15)}.get(part, (7, 1))
            coded = dt.date(int(groups["year"]), month, day)
            this_year = coded.year == reference.year  # a later year is a plan, as written
            return (min(coded, reference) if this_year else coded), MONTH, True
    except ValueError:  # "February 30"
        return None
    if name == "this_year":
        start = dt.date(reference.year, 1, 1)
        return start + (reference - start) / 2, MONTH, False
    if name == "weekday":
        wanted = _WEEKDAYS.index(groups["weekday"].lower())
        back = (reference.weekday() - wanted) % 7
        ahead = (wanted - reference.weekday()) % 7
        if tense == "next":
            return reference + dt.timedelta(days=ahead or 7), DAY, False
        if tense == "future":
            return reference + dt.timedelta(days=ahead), DAY, False
        if lead in ("last", "past") and back == 0:
            back = 7
        elif tense == "near" and 0 < ahead < back:
            return reference + dt.timedelta(days=ahead), DAY, False
        return reference - dt.timedelta(days=back), DAY, False
    if name == "weekend":
        # the Saturday of the latest weekend begun by the reference; "last" on a weekend day
        # means the one before
        back = (reference.weekday() - 5) % 7
        if lead in ("last", "past") and back < 2:
            back += 7
        elif tense in ("future", "next") and back > 1:  # "will play this weekend"
            back -= 7
        return reference - dt.timedelta(days=back), WEEK, False
    if name == "deictic":
        yesterday = groups["word"].lower() == "yesterday"
        return reference - dt.timedelta(days=1 if yesterday else 0), DAY, False
    if groups["unit"][0].isupper():  # "This Week", a programme or a headline
        return None
    count = _count(groups.get("count"))
    unit = groups["unit"].lower().rstrip("s")
    if name == "ago":
        days = count * {"day": 1, "week": 7, "month": 30}[unit]
        precision = {"day": DAY, "week": WEEK, "month": MONTH}[unit]
        return reference - dt.timedelta(days=days), precision, False
    # a period reaching up to the reference date: "last week", "over the past two weeks"
    bare = groups.get("count") is None
    if lead in ("next", "coming") and bare:
        days = {"day": 1, "week": 7, "month": 31}[unit]
        ahead = reference + dt.timedelta(days=days)
        return (ahead.replace(day=15), MONTH, False) if unit == "month" else (ahead, WEEK, False)
    if unit == "day":
        return reference, WEEK, False
    if unit == "week":
        if lead in ("last", "previous") and bare:
            return reference - dt.timedelta(days=7), WEEK, False
        return reference, WEEK, False
    if lead in ("last", "previous") and bare:
        previous = reference.replace(day=1) - dt.timedelta(days=1)
        return previous.replace(day=15), MONTH, False
    if lead == "this":  # "earlier this month": the month coded as months are, not after now
        return min(reference.replace(day=15), reference), MONTH, False
    return reference, MONTH, False


def _resolve_anchored(
    match: re.Match[str], base: DateMention | None, reference: dt.date
) -> tuple[dt.date, int, bool] | None:
    """An anchored phrase counted from ``base``: see the table in the module docstring."""
    groups = match.groupdict()
    direction = (groups.get("dir") or groups.get("dir2") or groups.get("which") or "").lower()
    backward = direction in ("before", "prior", "earlier", "previously", "previous", "preceding")
    if groups.get("same"):
        steps, unit = 0, "day"
    elif groups.get("unit"):
        steps, unit = _count(groups.get("count")), groups["unit"].lower().rstrip("s")
    else:
        steps, unit = 1, (groups.get("rel") or groups.get("next") or "day").lower()
    if base is None:
        if not backward:
            return None  # "two days later" than what?
        base = DateMention(0, 0, reference, DAY)
    days = {"week": 7, "month": 30}.get(unit, 1) * steps  # a night, a morning: a day
    precision = max(base.precision, {"week": WEEK, "month": MONTH}.get(unit, DAY))
    day = base.date + dt.timedelta(days=-days if backward else days)
    return min(day, reference), precision, False  # news reports the past


def _month(word: str) -> int:
    key = word.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTH_SHORT[key[:4] if key.startswith("sept") else key[:3]]


def _count(word: str | None) -> int:
    if not word:
        return 1
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 1)


def _day_of(reference: dt.date, month: int, day: int, year: int | None, tense: _Tense) -> dt.date:
    """``month``/``day`` of ``year``; without a year the latest one on or before
    ``reference``, or the first one on or after it (after it, for "next"), or the nearer of
    the two, as ``tense`` says."""
    if year is not None:
        return dt.date(year, month, day)
    past = _same_day(reference.year, month, day)
    if past > reference:
        past = _same_day(reference.year - 1, month, day)
    coming = _same_day(reference.year, month, day)
    if coming < reference or (coming == reference and tense == "next"):
        coming = _same_day(reference.year + 1, month, day)
    if tense in ("future", "next") or (tense == "near" and coming - reference < reference - past):
        return coming
    return past


def _same_day(year: int, month: int, day: int) -> dt.date:
    """That day of that year; February 29 of a common year is the 28th."""
    if (month, day) == (2, 29):
        try:
            return dt.date(year, 2, 29)
        except ValueError:
            return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def _month_of(reference: dt.date, month: int, year: int | None, tense: _Tense) -> dt.date:
    """The 15th of ``month`` (never after ``reference``) of ``year``; without a year the
    latest such month up to the reference's ("last": before it), or the first one from it
    ("next": after it), or the nearer one, as ``tense`` says."""
    if year is None:
        here = reference.year * 12 + reference.month - 1
        past = here - (here - month + 1) % 12  # latest month index <= here
        if tense == "last" and past == here:
            past -= 12
        coming = past + 12 if past < here else past
        if tense == "next" and coming == here:
            coming += 12
        index = past
        if tense in ("future", "next") or (tense == "near" and coming - here < here - past):
            index = coming
        year, month = divmod(index, 12)
        month += 1
    coded = dt.date(year, month, 15)
    return min(coded, reference) if (year, month) == (reference.year, reference.month) else coded
