"""Commands that chase and escalate: chase, letter. Also the stage columns `due` shows."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from foitrack.cli.app import app, emit_json, fmt_date, note, report_problems, tracker_of, warn
from foitrack.errors import EXIT_PROBLEMS, FoitrackError, UsageError


def _error(message: str) -> None:
    print(f"foitrack: error: {message}", file=sys.stderr)


def load_named(tracker, ids: list[str]):
    """The requests the ids name. Every id is resolved and every file read before anything is
    done, so an unknown id (a usage error) or a broken file (an error naming PATH:LINE, as `show`
    gives) stops the command with nothing drafted, sent or recorded: the user asked for that
    request by name, and passing over it would report success."""
    from foitrack.law.validation import calendar_problems

    tracker.store.require()
    paths = list(dict.fromkeys(tracker.resolve(fragment) for fragment in ids))
    requests = []
    for path in paths:
        loaded = tracker.store.read(path)
        problems = list(loaded.problems)
        if loaded.request is not None:
            # A date outside foitrack's calendar: reported like a broken file, as load_all does.
            problems += [tracker._located(loaded.request, *where) for where in calendar_problems(loaded.request)[:1]]
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise FoitrackError(f"{problems[0]}{more}; fix the file (see 'foitrack check'), then chase it")
        requests.append(loaded.request)
    return requests


def run_and_report(
    tracker,
    requests,
    *,
    named: bool,
    send: bool,
    record: bool,
    out: Optional[Path],
    group: bool,
    as_json: bool,
    resend: bool = False,
) -> None:
    """Shared by `chase` and `due --chase`: run, print, and exit 1 if any letter failed."""
    from foitrack.mail.chasing import no_address_message, outcome_rows, run

    report = run(tracker, requests, named=named, send=send, record=record, out=out, group=group, resend=resend)
    for line in report.skipped:
        note(line)
    for outcome in report.outcomes:
        if outcome.passed:
            note(outcome.passed)
        for line in outcome.warnings:
            warn(line)
    if as_json:
        emit_json(outcome_rows(report))
    else:
        _print_outcomes(report, out)
    for outcome in report.outcomes:
        if outcome.error:
            _error(outcome.error)
        elif not outcome.to and report.mode in ("draft", "record"):
            warn(no_address_message(tracker, outcome.letter))
    if report.sent_copies:
        warn(report.sent_copies)
    if not as_json:
        _print_summary(report, out)
    if report.failed:
        raise typer.Exit(EXIT_PROBLEMS)


def _what(letter) -> str:
    """'final chaser (stage 2) for ID, ID'"""
    return f"{letter.kind.replace('-', ' ')} (stage {letter.stage}) for {', '.join(letter.ids)}"


def _print_outcomes(report, out: Optional[Path]) -> None:
    """Each letter in full when only drafting; else one line per letter saying what was done."""
    if report.mode == "draft" and out is None:
        for number, outcome in enumerate(report.outcomes, 1):
            if number > 1:
                typer.echo()
            _print_draft(outcome, f"{number}/{len(report.outcomes)}")
        return
    for outcome in report.outcomes:
        if outcome.passed or (outcome.error and not outcome.sent and not outcome.eml):
            continue  # nothing was done; the error (or the note) says why
        done = []
        if outcome.eml:
            done.append(f"wrote {outcome.eml}")
        if outcome.sent:
            done.append(f"{'possibly sent' if outcome.uncertain else 'sent'} to {outcome.to}")
        if outcome.recorded:
            done.append("recorded chased" + (f" on {len(outcome.recorded)} requests" if len(outcome.recorded) > 1 else ""))
        typer.echo(f"{_what(outcome.letter)}: {'; '.join(done)}")


def _print_draft(outcome, position: str) -> None:
    typer.echo(f"=== {position}: {_what(outcome.letter)} ===")
    message = outcome.message
    for header in ("From", "To", "Subject"):
        value = message.get(header) if message is not None else None
        if header == "To" and not value:
            value = "(no address)"
        if value:
            typer.echo(f"{header}: {value}")
    typer.echo()
    typer.echo(outcome.letter.body.rstrip("\n"))


def _print_summary(report, out: Optional[Path]) -> None:
    summary = report.summary(out)
    if not report.outcomes and not report.skipped:
        typer.echo(summary)  # "Nothing to chase: no request is overdue."
    else:
        note(summary)


@app.command()
def chase(
    ctx: typer.Context,
    ids: Optional[List[str]] = typer.Argument(
        None, metavar="ID", help="Requests to chase (any unique part of an id); with none, every overdue request."
    ),
    send: bool = typer.Option(False, "--send", help="Email the letters now through the SMTP server in foitrack.toml and record a chased event for each one the server accepts. Not with --as-of: mail is sent, dated and counted as at today."),
    out: Optional[Path] = typer.Option(None, "--out", metavar="DIR", help="Write one .eml file per letter into DIR."),
    record: bool = typer.Option(False, "--record", help="Record a chased event for each letter without sending (you send them yourself)."),
    group: bool = typer.Option(False, "--group", help="One letter per authority covering all its overdue requests."),
    resend: bool = typer.Option(
        False, "--resend", help="With --send: send again a chaser recorded as possibly sent (the server hung up after taking it)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Draft chasers for overdue requests, and with --send email them.

    Records nothing unless --send or --record. Escalates: chaser, then final chaser, then
    'foitrack letter'."""
    tracker = tracker_of(ctx)
    if ids:
        requests = load_named(tracker, ids)
    else:
        requests, problems = tracker.load_all()
        report_problems(problems)
    if resend and not send:
        raise UsageError("--resend sends a chaser again: use it with --send")
    run_and_report(
        tracker, requests, named=bool(ids), send=send, record=record, out=out, group=group, as_json=as_json,
        resend=resend,
    )


