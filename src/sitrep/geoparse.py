"""`sitrep geoparse`: every place name in a report, resolved, with offsets into the text as given."""

from __future__ import annotations

from sitrep.pipeline import locate, prepare, resources
from sitrep.records import Document


def geoparse_document(document: Document) -> list[dict]:
    """Contract rows for one document: start, end, text, lat, lon, country_code, admin1, geonameid."""
    prepare(document)
    res = resources("en")
    mentions, _doc, _candidates = locate(document, res)
    rows = []
    for mention in mentions:
        place = mention.place
        if place is None or not mention.resolved:
            continue
        start = document.raw_offset(mention.span.start)
        end = document.raw_offset(mention.span.end - 1) + 1
        rows.append({
            "start": start, "end": end, "text": document.text[start:end], "lat": round(place.lat, 5),
            "lon": round(place.lon, 5), "country_code": place.country_code, "admin1": place.admin1,
            "geonameid": place.geonameid if place.geonameid > 0 else None, "name": place.name,
            "feature_code": place.feature_code, "kind": mention.kind, "geo_precision": mention.geo_precision,
        })
    return rows
