"""Trends over canonical events: per admin1 and month, distance from a capital, spike alerts."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.store.repository import EventFilter, Store
from sitrep.trends import admin1_monthly, bar_chart, distance_from_capital, find_capital, spikes

JNIM = "JNIM: Group for Support of Islam and Muslims"


def _add(store: Store, rid: int, day: date, admin1: str, lat: float, lon: float, actor: str = JNIM,
         fatalities: int = 1, country: str = "Mali") -> None:
    cid = f"t{rid}"
    week = (day - timedelta(days=day.weekday())).isoformat()
    store.conn.execute(
        "INSERT INTO canonical_events (rowid, id, rid, event_date, event_type, sub_event_type, actor1, country, "
        "admin1, location, latitude, longitude, fatalities, background, confirmed, status, claimed_by, month, week) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,1,'confirmed','outlet',?,?)",
        (rid, cid, rid, day.isoformat(), "Battles", "Armed clash", actor, country, admin1, admin1, lat, lon,
         fatalities, day.isoformat()[:7], week))
    store.conn.execute("INSERT INTO canonical_actors VALUES (?,?,?)", (cid, actor, "actor1"))
    store.conn.execute("INSERT INTO actors (name) VALUES (?) ON CONFLICT DO NOTHING", (actor,))


@pytest.fixture()
def store(store_location):
    s = Store(store_location)
    rid = 0
    # JNIM closes in on Bamako: Mopti in January, Segou in March, Koulikoro in May
    for month, (admin1, lat, lon) in {1: ("Mopti", 14.5, -4.2), 3: ("Segou", 13.45, -6.26),
                                      5: ("Koulikoro", 12.86, -7.56)}.items():
        for i in range(3):
            rid += 1
            _add(s, rid, date(2024, month, 3 + i), admin1, lat, lon, fatalities=2)
    # a quiet region (one event a week) then a week with eight events
    start = date(2024, 1, 1)
    for w in range(12):
        rid += 1
        _add(s, rid, start + timedelta(weeks=w), "Gao", 16.27, -0.04, actor="Islamic State (Sahel)")
    for i in range(8):
        rid += 1
        _add(s, rid, start + timedelta(weeks=12, days=i % 5), "Gao", 16.27, -0.04, actor="Islamic State (Sahel)")
    yield s
    s.close()


def test_admin1_monthly(store):
    rows = admin1_monthly(store.conn)
    mopti = [r for r in rows if r["admin1"] == "Mopti"]
    assert mopti == [{"month": "2024-01", "country": "Mali", "admin1": "Mopti", "events": 3, "fatalities": 6}]
    assert sum(r["events"] for r in rows) == 29


def test_distance_from_the_capital_shrinks(store):
    assert find_capital("Mali").name == "Bamako"
    result = distance_from_capital(store.conn, "JNIM")
    assert result["capital"]["name"] == "Bamako"
    medians = [r["median_km"] for r in result["by_month"]]
    assert len(medians) == 3 and medians == sorted(medians, reverse=True)
    assert medians[-1] < 60 < 400 < medians[0]
    chart = bar_chart(result["by_month"], "month", "median_km")
    assert len(chart) == 3 and chart[0].count("█") > chart[-1].count("█")


def test_spike_alert(store):
    alerts = spikes(store.conn)
    # Gao: one a week, then eight; Koulikoro: quiet for months, then three in a week (Segou's three fall in two
    # weeks). Mopti's three in the store's first week have no baseline to be judged against.
    assert [(a["admin1"], a["events"]) for a in alerts] == [("Koulikoro", 3), ("Gao", 8)]  # latest first
    assert alerts[1]["baseline_mean"] == 1.0
    assert spikes(store.conn, EventFilter(include_background=False, admin1="Mopti")) == []


def test_trends_command(store):
    result = CliRunner().invoke(app, ["trends", "--db", str(store.path), "--actor", "JNIM", "--capital", "Bamako",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {a["admin1"] for a in data["spikes"]} == {"Gao", "Koulikoro"}
    assert data["distance"]["capital"]["name"] == "Bamako"
    table = CliRunner().invoke(app, ["trends", "--db", str(store.path), "--actor", "JNIM"])
    assert table.exit_code == 0 and "spike alerts" in table.stdout and "█" in table.stdout
