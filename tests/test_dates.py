from datetime import date

import pytest

from sitrep.dates import find_dates, find_report_date

REPORT = date(2024, 7, 31)  # a Wednesday


def first(text, anchor=REPORT):
    found = find_dates(text, anchor)
    assert found, text
    return found[0]


@pytest.mark.parametrize("text,start,end,precision", [
    ("Late last week, fighting erupted", date(2024, 7, 25), date(2024, 7, 28), 2),
    ("the attack took place yesterday", date(2024, 7, 30), date(2024, 7, 30), 1),
    ("Early last month, JNIM abducted two men", date(2024, 6, 1), date(2024, 6, 10), 2),
    ("In May last year, the US imposed sanctions", date(2023, 5, 1), date(2023, 5, 31), 3),
    ("clashes on Monday near Kidal", date(2024, 7, 29), date(2024, 7, 29), 1),
    ("On 19 May 2020, militants attacked", date(2020, 5, 19), date(2020, 5, 19), 1),
    ("On May 19, 2020 militants attacked", date(2020, 5, 19), date(2020, 5, 19), 1),
    ("three days ago", date(2024, 7, 28), date(2024, 7, 28), 1),
    ("Between 1 and 7 June 2020, clashes", date(2020, 6, 1), date(2020, 6, 7), 2),
])
def test_relative_and_absolute(text, start, end, precision):
    d = first(text)
    assert (d.start, d.end, d.precision) == (start, end, precision)


def test_year_from_context():
    found = find_dates("On 3 May 2020, soldiers arrived. On 5 May, they left.", None)
    assert [d.start for d in found] == [date(2020, 5, 3), date(2020, 5, 5)]


def test_no_anchor_no_invented_date():
    assert find_dates("On October 2, gunmen attacked the village.", None) == []
    assert find_dates("The attack happened yesterday.", None) == []


def test_weekday_possessive_is_not_a_date():
    assert find_dates("Monday's statement said nothing.", REPORT) == []


def test_report_date_from_dateline():
    d, span = find_report_date("September 18, 2024 | FDD's Long War Journal\n\nAl Qaeda strikes")
    assert d == date(2024, 9, 18) and span.text == "September 18, 2024"
    d, _ = find_report_date("On 3 May 2020, militants attacked the post.")
    assert d is None


def test_a_day_range_written_month_first():
    from sitrep.dates import find_dates

    found = find_dates("Overnight between November 7-8 2019, French forces engaged militants.", None)
    assert [(str(d.start), str(d.end)) for d in found] == [("2019-11-07", "2019-11-08")]
    assert not [d for d in find_dates("On May 19 and 20 people were killed.", None) if d.end != d.start]


def test_a_month_first_range_followed_by_a_place():
    from datetime import date

    from sitrep.dates import find_dates

    found = find_dates("On November 7-8 in Gao, gunmen attacked the market.", date(2020, 12, 1))
    assert [(str(d.start), str(d.end)) for d in found] == [("2020-11-07", "2020-11-08")]
