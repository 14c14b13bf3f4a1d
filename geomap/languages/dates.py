"""Dates written in Ukrainian and Russian: "11 листопада", "17 лютого 2024 року", "у суботу",
"вчора", "минулого тижня"; "9 ноября", "в субботу", "накануне", "на прошлой неделе".

Each is read against the article's date: a day and month without a year take the year that
puts them on or before the article (news tells what has happened); a weekday is the last one
on or before the article's date; "yesterday" is the day before it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Final, NamedTuple

from ..dates import DAY, MONTH, WEEK

_MONTHS: Final = {
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}
#: Weekday stems, Monday first (accusative and other cases follow the stem).
_WEEKDAYS: Final = {
    "uk": ("понеділ", "вівтор", "серед", "четвер", "п[’'ʼ]?ятниц", "субот", "неділ"),
    "ru": ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень"),
}
#: Words of a day counted from the article's date: (pattern, days back, precision).
_RELATIVE: Final = {
    "uk": (
        (r"позавчора", 2, DAY),
        (r"вчора|учора|напередодні", 1, DAY),
        (r"сьогодні|нині", 0, DAY),
        (r"(?:минулого|на минулому) тижн\w*|минулий тиждень", 7, WEEK),
        (r"цього тижня|на цьому тижні", 0, WEEK),
        (r"минулого місяця", 30, MONTH),
    ),
    "ru": (
        (r"позавчера", 2, DAY),
        (r"вчера|накануне", 1, DAY),
        (r"сегодня|ныне", 0, DAY),
        (r"на прошлой неделе|прошлой недели", 7, WEEK),
        (r"на этой неделе|этой недели", 0, WEEK),
        (r"в прошлом месяце|прошлого месяца", 30, MONTH),
    ),
}


class SlavicDate(NamedTuple):
    """A date expression: its span, the date it names and its precision (1 day, 2 week,
    3 month, as :mod:`geomap.dates`)."""

    start: int
    end: int
    date: dt.date
    precision: int


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = "|".join(_MONTHS[lang].split())
    day_month = re.compile(
        rf"\b(?P<day>[0-3]?\d)(?:-?(?:го|ого))?\s+(?P<month>{months})(?:\s+(?P<year>(?:19|20)\d\d))?",
        re.IGNORECASE,
    )
    weekdays = "|".join(f"(?P<w{k}>{stem})" for k, stem in enumerate(_WEEKDAYS[lang]))
    weekday = re.compile(
        rf"\b(?:у|в|во|на|до|проти|з|із)\s+(?:ніч\s+на\s+|ночь\s+на\s+)?(?:{weekdays})\w*", re.I
    )
    relative = re.compile(
        "|".join(f"(?P<r{k}>\\b(?:{p})\\b)" for k, (p, _, _) in enumerate(_RELATIVE[lang])),
        re.IGNORECASE,
    )
    return day_month, weekday, relative


def find_dates_slavic(
    text: str, start: int, end: int, lang: str, reference: dt.date | None
) -> list[SlavicDate]:
    """The dates written in ``text[start:end]``, in text order. Without the article's date
    only full dates (day, month, year) are read."""
    day_month, weekday, relative = _patterns(lang)
    months = _MONTHS[lang].split()
    found: list[SlavicDate] = []
    for match in day_month.finditer(text, start, end):
        month = months.index(match["month"].lower()) + 1
        day = int(match["day"])
        year = int(match["year"]) if match["year"] else None
        if year is None:
            if reference is None:
                continue
            year = reference.year
            if (month, day) > (reference.month, reference.day + 7):
                year -= 1  # "28 грудня" in a January article
        try:
            found.append(SlavicDate(match.start(), match.end(), dt.date(year, month, day), DAY))
        except ValueError:  # "31 лютого"
            continue
    if reference is not None:
        for match in weekday.finditer(text, start, end):
            day_index = next(int(k[1:]) for k, v in match.groupdict().items() if v)
            back = (reference.weekday() - day_index) % 7
            found.append(
                SlavicDate(match.start(), match.end(), reference - dt.timedelta(days=back), DAY)
            )
        for match in relative.finditer(text, start, end):
            k = next(int(g[1:]) for g, v in match.groupdict().items() if v)
            _, back, precision = _RELATIVE[lang][k]
            found.append(
                SlavicDate(
                    match.start(), match.end(), reference - dt.timedelta(days=back), precision
                )
            )
    return sorted(found)
