"""Status and deadlines, derived from a request's events. Nothing here is ever stored.

The rules, with their sources (numbers refer to ../shared/docs/uk-deadline-rules.md, summarised
in docs/deadlines.md):

- FOIA s.10(1), EIR reg 5(2), FOISA s.10(1), EISR reg 5(2)(a): 20 working days after the date of
  receipt. The day of receipt is day 0 and need not be a working day; day 1 is the next working
  day (ICO, rule 1.8). `receipt_rule = "code"` gives the s.45 Code of Practice reading instead (a
  request arriving on a non-working day is received on the next working day, rule 1.10); where
  the two readings differ foitrack shows both.
- Working days: the UK union calendar for FOIA/EIR/SAR, Scotland's for FOISA/EISR (calendar.py).
- Received defaults to sent (Request.date_received).
- Clarification (FOIA s.1(3) + s.10(6)(b), FOISA s.1(3) + s.10(1)(b), EIR reg 9) restarts the
  clock: the day the clarification is received becomes the date of receipt (rule 2.1). For a SAR
  it pauses the clock instead: the days from the request for clarification to the answer, both
  included, do not count (DUAA 2025; DPA 2018 s.54(3C) has the same words; rule 6.4).
- A fees notice stops the clock: the working days from the notice to the payment, both included,
  are disregarded (FOIA s.10(2), FOISA s.10(2); rule 2.2); unpaid, the clock stays stopped. For a
  SAR the month runs from receipt of the fee (rule 6.4).
- `extended` sets a new date (`until`) or adds working days (`days`). The law caps it: EIR/EISR
  reg 7 allow 40 working days in all (rule 3.2); FOISA has no extension at all (rule 4.6); a SAR
  can be extended to three months from receipt (rule 6.1), plus any days the clock was paused for
  clarification; FOIA's public interest extension is "reasonable", which the ICO reads as no more
  than 40 working days in all (rule 2.4). The notes about a cap are written once every event is
  applied (`_Clock.finish`), from the dates the deadline itself uses, so they always agree.
- Very overdue: past the 40th working day (or the authority's own longer limit, e.g. 60 for
  schools) with no response, the clock adjusted for restarts and pauses (rules 2.4, 7.3).
- Per-authority limits (schools 60, archives 30: SI 2004/3364, rules 2.5-2.8) change FOIA s.10
  only, so they apply to FOIA (and FOISA, whose s.10(4) lets ministers vary it), never to the EIR.
- SAR (UK GDPR art. 12(3)): one month to the corresponding date (or the last day of a shorter
  month), rolled forward off non-working days (calendar.sar_due; rules 6.2, 6.3).
- Internal review: 20 working days from the request for it (FOIA s.45 Code, FOISA s.21(1),
  EISR reg 16(4)); 40 under EIR reg 11(4) (rules 3.5, 4.7, 5.2). review-overdue after that.
- Unsettled law is flagged in `notes`: a non-working-day receipt (both dates shown), days made
  by Royal Proclamation (rule 1.7), SAR "public holidays" (rule 6.6), school days (rule 2.5).

How the module reads, top to bottom:
- `Evaluation`, what `evaluate` returns: dates, status, and the explanation and notes in words.
- `_Clock`, the response deadline: the counting (working days after day 0, fee pauses, a SAR's
  month) and one handler per event that moves it (`_on_<event>`), each writing its line of the
  explanation as it applies; `finish` adds the notes about extension caps.
- `evaluate`/`_evaluate`: replay the events on the clock, then `_after_response` (on time? the
  review and complaint windows), `_review` (the internal review's deadline), and the status.
- `_explain_due`: the non-working days skipped, Royal Proclamation days, the other reading of
  a non-working-day receipt. Then notes on exemptions from the other regime, and
  `_without_calendar` for a request whose dates foitrack's calendar does not cover.
The law's numbers and citations live in law.py; `check`'s event-order rules in validation.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from foitrack.calendar import (
    FIRST_YEAR,
    LAST_YEAR,
    CalendarRangeError,
    NonWorkingDay,
    WorkingCalendar,
    add_months,
    calendar_for,
)
from foitrack.law import (
    AUTHORITY_DAYS_REGIMES,
    CLARIFICATION_LAW,
    COMPLAINT_WINDOW,
    EIR_MAX_DAYS,
    EIR_REGIMES,
    FEE_LAPSE_MONTHS,
    FEE_LAW,
    LAW,
    REVIEW_COMPLAINT_DAYS,
    REVIEW_DAYS,
    REVIEW_LAW,
    REVIEW_REQUEST_WINDOW_DAYS,
    SAR_MAX_MONTHS,
    SCOTTISH,
    SCOTTISH_COMPLAINT_MONTHS,
    STATUTORY_DAYS,
    VERY_OVERDUE_DAYS,
    WORKING_DAYS_LAW,
)
from foitrack.model import Event, Request

ONE_DAY = dt.timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# The result


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
    # How very_overdue_after was found, for display: "the 40th working day", "three months from
    # receipt", "the authority's 60th working day" ...
    very_overdue_rule: str = ""
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
    # How the deadline was found (for `deadline` and `show`).
    law: str = ""
    calendar_name: str = ""
    day_one: dt.date | None = None  # the first day counted (None for SARs and stopped clocks)
    receipt_rule: str = "ico"
    alternative_due: dt.date | None = None  # the other receipt reading's date, when it differs
    alternative_rule: str | None = None
    error: str | None = None  # set when the dates fall outside foitrack's calendar

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


def new_notes(before: Evaluation, after: Evaluation) -> list[str]:
    """The notes `after` has that `before` did not, in `after`'s order: what a just-recorded
    event changed that the user should hear about at once (FOISA has no extension; the law caps
    this one), rather than only in `show`. Evaluate both as at the same date."""
    seen = set(before.notes)
    return [note for note in after.notes if note not in seen]


def ordered_events(request: Request) -> list[tuple[int, Event]]:
    """(index in file, event) sorted by date; ties keep file order."""
    return sorted(enumerate(request.events), key=lambda pair: (pair[1].date, pair[0]))


# ---------------------------------------------------------------------------------------------
# Wording


def _fmt(day: dt.date) -> str:
    return f"{day:%a %d %b %Y}"


def plural(n: int, word: str) -> str:
    """'1 working day', '2 working days'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _ordinal(n: int) -> str:
    """40 -> '40th', 41 -> '41st', 42 -> '42nd', 43 -> '43rd', 111 -> '111th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# ---------------------------------------------------------------------------------------------
# The response clock


class _Clock:
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
        explain: bool = True,
    ):
        self.regime = request.regime
        self.calendar = calendar
        self.days = days
        self.receipt_rule = receipt_rule
        self.explain = explain
        self.lines: list[str] = []
        self.notes: list[str] = []
        self.received = request.date_received
        self.receipt_day = self.received  # the day received (request, or clarification)
        self.start = self._day_zero(self.received, "the request")
        self.pauses: list[tuple[dt.date, dt.date]] = []
        self.extensions: list[Event] = []
        self.pending: str | None = None  # 'clarification' or 'fee'
        self.pending_since: dt.date | None = None

    # -- counting ------------------------------------------------------------------------------

    @property
    def sar(self) -> bool:
        return self.regime == "sar"

    def _day_zero(self, day: dt.date, what: str) -> dt.date:
        """The date of receipt counted from: `day`, or under the Code reading the next working day."""
        if self.regime == "sar" or self.receipt_rule != "code" or self.calendar.is_working_day(day):
            return day
        moved = self.calendar.next_working_day(day)
        self._line(
            f"{what.capitalize()} arrived on {_fmt(day)}, not a working day; under the s.45 Code of "
            f"Practice reading (receipt_rule = \"code\") it counts as received on {_fmt(moved)}."
        )
        return moved

    def _line(self, text: str) -> None:
        if self.explain:
            self.lines.append(text)

    def _note(self, text: str) -> None:
        if self.explain and text not in self.notes:
            self.notes.append(text)

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

    def _sar_paused_days(self) -> int:
        return sum((last - first).days + 1 for first, last in self.pauses)

    def sar_nominal(self, months: int) -> dt.date:
        """The corresponding date `months` after `start`, plus the days paused for clarification,
        before it is moved off a non-working day."""
        return add_months(self.start, months) + dt.timedelta(days=self._sar_paused_days())

    def _sar_date(self, months: int) -> dt.date:
        return self.calendar.next_working_day(self.sar_nominal(months))

    def statutory_due(self) -> dt.date:
        if self.sar:
            return self._sar_date(1)
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

    def very_overdue_rule(self, authority_days: int | None) -> str:
        """How very_overdue_after is found, in words, for `show` and `deadline`."""
        if self.sar:
            rule = "three months from receipt"
            paused = self._sar_paused_days()
            if paused:
                rule += f", plus the {plural(paused, 'day')} paused for clarification"
            return rule
        n = max(VERY_OVERDUE_DAYS, self.days)
        whose = "the authority's " if n > VERY_OVERDUE_DAYS and n == authority_days else "the "
        rule = f"{whose}{_ordinal(n)} working day"
        if self.receipt_day != self.received:
            rule += " after the clarification"
        if self.pauses:
            rule += ", not counting the fee pause"
        return rule

    # -- events --------------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        handler = getattr(self, "_on_" + event.type.replace("-", "_"), None)
        if handler is not None:
            handler(event)

    def _on_clarification_requested(self, event: Event) -> None:
        if self.pending is not None:
            return
        self.pending, self.pending_since = "clarification", event.date
        if self.sar:
            self._line(
                f"{_fmt(event.date)}: the controller asked for clarification; the clock is paused "
                "until the answer arrives."
            )
        else:
            self._line(
                f"{_fmt(event.date)}: the authority asked for clarification; the clock stopped, and "
                "restarts from the day the clarification is received."
            )

    def _on_clarified(self, event: Event) -> None:
        if self.pending != "clarification":
            return
        self.pending = None
        if self.sar:
            first = self.pending_since
            self.pauses.append((first, event.date))
            self.pauses.sort()
            paused = (event.date - first).days + 1
            self._line(
                f"{_fmt(event.date)}: clarification given; the {plural(paused, 'day')} from "
                f"{_fmt(first)} to {_fmt(event.date)}, both included, do not count (UK GDPR as "
                "amended by the Data (Use and Access) Act 2025) and the clock resumes."
            )
            return
        self.receipt_day = event.date
        self.start = self._day_zero(event.date, "the clarification")
        self.pauses, self.extensions = [], []
        self._line(
            f"{_fmt(event.date)}: clarification received; it becomes the date of receipt "
            f"({CLARIFICATION_LAW[self.regime]}) and a fresh {self.days} working days start."
        )

    def _on_fee_notice(self, event: Event) -> None:
        if self.pending is not None:
            return
        self.pending, self.pending_since = "fee", event.date
        if self.sar:
            self._line(
                f"{_fmt(event.date)}: the controller asked for a fee; the month runs from the day "
                "the fee is received (ICO)."
            )
        else:
            self._line(
                f"{_fmt(event.date)}: fees notice given; the clock stopped until the fee is paid "
                f"({FEE_LAW[self.regime]})."
            )

    def _on_fee_paid(self, event: Event) -> None:
        if self.pending != "fee":
            return
        self.pending = None
        if self.sar:
            self.start, self.pauses, self.extensions = event.date, [], []
            self.receipt_day = event.date
            self._line(f"{_fmt(event.date)}: fee received; the month starts again from this day.")
            return
        first = self.pending_since
        self.pauses.append((first, event.date))
        self.pauses.sort()
        disregarded = self._working_days_in_pause(first, event.date)
        self._line(
            f"{_fmt(event.date)}: fee paid; the {plural(disregarded, 'working day')} from the notice "
            f"({_fmt(first)}) to the payment, both included, do not count ({FEE_LAW[self.regime]})."
        )
        if self.regime in EIR_REGIMES:
            self._note(
                "foitrack pauses an EIR clock for a charge paid in advance as FOIA s.10(2) does; "
                "the sources behind foitrack did not confirm the EIR wording (reg 8)."
            )

    def _on_extended(self, event: Event) -> None:
        statutory = self.statutory_as_at(event.date)
        before = self.due()
        self.extensions.append(event)
        after = self.due()
        if event.until is not None:
            self._line(f"{_fmt(event.date)}: the authority extended the deadline to {_fmt(event.until)}.")
            if event.until < before:
                self._note(
                    f"The extension date {_fmt(event.until)} is before the deadline already running "
                    f"({_fmt(before)}); the later date stands."
                )
        else:
            self._line(
                f"{_fmt(event.date)}: the authority extended the deadline by "
                f"{plural(event.days or 0, 'working day')}."
            )
        # Whether the extension was given in time is a fact of the day it was given. What the law
        # caps it at depends on every pause, including later ones: see finish().
        regime = self.regime
        if regime in EIR_REGIMES:
            if event.date > statutory:
                self._note(
                    f"{regime.upper()} reg 7(3): the authority had to say it needed more time within "
                    f"20 working days, by {_fmt(statutory)}; it did so on {_fmt(event.date)}."
                )
            if after > statutory:
                self._line(
                    f"{regime.upper()} reg 7(1): complex and voluminous requests may take up to 40 "
                    "working days."
                )
        elif self.sar:
            if event.date > statutory:
                self._note(
                    f"UK GDPR art. 12(3): the controller had to say it was extending within one month, "
                    f"by {_fmt(statutory)}; it did so on {_fmt(event.date)}."
                )
        elif regime == "foia" and event.date > statutory:
            self._note(
                "FOIA s.10(3) and s.17(2): a notice saying more time is needed for the public interest "
                f"test was due by {_fmt(statutory)}; the extension was recorded on {_fmt(event.date)}."
            )

    def finish(self) -> None:
        """Notes on the extensions still running once every event is applied, from the same
        dates due() and very_overdue_after() use, so the notes and the deadlines always agree."""
        if not self.extensions:
            return
        regime = self.regime
        stopped = self.stopped
        if regime == "foisa":
            by = "within 20 working days" if stopped else f"by {_fmt(self.statutory_due())}"
            self._note(
                "FOISA has no extension of time (there is no public interest extension in Scotland): "
                f"the authority still had to respond {by}."
            )
            return
        if regime in EIR_REGIMES:
            if stopped:
                return  # the cap moves with the pause; it is noted once the clock runs again
            limit = self.limit()
            if limit is not None and self.uncapped_due() > limit:
                self._note(
                    f"{regime.upper()} reg 7(1) allows 40 working days at most: the deadline is "
                    f"{_fmt(limit)}, not later."
                )
            return
        if self.sar:
            if stopped:
                return
            limit = self.limit()
            if limit is not None and self.uncapped_due() > limit:
                paused = self._sar_paused_days()
                plus = f", plus the {plural(paused, 'day')} paused for clarification" if paused else ""
                self._note(
                    "UK GDPR art. 12(3) allows two further months at most (three months from "
                    f"receipt{plus}): the deadline is {_fmt(limit)}, not later."
                )
            return
        if regime == "foia" and not stopped:
            forty = self.very_overdue_after()
            if self.due() > forty:
                self._note(
                    f"The extension runs past {self.very_overdue_rule(None)} ({_fmt(forty)}); the ICO "
                    "expects a public interest extension to stop there, save in exceptional cases."
                )


def _replay(clock: _Clock, happened: list[Event]) -> tuple[str, dt.date] | None:
    """Apply the events that move the response deadline (`happened`: the events up to the
    evaluation date, in date order), until the request is answered or withdrawn. Returns
    (what, since) if the clock was stopped when it was answered."""
    for event in happened:
        if event.type in ("responded", "withdrawn"):
            if event.type == "responded" and clock.pending is not None:
                return clock.pending, clock.pending_since
            return None
        clock.apply(event)
    return None


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
    the status the events give, no deadlines, and `error` saying why.
    """
    try:
        return _evaluate(request, as_of, days, authority_days, extra_non_working, receipt_rule)
    except CalendarRangeError as error:
        if strict:
            raise
        return _without_calendar(request, as_of, days or authority_days, str(error))


