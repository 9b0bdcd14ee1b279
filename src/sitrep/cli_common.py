"""What every command module shares: the Typer app, the consoles, the common options and small helpers.

`sitrep.cli` and `sitrep.cli_workspace` both register commands on `app`; keeping it here means neither
imports the other's half (no circle of imports).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup


class _Commands(TyperGroup):
    """Commands whose store cannot be opened (a server down, a URL sitrep does not speak) say so in one line."""

    def invoke(self, ctx):
        from sitrep.store.backend import StoreError

        try:
            return super().invoke(ctx)
        except StoreError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(1) from exc


app = typer.Typer(help="sitrep: conflict news in, ACLED-compatible events, actors, places and claims out — offline.",
                  no_args_is_help=True, add_completion=False, cls=_Commands)
err = Console(stderr=True)
out = Console()

# a string, not a Path: a postgresql:// URL must reach the store as it was written (Path would mangle it)
DbOption = Annotated[str | None, typer.Option("--db", help="Event store: a SQLite file or postgresql://user@host:"
                                                             "port/db (default: $SITREP_DB or $SITREP_HOME/sitrep.db).",
                                              envvar="SITREP_DB")]
RawCsvOption = Annotated[bool, typer.Option("--raw-csv", help="Write CSV cells exactly as read, formulas included "
                                                              "(a spreadsheet may run them). By default a cell "
                                                              "starting with = + - @, tab or CR gets a leading ' "
                                                              "(numbers stay numbers).")]


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.fields[note]}"), console=err, transient=False, disable=not err.is_terminal)


@contextlib.contextmanager
def _open_out(path: str, newline: str | None = None) -> Iterator:
    if path == "-":
        yield sys.stdout
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline=newline) as fh:
        yield fh


def _report_problems(problems) -> int:
    skipped = 0
    for problem in problems:
        style = "red" if problem.skipped else "yellow"
        err.print(f"[{style}]{'skipped' if problem.skipped else 'warning'}:[/{style}] {problem}", highlight=False)
        skipped += int(problem.skipped)
    return skipped


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc
