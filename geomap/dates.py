"""Dates in article text, resolved against the article's date.

Explicit dates ("Nov. 11", "November 14, 2022", "14 November"), weekdays ("on Thursday"),
deictic words ("yesterday", "this morning"), relative periods ("last week", "over the past
two weeks", "in September") and anchored ones ("the day after", "the next day") become a
:class:`DateMention` with a time precision in the manner of ACLED: 1 the day, 2 the week,
3 the month (coded to its 15th).

Past tense is assumed, as news reports what has happened: a bare weekday or month is the
latest one on or before the reference date, unless "next" or "coming" says otherwise.
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
_NUMBERS = NUMBER_WORDS | {"a": 1, "several": 3, "few": 3, "couple of": 2}

# "May" alone is too often the verb; it counts as a month only with a day or a year.
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_COUNT = r"(?P<count>\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few|couple of)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("iso", rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
        ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
        ("day_month", rf"\b{_DAY}\s+{_MONTH}(?:\s+{_YEAR}\b)?"),
        (
            "month_year",
            rf"\b(?:(?i:in|since|until|by|during|early|late|mid-?)\s+)?{_MONTH}(?:\s+{_YEAR}\b)?",
        ),
        (
            "weekday",
            r"\b(?P<which>(?i:last|this|next|on|coming|past)\s+)?"
            r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
        ),
        (
            "deictic",
            r"(?i)\b(?P<word>yesterday|today|tonight|this (?:morning|afternoon|evening))\b",
        ),
        (
            "anchored",
            r"(?i)\b(?:the\s+(?P<rel>day|week|month)\s+(?P<dir>after|before)"
            r"|the\s+(?:next|following)\s+(?P<next>day|week|morning))\b",
        ),
        ("ago", rf"(?i)\b{_COUNT}\s+(?P<unit>days?|weeks?|months?)\s+ago\b"),
        (
            "period",
            rf"(?i)\b(?P<lead>last|this|past|previous|over the past|in the past|for the past|"
            rf"for|in recent)\s+(?:{_COUNT}\s+)?(?P<unit>days?|weeks?|months?)\b",
        ),
    )
)
_SINCE = re.compile(r"(?i)\b(?:since|until|till|before|after|by)\s+(?:the\s+)?$")


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


def find_dates(
    text: str,
    start: int,
    end: int,
    reference: dt.date,
    anchor: DateMention | None = None,
) -> list[DateMention]:
    """The date expressions in ``text[start:end]``, in text order.

    ``reference`` is the date deictic words refer to (the article's date, or for words in
    a quotation the date the quotation was given); ``anchor`` is the last explicit date
    before this span, which "the day after" counts from.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            resolved = _resolve(name, match, reference, anchor)
            if resolved is None:
                continue
            day, precision, explicit = resolved
            boundary = bool(_SINCE.search(text[max(0, match.start() - 12) : match.start()]))
            boundary = boundary or match.group(0).lower().startswith(("since", "until", "by "))
            found.append(
                DateMention(match.start(), match.end(), day, precision, explicit, boundary)
            )
            taken.append(match.span())
    return sorted(found, key=lambda d: d.start)


def _resolve(
    name: str, match: re.Match[str], reference: dt.date, anchor: DateMention | None
) -> tuple[dt.date, int, bool] | None:
    groups = match.groupdict()
    try:
        if name == "iso":
            return dt.date(int(groups["year"]), int(groups["m"]), int(groups["d"])), DAY, True
        if name in ("month_day", "day_month"):
            month = _month(groups["month"])
            day = int(groups["day"])
            year = int(groups["year"]) if groups.get("year") else None
            return _latest(reference, month, day, year), DAY, True
        if name == "month_year":
            month = _month(groups["month"])
            year = int(groups["year"]) if groups.get("year") else None
            if groups["month"] == "May" and year is None:
                return None
            return _latest(reference, month, 15, year), MONTH, True
    except ValueError:  # "February 30"
        return None
    if name == "weekday":
        which = (groups.get("which") or "").strip().lower()
        wanted = _WEEKDAYS.index(groups["weekday"].lower())
        back = (reference.weekday() - wanted) % 7
        if which in ("next", "coming"):
            return (
                reference + dt.timedelta(days=(wanted - reference.weekday()) % 7 or 7),
                DAY,
                False,
            )
        if which == "last" and back == 0:
            back = 7
        return reference - dt.timedelta(days=back), DAY, False
    if name == "deictic":
        return (
            (
                reference - dt.timedelta(days=1)
                if groups["word"].lower() == "yesterday"
                else reference
            ),
            DAY,
            False,
        )
    if name == "anchored":
        if anchor is None:
            return None
        unit = (groups.get("rel") or groups.get("next") or "day").lower()
        days = {"day": 1, "morning": 1, "week": 7, "month": 30}[unit]
        sign = -1 if (groups.get("dir") or "").lower() == "before" else 1
        precision = max(anchor.precision, DAY if days == 1 else WEEK if days == 7 else MONTH)
        return anchor.date + dt.timedelta(days=sign * days), precision, False
    count = _count(groups.get("count"))
    unit = groups["unit"].lower().rstrip("s")
    if name == "ago":
        days = count * {"day": 1, "week": 7, "month": 30}[unit]
        precision = {"day": DAY, "week": WEEK, "month": MONTH}[unit]
        return reference - dt.timedelta(days=days), precision, False
    # a period reaching up to the reference date: "last week", "over the past two weeks"
    lead = groups["lead"].lower()
    if unit == "day":
        return reference, WEEK, False
    if unit == "week":
        back = 7 if lead in ("last", "previous") and groups.get("count") is None else 0
        return reference - dt.timedelta(days=back), WEEK, False
    if lead in ("last", "previous") and groups.get("count") is None:
        previous = reference.replace(day=1) - dt.timedelta(days=1)
        return previous.replace(day=15), MONTH, False
    return reference, MONTH, False


def _month(word: str) -> int:
    key = word.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTH_SHORT[key[:4] if key.startswith("sept") else key[:3]]


def _count(word: str | None) -> int:
    if not word:
        return 1
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 1)


def _latest(reference: dt.date, month: int, day: int, year: int | None) -> dt.date:
    """The date ``month``/``day`` of ``year``, or without a year the latest one on or
    before ``reference`` (a month later than the reference is last year's)."""
    if year is not None:
        return dt.date(year, month, day)
    candidate = dt.date(reference.year, month, day)
    return (
        candidate
        if candidate <= reference + dt.timedelta(days=1)
        else candidate.replace(year=reference.year - 1)
    )