def _limit_for(regime: str, days: int | None, authority_days: int | None) -> tuple[int, list[str]]:
    """The working days the response is due in, and notes on an authority's own limit."""
    notes: list[str] = []
    if regime == "sar":
        return 0, notes
    if days:
        return days, notes
    statutory = STATUTORY_DAYS[regime]
    if authority_days and authority_days != statutory:
        if regime not in AUTHORITY_DAYS_REGIMES:
            notes.append(
                f"This authority has {authority_days} working days for FOI requests, but that limit "
                f"(set under FOIA s.10(4)) does not change the {regime.upper()}: {statutory} working "
                "days apply."
            )
            return statutory, notes
        if authority_days == 60:
            notes.append(
                "Schools and academies (SI 2004/3364 reg 3, SI 2009/1369, SI 2010/2768): the 20th "
                "school day or the 60th working day, whichever comes first. foitrack does not know "
                "term dates, so it uses the 60th working day; in term time the deadline may be earlier."
            )
        elif authority_days == 30 and regime == "foia":
            notes.append(
                "Archives (SI 2004/3364 reg 4): 30 working days when a transferred public record "
                "needs consultation; otherwise 20."
            )
        return authority_days, notes
    return statutory, notes


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
            if kind == "responded":
                first = first or event
                latest = event
            elif kind == "review-requested":
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
    limit, limit_notes = _limit_for(regime, days, authority_days)
    clock = _Clock(request, calendar, limit, receipt_rule)
    calendar.reason(as_of)  # range check: as_of is compared with the deadlines below
    _open_explanation(clock, request, limit_notes)
    # Evaluating as at an earlier date: later events have not happened yet.
    happened = [event for _, event in ordered_events(request) if event.date <= as_of]
    pending_at_response = _replay(clock, happened)
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
        very_overdue_rule="" if very_after is None else clock.very_overdue_rule(authority_days),
        explanation=clock.lines,
        notes=clock.notes,
        law=LAW[regime],
        calendar_name=calendar.name,
        receipt_rule=receipt_rule,
    )
    if response_due is not None:
        _explain_due(result, request, clock, happened, extra_non_working)
    else:
        _explain_stopped(result, clock)
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
            result.working_days_overdue = calendar.working_days_between(response_due, as_of)
            status = "very-overdue" if as_of > very_after else "overdue"
            if regime in SCOTTISH and seen.review_requested is None:
                # FOISA s.20(5)(a), EISR reg 16(2): a review of a failure to respond, 40 working days on.
                result.review_request_by = calendar.add_working_days(response_due, REVIEW_REQUEST_WINDOW_DAYS)
    result.status = status
    result.notes.extend(exemption_regime_notes(request))
    return result


