"""The letters that climb the chase ladder (`foitrack.mail.ladder`). Pure: no network, no writes.

A chaser for an overdue request; a final chaser, which says what will follow (a complaint to the
Information Commissioner or, under FOISA/EISR, a requirement for review and then an application to
the Scottish Information Commissioner); and, once the ladder is climbed, a request for internal
review or a complaint to the commissioner (`foitrack letter ID review|complaint`), with the
deadline for it.

`facts` works out every placeholder a letter may use; `foitrack.mail.lettertemplates` finds the
template (the tracker's own, else the shipped one) and renders it.

One idea, though long: every letter is built from the same facts about a case, and they are
kept together so that no letter states a date or a citation the others would not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from foitrack.dates import long_date
from foitrack.errors import FoitrackError, UsageError
from foitrack.law.evaluation import Evaluation
from foitrack.law.explain import plural
from foitrack.law.statutes import (
    LAWS,
    REVIEW_COMPLAINT_DAYS,
    REVIEW_REQUEST_WINDOW_DAYS,
    SCOTTISH_COMPLAINT_MONTHS,
    STATUTORY_DAYS,
    VERY_OVERDUE_DAYS,
    Law,
)
from foitrack.mail.ladder import ChaseState
from foitrack.mail.lettertemplates import fill, load_template, render
from foitrack.store.model import SCOTTISH_REGIMES, Event, Request, authority_ref

LETTER_KINDS = ("chaser", "final-chaser", "group-chaser", "group-final-chaser", "review", "complaint")

# ---------------------------------------------------------------------------------------------
# Letters, and the facts that fill their templates.


@dataclass
class Requester:
    name: str | None = None
    email: str | None = None


@dataclass
class Case:
    """One request with everything derived about it that a letter needs."""

    request: Request
    evaluation: Evaluation
    state: ChaseState
    calendar: object  # WorkingCalendar of the request's regime

    @property
    def law(self) -> Law:
        return LAWS[self.request.regime]


@dataclass
class Letter:
    kind: str  # one of LETTER_KINDS
    stage: int
    authority: str
    cases: list[Case]
    subject: str
    body: str
    date: dt.date
    template: str  # where the template came from
    to: str | None = None
    deadline: dt.date | None = None  # review/complaint: the last day to make it
    notes: list[str] = field(default_factory=list)  # for the user, not the letter
    how_to_send: str | None = None  # complaint: how the commissioner takes it

    @property
    def requests(self) -> list[Request]:
        return [case.request for case in self.cases]

    @property
    def ids(self) -> list[str]:
        return [case.request.id for case in self.cases]


def _dates(days: Iterable[dt.date]) -> str:
    items = [long_date(d) for d in days]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def exemption_words(code: str) -> str:
    if code.startswith("reg"):
        return "regulation " + code[3:]
    if code.startswith("s"):
        return "section " + code[1:]
    return code


def exemptions_phrase(codes: Iterable[str]) -> str:
    """['s43(2)', 's40(2)'] -> 'sections 43(2) and 40(2)'; EIR exceptions as regulations."""
    groups: dict[str, list[str]] = {}
    for code in codes:
        words = exemption_words(code)
        word, number = words.split(" ", 1) if " " in words else ("", code)
        groups.setdefault(word, []).append(number)
    phrases = []
    for word, numbers in groups.items():
        if len(numbers) == 1:
            phrases.append(f"{word} {numbers[0]}".strip())
        else:
            phrases.append(f"{word}s {', '.join(numbers[:-1])} and {numbers[-1]}".strip())
    return " and ".join(phrases)


def _earlier_chasers(case: Case, as_of: dt.date) -> list[dt.date]:
    """The days it was chased since the clock (re)started, before the letter's own date."""
    return [event.date for event in case.state.chasers if event.date < as_of]


