"""The response clock: the date a response is due, counted through restarts, pauses and
extensions, as the law caps them. It records what it finds as facts (`Fact`), never as prose.

The rules, with their sources (docs/deadlines.md gives each with its source; a "rule N.N" below
is the number of the rule in the deadline reference foitrack was first checked against):

- FOIA s.10(1), EIR reg 5(2), FOISA s.10(1), EISR reg 5(2)(a): 20 working days after the date of
  receipt. The day of receipt is day 0 and need not be a working day; day 1 is the next working
  day (ICO, rule 1.8). `receipt_rule = "code"` gives the s.45 Code of Practice reading instead (a
  request arriving on a non-working day is received on the next working day, rule 1.10).
- Working days: the UK union calendar for FOIA/EIR/SAR, Scotland's for FOISA/EISR (workdays.py).
- The date of receipt is the day the authority got the request (`received`), else the day sent;
  but a FOISA request sent by post is presumed received on the third day after posting (FOISA
  s.74(2)(a)), unless the authority acted on it sooner (`date_of_receipt`).
- Each regime's time limit is the rule in force on the date of receipt (statutes.RULES).
- Schools (SI 2004/3364 reg 3, FOIA only): the 20th working day that is a school day, or the 60th
  working day, whichever comes first (`Clock.school_limit`, term dates from foitrack.law.schools;
  without them, term time is presumed, the earliest the deadline can be).
- Clarification (FOIA s.1(3) + s.10(6)(b), FOISA s.1(3) + s.10(1)(b), EIR reg 9) restarts the
  clock: the day the clarification is received becomes the date of receipt (rule 2.1). Under the
  EIR/EISR only particulars asked for within 20 working days do (reg 9(2) and (4)); under FOIA and
  FOISA a question asked after the deadline still restarts it, but the deadline was already
  missed (`breached`). For a SAR, what a clarification does is the rule in force on the day of
  receipt: since 5 Feb 2026 (UK GDPR art. 12A) and in the ICO's guidance from 21 Oct 2020 it
  pauses the clock, the days from the question to the answer, both included, not counting; in
  the ICO's guidance before, it restarted the month (2018) or did nothing (Dec 2019 to Oct 2020).
  A SAR question asked after the deadline pauses nothing.
- A fees notice stops the clock: the working days from the notice to the payment, both included,
  are disregarded (FOIA s.10(2), FOISA s.10(2), EIR reg 8(6); rule 2.2); unpaid, the clock stays
  stopped. A fee not paid within three months beginning with the day of the notice (FOIA s.9(2),
  FOISA s.9(4)), or 60 working days after it (EIR reg 8(5), EISR reg 8), lapses: the authority
  need not answer, and a payment after that starts no deadline (`lapsed`). For a SAR the month
  runs from receipt of the fee (rule 6.4).
- `extended` sets a new date (`until`) or adds working days (`days`). The law caps it: EIR/EISR
  reg 7 allow 40 working days in all (rule 3.2), and only if the applicant is told within the
  first 20 (EIR reg 7(3)): a later notice extends nothing; FOISA has no extension at all (rule
  4.6); a SAR can be extended to three months from receipt (rule 6.1), plus any days the clock
  was paused for clarification, if the requester is told within the first month (art. 12(3)); FOIA's
  public interest extension is "reasonable", which the ICO reads as no more than 40 working days
  in all (rule 2.4), and a late one is applied and flagged. The facts about a cap are found once
  every event is applied (`Clock.finish`), from the dates the deadline itself uses, so they
  always agree.
- Very overdue: past the 40th working day (or the authority's own longer limit, e.g. 60 for
  schools) with no response, the clock adjusted for restarts and pauses (rules 2.4, 7.3).
- SAR (UK GDPR art. 12(3)): one month to the corresponding date (or the last day of a shorter
  month), rolled forward off non-working days (rules 6.2, 6.3).

`foitrack.law.evaluation` replays a request's events on a `Clock` and settles its status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from foitrack.law.schools import SchoolLimit, SchoolTerms
from foitrack.law.statutes import (
    EIR_FEE_LAPSE_DAYS,
    EIR_MAX_DAYS,
    EIR_REGIMES,
    FEE_LAPSE_MONTHS,
    FOISA_POSTED_DAYS,
    SAR_MAX_MONTHS,
    SCHOOL_DAYS,
    SCHOOL_OUTER_DAYS,
    SCOTTISH,
    VERY_OVERDUE_DAYS,
    Rule,
    first_rule,
    rule_in_force,
)
from foitrack.law.workdays import WorkingCalendar, add_months, last_day_of_months_beginning_with
from foitrack.store.rows import is_response

if TYPE_CHECKING:  # a validated Request, or a Row: the clock reads either
    from foitrack.store.model import Event, Request

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Fact:
    """One thing the clock found: a step in how the deadline was worked out, or a point where the
    law sets a cap, was breached or is unsettled. `kind` names it; `values` are what it rests on.
    `foitrack.law.explain` has the words for each kind."""

    kind: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, kind: str, **values: Any) -> Fact:
        return cls(kind, tuple(values.items()))

    def __getitem__(self, name: str) -> Any:
        for key, value in self.values:
            if key == name:
                return value
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default


# What only the authority does: a request it has done any of these to has been received.
_AUTHORITY_ACTS = frozenset({"acknowledged", "clarification-requested", "fee-notice", "extended", "responded"})


def date_of_receipt(request: Request) -> tuple[dt.date, Fact | None]:
    """The date of receipt the clock counts from, and the fact it rests on when that is not
    simply what the file says. A recorded `received` wins; then, for a FOISA request sent by
    post, s.74(2)(a): "posted is presumed not to be received until the third day after the day
    of posting" (a presumption the authority's own earlier reply rebuts); else the day sent."""
    if request.received is not None:
        return request.received, None
    if request.regime == "foisa" and request.via == "post":
        rule = rule_in_force("posted:foisa", request.sent) or first_rule("posted:foisa")
        presumed = request.sent + FOISA_POSTED_DAYS * ONE_DAY
        acted = min((e.date for e in request.events if e.type in _AUTHORITY_ACTS), default=None)
        if acted is not None and acted < presumed:
            return acted, Fact.of("posted-rebutted", sent=request.sent, presumed=presumed, acted=acted, rule=rule)
        return presumed, Fact.of("posted-presumed", sent=request.sent, presumed=presumed, rule=rule)
    return request.sent, None