def _open_explanation(clock: _Clock, request: Request, limit_notes: list[str]) -> None:
    """The explanation's first line (the law, and how it counts) and the notes that stand
    whatever happens next."""
    regime = request.regime
    if clock.sar:
        clock.lines.insert(
            0,
            f"Received {_fmt(clock.received)}, which counts as day 1; {LAW[regime]}: one month, to the "
            "corresponding date in the next month (the last day of a shorter month); "
            f"{WORKING_DAYS_LAW[regime]}.",
        )
        clock.notes.append(
            "UK GDPR does not say whose public holidays count; foitrack skips the bank holidays of "
            "every UK nation."
        )
    else:
        day_zero = ", which is day 0" if clock.start == clock.received else ""
        clock.lines.insert(
            0,
            f"Received {_fmt(clock.received)}{day_zero}; {LAW[regime]}: {clock.days} working days "
            f"after the date of receipt; {WORKING_DAYS_LAW[regime]}.",
        )
    clock.notes.extend(limit_notes)
    if regime == "foisa" and request.via == "post" and request.received is None:
        clock.notes.append(
            "FOISA s.74(2) presumes a posted request is received on the third day after posting "
            f"({_fmt(request.sent + 3 * ONE_DAY)}); foitrack counts from the day sent until you "
            "record `received` in the request file."
        )


