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


# ---- weekdays: the last such day on or before the report ("on Monday" in a Monday report is that day, as wire
# copy means it); "last Monday" is never the report's own day.
@pytest.mark.parametrize("text,anchor,expected", [
    ("Gunmen attacked the post on Monday.", date(2024, 7, 31), date(2024, 7, 29)),  # a Wednesday report
    ("Gunmen attacked the post on Monday.", date(2024, 7, 29), date(2024, 7, 29)),  # a Monday report
    ("Gunmen attacked the post Monday night.", date(2024, 7, 29), date(2024, 7, 29)),
    ("Gunmen attacked the post last Monday.", date(2024, 7, 29), date(2024, 7, 22)),
    ("Gunmen attacked the post last Monday.", date(2024, 7, 31), date(2024, 7, 29)),
    ("Gunmen attacked the post this morning.", date(2024, 7, 29), date(2024, 7, 29)),
])
def test_weekdays_resolve_against_the_report_day(text, anchor, expected):
    assert [(d.start, d.end, d.precision) for d in find_dates(text, anchor)] == [(expected, expected, 1)]


def test_a_named_weekday_picks_the_year_of_a_yearless_date():
    # 10 February 2024 was a Saturday; the Friday the text names is 10 February 2023.
    d = first("The convoy was ambushed on Friday, February 10 near Dori.", date(2024, 5, 15))
    assert d.start == date(2023, 2, 10)
    d = first("The convoy was ambushed on Saturday, February 10 near Dori.", date(2024, 5, 15))
    assert d.start == date(2024, 2, 10)


def test_a_year_from_the_context_does_not_put_a_date_after_the_report():
    text = "On 27 February 2017 gunmen raided the station, two months after the attack of 16 December."
    found = find_dates(text, date(2017, 2, 28))
    assert [str(d.start) for d in found] == ["2017-02-27", "2016-12-16"]
    # Without a report date the context year stands.
    assert [str(d.start) for d in find_dates(text, None)] == ["2017-02-27", "2017-12-16"]


# ---- the date of a saying is not the date of the event it tells
@pytest.mark.parametrize("text,reporting", [
    ("The mayor said on Tuesday that gunmen killed 12 villagers on Monday.", {"on Tuesday": True, "on Monday": False}),
    ("A nurse told Reuters on Tuesday that the clinic was looted on Sunday.",
     {"on Tuesday": True, "on Sunday": False}),
    ("The ministry said in a statement on Tuesday that the camp fell.", {"on Tuesday": True}),
    ("The army on Tuesday said it had repelled the assault.", {"on Tuesday": True}),
    ("The governor said Tuesday the road was closed.", {"Tuesday": True}),
    # An event dated before an inverted attribution, a passive report, a date in the clause said.
    ("Gunmen killed 12 people on Monday, said a local official.", {"on Monday": False}),
    ("Clashes were reported on Monday in Gao.", {"on Monday": False}),
    ("The army said the attack took place on Monday.", {"on Monday": False}),
    # A sentence ends between the verb and the date.
    ("The attack was over, said Sawadogo.\n\nLast Thursday, gunmen burned the market.", {"Last Thursday": False}),
])
def test_dates_of_sayings_are_marked(text, reporting):
    assert {d.span.text: d.reporting for d in find_dates(text, REPORT)} == reporting


def test_today_in_a_quoted_statement_is_the_statements_day():
    text = ("Rebels overran the base at Tessit on Thursday, the army said on Friday.\n\n"
            "\u201cOur units launched a counter-attack this morning and retook the base,\u201d the statement said.")
    days = {d.span.text: d.start for d in find_dates(text, date(2024, 5, 13))}
    assert days["this morning"] == date(2024, 5, 10)  # the Friday of the statement, not the Monday of the report
    # outside quotation marks, 'this morning' is the report's own day
    plain = "The army said on Friday that it had retaken the base. Patrols resumed this morning."
    assert {d.span.text: d.start for d in find_dates(plain, date(2024, 5, 13))}["this morning"] == date(2024, 5, 13)


def test_this_morning_in_a_statement_of_no_known_day_is_the_day_the_report_gives_the_news():
    # wire copy of a Tuesday: peacekeepers died "yesterday", the mission's communiqué says "this morning"
    text = ("Two peacekeepers died yesterday when their vehicle hit a mine, the mission said. Their deaths come a "
            "week after ten soldiers were killed on 8 May. \u201cThis morning, a vehicle of a convoy struck a mine "
            "near Douentza,\u201d the communique said.")
    days = {d.span.text: d.start for d in find_dates(text, date(2024, 5, 14))}
    assert days["This morning"] == days["yesterday"] == date(2024, 5, 13)
    # with no day of the reporter's own, the quoted 'this morning' stays the report's day
    alone = "\u201cThis morning, a vehicle of a convoy struck a mine near Douentza,\u201d the communique said."
    assert find_dates(alone, date(2024, 5, 14))[0].start == date(2024, 5, 14)


def test_the_day_of_a_statement_is_a_saying():
    said = find_dates("In a statement on Tuesday, the rights group condemned the killings.", date(2024, 5, 10))
    assert [d.reporting for d in said] == [True]
    killed = find_dates("Gunmen killed five traders on Tuesday near the market.", date(2024, 5, 10))
    assert [d.reporting for d in killed] == [False]