@app.command()
def letter(
    ctx: typer.Context,
    request_id: str = typer.Argument(..., metavar="ID", help="The request's id, or any unique part of it."),
    kind: str = typer.Argument(..., metavar="review|complaint", help="review: ask the authority for a review; complaint: to the commissioner."),
    out: Optional[Path] = typer.Option(None, "--out", metavar="FILE", help="Write the letter to FILE (.eml for an email, else text)."),
    grounds: Optional[str] = typer.Option(None, "--grounds", help="Why you dispute the response, for the letter."),
    send_now: bool = typer.Option(
        False, "--send", help="Email it now through [smtp] (a review to the authority, in the request's thread; a "
        "complaint to the Scottish Commissioner, who takes them by email) and record review-requested or "
        "complained. Not with --as-of."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Draft a request for internal review, or a complaint to the commissioner.

    The complaint goes to the Information Commissioner (by its web form or post), or for
    Scottish requests the Scottish Information Commissioner (by email or post); the letter is
    addressed accordingly and foitrack says how to send it and the deadline for making it.
    With --send it is emailed now and recorded."""
    from foitrack.mail.chasing import escalate, message_for
    from foitrack.dates import iso

    tracker = tracker_of(ctx)
    kind = kind.strip().lower()
    if kind not in ("review", "complaint"):
        raise UsageError(f"{kind!r} is not a letter: use review or complaint")
    if send_now:
        from foitrack.mail.smtp import Outbox

        Outbox.open(tracker, action="letter --send")  # --as-of and [smtp] before anything is drafted
    drafted = escalate(tracker, request_id, kind, grounds=grounds)
    request = drafted.requests[0]
    if send_now:
        _send_letter(tracker, drafted, kind, as_json)
        return
    if out is not None:
        from foitrack.store.atomic import atomic_write

        if out.is_dir():
            raise UsageError(f"--out {out} is a folder; give a file name")
        if not out.parent.is_dir():
            raise UsageError(f"--out {out}: the folder {out.parent} does not exist")
        if out.suffix.lower() == ".eml":
            from foitrack.mail.smtp import write_eml

            write_eml(message_for(tracker, drafted), out, unsent=True)  # a draft: foitrack never sends it
        else:
            atomic_write(out, f"Subject: {drafted.subject}\n\n{drafted.body}")
    if as_json:
        emit_json(
            {
                "id": request.id,
                "authority": request.authority,
                "kind": kind,
                "to": drafted.to,
                "subject": drafted.subject,
                "stage": drafted.stage,
                "deadline": iso(drafted.deadline),
                "date": iso(drafted.date),
                "body": drafted.body,
                "notes": drafted.notes,
                "how_to_send": drafted.how_to_send,
                "path": str(out) if out else None,
            }
        )
    elif out is not None:
        typer.echo(f"wrote {out}")
    else:
        if drafted.to:
            typer.echo(f"To: {drafted.to}")
        typer.echo(f"Subject: {drafted.subject}")
        typer.echo()
        typer.echo(drafted.body.rstrip("\n"))
    for message in drafted.notes:
        warn(message, request)
    if not as_json:
        what = "the review" if kind == "review" else "the complaint"
        if drafted.deadline:
            note(f"deadline for making {what}: {fmt_date(drafted.deadline)}", request)
        elif kind == "complaint":
            unanswered = "review" if request.last_event("review-requested") else "request"
            note(f"no fixed deadline for complaining about a {unanswered} that was never answered; complain promptly", request)
        if drafted.how_to_send:
            note(f"how to send it: {drafted.how_to_send}", request)
        event = "review-requested" if kind == "review" else "complained --ref REF"
        note(f"when you have sent it: foitrack record {request.id} {event}", request)


def _send_letter(tracker, drafted, kind: str, as_json: bool) -> None:
    from foitrack.mail.chasing import send_letter

    request = drafted.requests[0]
    for message in drafted.notes:
        warn(message, request)
    done = send_letter(tracker, drafted, kind)
    what = "review request" if kind == "review" else "complaint"
    if as_json:
        emit_json(
            {
                "id": request.id, "authority": request.authority, "kind": kind, "to": drafted.to,
                "subject": drafted.subject, "message_id": done.message["Message-ID"],
                "status": "uncertain" if done.uncertain else "sent", "error": done.uncertain,
                "event": done.event.type, "documents": done.event.documents,
            }
        )
    else:
        typer.echo(f"{request.id}: {what} sent to {drafted.to}; recorded {done.event.type}")
    if done.sent_copies:
        warn(done.sent_copies, request)
    if done.uncertain:
        _error(f"{request.id}: {done.uncertain}; recorded as possibly sent (delivery = \"uncertain\")")
        raise typer.Exit(EXIT_PROBLEMS)


# -- due: the ladder columns -----------------------------------------------------------------


def stage_label(state) -> str:
    if state.stage is None:
        return ""
    return f"{state.stage} {state.next_step}"


def due_lines(tracker, rows, title: str, *, width: int, styles):
    """`due`'s table, a line at a time (foitrack.cli.tables): the request columns plus the rung
    reached and the last chaser. Under 100 columns the due date and the lateness share a column
    and the stage's name goes (the caption has it), so that a request keeps to one line in an
    80-column terminal."""
    from foitrack.cli.app import STATUS_STYLES
    from foitrack.cli.app import short_id
    from foitrack.cli.listing import name_authorities
    from foitrack.cli.tables import Column, render
    from foitrack.mail.chasing import state_of

    year = tracker.as_of.year

    def short(day) -> str:
        if day is None:
            return ""
        return day.strftime("%d %b") if day.year == year else day.strftime("%d %b %Y")

    wide = width >= 100
    columns = [Column("id"), Column("authority", flex=3, min_width=10), Column("subject", flex=4, min_width=10),
               Column("status"), Column("due")]
    if wide:
        columns.append(Column("late", justify="right"))
    columns += [Column("stage"), Column("chased")]
    cells = []
    for request, evaluation in rows:
        state = state_of(tracker, request, evaluation)
        chased = short(state.last_chased)
        if state.wait_until:
            chased += f" (next {short(state.wait_until)})"
        status = evaluation.status
        row = [short_id(request.id), request.authority, request.subject, (status, STATUS_STYLES.get(status))]
        late = evaluation.working_days_overdue
        if wide:
            row += [short(evaluation.due), str(late) if late else ""]
        else:  # one column: when it is due, or how late it is
            row.append(f"{late} late" if late else short(evaluation.due))
        row += [stage_label(state) if wide else (str(state.stage) if state.stage else ""), chased]
        cells.append(row)
    name_authorities(tracker, columns, cells, 1, width)
    return render(
        columns, cells, width=width, styles=styles, title=title,
        caption="stage: 1 chaser, 2 final chaser, 3 review or complaint ('foitrack letter')",
    )