def _explain_stopped(result: Evaluation, clock: _Clock) -> None:
    """No deadline runs while a clarification or fee is awaited: say so, and whether an unpaid
    fee has lapsed."""
    what = "the clarification" if clock.pending == "clarification" else "the fee"
    result.explanation.append(f"The clock is stopped until {what} is received.")
    if clock.pending == "fee" and not clock.sar:
        lapse = add_months(clock.pending_since, FEE_LAPSE_MONTHS)
        if result.as_of > lapse:
            result.notes.append(
                f"The fee was not paid within three months of the notice (by {_fmt(lapse)}): the "
                f"authority no longer has to answer ({'FOISA s.9(4)' if clock.regime in SCOTTISH else 'FOIA s.9(2)'})."
            )


def _after_response(
    result: Evaluation, clock: _Clock, seen: _Milestones, pending_at_response: tuple[str, dt.date] | None
) -> None:
    """Whether the response came in time, how long it took, and the windows it opens for a
    review and a complaint."""
    calendar, regime = clock.calendar, clock.regime
    first_response, latest_response = seen.first_response, seen.latest_response
    result.first_response = first_response.date
    result.latest_outcome = latest_response.outcome
    if pending_at_response is not None:
        kind, since = pending_at_response
        result.responded_on_time = since <= clock.due()
        counted_until = since - ONE_DAY  # the day the clock stopped is not counted
        result.explanation.append(
            f"{_fmt(first_response.date)}: answered while the clock was stopped for {kind} "
            f"(since {_fmt(since)})."
        )
    else:
        result.responded_on_time = first_response.date <= clock.due()
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
    if regime != "sar":
        result.review_request_by = calendar.add_working_days(
            latest_response.date, REVIEW_REQUEST_WINDOW_DAYS
        )
    if regime in SCOTTISH:
        if seen.review_answered is not None:
            result.complaint_by = add_months(seen.review_answered.date, SCOTTISH_COMPLAINT_MONTHS)
    elif regime != "sar":
        result.complaint_by = final.date + COMPLAINT_WINDOW


