"""Requests from a spreadsheet: read a CSV export, check every row, then create the requests.

Importing is two steps so that nothing is written unless every row is good (or the user says
to skip the bad ones): `plan_import` reads and checks everything and writes nothing;
`apply_import` creates the planned requests as one change (so one git commit).

Columns are found by their header, case-insensitively, with the names newsroom spreadsheets
actually use (see `COLUMNS`). Dates are read day-first. Authorities go through the directory: a
close miss is an error for that row, with suggestions; a name it has never heard of is accepted.

Importing the same file twice creates nothing new. A row is the same request as one already in
the tracker when the authority, the subject (ignoring case and spacing) and the date sent agree,
or when its `import_key` (a hash of those three as first imported, kept in the request file) is
already there, so a request whose subject was tidied after an import is still recognised.

One idea, though long: reading a newsroom's sheet is mostly the many ways people write a column,
a date or an outcome, and every cell is either used or reported.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from foitrack import vocab
from foitrack.dates import DateParseError, parse_date
from foitrack.law.validation import file_problems
from foitrack.errors import FoitrackError, UsageError
from foitrack.store.model import ExemptionError, Event, Request, email_address, identity_key, normalise_exemption

# field -> header names (normalised: lower case, words separated by single spaces)
COLUMNS: dict[str, tuple[str, ...]] = {
    "authority": (
        "authority", "public authority", "authority name", "organisation", "organization",
        "organisation name", "organization name", "public body", "body", "department", "recipient",
    ),
    "subject": ("subject", "title", "request", "request title", "request subject", "topic"),
    "sent": (
        "sent", "date sent", "sent date", "sent on", "date", "date requested", "request date",
        "date of request", "date submitted", "submitted",
    ),
    "received": ("received", "date received", "received date", "received on"),
    "ref": (
        "reference", "ref", "ref no", "reference number", "their reference", "their ref",
        "authority reference", "foi reference", "case reference",
    ),
    "acknowledged": ("acknowledged", "date acknowledged", "acknowledgement date", "acknowledged on"),
    "chased": (
        "chased", "date chased", "chased on", "chase date", "chased date", "last chased", "chasers",
        "chaser sent", "chasers sent", "reminder sent", "reminders sent", "date of chaser",
    ),
    "responded": (
        "responded", "date of response", "response date", "date responded", "responded on",
        "date of reply", "reply date", "response received", "first response", "answered",
    ),
    "outcome": ("outcome", "status", "result", "decision", "response outcome"),
    "exemptions": (
        "exemptions", "exemption", "exemptions cited", "exemptions used", "exceptions", "sections",
    ),
    "tags": ("tags", "tag", "labels", "label", "project", "category"),
    "email": ("email", "e mail", "email address", "contact email", "foi email"),
    "regime": ("regime", "law", "act", "legislation", "request type"),
    "body": ("request text", "text", "request body", "full request", "wording", "request wording", "details"),
    "via": ("via", "sent via", "method", "channel"),
    "batch": ("batch",),
    "notes": ("notes", "note", "comments", "comment"),
}
# Headers that give way to a better-named column. "Body" is the public body unless another
# column names the authority, when it is the request's text; "Request" is the subject unless a
# subject or title column exists, when it too is the text; "Status" is the outcome unless an
# "Outcome" column exists (as in foitrack's own export); "Date" is the date sent unless a
# "Date sent" column exists. The value is where the header goes second (None: ignored).
_WEAK = {"body": "body", "request": "body", "status": None, "date": None}

# Words a status column uses while a request is still open: not an outcome, not an error.
PENDING_WORDS = frozenset(
    {
        "", "-", "n a", "na", "none", "pending", "open", "sent", "waiting", "awaiting", "awaiting response",
        "in progress", "outstanding", "no response", "no reply", "acknowledged", "chased", "late",
        "overdue", "very overdue", "delayed", "clarification requested", "fee requested",
        "review requested", "review overdue", "complained", "tbc",
    }
)
WITHDRAWN_WORDS = frozenset({"withdrawn", "cancelled", "canceled", "abandoned"})

REGIME_WORDS = {
    "foi": "foia", "foia": "foia", "freedom of information": "foia", "freedom of information act": "foia",
    "freedom of information act 2000": "foia", "foi act": "foia",
    "eir": "eir", "eirs": "eir", "environmental information": "eir",
    "environmental information regulations": "eir",
    "foisa": "foisa", "foi s": "foisa", "foi scotland": "foisa", "freedom of information scotland": "foisa",
    "freedom of information scotland act": "foisa", "freedom of information scotland act 2002": "foisa",
    "eisr": "eisr", "eir scotland": "eisr", "environmental information scotland": "eisr",
    "sar": "sar", "dsar": "sar", "subject access": "sar", "subject access request": "sar", "gdpr": "sar",
}
VIA_WORDS = {
    "email": "email", "e mail": "email", "post": "post", "letter": "post", "web": "web", "online": "web",
    "web form": "web", "webform": "web", "website": "web", "portal": "web",
    "whatdotheyknow": "whatdotheyknow", "wdtk": "whatdotheyknow", "what do they know": "whatdotheyknow",
}


def _words(text: str) -> str:
    """'Date of Response ' -> 'date of response'; 'E-mail' -> 'e mail'; 'FOI(S)' -> 'foi s'."""
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}


@dataclass
class PlannedRow:
    row: int
    request: Request | None = None  # None when the row has errors
    errors: list[RowError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    existing: str | None = None  # id of the request already in the tracker
    repeats: int | None = None  # an earlier row of this file holding the same request

    @property
    def action(self) -> str:
        if self.errors:
            return "error"
        if self.existing:
            return "exists"
        if self.repeats:
            return "repeat"
        return "create"


@dataclass(frozen=True)
class Defaults:
    """What `import --subject/--sent/--batch/--tag` give rows that have none: a sheet without
    the column, or a row whose cell is empty. Tags are added to every row's own."""

    subject: str | None = None
    sent: dt.date | None = None
    batch: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unused:
    """A cell with something in it that no request takes, and why: reported, never dropped
    silently."""

    row: int
    column: str
    value: str
    why: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "why": self.why}


@dataclass
class ImportPlan:
    source: str
    columns: dict[str, str]  # field -> header as written in the file
    ignored: list[str]
    rows: list[PlannedRow]
    notes: list[str] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]

    def by_action(self, action: str) -> list[PlannedRow]:
        return [row for row in self.rows if row.action == action]


# ---------------------------------------------------------------------------------------------
# Reading the file


def decode(data: bytes) -> tuple[str, str | None]:
    """The file's text, and a note if it was not UTF-8 (Excel on Windows saves CSV as cp1252).

    UTF-16 with its byte-order mark (what Excel's "Unicode Text" and some exports give) is read
    as such; UTF-16 without one, whose every other byte is a NUL, is refused with how to save it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "the file is UTF-16 text; read it as such"
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise FoitrackError(
            "the file is not text foitrack can read (it holds NUL bytes: UTF-16 without a byte-order "
            "mark, or not a CSV file at all): save the spreadsheet as 'CSV UTF-8', then import again"
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "the file is not UTF-8; read it as Windows-1252 (Excel's CSV)"


def read_table(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Headers and (spreadsheet row number, cells) for each non-blank row; the header is row 1."""
    if re.match(r"sep=.\r?\n", text):  # Excel's delimiter hint line, not a row of the sheet
        delimiter, text = text[4], text[text.index("\n") + 1 :]
    else:
        # The header decides: headers hold no commas, but a cell of text easily does.
        first_line = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first_line.count) if any(c in first_line for c in ",;\t") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise FoitrackError("the file is empty: export the spreadsheet as CSV with a header row") from None
    except csv.Error as error:
        raise FoitrackError(f"the file is not readable CSV: {error}") from None
    rows = []
    number = 1
    try:
        for cells in reader:
            number += 1
            if any(cell.strip() for cell in cells):
                rows.append((number, cells))
    except csv.Error as error:
        raise FoitrackError(f"row {number + 1}: the file is not readable CSV there: {error}") from None
    opened = _unclosed_quote(text, delimiter)
    if opened is not None:
        # Read leniently, the rest of the file would be one cell of the row where the quote opened.
        raise FoitrackError(
            f"row {opened}: a quote (\") opened in this row is never closed, so every row after it would "
            "be read as part of one cell: close the quote (or take it out) in the spreadsheet, then import again"
        )
    return headers, rows


