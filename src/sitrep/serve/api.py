"""The HTTP API and the dashboard: `sitrep serve` (FastAPI; OpenAPI at /openapi.json).

Read-only by default: every GET reads the store through query-only SQLite connections (one per worker
thread). Writing over HTTP (ingesting reports, splitting a merge) needs the token the operator set with
`--ingest-token` / SITREP_INGEST_TOKEN; without one those routes answer 403.

The dashboard (/) is plain HTML + JS written for sitrep, with its libraries (Leaflet, markercluster,
topojson-client, world-atlas, cytoscape, Chart.js) served from `node_modules/<package>/dist`, installed by
`npm ci --omit=peer` at set-up: nothing is fetched from the internet, there is no tile server. The API docs
(/docs) are Swagger UI from `node_modules/swagger-ui-dist`, started by a script of ours so that the strict CSP
holds there too.

Every parameter is bounded (lengths, limits, offsets, dates, bounding boxes): a bad value answers 422 with
what is wrong, never 500.
"""


import json
import math
import os
import re
import secrets
import threading
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import Body, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import StringConstraints

from sitrep import __version__
from sitrep.store.backend import display_location, store_location
from sitrep.store.repository import EventFilter, Store

STATIC_DIR = Path(__file__).resolve().parent / "static"
# npm packages the dashboard uses, and the folder of each that is served (its dist, or the data it ships)
VENDOR = {"leaflet": "dist", "leaflet.markercluster": "dist", "topojson-client": "dist", "world-atlas": "",
          "cytoscape": "dist", "chart.js": "dist"}
MAX_LIMIT = 5000
MAX_OFFSET = 10_000_000  # deeper pages cost a scan each; SQLite's OFFSET overflows past 2**63 anyway
MAX_NAME = 200  # a country, region, actor, type or claimant
MAX_QUERY = 500  # words to find
MAX_ID = 300  # an event, actor or document id in a path
MAX_INGEST = 500  # reports per POST /api/ingest
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"  # empty means no bound (the dashboard's empty fields)
# Swagger UI files /docs loads (the rest of swagger-ui-dist, e.g. its petstore demo page, is not served)
DOCS_ASSETS = ("swagger-ui-bundle.js", "swagger-ui.css")
COUNT_CAP = 1000  # past this, `total` is a lower bound (total_exact false): counting costs
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


def find_node_modules() -> Path | None:
    """node_modules beside package.json: $SITREP_ASSETS, the source checkout, or the working directory."""
    explicit = os.environ.get("SITREP_ASSETS")
    candidates = [Path(explicit)] if explicit else []
    here = Path(__file__).resolve()
    candidates += [p / "node_modules" for p in here.parents] + [Path.cwd() / "node_modules"]
    for c in candidates:
        if (c / "leaflet").is_dir():
            return c
    return None


DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>sitrep API</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/vendor/swagger-ui-dist/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/vendor/swagger-ui-dist/swagger-ui-bundle.js"></script>
  <script src="/static/docs.js"></script>
