"""Trends over the canonical events: per region and month, an actor's distance from a capital, spikes.

All three read the fused picture (one row per happening, not per report), so a story syndicated on ten
sites counts once. Background events (told long after they happened) are left out unless asked for.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.places.gazetteer import haversine_km
from sitrep.store.backend import dialect_of, order_by, subquery_alias
from sitrep.store.repository import EventFilter, _canonical_filter_sql


def _filtered(conn, f: EventFilter | None, columns: str) -> tuple[str, list]:
    f = f or EventFilter(include_background=False)
    return _canonical_filter_sql(f, f"SELECT {columns} FROM canonical_events c", dialect_of(conn))


def admin1_monthly(conn, f: EventFilter | None = None) -> list[dict]:
    """Events and fatalities per (country, admin1, month), in month order."""
    sql, params = _filtered(conn, f, "c.month, c.country, c.admin1, c.fatalities")
    rows = conn.execute(f"SELECT month, country, admin1, COUNT(*) AS events, COALESCE(SUM(fatalities), 0) AS "
                        f"fatalities FROM ({sql}){subquery_alias()} WHERE month IS NOT NULL GROUP BY month, country, "
                        f"admin1 {order_by(dialect_of(conn), 'month', 'country', 'admin1')}", params).fetchall()
    return [{"month": r[0], "country": r[1] or "", "admin1": r[2] or "", "events": r[3], "fatalities": r[4]}
            for r in rows]


@dataclass
class Capital:
    name: str
    country: str
    lat: float
    lon: float

    def to_dict(self) -> dict:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


def find_capital(name_or_country: str) -> Capital | None:
    """A capital by country ('Mali', 'ML') or any place by name ('Bamako', 'Niamey'), from the gazetteer."""
    from sitrep.places.countries import capital, country_code, country_name
    from sitrep.places.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    code = country_code(name_or_country)
    place_name = capital(code) if code else name_or_country
    candidates = gaz.lookup(place_name) if place_name else []
    if code:
        candidates = [p for p in candidates if p.country_code == code] or candidates
    if not candidates:
        return None
    best = max(candidates, key=lambda p: (p.feature_code == "PPLC", p.feature_code.startswith("PPL"),
                                          p.population))
    return Capital(best.name, country_name(best.country_code), best.lat, best.lon)


def distance_from_capital(conn, actor: str, capital: str | None = None, f: EventFilter | None = None) -> dict:
    """How far an actor's events are from a capital, per month (is JNIM closing in on Bamako?).

    `capital` is a place or a country (its capital); by default the capital of the country where the actor's
    events mostly happen."""
    base = f or EventFilter(include_background=False)
    f2 = EventFilter(**{**base.__dict__, "actor": actor, "limit": None, "offset": 0})
    sql, params = _filtered(conn, f2, "c.id, c.event_date, c.month, c.location, c.admin1, c.country, c.latitude, "
                                      "c.longitude, c.fatalities, c.event_type")
    rows = [r for r in conn.execute(sql + " " + order_by(dialect_of(conn), "c.event_date", "c.rid"), params).fetchall()
            if r[6] is not None and r[1]]
    if capital is None:
        countries: dict[str, int] = defaultdict(int)
        for r in rows:
            countries[r[5]] += 1
        capital = max(countries, key=countries.get) if countries else ""
    cap = find_capital(capital) if capital else None
    result: dict = {"actor": actor, "capital": cap.to_dict() if cap else None, "by_month": [], "events": []}
    if cap is None:
        return result
    by_month: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        km = haversine_km(cap.lat, cap.lon, r[6], r[7])
        by_month[r[2]].append(km)
        result["events"].append({"id": r[0], "event_date": r[1], "location": r[3], "admin1": r[4],
                                 "country": r[5], "km": round(km, 1), "fatalities": r[8], "event_type": r[9]})
    for month in sorted(by_month):
        kms = by_month[month]
        result["by_month"].append({"month": month, "events": len(kms), "min_km": round(min(kms), 1),
                                   "median_km": round(statistics.median(kms), 1),
                                   "mean_km": round(statistics.fmean(kms), 1)})
    return result


def weekly_admin1(conn, f: EventFilter | None = None) -> dict[tuple[str, str], dict[str, int]]:
    sql, params = _filtered(conn, f, "c.week, c.country, c.admin1")
    out: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for week, country, admin1, n in conn.execute(
            f"SELECT week, country, admin1, COUNT(*) FROM ({sql}){subquery_alias()} WHERE week IS NOT NULL AND admin1 IS NOT NULL "
            f"AND admin1 != '' GROUP BY week, country, admin1", params):
        out[(country or "", admin1)][week] = n
    return out


def spikes(conn, f: EventFilter | None = None, baseline_weeks: int = 8, min_events: int = 3, z: float = 2.0,
           factor: float = 2.0) -> list[dict]:
    """Weeks in which a region's count of events rose well above its recent baseline.

    Alert when the week's count is at least `min_events`, at least `factor` times the mean of the previous
    `baseline_weeks` weeks (quiet weeks count as zero) and more than `z` standard deviations above it. Weeks
    with less than `baseline_weeks` of history in the store are not judged."""
    alerts = []
    weekly = weekly_admin1(conn, f)
    if not weekly:
        return alerts
    # the store's history starts at its first week: before that, quiet weeks are unknown, not zero
    history_start = min(date.fromisoformat(w) for counts in weekly.values() for w in counts)
    for (country, admin1), counts in weekly.items():
        weeks = sorted(counts)
        first = max(date.fromisoformat(weeks[0]) - timedelta(weeks=baseline_weeks), history_start)
        last = date.fromisoformat(weeks[-1])
        series: list[tuple[str, int]] = []
        day = first
        while day <= last:
            series.append((day.isoformat(), counts.get(day.isoformat(), 0)))
            day += timedelta(weeks=1)
        for i in range(baseline_weeks, len(series)):
            week, n = series[i]
            if n < min_events:
                continue
            history = [c for _, c in series[i - baseline_weeks:i]]
            mean = statistics.fmean(history)
            std = statistics.pstdev(history)
            if n >= factor * mean and n > mean + z * std:
                alerts.append({"week": week, "country": country, "admin1": admin1, "events": n,
                               "baseline_mean": round(mean, 2), "baseline_std": round(std, 2),
                               "ratio": round(n / mean, 1) if mean else None})
    alerts.sort(key=lambda a: (a["week"], a["events"]), reverse=True)
    return alerts


def bar_chart(rows: list[dict], label: str, value: str, width: int = 40) -> list[str]:
    """A text chart for a terminal: one bar per row."""
    if not rows:
        return []
    top = max((r[value] or 0) for r in rows) or 1
    pad = max(len(str(r[label])) for r in rows)
    return [f"{str(r[label]).ljust(pad)} {'█' * max(1 if r[value] else 0, round(width * (r[value] or 0) / top))} "
            f"{r[value]}" for r in rows]