def _unclosed_quote(text: str, delimiter: str) -> int | None:
    """The spreadsheet row in which a quoted cell opens and runs to the end of the file, if any."""
    strict = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row = 0
    try:
        for _ in strict:
            row += 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            return row + 1
    return None


def match_columns(headers: list[str], defaults: Defaults = Defaults()) -> tuple[dict[str, int], list[str]]:
    """Which column holds each field; and the headers that match nothing (ignored). The subject
    and date sent may be missing when `defaults` gives them."""
    lookup = {name: fieldname for fieldname, names in COLUMNS.items() for name in names}
    found: dict[str, int] = {}
    ignored: list[str] = []
    second_choice: list[tuple[int, str]] = []
    for index, header in enumerate(headers):
        key = _words(header)
        fieldname = lookup.get(key)
        if fieldname is None:
            if header.strip():
                ignored.append(header.strip())
            continue
        if key in _WEAK:
            second_choice.append((index, key))
            continue
        if fieldname in found:
            raise FoitrackError(
                f"columns {headers[found[fieldname]]!r} and {header!r} both look like the {fieldname}: "
                "rename or delete one, then import again"
            )
        found[fieldname] = index
    for index, key in second_choice:
        first = lookup[key]
        if first not in found:
            found[first] = index
        elif _WEAK[key] and _WEAK[key] not in found:
            found[_WEAK[key]] = index
        else:
            ignored.append(headers[index].strip())
    given = {"subject": defaults.subject is not None, "sent": defaults.sent is not None}
    missing = [name for name in ("authority", "subject", "sent") if name not in found and not given.get(name)]
    if missing:
        wanted = "; ".join(f"{name}: {', '.join(COLUMNS[name][:4])}" for name in missing)
        shown = ", ".join(repr(h) for h in headers if h.strip()) or "none"
        options = [f"--{name}" for name in missing if name in given]
        instead = f", or give {' and '.join(options)} for every row" if options else ""
        raise FoitrackError(
            f"no column for the {' or '.join(missing)} (headers tried, e.g. {wanted}); this file's "
            f"columns are {shown}: rename the column's header{instead}, then import again"
        )
    return found, ignored


# ---------------------------------------------------------------------------------------------
# Reading one row


def import_key(authority: str, subject: str, sent: dt.date) -> str:
    return hashlib.sha256(identity_key(authority, subject, sent).encode("utf-8")).hexdigest()[:16]


def _split(text: str, separators: str) -> list[str]:
    return [part.strip() for part in re.split(f"[{re.escape(separators)}]", text) if part.strip()]


_MIDNIGHT = re.compile(r"^(.*\d)[ T]0?0:00(:00)?$")


class _Row:
    """One row's cells by field, collecting errors as it is read."""

    def __init__(self, number: int, cells: list[str], columns: dict[str, int], headers: list[str]):
        self.number = number
        self.cells = cells
        self.columns = columns
        self.headers = headers
        self.errors: list[RowError] = []
        self.notes: list[str] = []
        self.unused: list[Unused] = []

    def header(self, fieldname: str) -> str:
        return self.headers[self.columns[fieldname]].strip()

    def text(self, fieldname: str) -> str | None:
        index = self.columns.get(fieldname)
        if index is None or index >= len(self.cells):
            return None
        value = self.cells[index].strip()
        if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
            value = value[1:]  # the apostrophe `foitrack export` puts before text that looks like a formula
        return value or None

    def error(self, fieldname: str | None, value: str | None, message: str) -> None:
        column = self.header(fieldname) if fieldname and fieldname in self.columns else fieldname
        self.errors.append(RowError(self.number, column, value, message))

    def date(self, fieldname: str) -> dt.date | None:
        value = self.text(fieldname)
        if value is None:
            return None
        return self._date(fieldname, value)

    def dates(self, fieldname: str) -> list[dt.date]:
        """A cell that may hold several dates ('03/07/2023; 10/07/2023', '3 Jul 2023 and
        10 Jul 2023'), in the order written; each one that is not a date is an error."""
        value = self.text(fieldname)
        if value is None:
            return []
        parts = [part.strip() for part in re.split(r"[;,\n]|\band\b", value) if part.strip()]
        return [day for part in parts if (day := self._date(fieldname, part)) is not None]

    def _date(self, fieldname: str, value: str) -> dt.date | None:
        cleaned = _MIDNIGHT.sub(r"\1", value)  # '2023-06-01 00:00:00' from a spreadsheet's date cell
        if cleaned.lower() in ("today", "yesterday", "tomorrow"):
            self.error(fieldname, value, f"{value!r} is relative: write the date itself, e.g. 01/06/2023")
            return None
        try:
            return parse_date(cleaned)
        except DateParseError as problem:
            self.error(fieldname, value, str(problem).replace(repr(cleaned), repr(value)))
            return None

    def choice(self, fieldname: str, table: dict[str, str], what: str) -> str | None:
        value = self.text(fieldname)
        if value is None:
            return None
        found = table.get(_words(value))
        if found is None:
            self.error(fieldname, value, f"{value!r} is not a {what} foitrack knows ({', '.join(sorted(set(table.values())))})")
        return found


