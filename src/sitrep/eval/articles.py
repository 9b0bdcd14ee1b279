"""`sitrep eval articles`: whole articles scored by the checks of an expectations file.

The file's format is `../shared/acceptance/FORMAT.md`: each article goes through the same code as
`sitrep extract --format jsonl` (one document `{id, text, published?}`), and every check is made on the
records that come out for its id. The score of a set is checks passed ÷ checks made. Each failed check is
reported with what sitrep produced instead, so a reader sees why.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sitrep.places.gazetteer import haversine_km


def normal(text: str) -> str:
    """FORMAT.md's normal form: accents dropped, lower case, parentheses and punctuation turned to spaces."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def matches_alias(aliases: Iterable[str], *values: str) -> bool:
    """True when one alias's normal form is a substring of one value's normal form."""
    forms = [normal(a) for a in aliases]
    return any(f and f in normal(v) for f in forms for v in values if v)


@dataclass
class Check:
    doc_id: str
    name: str
    passed: bool
    detail: str = ""  # what sitrep produced instead, for a failed check


@dataclass
class ArticleScore:
    doc_id: str
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(c.passed for c in self.checks)


@dataclass
class ArticlesResult:
    articles: list[ArticleScore] = field(default_factory=list)

    @property
    def made(self) -> int:
        return sum(len(a.checks) for a in self.articles)

    @property
    def passed(self) -> int:
        return sum(a.passed for a in self.articles)

    @property
    def score(self) -> float:
        return self.passed / self.made if self.made else 0.0


def _event_date_ok(expected: dict, event: dict) -> str:
    day = event.get("event_date") or ""
    if "event_date" in expected and day != expected["event_date"]:
        return f"date {day or 'none'} != {expected['event_date']}"
    if "event_month" in expected and not day.startswith(expected["event_month"]):
        return f"date {day or 'none'} not in {expected['event_month']}"
    if "event_date_between" in expected:
        lo, hi = expected["event_date_between"]
        if not day or not (lo <= day <= hi):
            return f"date {day or 'none'} not in {lo}..{hi}"
    return ""


def _coordinates(event: dict) -> tuple[float, float] | None:
    if event.get("latitude") in ("", None) or event.get("longitude") in ("", None):
        return None
    return float(event["latitude"]), float(event["longitude"])


def why_not(expected: dict, event: dict) -> str:
    """Empty when the output event fits every field of the expected one; else the first field that does not."""
    if "country" in expected and normal(event.get("country", "")) != normal(expected["country"]):
        return f"country {event.get('country') or 'none'!s}"
    if "event_type" in expected and event.get("event_type") not in expected["event_type"]:
        return f"type {event.get('event_type') or 'none'}"
    if "sub_event_type" in expected and event.get("sub_event_type") not in expected["sub_event_type"]:
        return f"sub-type {event.get('sub_event_type') or 'none'}"
    wrong_date = _event_date_ok(expected, event)
    if wrong_date:
        return wrong_date
    point = _coordinates(event)
    if "near" in expected:
        near = expected["near"]
        if point is None:
            return "no coordinates"
        km = haversine_km(near["lat"], near["lon"], point[0], point[1])
        if km > near["km"]:
            return f"{event.get('location') or '?'} is {km:.0f} km off (> {near['km']})"
    if "lat_min" in expected and (point is None or point[0] < expected["lat_min"]):
        return f"{event.get('location') or 'no place'} is south of {expected['lat_min']}"
    actors = (event.get("actor1", ""), event.get("actor2", ""), event.get("assoc_actor_1", ""),
              event.get("assoc_actor_2", ""))
    for group in expected.get("actors_include", []):
        if not matches_alias(group, *actors):
            return f"no actor like {group[0]!r} (actors: {' | '.join(a for a in actors if a) or 'none'})"
    if "fatalities_min" in expected and int(event.get("fatalities") or 0) < expected["fatalities_min"]:
        return f"fatalities {event.get('fatalities') or 0} < {expected['fatalities_min']}"
    return ""


def _brief(event: dict) -> str:
    return (f"{event.get('event_date') or 'undated'} {event.get('sub_event_type') or event.get('event_type')} "
            f"@ {event.get('location') or '?'} ({event.get('country') or '?'}) "
            f"{event.get('actor1') or '-'} vs {event.get('actor2') or '-'}, {event.get('fatalities') or 0} killed")


