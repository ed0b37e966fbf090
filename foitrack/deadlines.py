"""Status and deadlines, derived from a request's events. Nothing here is ever stored.

The rules and their sources are in the README's "How deadlines are worked out"; in short:
- FOIA s.10(1), EIR reg 5(2), FOISA s.10(1), EISR reg 5(2): 20 working days after receipt, the
  day of receipt being day 0 (ICO method; `receipt_rule = "code"` gives the s.45 Code reading).
- Clarification (FOIA s.1(3)/s.10(6)(b), FOISA s.1(3)) restarts the clock from the day the
  clarification is received. For a SAR it pauses the clock instead (DUAA 2025).
- A fees notice pauses it: the working days from the notice to the payment, both included, do
  not count (FOIA s.10(2)).
- `extended` moves the deadline to a date, or adds working days (EIR reg 7: 40 in all).
- Very overdue: past 40 working days from receipt with no response (ICO: an extension should
  normally not go beyond 40 in total).
- Internal review: 20 working days from the request for it (EIR reg 11 and EISR: 40 and 20).
- SAR (UK GDPR art. 12(3)): one month by the ICO's corresponding-date rule, rolled forward off
  non-working days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from foitrack.calendar import (
    NonWorkingDay,
    WorkingCalendar,
    add_months,
    calendar_for,
    code_of_practice_start,
    sar_due,
)
from foitrack.model import Event, Request

STATUTORY_DAYS = {"foia": 20, "eir": 20, "foisa": 20, "eisr": 20}
VERY_OVERDUE_DAYS = 40
REVIEW_DAYS = {"foia": 20, "eir": 40, "foisa": 20, "eisr": 20, "sar": 20}
REVIEW_REQUEST_WINDOW_DAYS = 40  # FOIA (ICO), EIR reg 11(2), FOISA s.20(5): 40 working days
COMPLAINT_WINDOW = dt.timedelta(weeks=6)  # ICO: within six weeks of the final response
SCOTTISH_COMPLAINT_MONTHS = 6  # FOISA s.47(4): six months after the review response
LAW = {
    "foia": "FOIA s.10(1)",
    "eir": "EIR reg 5(2)",
    "foisa": "FOISA s.10(1)",
    "eisr": "EISR reg 5(2)",
    "sar": "UK GDPR art. 12(3)",
}

# Events are evaluated in date order; on the same day, in the order they were written.
_CLOSING = {"responded", "withdrawn"}


@dataclass
class Evaluation:
    """Everything derived about a request as at one date."""

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
    review_due: dt.date | None = None
    review_request_by: dt.date | None = None
    complaint_by: dt.date | None = None
    working_days_overdue: int = 0
    working_days_to_respond: int | None = None
    responded_on_time: bool | None = None
    explanation: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[NonWorkingDay] = field(default_factory=list)

    @property
    def due(self) -> dt.date | None:
        """The deadline that matters now: the review's while one is pending, else the response's."""
        if self.status in ("review-requested", "review-overdue"):
            return self.review_due
        if self.status in ("answered", "withdrawn", "complained"):
            return None
        return self.response_due

    @property
    def is_open(self) -> bool:
        return self.status not in ("answered", "withdrawn")

    @property
    def is_overdue(self) -> bool:
        return self.status in ("overdue", "very-overdue", "review-overdue")


def ordered_events(request: Request) -> list[tuple[int, Event]]:
    """(index in file, event) sorted by date; ties keep file order."""
    return sorted(enumerate(request.events), key=lambda pair: (pair[1].date, pair[0]))


def _fmt(day: dt.date) -> str:
    return f"{day:%a %d %b %Y}"


class _ResponseClock:
    """Walks the events that move the response deadline."""

    def __init__(self, request: Request, calendar: WorkingCalendar, days: int, receipt_rule: str):
        self.request = request
        self.calendar = calendar
        self.days = days
        self.lines: list[str] = []
        self.notes: list[str] = []
        received = request.date_received
        self.received = received
        self.start = received
        if request.regime != "sar" and receipt_rule == "code" and not calendar.is_working_day(received):
            self.start = code_of_practice_start(received, calendar)
            self.lines.append(
                f"Received on {_fmt(received)}, a non-working day; under the s.45 Code of Practice "
                f"reading the request counts as received on {_fmt(self.start)}."
            )
        self.paused_working_days = 0  # working days disregarded since the (re)start
        self.paused_calendar_days = 0  # for SARs, whose limit runs in calendar months
        self.extension: Event | None = None
        self.extra_days = 0
        self.until: dt.date | None = None
        self.pending: str | None = None  # 'clarification' or 'fee'
        self.pending_since: dt.date | None = None

    def base_due(self) -> dt.date:
        if self.request.regime == "sar":
            if not self.paused_calendar_days:
                return sar_due(self.start, self.calendar)
            return self.calendar.next_working_day(
                add_months(self.start, 1) + dt.timedelta(days=self.paused_calendar_days)
            )
        return self.calendar.add_working_days(self.start, self.days + self.paused_working_days)

    def due(self) -> dt.date | None:
        """The deadline that matters now: the review's while one is pending, else the response's."""
        if self.status in ("review-requested", "review-overdue"):
            return self.review_due
        if self.status in ("answered", "withdrawn", "complained"):
            return None
        return self.response_due

    @property
    def is_open(self) -> bool:
        return self.status not in ("answered", "withdrawn")

    @property
    def is_overdue(self) -> bool:
        return self.status in ("overdue", "very-overdue", "review-overdue")


def ordered_events(request: Request) -> list[tuple[int, Event]]:
    """(index in file, event) sorted by date; ties keep file order."""
    return sorted(enumerate(request.events), key=lambda pair: (pair[1].date, pair[0]))


def _fmt(day: dt.date) -> str:
    return f"{day:%a %d %b %Y}"


class _ResponseClock:
    """Walks the events that move the response deadline."""

    def __init__(self, request: Request, calendar: WorkingCalendar, days: int, receipt_rule: str):
        self.request = request
        self.calendar = calendar
        self.days = days
        self.lines: list[str] = []
        self.notes: list[str] = []
        received = request.date_received
        self.received = received
        self.start = received
        if request.regime != "sar" and receipt_rule == "code" and not calendar.is_working_day(received):
            self.start = code_of_practice_start(received, calendar)
            self.lines.append(
                f"Received on {_fmt(received)}, a non-working day; under the s.45 Code of Practice "
                f"reading the request counts as received on {_fmt(self.start)}."
            )
        self.paused_working_days = 0  # working days disregarded since the (re)start
        self.paused_calendar_days = 0  # for SARs, whose limit runs in calendar months
        self.extension: Event | None = None
        self.extra_days = 0
        self.until: dt.date | None = None
        self.pending: str | None = None  # 'clarification' or 'fee'
        self.pending_since: dt.date | None = None

    def base_due(self) -> dt.date:
        if self.request.regime == "sar":
            due = sar_due(self.start, self.calendar)
            if self.paused_calendar_days:
                due = self.calendar.next_working_day(
                    self.start
                    + (add_months(self.start, 1) - self.start)
                    + dt.timedelta(days=self.paused_calendar_days)
                )
            return due
        return self.calendar.add_working_days(self.start, self.days + self.paused_working_days)

    def due(self) -> dt.date:
        due = self.base_due()
        if self.extra_days:
            due = self.calendar.add_working_days(due, self.extra_days)
        if self.until and self.until > due:
            due = self.until
        return due

    def very_overdue_after(self) -> dt.date:
        if self.request.regime == "sar":
            # Art. 12(3): at most two further months, three in all.
            return self.calendar.next_working_day(add_months(self.start, 3))
        limit = max(VERY_OVERDUE_DAYS, self.days)
        return self.calendar.add_working_days(self.start, limit + self.paused_working_days)

    def apply(self, event: Event) -> None:
        regime = self.request.regime
        if event.type == "clarification-requested":
            self.pending, self.pending_since = "clarification", event.date
            self.lines.append(f"{_fmt(event.date)}: the authority asked for clarification; the clock stopped.")
        elif event.type == "clarified" and self.pending == "clarification":
            if regime == "sar":
                paused = (event.date - self.pending_since).days
                self.paused_calendar_days += paused
                self.lines.append(
                    f"{_fmt(event.date)}: clarification given; for a SAR the clock was paused "
                    f"for {paused} calendar days and resumes."
                )
            else:
                self.start = event.date
                self.paused_working_days = 0
                self.extra_days, self.until = 0, None
                self.lines.append(
                    f"{_fmt(event.date)}: clarification given; the clock restarts with this as the "
                    "date of receipt (FOIA s.10(6)(b) / FOISA s.10(1)(b))."
                )
            self.pending = None
        elif event.type == "fee-notice":
            self.pending, self.pending_since = "fee", event.date
            self.lines.append(f"{_fmt(event.date)}: fees notice issued; the clock paused.")
        elif event.type == "fee-paid" and self.pending == "fee":
            if regime == "sar":
                paused = (event.date - self.pending_since).days + 1
                self.paused_calendar_days += paused
            else:
                paused = self._working_days_inclusive(self.pending_since, event.date)
                self.paused_working_days += paused
            self.lines.append(
                f"{_fmt(event.date)}: fee paid; the {paused} "
                f"{'calendar' if regime == 'sar' else 'working'} day(s) from the notice to the "
                "payment, both included, do not count (FOIA s.10(2))."
            )
            self.pending = None
        elif event.type == "extended":
            if event.until is not None:
                self.until = event.until
                self.lines.append(f"{_fmt(event.date)}: the authority extended the deadline to {_fmt(event.until)}.")
            else:
                self.extra_days += event.days or 0
                self.lines.append(
                    f"{_fmt(event.date)}: the authority extended the deadline by {event.days} working days."
                )
            if regime == "foia" and event.until is None and self.days + self.extra_days > 40:
                self.notes.append(
                    "The ICO expects a public interest extension to stop at 40 working days in all, "
                    "save in exceptional cases."
                )
            elif regime == "foisa":
                self.notes.append(
                    "FOISA has no public interest extension: the 20-day limit still applies in law."
                )

    def _working_days_inclusive(self, first: dt.date, last: dt.date) -> int:
        return self.calendar.working_days_between(first - dt.timedelta(days=1), last)


def evaluate(
    request: Request,
    as_of: dt.date,
    *,
    days: int | None = None,
    extra_non_working: tuple[tuple[dt.date, str], ...] = (),
    receipt_rule: str = "ico",
) -> Evaluation:
    """Derive the request's status and deadlines as at `as_of` from its events.

    `days` overrides the statutory number of working days (for example 60 for a school).
    """
    regime = request.regime
    calendar = calendar_for(regime, extra_non_working)
    limit = days or STATUTORY_DAYS.get(regime, 20)
    clock = _ResponseClock(request, calendar, limit, receipt_rule)
    if regime == "sar":
        clock.lines.insert(
            0,
            f"Received {_fmt(clock.received)}; {LAW[regime]}: one month, to the corresponding date "
            "in the next month (or its last day), moved off weekends and bank holidays.",
        )
        clock.notes.append(
            "UK GDPR does not say whose public holidays count; foitrack skips bank holidays of every UK nation."
        )
    else:
        clock.lines.insert(
            0,
            f"Received {_fmt(clock.received)} (day 0); {LAW[regime]}: {limit} working days, "
            f"counting on the {calendar.name} calendar.",
        )
    first_response: Event | None = None
    latest_response: Event | None = None
    review_requested: Event | None = None
    review_answered: Event | None = None
    complained: Event | None = None
    decided: Event | None = None
    withdrawn: Event | None = None
    for _, event in ordered_events(request):
        if event.date > as_of:
            continue  # evaluating as at an earlier date: later events have not happened yet
        if first_response is None and withdrawn is None:
            clock.apply(event)
        if event.type == "responded":
            first_response = first_response or event
            latest_response = event
        elif event.type == "review-requested":
            review_requested, review_answered = event, None
        elif event.type == "review-responded" and review_requested is not None:
            review_answered = event
        elif event.type == "complained":
            complained, decided = event, None
        elif event.type == "decision" and complained is not None:
            decided = event
        elif event.type == "withdrawn":
            withdrawn = event

    clock_stopped = clock.pending is not None and first_response is None
    response_due = None if clock_stopped else clock.due()
    very_after = None if clock_stopped else clock.very_overdue_after()
    result = Evaluation(
        status="awaiting-response",
        as_of=as_of,
        regime=regime,
        days=limit,
        received=clock.received,
        clock_start=clock.start,
        response_due=response_due,
        very_overdue_after=very_after,
        explanation=clock.lines,
        notes=clock.notes,
    )
    if response_due is not None:
        result.skipped = calendar.skipped(clock.start, response_due)
        result.explanation.append(f"Response due by {_fmt(response_due)}.")
        for day in result.skipped:
            if calendar.proclaimed(day.date):
                result.notes.append(
                    f"{_fmt(day.date)} is a one-off day made by Royal Proclamation; whether it extends "
                    "requests already running when it was proclaimed is unsettled."
                )
        if regime != "sar" and receipt_rule == "ico" and not calendar.is_working_day(clock.received):
            alternative = calendar.add_working_days(
                code_of_practice_start(clock.received, calendar), limit + clock.paused_working_days
            )
            if alternative != response_due and clock.start == clock.received:
                result.notes.append(
                    f"Received on a non-working day: the statute and the ICO count from that day, giving "
                    f"{_fmt(response_due)}; authorities following the s.45 Code of Practice reading "
                    f"may say {_fmt(alternative)}."
                )
    else:
        what = "clarification" if clock.pending == "clarification" else "the fee"
        result.explanation.append(f"The clock is stopped until {what} is received.")

    if first_response is not None:
        result.first_response = first_response.date
        result.latest_outcome = latest_response.outcome if latest_response else None
        deadline = clock.due()
        result.responded_on_time = first_response.date <= deadline
        result.working_days_to_respond = max(
            0,
            calendar.working_days_between(clock.start, first_response.date) - clock.paused_working_days,
        )
        final = review_answered or latest_response
        result.review_request_by = calendar.add_working_days(
            latest_response.date, REVIEW_REQUEST_WINDOW_DAYS
        )
        if regime in ("foisa", "eisr"):
            if review_answered is not None:
                result.complaint_by = add_months(review_answered.date, SCOTTISH_COMPLAINT_MONTHS)
        else:
            result.complaint_by = final.date + COMPLAINT_WINDOW

    if review_requested is not None:
        review_days = REVIEW_DAYS.get(regime, 20)
        result.review_due = calendar.add_working_days(review_requested.date, review_days)
        result.explanation.append(
            f"{_fmt(review_requested.date)}: internal review requested; due within {review_days} working "
            f"days, by {_fmt(result.review_due)}."
        )
        if regime == "foia":
            result.notes.append(
                "FOIA internal reviews are set by the s.45 Code of Practice, not the Act: 20 working days, "
                "40 in exceptional cases."
            )

    # Status, most conclusive first.
    if withdrawn is not None:
        result.status = "withdrawn"
    elif complained is not None and decided is None:
        result.status = "complained"
    elif review_requested is not None and review_answered is None:
        over = as_of > result.review_due
        result.status = "review-overdue" if over else "review-requested"
        if over:
            result.working_days_overdue = calendar.working_days_between(result.review_due, as_of)
    elif first_response is not None:
        result.status = "answered"
    elif clock.pending == "clarification":
        result.status = "clarification-requested"
    elif clock.pending == "fee":
        result.status = "fee-requested"
    elif as_of > response_due:
        result.working_days_overdue = calendar.working_days_between(response_due, as_of)
        result.status = "very-overdue" if as_of > very_after else "overdue"
    return result


def order_problems(request: Request) -> list[tuple[int, str]]:
    """Events that cannot have happened in the order written: (event index, message)."""
    problems: list[tuple[int, str]] = []
    pending_clarification = pending_fee = False
    review_pending = complained = responded = False
    withdrawn_on: dt.date | None = None
    for index, event in ordered_events(request):
        name = f"'{event.type}' on {event.date}"
        if event.date < request.sent:
            problems.append((index, f"{name} is dated before the request was sent ({request.sent})"))
            continue
        if withdrawn_on is not None and event.type != "note":
            problems.append((index, f"{name} comes after the request was withdrawn on {withdrawn_on}"))
            continue
        if event.type == "clarification-requested":
            pending_clarification = True
        elif event.type == "clarified":
            if not pending_clarification:
                problems.append((index, f"{name} has no 'clarification-requested' before it"))
            pending_clarification = False
        elif event.type == "fee-notice":
            pending_fee = True
        elif event.type == "fee-paid":
            if not pending_fee:
                problems.append((index, f"{name} has no 'fee-notice' before it"))
            pending_fee = False
        elif event.type == "responded":
            responded = True
        elif event.type == "review-requested":
            review_pending = True
        elif event.type == "review-responded":
            if not review_pending:
                problems.append((index, f"{name} has no 'review-requested' before it"))
            review_pending = False
        elif event.type == "complained":
            complained = True
        elif event.type == "decision":
            if not complained:
                problems.append((index, f"{name} has no 'complained' before it"))
        elif event.type == "withdrawn":
            withdrawn_on = event.date
    del responded
    return problems
