"""A request's status and deadlines as at a date, derived from its events. Nothing is stored.

`evaluate` replays the events on the response clock (`foitrack.law.clock`), then settles what
follows the response: whether it came in time, the windows for an internal review and a complaint,
the review's own deadline, and the status. The result, `Evaluation`, carries dates and the facts
behind them; its explanation and notes in words (`foitrack.law.explain`) are worked out only when
something reads them, so `due --json`, `list` and `report` never pay for sentences nobody sees.

The rules here, with their sources (docs/deadlines.md):
- Received defaults to sent, bar a FOISA request sent by post, presumed received on the third day
  after posting (s.74(2)(a); clock.date_of_receipt). A request is judged by the law in force on
  the day it was received (statutes.RULES); one received before that law came into force is
  flagged.
- Per-authority limits (schools, archives 30: SI 2004/3364, rules 2.5-2.8) change FOIA s.10
  only, so they apply to FOIA (and FOISA, whose s.10(4) lets ministers vary it), never to the EIR.
  A school (term dates in foitrack.toml, or `days = 60`) has the 20th school day or the 60th
  working day, whichever comes first (SI 2004/3364 reg 3); without term dates foitrack presumes
  term time, so the request is overdue after the 20th working day, with a note.
- A fee not paid in time lapses (FOIA s.9(2), FOISA s.9(4): three months beginning with the
  notice; EIR reg 8(5), EISR reg 8: 60 working days): status fee-lapsed, no deadline, also when
  the fee is paid after that.
- Internal review: 20 working days from the request for it (FOIA s.45 Code, FOISA s.21(1),
  EISR reg 16(4)); 40 under EIR reg 11(4) (rules 3.5, 4.7, 5.2). review-overdue after that.
- A review or complaint may be asked for within 40 working days of the response (FOIA (ICO),
  EIR reg 11(2), FOISA s.20(5)); a complaint to the ICO within six weeks of the final response,
  to the Scottish Commissioner within six months of the review result (FOISA s.47(4)).
- Unsettled law is a fact too: a non-working-day receipt (both dates kept), days made by Royal
  Proclamation (rule 1.7), SAR "public holidays" (rule 6.6), school days without term dates
  (rule 2.5), a SAR clarification before UK GDPR art. 12A (5 Feb 2026) and the SAR month before
  15 Aug 2019 (the other reading's date kept), days some calendars list as holidays that no
  proclamation made (4 Jan 2010 and 2011 in Scotland).
The law's numbers and citations live in statutes.py; `check`'s event-order rules in validation.py.

One idea, though long: replaying a request's events into its status and windows, where each
rule's edge case (late notices, lapsed fees, reviews, the law in force on the day) must see all
the others; split, the order in which they apply would be spread over several files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from foitrack.law.clock import ONE_DAY, Clock, Fact, replay
from foitrack.law.schools import SchoolLimit, SchoolTerms
from foitrack.law.standing import Settled, Standing, finish, has_status, late_windows  # noqa: F401  (has_status, Settled: re-exported)
from foitrack.law.statutes import (
    AUTHORITY_DAYS_REGIMES,
    COMPLAINT_WINDOW,
    EIR_REGIMES,
    FEE_LAPSE_LAW,
    FOISA_COVID_DAYS,
    LAW,
    SCHOOL_OUTER_DAYS,
    Rule,
    first_rule,
    rule_in_force,
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
    NOT_PROCLAIMED,
    CalendarRangeError,
    NonWorkingDay,
    WorkingCalendar,
    add_months,
    calendar_for,
)
from foitrack.store.rows import is_response, ordered_events
from foitrack.vocab import OUTCOMES

if TYPE_CHECKING:  # a validated Request, or a Row: evaluation reads either
    from foitrack.store.model import Event, Request


@dataclass
class Evaluation(Standing):
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
    # While the clock is stopped waiting on the requester: since when (the clarification or fees
    # notice), and for a fee the day it lapses unpaid (FOIA s.9(2), FOISA s.9(4): three months).
    waiting_since: dt.date | None = None
    fee_pay_by: dt.date | None = None
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
    # The law in force on the day of receipt that set the time limit (None: received before it).
    rule: Rule | None = None
    # The rules applied that changed over time (the time limit; for a SAR, what clarification does).
    rules: tuple[Rule, ...] = ()
    # A school's two dates (SI 2004/3364 reg 3), when the schools' rule applies.
    school: SchoolLimit | None = None
    # A fee went unpaid past the period the law allows, or was paid after it: no duty to answer.
    fee_lapsed: bool = False
    # What the events settle by themselves, for `finish` (foitrack.law.standing) to compare with
    # the date: the status they give (None: the deadline decides), a fee paid after it lapsed,
    # and the Scottish windows a missed deadline would open.
    by_events: str | None = None
    fee_paid_late: bool = False
    review_request_by_if_late: dt.date | None = None
    complaint_by_if_review_late: dt.date | None = None
    # False when what the events settle still depends on the date (FOISA's weeks of 2020 for a
    # request not yet answered, a draft, dates off the calendar): then nothing is kept for
    # another day (`Settled.of`).
    date_free: bool = True

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

# ---------------------------------------------------------------------------------------------
# evaluate(): the clock, then what happened after the response, then the status


def evaluate(
    request: Request,
    as_of: dt.date,
    *,
    days: int | None = None,
    authority_days: int | None = None,
    school_terms: SchoolTerms | None = None,
    extra_non_working: tuple[tuple[dt.date, str], ...] = (),
    receipt_rule: str = "ico",
    strict: bool = False,
) -> Evaluation:
    """Derive the request's status and deadlines as at `as_of` from its events.

    `days` overrides the number of working days for any regime but SAR (`foitrack deadline
    --days`); `authority_days` is an authority's own limit from the directory or foitrack.toml
    (60 for schools, 30 for archives), which the law allows for FOIA and FOISA only;
    `school_terms` are a school's term dates (foitrack.toml), which make the authority a school.

    A date outside foitrack's calendar never raises unless `strict`: the evaluation then carries
    the status the events give, no deadlines, and `error` saying why. A draft (not sent yet)
    has status "draft" and no deadlines: the clock starts when it is sent.
    """
    if request.sent is None:
        return Evaluation(
            status="draft", as_of=as_of, regime=request.regime, days=STATUTORY_DAYS.get(request.regime, 20),
            received=None, clock_start=None, response_due=None, very_overdue_after=None,  # type: ignore[arg-type]
            date_free=False,
        )
    try:
        return _evaluate(request, as_of, days, authority_days, school_terms, extra_non_working, receipt_rule)
    except CalendarRangeError as error:
        if strict:
            raise
        return _without_calendar(request, as_of, days or authority_days, str(error))


def _limit_for(
    regime: str, days: int | None, authority_days: int | None, terms: SchoolTerms | None
) -> tuple[int, list[Fact], bool]:
    """The working days the response is due in, facts about an authority's own limit, and
    whether the schools' rule (SI 2004/3364 reg 3: 20 school days or 60 working days) applies."""
    facts: list[Fact] = []
    if regime == "sar":
        return 0, facts, False
    if days:
        return days, facts, False
    statutory = STATUTORY_DAYS[regime]
    school = terms is not None or authority_days == SCHOOL_OUTER_DAYS
    if school and regime != "foia":
        # The Time for Compliance Regulations vary FOIA s.10 only; no regulations made under
        # FOISA s.10(4) give Scottish schools longer, and the EIR are never varied.
        facts.append(Fact.of("authority-days-not-for-regime", days=SCHOOL_OUTER_DAYS, statutory=statutory, school=True))
        return statutory, facts, False
    if school:
        return SCHOOL_OUTER_DAYS, facts, True
    if authority_days and authority_days != statutory:
        if regime not in AUTHORITY_DAYS_REGIMES:
            facts.append(Fact.of("authority-days-not-for-regime", days=authority_days, statutory=statutory, school=False))
            return statutory, facts, False
        if authority_days == 30 and regime == "foia":
            facts.append(Fact.of("archive-days"))
        return authority_days, facts, False
    return statutory, facts, False


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


