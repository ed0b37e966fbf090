"""`foitrack chase`: from overdue requests to letters, .eml files, sent mail and `chased` events.

The order of work keeps the tracker honest: every setting is checked before anything is written
or sent; a `chased` event is recorded only for a letter the SMTP server accepted (or, with
`--record`, one the user says they will send themselves); a request already chased today, or
within `chase.every` working days, is skipped, so running the command again after a failure
never chases anyone twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foitrack.errors import FoitrackError, UsageError
from foitrack.law.explain import plural
from foitrack.mail.ladder import ChaseState, chase_state
from foitrack.mail.letters import Case, Letter, Requester, chaser, escalation_letter, group_chaser
from foitrack.store.model import Request


@dataclass
class Outcome:
    """What became of one letter."""

    letter: Letter
    message: Any = None  # EmailMessage
    eml: Path | None = None
    sent: bool = False
    recorded: list[str] = field(default_factory=list)  # ids with a new chased event
    error: str | None = None
    uncertain: str | None = None  # the server hung up after taking it: why it may not have arrived
    passed: str | None = None  # not sent: another foitrack command chased (or is chasing) meanwhile
    warnings: list[str] = field(default_factory=list)  # e.g. no copy kept under documents/

    @property
    def to(self) -> str | None:
        return self.letter.to


@dataclass(frozen=True)
class Skip:
    """A request that got no letter, and why. Prints as the line the user sees."""

    request_id: str
    kind: str  # "not-overdue", "recent" (chased within chase.every), "letter" (past the chasers)
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class ChaseReport:
    outcomes: list[Outcome]
    skipped: list[Skip]  # one each: why a request got no letter
    mode: str  # "draft", "record", "send"
    every: int = 5  # chase.every, for the summary
    sent_copies: str | None = None  # a warning: the copies to the Sent folder failed

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]

    def summary(self, out: Path | None = None) -> str:
        """One sentence saying what happened to every letter and every request passed over, e.g.
        'Sent and recorded 0 of 1 letter; 1 without an address; skipped 3 (chased in the last 5
        working days).'"""
        outcomes = self.outcomes
        count = len(outcomes)
        letters = plural(count, "letter")
        if self.mode == "send":
            done = sum(1 for o in outcomes if o.sent and not o.error)
            head = f"Sent and recorded {done} of {letters}"
            possibly = sum(1 for o in outcomes if o.uncertain)
            passed = sum(1 for o in outcomes if o.passed)
        elif self.mode == "record":
            done = sum(1 for o in outcomes if o.recorded and not o.error)
            head = f"Recorded {done} of {letters} as chased (not sent)"
        elif out is not None:
            written = sum(1 for o in outcomes if o.eml)
            head = f"Wrote {written} of {letters} to {out}"
        else:
            head = f"Drafted {letters}"
        parts = [head] if count else []
        no_address = sum(1 for o in outcomes if not o.to)
        if no_address:
            parts.append(f"{no_address} without an address")
        failed = [o for o in outcomes if o.to and o.error and not o.uncertain]
        not_sent = sum(1 for o in failed if not o.sent) if self.mode == "send" else 0
        if not_sent:
            parts.append(f"{not_sent} not sent")
        if self.mode == "send" and possibly:
            parts.append(f"{possibly} possibly sent (the server hung up after taking it; not sent again without --resend)")
        if self.mode == "send" and passed:
            parts.append(f"{passed} chased meanwhile by another foitrack command (not sent again)")
        unrecorded = sum(1 for o in failed if o.sent or self.mode == "record")
        if unrecorded:
            parts.append(f"{unrecorded} {'sent' if self.mode == 'send' else 'drafted'} but not recorded")
        skips = Counter(skip.kind for skip in self.skipped)
        if skips["recent"]:
            when = "today" if self.every <= 0 else f"in the last {plural(self.every, 'working day')}"
            parts.append(f"skipped {skips['recent']} (chased {when})")
        if skips["letter"]:
            parts.append(f"{skips['letter']} past the chasers (next step: foitrack letter)")
        if skips["not-overdue"]:
            parts.append(f"{skips['not-overdue']} not overdue")
        if not count:
            return "Nothing to chase: " + ("; ".join(parts) if parts else "no request is overdue") + "."
        text = "; ".join(parts) + "."
        if self.mode == "draft":
            text = text[:-1] + "; nothing sent or recorded."
            if out is None:
                text += " Send them with --send, write .eml files with --out DIR, or record them with --record."
        return text


