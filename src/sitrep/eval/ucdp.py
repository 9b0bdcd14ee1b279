"""`sitrep eval ucdp`: deaths and places of UCDP GED events, read from their source headlines.

Each GED row is one coded event with its source's headline (`source_headline`), a death toll as best / low /
high estimates and a point (`latitude`, `longitude`). The headline, as given, is read as one document
(`{id, text}`), and the first event `extract` would write is the answer. Headlines are short and many are
only a source label or a monthly chronology's title: those carry no event, so the share of rows with an
event is reported beside how often a label-like headline (`is_label`) still produced one.

Figures, over the rows scored: rows with an event; fatalities within [low, high]; fatalities equal to best;
the event's point within 25 km and within 161 km of UCDP's; the country. A fixed, seeded third of the rows is
held back (`split_part`): its figures are reported apart and its rows are never studied.
"""

from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.places.gazetteer import haversine_km

SPLIT_SEED = 2026  # fixed before any result was seen
HELD_SHARE = 1 / 3
FIGURES = ("event", "fatal_range", "fatal_best", "loc25km", "loc161km", "country")


def split_part(row_ids: list[str]) -> dict[str, str]:
    """'studied' or 'held' for each row id: a seeded shuffle of the sorted ids, the first third held."""
    ordered = sorted(row_ids)
    random.Random(SPLIT_SEED).shuffle(ordered)
    held = set(ordered[:round(len(ordered) * HELD_SHARE)])
    return {i: ("held" if i in held else "studied") for i in row_ids}


_MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|fevr|mars|avr|mai|juin|"
                     r"juil|août|aout|déc)[a-zéû]*\b", re.I)


def is_label(headline: str) -> bool:
    """A headline that can hold no event: each of its parts (';' joins several sources') is too short to say who
    did what once hashtags and month names are set aside (a source's name, 'Tweet', 'Burkina Faso MAY 2023')."""
    parts = [p for p in (headline or "").split(";") if p.strip()] or [""]
    return all(len(re.findall(r"[^\W\d_]+", _MONTHS.sub(" ", re.sub(r"#\S+", " ", p)))) < 3 for p in parts)


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def score_row(row: dict, event: dict | None) -> dict[str, float]:
    """1/0 per figure of one UCDP row against the first event read from its headline (None: no event)."""
    best, low, high = _int(row.get("best_est") or row.get("best")), _int(row.get("low_est") or row.get("low")), \
        _int(row.get("high_est") or row.get("high"))
    out = {name: 0.0 for name in FIGURES}
    if event is None:
        return out
    out["event"] = 1.0
    got = event.get("fatalities") or 0
    if low is not None and high is not None:
        out["fatal_range"] = float(min(low, high) <= got <= max(low, high))
    out["fatal_best"] = float(best is not None and got == best)
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
    except (KeyError, TypeError, ValueError):
        lat = lon = None
    if lat is not None and event.get("latitude") is not None:
        km = haversine_km(lat, lon, event["latitude"], event["longitude"])
        out["loc25km"] = float(km <= 25.0)
        out["loc161km"] = float(km <= 161.0)
    out["country"] = float(bool(row.get("country")) and event.get("country") == row.get("country"))
    return out


@dataclass
class PartScore:
    n: int = 0
    sums: dict[str, float] = field(default_factory=lambda: {f: 0.0 for f in FIGURES})
    labels: int = 0  # label-like headlines
    label_events: int = 0  # ... that still produced an event

    def add(self, scores: dict[str, float], label: bool) -> None:
        self.n += 1
        for k, v in scores.items():
            self.sums[k] += v
        self.labels += label
        self.label_events += label and scores["event"] > 0

    def mean(self, name: str) -> float:
        return self.sums[name] / self.n if self.n else 0.0

    def given_event(self, name: str) -> float:
        """The figure among rows where an event was read (how good what is produced is)."""
        return self.sums[name] / self.sums["event"] if self.sums["event"] else 0.0


@dataclass
class UcdpResult:
    parts: dict[str, PartScore] = field(default_factory=lambda: {"studied": PartScore(), "held": PartScore()})


def _event_dict(event) -> dict:
    return {k: getattr(event, k) for k in ("event_date", "event_type", "sub_event_type", "actor1", "actor2",
                                            "location", "admin1", "country", "latitude", "longitude",
                                            "fatalities")}


def load_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r.get("id")]


def evaluate_ucdp(path: Path, part: str = "all", sample: int | None = None, seed: int = 0,
                  errors_path: Path | None = None, progress=None) -> UcdpResult:
    """Score the rows of `part` ('studied', 'held', 'all'); `sample` draws that many of them with `seed`.
    `errors_path` gets the studied rows' misses only."""
    from sitrep.documents import content_hash
    from sitrep.export import reported_events
    from sitrep.pipeline import extract
    from sitrep.records import Document

    rows = load_rows(path)
    parts = split_part([r["id"] for r in rows])
    rows = [r for r in rows if part == "all" or parts[r["id"]] == part]
    if sample and sample < len(rows):
        rows = random.Random(seed).sample(rows, sample)
    result = UcdpResult()
    errors_fh = open(errors_path, "w", encoding="utf-8") if errors_path else None
    task = None
    if progress is not None:
        progress.start()
        task = progress.add_task("eval ucdp", total=len(rows), note="")
    try:
        for row in rows:
            text = row.get("source_headline") or ""
            event = None
            if text.strip():
                document = Document(id=row["id"], text=text)
                document.content_hash = content_hash(text)
                events = reported_events(extract(document).events)
                event = _event_dict(events[0]) if events else None
            scores = score_row(row, event)
            which = parts[row["id"]]
            label = is_label(text)
            result.parts[which].add(scores, label)
            if errors_fh and which == "studied" and (label and event or not label and min(scores.values()) < 1):
                errors_fh.write(json.dumps({
                    "id": row["id"], "headline": text, "label": label,
                    "missed": [k for k, v in scores.items() if v < 1],
                    "expected": {k: row.get(k) for k in ("best_est", "low_est", "high_est", "latitude", "longitude",
                                                         "where_description", "country", "side_a", "side_b")},
                    "got": None if event is None else {k: str(v) if k == "event_date" else v
                                                       for k, v in event.items()},
                }, ensure_ascii=False) + "\n")
            if progress is not None:
                progress.update(task, advance=1)
    finally:
        if errors_fh:
            errors_fh.close()
        if progress is not None:
            progress.stop()
    return result


def format_report(result: UcdpResult) -> str:
    lines = []
    for name, p in result.parts.items():
        if not p.n:
            continue
        lines += [f"UCDP GED {name} part: {p.n} rows ({p.labels} label-only headlines, "
                  f"{p.label_events} of them read as an event)",
                  f"{'figure':<14}{'all rows':>10}{'with event':>12}"]
        for f in FIGURES:
            lines.append(f"{f:<14}{p.mean(f):>10.3f}{p.given_event(f) if f != 'event' else 1.0:>12.3f}")
        lines.append("")
    return "\n".join(lines)
