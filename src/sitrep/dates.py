"""Dates: the report date, and every date expression in a text resolved against it.

Absolute dates ("19 May 2020", "May 19", "2020-05-19") and relative ones ("yesterday", "late last week",
"early last month", "in May last year", "on Monday") become day ranges with ACLED's time_precision
(1 day, 2 week or a few days, 3 month or longer). A date that cannot be anchored (no report date and no
year) is not invented: it is left out.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.lexicon import Lexicon
from sitrep.records import DateMention, Span

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS.update({"sept": 9, "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5,
               "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
               "novembre": 11, "décembre": 12, "decembre": 12})
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6})

_MONTH = r"(?P<month>" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "a": 1, "an": 1, "a couple of": 2, "a few": 3, "several": 3}

# (regex, kind). Order matters: longer, more specific forms first; matches never overlap.
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\b(?:between|from)\s+(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:and|to|-)\s+" + _DAY + r"\s+"
                + _MONTH + r"(?:,?\s+" + _YEAR + r")?", re.I), "day_range"),
    (re.compile(r"\bnight of\s+(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:to|-|and)\s+" + _DAY + r"\s+" + _MONTH
                + r"(?:,?\s+" + _YEAR + r")?", re.I), "night_range"),
    # "November 7-8 2019", "between May 19 and 21": the month first. A hyphen always joins two days; "and" or
    # "to" only when no noun follows ("May 19 and 20 people were killed" is one day).
    (re.compile(r"\b(?:between\s+)?" + _MONTH + r"\s+(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|(?:and|to)\s)\s*"
                + _DAY + r"\b(?:,?\s+" + _YEAR + r"|(?<=\d)(?=\s*(?:$|[,.;:)]|\s(?:in|at|near|on|during|when|while|as|"
                r"after|before|the|a|an)\b))|(?<=[-–]\d)|(?<=[-–]\d\d))", re.I), "day_range"),  # not "May 19 and 20 people"
    (re.compile(r"\b" + _YEAR + r"-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)\b"), "iso"),
    (re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I), "dmy"),
    (re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?:,\s*|\s+)" + _YEAR + r"\b", re.I), "mdy"),
    (re.compile(r"\b(?P<dnum>[0-3]?\d)/(?P<mnum>[01]?\d)/" + _YEAR + r"\b"), "dmy_numeric"),
    (re.compile(r"\b(?P<part>early|mid|middle of|late|end of|beginning of|the end of|the beginning of)[\s-]+"
                + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b", re.I), "part_month"),
    (re.compile(r"\b(?:on|since|from|until|by)\s+(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?!\s*\d)",
                re.I), "dm"),
    (re.compile(r"\b(?:on\s+)?(?:" + _WEEKDAY + r",?\s+)?" + _MONTH + r"\s+" + _DAY + r"\b(?!\s*,?\s*(?:19|20)\d\d)",
                re.I), "md"),
    (re.compile(r"\b" + _DAY + r"\s+" + _MONTH + r"(?!\s*,?\s*(?:19|20)\d\d)\b", re.I), "dm"),
    (re.compile(r"\bin\s+" + _MONTH + r"\s+(?P<rel>last year|this year|of last year)", re.I), "month_rel_year"),
    (re.compile(r"\b(?:in|during|since|by)\s+(?:the\s+month\s+of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
     "month_year"),
    (re.compile(r"\b(?:in|during|since|by|of|throughout)\s+" + _YEAR + r"\b", re.I), "year"),
    (re.compile(r"\b(?:in|during|since|last|this|early|late)\s+" + _MONTH + r"(?!\s*\d)\b", re.I), "month_only"),
    (re.compile(r"\b(?P<part>early|late|earlier|later)\s+(?P<unit>last|this|next)\s+(?P<span>week|month|year)\b", re.I),
     "part_rel_span"),
    (re.compile(r"\b(?P<unit>last|this|past|previous)\s+(?P<span>week|weekend|month|year)\b", re.I), "rel_span"),
    (re.compile(r"\b(?:the\s+)?(?P<span>week|month|year)\s+before\b", re.I), "rel_span_before"),
    (re.compile(r"\bearlier\s+(?:this|in\s+the)\s+(?P<span>week|month|year)\b", re.I), "earlier_this"),
    (re.compile(r"\b(?:over|at|during)\s+the\s+weekend\b", re.I), "weekend"),
    (re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an|a couple of|a few|several)\s+"
                r"(?P<unit>days?|weeks?|months?|years?)\s+(?:ago|earlier|before)\b", re.I), "ago"),
    (re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b", re.I), "day_before_yesterday"),
    (re.compile(r"\b(?:yesterday|last night|overnight)\b", re.I), "yesterday"),
    (re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight|earlier today)\b", re.I), "today"),
    (re.compile(r"\b(?P<mod>last|on|this past|this|early on|late on|since|by)\s+" + _WEEKDAY + r"\b", re.I),
     "weekday"),
    (re.compile(r"\b" + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?\b", re.I), "weekday_bare"),
]


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
    """The year of a date written without one: the context's year, else the report's (not in the future)."""
    if context_year:
        return context_year
    if anchor is None:
        return None
    year = anchor.year
    candidate = _safe_date(year, month, min(day, 28))
    if candidate and candidate > anchor + timedelta(days=7):
        year -= 1
    return year


def _resolve(kind: str, m: re.Match, anchor: date | None, context_year: int | None) -> _Resolved | None:
    g = m.groupdict()
    month = MONTHS.get((g.get("month") or "").lower().rstrip("."))
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
        d1, d2 = _safe_date(year, month, int(g["day1"])), _safe_date(year, month, int(g["day"]))
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
        return _Resolved(d, d, 1, True) if d else None
    if kind == "part_month":
        year = year or _infer_year(month, 15, anchor, context_year)
        if year is None:
            return None
        start, end = _month_range(year, month)
        part = g["part"].lower()
        if "early" in part or "beginning" in part:
            end = start + timedelta(days=9)
        elif "mid" in part:
            start, end = start + timedelta(days=10), start + timedelta(days=19)
        else:
            start = start + timedelta(days=20)
        return _Resolved(start, end, _precision(start, end), False)
    if kind == "month_year":
        start, end = _month_range(year, month)
        return _Resolved(start, end, 3, False)
    if kind == "month_rel_year":
        if anchor is None:
            return None
        y = anchor.year - (0 if "this" in g["rel"].lower() else 1)
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
    if kind in ("weekday", "weekday_bare"):
        wd = WEEKDAYS[g["weekday"].lower()]
        back = (anchor.weekday() - wd) % 7
        mod = (g.get("mod") or "").lower()
        if back == 0 and mod in ("last", "this past"):
            back = 7
        d = anchor - timedelta(days=back)
        return _Resolved(d, d, 1, True)
    if kind == "weekend":
        back = (anchor.weekday() - 5) % 7
        start = anchor - timedelta(days=back)
        if start > anchor - timedelta(days=1) and anchor.weekday() in (5, 6):
            start = anchor - timedelta(days=anchor.weekday() - 5)
        return _Resolved(start, start + timedelta(days=1), 2, True)
    if kind in ("rel_span", "part_rel_span", "earlier_this", "rel_span_before"):
        span = g["span"].lower()
        unit = (g.get("unit") or ("this" if kind == "earlier_this" else "last")).lower()
        offset = 0 if unit == "this" else (1 if unit in ("last", "past", "previous") else -1)
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
        part = (g.get("part") or "").lower()
        if kind == "earlier_this":
            end = anchor
        if part in ("early", "earlier") and span == "week":
            end = min(end, start + timedelta(days=2))
        elif part in ("late", "later") and span == "week":
            start = start + timedelta(days=3)
        elif part in ("early", "earlier") and span == "month":
            end = min(end, start + timedelta(days=9))
        elif part in ("late", "later") and span == "month":
            start = start + timedelta(days=20)
        elif part in ("early", "earlier") and span == "year":
            end = min(end, date(start.year, 4, 30))
        elif part in ("late", "later") and span == "year":
            start = date(start.year, 9, 1)
        if end < start:
            end = start
        return _Resolved(start, end, _precision(start, end), True)
    if kind == "ago":
        n_text = g["n"].lower()
        n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text, 1)
        unit = g["unit"].lower().rstrip("s")
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
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    # A year written anywhere before a yearless date is its context ("On 3 May 2020 ... on 5 May").
    years = [(m.start(), int(m.group())) for m in re.finditer(r"\b(?:19|20)\d\d\b", text)]
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            context_year = None
            if kind in ("dm", "md", "day_range", "part_month", "month_only", "night_range"):
                before = [y for pos, y in years if pos < m.start()]
                context_year = before[-1] if before else None
                if context_year and anchor and abs(context_year - anchor.year) > 1:
                    context_year = None if anchor else context_year
            if kind == "weekday_bare" and not _weekday_is_temporal(text, m):
                continue
            try:
                resolved = _resolve(kind, m, anchor, context_year)
            except OverflowError:  # counted back or on past year 1 or 9999 from an absurd report date
                resolved = None
            if resolved is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(span=Span(m.start(), m.end(), m.group()), start=resolved.start,
                                     end=resolved.end, precision=resolved.precision, relative=resolved.relative))
    found.sort(key=lambda d: d.span.start)
    return found


def _weekday_is_temporal(text: str, m: re.Match) -> bool:
    """'Monday' alone is a date in "clashes broke out Monday", not in "Monday's statement said"."""
    after = text[m.end():m.end() + 2]
    return not after.startswith("'s")


# ------------------------------------------------------------------------------------------ report date

_DATELINE_PATTERNS = [
    re.compile(_MONTH + r"\s+" + _DAY + r",\s*" + _YEAR, re.I),
    re.compile(_DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.I),
    re.compile(_YEAR + r"-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)"),
]


def find_report_date(text: str, window: int = 400, lex: Lexicon | None = None) -> tuple[date | None, Span | None]:
    """The date a report was published, from a dateline or header near its top."""
    head = text[:window]
    best: tuple[int, date, Span] | None = None
    for pattern in _DATELINE_PATTERNS:
        for m in pattern.finditer(head):
            g = m.groupdict()
            if g.get("mnum"):
                d = _safe_date(int(g["year"]), int(g["mnum"]), int(g["dnum"]))
            else:
                d = _safe_date(int(g["year"]), MONTHS[g["month"].lower().rstrip(".")], int(g["day"]))
            # A dateline stands at the start of a line or before a separator; an event date sits in a sentence
            # ("On 3 May 2020, ..."), which is not the report date.
            line_start = head.rfind("\n", 0, m.start()) + 1
            prefix = head[line_start:m.start()].strip().lower()
            if prefix in ("on", "since", "from", "until", "by") or prefix.endswith((" on", " since", " in")):
                continue
            if d and (best is None or m.start() < best[0]):
                best = (m.start(), d, Span(m.start(), m.end(), m.group()))
    if best is None:
        return None, None
    return best[1], best[2]
