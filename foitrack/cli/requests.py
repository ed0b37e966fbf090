"""Commands that create, read and update requests: init, new, list, show, record, respond, edit,
check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from foitrack.cli.app import (
    KIND_HELP,
    NATION_HELP,
    app,
    console,
    emit_json,
    fmt_date,
    note,
    warn,
    short_date,
    short_id,
    parse_date_option,
    load_requests,
    require_choice,
    styled_status,
    tracker_of,
)
from foitrack.errors import EXIT_PROBLEMS, FoitrackError, UsageError
from foitrack.vocab import (
    EVENT_TYPES,
    OUTCOMES,
    REGIMES,
    STATUS_FILTERS,
    STATUS_GROUPS,
    STATUSES,
    VIA,
    outcome_words_help,
)

# respond, record and import read the same words for each outcome (foitrack.vocab).
OUTCOME_EPILOG = f"Outcome words (respond, record and import read the same): {outcome_words_help()}."


@app.command()
def init(ctx: typer.Context) -> None:
    """Create foitrack.toml and requests/ in the tracker folder. Never overwrites anything."""
    tracker = tracker_of(ctx)
    created = tracker.init()
    if not created:
        typer.echo(f"{tracker.root} is already a foitrack tracker; nothing changed.")
        return
    for path in created:
        typer.echo(f"created {path}{'/' if path.is_dir() else ''}")


@app.command()
def new(
    ctx: typer.Context,
    authority: List[str] = typer.Option(
        ..., "--authority", "-a", help="The public authority; repeat to send the same request to several."
    ),
    subject: str = typer.Option(..., "--subject", "-s", help="A short title for the request."),
    sent: Optional[str] = typer.Option(None, "--sent", metavar="DATE", help="When it was sent (default: today)."),
    received: Optional[str] = typer.Option(
        None, "--received", metavar="DATE", help="When the authority received it, if later than sent."
    ),
    regime: Optional[str] = typer.Option(
        None, "--regime", help=f"The law it is made under: {', '.join(REGIMES)} (default: by authority)."
    ),
    tag: List[str] = typer.Option([], "--tag", "-t", help="A tag for grouping; repeatable."),
    body: Optional[str] = typer.Option(None, "--body", help="The text of the request."),
    body_file: Optional[Path] = typer.Option(
        None, "--body-file", metavar="PATH", help="Read the text of the request from a file."
    ),
    via: Optional[str] = typer.Option(None, "--via", help=f"How it was sent: {', '.join(VIA)}."),
    email: List[str] = typer.Option(
        [],
        "--email",
        metavar="[AUTHORITY=]ADDRESS",
        help="The address the request went to (its chasers go there too). With several authorities, "
        "say whose it is: --email 'Camden=foi@camden.gov.uk', once per authority.",
    ),
    batch: Optional[str] = typer.Option(
        None, "--batch", help="Name the batch [default for several authorities: date and subject]."
    ),
    allow_duplicate: bool = typer.Option(
        False, "--allow-duplicate", help="Log it even if the tracker has the same request (authority, subject, date sent)."
    ),
    draft: bool = typer.Option(
        False, "--draft", help="Log it as a draft, not sent yet (no deadline runs): 'foitrack send' sends it. "
        "Its text may use $authority, $requester_name and the other placeholders in docs/mail.md."
    ),
    send_now: bool = typer.Option(
        False, "--send", help="Log it and send it now, one email per authority, through the \\[smtp] server in "
        "foitrack.toml; each request is recorded as sent once the server accepts it. Not with --as-of."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the new requests as JSON (with --send, what was sent)."),
) -> None:
    """Log a request, or the same request to several authorities as one batch.

    Authorities are filed under their proper names with their law: "PSoS" is Police Scotland
    (FOISA), "Leeds CC" is Leeds City Council. An abbreviation several bodies share, a close miss
    or an abbreviation foitrack does not know is refused with suggestions, and nothing is written.
    So is a request the tracker already holds, unless --allow-duplicate.

    With --draft the requests are drafts for 'foitrack send'; with --send they go now, each
    written to its authority ("Dear $authority" becomes each one's name)."""
    from foitrack.publish.views import new_request_json

    tracker = tracker_of(ctx)
    if draft and send_now:
        raise UsageError("give --draft (send later with 'foitrack send') or --send (send now), not both")
    if (draft or send_now) and (sent is not None or received is not None):
        raise UsageError(
            f"{'--draft' if draft else '--send'} is for a request foitrack sends, dated when it goes: leave out "
            "--sent and --received (they log a request you sent yourself)"
        )
    if send_now:
        from foitrack.mail.smtp import Outbox

        Outbox.open(tracker, action="new --send")  # before anything is written: --as-of, [smtp], sender
    if body is not None and body_file is not None:
        raise UsageError("give --body or --body-file, not both")
    if body_file is not None:
        try:
            body = body_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"--body-file: cannot read {body_file}: {getattr(error, 'strerror', None) or error}") from None
    if send_now and not (body or "").strip():
        raise UsageError("--send needs the request's text: give --body TEXT or --body-file PATH; nothing was written")
    sent_date = parse_date_option(ctx, sent, "--sent") or tracker.as_of
    received_date = parse_date_option(ctx, received, "--received")
    created, notes = tracker.new_requests(
        authority,
        subject=subject,
        sent=sent_date,
        received=received_date,
        regime=require_choice(regime, tuple(REGIMES), "--regime"),
        tags=tag,
        body=body,
        via=require_choice(via, VIA, "--via"),
        emails=email,
        batch=batch,
        allow_duplicate=allow_duplicate,
        draft=draft or send_now,
    )
    for message in notes:
        note(message)
    if send_now:
        from foitrack.cli.mail import send_and_report

        send_and_report(tracker, created, as_json=as_json)
        return
    rows = [(request, tracker.evaluate(request)) for request in created]
    if as_json:
        emit_json([new_request_json(request, evaluation) for request, evaluation in rows])
        return
    for request, evaluation in rows:
        due = "draft, not sent" if request.is_draft else f"due {fmt_date(evaluation.response_due)}"
        typer.echo(f"{request.id}  {request.authority}  {due}")
    if len(created) > 1:
        typer.echo(f"Logged {len(created)} {'drafts' if draft else 'requests'} as batch {created[0].batch}.")
    if draft:
        which = f"--batch {created[0].batch}" if len(created) > 1 else created[0].id
        note(f"check them with 'foitrack show ID', then send them with 'foitrack send {which}'")


