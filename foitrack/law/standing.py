"""Where a request stands as at a date, and the part of its evaluation no date changes.

`foitrack.law.evaluation.evaluate` works in two steps. Replaying the events on the clock settles
everything that follows from the events themselves: the deadline, the very-overdue date, the
first response and whether it was on time, the review's deadline, the windows for a review and a
complaint. Then `finish` compares those dates with the as-of date: overdue or not, how many working
days late, a fee lapsed, a Scottish review or complaint window opened by a deadline that passed.

When the as-of date is on or after every date in the request (the usual case: today), the first
step does not depend on the date at all. `Settled` keeps its result as plain data, which the
listing cache (`foitrack.store.index`) holds per file, so that `list`, `due` and `report` only run
`finish` on it: a few comparisons per request. `finish` is the very code `evaluate` runs, on an
`Evaluation` or a `Settled` alike, so the two can never disagree; `Standing` gives both the same
properties (the report's counts, what `list --status` selects by).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import msgspec

from foitrack.law.workdays import add_months
from foitrack.law.statutes import REVIEW_REQUEST_WINDOW_DAYS, SCOTTISH_COMPLAINT_MONTHS
from foitrack.store.rows import Outcome, Regime

# The statuses the events give by themselves (evaluation._settled_status), as a Literal so that
# msgspec hands back one str object for each (see foitrack.store.rows).
ByEvents = Literal[
    "withdrawn", "complained", "review-requested", "answered", "fee-lapsed", "clarification-requested", "fee-requested"
]


class Standing:
    """The properties read off an evaluation (full or settled): where the request stands."""

    __slots__ = ()

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


# `list --status WORD`: the words that name the report's counts (foitrack.vocab.STATUS_GROUPS),
# each the Standing property the report counts by; any other word is a status.
_STATUS_GROUPS = {
    "answered": "answered",
    "on-time": "answered_on_time",
    "late": "answered_late",
    "overdue": "response_overdue",
    "open": "unanswered",
    "withdrawn": "withdrawn_unanswered",
}


def has_status(evaluation: Standing, word: str) -> bool:
    """Does `list --status WORD` select this request? The same test the report counts with."""
    group = _STATUS_GROUPS.get(word)
    return getattr(evaluation, group) if group else evaluation.status == word


def finish(result: Any, as_of: dt.date, calendar) -> None:
    """Settle, as at `as_of`, what depends on the date (an `Evaluation` or a `Settled`, whose
    date-free part the events have settled): the status, the working days overdue, a fee that
    lapsed unpaid, and the Scottish windows a missed deadline opens. Reads only what the events
    settled and writes only these, so it can be run again on the same `Settled` for another day."""
    result.as_of = as_of
    # A fee not paid in time lapses: FOIA s.9(2), FOISA s.9(4), EIR reg 8(5), EISR reg 8.
    result.fee_lapsed = result.fee_paid_late or (result.fee_pay_by is not None and as_of > result.fee_pay_by)
    if result.complaint_by_if_review_late is not None:
        # FOISA s.47(4)(b): six months from the day the review was due, once it has not come.
        late = result.review_due is not None and as_of > result.review_due
        result.complaint_by = result.complaint_by_if_review_late if late else None
    status = result.by_events
    if status == "fee-requested" and result.fee_lapsed:
        status = "fee-lapsed"
    overdue_days = 0
    if status == "review-requested" and as_of > result.review_due:
        status = "review-overdue"
        overdue_days = calendar.working_days_between(result.review_due, as_of)
    elif status is None:
        status = "awaiting-response"
        if as_of > result.response_due:
            status = "very-overdue" if as_of > result.very_overdue_after else "overdue"
    if result.review_request_by_if_late is not None:
        # FOISA s.20(5)(a), EISR reg 16(2): a review of a failure to respond, 40 working days on.
        late = status in ("overdue", "very-overdue")
        result.review_request_by = result.review_request_by_if_late if late else None
    result.status = status
    if result.response_overdue:
        # Never answered: late by the response deadline, escalated or not (a review of the
        # failure to respond or a complaint leaves the response owed, and as late as ever).
        overdue_days = calendar.working_days_between(result.response_due, as_of)
    result.working_days_overdue = overdue_days


def late_windows(regime: str, response_due: dt.date | None, review_due: dt.date | None, calendar,
                 *, review_asked: bool, review_answered: bool, answered: bool) -> tuple[dt.date | None, dt.date | None]:
    """The Scottish windows a missed deadline opens, worked out ahead (`finish` applies them once
    the day is past): a review of a failure to respond may be required within 40 working days of
    the response deadline (FOISA s.20(5)(a), EISR reg 16(2)); and when a review does not come, an
    application to the Commissioner within six months of the day it was due (s.47(4)(b))."""
    review_request_by = complaint_by = None
    if response_due is not None and not review_asked and not answered:
        review_request_by = calendar.add_working_days(response_due, REVIEW_REQUEST_WINDOW_DAYS)
    if review_asked and not review_answered and review_due is not None:
        complaint_by = add_months(review_due, SCOTTISH_COMPLAINT_MONTHS)
    return review_request_by, complaint_by


class Settled(Standing, msgspec.Struct, array_like=True, gc=False):
    """The part of a request's evaluation the events settle, as plain data (see the module's
    docstring), and what `finish` makes of it as at a date. Valid for every as-of date on or
    after the request's last date; `Settled.of` an evaluation whose result still depends on the
    date (FOISA's 2020 weeks, for a request not yet answered) is None."""

    regime: Regime
    days: int
    received: dt.date | None
    clock_start: dt.date | None
    response_due: dt.date | None
    very_overdue_after: dt.date | None
    first_response: dt.date | None
    latest_outcome: Outcome | None
    exemptions: tuple[str, ...]
    answered_at_review: bool
    review_due: dt.date | None
    waiting_since: dt.date | None
    fee_pay_by: dt.date | None
    review_request_by: dt.date | None
    complaint_by: dt.date | None
    working_days_to_respond: int | None
    responded_on_time: bool | None
    by_events: ByEvents | None
    fee_paid_late: bool
    review_request_by_if_late: dt.date | None
    complaint_by_if_review_late: dt.date | None
    # What `finish` works out as at a date (stored too, but always worked out again).
    as_of: dt.date | None = None
    status: str = ""
    working_days_overdue: int = 0
    fee_lapsed: bool = False

    @classmethod
    def of(cls, evaluation: Any) -> Settled | None:
        if not evaluation.date_free:
            return None
        return cls(*(getattr(evaluation, name) for name in _SETTLED_FIELDS))


_SETTLED_FIELDS = Settled.__struct_fields__[: Settled.__struct_fields__.index("as_of")]