def read_outcome(value: str) -> str | None:
    """An outcome column's cell: 'Partially successful' -> 'partial', 'Refused (s43)' ->
    'refused' (the words `respond --outcome` reads, `foitrack.vocab.read_outcome`); words for
    a request still open -> ''; 'Withdrawn' -> 'withdrawn'. None when the text is not an
    outcome foitrack can read."""
    words = _words(value)
    if words in PENDING_WORDS:
        return ""
    if words in WITHDRAWN_WORDS:
        return "withdrawn"
    return vocab.read_outcome(value)


# Words a status column uses for something that happened, which foitrack records as an event
# only with its date: the column that gives the date, when the sheet has one.
STATUS_EVENTS = {
    "acknowledged": ("acknowledged", "acknowledged"),
    "chased": ("chased", "chased"),
    "clarification requested": ("clarification-requested", None),
    "fee requested": ("fee-notice", None),
    "review requested": ("review-requested", None),
    "complained": ("complained", None),
}


def plan_row(tracker, row: _Row, defaults: Defaults = Defaults(), *, accept_suggestions: bool = False) -> Request | None:
    """Read one row into a request with its events, or None with row.errors set. `defaults`
    fill what the row lacks; with `accept_suggestions` an authority name with a single near
    match in the directory is read as that authority (and a note says so)."""
    authority_text = row.text("authority")
    choice = None
    if authority_text is None:
        row.error("authority", None, "no authority: every request needs one")
    else:
        try:
            choice = tracker.resolve_authority(authority_text, accept_suggestion=accept_suggestions)
        except FoitrackError as problem:
            row.error("authority", authority_text, problem.message)
        else:
            if choice.note:
                row.notes.append(f"row {row.number}: {choice.note}")
    subject = row.text("subject") or defaults.subject
    if subject is None:
        row.error("subject", None, "no subject: every request needs a short title (or give --subject)")
    sent = row.date("sent")
    if sent is None and row.text("sent") is None:
        sent = defaults.sent
        if sent is None:
            row.error("sent", None, "no date sent (or give --sent)")
    received = row.date("received")
    regime = row.choice("regime", REGIME_WORDS, "law")
    via = row.choice("via", VIA_WORDS, "way of sending")
    acknowledged = row.date("acknowledged")
    responded = row.date("responded")
    chased = row.dates("chased")
    ref = row.text("ref")
    email = row.text("email")
    if email is not None:
        try:
            email = email_address(email, "address")
        except FoitrackError as problem:
            row.error("email", email, problem.message)
    # A spreadsheet records what has happened: a date after today is a typo.
    today = tracker.today
    dated = [("sent", sent), ("received", received), ("acknowledged", acknowledged), ("responded", responded)]
    for fieldname, day in dated + [("chased", day) for day in chased]:
        if day is not None and day > today:
            value = row.text(fieldname)
            row.error(fieldname, value, f"{value!r} ({day.isoformat()}) is in the future: today is {today.isoformat()}")

    outcome_text = row.text("outcome")
    outcome = read_outcome(outcome_text) if outcome_text else ""
    if outcome is None:
        row.error(
            "outcome", outcome_text,
            f"{outcome_text!r} is not an outcome foitrack knows: use granted, partial, refused, "
            "not held, NCND or withdrawn (or leave it empty while waiting)",
        )
    exemptions: list[str] = []
    exemptions_text = row.text("exemptions")
    if exemptions_text:
        for part in _split(exemptions_text, ",;/"):
            try:
                exemptions.append(normalise_exemption(part, regime or (choice.regime if choice else None)))
            except ExemptionError as problem:
                row.error("exemptions", exemptions_text, str(problem))
    if outcome and responded is None and row.text("responded") is None:
        what = "withdrawal" if outcome == "withdrawn" else "response"
        row.error(
            "outcome", outcome_text,
            f"{outcome_text!r} needs the date of the {what}"
            + ("" if "responded" in row.columns else " (add a 'date of response' column)"),
        )
    if responded is not None and outcome == "":
        row.error(
            "responded", row.text("responded"),
            "a response date with no outcome: say what the response was (granted, partial, refused, "
            "not held, NCND)",
        )
    if exemptions and outcome in ("", "withdrawn", "granted"):
        row.error("exemptions", exemptions_text, "exemptions given but the outcome is not a refusal or part refusal")
    if outcome == "" and outcome_text and _words(outcome_text) in STATUS_EVENTS:
        # 'Chased', 'Acknowledged': something happened, but the status column does not say when.
        event_type, dated_by = STATUS_EVENTS[_words(outcome_text)]
        if not (dated_by == "acknowledged" and (acknowledged or ref)) and not (dated_by == "chased" and chased):
            if dated_by in row.columns:
                column = f"; or give the date in its {row.header(dated_by)!r} column"
            elif dated_by:
                column = f"; or add a column {dated_by.capitalize()!r} with the date"
            else:
                column = ""
            row.unused.append(
                Unused(
                    row.number, row.header("outcome"), outcome_text,
                    f"no date for it: once imported, record it with 'foitrack record ID {event_type} --on DATE'{column}",
                )
            )
    if row.errors or choice is None or subject is None or sent is None:
        return None

    events: list[dict[str, Any]] = []
    sources: list[str] = []  # the column each event's date came from
    if ref or acknowledged:
        event: dict[str, Any] = {"type": "acknowledged", "date": acknowledged or sent}
        if ref:
            event["ref"] = ref
        if acknowledged is None:
            event["note"] = "imported: the date of acknowledgement was not in the spreadsheet"
        events.append(event)
        sources.append("acknowledged" if acknowledged else "sent")
    for day in chased:
        events.append({"type": "chased", "date": day})
        sources.append("chased")
    if outcome == "withdrawn":
        events.append({"type": "withdrawn", "date": responded})
        sources.append("responded")
    elif outcome:
        events.append({"type": "responded", "date": responded, "outcome": outcome, "exemptions": exemptions})
        sources.append("responded")
    # In the order they happened (a sort that keeps ties in the order above), each with its column.
    order = sorted(range(len(events)), key=lambda index: events[index]["date"])
    events, sources = [events[i] for i in order], [sources[i] for i in order]
    header: dict[str, Any] = {
        "authority": choice.name,
        "subject": " ".join(subject.split()),
        "sent": sent,
        "received": received if received and received != sent else None,
        "regime": regime or choice.regime,
        "batch": row.text("batch") or defaults.batch,
        "tags": sorted(set(_split(row.text("tags") or "", ",;")) | set(defaults.tags)),
        "via": via,
        "email": email,
        "notes": row.text("notes"),
        "body": row.text("body"),
        "import_key": import_key(choice.name, subject, sent),
    }
    data = {key: value for key, value in header.items() if value not in (None, [])}
    try:
        request = Request.model_validate({**data, "events": [Event.model_validate(e) for e in events]})
    except ValidationError as problem:
        detail = problem.errors()[0]
        row.error(None, None, detail.get("msg", "invalid").replace("Value error, ", ""))
        return None
    # Exactly what `foitrack check` would say about the file this row becomes, so that an import
    # can never write a file that check then rejects.
    for loc, message in file_problems(request):
        fieldname = loc[0] if loc[0] != "events" else sources[loc[1]]
        value = row.text(fieldname)
        if value is not None and value not in message:
            message = f"{value!r}: {message}"
        row.error(fieldname, value, message)
    return None if row.errors else request


