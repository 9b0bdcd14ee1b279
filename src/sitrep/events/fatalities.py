"""Fatality figures in a passage, by ACLED's conventions.

Every figure found is kept (victim group, number, whether vague, the words it came from); the event's
ACLED figure is the sum over distinct victim groups of the lowest credible figure for each group, with
"dozens" 12, "hundreds" 100, "several"/"many" 10, "a few" 3, and an explicit "no casualties" 0.

The words are the lexicon's (`data/lexicons/<language>/fatalities.yaml`, numbers from `numbers.yaml`); the
code only says in which order the patterns are tried and what a match means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.lexicon import Lexicon, get_lexicon
from sitrep.numbers import Quantity, parse_number, parse_quantity
from sitrep.records import Span

STAGE = "fatalities"
# The patterns of a figure of the dead, most specific first: a figure found by one is not looked for again by
# the next ones (their spans are taken).
_FIGURE_PATTERNS = ("kill_one", "kill_count", "count_died", "count_only", "toll", "bodies_of", "kill_count_bare",
                    "kill_pronoun", "taken_then_killed")
# Patterns of one victim each, tried after every figure above.
_ONE_VICTIM_PATTERNS = ("single", "one_of_them", "one_killed", "headline_one_killed", "headline_kill_one", "to_death")
# ACLED's sides of a victim, checked in this order; a noun of none of them is "people".
_VICTIM_GROUPS = ("state", "armed", "civilian")
# quoted figures ("killing dozens", 'neutralized') count as figures: quotes become spaces (apostrophes inside
# words stay), so spans keep their place
_QUOTES = re.compile(r"[\"“”«»‘’]|(?<!\w)'|'(?!\w)")


def _rx(lex: Lexicon, name: str, flags: int = re.I) -> re.Pattern:
    return lex.regex(STAGE, name, flags)


@dataclass
class FatalityFigure:
    value: int
    vague: bool
    # state | armed | civilian | people | total | later (wounded who died afterwards) | part (some of the dead:
    # 'two of his brothers')
    group: str
    qualifier: str  # "at least", "more than", "" ...
    span: Span
    clause: int = 0  # figures joined by "and" in one clause add up; separate clauses are separate reports


def _group_of(victim: str, lex: Lexicon) -> str:
    v = victim.lower()
    for group in _VICTIM_GROUPS:
        if _rx(lex, f"victims_{group}", 0).search(v):
            return group
    return "people"


def _victim_list(text: str, end: int, lex: Lexicon) -> list[tuple[int, int, str, str]] | None:
    """The items (start, end, figure, noun) of a list of two or more victims ending at `end`; None if none."""
    items: list[tuple[int, int, str, str]] = []
    definite = lex.words(STAGE, "definite")
    while True:
        item = _rx(lex, "list_item").search(text[max(0, end - 80):end])
        if item is None:
            break
        base = max(0, end - 80)
        qty, victim = item.group("qty"), item.group("victim")
        if _rx(lex, "not_victims").search(victim) or _rx(lex, "animals").search(victim) or (
                qty.lower() in definite
                and _rx(lex, "plural_noun", 0).search(victim.split()[-1] if victim else "")):
            return None  # "the soldiers": a count this list does not give
        items.append((base + item.start("qty"), base + item.end("victim"), qty, victim))
        separator = _rx(lex, "list_separator").search(text[:base + item.start("qty")])
        if separator is None:
            break
        end = separator.start()
    # the list is a subject: its first item opens a clause ("harbored a cell, three militants and a gendarme
    # were killed": the cell is the object of another verb)
    while items and not _rx(lex, "clause_opens").search(text[:items[-1][0]]):
        items.pop()
    return items if len(items) >= 2 else None


def _listed_victims(text: str, offset: int, taken: list[tuple[int, int]], clause_base: int,
                    lex: Lexicon) -> list[FatalityFigure]:
    """A list of victims before one death verb: "three women and a child were killed". Every item counts."""
    figures: list[FatalityFigure] = []
    one_person = lex.words(STAGE, "one_person_determiners")
    for m in _rx(lex, "list_predicate").finditer(text):
        items = _victim_list(text, m.start(), lex)
        if not items:
            continue
        clause = clause_base + len(figures)
        for a, b, qty, victim in items:
            value = 1 if qty.lower() in one_person else parse_number(qty, lex)
            if value is None:
                continue
            figures.append(FatalityFigure(value, False, _group_of(victim, lex), "",
                                          Span(a + offset, b + offset, text[a:b]), clause))
        taken.append((min(a for a, *_ in items), m.end()))
    return figures


def _joined_before(text: str, m: re.Match, offset: int, clause: int, taken: list[tuple[int, int]],
                   head_group: str, lex: Lexicon) -> FatalityFigure | None:
    """"18 ISGS fighters and 10 JNIM fighters were killed": the figure joined before the one the verb follows."""
    window_start = max(0, m.start() - 90)
    before = _rx(lex, "joined_before").search(text[window_start:m.start()])
    if before is None:
        return None
    a, b = window_start + before.start("qty"), window_start + before.end("victim")
    if _rx(lex, "source_before").search(text[max(0, a - 20):a]):
        return None  # 'according to a resident, 28 people died': a source, not a victim
    quantity = parse_quantity(_rx(lex, "joined_qualifier_prefix").sub("", before.group("qty").strip()), lex)
    if quantity is None or any(a < e and s < b for s, e in taken) or _rx(lex, "animals").search(before.group("victim")):
        return None
    taken.append((a, b))
    group = _group_of(before.group("victim"), lex)
    return FatalityFigure(quantity.value, quantity.vague, head_group if group == "people" else group, "",
                          Span(a + offset, b + offset, text[a:b]), clause)


def _companions(text: str, start: int, offset: int, clause: int, taken: list[tuple[int, int]],
                head_group: str, lex: Lexicon) -> list[FatalityFigure]:
    """Victims named after a killing's object: "killed a chief, his son and four others" (the son, the four)."""
    out: list[FatalityFigure] = []
    while (kin := _rx(lex, "kin_after").match(text[start:])) \
            and not _rx(lex, "clause_wounded").match(text[start + kin.end():]):
        value = 1 if kin.group("kin") else parse_number(kin.group("qty"), lex)
        if value is None:
            break
        a, b = start + kin.start(), start + kin.end()
        out.append(FatalityFigure(value, False, head_group, "",
                                  Span(a + offset, b + offset, text[a:b]), clause))
        taken.append((a, b))
        start = b
    return out