def _due_sentence(case: Case) -> str:
    request, evaluation = case.request, case.evaluation
    due = long_date(evaluation.response_due)
    if any(step.kind in ("extended-until", "extended-days") for step in evaluation.steps):
        # Only an extension the law let run: one notified too late (EIR reg 7(3), UK GDPR
        # art. 12(3)) moved nothing.
        return f"You extended the time for your response to {due}, and that date has also passed."
    if evaluation.clock_start != evaluation.received:
        return (
            f"The time ran afresh from {long_date(evaluation.clock_start)}, so your response was "
            f"due by {due}."
        )
    if request.received and request.received != request.sent:
        return f"You received it on {long_date(request.received)}, so your response was due by {due}."
    if evaluation.received != request.sent:
        # FOISA s.74(2)(a): a posted request is presumed received on the third day after posting.
        return (
            f"Sent by post, it is presumed to have reached you on {long_date(evaluation.received)} "
            f"(section 74(2) of the Act), so your response was due by {due}."
        )
    return f"Your response was therefore due by {due}."


def _duty_sentence(law: Law, days: int | None = None, *, school: bool = False) -> str:
    """What the law requires; with `days` other than the statutory limit (an authority with
    longer, such as an archive), the time allowed in this case too; for a school, the schools'
    rule (SI 2004/3364 reg 3)."""
    sentence = f"{_cap(law.citation)} requires you to respond {law.duty}."
    if school:
        sentence += (
            " For a school, regulation 3 of the Freedom of Information (Time for Compliance with "
            "Request) Regulations 2004 makes that the twentieth school day or the sixtieth working "
            "day following the date of receipt, whichever comes first."
        )
    elif days is not None and days != STATUTORY_DAYS.get(law.regime, days):
        sentence += f" The time allowed in your case is {days} working days."
    return sentence


def _very_overdue_sentence(case: Case) -> str:
    if case.evaluation.status != "very-overdue":
        return ""
    if case.evaluation.days > VERY_OVERDUE_DAYS:
        # An authority with a longer limit of its own (a school's 60 days): the ICO's 40-day
        # guidance is not the yardstick, its own limit is, and that has now passed.
        return (
            f" Even the {case.evaluation.days} working days the law allows you in this case have "
            "now passed."
        )
    return " " + case.law.very_overdue


def _summary(case: Case, as_of: dt.date, *, to_authority: bool = True) -> str:
    """The facts block at the top of a letter. To the commissioner, the authority is not 'you'."""
    request, evaluation = case.request, case.evaluation
    rows = [("Request", request.subject), ("Sent", long_date(request.sent))]
    if not to_authority:
        rows.insert(0, ("Authority", request.authority))
    if request.received and request.received != request.sent:
        rows.append(("Received", long_date(request.received)))
    ref = authority_ref(request)
    if ref:
        rows.append(("Your reference" if to_authority else "Authority's reference", ref))
    if evaluation.response_due and evaluation.first_response is None:
        rows.append(("Response due", f"{long_date(evaluation.response_due)} ({case.law.short_citation})"))
        if evaluation.working_days_overdue and evaluation.status in ("overdue", "very-overdue"):
            rows.append(("Working days late", str(evaluation.working_days_overdue)))
    if evaluation.first_response:
        if evaluation.response_due:
            rows.append(("Response due", f"{long_date(evaluation.response_due)} ({case.law.short_citation})"))
        late = response_days_late(case)
        timing = f" ({plural(late, 'working day')} late)" if late else " (on time)" if late == 0 else ""
        rows.append(("Your response" if to_authority else "Response", long_date(evaluation.first_response) + timing))
    review = _review_timing(case)
    if review is not None:
        asked, answered, took, late = review
        rows.append(("Review asked for", long_date(asked)))
        if answered is not None:
            overdue = f", {plural(late, 'working day')} late" if late else ""
            rows.append(("Review result", f"{long_date(answered)} ({plural(took, 'working day')}{overdue})"))
        elif evaluation.review_due:
            overdue = f", now {plural(late, 'working day')} late" if late else ""
            rows.append(("Review result due", f"{long_date(evaluation.review_due)} (none yet{overdue})"))
    width = max(len(label) for label, _ in rows) + 2
    return "\n".join(f"  {label + ':':<{width}}{value}" for label, value in rows)


def response_days_late(case: Case) -> int | None:
    """How many working days after its deadline the first response came: 0 on time, None when
    there is no response (or no deadline to measure it by)."""
    evaluation = case.evaluation
    if evaluation.first_response is None or evaluation.response_due is None:
        return None
    if evaluation.responded_on_time:
        return 0
    return max(0, case.calendar.working_days_between(evaluation.response_due, evaluation.first_response))