def _settled_status(seen: _Milestones, pending: str | None, lapsed: bool = False) -> str | None:
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
    if lapsed:
        return "fee-lapsed"
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
    school_terms: SchoolTerms | None,
    extra_non_working: tuple[tuple[dt.date, str], ...],
    receipt_rule: str,
) -> Evaluation:
    regime = request.regime
    calendar = calendar_for(regime, extra_non_working)
    limit, limit_facts, school = _limit_for(regime, days, authority_days, school_terms)
    clock = Clock(request, calendar, limit, receipt_rule, school=school, terms=school_terms if school else None)
    calendar.reason(as_of)  # range check: as_of is compared with the deadlines below
    _open(clock, request, limit_facts)
    # Evaluating as at an earlier date: later events have not happened yet.
    happened = [event for _, event in ordered_events(request) if event.date <= as_of]
    pending_at_response = replay(clock, happened)
    clock.finish()
    seen = _Milestones.of(happened)

    # Answered while the clock was stopped: the deadline is the one running when it stopped. A fee
    # paid after it lapsed starts no deadline at all.
    stopped = (clock.pending is not None or clock.lapsed is not None) and pending_at_response is None
    response_due = None if stopped else clock.due()
    very_after = None if stopped else clock.very_overdue_after()
    covid = None
    if regime == "foisa" and response_due is not None:
        covid = _foisa_covid(clock, as_of, seen, response_due)
        if covid is not None and covid["applies"]:
            response_due, very_after = covid["due"], max(very_after, covid["due"])
    rules = [clock.rule] if clock.rule is not None else []
    if clock.clarification_rule is not None and any(e.type == "clarification-requested" for e in happened):
        rules.append(clock.clarification_rule)
    result = Evaluation(
        status="awaiting-response",
        as_of=as_of,
        regime=regime,
        days=limit,
        received=clock.received,
        clock_start=clock.start,
        response_due=response_due,
        very_overdue_after=very_after,
        very_overdue_basis=None
        if very_after is None
        else clock.very_overdue_basis(SCHOOL_OUTER_DAYS if school else authority_days),
        steps=clock.steps,
        flags=clock.flags,
        law=LAW[regime],
        calendar=calendar,
        extra_non_working=extra_non_working,
        receipt_rule=receipt_rule,
        rule=clock.rule,
        rules=tuple(rules),
    )
    if response_due is not None:
        _due(result, request, clock, happened)
    else:
        _stopped(result, clock, as_of)
    if seen.first_response is not None:
        _after_response(result, clock, seen, pending_at_response)
        if covid is not None and covid["applies"] and seen.first_response.date <= covid["due"]:
            result.responded_on_time = True
    if covid is not None:
        result.flags.append(Fact.of("foisa-covid", **covid))
        # Not yet answered, the weeks govern as at a day in them and not after: the date decides.
        result.date_free = seen.first_response is not None
    if seen.review_requested is not None:
        _review(result, clock, seen)
    if regime in SCOTTISH:
        result.review_request_by_if_late, result.complaint_by_if_review_late = late_windows(
            regime, response_due, result.review_due, calendar,
            review_asked=seen.review_requested is not None,
            review_answered=seen.review_answered is not None,
            answered=seen.first_response is not None,
        )
    result.by_events = _settled_status(seen, clock.pending, result.fee_paid_late)
    finish(result, as_of, calendar)  # what the date decides: foitrack.law.standing
    if regime == "foisa" and (result.response_overdue or result.answered_late):
        # A request made by 30 Sep 2021 that was late at any time from 7 Apr 2020 on.
        defence = first_rule("foisa-covid-defence")
        late_until = result.first_response or as_of
        if clock.received <= defence.until and late_until >= defence.in_force:
            result.flags.append(Fact.of("foisa-covid-defence", rule=defence))
    foreign = foreign_exemptions(request)
    if foreign:
        result.flags.append(Fact.of("exemptions-of-other-regime", cited=tuple(foreign), regime=regime))
    return result


