"""Every request at once, as the listings (`list`, `due`, `report`, `export`) want them: rows
from the listing cache, each with what its events settle about its deadlines, finished as at the
day asked about; the filters every listing shares; what is due, and what the user owes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import msgspec

from foitrack.errors import Problem
from foitrack.law.evaluation import Evaluation
from foitrack.law.standing import Settled
from foitrack.law.validation import calendar_problems
from foitrack.store.model import Request
from foitrack.store.rows import Row


@dataclass
class Owed:
    """Something a request is waiting on the requester for (`Tracker.owed_rows`): `action` is
    clarify, pay-fee, ask-for-review or complain; `date` the last day to do it (None when the law
    sets none, as for a clarification); `since` when the authority asked."""

    request: Request
    evaluation: Evaluation
    action: str
    date: dt.date | None
    since: dt.date | None = None
    amount: Any = None


#: `listing` shares equal strings and dates among the rows it keeps past this many.
SHARE_FROM = 20_000


_SETTLED_DATES = ("received", "clock_start", "response_due", "very_overdue_after", "first_response", "review_due",
                  "waiting_since", "fee_pay_by", "review_request_by", "complaint_by")


def _share_dates(settled: Settled, share) -> None:
    """Put the one date object of each day in a settled evaluation (see `Tracker.listing`)."""
    for name in _SETTLED_DATES:
        day = getattr(settled, name)
        if day is not None:
            setattr(settled, name, share(day, day))


class Kept(msgspec.Struct, array_like=True, gc=False):
    """What the listing cache keeps of a request file for the tracker (`Tracker.listing`)."""

    outside: bool  # a date off foitrack's calendar: reported as a problem, never listed
    last_day: int  # the request's last day (ordinal): the settled part holds from then on
    settled: Settled | None


def _code_context() -> str:
    """The code a settled evaluation comes from: the law's modules, and the bank-holiday table
    (python-holidays' release and foitrack's corrections to it)."""
    global _CODE_CONTEXT
    if _CODE_CONTEXT is None:
        import sys

        from foitrack import __version__
        from foitrack.law import clock, evaluation, schools, standing, statutes, workdays
        from foitrack.store.parsecache import module_stamps
        from foitrack.tracker import core

        # This module and core work out what is settled (`_kept`, `_context`, `evaluate`).
        parts: list[Any] = [__version__, workdays._table_key()]
        parts += module_stamps((clock, evaluation, schools, standing, statutes, workdays, core, sys.modules[__name__]))
        _CODE_CONTEXT = repr(parts)
    return _CODE_CONTEXT


_CODE_CONTEXT: str | None = None


class Listing:
    """The listing operations of `Tracker` (see the module's docstring)."""

    def listed(
        self,
        requests: Iterable[Request],
        *,
        status: str | None = None,
        authority: str | None = None,
        tag: str | None = None,
        batch: str | None = None,
        kind: str | None = None,
        nation: str | None = None,
    ) -> list[tuple[Request, Evaluation]]:
        """The requests `list` shows, evaluated: those that pass the filters and, with `status`,
        have that status or belong to that group of the report's (`has_status`)."""
        from foitrack.law.evaluation import has_status

        rows = []
        for request in self.matching(
            requests, authority=authority, tag=tag, batch=batch, kind=kind, nation=nation
        ):
            evaluation = self.evaluate(request)
            if not status or has_status(evaluation, status):
                rows.append((request, evaluation))
        return rows

    def _horizon(self, within: int) -> Callable[[str], dt.date]:
        """The last day `within` working days from the as-of date, per regime (the same for every
        request under one law, so worked out once each)."""
        horizons: dict[str, dt.date] = {}

        def horizon(regime: str) -> dt.date:
            if regime not in horizons:
                try:
                    horizons[regime] = self.calendar(regime).add_working_days(self.as_of, within)
                except ValueError:  # CalendarRangeError: --within runs past the calendar's end
                    horizons[regime] = dt.date.max
            return horizons[regime]

        return horizon

    def due_rows(
        self,
        requests: list[Request],
        *,
        within: int,
        authority: str | None = None,
        tag: str | None = None,
    ) -> list[tuple[Request, Evaluation]]:
        """Overdue requests and those due within `within` working days, most overdue first."""
        horizon = self._horizon(within)
        rows = []
        for request in self.matching(requests, authority=authority, tag=tag):
            evaluation = self.evaluate(request)
            if evaluation.is_overdue:
                rows.append((request, evaluation))
                continue
            if evaluation.due is None or evaluation.status in ("clarification-requested", "fee-requested"):
                continue
            if evaluation.due <= horizon(request.regime):
                rows.append((request, evaluation))
        return sorted(
            rows,
            key=lambda row: (
                -row[1].working_days_overdue, row[1].due or dt.date.max, self.reading_key(row[0].authority), row[0].id
            ),
        )

    def owed_rows(
        self,
        requests: list[Request],
        *,
        within: int,
        authority: str | None = None,
        tag: str | None = None,
    ) -> list[Owed]:
        """What is waiting on the requester, soonest first: a clarification the authority asked
        for and a fee it asked for (either stops the clock until the requester acts; an unpaid
        fee lapses after three months, FOIA s.9(2), FOISA s.9(4)), and the last day to ask for an
        internal review or to complain to the commissioner, when it falls within `within` working
        days. The review and complaint windows are each request's next step in the order the law
        takes it, as the calendar gives them (`publish.ical.deadlines_for`)."""
        from foitrack.publish.ical import deadlines_for

        horizon = self._horizon(within)
        owed: list[Owed] = []
        for request in self.matching(requests, authority=authority, tag=tag):
            evaluation = self.evaluate(request)
            if evaluation.status == "clarification-requested":
                owed.append(Owed(request, evaluation, "clarify", None, evaluation.waiting_since))
            elif evaluation.status == "fee-requested":
                notice = [e for e in request.events_of("fee-notice") if e.date <= self.as_of][-1:]
                amount = notice[0].amount if notice else None
                owed.append(Owed(request, evaluation, "pay-fee", evaluation.fee_pay_by, evaluation.waiting_since, amount))
            else:
                for deadline in deadlines_for(request, evaluation):
                    action = {"review-request": "ask-for-review", "complaint": "complain"}.get(deadline.kind)
                    if action and self.as_of <= deadline.date <= horizon(request.regime):
                        owed.append(Owed(request, evaluation, action, deadline.date))
        return sorted(
            owed, key=lambda row: (row.date or row.since or dt.date.min, self.reading_key(row.request.authority), row.request.id)
        )

    def load_all(self) -> tuple[list[Request], list[Problem]]:
        """Every request that parses, and a problem for each that does not. A request with a date
        outside foitrack's calendar (a typo such as 2203) is reported like a broken file."""
        self.store.require()
        requests, problems = self.store.load_all()
        usable = []
        for request in requests:
            outside = calendar_problems(request)
            if outside:
                problems.append(self._located(request, *outside[0]))
            else:
                usable.append(request)
        return usable, sorted(problems)

    def listing(self) -> tuple[list, list[Problem]]:
        """Every request as listings read it (`list`, `due`, `report`, `export`), and a problem
        for each file that does not parse or holds a date off the calendar (as `load_all`).

        From the listing cache (`foitrack.store.index`): each request a `Row`, with its settled
        evaluation, worked out once per file and kept until the file, the tracker's settings
        that bear on it, the calendar or the code change (`_context`); `evaluate` then only
        finishes it as at the date. Without the cache (FOITRACK_NO_CACHE=1), the validated
        requests themselves, each evaluated in full: the same answers, slower."""
        from foitrack.store import parsecache
        from foitrack.store.index import Index

        self.store.require()
        index = Index(self.store)
        if not index.enabled:
            return self.load_all()
        usable: list = []
        problems: list[Problem] = []
        settled = self._settled
        # Past SHARE_FROM requests, one object per authority, subject, batch and date however
        # many requests hold it: at 100,000, tens of megabytes (foitrack.store.index keeps
        # memory bounded); below, not worth the time.
        names: dict[Any, Any] = {}
        share = names.setdefault

        def visit(row, context_kept, kept):
            if type(row) is not Row:  # a request the cache cannot hold: evaluated in full
                usable.append(row)
                return None
            sharing = len(usable) >= SHARE_FROM
            if sharing:
                row.authority = share(row.authority, row.authority)
                row.subject = share(row.subject, row.subject)
                if row.batch is not None:
                    row.batch = share(row.batch, row.batch)
                if row.sent is not None:
                    row.sent = share(row.sent, row.sent)
                for event in row.events:
                    event.date = share(event.date, event.date)
            context = self._context(row.regime, row.authority)
            keep = None
            if context_kept != context or kept is None:
                kept = self._kept(row)
                keep = (context, kept)
            if kept.outside:
                problems.append(self._located(row, *calendar_problems(row)[0]))
                return keep
            if kept.settled is not None:
                if sharing:
                    _share_dates(kept.settled, share)
                settled[row.name] = (kept.last_day, kept.settled)
            else:  # evaluated in full (a draft; FOISA's 2020 weeks): never an earlier listing's
                settled.pop(row.name, None)
            usable.append(row)
            return keep

        with parsecache.collector_paused():
            problems.extend(index.rows(Kept, visit))
        return usable, sorted(problems)

    def _kept(self, row: Row) -> Kept:
        """What the listing cache keeps of a row: whether a date is off the calendar, its last
        day, and its evaluation as settled by its events (`Settled.of`, None when the date
        still bears on it, or for a draft)."""
        last = row.last_date
        outside = bool(calendar_problems(row))
        settled = None
        if not outside and not row.is_draft and last is not None:
            settled = Settled.of(self._evaluate_fully(row, last))
        return Kept(outside, last.toordinal() if last else 0, settled)

    def _context(self, regime: str, authority: str) -> str:
        """What a request's settled evaluation depends on besides its own file: the code and
        the calendar (python-holidays' version), the tracker's non-working days and receipt rule
        for its law, and its authority's own time limit and school terms. The listing cache
        keeps a settled evaluation under this key, and hands it back only under the same one."""
        key = (regime, authority)
        context = self._contexts.get(key)
        if context is None:
            from foitrack.store.parsecache import key_of

            known = self.authority(authority)
            terms = self.school_terms_for(known) if known is not None else None
            parts = (
                _code_context(),
                regime,
                self.extra_non_working(regime),
                self.settings.receipt_rule,
                known.days if known is not None else None,
                None if terms is None else (terms.name, terms.terms, sorted(terms.closed)),
            )
            context = self._contexts[key] = key_of(repr(parts))
        return context

    def listing_as_at(self) -> tuple[list, list[Problem], int]:
        """`listing`, less the requests sent after the --as-of date, as `load_as_at`."""
        return self._as_at(*self.listing())

    def load_as_at(self) -> tuple[list[Request], list[Problem], int]:
        """The requests that had been sent by the --as-of date (all of them without one), the
        problems found, and how many requests were left out as sent later."""
        return self._as_at(*self.load_all())

    def _as_at(self, requests: list, problems: list[Problem]) -> tuple[list, list[Problem], int]:
        if self.as_of_date is None:
            return requests, problems, 0
        kept = [request for request in requests if request.logged_on <= self.as_of_date]
        return kept, problems, len(requests) - len(kept)