def _review_timing(case: Case) -> tuple[dt.date, dt.date | None, int | None, int] | None:
    """The latest internal review asked for, as at the letter's date: when it was asked for,
    when its result came (None: not yet), how many working days it took, and how many working
    days after its due date it came (or, with none yet, how late it is now)."""
    evaluation = case.evaluation
    asked = [e for e in case.request.events_of("review-requested") if e.date <= evaluation.as_of]
    if not asked or evaluation.review_due is None:
        return None
    review = asked[-1]
    answers = [
        e for e in case.request.events_of("review-responded") if review.date <= e.date <= evaluation.as_of
    ]
    calendar, due = case.calendar, evaluation.review_due
    if answers:
        answered = answers[-1].date
        took = calendar.working_days_between(review.date, answered)
        return review.date, answered, took, max(0, calendar.working_days_between(due, answered))
    return review.date, None, None, max(0, calendar.working_days_between(due, evaluation.as_of))


def _timeline(case: Case) -> str:
    from foitrack.law.evaluation import ordered_events

    request = case.request
    lines = [f"- {long_date(request.sent)}: I sent the request."]
    if request.received and request.received != request.sent:
        lines.append(f"- {long_date(request.received)}: you received it.")
    for _, event in ordered_events(request):
        if event.date > case.evaluation.as_of:
            continue
        text = _event_words(event)
        if text:
            lines.append(f"- {long_date(event.date)}: {text}")
    return "\n".join(fill(line, "  ") for line in lines)


OUTCOME_WORDS = {
    "granted": "provided the information",
    "partial": "provided some of the information and withheld the rest",
    "refused": "refused the request",
    "not-held": "said that the information is not held",
    "neither-confirm-nor-deny": "would neither confirm nor deny whether the information is held",
}
REVIEW_OUTCOME_WORDS = {
    "upheld": "upheld the original decision",
    "overturned": "overturned the original decision",
    "partly-overturned": "overturned part of the original decision",
}
_EVENT_WORDS = {  # events a timeline tells in the same words every time
    "clarification-requested": "the authority asked me to clarify it.",
    "clarified": "I gave the clarification asked for.",
    "fee-notice": "the authority sent a fees notice.",
    "fee-paid": "I paid the fee.",
    "review-requested": "I asked for a review.",
    "complained": "I complained to the commissioner.",
    "withdrawn": "I withdrew the request.",
}


def _event_words(event: Event) -> str | None:
    """One line of a letter's timeline; None for events it leaves out (notes, decisions)."""
    t = event.type
    if t == "acknowledged":
        return "the authority acknowledged it" + (f" (reference {event.ref})." if event.ref else ".")
    if t == "extended":
        return (
            f"the authority extended the time for its response to {long_date(event.until)}."
            if event.until
            else f"the authority extended the time for its response by {event.days} working days."
        )
    if t == "chased":
        return "I chased the authority for a response" + (f" ({event.to})." if event.to else ".")
    if t == "responded":
        words = OUTCOME_WORDS.get(event.outcome or "", "responded")
        cited = exemptions_phrase(event.exemptions)
        return f"the authority responded and {words}" + (f", citing {cited}." if cited else ".")
    if t == "review-responded":
        if event.outcome == "no-response":  # a review of a failure to respond that still gave none
            return "the authority's review still gave no response to the request."
        if event.outcome in OUTCOME_WORDS or event.outcome == "responded":  # answered at review
            words = OUTCOME_WORDS.get(event.outcome or "")
            cited = exemptions_phrase(event.exemptions)
            return (
                "the authority responded to the request at review"
                + (f" and {words}" if words else "")
                + (f", citing {cited}." if cited else ".")
            )
        return "the authority's review " + REVIEW_OUTCOME_WORDS.get(event.outcome or "", "was completed") + "."
    return _EVENT_WORDS.get(t)


def review_deadline(case: Case) -> dt.date | None:
    """The last day to ask for a review: 40 working days from the response or, with none, from
    the day the response was due (FOISA s.20(5), EIR reg 11(2), EISR reg 16(3))."""
    evaluation = case.evaluation
    if evaluation.review_request_by:
        return evaluation.review_request_by
    if evaluation.response_due and evaluation.first_response is None:
        return case.calendar.add_working_days(evaluation.response_due, REVIEW_REQUEST_WINDOW_DAYS)
    return None


