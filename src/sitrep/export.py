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
    # the rest of ACLED's 31 columns, filled where known
    "event_id_cnty", "disorder_type", "civilian_targeting", "iso", "region", "admin3", "source", "source_scale",
    "tags", "timestamp",
]
# ACLED's own 31 columns in ACLED's order (a file other ACLED tools read as is)
ACLED_31_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# a canonical event (fused across reports) adds how it is corroborated
FUSED_COLUMNS = ACLED_COLUMNS + ["n_sources", "n_reports", "n_documents", "status", "confirmed", "claimed_by"]
_DISORDER = {"Battles": "Political violence", "Violence against civilians": "Political violence",
             "Explosions/Remote violence": "Political violence", "Riots": "Political violence",
             "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
_DISORDER_SUB = {"Excessive force against protesters": "Political violence; Demonstrations",
                 "Protest with intervention": "Demonstrations", "Violent demonstration": "Demonstrations",
                 "Mob violence": "Political violence"}
# ACLED's regions for the countries sitrep covers first (UN M49 sub-regions as ACLED names them)
_REGIONS = {
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Eastern Africa": "BI DJ ER ET KE KM MG MW MU MZ RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW LS NA SZ ZA",
}
_REGION_OF = {code: region for region, codes in _REGIONS.items() for code in codes.split()}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _country_info(country: str) -> dict:
    if not country:
        return {}
    try:
        from sitrep.places.countries import _countries, country_code

        code = country_code(country)
        return _countries().get(code, {}) if code else {}
    except Exception:
        return {}


def acled_extra(event: Event) -> dict:
    """ACLED's columns beyond the contract, derived from the event where they can be."""
    info = _country_info(event.country)
    violent = _DISORDER.get(event.event_type) == "Political violence"
    civilians = event.inter2 == 7 or event.actor2.startswith("Civilians") or "Civilians" in event.assoc_actor_2
    return {
        "event_id_cnty": "", "disorder_type": _DISORDER_SUB.get(event.sub_event_type,
                                                                _DISORDER.get(event.event_type, "")),
        "civilian_targeting": "Civilian targeting" if violent and civilians else "",
        "iso": info.get("isonumeric", ""), "region": _REGION_OF.get(info.get("iso", ""), ""), "admin3": "",
        "source": "; ".join(event.sources), "source_scale": "", "tags": "", "timestamp": "",
    }


def acled_row(event: Event, extra: dict | None = None) -> dict:
    """One CSV row; `extra` overrides or adds columns (a canonical event's id in ACLED form, its timestamp)."""
    row = _acled_core(event)
    row.update(acled_extra(event))
    if extra:
        row.update(extra)
    return row


def _acled_core(event: Event) -> dict:
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
    def __init__(self, fh: io.TextIOBase, safe: bool = False, columns: list[str] | None = None):
        self._writer = csv.DictWriter(fh, fieldnames=columns or ACLED_COLUMNS, extrasaction="ignore")
        self._writer.writeheader()
        self._safe = safe

    def write(self, events: Iterable[Event | tuple[Event, dict]]) -> int:
        """Write events; an item may be (event, extra columns) as `acled_row` takes them."""
        n = 0
        for item in events:
            event, extra = item if isinstance(item, tuple) else (item, None)
            row = acled_row(event, extra)
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
    record["type_reason"] = event.type_reason
    return record


def reported_events(events: Iterable[Event], include_background: bool = False) -> list[Event]:
    """The events a report tells as news; those it only recalls as background (older attacks, totals since
    2015) only when asked for."""
    return [e for e in events if include_background or not e.background]


def extraction_records(result: Extraction, include_background: bool = False) -> Iterable[dict]:
    doc = result.document
    yield {"kind": "document", "id": doc.id, "published": _iso(doc.published), "published_from": doc.published_from,
           "language": doc.language, "title": doc.title, "source": doc.source, "url": doc.url,
           "clean_text": doc.clean_text, "warnings": result.warnings}
    for event in reported_events(result.events, include_background):
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


_INT_COLUMNS = {"time_precision", "inter1", "inter2", "interaction", "year", "geo_precision", "fatalities",
                "fatalities_low", "fatalities_best", "fatalities_high", "background", "iso", "timestamp",
                "n_sources", "n_reports", "n_documents", "confirmed"}
_FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}


def write_parquet(events: Iterable[Event | tuple[Event, dict]], path, columns: list[str] | None = None) -> int:
    """Events as a Parquet file for pandas / polars: ACLED's columns, typed (dates, integers, floats)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = columns or ACLED_COLUMNS
    data: dict[str, list] = {c: [] for c in columns}
    n = 0
    for item in events:
        event, extra = item if isinstance(item, tuple) else (item, None)
        row = acled_row(event, extra)
        for c in columns:
            value = row.get(c, "")
            if c == "event_date":
                value = event.event_date
            elif c in _INT_COLUMNS:
                value = None if value in ("", None) else int(value)
            elif c in _FLOAT_COLUMNS:
                value = None if value in ("", None) else float(value)
            else:
                value = "" if value is None else str(value)
            data[c].append(value)
        n += 1
    types = {c: pa.int64() if c in _INT_COLUMNS else pa.float64() if c in _FLOAT_COLUMNS else
             pa.date32() if c == "event_date" else pa.string() for c in columns}
    table = pa.table({c: pa.array(data[c], type=types[c]) for c in columns})
    pq.write_table(table, path)
    return n
