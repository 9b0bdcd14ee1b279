"""Dates: the report date, and every date expression in a text resolved against it.

Absolute dates ("19 May 2020", "May 19", "2020-05-19") and relative ones ("yesterday", "late last week",
"early last month", "in May last year", "on Monday") become day ranges with ACLED's time_precision
(1 day, 2 week or a few days, 3 month or longer). A date that cannot be anchored (no report date and no
year) is not invented: it is left out.

The words are the language's (`data/lexicons/<language>/dates.yaml`): its patterns, each naming the kind of
date it writes, and tables saying what its words mean ("mai" -> 5, "dernière" -> last, "fin" -> late). This
module only resolves kinds and meanings against the report date.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sitrep.intervals import Taken
from sitrep.lexicon import Lexicon, get_lexicon
from sitrep.quotes import open_after
from sitrep.records import DateMention, Span

STAGE = "dates"  # the lexicon file every word of this module comes from: data/lexicons/<language>/dates.yaml

_YEAR_NUMBER = re.compile(r"\b(?:19|20)\d\d\b")
# Kinds of date written without a year, which take one from the text before them when it has one.
_YEARLESS_KINDS = ("dm", "md", "day_range", "part_month", "month_only", "night_range", "night_weekdays")


def _norm(word: str) -> str:
    """A word as the lexicon's tables are looked up: lower case, accents and spacing dropped."""
    word = unicodedata.normalize("NFD", word.lower().replace("\u2019", "'"))
    return " ".join("".join(c for c in word if not unicodedata.combining(c)).split())


@cache
def _table(lex: Lexicon, name: str) -> dict[str, object]:
    return {_norm(str(word)): value for word, value in lex.table(STAGE, name).items()}


def _meaning(lex: Lexicon, name: str, word: str | None, default=None):
    """What `word` means in the lexicon's table `name` ("last" -> "last", "mai" -> 5), or `default`."""
    if not word:
        return default
    return _table(lex, name).get(_norm(word), default)


@cache
def _patterns(lex: Lexicon) -> list[tuple[re.Pattern, str]]:
    """(regex, kind) of each date expression of the language, in the order they are tried."""
    return [(lex.regex(STAGE, name), kind) for name, kind in lex.table(STAGE, "patterns").items()]


@dataclass
class _Resolved:
    start: date
    end: date
    precision: int
    relative: bool


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _precision(start: date, end: date) -> int:
    days = (end - start).days
    if days <= 0:
        return 1
    if days <= 10:
        return 2
    return 3


def _infer_year(month: int, day: int, anchor: date | None, context_year: int | None) -> int | None:
    """The year of a date written without one: the context's year, else the report's; neither may put it
    after the report ("... on 27 February 2017 ... two months after the attack of 16 December": 2016)."""
    if anchor is None:
        return context_year
    if context_year:
        candidate = _safe_date(context_year, month, min(day, 28))
        if candidate is None or candidate <= anchor + timedelta(days=7):
            return context_year
    year = anchor.year
    candidate = _safe_date(year, month, min(day, 28))
    if candidate and candidate > anchor + timedelta(days=7):
        year -= 1
    return year


