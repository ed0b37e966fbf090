"""Commands about time: deadline, holidays, due."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import typer

from foitrack.cli.app import (
    app,
    console,
    emit_json,
    fmt_date,
    parse_date_option,
    report_problems,
    require_choice,
    tracker_of,
)
from foitrack.errors import UsageError
from foitrack.vocab import REGIMES


@app.command()
def deadline(
    ctx: typer.Context,
    received: str = typer.Argument(..., metavar="DATE", help="The day the authority received the request."),
    regime: str = typer.Option("foia", "--regime", help=f"The law: {', '.join(REGIMES)}."),
    days: Optional[int] = typer.Option(None, "--days", min=1, max=400, help="Working days allowed, if not the statutory 20."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The statutory deadline for a request received on DATE, and the non-working days it skipped."""
    from foitrack.views import deadline_json

    tracker = tracker_of(ctx)
    received_on = parse_date_option(ctx, received, "DATE")
    evaluation = tracker.deadline_for(received_on, require_choice(regime, tuple(REGIMES), "--regime"), days)
    if as_json:
        emit_json(deadline_json(evaluation))
        return
    out = console()
    from rich.markup import escape

    out.print(f"[bold]Due {fmt_date(evaluation.response_due)}[/] ({evaluation.response_due:%A})")
    for line in evaluation.explanation[:-1]:
        out.print(escape(line))
    if evaluation.skipped:
        out.print("Days not counted:")
        for day in evaluation.skipped:
            out.print(f"  {day.date:%a %d %b %Y}  {escape(day.reason)}")
    if evaluation.very_overdue_after:
        out.print(f"Very overdue after {fmt_date(evaluation.very_overdue_after)}.")
    for message in evaluation.notes:
        out.print(f"[yellow]Note:[/] {escape(message)}")


@app.command()
def holidays(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help="A calendar year [default: this year]."),
    from_date: Optional[str] = typer.Option(None, "--from", metavar="DATE", help="Start of a range."),
    to_date: Optional[str] = typer.Option(None, "--to", metavar="DATE", help="End of a range (included)."),
    regime: str = typer.Option("foia", "--regime", help=f"The law whose working days to use: {', '.join(REGIMES)}."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The weekdays that are not working days under a regime's law."""
    tracker = tracker_of(ctx)
    regime = require_choice(regime, tuple(REGIMES), "--regime")
    if year is not None and (from_date or to_date):
        raise UsageError("give --year or --from/--to, not both")
    if from_date or to_date:
        if not (from_date and to_date):
            raise UsageError("--from and --to go together")
        start = parse_date_option(ctx, from_date, "--from")
        end = parse_date_option(ctx, to_date, "--to")
        if end < start:
            raise UsageError(f"--to {end} is before --from {start}")
    else:
        year = year or tracker.as_of.year
        if not 1 <= year <= 9999:
            raise UsageError(f"--year: {year} is not a year")
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = tracker.non_working_weekdays(regime, start, end)
    if as_json:
        emit_json([{"date": day.date.isoformat(), "name": day.reason} for day in days])
        return
    from rich.table import Table

    table = Table(title=f"Non-working weekdays under {regime.upper()}, {fmt_date(start)} to {fmt_date(end)}")
    table.add_column("date", no_wrap=True)
    table.add_column("day")
    table.add_column("why")
    for day in days:
        table.add_row(day.date.isoformat(), f"{day.date:%A}", day.reason)
    console().print(table)


@app.command()
def due(
    ctx: typer.Context,
    within: int = typer.Option(5, "--within", "-w", min=0, help="Also show requests due within N working days."),
    authority: Optional[str] = typer.Option(None, "--authority", "-a", help="Only this authority."),
    tag: Optional[str] = typer.Option(None, "--tag", "-t", help="Only requests with this tag."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Requests that are overdue, or due within N working days, most overdue first."""
    from foitrack.cli.requests import requests_table
    from foitrack.views import request_summary

    tracker = tracker_of(ctx)
    requests, problems = tracker.load_all()
    report_problems(problems)
    rows = tracker.due_rows(requests, within=within, authority=authority, tag=tag)
    if as_json:
        emit_json([request_summary(request, evaluation) for request, evaluation in rows])
        return
    if not rows:
        typer.echo(f"Nothing overdue or due within {within} working days (as at {fmt_date(tracker.as_of)}).")
        return
    overdue = sum(1 for _, evaluation in rows if evaluation.is_overdue)
    title = f"As at {fmt_date(tracker.as_of)}: {overdue} overdue, {len(rows) - overdue} due within {within} working days"
    console().print(requests_table(rows, title=title))
