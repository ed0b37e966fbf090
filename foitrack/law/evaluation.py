"""A request's status and deadlines as at a date, derived from its events. Nothing is stored.

`evaluate` replays the events on the response clock (`foitrack.law.clock`), then settles what
follows the response: whether it came in time, the windows for an internal review and a complaint,
the review's own deadline, and the status. The result, `Evaluation`, carries dates and the facts
behind them; its explanation and notes in words (`foitrack.law.explain`) are worked out only when
something reads them, so `due --json`, `list` and `report` never pay for sentences nobody sees.

The rules here, with their sources (../shared/docs/uk-deadline-rules.md):
- Received defaults to sent (Request.date_received).
- Per-authority limits (schools 60, archives 30: SI 2004/3364, rules 2.5-2.8) change FOIA s.10
  only, so they apply to FOIA (and FOISA, whose s.10(4) lets ministers vary it), never to the EIR.
- Internal review: 20 working days from the request for it (FOIA s.45 Code, FOISA s.21(1),
  EISR reg 16(4)); 40 under EIR reg 11(4) (rules 3.5, 4.7, 5.2). review-overdue after that.
- A review or complaint may be asked for within 40 working days of the response (FOIA (ICO),
  EIR reg 11(2), FOISA s.20(5)); a complaint to the ICO within six weeks of the final response,
  to the Scottish Commissioner within six months of the review result (FOISA s.47(4)).
- Unsettled law is a fact too: a non-working-day receipt (both dates kept), days made by Royal
  Proclamation (rule 1.7), SAR "public holidays" (rule 6.6), school days (rule 2.5).
The law's numbers and citations live in statutes.py; `check`'s event-order rules in validation.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from foitrack.law.clock import ONE_DAY, Clock, Fact, replay
from foitrack.law.statutes import (
    AUTHORITY_DAYS_REGIMES,
    COMPLAINT_WINDOW,
    EIR_REGIMES,
    FEE_LAPSE_MONTHS,
    LAW,
    REVIEW_COMPLAINT_DAYS,
    REVIEW_DAYS,
    REVIEW_REQUEST_WINDOW_DAYS,
    SCOTTISH,
    SCOTTISH_COMPLAINT_MONTHS,
    STATUTORY_DAYS,
)
from foitrack.law.workdays import (
    FIRST_YEAR,
    LAST_YEAR,
    CalendarRangeError,
    NonWorkingDay,
    WorkingCalendar,
    add_months,
    calendar_for,
)
from foitrack.store.model import OUTCOMES, Event, Request, is_response, ordered_events


@dataclass
class Evaluation:
    """Everything derived about a request as at one date.

    `explanation`, `notes`, `skipped` and `very_overdue_rule` are worked out from the facts the
    first time something reads them."""

    status: str
    as_of: dt.date
    regime: str
    days: int
    received: dt.date
    clock_start: dt.date
    response_due: dt.date | None  # None while the clock is stopped (fee or clarification pending)
    very_overdue_after: dt.date | None
    first_response: dt.date | None = None
    latest_outcome: str | None = None
    # The exemptions cited with the latest response (the one whose outcome is latest_outcome).
    exemptions: tuple[str, ...] = ()
    # The request was first answered at a review of the failure to respond (FOISA s.21(4)(c)).
    answered_at_review: bool = False
    review_due: dt.date | None = None
    review_request_by: dt.date | None = None
    complaint_by: dt.date | None = None
    working_days_overdue: int = 0
    working_days_to_respond: int | None = None
    responded_on_time: bool | None = None
    # How the deadline was found: the steps of the explanation and the notes, as facts.
    steps: list[Fact] = field(default_factory=list)
    flags: list[Fact] = field(default_factory=list)
    # How very_overdue_after was found ("the 40th working day", "three months from receipt" ...).
    very_overdue_basis: Fact | None = None
    law: str = ""
    calendar: WorkingCalendar | None = None
    extra_non_working: tuple[tuple[dt.date, str], ...] = ()
    day_one: dt.date | None = None  # the first day counted (None for SARs and stopped clocks)
    receipt_rule: str = "ico"
    alternative_due: dt.date | None = None  # the other receipt reading's date, when it differs
    alternative_rule: str | None = None
    skipped_span: tuple[dt.date, dt.date] | None = None  # the days `skipped` covers
    error: str | None = None  # set when the dates fall outside foitrack's calendar

    @property
    def due(self) -> dt.date | None:
        """The deadline that matters now. A request never answered owes its response, by the
        response deadline, until it is answered or withdrawn: asking for a review of the failure
        to respond, or complaining about it, does not make it any less late. Once answered, the
        deadline is a pending internal review's."""
        if self.status == "withdrawn":
            return None
        if self.first_response is None:
            return self.response_due
        if self.status in ("review-requested", "review-overdue"):
            return self.review_due
        return None

    @property
    def is_open(self) -> bool:
        return self.status not in ("answered", "withdrawn")

    @property
    def answered(self) -> bool:
        """A response has been recorded (whatever came after it): the report's "answered"."""
        return self.first_response is not None

    @property
    def answered_on_time(self) -> bool:
        return self.answered and bool(self.responded_on_time)

    @property
    def answered_late(self) -> bool:
        return self.answered and not self.responded_on_time

    @property
    def unanswered(self) -> bool:
        """Sent, no response yet and not withdrawn: the report's "open"."""
        return self.first_response is None and self.status not in ("withdrawn", "draft")

    @property
    def withdrawn_unanswered(self) -> bool:
        """Withdrawn before any response: the report's "withdrawn"."""
        return self.first_response is None and self.status == "withdrawn"

    @property
    def response_overdue(self) -> bool:
        """Never answered, not withdrawn and past the response deadline, whatever has been done
        about it since (a review of the failure to respond, a complaint): the report's "overdue
        now" and `--status overdue`. A clock stopped for clarification or a fee is not overdue."""
        return self.unanswered and self.response_due is not None and self.as_of > self.response_due

    @property
    def is_overdue(self) -> bool:
        """Something owed is past its deadline: the response, or an internal review (what `due`
        lists as overdue)."""
        return self.response_overdue or self.status == "review-overdue"

    @property
    def calendar_name(self) -> str:
        return self.calendar.name if self.calendar is not None else ""

    @cached_property
    def skipped(self) -> list[NonWorkingDay]:
        """The non-working days between the clock's start and the response deadline."""
        if self.skipped_span is None or self.calendar is None:
            return []
        return self.calendar.skipped(*self.skipped_span)

    @cached_property
    def explanation(self) -> list[str]:
        from foitrack.law import explain

        return explain.explanation(self)

    @cached_property
    def notes(self) -> list[str]:
        from foitrack.law import explain

        return explain.notes(self)

    @cached_property
    def very_overdue_rule(self) -> str:
        from foitrack.law import explain

        return explain.very_overdue_rule(self.very_overdue_basis)