def requester_of(tracker) -> Requester:
    return Requester(tracker.settings.requester_name, tracker.settings.requester_email)


def address_for(tracker, request: Request) -> str | None:
    """The request's own email, else the tracker's (or directory's) address for its authority."""
    if request.email and request.email.strip():
        return request.email.strip()
    known = tracker.authority(request.authority)
    return known.email if known is not None and known.email else None


def case_of(tracker, request: Request, evaluation=None) -> Case:
    """A request with what the tracker derives about it: its evaluation (worked out here unless
    given) and the rung it has reached on the ladder."""
    if evaluation is None:
        evaluation = tracker.evaluate(request)
    calendar = tracker.calendar(request.regime)
    state = chase_state(request, evaluation, calendar, every=tracker.settings.chase_every, as_of=tracker.as_of)
    return Case(request, evaluation, state, calendar)


def state_of(tracker, request: Request, evaluation=None) -> ChaseState:
    return case_of(tracker, request, evaluation).state


def candidates(tracker, requests: list[Request], *, named: bool) -> tuple[list[Case], list[Skip]]:
    """The requests a chaser can go to today, and a Skip for each that was passed over."""
    cases: list[Case] = []
    skipped: list[Skip] = []
    seen: set[str] = set()
    for request in requests:
        if request.id in seen:
            continue
        seen.add(request.id)
        case = case_of(tracker, request)
        state, evaluation = case.state, case.evaluation
        if state.stage is None:
            if named:
                due = f", due {evaluation.due:%d %b %Y}" if evaluation.due else ""
                skipped.append(
                    Skip(request.id, "not-overdue", f"{request.id} is not overdue ({evaluation.status}{due}); nothing to chase")
                )
            continue
        if not state.can_chase:
            kind = "letter" if state.stage == 3 else "recent"
            skipped.append(Skip(request.id, kind, f"skipped {request.id}: {state.reason}"))
            continue
        cases.append(case)
    return cases, skipped


def draft(tracker, cases: list[Case], *, group: bool) -> list[Letter]:
    """One letter per request, or with `group` one per authority and address."""
    requester = requester_of(tracker)
    common = dict(
        as_of=tracker.as_of, requester=requester, every=tracker.settings.chase_every, tracker_root=tracker.root
    )
    letters: list[Letter] = []
    if group:
        groups: dict[tuple[str, str | None], list[Case]] = {}
        for case in cases:
            groups.setdefault((case.request.authority, address_for(tracker, case.request)), []).append(case)
        for (_, address), members in groups.items():
            letter = group_chaser(members, **common)
            letter.to = address
            letters.append(letter)
    else:
        for case in cases:
            letter = chaser(case, **common)
            letter.to = address_for(tracker, case.request)
            letters.append(letter)
    return letters


