"""Commands that send requests and read the replies: send, inbox."""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from foitrack.cli.app import app, emit_json, note, short_id, tracker_of, warn
from foitrack.errors import EXIT_PROBLEMS, UsageError


def _error(message: str) -> None:
    print(f"foitrack: error: {message}", file=sys.stderr)


def progress_bar(total: int, what: str):
    """A progress bar on stderr when it is a terminal and there is more than one thing to do;
    else None (nothing is drawn into a pipe, a log or a test)."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    bar.add_task(what, total=total)
    return bar


def send_and_report(tracker, requests, *, resend: bool = False, passed_over=None, as_json: bool = False) -> None:
    """Send, print one line per request (or JSON), and exit 1 if any was not sent cleanly."""
    from foitrack.mail.sending import send

    bar = progress_bar(len(requests), "Sending")
    step = (lambda delivery: bar.advance(bar.task_ids[0])) if bar is not None else None
    if bar is not None:
        bar.start()
    try:
        report = send(tracker, requests, resend=resend, passed_over=passed_over, progress=step)
    finally:
        if bar is not None:
            bar.stop()
    if report.deliveries:  # with nothing sent, the summary says why
        for line in report.passed_over:
            note(line)
    if as_json:
        emit_json([delivery.json() for delivery in report.deliveries])
    else:
        for delivery in report.deliveries:
            if delivery.status == "sent":
                typer.echo(f"{delivery.request.id}  {delivery.request.authority}  sent to {delivery.to}")
            elif delivery.status == "uncertain":
                typer.echo(f"{delivery.request.id}  {delivery.request.authority}  possibly sent to {delivery.to}")
    for delivery in report.deliveries:
        if delivery.error and delivery.status == "skipped":
            note(delivery.error)
        elif delivery.error:
            _error(delivery.error)
    if report.sent_copies:
        warn(report.sent_copies)
    note(report.summary())  # on stderr, so with --json too
    if report.failed:
        raise typer.Exit(EXIT_PROBLEMS)


@app.command()
def send(
    ctx: typer.Context,
    ids: Optional[List[str]] = typer.Argument(
        None, metavar="ID", help="Drafts to send (any unique part of an id); with none, every draft (or the batch's)."
    ),
    batch: Optional[str] = typer.Option(None, "--batch", "-b", help="Send this batch's drafts (any part of its name)."),
    resend: bool = typer.Option(
        False, "--resend", help="Send the named requests again, though they were sent (or possibly sent) before."
    ),
    record: bool = typer.Option(
        False, "--record", help="Send nothing: record the drafts as sent, by you (by hand, on WhatDoTheyKnow, by post)."
    ),
    on: Optional[str] = typer.Option(None, "--on", metavar="DATE", help="With --record: the day you sent them (default: --as-of, else today)."),
    as_json: bool = typer.Option(False, "--json", help="Print what was sent as JSON."),
) -> None:
    """Send drafts: one email per request, to its authority, through the [smtp] server.

    Each request is recorded as sent (today, with the message's Message-ID, and a copy of the
    message under documents/) once the server accepts it; one not accepted stays a draft, and
    running send again sends only what is left. A request already sent is never sent twice:
    naming one is an error, unless --resend. A message the server took and then hung up on may
    have arrived: it is recorded as possibly sent and not sent again without --resend. With
    [imap] save_sent = true, a copy goes to your Sent folder too. Not with --as-of: mail is sent
    and dated today."""
    from foitrack.mail.sending import choose
    from foitrack.mail.smtp import Outbox

    tracker = tracker_of(ctx)
    if record:
        _record_by_hand(ctx, tracker, list(ids or []), batch, on, as_json)
        return
    if on is not None:
        raise UsageError("--on is for --record: mail foitrack sends goes today")
    Outbox.open(tracker, action="send")  # --as-of and [smtp] first, before anything is read or sent
    requests, passed = choose(tracker, list(ids or []), batch=batch, resend=resend)
    send_and_report(tracker, requests, resend=resend, passed_over=passed, as_json=as_json)


def _record_by_hand(ctx, tracker, ids, batch, on, as_json) -> None:
    from foitrack.cli.app import fmt_date, parse_date_option
    from foitrack.mail.sending import choose, record_sent
    from foitrack.publish.views import new_request_json

    requests, passed = choose(tracker, ids, batch=batch, resend=False)
    if not requests:
        note("Nothing to record: " + ("; ".join(passed) if passed else "no drafts") + ".")
        return
    done = record_sent(tracker, requests, parse_date_option(ctx, on, "--on") or tracker.as_of)
    rows = [(request, tracker.evaluate(request)) for request in done]
    if as_json:
        emit_json([new_request_json(request, evaluation) for request, evaluation in rows])
        return
    for request, evaluation in rows:
        typer.echo(f"{request.id}  {request.authority}  recorded as sent {fmt_date(request.sent)}, due {fmt_date(evaluation.response_due)}")


def _what(item) -> str:
    """'responded (partial; s43(2))', 'acknowledged (ref FOI-1)', 'extended (until 14 Aug 2023)'."""
    from foitrack.store.model import exemption_label

    meaning = item.meaning
    if meaning is None or meaning.event is None:
        return "?"
    details = []
    if meaning.outcome:
        details.append(meaning.outcome)
    if meaning.exemptions:
        regime = item.request.regime if item.request else None
        details.append(", ".join(exemption_label(x, regime) for x in meaning.exemptions))
    if meaning.ref:
        details.append(f"ref {meaning.ref}")
    if meaning.amount is not None:
        details.append(f"£{meaning.amount:,.2f}")
    if meaning.until:
        details.append(f"until {meaning.until:%d %b %Y}")
    if meaning.days:
        details.append(f"+{meaning.days} working days")
    return meaning.event + (f" ({'; '.join(details)})" if details else "")


def _command_for(item) -> str:
    """The command that records a message inbox left for the user, ready to paste: the request
    when there is one (or the only candidate), the reading it made, every value quoted."""
    import shlex

    meaning = item.meaning
    request = item.request
    if request is None and item.match and len(item.match.candidates) == 1:
        request = item.match.candidates[0]
    event = meaning.event if meaning and meaning.event else "EVENT"
    target = request.id if request else "ID"
    options = ""
    if meaning is not None and meaning.event:
        for key, value in meaning.options().items():
            if key == "exemptions":
                options += "".join(f" -x {shlex.quote(x)}" for x in value)
            else:
                options += f" --{key} {shlex.quote(str(value))}"
        if meaning.event == "extended" and meaning.until is None and meaning.days is None:
            options += " --until DATE"  # the message gave no new date: the user says which
    return f"foitrack record {target} {event}{options} --message {shlex.quote(item.key)}"


def _nothing_to_record(item) -> bool:
    """Read, and found to record nothing (a bounce, an automatic reply, a notice): only to dismiss."""
    return item.meaning is not None and item.meaning.event is None


def print_inbox(report) -> None:
    labels = {
        "recorded": "recorded", "would-record": "would record", "needs-decision": "to decide",
        "unmatched": "no request", "already-recorded": "already recorded",
    }
    for item in report.items:
        if item.error:
            continue
        mail = item.mail
        when = f"{mail.date:%d %b %Y}" if mail.date else "undated"
        head = f"{labels[item.action]:<16} {when}  {mail.sender or '(no sender)'}  {mail.subject or '(no subject)'}"
        typer.echo(head)
        request = item.request
        if request is not None:
            typer.echo(f"{'':16} -> {short_id(request.id)} {request.authority}: {_what(item)}")
        elif item.match and item.match.candidates:
            typer.echo(f"{'':16} -> could be {', '.join(short_id(r.id) for r in item.match.candidates)}")
        if item.why:
            typer.echo(f"{'':16}    why: {'; '.join(item.why)}")
        if item.documents:
            typer.echo(f"{'':16}    kept: {', '.join(item.documents)}")
        if item.action == "needs-decision":
            if _nothing_to_record(item):
                typer.echo(f"{'':16}    nothing to record: foitrack inbox --dismiss '{item.key}'")
            else:
                typer.echo(f"{'':16}    record it: {_command_for(item)}")
                typer.echo(f"{'':16}    or leave it: foitrack inbox --dismiss '{item.key}'")


def _ask(item):
    """On a terminal: offer the reading inbox was not sure of, and record it if the user agrees."""
    meaning = item.meaning
    if meaning is None or meaning.event is None or (meaning.event == "responded" and not meaning.outcome):
        return None
    mail = item.mail
    typer.echo(f"{mail.date:%d %b %Y} {mail.sender}: {mail.subject}" if mail.date else f"{mail.sender}: {mail.subject}")
    typer.echo(f"  why: {'; '.join(item.why)}")
    if typer.confirm(f"  Record {_what(item)} on {short_id(item.request.id)} ({item.request.authority})?", default=False):
        meaning.sure = True
        return meaning
    return None


@app.command()
def inbox(
    ctx: typer.Context,
    sources: Optional[List[str]] = typer.Argument(
        None, metavar="SOURCE", help="Maildir folders, mbox files, .eml files or folders of them."
    ),
    imap: bool = typer.Option(False, "--imap", help="Read the [imap] folder (read-only: nothing is marked, moved or deleted)."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE", help="Only messages dated on or after DATE."),
    apply: bool = typer.Option(False, "--apply", help="Record the events inbox is sure of, and keep the documents."),
    everything: bool = typer.Option(False, "--all", help="Read again what earlier runs read."),
    dismiss: List[str] = typer.Option([], "--dismiss", metavar="MSGID", help="Stop listing a message left to decide; repeatable."),
    ask: Optional[bool] = typer.Option(
        None, "--ask/--no-ask", help="With --apply, ask about each message inbox is unsure of (by default, on a terminal)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Read the authorities' replies: which request each is about, what happened, and the documents.

    Matches each message to a request by its thread (a reply to mail foitrack sent), the
    authority's reference, a WhatDoTheyKnow link, or the sender's address and the subject; a
    message that could be two requests', or none's, is listed, never guessed. Reads what the
    authority wrote (not the request quoted below it) and its PDF and Word attachments:
    acknowledgements, clarification, fees, extensions, responses and their exemptions, review
    results, the commissioner. Shows what it would record; --apply records what it is sure of,
    each event carrying the message's Message-ID (so nothing is recorded twice), and keeps the
    message and its attachments under documents/. What it is unsure of is listed with the
    command that records it. Later runs read only new mail."""
    from pathlib import Path

    from foitrack.cli.app import parse_date_option
    from foitrack.mail.inbox import run

    tracker = tracker_of(ctx)
    since_date = parse_date_option(ctx, since, "--since")
    interactive = ask if ask is not None else (sys.stdin.isatty() and sys.stdout.isatty() and not as_json)
    bar = None
    if not as_json and sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn

        bar = Progress(SpinnerColumn(), TextColumn("Reading mail: {task.completed} messages"),
                       console=Console(stderr=True), transient=True)
        bar.add_task("read", total=None)
        bar.start()
    try:
        report = run(
            tracker,
            [Path(source) for source in sources or []],
            imap=imap,
            since=since_date,
            apply=apply,
            everything=everything,
            dismiss=dismiss,
            decide=_ask if (apply and interactive) else None,
            progress=(lambda _: bar.advance(bar.task_ids[0])) if bar is not None else None,
        )
    finally:
        if bar is not None:
            bar.stop()
    if as_json:
        emit_json([item.json() for item in report.items if not item.error])
    else:
        print_inbox(report)
    for line in report.notes:
        note(line)
    for line in report.faults:
        _error(line)
    for item in report.items:
        if item.error:
            _error(item.error)
        for problem in item.problems:
            warn(problem, item.request)
    for line in report.learnt:
        note(f"learnt {line}")
    note(report.summary())
    if report.failed:
        raise typer.Exit(EXIT_PROBLEMS)