# `list --status WORD`: the words that name the report's counts (foitrack.vocab.STATUS_GROUPS),
# each the Evaluation property the report counts by; any other word is a status.
_STATUS_GROUPS = {
    "answered": "answered",
    "on-time": "answered_on_time",
    "late": "answered_late",
    "overdue": "response_overdue",
    "open": "unanswered",
    "withdrawn": "withdrawn_unanswered",
}


def has_status(evaluation: Evaluation, word: str) -> bool:
    """Does `list --status WORD` select this request? The same test the report counts with."""
    group = _STATUS_GROUPS.get(word)
    return getattr(evaluation, group) if group else evaluation.status == word


# ---------------------------------------------------------------------------------------------
# evaluate(): the clock, then what happened after the response, then the status


def evaluate(
    request: Request,
    as_of: dt.date,
    *,
    days: int | None = None,
    authority_days: int | None = None,
    extra_non_working: tuple[tuple[dt.date, str], ...] = (),
    receipt_rule: str = "ico",
    strict: bool = False,
) -> Evaluation:
    """Derive the request's status and deadlines as at `as_of` from its events.

    `days` overrides the number of working days for any regime but SAR (`foitrack deadline
    --days`); `authority_days` is an authority's own limit from the directory or foitrack.toml
    (60 for schools, 30 for archives), which the law allows for FOIA and FOISA only.

    A date outside foitrack's calendar never raises unless `strict`: the evaluation then carries
    the status the events give, no deadlines, and `error` saying why. A draft (not sent yet)
    has status "draft" and no deadlines: the clock starts when it is sent.
    """
    if request.sent is None:
        return Evaluation(
            status="draft", as_of=as_of, regime=request.regime, days=STATUTORY_DAYS.get(request.regime, 20),
            received=None, clock_start=None, response_due=None, very_overdue_after=None,  # type: ignore[arg-type]
        )
    try:
        return _evaluate(request, as_of, days, authority_days, extra_non_working, receipt_rule)
    except CalendarRangeError as error:
        if strict:
            raise
        return _without_calendar(request, as_of, days or authority_days, str(error))


