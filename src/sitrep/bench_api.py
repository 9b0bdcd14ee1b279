"""Benchmark: /api/events on a store of 1,000,000 synthetic canonical events.

    python -m sitrep.bench_api [--events 1000000] [--db PATH] [--repeat 40] [--json out.json]

Builds (or reuses, with --db on an existing file) a store of synthetic canonical events spread over Mali,
Burkina Faso and Niger (2018-2025, 6 types, 30 actors, claims), starts the real API with uvicorn on
127.0.0.1, and times filtered, paginated queries over HTTP with httpx (one client, keep-alive). Prints the
median and 95th percentile of each query and of all of them; the target is a median under 50 ms.
Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = {
    "Mali": ((10.5, 24.5, -11.5, 4.0), ["Mopti", "Segou", "Timbuktu", "Gao", "Kidal", "Menaka", "Koulikoro",
                                        "Sikasso", "Kayes", "Bamako"]),
    "Burkina Faso": ((9.5, 15.0, -5.3, 2.2), ["Sahel", "Est", "Nord", "Centre-Nord", "Boucle du Mouhoun",
                                               "Centre-Est", "Cascades", "Hauts-Bassins"]),
    "Niger": ((11.8, 23.0, 0.5, 15.9), ["Tillaberi", "Tahoua", "Diffa", "Maradi", "Agadez", "Dosso", "Zinder"]),
}
TYPES = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Explosions/Remote violence": ["Remote explosive/landmine/IED", "Air/drone strike",
                                   "Shelling/artillery/missile attack"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Looting/property destruction", "Arrests", "Agreement"],
}
TYPE_WEIGHTS = [0.3, 0.3, 0.15, 0.1, 0.05, 0.1]
ACTORS = ["JNIM: Group for Support of Islam and Muslims", "Islamic State (Sahel)", "Katiba Macina",
          "Ansaroul Islam", "Military Forces of Mali (2021-)", "Military Forces of Burkina Faso (2022-)",
          "Military Forces of Niger (2023-)", "Wagner Group", "Africa Corps", "VDP: Volunteers for the Defense of "
          "the Homeland", "Dozo Communal Militia (Mali)", "Dan Na Ambassagou", "CSP-PSD", "FLA: Azawad Liberation "
          "Front", "Unidentified Armed Group (Mali)", "Unidentified Armed Group (Burkina Faso)",
          "Unidentified Armed Group (Niger)", "Civilians (Mali)", "Civilians (Burkina Faso)", "Civilians (Niger)",
          "Protesters (Mali)", "Protesters (Burkina Faso)", "Protesters (Niger)", "Rioters (Mali)",
          "Police Forces of Mali (2021-)", "Police Forces of Niger (2023-)", "Fulani Ethnic Militia (Mali)",
          "Dogon Ethnic Militia (Mali)", "MSA: Movement for the Salvation of Azawad", "GATIA"]
WORDS = ("ambush convoy attack village market road checkpoint camp patrol gunmen motorbikes soldiers killed "
         "wounded fled burned looted cattle drone strike mine blast protest junta mosque well school").split()
CATEGORIES = ["party", "officials", "local", "outlet"]


def build(path: Path, n: int, seed: int = 7, progress=print) -> None:
    from sitrep.store.repository import Store

    rng = random.Random(seed)
    with Store(path, fuse=False) as store:
        conn = store.conn
        if conn.execute("SELECT COUNT(*) FROM canonical_events").fetchone()[0] >= n:
            progress(f"reusing {path}")
            return
        for table in ("canonical_events", "canonical_rtree", "canonical_actors", "canonical_claims", "canonical_fts"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executemany("INSERT OR IGNORE INTO actors (name) VALUES (?)", [(a,) for a in ACTORS])
        start = date(2018, 1, 1)
        span = (date(2025, 12, 31) - start).days
        countries = list(COUNTRIES)
        types = list(TYPES)
        t0 = time.perf_counter()
        batch = 50_000
        cols = ("rowid, id, rid, anchor_event_id, event_date, time_precision, event_type, sub_event_type, actor1, "
                "actor2, inter1, inter2, country, admin1, location, latitude, longitude, geo_precision, fatalities, "
                "fatalities_low, fatalities_best, fatalities_high, notes, confidence, background, n_documents, "
                "n_reports, n_sources, confirmed, status, claimed_by, facts, sources, month, week, updated_at")
        marks = ",".join("?" * len(cols.split(", ")))
        for first in range(1, n + 1, batch):
            events, rtree, actors, claims, fts = [], [], [], [], []
            for rid in range(first, min(first + batch, n + 1)):
                country = rng.choices(countries, weights=[0.45, 0.35, 0.2])[0]
                (lat0, lat1, lon0, lon1), regions = COUNTRIES[country]
                admin1 = rng.choice(regions)
                etype = rng.choices(types, weights=TYPE_WEIGHTS)[0]
                sub = rng.choice(TYPES[etype])
                day = start + timedelta(days=rng.randrange(span))
                a1, a2 = rng.sample(ACTORS, 2)
                lat, lon = rng.uniform(lat0, lat1), rng.uniform(lon0, lon1)
                fat = int(rng.expovariate(0.25)) if etype != "Protests" else 0
                n_src = rng.choices([1, 2, 3, 4], weights=[0.55, 0.25, 0.12, 0.08])[0]
                confirmed = int(n_src >= 2 and rng.random() < 0.8)
                cats = sorted(set(rng.sample(CATEGORIES, rng.randint(1, 3))), key=CATEGORIES.index)
                week = (day - timedelta(days=day.weekday())).isoformat()
                location = f"{admin1}-{rng.randrange(400)}"
                notes = " ".join(rng.choices(WORDS, k=10))
                cid = f"syn{rid:08d}"
                events.append((rid, cid, rid, f"{cid}:1", day.isoformat(), 1, etype, sub, a1, a2, 2, 1, country,
                               admin1, location, lat, lon, 1, fat, fat, fat, fat + rng.randrange(5), notes,
                               round(rng.uniform(0.5, 0.95), 2), 0, n_src, n_src, n_src, confirmed,
                               "confirmed" if confirmed else "claimed", ",".join(cats), "{}", "[]",
                               day.isoformat()[:7], week, "2026-01-01T00:00:00+00:00"))
                rtree.append((rid, lat, lat, lon, lon))
                actors += [(cid, a1, "actor1"), (cid, a2, "actor2")]
                claims += [(cid, "occurrence", c, "") for c in cats]
                fts.append((rid, f"{location} {admin1} {country} {etype} {sub} {a1} {a2} {notes}"))
            conn.execute("BEGIN")
            conn.executemany(f"INSERT INTO canonical_events ({cols}) VALUES ({marks})", events)
            conn.executemany("INSERT INTO canonical_rtree VALUES (?,?,?,?,?)", rtree)
            conn.executemany("INSERT INTO canonical_actors VALUES (?,?,?)", actors)
            conn.executemany("INSERT INTO canonical_claims VALUES (?,?,?,?)", claims)
            conn.executemany("INSERT INTO canonical_fts (rowid, body) VALUES (?,?)", fts)
            conn.execute("COMMIT")
            progress(f"  {min(first + batch - 1, n):,} events ({time.perf_counter() - t0:.0f} s)")
        conn.execute("ANALYZE")
        conn.execute("PRAGMA optimize")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


QUERIES = {
    "country+type+dates, page 1": "country=Mali&type=Battles&from=2023-01-01&to=2023-12-31&limit=50",
    "country+type+dates, page 5": "country=Mali&type=Battles&from=2023-01-01&to=2023-12-31&limit=50&offset=200",
    "admin1+dates": "admin1=Mopti&from=2024-01-01&to=2024-06-30&limit=50",
    "sub-type+confirmed": "sub_type=Attack&confirmed_only=true&limit=50",
    "actor (JNIM)+country": "actor=JNIM&country=Burkina%20Faso&limit=50",
    "bbox (central Mali)": "bbox=-5,13,-2,16&from=2022-01-01&limit=50",
    "text (ambush convoy)": "q=ambush%20convoy&country=Niger&limit=50",
    "claimed by party+dates": "claimed_by=party&from=2025-01-01&to=2025-03-31&limit=50",
    "no filter, page 1": "limit=50",
}
HEADLINE = "country+type+dates, page 1"


def run(db: Path, repeat: int) -> dict:
    import httpx
    import uvicorn

    from sitrep.serve.api import create_app

    app = create_app(db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    results: dict = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for name, query in QUERIES.items():
                client.get(f"/api/events?{query}").raise_for_status()  # warm the page cache
                times, total = [], None
                for _ in range(repeat):
                    t = time.perf_counter()
                    r = client.get(f"/api/events?{query}")
                    times.append((time.perf_counter() - t) * 1000)
                    r.raise_for_status()
                    total = r.json()["total"]
                times.sort()
                results[name] = {"median_ms": round(statistics.median(times), 2),
                                 "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2), "matches": total}
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    every = [v["median_ms"] for v in results.values()]
    return {"queries": results, "headline": HEADLINE, "headline_median_ms": results[HEADLINE]["median_ms"],
            "median_of_medians_ms": round(statistics.median(every), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="store to build or reuse (default: a temporary file)")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="sitrep-bench-")
        args.db = Path(tmp.name) / "bench.db"
    t0 = time.perf_counter()
    print(f"building {args.events:,} synthetic canonical events in {args.db}", file=sys.stderr)
    build(args.db, args.events, progress=lambda m: print(m, file=sys.stderr))
    built = time.perf_counter() - t0
    result = run(args.db, args.repeat)
    result.update({"events": args.events, "build_s": round(built, 1), "store_mb": round(args.db.stat().st_size / 1e6)})
    from sitrep.serve.api import COUNT_CAP

    width = max(len(k) for k in result["queries"])
    print(f"/api/events on {args.events:,} canonical events ({result['store_mb']} MB store, built in "
          f"{result['build_s']} s); {args.repeat} requests each over HTTP:")
    for name, r in result["queries"].items():
        print(f"  {name.ljust(width)}  median {r['median_ms']:7.2f} ms  p95 {r['p95_ms']:7.2f} ms  "
              f"({r['matches']} matches{'+' if r['matches'] == COUNT_CAP else ''})")
    ok = result["headline_median_ms"] < 50
    print(f"headline ({HEADLINE}): median {result['headline_median_ms']} ms — "
          f"{'under' if ok else 'OVER'} the 50 ms target; median over all queries {result['median_of_medians_ms']} ms")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    if tmp is not None:
        tmp.cleanup()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