def message_for(tracker, letter: Letter):
    """The letter as an email, dated now. Raises FoitrackError naming the request when its
    address cannot go in a To: header, so no .eml or sent message is ever defective."""
    from foitrack.mail.smtp import build_message, recipient_problem

    if letter.to:
        problem = recipient_problem(letter.to)
        if problem:
            raise FoitrackError(
                f"{_who(letter)}: {letter.to!r} is not an email address ({problem}); "
                f"fix the email = line in {_where_address(tracker, letter)}"
            )
    sender = tracker.settings.requester_email
    if sender and recipient_problem(sender):
        raise FoitrackError(
            f"[requester] email {sender!r} in {tracker.settings.path} is not an email address "
            f"({recipient_problem(sender)}): fix it, e.g. email = \"you@example.org\""
        )
    parents, references = thread_of(letter.requests)
    return build_message(
        subject=letter.subject,
        body=letter.body,
        to=letter.to,
        from_name=tracker.settings.requester_name,
        from_email=tracker.settings.requester_email,
        request_ids=letter.ids,
        parents=parents,
        references=references,
    )


def thread_of(requests: list[Request]) -> tuple[list[str], list[str]]:
    """The Message-IDs a letter about these requests replies to (each request's, as foitrack
    sent it) and the rest of their threads (the mail sent and read since, oldest first), so
    that it lands in the authority's case thread."""
    parents = [request.message_id for request in requests if request.message_id]
    later = sorted(
        ((event.date, index, event.message_id) for request in requests for index, event in enumerate(request.events) if event.message_id),
    )
    return parents, [message_id for _, _, message_id in later]


def _where_address(tracker, letter: Letter) -> str:
    """Where a letter's address came from: the request file, else foitrack.toml."""
    own = [request for request in letter.requests if request.email and request.email.strip() == letter.to]
    if own and own[0].path is not None:
        return str(own[0].path)
    return str(tracker.settings.path)


def eml_name(letter: Letter) -> str:
    from foitrack.store.folder import slugify

    if len(letter.requests) == 1:
        stem = letter.requests[0].id
    else:
        stem = f"{letter.date.isoformat()}-{slugify(letter.authority, 40)}-{len(letter.requests)}-requests"
    return f"{stem}-stage{letter.stage}.eml"


def no_address_message(tracker, letter: Letter) -> str:
    from foitrack.settings import toml_key

    ids = ", ".join(letter.ids)
    return (
        f"no email address for {ids} ({letter.authority}): add email = \"...\" to the request file, "
        f"or [authorities.{toml_key(letter.authority)}] email = \"...\" to foitrack.toml"
    )


def run(
    tracker,
    requests: list[Request],
    *,
    named: bool,
    send: bool = False,
    record: bool = False,
    out: Path | None = None,
    group: bool = False,
    resend: bool = False,
) -> ChaseReport:
    """Draft, write, send and record, in that order, as the options ask. With `resend`, a
    chaser recorded as possibly sent (the server hung up after taking it) does not count, so
    the letter goes again."""
    from foitrack.mail.smtp import Outbox, write_eml

    settings = tracker.settings
    outbox = Outbox.open(tracker) if send else None  # before anything is drafted, written or sent
    if out is not None and out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    if resend:
        requests = [_without_uncertain_chasers(request) for request in requests]
    cases, skipped = candidates(tracker, requests, named=named)
    mode = "send" if send else "record" if record else "draft"
    report = ChaseReport([], [], mode, every=settings.chase_every)
    outcomes = [Outcome(letter) for letter in draft(tracker, cases, group=group)]
    emailing = send or out is not None
    for outcome in outcomes:
        if not outcome.to and emailing:
            outcome.error = no_address_message(tracker, outcome.letter)
            continue
        try:
            outcome.message = message_for(tracker, outcome.letter)
        except FoitrackError as error:  # a bad address: that letter fails, the others go
            outcome.error = error.message
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise FoitrackError(f"--out {out}: cannot create the folder ({error.strerror})") from None
        for outcome in outcomes:
            if outcome.error is None:
                outcome.eml = write_eml(outcome.message, out / eml_name(outcome.letter), unsent=not send)
    if send:
        from foitrack.mail.imap import SentCopies
        from foitrack.mail.smtp import SmtpSession
        from foitrack.store.claims import Claims

        copies = SentCopies(tracker)
        claims = Claims(tracker.store.state_dir, tracker.store._ensure_state_dir)
        with SmtpSession(outbox.smtp, outbox.password) as session:
            for outcome in outcomes:
                if outcome.error is None:
                    _send_exclusively(tracker, session, claims, outcome, copies, resend=resend)
        report.sent_copies = copies.close()
    elif record:
        for outcome in outcomes:
            if outcome.error is None:
                _record(tracker, outcome)
    report.outcomes, report.skipped, report.mode = outcomes, skipped, mode
    return report


