"""The request file's vocabulary and schema.

A request file is a header (what was asked, of whom, when) plus an append-only list of events.
Nothing derived (status, due dates) is stored: see `foitrack.law.evaluation`.
Unknown keys are allowed everywhere so that a user's own notes survive every update.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ValidationError,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from foitrack.dates import DateParseError, parse_date
from foitrack.store.rows import RequestFacts, authority_ref, is_response, ordered_events  # noqa: F401
from foitrack.store.exemptions import (  # noqa: F401  (re-exported)
    _BARE_REGULATION,
    _LAW_PREFIX,
    EXEMPTION_LAWS,
    ExemptionError,
    exemption_key,
    exemption_label,
    exemption_law,
    exemption_section,
    exemption_sort_key,
    normalise_exemption,
)
from foitrack.vocab import (  # noqa: F401  (re-exported: the vocabulary lives in vocab.py)
    ANSWERED_AT_REVIEW,
    DECISION_OUTCOMES,
    EVENT_OPTIONS,
    EVENT_TYPES,
    FAILURE_REVIEW_OUTCOMES,
    OUTCOMES,
    REGIMES,
    REVIEW_OUTCOMES,
    SCOTTISH_REGIMES,
    STATUSES,
    VIA,
    DELIVERY,
)


def _file_date(value: Any) -> Any:
    """Dates in files may be TOML dates or strings in any form the CLI accepts (bar 'today')."""
    if isinstance(value, (int, float)):  # sent = 20230601: a number, which pydantic would read as a timestamp
        digits = str(value)
        example = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}" if re.fullmatch(r"\d{8}", digits) else "2023-06-01"
        try:
            dt.date.fromisoformat(example)
        except ValueError:
            example = "2023-06-01"
        raise ValueError(f"{value!r} is a number, not a date: write the date as {example} (year-month-day, no quotes)")
    if isinstance(value, str):
        if value.strip().lower() in {"today", "yesterday", "tomorrow"}:
            raise ValueError(f"{value!r} is relative; write the date itself, e.g. 2023-09-25")
        try:
            return parse_date(value)
        except DateParseError as error:
            raise ValueError(str(error)) from None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


FileDate = Annotated[dt.date, BeforeValidator(_file_date)]

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # C0 and C1 controls, bar the tab
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # and bar line breaks
_CONTROL_NAMES = {"\n": "a line break", "\r": "a carriage return", "\x00": "a NUL character", "\x1b": "an escape character"}


def _refuse_controls(value: Any, pattern: re.Pattern = _CONTROL) -> Any:
    """Text holding control characters is refused: an escape sequence in a subject would be
    played to the terminal of whoever lists the requests (a colleague's file, pulled from git),
    and a line break in a one-line value breaks tables and the subject line of a chaser."""
    for text in value if isinstance(value, list) else [value]:
        found = pattern.search(text) if isinstance(text, str) else None
        if found:
            char = found.group(0)
            name = _CONTROL_NAMES.get(char, f"the control character U+{ord(char):04X}")
            raise ValueError(f"contains {name}, which foitrack does not keep in text: take it out")
    return value


def without_controls(text: str, *, one_line: bool) -> str:
    """Text from outside (an email, a PDF's words) as foitrack can keep it: control characters
    dropped, and for a one-line value line breaks turned into spaces. What a user types is
    refused instead (see `_refuse_controls`); what a machine sends is cleaned."""
    if one_line:
        text = " ".join(text.split())
    return (_CONTROL if one_line else _CONTROL_IN_TEXT).sub("", text)


#: One-line text: no control characters but the tab.
Line = Annotated[str, AfterValidator(_refuse_controls)]
#: Text that may run over several lines (a request's body, a note): line breaks allowed too.
Text = Annotated[str, AfterValidator(lambda value: _refuse_controls(value, _CONTROL_IN_TEXT))]


def _check_amount(value: Any) -> Any:
    if isinstance(value, float) and not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{value!r} is not a sum of money: write the fee as 0 or more, e.g. 450 or 450.00")
    if isinstance(value, str):
        _refuse_controls(value)
    return value

def _outcome_list(event_type: str) -> str:
    if event_type == "review-responded":
        return (
            f"{', '.join(REVIEW_OUTCOMES)} (a review of a response) or "
            f"{', '.join(FAILURE_REVIEW_OUTCOMES)} (a review of a failure to respond)"
        )
    return ", ".join({"responded": OUTCOMES, "decision": DECISION_OUTCOMES}[event_type])


# ---------------------------------------------------------------------------------------------


class Event(BaseModel):
    """One thing that happened to a request. Which options apply depends on `type`."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    type: Literal[EVENT_TYPES]  # type: ignore[valid-type]
    date: FileDate
    ref: Line | None = None
    # Validated even when absent, so that a 'responded' without an outcome is reported at the
    # outcome (and alongside any other problem in the same event, as `check` lists them all).
    outcome: str | None = Field(default=None, validate_default=True)
    exemptions: list[str] = Field(default_factory=list)
    note: Text | None = None
    text: Text | None = None
    amount: Annotated[float | str | None, AfterValidator(_check_amount)] = None
    until: FileDate | None = None
    days: int | None = Field(default=None, ge=1, le=400)
    reason: Text | None = None
    to: str | None = None
    stage: int | None = None
    # Mail: the Message-ID of the email the event was sent as (a chaser, a review request) or
    # read from (an authority's reply), and the files kept with it under documents/ (the copy
    # of the message, its attachments), relative to the tracker folder.
    message_id: str | None = None
    documents: list[str] = Field(default_factory=list)
    # "uncertain": the server hung up after taking the message, so it may or may not have arrived.
    delivery: Literal[DELIVERY] | None = None  # type: ignore[valid-type]

    @field_validator("outcome")
    @classmethod
    def _check_outcome(cls, outcome: str | None, info: ValidationInfo) -> str | None:
        event_type = info.data.get("type")
        allowed = {
            "responded": OUTCOMES,
            # Which of the two fits depends on the review: see Request._check_review_outcomes.
            "review-responded": REVIEW_OUTCOMES + FAILURE_REVIEW_OUTCOMES,
            "decision": DECISION_OUTCOMES,
        }.get(event_type)
        if allowed is None:
            if outcome is not None and event_type is not None:
                raise ValueError(f"a {event_type!r} event has no outcome")
            return outcome
        if outcome is None:
            if event_type == "decision":
                return None
            raise ValueError(f"a {event_type!r} event needs an outcome: one of {_outcome_list(event_type)}")
        if outcome not in allowed:
            what = {
                "responded": "outcome",
                "review-responded": "a 'review-responded' outcome",
                "decision": "decision outcome",
            }[event_type]
            raise ValueError(f"{what} {outcome!r} is not one of {_outcome_list(event_type)}")
        return outcome

    @field_validator("exemptions")
    @classmethod
    def _check_exemptions(cls, exemptions: list[str], info: ValidationInfo) -> list[str]:
        if not exemptions:
            return exemptions
        event_type = info.data.get("type")
        if event_type is not None and event_type not in {"responded", "review-responded"}:
            raise ValueError(f"a {event_type!r} event has no exemptions")
        # A bare '12(5)(e)' is a regulation under the EIRs and a section otherwise, and a law
        # named ('FOISA s35') must be the request's: leave those as written for `Request`, which
        # knows the regime (reading '12(5)(e)' here as s12 would turn an EIR exception into a
        # FOIA section before the regime is known). Each is still checked for its form here.
        kept = []
        for x in exemptions:
            normalised = normalise_exemption(x)
            spaced = " ".join(str(x).split())
            kept.append(x if _BARE_REGULATION.match(spaced) or _LAW_PREFIX.match(spaced) else normalised)
        return kept

    @model_validator(mode="after")
    def _check_type_options(self) -> Event:
        if self.type == "note" and not (self.text or self.note):
            raise ValueError("a 'note' event needs its text (--text, or text = \"...\" in a file)")
        if self.type == "extended" and self.until is None and self.days is None:
            raise ValueError(
                "an 'extended' event needs a new deadline (--until DATE) or extra working days (--days N)"
            )
        if self.type == "extended" and self.until is not None and self.days is not None:
            raise ValueError("an 'extended' event takes --until or --days, not both")
        return self

    def to_toml_dict(self) -> dict[str, Any]:
        """The keys a user would write, in a readable order, without empty ones."""
        data = self.model_dump(exclude_none=True)
        for key in ("exemptions", "documents"):
            if not data.get(key):
                data.pop(key, None)
        ordered = {"type": data.pop("type"), "date": data.pop("date")}
        ordered.update(data)
        return ordered


class Request(RequestFacts, BaseModel):
    """The header of a request file plus its events. `id` and `path` come from the file name."""

    model_config = ConfigDict(extra="allow")

    authority: Line = Field(min_length=1)
    subject: Line = Field(min_length=1)
    # A request not sent yet (a draft) has no `sent`, only the day it was `drafted`; sending it
    # sets `sent` and the `message_id` it went out with (foitrack.mail.sending).
    sent: FileDate | None = None
    drafted: FileDate | None = None
    received: FileDate | None = None
    regime: Literal[tuple(REGIMES)] = "foia"  # type: ignore[valid-type]
    tags: list[Line] = Field(default_factory=list)
    batch: Line | None = None
    via: Literal[VIA] | None = None  # type: ignore[valid-type]
    email: str | None = None  # checked by `check` (email_address_problem), so one bad address stops nothing else
    message_id: str | None = None
    delivery: Literal[DELIVERY] | None = None  # type: ignore[valid-type]
    body: Text | None = None
    events: list[Event] = Field(default_factory=list)

    _id: str = PrivateAttr(default="")
    _path: Path | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _normalise_exemptions_for_regime(self) -> Request:
        # Bare EIR references such as '12(5)(e)', and any naming a law, only make sense once the
        # regime is known.
        for index, event in enumerate(self.events):
            if event.exemptions:
                try:
                    event.exemptions = [normalise_exemption(x, self.regime) for x in event.exemptions]
                except ExemptionError as error:
                    _refuse(("events", index, "exemptions"), event.exemptions, str(error))
        if self.sent is None:
            if self.drafted is None:  # neither sent nor a draft: the key a user left out is `sent`
                _refuse(("sent",), None, "", kind="missing")
            if self.received is not None:
                raise ValueError("received is set but sent is not: a draft has not been received")
        elif self.received is not None and self.received < self.sent:
            raise ValueError(
                f"received ({self.received}) is before sent ({self.sent})"
            )
        return self

    @model_validator(mode="after")
    def _check_review_outcomes(self) -> Request:
        """A review of a response ends upheld or (partly) overturned; a review asked for before
        any response (of a failure to respond) ends with the authority answering at review, or
        not. Each outcome is checked against the review it closes, in the order of the events."""
        if not any(event.type == "review-responded" for event in self.events):
            return self  # the common case, checked for every request read
        answered: Event | None = None  # the first response so far
        review: Event | None = None  # the review asked for and not yet answered
        answered_before_review: Event | None = None
        for index, event in ordered_events(self):
            if event.type == "review-requested":
                review, answered_before_review = event, answered
            elif event.type == "review-responded" and review is not None and event.outcome:
                if answered_before_review is None and event.outcome in REVIEW_OUTCOMES:
                    _refuse(
                        ("events", index, "outcome"),
                        event.outcome,
                        f"the review asked for on {review.date} was of a failure to respond (nothing had "
                        "been answered), so it has nothing to uphold or overturn: it ends 'responded' "
                        f"(or with the response's outcome: {', '.join(OUTCOMES)}) or 'no-response'",
                    )
                if answered_before_review is not None and event.outcome in FAILURE_REVIEW_OUTCOMES:
                    _refuse(
                        ("events", index, "outcome"),
                        event.outcome,
                        f"the review asked for on {review.date} was of the response of "
                        f"{answered_before_review.date}, so it ends {', '.join(REVIEW_OUTCOMES)}",
                    )
                review = None
            if answered is None and is_response(event):
                answered = event
        return self

    @property
    def id(self) -> str:
        return self._id

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def path_text(self) -> str:
        """The path as JSON shows it (a `Row` has it without building a Path)."""
        return str(self._path)

    def bind(self, request_id: str, path: Path) -> Request:
        self._id = request_id
        self._path = path
        return self

    def header_toml_dict(self) -> dict[str, Any]:
        data = self.model_dump(exclude_none=True, exclude={"events"})
        if not data.get("tags"):
            data.pop("tags", None)
        order = ["authority", "subject", "sent", "drafted", "received", "regime", "batch", "tags", "via", "email", "message_id", "delivery"]
        ordered = {key: data.pop(key) for key in order if key in data}
        body = data.pop("body", None)
        ordered.update(data)
        if body is not None:
            ordered["body"] = body  # last: a long body reads best after the short fields
        return ordered


def email_address_problem(address: str, per: str = "email key") -> str | None:
    """What is wrong with an email address a request or the settings hold, said after it
    ('... contains a space; give the bare address'), or None for a plausible one (`per`: where
    one address goes, for the advice when several are given). The one check
    for every address foitrack takes in (`new`, `edit`, `import`) and `check` reports.

    Refuses several addresses, whitespace and control characters (a line break in an address
    would add a header to a chaser), and anything that is not local@domain with a dotted domain;
    the syntax is checked by email-validator (RFC 5321/5322 and internationalised addresses,
    RFC 6531), without any network look-up."""
    import unicodedata

    if not isinstance(address, str) or not address.strip():
        return "is not an email address: it is empty"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in address):
        return "contains a control character (such as a line break); type the address again"
    if any(separator in address for separator in ",;") or address.count("@") > 1:
        return f"holds more than one address: give one address per {per}"
    if any(ch.isspace() for ch in address):
        return "contains a space; give the bare address, e.g. foi@camden.gov.uk"
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as error:
        return f"is not an email address: {str(error).rstrip('.')}"
    return None


def identity_key(authority: str, subject: str, sent: dt.date) -> str:
    """What makes two requests the same request: the authority, the subject (ignoring case and
    spacing) and the date sent. `new` refuses a second one; `import` skips it."""
    return "\x1f".join([" ".join(authority.split()).casefold(), " ".join(subject.split()).casefold(), sent.isoformat()])


def email_address(text: str, option: str) -> str:
    """One plausible email address, as typed (trimmed), or a UsageError naming `option` and
    saying what is wrong (`email_address_problem`)."""
    from foitrack.errors import UsageError

    address = text.strip()
    if not address:
        raise UsageError(f"{option}: give an email address, e.g. foi@camden.gov.uk")
    problem = email_address_problem(address, per=option)
    if problem is not None:
        raise UsageError(f"{option} {address!r} {problem}")
    return address


def _refuse(loc: tuple, value: Any, message: str, kind: str | None = None) -> None:
    """A problem the request as a whole shows in one of its keys, located at that key (so
    `check` gives its line and `record` names the option). `kind` names one of pydantic's own
    error types instead (e.g. "missing")."""
    from pydantic_core import InitErrorDetails, PydanticCustomError

    error = kind or PydanticCustomError("request_event", message.replace("{", "{{").replace("}", "}}"))
    raise ValidationError.from_exception_data("Request", [InitErrorDetails(type=error, loc=loc, input=value)])
