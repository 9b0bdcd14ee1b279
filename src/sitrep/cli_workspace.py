"""Workspace commands (serve, trends, fusion) registered on the main CLI app.

`sitrep.cli` imports this module at its end to register them; both take `app` and the shared options from
`sitrep.cli_common`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from sitrep.cli_common import DbOption, RawCsvOption, _open_out, _parse_day, app, err, out
from sitrep.config import default_db_path

fusion_app = typer.Typer(help="Canonical events fused across reports: list, explain, split, merge, rebuild, export.",
                         no_args_is_help=True)
app.add_typer(fusion_app, name="fusion")


def show_fusion(store, event_id: str, console=None) -> bool:
    """Print why the reports of an event were merged (for `sitrep show`). False when it is not fused."""
    from sitrep.fuse import canonical_of, explain_lines

    console = console or out
    if canonical_of(store.conn, event_id) is None:
        return False
    for line in explain_lines(store.conn, event_id):
        console.print(line, highlight=False, markup=False, soft_wrap=True)
    return True


def _filter(country, admin1, actor, event_type, sub_type, since, until, text, confirmed_only, claimed_by,
            background, limit=None, offset=0):
    from sitrep.store.repository import EventFilter

    return EventFilter(country=country, admin1=admin1, actor=actor, event_type=event_type, sub_event_type=sub_type,
                       since=_parse_day(since), until=_parse_day(until), text=text, confirmed_only=confirmed_only,
                       claimed_by=claimed_by, include_background=background, limit=limit, offset=offset)


Country = Annotated[str | None, typer.Option(help="Country name, e.g. Mali.")]
Admin1 = Annotated[str | None, typer.Option(help="First-level region, e.g. Mopti.")]
Actor = Annotated[str | None, typer.Option(help="Actor name or part of it, e.g. JNIM.")]
Type = Annotated[str | None, typer.Option("--type", help="ACLED event type, e.g. Battles.")]
SubType = Annotated[str | None, typer.Option("--sub-type", help="ACLED sub-event type.")]
Since = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")]
Text = Annotated[str | None, typer.Option(help="Words to find in the reports.")]
Confirmed = Annotated[bool, typer.Option("--confirmed-only", help="Only events two independent non-party sources "
                                                                  "report.")]
ClaimedBy = Annotated[str | None, typer.Option("--claimed-by", help="party, officials, local, outlet, or part of a "
                                                                    "claimant's name.")]
Background = Annotated[bool, typer.Option(help="Include background events.")]


@fusion_app.command("list")
def fusion_list(
    db: DbOption = None, country: Country = None, admin1: Admin1 = None, actor: Actor = None,
    event_type: Type = None, sub_type: SubType = None, since: Since = None, until: Until = None, text: Text = None,
    confirmed_only: Confirmed = False, claimed_by: ClaimedBy = None, background: Background = False,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    limit: Annotated[int, typer.Option(min=1, help="At most this many events.")] = 200,
) -> None:
    """Canonical events (one per happening), with how many independent sources report each."""
    from rich.table import Table

    from sitrep.store.repository import Store

    f = _filter(country, admin1, actor, event_type, sub_type, since, until, text, confirmed_only, claimed_by,
                background, limit)
    with Store(db or default_db_path()) as store:
        rows = [dict(r) for r in store.query_canonical(f)]
    if fmt == "json":
        for r in rows:
            r["facts"] = json.loads(r["facts"] or "{}")
            r["sources"] = json.loads(r["sources"] or "[]")
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
        return
    table = Table()
    for col in ("event", "date", "type", "actor1", "actor2", "location", "fat. (low-high)", "src", "status"):
        table.add_column(col, overflow="fold")
    for r in rows:
        rng = "" if r["fatalities_low"] is None else f" ({r['fatalities_low']}-{r['fatalities_high']})"
        table.add_row(r["id"], r["event_date"] or "?", r["sub_event_type"] or "", r["actor1"] or "", r["actor2"] or "",
                      ", ".join(x for x in (r["location"], r["admin1"], r["country"]) if x),
                      f"{r['fatalities']}{rng}", str(r["n_sources"]),
                      r["status"] + (f" ({r['claimed_by']})" if r["claimed_by"] else ""))
    out.print(table)


@fusion_app.command("show")
def fusion_show(event_id: str, db: DbOption = None) -> None:
    """Why reports were merged into one event: every source, its score and reasons, the facts' status."""
    from sitrep.store.repository import Store

    with Store(db or default_db_path()) as store:
        if not show_fusion(store, event_id):
            err.print(f"[red]no fused event {event_id!r}[/red]")
            raise typer.Exit(2)


