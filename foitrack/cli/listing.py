"""Commands that show requests: list (every request, soonest deadline first) and show (one
request, its timeline and what it is waiting for); the table helpers other listings share."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from foitrack.cli.app import (
    KIND_HELP,
    NATION_HELP,
    STATUS_STYLES,
    app,
    console,
    emit_json,
    emit_json_array,
    fmt_date,
    load_requests,
    require_choice,
    short_date,
    short_id,
    styled_status,
    tracker_of,
)
from foitrack.vocab import (
    STATUS_FILTERS,
    STATUS_GROUPS,
    STATUSES,
)


def sort_soonest_first(tracker, rows):
    """Soonest deadline first; requests with no deadline running go last. Ties go by authority,
    as a person reads its name (`Tracker.reading_key`), then oldest sent first."""
    import datetime as dt

    far = dt.date.max
    key = tracker.reading_key
    return sorted(rows, key=lambda row: (row[1].due or far, key(row[0].authority), row[0].logged_on, row[0].id))


#: Below this many columns a table names authorities by their short names ("Hackney").
FULL_NAMES_FROM = 120


ID_CAPTION = "id: the end of each id; type any unique part of it, or of the authority's name"


def name_authorities(tracker, columns, cells, column: int, width: int, gap: int = 2) -> None:
    """Put each row's authority in `cells[row][column]` (which holds its full name) as the table
    can best show it: the full names from FULL_NAMES_FROM columns if they wrap no more rows than
    the short names would ("Hackney", "Met Police"), else the short names."""
    from foitrack.cli.tables import layout, wrapped_rows

    if width >= FULL_NAMES_FROM:
        full = wrapped_rows(columns, cells, layout(columns, cells, width, gap))
    full_names = [row[column] for row in cells]
    for row in cells:
        row[column] = tracker.short_name(row[column])
    if width >= FULL_NAMES_FROM and full <= wrapped_rows(columns, cells, layout(columns, cells, width, gap)):
        for row, name in zip(cells, full_names):
            row[column] = name


def request_lines(tracker, rows, *, width: int, styles, title: str | None = None):
    """The request table of `list`, a line at a time (foitrack.cli.tables). From 100 columns it
    has the date sent; authorities go by their short names unless there is room for the full."""
    from foitrack.cli.tables import Column, render

    wide = width >= 100
    columns = [Column("id"), Column("authority", flex=3, min_width=10), Column("subject", flex=4, min_width=12)]
    if wide:
        columns.append(Column("sent"))
    columns += [Column("status"), Column("due"), Column("late", justify="right")]
    cells = []
    year = tracker.as_of.year
    for request, evaluation in rows:
        late = evaluation.working_days_overdue
        row = [short_id(request.id), request.authority, request.subject]
        if wide:
            row.append(short_date(request.sent, year))
        status = evaluation.status
        row += [(status, STATUS_STYLES.get(status)), short_date(evaluation.due, year), str(late) if late else ""]
        cells.append(row)
    name_authorities(tracker, columns, cells, 1, width)
    return render(columns, cells, width=width, styles=styles, title=title, caption=ID_CAPTION)


LIST_HELP = "\n\n".join(
    [
        "The requests, soonest deadline first.",
        "--status takes a status ("
        + ", ".join(s for s in STATUSES if s not in STATUS_GROUPS)
        + ") or one of the report's counts, which selects exactly the requests the report counts "
        "under it:",
        *(f"{word}: {meaning}." for word, meaning in STATUS_GROUPS.items()),
    ]
)


@app.command("list", help=LIST_HELP)
def list_requests(
    ctx: typer.Context,
    authority: Optional[str] = typer.Option(None, "--authority", "-a", help="Only this authority."),
    status: Optional[str] = typer.Option(
        None, "--status", help=f"Only this status, or this count of the report's: {', '.join(STATUS_GROUPS)}."
    ),
    tag: Optional[str] = typer.Option(None, "--tag", "-t", help="Only requests with this tag."),
    batch: Optional[str] = typer.Option(None, "--batch", "-b", help="Only this batch (any part of its name)."),
    kind: Optional[str] = typer.Option(None, "--kind", metavar="KIND", help=KIND_HELP),
    nation: Optional[str] = typer.Option(None, "--nation", metavar="NATION", help=NATION_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (each request with its authority's kind and nation)."),
) -> None:
    from foitrack.publish.views import authority_fields, request_summary

    tracker = tracker_of(ctx)
    status = require_choice(status, STATUS_FILTERS, "--status")
    requests, problems = load_requests(tracker, rows=True)
    rows = sort_soonest_first(
        tracker,
        tracker.listed(
            requests, status=status, authority=authority, tag=tag, batch=batch, kind=kind, nation=nation
        )
    )
    if as_json:
        emit_json_array(
            {
                **request_summary(request, evaluation),
                **authority_fields(request.authority, tracker.authority(request.authority)),
            }
            for request, evaluation in rows
        )
        return
    if not rows:
        typer.echo("No requests." if not requests else "No requests match.")
        return
    from foitrack.cli.tables import Styles, write

    drafts = [row for row in rows if row[0].is_draft]
    rows = [row for row in rows if not row[0].is_draft]
    out = console()
    if rows:
        title = None
        if batch:  # the batch view: name the batch and say at a glance who has answered
            from foitrack.publish.report import batch_title

            title = batch_title(rows)
        write(request_lines(tracker, rows, width=out.width, styles=Styles(out), title=title), sys.stdout)
    if drafts:  # not sent yet: apart, after the requests whose deadlines run
        from foitrack.mail.chasing import address_for

        if rows:
            typer.echo()
        out.print(drafts_table(tracker, drafts, address_for))


def drafts_table(tracker, rows, address_for):
    """The drafts `list` shows apart: not sent, so no deadline; where each would go."""
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        title=f"Drafts, not sent yet ({len(rows)}): 'foitrack send' sends them",
        box=box.SIMPLE_HEAD, show_edge=False, header_style="bold",
    )
    table.add_column("id", no_wrap=True)
    table.add_column("authority", min_width=14, ratio=3)
    table.add_column("subject", min_width=12, ratio=3)
    table.add_column("drafted", no_wrap=True)
    table.add_column("to", ratio=2)
    for request, _ in rows:
        to = address_for(tracker, request)
        table.add_row(
            short_id(request.id), escape(request.authority), escape(request.subject),
            short_date(request.drafted), escape(to) if to else "[bold yellow](no address)[/]",
        )
    return table


@app.command()
def show(
    ctx: typer.Context,
    request_id: str = typer.Argument(..., metavar="ID", help="The request's id, or any unique part of it."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """One request: its details, its timeline of events, and its deadlines with how they were worked out."""
    from foitrack.publish.views import request_detail

    tracker = tracker_of(ctx)
    request = tracker.load_one(request_id)
    evaluation = tracker.evaluate(request)
    if as_json:
        emit_json(request_detail(request, evaluation))
        return
    out = console()
    from rich.markup import escape

    out.print(f"[bold]{escape(request.subject)}[/]  ({request.id})")
    out.print(f"Authority: {escape(request.authority)}    Law: {request.regime.upper()}")
    if request.is_draft:
        from foitrack.mail.chasing import address_for

        to = address_for(tracker, request)
        sent_line = f"Draft, not sent (drafted {fmt_date(request.drafted)}): 'foitrack send {short_id(request.id)}' sends it"
        sent_line += f" to {to}" if to else "; it has no address yet (foitrack edit ID --email ADDRESS)"
    else:
        sent_line = f"Sent {fmt_date(request.sent)}"
        if request.received and request.received != request.sent:
            sent_line += f", received {fmt_date(request.received)}"
        if request.via:
            sent_line += f" via {request.via}"
        if request.message_id:
            sent_line += f" as {request.message_id}"
    out.print(escape(sent_line))
    if request.delivery == "uncertain":
        out.print(
            "[bold yellow]Possibly not delivered:[/] the server hung up after taking the message. Check with "
            f"the authority; 'foitrack send {short_id(request.id)} --resend' sends it again."
        )
    extras = []
    if request.batch:
        extras.append(f"batch {request.batch}")
    if request.tags:
        extras.append("tags " + ", ".join(request.tags))
    if request.email:
        extras.append(f"email {request.email}")
    if extras:
        out.print(escape("; ".join(extras)))
    status_line = f"Status: {styled_status(evaluation.status)}"
    if evaluation.due:
        status_line += f", due {fmt_date(evaluation.due)}"
    if evaluation.working_days_overdue:
        status_line += f" ([bold]{evaluation.working_days_overdue} working days late[/])"
    out.print(status_line)
    if evaluation.first_response is not None:
        at_review = ", at a review of the failure to respond" if evaluation.answered_at_review else ""
        out.print(
            f"First response {fmt_date(evaluation.first_response)}{at_review}: "
            f"{_timeliness(tracker, request, evaluation)}"
        )
    from rich.padding import Padding
    from rich.table import Table

    from foitrack.law.evaluation import ordered_events

    def para(markup: str) -> None:
        """An indented paragraph whose wrapped lines keep the indent."""
        out.print(Padding(markup, (0, 0, 0, 2), expand=False))

    out.print()
    out.print("[bold]Timeline[/]")
    timeline = Table.grid(padding=(0, 2))
    timeline.add_column(no_wrap=True)
    timeline.add_column()
    timeline.add_row(f"  {fmt_date(request.logged_on)}", "drafted" if request.is_draft else "sent")
    for _, event in ordered_events(request):
        text = escape(_event_line(event, request.regime))
        if event.date > tracker.as_of:
            text = f"[dim]{text}  (after the --as-of date: not counted)[/]"
        timeline.add_row(f"  {fmt_date(event.date)}", text)
    out.print(timeline)
    from foitrack.store.documents import Documents

    documents = Documents(tracker.root)
    kept = documents.files(request.id)
    if kept:
        out.print()
        out.print("[bold]Documents[/]")
        for path in kept:
            para(escape(documents.relative(path)))
    if request.is_draft:
        if request.body:
            out.print()
            out.print("[bold]Request[/]")
            out.print(escape(request.body.strip()))
        return
    out.print()
    out.print("[bold]Deadlines[/]")
    for line in evaluation.explanation:
        para(escape(line))
    if evaluation.very_overdue_after and evaluation.status not in ("answered", "withdrawn"):
        para(f"Very overdue after {fmt_date(evaluation.very_overdue_after)} ({evaluation.very_overdue_rule}).")
    if evaluation.review_request_by and evaluation.status == "answered":
        para(f"Ask for an internal review by {fmt_date(evaluation.review_request_by)} (40 working days).")
    if evaluation.complaint_by and evaluation.status == "answered":
        para(f"Complain to the commissioner by {fmt_date(evaluation.complaint_by)}.")
    if evaluation.skipped:
        days = ", ".join(
            f"{day.date:%d %b} ({day.reason})" for day in evaluation.skipped if day.date.weekday() < 5
        )
        if days:
            para(f"Weekdays not counted: {escape(days)}")
    for message in evaluation.notes:
        para(f"[yellow]Note:[/] {escape(message)}")
    if request.body:
        out.print()
        out.print("[bold]Request[/]")
        out.file.write(wrapped_text(request.body.strip(), out.width))
        out.file.write("\n")


def wrapped_text(text: str, width: int) -> str:
    """Text as the user wrote it, its long lines wrapped at spaces to `width`: in time linear in
    its length (rich's own wrapping slows with the square of a long text's size, and a request's
    body can run to megabytes)."""
    import textwrap

    lines = []
    for line in text.split("\n"):
        line = line.rstrip("\r")
        lines.extend(textwrap.wrap(line, width, break_on_hyphens=False, replace_whitespace=False) or [""])
    return "\n".join(lines)


def _timeliness(tracker, request, evaluation) -> str:
    if evaluation.responded_on_time:
        return "on time"
    if evaluation.response_due is None or evaluation.first_response is None:
        return "after the deadline"
    late = tracker.calendar(request.regime).working_days_between(
        evaluation.response_due, evaluation.first_response
    )
    return f"[bold]{late} working day{'s' if late != 1 else ''} late[/]"


def _event_line(event, regime: str) -> str:
    from foitrack.store.model import exemption_label

    parts = [event.type]
    if event.outcome:
        parts.append(event.outcome)
    if event.exemptions:
        parts.append(", ".join(exemption_label(x, regime) for x in event.exemptions))
    if event.ref:
        parts.append(f"ref {event.ref}")
    if event.until:
        parts.append(f"until {event.until:%d %b %Y}")
    if event.days:
        parts.append(f"+{event.days} working days")
    if event.amount is not None:
        parts.append(f"£{event.amount:,.2f}" if isinstance(event.amount, (int, float)) else str(event.amount))
    if event.to:
        parts.append(f"to {event.to}")
    if event.delivery == "uncertain":
        parts.append("possibly not delivered")
    if event.documents:
        parts.append(f"{len(event.documents)} document{'s' if len(event.documents) != 1 else ''}")
    text = event.text or event.note or event.reason
    line = " · ".join(parts)
    return f"{line}: {text}" if text else line