def sort_soonest_first(rows):
    """Soonest deadline first; requests with no deadline running go last, newest sent first."""
    import datetime as dt

    far = dt.date.max
    return sorted(rows, key=lambda row: (row[1].due or far, row[0].logged_on, row[0].id))


def requests_table(rows, title: str | None = None, width: int = 80):
    """The request table shared by list and due. Under 100 columns it drops the date sent (show
    has it) so that the authority and subject stay readable."""
    from rich import box
    from rich.table import Table

    wide = width >= 100
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        header_style="bold",
        caption="id: the end of each id; type any unique part of it, or of the authority's name",
        caption_justify="left",
    )
    table.add_column("id", no_wrap=True)
    table.add_column("authority", min_width=14, ratio=3)
    table.add_column("subject", min_width=12, ratio=3)
    if wide:
        table.add_column("sent", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("due", no_wrap=True)
    table.add_column("late", justify="right", no_wrap=True)
    for request, evaluation in rows:
        late = str(evaluation.working_days_overdue) if evaluation.working_days_overdue else ""
        cells = [short_id(request.id), request.authority, request.subject]
        if wide:
            cells.append(short_date(request.sent))
        cells += [styled_status(evaluation.status), short_date(evaluation.due), late]
        table.add_row(*cells)
    return table


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
    requests, problems = load_requests(tracker)
    rows = sort_soonest_first(
        tracker.listed(
            requests, status=status, authority=authority, tag=tag, batch=batch, kind=kind, nation=nation
        )
    )
    if as_json:
        emit_json(
            [
                {
                    **request_summary(request, evaluation),
                    **authority_fields(request.authority, tracker.authority(request.authority)),
                }
                for request, evaluation in rows
            ]
        )
        return
    if not rows:
        typer.echo("No requests." if not requests else "No requests match.")
        return
    drafts = [row for row in rows if row[0].is_draft]
    rows = [row for row in rows if not row[0].is_draft]
    out = console()
    if rows:
        title = None
        if batch:  # the batch view: name the batch and say at a glance who has answered
            from rich.markup import escape

            from foitrack.publish.report import batch_title

            title = escape(batch_title(rows))
        out.print(requests_table(rows, title=title, width=out.width))
    if drafts:  # not sent yet: apart, after the requests whose deadlines run
        from foitrack.mail.chasing import address_for

        if rows:
            out.print()
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


@app.command(epilog=OUTCOME_EPILOG)
def record(
    ctx: typer.Context,
    words: List[str] = typer.Argument(
        ...,
        metavar="ID... EVENT",
        help=(
            "The request (its id, or any unique part of its id or authority's name; several for "
            f"the same event on each), then what happened: {', '.join(EVENT_TYPES)}."
        ),
    ),
    batch: Optional[str] = typer.Option(
        None, "--batch", help="Record the event on every request in this batch (give only EVENT)."
    ),
    skip_bad: bool = typer.Option(
        False, "--skip-bad", help="With several requests: record on those that can take it, say why not for the rest."
    ),
    on: Optional[str] = typer.Option(None, "--on", metavar="DATE", help="When it happened (default: --as-of, else today; never after --as-of)."),
    ref: Optional[str] = typer.Option(None, "--ref", help="The authority's (or commissioner's) reference."),
    amount: Optional[str] = typer.Option(None, "--amount", help="The fee asked for (fee-notice)."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DATE", help="The new deadline (extended)."),
    days: Optional[int] = typer.Option(None, "--days", help="Working days added (extended)."),
    reason: Optional[str] = typer.Option(None, "--reason", help="Why (extended, withdrawn)."),
    outcome: Optional[str] = typer.Option(
        None,
        "--outcome",
        help=(
            "The outcome (responded, review-responded, decision), in the words below if you like. "
            "A review of a response ends upheld, overturned or partly-overturned; a review of a "
            "failure to respond ends responded (or the response's outcome, e.g. refused) or no-response."
        ),
    ),
    exemption: List[str] = typer.Option([], "--exemption", "-x", help="An exemption cited; repeatable."),
    note_text: Optional[str] = typer.Option(None, "--note", help="A note kept with the event."),
    text: Optional[str] = typer.Option(None, "--text", help="The text of a note event."),
    message: Optional[str] = typer.Option(
        None, "--message", metavar="MSGID",
        help="The email the event came in (its Message-ID as 'foitrack inbox' lists it, or an .eml file): "
        "kept with the event, with its attachments, under documents/.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the updated request as JSON (several: an array)."),
) -> None:
    """Append an event to a request's history, or to several requests' at once.

    'foitrack record hackney acknowledged', 'foitrack record camden barnet chased', or
    'foitrack record --batch fusus-2023-05 acknowledged' for a whole batch: one commit, and every
    request checked before any is written (if one cannot take the event, nothing is written and
    foitrack says why for each; --skip-bad records the others)."""
    ids, event = _ids_and_event(words, batch)
    options = dict(
        ref=ref,
        amount=_amount(amount),
        until=parse_date_option(ctx, until, "--until"),
        days=days,
        reason=reason,
        outcome=outcome,
        exemptions=exemption,
        note=note_text,
        text=text,
        message=message,
    )
    if batch is None and len(ids) == 1 and not skip_bad:
        _record(ctx, ids[0], event, on, as_json, **options)
        return
    if message is not None:
        raise UsageError("--message files one email on one request: give one ID, not several or --batch")
    del options["message"]
    _record_many(ctx, ids, batch, event, on, as_json, skip_bad, **options)


def _ids_and_event(words: list[str], batch: Optional[str]) -> tuple[list[str], str]:
    """`record`'s arguments: the ids, then the event last."""
    event = words[-1].strip().lower()
    ids = words[:-1]
    if event not in EVENT_TYPES and words[0].strip().lower() in EVENT_TYPES and len(words) > 1:
        raise UsageError(f"the event goes last: foitrack record {' '.join(words[1:])} {words[0]}")
    if batch is not None:
        if ids:
            raise UsageError("give IDs or --batch, not both: with --batch, give only the EVENT")
        return [], event
    if not ids:
        if event in EVENT_TYPES:
            raise UsageError(f"name the request to record {event} on: foitrack record ID {event} (or --batch NAME)")
        raise UsageError(f"name the event after the request: foitrack record {words[0]} EVENT ({', '.join(EVENT_TYPES)})")
    return ids, event


def _record_many(ctx, ids, batch, event_type, on, as_json, skip_bad, **options) -> None:
    from foitrack.publish.views import request_detail

    tracker = tracker_of(ctx)
    built = tracker.build_event(event_type, parse_date_option(ctx, on, "--on"), **options)
    done = tracker.record_many(ids, built, batch=batch, skip_bad=skip_bad)
    for _, name, error in done.skipped:
        warn(f"{name}: not recorded: {error.message}")
    for request, evaluation, notes in done.recorded:
        for message in notes:
            warn(message, request)
    if as_json:
        emit_json([request_detail(request, evaluation) for request, evaluation, _ in done.recorded])
    else:
        for request, evaluation, _ in done.recorded:
            typer.echo(_recorded_line(built, request, evaluation))
    if not done.recorded:
        raise FoitrackError(f"nothing was recorded: none of the {len(done.skipped)} requests can take this")
    if not as_json:
        where = f" in batch {done.recorded[0][0].batch}" if batch is not None else ""
        skipped = f"; {len(done.skipped)} skipped (see above)" if done.skipped else ""
        typer.echo(f"Recorded {built.type} on {len(done.recorded)} request{'s' if len(done.recorded) != 1 else ''}{where}{skipped}.")


def _recorded_line(built, request, evaluation) -> str:
    detail = f" ({built.outcome})" if built.outcome else ""
    status = f"now {evaluation.status}"
    if evaluation.due:
        status += f", due {fmt_date(evaluation.due)}"
    return f"Recorded {built.type}{detail} on {fmt_date(built.date)} for {request.id}: {status}."


def _amount(value: Optional[str]):
    if value is None:
        return None
    cleaned = value.strip().lstrip("£").replace(",", "")
    try:
        amount = float(cleaned)
    except ValueError:
        amount = -1.0
    if not amount >= 0 or amount == float("inf"):
        raise UsageError(f"--amount {value!r} is not an amount of money (e.g. 450 or £450.00)")
    return amount


def _record(ctx, request_id, event_type, on, as_json, message=None, **options) -> None:
    from foitrack.publish.views import request_detail

    tracker = tracker_of(ctx)
    when = parse_date_option(ctx, on, "--on")
    built = tracker.build_event(event_type, when, **options)
    kept = []
    if message is not None:  # the email it came in, kept with it
        from foitrack.mail.inbox import message_for_record

        key, documents, kept, problems = message_for_record(tracker, tracker.load_one(request_id), message)
        built = built.model_copy(update={"message_id": key, "documents": documents})
        for problem in problems:
            warn(problem)
    try:
        request, evaluation, notes = tracker.record_explained(request_id, built, kept)
    except Exception:
        for path in kept:  # kept for an event that was not recorded: not left behind
            path.unlink(missing_ok=True)
        raise
    if message is not None:
        from foitrack.mail.inbox import recorded_message

        recorded_message(tracker, key)
    for message_note in notes:
        warn(message_note, request)
    if as_json:
        emit_json(request_detail(request, evaluation))
        return
    typer.echo(_recorded_line(built, request, evaluation))


@app.command(epilog=OUTCOME_EPILOG)
def respond(
    ctx: typer.Context,
    request_id: str = typer.Argument(..., metavar="ID", help="The request's id, or any unique part of it."),
    outcome: str = typer.Option(
        ...,
        "--outcome",
        "-o",
        help=f"One of: {', '.join(OUTCOMES)}; or the words people use, e.g. 'not held', NCND, part, full (listed below).",
    ),
    on: Optional[str] = typer.Option(None, "--on", metavar="DATE", help="When the response came (default: --as-of, else today; never after --as-of)."),
    exemption: List[str] = typer.Option([], "--exemption", "-x", help="An exemption cited (s43(2), 'section 40', reg12(5)(e); the request's law may be named, e.g. 'FOISA s35'); repeatable."),
    note_text: Optional[str] = typer.Option(None, "--note", help="A note kept with the response."),
    ref: Optional[str] = typer.Option(None, "--ref", help="The authority's reference."),
    as_json: bool = typer.Option(False, "--json", help="Print the updated request as JSON."),
) -> None:
    """Record the authority's response.

    A second response is kept as a further response: reports use the latest outcome and the first
    response's date for timeliness."""
    _record(
        ctx,
        request_id,
        "responded",
        on,
        as_json,
        outcome=outcome,
        exemptions=exemption,
        note=note_text,
        ref=ref,
    )


@app.command()
def edit(
    ctx: typer.Context,
    request_id: str = typer.Argument(..., metavar="ID", help="The request's id, or any unique part of it."),
    authority: Optional[str] = typer.Option(
        None, "--authority", "-a", help="The right authority, read as new -a reads it; its law comes with it."
    ),
    subject: Optional[str] = typer.Option(None, "--subject", "-s", help="A new title for the request."),
    email: Optional[str] = typer.Option(
        None, "--email", metavar="ADDRESS", help="The address the request went to (its chasers go there)."
    ),
    no_email: bool = typer.Option(False, "--no-email", help="Take the request's own address out."),
    tag: List[str] = typer.Option([], "--tag", "-t", help="Add a tag; repeatable."),
    untag: List[str] = typer.Option([], "--untag", help="Take a tag off; repeatable."),
    batch: Optional[str] = typer.Option(None, "--batch", help="Put the request in this batch."),
    no_batch: bool = typer.Option(False, "--no-batch", help="Take the request out of its batch."),
    regime: Optional[str] = typer.Option(
        None, "--regime", help=f"The law it is made under: {', '.join(REGIMES)} (default: follows --authority)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
    allow_duplicate: bool = typer.Option(
        False, "--allow-duplicate", help="Edit it even if that makes it the same request as another (authority, subject, date sent)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the edited request as JSON."),
) -> None:
    """Correct a request's authority, subject, address, tags, batch or law.

    Checked as new checks them. Only the lines of the keys that change are rewritten: comments,
    keys of your own and events stay as they were. A note event records what changed from what,
    and the change is committed when the tracker is in git. A new authority brings its law when
    the request was under the old one's default (PSoS, logged under FOIA, becomes Police Scotland
    under FOISA; an EIR request becomes EISR), unless --regime says otherwise. The id stays the
    same. As new does, edit refuses to make the request the same as another (authority, subject
    and date sent) unless --allow-duplicate. --dry-run shows the change and writes nothing."""
    from foitrack.publish.views import request_detail
    from foitrack.tracker import describe_change

    tracker = tracker_of(ctx)
    done = tracker.edit(
        request_id,
        authority=authority,
        subject=subject,
        email=email,
        remove_email=no_email,
        tags=tag,
        untags=untag,
        batch=batch,
        remove_batch=no_batch,
        regime=require_choice(regime, tuple(REGIMES), "--regime"),
        dry_run=dry_run,
        allow_duplicate=allow_duplicate,
    )
    for message in done.notes:
        note(message)
    request = done.request
    evaluation = tracker.evaluate(request)
    if done.changed("authority") and request.email and not done.changed("email"):
        warn(
            f"{request.id} still goes to {request.email}: if that is the old authority's address, "
            "give --email ADDRESS or --no-email"
        )
    if as_json:
        detail = request_detail(request, evaluation)
        detail["changes"] = [{"key": key, "from": old, "to": new} for key, old, new in done.changes]
        emit_json(detail)
        return
    if not done.changes:
        typer.echo(f"Nothing to change: {request.id} already reads that way.")
        return
    typer.echo(f"{'Would edit' if dry_run else 'Edited'} {request.id}:")
    for key, old, new in done.changes:
        typer.echo(f"  {describe_change(key, old, new)}")
    status = f"{'Would be' if dry_run else 'Now'} {evaluation.status}"
    if done.changed("authority") or done.changed("regime"):  # say the law and what it does to the deadline
        status += f" under the {REGIMES[request.regime]}"
    if evaluation.due:
        status += f", due {fmt_date(evaluation.due)}"
        before = tracker.evaluate(done.before).due
        if before is not None and before != evaluation.due:
            status += f" (was {fmt_date(before)})"
    typer.echo(status + ("; nothing was written (--dry-run)." if dry_run else "."))


@app.command()
def check(
    ctx: typer.Context,
    clean: bool = typer.Option(
        False, "--clean", help="First clear away what writes that were cut off left behind (see below)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Validate every request file; report every problem as PATH:LINE: message (exit 1 if any).

    It also finds what a write cut off by a crash, a kill or a full disk left behind: hidden
    .NAME.XXXXXXXX.tmp files beside a request file or foitrack.toml, and empty request files.
    --clean clears them away: a leftover copy, or an update or new request that never finished,
    is deleted (the file it was for is as it was before that command); an empty request file
    gets its content back from a leftover that holds it, or else is removed."""
    tracker = tracker_of(ctx)
    if clean:
        for leftover in tracker.clean():
            verb = {"restore": "put back", "empty": "removed empty file"}.get(leftover.kind, "deleted")
            shown = leftover.target if leftover.kind in ("restore", "empty") else leftover.path
            print(f"foitrack: {verb} {shown}{leftover.what if leftover.kind == 'restore' else ''}", file=sys.stderr)
    problems = tracker.check()
    if as_json:
        emit_json({"problems": [problem.to_json() for problem in problems]})
    else:
        for problem in problems:
            typer.echo(str(problem))
        count = len(tracker.store.request_paths())
        if problems:
            files = len({problem.path for problem in problems})
            print(
                f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} "
                f"file{'s' if files != 1 else ''}.",
                file=sys.stderr,
            )
        else:
            typer.echo(
                "The request file is valid." if count == 1 else f"All {count} request files are valid."
            )
    if problems:
        raise typer.Exit(EXIT_PROBLEMS)
