"""Commands about time: deadline, holidays, due."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Optional

import typer

from foitrack.cli.app import (
    app,
    console,
    emit_json,
    fmt_date,
    parse_date_option,
    load_requests,
    require_choice,
    tracker_of,
)
from foitrack.errors import UsageError
from foitrack.vocab import REGIMES


@app.command()
def deadline(
    ctx: typer.Context,
    received: str = typer.Argument(..., metavar="DATE", help="The day the authority received the request."),
    regime: Optional[str] = typer.Option(
        None, "--regime", help=f"The law: {', '.join(REGIMES)} (default: foia, or the authority's)."
    ),
    days: Optional[int] = typer.Option(None, "--days", min=1, max=400, help="Working days allowed, if not the statutory 20."),
    authority: Optional[str] = typer.Option(
        None, "--authority", "-a", help="Use this authority's law and its own limit (e.g. 60 days for a school)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The statutory deadline for a request received on DATE, and the non-working days it skipped."""
    from foitrack.publish.views import deadline_json

    tracker = tracker_of(ctx)
    received_on = parse_date_option(ctx, received, "DATE")
    regime = require_choice(regime, tuple(REGIMES), "--regime")
    authority_days = school_terms = None
    if authority is not None:
        choice = tracker.resolve_authority(authority)
        regime = regime or choice.regime
        authority_days = choice.days
        known = tracker.authority(choice.name)
        school_terms = tracker.school_terms_for(known) if known else None
    regime = regime or "foia"
    if days is not None and regime == "sar":
        raise UsageError("--days does not apply to a SAR, whose limit is one calendar month")
    evaluation = tracker.deadline_for(
        received_on, regime, days, authority_days=authority_days, school_terms=school_terms
    )
    if as_json:
        emit_json(deadline_json(evaluation))
        return
    out = console()
    from rich.markup import escape

    due_on = evaluation.response_due
    school = evaluation.school
    if regime == "sar":
        rule = f"{evaluation.law}: one month"
    elif school is not None:
        rule = f"{evaluation.law} for schools: 20 school days or 60 working days"
    else:
        rule = f"{evaluation.law}: {evaluation.days} working days"
    out.print(f"[bold]Due {due_on:%a %d %b %Y}[/]  ({escape(rule)}, {escape(evaluation.calendar_name)} calendar)", soft_wrap=True)
    for line in evaluation.explanation[:-1]:
        out.print(escape(line), soft_wrap=True)
    if school is None and evaluation.day_one is not None:  # a school's two dates are explained above
        out.print(
            f"Day 1 is {evaluation.day_one:%a %d %b %Y}; day {evaluation.days} is {due_on:%a %d %b %Y}.",
            soft_wrap=True,
        )
    weekends = [day.date for day in evaluation.skipped if day.date.weekday() >= 5]
    others = [day for day in evaluation.skipped if day.date.weekday() < 5]
    if evaluation.skipped:
        out.print("Not counted:" if regime != "sar" else "Moved past:", soft_wrap=True)
        if weekends:
            out.print(f"  {'weekends':<16} {escape(weekend_ranges(weekends))}", soft_wrap=True)
        for day in others:
            out.print(f"  {day.date:%a %d %b %Y}  {escape(day.reason)}", soft_wrap=True)
    if evaluation.very_overdue_after:
        out.print(
            f"Very overdue after {evaluation.very_overdue_after:%a %d %b %Y} ({evaluation.very_overdue_rule}).",
            soft_wrap=True,
        )
    for message in evaluation.notes:
        out.print(f"[yellow]Note:[/] {escape(message)}", soft_wrap=True)


def weekend_ranges(days: list[dt.date]) -> str:
    """[Sat 23 Mar, Sun 24 Mar, Sun 31 Mar] -> '23\u201324 Mar, 31 Mar'."""
    groups: list[list[dt.date]] = []
    for day in sorted(days):
        if groups and (day - groups[-1][-1]).days == 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    parts = []
    for group in groups:
        first, last = group[0], group[-1]
        if first == last:
            parts.append(f"{first.day} {first:%b}")
        elif first.month == last.month:
            parts.append(f"{first.day}\u2013{last.day} {last:%b}")
        else:
            parts.append(f"{first.day} {first:%b}\u2013{last.day} {last:%b}")
    return ", ".join(parts)


