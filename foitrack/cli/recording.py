"""Commands that change a request: record (an event on one request or many), respond (the
authority's response), edit (its header)."""

from __future__ import annotations

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
    warn,
)
from foitrack.errors import FoitrackError, UsageError
from foitrack.vocab import (
    EVENT_TYPES,
    OUTCOMES,
    REGIMES,
    outcome_words_help,
)

# respond, record and import read the same words for each outcome (foitrack.vocab).
OUTCOME_EPILOG = f"Outcome words (respond, record and import read the same): {outcome_words_help()}."


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