def complaint_deadline(case: Case) -> dt.date | None:
    """The last day to go to the commissioner, where the law or the commissioner sets one.

    Evaluation.complaint_by covers an answered request (ICO: six weeks from the final response;
    SIC: six months from the review's outcome). An unanswered review under FOISA/EISR gives six
    months from the day the review's response was due (FOISA s.47(4)(b)). The ICO sets no date
    for a request or review that was never answered."""
    from foitrack.law.workdays import add_months

    evaluation = case.evaluation
    if evaluation.status == "review-overdue":
        if case.request.regime in SCOTTISH_REGIMES and evaluation.review_due:
            return add_months(evaluation.review_due, SCOTTISH_COMPLAINT_MONTHS)
        return None
    if evaluation.first_response is None:
        return None
    return evaluation.complaint_by


def facts(case: Case, *, as_of: dt.date, requester: Requester, every: int) -> dict[str, str]:
    """Every placeholder for a letter about one request (see lettertemplates.PLACEHOLDERS)."""
    request, evaluation, law = case.request, case.evaluation, case.law
    ref = authority_ref(request)
    chasers = _earlier_chasers(case, as_of)
    previous = f" I chased it on {_dates(chasers)}." if chasers else ""
    late = evaluation.working_days_overdue
    reply_by = case.calendar.add_working_days(as_of, every or 5)
    latest = request.last_event("responded")
    review = request.last_event("review-requested")
    review_answer = request.last_event("review-responded")
    values = {
        "id": request.id,
        "authority": request.authority,
        "subject": request.subject,
        "sent": long_date(request.sent),
        "received": long_date(evaluation.received),
        "ref": ref or "(none given)",
        "ref_suffix": f" [your ref {ref}]" if ref else "",
        "due": long_date(evaluation.response_due),
        "days_late": str(late),
        "late": plural(late, "working day"),
        "regime": request.regime,
        "law": law.citation,
        "law_short": law.short_citation,
        "act": law.act,
        "request_kind": law.request_kind,
        "request_kind_cap": _cap(law.request_kind),
        "duty_sentence": _duty_sentence(law, evaluation.days, school=evaluation.school is not None),
        "due_sentence": _due_sentence(case),
        "previous_chasers": previous,
        "chased_dates": _dates(chasers),
        "very_overdue_sentence": _very_overdue_sentence(case),
        "escalation": law.escalation,
        "commissioner": law.commissioner,
        "commissioner_short": law.commissioner_short,
        "commissioner_address": law.complaints.address_block,
        "commissioner_email": law.complaints.email or "",
        "complaint_how": f"{_cap(law.commissioner)} takes complaints {law.complaints.how}.",
        "reply_by": long_date(reply_by),
        "summary": _summary(case, as_of),
        "timeline": _timeline(case),
        "today": long_date(as_of),
        "requester_name": requester.name or "[your name]",
        "requester_email": requester.email or "",
        "stage": str(case.state.stage or ""),
        "review_name": law.review_name,
        "review_title": law.review_title,
        "review_law_sentence": law.review_law,
        "complaint_law": law.complaint_law,
        "response_date": long_date(latest.date) if latest else "",
        "outcome": OUTCOME_WORDS.get(latest.outcome, "") if latest else "",
        "exemptions": exemptions_phrase(latest.exemptions) if latest else "",
        "review_requested": long_date(review.date) if review else "",
        "review_due": long_date(evaluation.review_due),
        "review_outcome": REVIEW_OUTCOME_WORDS.get(review_answer.outcome, "") if review_answer else "",
        "grounds": "",
        "review_by": long_date(review_deadline(case)),
        "complaint_by": long_date(complaint_deadline(case)),
        "review_deadline_sentence": "",
        "complaint_deadline_sentence": "",
        "complaint_grounds": "",
        "count": "1",
        "requests_list": "",
    }
    return values


# ---------------------------------------------------------------------------------------------
# Chasers.