@app.command()
def holidays(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help="A calendar year (default: this year)."),
    from_date: Optional[str] = typer.Option(None, "--from", metavar="DATE", help="Start of a range."),
    to_date: Optional[str] = typer.Option(None, "--to", metavar="DATE", help="End of a range (included)."),
    regime: str = typer.Option("foia", "--regime", help=f"The law whose working days to use: {', '.join(REGIMES)}."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The weekdays that are not working days under a regime's law (weekends never are)."""
    from foitrack.law.workdays import FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR

    tracker = tracker_of(ctx)
    regime = require_choice(regime, tuple(REGIMES), "--regime")
    span = f"foitrack's calendar covers {FIRST_YEAR}\u2013{LAST_YEAR}"
    if year is not None and (from_date or to_date):
        raise UsageError("give --year or --from/--to, not both")
    if from_date or to_date:
        if not (from_date and to_date):
            raise UsageError("--from and --to go together")
        start = parse_date_option(ctx, from_date, "--from")
        end = parse_date_option(ctx, to_date, "--to")
        if end < start:
            raise UsageError(f"--to {end} is before --from {start}")
        for option, day in (("--from", start), ("--to", end)):
            if not FIRST_DAY <= day <= LAST_DAY:
                raise UsageError(f"{option}: {day} is outside foitrack's calendar; {span}")
    else:
        year = tracker.as_of.year if year is None else year
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise UsageError(f"--year: {year} is outside foitrack's calendar; {span}")
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    calendar = tracker.calendar(regime)
    days = calendar.non_working_weekdays(start, end)
    if as_json:
        emit_json(
            [
                {
                    "date": day.date.isoformat(),
                    "name": day.reason,
                    "weekday": f"{day.date:%A}",
                    "proclaimed": calendar.proclaimed(day.date),
                }
                for day in days
            ]
        )
        return
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    law = "FOISA s.73" if regime in ("foisa", "eisr") else "FOIA s.10(6)"
    whole_year = start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31)
    span_text = str(start.year) if whole_year else f"{fmt_date(start)} to {fmt_date(end)}"
    marked = any(calendar.proclaimed(day.date) for day in days)
    table = Table(
        title=f"{regime.upper()} non-working weekdays, {span_text} ({law})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        header_style="bold",
        caption="* made by Royal Proclamation, or added in foitrack.toml" if marked else None,
        caption_justify="left",
    )
    table.add_column("date", no_wrap=True)
    table.add_column("day")
    table.add_column("why")
    for day in days:
        mark = " *" if calendar.proclaimed(day.date) else ""
        table.add_row(day.date.isoformat(), f"{day.date:%a}", escape(day.reason) + mark)
    if not days:
        typer.echo(f"No weekday between {fmt_date(start)} and {fmt_date(end)} is a non-working day under {regime.upper()}.")
        return
    console().print(table)


