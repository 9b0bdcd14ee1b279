"""Writing events out: ACLED CSV rows, GeoJSON features and JSON Lines records (contract formats)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date

from sitrep.records import Event, Extraction

ACLED_COLUMNS = [
    "doc_id", "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "inter1", "actor2", "assoc_actor_2", "inter2", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "fatalities", "notes", "confidence",
    # beyond the contract
    "interaction", "year", "fatalities_low", "fatalities_best", "fatalities_high", "background", "sources",
]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def acled_row(event: Event) -> dict:
    return {
        "doc_id": event.doc_id, "event_id": event.event_id, "event_date": _iso(event.event_date),
        "time_precision": event.time_precision or "", "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "actor1": event.actor1, "assoc_actor_1": event.assoc_actor_1,
        "inter1": event.inter1 or "", "actor2": event.actor2, "assoc_actor_2": event.assoc_actor_2,
        "inter2": event.inter2 or "", "country": event.country, "admin1": event.admin1, "admin2": event.admin2,
        "location": event.location, "latitude": "" if event.latitude is None else event.latitude,
        "longitude": "" if event.longitude is None else event.longitude,
        "geo_precision": event.geo_precision or "", "fatalities": event.fatalities, "notes": event.notes,
        "confidence": event.confidence, "interaction": event.interaction if event.inter1 else "",
        "year": event.event_date.year if event.event_date else "",
        "fatalities_low": "" if event.fatalities_low is None else event.fatalities_low,
        "fatalities_best": "" if event.fatalities_best is None else event.fatalities_best,
        "fatalities_high": "" if event.fatalities_high is None else event.fatalities_high,
        "background": int(event.background), "sources": "; ".join(event.sources),
    }


def formula_safe(value: object) -> object:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ is prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class AcledCsvWriter:
    def __init__(self, fh: io.TextIOBase, safe: bool = False):
        self._writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
        self._writer.writeheader()
        self._safe = safe

    def write(self, events: Iterable[Event]) -> int:
        n = 0
        for event in events:
            row = acled_row(event)
            if self._safe:
                row = {k: formula_safe(v) for k, v in row.items()}
            self._writer.writerow(row)
            n += 1
        return n


def event_record(event: Event) -> dict:
    record = {"kind": "event", **acled_row(event)}
    record["date_end"] = _iso(event.date_end)
    record["claims"] = [c.to_dict() for c in event.claims]
    record["evidence"] = {k: [s.to_dict() for s in v] for k, v in event.evidence.items()}
    record["location_resolved"] = event.location_resolved
    return record


def extraction_records(result: Extraction) -> Iterable[dict]:
    doc = result.document
    yield {"kind": "document", "id": doc.id, "published": _iso(doc.published), "published_from": doc.published_from,
           "language": doc.language, "title": doc.title, "source": doc.source, "url": doc.url,
           "clean_text": doc.clean_text, "warnings": result.warnings}
    for event in result.events:
        yield event_record(event)
    for relation in result.relations:
        yield {"kind": "relation", **relation.to_dict()}
    for claim in result.claims:
        record = claim.to_dict()
        record["claim_kind"] = record.pop("kind")
        yield {"kind": "claim", **record}


def geojson_feature(event: Event) -> dict | None:
    if event.latitude is None or event.longitude is None:
        return None
    props = {k: v for k, v in acled_row(event).items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
            "properties": props}


def write_geojson(events: Iterable[Event], fh: io.TextIOBase) -> int:
    features = [f for f in (geojson_feature(e) for e in events) if f is not None]
    json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
    return len(features)
