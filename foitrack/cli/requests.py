"""Commands that start a tracker and log requests: init, new."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from foitrack.cli.app import (
    app,
    emit_json,
    fmt_date,
    note,
    parse_date_option,
    require_choice,
    tracker_of,
)
from foitrack.errors import UsageError
from foitrack.vocab import (
    REGIMES,
    VIA,
)


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
        False, "--send", help="Log it and send it now, one email per authority, through the [smtp] server in "
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

