"""Property-based tests (hypothesis) over generated text: the cleaner, the readers, the date and number parsers,
the fatality counter and the whole `extract`. Whatever the input: no exception, every offset inside its text
(and pointing at the text it claims), dates real and ISO, fatalities >= 0.

The generated texts mix fragments of conflict reporting written for these tests (verbs, victims, places, actors,
dates and numbers in many spellings, including impossible ones) with arbitrary Unicode, so that both the parsing
paths and the garbage paths are walked. Examples per test follow the hypothesis profile (conftest.py): 20,
derandomized, in `make test`; 10,000 with a fresh seed in `make fuzz`.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitrep.clean import _QUOTES, clean_text
from sitrep.dates import find_dates, find_report_date
from sitrep.documents import content_hash, read_documents
from sitrep.events.fatalities import acled_fatalities, find_fatalities
from sitrep.export import acled_row
from sitrep.lexicon import get_lexicon
from sitrep.numbers import parse_number, parse_quantity
from sitrep.records import Document, Span

pytestmark = pytest.mark.property

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Jan.", "Sept", "janvier", "février", "août", "décembre"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "lundi", "dimanche"]
NUMBER_WORDS = ["one", "two", "three", "a dozen", "dozens of", "twenty-three", "hundreds", "several", "a few",
                "one hundred and five", "thousand", "zero", "no", "trois", "plusieurs", "nine hundred ninety"]
FRAGMENTS = [
    "gunmen attacked", "armed men stormed", "soldiers clashed with", "jihadists ambushed", "a drone struck",
    "an improvised explosive device exploded", "protesters marched", "rioters looted", "were killed", "killing",
    "died", "were wounded", "dead", "abducted", "no casualties were reported", "at least", "more than", "between",
    "and", "civilians", "soldiers", "militants", "people", "villagers", "gendarmes", "fighters", "the army said",
    "residents said", "according to a local source", "JNIM", "ISGS", "Islamic State Sahel Province", "Wagner",
    "the Malian army", "FAMa", "VDP", "in Gao", "near Mopti", "in the village of Boni", "north of Niamey",
    "Ouagadougou", "Burkina Faso", "Mali", "Niger", "Tillaberi region", "40 km from Djibo", "Ménaka", "on",
    "last week", "yesterday", "three days ago", "early last month", "in May last year", "overnight", "since",
    "Des hommes armés ont attaqué", "tuant", "ont été tués", "selon l'armée", "\n\n", "\n", ".", ",", ";", "'",
    '"', "«", "»", "(", ")", "-", "—", "Share this:", "Topics:", "Read more:", "©", "fatalities split across",
    "coded as two events", "Share", "Exit mobile version",
]

day_numbers = st.integers(min_value=0, max_value=40).map(str)
years = st.integers(min_value=0, max_value=3000).map(str)
written_dates = st.one_of(
    st.tuples(day_numbers, st.sampled_from(MONTHS), years).map(" ".join),
    st.tuples(st.sampled_from(MONTHS), day_numbers, years).map(lambda t: f"{t[0]} {t[1]}, {t[2]}"),
    st.tuples(years, st.integers(0, 19), st.integers(0, 39)).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
    st.tuples(day_numbers, day_numbers, years).map("/".join),
    st.tuples(st.just("between"), day_numbers, st.just("and"), day_numbers, st.sampled_from(MONTHS)).map(" ".join),
    st.sampled_from(WEEKDAYS),
    st.sampled_from(MONTHS),
)
numbers = st.one_of(st.integers(min_value=-10**6, max_value=10**15).map(str),
                    st.integers(min_value=0, max_value=10**7).map("{:,}".format), st.sampled_from(NUMBER_WORDS))
pieces = st.one_of(st.sampled_from(FRAGMENTS), written_dates, numbers, st.text(max_size=12),
                   st.characters().map(str))
news_texts = st.lists(pieces, max_size=80).map(" ".join)
# report dates: any real date for the parsers, plausible ones (as the readers accept) for extract
anchors = st.none() | st.dates()
report_dates = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
lexicons = st.sampled_from(["en", "fr"]).map(get_lexicon)  # the languages sitrep reads


def assert_span_in(span: Span, text: str, offset: int = 0, exact: bool = True) -> None:
    assert offset <= span.start <= span.end <= offset + len(text), (span, len(text))
    if exact:
        assert text[span.start - offset:span.end - offset] == span.text, span


def assert_real_date(value: date | None) -> None:
    if value is not None:
        assert isinstance(value, date)
        assert date.fromisoformat(value.isoformat()) == value  # a real day, written as ISO 8601


# ---------------------------------------------------------------------------------------------- the cleaner

@given(news_texts)
@example("Title\n\nShare this:\n\nTopics:\n\nMali Niger Gao Kidal\n\n" + "Soldiers attacked Gao. " * 4)
@example("\u201cGao\u201d\u00a0\u200b \u2014 x\r\n\r\n\u2028 y \ud800")
def test_cleaner_maps_every_character_back(raw):
    cleaned = clean_text(raw)
    doc = Document(id="c", text=raw, clean_text=cleaned.text, offset_runs=cleaned.runs)
    for clean_start, raw_start, length in cleaned.runs:
        assert 0 <= clean_start and clean_start + length <= len(cleaned.text)
        assert 0 <= raw_start and raw_start + length <= len(raw)
    for i, ch in enumerate(cleaned.text):
        r = doc.raw_offset(i)
        assert 0 <= r < len(raw)
        if not ch.isspace():
            expected = raw[r].translate(_QUOTES)
            assert ch == ("\ufffd" if "\ud800" <= expected <= "\udfff" else expected), (i, ch, raw[r])


# ---------------------------------------------------------------------------------------------- the readers

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                           lambda children: st.lists(children, max_size=3)
                           | st.dictionaries(st.text(max_size=5), children, max_size=3), max_leaves=8)
records = st.fixed_dictionaries({"text": news_texts | json_values},
                                optional={"id": json_values, "published": st.dates().map(str) | json_values,
                                          "title": json_values, "source": json_values, "url": json_values})
jsonl_lines = st.one_of(records.map(lambda r: json.dumps(r).encode()), json_values.map(lambda v: json.dumps(v).encode()),
                        st.binary(max_size=60), st.just(b"\xef\xbb\xbf{\"text\": \"BOM line\"}"),
                        st.just(b'{"id": "s", "text": "lone \\ud800 surrogate in Gao"}'))
jsonl_files = st.lists(jsonl_lines, max_size=8).map(lambda lines: b"\n".join(lines))
# "surrogatepass": a lone surrogate (st.characters() makes them) becomes bytes no UTF-8 decoder accepts
text_files = st.one_of(news_texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                       news_texts.map(lambda t: t.encode("cp1252", "replace")),
                       st.binary(max_size=400))
html_tags = st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<article>", "</article>",
                             "<script>x=1</script>", "<title>Gao</title>", "<br>", "<!--", "-->", "&amp;", "&#0;",
                             "<meta name='date' content='2024-02-30'>", "<nav>Home</nav>", "<h1>", "</h1>"])
html_files = st.lists(st.one_of(html_tags, news_texts), max_size=20).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))
files = st.lists(st.one_of(jsonl_files.map(lambda b: (".jsonl", b)), text_files.map(lambda b: (".txt", b)),
                           html_files.map(lambda b: (".html", b)), st.binary(max_size=200).map(lambda b: ("", b))),
                 min_size=1, max_size=4)


@given(files)
@example([(".txt", b"\xa0")])  # found by `make fuzz`: a lone no-break space (Windows-1252) was read as a report
@example([(".txt", b"\xef\xbb\xbf"), (".txt", "\u2003\u3000".encode()), (".jsonl", b"\n\n")])
def test_readers_never_raise_and_name_the_file(contents):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, (suffix, data) in enumerate(contents):
            path = Path(folder) / f"f{i}{suffix}"
            path.write_bytes(data)
            paths.append(str(path))
        problems: list = []
        documents = list(read_documents([*paths, folder], problems))  # each file, then the folder again
    for document in documents:
        assert document.text.strip() and document.id
        for value in (document.text, document.id, document.title, document.source, document.url):
            assert not any("\ud800" <= c <= "\udfff" for c in value)  # SQLite and spaCy refuse them
        assert document.content_hash == content_hash(document.text)
        assert document.origin.split(":")[0] in paths
        assert_real_date(document.published)
    for problem in problems:
        assert problem.origin.split(":")[0] in paths and problem.message


# ---------------------------------------------------------------------------------- dates, numbers, fatalities

@given(news_texts, anchors, lexicons)
@example("On 3 May 2020, on 5 May, last week and yesterday", date(1, 1, 3), get_lexicon("en"))
@example("next year, in May last year, three days ago, early last month", date(9999, 12, 30), get_lexicon("en"))
def test_dates_are_real_and_inside_the_text(text, anchor, lex):
    for mention in find_dates(text, anchor, lex):
        assert_span_in(mention.span, text)
        assert_real_date(mention.start)
        assert_real_date(mention.end)
        assert mention.start <= mention.end
        assert mention.precision in (1, 2, 3)
    found, span = find_report_date(text, lex=lex)
    assert_real_date(found)
    if span is not None:
        assert_span_in(span, text)


@given(st.one_of(numbers, news_texts, st.text(max_size=40)))
def test_numbers_are_counts_or_nothing(text):
    number = parse_number(text)
    assert number is None or (isinstance(number, int) and number >= 0)
    quantity = parse_quantity(text)
    assert quantity is None or quantity.value >= 0


@given(news_texts, st.integers(min_value=0, max_value=10**6), lexicons)
@example("killing between 9 and 5 soldiers and 12 militants; no casualties were reported", 7, get_lexicon("en"))
@example("gunmen killed between 0 and 4 January", 5, get_lexicon("en"))  # found by make fuzz: evidence said "at least"
def test_fatalities_are_never_negative(text, offset, lex):
    figures, none = find_fatalities(text, offset, lex)
    for figure in figures:
        assert figure.value >= 0
        assert_span_in(figure.span, text, offset)
    if none is not None:
        assert_span_in(none, text, offset)
    fatalities, low, best, high = acled_fatalities(figures)
    assert fatalities >= 0
    if low is not None:
        assert 0 <= low <= best <= high


# ---------------------------------------------------------------------------------------------- whole extract

@given(news_texts, report_dates)
@example("Gunmen attacked Gao \ud800 on 3 May 2020, killing two soldiers.", None)  # found by make fuzz
@example("Gunmen killed at least between 0 and 4 January in Gao, Mali.", date(2024, 1, 9))  # make fuzz, seed 4
@example("On 3 May 2020, unknown gunmen attacked the village of Ogossagou (Bankass, Mopti), killing three "
         "civilians and 12 soldiers, the army said.", None)
@example("Gunmen killed dozens of villagers in Djibo, Burkina Faso, last week, residents said.", date(2024, 3, 1))
def test_extract_keeps_its_promises(text, published):
    from sitrep.pipeline import extract

    document = Document(id="prop", text=text, content_hash=content_hash(text), published=published,
                        published_from="metadata" if published else "unknown")
    result = extract(document)
    clean = result.document.clean_text
    for event in result.events:
        assert_real_date(event.event_date)
        assert_real_date(event.date_end)
        if event.event_date and event.date_end:
            assert event.event_date <= event.date_end
        for value in (event.fatalities, event.fatalities_low, event.fatalities_best, event.fatalities_high):
            assert value is None or value >= 0
        if event.latitude is not None:
            assert -90 <= event.latitude <= 90 and -180 <= event.longitude <= 180
        for spans in event.evidence.values():
            for span in spans:
                assert_span_in(span, clean)
        acled_row(event)  # the exporters take it
    for mention in result.dates:
        assert_span_in(mention.span, clean)
    for mention in result.places:
        assert_span_in(mention.span, clean)
    for item in [*result.claims, *result.relations]:
        if item.evidence is not None:
            assert 0 <= item.evidence.start <= item.evidence.end <= len(clean)
