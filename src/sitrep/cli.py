"""The command line: thin wrappers that read arguments, call the pipeline and print."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sitrep import __version__
from sitrep.cli_common import (
    DbOption,
    RawCsvOption,
    _open_out,
    _parse_day,
    _progress,
    _report_problems,
    app,
    err,
    out,
)
from sitrep.config import default_db_path, gazetteer_path

gazetteer_app = typer.Typer(help="Build the place index, import GeoNames dumps, show what it holds.",
                            no_args_is_help=True)
eval_app = typer.Typer(help="Score sitrep on labelled data (ACLED CSV, snippet TSV, geoparsing XML, whole articles, WikiEvents, UCDP GED).",
                       no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(eval_app, name="eval")


def _count_inputs(paths: list[str]) -> int | None:
    """How many documents a run will read, when that is cheap to know (for the progress bar)."""
    from sitrep.documents import JSONL_SUFFIXES, iter_input_files

    total = 0
    for item in iter_input_files(paths):
        if item == "-":
            return None
        path = Path(item)
        if not path.exists():
            continue
        if path.suffix.lower() in JSONL_SUFFIXES:
            if path.stat().st_size > 500_000_000:
                return None
            with path.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            total += 1
    return total


WorkersOption = Annotated[int, typer.Option("--workers", min=1, help="Local processes, each loading the models "
                                                                     "once (under 1 GB each); output is the same "
                                                                     "as with 1.")]
ClusterOption = Annotated[str | None, typer.Option("--cluster", envvar="SITREP_CLUSTER",
                                                   help="A Dask scheduler (tcp://HOST:8786) whose workers do the "
                                                        "reading; this process writes. Overrides --workers.")]


@contextlib.contextmanager
def _runner(kind: str, workers: int, cluster: str | None):
    """The job run here, in local processes or on a Dask cluster; a scheduler out of reach is one line."""
    if cluster:
        from sitrep.cluster import ClusterError, cluster_runner, connect

        try:
            client = connect(cluster, kind)
        except ClusterError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from exc
        with cluster_runner(kind, client) as run:
            yield run
        return
    from sitrep.parallel import local_runner

    with local_runner(kind, workers) as run:
        yield run


def _extractions(inputs: list[str], problems: list, description: str, run):
    """(document, extraction or None) for every input document, with a progress bar and per-document errors;
    `run` (from `_runner`) extracts them here, in local processes or on a cluster."""
    from sitrep.documents import InputProblem, read_documents

    total = _count_inputs(inputs)
    # Documents are read ahead of extraction (batches): the reader's problems join the list in input order.
    read_problems: list = []
    problems_before: dict[int, int] = {}

    def documents():
        for document in read_documents(inputs, read_problems):
            problems_before[id(document)] = len(read_problems)
            yield document

    reported = 0
    with _progress() as progress:
        task = progress.add_task(description, total=total, note="")
        for document, (result, error) in run(documents()):
            upto = problems_before.pop(id(document))
            problems.extend(read_problems[reported:upto])
            reported = upto
            origin = document.origin or document.id
            if error:  # one bad document must not stop the batch
                problems.append(InputProblem(origin, error))
            if result is not None:
                document = result.document  # as the pipeline filled it in (in another process, maybe)
                for warning in result.warnings:
                    problems.append(InputProblem(origin, warning, skipped=False))
            progress.update(task, advance=1, note=document.id[:30])
            yield document, result
    problems.extend(read_problems[reported:])


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="JSON Lines, .txt/.html files, folders, or - for stdin.")],
    output: Annotated[str, typer.Option("-o", "--output", help="Output file, or - for stdout.")] = "-",
    fmt: Annotated[str, typer.Option("--format", help="acled (CSV; acled-safe is the same) or jsonl.")] = "acled",
    raw_csv: RawCsvOption = False,
    background: Annotated[bool, typer.Option(help="Also write events a report only recalls as background "
                                                  "(older attacks, totals since a year).")] = False,
    workers: WorkersOption = 1,
    cluster: ClusterOption = None,
) -> None:
    """Read reports and write their events (main event first), claims and relations."""
    from sitrep.export import AcledCsvWriter, extraction_records, reported_events

    if fmt not in ("acled", "acled-safe", "jsonl"):
        raise typer.BadParameter("--format must be acled or jsonl")
    csv_out = fmt != "jsonl"
    problems: list = []
    n_docs = n_events = 0
    # the cluster is reached (or not) before anything is written
    with _runner("extract", workers, cluster) as run, _open_out(output, newline="" if csv_out else None) as fh:
        writer = AcledCsvWriter(fh, safe=not raw_csv or fmt == "acled-safe") if csv_out else None
        for _document, result in _extractions(inputs, problems, "extract", run):
            if result is None:
                continue
            n_docs += 1
            events = reported_events(result.events, background)
            n_events += len(events)
            if writer is not None:
                writer.write(events)
            else:
                for record in extraction_records(result, background):
                    fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            fh.flush()
    skipped = _report_problems(problems)
    err.print(f"{n_docs} documents, {n_events} events" + (f", {skipped} skipped" if skipped else ""))
    raise typer.Exit(1 if skipped else 0)


@app.command()
def classify(
    inputs: Annotated[list[str], typer.Argument(help="JSON Lines, .txt/.html files, folders, or - for stdin.")],
    output: Annotated[str, typer.Option("-o", "--output", help="CSV file, or - for stdout.")] = "-",
    batch: Annotated[int, typer.Option(min=1, help="Documents per batch.")] = 64,
    raw_csv: RawCsvOption = False,
    workers: WorkersOption = 1,
    cluster: ClusterOption = None,
) -> None:
    """Label each report with its one best event type (CSV doc_id,label,score)."""
    from sitrep.documents import InputProblem, read_documents
    from sitrep.export import SafeCsvWriter
    from sitrep.parallel import batches

    problems: list = []
    total = _count_inputs(inputs)
    with _runner("classify", workers, cluster) as run, _open_out(output, newline="") as fh, \
            _progress() as progress:
        writer = SafeCsvWriter(fh, raw=raw_csv)
        writer.writerow(["doc_id", "label", "score"])
        task = progress.add_task("classify", total=total, note="")
        # the batches are those one process makes, whatever runs them: the same batches give the same scores
        for documents, (predictions, error) in run(batches(read_documents(inputs, problems), batch)):
            if error:
                problems += [InputProblem(d.origin or d.id, error) for d in documents]
            else:
                for doc, (label, score) in zip(documents, predictions, strict=True):
                    writer.writerow([doc.id, label, f"{score:.4f}"])
            progress.update(task, advance=len(documents))
    skipped = _report_problems(problems)
    raise typer.Exit(1 if skipped else 0)


@app.command()
def geoparse(
    inputs: Annotated[list[str], typer.Argument(help="JSON Lines, .txt/.html files, folders, or - for stdin.")],
    output: Annotated[str, typer.Option("-o", "--output", help="JSON Lines file, or - for stdout.")] = "-",
    workers: WorkersOption = 1,
    cluster: ClusterOption = None,
) -> None:
    """Find every place name in each report and put it on the map (offsets into the text as given)."""
    from sitrep.documents import InputProblem, read_documents

    problems: list = []
    total = _count_inputs(inputs)
    with _runner("geoparse", workers, cluster) as run, _open_out(output) as fh, _progress() as progress:
        task = progress.add_task("geoparse", total=total, note="")
        for document, (places, error) in run(read_documents(inputs, problems)):
            if error:
                problems.append(InputProblem(document.origin or document.id, error))
            fh.write(json.dumps({"doc_id": document.id, "places": places or []}, ensure_ascii=False) + "\n")
            progress.update(task, advance=1, note=document.id[:30])
    skipped = _report_problems(problems)
    raise typer.Exit(1 if skipped else 0)


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="JSON Lines, .txt/.html files, folders, or - for stdin.")],
    db: DbOption = None,
    refresh: Annotated[bool, typer.Option(help="Read again documents already stored (after upgrading sitrep) "
                                                "and replace their events; analysts' splits and merges hold.")] = False,
    workers: WorkersOption = 1,
    cluster: ClusterOption = None,
) -> None:
    """Extract reports into the event store. Re-ingesting the same text changes nothing (unless --refresh)."""
    from sitrep.documents import InputProblem
    from sitrep.store.repository import Store

    problems: list = []
    stored = duplicates = events = 0
    # workers extract; this process alone writes to the store
    with _runner("extract", workers, cluster) as run, Store(db or default_db_path()) as store:
        for document, result in _extractions(inputs, problems, "ingest", run):
            if result is None:
                continue
            try:
                saved = store.save(result, refresh=refresh)
            except Exception as exc:  # a write that failed (even after waiting for other writers): report, go on
                problems.append(InputProblem(document.origin or document.id, f"not stored: {exc}"))
                continue
            if saved:
                stored += 1
                events += len(result.events)
            else:
                duplicates += 1
        if store.refreshed:
            store.rebuild_fusion()
        counts = store.counts()
        label = store.label
    skipped = _report_problems(problems)
    err.print(f"stored {stored} {'documents' if refresh else 'new documents'} ({events} events); "
              f"{duplicates} already in the store"
              + (f"; {skipped} skipped" if skipped else "") + f". Store: {label} "
              f"({counts['documents']} documents, {counts['events']} events)")
    raise typer.Exit(1 if skipped else 0)


@app.command()
def events(
    db: DbOption = None,
    country: Annotated[str | None, typer.Option(help="Country name, e.g. Mali.")] = None,
    admin1: Annotated[str | None, typer.Option(help="First-level region, e.g. Mopti.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name or part of it, e.g. JNIM.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type, e.g. Battles.")] = None,
    sub_type: Annotated[str | None, typer.Option("--sub-type", help="ACLED sub-event type.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    text: Annotated[str | None, typer.Option(help="Words to find in the reports (all required; quotes and FTS5 "
                                                  "operators are taken as plain words).")] = None,
    confirmed_only: Annotated[bool, typer.Option("--confirmed-only", help="Only events two independent non-party "
                                                                        "sources report.")] = False,
    claimed_by: Annotated[str | None, typer.Option("--claimed-by", help="party, officials, local, outlet, or part "
                                                                      "of a claimant's name.")] = None,
    background: Annotated[bool, typer.Option(help="Include background events (long before the report).")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    limit: Annotated[int, typer.Option(min=1, help="At most this many events.")] = 200,
    raw_csv: RawCsvOption = False,
) -> None:
    """List stored events, filtered."""
    from sitrep.export import AcledCsvWriter, acled_row
    from sitrep.store.repository import EventFilter, Store, row_to_event

    f = EventFilter(country=country, admin1=admin1, actor=actor, event_type=event_type, sub_event_type=sub_type,
                    since=_parse_day(since), until=_parse_day(until), text=text, include_background=background,
                    confirmed_only=confirmed_only, claimed_by=claimed_by, limit=limit)
    with Store(db or default_db_path()) as store:
        rows = store.query_events(f)
        evs = [row_to_event(r) for r in rows]
    if fmt == "csv":
        AcledCsvWriter(sys.stdout, safe=not raw_csv).write(evs)
    elif fmt == "json":
        print(json.dumps([acled_row(e) for e in evs], ensure_ascii=False, default=str, indent=1))
    else:
        print_event_table(evs)


def print_event_table(evs) -> None:
    table = Table(show_lines=False)
    for col in ("event", "date", "type", "actor1", "actor2", "location", "fat."):
        table.add_column(col, overflow="fold")
    for e in evs:
        table.add_row(e.event_id, e.event_date.isoformat() if e.event_date else "?",
                      e.sub_event_type, e.actor1, e.actor2,
                      ", ".join(x for x in (e.location, e.admin1, e.country) if x), str(e.fatalities))
    out.print(table)


@app.command()
def show(event_id: str, db: DbOption = None) -> None:
    """Every field of one event with the sentence it came from, and the claims behind it."""
    from sitrep.export import acled_row
    from sitrep.store.repository import Store, row_to_event

    with Store(db or default_db_path()) as store:
        row = store.event(event_id)
        if row is None:
            err.print(f"[red]no event {event_id!r} in {db or default_db_path()}[/red]")
            raise typer.Exit(2)
        event = row_to_event(row)
        evidence = store.evidence(event_id)
        claims = store.claims(event_id=event_id)
        document = store.document(event.doc_id)
        fused = _fusion_lines(store, event_id)
    table = Table(title=f"event {event_id}", show_header=True)
    table.add_column("field")
    table.add_column("value", overflow="fold")
    table.add_column("from the report", overflow="fold")
    by_field: dict[str, list[str]] = {}
    for ev in evidence:
        by_field.setdefault(ev["field"], []).append(ev["text"])
    field_evidence = {"event_date": "event_date", "actor1": "actors", "actor2": "actors", "location": "location",
                      "latitude": "location", "fatalities": "fatalities", "event_type": "event_type",
                      "sub_event_type": "event_type"}
    for key, value in acled_row(event).items():
        source = by_field.get(field_evidence.get(key, ""), [])
        table.add_row(key, str(value), " | ".join(dict.fromkeys(source))[:600] if source else "")
    out.print(table)
    if document is not None:
        out.print(f"[bold]document[/bold] {document['id']}  published {document['published'] or '?'} "
                  f"({document['published_from']})  {document['url'] or document['origin'] or ''}")
    for c in claims:
        out.print(f"[bold]claim[/bold] ({c['status']}, {c['kind']}) by {c['claimant']}: {c['text']}")
    for line in fused:
        out.print(line, highlight=False, markup=False, soft_wrap=True)


def _fusion_lines(store, event_id: str) -> list[str]:
    """Why reports were merged into this event's canonical event (empty when it stands alone)."""
    from sitrep.fuse import canonical_of, explain_lines

    if canonical_of(store.conn, event_id) is None:
        return []
    return list(explain_lines(store.conn, event_id))