def _foisa_covid(clock: Clock, as_of: dt.date, seen: _Milestones, due: dt.date) -> dict | None:
    """FOISA's 60 working days of 7 Apr to 26 May 2020 (statutes.RULES "time-limit:foisa-covid"):
    they govern a response given in those weeks, and, as at a day in them, a request not yet
    answered; from 27 May 2020 the 20 working days govern again, even for requests received
    before. None when the weeks touch neither the request's deadline nor its answer."""
    rule = first_rule("time-limit:foisa-covid")
    answered = seen.first_response.date if seen.first_response is not None else None
    day = answered if answered is not None and answered <= as_of else as_of
    sixtieth = clock.count_forward(clock.start, FOISA_COVID_DAYS)
    if sixtieth <= due or sixtieth < rule.in_force or clock.start > rule.until:
        return None
    return {"due": sixtieth, "applies": rule.applies_on(day), "statutory": due, "rule": rule}


def _open(clock: Clock, request: Request, limit_facts: list[Fact]) -> None:
    """The first step (the law in force on the day of receipt, and how it counts) and the facts
    that stand whatever happens next."""
    clock.steps.insert(
        0, Fact.of("opened", day_zero=clock.start == clock.received, rule=clock.rule, school=clock.school)
    )
    if clock.rule is None:
        clock.flags.append(
            Fact.of("before-in-force", rule=first_rule(f"time-limit:{request.regime}"), received=clock.received)
        )
    if clock.sar:
        clock.flags.append(Fact.of("sar-public-holidays"))
    clock.flags.extend(limit_facts)
    if request.via == "post" and request.received is None and request.regime != "foisa":
        # Only FOISA presumes when a posted request arrives (s.74(2)); FOIA, the EIR, the EISR
        # and the UK GDPR count from the day the authority actually received it (rule 7.1).
        clock.flags.append(Fact.of("posted-no-presumption", sent=request.sent))