def _without_uncertain_chasers(request: Request) -> Request:
    """The request as if the chasers that may not have arrived had not been sent."""
    if not any(event.type == "chased" and event.delivery == "uncertain" for event in request.events):
        return request
    copy = request.model_copy(deep=True)
    copy.events = [e for e in copy.events if not (e.type == "chased" and e.delivery == "uncertain")]
    return copy.bind(request.id, request.path)


def _send_exclusively(tracker, session, claims, outcome: Outcome, copies, *, resend: bool) -> None:
    """Decide again, on the files as they are now and under the tracker lock, that the letter is
    still due, and claim its requests; send; record; release. So two `chase --send` run at once
    (or `due --chase --send`) never send the same authority the same chaser twice."""
    letter = outcome.letter
    taken = []
    with tracker.store.lock():
        for request in letter.requests:
            loaded = tracker.store.read(request.path)
            if loaded.request is None:
                outcome.error = f"{loaded.problems[0]}; not sent: fix the file (see 'foitrack check'), then chase it"
                break
            current = _without_uncertain_chasers(loaded.request) if resend else loaded.request
            state = state_of(tracker, current)
            if state.stage is None or not state.can_chase:
                outcome.passed = f"{request.id} ({request.authority}): chased meanwhile by another foitrack command; not sent again"
                break
            claim, held = claims.take(
                f"chase-{request.id}", message_id=outcome.message["Message-ID"], to=outcome.to,
                stage=letter.stage, kind="chase",
            )
            if held is not None:
                outcome.passed = _held_chase(tracker, claims, held, request)
                break
            taken.append(claim)
        if outcome.passed or outcome.error:
            for claim in taken:
                claims.release(claim)
            return
    result = session.send(outcome.message)
    if not (result.accepted or result.uncertain):
        for claim in taken:
            claims.release(claim)
        outcome.error = f"{_who(letter)}: not sent: {result.error}"
        return
    outcome.sent = True
    if result.uncertain:
        outcome.uncertain = result.error
    _record(tracker, outcome)  # straight away: a later failure cannot lose it
    if outcome.error is None and outcome.uncertain:
        outcome.error = (
            f"{_who(letter)}: {outcome.uncertain}. Recorded as possibly sent (delivery = \"uncertain\"), and not "
            f"sent again unless you ask: 'foitrack chase {' '.join(letter.ids)} --send --resend'"
        )
        release = True
    else:
        release = outcome.error is None
    if release:  # recorded: the claims have done their work
        for claim in taken:
            claims.release(claim)
    # (Not recorded: the claims stay, so no later run sends it again; it finds them stale and
    # records the letter as possibly sent.)
    if result.accepted:
        copies.keep(outcome.message)


def _held_chase(tracker, claims, held, request: Request) -> str:
    """Another command's claim on chasing the request: it is sending now, or died doing so."""
    if not held.stale:
        return (
            f"{request.id} ({request.authority}): being chased by another foitrack command "
            f"(process {held.info.get('pid')}); not sent twice"
        )
    started = held.started
    day = started.date() if started else tracker.today
    event = tracker.build_event(
        "chased", day, to=held.info.get("to"), stage=held.info.get("stage"), message_id=held.info.get("message_id"),
        delivery="uncertain", note="foitrack stopped while sending this chaser, so it may have gone",
    )
    try:
        tracker.record(request.id, event)
    except FoitrackError as error:
        return f"{request.id} ({request.authority}): a chaser may have gone earlier, but recording it failed: {error.message}"
    claims.release(held)
    return (
        f"{request.id} ({request.authority}): an earlier foitrack command stopped while sending a chaser, so it may "
        "have gone: recorded as possibly sent, not sent again ('chase ID --send --resend' sends it again)"
    )