@app.command()
def export(
    output: Annotated[str, typer.Option("-o", "--output", help="Output file, or - for stdout.")] = "-",
    fmt: Annotated[str, typer.Option("--format", help="acled (CSV; acled-safe is the same), geojson, jsonl or "
                                                      "parquet.")] = "acled",
    db: DbOption = None,
    raw_csv: RawCsvOption = False,
) -> None:
    """Write every stored event: ACLED CSV, GeoJSON for QGIS, or JSON Lines."""
    from sitrep.export import AcledCsvWriter, event_record, write_geojson
    from sitrep.store.repository import Store, claim_from_row

    with Store(db or default_db_path()) as store:
        evs = list(store.iter_events())
        if fmt == "jsonl":
            for e in evs:
                e.claims = [claim_from_row(r) for r in store.claims(event_id=e.event_id)]
    if fmt == "parquet":
        from sitrep.export import write_parquet

        if output == "-":
            raise typer.BadParameter("parquet needs a file: -o events.parquet")
        err.print(f"wrote {write_parquet(evs, output)} events to {output}")
        return
    with _open_out(output, newline="" if fmt.startswith("acled") else None) as fh:
        if fmt in ("acled", "acled-safe"):
            n = AcledCsvWriter(fh, safe=not raw_csv or fmt == "acled-safe").write(evs)
        elif fmt == "geojson":
            n = write_geojson(evs, fh)
        elif fmt == "jsonl":
            for e in evs:
                fh.write(json.dumps(event_record(e), ensure_ascii=False, default=str) + "\n")
            n = len(evs)
        else:
            raise typer.BadParameter("--format must be acled, acled-safe, geojson or jsonl")
    err.print(f"wrote {n} events" + ("" if output == "-" else f" to {output}"))