</body>
</html>
"""


class _Readers:
    """One query-only connection per thread (FastAPI runs plain `def` routes in a thread pool)."""

    def __init__(self, path: Path | str):
        self.path = path
        self._local = threading.local()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, readonly=True)
            self._local.store = store
        return store


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise HTTPException(422, f"{name} must be YYYY-MM-DD") from exc


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """Four finite numbers, min before max. Longitudes and latitudes past the world's edge are clamped to it:
    a map panned across the antimeridian asks for -200,... and means the whole width."""
    if not value:
        return None
    usage = "bbox is min_lon,min_lat,max_lon,max_lat (four finite numbers, min <= max)"
    try:
        parts = [float(x) for x in value.split(",")]
    except ValueError as exc:
        raise HTTPException(422, usage) from exc
    if len(parts) != 4 or not all(math.isfinite(x) for x in parts) or parts[0] > parts[2] or parts[1] > parts[3]:
        raise HTTPException(422, usage)
    min_lon, max_lon = (_clamp(x, -180.0, 180.0) for x in (parts[0], parts[2]))
    min_lat, max_lat = (_clamp(x, -90.0, 90.0) for x in (parts[1], parts[3]))
    return min_lon, min_lat, max_lon, max_lat


Name = Annotated[str | None, Query(max_length=MAX_NAME)]


def event_filter(
    country: Annotated[str | None, Query(max_length=MAX_NAME, description="Country, e.g. Mali")] = None,
    admin1: Annotated[str | None, Query(max_length=MAX_NAME, description="First-level region, e.g. Mopti")] = None,
    actor: Annotated[str | None, Query(max_length=MAX_NAME, description="Actor name or part of it, e.g. JNIM")]
    = None,
    type: Annotated[str | None, Query(max_length=MAX_NAME, description="ACLED event type, e.g. Battles")] = None,
    sub_type: Annotated[str | None, Query(alias="sub_type", max_length=MAX_NAME, description="ACLED sub-event type")]
    = None,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN,
                                           description="From this date (YYYY-MM-DD)")] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN,
                                         description="Up to this date (YYYY-MM-DD)")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="min_lon,min_lat,max_lon,max_lat")] = None,
    q: Annotated[str | None, Query(max_length=MAX_QUERY, description="Words to find in the reports (all required)")]
    = None,
    confirmed_only: Annotated[bool, Query(description="Only events two independent non-party sources report")]
    = False,
    claimed_by: Annotated[str | None, Query(max_length=MAX_NAME,
                                            description="party, officials, local, outlet or a claimant's name")]
    = None,
    background: Annotated[bool, Query(description="Include background events (told long after)")] = False,
) -> EventFilter:
    return EventFilter(country=country or None, admin1=admin1 or None, actor=actor or None, event_type=type or None,
                       sub_event_type=sub_type or None, since=_day(date_from, "from"), until=_day(date_to, "to"),
                       bbox=_bbox(bbox), text=q or None, confirmed_only=confirmed_only,
                       claimed_by=claimed_by or None, include_background=background)


Filters = Annotated[EventFilter, Depends(event_filter)]


def _split(value: str | None) -> list[str]:
    return [x for x in (value or "").split(",") if x]


def event_summary(row) -> dict:
    return {
        "id": row["id"], "event_date": row["event_date"], "time_precision": row["time_precision"],
        "event_type": row["event_type"], "sub_event_type": row["sub_event_type"], "actor1": row["actor1"],
        "assoc_actor_1": row["assoc_actor_1"], "inter1": row["inter1"], "actor2": row["actor2"],
        "assoc_actor_2": row["assoc_actor_2"], "inter2": row["inter2"], "country": row["country"],
        "admin1": row["admin1"], "admin2": row["admin2"], "location": row["location"],
        "latitude": row["latitude"], "longitude": row["longitude"], "geo_precision": row["geo_precision"],
        "fatalities": row["fatalities"], "fatalities_low": row["fatalities_low"],
        "fatalities_best": row["fatalities_best"], "fatalities_high": row["fatalities_high"],
        "n_sources": row["n_sources"], "n_reports": row["n_reports"], "n_documents": row["n_documents"],
        "confirmed": bool(row["confirmed"]), "status": row["status"], "claimed_by": _split(row["claimed_by"]),
        "confidence": row["confidence"], "background": bool(row["background"]),
    }


_FIELD_EVIDENCE = {"event_date": "event_date", "event_type": "event_type", "sub_event_type": "event_type",
                   "actor1": "actors", "actor2": "actors", "assoc_actor_1": "actors", "assoc_actor_2": "actors",
                   "location": "location", "admin1": "location", "country": "location", "fatalities": "fatalities"}
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"'”’)]|$)|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds [start, end)."""
    if not text:
        return ""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, max(end - 1, start))
    right = m.end() if m else len(text)
    return text[left:right].strip()


