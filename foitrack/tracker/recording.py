"""Adding events to requests (`record`, `respond`, and what the mail wings record): one request or
many at once, all or nothing, each under the tracker lock and appended without touching what a
user wrote by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from foitrack.errors import AlreadyRecorded, FoitrackError, UsageError
from foitrack.law.evaluation import Evaluation
from foitrack.law.validation import file_problems
from foitrack.store.folder import Store
from foitrack.store.model import EVENT_OPTIONS, Event, Request
from foitrack.tracker.core import first_error, located_problems, option_flag


@dataclass
class RecordedMany:
    """What `record_many` did: for each request recorded on, the request, its evaluation after
    and the notes the event brought; and the requests it skipped (path, name, error)."""

    recorded: list[tuple[Request, Evaluation, list[str]]]
    skipped: list[tuple[Path, str, FoitrackError]]


class RecordRefused(UsageError):
    """The event cannot go on some of the requests named, so it went on none. The message says
    why for each: a line per request."""

    def __init__(self, refused: list[tuple[Path, str, FoitrackError]], count: int):
        lines = [
            f"nothing was recorded: {len(refused)} of the {count} requests cannot take this "
            "(fix them, leave them out, or pass --skip-bad to record the others):"
        ]
        lines += [f"  {name}: {error.message}" for _, name, error in refused]
        super().__init__("\n".join(lines))
        self.refused = refused
        if any(not isinstance(error, UsageError) for _, _, error in refused):
            self.exit_code = FoitrackError.exit_code  # a broken file is a problem, not a typo


def _request_name(store: Store, path: Path) -> str:
    """'ID (Authority)', as warnings name a request, or the id alone when the file is broken."""
    loaded = store.read(path)
    return f"{path.stem} ({loaded.request.authority})" if loaded.request is not None else path.stem


def describe_event(request: Request, event: Event) -> str:
    """A one-line account of an event, as a commit message or a log line would say it."""
    what = {
        "acknowledged": "Acknowledged by",
        "clarification-requested": "Clarification requested by",
        "clarified": "Clarification sent to",
        "fee-notice": "Fees notice from",
        "fee-paid": "Fee paid to",
        "extended": "Deadline extended by",
        "chased": "Chased",
        "responded": "Response from",
        "review-requested": "Internal review requested from",
        "review-responded": "Internal review result from",
        "complained": "Complaint to the commissioner about",
        "decision": "Commissioner's decision on",
        "withdrawn": "Withdrawn request to",
        "note": "Note on request to",
    }[event.type]
    detail = f" ({event.outcome})" if event.outcome else ""
    return f"{what} {request.authority}{detail}: {request.subject}"


def describe_events(requests: list[Request], event: Event) -> str:
    """The commit message for one event on several requests: 'Acknowledged by 25 authorities
    (batch fusus-2023-05): Contacts with Fusus'."""
    if len(requests) == 1:
        return describe_event(requests[0], event)
    one = describe_event(requests[0], event)
    what = one[: one.index(requests[0].authority)].rstrip()
    authorities = len({request.authority for request in requests})
    batches = {request.batch for request in requests}
    subjects = {request.subject for request in requests}
    detail = f" ({event.outcome})" if event.outcome else ""
    batch = f" (batch {next(iter(batches))})" if len(batches) == 1 and None not in batches else ""
    subject = f": {next(iter(subjects))}" if len(subjects) == 1 else f": {len(requests)} requests"
    whom = f"{authorities} authorities" if authorities > 1 else requests[0].authority
    return f"{what} {whom}{detail}{batch}{subject}"