def _lower_bound_of_ranges(text: str, lex: Lexicon) -> str:
    """"between 5 and 9 people": the lower figure, as ACLED takes it (same length, so spans stay put)."""
    template = str(lex.entry(STAGE, "range_lower_bound") or "{low}")

    def lower(m: re.Match) -> str:
        written = template.replace("{low}", m.group("low"))
        return written.ljust(len(m.group())) if len(written) <= len(m.group()) else m.group()

    return _rx(lex, "range").sub(lower, text)


def _figure_quantity(m: re.Match, lex: Lexicon) -> tuple[Quantity | None, str]:
    """The figure of a match and its qualifier ("at least", ...)."""
    qty_text = (m.group("qty") or m.groupdict().get("self") or "").strip()
    qualifier_match = _rx(lex, "qualifier_prefix").match(qty_text)
    qualifier = qualifier_match.group("q").lower() if qualifier_match else ""
    number_text = qty_text[qualifier_match.end():] if qualifier_match else qty_text
    if number_text.lower() in lex.words(STAGE, "one_person") or (not m.group("qty") and m.groupdict().get("self")):
        return Quantity(1, False, number_text), qualifier  # "killed the chief", "killing him", "blew himself up"
    return parse_quantity(number_text, lex), qualifier


def _side_told(text: str, m: re.Match, lex: Lexicon) -> str:
    """The side an army toll is told for ('bilan côté ami : 3 morts', 'five dead in its ranks', 'enemy side: 15
    dead'): 'state' or 'armed', two tolls of one battle that add up; '' when none is told."""
    before, after = text[max(0, m.start() - 80):m.start()], text[m.end():m.end() + 60]
    if _rx(lex, "side_friendly_before").search(before) or _rx(lex, "side_friendly_after").match(after):
        return "state"
    if _rx(lex, "side_enemy_before").search(before):
        return "armed"
    return ""