def _limit_for(regime: str, days: int | None, authority_days: int | None) -> tuple[int, list[Fact]]:
    """The working days the response is due in, and facts about an authority's own limit."""
    facts: list[Fact] = []
    if regime == "sar":
        return 0, facts
    if days:
        return days, facts
    statutory = STATUTORY_DAYS[regime]
    if authority_days and authority_days != statutory:
        if regime not in AUTHORITY_DAYS_REGIMES:
            facts.append(Fact.of("authority-days-not-for-regime", days=authority_days, statutory=statutory))
            return statutory, facts
        if authority_days == 60:
            facts.append(Fact.of("school-days-unknown"))
        elif authority_days == 30 and regime == "foia":
            facts.append(Fact.of("archive-days"))
        return authority_days, facts
    return statutory, facts


@dataclass
class _Milestones:
    """The events, up to the evaluation date, that settle where a request stands."""

    first_response: Event | None = None
    latest_response: Event | None = None
    review_requested: Event | None = None  # the latest request for a review,
    review_answered: Event | None = None  # and its result once it came
    complained: Event | None = None  # the latest complaint,
    decided: Event | None = None  # and the commissioner's decision on it
    withdrawn: Event | None = None

    @classmethod
    def of(cls, happened: list[Event]) -> _Milestones:
        first = latest = review = answered = complained = decided = withdrawn = None
        for event in happened:
            kind = event.type
            if is_response(event):  # a response, or an answer given at review (FOISA s.21(4)(c))
                first = first or event
                latest = event
            if kind == "review-requested":
                review, answered = event, None
            elif kind == "review-responded" and review is not None:
                answered = event
            elif kind == "complained":
                complained, decided = event, None
            elif kind == "decision" and complained is not None:
                decided = event
            elif kind == "withdrawn":
                withdrawn = event
        return cls(first, latest, review, answered, complained, decided, withdrawn)


def _settled_status(seen: _Milestones, pending: str | None) -> str | None:
    """The status the events give by themselves, most conclusive first ('review-requested' may
    yet turn out overdue); None while the response is awaited with the clock running, when the
    deadline decides between awaiting-response, overdue and very-overdue."""
    if seen.withdrawn is not None:
        return "withdrawn"
    if seen.complained is not None and seen.decided is None:
        return "complained"
    if seen.review_requested is not None and seen.review_answered is None:
        return "review-requested"
    if seen.first_response is not None:
        return "answered"
    if pending == "clarification":
        return "clarification-requested"
    if pending == "fee":
        return "fee-requested"
    return None


def _evaluate(
    request: Request,
    as_of: dt.date,
    days: int | None,
    authority_days: int | None,
    extra_non_working: tuple[tuple[dt.date, str], ...],
    receipt_rule: str,
) -> Evaluation:
    regime = request.regime
    calendar = calendar_for(regime, extra_non_working)
    limit, limit_facts = _limit_for(regime, days, authority_days)
    clock = Clock(request, calendar, limit, receipt_rule)
    calendar.reason(as_of)  # range check: as_of is compared with the deadlines below
    _open(clock, request, limit_facts)
    # Evaluating as at an earlier date: later events have not happened yet.
    happened = [event for _, event in ordered_events(request) if event.date <= as_of]
    pending_at_response = replay(clock, happened)
    clock.finish()
    seen = _Milestones.of(happened)

    # Answered while the clock was stopped: the deadline is the one running when it stopped.
    stopped = clock.pending is not None and pending_at_response is None
    response_due = None if stopped else clock.due()
    very_after = None if stopped else clock.very_overdue_after()
    result = Evaluation(
        status="awaiting-response",
        as_of=as_of,
        regime=regime,
        days=limit,
        received=clock.received,
        clock_start=clock.start,
        response_due=response_due,
        very_overdue_after=very_after,
        very_overdue_basis=None if very_after is None else clock.very_overdue_basis(authority_days),
        steps=clock.steps,
        flags=clock.flags,
        law=LAW[regime],
        calendar=calendar,
        extra_non_working=extra_non_working,
        receipt_rule=receipt_rule,
    )
    if response_due is not None:
        _due(result, request, clock, happened)
    else:
        _stopped(result, clock)
    if seen.first_response is not None:
        _after_response(result, clock, seen, pending_at_response)
    if seen.review_requested is not None:
        _review(result, clock, seen)

    status = _settled_status(seen, clock.pending)
    if status == "review-requested" and as_of > result.review_due:
        status = "review-overdue"
        result.working_days_overdue = calendar.working_days_between(result.review_due, as_of)
    elif status is None:
        status = "awaiting-response"
        if as_of > response_due:
            status = "very-overdue" if as_of > very_after else "overdue"
            if regime in SCOTTISH and seen.review_requested is None:
                # FOISA s.20(5)(a), EISR reg 16(2): a review of a failure to respond, 40 working days on.
                result.review_request_by = calendar.add_working_days(response_due, REVIEW_REQUEST_WINDOW_DAYS)
    result.status = status
    if result.response_overdue:
        # Never answered: late by the response deadline, escalated or not (a review of the
        # failure to respond or a complaint leaves the response owed, and as late as ever).
        result.working_days_overdue = calendar.working_days_between(response_due, as_of)
    foreign = foreign_exemptions(request)
    if foreign:
        result.flags.append(Fact.of("exemptions-of-other-regime", cited=tuple(foreign), regime=regime))
    return result