class Recording:
    """The recording operations of `Tracker` (see the module's docstring)."""

    def build_event(self, event_type: str, on: dt.date | None, **options: Any) -> Event:
        if event_type not in EVENT_OPTIONS:
            raise UsageError(
                f"{event_type!r} is not an event; use one of: {', '.join(EVENT_OPTIONS)}"
            )
        from foitrack.vocab import MAIL_EVENT_OPTIONS

        data = {key: value for key, value in options.items() if value not in (None, [], ())}
        unwanted = sorted(set(data) - EVENT_OPTIONS[event_type] - MAIL_EVENT_OPTIONS)
        if unwanted:
            allowed = ", ".join(option_flag(name) for name in sorted(EVENT_OPTIONS[event_type]))
            raise UsageError(
                f"{option_flag(unwanted[0])} does not apply to {event_type!r} (it takes {allowed or 'no options'})"
            )
        if isinstance(data.get("outcome"), str):
            # The words people use ('not held', 'NCND', 'part'), read as import reads them.
            from foitrack.vocab import read_outcome

            data["outcome"] = read_outcome(data["outcome"], event_type) or data["outcome"].strip().lower()
        data["type"] = event_type
        data["date"] = on or self.as_of
        try:
            return Event.model_validate(data)
        except ValidationError as error:
            raise UsageError(first_error(error)) from None

    def record_explained(self, fragment: str, event: Event, documents: Iterable[Path] = ()) -> tuple[Request, Evaluation, list[str]]:
        """Record `event`, and say what it changed that the user should hear at once: the
        request's evaluation afterwards and the notes the event brought (e.g. FOISA allows no
        extension), against the request exactly as it stood when the event was appended."""
        before, request = self._record(fragment, event, documents)
        return self._explained(before, request)

    def _explained(self, before: Request, request: Request) -> tuple[Request, Evaluation, list[str]]:
        from foitrack.law.explain import new_notes

        after = self.evaluate(request)
        return request, after, new_notes(self.evaluate(before), after)

    def record(self, fragment: str, event: Event, *, documents: Iterable[Path] = ()) -> Request:
        """Append `event` to a request, refusing anything that breaks the order of events.
        `documents`: files kept with the event (under documents/), committed with it."""
        return self._record(fragment, event, documents)[1]

    def record_many(
        self, fragments: Iterable[str] = (), event: Event | None = None, *, batch: str | None = None, skip_bad: bool = False
    ) -> RecordedMany:
        """The same event on several requests (those `fragments` name, or every request in
        `batch`), as one change and so one commit. Every request is checked before anything is
        written: if the event cannot be recorded on one, nothing is written and the error says
        why for each (a RecordRefused), unless `skip_bad`, when the others are recorded and the
        refusals returned."""
        assert event is not None
        self.store.require()
        if batch is not None:
            paths = [request.path for request in self.batch_members(batch)]
        else:
            paths = list(dict.fromkeys(self.resolve(fragment) for fragment in fragments))
        if not paths:
            raise UsageError("name the requests to record on (IDs, or --batch NAME)")
        self._refuse_after_as_of(event)
        with self.store.lock():
            ready: list[tuple[Path, Any, Request, Event]] = []
            refused: list[tuple[Path, str, FoitrackError]] = []
            for path in paths:
                try:
                    ready.append((path, *self._prepared(path, event)))
                except FoitrackError as error:
                    refused.append((path, _request_name(self.store, path), error))
            if refused and not skip_bad:
                raise RecordRefused(refused, len(paths))
            done: list[tuple[Request, Request]] = []
            try:
                for path, loaded, candidate, as_read in ready:
                    self.store.append_event(path, loaded.text, as_read)
                    done.append((loaded.request, candidate))
            finally:
                # Still under the lock, one commit for the lot: exactly these events, and
                # (should a write fail part way) exactly those written.
                if done:
                    self._changed([after.path for _, after in done], describe_events([after for _, after in done], event))
        return RecordedMany([self._explained(before, after) for before, after in done], refused)

    def batch_members(self, name: str) -> list[Request]:
        """The requests in a batch, by its name or any unique part of it (ignoring case); a part
        that fits several batches is a usage error naming them."""
        requests, _ = self.load_all()
        batches = sorted({request.batch for request in requests if request.batch})
        wanted = " ".join(name.split()).casefold()
        exact = [b for b in batches if b.casefold() == wanted]
        found = exact or [b for b in batches if wanted and wanted in b.casefold()]
        if not found:
            known = f" (the batches: {', '.join(batches[:10])}{' ...' if len(batches) > 10 else ''})" if batches else ""
            raise UsageError(f"no request is in a batch called {name!r}{known}")
        if len(found) > 1:
            raise UsageError(f"{name!r} is part of {len(found)} batch names: {', '.join(found)}; give the one you mean")
        return sorted((r for r in requests if r.batch == found[0]), key=lambda r: r.id)

    def _read_to_change(self, path: Path, doing: str):
        """The file as it is now (the caller holds the lock); one that does not parse is an error
        and is never rewritten."""
        loaded = self.store.read(path)
        if loaded.request is None:
            raise FoitrackError(f"{loaded.problems[0]}; fix the file (see 'foitrack check') before {doing} it")
        return loaded

    def _refuse_after_as_of(self, event: Event) -> None:
        if self.as_of_date is not None and event.date > self.as_of_date:
            # Evaluated as at --as-of, a later event has not happened yet: written, it would be
            # left out of the very result the user is looking at. Refuse rather than mislead.
            raise UsageError(
                f"{event.type} on {event.date:%d %b %Y} is after the --as-of date "
                f"({self.as_of_date:%d %b %Y}), so nothing worked out as at --as-of would count it; "
                f"record it without --as-of (or with --as-of {event.date:%d %b %Y} or later)"
            )

    def _prepared(self, path: Path, event: Event) -> tuple[Any, Request, Event]:
        """Check that `event` can go on the request in `path` (the caller holds the lock): the
        file as read, the request with the event, and the event as that request reads it."""
        loaded = self._read_to_change(path, "recording on")
        if event.message_id and any(e.message_id == event.message_id for e in loaded.request.events):
            # An email is recorded once, however many commands read it at the same time.
            raise AlreadyRecorded(f"{loaded.request.id} already has an event for the email {event.message_id}")
        existing = located_problems(loaded.request, loaded.text or "")
        if existing:
            raise FoitrackError(
                f"{existing[0]}; fix the file (see 'foitrack check') before recording on it"
            )
        candidate = loaded.request.model_copy(deep=True)
        candidate.events.append(event)
        try:
            candidate = Request.model_validate(candidate.model_dump()).bind(loaded.request.id, path)
        except ValidationError as error:
            raise UsageError(first_error(error)) from None
        new_index = len(candidate.events) - 1
        new_problems = sorted(
            file_problems(candidate),
            # The new event's own problem says most about what is wrong with it.
            key=lambda problem: tuple(problem[0][:2]) != ("events", new_index),
        )
        if new_problems:
            raise UsageError(f"cannot record this: {new_problems[0][1]}")
        if event.date > self.today:
            raise UsageError(
                f"{event.type} on {event.date:%d %b %Y} is in the future; record events once they have happened"
            )
        # As the request reads it: '12(5)(e)' is reg12(5)(e) under the EIRs.
        return loaded, candidate, candidate.events[-1]

    def _record(self, fragment: str, event: Event, documents: Iterable[Path] = ()) -> tuple[Request, Request]:
        """`record`, returning the request as read under the lock (before) and with the event;
        `documents` (files kept with it under documents/) are committed with it."""
        self.store.require()
        self._refuse_after_as_of(event)
        with self.store.lock():  # resolved under it: the folder is listed once
            path = self.resolve(fragment)
            loaded, candidate, event = self._prepared(path, event)
            self.store.append_event(path, loaded.text, event)
            # Still under the lock: the commit holds exactly this event, never a concurrent one.
            self._changed([path, *documents], describe_event(candidate, event))
        return loaded.request, candidate
