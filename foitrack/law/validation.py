"""What `check` and `record` find wrong in a request that parses: dates outside foitrack's
calendar and events that cannot have happened in the order written. Each problem carries the
location of the key it is about, so it can be reported as PATH:LINE."""

from __future__ import annotations

import datetime as dt

from foitrack.law.workdays import FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR, CalendarRangeError
from foitrack.law.evaluation import evaluate, ordered_events
from foitrack.store.model import Request


def _in_range(day: dt.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def _outside(day: dt.date) -> str:
    return f"{day} is outside foitrack's calendar ({FIRST_YEAR}\u2013{LAST_YEAR})"


_NEEDS_RECEIPT = {
    "acknowledged",
    "clarification-requested",
    "fee-notice",
    "extended",
    "responded",
}
# An answer, and the event it answers, which must be open before it. An answer closes it, bar a
# decision: the complaint stays open, so a later decision needs no second complaint.
_ANSWERS = {
    "clarified": "clarification-requested",
    "fee-paid": "fee-notice",
    "review-responded": "review-requested",
    "decision": "complained",
}
_ASKED = frozenset(_ANSWERS.values())


def order_problems(request: Request) -> list[tuple[int, str]]:
    """Events that cannot have happened as written: (event index, message).

    Dates outside foitrack's calendar; anything dated before the request was sent (or, for the
    authority's own steps, before it was received); answers with nothing to answer (a `clarified`
    with no `clarification-requested`, `fee-paid` with no `fee-notice`, `review-responded` with no
    `review-requested`, `decision` with no `complained`); an extension to a date before it was
    given; anything but a note after the request was withdrawn.
    """
    return [(index, message) for index, _, message in _event_problems(request)]


def _event_problems(request: Request) -> list[tuple[int, str | None, str]]:
    """(event index, key or None, message); see order_problems."""
    problems: list[tuple[int, str | None, str]] = []
    asked: set[str] = set()  # the events in _ASKED not answered yet
    withdrawn_on: dt.date | None = None
    received = request.date_received
    for index, event in ordered_events(request):
        name = f"'{event.type}' on {event.date}"
        if not _in_range(event.date):
            problems.append((index, None, f"{name}: {_outside(event.date)}"))
            continue
        if request.sent is None:  # a draft: nothing can have happened to it but notes
            if event.type != "note":
                problems.append(
                    (index, None, f"{name}: the request is a draft (it has no sent date): send it with 'foitrack send', "
                    "or if you sent it yourself, 'foitrack send ID --record --on DATE'")
                )
            continue
        if event.until is not None and not _in_range(event.until):
            problems.append((index, "until", f"{name}: until {_outside(event.until)}"))
            continue
        if event.date < request.sent:
            problems.append((index, None, f"{name} is dated before the request was sent ({request.sent})"))
            continue
        if event.type in _NEEDS_RECEIPT and event.date < received:
            problems.append(
                (index, None, f"{name} is dated before the authority received the request ({received})")
            )
            continue
        if withdrawn_on is not None and event.type != "note":
            problems.append((index, None, f"{name} comes after the request was withdrawn on {withdrawn_on}"))
            continue
        if event.type in _ASKED:
            if event.type == "fee-notice" and event.type in asked:
                problems.append((index, None, f"{name} comes while an earlier fee is still unpaid"))
            asked.add(event.type)
        elif event.type in _ANSWERS:
            question = _ANSWERS[event.type]
            if question not in asked:
                problems.append((index, None, f"{name} has no '{question}' before it"))
            if event.type != "decision":
                asked.discard(question)
        elif event.type == "extended":
            if event.until is not None and event.until < event.date:
                problems.append(
                    (index, "until", f"{name} extends the deadline to {event.until}, before the extension itself")
                )
        elif event.type == "withdrawn":
            withdrawn_on = event.date
    return problems


def header_problems(request: Request) -> list[tuple[str, str]]:
    """(key, message) for header dates foitrack cannot put on its calendar."""
    problems: list[tuple[str, str]] = []
    if request.sent is None:  # a draft: no deadline to work out
        if request.drafted is not None and not _in_range(request.drafted):
            problems.append(("drafted", f"drafted {_outside(request.drafted)}"))
        return problems
    if not _in_range(request.sent):
        problems.append(("sent", f"sent {_outside(request.sent)}"))
    if request.received is not None and not _in_range(request.received):
        problems.append(("received", f"received {_outside(request.received)}"))
    if problems:
        return problems
    latest = max([request.date_received] + [e.date for e in request.events] + [e.until for e in request.events if e.until])
    if latest > LAST_DAY - dt.timedelta(days=200):
        try:
            evaluate(request, LAST_DAY, strict=True)
            evaluate(request, LAST_DAY, receipt_rule="code", strict=True)
        except CalendarRangeError:
            key = "received" if request.received is not None else "sent"
            problems.append(
                (key, f"its deadlines fall after the end of foitrack's calendar ({LAST_YEAR})")
            )
    return problems


def calendar_problems(request: Request) -> list[tuple[tuple, str]]:
    """Every date in a request foitrack cannot put on its calendar, as (location, message)."""
    located: list[tuple[tuple, str]] = [((key,), message) for key, message in header_problems(request)]
    for index, event in enumerate(request.events):
        # Located like `check` locates event problems: the [[events]] line, or the until key.
        if not _in_range(event.date):
            located.append((("events", index), f"'{event.type}' on {_outside(event.date)}"))
        elif event.until is not None and not _in_range(event.until):
            located.append((("events", index, "until"), f"'{event.type}' until {_outside(event.until)}"))
    return located


def file_problems(request: Request) -> list[tuple[tuple, str]]:
    """What `check` reports about a request that parses: (location in the file, message)."""
    located: list[tuple[tuple, str]] = [((key,), message) for key, message in header_problems(request)]
    for index, key, message in _event_problems(request):
        located.append((("events", index) + ((key,) if key else ()), message))
    return located