def _review(result: Evaluation, clock: _Clock, seen: _Milestones) -> None:
    """When the internal review asked for is due, and (in Scotland) when a complaint may follow
    a review that never came."""
    calendar, regime = clock.calendar, clock.regime
    review_requested = seen.review_requested
    review_days = REVIEW_DAYS.get(regime, 20)
    review_start = review_requested.date
    if clock.receipt_rule == "code" and regime != "sar" and not calendar.is_working_day(review_start):
        review_start = calendar.next_working_day(review_start)
    result.review_due = calendar.add_working_days(review_start, review_days)
    result.explanation.append(
        f"{_fmt(review_requested.date)}: internal review requested; {REVIEW_LAW[regime]}: "
        f"{review_days} working days, so the result is due by {_fmt(result.review_due)}."
    )
    if regime == "foia":
        forty = calendar.add_working_days(review_start, REVIEW_COMPLAINT_DAYS)
        result.notes.append(
            "A FOIA internal review is set by the s.45 Code of Practice, not the Act: 20 working "
            f"days, 40 in exceptional cases; with no result by {_fmt(forty)} the ICO will take a "
            "complaint."
        )
    if regime in SCOTTISH and seen.review_answered is None and result.as_of > result.review_due:
        result.complaint_by = add_months(result.review_due, SCOTTISH_COMPLAINT_MONTHS)


