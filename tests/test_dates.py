import datetime as dt

from geomap.dates import DAY, MONTH, WEEK, find_dates

REFERENCE = dt.date(2022, 11, 22)  # a Tuesday


def dates(text, reference=REFERENCE, anchor=None, years=False):
    found = find_dates(text, 0, len(text), reference, anchor, years=years)
    return [(d.date, d.precision) for d in found]


def spans(text, reference=REFERENCE):
    return [text[d.start : d.end] for d in find_dates(text, 0, len(text), reference)]


def test_explicit_dates():
    assert dates("on Nov. 11 as") == [(dt.date(2022, 11, 11), DAY)]
    assert dates("November 14, 2022)") == [(dt.date(2022, 11, 14), DAY)]
    assert dates("on 14 November 2021") == [(dt.date(2021, 11, 14), DAY)]
    assert dates("in September") == [(dt.date(2022, 9, 15), MONTH)]
    assert dates("in December") == [(dt.date(2021, 12, 15), MONTH)]  # past tense: last year's


def test_day_month_and_month_year():
    reference = dt.date(2024, 6, 3)
    assert dates("Drones struck the depot on 12 May.", reference) == [(dt.date(2024, 5, 12), DAY)]
    assert dates("12 May: the convoy left Goma", reference) == [(dt.date(2024, 5, 12), DAY)]
    assert dates("on the 5th of May", reference) == [(dt.date(2024, 5, 5), DAY)]
    assert dates("In December 2023, militias seized the ford.", reference) == [
        (dt.date(2023, 12, 15), MONTH)
    ]
    assert dates("Khartoum, Jan 9 (agencies) Shelling", dt.date(2025, 1, 9)) == [
        (dt.date(2025, 1, 9), DAY)
    ]


def test_month_names_are_whole_words():
    # inside place and personal names
    assert dates("Shelling hit Mariupol, Marinka and Nova Kakhovka overnight.") == []
    assert dates("Guard units from Decatur and Augusta deployed.") == []
    assert dates("the town of Novoselivka and the Decani monastery") == []
    # an abbreviation alone is a name, not a month; a full name before a name is a name
    assert dates("a sermon at Mar Elias, said Jan Kowalski") == []
    assert dates("in August Landmesser's photograph") == []
    assert dates("a walk for the March of Dimes") == []
    assert dates("charged over the August killing of a medic") == [(dt.date(2022, 8, 15), MONTH)]
    # but beside a day or a year they are months
    assert dates("on Mar. 3 and on Aug 14") == [
        (dt.date(2022, 3, 3), DAY),
        (dt.date(2022, 8, 14), DAY),
    ]
    assert dates("in Dec 2021") == [(dt.date(2021, 12, 15), MONTH)]


def test_may_the_verb_is_not_a_month_and_bounds_are_marked():
    assert dates("They may come soon.") == []
    assert dates("May God protect them,” the priest said.") == []
    (since,) = find_dates("held since March 2022", 0, 21, REFERENCE)
    assert since.boundary and since.date == dt.date(2022, 3, 15)


def test_dates_are_never_after_the_article():
    reference = dt.date(2023, 6, 1)
    assert dates("Gunmen raided the village on May 25.", reference) == [(dt.date(2023, 5, 25), DAY)]
    # a day later in the year than the article is last year's
    assert dates("The dam was breached on June 6.", reference) == [(dt.date(2022, 6, 6), DAY)]
    assert dates("Rebels entered the town in December.", dt.date(2024, 1, 10)) == [
        (dt.date(2023, 12, 15), MONTH)
    ]
    # the current month is this year's, coded to the 15th but not after the article
    assert dates("Since early January, the army has shelled the bridges.", dt.date(2025, 1, 9)) == [
        (dt.date(2025, 1, 9), MONTH)
    ]
    # a year as written is kept; a year alone only on request, as it is mostly background
    text = "The base, built in 2019, was shelled on 3 March 2021."
    assert dates(text, reference) == [(dt.date(2021, 3, 3), DAY)]
    assert dates(text, reference, years=True) == [
        (dt.date(2019, 7, 1), MONTH),
        (dt.date(2021, 3, 3), DAY),
    ]