def _last_weekday(anchor: date, weekday: int) -> date:
    """The last day named `weekday` on or before `anchor`."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _resolve(kind: str, m: re.Match, anchor: date | None, context_year: int | None, lex: Lexicon) -> _Resolved | None:
    g = m.groupdict()
    month = _meaning(lex, "months", g.get("month"))
    year = int(g["year"]) if g.get("year") else None
    if kind in ("dmy", "mdy"):
        d = _safe_date(year, month, int(g["day"]))
        return _Resolved(d, d, 1, False) if d else None
    if kind == "iso":
        d = _safe_date(year, int(g["mnum"]), int(g["dnum"]))
        return _Resolved(d, d, 1, False) if d else None
    if kind == "dmy_numeric":
        d = _safe_date(year, int(g["mnum"]), int(g["dnum"]))
        return _Resolved(d, d, 1, False) if d else None
    if kind in ("day_range", "night_range"):
        year = year or _infer_year(month, int(g["day"]), anchor, context_year)
        if year is None:
            return None
        # "the night of 31 May to 1 June": the first day may name its own month (a year earlier in December).
        month1 = _meaning(lex, "months", g.get("month1"), month)
        year1 = year - 1 if month1 > month else year
        d1, d2 = _safe_date(year1, month1, int(g["day1"])), _safe_date(year, month, int(g["day"]))
        if not d1 or not d2 or d2 < d1:
            return None
        if kind == "night_range":
            return _Resolved(d1, d1, 1, False)
        return _Resolved(d1, d2, _precision(d1, d2), False)
    if kind in ("dm", "md"):
        year = _infer_year(month, int(g["day"]), anchor, context_year)
        if year is None:
            return None
        d = _safe_date(year, month, int(g["day"]))
        weekday = _meaning(lex, "weekdays", g.get("weekday"))
        if d and weekday is not None and d.weekday() != weekday and year != context_year:
            # "Friday 10 February" in a report of May 2024: 10 February 2024 was a Saturday, 2023's a Friday.
            before = _safe_date(year - 1, month, int(g["day"]))
            d = before if before and before.weekday() == weekday else d
        return _Resolved(d, d, 1, True) if d else None
    if kind == "part_month":
        year = year or _infer_year(month, 15, anchor, context_year)
        if year is None:
            return None
        start, end = _month_range(year, month)
        part = _meaning(lex, "parts", g["part"], "late")
        if part == "early":
            end = start + timedelta(days=9)
        elif part == "mid":
            start, end = start + timedelta(days=10), start + timedelta(days=19)
        elif part == "late":
            start = start + timedelta(days=20)
        return _Resolved(start, end, _precision(start, end), False)
    if kind == "month_year":
        start, end = _month_range(year, month)
        return _Resolved(start, end, 3, False)
    if kind == "month_rel_year":
        if anchor is None:
            return None
        y = anchor.year - _meaning(lex, "year_relations", g["rel"], 1)
        start, end = _month_range(y, month)
        return _Resolved(start, end, 3, True)
    if kind == "month_only":
        year = _infer_year(month, 1, anchor, context_year)
        if year is None:
            return None
        start, end = _month_range(year, month)
        return _Resolved(start, end, 3, True)
    if kind == "year":
        return _Resolved(date(year, 1, 1), date(year, 12, 31), 3, False)
    if kind == "night_weekdays":
        # "the night of Saturday to Sunday": the night belongs to its first day, the eve of the second day, which is
        # the date written after it or else the last such weekday on or before the report.
        first, second = _meaning(lex, "weekdays", g["weekday"]), _meaning(lex, "weekdays", g["weekday2"])
        if g.get("day"):
            year = year or _infer_year(month, int(g["day"]), anchor, context_year)
            morning = _safe_date(year, month, int(g["day"])) if year else None
        else:
            morning = _last_weekday(anchor, second) if anchor else None
        if morning is None:
            return None
        d = morning - timedelta(days=(second - first) % 7 or 7)
        return _Resolved(d, d, 1, not g.get("year"))
    if anchor is None:
        return None
    # Everything below is relative to the report date.
    if kind == "yesterday":
        d = anchor - timedelta(days=1)
        return _Resolved(d, d, 1, True)
    if kind == "day_before_yesterday":
        d = anchor - timedelta(days=2)
        return _Resolved(d, d, 1, True)
    if kind == "today":
        return _Resolved(anchor, anchor, 1, True)
    if kind == "month_last":
        # "mai dernier": the last such month before the report's own month.
        start, end = _month_range(anchor.year - (month >= anchor.month), month)
        return _Resolved(start, end, 3, True)
    if kind == "current_month_day":
        d = _safe_date(anchor.year, anchor.month, int(g["day"]))
        return _Resolved(d, d, 1, True) if d else None
    if kind in ("weekday", "weekday_bare"):
        wd = _meaning(lex, "weekdays", g["weekday"])
        back = (anchor.weekday() - wd) % 7
        if back == 0 and _meaning(lex, "weekday_modifiers", g.get("mod")) == "before":
            back = 7
        d = anchor - timedelta(days=back)
        return _Resolved(d, d, 1, True)
    if kind == "weekend":
        back = (anchor.weekday() - 5) % 7
        start = anchor - timedelta(days=back)
        if start > anchor - timedelta(days=1) and anchor.weekday() in (5, 6):
            start = anchor - timedelta(days=anchor.weekday() - 5)
        return _Resolved(start, start + timedelta(days=1), 2, True)
    if kind in ("rel_span", "part_rel_span", "part_this_span", "earlier_this", "rel_span_before"):
        span = _meaning(lex, "spans", g["span"])
        default_unit = "this" if kind in ("earlier_this", "part_this_span") else "last"
        unit = _meaning(lex, "relative_units", g.get("unit"), default_unit)
        offset = 0 if unit == "this" else (1 if unit in ("last", "past") else -1)
        if span in ("week", "weekend"):
            monday = anchor - timedelta(days=anchor.weekday()) - timedelta(weeks=offset)
            start, end = monday, monday + timedelta(days=6)
            if span == "weekend":
                start, end = monday + timedelta(days=5), monday + timedelta(days=6)
            if unit == "past" and span == "week":
                start, end = anchor - timedelta(days=7), anchor
        elif span == "month":
            y, mo = anchor.year, anchor.month - offset
            while mo < 1:
                y, mo = y - 1, mo + 12
            start, end = _month_range(y, mo)
        else:
            y = anchor.year - offset
            start, end = date(y, 1, 1), date(y, 12, 31)
        end = min(end, anchor)
        part = _meaning(lex, "parts", g.get("part"), "")
        if kind == "earlier_this":
            end = anchor
        if part == "early" and span == "week":
            end = min(end, start + timedelta(days=2))
        elif part == "late" and span == "week":
            start = start + timedelta(days=3)
        elif part == "early" and span == "month":
            end = min(end, start + timedelta(days=9))
        elif part == "late" and span == "month":
            start = start + timedelta(days=20)
        elif part == "early" and span == "year":
            end = min(end, date(start.year, 4, 30))
        elif part == "late" and span == "year":
            start = date(start.year, 9, 1)
        elif part == "mid":  # 'en milieu de semaine', 'mid-month': the middle days, as "mi-juin" reads
            middle = {"week": (1, 3), "month": (10, 19)}.get(span)
            if middle:
                # never past the report ('en milieu de semaine' said on a Monday is that Monday at the latest)
                start, end = min(start + timedelta(days=middle[0]), end), min(end, start + timedelta(days=middle[1]))
            elif span == "year":
                start, end = min(date(start.year, 5, 1), end), min(end, date(start.year, 8, 31))
        if end < start:
            end = start
        return _Resolved(start, end, _precision(start, end), True)
    if kind == "ago":
        n_text = g["n"]
        n = int(n_text) if n_text.isdigit() else _meaning(lex, "number_words", n_text, 1)
        unit = _meaning(lex, "time_units", g["unit"])
        if unit == "day":
            d = anchor - timedelta(days=n)
            return _Resolved(d, d, 1 if n <= 3 else 2, True)
        if unit == "week":
            d = anchor - timedelta(weeks=n)
            return _Resolved(d - timedelta(days=3), d + timedelta(days=3), 2, True)
        if unit == "month":
            y, mo = anchor.year, anchor.month - n
            while mo < 1:
                y, mo = y - 1, mo + 12
            start, end = _month_range(y, mo)
            return _Resolved(start, end, 3, True)
        return _Resolved(date(anchor.year - n, 1, 1), date(anchor.year - n, 12, 31), 3, True)
    return None


def find_dates(text: str, anchor: date | None, lex: Lexicon | None = None) -> list[DateMention]:
    """Every date expression in `text`, resolved against `anchor` (the report date) where needed."""
    lex = lex or get_lexicon()
    taken = Taken()
    found: list[DateMention] = []
    quoted: dict[int, str] = {}  # where a 'today' or 'yesterday' stands inside quotation marks: its kind
    # A year written anywhere before a yearless date is its context ("On 3 May 2020 ... on 5 May").
    years = [(m.start(), int(m.group())) for m in _YEAR_NUMBER.finditer(text)]
    year_starts = [pos for pos, _y in years]
    for pattern, kind in _patterns(lex):
        for m in pattern.finditer(text):
            if taken.overlaps(m.start(), m.end()):
                continue
            context_year = None
            if kind in _YEARLESS_KINDS:
                before = bisect_left(year_starts, m.start())  # the years written before it
                context_year = years[before - 1][1] if before else None
                if context_year and anchor and abs(context_year - anchor.year) > 1:
                    context_year = None if anchor else context_year
            if kind == "weekday_bare" and not _weekday_is_temporal(text, m, lex):
                continue
            try:
                resolved = _resolve(kind, m, anchor, context_year, lex)
            except OverflowError:  # counted back or on past year 1 or 9999 from an absurd report date
                resolved = None
            if resolved is None:
                continue
            taken.add(m.start(), m.end())
            found.append(DateMention(span=Span(m.start(), m.end(), m.group()), start=resolved.start,
                                     end=resolved.end, precision=resolved.precision, relative=resolved.relative,
                                     reporting=_dates_a_saying(text, m.start(), m.end(), lex)))
            if kind in _DAYS_BEFORE_SAYING and _inside_quote(text, m.start()):
                quoted[m.start()] = kind
    found.sort(key=lambda d: d.span.start)
    return _quoted_days_from_saying(found, quoted, anchor) if quoted and anchor else found


# "today", "yesterday", "the day before yesterday" said in a quoted statement count from the statement's day
_DAYS_BEFORE_SAYING = {"today": 0, "yesterday": 1, "day_before_yesterday": 2}


def _inside_quote(text: str, at: int) -> bool:
    """True when `at` stands inside quotation marks opened in its own paragraph."""
    return open_after(text[text.rfind("\n", 0, at) + 1:at])


def _quoted_days_from_saying(found: list[DateMention], quoted: dict[int, str], anchor: date) -> list[DateMention]:
    """A statement quoted in a later report ('the ministry said on Saturday ... "the counter-offensive this
    morning"') says 'today' of its own day: the last day of a saying told before it, when earlier than the
    report's."""
    out: list[DateMention] = []
    said: DateMention | None = None
    # the day the reporter gives the news in words of its own ('two peacekeepers died yesterday'): a statement
    # of no known day that says "this morning" of the same news was issued that day (wire copy quoting a
    # communiqué of the day before)
    news_day: DateMention | None = None
    for mention in found:
        if mention.span.start in quoted and said is not None:
            day = said.start - timedelta(days=_DAYS_BEFORE_SAYING[quoted[mention.span.start]])
            mention = DateMention(mention.span, day, day, 1, relative=True, reporting=mention.reporting)
        elif mention.span.start in quoted and news_day is not None and quoted[mention.span.start] == "today":
            mention = DateMention(mention.span, news_day.start, news_day.end, 1, relative=True,
                                  reporting=mention.reporting)
        elif mention.reporting and mention.precision == 1 and mention.start < anchor:
            said = mention
        elif news_day is None and mention.span.start not in quoted and mention.relative and mention.precision == 1 \
                and mention.start < anchor:
            news_day = mention
        out.append(mention)
    return out


def _dates_a_saying(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """True when the date is attached to a reporting verb ("said on Tuesday", "a annoncé mardi"): the day of a
    statement, which is not the day of the event it tells."""
    before = lex.regex(STAGE, "reporting_before", flags=0).search(text, max(0, start - 120), start)
    return before is not None or lex.regex(STAGE, "reporting_after", flags=0).match(text, end) is not None


def _weekday_is_temporal(text: str, m: re.Match, lex: Lexicon) -> bool:
    """'Monday' alone is a date in "clashes broke out Monday", not in "Monday's statement said"."""
    return lex.regex(STAGE, "weekday_not_a_date_after", flags=0).match(text, m.end()) is None


# ------------------------------------------------------------------------------------------ report date


def find_report_date(text: str, window: int = 400, lex: Lexicon | None = None) -> tuple[date | None, Span | None]:
    """The date a report was published, from a dateline or header near its top."""
    lex = lex or get_lexicon()
    head = text[:window]
    not_after = lex.regex(STAGE, "dateline_not_after")
    # Where a language's datelines stand, when it says ("Bamako, le", "Publié le"); else anywhere not ruled out.
    after = lex.regex(STAGE, "dateline_after") if lex.entry(STAGE, "dateline_after") else None
    # A dateline without a year ("Ouagadougou, 3 juin (AIB) -") takes the latest year the header writes, if any.
    header_years = [int(y.group()) for y in _YEAR_NUMBER.finditer(head)]
    best: tuple[int, date, Span] | None = None
    for pattern in lex.regexes(STAGE, "dateline_patterns"):
        for m in pattern.finditer(head):
            g = m.groupdict()
            year = int(g["year"]) if g.get("year") else max(header_years, default=None)
            if year is None:
                continue
            if g.get("mnum"):
                d = _safe_date(year, int(g["mnum"]), int(g["dnum"]))
            else:
                d = _safe_date(year, _meaning(lex, "months", g["month"]), int(g["day"]))
            # A dateline stands at the start of a line or before a separator; an event date sits in a sentence
            # ("On 3 May 2020, ..."), which is not the report date.
            line_start = head.rfind("\n", 0, m.start()) + 1
            prefix = head[line_start:m.start()].strip()
            if not_after.search(prefix) or (after is not None and not after.search(prefix)):
                continue
            if d and (best is None or m.start() < best[0]):
                best = (m.start(), d, Span(m.start(), m.end(), m.group()))
    if best is None:
        return None, None
    return best[1], best[2]