@gazetteer_app.command("import")
def gazetteer_import(files: Annotated[list[Path], typer.Argument(help="GeoNames dump files or folders (ML.txt, "
                                                                      "admin1CodesASCII.txt, admin2Codes.txt ...).")]) -> None:
    """Load GeoNames dumps for a region into the place index (idempotent)."""
    from sitrep.places.gazetteer import import_geonames

    # A folder stands for the dump files in it, as a user downloads them.
    files = [g for f in files for g in (sorted(f.glob("*.txt")) if f.is_dir() else [f])]
    missing = [f for f in files if not f.exists()]
    for f in missing:
        err.print(f"[red]skipped:[/red] {f}: no such file")
    present = [f for f in files if f.exists()]
    with _progress() as progress:
        task = progress.add_task("import", total=None, note="")

        def tick(name: str, rows: int) -> None:
            progress.update(task, note=f"{name}: {rows} rows")

        counts = import_geonames(present, progress=tick)
    for name, rows in counts.items():
        err.print(f"{name}: {rows} rows")
    err.print(f"place index: {gazetteer_path()}")
    raise typer.Exit(1 if missing else 0)


@gazetteer_app.command("build")
def gazetteer_build() -> None:
    """Build the built-in place index from registry packages and the project's own rows."""
    from sitrep.places.gazetteer import ensure_gazetteer, get_gazetteer

    path = ensure_gazetteer(progress=lambda msg: err.print(f"building: {msg}"))
    err.print(f"place index ready: {path} {get_gazetteer().stats()}")