def chaser(
    case: Case, *, as_of: dt.date, requester: Requester, every: int, tracker_root: Path | None
) -> Letter:
    """The stage-1 or stage-2 letter for one overdue request."""
    stage = case.state.stage
    if stage not in (1, 2):
        raise ValueError(f"no chaser at stage {stage}")
    kind = "chaser" if stage == 1 else "final-chaser"
    template = load_template(kind, case.request.regime, tracker_root)
    subject, body = render(template, facts(case, as_of=as_of, requester=requester, every=every))
    return Letter(kind, stage, case.request.authority, [case], subject, body, as_of, template.source)


def group_chaser(
    cases: list[Case], *, as_of: dt.date, requester: Requester, every: int, tracker_root: Path | None
) -> Letter:
    """One letter to one authority covering all its overdue requests. Its stage is the highest
    of theirs: if any is due a final chaser, the letter is a final chaser for them all."""
    if len(cases) == 1:
        return chaser(cases[0], as_of=as_of, requester=requester, every=every, tracker_root=tracker_root)
    cases = sorted(cases, key=lambda c: (-c.evaluation.working_days_overdue, c.request.sent, c.request.id))
    stage = max(case.state.stage or 1 for case in cases)
    kind = "group-chaser" if stage == 1 else "group-final-chaser"
    regimes = list(dict.fromkeys(case.request.regime for case in cases))
    template = load_template(kind, regimes[0] if len(regimes) == 1 else None, tracker_root)
    values = facts(cases[0], as_of=as_of, requester=requester, every=every)
    laws = [LAWS[regime] for regime in regimes]
    items = []
    for number, case in enumerate(cases, 1):
        request, evaluation = case.request, case.evaluation
        ref = authority_ref(request)
        line = f"Sent {long_date(request.sent)}"
        line += f" (your ref {ref})." if ref else "."
        line += (
            f" Due by {long_date(evaluation.response_due)} under {case.law.short_citation};"
            f" now {plural(evaluation.working_days_overdue, 'working day')} late."
        )
        earlier = _earlier_chasers(case, as_of)
        if earlier:
            line += f" Chased {_dates(earlier)}."
        items.append(f"{number}. {request.subject}\n" + fill("   " + line, "   "))
    escalation = _group_escalation(laws)
    kinds = list(dict.fromkeys(law.request_kind for law in laws))
    values.update(
        {
            "count": str(len(cases)),
            "requests_list": "\n".join(items),
            "duty_sentence": " ".join(_duty_sentence(law) for law in laws),
            "escalation": escalation,
            "commissioner": " or ".join(dict.fromkeys(law.commissioner for law in laws)),
            "commissioner_short": " or ".join(dict.fromkeys(law.commissioner_short for law in laws)),
            "request_kind": kinds[0] if len(kinds) == 1 else "information request",
            "request_kind_cap": _cap(kinds[0] if len(kinds) == 1 else "information request"),
            "law": "; ".join(law.citation for law in laws),
            "law_short": ", ".join(law.short_citation for law in laws),
            "subject": "; ".join(case.request.subject for case in cases),
            "ref_suffix": "",
            "stage": str(stage),
        }
    )
    subject, body = render(template, values)
    if len(subject) > 150:
        subject = subject[:147].rstrip(" ;,") + "..."
    return Letter(kind, stage, cases[0].request.authority, cases, subject, body, as_of, template.source)


def _group_escalation(laws: list[Law]) -> str:
    """What a final chaser covering several requests says will follow, completing 'I will ...'."""
    if len(laws) == 1:
        return laws[0].escalation
    uk = [law for law in laws if law.regime not in SCOTTISH_REGIMES]
    scottish = [law for law in laws if law.regime in SCOTTISH_REGIMES]
    parts = []
    if uk:
        laws_cited = list(dict.fromkeys(law.complaint_law for law in uk))
        under = " or ".join(laws_cited) + (", as applies to each request" if len(laws_cited) > 1 else "")
        parts.append(f"complain to the Information Commissioner about your failure to respond, under {under}")
    if scottish:
        step = (
            "require you to review your failure to respond and, if that does not produce a response, "
            "apply to the Scottish Information Commissioner for a decision under section 47(1) of "
            f"{LAWS['foisa'].act}"
        )
        parts.append(f"for the requests under Scottish law, {step}" if uk else step)
    return "; and, ".join(parts)


# ---------------------------------------------------------------------------------------------
# Stage 3: a review request, or a complaint to the commissioner.

