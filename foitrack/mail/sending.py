"""`foitrack send` (and `new --send`): drafts become emails, one per authority, and a request is
recorded as sent only once the server has accepted it.

For each request, in order:
1. decide, under the tracker lock, re-reading its file: is it still a draft (or, with
   `--resend`, still as it was when the command started)? Then claim it (`store.claims`), so no
   other foitrack command run at the same time can send it too;
2. send it, over the one SMTP connection the batch shares (`smtp.SmtpSession`);
3. record, under the lock, re-reading the file again: `sent` (today) and `message_id` in the
   header by a surgical header edit, and a copy of the message as sent under
   `documents/<id>/`, committed together; then release the claim.
A message the server did not accept leaves its request a draft with nothing recorded. One the
server took and then hung up on may have arrived: it is recorded as sent with
`delivery = "uncertain"`, said loudly, and never sent again without `--resend`. So is a message
whose command was killed while sending it (its claim is found, stale, by the next run).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from foitrack.errors import FoitrackError, UsageError
from foitrack.law.explain import plural
from foitrack.law.statutes import LAWS
from foitrack.mail.chasing import address_for, keep_copy
from foitrack.store.model import Event, Request

# What an FOI officer expects a request's subject line to say: the law it is made under.
REQUEST_TITLES = {
    "foia": "Freedom of Information request",
    "eir": "Environmental Information Regulations request",
    "foisa": "Freedom of Information (Scotland) Act request",
    "eisr": "Environmental Information (Scotland) Regulations request",
    "sar": "Subject access request",
}

# The placeholders a request's text may use, filled in for each authority when it is drafted.
REQUEST_PLACEHOLDERS: dict[str, str] = {
    "authority": "the authority's proper name, e.g. London Borough of Hackney",
    "subject": "the request's subject",
    "requester_name": "[requester] name",
    "requester_email": "[requester] email",
    "act": "the law the request is made under, e.g. the Freedom of Information Act 2000",
    "request_kind": "'Freedom of Information request', 'request for environmental information' ...",
}
_PLACEHOLDER = re.compile(r"\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")


def request_subject(request: Request) -> str:
    """'Freedom of Information request: Contacts with Fusus'."""
    return f"{REQUEST_TITLES[request.regime]}: {request.subject}"


def fill_request_text(
    text: str, *, authority: str, regime: str, subject: str, requester_name: str | None,
    requester_email: str | None, settings_path: Any = "foitrack.toml",
) -> str:
    """The request's text for one authority: each $placeholder filled, $$ a dollar sign. Other
    dollar signs ('$5m') are left as written; a $word that is not a placeholder is an error, as
    a misspelt $authorty would otherwise go to every authority in a batch."""
    law = LAWS[regime]
    values = {
        "authority": authority,
        "subject": subject,
        "requester_name": requester_name,
        "requester_email": requester_email,
        "act": law.act,
        "request_kind": law.request_kind,
    }

    def one(match: re.Match) -> str:
        if match.group(1):
            return "$"
        name = match.group(2) or match.group(3)
        if name not in values:
            known = ", ".join(f"${key}" for key in REQUEST_PLACEHOLDERS)
            raise UsageError(
                f"the request's text has ${name}, which is not a placeholder (they are {known}; "
                "write $$ for a dollar sign); nothing was written"
            )
        value = values[name]
        if not value:
            raise UsageError(
                f"the request's text uses ${name}, but {settings_path} has no [requester] "
                f"{name.removeprefix('requester_')}: add it, e.g. [requester] name = \"A. Reporter\"; nothing was written"
            )
        return value

    from foitrack.mail.lettertemplates import reflow_paragraph

    # Paragraph by paragraph: one that a long name made too wide is filled again; the rest of the
    # text stays exactly as written.
    parts = re.split(r"(\n[ \t]*\n)", text)
    for index in range(0, len(parts), 2):
        filled = _PLACEHOLDER.sub(one, parts[index])
        if filled != parts[index]:
            ending = filled[len(filled.rstrip("\n")):]
            filled = reflow_paragraph(filled.rstrip("\n")) + ending
        parts[index] = filled
    return "".join(parts)


@dataclass
class Delivery:
    """What became of one request. `status`: sent, uncertain (may have arrived; recorded as sent
    with delivery = "uncertain"), failed, no-address, or skipped (someone else sent it
    meanwhile, or is sending it now)."""

    request: Request
    to: str | None = None
    message: Any = None  # EmailMessage
    status: str = "pending"
    error: str | None = None
    documents: list[str] = field(default_factory=list)
    recorded: bool = False

    @property
    def message_id(self) -> str | None:
        if self.status in ("sent", "uncertain") and self.message is not None:
            return self.message["Message-ID"]
        return self._claimed_id

    _claimed_id: str | None = None

    def json(self) -> dict[str, Any]:
        request = self.request
        return {
            "id": request.id,
            "authority": request.authority,
            "to": self.to,
            "message_id": self.message_id,
            "status": self.status,
            "error": self.error,
            "subject": self.message["Subject"] if self.message is not None else request_subject(request),
            "recorded": self.recorded,
            "documents": self.documents,
            "path": str(request.path),
        }


@dataclass
class SendReport:
    deliveries: list[Delivery]
    passed_over: list[str]  # one line each: requests not sent and why (already sent ...)
    sent_copies: str | None = None  # a warning: the copies to the Sent folder failed

    @property
    def failed(self) -> list[Delivery]:
        """What makes the command exit 1: not sent, no address, possibly sent, or sent but not
        recorded. (A request another command sent meanwhile is not a failure.)"""
        return [
            d for d in self.deliveries
            if d.status in ("failed", "no-address", "uncertain") or (d.status == "sent" and not d.recorded)
        ]

    def summary(self) -> str:
        count = len(self.deliveries)
        by = {status: [d for d in self.deliveries if d.status == status] for status in ("sent", "uncertain", "failed", "no-address", "skipped")}
        if not count:
            return "Nothing to send: " + ("; ".join(self.passed_over) if self.passed_over else "no drafts") + "."
        parts = [f"Sent {len(by['sent'])} of {plural(count, 'request')}"]
        if by["uncertain"]:
            parts.append(f"{len(by['uncertain'])} possibly sent ({_ids(by['uncertain'])}): not sent again without --resend")
        if by["failed"]:
            parts.append(f"{len(by['failed'])} not sent, still drafts ({_ids(by['failed'])})")
        if by["no-address"]:
            parts.append(f"{len(by['no-address'])} without an address ({_ids(by['no-address'])})")
        if by["skipped"]:
            parts.append(f"{len(by['skipped'])} passed over ({_ids(by['skipped'])})")
        unrecorded = [d for d in self.deliveries if d.status in ("sent", "uncertain") and not d.recorded]
        if unrecorded:
            parts.append(f"{len(unrecorded)} sent but not recorded ({_ids(unrecorded)})")
        return "; ".join(parts) + "."


def _ids(deliveries: list[Delivery]) -> str:
    return ", ".join(d.request.id for d in deliveries)


# ---------------------------------------------------------------------------------------------
# Choosing what to send.


def choose(tracker, ids: list[str], *, batch: str | None, resend: bool) -> tuple[list[Request], list[str]]:
    """The requests `send` is asked to send, and lines about those passed over.

    Named requests: each must be a draft (one already sent is a usage error naming it, unless
    --resend). A batch, or nothing: its drafts (every draft, with nothing named); those already
    sent are passed over, so a rerun after a failure sends only the rest."""
    if resend and not ids:
        raise UsageError("--resend sends requests again: name each one (foitrack send ID --resend)")
    tracker.store.require()
    passed: list[str] = []
    if ids:
        paths = list(dict.fromkeys(tracker.resolve(fragment) for fragment in ids))
        requests = []
        for path in paths:
            loaded = tracker.store.read(path)
            if loaded.request is None:
                raise FoitrackError(f"{loaded.problems[0]}; fix the file (see 'foitrack check'), then send it")
            requests.append(loaded.request)
        if batch:
            requests = tracker.matching(requests, batch=batch)
        if not resend:
            sent = [request for request in requests if not request.is_draft]
            if sent:
                request = sent[0]
                raise UsageError(
                    f"{request.id} ({request.authority}) was already sent on {request.sent:%d %b %Y}"
                    f"{_as(request)}; nothing was sent. To send it again, add --resend"
                )
        return requests, passed
    requests, problems = tracker.load_all()
    for problem in problems:
        passed.append(f"skipped {problem}")
    chosen = tracker.matching(requests, batch=batch) if batch else requests
    drafts = [request for request in chosen if request.is_draft]
    already = [request for request in chosen if not request.is_draft]
    if batch and already:
        passed.append(f"{plural(len(already), 'request')} of the batch already sent")
    if batch and not chosen:
        raise UsageError(f"no request is in a batch matching {batch!r}: 'foitrack list' shows the batches")
    return sorted(drafts, key=lambda r: (r.logged_on, r.authority, r.id)), passed


def _as(request: Request) -> str:
    return f" as {request.message_id}" if request.message_id else ""


def no_address(tracker, request: Request) -> str:
    from foitrack.settings import toml_key

    return (
        f"{request.id} ({request.authority}): no email address, so it was not sent and stays a draft: "
        f"give it one with 'foitrack edit {request.id} --email ADDRESS', or add "
        f"[authorities.{toml_key(request.authority)}] email = \"...\" to foitrack.toml"
    )


def message_for(tracker, request: Request, to: str):
    """The request as an email to `to`, from the requester, dated now."""
    from foitrack.mail.smtp import build_message, recipient_problem

    problem = recipient_problem(to)
    if problem:
        raise FoitrackError(f"{request.id} ({request.authority}): {to!r} is not an email address ({problem})")
    body = (request.body or "").strip("\n")
    if not body.strip():
        raise FoitrackError(
            f"{request.id} ({request.authority}) has no text to send: add body = \"\"\"...\"\"\" to "
            f"{request.path} (or log it with --body-file)"
        )
    return build_message(
        subject=request_subject(request),
        body=body + "\n",
        to=to,
        from_name=tracker.settings.requester_name,
        from_email=tracker.settings.requester_email,
        request_ids=[request.id],
    )


# ---------------------------------------------------------------------------------------------
# Sending.


def send(
    tracker,
    requests: list[Request],
    *,
    resend: bool = False,
    passed_over: list[str] | None = None,
    progress: Callable[[Delivery], None] | None = None,
) -> SendReport:
    """Send each request over one connection, claiming, sending and recording one at a time
    (see the module's docstring). Never raises for the server: each request has its Delivery."""
    from foitrack.mail.smtp import Outbox, SmtpSession

    outbox = Outbox.open(tracker, action="send")  # before anything is built, sent or recorded
    report = SendReport([], list(passed_over or []))
    pending: list[Delivery] = []
    for request in requests:
        delivery = Delivery(request, to=address_for(tracker, request))
        report.deliveries.append(delivery)
        if not delivery.to:
            delivery.status, delivery.error = "no-address", no_address(tracker, request)
            continue
        try:
            delivery.message = message_for(tracker, request, delivery.to)
        except FoitrackError as error:
            delivery.status, delivery.error = "failed", error.message
            continue
        pending.append(delivery)
    from foitrack.mail.imap import SentCopies

    copies = SentCopies(tracker)
    with SmtpSession(outbox.smtp, outbox.password) as session:
        for delivery in pending:
            _send_one(tracker, session, delivery, resend=resend, copies=copies)
            if progress is not None:
                progress(delivery)
    report.sent_copies = copies.close()
    return report


def _send_one(tracker, session, delivery: Delivery, *, resend: bool, copies) -> None:
    from foitrack.store.claims import Claims

    request = delivery.request
    claims = Claims(tracker.store.state_dir, tracker.store._ensure_state_dir)
    key = f"request-{request.id}"
    with tracker.store.lock():
        current = _reread(tracker, delivery)
        if current is None:
            return
        if not resend and not current.is_draft:
            delivery.status = "skipped"
            delivery.error = (
                f"{request.id} ({request.authority}) was sent on {current.sent:%d %b %Y}{_as(current)} by another "
                "foitrack command while this one ran; not sent again"
            )
            return
        if resend and current.message_id != request.message_id:
            delivery.status = "skipped"
            delivery.error = f"{request.id} ({request.authority}) was sent again meanwhile{_as(current)}; not sent a third time"
            return
        claim, held = claims.take(key, message_id=delivery.message["Message-ID"], to=delivery.to, kind="request")
        if held is not None:
            _held(tracker, delivery, held, claims)
            return
    result = session.send(delivery.message)
    if not (result.accepted or result.uncertain):
        claims.release(claim)
        delivery.status = "failed"
        delivery.error = f"{request.id} ({request.authority}): not sent, still a draft: {result.error}"
        return
    delivery.status = "sent" if result.accepted else "uncertain"
    if result.uncertain:
        delivery.error = (
            f"{request.id} ({request.authority}): {result.error}. Recorded as possibly sent "
            f"(delivery = \"uncertain\"); check with the authority, and 'foitrack send {request.id} --resend' "
            "sends it again"
        )
    try:
        _record_sent(tracker, delivery, resend=resend, uncertain=result.uncertain)
    except FoitrackError as error:
        # Sent but not recorded: keep the claim, so that no later run sends it again (it will
        # find the claim stale and record the letter as possibly sent).
        delivery.error = (
            f"{request.id} ({request.authority}): sent to {delivery.to} as {delivery.message['Message-ID']} but "
            f"not recorded: {error.message}. Do not send it again: run 'foitrack send' once the file is fixed, "
            "and it will be recorded as possibly sent"
        )
        return
    claims.release(claim)
    copies.keep(delivery.message)


def _reread(tracker, delivery: Delivery) -> Request | None:
    loaded = tracker.store.read(delivery.request.path)
    if loaded.request is None:
        delivery.status = "failed"
        delivery.error = f"{loaded.problems[0]}; not sent: fix the file (see 'foitrack check'), then send it"
        return None
    return loaded.request


def _held(tracker, delivery: Delivery, held, claims) -> None:
    """Another command's claim on the request: it is sending it now, or it died doing so."""
    request = delivery.request
    if not held.stale:
        delivery.status = "skipped"
        delivery.error = (
            f"{request.id} ({request.authority}) is being sent by another foitrack command "
            f"(process {held.info.get('pid')}); not sent twice"
        )
        return
    started = held.started
    when = f" at {started:%H:%M on %d %b %Y}" if started else ""
    delivery.status = "uncertain"
    delivery._claimed_id = held.info.get("message_id")
    delivery.error = (
        f"{request.id} ({request.authority}): an earlier foitrack command stopped while sending it{when}, "
        "so it may have gone. Recorded as possibly sent (delivery = \"uncertain\"), not sent again; "
        f"check with the authority, and 'foitrack send {request.id} --resend' sends it again"
    )
    day = started.date() if started else tracker.today
    try:
        _write_sent(
            tracker, request.path, held.info.get("message_id"), held.info.get("to"), day=day,
            uncertain=True, resend=False, proof=None, why="foitrack stopped while sending it",
        )
    except FoitrackError as error:
        delivery.error += f" (but not recorded: {error.message})"
        return
    delivery.recorded = True
    claims.release(held)


def _record_sent(tracker, delivery: Delivery, *, resend: bool, uncertain: bool) -> None:
    message = delivery.message
    with tracker.store.lock():
        saved = _write_sent(
            tracker, delivery.request.path, message["Message-ID"], delivery.to, day=tracker.today,
            uncertain=uncertain, resend=resend, proof=message,
            why="the server hung up after taking it" if uncertain else None,
        )
    delivery.recorded = True
    delivery.documents = saved


def _write_sent(tracker, path, message_id, to, *, day: dt.date, uncertain: bool, resend: bool, proof, why: str | None) -> list[str]:
    """Record a request as sent (the caller holds the lock): header keys changed in place, a note
    where there is something to say, the copy of the message kept, all committed as one change.
    Returns the documents kept."""
    from foitrack.store.tomltext import REMOVE

    loaded = tracker._read_to_change(path, "recording the sending of")
    current = loaded.request
    changes: dict[str, Any] = {"message_id": message_id}
    notes = []
    if current.is_draft:
        changes["sent"] = day
    elif resend:
        # Sent again: the authority receives it now, and the clock runs from then. Its first
        # sending stays on the record.
        if day > current.date_received:
            changes["received"] = day
        notes.append(
            f"Sent again to {to} as {message_id}; first sent {current.sent:%d %b %Y}"
            + (f" as {current.message_id}" if current.message_id else "")
        )
    if uncertain:
        changes["delivery"] = "uncertain"
        notes.append(f"Possibly sent to {to} as {message_id}: {why}, so it may or may not have arrived")
    elif current.delivery is not None:
        changes["delivery"] = REMOVE
    if current.via is None:
        changes["via"] = "email"
    documents: list[str] = []
    paths = [path]
    if proof is not None:
        saved = keep_copy(tracker, current.id, f"{day.isoformat()} request as sent.eml", proof)
        documents.append(saved.relative)
        paths.append(saved.path)
    event = Event(type="note", date=day, text="; ".join(notes), message_id=message_id, documents=documents) if notes else None
    tracker.store.edit_header(path, loaded.text, changes, event)
    what = "Possibly sent" if uncertain else "Sent again" if resend and not current.is_draft else "Sent"
    tracker._changed(paths, f"{what} FOI request to {current.authority}: {current.subject}")
    return documents


def record_sent(tracker, requests: list[Request], day: dt.date) -> list[Request]:
    """`send ID --record --on DATE`: drafts you sent yourself (by hand, through WhatDoTheyKnow, on
    paper) recorded as sent on `day`, nothing sent. Each is re-read under the lock; one that is
    no longer a draft is refused, as is a day before it was drafted or after today."""
    if day > tracker.today:
        raise UsageError(f"--on {day:%d %b %Y} is in the future; record a request once it has been sent")
    done = []
    for request in requests:
        with tracker.store.lock():
            current = tracker._read_to_change(request.path, "recording the sending of").request
            if not current.is_draft:
                raise UsageError(f"{current.id} ({current.authority}) was already sent on {current.sent:%d %b %Y}")
            if current.drafted and day < current.drafted:
                raise UsageError(f"--on {day:%d %b %Y} is before {current.id} was drafted ({current.drafted:%d %b %Y})")
            loaded = tracker.store.read(request.path)
            tracker.store.edit_header(request.path, loaded.text, {"sent": day}, None)
            tracker._changed([request.path], f"Sent by hand: FOI request to {current.authority}: {current.subject}")
        done.append(tracker.load_one(request.id))
    return done