@gazetteer_app.command("info")
def gazetteer_info() -> None:
    """What the place index holds and which GeoNames files were imported."""
    from sitrep.places.gazetteer import get_gazetteer

    g = get_gazetteer()
    out.print(f"{g.path}: {g.stats()}")
    for name, rows, when in g.imported_files():
        out.print(f"  imported {name}: {rows} rows at {when}")


@eval_app.command("acled")
def eval_acled(
    csv_path: Path,
    sample: Annotated[int | None, typer.Option(min=1, help="Score a random sample of this many rows.")] = None,
    seed: Annotated[int, typer.Option(help="Sampling seed.")] = 0,
    errors: Annotated[Path | None, typer.Option(help="Write the misses (note, expected, got, evidence) here.")] = None,
    report_date: Annotated[bool, typer.Option(help="Give each note a report date 0-4 days after its coded "
                                                   "date, as a real report carries.")] = False,
) -> None:
    """Score extraction on an ACLED-format CSV with notes (the issue's seven fields)."""
    from sitrep.eval.acled import evaluate_acled, format_report

    result = evaluate_acled(csv_path, sample=sample, seed=seed, errors_path=errors, progress=_progress(),
                            report_date=report_date)
    out.print(format_report(result))


@eval_app.command("wikievents")
def eval_wikievents(
    jsonl_path: Path,
    part: Annotated[str, typer.Option(help="studied, held or all (the held third is scored, never detailed).")]
    = "all",
    quiet: Annotated[bool, typer.Option(help="Only the per-role tables, not each document's misses.")] = False,
) -> None:
    """Score attacker / target / place of WikiEvents documents against actor1 / actor2 / location."""
    from sitrep.eval.wikievents import evaluate_wikievents, format_report

    typer.echo(format_report(evaluate_wikievents(jsonl_path, part=part, progress=_progress()), verbose=not quiet))