def _who(letter: Letter) -> str:
    """'hackney (London Borough of Hackney)': the requests a letter is about, and to whom."""
    return f"{', '.join(letter.ids)} ({letter.authority})"


def _record(tracker, outcome: Outcome) -> None:
    letter = outcome.letter
    note = f"one letter covering {len(letter.requests)} requests" if len(letter.requests) > 1 else None
    problems: list[tuple[str, str]] = []
    for request in letter.requests:
        mail: dict[str, Any] = {}
        kept: list[Path] = []
        if outcome.sent:  # the letter as sent: its Message-ID, and a copy kept as proof
            mail["message_id"] = outcome.message["Message-ID"]
            try:
                saved = keep_copy(tracker, request.id, f"{tracker.today.isoformat()} {letter.kind} as sent.eml", outcome.message)
            except FoitrackError as error:
                outcome.warnings.append(f"{request.id}: sent, but no copy of the letter was kept: {error.message}")
            else:
                mail["documents"] = [saved.relative]
                kept.append(saved.path)
        if outcome.uncertain:
            mail["delivery"] = "uncertain"
            note = "; ".join(filter(None, [note, f"possibly sent: {outcome.uncertain}"]))
        event = tracker.build_event("chased", tracker.as_of, to=outcome.to, stage=letter.stage, note=note, **mail)
        try:
            tracker.record(request.id, event, documents=kept)
        except FoitrackError as error:
            problems.append((request.id, error.message))
        else:
            outcome.recorded.append(request.id)
    if problems:
        what = "sent" if outcome.sent else "drafted"
        ids = " ".join(request_id for request_id, _ in problems)
        outcome.error = (
            f"{what} but not recorded: {'; '.join(f'{i}: {m}' for i, m in problems)}; "
            f"once that is fixed, record it with 'foitrack chase {ids} --record'"
        )


def keep_copy(tracker, request_id: str, name: str, message):
    """A copy of a message as sent, kept with the request under documents/ (store.documents)."""
    from foitrack.store.documents import Documents

    return Documents(tracker.root).save(request_id, name, message.as_bytes())


def outcome_rows(report: ChaseReport) -> list[dict[str, Any]]:
    """`chase --json`: one row per request per letter."""
    from foitrack.dates import iso

    rows = []
    for number, outcome in enumerate(report.outcomes, 1):
        letter = outcome.letter
        for case in letter.cases:
            request, evaluation = case.request, case.evaluation
            rows.append(
                {
                    "id": request.id,
                    "authority": request.authority,
                    "to": outcome.to,
                    "subject": request.subject,
                    "stage": letter.stage,
                    "sent": outcome.sent,
                    "recorded": request.id in outcome.recorded,
                    "letter": number,
                    "kind": letter.kind,
                    "email_subject": letter.subject,
                    "date": iso(letter.date),
                    "request_sent": iso(request.sent),
                    "regime": request.regime,
                    "due": iso(evaluation.response_due),
                    "working_days_overdue": evaluation.working_days_overdue,
                    "eml": str(outcome.eml) if outcome.eml else None,
                    "message_id": outcome.message["Message-ID"] if outcome.sent else None,
                    "error": outcome.error,
                    "delivery": "uncertain" if outcome.uncertain else None,
                    "skipped": outcome.passed,
                    "body": letter.body,
                }
            )
    return rows


def escalate(tracker, fragment: str, kind: str, *, grounds: str | None = None) -> Letter:
    """`foitrack letter ID review|complaint`."""
    request = tracker.load_one(fragment)
    case = case_of(tracker, request)
    letter = escalation_letter(
        case,
        kind,
        as_of=tracker.as_of,
        requester=requester_of(tracker),
        every=tracker.settings.chase_every,
        tracker_root=tracker.root,
        grounds=grounds,
    )
    if kind == "review":
        letter.to = address_for(tracker, request)
    return letter