@fusion_app.command("split")
def fusion_split(
    canonical_id: str,
    event_ids: Annotated[list[str], typer.Argument(help="Member events (per-report ids) to move out.")],
    note: Annotated[str, typer.Option(help="Why (kept with the split).")] = "",
    db: DbOption = None,
) -> None:
    """Undo a wrong merge: move these reports' events into an event of their own. Later fusion keeps them apart."""
    from sitrep.fuse import split
    from sitrep.store.repository import Store

    with Store(db or default_db_path()) as store:
        try:
            with store.transaction() as conn:
                new_id = split(conn, canonical_id, event_ids, note)
        except ValueError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from exc
    err.print(f"split {', '.join(event_ids)} from {canonical_id} into {new_id}")


@fusion_app.command("merge")
def fusion_merge(target: str, other: str, note: Annotated[str, typer.Option(help="Why.")] = "",
                 db: DbOption = None) -> None:
    """Join canonical event OTHER into TARGET (the analyst knows they are one happening)."""
    from sitrep.fuse import merge
    from sitrep.store.repository import Store

    with Store(db or default_db_path()) as store:
        try:
            with store.transaction() as conn:
                merge(conn, target, other, note)
        except ValueError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from exc
    err.print(f"merged {other} into {target}")


@fusion_app.command("rebuild")
def fusion_rebuild(db: DbOption = None) -> None:
    """Fuse the whole store again from its reports (the analyst's splits and merges are kept)."""
    from sitrep.store.repository import Store

    with Store(db or default_db_path()) as store:
        n = store.rebuild_fusion()  # in chunks: ingests running meanwhile wait a second, not the whole rebuild
        total = store.count_canonical(_filter(None, None, None, None, None, None, None, None, False, None, True))
    err.print(f"fused {n} events into {total} canonical events")


@fusion_app.command("export")
def fusion_export(
    output: Annotated[str, typer.Option("-o", "--output", help="Output file, or - for stdout (not parquet).")] = "-",
    fmt: Annotated[str, typer.Option("--format", help="acled, acled31 (ACLED's own 31 columns), geojson, jsonl or "
                                                       "parquet (acled-safe is the same as acled).")] = "acled",
    db: DbOption = None, country: Country = None, admin1: Admin1 = None, actor: Actor = None,
    event_type: Type = None, since: Since = None, until: Until = None, confirmed_only: Confirmed = False,
    claimed_by: ClaimedBy = None, background: Background = True, raw_csv: RawCsvOption = False,
) -> None:
    """Write canonical events: ACLED CSV (with sources and corroboration), GeoJSON, JSON Lines or Parquet."""
    from sitrep.export import ACLED_31_COLUMNS, FUSED_COLUMNS, AcledCsvWriter, acled_row, write_parquet
    from sitrep.store.repository import Store, canonical_to_event

    f = _filter(country, admin1, actor, event_type, None, since, until, None, confirmed_only, claimed_by, background)
    with Store(db or default_db_path()) as store:
        items = [canonical_to_event(r) for r in store.iter_canonical(f)]
    if fmt == "parquet":
        if output == "-":
            raise typer.BadParameter("parquet needs a file: -o events.parquet")
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        n = write_parquet(items, output, FUSED_COLUMNS)
    else:
        with _open_out(output, newline="" if fmt.startswith("acled") else None) as fh:
            if fmt in ("acled", "acled-safe", "acled31"):
                n = AcledCsvWriter(fh, safe=not raw_csv or fmt == "acled-safe",
                                   columns=ACLED_31_COLUMNS if fmt == "acled31" else FUSED_COLUMNS).write(items)
            elif fmt == "geojson":
                features = []
                for event, extra in items:
                    if event.latitude is None or event.longitude is None:
                        continue
                    props = {k: v for k, v in acled_row(event, extra).items() if k not in ("latitude", "longitude")}
                    features.append({"type": "Feature", "properties": props, "geometry": {
                        "type": "Point", "coordinates": [event.longitude, event.latitude]}})
                json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
                n = len(features)
            elif fmt == "jsonl":
                for event, extra in items:
                    fh.write(json.dumps({"kind": "event", **acled_row(event, extra)}, ensure_ascii=False,
                                        default=str) + "\n")
                n = len(items)
            else:
                raise typer.BadParameter("--format must be acled, acled31, acled-safe, geojson, jsonl or parquet")
    err.print(f"wrote {n} canonical events" + ("" if output == "-" else f" to {output}"))