def _open(clock: Clock, request: Request, limit_facts: list[Fact]) -> None:
    """The first step (the law, and how it counts) and the facts that stand whatever happens next."""
    clock.steps.insert(0, Fact.of("opened", day_zero=clock.start == clock.received))
    if clock.sar:
        clock.flags.append(Fact.of("sar-public-holidays"))
    clock.flags.extend(limit_facts)
    if request.regime == "foisa" and request.via == "post" and request.received is None:
        clock.flags.append(Fact.of("foisa-posted", presumed=request.sent + 3 * ONE_DAY))


def _stopped(result: Evaluation, clock: Clock) -> None:
    """No deadline runs while a clarification or fee is awaited; an unpaid fee may have lapsed."""
    result.steps.append(Fact.of("stopped", pending=clock.pending))
    if clock.pending == "fee" and not clock.sar:
        lapse = add_months(clock.pending_since, FEE_LAPSE_MONTHS)
        if result.as_of > lapse:
            result.flags.append(Fact.of("fee-lapsed", lapse=lapse))


def _after_response(
    result: Evaluation, clock: Clock, seen: _Milestones, pending_at_response: tuple[str, dt.date] | None
) -> None:
    """Whether the response came in time, how long it took, and the windows it opens for a
    review and a complaint."""
    calendar, regime = clock.calendar, clock.regime
    first_response, latest_response = seen.first_response, seen.latest_response
    result.first_response = first_response.date
    # An answer at review may be given as plain 'responded', which says nothing of the outcome.
    result.latest_outcome = latest_response.outcome if latest_response.outcome in OUTCOMES else None
    result.exemptions = tuple(latest_response.exemptions)
    result.answered_at_review = first_response.type == "review-responded"
    if pending_at_response is not None:
        kind, since = pending_at_response
        result.responded_on_time = since <= clock.due()
        counted_until = since - ONE_DAY  # the day the clock stopped is not counted
        result.steps.append(Fact.of("answered-while-stopped", date=first_response.date, pending=kind, since=since))
    else:
        # An answer that had to wait for a review of the failure to respond is late by its nature.
        result.responded_on_time = first_response.date <= clock.due() and not result.answered_at_review
        counted_until = first_response.date
    if counted_until >= clock.start:
        result.working_days_to_respond = max(
            0,
            calendar.working_days_between(clock.start, counted_until)
            - clock.paused_working_days(counted_until),
        )
    else:
        result.working_days_to_respond = 0
    final = seen.review_answered or latest_response
    if regime != "sar" and latest_response.type == "responded":
        # Not after an answer given at review: that was the review, and the commissioner is next.
        result.review_request_by = calendar.add_working_days(
            latest_response.date, REVIEW_REQUEST_WINDOW_DAYS
        )
    if regime in SCOTTISH:
        if seen.review_answered is not None:
            result.complaint_by = add_months(seen.review_answered.date, SCOTTISH_COMPLAINT_MONTHS)
    elif regime != "sar":
        result.complaint_by = final.date + COMPLAINT_WINDOW


def _review(result: Evaluation, clock: Clock, seen: _Milestones) -> None:
    """When the internal review asked for is due, and (in Scotland) when a complaint may follow
    a review that never came."""
    calendar, regime = clock.calendar, clock.regime
    review_requested = seen.review_requested
    review_days = REVIEW_DAYS.get(regime, 20)
    review_start = review_requested.date
    if clock.receipt_rule == "code" and regime != "sar" and not calendar.is_working_day(review_start):
        review_start = calendar.next_working_day(review_start)
    result.review_due = calendar.add_working_days(review_start, review_days)
    result.steps.append(
        Fact.of("review-requested", date=review_requested.date, days=review_days, due=result.review_due)
    )
    if regime == "foia":
        forty = calendar.add_working_days(review_start, REVIEW_COMPLAINT_DAYS)
        result.flags.append(Fact.of("foia-review-code", forty=forty))
    if regime in SCOTTISH and seen.review_answered is None and result.as_of > result.review_due:
        result.complaint_by = add_months(result.review_due, SCOTTISH_COMPLAINT_MONTHS)
    elif regime in SCOTTISH and seen.review_answered is not None and seen.first_response is None:
        # A review of the failure to respond that still gave no response: six months from its
        # notice to apply to the Commissioner (FOISA s.47(4)(a)).
        result.complaint_by = add_months(seen.review_answered.date, SCOTTISH_COMPLAINT_MONTHS)