def event_detail(store: Store, row) -> dict:
    from sitrep.fuse import explain, fact_label

    out = event_summary(row)
    out["notes"] = row["notes"]
    facts = json.loads(row["facts"] or "{}")
    out["facts"] = {k: {**v, "label": fact_label(v)} for k, v in facts.items()}
    out["sources"] = json.loads(row["sources"] or "[]")
    members = store.canonical_members(row["id"])
    texts: dict[str, str] = {}
    out_members = []
    field_evidence: dict[str, list[dict]] = {}
    for m in members:
        doc_id = m["doc_id"]
        if doc_id not in texts:
            doc = store.document(doc_id)
            texts[doc_id] = (doc["clean_text"] or "") if doc else ""
        evidence: dict[str, list[dict]] = {}
        for ev in store.evidence(m["id"]):
            item = {"text": ev["text"], "start": ev["start"], "end": ev["end"],
                    "sentence": sentence_around(texts[doc_id], ev["start"], ev["end"])}
            evidence.setdefault(ev["field"], []).append(item)
        claims = [{"claimant": c["claimant"], "text": c["text"], "status": c["status"], "kind": c["kind"],
                   "value": json.loads(c["value"] or "{}")} for c in store.claims(event_id=m["id"])]
        reasons = json.loads(m["reasons"] or "{}")
        member = {"event_id": m["id"], "doc_id": doc_id, "report_id": m["report_id"], "outlet": m["outlet"],
                  "url": m["doc_url"], "source": m["doc_source"], "title": m["doc_title"],
                  "published": m["doc_published"], "language": m["doc_language"] or "",
                  "near_duplicate": m["report_id"] != doc_id,
                  "similarity": m["similarity"], "score": m["score"], "reasons": reasons.get("reasons", []),
                  "event_date": m["event_date"], "event_type": m["event_type"],
                  "sub_event_type": m["sub_event_type"], "actor1": m["actor1"], "actor2": m["actor2"],
                  "location": m["location"], "fatalities": m["fatalities"], "fatalities_low": m["fatalities_low"],
                  "fatalities_high": m["fatalities_high"], "claims": claims, "evidence": evidence}
        out_members.append(member)
        for name, group in _FIELD_EVIDENCE.items():
            for item in evidence.get(group, []):
                field_evidence.setdefault(name, []).append({"event_id": m["id"], "outlet": m["outlet"] or doc_id,
                                                            "url": m["doc_url"], **item})
    out["members"] = out_members
    # a store fused before sources carried their language: take it from the documents themselves
    languages = {m["doc_id"]: m["language"] for m in out_members}
    for source in out["sources"]:
        for doc in source.get("documents", []):
            if not doc.get("language"):
                doc["language"] = languages.get(doc.get("doc_id"), "")
    out["evidence"] = field_evidence
    out["fusion"] = explain(store.conn, row["id"])
    return out


