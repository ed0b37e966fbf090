"""The chase ladder: where an unanswered request stands, and whether a letter may go today.

1. chaser: the request is overdue;
2. final chaser: the request is very overdue (40 working days; for a SAR, past the longest
   extension), or two chasers have gone unanswered since the clock last (re)started;
3. escalation: a final chaser has gone unanswered (or an internal review is overdue): `chase`
   stops and points to `foitrack letter ID review|complaint`.

`chase.every` working days must pass between two chasers. Pure: dates in, a `ChaseState` out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from foitrack.dates import long_date
from foitrack.law.evaluation import Evaluation
from foitrack.law.explain import plural
from foitrack.store.model import SCOTTISH_REGIMES, Event, Request

STAGE_NAMES = {1: "chaser", 2: "final chaser", 3: "escalation"}


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
    final = max((event.date for event in since_start if (event.stage or 1) >= 2), default=None)
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
    stage = 2 if status == "very-overdue" or len(since_start) >= 2 else 1
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