def _due(result: Evaluation, request: Request, clock: Clock, happened: list[Event]) -> None:
    """The response deadline's own facts: the days it skips, the SAR's corresponding date, and
    the other reading of a receipt on a non-working day (rule 1.10) when it gives another date."""
    calendar, due = clock.calendar, result.response_due
    if clock.sar:
        nominal = clock.sar_nominal(1)
        statutory = clock.statutory_due()
        result.skipped_span = (nominal - ONE_DAY, statutory)
        if statutory != nominal:
            result.steps.append(Fact.of("sar-corresponding-date-moved", nominal=nominal, due=statutory))
    else:
        result.day_one = clock.count_forward(clock.start, 1)
        # Fee pauses are explained in the timeline; `skipped` holds the non-working days.
        result.skipped_span = (clock.start, due)
    result.steps.append(Fact.of("due", due=due))
    result.flags.append(Fact.of("proclaimed-days-skipped"))  # where the notes on such days go

    if clock.sar or calendar.is_working_day(clock.receipt_day):
        return
    other_rule = "code" if clock.receipt_rule == "ico" else "ico"
    other = Clock(request, calendar, clock.days, other_rule, record=False)
    replay(other, happened)
    alternative = other.due()
    if alternative == due:
        return
    result.alternative_due = alternative
    result.alternative_rule = other_rule
    result.flags.append(
        Fact.of(
            "receipt-unsettled",
            clarification=clock.receipt_day != clock.received,
            day=clock.receipt_day,
            ico_due=due if clock.receipt_rule == "ico" else alternative,
            code_due=alternative if clock.receipt_rule == "ico" else due,
        )
    )


# ---------------------------------------------------------------------------------------------
# Facts about the request as a whole


def foreign_exemptions(request: Request) -> list[str]:
    """Exemptions cited from the other regime: an EIR exception on a FOIA request, or a FOIA
    section on an EIR one. It usually means the authority handled the request under the other
    regime, which changes its deadlines and review rules."""
    if request.regime == "sar":
        return []
    environmental = request.regime in EIR_REGIMES
    cited = {x for event in request.events_of("responded", "review-responded") for x in event.exemptions}
    return sorted(x for x in cited if x.startswith("reg") != environmental)


# ---------------------------------------------------------------------------------------------
# A request with a date outside foitrack's calendar


def _without_calendar(request: Request, as_of: dt.date, days: int | None, error: str) -> Evaluation:
    """What can be said without a calendar: the status the events give, and why there is no date."""
    happened = [event for _, event in ordered_events(request) if event.date <= as_of]
    seen = _Milestones.of(happened)
    types = [event.type for event in happened]

    def last_index(kind: str) -> int:
        return max((i for i, t in enumerate(types) if t == kind), default=-1)

    # No clock to replay: a clarification or fee is awaited if the last request for one is unanswered.
    pending = None
    if last_index("clarification-requested") > last_index("clarified"):
        pending = "clarification"
    elif last_index("fee-notice") > last_index("fee-paid"):
        pending = "fee"
    message = (
        f"Deadlines cannot be worked out: {error}. foitrack's calendar covers {FIRST_YEAR} to "
        f"{LAST_YEAR}; check the dates in this request's file."
    )
    return Evaluation(
        status=_settled_status(seen, pending) or "awaiting-response",
        as_of=as_of,
        regime=request.regime,
        days=days or STATUTORY_DAYS.get(request.regime, 0),
        received=request.date_received,
        clock_start=request.date_received,
        response_due=None,
        very_overdue_after=None,
        first_response=seen.first_response.date if seen.first_response else None,
        latest_outcome=(
            seen.latest_response.outcome
            if seen.latest_response and seen.latest_response.outcome in OUTCOMES
            else None
        ),
        exemptions=tuple(seen.latest_response.exemptions) if seen.latest_response else (),
        answered_at_review=bool(seen.first_response and seen.first_response.type == "review-responded"),
        steps=[Fact.of("no-calendar", message=message)],
        law=LAW[request.regime],
        error=message,
    )