_FILL_IN = (
    "[Say here why you are dissatisfied: for example, why an exemption does not apply, why "
    "the public interest favours disclosure, or what information you believe is held but was "
    "not provided.]"
)


def escalation_letter(
    case: Case,
    kind: str,
    *,
    as_of: dt.date,
    requester: Requester,
    every: int,
    tracker_root: Path | None,
    grounds: str | None = None,
) -> Letter:
    """`foitrack letter ID review|complaint`. Raises FoitrackError when the letter makes no sense
    for where the request stands (not yet due, already escalated, withdrawn)."""
    if kind not in ("review", "complaint"):
        raise UsageError(f"{kind!r} is not a letter: use review or complaint")
    request, evaluation, law = case.request, case.evaluation, case.law
    status = evaluation.status
    if status == "withdrawn":
        raise FoitrackError(f"{request.id} was withdrawn; there is nothing to escalate")
    if status == "complained":
        raise FoitrackError(f"{request.id}: you have already complained to {law.commissioner}")
    if status == "fee-lapsed":
        raise FoitrackError(
            f"{request.id}: the fee was not paid in time, so the authority no longer has to answer "
            "and there is nothing to escalate (see foitrack show)"
        )
    if status in ("awaiting-response", "clarification-requested", "fee-requested"):
        due = f" (due {long_date(evaluation.response_due)})" if evaluation.response_due else ""
        raise FoitrackError(
            f"{request.id} is not overdue{due} and has no response to dispute; nothing to escalate yet"
        )
    values = facts(case, as_of=as_of, requester=requester, every=every)
    own_values = _review_values if kind == "review" else _complaint_values
    deadline, notes = own_values(case, values, as_of=as_of, grounds=grounds)
    template = load_template(kind, request.regime, tracker_root)
    subject, body = render(template, values)
    complaint = kind == "complaint"
    return Letter(
        kind, 3, request.authority, [case], subject, body, as_of, template.source,
        # A real address of the commissioner's, or none (the ICO takes complaints by web form).
        to=law.complaints.email if complaint else None,
        deadline=deadline,
        notes=notes,
        how_to_send=values["complaint_how"] if complaint else None,
    )


def _review_values(
    case: Case, values: dict[str, str], *, as_of: dt.date, grounds: str | None
) -> tuple[dt.date | None, list[str]]:
    """Fill a review letter's own placeholders; its deadline, and notes for the user."""
    request, evaluation = case.request, case.evaluation
    if evaluation.status in ("review-requested", "review-overdue"):
        raise FoitrackError(
            f"{request.id}: a review was already asked for on {long_date(request.last_event('review-requested').date)}; "
            f"use 'foitrack letter {request.id} complaint'"
        )
    notes: list[str] = []
    deadline = review_deadline(case)
    disputed = evaluation.first_response is not None
    if disputed:
        late = response_days_late(case)
        values["grounds"] = (
            f"You responded on {values['response_date']} and {values['outcome']}"
            + (f", citing {values['exemptions']}" if values["exemptions"] else "")
            + (
                f"; your response came {plural(late, 'working day')} after the deadline of "
                f"{long_date(evaluation.response_due)}"
                if late
                else ""
            )
            + ". I am dissatisfied with that response. "
            + (grounds.strip() if grounds else _FILL_IN)
        )
    else:
        values["grounds"] = (
            f"You have not responded to my request. {values['duty_sentence']} "
            f"{values['due_sentence']} It is now {values['late']} late.{values['previous_chasers']}"
            + (f" {grounds.strip()}" if grounds else "")
        )
    window = f"{REVIEW_REQUEST_WINDOW_DAYS} working days"
    if deadline and as_of <= deadline:
        values["review_deadline_sentence"] = (
            f"I am making this request within the {window} allowed for asking, which end on "
            f"{long_date(deadline)}."
        )
    elif deadline:
        values["review_deadline_sentence"] = (
            f"I realise the {window} usually allowed for asking ended on {long_date(deadline)}; "
            "I ask you to consider this request nonetheless."
        )
        notes.append(f"the usual {window} for asking for a review ended on {long_date(deadline)}")
    if request.regime == "foia" and not disputed:
        notes.append(
            "under FOIA you need not ask for a review of a failure to respond: the ICO accepts "
            f"a complaint once you have chased (foitrack letter {request.id} complaint)"
        )
    return deadline, notes