def _rule_for(kind: str, day: dt.date) -> Rule:
    """The rule in force on `day`; before the first came into force, the first."""
    return rule_in_force(kind, day) or first_rule(kind)


class Clock:
    """The response deadline, walked event by event.

    Non-SAR clocks count working days after `start` (day 0), skipping the closed fee `pauses`
    (inclusive date ranges). SAR clocks run to the corresponding date a month after `start`,
    plus the calendar days of clarification pauses.
    """

    def __init__(
        self,
        request: Request,
        calendar: WorkingCalendar,
        days: int,
        receipt_rule: str,
        *,
        record: bool = True,
        school: bool = False,
        terms: SchoolTerms | None = None,
        sar_clarification: str | None = None,
    ):
        self.regime = request.regime
        self.calendar = calendar
        self.days = days
        self.receipt_rule = receipt_rule
        self.record = record  # False for a clock run only for its dates (another reading of the law)
        self.steps: list[Fact] = []
        self.flags: list[Fact] = []
        self.received, receipt = date_of_receipt(request)
        if receipt is not None:
            self._step(receipt.kind, **dict(receipt.values))
        self.receipt_day = self.received  # the day received (request, or clarification)
        # The law in force on the day of receipt (None: received before the law came into force).
        self.rule: Rule | None = rule_in_force(f"time-limit:{self.regime}", self.received)
        self.school = school  # SI 2004/3364 reg 3 applies (a FOIA request to a school)
        self.terms = terms  # the school's term dates, if the tracker gave them
        self._school_memo: dict[tuple, SchoolLimit] = {}
        self.clarification_rule: Rule | None = None
        self.clarification_mode = "restart"
        if self.sar:
            self.clarification_rule = _rule_for("sar-clarification", self.received)
            self.clarification_mode = sar_clarification or self.clarification_rule.key
        self.start = self._day_zero(self.received, "the request")
        self.pauses: list[tuple[dt.date, dt.date]] = []
        self.extensions: list[Event] = []
        self.pending: str | None = None  # 'clarification' or 'fee'
        self.pending_since: dt.date | None = None
        # (notice, last day to pay, day paid) of a fee paid after it lapsed: no deadline runs then.
        self.lapsed: tuple[dt.date, dt.date, dt.date] | None = None
        # The deadline that had already passed when a FOIA/FOISA clarification was asked for.
        self.breached: dt.date | None = None

    # -- counting ------------------------------------------------------------------------------

    @property
    def sar(self) -> bool:
        return self.regime == "sar"

    def _day_zero(self, day: dt.date, what: str) -> dt.date:
        """The date of receipt counted from: `day`, or under the Code reading the next working day."""
        if self.regime == "sar" or self.receipt_rule != "code" or self.calendar.is_working_day(day):
            return day
        moved = self.calendar.next_working_day(day)
        self._step("receipt-moved", what=what, day=day, moved=moved)
        return moved

    def _paused(self, day: dt.date) -> bool:
        return any(first <= day <= last for first, last in self.pauses)

    def school_limit(self) -> SchoolLimit:
        """SI 2004/3364 reg 3(2): the 20th working day after the date of receipt not counting
        working days that are not school days, or the 60th working day, whichever occurs first;
        fee pauses are disregarded in both counts (reg 3 varies s.10(1) and (2) alike). Days the
        term dates do not cover count as term time, the earliest the deadline can be."""
        key = (self.start, tuple(self.pauses))
        found = self._school_memo.get(key)
        if found is not None:
            return found
        sixtieth = self.count_forward(self.start, SCHOOL_OUTER_DAYS)
        calendar, terms = self.calendar, self.terms
        counted, day, twentieth = 0, self.start, None
        presumed_first = presumed_last = None
        while day < sixtieth:
            day += ONE_DAY
            if not calendar.is_working_day(day) or self._paused(day):
                continue
            known = terms.is_school_day(day) if terms is not None else None
            if known is False:
                continue
            if known is None:
                presumed_first = presumed_first or day
                presumed_last = day
            counted += 1
            if counted == SCHOOL_DAYS:
                twentieth = day
                break
        presumed = (presumed_first, presumed_last) if presumed_first is not None else None
        found = SchoolLimit(twentieth, sixtieth, terms.name if terms is not None else None, presumed)
        self._school_memo[key] = found
        return found

    def fee_last_day(self, notice: dt.date) -> dt.date:
        """The last day a fee asked for on `notice` can be paid: the end of three months
        beginning with the day of the notice (FOIA s.9(2), FOISA s.9(4)), or the 60th working
        day after it (EIR reg 8(5), EISR reg 8)."""
        if self.regime in EIR_REGIMES:
            return self.calendar.add_working_days(notice, EIR_FEE_LAPSE_DAYS)
        return last_day_of_months_beginning_with(notice, FEE_LAPSE_MONTHS)

    def _step(self, kind: str, **values: Any) -> None:
        if self.record:
            self.steps.append(Fact.of(kind, **values))

    def _flag(self, kind: str, **values: Any) -> None:
        if self.record:
            fact = Fact.of(kind, **values)
            if fact not in self.flags:
                self.flags.append(fact)

    def count_forward(self, anchor: dt.date, n: int) -> dt.date:
        """The n-th working day after `anchor` that is not inside a fee pause."""
        if n <= 0:
            return anchor
        calendar = self.calendar
        pos, remaining = anchor, n
        for first, last in self.pauses:
            if last <= pos:
                continue
            gap_end = first - ONE_DAY
            available = calendar.working_days_between(pos, gap_end) if gap_end > pos else 0
            if available >= remaining:
                return calendar.add_working_days(pos, remaining)
            remaining -= available
            pos = max(pos, last)
        return calendar.add_working_days(pos, remaining)

    def _working_days_in_pause(self, first: dt.date, last: dt.date) -> int:
        """Working days from `first` to `last`, both included, that fall after `start`."""
        low = max(first - ONE_DAY, self.start)
        return self.calendar.working_days_between(low, last) if last > low else 0

    def paused_working_days(self, until: dt.date | None = None) -> int:
        """Working days after `start` (and up to `until`) inside fee pauses."""
        total = 0
        for first, last in self.pauses:
            if until is not None:
                last = min(last, until)
            total += self._working_days_in_pause(first, last)
        return total

    def sar_paused_days(self) -> int:
        return sum((last - first).days + 1 for first, last in self.pauses)

    def sar_nominal(self, months: int) -> dt.date:
        """The corresponding date `months` after `start`, plus the days paused for clarification,
        before it is moved off a non-working day."""
        return add_months(self.start, months) + dt.timedelta(days=self.sar_paused_days())

    def _sar_date(self, months: int) -> dt.date:
        return self.calendar.next_working_day(self.sar_nominal(months))

    def statutory_due(self) -> dt.date:
        if self.sar:
            return self._sar_date(1)
        if self.school:
            return self.school_limit().due
        return self.count_forward(self.start, self.days)

    @property
    def stopped(self) -> bool:
        """Is the clock stopped now (clarification or fee awaited)?"""
        return self.pending is not None

    def statutory_as_at(self, day: dt.date) -> dt.date:
        """The statutory deadline as it stood on `day`: a pause still open then (a SAR's
        clarification, a fees notice) counts up to that day."""
        pausing = "clarification" if self.sar else "fee"
        if self.pending != pausing or self.pending_since is None or day < self.pending_since:
            return self.statutory_due()
        saved = self.pauses
        self.pauses = sorted(saved + [(self.pending_since, day)])
        try:
            return self.statutory_due()
        finally:
            self.pauses = saved

    def uncapped_due(self) -> dt.date:
        """The deadline the extensions ask for, before the law's cap."""
        due = self.statutory_due()
        for event in self.extensions:
            if event.until is not None:
                due = max(due, event.until)
            elif self.sar:
                due = self.calendar.add_working_days(due, event.days or 0)
            else:
                due = self.count_forward(due, event.days or 0)
        return due

    def limit(self) -> dt.date | None:
        """The latest date the law lets an extension reach, if it sets one."""
        if self.sar:
            return self._sar_date(SAR_MAX_MONTHS)
        if self.regime in EIR_REGIMES:
            return self.count_forward(self.start, max(EIR_MAX_DAYS, self.days))
        if self.regime in SCOTTISH:
            return self.statutory_due()
        return None

    def due(self) -> dt.date:
        due = self.uncapped_due()
        limit = self.limit()
        if limit is not None and due > limit:
            due = limit
        return due

    def very_overdue_after(self) -> dt.date:
        if self.sar:
            return self._sar_date(SAR_MAX_MONTHS)
        return self.count_forward(self.start, max(VERY_OVERDUE_DAYS, self.days))

    def very_overdue_basis(self, authority_days: int | None) -> Fact:
        """What very_overdue_after rests on, for `show` and `deadline` to say in words."""
        if self.sar:
            return Fact.of("sar-three-months", paused=self.sar_paused_days())
        n = max(VERY_OVERDUE_DAYS, self.days)
        return Fact.of(
            "nth-working-day",
            n=n,
            authority=n > VERY_OVERDUE_DAYS and n == authority_days,
            after_clarification=self.receipt_day != self.received,
            fee_pause=bool(self.pauses),
        )

    # -- events --------------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        if self.lapsed is not None:
            return  # the fee lapsed before it was paid: no deadline runs any more
        handler = getattr(self, "_on_" + event.type.replace("-", "_"), None)
        if handler is not None:
            handler(event)

    def _on_clarification_requested(self, event: Event) -> None:
        if self.pending is not None:
            return
        statutory = self.statutory_as_at(event.date)
        if self.sar:
            if self.clarification_mode == "runs-on":
                self._step("sar-clarification-no-effect", date=event.date, rule=self.clarification_rule)
                return
            due = self.due()
            if event.date > due:
                # Art. 12A: the days asking do not count towards a period already over.
                self._step("clarification-too-late", date=event.date, due=due)
                self._flag("sar-clarification-after-deadline", due=due, date=event.date)
                return
        elif self.regime in EIR_REGIMES and event.date > statutory:
            # reg 9(2): particulars within 20 working days; only then does reg 9(4) restart it.
            self._step("clarification-too-late", date=event.date, due=statutory)
            self._flag("eir-clarification-late", due=statutory, date=event.date)
            return
        elif event.date > statutory and self.breached is None:
            self.breached = statutory
            self._flag("clarification-after-deadline", due=statutory, date=event.date)
        self.pending, self.pending_since = "clarification", event.date
        self._step("clarification-requested", date=event.date, mode=self.clarification_mode if self.sar else None)

    def _on_clarified(self, event: Event) -> None:
        if self.pending != "clarification":
            return
        self.pending = None
        if self.sar and self.clarification_mode == "pause":
            first = self.pending_since
            self.pauses.append((first, event.date))
            self.pauses.sort()
            self._step(
                "clarified-pause",
                date=event.date,
                first=first,
                paused=(event.date - first).days + 1,
                rule=self.clarification_rule,
            )
            return
        if self.sar:
            # The ICO's guidance of 2018: the month begins when the clarification is received.
            self.start = self.receipt_day = event.date
            self.pauses, self.extensions = [], []
            self._step("sar-clarified-restart", date=event.date, rule=self.clarification_rule)
            return
        self.receipt_day = event.date
        self.start = self._day_zero(event.date, "the clarification")
        self.pauses, self.extensions = [], []
        self._step("clarified-restart", date=event.date, days=self.days)

    def _on_fee_notice(self, event: Event) -> None:
        if self.pending is not None:
            return
        self.pending, self.pending_since = "fee", event.date
        self._step("fee-notice", date=event.date)

    def _on_fee_paid(self, event: Event) -> None:
        if self.pending != "fee":
            return
        self.pending = None
        if self.sar:
            self.start, self.pauses, self.extensions = event.date, [], []
            self.receipt_day = event.date
            self._step("fee-paid-restart", date=event.date)
            return
        first = self.pending_since
        last_day = self.fee_last_day(first)
        if event.date > last_day:
            self.lapsed = (first, last_day, event.date)
            self._step("fee-paid-late", date=event.date, notice=first, last_day=last_day)
            return
        self.pauses.append((first, event.date))
        self.pauses.sort()
        disregarded = self._working_days_in_pause(first, event.date)
        self._step("fee-paid-pause", date=event.date, first=first, disregarded=disregarded)

    def _on_extended(self, event: Event) -> None:
        statutory = self.statutory_as_at(event.date)
        regime = self.regime
        # EIR reg 7(3) (EISR reg 7) and UK GDPR art. 12(3): an extension must be notified within
        # the first 20 working days, or month; one notified later extends nothing.
        if (regime in EIR_REGIMES or self.sar) and event.date > statutory:
            self._step("extension-too-late", date=event.date, due=statutory)
            self._flag("sar-extension-late" if self.sar else "eir-extension-late", statutory=statutory, date=event.date)
            return
        before = self.due()
        self.extensions.append(event)
        after = self.due()
        if event.until is not None:
            self._step("extended-until", date=event.date, until=event.until)
            if event.until < before:
                self._flag("extension-before-deadline", until=event.until, before=before)
        else:
            self._step("extended-days", date=event.date, days=event.days or 0)
        # Whether the extension was given in time is a fact of the day it was given. What the law
        # caps it at depends on every pause, including later ones: see finish().
        if regime in EIR_REGIMES:
            if after > statutory:
                self._step("eir-extension-allowed")
        elif regime == "foia" and event.date > statutory:
            self._flag("foia-extension-late", statutory=statutory, date=event.date)

    def finish(self) -> None:
        """Facts about the extensions still running once every event is applied, from the same
        dates due() and very_overdue_after() use, so what is said and the deadlines always agree."""
        if not self.extensions:
            return
        regime = self.regime
        stopped = self.stopped
        if regime == "foisa":
            self._flag("foisa-no-extension", by=None if stopped else self.statutory_due())
            return
        if regime in EIR_REGIMES:
            if stopped:
                return  # the cap moves with the pause; it is noted once the clock runs again
            limit = self.limit()
            if limit is not None and self.uncapped_due() > limit:
                self._flag("eir-extension-capped", limit=limit)
            return
        if self.sar:
            if stopped:
                return
            limit = self.limit()
            if limit is not None and self.uncapped_due() > limit:
                self._flag("sar-extension-capped", limit=limit, paused=self.sar_paused_days())
            return
        if regime == "foia" and not stopped:
            forty = self.very_overdue_after()
            if self.due() > forty:
                self._flag("foia-extension-past-forty", basis=self.very_overdue_basis(None), forty=forty)


def replay(clock: Clock, happened: list[Event]) -> tuple[str, dt.date] | None:
    """Apply the events that move the response deadline (`happened`: the events up to the
    evaluation date, in date order), until the request is answered or withdrawn. Returns
    (what, since) if the clock was stopped when it was answered."""
    for event in happened:
        if is_response(event) or event.type == "withdrawn":
            if event.type != "withdrawn" and clock.pending is not None:
                return clock.pending, clock.pending_since
            if event.type != "withdrawn" and clock.lapsed is not None:
                return "fee", clock.lapsed[0]  # answered after the fee lapsed: no deadline ran
            return None
        clock.apply(event)
    return None