@dataclass
class LetterSent:
    """`letter ID review|complaint --send`: what went, and the event recorded for it."""

    letter: Letter
    message: Any
    event: Any = None  # the Event recorded
    uncertain: str | None = None  # why it may not have arrived
    sent_copies: str | None = None  # a warning: no copy could go to the Sent folder


def send_letter(tracker, letter: Letter, kind: str) -> LetterSent:
    """Email a review request to the authority, or a complaint to a commissioner who takes them
    by email, now; then record `review-requested` or `complained` with the letter's Message-ID
    and a copy of it as sent. Raises, with nothing recorded, when it was not sent."""
    from foitrack.mail.smtp import Outbox

    outbox = Outbox.open(tracker, action="letter --send")
    request = letter.requests[0]
    if not letter.to:
        if kind == "complaint":
            raise UsageError(
                f"{request.id}: {letter.how_to_send or 'the commissioner does not take complaints by email'}; "
                f"it cannot be emailed, so nothing was sent: write it out with --out FILE, send it that way, then "
                f"'foitrack record {request.id} complained --ref REF'"
            )
        raise FoitrackError(no_address_message(tracker, letter) + "; nothing was sent")
    from foitrack.store.claims import Claims

    message = message_for(tracker, letter)
    event_type = "review-requested" if kind == "review" else "complained"
    claims = Claims(tracker.store.state_dir, tracker.store._ensure_state_dir)
    with tracker.store.lock():  # decide again on the file as it is, and claim the letter
        current = tracker.store.read(request.path).request
        if current is not None and len(current.events_of(event_type)) > len(request.events_of(event_type)):
            raise FoitrackError(f"{_who(letter)}: {event_type} was recorded meanwhile by another command; nothing was sent")
        claim, held = claims.take(f"letter-{kind}-{request.id}", message_id=message["Message-ID"], to=letter.to, kind=kind)
        if held is not None:
            if held.stale:
                claims.release(held)
                raise FoitrackError(
                    f"{_who(letter)}: an earlier foitrack command stopped while sending this {kind} letter "
                    f"({held.info.get('message_id')}), so it may have gone; check your Sent folder, then record it "
                    f"with 'foitrack record {request.id} {event_type}', or run this again to send it"
                )
            raise FoitrackError(f"{_who(letter)}: this letter is being sent by another foitrack command; nothing was sent")
    [result] = outbox.send([message])
    if not (result.accepted or result.uncertain):
        claims.release(claim)
        raise FoitrackError(f"{_who(letter)}: not sent: {result.error}; nothing was recorded")
    saved = keep_copy(tracker, request.id, f"{tracker.today.isoformat()} {kind} as sent.eml", message)
    mail: dict[str, Any] = {"message_id": message["Message-ID"], "documents": [saved.relative], "to": letter.to}
    if result.uncertain:
        mail.update(delivery="uncertain", note=f"Possibly sent: {result.error}")
    event = tracker.build_event(event_type, tracker.as_of, **mail)
    tracker.record(request.id, event, documents=[saved.path])
    claims.release(claim)
    from foitrack.mail.imap import SentCopies

    copies = SentCopies(tracker)
    copies.keep(message)
    return LetterSent(letter, message, event, result.error if result.uncertain else None, copies.close())


def due_fields(tracker, request: Request, evaluation) -> dict[str, Any]:
    """The keys `due --json` adds: the rung reached and the last chaser."""
    from foitrack.dates import iso

    state = state_of(tracker, request, evaluation)
    return {
        "stage": state.stage,
        "next_step": state.next_step,
        "last_chased": iso(state.last_chased),
        "chase_from": iso(state.wait_until),
    }
