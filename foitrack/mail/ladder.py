"""The chase ladder: where an unanswered request stands, and whether a letter may go today.

1. chaser: the request is overdue;
2. final chaser: the request is very overdue (40 working days; for a SAR, past the longest
   extension), or two chasers have gone unanswered since its deadline passed;
3. escalation: a final chaser has gone unanswered (or an internal review is overdue): `chase`
   stops and points to `foitrack letter ID review|complaint`.

The ladder climbs from the deadline in force: after a clarification restarts the clock, or an
extension moves the deadline, only letters sent after the new deadline passed count, so the
first letter is a chaser again. An extended request reaches the final chaser on its own only
`EXTENDED_FINAL_AFTER` working days after its extended deadline (as an unextended one does 20
working days after its statutory one), not the day after it because by then it is past the 40.

`chase.every` working days must pass between two chasers. Pure: dates in, a `ChaseState` out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from foitrack.dates import long_date
from foitrack.law.evaluation import Evaluation
from foitrack.law.explain import plural
from foitrack.law.statutes import STATUTORY_DAYS, VERY_OVERDUE_DAYS
from foitrack.store.model import SCOTTISH_REGIMES, Event, Request

STAGE_NAMES = {1: "chaser", 2: "final chaser", 3: "escalation"}
# An unextended request is very overdue 20 working days after its statutory deadline (the 40th
# against the 20th); an extended one gets the same distance from its extended deadline.
EXTENDED_FINAL_AFTER = VERY_OVERDUE_DAYS - STATUTORY_DAYS["foia"]


@dataclass(frozen=True)
class ChaseState:
    """Where a request stands on the ladder as at one date."""

    stage: int | None  # None when nothing is overdue
    next_step: str | None  # "chaser", "final chaser", "complaint", "review"
    last_chased: dt.date | None  # any chased event, ever
    chasers: tuple[Event, ...]  # chased events since the clock (re)started
    final_chaser: dt.date | None  # when a stage-2 letter went, since the clock (re)started
    wait_until: dt.date | None  # chase.every: no new chaser before this date
    reason: str = ""  # why there is no letter to send now, if there is none

    @property
    def can_chase(self) -> bool:
        return self.stage in (1, 2) and not self.reason


def chase_state(
    request: Request, evaluation: Evaluation, calendar, *, every: int, as_of: dt.date
) -> ChaseState:
    """The rung a request has reached, and whether a chaser may go today."""
    chased = [event for event in request.events if event.type == "chased" and event.date <= as_of]
    last = max((event.date for event in chased), default=None)
    since_start = tuple(event for event in chased if event.date >= evaluation.clock_start)
    # The rungs climbed since the deadline in force passed: a letter about an earlier deadline
    # (before an extension, or before a clarification restarted the clock) starts nothing.
    due = evaluation.response_due
    climbed = [event for event in since_start if due is None or event.date > due]
    final = max((event.date for event in climbed if (event.stage or 1) >= 2), default=None)
    status = evaluation.status
    if status == "review-overdue":
        return ChaseState(3, "complaint", last, since_start, final, None,
                          reason=f"the internal review is overdue; next step: foitrack letter {request.id} complaint")
    if status not in ("overdue", "very-overdue"):
        return ChaseState(None, None, last, since_start, final, None)
    if final is not None:
        step = "review" if request.regime in SCOTTISH_REGIMES else "complaint"
        reply_by = calendar.add_working_days(final, every or 5)
        waiting = as_of < reply_by
        reason = f"final chaser sent {long_date(final)}"
        if waiting:
            reason += f", asking for a reply by {long_date(reply_by)}; if none comes"
        reason += f", next step: foitrack letter {request.id} {step}"
        return ChaseState(3, step, last, since_start, final, reply_by if waiting else None, reason=reason)
    stage = 2 if _final_now(request, evaluation, calendar, as_of) or len(climbed) >= 2 else 1
    wait_until = None
    reason = ""
    if last is not None and last >= as_of:
        reason = f"already chased {long_date(last)}"
    elif last is not None and (gone := calendar.working_days_between(last, as_of)) < every:
        wait_until = calendar.add_working_days(last, every)
        reason = (
            f"chased {plural(gone, 'working day')} ago ({long_date(last)}); "
            f"chase.every is {every}, so the next chaser can go on {long_date(wait_until)}"
        )
    return ChaseState(stage, STAGE_NAMES[stage], last, since_start, final, wait_until, reason)


def _final_now(request: Request, evaluation: Evaluation, calendar, as_of: dt.date) -> bool:
    """Is the request late enough for a final chaser without two chasers first? Very overdue,
    and, when the authority extended the time, `EXTENDED_FINAL_AFTER` working days past the
    extended deadline (an extension to the 40th working day is very overdue the day it passes)."""
    if evaluation.status != "very-overdue":
        return False
    extended = any(
        event.type == "extended" and evaluation.clock_start <= event.date <= as_of for event in request.events
    )
    if not extended or evaluation.response_due is None:
        return True
    return as_of > calendar.add_working_days(evaluation.response_due, EXTENDED_FINAL_AFTER)