# ---------------------------------------------------------------------------------------------
# The whole file


def plan_import(
    tracker, data: bytes, source: str, defaults: Defaults = Defaults(), *, accept_suggestions: bool = False
) -> ImportPlan:
    """Read and check every row; write nothing. Every cell is used or reported: a cell no
    request takes (a column foitrack does not read, one with no header, one past the header's
    last, a status word that needs a date) is in `plan.unused` for the rows imported."""
    text, encoding_note = decode(data)
    headers, table = read_table(text)
    columns, ignored = match_columns(headers, defaults)
    plan = ImportPlan(
        source=source,
        columns={name: headers[index].strip() for name, index in columns.items()},
        ignored=ignored,
        rows=[],
    )
    if encoding_note:
        plan.notes.append(encoding_note)
    existing, problems = tracker.load_all()
    if problems:
        plan.notes.append(
            f"{len(problems)} request file(s) could not be read, so rows matching them may be "
            "imported again: run foitrack check"
        )
    by_id = {request.id: request for request in existing}
    known: dict[str, str] = {}
    for request in existing:
        known[identity_key(request.authority, request.subject, request.logged_on)] = request.id
        key = (request.model_extra or {}).get("import_key")
        if isinstance(key, str):
            known.setdefault(key, request.id)
    seen: dict[str, int] = {}
    taken = set(columns.values())
    for number, cells in table:
        row = _Row(number, cells, columns, headers)
        request = plan_row(tracker, row, defaults, accept_suggestions=accept_suggestions)
        planned = PlannedRow(number, request, row.errors, row.notes)
        if request is not None:
            identity = identity_key(request.authority, request.subject, request.sent)
            key = (request.model_extra or {}).get("import_key")
            planned.existing = known.get(identity) or known.get(key)
            if planned.existing is None:
                planned.repeats = seen.get(identity)
                seen.setdefault(identity, number)
            if planned.existing is not None or planned.repeats:
                planned.notes = []  # how the authority was read matters only for new requests
            if (
                planned.existing is not None
                and request.events_of("responded")
                and not by_id[planned.existing].events_of("responded")
            ):
                planned.notes.append(
                    f"row {number}: the spreadsheet has a response that {planned.existing} lacks: "
                    f"record it with foitrack respond {planned.existing}"
                )
        plan.rows.append(planned)
        if planned.action in ("create", "error"):
            plan.unused += row.unused + _untaken_cells(number, cells, headers, taken)
    return plan


