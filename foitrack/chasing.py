"""`foitrack chase`: from overdue requests to letters, .eml files, sent mail and `chased` events.

The order of work keeps the tracker honest: every setting is checked before anything is written
or sent; a `chased` event is recorded only for a letter the SMTP server accepted (or, with
`--record`, one the user says they will send themselves); a request already chased today, or
within `chase.every` working days, is skipped, so running the command again after a failure
never chases anyone twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foitrack.errors import FoitrackError, UsageError
from foitrack.letters import Case, Letter, Requester, chase_state, chaser, escalation_letter, group_chaser
from foitrack.model import Request


@dataclass
class Outcome:
    """What became of one letter."""

    letter: Letter
    to: str | None
    message: Any = None  # EmailMessage
    eml: Path | None = None
    sent: bool = False
    recorded: list[str] = field(default_factory=list)  # ids with a new chased event
    error: str | None = None


@dataclass
class ChaseReport:
    outcomes: list[Outcome]
    skipped: list[str]  # one line each: why a request got no letter
    mode: str  # "draft", "record", "send"

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]


def requester_of(tracker) -> Requester:
    return Requester(tracker.settings.requester_name, tracker.settings.requester_email)


def address_for(tracker, request: Request) -> str | None:
    """The request's own email, else the tracker's (or directory's) address for its authority."""
    if request.email and request.email.strip():
        return request.email.strip()
    known = tracker.authority(request.authority)
    return known.email if known is not None and known.email else None


def state_of(tracker, request: Request, evaluation=None):
    evaluation = evaluation or tracker.evaluate(request)
    return chase_state(
        request,
        evaluation,
        tracker.calendar(request.regime),
        every=tracker.settings.chase_every,
        as_of=tracker.as_of,
    )


def case_of(tracker, request: Request) -> Case:
    evaluation = tracker.evaluate(request)
    return Case(request, evaluation, state_of(tracker, request, evaluation), tracker.calendar(request.regime))


def candidates(tracker, requests: list[Request], *, named: bool) -> tuple[list[Case], list[str]]:
    """The requests a chaser can go to today, and a line for each that was passed over."""
    cases: list[Case] = []
    skipped: list[str] = []
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
                skipped.append(f"{request.id} is not overdue ({evaluation.status}{due}); nothing to chase")
            continue
        if not state.can_chase:
            skipped.append(f"skipped {request.id}: {state.reason}")
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
    from foitrack.mail import build_message

    return build_message(
        subject=letter.subject,
        body=letter.body,
        to=letter.to,
        from_name=tracker.settings.requester_name,
        from_email=tracker.settings.requester_email,
        date=letter.date,
        request_ids=[request.id for request in letter.requests],
    )


def eml_name(letter: Letter) -> str:
    from foitrack.store import slugify

    if len(letter.requests) == 1:
        stem = letter.requests[0].id
    else:
        stem = f"{letter.date.isoformat()}-{slugify(letter.authority, 40)}-{len(letter.requests)}-requests"
    return f"{stem}-stage{letter.stage}.eml"


def no_address_message(tracker, letter: Letter) -> str:
    from foitrack.tracker import _toml_key

    ids = ", ".join(request.id for request in letter.requests)
    return (
        f"no email address for {ids} ({letter.authority}): add email = \"...\" to the request file, "
        f"or [authorities.{_toml_key(letter.authority)}] email = \"...\" to foitrack.toml"
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
) -> ChaseReport:
    """Draft, write, send and record, in that order, as the options ask."""
    from foitrack.mail import SmtpSettings, require_requester, send_messages

    settings = tracker.settings
    smtp = password = None
    if send:
        smtp = SmtpSettings.from_section(settings.data.get("smtp"), settings.path)
        require_requester(settings.requester_email, settings.path)
        password = smtp.password()
    if out is not None:
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {out} is a file, not a folder")
    cases, skipped = candidates(tracker, requests, named=named)
    letters = draft(tracker, cases, group=group)
    mode = "send" if send else "record" if record else "draft"
    outcomes = [Outcome(letter, letter.to) for letter in letters]
    emailing = send or out is not None
    for outcome in outcomes:
        if not outcome.to and emailing:
            outcome.error = no_address_message(tracker, outcome.letter)
        else:
            outcome.message = message_for(tracker, outcome.letter)
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise FoitrackError(f"--out {out}: cannot create the folder ({error.strerror})") from None
        from foitrack.mail import write_eml

        for outcome in outcomes:
            if outcome.error is None:
                outcome.eml = write_eml(outcome.message, out / eml_name(outcome.letter))
    if send:
        pending = [o for o in outcomes if o.error is None]
        results = send_messages(smtp, password, [o.message for o in pending])
        for outcome, result in zip(pending, results, strict=True):
            outcome.sent = result.accepted
            if not result.accepted:
                outcome.error = f"not sent: {result.error}"
            else:
                _record(tracker, outcome)  # straight away: a later failure cannot lose it
    elif record:
        for outcome in outcomes:
            if outcome.error is None:
                _record(tracker, outcome)
    return ChaseReport(outcomes, skipped, mode)


def _record(tracker, outcome: Outcome) -> None:
    letter = outcome.letter
    note = f"one letter covering {len(letter.requests)} requests" if len(letter.requests) > 1 else None
    problems: list[tuple[str, str]] = []
    for request in letter.requests:
        event = tracker.build_event("chased", tracker.as_of, to=outcome.to, stage=letter.stage, note=note)
        try:
            tracker.record(request.id, event)
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


def outcome_rows(report: ChaseReport) -> list[dict[str, Any]]:
    """`chase --json`: one row per request per letter."""
    from foitrack.views import iso

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
                    "error": outcome.error,
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


def due_fields(tracker, request: Request, evaluation) -> dict[str, Any]:
    """The keys `due --json` adds: the rung reached and the last chaser."""
    from foitrack.views import iso

    state = state_of(tracker, request, evaluation)
    return {
        "stage": state.stage,
        "next_step": state.next_step,
        "last_chased": iso(state.last_chased),
        "chase_from": iso(state.wait_until),
    }