def _timing_sentence(case: Case) -> str:
    """What the commissioner should hear about the time the authority took, when it was late:
    'Its response came 9 working days after the deadline of 26 June 2023, and its internal review
    took 25 working days (it was due within 20). ' Empty when both were on time."""
    parts = []
    late = response_days_late(case)
    if late:
        parts.append(
            f"its response came {plural(late, 'working day')} after the deadline of "
            f"{long_date(case.evaluation.response_due)}"
        )
    review = _review_timing(case)
    if review is not None and review[1] is not None and review[3]:
        _, _, took, _ = review
        allowed = case.calendar.working_days_between(review[0], case.evaluation.review_due)
        parts.append(f"its {case.law.review_name.removeprefix('an ').removeprefix('a ')} took {plural(took, 'working day')} (it was due within {allowed})")
    if not parts:
        return ""
    return _cap(" and ".join(parts)) + ". "


def _complaint_values(
    case: Case, values: dict[str, str], *, as_of: dt.date, grounds: str | None
) -> tuple[dt.date | None, list[str]]:
    """Fill a complaint's own placeholders; its deadline, and notes for the user."""
    request, evaluation, law = case.request, case.evaluation, case.law
    status = evaluation.status
    scottish = request.regime in SCOTTISH_REGIMES
    review = request.last_event("review-requested")
    if status == "review-requested":
        raise FoitrackError(
            f"{request.id}: the review asked for on {long_date(review.date)} "
            f"is not due until {long_date(evaluation.review_due)}; wait for its outcome before complaining"
        )
    if scottish and review is None:
        raise FoitrackError(
            f"{request.id} is under {request.regime.upper()}: {law.commissioner} only takes an application "
            f"after a requirement for review; draft that first with 'foitrack letter {request.id} review'"
        )
    notes: list[str] = []
    values["summary"] = _summary(case, as_of, to_authority=False)
    if status == "review-overdue":
        values["complaint_grounds"] = (
            f"I asked the authority for {law.review_name} on {values['review_requested']}. It should "
            f"have told me the outcome by {values['review_due']}, but it has not, and it is now "
            f"{values['late']} late."
        )
        may_from = None if scottish else case.calendar.add_working_days(review.date, REVIEW_COMPLAINT_DAYS)
        if may_from and as_of < may_from:
            notes.append(
                "the ICO normally takes a complaint about an unanswered internal review once "
                f"{REVIEW_COMPLAINT_DAYS} working days have passed, on {long_date(may_from)}"
            )
    elif evaluation.first_response is None:
        values["complaint_grounds"] = (
            f"The authority has not responded to my request. {_cap(law.citation)} required it to "
            f"respond {law.duty}; its response was due by {values['due']} and is now "
            f"{values['late']} late."
            + (f" I chased it on {values['chased_dates']}." if values["chased_dates"] else "")
        )
        if not case.state.chasers:
            notes.append(
                f"{law.commissioner} expects you to have chased the authority first: "
                f"foitrack chase {request.id}"
            )
    else:
        answer = request.last_event("review-responded")
        if answer is None and request.regime != "sar":
            notes.append(
                f"{law.commissioner} normally expects you to have asked for a review first: "
                f"foitrack letter {request.id} review"
            )
        what = "the authority's response and with the outcome of its review" if answer else "the authority's response"
        values["complaint_grounds"] = _timing_sentence(case) + f"I am dissatisfied with {what} because: " + (
            grounds.strip() if grounds else _FILL_IN
        )
    deadline = complaint_deadline(case)
    if deadline is None:
        values["complaint_deadline_sentence"] = (
            "As the authority has not responded, I am complaining now rather than waiting any longer."
        )
    elif as_of <= deadline:
        values["complaint_deadline_sentence"] = (
            f"I am making this complaint within the time allowed, which ends on {long_date(deadline)}."
        )
    else:
        values["complaint_deadline_sentence"] = (
            f"The usual time for complaining ended on {long_date(deadline)}; I ask the "
            "Commissioner to accept this complaint nonetheless, for the reasons above."
        )
        notes.append(f"the usual time for complaining ended on {long_date(deadline)}")
    return deadline, notes
