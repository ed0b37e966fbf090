"""Commands that send requests and read the replies: send, inbox."""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from foitrack.cli.app import app, emit_json, note, tracker_of, warn
from foitrack.errors import EXIT_PROBLEMS


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
    Outbox.open(tracker, action="send")  # --as-of and [smtp] first, before anything is read or sent
    requests, passed = choose(tracker, list(ids or []), batch=batch, resend=resend)
    send_and_report(tracker, requests, resend=resend, passed_over=passed, as_json=as_json)