def find_fatalities(text: str, offset: int = 0, lex: Lexicon | None = None) -> tuple[list[FatalityFigure], Span | None]:
    """(figures, span of an explicit 'no casualties' statement) in `text`; spans shifted by `offset`."""
    as_written = text
    lex = lex or get_lexicon()
    figures: list[FatalityFigure] = []
    taken: list[tuple[int, int]] = []
    text = _QUOTES.sub(" ", text)
    text = _lower_bound_of_ranges(text, lex)
    figures.extend(_listed_victims(text, offset, taken, 500, lex))
    total_qualifiers = lex.words(STAGE, "total_qualifiers")
    for name in _FIGURE_PATTERNS:
        for m in _rx(lex, name).finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            quantity, qualifier = _figure_quantity(m, lex)
            if quantity is None or quantity.value > 100_000 \
                    or _rx(lex, "day_of_month_before").search(text[max(0, m.start() - 12):m.start("qty")]):
                continue
            if _rx(lex, "wounded_after").match(text[m.end():]) and name == "kill_count" and not m.group("tail"):
                continue
            victim = (m.groupdict().get("victim") or "").strip()
            if _rx(lex, "not_a_victim_unit").search(victim) or _rx(lex, "animals").search(victim):
                continue
            total = qualifier in total_qualifiers or (name == "toll" and not victim)
            group = "total" if total else _group_of(victim, lex)
            if group == "people":
                group = _side_told(text, m, lex) or group
            if not total and m.groupdict().get("qty") is not None \
                    and (_rx(lex, "partitive").match(text[m.end("qty"):])
                         or _rx(lex, "others_after").match(text[m.end("qty"):])):
                # 'two of his brothers', 'four other people': some of a toll told elsewhere, a floor for it
                group = "part"
            clause = len(figures)
            figures.append(FatalityFigure(quantity.value, quantity.vague, group, qualifier,
                                          Span(m.start() + offset, m.end() + offset, m.group()), clause))
            taken.append((m.start(), m.end()))
            if name == "count_died" and (joined_figure := _joined_before(text, m, offset, clause, taken, group, lex)):
                figures.append(joined_figure)
            # "killing seven soldiers and three civilians": the figures joined to this one count too.
            # (not inside an "including ..." aside: those are part of the first figure)
            joined = m.group()[: m.start("incl") - m.start()] if m.groupdict().get("incl") else m.group()
            inner = _rx(lex, "and_more_inner").search(joined) if name == "count_died" else None
            if inner is not None:
                extra = parse_quantity(inner.group("qty").strip(), lex)
                if extra is not None:
                    a, b = m.start() + inner.start("qty"), m.start() + inner.end()
                    figures.append(FatalityFigure(extra.value, extra.vague, _group_of(inner.group("victim"), lex), "",
                                                  Span(a + offset, b + offset, text[a:b]), clause))
            tail_start = m.end()
            while victim and (more := _rx(lex, "and_more").match(text[tail_start:])):
                extra = parse_quantity(_rx(lex, "more_qualifier_prefix").sub("", more.group("qty").strip()), lex)
                if extra is None or _rx(lex, "wounded_after").match(text[tail_start + more.end():]) \
                        or _rx(lex, "clause_wounded").match(more.group("victim")) \
                        or _rx(lex, "clause_wounded").match(text[tail_start + more.end():]):
                    break
                a, b = tail_start + more.start("qty"), tail_start + more.end()
                # "four children and a youth": a joined noun that names no side is on the side of the first
                extra_group = _group_of(more.group("victim"), lex)
                figures.append(FatalityFigure(extra.value, extra.vague, group if extra_group == "people" else extra_group,
                                              "", Span(a + offset, b + offset, text[a:b]), clause))
                taken.append((a, b))
                tail_start += more.end()
            if name in ("kill_one", "kill_count"):
                figures.extend(_companions(text, tail_start, offset, clause, taken, group, lex))
    for m in _rx(lex, "and_kin").finditer(text):
        if not any(m.start() < e and s < m.end() for s, e in taken):
            figures.append(FatalityFigure(2, False, _group_of(m.group("victim"), lex), "",
                                          Span(m.start() + offset, m.end() + offset, m.group()), len(figures)))
            taken.append((m.start(), m.end()))
    for m in [match for name in _ONE_VICTIM_PATTERNS for match in _rx(lex, name).finditer(text)]:
        # the animal check reads the head noun: 'a chicken thief' is a person
        head = (m.group("victim").split() or [""])[-1]
        if any(m.start() < e and s < m.end() for s, e in taken) or _rx(lex, "animals").search(head) \
                or _rx(lex, "single_not_person").search(m.group("victim")):
            continue
        figures.append(FatalityFigure(1, False, _group_of(m.group("victim"), lex), "",
                                      Span(m.start() + offset, m.end() + offset, m.group()), len(figures)))
        taken.append((m.start(), m.end()))
    for m in _rx(lex, "wounded_died").finditer(text):
        qty = m.group("qty") or m.group("qty2")
        value = parse_number(qty, lex) if qty else 1
        if value:
            figures.append(FatalityFigure(value, False, "later", "", Span(m.start() + offset, m.end() + offset,
                                                                           m.group()), len(figures)))
    background = _rx(lex, "background_after")
    figures = [f for f in figures if not background.match(text[f.span.end - offset:])]
    later = _rx(lex, "died_later").search(text)
    if later and not figures and not background.match(text[later.end():]) \
            and not _rx(lex, "negated_subject").search(text[max(0, later.start() - 40):later.start()]) \
            and not _rx(lex, "thing_subject").search(text[max(0, later.start() - 40):later.start()]) \
            and not _rx(lex, "animals").search(" ".join(text[:later.start()].split()[-2:])):
        # nobody else is said to have died: the one who succumbed later is the toll
        figures.append(FatalityFigure(1, False, "people", "",
                                      Span(later.start() + offset, later.end() + offset, later.group()), 0))
    for m in _rx(lex, "coded").finditer(text):
        quantity = parse_quantity(m.group("qty"), lex)
        if quantity is not None:
            figures.append(FatalityFigure(quantity.value, False, "total", "coded",
                                          Span(m.start() + offset, m.end() + offset, m.group()), len(figures)))
    none = _rx(lex, "no_casualties").search(text)
    none_span = Span(none.start() + offset, none.end() + offset, none.group()) if none else None
    # The matching ran on a rewritten copy (same length): evidence quotes the words as written ("between 9 and 5",
    # not "at least 9      ")
    for figure in figures:
        figure.span = Span(figure.span.start, figure.span.end, as_written[figure.span.start - offset:figure.span.end - offset])
    if none_span is not None:
        none_span = Span(none_span.start, none_span.end, as_written[none_span.start - offset:none_span.end - offset])
    return figures, none_span


