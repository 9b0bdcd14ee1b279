"""`sitrep eval acled`: extraction scored against ACLED's own coding of its notes.

Each note is extracted as one document ({id, text} only); the first event is the answer. Seven fields:
event_type, sub_event_type, date, admin1, loc25km, fatalities, actors; the composite is their mean.
"""

from __future__ import annotations

import csv
import json
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sitrep.places.gazetteer import haversine_km
from sitrep.records import Document, Event

FIELDS = ["event_type", "sub_event_type", "date", "admin1", "loc25km", "fatalities", "actors"]
_ADMIN_WORDS = re.compile(r"\b(?:region|province|state|district|department|departement|cercle|prefecture)\b")
_ACTOR_STOP = {"of", "the", "and", "for", "in", "de", "du", "des", "la", "le", "a", "an", "to"}


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def norm_admin1(name: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", _plain(name))
    text = _ADMIN_WORDS.sub(" ", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def norm_actor(name: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", _plain(name))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def actors_match(expected: str, got: str) -> bool:
    a, b = norm_actor(expected), norm_actor(got)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    wa = {w for w in a.split() if w not in _ACTOR_STOP}
    wb = {w for w in b.split() if w not in _ACTOR_STOP}
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) > 0.5


def actor_score(expected: list[str], got: list[str]) -> float | None:
    expected = [e for e in expected if e]
    if not expected:
        return None
    hits = sum(1 for e in expected if any(actors_match(e, g) for g in got if g))
    return hits / len(expected)


def parse_acled_date(value: str):
    for fmt in ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


@dataclass
class AcledResult:
    n: int = 0
    scores: dict[str, list[float]] = field(default_factory=lambda: {f: [] for f in FIELDS})
    type_confusion: Counter = field(default_factory=Counter)
    sub_confusion: Counter = field(default_factory=Counter)
    no_event: int = 0

    def field_means(self) -> dict[str, float]:
        return {f: (sum(v) / len(v) if v else 0.0) for f, v in self.scores.items()}

    @property
    def composite(self) -> float:
        means = self.field_means()
        return sum(means.values()) / len(means)


def score_row(row: dict, event: Event | None) -> dict[str, float | None]:
    """Per-field scores (1/0, or a share for actors) of one predicted event against one coded row."""
    got = event
    coded_date = parse_acled_date(row["event_date"])
    out: dict[str, float | None] = {}
    out["event_type"] = float(bool(got) and got.event_type == row["event_type"])
    out["sub_event_type"] = float(bool(got) and got.sub_event_type == row["sub_event_type"])
    out["date"] = float(bool(got) and got.event_date is not None and got.event_date == coded_date)
    out["admin1"] = float(bool(got) and norm_admin1(got.admin1) == norm_admin1(row["admin1"]) and bool(row["admin1"]))
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        out["loc25km"] = float(bool(got) and got.latitude is not None and
                               haversine_km(lat, lon, got.latitude, got.longitude) <= 25.0)
    except (TypeError, ValueError):
        out["loc25km"] = 0.0
    try:
        out["fatalities"] = float(bool(got) and got.fatalities == int(row["fatalities"]))
    except ValueError:
        out["fatalities"] = 0.0
    out["actors"] = actor_score([row.get("actor1", ""), row.get("actor2", "")],
                                [got.actor1, got.actor2] if got else [])
    return out


def evaluate_acled(csv_path: Path, sample: int | None = None, seed: int = 0, errors_path: Path | None = None,
                   progress=None, report_date: bool = False) -> AcledResult:
    """Score the notes; with `report_date`, each note carries a report date 0-4 days after its coded date, as a
    real report would (drawn with the sampling seed). The answer is the first event `extract` would write."""
    from sitrep.export import reported_events
    from sitrep.pipeline import extract

    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("notes")]
    if sample and sample < len(rows):
        rows = random.Random(seed).sample(rows, sample)
    result = AcledResult()
    delays = random.Random(seed + 1)
    errors_fh = open(errors_path, "w", encoding="utf-8") if errors_path else None
    task = None
    if progress is not None:
        progress.start()
        task = progress.add_task("eval acled", total=len(rows), note="")
    try:
        for row in rows:
            doc_id = row.get("event_id_cnty") or str(result.n)
            document = Document(id=doc_id, text=row["notes"])
            coded = parse_acled_date(row.get("event_date", ""))
            if report_date and coded is not None:
                document.published = coded + timedelta(days=delays.randint(0, 4))
                document.published_from = "metadata"
            from sitrep.documents import content_hash

            document.content_hash = content_hash(row["notes"])
            extraction = extract(document)
            events = reported_events(extraction.events)
            event = events[0] if events else None
            result.n += 1
            result.no_event += event is None
            scores = score_row(row, event)
            for name, value in scores.items():
                if value is not None:
                    result.scores[name].append(value)
            result.type_confusion[(row["event_type"], event.event_type if event else "(none)")] += 1
            result.sub_confusion[(row["sub_event_type"], event.sub_event_type if event else "(none)")] += 1
            if errors_fh and any(v is not None and v < 1 for v in scores.values()):
                errors_fh.write(json.dumps({
                    "id": doc_id, "note": row["notes"],
                    "missed": [k for k, v in scores.items() if v is not None and v < 1],
                    "expected": {k: row.get(k) for k in ("event_date", "event_type", "sub_event_type", "actor1",
                                                         "actor2", "admin1", "admin2", "location", "latitude",
                                                         "longitude", "geo_precision", "fatalities")},
                    "got": None if event is None else {
                        "event_date": str(event.event_date), "event_type": event.event_type,
                        "sub_event_type": event.sub_event_type, "actor1": event.actor1, "actor2": event.actor2,
                        "admin1": event.admin1, "admin2": event.admin2, "location": event.location,
                        "latitude": event.latitude, "longitude": event.longitude,
                        "geo_precision": event.geo_precision, "fatalities": event.fatalities},
                    "evidence": None if event is None else {k: [s.text for s in v] for k, v in event.evidence.items()},
                }, ensure_ascii=False) + "\n")
            if progress is not None:
                progress.update(task, advance=1, note=f"composite {result.composite:.3f}")
    finally:
        if errors_fh:
            errors_fh.close()
        if progress is not None:
            progress.stop()
    return result


def format_report(result: AcledResult) -> str:
    means = result.field_means()
    lines = [f"ACLED notes scored: {result.n} (no event found: {result.no_event})", "", f"{'field':<16}{'score':>8}"]
    for name in FIELDS:
        lines.append(f"{name:<16}{means[name]:>8.3f}")
    lines.append(f"{'composite':<16}{result.composite:>8.3f}")
    lines += ["", "event type confusions (coded -> got, count):"]
    for (coded, got), count in result.type_confusion.most_common():
        if coded != got:
            lines.append(f"  {coded:<28} -> {got:<28} {count}")
    lines += ["", "top sub-event confusions:"]
    for (coded, got), count in [kv for kv in result.sub_confusion.most_common() if kv[0][0] != kv[0][1]][:15]:
        lines.append(f"  {coded:<36} -> {got:<36} {count}")
    return "\n".join(lines)