def test_last_and_next_month_names():
    june = dt.date(2023, 6, 1)
    assert dates("The port fell last May.", june) == [(dt.date(2023, 5, 15), MONTH)]
    # in May, "last May" is a year back
    assert dates("The port fell last May.", dt.date(2023, 5, 20)) == [(dt.date(2022, 5, 15), MONTH)]
    assert dates("Talks are due in early July.", june) == [(dt.date(2023, 7, 15), MONTH)]
    assert dates("Elections are planned for next March.", june) == [(dt.date(2024, 3, 15), MONTH)]


def test_plans_are_dated_forward_only_when_the_text_says_so():
    reference = dt.date(2023, 5, 20)  # a Saturday
    # "would ... from": the nearer May 25, five days on
    text = "The commander said his men would leave the salient from May 25 to rest."
    assert dates(text, reference) == [(dt.date(2023, 5, 25), DAY)]
    # no plan: the past one
    assert dates("Militants ambushed a patrol on May 25.", reference) == [
        (dt.date(2022, 5, 25), DAY)
    ]
    # "will" looks forward, to a weekday too
    tuesday = dt.date(2024, 3, 12)
    assert dates("The ferry will resume crossings on Friday.", tuesday) == [
        (dt.date(2024, 3, 15), DAY)
    ]
    # ... unless a report comes between the modal and the date
    assert dates("“We will not retreat,” the colonel said on Friday.", tuesday) == [
        (dt.date(2024, 3, 8), DAY)
    ]
    # a plan for today is today; "next" is strictly after
    assert dates("Rain will fall late Tuesday.", tuesday) == [(tuesday, DAY)]
    assert dates("The court will rule on March 12.", tuesday) == [(tuesday, DAY)]
    assert dates("next Tuesday", tuesday) == [(dt.date(2024, 3, 19), DAY)]
    assert dates("The envoys will meet this weekend.", tuesday) == [(dt.date(2024, 3, 16), WEEK)]
    assert dates("next Monday") == [(dt.date(2022, 11, 28), DAY)]
    assert dates("the coming Friday") == [(dt.date(2022, 11, 25), DAY)]
    assert dates("next month", tuesday) == [(dt.date(2024, 4, 15), MONTH)]


def test_since_bounds_a_period():
    reference = dt.date(2024, 1, 10)
    (since,) = find_dates("Since February the siege has tightened.", 0, 39, reference)
    assert since.boundary and since.date == dt.date(2023, 2, 15)
    text = "Over 300 drones have been launched since the offensive began in October."
    (began,) = find_dates(text, 0, len(text), reference)
    assert began.boundary and began.date == dt.date(2023, 10, 15)
    text = "Thousands have fled since the fighting erupted on April 15."
    (erupted,) = find_dates(text, 0, len(text), dt.date(2023, 6, 2))
    assert erupted.boundary and erupted.date == dt.date(2023, 4, 15)
    text = "Since early on 3 June, the brigade has held the ridge."
    assert find_dates(text, 0, len(text), dt.date(2023, 6, 9))[0].boundary
    (event,) = find_dates("Rebels took the airport on 3 June.", 0, 34, dt.date(2023, 6, 9))
    assert not event.boundary


def test_weekdays():
    sunday = dt.date(2024, 12, 8)
    assert dates("Militias looted the market on Saturday.", sunday) == [(dt.date(2024, 12, 7), DAY)]
    assert dates("Jets bombed the ridge on Sunday.", sunday) == [(sunday, DAY)]
    assert dates("On Thursday the flag was gone") == [(dt.date(2022, 11, 17), DAY)]
    assert dates("last Tuesday") == [(dt.date(2022, 11, 15), DAY)]
    # the part of the day belongs to the phrase and does not move the date
    text = "The column withdrew on Friday night, and the airfield fell late on Saturday."
    assert spans(text, sunday) == ["on Friday night", "late on Saturday"]
    assert dates(text, sunday) == [(dt.date(2024, 12, 6), DAY), (dt.date(2024, 12, 7), DAY)]
    assert dates("Early on Sunday, fighters reached the outskirts.", sunday) == [(sunday, DAY)]
    assert dates("the army said Saturday morning", sunday) == [(dt.date(2024, 12, 7), DAY)]