def acled_fatalities(figures: list[FatalityFigure]) -> tuple[int, int | None, int | None, int | None]:
    """(ACLED figure, low, best, high): per victim group the lowest figure, summed over groups.

    Figures joined in one clause ("a man and his two children") add up first. A 'total' figure stands for all
    groups; 'people' may overlap named groups, so it only adds when it exceeds them.
    """
    if not figures:
        return 0, None, None, None
    coded = [f.value for f in figures if f.qualifier == "coded"]
    if coded:
        return min(coded), min(coded), min(coded), max(coded)  # the coder's own figure settles it
    # a vague word ('many', 'dozens') stands for a number only where the reports give none for that group
    precise = {f.group for f in figures if not f.vague}
    figures = [f for f in figures if not f.vague or f.group not in precise]
    clauses: dict[int, dict[str, int]] = {}
    for f in figures:
        groups = clauses.setdefault(f.clause, {})
        groups[f.group] = groups.get(f.group, 0) + f.value
    for groups in clauses.values():
        # "three men and a boy": figures joined in one clause are different people even when one noun names
        # no side
        sides = [g for g in groups if g in _VICTIM_GROUPS]
        if sides and "people" in groups:
            groups[sides[0]] += groups.pop("people")
    by_group: dict[str, list[int]] = {}
    for groups in clauses.values():
        for group, value in groups.items():
            by_group.setdefault(group, []).append(value)
    specific = sum(min(v) for g, v in by_group.items() if g in _VICTIM_GROUPS)
    people = min(by_group["people"]) if "people" in by_group else 0
    # a part of the dead ('two of his brothers were killed') is a floor, never a toll of its own beside others
    low = max(specific, people, min(by_group.get("part", [0])))
    if "total" in by_group:
        low = max(low, min(by_group["total"]))
    # wounded who died later are more victims on top of the toll
    low += min(by_group.get("later", [0]))
    high_specific = sum(max(v) for g, v in by_group.items() if g in _VICTIM_GROUPS)
    high = max(high_specific, *(max(by_group.get(g, [0])) for g in ("people", "total", "part"))) \
        + max(by_group.get("later", [0]))
    best = low if low == high else round((low + high) / 2)
    return low, low, best, high


def split_count(text: str, lex: Lexicon | None = None) -> int | None:
    """How many events a coder's note says its fatalities are split between ("fatalities split across three
    events", "coded as two events ... spread across the two events"); None if it says nothing of it."""
    lex = lex or get_lexicon()
    m = _rx(lex, "split").search(text)
    if m is None:
        return None
    stated = m.group("n") or (coded.group("n") if (coded := _rx(lex, "coded_events").search(text)) else None)
    n = parse_number(stated, lex) if stated else None
    if n is None:
        # no count written: the places listed ("the villages of Ala, Bere and Cima")
        lists = [len(_rx(lex, "place_list_separator", 0).split(p.group("list")))
                 for p in _rx(lex, "place_list", 0).finditer(text)]
        n = max(lists, default=2)
    return n if 1 < n <= 50 else None


def split_share(fatalities: int, parts: int | None) -> int:
    """One event's share of a toll split evenly across `parts` events, rounded up as ACLED assigns remainders."""
    if not parts or fatalities <= 0:
        return fatalities
    return -(-fatalities // parts)