@app.command("trends")
def trends(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Distance of this actor's events from a capital, by month.")] = None,
    capital: Annotated[str | None, typer.Option(help="The capital (a place or a country); default: the capital of "
                                                     "the country of most of the actor's events.")] = None,
    country: Country = None, admin1: Admin1 = None, since: Since = None, until: Until = None,
    confirmed_only: Confirmed = False, claimed_by: ClaimedBy = None,
    baseline_weeks: Annotated[int, typer.Option(min=2, max=52, help="Weeks of baseline for spike alerts.")] = 8,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Events and fatalities per admin1 per month, spike alerts, and an actor's distance from a capital."""
    from rich.table import Table

    from sitrep.store.repository import Store
    from sitrep.trends import admin1_monthly, bar_chart, distance_from_capital, spikes

    f = _filter(country, admin1, None, None, None, since, until, None, confirmed_only, claimed_by, False)
    with Store(db or default_db_path()) as store:
        monthly = admin1_monthly(store.conn, f)
        alerts = spikes(store.conn, f, baseline_weeks=baseline_weeks)
        distance = distance_from_capital(store.conn, actor, capital, f) if actor else None
    if fmt == "json":
        print(json.dumps({"admin1_monthly": monthly, "spikes": alerts, "distance": distance}, ensure_ascii=False,
                         indent=1))
        return
    table = Table(title="events and fatalities per admin1 per month")
    for col in ("month", "country", "admin1", "events", "fatalities"):
        table.add_column(col)
    for r in monthly:
        table.add_row(r["month"], r["country"], r["admin1"] or "—", str(r["events"]), str(r["fatalities"]))
    out.print(table)
    out.print("[bold]spike alerts[/bold] (a region's weekly count far above its baseline)")
    if not alerts:
        out.print("  none")
    for a in alerts:
        out.print(f"  week of {a['week']}: {a['admin1']} ({a['country']}) {a['events']} events; baseline "
                  f"{a['baseline_mean']}/week", highlight=False)
    if distance is not None:
        cap = distance["capital"]
        if cap is None:
            out.print(f"[yellow]no capital found for {capital or actor!r}[/yellow]")
            return
        out.print(f"[bold]{actor}: distance of its events from {cap['name']}[/bold] (median km per month)")
        t = Table()
        for col in ("month", "events", "closest km", "median km"):
            t.add_column(col)
        for r in distance["by_month"]:
            t.add_row(r["month"], str(r["events"]), str(r["min_km"]), str(r["median_km"]))
        out.print(t)
        for line in bar_chart(distance["by_month"], "month", "median_km"):
            out.print(line, highlight=False)


@app.command("serve")
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind (localhost unless told otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    ingest_token: Annotated[str | None, typer.Option("--ingest-token", envvar="SITREP_INGEST_TOKEN",
                                                     help="Allow POST /api/ingest (and splits) to whoever presents "
                                                          "this token; read-only without it.")] = None,
) -> None:
    """Serve the HTTP API (/api, OpenAPI at /openapi.json) and the dashboard (/)."""
    import uvicorn

    from sitrep.serve.api import create_app

    path = db or default_db_path()
    application = create_app(path, ingest_token=ingest_token)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]listening on {host}: the API is reachable from other machines[/yellow]")
    if len(application.state.vendor) < 6:
        err.print("[yellow]the dashboard's JS packages are missing: run `npm ci --omit=peer` in the project "
                  "root; the API works without them[/yellow]")
    from sitrep.store.backend import display_location

    err.print(f"sitrep serving {display_location(path)} at http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(application, host=host, port=port, log_level="warning")
    sys.stdout.flush()
