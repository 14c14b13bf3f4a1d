import datetime as dt

from geomap.dates import DAY, MONTH, WEEK, find_dates

REFERENCE = dt.date(2022, 11, 22)  # a Tuesday


def dates(text, reference=REFERENCE, anchor=None):
    return [(d.date, d.precision) for d in find_dates(text, 0, len(text), reference, anchor)]


def test_explicit_dates():
    assert dates("on Nov. 11 as") == [(dt.date(2022, 11, 11), DAY)]
    assert dates("November 14, 2022)") == [(dt.date(2022, 11, 14), DAY)]
    assert dates("on 14 November 2021") == [(dt.date(2021, 11, 14), DAY)]
    assert dates("in September") == [(dt.date(2022, 9, 15), MONTH)]
    assert dates("in December") == [(dt.date(2021, 12, 15), MONTH)]  # past tense: last year's


def test_relative_dates():
    assert dates("On Thursday the flag was gone") == [(dt.date(2022, 11, 17), DAY)]
    assert dates("yesterday") == [(dt.date(2022, 11, 21), DAY)]
    assert dates("last week") == [(dt.date(2022, 11, 15), WEEK)]
    assert dates("three days ago") == [(dt.date(2022, 11, 19), DAY)]
    assert dates("next Monday") == [(dt.date(2022, 11, 28), DAY)]


def test_anchored_dates_need_an_anchor():
    (anchor,) = find_dates("Nov. 11", 0, 7, REFERENCE)
    assert dates("the day after") == []
    assert dates("the day after", anchor=anchor) == [(dt.date(2022, 11, 12), DAY)]


def test_may_the_verb_is_not_a_month_and_bounds_are_marked():
    assert dates("They may come soon.") == []
    (since,) = find_dates("held since March 2022", 0, 21, REFERENCE)
    assert since.boundary and since.date == dt.date(2022, 3, 15)