@app.command()
def due(
    ctx: typer.Context,
    within: int = typer.Option(5, "--within", "-w", min=0, help="Also show requests due, and your own deadlines, within N working days."),
    authority: Optional[str] = typer.Option(None, "--authority", "-a", help="Only this authority."),
    tag: Optional[str] = typer.Option(None, "--tag", "-t", help="Only requests with this tag."),
    mine: bool = typer.Option(False, "--mine", help="Only what is waiting on you (clarifications, fees, review and complaint windows)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    chase: bool = typer.Option(False, "--chase", help="Chase the overdue requests listed (as 'foitrack chase' does)."),
    send: bool = typer.Option(False, "--send", help="With --chase: email the chasers now and record them (not with --as-of)."),
    out: Optional[Path] = typer.Option(None, "--out", metavar="DIR", help="With --chase: write one .eml per letter into DIR."),
    record: bool = typer.Option(False, "--record", help="With --chase: record the chasers without sending."),
    group: bool = typer.Option(False, "--group", help="With --chase: one letter per authority."),
) -> None:
    """What is overdue or due within N working days, most overdue first; then what is waiting on you.

    Each overdue request shows the chasing stage it has reached and when it was last chased;
    --chase takes them straight into 'foitrack chase'. Below, in a section of its own, what the
    authorities are waiting on you for: a clarification or a fee they asked for (the clock is
    stopped until you act; an unpaid fee lapses after three months), and the last day to ask for
    an internal review or to complain to the commissioner, when it falls within N working days.
    In --json each row says who owes it: owed_by "authority" (action respond or review) or
    "you" (action clarify, pay-fee, ask-for-review or complain)."""
    from foitrack.mail.chasing import due_fields
    from foitrack.cli.chase import due_lines, run_and_report
    from foitrack.publish.views import owed_json, request_summary

    tracker = tracker_of(ctx)
    if not chase and (send or out is not None or record or group):
        raise UsageError("--send, --out, --record and --group go with --chase")
    if chase and mine:
        raise UsageError("--chase chases what authorities owe; --mine lists what you owe: give one")
    requests, problems = load_requests(tracker, rows=not chase)  # chasers are written from the files
    rows = [] if mine else tracker.due_rows(requests, within=within, authority=authority, tag=tag)
    if chase:
        overdue = [request for request, evaluation in rows if evaluation.is_overdue]
        run_and_report(
            tracker, overdue, named=False, send=send, record=record, out=out, group=group, as_json=as_json
        )
        return
    owed = tracker.owed_rows(requests, within=within, authority=authority, tag=tag)
    if as_json:
        emit_json(
            [
                {
                    **request_summary(request, evaluation),
                    **due_fields(tracker, request, evaluation),
                    "owed_by": "authority",
                    "action": "review" if evaluation.review_due and evaluation.due == evaluation.review_due else "respond",
                    "since": None,
                    "amount": None,
                }
                for request, evaluation in rows
            ]
            # The same keys on every row, the chase ladder's included, so a script never trips.
            + [{**due_fields(tracker, row.request, row.evaluation), **owed_json(row)} for row in owed]
        )
        return
    from foitrack.cli.tables import Styles, write

    out_console = console()
    styles = Styles(out_console)
    width = out_console.width
    if not mine:
        if rows:
            # "overdue" counts what the report's "overdue now" and `list --status overdue` count:
            # the responses owed; an internal review overdue after a response is counted on its own.
            overdue = sum(1 for _, evaluation in rows if evaluation.response_overdue)
            reviews = sum(1 for _, evaluation in rows if evaluation.is_overdue and not evaluation.response_overdue)
            counts = [f"{overdue} overdue"]
            if reviews:
                counts.append(f"{reviews} review{'s' if reviews != 1 else ''} overdue")
            counts.append(f"{len(rows) - overdue - reviews} due within {within} working days")
            title = f"As at {fmt_date(tracker.as_of)}: " + ", ".join(counts)
            write(due_lines(tracker, rows, title, width=width, styles=styles), sys.stdout)
        else:
            typer.echo(f"Nothing overdue or due within {within} working days (as at {fmt_date(tracker.as_of)}).")
    if owed:
        if not mine:
            typer.echo()
        write(owed_lines(tracker, owed, width=width, styles=styles), sys.stdout)
    elif mine:
        typer.echo(
            f"Nothing is waiting on you: no clarification or fee asked for, and no review or complaint "
            f"window closing within {within} working days (as at {fmt_date(tracker.as_of)})."
        )


_ACTIONS = {
    "clarify": "send the clarification asked for",
    "pay-fee": "pay the fee",
    "ask-for-review": "ask for an internal review",
    "complain": "complain to the commissioner",
}


def owed_lines(tracker, owed, *, width: int, styles):
    """`due`'s second section, a line at a time: what is waiting on the user, each with its date."""
    from collections import Counter

    from foitrack.cli.app import short_date, short_id
    from foitrack.cli.listing import name_authorities
    from foitrack.cli.tables import Column, render

    year = tracker.as_of.year
    counts = Counter(row.action for row in owed)
    parts = []
    for action, one, many in (
        ("clarify", "clarification", "clarifications"),
        ("pay-fee", "fee to pay", "fees to pay"),
        ("ask-for-review", "review window closing", "review windows closing"),
        ("complain", "complaint window closing", "complaint windows closing"),
    ):
        if counts[action]:
            parts.append(f"{counts[action]} {one if counts[action] == 1 else many}")
    columns = [Column("id"), Column("authority", flex=3, min_width=10), Column("subject", flex=3, min_width=10),
               Column("to do", flex=3, min_width=12), Column("by")]
    cells = []
    for row in owed:
        request = row.request
        what = _ACTIONS[row.action]
        if row.action == "pay-fee" and isinstance(row.amount, (int, float)):
            what = f"pay the \u00a3{row.amount:,.2f} fee"
        if row.action == "complain" and request.regime in ("foisa", "eisr"):
            what = "apply to the Scottish Information Commissioner"
        elif row.action == "complain":
            what = "complain to the ICO"
        if row.action == "ask-for-review" and request.regime in ("foisa", "eisr"):
            what = "require a review"
        when = short_date(row.date, year) if row.date else f"asked {short_date(row.since, year)}" if row.since else ""
        cells.append([short_id(request.id), request.authority, request.subject, what, when])
    name_authorities(tracker, columns, cells, 1, width)
    return render(columns, cells, width=width, styles=styles, title="Waiting on you: " + ", ".join(parts))