def test_deictic_and_periods():
    assert dates("yesterday") == [(dt.date(2022, 11, 21), DAY)]
    assert dates("three days ago") == [(dt.date(2022, 11, 19), DAY)]
    assert dates("last week") == [(dt.date(2022, 11, 15), WEEK)]
    assert dates("Gunmen attacked the convoy this week.") == [(REFERENCE, WEEK)]
    assert dates("The offensive began last month.") == [(dt.date(2022, 10, 15), MONTH)]
    assert dates("launched earlier this month", dt.date(2022, 9, 11)) == [
        (dt.date(2022, 9, 11), MONTH)
    ]
    assert dates("launched earlier this month", dt.date(2022, 9, 28)) == [
        (dt.date(2022, 9, 15), MONTH)
    ]
    # the middle of the year so far, at the coarsest precision
    assert dates("Earlier this year the militia took Lashio.", dt.date(2024, 7, 1)) == [
        (dt.date(2024, 4, 1), MONTH)
    ]
    # a programme's name, not a period
    assert dates("the minister told NBC’s “Meet the Press” and ABC’s “This Week”") == []


def test_over_the_weekend_is_the_weekend_before():
    monday = dt.date(2024, 12, 2)
    assert dates("Insurgents overran the base over the weekend.", monday) == [
        (dt.date(2024, 11, 30), WEEK)
    ]
    sunday = dt.date(2024, 12, 8)
    assert dates("over the weekend", sunday) == [(dt.date(2024, 12, 7), WEEK)]
    assert dates("last weekend", sunday) == [(dt.date(2024, 11, 30), WEEK)]


def test_anchored_dates_need_an_anchor():
    (anchor,) = find_dates("Nov. 11", 0, 7, REFERENCE)
    assert dates("the day after") == []
    assert dates("the day after", anchor=anchor) == [(dt.date(2022, 11, 12), DAY)]
    assert dates("two days later", anchor=anchor) == [(dt.date(2022, 11, 13), DAY)]
    assert dates("two days later") == []


def test_anchored_dates_count_from_a_date_in_the_same_span():
    monday = dt.date(2022, 3, 28)
    text = "The governor said on Monday that the village had been retaken the night before."
    assert dates(text, monday) == [(monday, DAY), (dt.date(2022, 3, 27), DAY)]
    text = "Gunboats shelled the island on 3 March; two days later the garrison surrendered."
    assert dates(text, monday) == [(dt.date(2022, 3, 3), DAY), (dt.date(2022, 3, 5), DAY)]
    text = "Militants stormed the prison on 9 March and freed inmates the same day."
    assert dates(text, monday)[1] == (dt.date(2022, 3, 9), DAY)
    # backward phrases without an anchor count from the article's date
    assert dates("Airstrikes had hit the refinery a day earlier.", monday) == [
        (dt.date(2022, 3, 27), DAY)
    ]
    assert dates("The bridge was closed the previous night.", monday) == [
        (dt.date(2022, 3, 27), DAY)
    ]
    # with an object, the phrase counts from that object, which has no date
    assert dates("the day before the referendum") == []
    assert dates("a day after it announced a ceasefire") == []
    assert dates("the night prior to the assault") == []


def test_anchored_dates_are_not_after_the_article():
    sunday = dt.date(2024, 12, 8)
    assert dates("Rebels entered the city on Sunday, a day after the siege ended.", sunday) == [
        (sunday, DAY)
    ]
    text = "The town fell on Saturday; two days later the militia withdrew."
    assert dates(text, sunday) == [(dt.date(2024, 12, 7), DAY), (sunday, DAY)]
    # an explicit later year is a plan, kept as written; the current one stops at the article
    text = "The army plans a new corps by 2030."
    assert dates(text, sunday, years=True) == [(dt.date(2030, 7, 1), MONTH)]
    assert dates("in late 2024", dt.date(2024, 10, 2), years=True) == [
        (dt.date(2024, 10, 2), MONTH)
    ]