def _untaken_cells(number: int, cells: list[str], headers: list[str], taken: set[int]) -> list[Unused]:
    """The cells of a row that no field reads, each with why."""
    unused = []
    for index, cell in enumerate(cells):
        if index in taken or not cell.strip():
            continue
        letter = _column_letter(index)
        if index >= len(headers):
            column, why = f"column {letter}", "past the last column the header names: give it a header"
        elif not headers[index].strip():
            column, why = f"column {letter}", "the column has no header: give it one foitrack reads"
        else:
            column, why = headers[index].strip(), "foitrack reads no column of that name (see 'foitrack import --help')"
        unused.append(Unused(number, column, cell.strip(), why))
    return unused


def _column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': the column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def apply_import(tracker, plan: ImportPlan, *, skip_bad: bool = False) -> list[Request]:
    """Create the planned requests, as one change. Refuses if any row is bad, unless `skip_bad`."""
    errors = plan.errors
    if errors and not skip_bad:
        bad = len({error.row for error in errors})
        raise FoitrackError(
            f"{bad} row{'s' if bad != 1 else ''} of {plan.source} ha{'ve' if bad != 1 else 's'} problems, "
            "so nothing was imported: fix them, or pass --skip-bad to import the good rows"
        )
    wanted = [row.request for row in plan.by_action("create")]
    if not wanted:
        return []
    name = Path(plan.source).name
    message = (
        f"Import {len(wanted)} FOI request{'s' if len(wanted) != 1 else ''} from {name}"
        if len(wanted) != 1
        else f"Import FOI request to {wanted[0].authority} from {name}: {wanted[0].subject}"
    )
    return tracker.create_requests(wanted, message)


def read_source(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder: give the CSV file") from None
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