def score_article(expected: dict, records: list[dict]) -> ArticleScore:
    """Every check FORMAT.md makes for one article, on the records `extract --format jsonl` gave for it."""
    doc_id = expected["id"]
    result = ArticleScore(doc_id)
    add = result.checks.append
    document = next((r for r in records if r["kind"] == "document"), {})
    events = [r for r in records if r["kind"] == "event"]
    if expected.get("expect_published"):
        got = document.get("published") or None
        add(Check(doc_id, f"published {expected['expect_published']}", got == expected["expect_published"],
                  f"published {got}"))
    if "max_events" in expected:
        n = len(events)
        add(Check(doc_id, f"1..{expected['max_events']} events", 0 < n <= expected["max_events"], f"{n} events"))
    chosen: list[int | None] = []
    for wanted in expected.get("events", []):
        name = wanted.get("name", "event")
        hits = [i for i, e in enumerate(events) if not why_not(wanted, e)]
        if "distinct_from" in wanted and wanted["distinct_from"] < len(chosen):
            hits = [i for i in hits if i != chosen[wanted["distinct_from"]]]
        detail = "; ".join(f"#{i + 1} {_brief(e)}: {why_not(wanted, e)}" for i, e in enumerate(events)) or "no events"
        add(Check(doc_id, f"event: {name}", bool(hits), detail))
        if wanted.get("unique") and hits:
            add(Check(doc_id, f"unique: {name}", len(hits) == 1, f"{len(hits)} events fit"))
        chosen.append(hits[0] if hits else None)
    relations = [r for r in records if r["kind"] == "relation"]
    for rel in expected.get("relations", []):
        ok = any(matches_alias(rel["subject"], r.get("subject", "")) and matches_alias(rel["object"], r.get("object", ""))
                 and (not rel.get("status") or r.get("status") in rel["status"]) for r in relations)
        got = "; ".join(f"{r['subject']} {r['predicate']} {r['object']} ({r['status']})" for r in relations)
        add(Check(doc_id, f"relation {rel['subject'][0]} -> {rel['object'][0]}", ok, got or "no relations"))
    claims = [r for r in records if r["kind"] == "claim"]
    claims += [dict(c, kind="claim") for e in events for c in e.get("claims", [])]
    for claim in expected.get("claims", []):
        ok = any(all(normal(s) in normal(json.dumps(c, ensure_ascii=False)) for s in claim["text_contains"])
                 and (not claim.get("by") or matches_alias(claim["by"], c.get("claimant", ""))) for c in claims)
        got = "; ".join(f"{c.get('claimant')}: {str(c.get('text'))[:60]}" for c in claims[:8])
        add(Check(doc_id, f"claim {claim.get('by', ['anyone'])[0]}: {claim['text_contains']}", ok,
                  got or "no claims"))
    forbid = expected.get("forbid", {})
    for text in forbid.get("clean_text_contains", []):
        add(Check(doc_id, f"clean text lacks {text!r}", text not in document.get("clean_text", ""), "still there"))
    for country in forbid.get("event_country", []):
        bad = [e for e in events if normal(e.get("country", "")) == normal(country)]
        add(Check(doc_id, f"no event in {country}", not bad, "; ".join(_brief(e) for e in bad)))
    if forbid.get("event_before"):
        limit = forbid["event_before"]
        bad = [e for e in events if e.get("event_date") and e["event_date"] < limit]
        add(Check(doc_id, f"no event before {limit}", not bad, "; ".join(_brief(e) for e in bad)))
    return result


_DATE_KEYS = ("event_date", "event_date_between", "event_month")


def without_report_date(expected: dict) -> dict:
    """The same checks for a reader with no report date: `published` withheld, the date checks that need it
    dropped, and no event may be dated before the report's year (a year is never guessed)."""
    if not expected.get("published"):
        return expected
    year = expected["published"][:4]
    changed = dict(expected, published=None, events=[{k: v for k, v in e.items() if k not in _DATE_KEYS}
                                                     for e in expected.get("events", [])])
    changed.pop("expect_published", None)
    forbid = dict(expected.get("forbid", {}))
    forbid.setdefault("event_before", f"{year}-01-01")
    changed["forbid"] = forbid
    return changed


def load_expectations(path: Path) -> list[dict]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data["documents"] if isinstance(data, dict) else data


def article_path(expected: dict, base: Path) -> Path:
    """The article's file: relative to the expectations file, or (as the seeds' file names are) to a folder
    above it."""
    for folder in (base, *base.parents):
        candidate = folder / expected["file"]
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{expected['file']} (article {expected['id']}) is not beside {base} nor above it")


def article_input(expected: dict, base: Path) -> dict:
    """The line FORMAT.md feeds to `extract`: {id, text, published?}."""
    row = {"id": expected["id"], "text": article_path(expected, base).read_text(encoding="utf-8")}
    if expected.get("published"):
        row["published"] = expected["published"]
    return row


def evaluate_articles(path: Path, only: set[str] | None = None, skip: set[str] | None = None,
                      no_report_date: bool = False,
                      extractor: Callable[[dict], list[dict]] | None = None,
                      progress=None) -> ArticlesResult:
    """Score every article of an expectations file (or those in `only`, minus `skip`)."""
    path = Path(path)
    extractor = extractor or extract_records
    expectations = [e for e in load_expectations(path)
                    if (not only or e["id"] in only) and (not skip or e["id"] not in skip)]
    result = ArticlesResult()
    task = progress.add_task("articles", total=len(expectations), note="") if progress else None
    ctx = progress if progress is not None else _Null()
    with ctx:
        for expected in expectations:
            if no_report_date:
                expected = without_report_date(expected)
            try:
                records = extractor(article_input(expected, path.parent))
            except Exception as exc:  # noqa: BLE001  as `extract` does, one failed article fails its checks
                records = [{"kind": "document", "id": expected["id"], "error": f"{type(exc).__name__}: {exc}"}]
            result.articles.append(score_article(expected, records))
            if progress is not None:
                progress.update(task, advance=1, note=expected["id"])
    return result


class _Null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def extract_records(row: dict) -> list[dict]:
    """What `sitrep extract --format jsonl` writes for one input line."""
    from sitrep.documents import document_from_record
    from sitrep.export import extraction_records
    from sitrep.pipeline import extract

    document = document_from_record(row)
    return [json.loads(json.dumps(r, ensure_ascii=False, default=str))
            for r in extraction_records(extract(document))]


def format_report(result: ArticlesResult, verbose: bool = True) -> str:
    lines = []
    for article in result.articles:
        lines.append(f"{article.doc_id}: {article.passed}/{len(article.checks)}")
        if verbose:
            for check in article.checks:
                if not check.passed:
                    lines.append(f"   FAIL {check.name}\n        got: {check.detail}")
    lines.append(f"checks passed: {result.passed}/{result.made} = {result.score:.3f} "
                 f"over {len(result.articles)} articles")
    return "\n".join(lines)


def parse_day(value: str) -> date:
    return date.fromisoformat(value)
