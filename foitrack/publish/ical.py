"""Deadlines as an iCalendar (RFC 5545) file that calendar apps can import or subscribe to.

One all-day event per request at most: its next deadline, in the order the law takes a request
through (respond -> ask for an internal review -> the review's result -> complain to the
commissioner), so a calendar never offers a later step before an earlier one:
- `response`: an open request's response is due (overdue ones stay, on the day they were due);
- `review`: an internal review the requester asked for is due (overdue ones stay too);
- `review-request`: the last day to ask for an internal review of a response that was not a
  full grant, while that day has not passed (not for SARs, which have none);
- `complaint`: once the review's result has come, the last day to complain to the commissioner,
  while that day has not passed. Not before: the ICO expects the internal review first, and the
  Scottish Information Commissioner can only take an application after one (FOISA s.47(1)).
A request with the commissioner, withdrawn, or waiting for the requester (clarification, fee)
has no event.

Each event's UID is the request id plus the kind of deadline, never the date, so when a
deadline moves (an extension, a clarification) the next export updates the same event instead
of adding a second one. SEQUENCE is the number of events in the request file, which only grows
as things happen, so apps that look at it see each export of a changed request as newer.
Deadlines that no longer apply (the response arrived) are simply absent from the next export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from foitrack.law.evaluation import Evaluation
from foitrack.store.model import authority_ref
from foitrack.store.model import REGIMES, Request

PRODID = "-//foitrack//FOI deadlines//EN"
UID_DOMAIN = "foitrack"

_LABEL = {"foia": "FOI", "eir": "EIR", "foisa": "FOI", "eisr": "EIR", "sar": "SAR"}
_COMMISSIONER = {
    "foia": "the ICO",
    "eir": "the ICO",
    "sar": "the ICO",
    "foisa": "the Scottish Information Commissioner",
    "eisr": "the Scottish Information Commissioner",
}
KINDS = ("response", "review", "review-request", "complaint")


@dataclass(frozen=True)
class Deadline:
    kind: str
    date: dt.date
    request: Request
    what: str  # "FOI response due", "Last day to complain to the ICO" ...

    @property
    def uid(self) -> str:
        return f"{self.request.id}.{self.kind}@{UID_DOMAIN}"

    @property
    def summary(self) -> str:
        return f"{self.what}: {self.request.authority} – {self.request.subject}"

    @property
    def description(self) -> str:
        request = self.request
        lines = [
            f"{request.authority}: {request.subject}",
            f"{REGIMES[request.regime]} request sent {request.sent:%d %b %Y}.",
        ]
        ref = authority_ref(request)
        if ref:
            lines.append(f"Their reference: {ref}")
        lines.append(f"Request id: {request.id}")
        lines.append(f"Details: foitrack show {request.id}")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "uid": self.uid,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "id": self.request.id,
            "authority": self.request.authority,
            "subject": self.request.subject,
            "summary": self.summary,
        }


def deadlines_for(request: Request, evaluation: Evaluation) -> list[Deadline]:
    """The request's next deadline as at the evaluation's date: a list of one, or empty."""
    label = _LABEL.get(request.regime, "FOI")
    status, as_of = evaluation.status, evaluation.as_of
    # As at the evaluation's date: a review asked for, or answered, later has not happened yet.
    reviewed = any(event.date <= as_of for event in request.events_of("review-requested"))
    review_came = any(event.date <= as_of for event in request.events_of("review-responded"))
    if status in ("awaiting-response", "overdue", "very-overdue") and evaluation.response_due:
        if not (review_came and evaluation.complaint_by):
            return [Deadline("response", evaluation.response_due, request, f"{label} response due")]
        # A review of the failure to respond came back without a response: the commissioner is
        # next (FOISA s.47(4)(a): six months from the review's notice).
        return _complaint(request, evaluation)
    if status in ("review-requested", "review-overdue") and evaluation.review_due:
        return [Deadline("review", evaluation.review_due, request, f"{label} internal review due")]
    if status != "answered":
        return []
    if not reviewed:
        by = evaluation.review_request_by
        if evaluation.latest_outcome == "granted" or request.regime == "sar" or not by or by < as_of:
            return []
        return [Deadline("review-request", by, request, "Last day to ask for an internal review")]
    return _complaint(request, evaluation)


def _complaint(request: Request, evaluation: Evaluation) -> list[Deadline]:
    """The last day to complain to the commissioner, while it has not passed."""
    if not evaluation.complaint_by or evaluation.complaint_by < evaluation.as_of:
        return []
    commissioner = _COMMISSIONER.get(request.regime, "the commissioner")
    return [Deadline("complaint", evaluation.complaint_by, request, f"Last day to complain to {commissioner}")]


def build_calendar(deadlines: list[Deadline], *, stamp: dt.datetime, name: str = "FOI deadlines") -> bytes:
    """The .ics file's bytes. `stamp` (UTC) is DTSTAMP: when this export was made."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = stamp.astimezone(dt.timezone.utc).replace(microsecond=0)
    for deadline in sorted(deadlines, key=lambda d: (d.date, d.request.id, KINDS.index(d.kind))):
        event = Event()
        event.add("uid", deadline.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", len(deadline.request.events))
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))  # all-day: DTEND is exclusive
        event.add("summary", deadline.summary)
        event.add("description", deadline.description)
        event.add("categories", [_LABEL.get(deadline.request.regime, "FOI"), deadline.kind])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        calendar.add_component(event)
    return calendar.to_ical()