@eval_app.command("ucdp")
def eval_ucdp(
    csv_path: Path,
    part: Annotated[str, typer.Option(help="studied, held or all (figures of each part apart).")] = "all",
    sample: Annotated[int | None, typer.Option(min=1, help="Score a random sample of this many rows.")] = None,
    seed: Annotated[int, typer.Option(help="Sampling seed.")] = 0,
    errors: Annotated[Path | None, typer.Option(help="Write the studied rows' misses here.")] = None,
) -> None:
    """Score fatalities and location of UCDP GED events read from their source headlines."""
    from sitrep.eval.ucdp import evaluate_ucdp, format_report

    result = evaluate_ucdp(csv_path, part=part, sample=sample, seed=seed, errors_path=errors, progress=_progress())
    typer.echo(format_report(result))


@eval_app.command("snippets")
def eval_snippets(tsv_path: Path) -> None:
    """Score `classify` on a labelled snippet TSV (weighted and macro F1, per-label table, confusions)."""
    from sitrep.eval.snippets import evaluate_snippets, format_report

    out.print(format_report(evaluate_snippets(tsv_path)))


@eval_app.command("geoparse")
def eval_geoparse(xml_path: Path,
                  limit: Annotated[int | None, typer.Option(min=1, help="First N articles only.")] = None,
                  offset: Annotated[int, typer.Option(min=0, help="Skip the first N articles.")] = 0,
                  errors: Annotated[Path | None, typer.Option(help="Write the misses as JSON Lines here.")] = None,
                  ) -> None:
    """Score `geoparse` on a geoparsing corpus (LGL / GeoWebNews XML): found within 161 km."""
    from sitrep.eval.geoparse import evaluate_geoparse, format_report

    out.print(format_report(evaluate_geoparse(xml_path, limit=limit, offset=offset, progress=_progress(),
                                              errors_path=errors)))


@eval_app.command("articles")
def eval_articles(
    expectations: Annotated[Path, typer.Argument(help="An expectations file in the format of "
                                                      "../shared/acceptance/FORMAT.md.")],
    only: Annotated[str | None, typer.Option(help="Comma-separated article ids to score (default: all).")] = None,
    skip: Annotated[str | None, typer.Option(help="Comma-separated article ids to leave out.")] = None,
    no_report_date: Annotated[bool, typer.Option(help="Withhold `published`: date checks that need it are "
                                                      "dropped, no event may precede the report's year.")] = False,
    quiet: Annotated[bool, typer.Option(help="Only the score per article, not each failed check.")] = False,
) -> None:
    """Score whole articles: checks passed per article, and each failed check with what sitrep produced."""
    from sitrep.eval.articles import evaluate_articles, format_report

    def ids(value: str | None) -> set[str] | None:
        return {x.strip() for x in value.split(",") if x.strip()} if value else None

    result = evaluate_articles(expectations, only=ids(only), skip=ids(skip), no_report_date=no_report_date,
                               progress=_progress())
    typer.echo(format_report(result, verbose=not quiet))


@app.command()
def version() -> None:
    """Print the version."""
    out.print(f"sitrep {__version__}")


# Commands of the analyst's workspace live in their own module; importing it registers them on `app`.
from sitrep import cli_workspace  # noqa: E402,F401

if __name__ == "__main__":
    app()
