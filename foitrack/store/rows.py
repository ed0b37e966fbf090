"""A request as listings read it: its header and its events as plain data, no schema behind them.

`list`, `due`, `report` and `export` need a request's header fields and the dates, outcomes and
exemptions of its events, not the validated model (`foitrack.store.model.Request`) with its
text, notes and a user's own keys. A `Row` holds just that, as a msgspec Struct, so that the
listing cache (`foitrack.store.index`) decodes 10,000 of them in a few milliseconds without
loading pydantic. A `Row` answers to the same names as a `Request` (`RequestFacts`), so the
deadline clock (`foitrack.law`) and the views read either.

The helpers every reader of events shares live here too: `is_response`, `ordered_events`,
`authority_ref` (re-exported by `foitrack.store.model`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal, get_args

import msgspec

from foitrack.vocab import (
    ANSWERED_AT_REVIEW,
    DECISION_OUTCOMES,
    DELIVERY,
    EVENT_TYPES,
    FAILURE_REVIEW_OUTCOMES,
    OUTCOMES,
    REGIMES,
    REVIEW_OUTCOMES,
    VIA,
)

# Fixed words are Literals: msgspec then hands back the one str object for each, rather than a
# new string per event, which at 100,000 requests is tens of megabytes.
EventType = Literal[tuple(EVENT_TYPES)]  # type: ignore[valid-type]
Outcome = Literal[tuple(dict.fromkeys(OUTCOMES + REVIEW_OUTCOMES + FAILURE_REVIEW_OUTCOMES + DECISION_OUTCOMES))]  # type: ignore[valid-type]
Regime = Literal[tuple(REGIMES)]  # type: ignore[valid-type]
Via = Literal[tuple(VIA)]  # type: ignore[valid-type]
Delivery = Literal[tuple(DELIVERY)]  # type: ignore[valid-type]


class RequestFacts:
    """What a request says about itself, for a validated `Request` and a `Row` alike."""

    __slots__ = ()

    @property
    def date_received(self) -> dt.date | None:
        """Receipt is when the authority got it; with no evidence otherwise, the day it was sent
        (None for a draft)."""
        return self.received or self.sent

    @property
    def is_draft(self) -> bool:
        """Not sent yet: no deadline runs (`foitrack send` sends it)."""
        return self.sent is None

    @property
    def logged_on(self) -> dt.date:
        """The day the request was sent, or for a draft the day it was drafted."""
        return self.sent or self.drafted  # type: ignore[return-value]

    def events_of(self, *types: str) -> list:
        return [event for event in self.events if event.type in types]

    def last_event(self, *types: str):
        found = self.events_of(*types)
        return found[-1] if found else None


class Happened(msgspec.Struct, array_like=True, gc=False):
    """An event as listings read it: what the clock, the chase ladder, the report and the export
    use of it (never a note's text, a message's documents or a user's own keys)."""

    type: EventType
    date: dt.date
    outcome: Outcome | None = None
    exemptions: tuple[str, ...] = ()
    until: dt.date | None = None
    days: int | None = None
    stage: int | None = None
    amount: float | str | None = None
    ref: str | None = None


class Row(RequestFacts, msgspec.Struct, array_like=True, gc=False):
    """A request's header and its events as plain data (see the module's docstring). `name` is
    the file's name in requests/; `folder` the folder's path, as text."""

    name: str
    authority: str
    subject: str
    sent: dt.date | None
    drafted: dt.date | None
    received: dt.date | None
    regime: Regime
    batch: str | None
    tags: tuple[str, ...]
    via: Via | None
    email: str | None
    delivery: Delivery | None
    events: tuple[Happened, ...]
    folder: str = ""

    @property
    def id(self) -> str:
        return self.name[: -len(".toml")]

    @property
    def path(self) -> Path:
        return Path(self.folder, self.name)

    @property
    def path_text(self) -> str:
        return f"{self.folder}/{self.name}"

    @property
    def last_date(self) -> dt.date | None:
        """The latest day the request's file names (sent, received, any event): evaluated as at
        that day or later, every event has happened."""
        days = [day for day in (self.sent, self.received, self.drafted) if day is not None]
        days += [event.date for event in self.events]
        return max(days, default=None)


def row_of(request: Any, folder: str) -> Row | None:
    """The Row of a validated request (`foitrack.store.model.Request`); None in the unlikely case
    that it holds a word a Row has no Literal for (then it is read from its file every time)."""
    if request.regime not in _REGIMES or request.via not in _VIA or request.delivery not in _DELIVERY:
        return None
    events = []
    for event in request.events:
        if event.type not in _EVENT_TYPES or event.outcome not in _OUTCOMES:
            return None
        events.append(Happened(
            type=event.type,
            date=event.date,
            outcome=event.outcome,
            exemptions=tuple(event.exemptions),
            until=event.until,
            days=event.days,
            stage=event.stage,
            amount=event.amount,
            ref=event.ref,
        ))
    return Row(
        name=request.path.name,
        authority=request.authority,
        subject=request.subject,
        sent=request.sent,
        drafted=request.drafted,
        received=request.received,
        regime=request.regime,
        batch=request.batch,
        tags=tuple(request.tags),
        via=request.via,
        email=request.email,
        delivery=request.delivery,
        events=tuple(events),
        folder=folder,
    )


_REGIMES = frozenset(get_args(Regime))
_VIA = frozenset(get_args(Via)) | {None}
_DELIVERY = frozenset(get_args(Delivery)) | {None}
_EVENT_TYPES = frozenset(get_args(EventType))
_OUTCOMES = frozenset(get_args(Outcome)) | {None}


def is_response(event: Any) -> bool:
    """Is this event the authority answering the request: a response, or an answer given at a
    review of its failure to respond (FOISA s.21(4)(c))?"""
    return event.type == "responded" or (
        event.type == "review-responded" and event.outcome in ANSWERED_AT_REVIEW
    )


def ordered_events(request: Any) -> list[tuple[int, Any]]:
    """(index in file, event) sorted by date; ties keep file order."""
    return sorted(enumerate(request.events), key=lambda pair: (pair[1].date, pair[0]))


def authority_ref(request: Any) -> str | None:
    """The authority's own reference: from the latest acknowledgement, else its response."""
    for types in (("acknowledged",), ("responded",)):
        refs = [event.ref for event in request.events_of(*types) if event.ref]
        if refs:
            return refs[-1]
    return None
