"""Dates written in Ukrainian and Russian: "11 листопада", "17 лютого 2024 року", "у суботу",
"минулої неділі", "вчора", "за минулу добу", "три дні тому", "минулого тижня", "у березні",
"наприкінці квітня", "15.05.2024"; "9 ноября", "в субботу", "в минувшую субботу", "накануне",
"за сутки", "два дня назад", "на прошлой неделе", "в марте", "в начале мая".

Each is read against the article's date: a day and month without a year take the year that
puts them on or before the article (news tells what has happened); a weekday is the last one
on or before the article's date; "yesterday" is the day before it. A month alone is dated,
as in English (:mod:`geomap.dates`), to its 15th at month precision, never after the article.
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
#: Months in the locative, after "у"/"в" ("у березні", "в марте").
_MONTHS_LOCATIVE: Final = {
    "uk": "січні лютому березні квітні травні червні липні серпні вересні жовтні листопаді грудні",
    "ru": "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре",
}
#: Words before a month in the genitive that make it a part of the month ("на початку
#: березня", "в конце апреля").
_MONTH_PARTS: Final = {
    "uk": r"на\s+початку|наприкінці|в\s+кінці|у\s+кінці|в\s+середині|у\s+середині|з\s+початку",
    "ru": r"в\s+начале|в\s+конце|в\s+середине|с\s+начала",
}
#: A month's year said in words: "у березні минулого року", "в марте прошлого года".
_LAST_YEAR: Final = {"uk": r"минулого\s+року|торік", "ru": r"прошлого\s+года"}
#: Numbers of days written in words, for "три дні тому", "два дня назад".
_SMALL_NUMBERS: Final = {
    "uk": ("один", "два|дві", "три", "чотири", "п[’'ʼ]?ять", "шість", "сім"),
    "ru": ("один", "два|две", "три", "четыре", "пять", "шесть", "семь"),
}
_DAYS_AGO: Final = {
    # one week back is a relative date of its own ("тиждень тому")
    "uk": r"(?:день|дні|днів|(?P<weeks>тижні|тижнів))\s+тому",
    "ru": r"(?:день|дня|дней|(?P<weeks>недели|недель))\s+назад",
}
#: Weekday stems, Monday first (accusative and other cases follow the stem).
_WEEKDAYS: Final = {
    # Wednesday's stem with its endings: "у середині січня" is the middle of January
    "uk": (
        "понеділ",
        "вівтор",
        r"серед(?:а|у|и|ою)(?!\w)",
        "четвер",
        "п[’'ʼ]?ятниц",
        "субот",
        "неділ",
    ),
    "ru": (
        "понедельник",
        "вторник",
        r"сред(?:а|у|ы|ой)(?!\w)",
        "четверг",
        "пятниц",
        "суббот",
        "воскресень",
    ),
}
#: Words of a day counted from the article's date: (pattern, days back, precision).
_RELATIVE: Final = {
    "uk": (
        (r"позавчора", 2, DAY),
        (r"вчора|учора|напередодні", 1, DAY),
        (r"сьогодні|нині", 0, DAY),
        # a day's report ("за минулу добу": the General Staff's morning count) is of the
        # day it is published, within a day
        (
            r"(?:минулої|протягом(?: минулої)?) доби|за (?:минулу |останню )?добу|минулої ночі"
            r"|вночі|уночі|цієї ночі",
            0,
            DAY,
        ),
        # a weekend's count (a governor's Monday report): within the week before
        (r"(?:на|за|у|в) (?:минулі |минулих )?вихідн\w*", 1, WEEK),
        (r"(?:минулого|на минулому) тижн\w*|минулий тиждень|тиждень тому", 7, WEEK),
        (r"цього тижня|на цьому тижні", 0, WEEK),
        (r"минулого місяця", 30, MONTH),
    ),
    "ru": (
        (r"позавчера", 2, DAY),
        (r"вчера|накануне", 1, DAY),
        (r"сегодня|ныне", 0, DAY),
        (
            r"за (?:минувшие |прошедшие |последние )?сутки|минувшей ночью|прошлой ночью|этой ночью"
            r"|ночью",
            0,
            DAY,
        ),
        (r"(?:на|за|в) (?:прошедшие |минувшие |прошлые )?выходн\w*", 1, WEEK),
        (r"на прошлой неделе|прошлой недели|неделю назад", 7, WEEK),
        (r"на этой неделе|этой недели", 0, WEEK),
        (r"в прошлом месяце|прошлого месяца", 30, MONTH),
    ),
}


#: A date in figures, day first as both languages write it ("15.05.2024"); not a part of
#: a longer run of figures and stops (a version, an address).
_FIGURES: Final = re.compile(
    r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d]|\.\d)"
)


class SlavicDate(NamedTuple):
    """A date expression: its span, the date it names and its precision (1 day, 2 week,
    3 month, as :mod:`geomap.dates`)."""

    start: int
    end: int
    date: dt.date
    precision: int


@cache
def _month_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A month alone ("у березні", "наприкінці березня 2024 року") and a count of days back
    ("три дні тому", "5 дней назад")."""
    locative = "|".join(_MONTHS_LOCATIVE[lang].split())
    genitive = "|".join(_MONTHS[lang].split())
    month = re.compile(
        rf"\b(?:(?:у|в|во)\s+(?P<loc>{locative})|(?:{_MONTH_PARTS[lang]})\s+(?P<gen>{genitive}))"
        rf"(?:\s+(?P<year>(?:19|20)\d\d)(?!\d)|\s+(?P<last>{_LAST_YEAR[lang]}))?\b",
        re.IGNORECASE,
    )
    numbers = "|".join(f"(?P<n{k}>{word})" for k, word in enumerate(_SMALL_NUMBERS[lang], 1))
    # not the units of a larger number ("тридцять три дні тому")
    tens = "".join(f"(?<!{ten} )" for ten in ("дцять", "десят", "сорок", "дцать"))
    days_ago = re.compile(
        rf"\b{tens}(?:(?P<digits>\d{{1,2}})|{numbers})\s+{_DAYS_AGO[lang]}\b", re.IGNORECASE
    )
    return month, days_ago


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = "|".join(_MONTHS[lang].split())
    day_month = re.compile(
        rf"\b(?P<day>[0-3]?\d)(?:-?(?:го|ого))?\s+(?P<month>{months})(?:\s+(?P<year>(?:19|20)\d\d))?",
        re.IGNORECASE,
    )
    weekdays = "|".join(f"(?P<w{k}>{stem})" for k, stem in enumerate(_WEEKDAYS[lang]))
    # after a preposition ("у суботу", "в ночь на субботу"), or "last" ("минулої суботи",
    # "в минувшую субботу")
    weekday = re.compile(
        r"\b(?:(?:у|в|во|на|до|проти|з|із)\s+(?:ніч\s+на\s+|ночь\s+на\s+)?"
        r"|(?=минул|минувш|прошл))(?:(?P<last>минул\w*|минувш\w*|прошл\w*)\s+)?"
        rf"(?:{weekdays})\w*",
        re.I,
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
    for match in _FIGURES.finditer(text, start, end):
        try:
            date = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:  # "31.02.2024", "15.13.2024"
            continue
        found.append(SlavicDate(match.start(), match.end(), date, DAY))
    if reference is not None:
        for match in weekday.finditer(text, start, end):
            day_index = _numbered_group(match, "w")
            back = (reference.weekday() - day_index) % 7 or (7 if match["last"] else 0)
            found.append(
                SlavicDate(match.start(), match.end(), reference - dt.timedelta(days=back), DAY)
            )
        month_alone, days_ago = _month_patterns(lang)
        for match in month_alone.finditer(text, start, end):
            names = _MONTHS_LOCATIVE[lang] if match["loc"] else _MONTHS[lang]
            month = names.split().index((match["loc"] or match["gen"]).lower()) + 1
            last_year = reference.year - 1 if match["last"] else None
            year = int(match["year"]) if match["year"] else last_year
            found.append(
                SlavicDate(match.start(), match.end(), _month_date(month, year, reference), MONTH)
            )
        for match in days_ago.finditer(text, start, end):
            count = int(match["digits"]) if match["digits"] else _numbered_group(match, "n")
            # "два тижні тому", "две недели назад": a week's precision
            days, precision = (7 * count, WEEK) if match["weeks"] else (count, DAY)
            found.append(
                SlavicDate(
                    match.start(), match.end(), reference - dt.timedelta(days=days), precision
                )
            )
        named = [(d.start, d.end) for d in found if d.precision == DAY]
        for match in relative.finditer(text, start, end):
            if any(
                text[named_end : match.start()].isspace()
                or text[match.end() : named_start].isspace()
                for named_start, named_end in named
            ):
                continue  # "9 марта ночью", "у суботу вночі": the night of the day named
            k = _numbered_group(match, "r")
            _, back, precision = _RELATIVE[lang][k]
            found.append(
                SlavicDate(
                    match.start(), match.end(), reference - dt.timedelta(days=back), precision
                )
            )
    return sorted(found)


def _numbered_group(match: re.Match[str], prefix: str) -> int:
    """The number of the group ``prefix`` + number that matched (the patterns name each
    alternative so: "w0" Monday, "n3" three, "r1" yesterday)."""
    return next(
        int(name[len(prefix) :])
        for name, value in match.groupdict().items()
        if value and name.startswith(prefix)
    )


def _month_date(month: int, year: int | None, reference: dt.date) -> dt.date:
    """The 15th of ``month`` of ``year``, else of the latest such month up to the article's;
    in the article's own month never after its date, as English dates do."""
    year_number = year if year else reference.year - (month > reference.month)
    date = dt.date(year_number, month, 15)
    same_month = (year_number, month) == (reference.year, reference.month)
    return min(date, reference) if same_month else date