# ---------------------------------------------------------------------------------------------
# How the response deadline was found: the days skipped, and where the law is unsettled


def _explain_due(
    result: Evaluation,
    request: Request,
    clock: _Clock,
    happened: list[Event],
    extra_non_working: tuple[tuple[dt.date, str], ...],
) -> None:
    calendar, receipt_rule = clock.calendar, clock.receipt_rule
    due = result.response_due
    if clock.sar:
        nominal = clock.sar_nominal(1)
        statutory = clock.statutory_due()
        result.skipped = calendar.skipped(nominal - ONE_DAY, statutory)
        if statutory != nominal:
            result.explanation.append(
                f"The corresponding date, {_fmt(nominal)}, is not a working day, so the deadline moves "
                f"to {_fmt(statutory)}."
            )
    else:
        result.day_one = clock.count_forward(clock.start, 1)
        # Fee pauses are explained in the timeline; `skipped` holds the non-working days.
        result.skipped = calendar.skipped(clock.start, due)
    result.explanation.append(f"Response due by {_fmt(due)}.")

    for day in result.skipped:
        if calendar.proclaimed(day.date):
            if any(day.date == extra for extra, _ in extra_non_working):
                message = (
                    f"{_fmt(day.date)}, {day.reason}, is a non-working day only because this tracker "
                    "adds it (foitrack.toml); foitrack does not count it."
                )
            else:
                message = (
                    f"{_fmt(day.date)}, {day.reason}, was made a bank holiday by Royal Proclamation; "
                    "foitrack does not count it. Whether it extends a request that was already running "
                    "when the day was proclaimed is unsettled."
                )
            if day.date == dt.date(2022, 9, 19) and request.regime in SCOTTISH:
                message += " The Scottish Information Commissioner said it was not a working day."
            result.notes.append(message)

    # The other reading of a non-working-day receipt (rule 1.10): show both dates when they differ.
    if clock.sar or calendar.is_working_day(clock.receipt_day):
        return
    other_rule = "code" if receipt_rule == "ico" else "ico"
    other = _Clock(request, calendar, clock.days, other_rule, explain=False)
    _replay(other, happened)
    alternative = other.due()
    if alternative == due:
        return
    result.alternative_due = alternative
    result.alternative_rule = other_rule
    what = "The request" if clock.receipt_day == clock.received else "The clarification"
    ico_date, code_date = (due, alternative) if receipt_rule == "ico" else (alternative, due)
    used = "the Act and the ICO's reading" if receipt_rule == "ico" else "the Code of Practice reading, as this tracker is set to"
    if request.regime in SCOTTISH:
        act, code = "the Act counts that day as day 0", "the reading some authorities take (as the FOIA s.45 Code does)"
    else:
        act, code = "the Act and the ICO count that day as day 0", "the s.45 Code of Practice (2018) reading"
    if request.regime in SCOTTISH and receipt_rule == "ico":
        used = "the Act's reading"
    result.notes.append(
        f"{what} arrived on {_fmt(clock.receipt_day)}, not a working day, and the law is unsettled: "
        f"{act}, giving {_fmt(ico_date)}; {code} counts from the next working day, giving "
        f"{_fmt(code_date)}. foitrack uses {used}."
    )


# ---------------------------------------------------------------------------------------------
# Notes on the request as a whole


def exemption_regime_notes(request: Request) -> list[str]:
    """An EIR exception cited on a FOIA request (or a FOIA section on an EIR one) usually means
    the authority handled it under the other regime, which changes its deadlines and review rules:
    say so rather than count it silently."""
    if request.regime == "sar":
        return []
    environmental = request.regime in EIR_REGIMES
    cited = {x for event in request.events_of("responded", "review-responded") for x in event.exemptions}
    foreign = sorted(x for x in cited if x.startswith("reg") != environmental)
    if not foreign:
        return []
    other = "the EIRs" if not environmental else "FOIA or FOISA"
    fix = 'regime = "eir" (or "eisr")' if not environmental else 'regime = "foia" (or "foisa")'
    return [
        f"{', '.join(foreign)} cited, but this request is recorded under {request.regime.upper()}: if the "
        f"authority handled it under {other}, set {fix} in the request file."
    ]


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
        latest_outcome=seen.latest_response.outcome if seen.latest_response else None,
        explanation=[message],
        law=LAW[request.regime],
        error=message,
    )