def _stopped(result: Evaluation, clock: Clock, as_of: dt.date) -> None:
    """No deadline runs while a clarification or fee is awaited; a fee not paid in time lapses
    (`finish` compares the last day to pay with the date), and one paid after that starts nothing
    (FOIA s.9(2), FOISA s.9(4), EIR reg 8(5), EISR reg 8)."""
    if clock.lapsed is not None:
        notice, last_day, paid = clock.lapsed
        result.fee_paid_late = True
        result.flags.append(
            Fact.of("fee-lapsed", notice=notice, last_day=last_day, paid=paid, law=FEE_LAPSE_LAW[clock.regime])
        )
        return
    result.steps.append(Fact.of("stopped", pending=clock.pending))
    result.waiting_since = clock.pending_since
    if clock.pending == "fee" and not clock.sar:
        last_day = result.fee_pay_by = clock.fee_last_day(clock.pending_since)
        if as_of > last_day:
            result.flags.append(
                Fact.of(
                    "fee-lapsed", notice=clock.pending_since, last_day=last_day, paid=None,
                    law=FEE_LAPSE_LAW[clock.regime],
                )
            )


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
    if clock.breached is not None and clock.breached < first_response.date:
        # FOIA/FOISA: a clarification asked after the deadline restarts the time, but s.10(1)
        # had already been breached.
        result.responded_on_time = False
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
    a review that gave no response (one that never came: `late_windows`)."""
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
    if regime in SCOTTISH and seen.review_answered is not None and seen.first_response is None:
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
    if clock.school:
        limit = result.school = clock.school_limit()
        result.steps.append(Fact.of("school-limit", limit=limit, extended=due != limit.due))
        if limit.terms is None:
            result.flags.append(Fact.of("school-terms-unknown", limit=limit))
        elif limit.presumed is not None:
            result.flags.append(Fact.of("school-terms-partial", limit=limit, terms=clock.terms))
    result.steps.append(Fact.of("due", due=due))
    result.flags.append(Fact.of("proclaimed-days-skipped"))  # where the notes on such days go
    first, last = result.skipped_span
    for day in NOT_PROCLAIMED:
        if first < day <= last and calendar.is_working_day(day):
            result.flags.append(Fact.of("not-proclaimed", day=day))
    if clock.sar:
        _sar_unsettled(result, request, clock, happened)

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


def _sar_unsettled(result: Evaluation, request: Request, clock: Clock, happened: list[Event]) -> None:
    """Where the law on a SAR's month was unsettled on the day it was received, the date the
    other reading gives: what a clarification did (the UK GDPR said nothing until art. 12A,
    5 Feb 2026), and, before 15 Aug 2019, whether the month ran from the day after receipt."""
    rule = clock.clarification_rule
    if rule is not None and not rule.settled and any(e.type == "clarification-requested" for e in happened):
        # The ICO's other reading: a pause (its guidance from 21 Oct 2020, and the law from 2026),
        # or, against the guidance of the day that paused, the month simply running on.
        other_mode = "runs-on" if clock.clarification_mode == "pause" else "pause"
        other = Clock(request, clock.calendar, clock.days, clock.receipt_rule, record=False,
                      sar_clarification=other_mode)
        replay(other, happened)
        if other.pending is None and other.lapsed is None and other.due() != result.response_due:
            result.flags.append(
                Fact.of("sar-clarification-unsettled", rule=rule, mode=clock.clarification_mode,
                        other_mode=other_mode, other_due=other.due())
            )
    counting = rule_in_force("sar-counting", clock.start)
    if counting is not None and counting.key in ("day-after", "beginning-with"):
        if counting.key == "day-after":  # the month runs from the day after receipt
            end = add_months(clock.start + ONE_DAY, 1)
        else:
            # A month "beginning with" the day of receipt ends the day before the corresponding
            # date, or, where the next month has no such date (31 May), on its last day.
            end = add_months(clock.start, 1)
            if end.day == clock.start.day:
                end -= ONE_DAY
        other_due = clock.calendar.next_working_day(end + dt.timedelta(days=clock.sar_paused_days()))
        if other_due != clock.statutory_due():
            result.flags.append(Fact.of("sar-counting-unsettled", rule=counting, other_due=other_due))


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
        date_free=False,
    )