def create_app(db_path: Path | str, ingest_token: str | None = None, node_modules: Path | None = None) -> FastAPI:
    """The API and dashboard over one store (a SQLite file or a postgresql:// URL). `ingest_token`: allow POST
    routes to whoever presents it."""
    db_path = store_location(db_path)
    with Store(db_path) as writer:  # migrate, and fuse whatever an older store holds
        writer.fuse_pending()
    readers = _Readers(db_path)
    write_lock = threading.Lock()
    # FastAPI's own /docs and /redoc pages load their scripts from a CDN (blocked by the CSP, unreachable
    # offline): /docs is served below from swagger-ui-dist instead, /redoc is off.
    app = FastAPI(title="sitrep", version=__version__, docs_url=None, redoc_url=None,
                  description="Conflict events fused across reports: ACLED-compatible, with sources, claims and "
                              "evidence.")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def store() -> Store:
        return readers.get()

    StoreDep = Annotated[Store, Depends(store)]

    def require_token(authorization: Annotated[str | None, Header()] = None,
                      x_sitrep_token: Annotated[str | None, Header()] = None) -> None:
        if not ingest_token:
            raise HTTPException(403, "writing over HTTP is off: start `sitrep serve --ingest-token TOKEN`")
        given = x_sitrep_token or (authorization or "").removeprefix("Bearer ").strip()
        if not given or not secrets.compare_digest(given.encode(), ingest_token.encode()):
            raise HTTPException(401, "a valid token is required", headers={"WWW-Authenticate": "Bearer"})

    EventId = Annotated[str, PathParam(min_length=1, max_length=MAX_ID)]

    @app.get("/api/events", tags=["events"])
    def list_events(s: StoreDep, f: Filters,
                    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
                    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
                    order: Annotated[str, Query(pattern="^(date|fatalities)$")] = "date",
                    count: Annotated[bool, Query(description=f"Count the matches (up to {COUNT_CAP:,})")] = True
                    ) -> dict:
        """Canonical events (one per happening, fused across reports), newest first, filtered and paginated."""
        f.limit, f.offset = limit, offset
        rows = s.query_canonical(f, order=order)
        total = s.count_canonical(f, cap=COUNT_CAP) if count else None
        return {"items": [event_summary(r) for r in rows], "limit": limit, "offset": offset,
                "total": min(total, COUNT_CAP) if total is not None else None,
                "total_exact": total is not None and total <= COUNT_CAP,
                "next_offset": offset + limit if len(rows) == limit else None}

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: EventId, s: StoreDep) -> dict:
        """One canonical event (or the canonical event a per-report event id belongs to): every field with the
        sentences it came from, every source with its own claims, and why the reports were merged."""
        row = s.canonical(event_id)
        if row is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return event_detail(s, row)

    @app.get("/api/actors", tags=["actors"])
    def list_actors(s: StoreDep, q: Annotated[str | None, Query(max_length=MAX_NAME)] = None,
                    limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict:
        """Actors named in the events, with how many canonical events name them."""
        return {"items": [dict(r) for r in s.actor_summaries(q, limit)]}

    @app.get("/api/actors/{actor_id:path}", tags=["actors"])
    def get_actor(actor_id: Annotated[str, PathParam(min_length=1, max_length=MAX_ID)], s: StoreDep) -> dict:
        """One actor (by name or dictionary id): its relations with their status, and its latest events."""
        row = s.actor(actor_id)
        name = row["name"] if row else actor_id
        relations = [dict(r) for r in s.actor_relations(name)]
        events = [event_summary(r) for r in s.actor_events(name)]
        if row is None and not relations and not events:
            raise HTTPException(404, f"no actor {actor_id!r}")
        return {"name": name, "actor_id": row["actor_id"] if row else None, "inter": row["inter"] if row else None,
                "kind": row["kind"] if row else None, "country": row["country"] if row else None,
                "relations": relations, "events": events}

    @app.get("/api/network", tags=["actors"])
    def network(s: StoreDep, limit: Annotated[int, Query(ge=1, le=2000)] = 300) -> dict:
        """The actor network: relations read in the reports (edges carry their status) for cytoscape."""
        nodes: dict[str, dict] = {}
        edges = []
        for r in s.relation_graph(limit):
            for n in (r["subject"], r["object"]):
                nodes.setdefault(n, {"id": n, "label": n})
            edges.append({"source": r["subject"], "target": r["object"], "predicate": r["predicate"],
                          "status": r["status"], "n": r["n"]})
        return {"nodes": list(nodes.values()), "edges": edges}

    @app.get("/api/documents", tags=["documents"])
    def list_documents(s: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                       offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
                       q: Annotated[str | None, Query(max_length=MAX_QUERY)] = None) -> dict:
        """Stored reports, newest first; near-duplicates name the report they copy (report_id)."""
        rows = [dict(r) for r in s.documents(limit, offset, q)]
        return {"items": rows, "total": s.count_documents(), "limit": limit, "offset": offset}

    @app.get("/api/documents/{doc_id:path}", tags=["documents"])
    def get_document(doc_id: Annotated[str, PathParam(min_length=1, max_length=MAX_ID)], s: StoreDep) -> dict:
        row = s.document(doc_id)
        if row is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return {"id": row["id"], "title": row["title"], "source": row["source"], "url": row["url"],
                "published": row["published"], "language": row["language"], "clean_text": row["clean_text"],
                "claims": [dict(c) for c in s.claims(doc_id=doc_id)],
                "relations": [dict(r) for r in s.relations(doc_id=doc_id)]}

    @app.get("/api/stats", tags=["stats"])
    def stats(s: StoreDep, f: Filters) -> dict:
        """Counts and fatalities by month, event type, admin1, and week x type (the timeline)."""
        return s.stats(f)

    @app.get("/api/trends", tags=["stats"])
    def trends(s: StoreDep, f: Filters,
               capital_actor: Annotated[str | None, Query(alias="distance_actor", max_length=MAX_NAME)] = None,
               capital: Name = None, baseline_weeks: Annotated[int, Query(ge=2, le=52)] = 8) -> dict:
        """Events and fatalities per admin1 per month; spike alerts; an actor's distance from a capital."""
        from sitrep.trends import admin1_monthly, distance_from_capital, spikes

        out = {"admin1_monthly": admin1_monthly(s.conn, f),
               "spikes": spikes(s.conn, f, baseline_weeks=baseline_weeks)}
        if capital_actor:
            out["distance"] = distance_from_capital(s.conn, capital_actor, capital, f)
        return out

    @app.get("/api/health", tags=["meta"])
    def health(s: StoreDep) -> dict:
        return {"ok": True, "version": __version__, "store": display_location(db_path), "events": s.count_canonical(
            EventFilter(), cap=None), "writable": bool(ingest_token)}

    # ---- writing (token only)
    @app.post("/api/ingest", tags=["write"], dependencies=[Depends(require_token)])
    def ingest(documents: Annotated[list[dict], Body(embed=True, max_length=MAX_INGEST,
                                                     description="[{id, text, published?, title?, source?, url?}], "
                                                                 f"at most {MAX_INGEST}")]) -> dict:
        """Extract and store reports (the same JSON objects `sitrep ingest` reads); fused at once. A report that
        cannot be read is listed in `problems` and the others are stored."""
        from sitrep.documents import InputProblem, _document_from_json
        from sitrep.pipeline import extract

        problems: list = []
        stored, duplicates, events = [], 0, 0
        for i, obj in enumerate(documents):
            doc = _document_from_json(obj, f"request[{i}]", problems)
            if doc is None:
                continue
            try:
                result = extract(doc)
            except Exception as exc:  # one bad report must not lose the others
                problems.append(InputProblem(doc.origin, f"extraction failed: {exc!r}"))
                continue
            with write_lock, Store(db_path) as w:
                if w.save(result):
                    stored.append(doc.id)
                    events += len(result.events)
                else:
                    duplicates += 1
        return {"stored": stored, "duplicates": duplicates, "events": events,
                "problems": [str(p) for p in problems]}

    @app.post("/api/events/{event_id}/split", tags=["write"], dependencies=[Depends(require_token)])
    def split_event(event_id: EventId,
                    event_ids: Annotated[list[Annotated[str, StringConstraints(max_length=MAX_ID)]],
                                         Body(embed=True, min_length=1, max_length=1000)],
                    note: Annotated[str, Query(max_length=2000)] = "") -> dict:
        """Split a wrong merge: move these member events into an event of their own (kept on re-ingestion)."""
        from sitrep.fuse import split

        with write_lock, Store(db_path) as w, w.transaction() as conn:
            try:
                new_id = split(conn, event_id, event_ids, note)
            except ValueError as exc:
                raise HTTPException(422, str(exc)) from exc
        return {"canonical_id": event_id, "new_canonical_id": new_id}

    # ---- the dashboard
    modules = node_modules or find_node_modules()
    mounted = []
    if modules is not None:
        for package, sub in VENDOR.items():
            folder = modules / package / sub if sub else modules / package
            if folder.is_dir():
                app.mount(f"/vendor/{package}", StaticFiles(directory=folder), name=f"vendor-{package}")
                mounted.append(package)
    app.state.vendor = mounted
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    swagger = modules / "swagger-ui-dist" if modules is not None else None
    app.state.docs = swagger is not None and all((swagger / name).is_file() for name in DOCS_ASSETS)

    @app.get("/docs", include_in_schema=False)
    def docs():
        if not app.state.docs:
            return JSONResponse({"error": "the API docs' Swagger UI is not installed: run `npm ci --omit=peer` in "
                                          "the project root (or set SITREP_ASSETS to a node_modules folder)",
                                 "openapi": "/openapi.json"}, status_code=503)
        return HTMLResponse(DOCS_PAGE, headers={"Cache-Control": "no-store"})

    @app.get("/vendor/swagger-ui-dist/{name}", include_in_schema=False)
    def docs_asset(name: str):
        if not app.state.docs or name not in DOCS_ASSETS:
            raise HTTPException(404, "not found")
        return FileResponse(swagger / name)

    @app.get("/", include_in_schema=False)
    def index():
        if len(mounted) < len(VENDOR):
            missing = sorted(set(VENDOR) - set(mounted))
            return JSONResponse({"error": "the dashboard's JS packages are not installed: run `npm ci --omit=peer` "
                                          "in the project root (or set SITREP_ASSETS to a node_modules folder)",
                                 "missing": missing, "api": "/docs"}, status_code=503)
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-store"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return RedirectResponse("/static/favicon.svg")

    return app
